"""Value -> interval mapping."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.temporal.calendar import interval_of


@pytest.mark.parametrize(
    ("value", "mod", "start", "end", "precision"),
    [
        ("2020-11-03", None, "2020-11-03", "2020-11-03", "day"),
        ("2020-11", None, "2020-11-01", "2020-11-30", "month"),
        ("2020-11", "START", "2020-11-01", "2020-11-10", "month"),
        ("2020-11", "END", "2020-11-21", "2020-11-30", "month"),
        ("2020-W48", None, "2020-11-23", "2020-11-29", "week"),
        ("2020-W48-WE", None, "2020-11-28", "2020-11-29", "week"),
        ("2020-Q4", None, "2020-10-01", "2020-12-31", "quarter"),
        ("2020-WI", None, "2020-12-01", "2021-02-28", "season"),
        ("2020", None, "2020-01-01", "2020-12-31", "year"),
        ("199", None, "1990-01-01", "1999-12-31", "decade"),
        ("2020-11-03T14:00", None, "2020-11-03", "2020-11-03", "day"),
    ],
)
def test_interval_of(value: str, mod: str | None, start: str, end: str, precision: str) -> None:
    iv = interval_of(value, date(2020, 12, 3), mod)
    assert (iv.start, iv.end, iv.precision, iv.value) == (start, end, precision, value)


def test_past_ref_ends_at_the_document_date() -> None:
    iv = interval_of("PAST_REF", date(2020, 12, 3))
    assert (iv.start, iv.end, iv.precision) == (None, "2020-12-03", "unknown")


def test_a_part_of_a_year_keeps_the_whole_year() -> None:
    from eventledger.temporal.calendar import interval_of

    iv = interval_of("2020", None, "END")
    assert (iv.start, iv.end, iv.precision) == ("2020-01-01", "2020-12-31", "year")
    month = interval_of("2020-11", None, "END")
    assert (month.start, month.end) == ("2020-11-21", "2020-11-30")
