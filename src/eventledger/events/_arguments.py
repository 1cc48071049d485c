"""Who acted and on whom, from the dependency parse.

Actor: the active subject, or the passive agent ("by X"); a clause without its own subject
takes it from the clause it hangs on (conjoined verbs share a subject, "ordered soldiers to
shoot" makes the object the shooter, "before deploying" is done by the main clause's subject).
Target: the direct object, a passive subject, and the objects of "against"/"at"/"on" for
hostile types. For deployments and withdrawals (``theme_is_actor``) the units moved are the
actors when no one else is named ("battalions were deployed").
"""

from __future__ import annotations

from functools import lru_cache

from eventledger.events._actors import FIRST_PERSON, POSSESSIVES, PRONOUNS, RELATIVE, conjuncts
from eventledger.events._lexicon import _read
from eventledger.model import Actor

_HOSTILE = {"ASSAULT", "THREATEN", "ACCUSE", "PROTEST", "COERCE", "SANCTION", "REJECT"}
_GIVING = {"AID", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE"}
_SUBJ = {"nsubj", "csubj", "expl"}


def subjects(verb, depth: int = 0) -> tuple[list, bool]:
    """(subject heads, passive?) of ``verb``, climbing to the controlling clause when needed."""
    if depth > 6:
        return [], False
    for c in verb.children:
        if c.dep_ in _SUBJ and c.dep_ != "expl" and not is_dateline(c):
            return conjuncts(c), False
        if c.dep_ == "nsubjpass":
            return conjuncts(c), True
    dep, head = verb.dep_, verb.head
    if head.i == verb.i:
        if depth and verb.pos_ in {"NOUN", "PROPN"} and verb.i == verb.sent.start:
            return [verb], False  # "Trump at first imposed ...": the parser took the subject for the root
        return [], False
    if dep == "conj":
        return subjects(head, depth + 1)
    if dep == "xcomp":
        obj = next((c for c in head.children if c.dep_ in {"dobj", "dative"}), None)
        if obj is not None and head.lemma_.lower() not in subject_control_verbs():
            return conjuncts(obj), False  # "ordered soldiers to shoot": the soldiers shoot
        return subjects(head, depth + 1)  # "used its veto to block": whoever used it blocks
    if dep in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN", "PRON"}:
        passive = verb.tag_ == "VBN"
        return [head], passive
    if dep == "pcomp" and head.dep_ == "prep" and head.lower_ in {"of", "for"}:
        # "accused the army of hitting a school": the accused did it
        gov = head.head
        if gov.pos_ in {"NOUN", "PROPN"} and gov.dep_ == "dobj":
            return conjuncts(gov), False  # the "of" phrase hangs on the object itself
        obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return conjuncts(obj), False
    if dep in {"advcl", "pcomp", "acomp", "ccomp"} and not any(c.dep_ == "mark" for c in verb.children):
        subj, passive = subjects(head, depth + 1)
        if dep == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
            passive = True  # "the leader is dead, killed in a raid": a reduced passive, its subject the patient
        return subj, passive
    if dep == "prep":
        return subjects(head, depth + 1)
    if dep == "pobj" or (head.dep_ == "prep" and dep == "pcomp"):
        return subjects(head.head, depth + 1)
    if head.pos_ in {"ADP", "AUX", "ADJ"}:
        return subjects(head, depth + 1)
    return [], False


@lru_cache(maxsize=1)
def subject_control_verbs() -> frozenset[str]:
    """Verbs whose object is a means, not the doer of the infinitive ("used its veto to block")."""
    return frozenset(_read("actors.json")["subject_control_verbs"])


_DASHES = {"—", "–", "-", "--", "(", ":"}


def is_dateline(tok) -> bool:
    """A wire dateline ("KARACHI —", "GOMA, Congo (Reuters) -") is not the subject of the story.

    The parser often takes the upper-case place name opening the first sentence as a subject.
    """
    if not tok.text.isupper() or len(tok.text) < 3:
        return False  # tested first: it needs no walk back to the sentence start
    sent = tok.sent
    words = [t for t in sent.doc[sent.start : tok.i + 1] if not t.is_punct]
    if not words or len(words) > 4 or not all(t.text.isupper() or t.text[:1].isupper() for t in words):
        return False
    nxt = sent.doc[tok.i + 1] if tok.i + 1 < len(sent.doc) else None
    return nxt is not None and nxt.text in _DASHES


def resolve(tok, previous: list):
    """A relative pronoun stands for the noun its clause modifies; a personal pronoun for the
    latest actors named (``previous``)."""
    if tok.lower_ in RELATIVE:
        clause = tok.head
        while clause.dep_ not in {"relcl", "ROOT"} and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "relcl":
            return [clause.head], []
        return [], []
    if tok.lower_ in PRONOUNS or tok.lower_ in POSSESSIVES:
        return [], [a for a in previous if agrees_with(tok.lower_, a)]
    return [tok], []


_HE_SHE = {"he", "she", "him", "her", "his", "hers"}
_IT = {"it", "its"}


def _singular_person(a: Actor) -> bool:
    if a.kind not in {"official", "people"} or (a.count or 1) > 1:
        return False
    last = a.text.split()[-1] if a.text.split() else ""
    return not (last.islower() and last.endswith("s"))  # "officials", "lawyers" are several


def agrees_with(pronoun: str, a: Actor) -> bool:
    """Whether an actor named earlier can be what ``pronoun`` stands for: "he"/"she" a single
    person, "it" a state, body or group, "they" anything but a single person. An actor that is not
    a party ("the statement") was never kept, so it cannot be picked up here."""
    if a.kind == "other":
        return False  # not known to be a party at all
    if pronoun in _HE_SHE:
        return _singular_person(a)
    if pronoun in _IT:
        return a.kind not in {"official", "people"} and (a.count or 1) == 1
    return not _singular_person(a)


@lru_cache(maxsize=1)
def from_agent_verbs() -> frozenset[str]:
    """Verbs whose passive names the doer with "from" ("was expelled from the party")."""
    return frozenset(_read("actors.json")["from_agent_verbs"])


def agents(verb) -> list:
    """Passive agent ("by X"), the body one is expelled or suspended from ("was expelled from the
    party": the party expelled), and the issuer of "on the orders of X"."""
    out = []
    by = any(c.dep_ == "agent" for c in verb.children)
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)
    for c in verb.children:
        if c.dep_ == "agent":
            out.extend(g for p in [c] for g in p.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ == "from" and passive and not by:
            if verb.lemma_.lower() in from_agent_verbs():
                out.extend(g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"})
        elif c.dep_ == "prep" and c.lower_ in {"on", "under"}:
            for pobj in (g for g in c.children if g.dep_ == "pobj"):
                if pobj.lemma_.lower() in {"order", "instruction", "command", "directive"}:
                    for of in (g for g in pobj.children if g.dep_ == "prep" and g.lower_ in {"of", "from", "by"}):
                        out.extend(g for g in of.children if g.dep_ == "pobj")
    return [x for a in out for x in conjuncts(a)]


def objects(verb, type_: str) -> list:
    """Who the act is aimed at: the direct object; "against/at/on X" for hostile acts; "to X" for
    giving, granting and promising ("sent aid to X", "granted asylum to X"); the subject of the
    demanded clause ("demanded that X withdraw"); the author of a rejected call ("rejected calls
    by X")."""
    out = []
    for c in verb.children:
        if c.dep_ in {"dobj", "dative"}:
            out.extend(conjuncts(c))
            if type_ == "REJECT":
                out.extend(
                    x
                    for p in c.children
                    if p.dep_ == "prep" and p.lower_ in {"by", "from"}
                    for g in p.children
                    if g.dep_ == "pobj"
                    for x in conjuncts(g)
                )
        elif c.dep_ == "prep":
            word = c.lower_
            if (
                (type_ in _HOSTILE and word in {"against", "at", "on"})
                or (type_ == "MOBILIZE" and word == "with")
                or (type_ in _GIVING and word == "to")
            ):
                out.extend(x for g in c.children if g.dep_ == "pobj" for x in conjuncts(g))
        elif c.dep_ == "ccomp" and type_ == "REQUEST":
            out.extend(x for g in c.children if g.dep_ in {"nsubj", "nsubjpass"} for x in conjuncts(g))
    return out


def shared_object(tok) -> list:
    """ "first imposing and then delaying a tariff": a verb without an object of its own shares the
    direct object of the verb coordinated after it (the parser hangs the object on the last verb,
    and the second verb on the first, on the word both depend on, or beside the first)."""
    if tok.pos_ != "VERB":
        return []
    holders = [tok]
    if tok.dep_ in {"pcomp", "pobj"} and tok.head.pos_ == "ADP":
        holders += [tok.head, tok.head.head]  # "by imposing and delaying": the preposition, or the verb it modifies
    later = [c for h in holders for c in h.children if c.dep_ == "conj" and c.i > tok.i]
    later += [c for c in tok.head.children if c.dep_ == tok.dep_ and c.i > tok.i]  # two parallel complements
    for verb in later:
        between = tok.doc[tok.i + 1 : verb.i]
        if verb.pos_ != "VERB" or not any(t.dep_ == "cc" for t in between) or len(between) > 3:
            continue
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
        if objs:
            return objs
    return []


# acts done to someone: in "the arrest of five men", "the killing of a leader" the "of" phrase
# names who suffered it (an objective genitive), not who did it
OBJECTIVE_OF = frozenset({"ASSAULT", "COERCE", "SANCTION"})


def _suffered_by(poss) -> bool:
    """ "his arrest", "their abduction", "Ana Ruiz's detention": a person's possessive names who
    suffered the act; a state's or a force's ("China's crackdown") names who did it."""
    return poss.lower_ in {"his", "her", "their"} or poss.ent_type_ == "PERSON"


def noun_targets(noun, type_: str) -> list:
    """Who a nominal act is aimed at: "the arrest of X", "an attack on X", "sanctions against X",
    "his detention"."""
    if type_ not in _HOSTILE:
        return []
    words = {"on", "against"} | ({"of"} if type_ in OBJECTIVE_OF else set())
    out = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in words for g in c.children if g.dep_ == "pobj"]
    if type_ in OBJECTIVE_OF:
        out += [c for c in noun.children if c.dep_ == "poss" and _suffered_by(c)]
    return [x for a in out for x in conjuncts(a)]


def noun_agents(noun, type_: str = "") -> list:
    """Agents of a nominal trigger: "China's crackdown", "the orders from X", "raids by police",
    "clashes between X and Y"; not the sufferer of an act done to someone (``noun_targets``)."""
    out = []
    by_words = {"by", "from", "between"} | (set() if type_ in OBJECTIVE_OF else {"of"})
    for c in noun.children:
        if c.dep_ == "poss":
            if not (type_ in OBJECTIVE_OF and _suffered_by(c)):
                out.append(c)
        elif c.dep_ == "prep" and c.lower_ in by_words:
            out.extend(g for g in c.children if g.dep_ == "pobj")  # "clashes between X and Y": both act
        elif c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE", "ORG"}:
            out.append(c)
        elif c.dep_ == "acl" and c.tag_ == "VBN":  # "the order, announced by the junta"
            out.extend(agents(c))
    return [x for a in out for x in conjuncts(a)]


def pronoun_doer(tok, is_verb: bool):
    """The pronoun that stands in the doer's place of a trigger ("we condemned", "she urged",
    "our demand"), or None when the doer is a noun, is absent, or the verb is passive."""
    if is_verb:
        subj, passive = subjects(tok)
        cands = agents(tok) if passive else subj
    else:
        cands = [c for c in tok.children if c.dep_ == "poss"]
    prons = [c for c in cands if c.lower_ in FIRST_PERSON or c.lower_ in PRONOUNS or c.lower_ in POSSESSIVES]
    return prons[0] if prons and len(prons) == len(cands) else None


def agentless_passive(tok, is_verb: bool) -> bool:
    """A passive verb that names no agent ("two men were arrested")."""
    if not is_verb:
        return False
    subj, passive = subjects(tok)
    return passive and not agents(tok)
