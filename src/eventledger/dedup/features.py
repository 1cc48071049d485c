"""What an incident decision looks at for one stored event, read in a few queries.

Dates become day ordinals and places keep only what comparison needs, so scoring a
candidate is arithmetic, not parsing; the loader reads many events per query because
an incremental run touches thousands of events.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from eventledger.dedup.tables import Tables
from eventledger.dedup.text import normalise_body
from eventledger.model import PLACE_PRECISIONS, TIME_PRECISIONS

PRECISE_PLACES = frozenset({"point", "town", "admin2", "county"})
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class PlaceFeature:
    """What a place decision compares: name, GeoNames id, coordinates, country, admin path, precision."""

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    precision: str
    admin_path: str

    @property
    def rank(self) -> int:
        """Lower is more precise (index in ``PLACE_PRECISIONS``)."""
        precision = {"county": "admin2", "province": "admin1"}.get(self.precision, self.precision)  # older names
        return PLACE_PRECISIONS.index(precision) if precision in PLACE_PRECISIONS else 99


@dataclass(frozen=True, slots=True)
class QuantityFeature:
    """A reported count, as a range."""

    kind: str
    unit: str
    value_min: float
    value_max: float


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """One event as incident clustering sees it; ``start``/``end`` are day ordinals."""

    event_id: int
    document_id: int
    type: str
    status: str
    start: int | None
    end: int | None
    precision: str
    dated: bool
    published: str | None
    places: tuple[PlaceFeature, ...]
    actors: frozenset[str]
    quantities: tuple[QuantityFeature, ...]
    words: frozenset[str] = frozenset()
    doers: frozenset[str] = frozenset()  # the actors in the doer's role (not the targets)
    targets: frozenset[str] = frozenset()  # content words of the parties the act bears on ("women", "outlet")
    standing: bool = False  # a lasting state of unknown onset that holds at publication (time basis "perfect")
    decision: str | None = None  # a reviewer's: accepted, corrected, rejected, merged
    ongoing: bool = False  # a measure presupposed in force at publication, begun at an unstated time before

    @property
    def time_rank(self) -> int:
        """How precise the event's time is (lower is more precise)."""
        return TIME_PRECISIONS.index(self.precision) if self.precision in TIME_PRECISIONS else 99

    @property
    def place(self) -> PlaceFeature | None:
        """The most precise place of the event (first stated among equals)."""
        return min(self.places, key=lambda p: p.rank) if self.places else None

    @property
    def country(self) -> str | None:
        """The country of the event's most precise place, if any."""
        p = self.place
        return p.country if p else None


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = resources.files("eventledger.dedup").joinpath("data/stopwords.txt").read_text("utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(w for line in lines for w in line.split())


def content_words(text: str) -> set[str]:
    """Words of four letters or more that are not function words, case-folded."""
    stop = _stopwords()
    return {w for w in _WORD.findall(text.casefold()) if len(w) >= 4 and w not in stop}


def day(value: str | None) -> int | None:
    """Day ordinal of an ISO date or timestamp; None when it is not one."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def iso(ordinal: int | None) -> str | None:
    """ISO date of a day ordinal; a window reaching past year 1 or 9999 stops at the calendar's end."""
    if ordinal is None:
        return None
    return date.fromordinal(min(max(ordinal, 1), date.max.toordinal())).isoformat()


def corrected_place(fields_json: Any) -> PlaceFeature | None:
    """The place a reviewer corrected an event to (``review_state.fields_json``'s ``location``), if any."""
    if not fields_json:
        return None
    try:
        fields = json.loads(fields_json) if isinstance(fields_json, str) else dict(fields_json)
    except (ValueError, TypeError):
        return None
    loc = fields.get("location") if isinstance(fields, dict) else None
    if not isinstance(loc, dict) or not (loc.get("name") or loc.get("country")):
        return None
    admin_path = " > ".join(str(x) for x in (loc.get("country"), loc.get("admin1"), loc.get("name")) if x)
    return PlaceFeature(
        str(loc.get("name") or loc.get("country")), None, loc.get("lat"), loc.get("lon"), loc.get("country"),
        loc.get("admin1"), loc.get("precision") or "unknown", admin_path,
    )  # fmt: skip


def load_features(db: Tables, event_ids: Sequence[int], undated_days: int) -> dict[int, EventFeatures]:
    """Features of ``event_ids`` (missing ids are left out).

    An event whose time is only its publication date (basis ``document``) or that has no
    time is *undated*: it may have happened up to ``undated_days`` before it was published.
    So is a standing state (basis ``perfect``: "has barred X"), flagged ``standing`` for the
    retold-act link, which alone reads its open start (``retold.window``).
    A denied act is undated too, up to ``undated_days`` before its stated time.
    """
    rows = db.event_rows(event_ids)
    places: dict[int, list[PlaceFeature]] = {}
    for r in rows["places"]:
        places.setdefault(r["event_id"], []).append(
            PlaceFeature(
                r["name"],
                r["geonameid"],
                r["lat"],
                r["lon"],
                r["country"],
                r["admin1"],
                r["precision"] or "unknown",
                r["admin_path"] or "",
            )  # fmt: skip
        )
    actors: dict[int, set[str]] = {}
    doers: dict[int, set[str]] = {}
    targets: dict[int, set[str]] = {}
    for r in rows["actors"]:
        if r["role"] != "actor":  # "12 protesters" names nobody as a party, but says whom the act bears on
            targets.setdefault(r["event_id"], set()).update(content_words(r["text"] or ""))
        key = normalise_body(r["normalised"] or r["text"] or "")
        if key and r["kind"] != "people":  # "12 protesters" names nobody in particular
            actors.setdefault(r["event_id"], set()).add(key)
            if r["role"] == "actor":
                doers.setdefault(r["event_id"], set()).add(key)
    quantities: dict[int, list[QuantityFeature]] = {}
    for r in rows["quantities"]:
        quantities.setdefault(r["event_id"], []).append(
            QuantityFeature(r["kind"], r["unit"], r["value_min"], r["value_max"])
        )
    words: dict[int, set[str]] = {}
    for r in rows["evidence"]:
        words.setdefault(r["event_id"], set()).update(content_words(r["text"] or ""))
    out: dict[int, EventFeatures] = {}
    for r in rows["events"]:
        start, end = day(r["time_start"]), day(r["time_end"])
        standing = r["time_basis"] == "perfect"  # "has barred X": holds at publication, begun who knows when
        dated = r["time_basis"] not in (None, "document", "none", "perfect") and (start is not None or end is not None)
        precision = r["time_precision"] or "unknown"
        if dated and r["status"] == "denied" and end is not None:
            # "X on Wednesday denied carrying out Monday's attack": the date is often the
            # denial's, and the act it is about lies up to undated_days before it.
            start, dated, precision = end - undated_days, False, "unknown"
        elif dated:
            start, end = (start if start is not None else end), (end if end is not None else start)
        else:
            pub = day(r["published"])
            start, end = (None, None) if pub is None else (pub - undated_days, pub)
            precision = "unknown"
        eid = r["id"]
        fixed = corrected_place(r["fields_json"] if "fields_json" in r.keys() else None)
        if fixed is not None:  # a reviewer's place replaces every place the machine found
            places[eid] = [fixed]
        out[eid] = EventFeatures(
            event_id=eid, document_id=r["document_id"], type=r["type"], status=r["status"], start=start,
            end=end, precision=precision, dated=dated, published=r["published"],
            places=tuple(places.get(eid, ())), actors=frozenset(actors.get(eid, ())),
            quantities=tuple(quantities.get(eid, ())), words=frozenset(words.get(eid, ())),
            doers=frozenset(doers.get(eid, ())), decision=r["decision"], ongoing=r["time_basis"] == "ongoing",
            targets=frozenset(targets.get(eid, ())), standing=standing,
        )  # fmt: skip
    return out
