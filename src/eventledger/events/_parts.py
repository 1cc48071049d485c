"""The arguments and clause of one trigger: who acts, on whom, and the stretch that states it.

``verb_parts`` reads a verb trigger's subject, agent and objects (with passives, pronouns told
by their speaker, light verbs and participles); ``noun_parts`` reads an event noun's parties
("an attack on the town", "staged demonstrations", "told X in phone calls"). Both return the
clause range and the status the clause gives; ``_extract`` codes the mention from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventledger.events._actors import PRONOUNS, implicit_actor, make_actor
from eventledger.events._arguments import agents, noun_agents, noun_targets, objects, resolve, shared_object, subjects
from eventledger.events._aspect import noun_status
from eventledger.events._clauses import (
    agrees,
    antecedent_in_sentence,
    has_own_subject,
    noun_is_source_or_covered,
    object_antecedent,
    speaker,
)
from eventledger.events._evidence import clause_range, evidence_head, noun_evidence_head
from eventledger.events._lexicon import Lexicon, Trigger
from eventledger.events._merge import DISTINCT
from eventledger.events._presupposed import hit_by, holder, ongoing_state
from eventledger.events._status import custody_agent, implicative_verbs, quantifier_nouns, status_of
from eventledger.events._triggers import noun_preps, verb_forms
from eventledger.model import Actor, Span

_TOLD = {"asserted", "alleged"}  # statuses under which the act is told as having happened
_DISPLAY = {"demonstration", "show", "display"}  # nouns that also mean "a display of" a quality
_PASSIVE_THEME_TYPES = {"MOBILIZE"}  # "battalions were deployed"; a RETREAT verb says so itself (theme_is_actor)
_DEFINITE = {"the", "this", "that"}


@dataclass
class State:
    """What the mention builders of one document share."""

    lex: Lexicon
    doc: object
    body: str
    found: dict[int, tuple[Trigger, str, bool]]
    directives: set[int]
    previous: list[Actor] = field(default_factory=list)  # the latest named actors, for "they"
    prev_keys: set = field(default_factory=set)
    background: dict[int, bool] = field(default_factory=dict)  # line start -> retrospective?
    headline: int = 0  # end of the headline: its present tense narrates


@dataclass
class Parts:
    """Arguments and clause of one trigger, before status-dependent coding."""

    actors: list[Actor]
    akeys: set
    targets: list[Actor]
    tkeys: set
    status: str
    start: int
    end: int
    anaphor: bool = False
    pronoun: bool = False
    weak: bool = False
    conj_of: int | None = None
    incident_noun: str | None = None
    fold: int | None = None
    ongoing: bool = False  # a measure presupposed in force at publication ("hopes to lift the ban")


def _key(tok) -> tuple[str, frozenset]:
    mods = frozenset(
        c.lemma_.lower()
        for c in tok.children
        if (c.dep_ in {"compound", "amod"} and not c.is_punct) or c.lower_ in DISTINCT
    )
    return tok.lemma_.lower(), mods


def actors_of(tokens, st: State, previous: list[Actor] | None = None) -> tuple[list, set]:
    """Actors named by ``tokens`` (a pronoun takes ``previous``) and their merge keys."""
    out: list[Actor] = []
    keys: set = set()
    for tok in tokens:
        heads, inherited = resolve(tok, previous or [])
        if inherited:
            out.extend(a for a in inherited if a not in out)
            keys |= st.prev_keys
        for h in heads:
            a = make_actor(h, st.lex, st.body, agent=previous is not None)  # targets come without ``previous``
            if a is not None and all(a.text != b.text for b in out):
                out.append(a)
                keys.add(_key(h))
                if a.kind == "other":  # "barred X's travel": X is the party the act bears on
                    keys.update(_key(c) for c in h.children if c.dep_ == "poss" and c.pos_ == "PROPN")
    return out, keys


def span_of(doc, body: str, start: int, end: int) -> Span:
    """The body span of tokens [start, end)."""
    return Span.of(body, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))


def _act_parties(act) -> list:
    """The party an act noun names: "an attack on the town", "talks with X", "the demands of X", "X's efforts"."""
    out = [c for c in act.children if c.dep_ == "poss"]
    for c in act.children:
        if c.dep_ == "prep" and c.lower_ in {"on", "against", "with", "of", "from"}:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def verb_parts(tok, trig: Trigger, concept: str, st: State, source_tokens: range) -> Parts | None:
    """Parties, clause and status of a verb trigger; None when the verb states no act of its own."""
    lex, found = st.lex, st.found
    subj, passive = subjects(tok)
    if subj and all(s.lemma_.lower() in lex.reporting_verbs for s in subj):
        return None
    agent = [t for t in agents(tok) if t.i not in source_tokens]
    objs = [t for t in objects(tok, trig.type) if t.i not in source_tokens]
    if "+" in concept:  # "held talks", "carried out a raid": the object that names the act is no party to it
        named = concept.split("+", 1)[1].split()[-1]
        acts = [t for t in objs if named in {t.lemma_.lower(), t.lower_}]
        objs = [t for t in objs if t not in acts] + [g for a in acts for g in _act_parties(a)]
    if any(t.dep_ == "pobj" for t in objs):  # "fired tear gas at students": the gas is the means
        objs = [t for t in objs if not (t.dep_ == "dobj" and t.lemma_.lower() in lex.instrument_nouns)]
    actor_toks, target_toks = list(agent), list(objs)
    if passive and (agent or trig.type not in _PASSIVE_THEME_TYPES and "theme_is_actor" not in trig.flags):
        target_toks = subj + target_toks
    else:  # active subject, or the units moved in "battalions were deployed"
        actor_toks = subj + actor_toks
    direct = [s for s in subj if s.head.i == tok.i and s.dep_ == "nsubj"]
    fold = next((s.i for s in direct if s.i in found and not found[s.i][2]), None)
    if fold is None and any(s.lemma_.lower() in lex.event_nouns for s in direct):
        return None  # "the measures worked": an event noun acting, no new act
    pron = next((t for t in actor_toks if t.lower_ in PRONOUNS), None)
    reporter = speaker(tok, lex) if pron is not None else None
    if reporter is not None and not agrees(pron, reporter, lex):
        reporter = None
    if reporter is None and pron is not None:
        reporter = antecedent_in_sentence(pron, lex)
    if reporter is not None:
        actor_toks = [reporter if t.lower_ in PRONOUNS else t for t in actor_toks]
    actors, akeys = actors_of(actor_toks, st, st.previous)
    # "barring them from ...": an object pronoun names the people its sentence told of
    target_toks = [object_antecedent(t, lex) or t for t in target_toks]
    targets, tkeys = actors_of(target_toks, st)
    if trig.source == "cameo" and "+" not in concept and not any(a.kind != "other" for a in (*actors, *targets)):
        return None  # a derived trigger needs a recognisable party: "prices have risen" is no event
    if passive and not actors and trig.implicit_agent:
        actors = [implicit_actor(trig.implicit_agent)]
    start, end = clause_range(evidence_head(tok, has_own_subject(tok)), set(found), lex.reporting_verbs, own=tok.i)
    shared = shared_object(tok) if "+" in concept and not objs else []
    if shared:  # "first imposing and then delaying a tariff": the evidence reaches the shared object
        end = max(end, shared[-1].right_edge.i + 1)
    parts = Parts(actors, akeys, targets, tkeys, status_of(tok, lex), start, end, fold=fold)
    if (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and not has_own_subject(tok)
        and tok.head.i in found
        and found[tok.head.i][0].type == trig.type
    ):
        parts.conj_of = tok.head.i  # "fired at the crowd, injuring 14": one incident
    if (
        parts.fold is None
        and tok.dep_ == "xcomp"
        and "+" in found.get(tok.head.i, (None, "", False))[1]
        and tok.head.lemma_.lower() in implicative_verbs()
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and not has_own_subject(tok)
    ):
        parts.fold = tok.head.i  # "used its veto to block the resolution": the veto did the blocking
    if tok.dep_ == "conj" and not has_own_subject(tok):
        first = tok
        while first.dep_ == "conj":
            first = first.head
        parts.conj_of = first.i
    parts.anaphor = parts.pronoun = any(s.lower_ in PRONOUNS for s in subj) and reporter is None
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        parts.anaphor = True  # "those detained", "the troops deployed there": a reference back
    if tok.dep_ in {"amod", "compound"}:
        parts.weak = True  # "detained migrants": a description, kept only as a further mention
    if (
        _describing_relative(tok, trig, st.lex)
        or _describing_participle(tok, st)
        or _said_of_subject(tok, trig, st.lex)
        or _bare_participle(tok, parts, st.lex.means_verbs, lambda verb: verb.i in st.found)
    ):
        # "a veteran who criticized X", "supporting Y", "accused of targeting Z": the clause describes
        # a participant or gives a manner or reason; it is news only as a further mention of a known act
        parts.weak = True
    if (
        tok.dep_ == "relcl"
        and tok.head.lemma_.lower() in lex.incident_nouns
        and any(c.lower_ in _DEFINITE for c in tok.head.children)
    ):
        parts.incident_noun = tok.head.lower_  # "the incident, where two men were caught"
    return parts


_NOMINAL_DEPS = {"pcomp", "pobj", "acl", "csubj", "nsubj", "dobj"}
_SEQUENCE_PREPS = {"before", "after", "while", "since", "upon", "following", "when"}
_TIME_ENTS = {"DATE", "TIME"}


def _bare_participle(tok, parts: Parts, means_verbs: frozenset[str], acts=lambda verb: True) -> bool:
    """A gerund or participle with no subject and no auxiliary, used as a noun or a modifier
    ("accused of targeting", "by raising revenue", "legislation targeting X"): it names a reason,
    a means or a charge. A participle that carries the narrative ("before deploying mines",
    "fired, injuring 14", "then delaying it") is not one."""
    first = tok  # "of raising revenue and pressuring firms": a conjoined gerund is what its first one is
    for _ in range(6):
        if first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        elif first is not tok and first.pos_ != "VERB" and first.dep_ == "dobj" and first.head.tag_ == "VBG":
            first = first.head  # "raising revenue, protecting jobs and pressuring": parsed as a conjunct of "jobs"
        elif first.dep_ == "advcl" and first.tag_ == "VBG" and first.head.tag_ == "VBG" and not has_own_subject(first):
            first = first.head  # a listed gerund the parser hung on the one before it
        else:
            break
    # "including theft and interfering with X": a gerund listed with a noun, or after "including", is a noun
    listed = first is not tok and (
        (first.dep_ == "prep" and first.tag_ == "VBG")
        or (first.pos_ in {"NOUN", "PROPN"} and first.dep_ in _NOMINAL_DEPS)
    )
    if tok.tag_ != "VBG" or has_own_subject(tok):
        return False
    if not listed and (first.tag_ != "VBG" or first.dep_ not in _NOMINAL_DEPS):
        return False
    if first is tok and parts.conj_of is not None:
        return False
    if parts.status not in {"asserted", "planned"}:  # "accused the army of shelling": coded as alleged
        return False  # ("aimed at raising revenue": a purpose, weak like any other gerund of a reason)
    if first.dep_ == "pcomp" and first.head.lower_ in _SEQUENCE_PREPS:
        return False
    if first.dep_ == "pcomp" and first.head.lower_ in {"by", "with"} and first.head.head.lemma_.lower() in means_verbs:
        return False  # "retaliated by imposing tariffs": the means is the act
    by = first.head if first.dep_ in {"pcomp", "pobj"} and first.head.lower_ == "by" else None
    if by is not None and by.head.pos_ == "VERB" and not acts(by.head):
        return False  # "angered its allies by imposing tariffs": the means is the only act told
    return not any(c.dep_ in {"aux", "auxpass"} for c in (*tok.children, *first.children))


def _dated_recently(tok, since: bool = False) -> bool:
    """A day, weekday or month hangs off the clause ("last Friday", "on March 3"); a bare year or
    (unless ``since``) a "since" phrase dates a biography ("who has led the party since 2013")."""
    for c in tok.children:
        if c.dep_ not in {"prep", "npadvmod"} or (c.lower_ == "since" and not since):
            continue
        words = [t for t in c.subtree if t.ent_type_ in _TIME_ENTS]
        if words and not all(t.like_num or t.is_punct or t.lower_ in {"in", "the", "of"} for t in words):
            return True
    return False


def _describing_participle(tok, st: State) -> bool:
    """ "two soldiers accused of the bombing", "the girls kidnapped in Zamfara": a reduced relative
    that tells who a participant is; an act of its own when it carries a recent date ("the
    journalist arrested on Monday") or hangs on an act ("a meeting requested by X")."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or tok.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    if tok.head.i in st.found or tok.head.lemma_.lower() in st.lex.event_nouns:
        return False
    return tok.head.ent_type_ not in _TIME_ENTS and not _dated_recently(tok)


def _said_of_subject(tok, trig: Trigger, lex: Lexicon) -> bool:
    """ "Two soldiers, accused of the bombing, stand trial": a bare participle of a speech act set
    off beside the subject says what the subject is charged with, not that someone spoke then."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass", "mark"} for c in tok.children):
        return False
    if has_own_subject(tok) or not lex.types.get(trig.type, {}).get("quad", "").startswith("verbal"):
        return False
    return not _dated_recently(tok)


def _describing_relative(tok, trig: Trigger, lex: Lexicon) -> bool:
    """A relative clause that describes a participant ("a veteran who criticized X", "Y, who
    resigned as leader"). Not: a clause on a time noun ("the same day that units moved", a
    complement the parser attached to the date) nor a crime that says why someone was caught."""
    if tok.dep_ != "relcl" or tok.head.ent_type_ in _TIME_ENTS:
        return False
    if any(c.dep_ == "advmod" and c.lower_ in {"where", "when"} for c in tok.children):
        return False  # "the region, where forces clashed": the clause tells what happened there
    if tok.head.lemma_.lower() not in lex.event_nouns and _dated_recently(tok):
        return False  # "the girls, who were abducted last Friday,": a dated act is told, not a trait
    return lex.types.get(trig.type, {}).get("quad", "none") != "none"


def _display_of(tok, lex: Lexicon) -> bool:
    """ "A demonstration of our commitment", "a show of force": the noun means a display of a
    quality, not a protest or an act, when its "of" names no people."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for g in prep.children:
                if g.dep_ == "pobj" and g.tag_ == "NN" and not g.ent_type_:  # "of our commitment", "of force"
                    if g.lemma_.lower() not in lex.actor_kinds and g.lemma_.lower() not in lex.protest_agents:
                        return lex.nouns.get(tok.lemma_.lower()) is not None and tok.lemma_.lower() in _DISPLAY
    return False


def _grounded(tok) -> bool:
    """A place or a date hangs off ``tok`` ("protests in Cali", "continued on Thursday")."""
    return any(
        t.ent_type_ in {"GPE", "LOC", "DATE", "FAC"}
        for c in tok.children
        if c.dep_ in {"prep", "npadvmod"}
        for t in c.subtree
    )


def _counted_by(top):
    """The noun that counts or measures an act ("a series of raids", "eight hours of talks"): the
    act's phrase for the verb it hangs on; ``top`` itself otherwise."""
    for _ in range(3):
        prep = top.head
        if top.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ != "NOUN":
            break
        if prep.head.lemma_.lower() not in quantifier_nouns():
            break
        top = prep.head
    return top


def _held_in(top):
    """The copula of "X was in custody", "has been in detention since ...": a state that tells the
    act (the arrest) and whom it holds; None for any other use of the noun."""
    if top.dep_ != "pobj" or top.head.lower_ != "in" or top.head.dep_ != "prep":
        return None
    verb = top.head.head
    return verb if verb.lemma_ == "be" and verb.pos_ in {"AUX", "VERB"} else None


def _specific(a: Actor) -> bool:
    """A party named or counted ("five people", "the journalist Ana Ruiz"), not a class ("civilians")."""
    return a.count is not None or a.kind not in {"other", "people"} or any(w[:1].isupper() for w in a.text.split())


def _talked_in(top, type_: str) -> bool:
    """A talk named as the occasion of what someone said or did ("told X in phone calls")."""
    return type_ == "CONSULT" and top.dep_ == "pobj" and top.head.lower_ in {"in", "during", "over"}


_MEASURE_PREPS = {"of", "in", "on", "to", "against"}  # "the freeze on aid to X", "sanctions against Y"


def noun_parts(tok, st: State) -> Parts | None:
    """Parties, clause and status of an event noun; None for a source or an act a verb already covers."""
    lex = st.lex
    undone = ongoing_state(tok)  # "hopes to lift the ban": the ban is in force, whatever the lifting
    if (undone is None and noun_is_source_or_covered(tok, st.found, lex)) or _display_of(tok, lex):
        return None
    type_ = st.found[tok.i][0].type
    # a measure in force is not the act the account just told: its doer is its own or its holder
    actors, akeys = actors_of(noun_agents(tok, type_), st, None if undone is not None else st.previous)
    if undone is not None and not any(a.span for a in actors):
        actors, akeys = actors_of(holder(tok, undone), st)
    targets, tkeys = actors_of(noun_targets(tok, type_), st)
    top = tok
    while top.dep_ in {"compound", "amod"}:
        top = top.head
    counted = _counted_by(top)  # "carried out a series of raids", "led eight hours of talks"
    counted_by, top = counted is not top, counted
    held = _held_in(top)
    light = top.head.head if top.dep_ == "pobj" else top.head if top.dep_ == "dobj" else None
    if undone is not None:
        pass  # its holder is decided above (``_presupposed.holder``), not by the verb that undoes it
    elif not actors and light is not None and any(f in lex.light_verbs for f in verb_forms(light)):
        subj, _ = subjects(light)  # "engaged in smuggling", "staged demonstrations": the verb's subject acts
        actors, akeys = actors_of(subj, st, st.previous)
    elif not actors and light is not None and _talked_in(top, st.found[tok.i][0].type):
        subj, _ = subjects(light)  # "told X in phone calls", "said during talks": the speaker took part
        actors, akeys = actors_of(subj, st, st.previous)
    status = status_of(top, lex)
    if status == "asserted" and top.dep_ in {"pobj", "dobj"}:
        verb = top.head.head if top.dep_ == "pobj" else top.head
        if verb.pos_ == "VERB":
            status = status_of(verb, lex)
    if status in _TOLD:
        status = noun_status(top, tok, st.headline, lex.reporting_verbs) or status
    head, nominal = noun_evidence_head(top if counted_by else tok)
    if light is not None and _talked_in(top, st.found[tok.i][0].type):
        head, nominal = light, False  # the clause of what was said or done in the talk
    if held is not None:
        head, nominal = held, False  # "X has been in detention since May 2": the whole clause
    if undone is not None:  # the measure's own phrase: the clause around it tells of undoing it
        own = [p for p in noun_preps(tok) if p.lower_ in _MEASURE_PREPS]  # not "during talks"
        start, end = tok.left_edge.i, max(p.right_edge.i for p in [tok.doc[tok.i], *own]) + 1
    elif nominal:
        start, end = head.left_edge.i, head.right_edge.i + 1
    else:
        start, end = clause_range(head, set(st.found), lex.reporting_verbs, own=tok.i)
    verb = top.head
    occurs = top.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() in lex.occurrence_verbs
    # "the detention of a further six men": a counted or named sufferer makes the act concrete
    concrete = actors or _grounded(top) or (occurs and _grounded(verb)) or any(_specific(t) for t in targets)
    if top.dep_ == "nsubj" and verb.pos_ == "VERB" and _dated_recently(verb):
        concrete = True  # "talks to end the strike failed last week": the act the sentence dates
    if held is not None:  # "the reporter has been in detention since May 2", not "900 were in detention there"
        concrete = _dated_recently(held, since=True)
        targets, tkeys = actors_of(subjects(held)[0], st)
        actors = actors or [implicit_actor(custody_agent())]
    elif not actors and targets:  # "the arrest of five men": whoever an agentless "were arrested" implies
        verb_trigger = lex.verbs.get(tok.lemma_.lower())
        if verb_trigger is not None and verb_trigger.implicit_agent and verb_trigger.type == type_:
            actors = [implicit_actor(verb_trigger.implicit_agent)]
    anaphor = any(c.dep_ in {"det", "poss"} and c.lower_ in _DEFINITE for c in top.children)
    if undone is not None:
        status, concrete, anaphor = "background", True, False  # a measure in force, not a further mention
        hit, hkeys = actors_of(hit_by(tok), st)  # "the pause in aid to X": X is the one the measure hits
        targets, tkeys = targets + [a for a in hit if all(a.text != t.text for t in targets)], tkeys | hkeys
    parts = Parts(actors, akeys, targets, tkeys, status, start, end, anaphor=anaphor, weak=not concrete)
    parts.ongoing = undone is not None
    verb = st.found.get(top.head.head.i) if top.dep_ == "pobj" else None
    if verb is not None and verb[2] and verb[0].type == st.found[tok.i][0].type:
        parts.conj_of = top.head.head.i  # "killed 22 soldiers in an attack on a post": the attack is the killing
    return parts
