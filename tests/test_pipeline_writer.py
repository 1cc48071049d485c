"""The pipeline's writing side: how it holds the store while an ingest runs."""

from __future__ import annotations

import hashlib

from eventledger import pipeline
from eventledger.dedup import fingerprint
from eventledger.ingest import Failure
from eventledger.model import Analysis, Document, RawDocument
from eventledger.pipeline import process_items
from eventledger.store import SQLiteStore
from eventledger.store.incidents import document_links


def test_the_store_is_held_without_its_memory_map_only_while_the_ingest_runs(tmp_path):
    with SQLiteStore(tmp_path / "p.db") as store:
        mapped = store.conn.execute("PRAGMA mmap_size").fetchone()[0]
        run = process_items([Failure("a.txt", "unreadable")], store)
        first = next(run)
        assert (first.status, first.reason) == ("failed", "unreadable")
        assert store.conn.execute("PRAGMA mmap_size").fetchone()[0] == 0
        assert list(run) == []
        assert store.conn.execute("PRAGMA mmap_size").fetchone()[0] == mapped


def _raw(body: str, source: str) -> RawDocument:
    data = body.encode()
    return RawDocument(hashlib.sha256(data).hexdigest(), source, "text", data, body, "text")


def _analysed(raws):
    """What a worker sends back for an ingest, without spaCy: a document with no events, and its fingerprint."""
    out = []
    for raw in raws:
        doc = Document(raw.sha256, raw.source, raw.format, raw.content, published="2024-05-02")
        out.append((Analysis(doc), fingerprint(doc.body)))
    return out


def test_documents_are_linked_in_groups_and_every_outcome_comes_out_in_input_order(tmp_path, monkeypatch):
    story = (
        "Flood water closed the river road near the old mill on Thursday and the council opened two "
        "schools as shelters for families from the lower streets, a council officer said."
    )
    bodies = [story, "A bakery on the square reopened after repairs.", "  " + story.upper(), "Bus fares rise in June."]
    raws = [_raw(b, f"r{i}.txt") for i, b in enumerate(bodies)]
    monkeypatch.setattr(pipeline, "LINK_EVERY", 2)
    monkeypatch.setattr(pipeline, "analyze_for_store", _analysed)
    with SQLiteStore(tmp_path / "g.db") as store:
        outcomes = list(process_items([*raws, raws[1]], store, batch_size=1))
        assert [(o.source, o.status) for o in outcomes] == [
            ("r0.txt", "stored"), ("r1.txt", "stored"), ("r2.txt", "stored"), ("r3.txt", "stored"),
            ("r1.txt", "present"),
        ]  # fmt: skip
        ids = [o.document_id for o in outcomes[:4]]
        [link] = document_links(store.conn)  # the two copies, linked across groups (same day: lower hash first)
        assert ({link["document_id"], link["original_id"]}, link["kind"]) == ({ids[0], ids[2]}, "exact")
        assert store.incident_tables().undeduped_document_ids() == []
