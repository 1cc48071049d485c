"""The tense of the clause around a time expression: "past", "future", "present" or None.

Why: "on Tuesday" or "in October" without a year names the previous Tuesday in a past-tense
clause and the next one in a future clause (TimeML's reference-time rule, as HeidelTime's news
mode applies it). With a spaCy parse we read the governing verb and its auxiliaries; without
one, a cheap look at the words of the clause before and after the expression stands in.
"""

from __future__ import annotations

import re
from collections.abc import Callable

TenseFn = Callable[[int, int], str | None]

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "aim", "hope", "want", "prepare"}
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]|,\s+(?:but|and|while|whereas)\b|``|''|\"")
_FUTURE_WORDS = re.compile(
    r"\b(?:will|'ll|shall|going\s+to|plans?\s+to|planned\s+to|is\s+to|are\s+to|scheduled|expects?\s+to|"
    r"expected\s+to|due\s+to|set\s+to|upcoming|next)\b",
    re.I,
)
_PAST_WORDS = re.compile(r"\b(?:said|was|were|had|did|told|ago|\w{3,}ed)\b", re.I)


def verb_of(tok):  # -> spacy.tokens.Token | None
    """The nearest verb at or above ``tok`` in the parse (a few steps up at most)."""
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _tense_of_verb(verb) -> str | None:
    kids = list(verb.children)
    auxes = [c for c in kids if c.dep_ in ("aux", "auxpass")]
    low = {a.lower_ for a in auxes}
    if low & _FUTURE_AUX or any(a.lower_ == "going" for a in auxes):
        return "future"
    if "would" in low:
        return "future"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if any(a.lower_ in ("has", "have") for a in auxes):
        return "past"
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        head = verb.head
        if head is not verb and head.lemma_.lower() in _FUTURE_HEADS:
            return "future"
        if head is not verb and head.pos_ in ("VERB", "AUX"):
            return _tense_of_verb(head)
    if verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am") for a in auxes):
        return "future"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl"):
        return "past"
    return None


def doc_tense(doc, text: str | None = None) -> TenseFn:
    """A tense function reading the governing verb of the span in a parsed ``doc``.

    ``text`` is ``doc.text`` when the caller has it: spaCy rebuilds that string from the tokens
    on every access (milliseconds on a long report), so the fallback builds it once at most.
    """
    surface: list[TenseFn] = []

    def fallback(start: int, end: int) -> str | None:
        if not surface:
            surface.append(text_tense(doc.text if text is None else text))
        return surface[0](start, end)

    def tense(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return fallback(start, end)
        root = span.root
        verb = verb_of(root.head if root.head is not root else root)
        if verb is None:
            return fallback(start, end)
        return _tense_of_verb(verb) or fallback(start, end)

    return tense


def text_tense(text: str) -> TenseFn:
    """A tense function from surface cues in the clause around the span (no parse needed)."""

    def tense(start: int, end: int) -> str | None:
        left = text[max(0, start - 120) : start]
        breaks = list(_CLAUSE_BREAK.finditer(left))
        if breaks:
            left = left[breaks[-1].end() :]
        right = text[end : end + 80]
        m = _CLAUSE_BREAK.search(right)
        if m:
            right = right[: m.start()]
        window = left + " " + right
        fut = [x.start() for x in _FUTURE_WORDS.finditer(window)]
        past = [x.start() for x in _PAST_WORDS.finditer(window)]
        if fut and not past:
            return "future"
        if past and not fut:
            return "past"
        if fut and past:
            pivot = len(left)
            return "future" if min(abs(f - pivot) for f in fut) < min(abs(p - pivot) for p in past) else "past"
        return None

    return tense
