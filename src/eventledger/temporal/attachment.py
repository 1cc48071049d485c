"""Which verb a time expression times, read from the dependency parse.

Why a module of its own: "said on Tuesday" times the statement, "after police killed ..."
tells an earlier act, "blamed X for withdrawing in 2017" dates the withdrawal and not the
blame; each is a question about the path between the expression and the event's verb,
asked by ``event_time`` of every candidate date.
"""

from __future__ import annotations

from eventledger.temporal.tense import verb_of
from eventledger.temporal.vocab import vocab


def attachment(tok, first):
    """(verb the timex hangs from, preposition word or "") for a timex head token.

    "X said on Tuesday it had closed ..." / "told RFA Tuesday": a small parser often hangs the
    date on the complement verb; a timex right after a reporting verb (or its object) belongs
    to the reporting verb, so that is checked first, from the words themselves.
    """
    doc = tok.doc
    prev = doc[first.i - 1] if first.i > 0 else None
    prep = ""
    if prev is not None and prev.pos_ == "ADP" and prev.i > 0:
        prep, prev = prev.lower_, doc[prev.i - 1]
    if prev is not None:
        if is_reporting(prev) and prev.pos_ in ("VERB", "AUX"):
            return prev, prep
        if prev.dep_ in ("dobj", "dative") and is_reporting(prev.head):
            return prev.head, prep
    prep = ""
    head = tok.head
    if tok.dep_ == "pobj" and head is not tok:
        prep = head.lower_
        head = head.head
    return verb_of(head if head is not tok else tok), prep


def earlier_clause(trig, verb) -> bool:
    """Whether ``trig`` sits in a clause, below ``verb``, that tells an earlier event ("after ...")."""
    marks = vocab()["earlier_event_marks"]
    for a in ancestors(trig):
        if a == verb:
            return False
        if (a.dep_ == "prep" and a.lower_ in marks) or any(c.dep_ == "mark" and c.lower_ in marks for c in a.children):
            return True
    return False


def ancestors(tok) -> list:
    return [tok, *tok.ancestors]


def is_reporting(verb) -> bool:
    return verb is not None and verb.lemma_.lower() in vocab()["reporting_verbs"]


_OTHER_ACT_DEPS = ("pcomp", "advcl", "ccomp", "acl")
_MEANS_PREPS = ("by", "through", "via")


def subordinate(tverb, ev_verb, trig) -> bool:
    """Whether the date's verb heads another act's clause below the event's verb.

    "blamed X for withdrawing in 2017": the date times the withdrawal, not the blame, and "a deal
    based on 17 September" dates the deal (a participle naming a thing). A means
    clause ("by withdrawing") or an infinitive ("tried to leave on Monday") is the same act.
    """
    if tverb is None or ev_verb is None or tverb == ev_verb or ev_verb not in tverb.ancestors:
        return False
    if trig != ev_verb and trig in tverb.ancestors:
        return False  # below the trigger word itself ("the attack, which took place on Monday")
    path = [tverb]
    while path[-1].head != ev_verb and path[-1].head is not path[-1]:
        path.append(path[-1].head)
    infinitive = {t for t in path if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)}
    other = [t for t in path if t.dep_ in _OTHER_ACT_DEPS and t not in infinitive]
    # The clause nearest the event's verb decides: a means clause below a reason is the reason's.
    return bool(other) and not (other[-1].dep_ == "pcomp" and other[-1].head.lower_ in _MEANS_PREPS)


def other_relative(tverb, trig) -> bool:
    """Whether the date's verb is in a relative clause on a participant that the event is not in.

    "The junta, which seized power in 2021, has barred ...": the year dates the seizure, told to
    say who the junta is, not the barring. A clause on the event's own noun ("the raid, which
    took place on Monday") and one of place or time ("in Doha, where they met on Sunday") do
    time it.
    """
    if tverb is None:
        return False
    clause = next((a for a in ancestors(tverb) if a.dep_ == "relcl"), None)
    if clause is None or any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in clause.children):
        return False
    return trig not in ancestors(clause) and clause not in ancestors(trig)


_STATE_PREPS = ("in", "under", "behind")


def state_onset(verb) -> bool:
    """Whether ``verb`` is "be" in a state ("in custody", "under arrest", "behind bars").

    Such a state since a date began with one act on that date (the arrest), while an
    activity since a date ("has shelled the ridge since August") goes on over the whole time.
    """
    if verb is None or verb.lemma_ != "be":
        return False
    return any(c.dep_ == "prep" and c.lower_ in _STATE_PREPS for c in verb.children)
