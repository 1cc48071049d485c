"""The named entities of the parse being analysed, read once per document.

Why: ``Doc.ents`` builds a new Span for every entity on each access, and ``Span.ents`` does so
for the whole document to keep the few inside the span; the events stage asks once per sentence
or per candidate actor, which made entity reads a visible share of the stage. The entities of the
last document asked about are kept (one slot, swapped atomically, holding the Doc so its identity
cannot be reused); nothing in the pipeline changes the entities after the parse.
"""

from __future__ import annotations

_LAST: tuple = (None, ())


def doc_ents(doc) -> tuple:
    """``tuple(doc.ents)``, built once per document."""
    global _LAST
    last = _LAST
    if last[0] is doc:
        return last[1]
    ents = tuple(doc.ents)
    _LAST = (doc, ents)
    return ents


def span_ents(span) -> list:
    """``span.ents``: the entities wholly inside ``span``, in document order."""
    start, end = span.start, span.end
    return [e for e in doc_ents(span.doc) if e.start >= start and e.end <= end]
