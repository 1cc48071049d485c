"""The event lexicons, loaded once per process from the package's data files.

Why data files: an expert extends the ontology or the triggers by editing JSON under ``data/``
without touching code. Two trigger layers are merged here: the curated ``triggers.json`` wins
over ``triggers_cameo.json`` (derived from PETRARCH2's CAMEO dictionary by
``scripts/build_lexicon.py``). Lookups are plain dict reads, so the stage stays cheap.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a lemma (or lemma + particle/object) means as an event."""

    type: str
    mode: str | None
    contexts: tuple[str, ...]
    source: str  # "curated" | "cameo"
    flags: frozenset[str] = frozenset()
    exclude_objects: frozenset[str] = frozenset()
    implicit_agent: str | None = None  # who a passive without "by" implies ("were arrested")


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, Trigger]
    verb_objects: dict[str, dict[str, Trigger]]
    nouns: dict[str, Trigger]
    crime_agents: dict[str, str]
    protest_agents: dict[str, str]
    gathering_verbs: frozenset[str]
    transfer_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    belief_verbs: frozenset[str]  # "believes X will ...": a forecast, not a commitment
    verbal_attack_verbs: frozenset[str]  # "attacked the plan": words, not force (see _senses)
    verbal_clash_words: frozenset[str]  # "the clash between the two presidents": words (see _senses)
    verbal_defence_verbs: frozenset[str]  # "defended the treaty": words of support (see _senses)
    criticism_nouns: frozenset[str]  # "defended X against criticism"
    verbal_defence_objects: frozenset[str]  # "defended the treaty" (besides discourse_nouns)
    discourse_nouns: frozenset[str]
    hazard_nouns: frozenset[str]  # storms, collapsing buildings: harm without an agent
    warning_verbs: frozenset[str]
    means_verbs: frozenset[str]  # "retaliated by imposing tariffs": the tariffs are the act
    demand_modals: frozenset[str]  # "X said Y must withdraw": a REQUEST by X
    source_verbs: frozenset[str]
    governors: dict[str, str]  # governing lemma -> status
    modals: dict[str, str]
    negation_words: frozenset[str]
    generic_adverbs: frozenset[str]
    generic_governors: frozenset[str]
    vague_objects: frozenset[str]
    background_cues: tuple[str, ...]
    actor_kinds: dict[str, str]  # head noun (lemma or phrase) -> kind
    title_words: frozenset[str]
    unit_nouns: frozenset[str]
    media_words: frozenset[str]
    anonymous_words: frozenset[str]
    event_nouns: frozenset[str]
    equipment_nouns: frozenset[str]
    instrument_nouns: frozenset[str]
    test_projectiles: frozenset[str]  # "fired a missile into the sea": a weapons test (see weapons_test)
    test_words: frozenset[str]
    water_nouns: frozenset[str]
    occurrence_verbs: frozenset[str]  # "protests continued in X": the noun's event is located by the verb
    things: frozenset[str]  # weapons and equipment: counted, they are never people
    countries: dict[str, str]  # lower-case name or variant -> ISO2
    capitals: dict[str, str]
    country_names: dict[str, str]  # ISO2 -> short name
    types: dict[str, dict]
    light_verbs: frozenset[str]
    future_types: dict[str, str]  # type of a planned act -> type of the commitment (PLOVER notes)
    candidate_words: frozenset[str]  # every word that can start a trigger: a cheap first filter
    incident_nouns: frozenset[str]


def _read(name: str) -> dict:
    with resources.files("eventledger.events").joinpath("data").joinpath(name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _trigger(entry: dict, source: str, types: dict | None = None) -> Trigger:
    flags = frozenset(k for k, v in entry.items() if v is True)
    mode = entry.get("mode")
    if types is not None and mode and mode not in types.get(entry["type"], {}).get("modes", ()):
        mode = None  # the crosswalk carries some renamed or misplaced modes; keep only valid ones
    return Trigger(
        entry["type"],
        mode,
        tuple(entry.get("contexts") or ()),
        source,
        flags,
        frozenset(entry.get("not_with_object") or ()),
        entry.get("passive_agent"),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    curated, derived = _read("triggers.json"), _read("triggers_cameo.json")
    actors, phoenix, ontology = _read("actors.json"), _read("actors_phoenix.json"), _read("ontology.json")
    types = ontology["types"]
    verbs = {k: _trigger(v, "cameo", types) for k, v in derived["verbs"].items()}
    verbs.update({k: _trigger(v, "curated", types) for k, v in curated["verbs"].items()})
    for lemma in curated["not_triggers"]:  # general verbs the derived layer codes too eagerly
        if lemma in verbs and verbs[lemma].source == "cameo":
            del verbs[lemma]
    verb_objects: dict[str, dict[str, Trigger]] = {
        verb: {noun: _trigger(v, "cameo", types) for noun, v in objs.items()}
        for verb, objs in derived["verb_objects"].items()
    }
    for verb, objs in curated["verb_objects"].items():
        verb_objects.setdefault(verb, {}).update({n: _trigger(v, "curated", types) for n, v in objs.items()})
    governors: dict[str, str] = {}
    for status, lemmas in curated["status_governors"].items():
        for lemma in lemmas:
            governors.setdefault(lemma, status)
    kinds: dict[str, str] = dict(phoenix["agents"])
    for kind in ("people", "group", "official", "agency", "military"):  # later kinds win
        kinds.update({w.replace("_", " "): kind for w in actors[kind]})
    lex = Lexicon(
        verbs=verbs,
        verb_objects=verb_objects,
        nouns={k: _trigger(v, "curated", types) for k, v in curated["nouns"].items()},
        crime_agents=dict(curated["crime_agents"]),
        protest_agents=dict(curated["protest_agents"]),
        gathering_verbs=frozenset(curated["gathering_verbs"]),
        transfer_verbs=frozenset(curated["transfer_verbs"]),
        reporting_verbs=frozenset(curated["reporting_verbs"]),
        belief_verbs=frozenset(curated["belief_verbs"]),
        verbal_attack_verbs=frozenset(curated["verbal_attack_verbs"]),
        verbal_clash_words=frozenset(curated["verbal_clash_words"]),
        verbal_defence_verbs=frozenset(curated["verbal_defence_verbs"]),
        criticism_nouns=frozenset(curated["criticism_nouns"]),
        verbal_defence_objects=frozenset(curated["verbal_defence_objects"]),
        discourse_nouns=frozenset(curated["discourse_nouns"]),
        hazard_nouns=frozenset(curated["hazard_nouns"]),
        warning_verbs=frozenset(curated["warning_verbs"]),
        means_verbs=frozenset(curated["means_verbs"]),
        demand_modals=frozenset(curated["demand_modals"]),
        source_verbs=frozenset(curated["source_verbs"]),
        governors=governors,
        modals=dict(curated["modals"]),
        negation_words=frozenset(curated["negation_words"]),
        generic_adverbs=frozenset(curated["generic_adverbs"]),
        generic_governors=frozenset(curated["generic_governors"]),
        vague_objects=frozenset(curated["vague_objects"]),
        background_cues=tuple(curated["background_cues"]),
        actor_kinds=kinds,
        title_words=frozenset(actors["title_words"]),
        unit_nouns=frozenset(actors["unit_pattern_nouns"]),
        media_words=frozenset(actors["media_words"]),
        anonymous_words=frozenset(actors["anonymous_words"]),
        event_nouns=frozenset(actors["event_nouns"]),
        equipment_nouns=frozenset(curated["equipment_nouns"]),
        instrument_nouns=frozenset(curated["instrument_nouns"]),
        test_projectiles=frozenset(curated["weapons_test"]["projectiles"]),
        test_words=frozenset(curated["weapons_test"]["test_words"]),
        water_nouns=frozenset(curated["weapons_test"]["water_nouns"]),
        occurrence_verbs=frozenset(curated["occurrence_verbs"]),
        things=frozenset(curated["equipment_nouns"])
        | frozenset(curated["instrument_nouns"])
        | frozenset(curated["weapons_test"]["projectiles"]),
        countries=dict(phoenix["countries"]),
        capitals=dict(phoenix["capitals"]),
        country_names=dict(phoenix["country_names"]),
        types=dict(ontology["types"]),
        light_verbs=frozenset(curated["light_verbs"]),
        future_types={k: v for k, v in curated["future_types"].items() if not k.startswith("_")},
        candidate_words=frozenset(
            {k.split()[0] for k in verbs}
            | {k.split()[0] for k in verb_objects}
            | {k.split()[0] for k in curated["nouns"]}
            | set(curated["transfer_verbs"])
            | set(curated["gathering_verbs"])
            | {"tell"}
        ),
        incident_nouns=frozenset(curated["incident_nouns"]),
    )
    logger.debug(
        "event lexicon: %d verbs, %d verb+object heads, %d nouns", len(verbs), len(verb_objects), len(lex.nouns)
    )
    return lex
