"""One connection interface over SQLite and PostgreSQL, so the store's SQL is written once.

The store's modules speak the sqlite3 API (``execute`` with ``?`` placeholders, rows readable
by index and by column name, ``in_transaction``) in the SQL both engines share. What differs
sits here, and only here: how a write transaction starts (SQLite's ``BEGIN IMMEDIATE``; one
advisory lock in Postgres, so concurrent writers queue the same way), how a JSON field is read,
case-insensitive ``LIKE``, a cheap "has anything changed" stamp, a query given a time budget,
and the column types in the migrations (``INTEGER PRIMARY KEY`` ids become identity columns,
``REAL`` double precision, ``BLOB`` bytea). The schema and its migrations stay one list.
"""

from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from eventledger.errors import StoreError

WRITE_LOCK = 7_734_201  # the Postgres advisory lock id every write transaction takes


class Row(Protocol):
    """A result row, read by column name or position (sqlite3.Row, or ours for psycopg)."""

    def __getitem__(self, key: int | str) -> Any: ...
    def keys(self) -> list[str]: ...
    def __iter__(self) -> Iterator[Any]: ...
    def __len__(self) -> int: ...


class Cursor(Protocol):
    """What ``execute`` returns: rows to fetch or iterate."""

    rowcount: int

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


@dataclass(frozen=True, slots=True)
class Dialect:
    """The few spellings that differ between the engines."""

    name: str
    like: str  # a case-insensitive LIKE
    json_template: str  # "{col}" and "{key}": the text of one top-level field of a JSON column
    fold_template: str = "{x}"  # "{x}": the text without accents, lower case as ``like`` compares (``fold`` in SQL)

    def fold(self, expression: str) -> str:
        """SQL for ``expression`` folded as ``fold_text`` folds a pattern: "Bogotá" and "BOGOTA" read "bogota"."""
        return self.fold_template.format(x=expression)

    def json_text(self, column: str, key: str) -> str:
        """SQL for the text of top-level field ``key`` of JSON column ``column`` (a plain key only)."""
        if not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise ValueError(f"not a plain JSON key: {key!r}")
        return self.json_template.format(col=column, key=key)


def fold_text(text: str) -> str:
    """``text`` without combining accents, case-folded: what an accent-insensitive filter compares.

    ASCII text has no accents and casefolds as it lowercases: that shortcut makes SQLite's
    ``el_fold`` (called per place row by a place filter) several times cheaper."""
    if text.isascii():
        return text.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _translate_pairs() -> tuple[str, str]:
    """Latin letters with accents and their bare letters, one to one (for PostgreSQL's ``translate``)."""
    pairs = [(chr(i), fold_text(chr(i))) for i in range(0xC0, 0x250)]
    kept = [(a, b) for a, b in pairs if len(b) == 1 and b.isascii() and b.isalpha() and a != b and a.lower() != b]
    return "".join(a for a, _ in kept), "".join(b for _, b in kept)


_ACCENTED, _BARE = _translate_pairs()
# SQLite's LIKE ignores ASCII case, so ASCII text (as many characters as UTF-8 bytes) is compared
# as it is and only the rest pays for a call of the Python ``el_fold``: a place filter reads a
# few columns of every candidate place row.
SQLITE = Dialect(
    "sqlite", "LIKE", "json_extract({col}, '$.{key}')",
    "(CASE WHEN length({x}) = length(CAST({x} AS BLOB)) THEN {x} ELSE el_fold({x}) END)",
)  # fmt: skip
# No extension needed (unaccent is not always installed): accented Latin letters mapped one to one.
POSTGRES = Dialect(
    "postgresql", "ILIKE", "(({col})::jsonb ->> '{key}')", f"lower(translate({{x}}, '{_ACCENTED}', '{_BARE}'))"
)


class Database(Protocol):
    """What the store's modules need from a connection, whichever engine is behind it."""

    dialect: Dialect

    @property
    def in_transaction(self) -> bool: ...
    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...
    def tuples(self, sql: str, parameters: Sequence[Any] = ..., /) -> list[tuple[Any, ...]]: ...
    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]], /) -> None: ...
    def begin_write(self) -> None: ...
    def data_version(self) -> Any: ...
    def first_within(self, sql: str, parameters: Sequence[Any], seconds: float) -> Any | None: ...
    def ddl(self, statement: str) -> str: ...
    def close(self) -> None: ...


class SQLiteConnection(sqlite3.Connection):
    """sqlite3's own connection, with the engine-specific operations named."""

    dialect = SQLITE

    def tuples(self, sql: str, parameters: Sequence[Any] = (), /) -> list[tuple[Any, ...]]:
        """Every row as a plain tuple: no ``Row`` object per row, for reads of thousands of rows."""
        cursor = self.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, parameters).fetchall()

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]], /) -> None:
        """One statement run for each row of parameters (counter upserts: one call, not one per row)."""
        self.executemany(sql, rows)

    def begin_write(self) -> None:
        """Start a write transaction, waiting for the database's single writer slot."""
        self.execute("BEGIN IMMEDIATE")  # take the write lock up front: writers queue, never fail half way

    def data_version(self) -> Any:
        """A value that changes when another connection commits (caches compare it)."""
        return self.execute("PRAGMA data_version").fetchone()[0]

    def first_within(self, sql: str, parameters: Sequence[Any], seconds: float) -> Any | None:
        """The first column of the first row, or None if the query runs past ``seconds``."""
        deadline = time.perf_counter() + seconds
        self.set_progress_handler(lambda: time.perf_counter() > deadline, 2000)
        try:
            return self.execute(sql, parameters).fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
            return None
        finally:
            self.set_progress_handler(None, 0)

    def ddl(self, statement: str) -> str:
        """A schema statement in this engine's spelling."""
        return statement


MMAP_BYTES = 1 << 30
CACHE_KIB = 16 * 1024


def connect_sqlite(path: str) -> SQLiteConnection:
    """A SQLite connection in autocommit mode (transactions are explicit) with rows by name."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=30, factory=SQLiteConnection)
    conn.row_factory = sqlite3.Row
    # Filters off the summaries probe rows by id all over a large file: 2 MB of page cache (the
    # default) rereads most pages through read(2). Memory-mapped pages are the OS's cache, shared
    # by every connection; each connection keeps 16 MB of its own.
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.create_function("el_fold", 1, lambda t: fold_text(t) if isinstance(t, str) else t, deterministic=True)
    return conn


# -- PostgreSQL ---------------------------------------------------------------------------------
_PG_TYPES = [
    (re.compile(r"\bid(\s+)INTEGER PRIMARY KEY\b"), r"id\1BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
]


def postgres_ddl(statement: str) -> str:
    """A migration statement in Postgres's types: 64-bit integers, identity ids, doubles, bytea."""
    for pattern, repl in _PG_TYPES:
        statement = pattern.sub(repl, statement)
    return statement


@lru_cache(maxsize=1024)
def postgres_placeholders(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (and a literal ``%`` doubled), quotes left alone."""
    out, quote = [], ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


class PgRow:
    """A result row read like ``sqlite3.Row``: by position, by column name, ``keys()``, ``dict(row)``."""

    __slots__ = ("_values", "_index")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = tuple(values)
        self._index = index

    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        """The column names."""
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PgRow) and self._values == other._values and self._index == other._index

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"PgRow({dict(zip(self._index, self._values, strict=False))!r})"


def _row_factory(cursor: Any) -> Any:
    index = {d.name: i for i, d in enumerate(cursor.description or ())}
    return lambda values: PgRow(values, index)


def _store_error(exc: Exception) -> StoreError:
    return StoreError(f"PostgreSQL: {str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}")


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value  # flags are INTEGER columns, as in SQLite


class PostgresConnection:
    """A psycopg 3 connection behind the sqlite3-shaped interface above.

    Autocommit, like the SQLite connection: a write path opens its transaction explicitly
    (``store.transactions.transaction``). Parameters are bound client-side, so ``?`` works in
    any position (``LIMIT ?``, a select list) as it does in SQLite. Driver errors become
    ``StoreError`` with the server's message, so a bad document is reported, not a traceback.
    """

    dialect = POSTGRES

    def __init__(self, url: str) -> None:
        import psycopg

        self._psycopg = psycopg
        self._conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor)
        self._conn.row_factory = _row_factory

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on this connection."""
        return self._conn.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        """Run one statement with ``?`` placeholders."""
        try:
            return self._run(sql, parameters)
        except self._psycopg.Error as exc:
            raise _store_error(exc) from exc

    def tuples(self, sql: str, parameters: Sequence[Any] = (), /) -> list[tuple[Any, ...]]:
        """Every row as a plain tuple: no ``PgRow`` per row, for reads of thousands of rows."""
        try:
            cursor = self._conn.cursor(row_factory=self._psycopg.rows.tuple_row)
            return cursor.execute(postgres_placeholders(sql), tuple(_plain(p) for p in parameters)).fetchall()
        except self._psycopg.Error as exc:
            raise _store_error(exc) from exc

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]], /) -> None:
        """One statement run for each row of parameters, pipelined by psycopg (no round trip per row)."""
        try:
            self._conn.cursor().executemany(postgres_placeholders(sql), [tuple(_plain(p) for p in row) for row in rows])
        except self._psycopg.Error as exc:
            raise _store_error(exc) from exc

    def _run(self, sql: str, parameters: Sequence[Any]) -> Any:
        return self._conn.execute(postgres_placeholders(sql), tuple(_plain(p) for p in parameters))

    def begin_write(self) -> None:
        """Start a write transaction, waiting for the database's single writer slot."""
        self.execute("BEGIN")
        self.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))

    def data_version(self) -> Any:
        """A value that changes when another connection commits (caches compare it)."""
        return self.execute("SELECT pg_current_wal_insert_lsn()::text").fetchone()[0]

    def first_within(self, sql: str, parameters: Sequence[Any], seconds: float) -> Any | None:
        """The first column of the first row, or None if the query runs past ``seconds``."""
        ms = max(1, int(seconds * 1000))
        self.execute(f"SET statement_timeout = {ms}")
        try:
            return self._run(sql, parameters).fetchone()[0]
        except self._psycopg.errors.QueryCanceled:
            return None
        except self._psycopg.Error as exc:
            raise _store_error(exc) from exc
        finally:
            for _ in range(5):  # under load the reset itself may outlast a 1 ms timeout: try again
                try:
                    self._run("SET statement_timeout = 0", ())
                    break
                except self._psycopg.errors.QueryCanceled:
                    continue

    def ddl(self, statement: str) -> str:
        """A schema statement in this engine's spelling."""
        return postgres_ddl(statement)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


def upsert(table: str, columns: Sequence[str], key: Sequence[str]) -> str:
    """An INSERT that overwrites the row with the same ``key``, in the syntax both engines read."""
    cols = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
    return f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}"
