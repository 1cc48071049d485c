"""A party a report names once and then by a description it gave it ("the Front, Chad's de facto
rulers," ... "de facto Chadian authorities have barred ...").

Why: the doer of one act is then written two ways in one report, and other reports of the act
use the name; keyed by the description's head noun ("authority") it matches neither. News
writing introduces such a description in apposition to the name; a later phrase headed by a
ruling noun (data/actors.json ``ruling_nouns``) of the same country, carrying every qualifier of
the description ("de facto", "military"), means the named party. Without a qualifier the
description says only "the country's rulers", which a report may use for anyone governing:
no alias is made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from eventledger.events._actors import make_actor
from eventledger.events._lexicon import Lexicon, _read
from eventledger.model import Actor, Event

_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\"“”\n]")
_LOOK_BACK = 60  # characters before an actor's phrase read for its qualifiers
_QUALIFIER_WORDS = 4
_DESCRIPTION_WORDS = 6  # words between the name's comma and the ruling noun, at most
_NAMED = frozenset({"ORG", "NORP", "PERSON"})


@dataclass(frozen=True, slots=True)
class Alias:
    """A description given to a named party: its country, its qualifiers, the party's key."""

    at: int  # body offset of the description: only later phrases refer back to it
    country: str
    qualifiers: frozenset[str]
    normalised: str


@lru_cache(maxsize=1)
def ruling_nouns() -> frozenset[str]:
    """Head nouns of a description of a country's rulers (data/actors.json)."""
    return frozenset(_read("actors.json")["ruling_nouns"])


def descriptions(doc, lex: Lexicon, body: str) -> list[Alias]:
    """The ruling descriptions the report sets beside named parties ("X, Chad's de facto rulers,").

    Read from the words, not the parse: a parser often takes "X, Chad's ... rulers" for a list
    ("X and Chad"'s rulers). The pattern is a name, a comma, then up to ``_DESCRIPTION_WORDS``
    words holding one country ("Chad's", "Chadian"), at least one qualifier and a ruling noun
    that ends the description (a comma or the sentence's end follows).
    """
    out = []
    for tok in doc:
        if tok.lemma_.lower() not in ruling_nouns() or tok.i + 1 >= len(doc) or not doc[tok.i + 1].is_punct:
            continue
        comma = next((t for t in reversed(doc[max(0, tok.i - _DESCRIPTION_WORDS) : tok.i]) if t.is_punct), None)
        if comma is None or comma.text != "," or comma.i == 0:
            continue
        name = doc[comma.i - 1]
        if name.pos_ != "PROPN" or name.ent_type_ not in _NAMED:
            continue
        countries = [lex.countries[t.lower_] for t in doc[comma.i + 1 : tok.i] if t.lower_ in lex.countries]
        qualifiers = {
            t.lower_
            for t in doc[comma.i + 1 : tok.i]
            if t.lower_ not in lex.countries and t.dep_ not in {"det", "case"} and t.tag_ != "POS"
        }
        if len(countries) != 1 or not qualifiers:
            continue
        party = make_actor(name, lex, body)
        if party is not None and party.normalised:
            out.append(Alias(tok.idx, countries[0], frozenset(qualifiers), party.normalised))
    return out


def refers_to(actor: Actor, alias: Alias, body: str) -> bool:
    """Whether ``actor`` is a later phrase of the description's kind, country and qualifiers.

    The qualifiers may stand just before the phrase the parser gave the actor, within its clause
    (a parser often hangs a foreign "de facto" opening a sentence on the verb).
    """
    if actor.span is None or actor.span.start <= alias.at or actor.country != alias.country:
        return False
    if actor.normalised not in ruling_nouns():
        return False
    before = _CLAUSE_BREAK.split(body[max(0, actor.span.start - _LOOK_BACK) : actor.span.start])[-1]
    words = set(_WORD.findall(before.lower())[-_QUALIFIER_WORDS:]) | set(_WORD.findall(actor.text.lower()))
    return alias.qualifiers <= words


def with_aliases(events: list[Event], aliases: list[Alias], body: str) -> list[Event]:
    """``events`` whose actors described as a named party are keyed by that party's name."""
    if not aliases:
        return events
    out = []
    for ev in events:
        actors = tuple(_aliased(a, aliases, body) for a in ev.actors)
        targets = tuple(_aliased(a, aliases, body) for a in ev.targets)
        out.append(ev if actors == ev.actors and targets == ev.targets else replace(ev, actors=actors, targets=targets))
    return out


def _aliased(actor: Actor, aliases: list[Alias], body: str) -> Actor:
    found = next((a for a in reversed(aliases) if refers_to(actor, a, body)), None)
    return actor if found is None else replace(actor, normalised=found.normalised)
