"""Reads that let one process's document index catch up with what other writers stored.

Two ``ingest`` processes share one database but each keeps its own in-memory copy index
(``dedup.DocumentIndex``). Under the write lock, before linking a batch, the index asks
which fingerprints exist now and loads the ones another process wrote since it last looked.

Reading every fingerprint's origin costs a scan of the table, so each batch's dedup would grow
with the store. ``fingerprint_version`` is a token that every insert, update or delete of a
fingerprint row replaces with a random number (triggers, migration 12, so a cascade from a
deleted document counts too): an index that noted the token when it was last in step with the
table skips the scan while it has not changed. Random rather than counted: a rolled-back batch
takes the value back, and another writer's count could land on the very number the index noted.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventledger.store.connections import Database, Row

# A fingerprint with the document fields the copy index compares (outlets, date, raw hash).
# Never the body: the index reads a few of these per new document and pages through all of
# them when it opens, and a body is wanted only for a signature made with other settings.
FINGERPRINT_ROWS = """SELECT f.*, d.sha256, d.published, d.publisher, d.original_publisher
    FROM document_fingerprints f JOIN documents d ON d.id = f.document_id"""


_SQLITE_VERSION_TRIGGERS = [
    f"""CREATE TRIGGER fingerprint_version_{op.lower()} AFTER {op} ON document_fingerprints
        BEGIN UPDATE fingerprint_version SET n = random(); END"""
    for op in ("INSERT", "UPDATE", "DELETE")
]


def version_migration(conn: Database) -> None:
    """Migration 12: the fingerprint change token and the triggers that replace it."""
    conn.execute("CREATE TABLE fingerprint_version (n BIGINT NOT NULL)")
    conn.execute("INSERT INTO fingerprint_version (n) VALUES (0)")
    if conn.dialect.name == "sqlite":
        for statement in _SQLITE_VERSION_TRIGGERS:
            conn.execute(statement)
        return
    # One new token per statement: it says "something changed", not how much.
    conn.execute(
        """CREATE FUNCTION fingerprint_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN UPDATE fingerprint_version SET n = (random() * 9.0e18)::bigint; RETURN NULL; END $$"""
    )
    conn.execute(
        """CREATE TRIGGER fingerprint_version_bump AFTER INSERT OR UPDATE OR DELETE ON document_fingerprints
           FOR EACH STATEMENT EXECUTE FUNCTION fingerprint_version_bump()"""
    )


def fingerprint_version(conn: Database) -> int:
    """The fingerprint change token: it changes whenever any writer changes ``document_fingerprints``."""
    row = conn.tuples("SELECT n FROM fingerprint_version")
    return int(row[0][0])


def fingerprint_origins(conn: Database) -> dict[int, int]:
    """Every fingerprinted document and the origin of its copy group, as stored now."""
    # Read once per dedup batch over the whole table: plain tuples, not a row object per document.
    return dict(conn.tuples("SELECT document_id, origin_id FROM document_fingerprints"))


def fingerprint_page(conn: Database, after_id: int, limit: int) -> list[Row]:
    """The first ``limit`` fingerprint rows (``FINGERPRINT_ROWS``) of documents after ``after_id``, by id.

    Keyset pagination on the primary key: each page costs the same however far into the
    table it is, and the caller holds one page at a time, not the whole archive.
    """
    return list(conn.execute(f"{FINGERPRINT_ROWS} WHERE f.document_id > ? ORDER BY f.document_id LIMIT ?",
                             (after_id, limit)))  # fmt: skip


def fingerprint_rows_of(conn: Database, document_ids: Sequence[int]) -> list[Row]:
    """The fingerprint rows (``FINGERPRINT_ROWS``) of the given documents, by id; absent ones are left out."""
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
