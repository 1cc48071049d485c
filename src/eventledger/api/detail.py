"""The JSON the API returns for one event or document: effective coding, machine coding, history.

Built from public ``Store`` methods only (no SQL here).

Built on ``records.event_record`` so the machine's coding has exactly the shape of ``analyze``
and ``export --format eval``; a reviewer's corrections are laid over a copy of it, and the
untouched original is returned beside it under ``machine``.
"""

from __future__ import annotations

from typing import Any

from eventledger.export.records import document_record, effective_record, event_record
from eventledger.library import Store
from eventledger.model import Event
from eventledger.store import queries


def machine_event(store: Store, event_id: int) -> tuple[int, Event]:
    """(document id, the machine's Event) for an event id."""
    document_id, seq = store.event_ref(event_id)
    return document_id, store.load_analysis(document_id).events[seq]


def event_detail(store: Store, event_id: int) -> dict[str, Any]:
    """One event as the UI shows it: effective coding, machine coding, review, history, document."""
    doc_id, event = machine_event(store, event_id)
    st = store.review_state(event_id)
    machine = event_record(event)
    merged = []
    for other in store.absorbed_events(event_id):
        o_doc, o_event = machine_event(store, other)
        rec = event_record(o_event)
        merged.append({"id": other, "document_id": o_doc, "evidence": rec["evidence"], "mentions": rec["mentions"]})
    return {
        "id": event_id,
        "document_id": doc_id,
        **effective_record(machine, st),
        "machine": machine,
        "review": queries.review_block(st) | {"absorbed": merged},
        "history": store.event_history(event_id),
        "document": document_view(store, doc_id, with_events=False),
    }


def document_view(store: Store, document_id: int, with_events: bool = True) -> dict[str, Any]:
    """A document's metadata and clean body (``text``), and optionally its events' summaries."""
    meta = store.document_meta(document_id)
    doc = store.load_analysis(document_id).document
    out = {
        "id": document_id,
        **document_record(doc),
        "ingested_at": meta["ingested_at"],
        "pipeline_version": meta["pipeline_version"],
        "raw_url": f"/api/blobs/{doc.sha256}",
    }
    if with_events:
        out["events"] = store.event_summaries(store.document_event_ids(document_id))
    return out
