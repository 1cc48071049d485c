"""The fingerprint change token changes on every write to document_fingerprints, never on a read."""

from __future__ import annotations

import hashlib

from eventledger.model import Analysis, Document, RawDocument
from eventledger.store import open_store


def _save(store, body: str) -> int:
    sha = hashlib.sha256(body.encode()).hexdigest()
    raw = RawDocument(sha, "invented.txt", "text", body.encode(), body, "text")
    doc_id = store.save(raw, Analysis(Document(sha, raw.source, "text", body), ()))
    assert doc_id is not None
    return doc_id


def test_the_token_changes_on_insert_repoint_and_cascaded_delete_only(db_target):
    store = open_store(db_target)
    try:
        tables = store.incident_tables()
        a = _save(store, "The river ferry resumed service on Monday after the floods.")
        b = _save(store, "The river ferry resumed service on Monday after the floods, officials said.")
        start = tables.fingerprint_version()
        with tables.transaction():
            tables.write_fingerprint(a, "x" * 64, 10, 3, 4, 1, b"\0" * 16, a)
            tables.write_fingerprint(b, "y" * 64, 11, 3, 4, 1, b"\0" * 16, b)
        after_insert = tables.fingerprint_version()
        assert after_insert != start
        tables.fingerprint_origins(), tables.fingerprint_rows_of([a, b])
        assert tables.fingerprint_version() == after_insert  # reads leave it alone
        with tables.transaction():
            assert tables.repoint_origins([b], a) == [b]
        after_repoint = tables.fingerprint_version()
        assert after_repoint != after_insert
        with tables.transaction():
            store.conn.execute("DELETE FROM documents WHERE id = ?", (b,))  # the fingerprint goes by cascade
        assert tables.fingerprint_version() != after_repoint
        assert tables.fingerprint_origins() == {a: a}
    finally:
        store.close()


def test_fingerprints_are_read_a_page_at_a_time_with_the_document_fields_but_no_body(db_target):
    store = open_store(db_target)
    try:
        tables = store.incident_tables()
        ids = [
            _save(store, f"The {n} bridge over the canal reopened to lorries on Tuesday.")
            for n in ("old", "new", "rail")
        ]
        with tables.transaction():
            for d in ids:
                tables.write_fingerprint(d, "x" * 64, 10, 3, 4, 1, b"\0" * 16, ids[0])
        first = tables.fingerprint_page(-1, 2)
        rest = tables.fingerprint_page(first[-1]["document_id"], 2)
        assert [r["document_id"] for r in first] == ids[:2] and [r["document_id"] for r in rest] == ids[2:]
        assert tables.fingerprint_page(ids[-1], 2) == []
        [row] = tables.fingerprint_rows_of([ids[1], ids[-1] + 100])  # an id with no row is left out
        assert (row["document_id"], row["origin_id"], row["n_shingles"]) == (ids[1], ids[0], 10)
        assert len(row["sha256"]) == 64 and "body" not in row.keys()
    finally:
        store.close()
