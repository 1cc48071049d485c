"""One table of number words for durations and for counts of people."""

from __future__ import annotations

import pytest

from eventledger import numbers
from eventledger.events._quantities import quantities_in
from eventledger.temporal.numbers import number_value


@pytest.mark.parametrize(
    ("text", "value"),
    [("fifteen", 15), ("sixty", 60), ("two hundred", 200), ("a dozen", 12), ("twenty-five", 25), ("a hundred", 100)],
)
def test_word_value(text: str, value: float) -> None:
    assert numbers.word_value(text) == value


def test_durations_and_counts_read_the_same_words() -> None:
    assert number_value("fifteen") == 15
    assert number_value("two hundred") == 200
    assert number_value("hundreds of") is None  # a duration keeps the hedge vague


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Police detained fifteen protesters near the bridge.", 15),
        ("Sixty soldiers arrived at the border post.", 60),
        ("About two hundred workers marched to the port.", 200),
        ("Gunmen seized a dozen villagers at dawn.", 12),
        ("Hundreds of students gathered outside the court.", 200),
    ],
)
def test_counts_of_people(sentence: str, value: float) -> None:
    found = [q for q in quantities_in(sentence, 0, len(sentence)) if q.kind == "people"]
    assert found and found[0].value_min == value
