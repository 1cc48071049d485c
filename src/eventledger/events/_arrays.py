"""Per-token strings of a parse read from its arrays, for scans that test every token.

Why: iterating a Doc builds a Token object per word and each ``lemma_`` reads the string
store; scans over every token for a few dozen lemmas paid that for the whole document, once
per sentence or per rule. The lemma and part-of-speech ids come out of ``Doc.to_array`` in one
C call, kept for the document being analysed (one slot, swapped atomically, holding the Doc so
its identity cannot be reused), and the lower-cased strings are kept per id (an id is the hash
of its string, the same in every document).
"""

from __future__ import annotations

_LOWER: dict[int, str] = {}
_MAX = 500_000  # distinct lemmas kept before starting afresh (a bound on memory)
_LAST: tuple = (None, (), ())


def _arrays(doc) -> tuple:
    global _LAST
    last = _LAST
    if last[0] is doc:
        return last
    from spacy.attrs import LEMMA, POS

    if len(_LOWER) > _MAX:
        _LOWER.clear()
    strings, known = doc.vocab.strings, _LOWER
    lemmas, pos = [], []
    for h, p in doc.to_array([LEMMA, POS]).tolist():
        low = known.get(h)
        if low is None:
            low = known[h] = strings[h].lower()
        lemmas.append(low)
        pos.append(p)
    _LAST = (doc, lemmas, pos)
    return _LAST


def lower_lemmas(doc) -> list[str]:
    """``[t.lemma_.lower() for t in doc]`` without building the tokens."""
    return _arrays(doc)[1]


def verbs_with_lemma(sent, *lemma_sets: frozenset[str]) -> list:
    """The tokens of ``sent`` tagged VERB whose lower-cased lemma is in one of ``lemma_sets``, in order."""
    from spacy.symbols import VERB

    doc = sent.doc
    _, low, pos = _arrays(doc)
    return [doc[i] for i in range(sent.start, sent.end) if pos[i] == VERB and any(low[i] in s for s in lemma_sets)]
