"""extract_events: triggers -> arguments -> status -> attribution -> evidence -> merged Events.

Runs over the parse the annotate stage already made (no second parse); the lexicons are loaded
once per process. Each trigger becomes a mention (``_verb_parts`` / ``_noun_parts`` read its
arguments, ``_mention`` adds status, evidence and attribution); ``_merge.merge`` folds mentions
of one incident together. Events leave ``time`` and ``places`` empty for the temporal and geo
stages.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field

from eventledger.annotate.nlp import Annotated
from eventledger.events._actors import PRONOUNS, implicit_actor, make_actor
from eventledger.events._arguments import agents, noun_agents, objects, resolve, subjects
from eventledger.events._aspect import (
    commitment,
    denied_by_words,
    existential_state,
    noun_status,
    performative,
    reduced_when_clause,
    refusal,
    simple_present,
)
from eventledger.events._attribution import attribute_sentences, speaker_as_doer
from eventledger.events._clauses import (
    agrees,
    antecedent_in_sentence,
    directive_content,
    has_own_subject,
    line_of,
    noun_is_source_or_covered,
    speaker,
    under_directive,
)
from eventledger.events._confidence import confidence
from eventledger.events._evidence import clause_range, evidence_head, noun_evidence_head
from eventledger.events._lexicon import Lexicon, Trigger, load_lexicon
from eventledger.events._merge import DISTINCT, Mention, merge
from eventledger.events._quantities import quantities_in
from eventledger.events._senses import demanded_by, forecast, natural_harm, told_by_means, verbal_attack
from eventledger.events._status import is_background, status_of
from eventledger.events._triggers import find_triggers, verb_forms, weapons_test
from eventledger.model import Actor, Event, Span

logger = logging.getLogger(__name__)

_TOLD = {"asserted", "alleged"}  # statuses under which the act is told as having happened
_DISPLAY = {"demonstration", "show", "display"}  # nouns that also mean "a display of" a quality
_PASSIVE_THEME_TYPES = {"MOBILIZE"}  # "battalions were deployed"; a RETREAT verb says so itself (theme_is_actor)
_DEFINITE = {"the", "this", "that"}


@dataclass
class _State:
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
class _Parts:
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


def _key(tok) -> tuple[str, frozenset]:
    mods = frozenset(
        c.lemma_.lower()
        for c in tok.children
        if (c.dep_ in {"compound", "amod"} and not c.is_punct) or c.lower_ in DISTINCT
    )
    return tok.lemma_.lower(), mods


def _actors(tokens, st: _State, previous: list[Actor] | None = None) -> tuple[list, set]:
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
    return out, keys


def _span(doc, body: str, start: int, end: int) -> Span:
    return Span.of(body, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))


def _act_parties(act) -> list:
    """The party an act noun names: "an attack on the town", "talks with X", "the demands of X", "X's efforts"."""
    out = [c for c in act.children if c.dep_ == "poss"]
    for c in act.children:
        if c.dep_ == "prep" and c.lower_ in {"on", "against", "with", "of", "from"}:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _verb_parts(tok, trig: Trigger, concept: str, st: _State, source_tokens: range) -> _Parts | None:
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
    actors, akeys = _actors(actor_toks, st, st.previous)
    targets, tkeys = _actors(target_toks, st)
    if trig.source == "cameo" and "+" not in concept and not any(a.kind != "other" for a in (*actors, *targets)):
        return None  # a derived trigger needs a recognisable party: "prices have risen" is no event
    if passive and not actors and trig.implicit_agent:
        actors = [implicit_actor(trig.implicit_agent)]
    start, end = clause_range(evidence_head(tok, has_own_subject(tok)), set(found), lex.reporting_verbs, own=tok.i)
    parts = _Parts(actors, akeys, targets, tkeys, status_of(tok, lex), start, end, fold=fold)
    if (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and not has_own_subject(tok)
        and tok.head.i in found
        and found[tok.head.i][0].type == trig.type
    ):
        parts.conj_of = tok.head.i  # "fired at the crowd, injuring 14": one incident
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
    if _describing_relative(tok, trig, st.lex) or _bare_participle(tok, parts, st.lex.means_verbs):
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


def _bare_participle(tok, parts: _Parts, means_verbs: frozenset[str]) -> bool:
    """A gerund or participle with no subject and no auxiliary, used as a noun or a modifier
    ("accused of targeting", "by raising revenue", "legislation targeting X"): it names a reason,
    a means or a charge. A participle that carries the narrative ("before deploying mines",
    "fired, injuring 14", "then delaying it") is not one."""
    if tok.tag_ != "VBG" or has_own_subject(tok) or parts.conj_of is not None or tok.dep_ not in _NOMINAL_DEPS:
        return False
    if parts.status != "asserted":  # "accused the army of shelling": the alleged act is coded as alleged
        return False
    if tok.dep_ == "pcomp" and tok.head.lower_ in _SEQUENCE_PREPS:
        return False
    if tok.dep_ == "pcomp" and tok.head.lower_ in {"by", "with"} and tok.head.head.lemma_.lower() in means_verbs:
        return False  # "retaliated by imposing tariffs": the means is the act
    return not any(c.dep_ in {"aux", "auxpass"} for c in tok.children)


def _describing_relative(tok, trig: Trigger, lex: Lexicon) -> bool:
    """A relative clause that describes a participant ("a veteran who criticized X", "Y, who
    resigned as leader"). Not: a clause on a time noun ("the same day that units moved", a
    complement the parser attached to the date) nor a crime that says why someone was caught."""
    if tok.dep_ != "relcl" or tok.head.ent_type_ in _TIME_ENTS:
        return False
    if any(c.dep_ == "advmod" and c.lower_ in {"where", "when"} for c in tok.children):
        return False  # "the region, where forces clashed": the clause tells what happened there
    return lex.types.get(trig.type, {}).get("quad", "none") != "none"


def _cooperative(type_: str, lex: Lexicon) -> bool:
    return lex.types.get(type_, {}).get("quad", "").endswith("_cooperation")


def _verbal(type_: str, lex: Lexicon) -> bool:
    return lex.types.get(type_, {}).get("quad", "").startswith("verbal")


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


def _noun_parts(tok, st: _State) -> _Parts | None:
    lex = st.lex
    if noun_is_source_or_covered(tok, st.found, lex) or _display_of(tok, lex):
        return None
    actors, akeys = _actors(noun_agents(tok), st, st.previous)
    top = tok
    while top.dep_ in {"compound", "amod"}:
        top = top.head
    light = top.head.head if top.dep_ == "pobj" else top.head if top.dep_ == "dobj" else None
    if not actors and light is not None and any(f in lex.light_verbs for f in verb_forms(light)):
        subj, _ = subjects(light)  # "engaged in smuggling", "staged demonstrations": the verb's subject acts
        actors, akeys = _actors(subj, st, st.previous)
    status = status_of(top, lex)
    if status == "asserted" and top.dep_ in {"pobj", "dobj"}:
        verb = top.head.head if top.dep_ == "pobj" else top.head
        if verb.pos_ == "VERB":
            status = status_of(verb, lex)
    if status in _TOLD:
        status = noun_status(top, tok, st.headline, lex.reporting_verbs) or status
    head, nominal = noun_evidence_head(tok)
    if nominal:
        start, end = head.left_edge.i, head.right_edge.i + 1
    else:
        start, end = clause_range(head, set(st.found), lex.reporting_verbs, own=tok.i)
    verb = top.head
    occurs = top.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() in lex.occurrence_verbs
    concrete = actors or _grounded(top) or (occurs and _grounded(verb))
    anaphor = any(c.dep_ in {"det", "poss"} and c.lower_ in _DEFINITE for c in top.children)
    parts = _Parts(actors, akeys, [], set(), status, start, end, anaphor=anaphor, weak=not concrete)
    verb = st.found.get(top.head.head.i) if top.dep_ == "pobj" else None
    if verb is not None and verb[2] and verb[0].type == st.found[tok.i][0].type:
        parts.conj_of = top.head.head.i  # "killed 22 soldiers in an attack on a post": the attack is the killing
    return parts


def _mention(i: int, si: int, sent, st: _State, attribution) -> Mention | None:
    """One trigger's mention with its status, evidence, attribution and PLOVER coding."""
    lex, doc, body = st.lex, st.doc, st.body
    trig, concept, is_verb = st.found[i]
    tok = doc[i]
    attr, source_tokens = attribution
    if i in source_tokens:
        return None
    parts = _verb_parts(tok, trig, concept, st, source_tokens) if is_verb else _noun_parts(tok, st)
    if parts is None or parts.status == "generic":
        return None
    if not any(a.span for a in parts.actors):  # '"We ...," X said'; "were detained, police said"
        parts.actors = speaker_as_doer(tok, is_verb, attr, lex, body, trig.type) or parts.actors
    status, start, end = parts.status, parts.start, parts.end
    if is_verb and status in _TOLD:
        if denied_by_words(tok):
            status = "negated"
        elif simple_present(tok) and tok.idx >= st.headline and not performative(tok, _verbal(trig.type, st.lex)):
            status = "generic"  # a habit or a standing situation (also when claimed), not an incident
        elif reduced_when_clause(tok):
            status = "generic"  # "(fight back) when attacked": whenever it happens
    if status == "asserted" and existential_state(tok):
        status = "generic"
    if status == "generic":
        return None
    if status in {"asserted", "hypothetical"} and i not in st.directives and under_directive(tok, st.directives, lex):
        status = "ordered"
    if source_tokens and start < source_tokens.start < end:
        end = source_tokens.start  # '"...," a source told X': the source is not the event
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if status == "asserted":
        line = line_of(sent, tok)
        if line.start not in st.background:
            st.background[line.start] = is_background(line, lex)
        if st.background[line.start]:
            status = "background"
    if start >= end:
        return None
    evidence = _span(doc, body, start, end)
    content = directive_content(tok, st.found) if "directive" in trig.flags else None
    if "directive" in trig.flags and status in {"ordered", "hypothetical"}:
        status = "asserted"  # the order itself was given
    type_, mode = trig.type, trig.mode
    targets = parts.targets
    if is_verb and told_by_means(tok, lex, st.found):
        return None
    if is_verb and type_ == "ASSAULT" and natural_harm(tok, lex):
        return None  # a storm or a collapsing building harms; no one assaults
    if is_verb and type_ == "ASSAULT" and verbal_attack(tok, lex):
        type_, mode = "ACCUSE", "disapprove"
    demander = demanded_by(tok, lex, speaker(tok, lex)) if is_verb and status == "hypothetical" else None
    if demander is not None:  # "X said Y must withdraw": X's demand, Y's act is its content
        demand_actor = make_actor(demander, lex, body)
        if demand_actor is not None:
            type_, mode, status = "REQUEST", None, "asserted"
            targets = parts.actors or targets
            parts.actors = [demand_actor]
    if is_verb and status == "asserted" and forecast(tok, lex):
        status = "hypothetical"  # "warned the toll may rise": nobody threatened anything
    if type_ == "ASSAULT" and is_verb and not targets and weapons_test(tok, lex):
        type_, mode = "MOBILIZE", "weapons"
    if mode == "weapons" and type_ == "MOBILIZE":
        # the missile tested is no party to the event
        targets = [t for t in targets if t.kind != "other" and (t.normalised or "") not in lex.things]
    if (
        status in {"negated", "planned", "hypothetical"}
        and is_verb
        and _cooperative(type_, lex)
        and parts.actors
        and refusal(tok)
    ):
        # PLOVER: refusing a cooperative act ("will not accept", "declined to resign", "no longer
        # recognise") is itself an act, a REJECT by the one refusing
        type_, mode, status = "REJECT", None, "asserted"
    if (
        status == "planned"
        and type_ in lex.future_types
        and (not is_verb or commitment(tok, lex.reporting_verbs, lex.belief_verbs))
    ):
        # PLOVER: a promised cooperative act is AGREE, an announced sanction is THREATEN
        type_, status = lex.future_types[type_], "asserted"
        mode = mode if type_ == "THREATEN" and mode in lex.types["THREATEN"]["modes"] else None
    score = confidence(
        tok,
        curated=trig.source == "curated",
        verb=is_verb,
        has_actor=any(a.span is not None for a in parts.actors),
        attributed=attr is not None,
        headline=tok.idx < st.headline,
    )
    return Mention(
        type=type_,
        mode=mode,
        contexts=trig.contexts,
        status=status,
        trigger_i=i,
        trigger=_span(doc, body, i, i + 1),
        concept=concept,
        evidence=evidence,
        actors=parts.actors,
        targets=targets,
        actor_keys=parts.akeys,
        target_keys=parts.tkeys,
        content=content,
        attribution=attr,
        quantities=quantities_in(body, evidence.start, evidence.end),
        confidence=score,
        sent=si,
        last_sent=si,
        nominal=not is_verb,
        anaphor=parts.anaphor,
        pronoun=parts.pronoun,
        weak=parts.weak,
        incident_noun=parts.incident_noun,
        conj_of=parts.conj_of,
        fold_into=parts.fold,
    )


def headline_end(body: str) -> int:
    """End of a headline: a first paragraph that is one short line without closing punctuation
    and is followed by more text ("Gunmen kill 22 in attack on army post"); 0 when there is none."""
    first, sep, rest = body.partition("\n\n")
    line = first.strip()
    if not sep or not rest.strip() or "\n" in line or not line or len(line.split()) > 25:
        return 0
    return 0 if line[-1] in '.!?"”’:' else len(first)


def _without_headline_repeats(mentions: list[Mention], body: str) -> list[Mention]:
    """A headline states the story's main event again: its events are dropped where the text
    below codes an event of the same type (the body has the evidence, the date and the source)."""
    end = headline_end(body)
    if not end:
        return mentions
    below = {m.type for m in mentions if m.evidence.start >= end}
    return [m for m in mentions if not (m.evidence.end <= end and m.type in below)]


def extract_events(annotated: Annotated) -> list[Event]:
    """PLOVER-typed events of one document, each with the clause that states it."""
    lex = load_lexicon()
    doc, body = annotated.doc, annotated.document.body
    found = find_triggers(doc, lex)
    if not found:
        return []
    directives = {j for j, (t, _, _) in found.items() if "directive" in t.flags}
    sents = list(doc.sents)
    # a lone sentence (a feed title, a wire snippet) is written like a headline: its present tense narrates
    st = _State(lex, doc, body, found, directives, headline=len(body) if len(sents) == 1 else headline_end(body))
    starts = [s.start for s in sents]
    attributions = attribute_sentences(doc, lex, body)
    mentions: list[Mention] = []
    for i in sorted(found):
        si = bisect.bisect_right(starts, i) - 1
        m = _mention(i, si, sents[si], st, attributions[si])
        if m is None:
            continue
        mentions.append(m)
        if any(a.span for a in m.actors):
            st.previous, st.prev_keys = [a for a in m.actors if a.span], m.actor_keys
    extra: dict[int, list[Span]] = {}
    merged = _without_headline_repeats(merge(mentions, extra), body)
    out = [
        Event(
            type=m.type,
            evidence=(m.evidence, *extra.get(m.trigger_i, [])),
            mode=m.mode,
            contexts=m.contexts,
            status=m.status,
            trigger=m.trigger,
            actors=tuple(m.actors),
            targets=tuple(m.targets),
            attribution=m.attribution,
            quantities=tuple(m.quantities),
            confidence=m.confidence,
        )
        for m in merged
    ]
    logger.debug("%d trigger mentions -> %d events", len(mentions), len(out))
    return out
