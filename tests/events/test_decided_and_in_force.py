"""Announced decisions are the measure itself; a measure a clause only presupposes is in force."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _coded(events):
    return {(e.type, e.status) for e in events}


# -- "announced it would suspend": the decision, not a threat ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The ministry announced on Friday that it would suspend fuel exports to its neighbour.",
        "The government announced last month that it would halt military aid to the rebels.",
        "The cabinet decided on Monday to suspend aid to the neighbouring country.",
    ],
)
def test_an_announced_or_decided_sanction_is_the_sanction(events_of, text):
    coded = _coded(events_of(text))
    assert ("SANCTION", "asserted") in coded and ("THREATEN", "asserted") not in coded


def test_an_announced_curfew_is_coerce(events_of):
    assert ("COERCE", "asserted") in _coded(events_of("The council announced it would impose a curfew in the capital."))


@pytest.mark.parametrize(
    "text",
    [
        "The government announced it would cut off aid to the rebels if they did not disarm.",  # a condition
        "The government warned it would cut off aid to the rebels.",  # a warning verb
        "The government said last week that it would cut off aid to the rebels.",  # saying is not deciding
    ],
)
def test_a_conditional_or_warned_or_merely_said_sanction_stays_a_threat(events_of, text):
    coded = _coded(events_of(text))
    assert ("THREATEN", "asserted") in coded and ("SANCTION", "asserted") not in coded


def test_a_decision_still_to_come_decides_nothing(events_of):
    coded = _coded(events_of("The cabinet will announce next month whether it would suspend aid to the province."))
    assert ("SANCTION", "asserted") not in coded


def test_an_announced_aid_pledge_is_still_an_agreement(events_of):
    coded = _coded(events_of("The government announced it would send aid to the flood victims."))
    assert ("AGREE", "asserted") in coded


# -- "hopes to end the freeze on aid": the freeze is in force ----------------------------------------
def _in_force(events):
    return [e for e in events if e.status == "background" and e.time is not None and e.time.basis == "ongoing"]


def test_a_definite_measure_a_party_hopes_to_end_is_its_measure_in_force(events_of):
    (freeze,) = _in_force(events_of("The government hopes to end the freeze on aid to the rebels."))
    assert freeze.type == "SANCTION"
    assert [a.text for a in freeze.actors] == ["government"]
    assert "rebels" in [t.text for t in freeze.targets]
    assert freeze.evidence[0].text == "the freeze on aid to the rebels"


def test_the_clause_around_the_measure_neither_dates_nor_places_it(events_of):
    text = "On Monday an envoy said the council hopes to resolve the current pause in aid to the rebels during talks."
    (pause,) = _in_force(events_of(text))
    assert pause.evidence[0].text == "the current pause in aid to the rebels"
    assert pause.time is not None and pause.time.start is None  # the temporal stage ends it at publication


def test_a_ban_a_mayor_hopes_to_lift_is_the_mayors_ban(events_of):
    (ban,) = _in_force(events_of("The mayor hopes to lift the ban on protests before the election."))
    assert (ban.type, [a.text for a in ban.actors]) == ("COERCE", ["mayor"])


def test_the_target_of_a_measure_is_not_its_holder(events_of):
    (freeze,) = _in_force(events_of("The rebels hope to end the freeze on aid to the rebels."))
    assert [a.text for a in freeze.actors] == []


@pytest.mark.parametrize(
    "text",
    [
        "The government hopes to end a pause in talks.",  # indefinite: no measure presupposed
        "Officials discussed the pause in aid on Monday.",  # not a verb that undoes it
        "The government hopes to end the pause before the vote.",  # a pause of nothing named
    ],
)
def test_no_measure_in_force_without_a_definite_object_of_an_undoing_verb(events_of, text):
    assert _in_force(events_of(text)) == []
