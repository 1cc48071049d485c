"""Long documents go through the NLP stages in sections, so cost stays linear in length.

spaCy, event, time and place extraction are tuned on news reports of a few thousand
characters; on one huge paragraph some of their steps grow faster than the text (and spaCy
refuses more than its ``max_length``). A document body longer than ``SECTION_CHARS`` is cut
into sections at paragraph, then sentence, then word boundaries; each section is analysed as
a document of its own and the results are joined back with every span shifted by the
section's offset, so evidence offsets still point into the one unchanged body. A body longer
than ``MAX_NLP_CHARS`` is refused with one line (``TooLong``) before any NLP runs.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from eventledger.errors import InputError
from eventledger.model import Analysis, Document, Span

SECTION_CHARS = 20_000
MAX_NLP_CHARS = 2_000_000
BATCH = 4  # spaCy batch when sections are in play: 32 sections at once took 1.9 GB for a 1 MB text, 4 take 0.5
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?][\"')\]]?\s+(?=\S)"), re.compile(r"\n"), re.compile(r"\s+"))


class TooLong(InputError):
    """A body past the NLP limit: refused with one line, the batch goes on."""


def check_length(document: Document) -> None:
    n = len(document.body)
    if n > MAX_NLP_CHARS:
        raise TooLong(
            f"the text is {n:,} characters long, over the {MAX_NLP_CHARS:,}-character limit of the NLP stages; "
            "split it into smaller files"
        )


def bounds(body: str, size: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive sections covering ``body``, each at most ``size`` characters."""
    out, start, n = [], 0, len(body)
    while n - start > size:
        end = start + size
        window_from = start + size // 2
        for pattern in _BREAKS:
            last = None
            for m in pattern.finditer(body, window_from, end):
                last = m
            if last is not None:
                end = last.end()
                break
        out.append((start, end))
        start = end
    out.append((start, n))
    return out


def split(documents: Sequence[Document], size: int = SECTION_CHARS) -> tuple[list[Document], list[tuple[int, int]]]:
    """Section documents to analyse, and for each its (index of the whole document, offset)."""
    pieces: list[Document] = []
    owners: list[tuple[int, int]] = []
    for i, doc in enumerate(documents):
        if len(doc.body) <= size:
            pieces.append(doc)
            owners.append((i, 0))
            continue
        for start, end in bounds(doc.body, size):
            pieces.append(dataclasses.replace(doc, body=doc.body[start:end]))
            owners.append((i, start))
    return pieces, owners


def shift(obj: Any, offset: int) -> Any:
    """``obj`` with every Span inside it moved ``offset`` characters to the right."""
    if offset == 0:
        return obj
    if isinstance(obj, Span):
        return Span(obj.start + offset, obj.end + offset, obj.text)
    if isinstance(obj, tuple):
        return tuple(shift(x, offset) for x in obj)
    if isinstance(obj, list):
        return [shift(x, offset) for x in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type) and not isinstance(obj, Document):
        changes = {f.name: shift(getattr(obj, f.name), offset) for f in dataclasses.fields(obj) if f.init}
        return dataclasses.replace(obj, **changes)
    return obj


def join(
    documents: Sequence[Document], owners: Sequence[tuple[int, int]], analyses: Sequence[Analysis]
) -> list[Analysis]:
    """One Analysis per whole document, its sections' records shifted into the whole body."""
    parts: list[list[tuple[int, Analysis]]] = [[] for _ in documents]
    for (i, offset), a in zip(owners, analyses, strict=True):
        parts[i].append((offset, a))
    out = []
    for doc, sections in zip(documents, parts, strict=True):
        if len(sections) == 1 and sections[0][0] == 0:
            out.append(dataclasses.replace(sections[0][1], document=doc))
            continue
        events, timexes, toponyms = [], [], []
        for offset, a in sections:
            events.extend(shift(a.events, offset))
            timexes.extend(shift(a.timexes, offset))
            toponyms.extend(shift(a.toponyms, offset))
        out.append(Analysis(doc, tuple(events), tuple(timexes), tuple(toponyms)))
    return out
