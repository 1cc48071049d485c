"""Reads that let one process's document index catch up with what other writers stored.

Two ``ingest`` processes share one database but each keeps its own in-memory copy index
(``dedup.DocumentIndex``). Under the write lock, before linking a batch, the index asks
which fingerprints exist now and loads the ones another process wrote since it last looked.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventledger.store.connections import Database, Row

# A fingerprint with the document fields the copy index needs (publisher, published, body).
FINGERPRINT_ROWS = """SELECT f.*, d.sha256, d.published, d.publisher, d.original_publisher, d.body
    FROM document_fingerprints f JOIN documents d ON d.id = f.document_id"""


def fingerprint_origins(conn: Database) -> dict[int, int]:
    """Every fingerprinted document and the origin of its copy group, as stored now."""
    # Read once per dedup batch over the whole table: plain tuples, not a row object per document.
    return dict(conn.tuples("SELECT document_id, origin_id FROM document_fingerprints"))


def fingerprint_rows_of(conn: Database, document_ids: Sequence[int]) -> list[Row]:
    """``fingerprint_rows`` for the given documents only."""
    out: list[Row] = []
    ids = sorted(document_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out.extend(
            conn.execute(
                f"{FINGERPRINT_ROWS} WHERE f.document_id IN ({','.join('?' * len(chunk))}) ORDER BY f.document_id",
                chunk,
            )
        )
    return out
