"""What counts as an incident (CODEBOOK): one event per act, and no event for forecasts,
conditionals, habits, states, figurative violence or natural harm. Invented sentences only."""

from __future__ import annotations

from eventledger.events import REPORTABLE_STATUSES


def _reported(events):
    return [e for e in events if e.status in REPORTABLE_STATUSES]


def test_warning_that_something_may_happen_is_not_an_incident(events_of):
    events = events_of("Officials warned that the death toll may rise in the coming days.")
    assert _reported(events) == []


def test_warning_of_own_retaliation_is_a_threat(events_of):
    events = _reported(events_of("The army warned that it would retaliate against any attack."))
    assert [e.type for e in events] == ["THREATEN"]


def test_conditional_attack_is_not_reported(events_of):
    events = events_of("If the talks fail, the rebels could attack the capital.")
    assert _reported(events) == []
    assert [e.status for e in events if e.type == "ASSAULT"] == ["hypothetical"]


def test_headline_lead_and_quote_of_one_act_are_one_event(events_of):
    text = (
        "Rebels seize river port of Kavla\n\n"
        "Rebels seized the river port of Kavla on Sunday, officials said. "
        "The port was seized by the rebels before dawn, a police officer told reporters. "
        '"They seized the port," a resident said.'
    )
    seizures = [e for e in _reported(events_of(text)) if e.type == "COERCE"]
    assert len(seizures) == 1
    assert len(seizures[0].evidence) >= 3
    assert all(text[s.start : s.end] == s.text for s in seizures[0].evidence)


def test_restated_killing_without_new_party_is_one_event(events_of):
    text = (
        "Gunmen killed a village chief in Tarsk on Monday, police said. "
        "The chief was killed outside his house. "
        "He was killed as he returned from prayers, a neighbour said."
    )
    assert len([e for e in _reported(events_of(text)) if e.type == "ASSAULT"]) == 1


def test_different_acts_in_one_sentence_stay_apart(events_of):
    events = _reported(events_of("Police arrested two men and soldiers shelled a village near Tarsk."))
    assert sorted(e.type for e in events) == ["ASSAULT", "COERCE"]


def test_passive_with_agent_takes_the_agent_as_actor(events_of):
    (event,) = _reported(events_of("Three farmers were killed by militants near Dorran on Monday."))
    assert [a.text for a in event.actors] == ["militants"]
    assert [a.text for a in event.targets] == ["Three farmers"]


def test_passive_without_agent_has_no_actor(events_of):
    (event,) = _reported(events_of("Two soldiers were killed near the border on Monday."))
    assert event.actors == ()
    assert [a.text for a in event.targets] == ["Two soldiers"]


def test_figurative_attack_is_an_accusation(events_of):
    events = _reported(events_of("The senator attacked the newspaper over its coverage of the budget."))
    assert [e.type for e in events] == ["ACCUSE"]


def test_armed_attack_stays_an_assault(events_of):
    events = _reported(events_of("Gunmen attacked the newspaper office, killing two guards."))
    assert [e.type for e in events] == ["ASSAULT"]


def test_storm_damage_is_no_assault(events_of):
    text = "The storm destroyed hundreds of homes and collapsing buildings injured dozens of people."
    assert _reported(events_of(text)) == []


def test_general_state_is_not_an_incident(events_of):
    assert _reported(events_of("Tensions remain high in the border region and there are many wounded.")) == []


def test_habit_in_the_simple_present_is_not_an_incident(events_of):
    text = "Fighting broke out in Tarsk on Monday, residents said. The militia usually raids villages at night."
    assert all("raids" not in e.evidence[0].text for e in _reported(events_of(text)))


def test_first_person_appeal_is_a_request(events_of):
    text = "The envoy spoke on Monday. I urge the government to release the journalists, she said."
    assert "REQUEST" in [e.type for e in _reported(events_of(text))]


def test_prediction_about_others_is_not_an_agreement(events_of):
    text = "The minister was in Tarsk on Monday. He said he believes the two leaders will meet next year."
    assert [e.type for e in _reported(events_of(text))] == []


def test_retaliation_is_coded_by_its_means(events_of):
    events = _reported(events_of("Canada retaliated by imposing tariffs on steel."))
    assert [e.type for e in events] == ["SANCTION"]


def test_relative_clause_about_a_participant_is_no_separate_event(events_of):
    events = _reported(events_of("A reporter who criticized the governor was arrested on Friday."))
    assert [e.type for e in events] == ["COERCE"]


def test_confidence_is_a_score_and_a_named_doer_raises_it(events_of):
    (named,) = _reported(events_of("Police arrested two men in Tarsk on Monday."))
    (unnamed,) = _reported(events_of("Two men were detained in Tarsk on Monday."))
    assert 0.0 < unnamed.confidence < named.confidence <= 1.0


def test_possessive_pronoun_is_never_an_actor(events_of):
    text = "Rebel leaders and army officers met in Tarsk on Monday. Their talks were held behind closed doors."
    actors = [a.text.lower() for e in events_of(text) for a in e.actors]
    assert actors and "their" not in actors


def test_source_saying_another_party_must_act_makes_a_request(events_of):
    (event,) = _reported(events_of("Arnor said on Tuesday that Gondor must release the captured sailors."))
    assert event.type == "REQUEST"
    assert [a.text for a in event.actors] == ["Arnor"]


def test_willingness_to_withdraw_is_a_concession_made(events_of):
    events = _reported(events_of("Arnor says it is willing to withdraw its troops from the border."))
    assert [e.type for e in events] == ["CONCEDE"]


def test_refusing_a_cooperative_act_is_a_rejection(events_of):
    events = _reported(events_of("Two provincial governors announced that they would no longer recognize the cabinet."))
    assert [e.type for e in events] == ["REJECT"]
    assert [a.text for a in events[0].actors] == ["Two provincial governors"]


def test_an_act_that_did_not_happen_is_no_rejection(events_of):
    assert _reported(events_of("The convoy never reached the town, a driver said.")) == []


def test_living_under_sanctions_is_a_standing_situation(events_of):
    text = "The tanker sailed from Arnor on Monday. The ship has operated under sanctions for years."
    assert all(e.type != "SANCTION" for e in _reported(events_of(text)))


def test_regular_attacks_are_a_habit_not_an_incident(events_of):
    text = "Farmers fled the valley on Monday to escape regular attacks by bandits."
    assert all(e.type != "ASSAULT" for e in _reported(events_of(text)))


def test_where_clause_on_a_place_tells_the_act(events_of):
    text = "Violence began on Monday in the hill region, where soldiers clashed with armed villagers."
    assert [e.type for e in _reported(events_of(text))] == ["ASSAULT"]


def test_order_to_own_forces_is_coercion_by_the_one_ordering(events_of):
    events = _reported(events_of("The interior ministry ordered the army to seal the border on Monday."))
    assert [(e.type, [a.text for a in e.actors]) for e in events] == [("COERCE", ["interior ministry"])]


def test_a_similar_cell_is_another_incident(events_of):
    text = (
        "Police broke up a terrorist cell in Tarsk on Monday. "
        "In May, a similar militant cell was broken up in Dorran, officials said."
    )
    assert len([e for e in _reported(events_of(text)) if e.type == "COERCE"]) == 2


def test_passive_release_keeps_the_freed_as_target(events_of):
    (event,) = _reported(events_of("The 30 hostages were released on Tuesday."))
    assert event.type == "RETREAT" and event.actors == ()
    assert [a.text for a in event.targets] == ["30 hostages"]


def test_surname_of_a_titled_official_is_named(events_of):
    text = "Foreign Minister Lena Varga met the envoy on Monday. On Tuesday, Varga accused the rebels of lying."
    accusation = next(e for e in _reported(events_of(text)) if e.type == "ACCUSE")
    assert [a.text for a in accusation.actors] == ["Varga"]


def test_a_demonstration_of_commitment_is_no_protest(events_of):
    text = "The minister visited the border on Monday. The visit was a demonstration of our commitment."
    assert all(e.type != "PROTEST" for e in _reported(events_of(text)))


def test_claimed_habit_and_reduced_when_clause_are_not_incidents(events_of):
    text = (
        "Fighting was reported in Tarsk on Monday. "
        "The militia claims that it protects farmers from raids and fights back when attacked by soldiers."
    )
    assert all(e.evidence[0].start < text.index("The militia") for e in _reported(events_of(text)))


def test_being_led_by_someone_is_no_event(events_of):
    assert _reported(events_of("The delegation, led by the deputy minister, stayed in the capital.")) == []


def test_call_for_someone_to_act_is_a_request_with_its_content(events_of):
    text = "The union called for the fines to be cancelled."
    requests = [e for e in _reported(events_of(text)) if e.type == "REQUEST"]
    assert len(requests) == 1
    assert "cancelled" in requests[0].evidence[0].text


def test_quoted_first_person_restatement_of_a_call_is_the_same_request(events_of):
    text = (
        "The foreign ministers urged the rebels to accept the truce on Friday. "
        '"We called for the rebels to lay down their arms," the ministers said.'
    )
    assert len([e for e in _reported(events_of(text)) if e.type == "REQUEST"]) == 1


def test_quoted_call_to_another_party_is_another_request(events_of):
    text = (
        "The ministers urged the rebels to accept the truce on Friday. "
        '"We urge the army to stop the shelling," the ministers said.'
    )
    assert len([e for e in _reported(events_of(text)) if e.type == "REQUEST"]) == 2


def test_participle_after_a_modal_act_shares_its_modal(events_of):
    events = events_of("The bloc may impose sanctions on the country, suspending trade and tightening the embargo.")
    assert _reported(events) == []


def test_clash_between_two_named_leaders_is_a_war_of_words(events_of):
    text = "Aid was halted after the clash between President Jon Varga and Prime Minister Ali Dorn in the palace."
    clashes = [e for e in events_of(text) if e.trigger.text == "clash"]
    assert [e.type for e in clashes] == ["ACCUSE"]
    assert {a.text for a in clashes[0].actors} == {"President Jon Varga", "Prime Minister Ali Dorn"}


def test_clash_of_armed_groups_stays_an_assault(events_of):
    assert [e.type for e in _reported(events_of("Rebels clashed with soldiers near the border."))] == ["ASSAULT"]


def test_phone_call_named_as_the_occasion_of_a_statement_is_a_consultation(events_of):
    text = "The two presidents told the envoy in phone conversations last week that they had made progress."
    calls = [e for e in _reported(events_of(text)) if e.type == "CONSULT"]
    assert len(calls) == 1
    assert calls[0].actors and calls[0].evidence[0].text.startswith("The two presidents told")


def test_defending_a_treaty_is_support_in_words(events_of):
    events = _reported(events_of("The envoy defended the new treaty with its neighbour."))
    assert [e.type for e in events] == ["SUPPORT"]


def test_defending_someone_against_criticism_is_support(events_of):
    text = "The minister defended the army against criticism from rights groups."
    assert [e.type for e in _reported(events_of(text))] == ["SUPPORT"]


def test_defending_a_town_is_no_support_in_words(events_of):
    assert "SUPPORT" not in [e.type for e in events_of("Troops defended the town against the rebels.")]


def test_dealing_with_a_matter_is_no_bargain(events_of):
    assert events_of("The judges will deal with the appeal next month.") == []
