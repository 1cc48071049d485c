"""The throwaway PostgreSQL fixtures themselves: a real server, C collation, one database per test."""

from __future__ import annotations

import psycopg
import pytest

_seen: dict[str, str] = {}


def _use_database(url: str, test: str) -> None:
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE events (id integer PRIMARY KEY, title text NOT NULL)")
        conn.cursor().executemany("INSERT INTO events VALUES (%s, %s)", [(1, "b"), (2, "B"), (3, "a"), (4, "é")])
        # C collation: byte order, as SQLite sorts, not the locale-aware order of en_US.
        assert [r[0] for r in conn.execute("SELECT title FROM events ORDER BY title")] == ["B", "a", "b", "é"]
        (collate,) = conn.execute(
            "SELECT datcollate FROM pg_database WHERE datname = current_database()"
        ).fetchone()  # `SHOW lc_collate` says the same on PostgreSQL <= 15 but is gone in 16
        assert collate == "C"
        (name,) = conn.execute("SELECT current_database()").fetchone()
        _seen[test] = name


@pytest.mark.parametrize("test", ["first", "second"])
def test_each_test_gets_its_own_empty_database(postgres_url: str, test: str) -> None:
    _use_database(postgres_url, test)  # would fail on CREATE TABLE if the other test's database were reused
    if len(_seen) == 2:
        assert _seen["first"] != _seen["second"]


def test_database_is_dropped_after_the_test(postgres_server, postgres_url: str) -> None:
    with psycopg.connect(postgres_server.url) as conn:
        names = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
    assert psycopg.conninfo.conninfo_to_dict(postgres_url)["dbname"] in names
    assert not set(_seen.values()) & names, "an earlier test's database was left behind"
