"""Turning raw bytes into text, and saying which encoding was used.

The order follows the WHATWG encoding sniffing algorithm, which is what browsers (and so
the publishers who test in them) rely on: a byte-order mark wins, then the charset the
HTTP response declared, then an HTML ``<meta>`` charset, then strict UTF-8, and only then
a statistical guess. A declared charset that fails to decode is treated as a lie and
skipped. Labels that browsers read as Windows-1252 (latin-1, ascii) are decoded as cp1252.
"""

from __future__ import annotations

import codecs
import logging
import re
from contextvars import ContextVar

from charset_normalizer import from_bytes

from eventledger.errors import CorruptInput

logger = logging.getLogger(__name__)

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers decode these labels as windows-1252; cp1252 is a superset with the same bytes.
_AS_CP1252 = {"iso8859-1", "ascii", "cp1252"}
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
META_SCAN = 4096
# The file being read (set by ingest.reader), so that a guessed encoding can be reported by name.
READING: ContextVar[str | None] = ContextVar("eventledger_reading", default=None)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return None


def bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for BOM-less UTF-16 of mostly-ASCII text, seen by its NUL bytes.

    Windows tools still write it; read as UTF-8 it would "succeed" with a NUL every
    other character, so it must be caught before the UTF-8 attempt.
    """
    sample = data[:512]
    if len(sample) < 4 or len(sample) % 2:
        return None
    evens, odds = sample[0::2], sample[1::2]
    if odds.count(0) > 0.8 * len(odds) and not evens.count(0):
        return "utf-16-le"
    if evens.count(0) > 0.8 * len(evens) and not odds.count(0):
        return "utf-16-be"
    return None


def canonical(label: str) -> str | None:
    """Python's codec name for a charset label, or None when Python does not know it."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in _AS_CP1252 else name


def charset_from_content_type(value: str | None) -> str | None:
    """The charset parameter of an HTTP ``Content-Type`` value, if any."""
    match = _CT_CHARSET.search(value or "")
    return match.group(1) if match else None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` tag declares in the first 4 KB (as browsers scan)."""
    match = _META_CHARSET.search(data[:META_SCAN])
    return match.group(1).decode("ascii") if match else None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, *, declared: str | None = None, html: bool = False) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)`` with ``data.decode(encoding) == text``.

    ``declared`` is a charset from outside the bytes (an HTTP header); ``html`` enables
    the ``<meta>`` scan. Raises ``CorruptInput`` when nothing decodes the bytes.
    """
    bom = bom_encoding(data)
    if bom:
        text = _try(data, bom)
        if text is not None:
            return text, bom
        raise CorruptInput(f"starts with a {bom} byte-order mark but is not valid {bom}")
    candidates = [bomless_utf16(data), declared, meta_charset(data) if html else None, "utf-8"]
    for label in candidates:
        name = canonical(label) if label else None
        if name is None:
            if label:
                logger.debug("ignoring unknown charset label %r", label)
            continue
        text = _try(data, name)
        if text is not None:
            return text, name
        logger.debug("declared charset %s does not decode these bytes; trying the next", name)
    return _guess(data)


def _guess(data: bytes) -> tuple[str, str]:
    best = from_bytes(data).best()
    if best is None:
        raise CorruptInput(
            "undecodable text: not UTF-8 and no other character encoding fits; re-save the file as UTF-8"
        )
    name = canonical(best.encoding) or best.encoding
    text = _try(data, name)
    if text is None:  # pragma: no cover - charset-normalizer only reports working codecs
        raise CorruptInput(f"undecodable text: guessed {name} but it does not decode the bytes")
    if name != "cp1252" and _try(data, "cp1252") == text:
        # Short Western text decodes identically in several code pages; name the usual one.
        name = "cp1252"
    # Not UTF-8, nothing declared: the text may be mojibake. Say so instead of storing it silently.
    where = (READING.get() or "input").encode("unicode_escape").decode("ascii")
    logger.warning(
        "%s: not valid UTF-8 and no charset declared; decoded with a guessed %s (check the text, or re-save it as "
        "UTF-8)", where, name,
    )  # fmt: skip
    return text, name
