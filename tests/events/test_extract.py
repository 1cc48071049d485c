"""extract_events on short invented reports: types, arguments, status, attribution, merging."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.events import REPORTABLE_STATUSES
from eventledger.model import EVENT_STATUSES

from .reports import REPORTS

pytestmark = pytest.mark.slow


def _types(events, status=None):
    return {e.type for e in events if status is None or e.status == status}


def _one(events, type_):
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.status, e.evidence[0].text) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The two neighbours agreed to reopen the railway line next spring.", "AGREE"),
        ("The Kenyan foreign minister met his Ugandan counterpart in Kampala.", "CONSULT"),
        ("Uganda praised Kenya for the new grain deal.", "SUPPORT"),
        ("The government apologized to the families of the miners.", "CONCEDE"),
        ("Chile and Peru cooperated on fisheries patrols last year.", "COOPERATE"),
        ("Japan donated 500 tons of rice to flood victims in Bangladesh.", "AID"),
        ("The rebels released six hostages on Monday.", "RETREAT"),
        ("Lawmakers urged the election commission to publish the results.", "REQUEST"),
        ("The opposition party accused the government of rigging the vote.", "ACCUSE"),
        ("The president rejected the demand for a recount.", "REJECT"),
        ("The general threatened to shell the rebel positions.", "THREATEN"),
        ("Thousands of students protested in the capital against the tuition law.", "PROTEST"),
        ("The European Union imposed sanctions on three Belarusian banks.", "SANCTION"),
        ("Russia deployed tank battalions near the Estonian frontier.", "MOBILIZE"),
        ("Police detained twelve demonstrators outside the court.", "COERCE"),
        ("Militia fighters attacked a convoy near the river crossing.", "ASSAULT"),
        ("Four men smuggled copper wire into Zambia last month.", "OTHER"),
    ],
)
def test_each_plover_type(events_of, text, type_):
    assert type_ in _types(events_of(text))


def test_every_status_is_a_known_one(events_of):
    statuses = [e.status for text in REPORTS.values() for e in events_of(text)]
    assert len(statuses) >= len(REPORTS)  # the invariant is checked on events, not on an empty list
    assert set(statuses) <= set(EVENT_STATUSES)


def test_evidence_spans_hold_and_are_short(events_of):
    checked = 0
    for text in REPORTS.values():
        for e in events_of(text):
            checked += 1
            assert 0.0 <= e.confidence <= 1.0
            for span in e.evidence:
                assert span.holds_in(text)
                assert len(span.text.split()) <= 80
            assert e.time is None and e.places == ()
    assert checked >= len(REPORTS)


def test_every_span_of_every_event_holds_in_the_body(events_of):
    from eventledger.model import Analysis, Document

    n_spans = 0
    for text in REPORTS.values():
        analysis = Analysis(Document(sha256="x", source="t", format="text", body=text), tuple(events_of(text)))
        spans = analysis.spans()
        n_spans += len(spans)
        assert all(span.holds_in(text) for span in spans)
    assert n_spans >= len(REPORTS)


def test_passive_voice_agent_is_the_actor(events_of):
    ev = _one(events_of("Three farmers were shot by militia fighters near the river crossing."), "ASSAULT")
    assert [a.text for a in ev.actors] == ["militia fighters"]
    assert ev.actors[0].kind == "military"
    assert [a.text for a in ev.targets] == ["Three farmers"]


def test_passive_deployment_without_agent_makes_the_units_actors(events_of):
    ev = _one(events_of("Two mortar companies were deployed to the western valley."), "MOBILIZE")
    assert any("mortar companies" in a.text for a in ev.actors)


def test_passive_arrest_implies_authorities(events_of):
    ev = _one(events_of("Five traders were arrested at the market on Friday."), "COERCE")
    assert ev.actors[0].text == "authorities" and ev.actors[0].span is None


def test_negation_marks_the_event_negated(events_of):
    events = events_of("Police did not fire on the crowd outside the station.")
    assert _one(events, "ASSAULT").status == "negated"


def test_an_order_to_shoot_is_not_a_shooting(events_of):
    events = events_of("The regional command ordered police units to fire on protesters outside the palace.")
    order = _one(events, "COERCE")  # CODEBOOK: an order is COERCE by the one who orders
    assert order.status == "asserted"
    assert [a.text for a in order.actors] == ["regional command"]
    assert _one(events, "ASSAULT").status == "ordered"


def test_denial_marks_the_act_denied(events_of):
    events = events_of("The interior ministry denied arresting the opposition leader.")
    assert _one(events, "COERCE").status == "denied"


def test_modals_make_hypotheticals(events_of):
    assert _one(events_of("Troops would attack the rebel camp if talks failed."), "ASSAULT").status == "hypothetical"
    assert _one(events_of("Officials could close the airport."), "COERCE").status == "hypothetical"


def test_will_is_planned(events_of):
    assert _one(events_of("The army will deploy more drones along the border."), "MOBILIZE").status == "planned"


def test_future_cooperation_is_coded_agree(events_of):
    ev = _one(events_of("Chile and Peru will cooperate on fisheries patrols."), "AGREE")
    assert ev.status == "asserted" and len(ev.actors) == 2


def test_announced_sanction_is_a_threat(events_of):
    assert "THREATEN" in _types(events_of("The union said it will boycott the regional elections."))


def test_background_account_is_kept_and_marked(events_of):
    text = "The Evening Post reported in March that the navy had seized two fishing boats."
    assert _one(events_of(text), "COERCE").status == "background"


def test_generic_habits_are_dropped(events_of):
    assert events_of("Guards typically detain traders who cannot pay.") == []


def test_purpose_clause_is_not_an_event(events_of):
    events = events_of("The city hired more guards to arrest pickpockets.")
    assert all(e.status not in REPORTABLE_STATUSES for e in events if e.type == "COERCE")


def test_coordinated_subjects_are_both_actors(events_of):
    ev = _one(events_of(REPORTS["coordination"]), "SANCTION")
    assert [(a.text, a.normalised, a.country) for a in ev.actors] == [
        ("Ankara", "Turkey", "TR"),
        ("Athens", "Greece", "GR"),
    ]


def test_coordinated_acts_with_one_subject_are_one_incident(events_of):
    ev = _one(events_of(REPORTS["coordination"]), "SANCTION")
    assert len(ev.evidence) == 2
    assert ev.attribution is not None and ev.attribution.text == "according to state media"


def test_private_names_are_never_actors(events_of):
    events = events_of("Farmer Jonas Petrik attacked a tax collector in the village square.")
    assert all("Petrik" not in a.text for e in events for a in (*e.actors, *e.targets))


def test_officials_keep_their_title(events_of):
    ev = _one(events_of("Defence Minister Anna Varga ordered the navy to leave the harbour."), "COERCE")
    assert ev.actors and ev.actors[0].kind == "official"


def test_role_counts_become_people_with_a_count(events_of):
    ev = _one(events_of("Police detained twelve demonstrators outside the court."), "COERCE")
    assert (ev.targets[0].text, ev.targets[0].kind, ev.targets[0].count) == ("twelve demonstrators", "people", 12)


def test_ordinal_units_are_military(events_of):
    ev = _one(events_of("The 4th Brigade was deployed to the northern pass."), "MOBILIZE")
    assert ev.actors[0].kind == "military"


def test_relative_clause_subject_is_the_modified_noun(events_of):
    events = events_of("Customs officers caught four smugglers who had moved copper into Zambia.")
    crime = _one(events, "OTHER")
    assert crime.actors[0].text == "four smugglers" and crime.actors[0].count == 4


def test_attribution_chain_follows_the_source(events_of):
    text = REPORTS["attribution_chain"]
    events = events_of(text)
    raid = _one(events, "COERCE")
    assert raid.attribution.text == "A police source in Dorran district told the Evening Post"
    assert raid.attribution.source_kind == "anonymous"
    assert len(raid.evidence) >= 2  # the quoted seizure is the same raid


def test_quoted_paragraph_without_speaker_belongs_to_previous_speaker(events_of):
    text = (
        "A border official told the Morning Star that troops were sent to the pass.\n"
        '"Then they closed the crossing for the whole week."'
    )
    ev = _one(events_of(text), "SANCTION")
    assert ev.attribution.text == "A border official told the Morning Star"


def test_narrative_paragraph_does_not_inherit(events_of):
    text = (
        "A border official told the Morning Star that troops were sent to the pass.\n"
        "On Monday, Chile closed its embassy."
    )
    ev = _one(events_of(text), "SANCTION")
    assert ev.attribution is None


def test_quantities_attach_to_their_event(events_of):
    events = events_of(REPORTS["quantities"])
    fired = next(e for e in events if e.trigger and e.trigger.text == "fired")
    assert [(q.kind, q.value_min, q.value_max, q.unit) for q in fired.quantities] == [("distance", 200.0, 300.0, "m")]


def test_later_mentions_merge_into_one_event(events_of):
    events = events_of(REPORTS["lockdown"])
    lock = [e for e in events if e.type == "COERCE" and e.mode == "curfew"]
    assert len(lock) == 1
    assert any("The lockdown" in s.text for s in lock[0].evidence[1:])


def test_pronoun_mention_merges_with_its_antecedent(events_of):
    text = "Two mortar companies were deployed to the western valley. They were deployed again on Friday."
    assert len([e for e in events_of(text) if e.type == "MOBILIZE"]) == 1


def test_different_deployments_stay_apart(events_of):
    text = "Rocket batteries were deployed to the coast. Separately, engineer units were deployed to the dam."
    assert len([e for e in events_of(text) if e.type == "MOBILIZE"]) == 2


def test_an_earlier_act_in_a_relative_clause_on_the_doer_stays_apart(events_of):
    text = (
        "The election board met on Monday. The junta, which seized control of the capital in March 2019, "
        "has taken harsh steps against opposition parties, barring them from the vote."
    )
    coerce = {e.trigger.text: e for e in events_of(text) if e.type == "COERCE"}
    assert sorted(coerce) == ["barring", "seized"]
    # the evidence of the barring leaves out the clause that states the seizure
    assert (
        coerce["barring"].evidence[0].text
        == "has taken harsh steps against opposition parties, barring them from the vote"
    )


def test_an_object_pronoun_of_a_participle_names_the_people_told_before(events_of):
    text = (
        "The city council has taken harsh steps against street vendors in the old squares, "
        "barring them from the market."
    )
    barring = next(e for e in events_of(text) if e.trigger.text == "barring")
    assert [t.text for t in barring.targets] == ["street vendors"]


def test_reporting_verbs_are_not_events(events_of):
    events = events_of("Officials said on Monday that the talks were useful, the agency reported.")
    assert events == []


def test_capital_metonymy(events_of):
    ev = _one(events_of("Moscow expelled two Estonian diplomats on Tuesday."), "SANCTION")
    assert (ev.actors[0].normalised, ev.actors[0].kind) == ("Russia", "state")


def test_pronoun_in_a_report_is_the_speaker(events_of):
    ev = _one(events_of("Thailand said it had reinforced patrols along the river border."), "MOBILIZE")
    assert ev.actors[0].normalised == "Thailand"


def test_participle_of_the_same_act_is_one_incident(events_of):
    events = events_of("Troops fired on the crowd near the depot, wounding nine people.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 1


def test_derived_trigger_needs_a_recognisable_party(events_of):
    assert events_of("Prices of bread have risen sharply in the capital.") == []


def test_bare_event_noun_without_anchor_is_not_an_event(events_of):
    assert events_of("The bank announced new limits on cash withdrawals.") == []


def test_accused_party_acts_in_the_alleged_clause(events_of):
    events = events_of("The rebel group accused the army of shelling a village school.")
    alleged = _one(events, "ASSAULT")
    assert alleged.status == "alleged" and alleged.actors[0].text == "army"


def test_definite_event_noun_in_next_sentence_merges(events_of):
    text = "Government jets bombed a rebel depot on Tuesday. The airstrikes came after a week of fighting."
    assert len([e for e in events_of(text) if e.type == "ASSAULT"]) == 1


def test_event_noun_after_a_light_verb_takes_its_subject(events_of):
    ev = _one(events_of("Nurses staged demonstrations outside the health ministry on Monday."), "PROTEST")
    assert ev.actors[0].text == "Nurses"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("abcdefgh XYZ.,'\"\n-0123$")), max_size=120))
def test_never_raises_on_arbitrary_text(nlp, text):
    from eventledger.annotate.nlp import Annotated
    from eventledger.events import extract_events
    from eventledger.model import Document

    for ev in extract_events(Annotated(Document(sha256="x", source="t", format="text", body=text), nlp(text))):
        assert all(s.holds_in(text) for s in ev.evidence)


def test_empty_body_gives_no_events(events_of):
    assert events_of("") == []


def test_a_price_is_not_a_charge(events_of):
    assert "ACCUSE" not in _types(events_of("The gang charged each passenger 800 dollars for the crossing."))


def test_modes_are_valid_for_their_type(events_of):
    from eventledger.events._lexicon import load_lexicon

    modes = {t: set(v["modes"]) for t, v in load_lexicon().types.items()}
    for text in REPORTS.values():
        for e in events_of(text):
            assert e.mode is None or e.mode in modes[e.type], (e.type, e.mode)


def test_passive_order_marks_the_act_ordered(events_of):
    events = events_of("Border troops were ordered to withdraw from the disputed valley.")
    act = _one(events, "RETREAT")
    assert act.status == "ordered" and act.actors[0].text == "Border troops"
    assert _one(events, "COERCE").status == "asserted"


def test_apposition_does_not_replace_the_unit(events_of):
    ev = _one(events_of("The 5th Brigade, an elite mountain unit, shelled the village on Monday."), "ASSAULT")
    assert (ev.actors[0].text, ev.actors[0].kind) == ("5th Brigade", "military")


def test_a_closing_source_does_not_swallow_the_report(events_of):
    text = (
        "Government aircraft bombed a market in Kafr Nabl on Sunday, killing at least 12 people "
        "including three children, rescuers and local officials said."
    )
    (ev,) = [e for e in events_of(text) if e.type == "ASSAULT"]
    assert ev.attribution is not None
    assert ev.attribution.text == "rescuers and local officials said"


def test_a_wire_dateline_is_not_the_actor(events_of):
    text = "LAGOS — Police arrested 30 traders at a market on Friday, a spokesman said."
    (ev,) = [e for e in events_of(text) if e.type == "COERCE"]
    assert [a.text for a in ev.actors] == ["Police"]


def test_a_pronoun_in_an_adverbial_clause_refers_within_its_sentence(events_of):
    text = (
        "Soldiers dispersed hundreds of farmers on Tuesday as they marched towards the capital, a local reporter said."
    )
    protest = [e for e in events_of(text) if e.type == "PROTEST"]
    assert protest and [a.text for a in protest[0].actors] == ["hundreds of farmers"]


def test_they_refers_back_to_an_organisation_named_in_its_own_sentence(events_of):
    # no plural noun agrees with "they": the armed group of the same sentence, not the previous actor
    text = (
        "The U.N. met on Monday. No government has recognized the Shabab as a legitimate authority "
        "since they seized control of the port in 2019."
    )
    (ev,) = [e for e in events_of(text) if e.trigger is not None and e.trigger.text == "seized"]
    assert [a.text for a in ev.actors] == ["Shabab"]


def test_a_verb_without_an_object_shares_the_object_of_the_verb_coordinated_after_it(events_of):
    text = "The cabinet angered Chile last month by first imposing and then suspending a 12% tariff on all imports."
    (ev,) = [e for e in events_of(text) if e.trigger is not None and e.trigger.text == "imposing"]
    assert ev.type == "SANCTION" and ev.status == "asserted"
    assert "suspending a 12% tariff" in ev.evidence[0].text


def test_a_means_clause_under_a_verb_that_tells_no_act_is_the_act(events_of):
    # "angered residents" is no event: the shelling it was done by is the news (not a mere manner)
    text = "The army angered residents by shelling the main market in Kassala on Monday."
    (ev,) = [e for e in events_of(text) if e.type == "ASSAULT"]
    assert ev.status == "asserted" and [a.text for a in ev.actors] == ["army"]


def test_a_clause_the_parser_left_unlabelled_that_tells_another_act_is_cut_from_the_evidence(events_of):
    text = "Duterte at first banned the rallies in Manila, then exempted the unions and later lifted the ban."
    (ev,) = [e for e in events_of(text) if e.trigger is not None and e.trigger.text == "banned"]
    assert ev.evidence[0].text == "Duterte at first banned the rallies in Manila"


def test_one_partys_acts_told_at_different_points_in_time_stay_two_events(events_of):
    text = (
        "Rebel fighters shelled the town of Dara on Tuesday, residents said. "
        "The rebels also bombed the town last month."
    )
    assert sorted(e.trigger.text for e in events_of(text) if e.type == "ASSAULT" and e.trigger) == ["bombed", "shelled"]


def test_a_duration_is_no_point_in_time_and_does_not_split_one_act(events_of):
    text = (
        "Rebel fighters shelled the town of Dara on Tuesday, residents said. "
        "The rebels also bombed the town during the three-day siege."
    )
    assert len([e for e in events_of(text) if e.type == "ASSAULT"]) == 1


def test_a_dateline_with_an_agency_stays_out_of_evidence_and_actors(events_of):
    text = "NAIROBI (Wire) - Kenyan police fired tear gas at hundreds of students on Monday, witnesses said."
    (ev,) = [e for e in events_of(text) if e.type == "ASSAULT"]
    assert [a.text for a in ev.actors] == ["Kenyan police"]
    assert ev.evidence[0].text.startswith("Kenyan police fired")


def test_a_noun_that_names_a_group_is_no_event(events_of):
    text = "Riot police guarded the parliament building on Thursday."
    assert not [e for e in events_of(text) if e.type == "PROTEST"]


def test_what_is_fired_is_the_means_and_not_the_target(events_of):
    text = "Soldiers fired rubber bullets at protesters in the main square on Saturday."
    (ev,) = [e for e in events_of(text) if e.type == "ASSAULT"]
    assert [t.text for t in ev.targets] == ["protesters"]


def test_a_participle_describing_a_group_is_no_event(events_of):
    text = "Striking nurses met the health minister in the capital on Monday."
    assert not [e for e in events_of(text) if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan test-fired a ballistic missile on Thursday, the army said.",
        "Iran tested two cruise missiles during naval drills on Sunday.",
        "The navy conducted a missile test off the coast on Monday.",
        "The military fired three short-range missiles into the sea on Tuesday.",
    ],
)
def test_a_weapons_test_is_mobilize_weapons_with_no_missile_as_target(events_of, text):
    [event] = [e for e in events_of(text) if e.type in {"ASSAULT", "MOBILIZE"}]
    assert (event.type, event.mode) == ("MOBILIZE", "weapons")
    assert not event.targets


def test_missiles_fired_at_a_city_are_an_assault_with_heavy_weapons(events_of):
    [event] = events_of("Government forces fired missiles at Idlib overnight, killing five civilians.")
    assert (event.type, event.mode) == ("ASSAULT", "heavy-weapons")


def test_counted_weapons_are_not_people(events_of):
    [event] = events_of("Police seized three rifles and arrested two smugglers in Peshawar.")
    kinds = {t.text: (t.kind, t.count) for t in event.targets}
    assert kinds == {"three rifles": ("other", 3), "two smugglers": ("people", 2)}


def test_an_event_noun_located_by_an_occurrence_verb_is_an_event(events_of):
    [event] = events_of("Heavy fighting continued in Marawi on Sunday, the army said.")
    assert event.type == "ASSAULT" and event.trigger.text == "fighting"


def test_both_sides_of_a_clash_between_two_parties_act(events_of):
    [event] = events_of("Clashes between police and miners near Potosi injured 12 people on Friday.")
    assert [a.text for a in event.actors] == ["police", "miners"]


def test_the_noun_that_names_the_act_is_not_its_target(events_of):
    [talks] = events_of("The two ministers held talks with Chilean officials in Lima on Monday.")
    assert talks.type == "CONSULT" and [t.text for t in talks.targets] == ["Chilean officials"]
    [raid] = events_of("Soldiers carried out a raid on a radio station in Goma.")
    assert raid.type == "COERCE" and [t.text for t in raid.targets] == ["radio station"]


def test_a_count_in_a_participle_clause_stays_with_the_merged_event(events_of):
    [event] = events_of("Jets bombed a market in Idlib on Tuesday, killing at least 17 civilians, medics said.")
    assert [(q.unit, q.value_min, q.span.text, q.qualifier) for q in event.quantities] == [
        ("killed", 17.0, "at least 17 civilians", "at least")
    ]


def test_a_headline_that_repeats_the_lead_event_is_not_a_second_event(events_of):
    text = (
        "Rebels kill 9 in raid on Ituri mining camp\n\n"
        "Rebels killed nine miners in a raid on a gold mining camp in Ituri province on Sunday, "
        "a local official said.\n\nThe army said it had sent troops to the area.\n"
    )
    assaults = [e for e in events_of(text) if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].evidence[0].text.startswith("Rebels killed nine miners")


def test_a_headline_with_an_event_the_body_does_not_code_is_kept(events_of):
    text = "Police detain 30 in Dhaka\n\nThe opposition called for a general strike on Monday.\n"
    assert {e.type for e in events_of(text)} >= {"COERCE"}


def test_an_attack_noun_inside_the_killing_clause_is_the_same_event(events_of):
    [event] = events_of("Militants killed 14 soldiers in an attack on a checkpoint near Arbinda on Monday.")
    assert event.type == "ASSAULT" and [q.value_min for q in event.quantities] == [14.0]


def test_arriving_is_a_visit_only_for_an_envoy_with_a_destination(events_of):
    assert [e.type for e in events_of("The Turkish foreign minister arrived in Baghdad on Monday.")] == ["CONSULT"]
    assert events_of("The gunmen arrived on motorcycles before dawn.") == []
