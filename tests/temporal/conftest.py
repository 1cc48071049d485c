"""Events placed on invented sentences, for the event-time tests."""

from __future__ import annotations

import pytest

from eventledger.model import Document, Event, Span
from eventledger.temporal import assign_times, find_timexes


@pytest.fixture()
def timed(nlp):
    """``run(body, published, trigger words, status, type)`` -> the events with their times."""
    from eventledger.annotate.nlp import Annotated

    def run(
        body: str, published: str | None, triggers: list[str], status: str = "asserted", type_: str = "ASSAULT"
    ) -> list[Event]:
        annotated = Annotated(Document("0" * 64, "test", "text", body, published=published), nlp(body))
        events = []
        for word in triggers:
            i = body.index(word)
            span = Span.of(body, i, i + len(word))
            events.append(Event(type_, (span,), status=status, trigger=span))
        return assign_times(annotated, events, find_timexes(annotated))

    return run
