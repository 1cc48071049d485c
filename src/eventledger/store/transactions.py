"""The one way the store's modules open a transaction, and the timestamp they write.

The connection runs in autocommit mode, so every write path opens its own write
transaction (taking the write lock up front, so two writers queue instead of failing half
way) and a nested call joins the transaction already open instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from eventledger.store.connections import Database


@contextmanager
def transaction(conn: Database) -> Iterator[None]:
    """One transaction around a block, or none when the caller already holds one."""
    if conn.in_transaction:
        yield
        return
    conn.begin_write()
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def now() -> str:
    """UTC, to the second, ISO 8601: readable in Datasette and sortable as text."""
    return datetime.now(UTC).isoformat(timespec="seconds")
