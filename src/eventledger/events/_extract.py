"""extract_events: triggers -> arguments -> status -> attribution -> evidence -> merged Events.

Runs over the parse the annotate stage already made (no second parse); the lexicons are loaded
once per process. Each trigger becomes a mention (``_parts.verb_parts`` / ``noun_parts`` read its
arguments, ``_mention`` adds status, evidence and attribution); ``_merge.merge`` folds mentions
of one incident together. Events leave ``time`` and ``places`` empty for the temporal and geo
stages.
"""

from __future__ import annotations

import bisect
import logging

from eventledger.annotate.nlp import Annotated
from eventledger.events._actors import make_actor
from eventledger.events._aliases import descriptions, with_aliases
from eventledger.events._arguments import subjects
from eventledger.events._aspect import (
    commitment,
    denied_by_words,
    existential_state,
    ongoing_campaign,
    performative,
    reduced_when_clause,
    refusal,
    simple_present,
    state_complement,
    undated_backstory,
)
from eventledger.events._attribution import attribute_sentences, speaker_as_doer
from eventledger.events._clauses import (
    directive_content,
    line_of,
    relative_clause,
    speaker,
    under_directive,
)
from eventledger.events._confidence import confidence
from eventledger.events._headline import headline_end, without_headline_repeats
from eventledger.events._lexicon import Lexicon, load_lexicon
from eventledger.events._merge import Mention, merge, sentence_dates
from eventledger.events._parts import State, actors_of, noun_parts, span_of, verb_parts
from eventledger.events._quantities import quantities_in
from eventledger.events._senses import (
    announced_decision,
    commitment_type,
    demanded_by,
    forecast,
    identifying,
    natural_harm,
    reported_promise,
    told_by_means,
    verbal_attack,
    verbal_clash,
    verbal_defence,
)
from eventledger.events._speech_acts import present_stance, speech_parts
from eventledger.events._status import commentary, is_background
from eventledger.events._triggers import find_triggers, weapons_test
from eventledger.model import Event, Span, TimeInterval

logger = logging.getLogger(__name__)

_TOLD = {"asserted", "alleged"}  # statuses under which the act is told as having happened
# Cues for the temporal stage (``temporal.event_time``), which replaces them: a measure in force
# at publication, begun at an unstated time before, ends at publication instead of taking the day
# of the clause around it; a measure told by its announcement takes the announcement's date.
_TIME_HINTS = {h: TimeInterval(None, None, "unknown", None, None, h) for h in ("ongoing", "decided")}


def _cooperative(type_: str, lex: Lexicon) -> bool:
    return lex.types.get(type_, {}).get("quad", "").endswith("_cooperation")


def _verbal(type_: str, lex: Lexicon) -> bool:
    return lex.types.get(type_, {}).get("quad", "").startswith("verbal")


def _responds(tok, concept: str) -> bool:
    """ "returned fire", "fired back", "hit back": the act answers one just told."""
    return concept.startswith("return+") or any(
        c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in tok.children
    )


def _mention(i: int, si: int, sent, st: State, attribution) -> Mention | None:
    """One trigger's mention with its status, evidence, attribution and PLOVER coding."""
    lex, doc, body = st.lex, st.doc, st.body
    trig, concept, is_verb = st.found[i]
    tok = doc[i]
    attr, source_tokens = attribution
    if i in source_tokens and "speech_act" not in trig.flags:
        return None
    if is_verb and _verbal(trig.type, lex) and commentary(subjects(tok)[0]):
        return None  # "analysts welcomed the move": analysis, not a party's act
    parts = verb_parts(tok, trig, concept, st, source_tokens) if is_verb else noun_parts(tok, st)
    if parts is None or parts.status == "generic":
        return None
    if "speech_act" in trig.flags:  # "said Y must ...": Y is the one addressed
        speech_parts(tok, parts, st, actors_of)
    if not any(a.span for a in parts.actors):  # '"We ...," X said'; "were detained, police said"
        parts.actors = speaker_as_doer(tok, is_verb, attr, lex, body, trig.type) or parts.actors
    status, start, end = parts.status, parts.start, parts.end
    if is_verb and status in _TOLD:
        if denied_by_words(tok):
            status = "negated"
        elif (
            simple_present(tok)
            and tok.idx >= st.headline
            and not performative(tok, _verbal(trig.type, st.lex))
            and not present_stance(tok, trig, lex)
        ):
            status = "generic"  # a habit or a standing situation (also when claimed), not an incident
        elif reduced_when_clause(tok):
            status = "generic"  # "(fight back) when attacked": whenever it happens
        elif tok.idx >= st.headline and undated_backstory(tok):
            status = "generic"  # "X had been arrested for robbery": backstory, not news
        elif state_complement(tok):
            status = "generic"  # "civilians remain unprotected, bombed, besieged": a state
        elif ongoing_campaign(tok):
            status = "generic"  # "have been attacking posts since 2011": a campaign, not an incident
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
    evidence = span_of(doc, body, start, end)
    content = directive_content(tok, st.found) if "directive" in trig.flags else None
    if "directive" in trig.flags and status in {"ordered", "hypothetical"}:
        status = "asserted"  # the order itself was given
    type_, mode = trig.type, trig.mode
    targets = parts.targets
    if is_verb and told_by_means(tok, lex, st.found):
        return None
    if is_verb and identifying(tok):
        return None  # "a guard recognized her": identified, no diplomatic act
    if is_verb and type_ == "ASSAULT" and natural_harm(tok, lex):
        return None  # a storm or a collapsing building harms; no one assaults
    if is_verb and type_ == "ASSAULT" and verbal_attack(tok, lex):
        type_, mode = "ACCUSE", "disapprove"
    if is_verb and type_ == "AID" and verbal_defence(tok, lex):
        type_, mode = "SUPPORT", None
    clashing = verbal_clash(tok, lex) if type_ == "ASSAULT" else []
    if clashing:  # "the clash between the two presidents": they are the parties, whoever tells it
        type_, mode = "ACCUSE", "disapprove"
        parts.actors, parts.akeys = actors_of(clashing, st)
        targets, parts.tkeys = [], set()
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
    if status == "hypothetical" and is_verb and reported_promise(tok, lex):
        status = "planned"  # "they said they would boycott": a commitment, coded below
    decided = status in {"planned", "hypothetical"} and is_verb and announced_decision(tok, type_, lex)
    if decided:
        status = "asserted"  # "announced it would suspend aid": the sanction decided, not a threat
    committed = commitment_type(tok, type_, status, lex) if is_verb else None
    if committed is not None:  # "is willing to withdraw", "will withdraw unless": offer or ultimatum
        type_, mode, status = committed, None, "asserted"
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
        trigger=span_of(doc, body, i, i + 1),
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
        first_person=is_verb and any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in tok.children),
        response=is_verb and _responds(tok, concept),
        weak=parts.weak,
        incident_noun=parts.incident_noun,
        conj_of=parts.conj_of,
        fold_into=parts.fold,
        time_hint="ongoing" if parts.ongoing else "decided" if decided else None,
        relative=relative_clause(tok, lex),
    )


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
    st = State(lex, doc, body, found, directives, headline=len(body) if len(sents) == 1 else headline_end(body))
    starts = [s.start for s in sents]
    attributions = attribute_sentences(doc, lex, body)
    mentions: list[Mention] = []
    dates: dict[int, frozenset[str]] = {}
    for i in sorted(found):
        si = bisect.bisect_right(starts, i) - 1
        m = _mention(i, si, sents[si], st, attributions[si])
        if m is None:
            continue
        if si not in dates:
            dates[si] = sentence_dates(sents[si])
        m.dates = dates[si]
        mentions.append(m)
        if any(a.span for a in m.actors):
            st.previous, st.prev_keys = [a for a in m.actors if a.span], m.actor_keys
    extra: dict[int, list[Span]] = {}
    merged = without_headline_repeats(merge(mentions, extra), body)
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
            time=_TIME_HINTS.get(m.time_hint or "") if m.status in {"background", "asserted"} else None,
        )
        for m in merged
    ]
    logger.debug("%d trigger mentions -> %d events", len(mentions), len(out))
    return with_aliases(out, descriptions(doc, lex, body), body)
