"""Coreference of one act told by its noun and its verb, and by a count and a list of names."""

from __future__ import annotations

import pytest

from eventledger.events._merge import Mention, concept, merge
from eventledger.model import Actor, Span

pytestmark = pytest.mark.slow


def _span(text: str, start: int) -> Span:
    return Span(start=start, end=start + len(text), text=text)


def _mention(type_, trigger, concept_, start, nominal, actors, keys, sent):
    return Mention(
        type=type_,
        mode=None,
        contexts=(),
        status="asserted",
        trigger_i=start,
        trigger=_span(trigger, start),
        concept=concept_,
        evidence=_span(trigger, start),
        actors=actors,
        targets=[],
        actor_keys=keys,
        target_keys=set(),
        nominal=nominal,
        sent=sent,
        last_sent=sent,
    )


def test_noun_and_verb_of_one_act_merge_across_type_family_and_the_verb_types_it():
    group = Actor("three member states", _span("three member states", 0), None, "state", None, 3)
    names = [Actor(n, _span(n, 50 + i * 10), None, "state", None, None) for i, n in enumerate(["A", "B", "C"])]
    noun = _mention("CONCEDE", "withdrawal", "withdrawal", 10, True, [group], {("state", frozenset({"member"}))}, 0)
    verb = _mention("RETREAT", "withdrew", "withdraw", 80, False, names, {("a", frozenset()), ("b", frozenset())}, 2)
    out = merge([noun, verb], {})
    assert [(m.type, len(m.actors)) for m in out] == [("RETREAT", 4)]


def test_two_nouns_of_different_types_stay_apart():
    a = _mention("CONCEDE", "withdrawal", "withdrawal", 10, True, [], set(), 0)
    b = _mention("RETREAT", "retreat", "retreat", 30, True, [], set(), 1)
    assert len(merge([a, b], {})) == 2


@pytest.mark.parametrize(("noun", "verb"), [("withdrawal", "withdraw"), ("removal", "remove"), ("seizure", "seize")])
def test_noun_and_verb_share_a_concept(noun, verb):
    assert concept(noun) == concept(verb)
