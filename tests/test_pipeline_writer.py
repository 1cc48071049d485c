"""The pipeline's writing side: how it holds the store while an ingest runs."""

from __future__ import annotations

from eventledger.ingest import Failure
from eventledger.pipeline import process_items
from eventledger.store import SQLiteStore


def test_the_store_is_held_without_its_memory_map_only_while_the_ingest_runs(tmp_path):
    with SQLiteStore(tmp_path / "p.db") as store:
        mapped = store.conn.execute("PRAGMA mmap_size").fetchone()[0]
        run = process_items([Failure("a.txt", "unreadable")], store)
        first = next(run)
        assert (first.status, first.reason) == ("failed", "unreadable")
        assert store.conn.execute("PRAGMA mmap_size").fetchone()[0] == 0
        assert list(run) == []
        assert store.conn.execute("PRAGMA mmap_size").fetchone()[0] == mapped
