"""Reading one file: open it safely, sniff it, and hand it to the reader for its format.

Size policy: formats read whole (text, HTML, JSON, feeds) are refused above the cap
before anything is loaded; streamed containers (WARC, JSON lines) may be any size, and
the cap applies to each record instead, so memory stays flat either way.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import BinaryIO

from eventledger.errors import EmptyInput, InputError, UnsupportedFormat
from eventledger.ingest.decode import READING
from eventledger.ingest.failure import Failure
from eventledger.ingest.files import (
    GZIP_MAGIC,
    GuardedGzip,
    check_size,
    file_size,
    gunzip,
    open_regular,
    peek_gzip,
    read_all,
)
from eventledger.ingest.formats.feeds import read_feed
from eventledger.ingest.formats.jsonrec import read_json_document, read_json_lines
from eventledger.ingest.formats.page import read_page
from eventledger.ingest.formats.warc import read_warc
from eventledger.ingest.sniff import HEAD_BYTES, describe_binary, sniff
from eventledger.model import RawDocument

logger = logging.getLogger(__name__)


def read_file(path: str, cap: int) -> Iterator[RawDocument | Failure]:
    """Yield the documents of one file, or failures; never raises for bad input."""
    token = READING.set(path)  # names the file in an encoding-guess warning
    try:
        with open_regular(path) as stream:
            yield from _read_open(path, stream, cap)
    except InputError as exc:
        yield Failure.of(path, exc)
    except OSError as exc:
        yield Failure(path, f"read error: {exc.strerror or exc}")
    except Exception as exc:  # the batch must go on; the traceback goes to the debug log (-vv)
        logger.debug("unexpected error reading %s", path, exc_info=True)
        reason = Failure.of(path, exc).reason
        yield Failure(path, f"internal error while reading (please report it): {reason}")
    finally:
        try:
            READING.reset(token)
        except ValueError:  # closed from another context (garbage collection): nothing to restore
            pass


def _read_open(path: str, stream: BinaryIO, cap: int) -> Iterator[RawDocument | Failure]:
    size = file_size(stream)
    if size == 0:
        raise EmptyInput("empty file")
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    gzipped = head.startswith(GZIP_MAGIC)
    if gzipped:
        head = peek_gzip(stream, HEAD_BYTES)
    sniffed = sniff(head)
    logger.debug("%s: %s%s", path, sniffed.kind, " (gzip)" if gzipped else "")
    if sniffed.kind == "warc":
        yield from read_warc(path, stream, cap, gzipped=gzipped)
        return
    if sniffed.kind == "jsonl":
        if not gzipped:
            yield from read_json_lines(path, stream, cap)
            return
        guard = GuardedGzip(stream)
        yield from read_json_lines(path, io.BufferedReader(guard), cap)
        guard.raise_if_broken()
        return
    check_size(size, cap)
    if sniffed.kind == "binary":
        detail = f"gzip-compressed {sniffed.detail or 'data'}" if gzipped else sniffed.detail
        raise UnsupportedFormat(describe_binary(detail))
    data = read_all(stream, cap)
    payload = gunzip(io.BytesIO(data), cap) if gzipped else data
    yield from _read_whole(path, sniffed.kind, sniffed.detail, data, payload, gzipped)


def _read_whole(
    path: str, kind: str, detail: str, data: bytes, payload: bytes, gzipped: bool
) -> Iterator[RawDocument | Failure]:
    if kind == "empty":
        raise EmptyInput("empty file" + (" after decompression" if gzipped else ""))
    if kind == "blank":
        raise EmptyInput("holds only whitespace")
    if kind == "xml":
        raise UnsupportedFormat(f"XML document with root <{detail}>, not an RSS or Atom feed")
    if kind in ("rss", "atom"):
        yield from read_feed(path, payload, kind)
    elif kind == "json":
        yield from read_json_document(path, payload)
    else:
        yield read_page(path, data, payload, "html" if kind == "html" else "text")
