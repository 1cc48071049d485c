"""Event status from the clause around a trigger: asserted, ordered, planned, hypothetical, ...

Why: an order to shoot is not a shooting, "would be punished" is not a punishment and "denied
deploying" is not a deployment. The cues are syntactic: negation and modal auxiliaries on the
trigger's own clause, and the verb or noun that governs it through complement relations
(``xcomp``, ``ccomp``, a ``pcomp`` under "from"/"of"/"at"). Temporal adjuncts ("before
deploying") do not pass the governor's status down: the deployment still happened.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from eventledger.events._lexicon import Lexicon

_COMPLEMENT = {"xcomp", "ccomp", "acomp", "oprd"}
_TEMPORAL_PREPS = {"before", "after", "during", "since", "until", "upon", "while", "following", "amid"}
# Governors whose status reaches through a ``that``-clause (ccomp) too, not only through xcomp.
_CCOMP_STATUSES = {"denied", "alleged", "ordered"}


_FINITE = {"VBD", "VBZ", "VBP", "MD"}
# verbs of opinion whose that-clause is someone's belief or guess, not an account of what happened
_OPINION_VERBS = frozenset(
    {"believe", "think", "suspect", "assume", "guess", "reckon", "imagine", "speculate", "doubt"}
)


def _finite(tok) -> bool:
    """A verb with its own tense ("and warned") is an assertion of its own, not under a shared auxiliary."""
    return tok.tag_ in _FINITE or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE for c in tok.children)


@lru_cache(maxsize=1)
def _status_data() -> dict:
    """The word lists of data/status.json, read once."""
    return json.loads((Path(__file__).parent / "data" / "status.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def implicative_verbs() -> frozenset[str]:
    """Verbs whose "to" infinitive happened ("managed to flee"); see data/status.json."""
    data = _status_data()
    return frozenset(data["implicative_verbs"])


@lru_cache(maxsize=1)
def quantifier_nouns() -> frozenset[str]:
    """Nouns that count or measure an act ("a series of raids"); see data/status.json."""
    data = _status_data()
    return frozenset(data["quantifier_nouns"])


@lru_cache(maxsize=1)
def custody_agent() -> str:
    """Who holds a person in custody when the report names no one; see data/status.json."""
    data = _status_data()
    return str(data["custody_agent"])


@lru_cache(maxsize=1)
def opinion_holders() -> frozenset[str]:
    """Commentators who are no party to the story ("analysts", "a security expert")."""
    data = _status_data()
    return frozenset(data["opinion_holders"])


@lru_cache(maxsize=1)
def _vague_subjects() -> frozenset[str]:
    data = _status_data()
    return frozenset(data["vague_subjects"])


def _nobody_in_particular(s) -> bool:
    """ "some have called for", "critics say": no "of" phrase names the group."""
    return s.lower_ in _vague_subjects() and not any(c.dep_ == "prep" and c.lower_ == "of" for c in s.children)


def commentary(subjects: list) -> bool:
    """ "Security analysts praised the move", "some have called for ...": a commentator's verdict or
    a call by nobody in particular is analysis, not an act. True when every subject is named by a
    commentator noun (its head or a title before a name) or is an indefinite pronoun."""
    if not subjects:
        return False
    holders = opinion_holders()
    return all(
        s.lemma_.lower() in holders
        or any(c.dep_ == "compound" and c.lemma_.lower() in holders for c in s.children)
        or _nobody_in_particular(s)
        for s in subjects
    )


def _to_infinitive(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _aimed_infinitive(cur, dep: str, head, lex: Lexicon) -> bool:
    """ "struggled to contain", "renewed its call to release": a "to" infinitive complement of a verb
    that neither implies it happened nor is a known governor says only what was aimed at."""
    if dep not in {"xcomp", "ccomp"} or head.pos_ not in {"VERB", "AUX"}:
        return False
    if not _to_infinitive(cur):
        return False
    lemma = head.lemma_.lower()
    return lemma not in lex.governors and lemma not in implicative_verbs() and lemma not in lex.reporting_verbs


def _negated_here(child) -> bool:
    if child.dep_ == "neg" or (child.dep_ in {"advmod", "det"} and child.lower_ in {"never", "no"}):
        return True
    # "will no longer grant": a stop, not a grant
    return child.dep_ == "advmod" and child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children)


def _own_clause_status(tok, lex: Lexicon) -> str | None:
    if any(_negated_here(c) for c in tok.children):  # before the modal: "will not", "will no longer"
        return "negated"
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in lex.modals:
            return lex.modals[child.lower_]
        if child.dep_ == "advmod" and child.lower_ in lex.generic_adverbs:
            return "generic"
        if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
            return "hypothetical"
        if child.dep_ in {"nsubj", "nsubjpass"} and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
            return "negated"
        if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in {"none", "nobody", "nothing"}:
            return "negated"
    if tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"} and not _finite(tok):
        # "did not close X and suspend Y": the negation of the first conjunct covers the second
        for child in tok.head.children:
            if child.dep_ == "neg" and child.i < tok.head.i:
                return "negated"
    return None


def status_of(tok, lex: Lexicon) -> str:
    """Status of the event whose trigger is ``tok``; ``generic`` means: drop, nothing concrete."""
    own = _own_clause_status(tok, lex)
    if own in {"negated", "generic"}:
        return own
    if own is None and tok.dep_ == "conj" and _to_infinitive(tok) and not _to_infinitive(tok.head):
        return "hypothetical"  # "took to the streets and to protest": a purpose joined to a fact
    if (
        own is None
        and tok.dep_ == "conj"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
        and not _finite(tok)
    ):
        return status_of(tok.head, lex)  # "would close X and suspend Y": one auxiliary for both
    if (
        own is None
        and tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in tok.children)
    ):
        head_own = _own_clause_status(tok.head, lex)
        if head_own is not None:
            return head_own  # "may impose sanctions, cutting aid": the participle shares the modal
    modal = own
    cur = tok
    for _ in range(8):
        dep, head = cur.dep_, cur.head
        if head.i == cur.i or dep == "relcl" or (dep == "acl" and cur.tag_ == "VBN"):
            break  # a relative clause is its own assertion: "X, who was detained last week"
        if dep in {"pcomp", "pobj"} and head.lower_ == "without":
            return "negated"
        if dep == "prep" and head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
            return "negated"  # "no sign of the tanker being seized", "no evidence of shelling"
        via_complement = dep in _COMPLEMENT or (dep == "pcomp" and head.lower_ not in _TEMPORAL_PREPS)
        if dep == "pobj" and head.dep_ == "prep" and head.lower_ not in _TEMPORAL_PREPS:
            via_complement = True
        if dep == "prep" and cur.lower_ not in _TEMPORAL_PREPS and cur.lower_ in {"from", "of", "at", "to"}:
            via_complement = True
        if dep in {"acl", "advcl", "relcl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            if head.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() in lex.nouns:
                via_complement = True  # "the order to withdraw"
            else:
                return "hypothetical"  # purpose: "to deter X" says nothing happened to X
        lemma = head.lemma_.lower()
        if _aimed_infinitive(cur, dep, head, lex):
            return "hypothetical"
        if via_complement:
            if dep == "xcomp" and lemma in lex.generic_governors and (lemma != "know" or head.tag_ == "VBN"):
                return "generic"  # "are known to smuggle", "tend to": a habit, not an incident
            status = lex.governors.get(lemma)
            if lemma == "tell" and dep != "xcomp":
                status = None  # "told X that ..." reports; "told X to ..." orders
            if status and (dep != "ccomp" or status in _CCOMP_STATUSES or _to_infinitive(cur)):
                head_status = _own_clause_status(head, lex)
                if head_status == "negated":
                    # "did not order X to fire": no order; "did not deny X": X stands
                    return "negated" if status == "ordered" else "asserted" if status == "denied" else status
                return status
            if dep == "xcomp" and _own_clause_status(head, lex) in {"negated", "hypothetical"}:
                return _own_clause_status(head, lex)
        if dep == "ccomp" and lemma in _OPINION_VERBS and head.pos_ in {"VERB", "AUX"}:
            return "hypothetical"  # "they believe the rebels have retreated": a belief, not a report
        if lemma in lex.reporting_verbs and dep in {"ccomp", "parataxis"}:
            break  # the report does not change what is reported
        if dep in {"conj", "ROOT"}:
            break
        cur = head
    return modal or "asserted"


def is_background(sent, lex: Lexicon) -> bool:
    """A retrospective account: "<outlet> reported in <month> that ...", "previously", "last year"."""
    for tok in sent:
        if tok.lemma_ == "report" and tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in {"in", "last", "earlier"}:
                    if any(t.ent_type_ == "DATE" for t in child.subtree):
                        return True
                if child.dep_ == "npadvmod" and child.ent_type_ == "DATE" and child.lower_ in {"earlier", "last"}:
                    return True
    low = sent.text.lower()
    return any(re.search(rf"\b{re.escape(cue)}\b", low) for cue in lex.background_cues if " " in cue)
