"""Where documents, their raw bytes and everything extracted from them are kept.

SQLite is the embedded default (``eventledger.db`` in the working directory, or
``--db`` / ``EVENTLEDGER_DB``). Each document is written in one transaction.
"""

from __future__ import annotations

import os

from eventledger.store.sqlite import SQLiteStore

DEFAULT_DB = "eventledger.db"

__all__ = ["DEFAULT_DB", "SQLiteStore", "open_store", "resolve_db"]


def resolve_db(db: str | None) -> str:
    return db or os.environ.get("EVENTLEDGER_DB") or DEFAULT_DB


def open_store(db: str | None = None) -> SQLiteStore:
    return SQLiteStore(resolve_db(db))
