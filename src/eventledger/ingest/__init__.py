"""The ingest stage: files, folders and globs in; raw documents (or failures) out.

Every input becomes either a ``RawDocument`` (the exact bytes kept as evidence, plus the
decoded payload) or a ``Failure`` with a one-line reason, so one bad file never stops a
batch. Formats are recognised from content, not names: plain text, HTML (also gzipped),
JSON / JSON lines, RSS and Atom feeds, and WARC archives. Nothing touches the network.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from eventledger.ingest.failure import Failure
from eventledger.ingest.reader import read_file
from eventledger.ingest.sources import expand
from eventledger.model import RawDocument

logger = logging.getLogger(__name__)

# Largest file read whole, and largest single record of a stream, after decompression.
MAX_BYTES = 50_000_000

__all__ = ["Failure", "MAX_BYTES", "read_inputs"]


def read_inputs(paths: Sequence[str], *, max_bytes: int | None = None) -> Iterator[RawDocument | Failure]:
    """Yield a document or failure for every input, lazily and in a deterministic order.

    A generator on purpose: a batch of any size is read one file (one record for WARC
    and JSON lines) at a time. ``max_bytes`` overrides ``MAX_BYTES`` for this call.
    """
    cap = MAX_BYTES if max_bytes is None else max_bytes
    for item in expand(paths):
        if isinstance(item, Failure):
            logger.info("skipping %s: %s", item.source, item.reason)
            yield item
            continue
        for result in read_file(item, cap):
            if isinstance(result, Failure):
                logger.info("skipping %s: %s", result.source, result.reason)
            yield result
