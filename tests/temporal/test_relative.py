"""Deictic and anaphoric expressions: counted from the document date or the last date named."""

from __future__ import annotations

import pytest

from eventledger.temporal import tag_text


def values(text: str, dct: str | None = "2021-03-05") -> list[tuple[str, str]]:
    return [(t.span.text, t.value) for t in tag_text(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said on Tuesday it had closed the crossing.", ("Tuesday", "2021-03-02")),
        ("The envoy will arrive on Tuesday.", ("Tuesday", "2021-03-09")),
        ("Rebels shelled the airport yesterday.", ("yesterday", "2021-03-04")),
        ("The mayor spoke today.", ("today", "2021-03-05")),
        ("Prices climbed last month.", ("last month", "2021-02")),
        ("Inspectors visit the plant this week.", ("this week", "2021-W09")),
        ("The accord was signed last year.", ("last year", "2020")),
        ("The minister resigned three weeks ago.", ("three weeks ago", "2021-W06")),
        ("Voting closes next Friday.", ("next Friday", "2021-03-12")),
        ("The ferry sank last Friday.", ("last Friday", "2021-02-26")),
        ("Police are currently searching the hills.", ("currently", "PRESENT_REF")),
        ("The group recently moved its base.", ("recently", "PAST_REF")),
    ],
)
def test_deictic(text: str, expected: tuple[str, str]) -> None:
    assert expected in values(text)


def test_relative_chain_counts_from_the_last_date_named() -> None:
    got = values("The siege began on January 10, 2021. Two days later the town fell.")
    assert got == [("January 10, 2021", "2021-01-10"), ("Two days later", "2021-01-12")]


def test_the_next_day_follows_the_narrative() -> None:
    got = values("Rioting broke out on Feb. 20. The next day troops arrived.")
    assert got[-1] == ("The next day", "2021-02-21")


def test_deadline_takes_the_nearest_occurrence() -> None:
    assert values("Fighters were told to leave by November 30.", "2020-12-03")[0] == ("November 30", "2020-11-30")
    assert values("The relatives had until Jan. 14 to decide.", "2021-01-06")[0] == ("Jan. 14", "2021-01-14")


def test_since_a_month() -> None:
    assert values("Aid has been blocked since August.", "2020-12-03") == [("August", "2020-08")]


def test_part_of_day_and_clock_times() -> None:
    assert ("Tuesday night", "2021-03-02TNI") in values("Shelling resumed on Tuesday night.")
    assert ("10:30 a.m.", "2021-03-05T10:30") in values("The blast happened at 10:30 a.m. near the gate.")
    assert ("4 in the morning", "2021-03-05T04:00") in values("Sirens sounded at 4 in the morning.")


def test_without_a_document_date_values_stay_underspecified() -> None:
    assert values("The envoy left on Tuesday.", None) == [("Tuesday", "XXXX-WXX-2")]


def test_the_same_day_after_a_reporting_verb_is_the_day_of_the_last_statement() -> None:
    from eventledger.temporal import tag_text

    text = (
        "A commander told reporters on Monday that the offensive had ended on May 2. "
        "A second officer confirmed to the agency the same day that the troops had withdrawn."
    )
    values = {t.span.text: t.value for t in tag_text(text, "2022-05-12")}
    assert values["Monday"] == "2022-05-09"
    assert values["the same day"] == "2022-05-09"


def test_last_week_in_a_sunday_report_is_the_week_it_closes() -> None:
    # 2021-03-07 is a Sunday: the working week just ended is ISO week 9; on a Friday it is week 8
    assert ("last week", "2021-W09") in values("The council met last week.", "2021-03-07")
    assert ("last week", "2021-W08") in values("The council met last week.", "2021-03-05")


def test_a_since_year_sets_no_narrative_year() -> None:
    text = (
        "A peace deal signed in 2013 collapsed in 2014. The army began an offensive in the Tarn hills in 2015. "
        "It was planned to take some weeks, yet almost four years on the fighting continues. "
        "Rebels have been raiding army posts since 2011, the year the state deployed soldiers north. "
        "The rebels raided a base in the hills in January."
    )
    assert values(text, "2020-01-17")[-1] == ("January", "2020-01")
