"""Plain-JSON shapes of documents and events.

One function per record, so `analyze`, `export` and the HTTP API all emit the
same fields. Every span is written with its offsets and text, so a consumer can verify
it against the document body without our code.
"""

from __future__ import annotations

import copy
from pathlib import PurePosixPath
from typing import Any

from eventledger.events import REPORTABLE_STATUSES
from eventledger.model import Actor, Analysis, Document, Event, Place, Span
from eventledger.store.reviews import ReviewState


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"text": s.text, "start": s.start, "end": s.end}


def file_name(source: str) -> str:
    """The input's file name as the scorers key it (`x.txt`, `feed.xml#item=2`)."""
    path, sep, fragment = source.partition("#")
    name = PurePosixPath(path.replace("\\", "/")).name
    return f"{name}#{fragment}" if sep else name


def document_record(d: Document) -> dict[str, Any]:
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
            {"kind": q.kind, "value": [q.value_min, q.value_max], "unit": q.unit, **(_span(q.span) or {})}
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


def effective_record(machine: dict[str, Any], st: ReviewState | None) -> dict[str, Any]:
    """``event_record`` with a reviewer's corrections applied (the machine's record is not changed)."""
    rec = copy.deepcopy(machine)
    fx = st.fields if st else {}
    for key in ("type", "mode", "status", "contexts"):
        if key in fx:
            rec[key] = fx[key]
    if any(k in fx for k in ("time_start", "time_end", "time_precision")):
        time = dict(rec.get("time") or {})
        for key, sub in (("time_start", "start"), ("time_end", "end"), ("time_precision", "precision")):
            if key in fx:
                time[sub] = fx[key]
        time["basis"] = "review"
        rec["time"] = time
    if "location" in fx:
        loc = fx["location"]
        rec["locations"] = [] if loc is None else [{**loc, "admin_path": [], "corrected": True}]
    for key in ("actors", "targets"):
        if key in fx:
            rec[key] = [{"text": t, "normalised": None, "kind": "other", "corrected": True} for t in fx[key]]
    return rec
