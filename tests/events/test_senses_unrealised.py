"""Clauses that look like acts but are forecasts, fears or identifications (no event counted)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _counted(events):
    return [(e.type, e.status) for e in events if e.status in {"asserted", "alleged", "background"}]


def test_warning_of_a_possible_happening_after_a_date_is_a_forecast(events_of):
    # the parser hangs "of a possible ..." on "May", not on "warned"
    ev = events_of("Army officials warned in May of a possible rebel resurgence in the north.")
    assert _counted(ev) == []


def test_quoted_warning_that_a_situation_could_worsen_is_a_forecast(events_of):
    ev = events_of('"We must say plainly that matters may yet deteriorate," the envoy warned.')
    assert _counted(ev) == []


def test_warning_that_a_party_could_face_attacks_stays_a_threat(events_of):
    ev = events_of("The rebels warned that the government could face attacks.")
    assert ("THREATEN", "asserted") in _counted(ev)


def test_feared_future_act_of_others_is_no_commitment(events_of):
    ev = events_of('"What we expect is that the army will withdraw," the mayor said.')
    assert _counted(ev) == []


def test_recognizing_a_person_is_no_diplomatic_support(events_of):
    assert _counted(events_of("The farmer said a guard recognized her at the gate.")) == []


def test_recognizing_a_government_is_support(events_of):
    assert ("SUPPORT", "asserted") in _counted(events_of("The bloc recognized the new government on Monday."))


@pytest.mark.parametrize(
    "text",
    ["Rescue teams reached the crash site on Monday.", "The gunman walked past her, believing she had died."],
)
def test_reaching_a_place_or_passing_by_is_no_act(events_of, text):
    assert _counted(events_of(text)) == []


def test_reaching_a_deal_is_agree_and_passing_sentence_coerces(events_of):
    assert ("AGREE", "asserted") in _counted(events_of("The two sides reached a deal on Monday."))
    assert "COERCE" in {t for t, _ in _counted(events_of("The judge passed sentence on the three men."))}
