"""Measures in force that a report only presupposes: "wants to lift the freeze on grain sales".

Why: a definite event noun is presupposed, its act has happened whatever the clause around it
says ("hopes to lift the ban" tells of a ban in force, however unsure its lifting is). Reports
name a measure so when it is background: it began at an unstated time before publication and
holds on the day of the report, so it is coded as background with an ongoing time (the
temporal stage ends it at publication), not as the act of a day. Only the object of a verb that
undoes a measure (``reversal_verbs`` in triggers.json) is taken: elsewhere a definite noun may
name a plan ("the planned suspension") or another's demand.

Its doer is often unstated ("the halt of fuel deliveries"). The party that speaks of undoing a measure as
its own act (the reversal verb's subject: "the ministry hopes to lift the ban") is the one that
holds it, unless it is the measure's target ("the rebels want to end the blockade of the rebels").
"""

from __future__ import annotations

from eventledger.events._arguments import subjects
from eventledger.events._triggers import noun_preps, reversal_verbs

_DEFINITE = {"the", "this", "that", "its", "their", "his", "her", "our"}
_HIT_PREPS = frozenset({"to", "against"})  # "the halt of arms deliveries to X": X is hit
# a party named after these in the measure's phrase is no holder ("the ban on X", "the halt of deliveries for X")
_NOT_HOLDER_PREPS = _HIT_PREPS | {"on", "for"}


def ongoing_state(noun):
    """The verb undoing the measure ``noun`` names when ``noun`` is its definite object, else None."""
    if noun.dep_ != "dobj" or noun.head.pos_ != "VERB" or noun.head.lemma_.lower() not in reversal_verbs():
        return None
    if not any(c.dep_ in {"det", "poss"} and (c.lower_ in _DEFINITE or c.dep_ == "poss") for c in noun.children):
        return None  # "to end a pause": no measure is presupposed
    return noun.head


def hit_by(noun, preps: frozenset[str] = _HIT_PREPS) -> list:
    """Whom the measure ``noun`` names hits: "to"/"against" objects in its phrase ("the freeze on
    aid to X"), also in one the parser hung on the verb right after it (``noun_preps``)."""
    phrase = [noun, *(p for p in noun_preps(noun) if p.head.i != noun.i)]
    return [
        g
        for top in phrase
        for p in top.subtree
        if p.dep_ == "prep" and p.lower_ in preps
        for g in p.children
        if g.dep_ == "pobj"
    ]


def _names(tok) -> set[str]:
    return {t.lower_ for t in tok.subtree if t.pos_ in {"PROPN", "NOUN"}}


def holder(noun, verb) -> list:
    """The subject of ``verb`` (undoing the measure ``noun``) as the measure's holder, unless it is
    named as one the measure hits."""
    subj, passive = subjects(verb)
    if passive or not subj:
        return []
    hit = {name for g in hit_by(noun, _NOT_HOLDER_PREPS) for name in _names(g)}
    return [s for s in subj if not (_names(s) & hit)]
