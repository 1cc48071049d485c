"""WARC archives (plain or gzipped): each HTML or text ``response`` record is a document.

Everything else a crawl holds (requests, metadata, images, scripts, redirects) is skipped
quietly, since a WARC is full of them. The HTTP payload is the evidence, with transfer and
content encodings undone by warcio. A truncated archive still yields every record before
the break, then one failure that names where the break is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from eventledger.errors import CorruptInput, EmptyInput, InputError
from eventledger.ingest.decode import charset_from_content_type, decode
from eventledger.ingest.failure import Failure
from eventledger.ingest.files import CHUNK, GuardedGzip, limit_text
from eventledger.ingest.formats.common import raw_document, require_text
from eventledger.model import Media, RawDocument

logger = logging.getLogger(__name__)


class _QuietArchiveIterator(ArchiveIterator):
    """warcio's iterator with its one ``sys.stderr.write`` routed to our logger.

    warcio 1.8.1 writes a multi-line warning, raw bytes included, to stderr when a record
    is not followed by a blank line (a wrong Content-Length). Library code must not write
    to the console, so this mirrors ``ArchiveIterator._consume_blanklines`` with a log call.
    """

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        empty_size = 0
        first_line = True
        while True:
            line = self.reader.readline()
            if len(line) == 0:
                return None, empty_size
            if len(line.rstrip()) != 0 and not first_line:
                return line, empty_size
            empty_size += len(line)
            if len(line.rstrip()) != 0:
                offset = self.fh.tell() - self.reader.rem_length() - empty_size
                logger.warning("WARC record at offset %d is not followed by a blank line", offset)
                self.err_count += 1
            first_line = False


class _Truncated(CorruptInput):
    """The archive ends inside a record: that record fails and reading stops."""


MEDIA_TYPES: dict[str, Media] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}


def read_warc(source: str, stream: BinaryIO, cap: int, *, gzipped: bool) -> Iterator[RawDocument | Failure]:
    """Yield a document or failure per HTML/text response, then a failure for any break.

    A gzipped archive is decompressed by ``GuardedGzip`` rather than by warcio, because
    warcio ends silently at a truncated gzip member; the guard records the break.
    """
    guard = GuardedGzip(stream) if gzipped else None
    n = yielded = 0
    archive = _QuietArchiveIterator(stream if guard is None else guard)
    try:
        for n, record in enumerate(archive, start=1):
            try:
                item = _record(f"{source}#record={n}", record, cap)
            except _Truncated as exc:
                reason = f"{exc} ({guard.broken})" if guard is not None and guard.broken else str(exc)
                yield Failure(f"{source}#record={n}", reason)
                return
            if item is not None:
                yielded += 1
                yield item
    except Exception as exc:  # warcio raises assorted errors (even AttributeError) on damage
        logger.debug("WARC iteration stopped", exc_info=True)
        detail = f": {_one_line(exc)}" if isinstance(exc, ArchiveLoadFailed) else ""
        yield Failure(f"{source}#record={n + 1}", f"truncated or corrupt WARC record{detail}")
        return
    if guard is not None and guard.broken:
        yield Failure(source, f"{guard.broken} (after WARC record {n})")
    elif archive.next_line:
        # warcio stops quietly when the file ends inside a record's headers; the first
        # header line it had already read for the next record gives the break away.
        yield Failure(f"{source}#record={n + 1}", "truncated WARC: the file ends inside this record's headers")
    elif yielded == 0:
        raise EmptyInput(f"WARC holds no HTML or text response records ({n} records read)")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _read_payload(record: ArcWarcRecord, cap: int) -> bytes:
    """The decoded HTTP payload, refused past ``cap``, and checked to be complete."""
    try:
        payload = record.content_stream().read(cap + 1)
        if len(payload) > cap:
            raise InputError(f"response payload is over the {limit_text(cap)} limit")
    except InputError:
        raise
    except Exception as exc:  # a bad Content-Encoding surfaces as zlib/brotli/OSError errors
        raise CorruptInput(f"cannot read the response payload: {_one_line(exc)}") from exc
    _drain(record)
    return payload


def _drain(record: ArcWarcRecord) -> None:
    """Read the record to its end and raise ``_Truncated`` if the file ends first.

    warcio hands out a short record without complaint; its ``raw_stream`` still counts
    the bytes the header promised, which is how the break is noticed.
    """
    while record.raw_stream.read(CHUNK):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise _Truncated("truncated WARC: the file ends inside this record")


def _record(source: str, record: ArcWarcRecord, cap: int) -> RawDocument | Failure | None:
    if record.format == "warc" and record.rec_headers.get_header("Content-Length") is None:
        # Every WARC record declares its length (ISO 28500 section 5.3); a header block
        # without one is what warcio hands out when the file ends inside the headers.
        raise _Truncated("truncated WARC: the file ends inside this record's headers")
    headers = record.http_headers if record.rec_type == "response" else None
    status = (headers and headers.get_statuscode()) or ""
    content_type = (headers and headers.get_header("Content-Type")) or ""
    media = MEDIA_TYPES.get(content_type.split(";")[0].strip().lower())
    if media is None or not status.startswith("2"):
        logger.debug("skipping %s (%s record, status %r, type %r)", source, record.rec_type, status, content_type)
        _drain(record)
        return None
    try:
        payload = _read_payload(record, cap)
    except _Truncated:
        raise
    except InputError as exc:
        return Failure.of(source, exc)
    try:
        content, encoding = decode(payload, declared=charset_from_content_type(content_type), html=media == "html")
        require_text(content, media)
    except InputError as exc:
        return Failure.of(source, exc)
    meta = {
        "url": record.rec_headers.get_header("WARC-Target-URI"),
        "fetched": record.rec_headers.get_header("WARC-Date"),
        "content_type": content_type,
    }
    return raw_document(
        source=source,
        format="warc",
        data=payload,
        content=content,
        media=media,
        meta=meta,
        encoding=encoding,
    )
