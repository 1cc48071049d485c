"""Where documents, their raw bytes and everything extracted from them are kept.

SQLite is the embedded default (``eventledger.db`` in the working directory, or
``--db`` / ``EVENTLEDGER_DB``); a ``postgresql://`` URL there selects PostgreSQL, with the
same schema. Each document is written in one transaction.
"""

from __future__ import annotations

import os

from eventledger.store.base import Store
from eventledger.store.postgres import PostgresStore, is_postgres_url
from eventledger.store.sqlite import SQLiteStore

DEFAULT_DB = "eventledger.db"

__all__ = ["DEFAULT_DB", "PostgresStore", "SQLiteStore", "Store", "open_store", "resolve_db"]


def resolve_db(db: str | None) -> str:
    """The database to use: ``db``, else ``$EVENTLEDGER_DB``, else ``./eventledger.db``."""
    return db or os.environ.get("EVENTLEDGER_DB") or DEFAULT_DB


def open_store(db: str | None = None) -> Store:
    """The engine-level store for ``db`` (SQLite path or PostgreSQL URL), created and migrated if needed."""
    target = resolve_db(db)
    return PostgresStore(target) if is_postgres_url(target) else SQLiteStore(target)
