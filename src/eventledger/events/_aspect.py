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


_STATE_VERBS = frozenset({"remain", "stay", "seem", "appear", "look", "feel", "become", "keep"})


def state_complement(tok) -> bool:
    """ "Civilians remain unprotected, bombed, besieged": participles listed as the complement of a
    verb of state describe how people are, not an act someone did."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return (
        first.dep_ in {"acomp", "oprd", "xcomp"}
        and first.head.lemma_.lower() in _STATE_VERBS
        and first.tag_
        in {
            "VBN",
            "JJ",
        }
    )


def ongoing_campaign(tok) -> bool:
    """ "Rebels have been attacking army posts since 2011": a perfect progressive running from a
    "since" point (shared by conjoined verbs) tells a standing campaign, not one incident."""
    verb = tok
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.tag_ != "VBG" or not any(c.dep_ == "aux" and c.lower_ == "been" for c in verb.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "since" for v in (verb, *verb.conjuncts) for c in v.children)


def undated_backstory(tok) -> bool:
    """ "The gang leader had been arrested for robbery": a past perfect told by the report itself (a
    main clause, not backshifted speech), with no date in its sentence, gives a participant's
    backstory, not an incident (CODEBOOK: earlier acts count when stated with a time)."""
    if tok.dep_ != "ROOT" or not any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children):
        return False
    return not any(e.label_ in {"DATE", "TIME"} and not _age(e) for e in tok.sent.ents)


def _age(ent) -> bool:
    """ "in his 30s", "aged 25": an age, not a date."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return before in _AGE_WORDS or any(c.dep_ == "poss" and c.lower_ in _AGE_WORDS for c in ent.root.children)


_AGE_WORDS = frozenset({"his", "her", "their", "aged", "age"})


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


def commitment(tok, reporting_verbs: frozenset[str], belief_verbs: frozenset[str]) -> bool:
    """A future act counts as a promise or threat made (PLOVER's AGREE/THREATEN for future acts)
    when it is announced: in a main clause or one a source reports ("X will send aid, the
    minister said"), or under an announcing governor. Not when someone believes or expects it
    ("he believes the leaders will meet"), nor in a relative or conditional clause."""
    if any(c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON for c in tok.children):
        return True
    if tok.dep_ == "relcl" or any(c.dep_ == "mark" and c.lower_ in {"if", "when", "unless"} for c in tok.children):
        return False
    cur = tok
    while cur.dep_ in {"ccomp", "parataxis", "xcomp", "conj", "attr"} and cur.head.i != cur.i:
        if cur.head.lemma_.lower() in belief_verbs or _pseudo_cleft_belief(cur.head, belief_verbs):
            return False
        cur = cur.head
    return True


def _pseudo_cleft_belief(head, belief_verbs: frozenset[str]) -> bool:
    """ "What I fear is that they will leave": the clause is what someone fears or expects,
    named by a "what"-clause subject of "is"."""
    return head.lemma_.lower() == "be" and any(
        c.dep_ in {"csubj", "nsubj"} and c.lemma_.lower() in belief_verbs for c in head.children
    )


def existential_state(tok) -> bool:
    """A trigger inside "there is/are ..." with no verb of its own ("there are many wounded",
    "there were reports of arrests") states how things stand, not an act."""
    if any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in tok.children):
        return False
    cur = tok
    for _ in range(3):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_ == "be" and any(c.dep_ == "expl" for c in cur.children):
            return True
    return False


_REFUSING = {"refuse", "decline"}
_FUTURE = {"will", "would", "wo", "shall"}


def refusal(tok) -> bool:
    """A stated refusal, not a mere non-occurrence: "refused/declined to X", "will not X",
    "would no longer X". ("did not reach" only says something did not happen.)"""
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _REFUSING:
        return True
    future = any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in tok.children)
    negated = any(c.dep_ == "neg" for c in tok.children) or denied_by_words(tok)
    return future and negated


_HABITUAL_ADJ = {"regular", "frequent", "routine", "occasional", "repeated", "constant", "daily", "weekly", "nightly"}
_POSSIBLE_ADJ = {"possible", "potential", "future", "proposed", "planned", "likely", "threatened", "prospective"}
_MODAL_STATUS = {"would", "could", "may", "might", "can", "should", "must"}


def noun_status(top, tok, headline_end: int, reporting_verbs: frozenset[str]) -> str | None:
    """Status an event noun takes from its own words and its clause: "under sanctions" and
    "regular attacks" are standing situations (generic), "a possible strike" is hypothetical,
    and the subject of a modal or a body simple-present verb ("sanctions can snap back",
    "sanctions enjoy support") shares that verb's reading. None: no cue."""
    adjs = {c.lower_ for c in tok.children if c.dep_ == "amod"}
    if adjs & _HABITUAL_ADJ:
        return "generic"
    if adjs & _POSSIBLE_ADJ:
        return "hypothetical"
    if top.dep_ == "pobj" and top.head.lower_ == "under":
        return "generic"  # "under U.S. sanctions", "under a curfew": how things stand
    if top.dep_ in {"nsubj", "nsubjpass"}:
        verb = top.head
        if any(c.dep_ == "aux" and c.lower_ in _MODAL_STATUS for c in verb.children):
            return "hypothetical"
        if simple_present(verb) and verb.idx >= headline_end and verb.lemma_.lower() not in reporting_verbs:
            return "generic"  # not "the orders say that ...": a report of what they say
    return None


def reduced_when_clause(tok) -> bool:
    """ "when attacked", "if provoked", "whenever threatened": a clause with no subject or tense
    of its own under "when/if" states a condition or a habit, not one act."""
    if (
        tok.dep_ != "advcl"
        or tok.tag_ not in {"VBN", "VBG"}
        or any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in tok.children)
    ):
        return False
    return any(c.dep_ in {"mark", "advmod"} and c.lower_ in {"when", "whenever", "if", "unless"} for c in tok.children)
