"""Facts about the clause around a trigger, read off the parse.

Who reports it (the speaker a pronoun stands for), whether it is the content of an order, which
act an order asks for, whether an event noun is really a source or already covered by its verb,
and the line a trigger sits on. Kept apart from ``_extract`` so each rule can be read alone.
"""

from __future__ import annotations

from eventledger.events._lexicon import Lexicon

_TEMPORAL = {"before", "after", "during", "since", "until", "upon", "while", "following"}


def speaker(tok, lex: Lexicon):
    """The subject of the reporting verb ``tok`` is reported under ("Thailand said it had ...").

    Only the reported clause itself and verbs conjoined or chained to it count: in "police
    detained protesters as they marched, witnesses said" the pronoun sits in an adverbial
    clause about the protesters and does not stand for the witnesses.
    """
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in {"ccomp", "parataxis"} and cur.head.lemma_.lower() in lex.reporting_verbs:
            subj = next((c for c in cur.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in {"NOUN", "PROPN"}:
                return subj
            return None
        if cur.dep_ not in {"conj", "xcomp", "aux", "auxpass"}:
            return None
        cur = cur.head
    return None


def antecedent_in_sentence(pronoun, lex: Lexicon):
    """The nearest earlier argument of the same sentence a pronoun agrees with, if any.

    "Police detained 40 protesters as they marched": "they" is the protesters, not whoever
    acted last in the previous sentence; agreement in number (and kind) picks among them.
    """
    doc, sent = pronoun.doc, pronoun.sent
    earlier = [
        tok
        for tok in reversed(doc[sent.start : pronoun.i])
        if tok.dep_ in {"nsubj", "nsubjpass", "dobj"} and tok.pos_ in {"NOUN", "PROPN"}
    ]
    found = next((tok for tok in earlier if agrees(pronoun, tok, lex)), None)
    if found is None and pronoun.lower_ in {"they", "them"}:
        # "No state has recognised the junta since they took power": news English refers to an
        # organisation or armed group as "they"; asked only when no plural noun agrees.
        found = next((tok for tok in earlier if _collective(tok, lex)), None)
    return found


_COLLECTIVE_KINDS = {"group", "military", "agency"}


def _collective(noun, lex: Lexicon) -> bool:
    """A singular noun naming an organisation or armed group ("the Taliban", "the junta")."""
    if noun.tag_ in {"NNS", "NNPS"}:
        return False
    if noun.pos_ == "PROPN":
        return noun.ent_type_ in {"ORG", "NORP"}
    return lex.actor_kinds.get(noun.lemma_.lower()) in _COLLECTIVE_KINDS


def agrees(pronoun, noun, lex: Lexicon) -> bool:
    """ "Thailand said it ...", "the ministers said they ...", "the minister said he ..."."""
    kind = lex.actor_kinds.get(noun.lemma_.lower())
    plural = noun.tag_ in {"NNS", "NNPS"}
    word = pronoun.lower_
    if word == "it":
        return not plural and kind not in {"official", "people"}
    if word in {"they", "them"}:
        return plural
    return not plural and (kind in {"official", "people"} or noun.ent_type_ == "PERSON")


def line_of(sent, tok):
    """The part of ``sent`` on the trigger's own line: the parser sometimes runs a sentence over a
    paragraph break ("... 5 a.m.\nLast year, ...")."""
    start, end = sent.start, sent.end
    for t in sent:
        if "\n" in t.text or "\n" in t.whitespace_:
            if t.i < tok.i:
                start = t.i + 1
            elif t.i >= tok.i:
                end = t.i + 1
                break
    return sent.doc[start:end]


def has_own_subject(tok) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in tok.children)


def directive_content(tok, found) -> str | None:
    """The act a directive orders (its complement's lemma), to tell two orders apart."""
    for c in tok.children:
        if c.dep_ in {"xcomp", "ccomp"}:
            return c.lemma_.lower()
        if c.dep_ == "acl" and any(g.dep_ == "aux" for g in c.children):
            return c.lemma_.lower()
    if tok.dep_ in {"nsubj", "nsubjpass"}:  # "the orders say that X should fire"
        for c in tok.head.children:
            if c.dep_ == "ccomp":
                return c.lemma_.lower()
    inner = [j for j in found if j != tok.i and tok.left_edge.i <= j <= tok.right_edge.i]
    return found[inner[0]][1] if inner else None


def under_directive(tok, directives: set[int], lex: Lexicon) -> bool:
    """Is ``tok`` the content of an order ("ordered X to deploy", "orders say that X should fire")?
    Temporal adjuncts and conjoined clauses break the chain: "ordered X, before deploying Y"."""
    cur = tok
    for _ in range(8):
        if cur.dep_ in {"conj", "advcl"} or cur.lower_ in _TEMPORAL or cur.head.i == cur.i:
            return False
        head = cur.head
        if head.i in directives:
            return True
        if cur.dep_ == "ccomp" and any(c.dep_ == "nsubj" and c.i in directives for c in head.children):
            return True
        cur = head
    return False


def noun_is_source_or_covered(tok, found, lex: Lexicon) -> bool:
    """A nominal trigger that is the subject of a reporting verb is a source ("the investigation
    revealed"), and one that is the object of a verb trigger is already covered ("launched an attack")."""
    top = tok
    while top.dep_ in {"compound", "amod"}:
        top = top.head
    head = top.head
    if top.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in lex.reporting_verbs:
        return "directive" not in found[tok.i][0].flags
    if top.dep_ == "dobj" and head.i in found and found[head.i][2]:
        return True
    if "directive" in found[tok.i][0].flags and top.dep_ == "pobj" and head.lower_ in {"on", "under", "by"}:
        return True  # "deployed on the orders of X": X is an actor of the deployment, not a new event
    return False


def relative_clause(tok, lex: Lexicon) -> int | None:
    """The relative clause on a participant that ``tok`` sits in (its verb's index), or None.

    "The junta, which seized power in 2021, has barred the opposition": the clause tells who
    the junta is by an earlier act of its own, a different act from the one its sentence tells.
    A clause on an event noun ("the raid, which left five dead") tells that event, and one of
    place or time ("in Doha, where they met envoys") tells what happened there: neither is one.
    """
    cur = tok
    for _ in range(8):
        if cur.dep_ == "relcl":
            head = cur.head.lemma_.lower()
            if head in lex.event_nouns or head in lex.incident_nouns:
                return None
            return None if any(c.dep_ == "advmod" and c.lower_ in {"where", "when"} for c in cur.children) else cur.i
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def object_antecedent(pronoun, lex: Lexicon):
    """The party an object "them" stands for: the nearest earlier plural object of its sentence
    that names people or a group ("imposed curbs on traders, barring them from the port").

    Objects only: the clause's own subject cannot be its object ("they barred them"), and a
    plural thing ("in the squares") is no party an act bears on.
    """
    if pronoun.lower_ != "them":
        return None
    doc, sent = pronoun.doc, pronoun.sent
    for tok in reversed(doc[sent.start : pronoun.i]):
        if tok.dep_ in {"dobj", "pobj"} and tok.tag_ == "NNS" and lex.actor_kinds.get(tok.lemma_.lower()):
            return tok
    return None
