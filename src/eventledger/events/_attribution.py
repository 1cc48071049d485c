"""Who claims each sentence: "a source ... told <outlet>", "X said", "according to X".

Why across sentences: reports quote one source for several paragraphs. A later "the source said"
or a quoted paragraph without its own speaker continues the latest account, so it inherits that
attribution (the full description, with its prepositional modifiers and the outlet), rather than
the bare "the source".
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventledger.events._actors import FIRST_PERSON, make_actor
from eventledger.events._arguments import agentless_passive, agrees_with, pronoun_doer
from eventledger.events._lexicon import Lexicon
from eventledger.model import Actor, Attribution, Span

_QUOTES = '"\u201c\u201d'
_NEWLINE = re.compile("\n")
_ANAPHORS = {"he", "she", "they", "it"}
_ENFORCEMENT = {"COERCE", "SANCTION"}


@dataclass(frozen=True, slots=True)
class _Source:
    attribution: Attribution
    head_lemma: str
    tokens: range  # token indices covered by the source phrase (not events)


def _kind(head, lex: Lexicon) -> str:
    lemma = head.lemma_.lower()
    if lemma in lex.anonymous_words:
        return "anonymous"
    if lemma in lex.media_words or head.ent_type_ == "ORG" and head.pos_ == "PROPN":
        return "media"
    if lemma in lex.title_words or lex.actor_kinds.get(lemma) in {"official", "agency"}:
        return "official"
    if lemma in lex.event_nouns or lemma in {"report", "document", "statement", "investigation"}:
        return "document"
    return "other"


@lru_cache(maxsize=1)
def _quote_verbs() -> frozenset[str]:
    data = json.loads(resources.files("eventledger.events").joinpath("data/triggers.json").read_text(encoding="utf-8"))
    return frozenset(data["quote_verbs"])


_CLOSING_QUOTES = {'"', "\u201d", "''", "\u2019"}


def _closes_quote(tok) -> bool:
    """'"...," Trump declared.': a verb of speaking with no object of its own right after a
    closing quotation mark names the one quoted."""
    if tok.lemma_.lower() not in _quote_verbs() or any(
        c.dep_ == "dobj" or (c.dep_ in {"ccomp", "xcomp"} and c.i > tok.i) for c in tok.children
    ):
        return False  # "declared an emergency", "warned that ...": an act or a content of its own
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    first = subj.left_edge.i if subj is not None and subj.i < tok.i else tok.i
    doc = tok.doc
    return first > 0 and doc[first - 1].text in _CLOSING_QUOTES


def _source_in(sent, lex: Lexicon, body: str) -> _Source | None:
    # most sentences never say "according": skip building their tokens for that search
    according = "according" in body[sent.start_char : sent.end_char].lower()
    for tok in sent if according else ():
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            to = next(c for c in tok.children if c.lower_ == "to")
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                end = objs[0].right_edge.i + 1
                sp = Span.of(body, tok.idx, sent.doc[end - 1].idx + len(sent.doc[end - 1]))
                return _Source(Attribution(sp.text, sp, _kind(objs[0], lex)), objs[0].lemma_.lower(), range(tok.i, end))
    for tok in sent:
        if tok.pos_ != "VERB" or (tok.lemma_.lower() not in lex.source_verbs and not _closes_quote(tok)):
            continue
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None:
            subj = _tail_source(sent, sent[0], tok)  # ", officials said." with no subject in the parse
        if subj is None:
            fallback = _after_quote(sent, tok, lex, body)
            if fallback is not None:
                return fallback
            continue
        lemma = subj.lemma_.lower()
        if lemma in lex.nouns and "directive" in lex.nouns[lemma].flags:
            continue  # "the orders say that ...": the content of an order, not a source
        tail = _tail_source(sent, subj, tok)
        if tail is not None:
            subj, lemma = tail, tail.lemma_.lower()
        idx = [subj.left_edge.i if tail is None else _after_last_comma(sent, tok), subj.right_edge.i, tok.i]
        for c in tok.children:
            if c.dep_ in {"dative", "dobj"} or (c.dep_ == "prep" and c.lower_ == "to"):
                idx.append(c.right_edge.i)
        start, end = min(idx), max(idx) + 1
        doc = sent.doc
        while end - 1 > start and doc[end - 1].is_punct:
            end -= 1
        sp = Span.of(body, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        return _Source(Attribution(sp.text, sp, _kind(subj, lex)), lemma, range(start, end))
    return None


def _after_last_comma(sent, verb) -> int:
    return max(t.i for t in sent.doc[sent.start : verb.i] if t.text == ",") + 1


def _tail_source(sent, subj, verb):
    """The speaker of a closing ", residents and officials said." when the parse got it wrong.

    A small parser often makes the last noun of the reported clause ("... killing 17
    civilians, residents said") the subject of the reporting verb, so the source would swallow
    the report. When the reporting verb ends the sentence (nothing after it but its own
    object or "to X") and its subject's phrase crosses a comma, the source is the phrase after
    the last comma. Returns that phrase's head, or None when the rule does not apply.
    """
    doc = sent.doc
    if not any(t.text == "," for t in doc[subj.left_edge.i : verb.i]) or verb.i == sent.start:
        return None
    right = [c for c in verb.children if c.i > verb.i and not c.is_punct]
    if any(c.dep_ in {"ccomp", "xcomp", "advcl", "conj"} for c in right):
        return None
    start = _after_last_comma(sent, verb)
    phrase = [t for t in doc[start : verb.i] if t.pos_ in {"NOUN", "PROPN", "PRON"}]
    if not phrase:
        return None
    heads = [t for t in doc[start : verb.i] if not (start <= t.head.i < verb.i) and t.pos_ in {"NOUN", "PROPN", "PRON"}]
    return heads[0] if heads else phrase[-1]


def _after_quote(sent, verb, lex: Lexicon, body: str) -> _Source | None:
    """'"...," a source in X told Y': when the parser loses the subject, the source is the noun
    phrase between the closing quotation mark and the reporting verb."""
    doc = sent.doc
    quote = next((t.i for t in reversed(doc[sent.start : verb.i]) if t.tag_ == "''" or t.text == "\u201d"), None)
    if quote is None or quote == sent.start or verb.i - quote > 20:
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in doc[quote + 1 : verb.i]):
        return None
    start = quote + 1
    while start < verb.i and doc[start].is_punct:
        start += 1
    nouns = [t for t in doc[start : verb.i] if t.pos_ in {"NOUN", "PROPN", "PRON"}]
    if not nouns or start >= verb.i:
        return None
    head = nouns[0]
    end = verb.i + 1
    for c in verb.children:
        if c.dep_ in {"dative", "dobj"} or (c.dep_ == "prep" and c.lower_ == "to"):
            end = max(end, c.right_edge.i + 1)
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    sp = Span.of(body, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    return _Source(Attribution(sp.text, sp, _kind(head, lex)), head.lemma_.lower(), range(start, end))


def _anaphoric(head_tok) -> bool:
    return head_tok.lower_ in _ANAPHORS or any(c.dep_ == "det" and c.lower_ == "the" for c in head_tok.children)


def attribute_sentences(doc, lex: Lexicon, body: str) -> list[tuple[Attribution | None, range]]:
    """One (attribution, source-token range) per sentence of ``doc``, chains resolved."""
    newlines = [m.start() for m in _NEWLINE.finditer(body)]
    out: list[tuple[Attribution | None, range]] = []
    history: list[_Source] = []
    last_para, last_attr = -1, None
    in_quote = False
    for sent in doc.sents:
        para = bisect.bisect_left(newlines, sent.start_char)
        text = sent.text.strip()
        if para != last_para:
            in_quote = False
        opens_quote = bool(text) and text[0] in _QUOTES
        src = _source_in(sent, lex, body)
        attr: Attribution | None = None
        if src is not None:
            head = next((t for t in sent if t.i in src.tokens and t.lemma_.lower() == src.head_lemma), None)
            if head is not None and _anaphoric(head) and history:
                same = [h for h in history if h.head_lemma == src.head_lemma] or (
                    history if head.lower_ in _ANAPHORS else []
                )
                if same:
                    ante = same[-1].attribution
                    attr = Attribution(ante.text, ante.span, ante.source_kind)
            if attr is None:
                attr = src.attribution
                history.append(src)
            out.append((attr, src.tokens))
        else:
            inherits = (para == last_para and last_attr is not None) or in_quote or (opens_quote and last_attr)
            attr = last_attr if inherits else None
            out.append((attr, range(0)))
        quotes = sum(text.count(q) for q in _QUOTES)
        in_quote = (in_quote or opens_quote) if quotes % 2 == 0 else not in_quote
        if src is None and not inherits:
            attr = None
        last_para, last_attr = para, attr if attr is not None else (last_attr if para == last_para else None)
    return out


def speaker_head(doc, attr: Attribution, lex: Lexicon):
    """The head of the speaker's phrase in an attribution ("Russell said" -> Russell, "according
    to the ministry" -> ministry, "said the envoy" -> envoy), or None."""
    if attr.span is None:
        return None
    span = doc.char_span(attr.span.start, attr.span.end, alignment_mode="expand")
    if span is None:
        return None
    inside = range(span.start, span.end)
    for t in span:
        if t.lower_ == "according":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return obj
    verbs = lex.source_verbs | lex.reporting_verbs
    for t in span:
        if t.dep_ in {"nsubj", "nsubjpass"} and t.head.i in inside and t.head.lemma_.lower() in verbs:
            return t
    verb = next((t for t in span if t.lemma_.lower() in verbs and t.pos_ in {"VERB", "AUX"}), None)
    for t in span:  # the parse lost the subject: the phrase before the reporting verb, if one was parsed
        if verb is not None and t.i >= verb.i:
            break
        beyond = verb is not None and t.head.i >= verb.i
        if t.pos_ in {"NOUN", "PROPN"} and (t.head.i not in inside or t.head.pos_ == "VERB" or beyond):
            return t
    return None


def speaker_as_doer(
    tok, is_verb: bool, attr: Attribution | None, lex: Lexicon, body: str, type_: str = ""
) -> list[Actor]:
    """The speaker as the doer when the act's doer is a pronoun that stands for the speaker, or
    an enforcement act told in the passive by the body that enforces.

    A first-person doer in a quote ('"We condemn the attack," the ministry said') is the one
    quoted. A third-person pronoun that nothing earlier agrees with ("She urged both sides ...",
    after "Russell said") is the person the report is quoting. "Two men were detained, police
    said": an arrest or a seizure reported without agent by a police, army or state body is that
    body's own act (not so a killing, nor anything an "official" or a witness reports). The
    speaker stays the attribution as well: saying is not the act, but here the speaker acted.
    """
    if attr is None:
        return []
    pron = pronoun_doer(tok, is_verb)
    enforced = pron is None and type_ in _ENFORCEMENT and agentless_passive(tok, is_verb)
    if pron is None and not enforced:
        return []
    head = speaker_head(tok.doc, attr, lex)
    if head is None or (pron is not None and head.i == pron.i):
        return []
    actor = make_actor(head, lex, body)
    if actor is None or actor.kind == "other":
        return []
    if pron is None:
        return [actor] if actor.kind in {"agency", "military", "state"} else []
    if pron.lower_ in FIRST_PERSON:
        plural = pron.lower_ in {"we", "us", "our"}
        return [actor] if plural or actor.kind in {"official", "people"} else []
    return [actor] if agrees_with(pron.lower_, actor) else []
