"""Deciding what a file is from its first bytes, not its name.

Extensions lie (feeds saved as ``.html``, JSON lines as ``.txt``, HTML served as
``.php``), so the format comes from magic bytes and a look at the opening text. The
head is at most ``HEAD_BYTES``; everything here is a pure function of it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from eventledger.ingest.decode import bom_encoding, bomless_utf16

HEAD_BYTES = 1 << 16

# Magic numbers of the binary files people most often drop into an input folder.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (also .docx/.xlsx/.epub)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xca\xfe\xba\xbe", "Mach-O or Java class file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"(\xb5/\xfd", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (b"OggS", "Ogg media"),
    (b"\x00asm", "WebAssembly module"),
    (b"{\\rtf", "RTF document"),
)
_RIFF = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

_FIRST_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
_PROLOGUE = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<![^>]*>)*", re.DOTALL)
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|br|article|section|title|meta|h[1-6]|span|a|table|ul|li)[\s>/]",
    re.IGNORECASE,
)
# Only arrays of records (objects) are documents; "[1] A footnote..." stays text.
_JSON_ARRAY = re.compile(r"\[\s*[{\]]")


@dataclass(frozen=True, slots=True)
class Sniffed:
    """What the head says: ``kind`` and, for binary files, what they look like.

    ``kind`` is one of: empty, blank, binary, warc, json, jsonl, rss, atom, xml, html,
    text. ``detail`` names a binary format or an unexpected XML root.
    """

    kind: str
    detail: str = ""


def binary_kind(head: bytes) -> str | None:
    """Name a known binary format from its magic number, or None."""
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    # Short magics that could begin a sentence need a second, binary-only, check.
    if head.startswith(b"MZ") and b"\x00" in head[2:64]:
        return "Windows executable"
    if head.startswith(b"BZh") and head[4:10] == b"1AY&SY":
        return "bzip2 archive"
    if head.startswith(b"ID3") and head[3:4] in (b"\x02", b"\x03", b"\x04"):
        return "MP3 audio"
    if head.startswith(b"RIFF") and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    return None


def _text_of(head: bytes) -> str:
    """A lenient decoding of the head, good enough to look at its first characters."""
    bom = bom_encoding(head)
    if bom == "utf-16":
        return head.decode("utf-16", errors="replace")
    utf16 = bomless_utf16(head[: len(head) // 2 * 2])
    if utf16:
        return head.decode(utf16, errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _control_ratio(text: str) -> float:
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
    return bad / max(len(text), 1)


def sniff(head: bytes) -> Sniffed:
    """Classify a (decompressed) file head."""
    if not head:
        return Sniffed("empty")
    name = binary_kind(head)
    if name:
        return Sniffed("binary", name)
    if head.startswith(b"WARC/"):
        return Sniffed("warc")
    utf16 = bom_encoding(head) == "utf-16" or bomless_utf16(head[: len(head) // 2 * 2]) is not None
    if not utf16 and b"\x00" in head:
        return Sniffed("binary", "")
    text = _text_of(head)
    if not text.strip():
        return Sniffed("blank")
    if _control_ratio(text[:4096]) > 0.05:
        # Text in any ASCII-compatible encoding has almost no C0 control characters;
        # random bytes have about one in nine.
        return Sniffed("binary", "")
    return _sniff_text(text.lstrip(), streamable=not utf16)


def _is_json_lines(text: str) -> bool:
    """JSON lines, not one pretty-printed object.

    Either the first line is a whole JSON value, or the next non-blank line starts a new
    object at column 0 (a pretty-printer indents everything inside the top-level braces).
    """
    lines = [line for line in text.split("\n", 50) if line.strip()]
    if len(lines) < 2:
        return True  # one line, possibly longer than the head: a compact record
    try:
        json.loads(lines[0])
        return True
    except ValueError:
        pass
    return len(lines) > 1 and lines[1].startswith("{")


def _sniff_text(text: str, streamable: bool) -> Sniffed:
    if text.startswith("{"):
        return Sniffed("jsonl" if streamable and _is_json_lines(text) else "json")
    if _JSON_ARRAY.match(text):
        return Sniffed("json")
    if text.startswith("<"):
        xml_decl = text.startswith("<?xml")
        body = text[_PROLOGUE.match(text).end() :]  # type: ignore[union-attr]
        tag = _FIRST_TAG.match(body)
        root = tag.group(1) if tag else ""
        local = root.rsplit(":", 1)[-1].lower()
        if local == "rss" or local == "rdf":
            return Sniffed("rss")
        if local == "feed":
            return Sniffed("atom")
        if xml_decl and local not in ("html", ""):
            return Sniffed("xml", root)
    if _HTML_TAG.search(text):
        return Sniffed("html")
    return Sniffed("text")


def describe_binary(detail: str) -> str:
    """A one-line reason for refusing a binary file, naming what it looks like."""
    kind = f"looks like {detail}" if detail else "unknown kind"
    return f"binary file ({kind}), not a text/HTML/JSON/feed/WARC document"
