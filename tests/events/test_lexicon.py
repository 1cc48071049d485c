"""The ontology and lexicon data files load and hold together."""

from __future__ import annotations

import json
from importlib import resources

from eventledger.events._lexicon import load_lexicon

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def test_ontology_has_the_16_plover_types_and_other():
    lex = load_lexicon()
    assert set(lex.types) == PLOVER_TYPES | {"OTHER"}
    assert lex.types["OTHER"]["modes"] == ["crime"]


def test_every_trigger_names_a_known_type():
    lex = load_lexicon()
    known = set(lex.types)
    triggers = list(lex.verbs.values()) + list(lex.nouns.values())
    triggers += [t for objs in lex.verb_objects.values() for t in objs.values()]
    assert triggers and all(t.type in known for t in triggers)


def test_curated_entries_win_over_derived_ones():
    lex = load_lexicon()
    assert lex.verbs["deploy"].source == "curated"
    assert lex.verbs["deploy"].type == "MOBILIZE"
    assert lex.verbs["smuggle"].type == "OTHER" and lex.verbs["smuggle"].mode == "crime"


def test_derived_layer_is_broad():
    lex = load_lexicon()
    assert sum(t.source == "cameo" for t in lex.verbs.values()) > 500


def test_not_triggers_are_removed_from_the_derived_layer():
    lex = load_lexicon()
    assert "consider" not in lex.verbs


def test_crime_choice_and_attribution_are_documented():
    data = resources.files("eventledger.events").joinpath("data")
    ontology = json.loads(data.joinpath("ontology.json").read_text(encoding="utf-8"))
    assert "OTHER" in ontology["crime_choice"] and "CC BY-SA" in ontology["about"]
    notice = data.joinpath("NOTICE.md").read_text(encoding="utf-8")
    assert "MIT" in notice and "CC BY-SA 4.0" in notice
    assert data.joinpath("petrarch2-MIT-LICENSE.txt").is_file()


def test_capitals_stand_for_their_states():
    lex = load_lexicon()
    assert lex.capitals["ankara"] == "TR"
    assert lex.countries["north korea"] == "KP"
