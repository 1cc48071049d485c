"""Calendar dates: explicit, yearless (tense picks the year), quarters, seasons, decades."""

from __future__ import annotations

import pytest

from eventledger.temporal import tag_text


def values(text: str, dct: str | None = "2021-03-05") -> list[tuple[str, str, str]]:
    return [(t.span.text, t.type, t.value) for t in tag_text(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The port reopened on March 5, 2019.", ("March 5, 2019", "DATE", "2019-03-05")),
        ("The port reopened on 5 March 2019.", ("5 March 2019", "DATE", "2019-03-05")),
        ("The port reopened on 2019-03-05.", ("2019-03-05", "DATE", "2019-03-05")),
        ("The port reopened in July 2018.", ("July 2018", "DATE", "2018-07")),
        ("The port reopened in 1997.", ("1997", "DATE", "1997")),
        ("Growth slowed in the 1980s.", ("the 1980s", "DATE", "198")),
        ("Profit rose in the third quarter of 2020.", ("the third quarter of 2020", "DATE", "2020-Q3")),
        ("Sales fell in the first half of 2019.", ("the first half of 2019", "DATE", "2019-H1")),
        ("The drills ran through the summer of 2016.", ("the summer of 2016", "DATE", "2016-SU")),
        ("Shops close on Christmas Day 2020.", ("Christmas Day 2020", "DATE", "2020-12-25")),
        ("Turkeys sell out before Thanksgiving 2020.", ("Thanksgiving 2020", "DATE", "2020-11-26")),
    ],
)
def test_explicit_dates(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in values(text)


def test_yearless_date_in_past_clause_takes_the_latest_before_the_document() -> None:
    assert values("The border was closed on Dec. 12.") == [("Dec. 12", "DATE", "2020-12-12")]


def test_yearless_date_in_future_clause_takes_the_next_one() -> None:
    assert values("The court will rule on April 2.") == [("April 2", "DATE", "2021-04-02")]


def test_month_name_in_past_clause_is_the_latest_not_after_the_document() -> None:
    assert values("The fighting resumed in October.", "2020-12-03") == [("October", "DATE", "2020-10")]


def test_ambiguous_month_word_needs_a_cue() -> None:
    assert values("Officials may extend the curfew.") == []
    assert values("Elections were held in May.", "2021-07-01") == [("May", "DATE", "2021-05")]


def test_part_of_period_modifier_widens_the_span_and_narrows_the_interval() -> None:
    (t,) = tag_text("Talks stalled in mid-November.", "2020-12-03")
    assert (t.span.text, t.value) == ("mid-November", "2020-11")
    assert (t.interval.start, t.interval.end, t.interval.precision) == ("2020-11-11", "2020-11-20", "month")


def test_late_month_runs_to_its_last_day() -> None:
    (t,) = tag_text("Floods hit the delta in late February.", "2021-03-05")
    assert (t.interval.start, t.interval.end) == ("2021-02-21", "2021-02-28")


def test_season_with_year_before_the_noun() -> None:
    (t,) = tag_text("The 2020 winter exercises begin soon.", "2020-12-03")[:1]
    assert (t.value, t.interval.start, t.interval.end, t.interval.precision) == (
        "2020-WI",
        "2020-12-01",
        "2021-02-28",
        "season",
    )


def test_latest_quarter_in_an_earnings_report_is_the_one_just_ended() -> None:
    assert ("the latest quarter", "DATE", "2020-Q4") in values("Net income rose 5% in the latest quarter.")


def test_a_number_of_things_is_not_a_year() -> None:
    assert values("The army sent 2000 troops to the valley.") == []


def test_year_range_gives_both_years() -> None:
    assert [v for _, _, v in values("The occupation lasted from 1941-1944.")] == ["1941", "1944"]


def test_weekday_beside_a_yearless_date_picks_the_year_it_fits() -> None:
    assert values("Hearings open Monday, Oct. 26.", "2021-03-05") == [("Monday, Oct. 26", "DATE", "2020-10-26")]


def test_a_past_clause_does_not_send_a_yearless_date_almost_a_year_back() -> None:
    assert values("The council said the vote was set for Dec. 7.", "2021-10-30")[0][2] == "2021-12-07"


def test_a_story_about_a_past_year_keeps_its_months_in_that_year() -> None:
    text = (
        "In 1916 the army dug in along the river. The first assault failed in 1917. "
        "A second army crossed in 1918. In March the line broke, and by June the war was over."
    )
    got = values(text, "2009-12-19")
    assert ("March", "DATE", "1918-03") in got and ("June", "DATE", "1918-06") in got
