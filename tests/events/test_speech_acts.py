"""Speech acts told through reporting verbs (events._speech_acts), on invented sentences."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _coded(events):
    return {(e.type, e.trigger.text if e.trigger else None) for e in events}


def _one(events, type_):
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.status, e.evidence[0].text) for e in events]
    return found[0]


def test_said_with_blame_is_accuse(events_of):
    ev = _one(events_of("The opposition leader said the governor was involved in corrupt deals."), "ACCUSE")
    assert ev.trigger.text == "said"
    assert [a.text for a in ev.actors] == ["opposition leader"]
    assert [t.text for t in ev.targets] == ["governor"]


def test_naming_in_evaluative_words_is_accuse(events_of):
    ev = _one(events_of("The prime minister called the opposition leader a liar."), "ACCUSE")
    assert [t.text for t in ev.targets] == ["opposition leader"]


def test_said_must_is_request(events_of):
    ev = _one(events_of("The ambassador declared that the rebels must leave the port city."), "REQUEST")
    assert ev.trigger.text == "declared"
    assert [t.text for t in ev.targets] == ["rebels"]


def test_demand_noun_after_insist_is_request(events_of):
    assert "REQUEST" in {
        e.type for e in events_of("The farmers' union insisted on its demand that the ministry pay the subsidies.")
    }


def test_denied_allegations_is_reject(events_of):
    assert ("REJECT", "denied") in _coded(events_of("The mining company denied the allegations on Tuesday."))


def test_dismissed_report_is_reject(events_of):
    assert ("REJECT", "dismissed") in _coded(events_of("The spokesman dismissed the report as false."))


def test_dismissed_minister_is_no_reject(events_of):
    assert "REJECT" not in {e.type for e in events_of("The president dismissed the finance minister on Friday.")}


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the meeting went well.",
        "The minister said it was hard to imagine a worse outcome.",
        "The envoy said nobody should see much meaning in the timing.",
        "The governor said the region is facing an increasing threat.",
        "Officials said they do not want to discuss the matter.",
        "The senator said he must act quickly.",
    ],
)
def test_neutral_or_self_content_is_attribution_only(events_of, text):
    assert not {e.type for e in events_of(text)} & {"ACCUSE", "REQUEST", "REJECT"}


def test_reported_event_stays_the_event(events_of):
    types = [e.type for e in events_of("Police said gunmen killed five villagers in a brutal attack.")]
    assert types == ["ASSAULT"]


def test_blame_of_someones_words_is_accuse(events_of):
    ev = _one(events_of("The ministry spokesman told reporters her claims were malicious lies."), "ACCUSE")
    assert ev.trigger.text == "told"


REPORT = (
    "Farm union wins a hearing\n\n"
    "The farmers' union held a rally in the capital on Monday. "
    "The union leader, who faces two charges of obstruction, denies the charges against him. "
    "The union routinely accuses the ministry of neglect."
)


def test_present_denial_in_the_body_is_news(events_of):
    rejects = [e for e in events_of(REPORT) if e.type == "REJECT"]
    assert [e.status for e in rejects] == ["asserted"]


def test_habitual_accusation_stays_generic(events_of):
    assert "ACCUSE" not in {e.type for e in events_of(REPORT) if e.status == "asserted"}


def test_speech_act_evidence_holds_speaker_and_content(events_of):
    text = "In a speech on Friday, the opposition leader said the governor was involved in corrupt deals."
    ev = _one(events_of(text), "ACCUSE")
    assert ev.evidence[0].text == "the opposition leader said the governor was involved in corrupt deals"


def test_present_opinion_verb_is_no_stance(events_of):
    text = "Budget talks stall\n\nThe mayor met the council on Monday. Local groups argue the plan could be changed."
    assert "ACCUSE" not in {e.type for e in events_of(text)}


def test_statement_urging_is_the_request(events_of):
    text = "The students' union issued a statement urging the university to reopen the library."
    ev = _one(events_of(text), "REQUEST")
    assert ev.trigger.text == "issued"
    assert [t.text for t in ev.targets] == ["university"]


def test_plain_issuing_is_no_request(events_of):
    assert "REQUEST" not in {e.type for e in events_of("The ministry issued new guidelines for schools.")}


def test_warning_that_blames_is_accuse(events_of):
    ev = events_of("The two neighbours warned that the arms deal between the junta and Belarus is illegal.")
    assert [(e.type, e.trigger.text) for e in ev if e.type in {"ACCUSE", "THREATEN"}] == [("ACCUSE", "warned")]


def test_warning_of_own_retaliation_stays_threaten(events_of):
    ev = events_of("The general warned that his forces would strike back if attacked.")
    assert ("THREATEN", "warned") in _coded(ev)


def test_encouraging_a_party_to_act_is_request(events_of):
    ev = _one(events_of("The envoy encouraged the police to speed up the inquiry."), "REQUEST")
    assert [t.text for t in ev.targets] == ["police"]


def test_pressuring_workers_to_act_is_request(events_of):
    assert "REQUEST" in {e.type for e in events_of("The authorities pressured the drivers to cancel their strike.")}


def test_bare_disagreement_is_reject(events_of):
    assert ("REJECT", "disagree") in _coded(events_of('"Of course I disagree," the defendant said.'))


def test_pronoun_speaker_is_not_the_addressee(events_of):
    text = "Donors met in Oslo on Monday. The council should lift the ban on aid convoys, she told reporters."
    ev = _one(events_of(text), "REQUEST")
    assert "council" not in {a.text for a in ev.actors}
    assert [t.text for t in ev.targets] == ["council"]


def test_two_sides_disagreeing_is_no_rejection(events_of):
    assert "REJECT" not in {e.type for e in events_of("The two ministers openly disagreed over funding.")}
