"""Give each event the places its own evidence refers to."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from importlib.resources import files

from eventledger.annotate.nlp import Annotated
from eventledger.events.dateline import dateline_end
from eventledger.geo.store import BROAD_FEATURES
from eventledger.model import Event, Place, Span, Toponym

logger = logging.getLogger(__name__)

_BROAD = BROAD_FEATURES


def assign_places(annotated: Annotated, events: Sequence[Event], toponyms: Sequence[Toponym]) -> list[Event]:
    """Places of an event: those named in the sentences of its evidence spans.

    Naming every place of the report would put an incident in each town the article mentions
    in passing. A country that acts or a source that speaks is no place of the event when the
    sentences name another one. When the evidence names none, the event takes the places of the nearest
    preceding sentence that names one within its paragraph (the account it belongs to), then
    the country of its actors ("Iraqi forces"), and failing that the document's focus country,
    at precision "country". A statement-like act (``said_where_the_actor_is`` in
    ``data/event_places.toml``) whose sentences name only the countries it is about, none as a
    location, happens in its actor's country ("the Republic accused Ruritania"). A country is dropped
    when a place inside it is also named (the finer place already implies it). A bloc ("the EU
    said") and a country named for its border ("near the X border": the border region, on the
    side of the country the report is about) are never an event's place. A measure presupposed in
    force (time basis ``ongoing``: "hopes to end the pause in aid to X during talks in Y") takes
    only the places of its own phrase, else its actors' country: Y is where the talks are.
    """
    body = annotated.document.body
    sentences = _sentences(annotated)
    filed_at = _datelines(annotated)
    resolved = [
        t
        for t in toponyms
        if t.place is not None
        and t.place.lat is not None
        and not any(s <= t.span.start < e for s, e in filed_at)
        and t.place.feature not in _NOT_EVENT_PLACES
        and not _names_a_border(body, t)
    ]
    focus = _focus_country(resolved)
    doc = annotated.doc
    # token of a character offset; read from the parse's array (a Token object per token was slow)
    starts = doc.to_array("IDX").tolist() if hasattr(doc, "char_span") else None
    out: list[Event] = []
    seats = _seats_in(body, {t.span.start for t in resolved})
    relating: dict[int, tuple[int, int] | None] = {}  # token -> clause relating another event (memo)
    for ev in events:
        own = _not_other_events(doc, starts, ev, [*resolved, *_not_targets(ev, seats)], relating)
        # a measure in force ("hopes to end the pause in aid to X in talks in Y"): the sentence
        # places the clause around it, so only its own phrase names its place, else its holder's
        ongoing = ev.time is not None and ev.time.basis == "ongoing"
        scope = [(sp.start, sp.end) for sp in ev.evidence] if ongoing else sentences
        named = (
            _toponyms_in(ev.evidence, _not_modifiers(doc, starts, _not_parties(ev, own)), scope)
            or _toponyms_in(ev.evidence, _not_parties(ev, own, actors=False), scope)
            or _toponyms_in(ev.evidence, resolved, scope)
        ) or ([] if ongoing else _account_toponyms(ev.evidence, resolved, sentences, body))
        places = [t.place for t in named if t.place is not None]
        home = _actor_countries(ev, resolved)
        if home and ((not named) or (ev.type in _SAID_WHERE_ACTOR_IS and _only_about(doc, starts, named, home))):
            places = home
            logger.debug("event %s at %d: at its actor's country", ev.type, ev.evidence[0].start)
        if not places and focus is not None:
            places = [dataclasses.replace(focus, span=None, precision="country")]
            logger.debug("event %s at %d: no place named; focus country %s", ev.type, ev.evidence[0].start, focus.name)
        out.append(dataclasses.replace(ev, places=tuple(_finest(places))))
    return out


# a bloc ("the EU said") acts; a continent ("peace in Europe", "an African nation") is never
# specific enough to be where an incident happened: the account, the actors or the focus say more
_NOT_EVENT_PLACES = frozenset({"L.BLOC", "L.CONT"})
_BORDER_AFTER = re.compile(r"(?:'s|’s)?[ -](?:border|borders|frontier|boundary)\b", re.IGNORECASE)
_BORDER_BEFORE = re.compile(r"\b(?:border|frontier|boundary) (?:with|of) (?:the )?$", re.IGNORECASE)


def _names_a_border(body: str, t: Toponym) -> bool:
    """A country or province named for its border ("near the Cameroon border", "the border
    with Chad"): the event is at the border, usually on the other side from the named one."""
    if t.place is None or t.place.feature not in ("A.PCLI", "A.ADM1"):
        return False
    return bool(
        _BORDER_AFTER.match(body, t.span.end) or _BORDER_BEFORE.search(body, max(0, t.span.start - 40), t.span.start)
    )


def _not_modifiers(doc, starts: list[int] | None, toponyms: list[Toponym]) -> list[Toponym]:
    """Leave out countries that only qualify a noun ("U.S. officials", "Russian-made drones",
    "the French embassy in Bamako"): a third party, not where it happened. Used only while the
    sentences name some other place."""
    if starts is None:
        return toponyms
    out = []
    for t in toponyms:
        if t.place is not None and t.place.feature in _BROAD:
            tok = doc[max(0, bisect.bisect_right(starts, t.span.start) - 1)]
            last = tok
            while last.i + 1 < len(doc) and doc[last.i + 1].idx < t.span.end:
                last = doc[last.i + 1]
            head = last.head
            if last.dep_ in ("compound", "amod", "nmod", "poss") and head.i > last.i and head.pos_ in ("NOUN", "PROPN"):
                continue
        out.append(t)
    return out


def _datelines(annotated: Annotated) -> list[tuple[int, int]]:
    """Character ranges of wire datelines ("BOGOTA (Wire) -"): where a report was filed, not
    where its events happened, so their places are no event's places (they stay toponyms)."""
    doc = annotated.doc
    out = []
    try:
        for sent in doc.sents:  # type: ignore[attr-defined]
            cut = dateline_end(sent)
            if cut > sent.start:
                out.append((sent.start_char, doc[cut - 1].idx + len(doc[cut - 1])))
    except (AttributeError, ValueError):
        return []
    return out


def _sentences(annotated: Annotated) -> list[tuple[int, int]]:
    doc = annotated.doc
    try:
        return [(s.start_char, s.end_char) for s in doc.sents]  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        body = annotated.document.body
        return [(0, len(body))]


def _covering(spans: Sequence[Span], sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for sp in spans:
        hit = [(s, e) for s, e in sentences if s < max(sp.end, sp.start + 1) and sp.start < e]
        out.extend(hit or [(sp.start, sp.end)])
    return out


def _toponyms_in(spans: Sequence[Span], toponyms: Sequence[Toponym], sentences) -> list[Toponym]:
    ranges = _covering(spans, sentences)
    return [t for t in toponyms if any(s <= t.span.start and t.span.end <= e for s, e in ranges)]


@functools.lru_cache(maxsize=1)
def _seat_table() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    raw = files("eventledger.geo").joinpath("data").joinpath("seats.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    table = {r[0]: (r[1], r[2].strip()) for r in rows if len(r) >= 3}
    alternatives = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)"), table


@functools.lru_cache(maxsize=64)
def _seat_place(name: str, country: str) -> Place | None:
    from eventledger.geo.store import gazetteer
    from eventledger.geo.tagger import to_place

    towns = [c for c in gazetteer().candidates(name) if c.country == country and c.feature.startswith("P.")]
    return to_place(max(towns, key=lambda c: c.population)) if towns else None


_CAPITALISED_BEFORE = re.compile(r"\b(?!The\b)[A-Z][\w.'’-]* $")


def _seats_in(body: str, taken: set[int]) -> list[Toponym]:
    """Mentions of an institution or building that stands at a known place ("the Kremlin said",
    "a Security Council vote"), as toponyms of that place; not inside a longer name."""
    pattern, table = _seat_table()
    out = []
    for m in pattern.finditer(body):
        if m.start() in taken or _CAPITALISED_BEFORE.search(body, max(0, m.start() - 30), m.start()):
            continue
        place = _seat_place(*table[m.group(0)])
        if place is not None:
            span = Span.of(body, m.start(), m.end())
            out.append(Toponym(span, dataclasses.replace(place, span=span)))
    return out


def _not_targets(ev: Event, seats: list[Toponym]) -> list[Toponym]:
    """Seats that are not what the act is done to ("protesters accused the Kremlin")."""
    spans = [a.span for a in ev.targets if a.span is not None]
    return [t for t in seats if not any(sp.start <= t.span.start and t.span.end <= sp.end for sp in spans)]


def _event_places_data() -> dict:
    raw = files("eventledger.geo").joinpath("data").joinpath("event_places.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


_DATA = _event_places_data()
_SAID_WHERE_ACTOR_IS = frozenset(_DATA["said_where_the_actor_is"])
_LOCATIVE = frozenset(_DATA["locative"])
_PHRASE_LINKS = frozenset({"compound", "appos", "conj", "poss", "amod", "cc", "case"})


def _only_about(doc, starts: list[int] | None, named: Sequence[Toponym], home: Sequence[Place]) -> bool:
    """The sentence names only countries, none the actor's own and none as a location ("in X",
    "at X"): countries the act is about ("warned Ruritania", "a bill targeting Ruritania")."""
    own = {p.country for p in home}
    for t in named:
        if t.place is None or t.place.country in own or not t.place.country:
            return False
        if t.place.feature not in _BROAD and not (starts is not None and _capital_as_doer(doc, starts, t)):
            return False
        if starts is not None and _is_locative(doc, starts, t):
            return False
    return True


def _capital_as_doer(doc, starts: list[int], t: Toponym) -> bool:
    """A capital that is the subject of a verb stands for its government ("as the capital rejected
    the offer"): a party, not a place."""
    if t.place is None or t.place.feature != "P.PPLC":
        return False
    tok = doc[max(0, bisect.bisect_right(starts, max(t.span.start, t.span.end - 1)) - 1)]
    return tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX")


def _is_locative(doc, starts: list[int], t: Toponym) -> bool:
    """``t`` is (inside) the object of a locative preposition: "in X", "at X's border", "in X and Y"."""
    tok = doc[max(0, bisect.bisect_right(starts, max(t.span.start, t.span.end - 1)) - 1)]
    for _ in range(8):
        if tok.dep_ == "pobj":
            return tok.head.lower_ in _LOCATIVE
        if tok.dep_ not in _PHRASE_LINKS or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _actor_countries(ev: Event, toponyms: Sequence[Toponym]) -> list[Place]:
    """The countries of the event's doers ("Iraqi forces", "the Republic's envoy"), as places."""
    codes = list(dict.fromkeys(a.country for a in ev.actors if a.country))
    return [p for p in (_country_place(c, toponyms) for c in codes) if p is not None]


def _country_place(country: str, toponyms: Sequence[Toponym]) -> Place | None:
    named = [t.place for t in toponyms if t.place is not None and t.place.country == country]
    for p in named:
        if p.feature == "A.PCLI":
            return dataclasses.replace(p, span=None, precision="country")
    from eventledger.geo.store import gazetteer
    from eventledger.geo.tagger import to_place

    c = gazetteer().country(country)
    return dataclasses.replace(to_place(c), span=None, precision="country") if c is not None else None


def _not_parties(ev: Event, toponyms: Sequence[Toponym], actors: bool = True) -> list[Toponym]:
    """Toponyms that name neither a country taking part ("Iran tested a missile in the Gulf of
    Oman", "talks with Iranian officials in Beijing") nor the source of the claim ("..., the
    neighbour's military said"): where the event happened, when the sentence names such a place too.
    Cities inside a party ("Karachi police") stay; ``actors=False`` keeps the countries taking
    part ("Iran fired a missile, Ankara said")."""
    acting = [a.span for a in (*ev.actors, *ev.targets) if a.span is not None] if actors else []
    source = [ev.attribution.span] if ev.attribution is not None and ev.attribution.span is not None else []

    def inside(t: Toponym, spans: list[Span]) -> bool:
        return any(sp.start <= t.span.start and t.span.end <= sp.end for sp in spans)

    return [
        t
        for t in toponyms
        if not inside(t, source) and not (t.place is not None and t.place.feature in _BROAD and inside(t, acting))
    ]


_RELATING = frozenset({"after", "before", "following", "since", "until", "ahead", "prior", "amid"})


def _relates(tok) -> bool:
    """``tok`` heads a clause or phrase that places another event in time ("after ...")."""
    return (tok.dep_ == "prep" and tok.lower_ in _RELATING) or any(
        c.dep_ == "mark" and c.lower_ in _RELATING for c in tok.children
    )


def _relating_clause(doc, i: int, memo: dict[int, tuple[int, int] | None]) -> tuple[int, int] | None:
    """Token bounds of the nearest clause at or above token ``i`` that relates another event in
    time, or None; memoised per document, since every event asks again about the same tokens."""
    if i not in memo:
        tok = doc[i]
        memo[i] = next(((a.left_edge.i, a.right_edge.i) for a in [tok, *tok.ancestors] if _relates(a)), None)
    return memo[i]


def _not_other_events(
    doc, starts: list[int] | None, ev: Event, toponyms: Sequence[Toponym], memo: dict | None = None
) -> list[Toponym]:
    """Leave out places inside a clause that relates another event in time ("... days after a raid
    near the Malian border", "... before troops entered Goma"), unless that clause holds this
    event's own trigger ("protests erupted after police killed a student in Cusco": the killing)."""
    if ev.trigger is None or starts is None:
        return list(toponyms)
    memo = {} if memo is None else memo
    trigger = bisect.bisect_right(starts, ev.trigger.start) - 1
    clause = _relating_clause(doc, trigger, memo)  # this event is the related one: its clause's places
    if clause is not None:
        inner = [t for t in toponyms if doc[clause[0]].idx <= t.span.start < doc[clause[1]].idx + 1]
        if inner:
            return inner
    out = []
    for t in toponyms:
        other = _relating_clause(doc, max(0, bisect.bisect_right(starts, t.span.start) - 1), memo)
        if not (other is not None and not (other[0] <= trigger <= other[1])):
            out.append(t)
    return out


def _account_toponyms(spans: Sequence[Span], toponyms: Sequence[Toponym], sentences, body: str) -> list[Toponym]:
    first = min(sp.start for sp in spans)
    para_start = body.rfind("\n\n", 0, first) + 1
    for s, e in reversed([se for se in sentences if se[1] <= first and se[0] >= para_start]):
        found = [t for t in toponyms if s <= t.span.start and t.span.end <= e]
        if found:
            return found
    return []


def _focus_country(toponyms: Sequence[Toponym]) -> Place | None:
    votes = Counter(t.place.country for t in toponyms if t.place is not None and t.place.country)
    if not votes:
        return None
    return _country_place(votes.most_common(1)[0][0], toponyms)


def _finest(places: list[Place]) -> list[Place]:
    """Drop duplicates, and countries or regions that a finer place in them already implies."""
    seen: dict[tuple, Place] = {}
    for p in places:
        seen.setdefault((p.geonameid, p.name, p.lat, p.lon), p)
    uniq = list(seen.values())
    if len(uniq) == 1:
        return uniq
    fine_countries = {p.country for p in uniq if p.feature not in _BROAD}
    return [p for p in uniq if p.feature != "L.CONT" and not (p.feature == "A.PCLI" and p.country in fine_countries)]
