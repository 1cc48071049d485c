"""Acts done by speaking: when a reporting verb is itself the event.

Why: news tells most demands, accusations and denials through "said", "told", "called" and
their content, not through "demanded" or "accused". A reporting verb stays attribution (no
event) unless its content performs an act:

- REQUEST: another party must act ("X said Y must withdraw", "stressed the need for Y to act");
- ACCUSE: a third party is blamed in evaluative words ("X said Y was involved in corrupt
  acts", "called Y a liar", "described the raid as illegal");
- REJECT: a claim is denied or dismissed ("denied the allegations", "dismissed the report as
  false", "denied that it had fired"), or the speaker's side refuses ("said it does not support
  the plan", "will not accept").

"X said the meeting went well" stays attribution. A content that is itself a coded event
("police said gunmen killed five") is that event, not a speech act. Word lists are general
English in ``data/speech_acts.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventledger.events._clauses import speaker
from eventledger.events._lexicon import Lexicon, Trigger
from eventledger.events._senses import demanded_by

_PARTY_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_CONTENT_DEPS = {"ccomp", "parataxis"}
_NEG = {"not", "n't", "never", "no"}


@dataclass(frozen=True, slots=True)
class SpeechWords:
    speech_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    request_modals: frozenset[str]
    request_need_verbs: frozenset[str]
    request_nouns: frozenset[str]
    rejection_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    refusal_verbs: frozenset[str]
    negative: frozenset[str]
    self_words: frozenset[str]
    statement_nouns: frozenset[str]
    demand_verbs: frozenset[str]
    urging_verbs: frozenset[str]
    bare_rejection_verbs: frozenset[str]
    cognition_verbs: frozenset[str]


@lru_cache(maxsize=1)
def speech_words() -> SpeechWords:
    path = resources.files("eventledger.events").joinpath("data").joinpath("speech_acts.json")
    with path.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    return SpeechWords(
        *(
            frozenset(raw[k])
            for k in (
                "speech_verbs",
                "naming_verbs",
                "request_modals",
                "request_need_verbs",
                "request_nouns",
                "rejection_verbs",
                "claim_nouns",
                "refusal_verbs",
                "negative_evaluation",
                "self_words",
                "statement_nouns",
                "demand_verbs",
                "urging_verbs",
                "bare_rejection_verbs",
                "cognition_verbs",
            )
        )
    )


def _trigger(type_: str, mode: str | None) -> Trigger:
    return Trigger(type_, mode, (), "curated", frozenset({"speech_act"}))


REQUEST = _trigger("REQUEST", None)
ACCUSE = _trigger("ACCUSE", "disapprove")
REJECT = _trigger("REJECT", None)


def _self(tok, words: SpeechWords) -> bool:
    """ "we", "us" (but "US" is the United States)."""
    return tok.lower_ in words.self_words and tok.text != "US"


def _party(tok, lex: Lexicon, words: SpeechWords) -> bool:
    """A named or described party other than the speaker's own side."""
    if _self(tok, words):
        return False
    if tok.pos_ == "PRON" and tok.text != "US":
        return tok.lower_ in {"he", "she", "they", "it", "them", "him", "her"}
    return (
        tok.ent_type_ in _PARTY_ENTS
        or tok.lemma_.lower() in lex.actor_kinds
        or any(t.ent_type_ in _PARTY_ENTS for t in tok.subtree if t.dep_ in {"compound", "poss", "amod"})
        or any(c.dep_ == "poss" and c.lower_ in {"his", "her", "their", "its"} for c in tok.children)
        or any(t.ent_type_ in _PARTY_ENTS for t in tok.subtree if t.dep_ in {"pobj", "conj"})
    )


def _subject(verb):
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}), None)


def _content(tok) -> list:
    """The clauses a speech verb reports: its ccomp/parataxis, and theirs when chained by "and"."""
    out = [c for c in tok.children if c.dep_ in _CONTENT_DEPS]
    return out + [g for c in out for g in c.children if g.dep_ == "conj" and g.pos_ in {"VERB", "AUX"}]


def _negated(verb) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in _NEG for c in verb.children)


def _demands(tok, lex: Lexicon, words: SpeechWords, own, found: dict, reporting: bool) -> bool:
    """ "Y must/should act", "Y needs to act": a party other than the speaker is to act."""
    for c in _content(tok):
        subj = _subject(c)
        if subj is None or not _party(subj, lex, words):
            continue
        if c.i in found and reporting and demanded_by(c, lex, speaker(c, lex)) is not None:
            continue  # a coded content verb under "said" is made a demand by _senses.demanded_by
        if own is not None and subj.lemma_.lower() == own.lemma_.lower():
            continue  # "the minister said he must act" of himself is an intention
        if own is not None and subj.pos_ == "PRON" and subj.lower_ in {"it", "they", "he", "she"}:
            continue  # a pronoun after a speaker most often is the speaker
        if c.lemma_.lower() in words.cognition_verbs:
            continue  # "Y must understand that ...": a warning, no act asked for
        if any(a.dep_ == "aux" and a.lower_ in words.request_modals for a in c.children):
            return True
        if c.lemma_.lower() in words.request_need_verbs and any(x.dep_ == "xcomp" for x in c.children):
            return True
    nouns = [c for c in tok.children if c.dep_ == "dobj"]
    nouns += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children if g.dep_ == "pobj"]
    for o in nouns:  # "issued a statement urging Y to act": the statement is the demand
        if o.lemma_.lower() in words.statement_nouns and any(
            g.dep_ == "acl" and g.lemma_.lower() in words.demand_verbs for g in o.children
        ):
            return True
    for o in nouns:  # "stressed the need for Y to act", "insisted on its demand that Y ..."
        if o.lemma_.lower() in words.request_nouns and o.i not in found:
            if any(g.dep_ in {"acl", "ccomp", "relcl", "prep"} for g in o.children):
                return True
    return False


def _evaluative(tokens, words: SpeechWords) -> bool:
    return any(t.lemma_.lower() in words.negative or t.lower_ in words.negative for t in tokens)


def _accuses(tok, lex: Lexicon, words: SpeechWords, found: dict) -> bool:
    """A third party blamed in evaluative words, in the content or a naming ("called Y a Z")."""
    for c in _content(tok):
        if c.i in found:
            return False  # the content is an event of its own: the speaker reports it
        subj = _subject(c)
        if subj is None or not _party(subj, lex, words) or subj.lower_ == "it":
            continue  # "it was hard to ...": no one is blamed
        rest = [t for t in c.subtree if not (subj.left_edge.i <= t.i <= subj.right_edge.i)]
        if _evaluative(rest, words) and not _negated(c):
            return True
    if tok.lemma_.lower() in words.naming_verbs:
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None and _party(obj, lex, words):
            named = [
                t
                for c in tok.children
                if c.dep_ in {"oprd", "xcomp", "ccomp", "acomp"} or (c.dep_ == "prep" and c.lower_ == "as")
                for t in c.subtree
            ]
            return _evaluative(named, words)
    return False


def _disagrees(tok, words: SpeechWords) -> bool:
    """ "I disagree", "the party disagreed with the ruling": one side rejects; "the two leaders
    disagreed" is a quarrel between them, not a rejection."""
    if tok.lemma_.lower() not in words.bare_rejection_verbs:
        return False
    subj = _subject(tok)
    if subj is None or any(c.dep_ == "conj" for c in subj.children) or subj.tag_ in {"NNS", "NNPS"}:
        return False
    return subj.lower_ in {"i", "we"} or any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)


def _rejects(tok, lex: Lexicon, words: SpeechWords) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in words.rejection_verbs:
        if any(c.dep_ in {"ccomp"} for c in tok.children) or _disagrees(tok, words):
            return True  # "denied that it had fired", "I disagree"
        objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        objs += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if any(o.lemma_.lower() in words.claim_nouns or o.lower_ in words.claim_nouns for o in objs):
            return True
        # "denied the permit", "denied them access": a refusal to grant; a person denied nothing else is no act
        return lemma == "deny" and any(
            o.dep_ == "dobj" and o.pos_ == "NOUN" and lex.actor_kinds.get(o.lemma_.lower()) is None for o in objs
        )
    for c in _content(tok):  # "said it does not support the plan": the speaker's side refuses
        subj = _subject(c)
        if subj is None or c.lemma_.lower() not in words.refusal_verbs or not _negated(c):
            continue
        if not any(o.dep_ == "dobj" and o.pos_ in {"NOUN", "PROPN"} for o in c.children):
            continue  # "I do not want to talk about it" refuses nothing offered
        if _self(subj, words) or subj.lower_ in {"it", "they"}:
            return True
    return False


def speech_act(tok, lex: Lexicon, found: dict) -> tuple[Trigger, str] | None:
    """(trigger, concept) when the verb ``tok`` performs a REQUEST, ACCUSE or REJECT by its content."""
    words = speech_words()
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or _negated(tok):
        return None
    if _subject(tok) is None and tok.dep_ not in {"conj", "relcl", "acl", "advcl", "xcomp"}:
        return None  # no one is said to speak
    if lemma in words.urging_verbs:  # "encouraged the police to speed up the inquiry"
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None and _party(obj, lex, words) and any(c.dep_ == "xcomp" for c in tok.children):
            return REQUEST, f"{lemma}:request"
        return None
    if lemma in lex.warning_verbs:  # "warned that X is illegal and dangerous": blame, not a threat
        return (ACCUSE, f"{lemma}:accuse") if _accuses(tok, lex, words, found) else None
    if lemma not in words.speech_verbs and lemma not in words.rejection_verbs:
        return None
    if _rejects(tok, lex, words):
        return REJECT, f"{lemma}:reject"
    if lemma in words.rejection_verbs:
        return None
    own = _subject(tok)
    if _demands(tok, lex, words, own, found, lemma in lex.reporting_verbs):
        return REQUEST, f"{lemma}:request"
    if _accuses(tok, lex, words, found):
        return ACCUSE, f"{lemma}:accuse"
    return None


def speech_act_triggers(doc, lex: Lexicon, found: dict) -> dict[int, tuple[Trigger, str, bool]]:
    """Speech-act triggers of ``doc`` on verbs the lexicon left uncoded (or coded only by the
    derived layer: "called Canada a cheat" is no phone call)."""
    words = speech_words()
    verbs = words.speech_verbs | words.rejection_verbs | words.urging_verbs | lex.warning_verbs
    out: dict[int, tuple[Trigger, str, bool]] = {}
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma not in verbs:
            continue
        warning = lemma in lex.warning_verbs
        if tok.i in found and found[tok.i][0].source != "cameo" and not warning:
            continue
        hit = speech_act(tok, lex, found)
        if hit is not None:
            out[tok.i] = (hit[0], hit[1], True)
    return out


def speech_parties(tok, lex: Lexicon) -> list:
    """Whom a speech act is aimed at: the subject of its content ("said Y must ...", "said Y
    was ..."), else the party named ("called Y a liar")."""
    words = speech_words()
    out = []
    for c in _content(tok):
        subj = _subject(c)
        if subj is not None and _party(subj, lex, words):
            out.append(subj)
    for o in tok.children:  # "issued a statement urging Y to ...", "demanding that Y ..."
        if o.dep_ == "dobj" and o.lemma_.lower() in words.statement_nouns:
            for g in o.children:
                if g.dep_ == "acl" and g.lemma_.lower() in words.demand_verbs:
                    out += [c for c in g.children if c.dep_ in {"dobj", "dative"} and _party(c, lex, words)]
                    out += [s for c in g.children if c.dep_ == "ccomp" for s in [_subject(c)] if s is not None]
    if not out:
        out = [c for c in tok.children if c.dep_ == "dobj" and _party(c, lex, words)]
    return out


_SPAN_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "oprd", "xcomp", "acomp", *_CONTENT_DEPS}
_STANCE_TYPES = {"ACCUSE", "REJECT", "REQUEST"}


def speech_span(tok) -> tuple[int, int]:
    """Token range [start, end) of a speech act: speaker, verb, addressee and content, without
    the adverbials around them ("In announcing the sanctions, X said Y was ...")."""
    keep = [tok] + [c for c in tok.children if c.dep_ in _SPAN_DEPS]
    keep += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"as", "on", "for"}]
    start = min(t.left_edge.i if t is not tok else t.i for t in keep)
    end = max(t.right_edge.i if t is not tok else t.i for t in keep) + 1
    doc = tok.doc
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def speech_parts(tok, parts, st, actors_of) -> None:
    """Give a speech-act mention its own span and, when it names none, the party it addresses
    (``actors_of`` is ``_parts.actors_of``, passed in: _parts imports the trigger layer)."""
    parts.start, parts.end = speech_span(tok)
    subj = _subject(tok)
    if subj is not None and subj.pos_ == "PRON" and subj.text != "US":
        parts.actors, parts.akeys = [], set()  # "..., she told reporters": the attribution names her
    addressed = speech_parties(tok, st.lex)
    if addressed or not parts.targets:  # the party addressed, not the statement issued
        parts.targets, parts.tkeys = actors_of(addressed, st)


def present_stance(tok, trig: Trigger, lex: Lexicon) -> bool:
    """ "X denies the charges", "Y urges calm", "Z says W must go": a demand, accusation or
    denial in the simple present is news of a stance taken now, not a habit, unless an adverb
    says it is one ("routinely accuses"). Curated verbs only: the derived layer codes verbs
    such as "argue" whose present is an opinion."""
    if trig.type not in _STANCE_TYPES or trig.mode == "investigate" or trig.source != "curated":
        return False
    return not any(c.dep_ == "advmod" and c.lower_ in lex.generic_adverbs for c in tok.children)
