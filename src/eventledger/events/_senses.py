"""Which sense of a trigger a clause uses: words or force, an agent's act or a natural harm, a
threat or a forecast.

Why: news English lends violent verbs to speech ("the senator attacked the plan", "slammed the
ruling") and lets non-agents do harm ("collapsing buildings injured dozens", "killed in the
flood"); neither is an ASSAULT. And "officials warned the toll may rise" forecasts a happening
nobody does, where "warned it will strike back" threatens one. The cues are syntactic and the
word lists live in ``data/triggers.json`` (``verbal_attack_verbs``, ``discourse_nouns``,
``hazard_nouns``, ``warning_verbs``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventledger.events._lexicon import Lexicon

_REASON_PREPS = {"over", "for", "as"}
_CASUALTY_LEMMAS = {"kill", "wound", "injure", "die", "dead", "casualty", "bomb", "shoot", "shell", "gunman"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_POSSIBLE = {"possible", "potential", "likely", "further"}
_PARTY_ENTS = {"PERSON", "ORG", "GPE", "NORP"}


def _heads(tok, deps: set[str]) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def verbal_attack(tok, lex: Lexicon) -> bool:
    """A violent verb used for words: a reason or a "said" object, and no sign of force."""
    if tok.lemma_.lower() not in lex.verbal_attack_verbs:
        return False
    sent = tok.sent
    if any(t.lemma_.lower() in _CASUALTY_LEMMAS or t.lemma_.lower() in lex.instrument_nouns for t in sent):
        return False
    objs = _heads(tok, {"dobj"})
    words = _force_words()
    if any(o.lemma_.lower() in words["physical_targets"] or o.ent_type_ == "FAC" for o in objs):
        return False  # "attacked an army post": only force strikes a post
    said = any(o.lemma_.lower() in lex.discourse_nouns or o.lower_ in lex.media_words for o in objs)
    reason = any(
        c.dep_ == "prep"
        and c.lower_ in _REASON_PREPS
        and any(g.ent_type_ not in {"DATE", "TIME"} and g.lemma_.lower() not in words["time_nouns"] for g in c.children)
        for c in tok.children
    )
    return said or reason


@lru_cache(maxsize=1)
def _force_words() -> dict[str, frozenset[str]]:
    """Objects only force strikes, and time nouns ("over the weekend"); data/triggers.json."""
    data = json.loads(resources.files("eventledger.events").joinpath("data/triggers.json").read_text(encoding="utf-8"))
    return {k: frozenset(data[k]) for k in ("physical_targets", "time_nouns")}


def _with_conjuncts(toks: list) -> list:
    return [t for tok in toks for t in [tok, *(c for c in tok.children if c.dep_ == "conj")]]


def verbal_clash(tok, lex: Lexicon) -> list:
    """The parties of a clash of named persons ("Trump and X clashed", "the clash between the two
    presidents"): two people, no weapon and no casualty in the sentence, so a war of words; []
    for any other clash."""
    if tok.lemma_.lower() not in lex.verbal_clash_words:
        return []
    sent = tok.sent
    if any(t.lemma_.lower() in _CASUALTY_LEMMAS or t.lemma_.lower() in lex.instrument_nouns for t in sent):
        return []
    parties = _with_conjuncts(_heads(tok, _SUBJECTS)) if tok.pos_ == "VERB" else []
    parties += _with_conjuncts(
        [g for p in _heads(tok, {"prep"}) if p.lower_ in {"with", "between"} for g in _heads(p, {"pobj"})]
    )
    return parties if len(parties) >= 2 and all(p.ent_type_ == "PERSON" for p in parties) else []


def verbal_defence(tok, lex: Lexicon) -> bool:
    """ "defended the treaty", "defended X against criticism": support in words, not protection."""
    if tok.lemma_.lower() not in lex.verbal_defence_verbs:
        return False
    said = lex.discourse_nouns | lex.verbal_defence_objects
    if any(o.lemma_.lower() in said for o in _with_conjuncts(_heads(tok, {"dobj"}))):
        return True
    return any(
        g.lemma_.lower() in lex.criticism_nouns
        for p in _heads(tok, {"prep"})
        if p.lower_ == "against"
        for g in _with_conjuncts(_heads(p, {"pobj"}))
    )


@lru_cache(maxsize=1)
def _accident_verbs() -> frozenset[str]:
    data = json.loads(resources.files("eventledger.events").joinpath("data/triggers.json").read_text(encoding="utf-8"))
    return frozenset(data["accident_verbs"])


def natural_harm(tok, lex: Lexicon) -> bool:
    """Harm done by a natural force or a thing ("the storm killed", "collapsing buildings injured",
    "were killed in the earthquake"), not by an agent."""
    subj = _heads(tok, {"nsubj"})
    cur = tok
    while not subj and not _heads(cur, {"agent", "nsubjpass"}) and cur.head.i != cur.i:
        cur = cur.head  # "The storm destroyed homes and injured dozens": the clause's doer
        subj = _heads(cur, {"nsubj"}) if cur.pos_ in {"VERB", "AUX"} else []
    if subj and cur.i != tok.i and cur.lemma_.lower() in _accident_verbs():
        if not any(s.lemma_.lower() in lex.actor_kinds or s.ent_type_ in _PARTY_ENTS for s in subj):
            return True  # "a plane crashed, killing six": an accident has no agent
    if subj:
        return all(s.lemma_.lower() in lex.hazard_nouns for s in subj)
    if _heads(tok, {"agent"}):
        agents = [g for a in _heads(tok, {"agent"}) for g in a.children if g.dep_ == "pobj"]
        return bool(agents) and all(g.lemma_.lower() in lex.hazard_nouns for g in agents)
    for prep in _heads(tok, {"prep"}):
        if prep.lower_ in {"in", "during", "when"} and any(
            g.lemma_.lower() in lex.hazard_nouns for g in prep.children if g.dep_ == "pobj"
        ):
            return True
    return False


def _names_party(noun, lex: Lexicon) -> bool:
    """ "The rebels' plan would wreck the truce" blames a party; "the toll may rise" does not."""
    for t in noun.subtree:
        if t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or t.lemma_.lower() in lex.actor_kinds:
            return True
    return False


def forecast(tok, lex: Lexicon) -> bool:
    """A warning about a possible happening: "warned (that) the toll may rise", "warned of a
    possible resurgence". A warning whose content is an act of the one warning ("warned it would
    retaliate") or one that blames a party ("warned the rebels' plan would wreck the truce") is not."""
    if tok.lemma_.lower() not in lex.warning_verbs:
        return False
    for c in tok.children:
        if c.dep_ == "ccomp":
            modal = any(a.dep_ == "aux" and a.lower_ in lex.modals for a in c.children)
            own = [s for s in c.children if s.dep_ in _SUBJECTS]
            speaker = [s for s in tok.children if s.dep_ == "nsubj"]
            same = own and speaker and own[0].lemma_.lower() in {speaker[0].lemma_.lower(), "it", "they", "we", "i"}
            if modal and not same and not any(_names_party(s, lex) for s in own):
                return True
    if any(_possible_object(p) for p in _preps(tok)):
        return True
    # '"... we must say plainly that matters may yet deteriorate," she warned': the quoted
    # warning's content is a possible happening with no party as its subject
    return any(_epistemic_no_party(c, lex) for c in tok.children if c.dep_ in {"ccomp", "parataxis"})


_EPISTEMIC = {"could", "may", "might"}


def _epistemic_no_party(clause, lex: Lexicon) -> bool:
    for t in clause.subtree:
        if t.pos_ not in {"VERB", "AUX"} or not any(a.dep_ == "aux" and a.lower_ in _EPISTEMIC for a in t.children):
            continue
        own = [s for s in t.children if s.dep_ in _SUBJECTS]
        if own and own[0].pos_ == "NOUN" and not any(_names_party(s, lex) for s in own):
            return True
    return False


@lru_cache(maxsize=1)
def _identifying_verbs() -> frozenset[str]:
    data = json.loads(resources.files("eventledger.events").joinpath("data/status.json").read_text(encoding="utf-8"))
    return frozenset(data["identifying_verbs"])


def identifying(tok) -> bool:
    """ "A guard recognized her": a verb of diplomatic recognition whose object is a person
    (a personal pronoun or a person's name) and no "as" role means "identified", not SUPPORT."""
    if tok.lemma_.lower() not in _identifying_verbs():
        return False
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
        return False
    objs = _heads(tok, {"dobj"})
    return bool(objs) and all(o.tag_ == "PRP" or o.ent_type_ == "PERSON" for o in objs)


def _preps(tok):
    """The prepositions of ``tok``, and those a parser hangs on its adjuncts: "cautioned in May of
    a likely X" attaches "of" to "July"."""
    for c in tok.children:
        if c.dep_ == "prep":
            yield c
            for g in c.children:
                if g.dep_ == "pobj":
                    yield from (p for p in g.children if p.dep_ == "prep")


def _possible_object(prep) -> bool:
    """ "of a possible resurgence", "about a potential attack": a happening that may come."""
    if prep.lower_ not in {"of", "about", "against"}:
        return False
    return any(
        g.dep_ == "pobj" and any(a.lower_ in {"possible", "potential", "likely", "further"} for a in g.children)
        for g in prep.children
    )


def told_by_means(tok, lex: Lexicon, found: dict) -> bool:
    """ "Retaliated by imposing tariffs", "responded with airstrikes": the act is the means, which
    is coded as its own event; the verb adds only that it answered something."""
    if tok.lemma_.lower() not in lex.means_verbs:
        return False
    for prep in _heads(tok, {"prep"}):
        if prep.lower_ in {"by", "with"}:
            for g in prep.children:
                if g.dep_ in {"pcomp", "pobj"} and (g.i in found or any(t.i in found for t in g.subtree)):
                    return True
    return False


def demanded_by(tok, lex: Lexicon, speaker):
    """ "X said (that) Y must withdraw": the speaker demands Y's act (PLOVER REQUEST). Returns
    the speaker token, or None when ``tok`` carries no "must"/"should" or nobody else says it."""
    if speaker is None or not any(c.dep_ == "aux" and c.lower_ in lex.demand_modals for c in tok.children):
        return None
    subj = _heads(tok, _SUBJECTS)
    if subj and subj[0].lemma_.lower() == speaker.lemma_.lower():
        return None  # "we must act", said the minister of his own side: an intention, not a demand
    return speaker


_PROMISE_AUX = {"would", "will", "'ll"}
_SAME_SIDE = {"they", "it", "we", "he", "she", "i"}


def reported_promise(tok, lex: Lexicon) -> bool:
    """ "The rebels said they would release the hostages": a party telling its own future act
    commits to it (PLOVER AGREE or THREATEN by the party), where "would" alone reads as a
    hypothesis. Not when another party is to act ("said the army would attack")."""
    if not any(c.dep_ == "aux" and c.lower_ in _PROMISE_AUX for c in tok.children):
        return False
    cur = tok
    while cur.dep_ in {"conj", "xcomp"} and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ != "ccomp" or cur.head.lemma_.lower() not in lex.reporting_verbs:
        return False
    own = _heads(cur, {"nsubj"})
    speaker = _heads(cur.head, {"nsubj"})
    if not own or not speaker:
        return False
    return own[0].lower_ in _SAME_SIDE or own[0].lemma_.lower() == speaker[0].lemma_.lower()


@dataclass(frozen=True, slots=True)
class _CommitmentWords:
    offers: frozenset[str]  # "willing", "ready": an offer
    conditions: frozenset[str]  # "if", "unless": an ultimatum or a conditional offer
    vows: frozenset[str]  # "vowed to attack": a threat
    preparing: frozenset[str]  # "prepared to attack": a mobilisation
    deciding: frozenset[str]  # "announced it would suspend": the measure decided
    decided_types: frozenset[str]  # the types a decision makes real (SANCTION, COERCE)


@lru_cache(maxsize=1)
def _commitment_words() -> _CommitmentWords:
    with resources.files("eventledger.events").joinpath("data").joinpath("triggers.json").open(encoding="utf-8") as fh:
        raw = json.load(fh)
    keys = ("offer_words", "condition_marks", "vow_verbs", "preparation_verbs", "decision_verbs", "decided_types")
    return _CommitmentWords(*(frozenset(raw.get(k, ())) for k in keys))


_OFFERED_TYPES = {"CONCEDE", "AID", "SUPPORT", "COOPERATE", "CONSULT", "AGREE"}  # an offered withdrawal stays CONCEDE
_ULTIMATUM_TYPES = {"RETREAT", "SANCTION", "COERCE", "ASSAULT", "PROTEST", "REJECT"}
_ASPECTUAL = {"resume", "begin", "start", "continue", "launch"}
_FUTURE_AUX = {"will", "would", "may", "might", "could", "'ll", "shall"}


def commitment_type(tok, type_: str, status: str, lex: Lexicon) -> str | None:
    """The commitment a future act makes, or None.

    "Is willing to lift the ban": an offer, AGREE (a hostile act offered, "ready to fight", is
    THREATEN; an offered withdrawal is CONCEDE by the PLOVER note in ``future_types``). "Vowed
    to attack": THREATEN; "prepared to attack" (the verb): MOBILIZE. "Will withdraw its troops
    unless X": an ultimatum, THREATEN; "would meet them if X": a conditional offer, AGREE. Only
    for acts not yet done (planned or hypothetical)."""
    if status not in {"planned", "hypothetical"}:
        return None
    words = _commitment_words()
    if _heads(tok, {"neg"}):
        return None  # "will not clash": no commitment to act
    if type_ == "ASSAULT" and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in words.vows:
        return "THREATEN"
    top = tok
    while top.dep_ == "xcomp" and top.head.lemma_.lower() in _ASPECTUAL:
        top = top.head  # "prepared to resume shelling": the preparing governs the shelling
    preparing = top.dep_ == "xcomp" and top.head.pos_ == "VERB" and top.head.lemma_.lower() in words.preparing
    if type_ == "ASSAULT" and preparing:
        return "MOBILIZE"  # forces made ready
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in words.offers:
        if type_ in _OFFERED_TYPES:
            return "AGREE"
        return "THREATEN" if type_ in _ULTIMATUM_TYPES - {"RETREAT"} else None
    if not any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in tok.children):
        return None
    marks = [m for c in tok.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"]
    conditional = any(m.lower_ in words.conditions for m in marks)
    if not conditional or not _heads(tok, {"nsubj"}):
        return None
    told = tok.dep_ == "ccomp" and tok.head.lemma_.lower() in lex.reporting_verbs
    if status != "planned" and not told:
        return None  # "troops would attack if talks failed": a supposition, nobody's ultimatum
    if type_ in _ULTIMATUM_TYPES:
        return "THREATEN"
    return "AGREE" if type_ in _OFFERED_TYPES and status == "planned" else None


_DECIDED_AUX = {"would", "will", "'d", "'ll"}
_PAST_TAGS = {"VBD", "VBN"}
_NOT_YET_AUX = {"will", "would", "may", "might", "could", "should", "must", "can", "'ll", "shall", "to"}


def announced_decision(tok, type_: str, lex: Lexicon) -> bool:
    """ "The ministry announced it would suspend fuel exports", "decided on Monday to close the
    border": a measure whose announcement or decision the report tells as past is the decision
    itself (the SANCTION or COERCE, done when decided), not a threat. Future-in-the-past after a
    past announcement reports what was decided; a threat needs a warning verb ("warned it would
    cut aid") or a condition ("... unless they disarm"), and a decision still to come ("will
    decide", "may announce") or denied decides nothing."""
    words = _commitment_words()
    if type_ not in words.decided_types or _heads(tok, {"neg"}):
        return False
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head  # "would close the border and suspend flights": one decision for both
    governor = cur.head
    if cur.dep_ == "ccomp":
        if not any(c.dep_ == "aux" and c.lower_ in _DECIDED_AUX for c in cur.children):
            return False  # "announced that aid was suspended": the act is told, not decided
    elif cur.dep_ != "xcomp":
        return False
    if governor.i == cur.i or governor.lemma_.lower() not in words.deciding or governor.tag_ not in _PAST_TAGS:
        return False
    if any(c.dep_ in {"aux", "neg"} and c.lower_ in _NOT_YET_AUX | {"not", "n't", "never"} for c in governor.children):
        return False  # "would announce", "did not decide"
    if governor.dep_ in {"xcomp", "ccomp", "advcl"} and governor.tag_ != "VBD":
        return False  # "is expected to have decided": the deciding itself is not told as done
    return not any(
        m.lower_ in words.conditions
        for t in (tok, cur)
        for c in t.children
        if c.dep_ == "advcl"
        for m in c.children
        if m.dep_ == "mark"
    )
