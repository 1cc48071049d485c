"""Date lines of a page dump."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.extract.dates import parse_date_line


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("March 07, 2021", "2021-03-07"),
        ("Published: Sept. 9, 2019 at 10:15 a.m.", "2019-09-09"),
        ("7 March 2021", "2021-03-07"),
        ("Updated 2021-03-07 14:00", "2021-03-07"),
        ("Tuesday, 2nd of February 2021", "2021-02-02"),
        ("7 de março de 2021", "2021-03-07"),
        ("7. März 2021", "2021-03-07"),
    ],
)
def test_parse_date_line_reads_common_layouts(line: str, iso: str) -> None:
    assert parse_date_line(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "The council met on March 7, 2021 to discuss the ferry timetable and the new harbour fees.",
        "Ferry timetable",
        "February 30, 2021",
        "2021",
    ],
)
def test_parse_date_line_rejects_sentences_and_impossible_dates(line: str) -> None:
    assert parse_date_line(line) is None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_parse_date_line_never_raises(text: str) -> None:
    result = parse_date_line(text)
    assert result is None or len(result) == 10
