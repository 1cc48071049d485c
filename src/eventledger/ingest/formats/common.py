"""Helpers every format reader shares: building a RawDocument and judging its payload."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping

from eventledger.errors import EmptyInput
from eventledger.model import Media, RawDocument

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_TOKEN = re.compile(r"<(script|style|template)\b|<!--|<[^>]*>|[^<]+|<", re.IGNORECASE)


def raw_document(
    *,
    source: str,
    format: str,
    data: bytes,
    content: str,
    media: Media,
    meta: Mapping[str, str | None],
    encoding: str | None,
) -> RawDocument:
    """A RawDocument addressed by the SHA-256 of its evidence bytes, with empty meta dropped."""
    clean = {k: " ".join(v.split()) for k, v in meta.items() if v and v.strip()}
    return RawDocument(
        sha256=hashlib.sha256(data).hexdigest(),
        source=source,
        format=format,
        data=data,
        content=content,
        media=media,
        meta=clean,
        encoding=encoding,
    )


def looks_like_html(text: str) -> bool:
    """True when a payload of unknown media (a JSON ``content``, an RSS description) has tags."""
    return bool(_HTML_TAG.search(text))


def has_visible_text(markup: str) -> bool:
    """Whether HTML shows any text at all, skipping tags, comments, scripts and styles.

    A linear scan that stops at the first visible character: a regex with lazy
    ``<script>.*?</script>`` goes quadratic on pages with unclosed tags.
    """
    pos, lower = 0, None
    while (m := _TOKEN.match(markup, pos)) is not None:
        token = m.group(0)
        if m.group(1) or token == "<!--":
            lower = lower if lower is not None else markup.lower()
            closer = "-->" if token == "<!--" else f"</{m.group(1).lower()}"
            end = lower.find(closer, m.end())
            if end < 0:
                return False
            pos = end + len(closer)
            if token != "<!--":
                gt = markup.find(">", pos)
                pos = len(markup) if gt < 0 else gt + 1
        elif token[0] != "<" or token == "<":
            if html.unescape(token).strip():
                return True
            pos = m.end()
        else:
            pos = m.end()
    return False


def require_text(content: str, media: Media) -> None:
    """Refuse a payload with no text at all; a page with *little* text is extract's call."""
    if not content.strip():
        raise EmptyInput("holds only whitespace")
    if media == "html" and not has_visible_text(content):
        raise EmptyInput("HTML has no text at all (only markup)")
