"""Writing events out for other tools: PLOVER JSONL, ACLED-shaped CSV, GeoJSON, Parquet, eval JSONL.

Exports carry the *effective* coding (a reviewer's corrections applied) and leave out rejected
events and events merged into another, unless the filter asks for them; every row keeps our
event and document ids so a researcher can come back to the evidence. ``eval`` is the scorer
contract instead: the machine's coding in ``records.eval_record`` shape, reviews ignored.
The ACLED row (categories, normalised actors, fatalities, notes) is built in ``export.acled``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, Literal

from eventledger import csv_safe
from eventledger.errors import ConfigError
from eventledger.export.acled import ACLED_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, acled_category, acled_row, counts
from eventledger.export.records import effective_record, eval_record, event_record
from eventledger.model import Analysis
from eventledger.store import queries, reviews
from eventledger.store.base import Store
from eventledger.store.queries import EventFilter

__all__ = ["ACLED_COLUMNS", "FORMATS", "acled_category", "acled_row", "plover_record", "write_export"]

Format = Literal["plover", "acled", "geojson", "parquet", "eval"]
FORMATS: tuple[str, ...] = ("plover", "acled", "geojson", "parquet", "eval")
SUFFIX = {"plover": "jsonl", "acled": "csv", "geojson": "geojson", "parquet": "parquet", "eval": "jsonl"}
MEDIA = {
    "plover": "application/x-ndjson", "acled": "text/csv", "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet", "eval": "application/x-ndjson",
}  # fmt: skip


def write_export(store: Store, fmt: str, out: str | Path | IO[Any], filters: EventFilter | None = None) -> int:
    """Write the matching events to ``out`` (a path, or an open file: binary for parquet); returns the count.

    ``filters=None`` means every event that is not rejected or merged away; for ``eval`` it means
    every document with all its events, exactly as ``analyze`` writes them.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; available: {', '.join(FORMATS)}")
    with ExitStack() as stack:
        if isinstance(out, str | Path):
            opened = open(out, "wb") if fmt == "parquet" else open(out, "w", encoding="utf-8", newline="")
            fh: IO[Any] = stack.enter_context(opened)
        else:
            fh = out
        if fmt == "eval":
            return _write_eval(store, fh, filters)
        rows = effective_events(store, filters or EventFilter())
        if fmt == "plover":
            return _write_lines(fh, (plover_record(r) for r in rows))
        if fmt == "acled":
            return _write_acled(fh, acled_rows(store, rows))
        if fmt == "geojson":
            return _write_geojson(fh, rows)
        return _write_parquet(fh, acled_rows(store, rows))
    raise AssertionError("unreachable")  # pragma: no cover


def effective_events(store: Store, f: EventFilter) -> Iterator[dict[str, Any]]:
    """Effective event records (with ``id``, ``document_id``, ``review`` and ``document``), by document."""
    current: tuple[int, Analysis] | None = None
    for doc_id, event_id, seq in queries.iter_event_refs(store, f):
        if current is None or current[0] != doc_id:
            current = (doc_id, store.load_analysis(doc_id))
        analysis = current[1]
        st = reviews.state(store, event_id)
        rec = effective_record(event_record(analysis.events[seq]), st)
        d = analysis.document
        yield {
            "id": event_id, "document_id": doc_id, **rec, "review": queries.review_block(st),
            "document": {
                "source": d.source, "url": d.url, "title": d.title, "published": d.published,
                "publisher": d.publisher, "original_publisher": d.original_publisher, "sha256": d.sha256,
            },
        }  # fmt: skip


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """One event in the shape of PLOVER's event data records, plus our evidence and ids."""
    a1, a2 = _first(r["actors"]), _first(r["targets"])
    loc = _first(r["locations"])
    t = r.get("time") or {}
    d = r["document"]
    return {
        "id": f"eventledger-{r['id']}", "event_id": r["id"], "document_id": r["document_id"],
        "date": t.get("start"), "date_end": t.get("end"), "date_precision": t.get("precision"),
        "event_type": r["type"], "mode": r["mode"], "context": r["contexts"], "status": r["status"],
        "actor1": _name(a1), "actor1_kind": a1 and a1.get("kind"), "actor1_country": a1 and a1.get("country"),
        "actor2": _name(a2), "actor2_kind": a2 and a2.get("kind"), "actor2_country": a2 and a2.get("country"),
        "actors": r["actors"], "targets": r["targets"],
        "location": None if loc is None else {
            k: loc.get(k) for k in ("name", "country", "admin1", "lat", "lon", "geonameid", "precision")
        },
        "event_text": (r.get("evidence") or {}).get("text"), "evidence": r.get("evidence"),
        "attribution": r.get("attribution"), "quantities": r.get("quantities"),
        "counts": {role: n for role, (n, _hedge) in counts(r.get("quantities")).items()},
        "source": d["publisher"], "original_source": d["original_publisher"], "url": d["url"],
        "published": d["published"], "confidence": r["confidence"], "review": r["review"]["decision"],
    }  # fmt: skip


def _write_eval(store: Store, fh: IO[str], filters: EventFilter | None) -> int:
    if filters is None:
        return _write_lines(fh, (eval_record(a) for a in store.iter_analyses()))
    by_doc: dict[int, list[int]] = {}
    for doc_id, _event_id, seq in queries.iter_event_refs(store, filters):
        by_doc.setdefault(doc_id, []).append(seq)
    n = 0
    for doc_id, seqs in by_doc.items():
        a = store.load_analysis(doc_id)
        n += _write_lines(
            fh, [eval_record(Analysis(a.document, tuple(a.events[s] for s in seqs), a.timexes, a.toponyms))]
        )
    return n


def _write_lines(fh: IO[str], records: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> int:
    n = 0
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def acled_rows(store: Store, rows: Iterator[dict[str, Any]], chunk: int = 500) -> Iterator[dict[str, Any]]:
    """ACLED rows of effective events, each with the lowest count of dead its incident's reports give.

    ACLED's rule: when reports of one incident differ, the most conservative figure is coded. The
    figures of the other reports come from the store's incident tables, a chunk of events at a time.
    """
    batch: list[dict[str, Any]] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= chunk:
            yield from _rows_with_incident_floor(store, batch)
            batch = []
    yield from _rows_with_incident_floor(store, batch)


def _rows_with_incident_floor(store: Store, batch: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    if not batch:
        return
    tables = store.incident_tables()
    incident_of = tables.incident_of_events([r["id"] for r in batch])
    members = {i: ids for i, ids in tables.incident_members(sorted(set(incident_of.values()))).items() if len(ids) > 1}
    member_ids = sorted({e for ids in members.values() for e in ids})  # a one-report incident has nothing to compare
    data = tables.event_rows(member_ids) if member_ids else {"events": [], "quantities": []}
    dropped = {e["id"] for e in data["events"] if e["decision"] in ("reject", "rejected", "merge", "merged")}
    killed: dict[int, list[float]] = {}
    for q in data["quantities"]:
        if q["kind"] == "people" and q["unit"] == "killed" and q["event_id"] not in dropped:
            killed.setdefault(q["event_id"], []).append(q["value_min"])
    for r in batch:
        inc = incident_of.get(r["id"])
        figures = [v for e in members.get(inc, []) for v in killed.get(e, [])] if inc is not None else []
        yield acled_row(r, incident_killed=(int(min(figures)), int(max(figures))) if figures else None)


def _write_acled(fh: IO[str], rows: Iterator[dict[str, Any]]) -> int:
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in rows:
        writer.writerow(csv_safe.row(r))  # no cell a spreadsheet would run as a formula
        n += 1
    return n


def _write_geojson(fh: IO[str], rows: Iterator[dict[str, Any]]) -> int:
    """A FeatureCollection (RFC 7946); events without coordinates keep a null geometry."""
    fh.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for r in rows:
        props = plover_record(r)
        loc = props.get("location") or {}
        geometry = (
            {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
            if loc.get("lat") is not None and loc.get("lon") is not None
            else None
        )
        feature = {"type": "Feature", "id": r["id"], "geometry": geometry, "properties": props}
        fh.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n


def _write_parquet(fh: IO[bytes], rows: Iterator[dict[str, Any]]) -> int:
    """The ACLED columns with real types (ints, floats, strings), one row group per 50k events."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            (c, pa.int64() if c in INT_COLUMNS else pa.float64() if c in FLOAT_COLUMNS else pa.string())
            for c in ACLED_COLUMNS
        ]
    )
    n = 0
    sink = fh if not isinstance(fh, io.TextIOBase) else fh.buffer
    with pq.ParquetWriter(sink, schema) as writer:
        batch: list[dict[str, Any]] = []
        for r in rows:
            batch.append(r)
            n += 1
            if len(batch) >= 50_000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n


def _first(items: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    return items[0] if items else None


def _name(actor: dict[str, Any] | None) -> str | None:
    return None if actor is None else actor.get("text") or actor.get("normalised")
