"""SQLite, the embedded default: one file, safe to kill, readable by any SQLite tool.

WAL mode keeps readers (the API, Datasette) unblocked while a batch is being written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from eventledger.errors import StoreError
from eventledger.store.base import Store
from eventledger.store.connections import MMAP_BYTES, Database, connect_sqlite


class SQLiteStore(Store):
    """The store in one SQLite file (WAL mode; one writer, many readers)."""

    def __init__(self, path: str | Path) -> None:
        name = str(path)
        try:
            if name != ":memory:":
                Path(name).parent.mkdir(parents=True, exist_ok=True)
            conn = connect_sqlite(name)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # Read pages straight from the OS cache: a million-event file read through the default
            # 2 MB page cache spends most of a map or facet query in read() calls.
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            super().__init__(cast(Database, conn), name)  # sqlite3 types its parameters more narrowly
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {name}: {exc} (is it an SQLite file?)") from exc

    @contextmanager
    def ingesting(self) -> Iterator[None]:
        """No memory map while ingesting: reads go through the bounded page cache instead.

        Every mapped page a process touches counts in its resident size, and the writer touches
        the whole file (the copy index loads every fingerprint, dedup reads events all over it),
        so with a map its memory grew with the database (about 10 KB per document). Without
        one, ingest CPU was the same within noise (500 documents into a 3,000-document store:
        6.5-7.3 ms per document either way) and the OS still caches the file.
        """
        self.conn.execute("PRAGMA mmap_size = 0")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")

    def own_files(self) -> set[str]:
        """The database file and its WAL and shared-memory files."""
        if self.path == ":memory:":
            return set()
        base = str(Path(self.path).resolve())
        return {base + suffix for suffix in ("", "-wal", "-shm", "-journal")}
