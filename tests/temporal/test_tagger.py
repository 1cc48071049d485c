"""The tagger as a whole: extents, overlap, robustness; round-trip properties with hypothesis."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.temporal import tag_text

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def abbrev(month: int) -> str:
    name = MONTHS[month - 1]
    if name in ("May", "June", "July"):
        return name
    return "Sept." if name == "September" else name[:3] + "."


def renderings(d: date) -> list[str]:
    name = MONTHS[d.month - 1]
    return [
        f"{name} {d.day}, {d.year}",
        f"{d.day} {name} {d.year}",
        d.isoformat(),
        f"{abbrev(d.month)} {d.day}, {d.year}",
        f"{name} {d.day}th, {d.year}" if d.day in (4, 5, 6, 7, 8, 9, 10) else f"{name} {d.day} {d.year}",
        f"{d.strftime('%A')}, {name} {d.day}, {d.year}",
    ]


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)), st.integers(0, 5))
def test_full_dates_round_trip(d: date, which: int) -> None:
    form = renderings(d)[which]
    got = tag_text(f"The office reopened on {form} after repairs.", "2022-06-15")
    assert [(t.span.text, t.value) for t in got] == [(form, d.isoformat())]


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)), st.integers(0, 120), st.booleans())
def test_yearless_dates_round_trip_in_a_past_clause(d: date, days_after: int, short: bool) -> None:
    form = f"{abbrev(d.month) if short else MONTHS[d.month - 1]} {d.day}"
    dct = (d + timedelta(days=days_after)).isoformat()
    got = tag_text(f"The office reopened on {form} after repairs.", dct)
    assert [(t.span.text, t.value) for t in got] == [(form, d.isoformat())]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.dates().map(date.isoformat), st.text(max_size=12)))
def test_no_text_makes_the_tagger_raise(text: str, dct: str | None) -> None:
    for t in tag_text(text, dct):
        assert text[t.span.start : t.span.end] == t.span.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "on",
                "Tuesday",
                "May",
                "last",
                "week",
                "the",
                "third",
                "quarter",
                "12",
                "2019",
                "years",
                "ago",
                "mid-",
                "early",
                "p.m.",
                ",",
                "and",
                "every",
                "Dec.",
                "1990s",
                "a",
                "half",
                "two",
                "days",
                "later",
            ]
        ),
        max_size=25,
    )
)
def test_word_salad_never_raises_and_spans_do_not_overlap(words: list[str]) -> None:
    text = " ".join(words)
    got = tag_text(text, "2020-12-03")
    ends = [(t.span.start, t.span.end) for t in got]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


def test_every_date_gets_an_interval_and_durations_do_not() -> None:
    got = tag_text("The blockade began on June 3 and lasted three weeks.", "2021-03-05")
    assert [(t.type, t.interval is not None) for t in got] == [("DATE", True), ("DURATION", False)]


def test_empty_text() -> None:
    assert tag_text("", "2021-03-05") == []
