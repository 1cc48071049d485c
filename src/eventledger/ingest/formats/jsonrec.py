"""JSON documents: one object, an array of objects, or JSON lines.

Scrapers and APIs disagree on key names, so a few common aliases are accepted for each
field. Each record keeps its own bytes as evidence: the exact line for JSON lines, and the
slice of the file for an array element (re-encoded as UTF-8, so identical bytes for a
UTF-8 file), so its hash does not depend on how we would re-serialise it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from eventledger.errors import CorruptInput, EmptyInput, InputError
from eventledger.ingest.decode import decode
from eventledger.ingest.failure import Failure
from eventledger.ingest.files import limit_text
from eventledger.ingest.formats.common import looks_like_html, raw_document, require_text
from eventledger.model import Media, RawDocument

logger = logging.getLogger(__name__)

TEXT_KEYS = ("text", "body", "content", "article", "full_text", "maintext", "description")
HTML_KEYS = ("html", "raw_html", "content_html", "body_html")
META_KEYS = {
    "url": ("url", "link", "href", "uri", "source_url"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubDate", "published_at", "date_publish", "datePublished"),
    "author": ("author", "authors", "byline", "creator"),
    "publisher": ("publisher", "source", "site_name", "source_domain"),
    "fetched": ("fetched", "crawled", "date_download", "fetched_at"),
}
_JSON_WS = " \t\r\n"


def _as_text(value: Any) -> str | None:
    """A metadata value as one string: names from objects, lists joined with commas."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("url") or value.get("href"))
    if isinstance(value, list):
        parts = [p for p in (_as_text(v) for v in value) if p]
        return ", ".join(parts) or None
    return None


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _payload(record: dict[str, Any]) -> tuple[str, Media]:
    html = _first(record, HTML_KEYS)
    if isinstance(html, str) and html.strip():
        return html, "html"
    text = _first(record, TEXT_KEYS)
    if isinstance(text, str) and text.strip():
        return text, "html" if looks_like_html(text) else "text"
    keys = ", ".join(sorted(map(str, record))[:8]) or "none"
    raise EmptyInput(
        f"JSON record has no text or html field (keys: {keys}); add a 'text' or 'html' string with the article"
    )


def build_record(source: str, data: bytes, value: Any, encoding: str) -> RawDocument:
    """A RawDocument from one parsed JSON record and the bytes it was parsed from."""
    if not isinstance(value, dict):
        raise CorruptInput(f"JSON record is a {type(value).__name__}, expected an object")
    content, media = _payload(value)
    require_text(content, media)
    meta = {field: _as_text(_first(value, keys)) for field, keys in META_KEYS.items()}
    return raw_document(
        source=source,
        format="json",
        data=data,
        content=content,
        media=media,
        meta=meta,
        encoding=encoding,
    )


TOO_DEEP = "malformed JSON: nested too deeply to read (over the parser's recursion limit)"


def _json_error(exc: json.JSONDecodeError) -> CorruptInput:
    return CorruptInput(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")


def read_json_document(source: str, payload: bytes) -> Iterator[RawDocument | Failure]:
    """A file loaded whole: one object, or an array whose elements are each a document."""
    text, encoding = decode(payload)
    start = len(text) - len(text.lstrip(_JSON_WS))
    if text[start : start + 1] == "[":
        yield from _array(source, text, start + 1, encoding)
        return
    try:
        value = json.loads(text)
    except RecursionError:  # 100k nested brackets: a hostile file, not a bug
        raise CorruptInput(TOO_DEEP) from None
    except json.JSONDecodeError as exc:
        raise _json_error(exc) from exc
    yield build_record(source, payload, value, encoding)


def _array(source: str, text: str, pos: int, encoding: str) -> Iterator[RawDocument | Failure]:
    """Walk the array element by element with ``raw_decode`` to keep each element's slice."""
    decoder = json.JSONDecoder()
    n = 0
    while True:
        while pos < len(text) and text[pos] in _JSON_WS + ",":
            pos += 1
        if pos >= len(text):
            raise CorruptInput("malformed JSON: the array is never closed (truncated file?)")
        if text[pos] == "]":
            if text[pos + 1 :].strip(_JSON_WS):
                raise CorruptInput("malformed JSON: extra data after the closing ]")
            break
        n += 1
        try:
            value, end = decoder.raw_decode(text, pos)
        except RecursionError:  # 100k nested brackets: a hostile file, not a bug
            raise CorruptInput(TOO_DEEP) from None
        except json.JSONDecodeError as exc:
            raise _json_error(exc) from exc
        element = text[pos:end].encode("utf-8")
        try:
            yield build_record(f"{source}#record={n}", element, value, encoding)
        except InputError as exc:
            yield Failure.of(f"{source}#record={n}", exc)
        pos = end
    if n == 0:
        raise EmptyInput("JSON array is empty")


def read_json_lines(source: str, stream: BinaryIO, cap: int) -> Iterator[RawDocument | Failure]:
    """Read one line at a time; a bad line fails alone and the rest continue.

    A file with a single record gets the plain path as its source, as a JSON object
    file would: the first record is held back until we know whether a second follows.
    """
    pending: tuple[int, bytes] | None = None
    count = 0
    for lineno, line in _lines(stream, cap):
        if isinstance(line, bytes) and not line.strip():
            continue
        count += 1
        if pending is not None:
            yield _line_record(f"{source}#line={pending[0]}", pending[1])
            pending = None
        if isinstance(line, InputError):
            yield Failure.of(f"{source}#line={lineno}", line)
        elif count == 1:
            pending = (lineno, line)
        else:
            yield _line_record(f"{source}#line={lineno}", line)
    if pending is not None:
        yield _line_record(source, pending[1])
    elif count == 0:
        raise EmptyInput("holds only whitespace")


def _lines(stream: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | InputError]]:
    lineno = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        lineno += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield lineno, CorruptInput(f"line is over the {limit_text(cap)} limit")
            continue
        yield lineno, line.rstrip(b"\r\n")


def _line_record(source: str, line: bytes) -> RawDocument | Failure:
    try:
        text, encoding = decode(line)
        try:
            value = json.loads(text)
        except RecursionError:  # 100k nested brackets: a hostile file, not a bug
            raise CorruptInput(TOO_DEEP) from None
        except json.JSONDecodeError as exc:
            raise CorruptInput(f"malformed JSON: {exc.msg} at column {exc.colno}") from exc
        return build_record(source, line, value, encoding)
    except InputError as exc:
        return Failure.of(source, exc)
