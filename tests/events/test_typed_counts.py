"""Counts of people typed by what happened to them, with their hedge and scale (invented sentences)."""

from __future__ import annotations

import pytest

from eventledger.events._quantities import quantities_in
from eventledger.model import Event, Span, event_record


def _people(text: str) -> list[tuple[float, float, str, str]]:
    return [
        (q.value_min, q.value_max, q.unit, q.span.text) for q in quantities_in(text, 0, len(text)) if q.kind == "people"
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A drone hit the depot on Sunday, killing at least 17 people.", [(17, 17, "killed", "at least 17 people")]),
        ("Shells struck the square, killing at least 17.", [(17, 17, "killed", "at least 17")]),
        (
            "Nine guards were killed and 14 others wounded.",
            [(9, 9, "killed", "Nine guards"), (14, 14, "injured", "14 others")],
        ),
        ("The flooding has displaced 8.7 million people.", [(8.7e6, 8.7e6, "displaced", "8.7 million people")]),
        ("Officers detained 40 students outside the faculty.", [(40, 40, "arrested", "40 students")]),
        ("Six fishermen remain missing after the raid.", [(6, 6, "missing", "Six fishermen")]),
        ("The death toll from the blast rose to 23 on Friday.", [(23, 23, "killed", "23")]),
        ("Between 10 and 15 villagers were killed.", [(10, 15, "killed", "Between 10 and 15 villagers")]),
        ("Two wounded guards were carried down the hill.", [(2, 2, "injured", "Two wounded guards")]),
        (
            "Three guards and five drivers were killed.",
            [(3, 3, "killed", "Three guards"), (5, 5, "killed", "five drivers")],
        ),
        ("The fire forced 3,500 residents to flee.", [(3500, 3500, "displaced", "3,500 residents")]),
        ("Police held six armed poachers.", [(6, 6, "people", "six armed poachers")]),
        ("The raid resulted in the arrest of another six people.", [(6, 6, "arrested", "six people")]),
        (
            "Twelve people were killed, among them three children.",
            [(12, 12, "killed", "Twelve people"), (3, 3, "killed", "three children")],
        ),
        (
            "Aid reached 400 families, including 30 children.",
            [(400, 400, "people", "400 families"), (30, 30, "people", "30 children")],
        ),
        ("Thousands of demonstrators filled the avenue.", [(2000, 2000, "people", "Thousands of demonstrators")]),
    ],
)
def test_counts_are_typed_by_their_verb(sentence: str, expected: list[tuple[float, float, str, str]]) -> None:
    assert _people(sentence) == expected


def test_a_year_is_no_count_and_a_bare_number_without_a_casualty_verb_is_kept_out() -> None:
    assert _people("In 2019 killed was a word the paper avoided.") == []
    assert _people("The council voted 12 to 3 on Monday.") == []


def test_the_hedge_is_the_records_qualifier_and_the_value_the_stated_number() -> None:
    body = "Gunmen raided the camp, killing at least 17 people."
    ev = Event("ASSAULT", (Span.of(body, 0, len(body)),), quantities=tuple(quantities_in(body, 0, len(body))))
    [q] = event_record(ev)["quantities"]
    assert (q["kind"], q["unit"], q["value"], q["qualifier"], q["text"]) == (
        "people", "killed", [17.0, 17.0], "at least", "at least 17 people",
    )  # fmt: skip


def test_counts_reach_the_events_of_a_parsed_report(events_of) -> None:
    events = events_of("Rebels attacked the garrison on Monday, killing at least 17 soldiers.")
    typed = {(q.unit, q.value_min) for e in events for q in e.quantities if q.kind == "people"}
    assert ("killed", 17.0) in typed
