"""Choosing one occurrence of a recurring period, and the narrative reference time."""

from __future__ import annotations

from datetime import date

from eventledger.temporal.anchor import Context, choose

OCTOBERS = [(f"{y}-10", date(y, 10, 1), date(y, 10, 31)) for y in (2019, 2020, 2021)]


def test_past_takes_the_latest_begun() -> None:
    assert choose(OCTOBERS, date(2020, 12, 3), "past") == "2020-10"


def test_future_takes_the_earliest_not_over() -> None:
    assert choose(OCTOBERS, date(2020, 12, 3), "future") == "2021-10"


def test_last_and_next_skip_the_one_holding_the_reference() -> None:
    assert choose(OCTOBERS, date(2020, 10, 15), "last") == "2019-10"
    assert choose(OCTOBERS, date(2020, 10, 15), "next") == "2021-10"


def test_a_tense_does_not_reach_almost_a_year_when_one_is_near() -> None:
    assert choose(OCTOBERS, date(2020, 9, 20), "past") == "2020-10"


def test_remember_moves_the_reference_time() -> None:
    ctx = Context("", date(2021, 3, 5), lambda s, e: None)
    ctx.remember("2021-02-20")
    assert ctx.day_anchor() == date(2021, 2, 20)
    ctx.remember("2020-11")
    assert (ctx.last_day, ctx.month_anchor()) == (None, date(2020, 11, 1))
