"""The events stage's time cues: a measure in force ends at publication, a decided one takes its announcement's date."""

from __future__ import annotations

from eventledger.model import Document, Event, Span, TimeInterval
from eventledger.temporal import assign_times, find_timexes


def _timed(nlp, body: str, published: str, word: str, status: str, cue: str | None) -> Event:
    from eventledger.annotate.nlp import Annotated

    annotated = Annotated(Document("0" * 64, "test", "text", body, published=published), nlp(body))
    i = body.index(word)
    span = Span.of(body, i, i + len(word))
    time = TimeInterval(None, None, "unknown", None, None, cue) if cue else None
    (ev,) = assign_times(
        annotated, [Event("SANCTION", (span,), status=status, trigger=span, time=time)], find_timexes(annotated)
    )
    return ev


BODY = "The minister said on Monday the ministry hopes to end the freeze on aid to the delta during talks on Tuesday."


def test_a_measure_in_force_ends_at_publication_whatever_the_clause_around_it_says(nlp):
    ev = _timed(nlp, BODY, "2024-05-08", "freeze", "background", "ongoing")
    assert ev.time is not None
    assert (ev.time.start, ev.time.end, ev.time.precision, ev.time.basis) == (
        "2024-04-07",
        "2024-05-08",
        "unknown",
        "ongoing",
    )


def test_without_the_cue_the_same_noun_takes_a_day_of_its_sentence(nlp):
    ev = _timed(nlp, BODY, "2024-05-08", "freeze", "background", None)
    assert ev.time is not None and ev.time.precision == "day"


def test_a_decided_measure_takes_its_announcements_month(nlp):
    body = "The ministry announced in March that it would suspend fuel exports to the delta."
    decided = _timed(nlp, body, "2024-05-08", "suspend", "asserted", "decided")
    told = _timed(nlp, body, "2024-05-08", "suspend", "asserted", None)
    assert decided.time is not None and (decided.time.start, decided.time.end) == ("2024-03-01", "2024-03-31")
    assert decided.time.precision == "month"
    assert told.time is not None and told.time.precision == "unknown"  # an act told by a statement: by then
