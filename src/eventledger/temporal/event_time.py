"""Give each event the time interval of the expression that governs its clause.

Why a dependency path and not the nearest date: a report sentence usually carries two times,
when the thing happened and when someone said so ("the ministry said on Tuesday it had closed
the crossing on March 1"). The expression attached to the event's own verb wins; a date that
only times the reporting verb bounds the event from above (it happened on or before it).
Order of preference:

1. ``explicit``: a DATE/TIME attached (prep "in/on/by/since", npadvmod "Tuesday", ...) to the
   trigger's verb, else to a verb above it that is not a reporting verb, else one in the same
   sentence; "by X" keeps only the end, "since X" runs from X to the document date;
   A date that only times the statement reporting the act gives the act that day
   (``narrative``: a report's undated act is the statement's news);
2. ``perfect``: a lasting act (a ban, a curfew) told in the present perfect below the lead
   ("the junta has barred parties from the vote") is a standing state of unknown onset that
   ends at publication (``narrative.standing``), not the news day's act;
   ``publication``: any other undated event told in the present tense or present perfect ("is
   calling", "has condemned") is the state of things on the publication day;
3. ``inherited``: the time of the previous event in the account, else the last explicit date
   mentioned before the event, when either is in the same or the previous sentence;
4. ``narrative``: the day (or week) the lead states, when it is the past week's news;
5. ``document``: nothing is known but that it happened by the publication date (the
   ``recent_window_days`` window, at precision ``unknown``).

An event the events stage marks ``ongoing`` (a measure presupposed in force: "hopes to lift the
ban") keeps that basis and the same window ending at publication: it began at an unstated time
before, and the dates around it time the lifting, not the ban.

A merged event (several mentions of one act) takes the most specific time any of its
mentions states; a happened event is never dated after its report's publication.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from eventledger.annotate.nlp import Annotated
from eventledger.model import Event, Span, TimeInterval, Timex
from eventledger.temporal import attachment as attach
from eventledger.temporal import narrative
from eventledger.temporal.calendar import parse_iso
from eventledger.temporal.tagger import tag_text
from eventledger.temporal.tense import verb_of
from eventledger.temporal.vocab import vocab

logger = logging.getLogger(__name__)

_REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_HAPPENED = ("asserted", "background", "alleged")
_SPECIFIC = ("day", "week", "month", "season", "quarter", "year", "decade")
SUBORDINATE = 0.5  # score of a date that times a clause below the event's own verb
NEAR_SENTENCES = 2  # an account's reference time carries a sentence or two, not across paragraphs


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


_MEMO: tuple = (None, {})


def _memo(doc) -> dict:
    """Lookups in the parse of the document being timed, kept while it is (one slot, swapped
    atomically): every event asks about every candidate date, so the same spans recur."""
    global _MEMO
    last = _MEMO
    if last[0] is doc:
        return last[1]
    _MEMO = (doc, {})
    return _MEMO[1]


def _tokens(doc, span: Span):
    """(root token, first token) of the tokens covering ``span``, or (None, None)."""
    memo = _memo(doc)
    key = (span.start, span.end)
    found = memo.get(key)
    if found is None:
        s = doc.char_span(span.start, span.end, alignment_mode="expand")
        found = memo[key] = (s.root, s[0]) if s is not None and len(s) else (None, None)
    return found


def _token(doc, span: Span):
    if doc is None:
        return None
    return _tokens(doc, span)[0]


def _sentence_start(tok) -> int:
    memo = _memo(tok.doc)
    key = ("sent", tok.i)
    start = memo.get(key)
    if start is None:
        start = memo[key] = tok.sent.start
    return start


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
    if reporting:
        return narrative.reported_day(iv)
    if prep in vocab()["deadline_preps"]:
        return replace(iv, start=None)
    if prep in vocab()["since_preps"] and prep != "from":
        return replace(iv, end=dct if dct and (iv.end is None or dct > iv.end) else iv.end)
    return iv


@dataclass(frozen=True, slots=True)
class _Found:
    interval: TimeInterval
    score: float  # 3 the event's verb, 2 a verb above, 1.5 a reporting verb, 1 same sentence, 0.5 another act
    reporting: bool = False  # the date times the statement, not the act


def _explicit(
    annotated: Annotated, ev: Event, anchor: Span, cands: list[Timex], habitual: bool = False
) -> _Found | None:
    doc = annotated.doc
    dct = document_date(annotated.document.published)
    trig = _token(doc, anchor)
    best: tuple[float, int, Timex, str, bool] | None = None
    for t in cands:
        if (ev.status in _HAPPENED or habitual) and narrative.after(t.interval.start if t.interval else None, dct):
            # A realised act is not dated after its report, nor is a habit ("every year in
            # November") one future act: the date times something else.
            continue
        score, prep, reporting = 0.0, "", False
        head = _token(doc, t.span)
        if trig is not None and head is not None:
            if _sentence_start(trig) != _sentence_start(head):
                continue
            first = _tokens(doc, t.span)[1]
            tverb, prep = attach.attachment(head, first)
            if prep == "since" and attach.state_onset(tverb):
                prep = ""  # "in custody since March 3": the arrest was on March 3; the state goes on
            ev_verb = verb_of(trig)
            if tverb is not None and ev_verb is not None and tverb == ev_verb:
                score = 3.0
            elif tverb is not None and tverb in attach.ancestors(trig):
                reporting = attach.is_reporting(tverb)
                score = 1.5 if reporting else 2.0
                if not reporting and attach.earlier_clause(trig, tverb):
                    score, prep = 1.0, "by"  # "... on Friday after police killed ...": over by Friday
            elif attach.subordinate(tverb, ev_verb, trig) or attach.other_relative(tverb, trig):
                # "blamed X for withdrawing in 2017": the date times the withdrawal; "X, who seized
                # power in 2021, has barred Y": the date times the seizure
                score = SUBORDINATE
            else:
                score = 1.0
        elif anchor.start <= t.span.start and t.span.end <= anchor.end:
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
    # "Last week, X said it would not yield": a speech act told by the statement is the statement
    # and so is a measure told by its announcement ("announced last week it would suspend aid":
    # the events stage's ``decided`` cue): announcing it decided it
    decided = ev.time is not None and ev.time.basis == "decided"
    said = reporting and (ev.type in vocab()["statement_types"] or decided)
    return _Found(_shaped(t, prep, dct, reporting and not said), score, reporting and not said)


def _specificity(found: _Found) -> tuple:
    """Rank of a mention's time: attached to the act's own verb, then fine-grained, then close."""
    iv = found.interval
    precision = _SPECIFIC.index(iv.precision) if iv.precision in _SPECIFIC else len(_SPECIFIC)
    return (found.score >= 2.0, iv.basis == "explicit", iv.start is not None, -precision, found.score)


def _best_mention_time(
    annotated: Annotated, ev: Event, cands: list[Timex], habits: set[int], starts: list[int]
) -> _Found | None:
    """The most specific time among the event's mentions (a later mention may date the act)."""
    anchors = [ev.trigger or ev.evidence[0], *ev.evidence[1:]]
    found = [
        f
        for a in anchors
        if (f := _explicit(annotated, ev, a, cands, _sentence_index(starts, a.start) in habits)) is not None
    ]
    return max(found, key=_specificity) if found else None


def _outside_clause(found: _Found, ev: Event) -> bool:
    """A date only near the act: in its sentence but attached to no verb above it, nor in its clause."""
    span = found.interval.span
    inside = span is not None and any(m.start <= span.start and span.end <= m.end for m in ev.evidence)
    return found.score <= 1.0 and found.interval.basis == "explicit" and not inside


def _statement(annotated: Annotated, ev: Event) -> bool:
    """A speech act (a demand, an accusation, a warning): undated, it is the news day's."""
    if ev.type in vocab()["statement_types"]:
        return True
    trig = _token(annotated.doc, ev.trigger or ev.evidence[0])
    return trig is not None and attach.is_reporting(verb_of(trig))


def _aspect(annotated: Annotated, ev: Event) -> str | None:
    trig = _token(annotated.doc, ev.trigger or ev.evidence[0])
    return narrative.aspect(verb_of(trig)) if trig is not None else None


def _standing(annotated: Annotated, ev: Event, pos: int, starts: list[int]) -> bool:
    """A lasting act (a ban, a curfew) told in the present perfect below the lead: a state that
    holds at publication, begun at a time the report does not give (``narrative.standing``)."""
    if ev.mode not in vocab()["standing_modes"] or ev.status not in _HAPPENED:
        return False
    if _sentence_index(starts, pos) < narrative.LEAD_SENTENCES:
        return False  # the lead tells the news day's act ("has banned the party, officials said Monday")
    trig = _token(annotated.doc, ev.trigger or ev.evidence[0])
    return trig is not None and narrative.perfect(verb_of(trig))


def assign_times(annotated: Annotated, events: Sequence[Event], timexes: Sequence[Timex]) -> list[Event]:
    """New Events (``dataclasses.replace``) whose ``time`` is set; input order is kept."""
    dct = document_date(annotated.document.published)
    cands = [t for t in timexes if _usable(t)]
    order = sorted(range(len(events)), key=lambda i: (events[i].trigger or events[i].evidence[0]).start)
    starts = _sentence_starts(annotated)
    lead = narrative.lead_time(cands, narrative.lead_end(starts), dct)
    habits = {_sentence_index(starts, t.span.start) for t in timexes if t.type == "SET"}
    out: dict[int, Event] = {}
    previous: TimeInterval | None = None
    previous_sentence = -1
    for i in order:
        ev = events[i]
        if not ev.evidence:
            out[i] = ev
            continue
        if ev.time is not None and ev.time.basis == "ongoing":
            # a measure in force at publication ("hopes to lift the ban"): it began at an unstated
            # time before, so no date of the clause around it is its date
            out[i] = replace(ev, time=_bounded(TimeInterval(None, dct, "unknown", None, None, "ongoing"), ev, dct))
            continue
        pos = (ev.trigger or ev.evidence[0]).start
        found = _best_mention_time(annotated, ev, cands, habits, starts)
        inherited = _inherited(pos, previous, previous_sentence, cands, starts)
        fresh = _aspect(annotated, ev) in ("present", "future")
        stated = found.interval if found is not None and not (fresh and _outside_clause(found, ev)) else None
        if stated is not None and stated.start is None and found.reporting:
            # Only a statement's month or year: the account's own time, when it fits.
            account = inherited if inherited is not None and inherited.span != stated.span else None
            stated = _within(account, stated) or _within(lead, stated) or stated
        subordinate = found is not None and found.score <= SUBORDINATE
        options = [
            None if subordinate else stated,
            narrative.standing(dct) if (subordinate or not stated) and _standing(annotated, ev, pos, starts) else None,
            lead if fresh else None,
            narrative.publication_day(dct) if fresh else None,
            lead if _refines(lead, inherited) or _statement(annotated, ev) else None,
            inherited,
            lead,
        ]
        realised = ev.status in _HAPPENED
        interval = next(
            (iv for iv in options if iv is not None and not (realised and narrative.after(iv.start, dct))),
            TimeInterval(None, dct, "unknown", None, None, "document"),
        )
        # The account's reference time moves on, not one event's bound ("reported in August").
        previous = inherited if found is not None and found.reporting and inherited else interval
        previous_sentence = _sentence_index(starts, pos)
        out[i] = replace(ev, time=_bounded(interval, ev, dct))
    return [out[i] for i in range(len(events))]


def _inherited(
    pos: int, previous: TimeInterval | None, previous_sentence: int, cands: list[Timex], starts: list[int]
) -> TimeInterval | None:
    """The reference time the account has reached, when the account is close by.

    That is the previous event's time, unless a date was mentioned after that event's
    sentence and before this event (a date sentence between two events moves the reference
    on); a date in the previous event's own sentence was already weighed for that event.
    Only a sentence or two carries it (``NEAR_SENTENCES``): further down a report has moved on
    from a background date to the news of the day.
    """
    here = _sentence_index(starts, pos)
    before = [t for t in cands if t.span.end <= pos]
    last = before[-1] if before else None
    last_sentence = _sentence_index(starts, last.span.start) if last else -1
    near = here - previous_sentence <= NEAR_SENTENCES
    if previous is not None and previous.start is not None and previous.basis in ("explicit", "inherited") and near:
        previous_at = previous.span.start if previous.span else -1
        if last is None or last.span.start <= previous_at or last_sentence <= previous_sentence:
            return replace(previous, basis="inherited")
    if last is not None and here - last_sentence <= NEAR_SENTENCES:
        return replace(last.interval or TimeInterval(None, None), span=last.span, basis="inherited")
    return None


def _within(iv: TimeInterval | None, bound: TimeInterval) -> TimeInterval | None:
    """``iv`` when it starts by the bound's end (cut at that end), else None."""
    if iv is None or iv.start is None or bound.end is None or iv.start > bound.end:
        return None
    return replace(iv, end=min(iv.end or bound.end, bound.end))


def _refines(lead: TimeInterval | None, coarse: TimeInterval | None) -> bool:
    """Whether the lead's day lies within a year- or season-wide time the account carried on."""
    if lead is None or coarse is None or coarse.precision in ("day", "week", "month"):
        return False
    if not (coarse.start and coarse.end and lead.start and lead.end):
        return False
    return coarse.start <= lead.start <= lead.end <= coarse.end


def _sentence_index(starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _sentence_starts(annotated: Annotated) -> list[int]:
    """Start offsets of the body's sentences ([0] when there is no parse)."""
    try:
        return [s.start_char for s in annotated.doc.sents] or [0]  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return [0]


def _bounded(iv: TimeInterval, ev: Event, dct: str | None) -> TimeInterval:
    """Close what the text leaves open, honestly.

    An event reported as having happened cannot end after the publication date; an event
    known only to precede a date gets a start ``recent_window_days`` earlier, flagged by its
    ``unknown`` precision (news reports mostly recent events; an open start can be neither
    sorted nor put on a timeline).
    """
    if dct and ev.status in _HAPPENED and iv.end and iv.end > dct and (iv.start is None or iv.start <= dct):
        iv = replace(iv, end=dct)
    if iv.start and iv.end and iv.start > iv.end:
        iv = replace(iv, start=iv.end)  # start <= end, always
    if iv.start is None and iv.end:
        end = parse_iso(iv.end)
        if end is not None:
            start = end - timedelta(days=int(vocab()["recent_window_days"]))
            iv = replace(iv, start=start.isoformat(), precision="unknown")
    return iv
