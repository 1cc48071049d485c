from __future__ import annotations

import pytest

from eventledger.temporal.numbers import number_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three", 3),
        ("twenty-four", 24),
        ("2 1/2", 2.5),
        ("1,000", 1000),
        ("two and a half", 2.5),
        ("one hundred", 100),
        ("several", None),
        ("a few", None),
    ],
)
def test_number_value(text: str, value: float | None) -> None:
    assert number_value(text) == value
