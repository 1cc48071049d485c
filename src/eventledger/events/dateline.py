"""Wire datelines ("BOGOTA (Reuters) -", "KARACHI —", "GOMA, Congo, May 3 (AP) —").

A dateline says where a report was filed and by whom; it is not part of any clause, yet a
small parser glues it onto the first sentence's subject. Evidence and actor spans therefore
start after it. The body keeps it: it is the reporter's text, and extraction never rewrites.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}"  # the place, in capitals
    r"(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})?"  # an optional country or state
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # an optional date
    r"\s*(?:\([^()]{1,40}\))?\s*[-—–]{1,2}(?:\s+|$)"  # an optional agency, then the dash
)


_MEMO = "eventledger.dateline_end"
_TEXT = "eventledger.text"


def dateline_end(sent) -> int:
    """Index of the first token after a dateline opening ``sent`` (``sent.start`` when none,
    ``sent.end`` when the parser made the dateline a sentence of its own).

    Asked once per actor and per sentence by several stages, so the answer is kept with the
    parse (``doc.user_data``): the doc's own lifetime bounds the memo."""
    doc = sent.doc
    start, end = sent.start, sent.end
    memo = getattr(doc, "user_data", None)
    if not isinstance(memo, dict):
        return _end(doc, start, end)
    table = memo.get(_MEMO)
    if table is None:
        table = memo[_MEMO] = {}
        memo[_TEXT] = doc.text  # once: spaCy joins the text anew on each access
    cut = table.get((start, end))
    if cut is None:
        cut = table[(start, end)] = _end(doc, start, end, memo[_TEXT])
    return cut


@lru_cache(maxsize=4096)
def _cached(text: str) -> int:
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _head(doc, start: int, end: int, size: int = 120) -> str:
    """``doc[start:end].text[:size]`` without joining the whole sentence (this runs per actor)."""
    parts: list[str] = []
    n, i = 0, start
    while i < end and n <= size:
        parts.append(doc[i].text_with_ws)
        n += len(parts[-1])
        i += 1
    head = "".join(parts)
    if i == end and end > start and doc[end - 1].whitespace_:
        head = head[:-1]  # a span's text leaves out its last token's trailing space
    return head[:size]


def _end(doc, start: int, end: int, text: str | None = None) -> int:
    if text is None or end <= start:
        head = _head(doc, start, end)
    else:  # the same string, sliced from the document's text
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        head = text[first : min(last, first + 120)]
    cut = _cached(head)
    if not cut:
        return start
    limit = doc[start].idx + cut
    for tok in doc[start:end]:
        if tok.idx >= limit:
            return tok.i
    return end  # the sentence is nothing but the dateline
