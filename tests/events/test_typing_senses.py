"""Type choices that depend on who acts and how (obstruction, promises, tariffs, refusals)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _types(events):
    return {e.type for e in events}


def test_civilians_blocking_a_road_protest(events_of):
    ev = [e for e in events_of("Angry truck drivers blocked the main highway into the capital for six hours.")]
    assert [(e.type, e.mode) for e in ev] == [("PROTEST", "obstruct")]


def test_counted_civilians_occupying_protest(events_of):
    assert "PROTEST" in _types(events_of("Hundreds of residents occupied the town hall on Sunday."))


def test_reported_own_boycott_is_a_threat(events_of):
    ev = events_of("The teachers' union said it would boycott the new exams.")
    assert [(e.type, e.status) for e in ev] == [("THREATEN", "asserted")]


def test_reported_own_meeting_is_agree(events_of):
    ev = events_of("The rebel commanders said they would meet the mediator in Geneva.")
    assert "AGREE" in _types(ev)


def test_another_partys_future_act_stays_hypothetical(events_of):
    ev = events_of("The minister said the army would attack the town.")
    assert [(e.type, e.status) for e in ev] == [("ASSAULT", "hypothetical")]


def test_promised_concession_is_agree(events_of):
    assert "AGREE" in _types(events_of("The junta has promised to lift the ban on opposition parties."))


def test_retaliating_with_tariffs_is_a_sanction(events_of):
    ev = events_of("The trade bloc retaliated with tariffs on imported steel.")
    assert _types(ev) == {"SANCTION"}


@pytest.mark.parametrize(
    "text",
    [
        "The governor reneged on his promise to hold a referendum.",
        "The farmers' federation opposes the new water law.",
        "The council rebuffed the offer from the developers.",
    ],
)
def test_refusal_verbs_reject(events_of, text):
    assert "REJECT" in _types(events_of(text))
