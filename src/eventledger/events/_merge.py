"""One Event per incident: later mentions of the same incident become further evidence.

Why: a report states an incident, then returns to it ("the deployment", "they were deployed",
"the incident, where ..."); emitting each mention as an event double-counts it. Two mentions
are merged when they have the same type and compatible status, and either one is an anaphor
(a definite event noun, an incident noun with a relative clause, a verb whose subject is the
earlier event noun), or they are conjoined with one subject, or they share a participant
(actor or target head) without naming different targets or different ordered acts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eventledger.events._ents import span_ents
from eventledger.model import Actor, Attribution, Quantity, Span

_FACTUAL = {"asserted", "background", "alleged"}
# acts done by speaking: a quoted "we urge ..." restates the call the report already told
_SPEECH = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "REJECT", "THREATEN", "AGREE", "CONCEDE"})
_NOT_SPEAKER = frozenset(
    {"said", "says", "told", "tells", "added", "stated", "noted", "according", "statement", "reporters", "the", "his"}
)
# "another cell", "a similar raid", "a second group": the phrase names a different party
DISTINCT = frozenset({"another", "similar", "second", "third", "other", "separate", "different", "new", "further"})


@dataclass
class Mention:
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    status: str
    trigger_i: int
    trigger: Span
    concept: str
    evidence: Span
    actors: list[Actor]
    targets: list[Actor]
    actor_keys: set[tuple[str, frozenset]]
    target_keys: set[tuple[str, frozenset]]
    content: str | None = None  # the ordered act of a directive
    attribution: Attribution | None = None
    quantities: list[Quantity] = field(default_factory=list)
    confidence: float = 0.5
    anaphor: bool = False  # "the lockdown": refers back
    incident_noun: str | None = None  # event stated in a relative clause of "the incident"
    conj_of: int | None = None  # trigger index of the first conjunct sharing the subject
    fold_into: int | None = None  # trigger index of an event noun that is this verb's subject
    members: list[int] = field(default_factory=list)
    sent: int = 0
    last_sent: int = 0
    nominal: bool = False  # the trigger is a noun ("the airstrikes")
    pronoun: bool = False  # the anaphor is a pronoun subject ("they were deployed")
    weak: bool = False  # a bare event noun: kept only as a further mention of a known event
    concepts: list[str] = field(default_factory=list)
    first_person: bool = False  # "We call on ...": a speaker telling its own act, as quoted
    response: bool = False  # "returned fire", "fought back": the other side of an exchange already told
    dates: frozenset[str] = frozenset()  # the time words of its sentence ("on tuesday", "last week")
    # the temporal stage's cue: "ongoing", a measure presupposed in force at publication ("hopes to
    # lift the ban"); "decided", a measure told by its announcement ("announced it would suspend aid")
    time_hint: str | None = None
    relative: int | None = None  # the relative clause on a participant it is told in ("X, who seized ...,")


def sentence_dates(sent) -> frozenset[str]:
    """The points in time a sentence names ("on Tuesday", "last week", "in 2021"), lower-cased.

    Only a date phrase with a weekday, a month, a year or a relative word counts: a duration ("for
    a month", "the three-year war") says how long, not when. Two mentions whose sentences name
    points in time and share none are told of different moments.
    """
    words = time_point_words()
    out = set()
    for ent in span_ents(sent):
        if ent.label_ != "DATE":
            continue
        text = [t.lower_.rstrip(".") for t in ent if not t.is_punct]
        if any(w in words or (len(w) == 4 and w.isdigit()) for w in text):
            out.add(" ".join(text))
    return frozenset(out)


@lru_cache(maxsize=1)
def time_point_words() -> frozenset[str]:
    """Words that make a date phrase a point in time (data/coreference.json)."""
    data = json.loads((Path(__file__).parent / "data" / "coreference.json").read_text(encoding="utf-8"))
    return frozenset(data["time_point_words"])


def concept(key: str) -> str:
    """ "lock down", "lockdown" and "locked down" name one concept; so do "deploy"/"deployment"."""
    word = key.split("+")[0].replace(" ", "").replace("-", "")
    for suffix in ("ment", "ing", "ation", "ion", "al", "ure"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word  # "removal", "remove"


@lru_cache(maxsize=1)
def _families() -> dict[str, frozenset[str]]:
    """Types one act word takes as a noun and as a verb (data/coreference.json)."""
    data = json.loads((Path(__file__).parent / "data" / "coreference.json").read_text(encoding="utf-8"))
    out: dict[str, frozenset[str]] = {}
    for family in data["type_families"]:
        for t in family:
            out[t] = frozenset(family)
    return out


def _same_type(a: Mention, b: Mention) -> bool:
    """Same type, or the same act word coded by its noun and its verb ("withdrawal", "withdrew")."""
    if a.type == b.type:
        return True
    return a.nominal != b.nominal and b.type in _families().get(a.type, frozenset())


# "the parties", "both sides": a collective that refers back to the participants already named
BACK_REFERENCE = frozenset({"party", "side"})


def _keys_match(a: set, b: set) -> bool:
    for ha, ma in a:
        for hb, mb in b:
            if (ma | mb) & DISTINCT:
                continue
            if ha == hb and (not ma or not mb or ma & mb):
                return True
            if (ha in BACK_REFERENCE and not ma - {"both", "two"}) or (
                hb in BACK_REFERENCE and not mb - {"both", "two"}
            ):
                return True
    return False


def _compatible(a: Mention, b: Mention) -> bool:
    return a.status == b.status or (a.status in _FACTUAL and b.status in _FACTUAL)


def _targets_conflict(ev: Mention, m: Mention) -> bool:
    return bool(ev.target_keys and m.target_keys and not _keys_match(ev.actor_keys | ev.target_keys, m.target_keys))


def _same_incident(ev: Mention, m: Mention) -> bool:
    if ev.type != m.type or not _compatible(ev, m):
        return False
    if ev.dates and m.dates and not ev.dates & m.dates:
        return False  # "doubled the tariff on Tuesday" ... "imposed a tariff last week": two acts of one party
    if m.sent == ev.last_sent and ev.relative != m.relative:
        return False  # "X, who seized power in 2021, has barred Y": the clause on X tells another act of X
    if ev.content and m.content and ev.content != m.content:
        return False
    if ev.target_keys and m.target_keys and not _keys_match(ev.target_keys, m.target_keys):
        if not _keys_match(ev.actor_keys | ev.target_keys, m.target_keys):
            return False
    participants_ev = ev.actor_keys | ev.target_keys
    participants_m = m.actor_keys | m.target_keys
    return bool(participants_ev and participants_m and _keys_match(participants_ev, participants_m))


def _parties_conflict(a: set, b: set) -> bool:
    return bool(a and b and not _keys_match(a, b))


_MINOR = frozenset({"of", "the", "and", "for", "de", "du", "la"})


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", text) if w[0].isupper() and w.lower() not in _MINOR)


def _acronym_of(a: Actor, b: Actor) -> bool:
    """ "C.A.R." and "Central African Republic officials", "UN" and "the United Nations": one party."""
    short = a.text.replace(".", "").replace(" ", "")
    if not (2 <= len(short) <= 6 and short.isalpha() and short.isupper()):
        return False
    return any(_initials(t) == short for t in (b.text, b.normalised or "") if t)


def _same_parties(xs: list[Actor], ys: list[Actor]) -> bool:
    return any(_acronym_of(x, y) or _acronym_of(y, x) for x in xs for y in ys)


def _restated(ev: Mention, m: Mention) -> bool:
    """The same act told again with the same word ("was killed" in the lead, the detail and a
    quote): same type and concept, no status conflict, and no party named in both that differs.
    Reports rarely tell two separate acts of one kind with the same verb without naming who did
    it or to whom, so a restatement that names nobody new is taken as the same incident."""
    if not _same_type(ev, m) or not _compatible(ev, m) or (ev.content and m.content and ev.content != m.content):
        return False
    concepts = {concept(c) for c in [ev.concept, *ev.concepts]}
    if concept(m.concept) not in concepts:
        return False
    if (
        _parties_conflict(ev.actor_keys, m.actor_keys)
        and not _same_parties(ev.actors, m.actors)
        and not _counted_as(ev.actors, m.actors)
        and not _counted_as(m.actors, ev.actors)
    ):
        return False
    return not _parties_conflict(ev.target_keys, m.target_keys)


def _counted_as(xs: list[Actor], ys: list[Actor]) -> bool:
    """ "three member states" and "A, B and C": a counted group and as many parties named."""
    return len(xs) == 1 and len(ys) >= 2 and xs[0].count == len(ys) and xs[0].span is not None


def _speaker_words(m: Mention, doer: bool) -> set[str]:
    """Words naming who speaks: the quoted source, or for a told act its doer (its source when
    the doer is not named)."""
    texts = [a.text for a in m.actors] if doer else []
    if not texts and m.attribution:
        texts = [m.attribution.text]
    words = {w.strip(".,\"'“”’").lower() for t in texts for w in t.split()}
    return {w for w in words if len(w) > 2 and w.isalpha() and w not in _NOT_SPEAKER}


def _own_words_again(ev: Mention, m: Mention) -> bool:
    """ "X urged Y to ..." then '"We call on Y to ...," X said': the speaker quoted in the first
    person restates the act the report told; same speech-act type, same speaker, same addressee."""
    if not m.first_person or m.type != ev.type or m.type not in _SPEECH or not _compatible(ev, m):
        return False
    if _parties_conflict(ev.target_keys, m.target_keys) and not _same_named(ev.target_keys, m.target_keys):
        return False
    return bool(_speaker_words(m, doer=False) & _speaker_words(ev, doer=True))


def _same_named(a: set, b: set) -> bool:
    """ "the Haitian government" and "the Haitian authorities": one addressee named by the same
    modifier, as a speaker restating its own call words it."""
    return any(not (ma | mb) & DISTINCT and ma & mb for _, ma in a for _, mb in b)


@lru_cache(maxsize=1)
def casualty_verbs() -> frozenset[str]:
    """Verbs whose agentless passive tells the toll of an attack (data/coreference.json)."""
    data = json.loads((Path(__file__).parent / "data" / "coreference.json").read_text(encoding="utf-8"))
    return frozenset(data["casualty_verbs"])


def _toll_of(ev: Mention, m: Mention) -> bool:
    """ "Gunmen attacked a post on Sunday. Three officers were killed": a casualty clause with no
    doer, in the same or the next sentence as an act of its type, is that act's toll, unless it
    marks itself as another ("a second attack", "another soldier")."""
    if m.nominal or m.actor_keys or m.concept not in casualty_verbs() or m.status not in _FACTUAL:
        return False
    if ev.type != m.type or ev.status not in _FACTUAL or not 0 <= m.sent - ev.last_sent <= 1:
        return False
    return not any(mods & DISTINCT for _, mods in m.target_keys)


def _same_exchange(ev: Mention, m: Mention) -> bool:
    """ "... died in a shootout. He shot at a patrol. The officers returned fire": in the
    next sentence, an act of the same type told by an unresolved pronoun, or a response ("returned
    fire", "fired back"), continues the exchange just told."""
    if ev.type != m.type or ev.status not in _FACTUAL or m.status not in _FACTUAL:
        return False
    if not 0 <= m.sent - ev.last_sent <= 1 or any(mods & DISTINCT for _, mods in m.target_keys):
        return False
    if m.pronoun and not m.actor_keys:
        return True
    # the responder answers fire aimed at it: it names no other target than the first act's side
    return m.response and (not m.target_keys or _keys_match(ev.actor_keys, m.target_keys))


_AGENT_SUFFIXES = ("er", "or", "ant", "ent")


def _agent_noun_of(actor: Actor, concepts: set[str], evidence: Span) -> bool:
    """ "the attackers" (attack), "the kidnappers" (kidnap), "the demonstrators" (demonstrate): a
    definite noun that names its referent by the act itself."""
    words = actor.text.lower().split()
    span = actor.span
    if not words or span is None or not evidence.start <= span.start <= evidence.end:
        return False
    before = evidence.text[: span.start - evidence.start].lower().split()
    determiner = words[0] if len(words) > 1 else (before[-1] if before else "")
    if determiner not in {"the", "these", "those"}:
        return False
    head = words[-1][:-1] if words[-1].endswith("s") else words[-1]
    for suffix in _AGENT_SUFFIXES:
        if head.endswith(suffix) and len(head) > len(suffix) + 3:
            stem = head[: -len(suffix)]
            forms = {stem, stem + "e", stem[:-1] if len(stem) > 4 and stem[-1] == stem[-2] else stem}
            if any(concept(f) in concepts for f in forms):
                return True
    return False


def _doer_by_the_act(ev: Mention, m: Mention) -> bool:
    """ "Gunmen attacked a market. The attackers opened fire on traders": in the same or the next
    sentence, an act of the same type whose doer is named by the earlier act ("the attackers",
    "the kidnappers") tells more of that act, not a second one."""
    if ev.type != m.type or ev.status not in _FACTUAL or m.status not in _FACTUAL:
        return False
    if not 0 <= m.sent - ev.last_sent <= 1 or any(mods & DISTINCT for _, mods in m.actor_keys | m.target_keys):
        return False
    concepts = {concept(c) for c in [ev.concept, *ev.concepts]}
    return any(_agent_noun_of(a, concepts, m.evidence) for a in m.actors)


def _absorb(ev: Mention, m: Mention) -> None:
    # a quantity is one stated number: the same span found again through an overlapping clause counts once
    ev.quantities.extend(q for q in m.quantities if q not in ev.quantities)
    known = {a.text.lower() for a in ev.actors}
    ev.actors.extend(a for a in m.actors if a.text.lower() not in known)
    known = {a.text.lower() for a in ev.targets}
    ev.targets.extend(a for a in m.targets if a.text.lower() not in known)
    ev.actor_keys |= m.actor_keys
    ev.target_keys |= m.target_keys
    ev.contexts = tuple(dict.fromkeys(ev.contexts + m.contexts))
    ev.members.append(m.trigger_i)
    ev.concepts.append(m.concept)
    ev.dates |= m.dates
    ev.last_sent = max(ev.last_sent, m.sent)
    ev.confidence = round(min(0.95, ev.confidence + 0.05), 2)
    if ev.attribution is None:
        ev.attribution = m.attribution


def merge(mentions: list[Mention], evidence_of: dict[int, list[Span]]) -> list[Mention]:
    """Merge ``mentions`` (document order) into incidents; ``evidence_of`` collects extra spans."""
    events: list[Mention] = []
    owner: dict[int, Mention] = {}
    for m in mentions:
        target = None
        if m.fold_into is not None:
            target = owner.get(m.fold_into)
        if target is None and m.conj_of is not None:
            cand = owner.get(m.conj_of)
            if cand is not None and cand.type == m.type and _compatible(cand, m):
                target = cand
        if target is None and m.incident_noun:
            for ev in reversed(events):
                if (
                    ev.status in _FACTUAL
                    and m.status in _FACTUAL
                    and any(
                        m.incident_noun in s.text.lower() for s in [ev.evidence, *evidence_of.get(ev.trigger_i, [])]
                    )
                ):
                    target = ev
                    break
        if target is None and m.anaphor:
            for ev in reversed(events):
                if ev.type != m.type or not _compatible(ev, m):
                    continue
                if ev.content and m.content and ev.content != m.content:
                    continue
                if m.pronoun:  # "They seized ...": the same actors as the event it refers to
                    if _keys_match(ev.actor_keys, m.actor_keys):
                        target = ev
                        break
                    continue
                same_concept = concept(ev.concept) == concept(m.concept) or any(
                    concept(c) == concept(m.concept) for c in ev.concepts
                )
                near = m.sent - ev.last_sent <= 1 and m.nominal
                if (same_concept or near) and not _targets_conflict(ev, m):
                    target = ev
                    break
        if target is None:
            target = next((ev for ev in reversed(events) if _same_incident(ev, m)), None)
        if target is None:
            target = next((ev for ev in reversed(events) if _restated(ev, m)), None)
        if target is None:
            target = next(
                (ev for ev in reversed(events) if _toll_of(ev, m) or _same_exchange(ev, m) or _doer_by_the_act(ev, m)),
                None,
            )
        if target is None and m.first_person:
            target = next((ev for ev in reversed(events) if _own_words_again(ev, m)), None)
        if target is None and m.weak:
            continue
        if target is None:
            m.members.append(m.trigger_i)
            events.append(m)
            owner[m.trigger_i] = m
            continue
        fuller = not target.actors and m.actors and not m.nominal and not m.response and target.status == m.status
        if target.type != m.type and target.nominal and not m.nominal:
            target.type, target.mode = m.type, m.mode  # the clause that tells the act types it
        _absorb(target, m)
        owner[m.trigger_i] = target
        spans = evidence_of.setdefault(target.trigger_i, [])
        if fuller:  # "being deported" ... "ICE deported 177": the clause that names the doer leads
            target.evidence, m.evidence = m.evidence, target.evidence
            target.trigger = m.trigger
        if all(m.evidence != s for s in [target.evidence, *spans]):
            spans.append(m.evidence)
    return events
