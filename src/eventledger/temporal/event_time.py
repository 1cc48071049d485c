"""Give each event the time interval of the expression that governs its clause.

Why a dependency path and not the nearest date: a report sentence usually carries two times,
when the thing happened and when someone said so ("the ministry said on Tuesday it had closed
the crossing on March 1"). The expression attached to the event's own verb wins; a date that
only times the reporting verb bounds the event from above (it happened on or before it).
Order of preference:

1. ``explicit``: a DATE/TIME attached (prep "in/on/by/since", npadvmod "Tuesday", ...) to the
   trigger's verb, else to a verb above it that is not a reporting verb, else one in the same
   sentence; "by X" keeps only the end, "since X" runs from X to the document date;
2. ``inherited``: the time of the previous event in the account, else the last explicit date
   mentioned before the event;
3. ``document``: nothing is known but that it happened by the publication date.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from eventledger.annotate.nlp import Annotated
from eventledger.model import Event, Span, TimeInterval, Timex
from eventledger.temporal.calendar import parse_iso
from eventledger.temporal.tagger import tag_text
from eventledger.temporal.tense import verb_of
from eventledger.temporal.vocab import vocab

logger = logging.getLogger(__name__)

_REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_HAPPENED = ("asserted", "background", "alleged")


def document_date(published: str | None) -> str | None:
    """``YYYY-MM-DD`` of a publication date, ISO or not ("Tue, 01 Dec 2020 10:00:00 GMT").

    The foundation stores ISO dates; feeds and pages sometimes carry RFC 822 or prose dates,
    which dateparser reads (absolute dates only: no relative base is involved).
    """
    if not published:
        return None
    if parse_iso(published[:10]) is not None:
        return published[:10]
    if not re.search(r"\b\d{4}\b", published):
        return None  # "yesterday" would be read against the clock; only absolute dates count
    try:
        import dateparser

        parsed = dateparser.parse(published, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    except (ValueError, OverflowError, TypeError) as exc:
        logger.debug("unreadable publication date %r: %s", published, exc)
        return None
    return parsed.date().isoformat() if parsed else None


def find_timexes(annotated: Annotated) -> list[Timex]:
    """TIMEX3 expressions of the body, anchored at the publication date, with the parse's tense."""
    return tag_text(annotated.document.body, document_date(annotated.document.published), annotated.doc)


def _token(doc, span: Span):
    if doc is None:
        return None
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return s.root if s is not None and len(s) else None


def _attachment(tok, first):
    """(verb the timex hangs from, preposition word or "") for a timex head token.

    "X said on Tuesday it had closed ..." / "told RFA Tuesday": a small parser often hangs the
    date on the complement verb; a timex right after a reporting verb (or its object) belongs
    to the reporting verb, so that is checked first, from the words themselves.
    """
    doc = tok.doc
    prev = doc[first.i - 1] if first.i > 0 else None
    prep = ""
    if prev is not None and prev.pos_ == "ADP" and prev.i > 0:
        prep, prev = prev.lower_, doc[prev.i - 1]
    if prev is not None:
        if _is_reporting(prev) and prev.pos_ in ("VERB", "AUX"):
            return prev, prep
        if prev.dep_ in ("dobj", "dative") and _is_reporting(prev.head):
            return prev.head, prep
    prep = ""
    head = tok.head
    if tok.dep_ == "pobj" and head is not tok:
        prep = head.lower_
        head = head.head
    return verb_of(head if head is not tok else tok), prep


def _earlier_clause(trig, verb) -> bool:
    """Whether ``trig`` sits in a clause, below ``verb``, that tells an earlier event ("after ...")."""
    marks = vocab()["earlier_event_marks"]
    for a in _ancestors(trig):
        if a == verb:
            return False
        if (a.dep_ == "prep" and a.lower_ in marks) or any(c.dep_ == "mark" and c.lower_ in marks for c in a.children):
            return True
    return False


def _ancestors(tok) -> list:
    return [tok, *tok.ancestors]


def _is_reporting(verb) -> bool:
    return verb is not None and verb.lemma_.lower() in vocab()["reporting_verbs"]


def _usable(t: Timex) -> bool:
    return (
        t.type in ("DATE", "TIME")
        and t.interval is not None
        and t.value not in _REF_VALUES
        and (t.interval.start is not None or t.interval.end is not None)
    )


def _shaped(t: Timex, prep: str, dct: str | None, reporting: bool) -> TimeInterval:
    """The event interval a governing timex gives, shaped by its preposition or role."""
    iv = replace(t.interval or TimeInterval(None, None), span=t.span, basis="explicit")
    if reporting or prep in vocab()["deadline_preps"]:
        return replace(iv, start=None)
    if prep in vocab()["since_preps"] and prep != "from":
        return replace(iv, end=dct if dct and (iv.end is None or dct > iv.end) else iv.end)
    return iv


def _explicit(annotated: Annotated, ev: Event, cands: list[Timex]) -> TimeInterval | None:
    doc = annotated.doc
    dct = document_date(annotated.document.published)
    anchor = ev.trigger or ev.evidence[0]
    trig = _token(doc, anchor)
    best: tuple[float, int, Timex, str, bool] | None = None
    for t in cands:
        score, prep, reporting = 0.0, "", False
        head = _token(doc, t.span)
        if trig is not None and head is not None:
            first = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")[0]
            tverb, prep = _attachment(head, first)
            ev_verb = verb_of(trig)
            if trig.sent.start != head.sent.start:
                continue
            if tverb is not None and ev_verb is not None and tverb == ev_verb:
                score = 3.0
            elif tverb is not None and tverb in _ancestors(trig):
                reporting = _is_reporting(tverb)
                score = 1.5 if reporting else 2.0
                if not reporting and _earlier_clause(trig, tverb):
                    score, prep = 1.0, "by"  # "... on Friday after police killed ...": over by Friday
            else:
                score = 1.0
        elif ev.evidence[0].start <= t.span.start and t.span.end <= ev.evidence[0].end:
            score = 1.0
        else:
            continue
        dist = abs(t.span.start - anchor.start)
        if best is None or (score, -dist) > (best[0], -best[1]):
            best = (score, dist, t, prep, reporting)
    if best is None:
        return None
    score, _, t, prep, reporting = best
    logger.debug("event %r timed by %r (score %.1f, prep %r)", anchor.text, t.span.text, score, prep)
    return _shaped(t, prep, dct, reporting)


def assign_times(annotated: Annotated, events: Sequence[Event], timexes: Sequence[Timex]) -> list[Event]:
    """New Events (``dataclasses.replace``) whose ``time`` is set; input order is kept."""
    dct = document_date(annotated.document.published)
    cands = [t for t in timexes if _usable(t)]
    order = sorted(range(len(events)), key=lambda i: (events[i].trigger or events[i].evidence[0]).start)
    out: dict[int, Event] = {}
    previous: TimeInterval | None = None
    previous_sentence = -1
    sentence_of = _sentence_starts(annotated)
    for i in order:
        ev = events[i]
        if not ev.evidence:
            out[i] = ev
            continue
        interval = _explicit(annotated, ev, cands)
        if interval is None:
            interval = _inherited(ev, previous, previous_sentence, cands, sentence_of)
        if interval is None:
            interval = TimeInterval(None, dct, "unknown", None, None, "document")
        previous = interval
        previous_sentence = sentence_of((ev.trigger or ev.evidence[0]).start)
        out[i] = replace(ev, time=_bounded(interval, ev, dct))
    return [out[i] for i in range(len(events))]


def _inherited(
    ev: Event, previous: TimeInterval | None, previous_sentence: int, cands: list[Timex], sentence_of
) -> TimeInterval | None:
    """The reference time the account has reached.

    That is the previous event's time, unless a date was mentioned after that event's
    sentence and before this event (a date sentence between two events moves the reference
    on); a date in the previous event's own sentence was already weighed for that event.
    """
    pos = (ev.trigger or ev.evidence[0]).start
    before = [t for t in cands if t.span.end <= pos]
    last = before[-1] if before else None
    if previous is not None and previous.basis in ("explicit", "inherited"):
        previous_at = previous.span.start if previous.span else -1
        if last is None or last.span.start <= previous_at or sentence_of(last.span.start) <= previous_sentence:
            return replace(previous, basis="inherited")
    if last is not None:
        return replace(last.interval or TimeInterval(None, None), span=last.span, basis="inherited")
    return None


def _sentence_starts(annotated: Annotated):
    """char offset -> start offset of its sentence (0 for everything when there is no parse)."""
    try:
        starts = [s.start_char for s in annotated.doc.sents]  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        starts = [0]

    def sentence_of(pos: int) -> int:
        return starts[max(0, bisect.bisect_right(starts, pos) - 1)]

    return sentence_of


def _bounded(iv: TimeInterval, ev: Event, dct: str | None) -> TimeInterval:
    """Close what the text leaves open, honestly.

    An event reported as having happened cannot end after the publication date; an event
    known only to precede a date gets a start ``recent_window_days`` earlier, flagged by its
    ``unknown`` precision (news reports mostly recent events; an open start can be neither
    sorted nor put on a timeline).
    """
    if dct and ev.status in _HAPPENED and iv.end and iv.end > dct and (iv.start is None or iv.start <= dct):
        iv = replace(iv, end=dct)
    if iv.start is None and iv.end:
        end = parse_iso(iv.end)
        if end is not None:
            start = end - timedelta(days=int(vocab()["recent_window_days"]))
            iv = replace(iv, start=start.isoformat(), precision="unknown")
    return iv
