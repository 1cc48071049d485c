"""An index of the evidence text, so that an aggregate under a free-text filter reads the few
matching sentences instead of every one.

The text filter is a case-insensitive substring (``LIKE '%words%'``), which no B-tree answers:
facets under it read all the evidence (a million sentences, a seventh of a second on SQLite,
half a second on PostgreSQL). Trigram indexes answer substrings:

- SQLite: an FTS5 table with the ``trigram`` tokenizer over ``evidence`` (external content,
  kept in step by triggers). Its own ``LIKE`` finds a superset of the rows (it folds case over
  all of Unicode, SQLite's ``LIKE`` only ASCII), so the filter re-checks each found row.
- PostgreSQL: a GIN ``gin_trgm_ops`` index, which ``ILIKE`` uses as it is; ``pg_trgm`` ships
  with the server but is an extension: where it cannot be created the migration leaves the
  index out and the filter scans, as before.

Migration 11. A pattern shorter than a trigram, or with a wildcard character of its own, is
not worth the index and is answered by the plain filter.
"""

from __future__ import annotations

import logging

from eventledger.store.connections import Database

logger = logging.getLogger(__name__)

_SQLITE = (
    "CREATE VIRTUAL TABLE evidence_fts USING fts5(text, content='evidence', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence BEGIN"
    " INSERT INTO evidence_fts (rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence BEGIN"
    " INSERT INTO evidence_fts (evidence_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER evidence_fts_update AFTER UPDATE OF text ON evidence BEGIN"
    " INSERT INTO evidence_fts (evidence_fts, rowid, text) VALUES ('delete', old.id, old.text);"
    " INSERT INTO evidence_fts (rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO evidence_fts (evidence_fts) VALUES ('rebuild')",
)


def migrate(conn: Database) -> None:
    """Migration 11: the trigram index of the evidence text (in the caller's transaction)."""
    if conn.dialect.name == "sqlite":
        for statement in _SQLITE:
            conn.execute(statement)
        return
    conn.execute("SAVEPOINT trigram")
    try:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.execute("CREATE INDEX evidence_text_trgm ON evidence USING gin (text gin_trgm_ops)")
    except Exception as exc:  # noqa: BLE001 - no extension: the filter scans, as before this migration
        conn.execute("ROLLBACK TO SAVEPOINT trigram")
        logger.warning("no trigram index of the evidence text (%s); text filters will scan it", exc)
    conn.execute("RELEASE SAVEPOINT trigram")


def usable(text: str) -> bool:
    """Whether the index can find ``text``: three characters or more, no wildcard of its own."""
    return len(text) >= 3 and not any(c in text for c in "%_\\\x00")


def sqlite_matches(text: str) -> tuple[str, list[str]]:
    """SQL selecting the ids of the events whose evidence holds ``text`` (a usable one), off the
    FTS5 trigram table and re-checked by SQLite's own ``LIKE``, with its parameters."""
    pattern = f"%{text}%"
    return (
        "SELECT event_id FROM evidence WHERE id IN (SELECT rowid FROM evidence_fts WHERE text LIKE ?) AND text LIKE ?",
        [pattern, pattern],
    )
