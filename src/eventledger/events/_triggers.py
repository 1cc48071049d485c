"""Which tokens state an event, and as which PLOVER type.

Order of lookup, most specific first: phrasal verb ("lock down"), verb + object ("close the
border", "take positions"), verb, then the derived CAMEO layer; nouns ("lockdown", "airstrike")
separately. Reporting verbs ("said", "told") are never events: they carry attribution. Verbs from
the derived layer must have an argument and a concrete object, so "imposed a series of measures"
is not coded.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from eventledger.events._arguments import resolve, shared_object, subjects
from eventledger.events._lexicon import Lexicon, Trigger
from eventledger.events._quantities import has_money
from eventledger.events._speech_acts import speech_act_triggers

_VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}
_PERSONISH = {"people", "official", "military", "group", "agency", "state"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_COUNT_NOUNS = {"hundred", "thousand", "dozen", "scores", "score", "crowd", "group"}


def _obj(tok):
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass", "attr"}:
            return c
    return None


def _object_nouns(tok):
    """Direct object, passive subject, and objects of "with"/"on" (``go on strike``)."""
    out = []
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"}:
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in {"on", "with", "into", "under"}:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out or shared_object(tok)


_BACK_POINTERS = {"that", "this", "it"}


def _with_antecedents(objs: list, objects: dict) -> list:
    """ "... a pause in aid. It's good that that was lifted": an object that only points back
    stands for the nearest earlier noun, in its sentence or the one before, that the verb takes
    as an object."""
    out = []
    for o in objs:
        out.append(o)
        if o.lower_ not in _BACK_POINTERS or any(True for _ in o.children):
            continue
        sent = o.sent
        start = sent.start
        if start > 0:
            start = o.doc[start - 1].sent.start
        for t in reversed(o.doc[start : o.i]):
            if t.pos_ == "NOUN" and t.lemma_.lower() in objects:
                out.append(t)
                break
    return out


def _means_objects(tok, lex: Lexicon) -> list:
    """ "Retaliated by imposing tariffs": the object of the means, for a verb that names its act
    by its means (``means_verbs``)."""
    if tok.lemma_.lower() not in lex.means_verbs:
        return []
    return [
        o
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ == "by"
        for g in p.children
        if g.dep_ == "pcomp"
        for o in g.children
        if o.dep_ == "dobj"
    ]


_MATTER_PREPS = {"over", "about", "at", "with", "regarding", "on"}


def _about_matter(noun, lex: Lexicon) -> bool:
    """ "Concern over the arrests", "anger at China": the noun is about a party or an act."""
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ in _MATTER_PREPS:
            for g in p.subtree:
                lemma = g.lemma_.lower()
                if g.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or lemma in lex.actor_kinds:
                    return True
                if lemma in lex.nouns or lemma in lex.event_nouns or (g.pos_ == "VERB" and lemma in lex.verbs):
                    return True
    return False


def verb_forms(tok) -> list[str]:
    """The lemma, then guesses from the surface form: the lemmatizer errs on rare forms
    ("staged" -> "stag")."""
    low = tok.lower_
    out = [tok.lemma_.lower()]
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"), ("ing", ""), ("s", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            out.append(low[: -len(suffix)] + repl)
    out.append(low)
    return list(dict.fromkeys(out))


def hyphen_prefix(tok) -> str | None:
    """ "test" of "test-fired" (split into three tokens by the tokenizer), else None."""
    doc, i = tok.doc, tok.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return doc[i - 2].lower_
    return None


def weapons_test(tok, lex: Lexicon) -> bool:
    """A launch of a missile that says it is a test, or that it went into open water.

    PLOVER codes weapons tests and shows of force as MOBILIZE (mode weapons), not ASSAULT;
    the caller only asks when the launch has no target.
    """
    projectile = any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in lex.test_projectiles for c in tok.children)
    if not projectile:
        return False
    if hyphen_prefix(tok) in lex.test_words:
        return True
    for t in tok.subtree:
        if t.lemma_.lower() in lex.test_words or t.lower_ in lex.test_words:
            return True
        if t.dep_ == "pobj" and t.head.lower_ in {"into", "in"} and t.lemma_.lower() in lex.water_nouns:
            return True
    return False


def _is_verb(tok, lex: Lexicon) -> bool:
    if tok.pos_ == "VERB" or (tok.tag_ in _VERB_TAGS and tok.pos_ != "AUX"):
        return True
    # parse repair: "to forward-deploy X" is often tagged as a noun compound
    if tok.pos_ == "NOUN" and tok.lower_ in lex.verbs and tok.lower_ not in lex.nouns and tok.i > 0:
        prev = tok.doc[tok.i - 1]
        return prev.lower_ in {"-", "to"} and lex.verbs[tok.lower_].source == "curated"
    return False


def _military(tok, lex: Lexicon) -> bool:
    words = {t.lemma_.lower() for t in tok.subtree if t.dep_ in {"compound", "amod"} or t.i == tok.i}
    return any(lex.actor_kinds.get(w) == "military" for w in words) or tok.lemma_.lower() in lex.unit_nouns


def _passes(trig: Trigger, tok, lex: Lexicon) -> bool:
    objs = _object_nouns(tok)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in {"acl", "amod"}
    )
    if "passive_only" in trig.flags and not passive:
        return False
    if "needs_military_object" in trig.flags:
        heads = objs + ([tok.head] if tok.dep_ == "acl" else [])
        if not any(_military(o, lex) for o in heads):
            return False
    if "needs_person_object" in trig.flags:
        heads = objs + ([tok.head] if tok.dep_ == "acl" else [])
        if not any(
            o.pos_ == "PRON" or lex.actor_kinds.get(o.lemma_.lower()) in _PERSONISH or o.ent_type_ in {"PERSON", "NORP"}
            for o in heads
        ):
            return False
    if "needs_place" in trig.flags and not any(
        c.dep_ == "prep" and c.lower_ in {"in", "at", "to"} and any(t.ent_type_ in _PLACE_ENTS for t in c.subtree)
        for c in tok.children
    ):
        return False  # "arrived in Beijing" is a visit, "arrived on motorcycles" is not
    if "needs_envoy" in trig.flags and not any(
        s.ent_type_ in {"GPE", "PERSON", "NORP"} or lex.actor_kinds.get(s.lemma_.lower()) in {"official", "state"}
        for s in subjects(tok)[0]
    ):
        return False  # a visit is made by a state or its officials
    if "needs_concrete_object" in trig.flags and not any(
        o.pos_ in {"NOUN", "PROPN"} and o.lemma_.lower() not in lex.vague_objects for o in objs
    ):
        return False
    if "needs_no_object" in trig.flags and any(c.dep_ == "dobj" for c in tok.children):
        return False
    if "not_with_money" in trig.flags and has_money(tok.doc[tok.i : tok.right_edge.i + 1].text):
        return False  # "charged each migrant 5,000 euros" is a price, not an accusation
    if "needs_clause" in trig.flags and not any(c.dep_ in {"xcomp", "ccomp"} for c in tok.children):
        return False
    dobj = _obj(tok)
    return not (dobj is not None and dobj.lemma_.lower() in trig.exclude_objects)


def verb_trigger(tok, lex: Lexicon) -> tuple[Trigger, str] | None:
    """(trigger, concept key) for a verb token, or None."""
    if not _is_verb(tok, lex):
        return None
    lemma = tok.lemma_.lower() if tok.pos_ == "VERB" else tok.lower_
    if tok.pos_ == "VERB" and lemma not in lex.candidate_words:
        lemma = next((f for f in verb_forms(tok) if f in lex.candidate_words), lemma)
    if lemma == "tell" and any(c.dep_ == "xcomp" for c in tok.children):
        lemma = "order"  # "were told to leave" is an instruction, not a report
    elif lemma in lex.reporting_verbs:
        return None
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    keys = [f"{lemma} {prt}", lemma] if prt else [lemma]
    prefixed = f"{hyphen_prefix(tok)}-{lemma}"
    if prefixed in lex.verbs and _passes(lex.verbs[prefixed], tok, lex):
        return lex.verbs[prefixed], prefixed  # "test-fired": the compound verb, before "fire" + object
    for c in tok.children:  # "call for", "pull out of": a preposition that completes the verb
        if c.dep_ == "prep" and f"{lemma} {c.lower_}" in lex.verbs:
            keys.insert(0, f"{lemma} {c.lower_}")
        elif c.dep_ in {"advcl", "ccomp"} and c.i > tok.i:  # "called for the charges to be dropped"
            mark = next((m for m in c.children if m.dep_ == "mark" and m.i < c.i), None)
            if mark is not None and mark.lower_ == "for" and f"{lemma} for" in lex.verbs:
                keys.insert(0, f"{lemma} for")
    for key in keys:
        objects = lex.verb_objects.get(key)
        if objects:
            for o in _with_antecedents(_object_nouns(tok), objects) + _means_objects(tok, lex):
                mods = [c.lower_ for c in o.children if c.dep_ in {"amod", "compound"}]
                cands = [f"{m} {o.lemma_.lower()}" for m in mods] + [o.lemma_.lower(), o.lower_]
                if o.lemma_.lower() in lex.vague_objects:  # "ended mediation efforts": the modifier names the act
                    cands += [c.lemma_.lower() for c in o.children if c.dep_ == "compound"]
                for cand in cands:
                    trig = objects.get(cand)
                    if trig and "needs_matter" in trig.flags and not _about_matter(o, lex):
                        continue  # "expressed concerns about its effectiveness": no one blamed
                    if trig and (
                        trig.source == "curated" or lex.verbs.get(key) is None or lex.verbs[key].source != "curated"
                    ):
                        return trig, f"{key}+{cand}"
    for key in keys:
        trig = lex.verbs.get(key)
        if trig is None:
            continue
        if trig.source == "cameo":
            if not any(c.dep_ in {"nsubj", "nsubjpass", "dobj", "agent"} for c in tok.children) and tok.dep_ != "conj":
                return None
            dobj = _obj(tok)
            if dobj is not None and dobj.lemma_.lower() in lex.vague_objects:
                return None
        if not _passes(trig, tok, lex):
            return None
        return trig, key
    return None


def noun_trigger(tok, lex: Lexicon) -> tuple[Trigger, str] | None:
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    lemma = tok.lemma_.lower()
    head = tok.head
    if tok.dep_ in {"compound", "amod"} and head.i > tok.i and head.lemma_.lower() in lex.actor_kinds:
        return None  # "riot police", "protest leaders": the noun names a group, not an event
    trig = lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)
    if trig is None and tok.i + 1 < len(tok.doc):
        trig = lex.nouns.get(f"{tok.lower_} {tok.doc[tok.i + 1].lower_}")
    if trig is None:
        return _noun_with_object(tok, lemma, lex)
    return trig, lemma


def noun_preps(noun) -> list:
    """The prepositions of ``noun``, with one the parser hung on its verb right after it ("lift
    the ban on protests": the ban is on protests, lifting is not)."""
    out = [c for c in noun.children if c.dep_ == "prep"]
    if noun.dep_ == "dobj":
        out += [c for c in noun.head.children if c.dep_ == "prep" and c.i == noun.right_edge.i + 1]
    return out


def _noun_with_object(tok, lemma: str, lex: Lexicon) -> tuple[Trigger, str] | None:
    """ "The pause in aid", "a freeze on arms supplies": a noun that names an act only with its
    object, coded as its verb with that object (``noun_verbs``); "a pause" alone codes nothing."""
    objects = lex.verb_objects.get(_extra("noun_verbs").get(lemma, ""))
    if not objects:
        return None
    preps = _extra_words("noun_object_preps")
    for p in noun_preps(tok):
        if p.lower_ not in preps:
            continue
        for o in (g for g in p.children if g.dep_ == "pobj"):
            mods = [c.lower_ for c in o.children if c.dep_ in {"amod", "compound"}]
            for cand in [f"{m} {o.lemma_.lower()}" for m in mods] + [o.lemma_.lower(), o.lower_]:
                trig = objects.get(cand)
                if trig is not None:
                    return trig, f"{lemma}+{cand}"
    return None


@lru_cache(maxsize=16)
def _extra(key: str) -> Any:
    """A value of ``triggers.json`` read only here (the shared Lexicon stays as it is), shared: never changed.

    Room for every key: with one slot, two keys read in turn re-read the file on each call."""
    with resources.files("eventledger.events").joinpath("data").joinpath("triggers.json").open(encoding="utf-8") as fh:
        return json.load(fh).get(key) or {}


def _extra_words(key: str) -> frozenset[str]:
    return frozenset(_extra(key))


def obstruction_verbs() -> frozenset[str]:
    return _extra_words("obstruction_verbs")


def reversal_verbs() -> frozenset[str]:
    """ "Lift", "end", "resolve": verbs that undo a measure in force (``_presupposed``)."""
    return _extra_words("reversal_verbs")


def peacekeeping(tok, trig: Trigger) -> Trigger:
    """ "Peacekeeping troops were deployed", "the deployment of peacekeepers": protection given
    (PLOVER AID), not a mobilisation."""
    if trig.type != "MOBILIZE":
        return trig
    words = _extra_words("peacekeeping_words")
    phrase = [*tok.subtree, *(t for s in subjects(tok)[0] for t in s.subtree)] if tok.pos_ == "VERB" else [*tok.subtree]
    if any(t.lower_ in words or t.lemma_.lower() in words for t in phrase):
        return Trigger("AID", None, trig.contexts, trig.source, trig.flags, trig.exclude_objects, trig.implicit_agent)
    return trig


OBSTRUCT = Trigger("PROTEST", "obstruct", (), "curated")


def _civilian(tok, lex: Lexicon) -> bool:
    """Workers, farmers, residents or their unions: people who obstruct as a protest."""
    if tok.pos_ == "NUM" or tok.lemma_.lower() in _COUNT_NOUNS:  # "hundreds of residents"
        tok = next((g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), tok)
    return tok.pos_ in {"NOUN", "PROPN"} and lex.actor_kinds.get(tok.lemma_.lower()) in {"people", "group"}


def crime_trigger(tok, subjects: list, lex: Lexicon) -> tuple[Trigger, str] | None:
    """ "smugglers moved X": a transfer verb whose agent is a crime agent noun is that crime;
    "protesters gathered": a gathering verb whose agent is a protester is a protest, and so is
    an obstruction by civilians ("farmers blocked the highway")."""
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    if lemma in lex.gathering_verbs or lemma in obstruction_verbs():
        for s in subjects:
            act = lex.protest_agents.get(s.lemma_.lower())
            if act and act in lex.verbs:
                return lex.verbs[act], act
        if lemma in obstruction_verbs() and subjects and all(_civilian(s, lex) for s in subjects):
            return OBSTRUCT, f"{lemma}:obstruct"  # "farmers blocked the road": a protest
        return None
    if lemma not in lex.transfer_verbs:
        return None
    for s in subjects:
        crime = lex.crime_agents.get(s.lemma_.lower())
        if crime and crime in lex.verbs:
            return lex.verbs[crime], crime
    return None


def find_triggers(doc, lex: Lexicon) -> dict[int, tuple[Trigger, str, bool]]:
    """token index -> (trigger, concept key, is_verb) for every trigger in ``doc``."""
    found: dict[int, tuple[Trigger, str, bool]] = {}
    candidates, object_nouns = lex.candidate_words, _extra("noun_verbs")
    for tok in doc:
        if tok.lemma_.lower() not in candidates and tok.lower_ not in candidates:
            if tok.lemma_.lower() in object_nouns:
                pass  # "the cessation of aid": a noun that names an act with its object
            elif tok.pos_ != "VERB" or not any(f in candidates for f in verb_forms(tok)):
                continue  # cheap filter first: most tokens start no trigger
        if tok.dep_ == "amod" and tok.tag_ == "VBG" and tok.head.i > tok.i:
            continue  # "striking workers", "protesting farmers": a participle describing a group
        hit = verb_trigger(tok, lex)
        if (hit is None or hit[0].source == "cameo") and tok.pos_ == "VERB":
            subj = [r for s in subjects(tok)[0] for r in resolve(s, [])[0]]
            hit = crime_trigger(tok, subj, lex) or hit
        if hit is not None:
            found[tok.i] = (peacekeeping(tok, hit[0]), hit[1], True)
            continue
        hit = noun_trigger(tok, lex)
        if hit is not None:
            found[tok.i] = (peacekeeping(tok, hit[0]), hit[1], False)
    found.update(speech_act_triggers(doc, lex, found))  # "X said Y must ...": the saying is the act
    return found
