"""Aspect and polarity cues that say a clause states no single realised act.

Why: news narrates incidents in the past or the present perfect; the simple present in body text
states habits, duties and standing situations ("the group mainly targets convoys", "presidents
serve five-year terms", "who is accused of ..."), and a present-tense headline is the one place
where it narrates ("Gunmen kill 22"). Likewise "no longer", "neither ... nor", "unable to" and an
act whose object is "no X" ("offered no evidence") deny the act without a ``neg`` dependency.
These are English grammar, not words of any one report; the callers decide what they exempt.
"""

from __future__ import annotations

_PRESENT = {"VBZ", "VBP"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re"}
_DO = {"do", "does"}


def simple_present(tok) -> bool:
    """``tok`` is a verb in the simple present, active ("targets") or passive ("is banned"),
    with no perfect, progressive, modal or future auxiliary."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    aux = [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
    if tok.tag_ in _PRESENT:
        return all(c.lower_ in _DO for c in aux)
    if tok.tag_ == "VBN":
        return bool(aux) and all(c.dep_ == "auxpass" and c.lower_ in _PRESENT_BE for c in aux)
    return False


def denied_by_words(tok) -> bool:
    """Polarity that spaCy does not mark as ``neg``: "no longer", "neither X nor Y did",
    "was unable to", "offered no evidence"."""
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
            return True
        if c.dep_ in {"nsubj", "nsubjpass"} and any(g.lower_ == "neither" for g in c.subtree):
            return True
        if c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            return True
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_.lower() == "be" and any(c.lower_ == "unable" for c in head.children):
        return True
    return tok.dep_ == "xcomp" and head.lower_ == "unable"


_FIRST_PERSON = {"i", "we"}


def performative(tok, verbal: bool) -> bool:
    """A speech act made in the present by saying it: "I urge the council", "we condemn the raid";
    or a stated position reported in a that-clause ("said that X calls for ...")."""
    if any(c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON for c in tok.children):
        return True
    return verbal and tok.dep_ == "ccomp"


_THIRD_PERSON = {"he", "she", "it", "they"}


def commitment(tok, reporting_verbs: frozenset[str]) -> bool:
    """A future act counts as a promise or threat made (PLOVER's AGREE/THREATEN for future acts)
    only when its doer is the one speaking: "we will send aid", "X said it would ...", or an
    announcing verb governs it. "He believes the leaders will meet" is a prediction about others."""
    subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if any(s.lower_ in _FIRST_PERSON for s in subj):
        return True
    if tok.dep_ == "relcl" or any(c.dep_ == "mark" for c in tok.children if c.lower_ in {"if", "when", "unless"}):
        return False
    head = tok.head
    if tok.dep_ in {"ccomp", "parataxis"} and head.lemma_.lower() in reporting_verbs:
        speaker = [c for c in head.children if c.dep_ == "nsubj"]
        if any(s.lower_ in _THIRD_PERSON for s in subj):
            return True
        return bool(speaker and subj and speaker[0].lemma_.lower() == subj[0].lemma_.lower())
    if tok.dep_ in {"xcomp", "ccomp"}:
        return True  # "pledged to send", "announced that it will": the governor made the commitment
    return not subj or tok.dep_ == "ROOT"
