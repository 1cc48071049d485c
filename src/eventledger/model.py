"""The records every stage shares.

Records are frozen dataclasses so a stage can only add to what an earlier stage
produced (by building a new record with ``dataclasses.replace``), never change it in place.
Offsets are always character offsets into ``Document.body``, the one coordinate system
of a document: ``body[span.start:span.end] == span.text`` holds for every Span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

Media = Literal["text", "html"]

EVENT_STATUSES = (
    "asserted",
    "ordered",
    "planned",
    "alleged",
    "denied",
    "hypothetical",
    "negated",
    "background",
)
# finest to coarsest; "county"/"province" are the names older databases stored for admin2/admin1
PLACE_PRECISIONS = ("point", "town", "admin2", "admin1", "country", "region", "unknown", "county", "province")
TIME_PRECISIONS = ("day", "week", "month", "season", "quarter", "year", "decade", "unknown")
# Statuses of events that happened (or are reported as having happened): what an export of occurred
# events keeps. An ordered, planned, hypothetical, negated or denied act is recorded but did not happen.
REPORTABLE_STATUSES = frozenset({"asserted", "background", "alleged"})


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's body; ``text`` is kept so a record can be checked alone."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, body: str, start: int, end: int) -> Span:
        """The span ``body[start:end]``, its text taken from the body."""
        return cls(start, end, body[start:end])

    def holds_in(self, body: str) -> bool:
        """Whether the span's text is exactly ``body[start:end]``."""
        return 0 <= self.start <= self.end <= len(body) and body[self.start : self.end] == self.text


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as it arrived, before any interpretation.

    ``data`` is the exact bytes kept as evidence (a whole file, or one record of a
    container: a JSON line, an RSS item, a WARC response payload) and ``sha256`` is its
    address. ``content`` is the decoded payload that carries the article (HTML or text);
    ``meta`` holds what the container itself said (url, title, published, ...).
    """

    sha256: str
    source: str
    format: str
    data: bytes
    content: str
    media: Media
    meta: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A clean article: the body is the coordinate system of everything extracted later.

    ``provenance`` maps a metadata field (``publisher``, ``original_publisher``, ...) to the
    phrase of the page it was read from, so a reader can see why it was chosen even when
    that phrase (a reprint notice, a footer) is not part of the body.
    """

    sha256: str
    source: str
    format: str
    body: str
    title: str | None = None
    published: str | None = None
    fetched: str | None = None
    publisher: str | None = None
    original_publisher: str | None = None
    language: str | None = None
    url: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Actor:
    """A state, unit, agency, official or group; private persons only as counts or roles."""

    text: str
    span: Span | None = None
    normalised: str | None = None
    kind: str = "other"  # state | military | agency | official | group | people | other
    country: str | None = None  # ISO 3166-1 alpha-2
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: GeoNames id and coordinates when known, its precision and admin path."""

    name: str
    span: Span | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    feature: str | None = None  # GeoNames feature class/code, e.g. "P.PPL", "A.ADM1"
    precision: str = "unknown"  # one of PLACE_PRECISIONS
    admin_path: tuple[str, ...] = ()
    # rough radius of an area (a country, a province, a river's basin), 0 for a point; derived
    # from the gazetteer, so not part of a place's identity nor of its JSON record (the store keeps
    # none)
    extent_km: float | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class TimeInterval:
    """An inclusive interval of ISO dates with the precision it was stated in.

    ``basis`` says where it came from: ``explicit`` (an expression governing the clause),
    ``inherited`` (the surrounding account), ``narrative`` / ``publication`` (the news day),
    ``perfect`` (a standing state of unknown onset that holds at publication), or ``document``
    (only the publication date); ``ongoing``: a measure presupposed in force at publication
    ("hopes to lift the ban"), begun at an unstated time before. The events stage may preset
    ``ongoing`` or ``decided`` (a measure told by its announcement) as cues that the temporal
    stage reads and replaces.
    """

    start: str | None
    end: str | None
    precision: str = "unknown"
    value: str | None = None  # TIMEX3 value, e.g. "2020-11", "2020-W48", "P3D"
    span: Span | None = None
    basis: str = "explicit"


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 expression found in the body."""

    span: Span
    type: str  # DATE | TIME | DURATION | SET
    value: str
    interval: TimeInterval | None = None


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in the body and, when resolved, where it is."""

    span: Span
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who claims an event ("a military source ... told RFA", "according to state media")."""

    text: str
    span: Span | None = None
    source_kind: str | None = None  # anonymous | official | media | document | other


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count or amount in an event (people killed, arrested, ...), a range when reports give one."""

    kind: str  # people | money | distance | weapons | duration | other
    value_min: float
    value_max: float
    unit: str  # for people: killed | injured | arrested | displaced | missing | people (no role stated)
    span: Span | None = None

    @property
    def qualifier(self) -> str | None:
        """The hedge the count is stated with ("at least" in "at least 17 people"), read from its span."""
        from eventledger.numbers import qualifier_of

        return qualifier_of(self.span.text) if self.span else None


@dataclass(frozen=True, slots=True)
class Event:
    """One reported event, PLOVER-typed, with the evidence that states it.

    ``evidence[0]`` is the primary span; further spans are other mentions of the same
    incident in the document, merged rather than emitted twice.
    """

    type: str
    evidence: tuple[Span, ...]
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    status: str = "asserted"  # one of EVENT_STATUSES
    trigger: Span | None = None
    actors: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    time: TimeInterval | None = None
    attribution: Attribution | None = None
    quantities: tuple[Quantity, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pipeline learnt about one document, written to the store at once."""

    document: Document
    events: tuple[Event, ...] = ()
    timexes: tuple[Timex, ...] = ()
    toponyms: tuple[Toponym, ...] = ()

    def to_record(self) -> dict[str, Any]:
        """This analysis as the JSON object ``eventledger analyze`` writes (the scorer's contract)."""
        return eval_record(self)

    def spans(self) -> list[Span]:
        """Every span the analysis holds, for the body-offset invariant check."""
        out: list[Span] = []
        for t in self.timexes:
            out.append(t.span)
        for tp in self.toponyms:
            out.append(tp.span)
        for ev in self.events:
            out.extend(ev.evidence)
            for s in (ev.trigger, ev.attribution and ev.attribution.span, ev.time and ev.time.span):
                if s:
                    out.append(s)
            for a in (*ev.actors, *ev.targets):
                if a.span:
                    out.append(a.span)
            for p in ev.places:
                if p.span:
                    out.append(p.span)
            for q in ev.quantities:
                if q.span:
                    out.append(q.span)
        return out


# -- records: the JSON shapes of `analyze` and `export --format eval` (the scorer's contract) ----------
def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"text": s.text, "start": s.start, "end": s.end}


def file_name(source: str) -> str:
    """The input's file name as the scorers key it (`x.txt`, `feed.xml#item=2`)."""
    path, sep, fragment = source.partition("#")
    name = PurePosixPath(path.replace("\\", "/")).name
    return f"{name}#{fragment}" if sep else name


def document_record(d: Document) -> dict[str, Any]:
    """A document's metadata and clean body (``text``) as JSON."""
    return {
        "file": file_name(d.source),
        "source": d.source,
        "sha256": d.sha256,
        "format": d.format,
        "url": d.url,
        "title": d.title,
        "published": d.published,
        "fetched": d.fetched,
        "publisher": d.publisher,
        "original_publisher": d.original_publisher,
        "language": d.language,
        "provenance": d.provenance,
        "text": d.body,
    }


def _actor(a: Actor) -> dict[str, Any]:
    out: dict[str, Any] = {"text": a.text, "normalised": a.normalised, "kind": a.kind}
    if a.country:
        out["country"] = a.country
    if a.count is not None:
        out["count"] = a.count
    if a.span:
        out.update(start=a.span.start, end=a.span.end)
    return out


def _place(p: Place) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": p.name,
        "country": p.country,
        "admin1": p.admin1,
        "lat": p.lat,
        "lon": p.lon,
        "geonameid": p.geonameid,
        "feature": p.feature,
        "precision": p.precision,
        "admin_path": list(p.admin_path),
    }
    if p.span:
        out.update(start=p.span.start, end=p.span.end, text=p.span.text)
    return out


def event_record(e: Event) -> dict[str, Any]:
    """An event as JSON: coding, actors, places, time, attribution, quantities, evidence spans."""
    time: dict[str, Any] = {}
    if e.time:
        t = e.time
        time = {"start": t.start, "end": t.end, "precision": t.precision, "value": t.value, "basis": t.basis}
        if t.span:
            time["evidence"] = _span(t.span)
    return {
        "type": e.type,
        "mode": e.mode,
        "contexts": list(e.contexts),
        "status": e.status,
        "trigger": _span(e.trigger),
        "actors": [_actor(a) for a in e.actors],
        "targets": [_actor(a) for a in e.targets],
        "locations": [_place(p) for p in e.places],
        "time": time,
        "attribution": None
        if e.attribution is None
        else {"text": e.attribution.text, "source_kind": e.attribution.source_kind, **(_span(e.attribution.span) or {})}
        | {"text": e.attribution.text},
        "quantities": [
            {"kind": q.kind, "value": [q.value_min, q.value_max], "unit": q.unit, "qualifier": q.qualifier}
            | (_span(q.span) or {})
            for q in e.quantities
        ],
        "evidence": _span(e.evidence[0]) if e.evidence else None,
        "mentions": [_span(s) for s in e.evidence],
        "confidence": round(e.confidence, 3),
    }


def eval_record(a: Analysis) -> dict[str, Any]:
    """One document's line of the `analyze` / `export --format eval` output.

    ``events`` holds what is reported to have happened (asserted, alleged, background);
    ordered, planned, hypothetical, denied and negated acts go to ``unrealised_events``, so
    nothing coded is lost, yet an order to shoot is never counted as a shooting.
    """
    happened = [e for e in a.events if e.status in REPORTABLE_STATUSES]
    other = [e for e in a.events if e.status not in REPORTABLE_STATUSES]
    return {
        "document": document_record(a.document),
        "events": [event_record(e) for e in happened],
        "unrealised_events": [event_record(e) for e in other],
    }
