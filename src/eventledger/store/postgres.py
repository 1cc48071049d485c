"""PostgreSQL, for a shared or large database: ``--db postgresql://user@host/dbname``.

Same schema, same migrations, same SQL as SQLite (see ``connections``); several ingest
processes may write to one database, their write transactions queue on one advisory lock.
"""

from __future__ import annotations

import re

from eventledger.errors import StoreError
from eventledger.store.base import Store
from eventledger.store.connections import PostgresConnection

SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(db: str) -> bool:
    """Whether ``target`` names a PostgreSQL database rather than a SQLite file."""
    return db.startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresStore(Store):
    """The store on PostgreSQL: the same schema, several writers queued on an advisory lock."""

    def __init__(self, url: str) -> None:
        try:
            conn = PostgresConnection(url)
        except Exception as exc:  # psycopg's errors, and libpq's refusal of a malformed URL
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot connect to {redact(url)}: {first}") from exc
        super().__init__(conn, redact(url))
        self.migrate()
