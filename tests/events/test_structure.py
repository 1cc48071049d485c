"""Structural cues for what is an act, who did it and to whom (issue 12): objective "of" of
nouns of acts done to someone, conjoined gerunds of a reason, "no longer", dated relative
clauses. Invented sentences only."""

from __future__ import annotations

from eventledger.events import REPORTABLE_STATUSES


def _reported(events):
    return [e for e in events if e.status in REPORTABLE_STATUSES]


def test_the_of_phrase_of_an_arrest_names_who_was_arrested(events_of):
    events = _reported(events_of("Rights groups said the arrest of three students in Velmar angered the town."))
    arrests = [e for e in events if e.type == "COERCE"]
    assert arrests and [a.text for a in arrests[0].targets] == ["three students"]
    assert [a.text for a in arrests[0].actors] == ["authorities"]  # as for "three students were arrested"


def test_a_second_counted_arrest_is_a_separate_incident(events_of):
    text = (
        "Police arrested seven militants in a raid on Monday. "
        "The operation also resulted in the arrest of another six people in the north."
    )
    arrests = [e for e in _reported(events_of(text)) if e.type == "COERCE"]
    assert len(arrests) == 2
    assert [a.text for a in arrests[1].targets] == ["another six people"]


def test_conjoined_gerunds_of_a_purpose_are_not_incidents(events_of):
    text = "Officials said the tariffs aim at raising revenue, protecting jobs and pressuring manufacturers."
    assert _reported(events_of(text)) == []


def test_no_longer_negates_the_act(events_of):
    events = events_of("The ministry said it will no longer grant visas to foreign reporters.")
    assert not any(e.type == "CONCEDE" and e.status in REPORTABLE_STATUSES for e in events)


def test_a_dated_relative_clause_tells_an_incident(events_of):
    text = "The pupils, who were abducted last Thursday in an attack on their village, were released on Monday."
    types = sorted(e.type for e in _reported(events_of(text)))
    assert "ASSAULT" in types or "COERCE" in types
    assert "RETREAT" in types


def test_an_undated_relative_clause_only_describes(events_of):
    text = "The senator, who criticized the budget, visited the flooded town of Orrin on Monday."
    assert not any(e.type == "ACCUSE" for e in _reported(events_of(text)))


def test_a_relative_clause_dated_by_a_year_is_biography(events_of):
    text = "The mayor, who resigned from the party in 2015, visited the flooded town of Orrin on Monday."
    assert not any(e.type == "RETREAT" for e in _reported(events_of(text)))


def test_an_agentless_toll_after_an_attack_is_that_attack(events_of):
    text = "Gunmen attacked a police post in Darvo on Sunday. Three officers were killed and two were wounded."
    attacks = [e for e in _reported(events_of(text)) if e.type == "ASSAULT"]
    assert len(attacks) == 1
    assert [a.text for a in attacks[0].actors] == ["Gunmen"]
    assert len(attacks[0].evidence) >= 2


def test_a_toll_marked_as_another_attack_stays_separate(events_of):
    text = "Gunmen attacked a police post in Darvo on Sunday. In a second attack, another officer was killed in Mirra."
    attacks = [e for e in _reported(events_of(text)) if e.type == "ASSAULT"]
    assert any("another officer" in [a.text for a in e.targets] for e in attacks)
    assert len(attacks) == 2


def test_an_infinitive_only_aimed_at_is_not_reported(events_of):
    events = events_of("Security forces are still trying hard to stamp out the militants.")
    assert [e.status for e in events if e.type == "ASSAULT"] == ["hypothetical"]
    assert _reported(events) == []


def test_an_infinitive_under_an_implicative_verb_happened(events_of):
    events = _reported(events_of("The rebels managed to seize the airport on Monday."))
    assert [e.type for e in events] == ["COERCE"]


def test_a_party_named_again_by_its_acronym_is_the_same_party(events_of):
    text = (
        "Republic of Norland officials are appealing to civilians to return home. "
        "Officials said rebels attacked ten villages. "
        "The R.N. is appealing to civilians to trust the army, the minister said."
    )
    calls = [e for e in _reported(events_of(text)) if e.type == "REQUEST"]
    assert len(calls) == 1 and len(calls[0].evidence) == 2


def test_a_vote_to_act_is_the_decision_taken(events_of):
    events = _reported(events_of("The lower house voted on Monday to extend the curfew."))
    assert events and all(e.status == "asserted" for e in events)


def test_no_longer_under_a_future_modal_still_negates(events_of):
    events = events_of("The ministry's statement that it will no longer grant visas to reporters angered editors.")
    assert not any(e.type in {"CONCEDE", "COOPERATE", "AID"} and e.status in REPORTABLE_STATUSES for e in events)


def test_a_purpose_infinitive_joined_to_a_fact_is_not_reported(events_of):
    events = events_of("Residents fled to the hills for safety and to protest, witnesses said.")
    assert [e.status for e in events if e.type == "PROTEST"] == ["hypothetical"]


def test_a_gerund_listed_with_charges_is_a_charge_not_an_act(events_of):
    text = (
        "Prosecutors said the mayor took part in corrupt deals, "
        "including theft of public money and interfering with elections."
    )
    events = _reported(events_of(text))
    assert not any(e.trigger.text == "interfering" for e in events)  # the charge itself is no act
    assert [e.type for e in events] == ["ACCUSE"]  # the prosecutors' accusation is


def test_held_in_detention_since_a_date_tells_the_detention(events_of):
    events = _reported(events_of("The editor, who is known for her columns, had been in police detention since May 9."))
    assert [e.type for e in events] == ["COERCE"]
    assert [a.text for a in events[0].targets] == ["editor"]
    assert [a.text for a in events[0].actors] == ["authorities"]  # held by someone the report does not name
    assert events[0].evidence[0].text.startswith("The editor")


def test_detention_as_a_general_condition_is_no_incident(events_of):
    assert _reported(events_of("Conditions in detention are harsh, the report said.")) == []


def test_a_commentators_praise_is_analysis_not_an_act(events_of):
    assert _reported(events_of("Security analysts are praising the regional bloc for the move.")) == []
    assert _reported(events_of("Security analyst Kofi Mensah welcomed the decision.")) == []
    assert [e.type for e in _reported(events_of("The foreign minister welcomed the decision."))] == ["SUPPORT"]


def test_inmates_counted_in_detention_are_no_incident(events_of):
    assert _reported(events_of("Some 900 prisoners were in detention at the Varno jail, officials said.")) == []


def test_a_toll_joins_its_attack_past_an_intervening_purpose(events_of):
    text = (
        "The militants launched an assault on a military base in Tarno in January, "
        "and the army vowed to send more troops. Three soldiers were killed."
    )
    attacks = [e for e in _reported(events_of(text)) if e.type == "ASSAULT"]
    assert len(attacks) == 1 and "Three soldiers" in [a.text for a in attacks[0].targets]


def test_an_exchange_of_fire_told_over_three_sentences_is_one_incident(events_of):
    text = (
        "A gang leader died in a shootout with soldiers on Friday in Varna. "
        "He shot at an army unit at a roadblock. The soldiers returned fire."
    )
    attacks = [e for e in _reported(events_of(text)) if e.type == "ASSAULT"]
    assert len(attacks) == 1 and len(attacks[0].evidence) == 3
    assert attacks[0].evidence[0].text.startswith("A gang leader")


def test_a_response_aimed_at_another_side_stays_separate(events_of):
    text = "Rebels attacked a convoy near Orsk on Monday. Separately, gunmen fired back at soldiers in Tula."
    assert len([e for e in _reported(events_of(text)) if e.type == "ASSAULT"]) == 2


def test_the_parties_refers_back_to_who_agreed(events_of):
    text = (
        "Officials announced that Norland had agreed to a ten-day truce with the rebels. "
        "A mediator said both parties now have a deal."
    )
    assert len([e for e in _reported(events_of(text)) if e.type == "AGREE"]) == 1


def test_a_named_party_is_not_a_back_reference(events_of):
    text = "Norland agreed to a truce on Monday. Separately, the Ruling Party agreed to hold elections."
    assert len([e for e in _reported(events_of(text)) if e.type == "AGREE"]) == 2


def test_a_call_by_nobody_in_particular_is_not_an_incident(events_of):
    assert _reported(events_of("Some have called on the mayor to resign.")) == []
    named = _reported(events_of("Some of the lawmakers have called on the mayor to resign."))
    assert [e.type for e in named] == ["REQUEST"]


def test_an_undated_past_perfect_backstory_is_not_news(events_of):
    events = _reported(
        events_of("The gang leader, in his 30s, had been arrested for robbery. He was killed on Friday.")
    )
    assert [e.type for e in events] == ["ASSAULT"]
    dated = _reported(events_of("Police had arrested the suspect on Monday."))
    assert [e.type for e in dated] == ["COERCE"]


def test_a_persons_possessive_on_an_arrest_names_who_suffered_it(events_of):
    events = _reported(events_of("Activists held a rally in Lagos. Their abduction on Friday shocked the nation."))
    abductions = [e for e in events if e.type in {"ASSAULT", "COERCE"}]
    assert abductions and not any(a.text == "Activists" for e in abductions for a in e.actors)
    crackdown = _reported(events_of("China's crackdown on protesters in Hong Kong began in June."))
    assert [a.text for a in crackdown[0].actors] == ["China"]


def test_an_act_on_a_persons_travel_bears_on_that_person(events_of):
    text = (
        "Officials said the junta had banned Mr. Vell's travel to the country. "
        "The junta barred Vell from the country on Monday, the envoy said."
    )
    assert len([e for e in _reported(events_of(text)) if e.type == "COERCE"]) == 1


def test_an_act_counted_by_a_noun_takes_the_doer_of_its_verb(events_of):
    raids = _reported(events_of("Police carried out a series of raids in the capital on Monday."))
    assert [(e.type, [a.text for a in e.actors]) for e in raids] == [("COERCE", ["Police"])]
    talks = _reported(
        events_of("The foreign minister led eight hours of talks with Norland officials in Vasa on Tuesday.")
    )
    assert [a.text for a in talks[0].actors] == ["foreign minister"]
    assert talks[0].evidence[0].text.startswith("The foreign minister led")


def test_gerunds_of_an_aim_are_no_acts(events_of):
    text = (
        "He has said his new duties are aimed at raising state revenue, protecting local jobs "
        "and pressuring foreign firms to move their factories."
    )
    assert _reported(events_of(text)) == []


def test_no_sign_of_an_act_negates_it(events_of):
    events = events_of("Investigators found no sign of the freighter being seized during the crossing.")
    assert [e.status for e in events if e.type == "COERCE"] == ["negated"]


def test_what_someone_believes_happened_is_not_reported(events_of):
    events = events_of("Villagers will not return because they believe the rebels have simply retreated.")
    assert [e.status for e in events if e.type == "RETREAT"] == ["hypothetical"]
    told = _reported(events_of("Police said the gunmen had retreated into the forest on Monday."))
    assert [e.type for e in told] == ["RETREAT"]


def test_wanting_someone_to_act_is_not_the_act(events_of):
    events = events_of("They will want the allies to pay more for their own defence, he said.")
    assert not any(e.type == "COOPERATE" and e.status in REPORTABLE_STATUSES for e in events)


def test_a_reduced_relative_describes_a_participant(events_of):
    events = _reported(events_of("A trial opened in Paris on Monday of two soldiers accused of the bombing."))
    assert not any(e.type == "ACCUSE" for e in events)


def test_a_dated_reduced_relative_tells_an_act(events_of):
    events = _reported(events_of("The journalist arrested on Monday was freed on bail."))
    assert sorted(e.type for e in events) == ["COERCE", "RETREAT"]


def test_an_act_noun_dated_by_its_verb_is_an_incident(events_of):
    assert [e.type for e in _reported(events_of("Talks to end the strike collapsed last week."))] == ["CONSULT"]
    assert _reported(events_of("Talks are important for peace.")) == []


def test_a_campaign_running_since_a_date_is_no_incident(events_of):
    text = "Rebels have been attacking and fighting army posts since 2011. The rebels raided a post in Tarno on Monday."
    events = _reported(events_of(text))
    assert len(events) == 1 and "Tarno" in events[0].evidence[0].text


def test_a_charge_set_beside_the_subject_describes_it(events_of):
    text = "Three officers and a contractor from Latvia, accused of the 2006 bombing, face trial in absentia."
    assert not any(e.type == "ACCUSE" for e in _reported(events_of(text)))


def test_participles_of_a_state_verb_describe_a_state(events_of):
    text = "Civilians in the valley remain unseen, unprotected, bombed, besieged and displaced, the envoy said."
    assert _reported(events_of(text)) == []
    assert [e.type for e in _reported(events_of("The town was bombed on Monday."))] == ["ASSAULT"]


def test_the_doer_named_by_the_act_in_the_next_sentence_tells_the_same_act(events_of):
    text = (
        "Gunmen on motorcycles attacked a crowded market in a northern town on Monday, killing at least "
        "nine people, police said. The attackers opened fire on shoppers and set several stalls ablaze."
    )
    [attack] = _reported(events_of(text))
    assert attack.type == "ASSAULT" and len(attack.evidence) >= 2
    kidnap = "Armed men kidnapped two aid workers near the border on Friday. The kidnappers later shot one of them."
    assert len(_reported(events_of(kidnap))) == 1


def test_an_indefinite_or_other_group_of_attackers_is_another_act(events_of):
    for text in (
        "Militants attacked an army post on Monday. Separately, another group of attackers opened fire on a bus.",
        "Militants attacked an army post on Monday. Attackers also opened fire on a bus in the capital.",
    ):
        assert len(_reported(events_of(text))) == 2, text


def test_a_noun_phrase_with_no_names_no_party(events_of):
    text = "No country has recognized the new government since they seized power in 2021."
    assert all(a.text.lower() != "no country" for e in events_of(text) for a in [*e.actors, *e.targets])
