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


def test_offer_to_lift_a_ban_is_agree(events_of):
    ev = events_of("The governor says he is willing to lift the ban on street vendors.")
    assert ("AGREE", "asserted") in {(e.type, e.status) for e in ev}


def test_withdrawal_unless_is_an_ultimatum(events_of):
    ev = events_of("Ghana announced that it will withdraw its envoy unless the border is reopened.")
    assert "THREATEN" in _types(ev)


def test_conditional_meeting_is_a_conditional_offer(events_of):
    assert "AGREE" in _types(events_of("The strikers said they would meet the minister if he dropped the charges."))


def test_denying_a_permit_is_reject(events_of):
    assert "REJECT" in _types(events_of("The city council denied the permit for the march."))


def test_ending_mediation_efforts_is_a_sanction(events_of):
    assert "SANCTION" in _types(events_of("The regional bloc ended mediation efforts between the two parties."))


def test_easing_a_curfew_is_concede(events_of):
    assert "CONCEDE" in _types(events_of("The governor eased the curfew in the northern towns."))


def test_accepting_a_proposal_is_agree(events_of):
    assert "AGREE" in _types(events_of("The fishermen's union accepted the proposal from the ministry."))


def test_vowed_attack_is_a_threat(events_of):
    assert _types(events_of("The militants vowed to attack the port.")) == {"THREATEN"}


def test_an_authority_allowing_a_party_concedes(events_of):
    assert "CONCEDE" in _types(events_of("The governor allowed the opposition to hold a rally on Sunday."))


def test_rules_allowing_is_no_event(events_of):
    assert events_of("The new rules allow companies to hire foreign workers.") == []


def test_preparing_to_attack_is_mobilize(events_of):
    assert _types(events_of("The army prepared to resume shelling the rebel-held hills.")) == {"MOBILIZE"}


def test_preventing_a_demonstration_is_coerce(events_of):
    assert "COERCE" in _types(events_of("Police prevented the demonstration outside the parliament."))


def test_opening_a_hearing_is_an_investigation(events_of):
    ev = [
        e
        for e in events_of("The high court opened a hearing into the detention of the journalists.")
        if e.type == "ACCUSE"
    ]
    assert [e.mode for e in ev] == ["investigate"]


def test_lifting_a_state_of_emergency_concedes(events_of):
    assert "CONCEDE" in _types(events_of("The government lifted the state of emergency in the eastern province."))


def test_peacekeepers_sent_are_aid(events_of):
    assert _types(events_of("The African Union deployed 2,000 peacekeepers to the border region.")) == {"AID"}


def test_brigades_sent_stay_mobilize(events_of):
    assert _types(events_of("The army deployed two brigades to the border region.")) == {"MOBILIZE"}


def test_forcing_an_agency_out_is_an_expulsion(events_of):
    ev = [e for e in events_of("The junta forced the aid agency out of the country.") if e.type == "SANCTION"]
    assert [e.mode for e in ev] == ["expel"]


def test_put_under_investigation_is_accuse(events_of):
    ev = events_of("A British tourist has been put under investigation in Spain for her role in a brawl.")
    assert [(e.type, e.mode) for e in ev] == [("ACCUSE", "investigate")]


def test_retaliating_by_announcing_tariffs_is_a_sanction(events_of):
    ev = events_of("The prime minister retaliated by announcing higher tariffs on imported steel.")
    assert _types(ev) == {"SANCTION"}


def test_expressing_concern_is_disapproval(events_of):
    ev = [e for e in events_of("The envoy expressed concern over the arrests of journalists.") if e.type == "ACCUSE"]
    assert [e.mode for e in ev] == ["disapprove"]


def test_issuing_guidelines_is_no_event(events_of):
    assert events_of("The ministry issued new guidelines for schools.") == []


def test_concern_about_a_quality_is_no_accusation(events_of):
    assert events_of("The minister expressed concerns about its effectiveness.") == []


def test_lifting_a_freeze_concedes(events_of):
    assert "CONCEDE" in _types(events_of("The government lifted the freeze on aid to the northern provinces."))


def test_lifting_what_a_pronoun_points_back_to_takes_that_nouns_sense(events_of):
    text = "The government imposed a pause on food aid to the region. It is good that it was lifted by the council."
    assert "CONCEDE" in _types(events_of(text))
    assert "RETREAT" not in _types(events_of(text))


def test_calling_a_meeting_convenes_it(events_of):
    assert _types(events_of("Ruritania called an emergency meeting of the council on Wednesday.")) == {"CONSULT"}


def test_calling_for_a_meeting_requests_it(events_of):
    assert _types(events_of("Ruritania called for a meeting of the council.")) == {"REQUEST"}


def test_extending_a_mandate_is_agree(events_of):
    assert _types(events_of("The Security Council extended the mandate of the peacekeeping mission.")) == {"AGREE"}


def test_using_a_veto_to_shut_something_down_is_one_rejection(events_of):
    ev = events_of("Ruritania used its veto on the council to shut down the monitoring panel in April.")
    assert [e.type for e in ev if e.status == "asserted"] == ["REJECT"]


@pytest.mark.parametrize(
    "text", ["Rebels attacked an army post over the weekend.", "Rebels attacked the town over the weekend."]
)
def test_attacking_a_post_over_a_weekend_is_an_assault(events_of, text):
    assert _types(events_of(text)) == {"ASSAULT"}


def test_attacking_a_ruling_over_its_cost_is_an_accusation(events_of):
    assert _types(events_of("The senator attacked the ruling over its cost.")) == {"ACCUSE"}


def test_responding_that_one_will_act_is_the_act_only(events_of):
    text = "The premier replied that she will soon be declaring a national emergency over fuel."
    assert _types(events_of(text)) == {"THREATEN"}


def test_held_in_custody_since_a_date_is_the_arrest(events_of):
    ev = events_of("The reporter has been in custody since March 4 over accusations of incitement.")
    assert [(e.type, e.mode) for e in ev] == [("COERCE", "arrest")]


def test_winning_custody_of_a_child_is_no_arrest(events_of):
    assert _types(events_of("The couple won custody of the child.")) == set()


@pytest.mark.parametrize(
    "text",
    [
        "A military plane crashed in the mountains, killing all six crew members.",
        "A bus overturned on the highway, injuring 20 passengers.",
    ],
)
def test_an_accident_that_kills_is_no_assault(events_of, text):
    assert "ASSAULT" not in _types(events_of(text))


def test_a_bomber_crashing_a_car_into_a_gate_is_an_assault(events_of):
    assert "ASSAULT" in _types(events_of("A suicide bomber crashed his car into the gate, killing five guards."))
