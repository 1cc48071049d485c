"""Actors and targets read off the dependency parse, normalised to kinds.

Why syntax: word windows pick up whatever noun is nearby; the parse says who did what to whom
(subject, passive agent, object, coordination). Normalisation turns a noun phrase into a kind:
``state`` (country names and capitals used for their governments, "Beijing" -> China),
``military`` (units, "9th Corps"), ``agency``, ``official`` (titles), ``group`` and ``people``.
A private person is never named: a person's name without an official title is dropped, and role
nouns with a number ("two soldiers") keep only the phrase and the count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventledger.events._ents import doc_ents
from eventledger.events._lexicon import Lexicon, _read
from eventledger.events._quantities import NUMBER_WORDS
from eventledger.events.dateline import dateline_end
from eventledger.model import Actor, Span

_NP_LEFT = {"det", "nummod", "amod", "compound", "poss", "nmod", "quantmod", "punct", "npadvmod", "advmod", "case"}
_NP_RIGHT_PREPS = {"of", "under", "from"}
_ORDINAL_UNIT = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.I)
PRONOUNS = {"he", "she", "they", "it", "them", "him", "her"}
POSSESSIVES = {"their", "its", "his", "theirs"}  # "their talks": whose is the caller's to resolve
FIRST_PERSON = {"i", "we", "us", "me", "our", "my"}
_DEMONSTRATIVES = {"those", "these", "this", "that", "some", "many", "others", "all", "both", "anyone", "everyone"}
RELATIVE = {"who", "which", "that", "whom"}
_NOT_ACTORS = {"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
_DETS = {"the", "a", "an", "this", "that", "these", "those"}  # "his administration", "its army": whose stays
_NAMED = {"ORG", "GPE", "NORP", "PERSON", "FAC", "LOC"}
_MEMBERSHIP = {"member", "delegate", "representative"}


def np_bounds(tok) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``tok``, without clauses attached to it."""
    start = end = tok.i
    for child in tok.children:
        if child.i < tok.i and child.dep_ in _NP_LEFT:
            start = min(start, child.left_edge.i)
        elif child.i > tok.i and (
            (child.dep_ == "prep" and child.lower_ in _NP_RIGHT_PREPS and _nominal_prep(child))
            or child.dep_ in {"compound", "nummod", "flat"}
        ):
            end = max(end, child.right_edge.i)
    doc = tok.doc
    start = max(start, min(dateline_end(tok.sent), tok.i))
    while start < tok.i and (doc[start].lower_ in _DETS or doc[start].is_punct):
        start += 1
    while end > tok.i and doc[end].is_punct:
        end -= 1
    # brackets opened inside the phrase and closed after it ("[North Korean Leader] Kim")
    return start, end + 1


def _nominal_prep(prep) -> bool:
    """ "forces of the mission", "envoy from Iraq": a noun phrase that names who; not "the envoy of
    misrepresenting facts" (a gerund: what the actor is accused of)."""
    return any(c.dep_ == "pobj" for c in prep.children) and not any(c.dep_ == "pcomp" for c in prep.children)


def _place_prep(prep) -> bool:
    """ "security forces in <country>", "police in <city>": where the party is from is part of its name."""
    return (
        prep.lower_ == "in"
        and prep.head.pos_ in {"NOUN", "PROPN"}
        and any(c.dep_ == "pobj" and c.ent_type_ in {"GPE", "LOC"} for c in prep.children)
    )


def _with_apposition(tok, end: int) -> int:
    """End of the phrase with an apposition that names or titles it: "the envoy, Lena Varga," and
    "Lena Varga, the regional envoy," are one actor (its text carries both the title and the name)."""
    for c in tok.children:
        if c.dep_ != "appos" or c.i <= tok.i or c.i - end > 2:
            continue
        if c.pos_ not in {"PROPN", "NOUN"} or any(t.pos_ in {"VERB", "AUX"} for t in c.subtree):
            continue
        _, c_end = np_bounds(c)
        if c_end - tok.i <= 14:
            return c_end
    return end


def conjuncts(tok) -> list:
    """``tok`` and the nouns coordinated with it ("A and B", "A, B and C")."""
    out = [tok]
    for c in tok.conjuncts:
        if c.pos_ in {"NOUN", "PROPN", "PRON"} and c not in out:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def _count(doc, start: int, head) -> int | None:
    for t in doc[start : head.i]:
        if t.dep_ == "nummod" or t.like_num:
            word = t.lower_.replace(",", "")
            if word.isdigit():
                return int(word)
            if word in NUMBER_WORDS:
                return NUMBER_WORDS[word]
    return None


def _kind_of(words: list[str], lemma: str, lex: Lexicon) -> str | None:
    """Kind of the phrase ``words`` (up to and including its head): the longest lexicon phrase
    ending at the head ("security force"), else the head itself. A phrase inside a modifier does not
    count: a "Security Council veto" is a veto, no council."""
    for n in (3, 2):
        if len(words) >= n:
            phrase = " ".join(words[-n:])
            if phrase in lex.actor_kinds:
                return lex.actor_kinds[phrase]
    return lex.actor_kinds.get(lemma) or lex.actor_kinds.get(words[-1] if words else "")


def _office(noun, lex: Lexicon) -> bool:
    """The noun names a public office: a title ("the envoy"), an official's role in the lexicon
    ("a lawmaker"), or membership of a public body ("a member of the senate")."""
    lemma = noun.lemma_.lower()
    if lemma in lex.title_words or lex.actor_kinds.get(lemma) == "official" and lemma not in _MEMBERSHIP:
        return True
    if lemma in _MEMBERSHIP:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for body in (g for g in prep.children if g.dep_ == "pobj"):
                words = [t.lemma_.lower() for t in body.subtree if not t.is_punct and t.dep_ != "det"]
                if _kind_of(words, body.lemma_.lower(), lex) in {"agency", "official", "military"}:
                    return True
    return False


def titled_elsewhere(tok, lex: Lexicon) -> bool:
    """The report gives this person a title elsewhere ("Foreign Minister Lena Varga" ...
    "Varga said"): a public figure in office, named later by surname alone. A person the
    report never gives a title stays unnamed."""
    name = tok.lower_
    for ent in doc_ents(tok.doc):
        if ent.label_ != "PERSON" or ent[-1].lower_ != name or ent.start <= tok.i < ent.end:
            continue
        before = tok.doc[max(0, ent.start - 4) : ent.start]
        if any(t.lemma_.lower() in lex.title_words or t.lower_ in lex.title_words for t in before):
            return True
        if any(c.dep_ == "appos" and _office(c, lex) for c in ent.root.children):
            return True
        if ent.root.dep_ == "appos" and _office(ent.root.head, lex):  # "the ambassador, <name>,"
            return True
    # the same name where the tagger did not see a person ("representative Ana Lo"); the tokens
    # of that word are found in C, not by building every token of the document
    same = (tok.doc.to_array("LOWER") == tok.lower).nonzero()[0]
    for t in (tok.doc[int(i)] for i in same):
        if t.i == tok.i or t.lower_ != name or t.pos_ != "PROPN":
            continue
        head = t
        while head.dep_ in {"compound", "flat"} and head.head.pos_ == "PROPN" and head.head.i > head.i:
            head = head.head
        first = min(c.i for c in head.subtree if c.dep_ in {"compound", "flat"} or c.i == head.i)
        before = tok.doc[max(0, first - 3) : first]
        if any(b.lemma_.lower() in lex.title_words or b.lower_ in lex.title_words for b in before):
            return True
        if head.dep_ == "appos" and _office(head.head, lex):
            return True
    return False


_NEGATIVE_DETERMINERS = frozenset({"no", "neither"})


def make_actor(tok, lex: Lexicon, body: str, agent: bool = True) -> Actor | None:
    """An Actor for the noun phrase headed by ``tok``, or None for non-agents and private names.

    ``agent``: the phrase is to be a doer, so a common noun that names no kind of party ("the
    statement", "a call") is refused; a target ("closed the border") may be a thing."""
    if tok.pos_ not in {"NOUN", "PROPN", "PRON", "NUM", "ADJ"}:
        return None
    if tok.lower_ in PRONOUNS or tok.lower_ in POSSESSIVES or tok.lower_ in RELATIVE or tok.lower_ in FIRST_PERSON:
        return None  # resolved by the caller; "we" in a quote is the speaker's side, not named
    if tok.lower_ in _DEMONSTRATIVES and not any(c.dep_ == "prep" for c in tok.children):
        return None  # "those detained": a reference, not a named party
    if any(c.dep_ == "det" and c.lower_ in _NEGATIVE_DETERMINERS for c in tok.children):
        return None  # "no country", "neither side": names no party that did anything
    if agent and tok.lemma_.lower() in document_nouns():
        return issuer_of(tok, lex, body)  # "The statement threatened sanctions": whoever issued it
    if tok.lemma_.lower() in lex.nouns or tok.lemma_.lower() in lex.event_nouns:
        # an event ("the lockdown") is not an actor, but whoever it is by is ("an offensive launched by
        # the army ... pushed the rebels out": the army did)
        doer = _event_agent(tok) if agent else None
        return make_actor(doer, lex, body) if doer is not None else None
    if tok.lemma_.lower() in NUMBER_WORDS or tok.like_num:  # "thousands of students": the students act
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            inner = make_actor(pobj, lex, body, agent)
            if inner is not None:
                start, end = np_bounds(tok)
                sp = Span.of(body, tok.doc[start].idx, tok.doc[end - 1].idx + len(tok.doc[end - 1]))
                n = NUMBER_WORDS.get(tok.lower_) or (
                    int(tok.text.replace(",", "")) if tok.text.replace(",", "").isdigit() else None
                )
                return Actor(
                    sp.text, sp, inner.normalised, "people" if inner.kind == "group" else inner.kind, inner.country, n
                )
    if tok.ent_type_ in _NOT_ACTORS:
        return None
    doc = tok.doc
    start, end = np_bounds(tok)
    if agent:  # "security forces in <country>" (a target's place is the event's place, not its name)
        end = next((c.right_edge.i + 1 for c in tok.children if c.i == end and _place_prep(c)), end)
    span_tokens = doc[start:end]
    text_lower = span_tokens.text.lower()
    words = [t.lemma_.lower() for t in span_tokens if not t.is_punct]
    lower_words = [t.lower_ for t in span_tokens if not t.is_punct]
    has_title = any(w in lex.title_words for w in words) or any(
        " ".join(lower_words[i : i + 2]) in lex.title_words for i in range(len(lower_words) - 1)
    )
    proper = " ".join(t.lower_ for t in span_tokens if t.pos_ == "PROPN" or t.dep_ == "compound")
    state = _state(span_tokens, text_lower, proper, tok, lex, body)
    if state is not None:  # a country or capital, even when the tagger took it for a name ("Burkina Faso")
        return state
    person = (
        tok.ent_type_ == "PERSON"
        or (tok.pos_ == "PROPN" and any(t.ent_type_ == "PERSON" for t in span_tokens))
        or _person_elsewhere(tok)
    )
    if person and not has_title:
        for c in tok.children:  # "Kim, the leader" / "the leader Kim" / "Kim, a member of parliament"
            if c.dep_ == "appos" and _office(c, lex):
                has_title = True
        if tok.dep_ == "appos" and _office(tok.head, lex):
            has_title = True
        if not has_title:
            has_title = titled_elsewhere(tok, lex)
        if not has_title:
            return None
    end = _with_apposition(tok, end) if has_title or not _names_person(tok, end) else end
    span_tokens = doc[start:end]
    country = None
    for n in (3, 2, 1):
        for i in range(len(lower_words) - n + 1):
            iso = lex.countries.get(" ".join(lower_words[i : i + n]))
            if iso:
                country = iso
                break
        if country:
            break
    head_phrase = [t for t in doc[start : tok.i + 1] if not t.is_punct]
    kind = _kind_of([t.lemma_.lower() for t in head_phrase], tok.lemma_.lower(), lex) or _kind_of(
        [t.lower_ for t in head_phrase], tok.lower_, lex
    )  # "lower house": the lemma of "lower" is "low"
    if has_title and kind is None or person:
        kind = "official"
    if _ORDINAL_UNIT.search(span_tokens.text) and (tok.lemma_.lower() in lex.unit_nouns or kind == "military"):
        kind = "military"
    if kind is None:
        if tok.ent_type_ in {"ORG", "NORP"}:
            kind = "group"
        elif tok.ent_type_ in {"GPE"}:
            kind = "state"
        else:
            kind = "other"
    if (
        kind == "other"
        and tok.pos_ == "PROPN"
        and (titled_elsewhere(tok, lex) or any(c.dep_ == "appos" and _office(c, lex) for c in tok.children))
    ):
        kind = "official"  # a titled name the tagger did not take for a person
    count = _count(doc, start, tok) if kind in {"people", "military", "group", "other"} else None
    if count is not None and kind in {"group", "other"} and tok.lemma_.lower() not in lex.things:
        kind = "people"  # "40 protesters", but not "two missiles"
    if agent and kind == "other" and _common_noun(tok) and tok.lemma_.lower() not in lex.things:
        # a common noun that names no agent ("the buildings", "a call"), unless it names its doer ("the
        # army's offensive"); a weapon stands for its crew ("the guns fired")
        doer = _event_agent(tok)
        return make_actor(doer, lex, body) if doer is not None else None
    normalised = None
    if kind in {"military", "agency", "official", "people", "group"}:
        normalised = tok.lemma_.lower()
    return Actor(
        text=span_tokens.text,
        span=Span.of(body, span_tokens.start_char, span_tokens.end_char),
        normalised=normalised,
        kind=kind,
        country=country,
        count=count,
    )


@lru_cache(maxsize=1)
def document_nouns() -> frozenset[str]:
    """Nouns for a text someone issues ("statement", "letter"): as a doer, they stand for the issuer."""
    return frozenset(_read("actors.json")["document_nouns"])


def issuer_of(doc_noun, lex: Lexicon, body: str) -> Actor | None:
    """Who issued a statement, letter or resolution the report names as a doer: the subject of an
    earlier "X issued a statement" or "X said in a statement" with the same noun, else a party
    named inside the phrase ("the ministry's statement", "the bloc's joint statement")."""
    lemma = doc_noun.lemma_.lower()
    for c in doc_noun.children:
        if c.dep_ in {"poss", "compound"} and c.lemma_.lower() not in document_nouns():
            own = make_actor(c, lex, body)
            if own is not None and own.kind != "other":
                return own
    doc = doc_noun.doc
    for t in reversed(doc[max(0, doc_noun.i - 600) : doc_noun.i]):
        if t.lemma_.lower() != lemma:
            continue
        verb = t.head if t.dep_ == "dobj" else None
        if t.dep_ == "pobj" and t.head.lower_ in {"in", "through"}:
            verb = t.head.head
        if verb is None or verb.pos_ not in {"VERB", "AUX"}:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lemma_.lower() not in document_nouns():
            return make_actor(subj, lex, body)
    return None


def _event_agent(noun):
    """The doer an event noun names: "X's offensive", "an offensive by X", "an offensive launched by X"."""
    for c in noun.children:
        if c.dep_ == "poss" and c.lower_ not in POSSESSIVES:
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for a in (g for g in c.children if g.dep_ == "agent"):
                return next((g for g in a.children if g.dep_ == "pobj"), None)
    return None


def _state(span_tokens, text_lower: str, proper: str, tok, lex: Lexicon, body: str) -> Actor | None:
    """The phrase itself is a country, a capital, or "<country> <noun>" ("U.S. forces")."""
    for cand in (text_lower, proper, tok.lower_):
        iso = lex.countries.get(cand) or lex.capitals.get(cand)
        if iso and cand:
            return Actor(
                text=span_tokens.text,
                span=Span.of(body, span_tokens.start_char, span_tokens.end_char),
                normalised=lex.country_names.get(iso, cand.title()),
                kind="state",
                country=iso,
            )
    return None


_AGENTIVE = re.compile(r"(?:er|ers|or|ors|ist|ists|ian|ians|ant|ants|(?<!m)ent|(?<!m)ents|man|men|ee|ees|crat|crats)$")


def _common_noun(tok) -> bool:
    """A common noun that names no party: written lower case (or a plural opening the sentence,
    "Buildings collapsed"), not a word for a doer by its ending ("elders", "inhabitants",
    "businessman"), and with no named party modifying it ("the APEC forum", "the rebels' armed
    wing"). A capitalised word the tagger does not know may be a name ("Fornost and Gondor")."""
    if tok.pos_ != "NOUN" or tok.ent_type_ in _NAMED or _AGENTIVE.search(tok.lower_):
        return False
    if any(
        c.dep_ in {"compound", "amod", "poss", "nmod"} and (c.pos_ == "PROPN" or c.ent_type_ in _NAMED)
        for c in tok.children
    ):
        return False
    return tok.text.islower() or (tok.is_sent_start and tok.tag_ == "NNS")


def _person_elsewhere(tok) -> bool:
    """A surname the tagger took for an organisation here ("Mhlanga said") that the report gives
    as a person's name elsewhere ("journalist Blessing Mhlanga"): still a person, so still unnamed
    unless titled."""
    if tok.pos_ != "PROPN" or tok.ent_type_ in {"GPE", "LOC", "NORP"}:
        return False
    return any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ == tok.lower_ and not ent.start <= tok.i < ent.end
        for ent in doc_ents(tok.doc)
    )


def _names_person(tok, end: int) -> bool:
    """An apposition after ``tok`` names a person ("a resident, <name>,"): kept out unless titled."""
    return any(t.ent_type_ == "PERSON" for c in tok.children if c.dep_ == "appos" and c.i > tok.i for t in c.subtree)


def implicit_actor(word: str) -> Actor:
    """An agent the clause implies but does not name ("were arrested" -> authorities)."""
    return Actor(text=word, span=None, normalised=word, kind="agency")
