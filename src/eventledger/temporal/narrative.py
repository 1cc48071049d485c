"""The report's own time, for events the text does not date.

News is written about the news day: a lead states the fresh act and its day ("said
Tuesday", "on Friday"), and the paragraphs below tell its details, reactions and quotes
without repeating the date. A present-tense or present-perfect clause ("is calling for",
"has condemned") tells the state of things at publication. So an undated event takes, in
turn, the lead's day when it is told in the past, the publication day when it is told in
the present, and only then the honest "some time before publication" window.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from eventledger.model import TimeInterval, Timex
from eventledger.temporal.calendar import parse_iso

LEAD_SENTENCES = 2  # a news lead is its first sentence or two
LEAD_FRESH_DAYS = 7  # the lead's day is the news day only when it is the past week
_LEAD_PRECISIONS = ("day", "week")
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_BE_PRESENT = {"is", "are", "am", "'s", "'re", "'m"}


def aspect(verb, depth: int = 0) -> str | None:
    """ "present" (simple present, progressive, present perfect), "past", "future" or None.

    Unlike the tagger's tense, the present perfect counts as present: "has signed" is news
    of the day, while "had signed" and "signed" are told from a past reference time.
    A participle or infinitive without auxiliaries ("targeting", "to lift") takes the
    aspect of the verb it depends on.
    """
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    low = {a.lower_ for a in auxes}
    if low & _FUTURE_AUX or "going" in low:
        return "future"
    if low & {"has", "have", "'ve"}:
        return "present"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or (low & _BE_PRESENT and verb.tag_ in ("VBG", "VBN")):
        return "present"
    head = verb.head
    if depth < 3 and head is not verb and head.pos_ in ("VERB", "AUX") and verb.tag_ in ("VB", "VBG", "VBN"):
        return aspect(head, depth + 1)
    return None


def perfect(verb, depth: int = 0) -> bool:
    """Whether ``verb`` is told in the present perfect ("has barred"), or is a participle or
    infinitive without auxiliaries hanging on one ("have imposed rules, barring them ...")."""
    if verb is None:
        return False
    low = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if low & {"has", "have", "'ve"}:
        return not low & _FUTURE_AUX
    head = verb.head
    if low or depth >= 3 or head is verb or head.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VB", "VBG", "VBN"):
        return False
    return perfect(head, depth + 1)


def standing(dct: str | None) -> TimeInterval | None:
    """A lasting state of unknown onset that holds at publication ("has barred X from Y").

    Basis ``perfect``: it ends at publication and nothing bounds its start (``_bounded`` closes
    it with the recent window at precision ``unknown``, as for any act known only to precede a
    day); it is not the news day's act, which the lead tells.
    """
    return TimeInterval(None, dct, "unknown", None, None, "perfect") if dct else None


def lead_time(cands: list[Timex], lead_end: int, dct: str | None) -> TimeInterval | None:
    """The news day (or week) the lead states, when it is within the week before publication."""
    pub = parse_iso(dct) if dct else None
    if pub is None:
        return None
    for t in cands:
        iv = t.interval
        if t.span.start >= lead_end or iv is None or iv.precision not in _LEAD_PRECISIONS:
            continue
        start, end = parse_iso(iv.start or ""), parse_iso(iv.end or "")
        if start is None or end is None or start > pub or end < pub - timedelta(days=LEAD_FRESH_DAYS):
            continue
        return replace(iv, end=min(end, pub).isoformat(), span=t.span, basis="narrative")
    return None


def publication_day(dct: str | None) -> TimeInterval | None:
    """The publication day, for an undated event told in the present tense."""
    return TimeInterval(dct, dct, "day", dct, None, "publication") if dct else None


def reported_day(iv: TimeInterval) -> TimeInterval:
    """The day of the statement that reports an undated act: the act is that day's news.

    A statement dated only to a month or a year says no more than that the act came by its end.
    """
    if iv.precision != "day":
        return replace(iv, start=None)
    return replace(iv, start=iv.end, basis="narrative")


def lead_end(sentence_starts: list[int]) -> int:
    """Offset where the lead ends (the start of the sentence after it)."""
    return sentence_starts[LEAD_SENTENCES] if len(sentence_starts) > LEAD_SENTENCES else 1 << 60


def after(day: str | None, dct: str | None) -> bool:
    """Whether ISO ``day`` lies after ISO ``dct`` (both known)."""
    a, b = parse_iso(day or ""), parse_iso(dct or "")
    return a is not None and b is not None and a > b
