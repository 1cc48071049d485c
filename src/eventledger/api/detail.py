"""The JSON the API returns for one event or document: effective coding, machine coding, history.

Built on ``records.event_record`` so the machine's coding has exactly the shape of ``analyze``
and ``export --format eval``; a reviewer's corrections are laid over a copy of it, and the
untouched original is returned beside it under ``machine``.
"""

from __future__ import annotations

from typing import Any

from eventledger.export.records import document_record, effective_record, event_record
from eventledger.model import Event
from eventledger.store import queries, reviews
from eventledger.store.base import Store
from eventledger.store.reviews import NotFound


def machine_event(store: Store, event_id: int) -> tuple[int, Event]:
    """(document id, the machine's Event) for an event id."""
    row = queries.event_row(store, event_id)
    analysis = store.load_analysis(row["document_id"])
    return row["document_id"], analysis.events[row["seq"]]


def event_detail(store: Store, event_id: int) -> dict[str, Any]:
    """One event as the UI shows it: effective coding, machine coding, review, history, document."""
    doc_id, event = machine_event(store, event_id)
    st = reviews.state(store, event_id)
    machine = event_record(event)
    merged = []
    for other in reviews.absorbed(store, event_id):
        o_doc, o_event = machine_event(store, other)
        rec = event_record(o_event)
        merged.append({"id": other, "document_id": o_doc, "evidence": rec["evidence"], "mentions": rec["mentions"]})
    return {
        "id": event_id,
        "document_id": doc_id,
        **effective_record(machine, st),
        "machine": machine,
        "review": queries.review_block(st) | {"absorbed": merged},
        "history": reviews.history(store, event_id),
        "document": document_view(store, doc_id, with_events=False),
    }


def document_view(store: Store, document_id: int, with_events: bool = True) -> dict[str, Any]:
    """A document's metadata and clean body (``text``), and optionally its events' summaries."""
    row = store.conn.execute("SELECT id, ingested_at, pipeline_version FROM documents WHERE id = ?", (document_id,))
    meta = row.fetchone()
    if meta is None:
        raise NotFound(f"no document with id {document_id}")
    doc = store.load_analysis(document_id).document
    out = {
        "id": document_id,
        **document_record(doc),
        "ingested_at": meta["ingested_at"],
        "pipeline_version": meta["pipeline_version"],
        "raw_url": f"/api/blobs/{doc.sha256}",
    }
    if with_events:
        out["events"] = queries.summaries(store, queries.event_ids_of_document(store, document_id))
    return out
