"""Summary tables behind facets and map points, kept in step with every write.

Facets aggregate every matching event and map points read the first located place of up to
20k events: at a million events either is seconds of scanning. So three derived tables hold
what they read, on the *effective* coding (a reviewer's correction over the machine's value,
exactly as ``store.queries`` filters):

- ``facet_counts``: events per (type, mode, status, decision, country);
- ``timeline_counts``: events with a time per (day, type, status, decision), and
  ``timeline_days`` the same per (day, decision) only;
- ``map_points``: one row per located event (position, type, mode, status, decision, time).

They are derived like ``review_state``: every path that changes an event's effective values
(``Store.save`` for ingest and ``--replace``, ``reviews._put_state`` for every review)
retracts the events' old contributions and adds the new ones inside its own transaction, so a
rolled-back write leaves them as they were. ``rebuild`` recounts them from scratch (the
migration that creates them, bulk loads, ``reviews.rebuild_state``). Counters are upserted in
key order, so two PostgreSQL writers never deadlock on them.

A filter on these dimensions only (type, status, decision, reviewed, include_rejected, and for
map points also mode and dates) is answered here; facets of any other filter are counted by
``store.queries``, and its map points read ``map_points`` with a check of each row's event.
"""

from __future__ import annotations

import dataclasses
import operator
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol, cast

from eventledger.store import keyed
from eventledger.store.connections import Database


class EventFilter(Protocol):
    """What this module reads of ``queries.EventFilter`` (named here: queries imports this module)."""

    @property
    def types(self) -> tuple[str, ...]: ...
    @property
    def modes(self) -> tuple[str, ...]: ...
    @property
    def statuses(self) -> tuple[str, ...]: ...
    @property
    def decisions(self) -> tuple[str, ...]: ...
    @property
    def date_from(self) -> str | None: ...
    @property
    def date_to(self) -> str | None: ...
    @property
    def bbox(self) -> tuple[float, float, float, float] | None: ...
    @property
    def actor(self) -> str | None: ...
    @property
    def place(self) -> str | None: ...
    @property
    def text(self) -> str | None: ...
    @property
    def reviewed(self) -> bool | None: ...
    @property
    def document_id(self) -> int | None: ...
    @property
    def include_rejected(self) -> bool: ...
    @property
    def min_confidence(self) -> float | None: ...


DECISIONS = ("unreviewed", "accepted", "corrected", "rejected", "merged")
HIDDEN = ("rejected", "merged")

# One row per event: its effective values. The first place (by id) with a country names the
# country, the first with coordinates is the map position unless a reviewer corrected it.
_FIRST_LOCATED = "SELECT {col} FROM event_places WHERE event_id = e.id AND lat IS NOT NULL ORDER BY id LIMIT 1"
EFFECTIVE = f"""SELECT e.id AS event_id, COALESCE(r.type, e.type) AS type, COALESCE(r.mode, e.mode, '') AS mode,
       COALESCE(r.status, e.status) AS status, COALESCE(r.decision, 'unreviewed') AS decision,
       COALESCE((SELECT country FROM event_places WHERE event_id = e.id AND country IS NOT NULL
                 ORDER BY id LIMIT 1), '') AS country,
       COALESCE(r.time_start, e.time_start) AS time_start,
       COALESCE(r.time_end, r.time_start, e.time_end, e.time_start) AS time_end,
       COALESCE(r.lat, ({_FIRST_LOCATED.format(col="lat")})) AS lat,
       COALESCE(r.lon, ({_FIRST_LOCATED.format(col="lon")})) AS lon
FROM events e LEFT JOIN review_state r ON r.event_id = e.id"""

FACET_KEYS = ("type", "mode", "status", "decision", "country")
TIMELINE_KEYS = ("day", "type", "status", "decision")
POINT_COLUMNS = ("event_id", "lat", "lon", "type", "mode", "status", "decision", "time_start", "time_end", "short")
# An interval within one calendar month is "short": one that overlaps [lo, hi] starts in lo's month
# or later, so a date filter reads a bounded range of the time index instead of all that went before.
_SHORT = "CASE WHEN length(time_start) >= 7 AND substr(time_start, 1, 7) = substr(time_end, 1, 7) THEN 1 ELSE 0 END"
_POINT_VALUES = (
    "event_id", "lat", "lon", "type", "mode", "status", "decision", "COALESCE(time_start, '')", "time_end", _SHORT,
)  # fmt: skip

_FILL = (
    f"""INSERT INTO facet_counts ({", ".join(FACET_KEYS)}, n)
        SELECT {", ".join(FACET_KEYS)}, COUNT(*) FROM ({EFFECTIVE}) AS x GROUP BY {", ".join(FACET_KEYS)}""",
    f"""INSERT INTO timeline_counts ({", ".join(TIMELINE_KEYS)}, n)
        SELECT substr(time_start, 1, 10), type, status, decision, COUNT(*) FROM ({EFFECTIVE}) AS x
        WHERE time_start IS NOT NULL GROUP BY substr(time_start, 1, 10), type, status, decision""",
    """INSERT INTO timeline_days (day, decision, n)
        SELECT day, decision, SUM(n) FROM timeline_counts GROUP BY day, decision""",
    f"""INSERT INTO map_points ({", ".join(POINT_COLUMNS)})
        SELECT {", ".join(_POINT_VALUES)} FROM ({EFFECTIVE}) AS x WHERE lat IS NOT NULL AND lon IS NOT NULL""",
)

# 6: the summary tables, filled from the events already stored.
SUMMARIES_MIGRATION: str = ";\n".join(
    (
        """CREATE TABLE facet_counts (
            type TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL, decision TEXT NOT NULL,
            country TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (type, mode, status, decision, country))""",
        """CREATE TABLE timeline_counts (
            day TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, decision TEXT NOT NULL,
            n INTEGER NOT NULL, PRIMARY KEY (day, type, status, decision))""",
        # The timeline of a filter on decisions only (the UI's first screen): a tenth of the rows.
        "CREATE TABLE timeline_days (day TEXT NOT NULL, decision TEXT NOT NULL, n INTEGER NOT NULL, "
        "PRIMARY KEY (day, decision))",
        "CREATE INDEX timeline_counts_type ON timeline_counts(type, status, decision, day, n)",
        """CREATE TABLE map_points (
            event_id INTEGER PRIMARY KEY, lat REAL NOT NULL, lon REAL NOT NULL, type TEXT NOT NULL,
            mode TEXT NOT NULL, status TEXT NOT NULL, decision TEXT NOT NULL, time_start TEXT NOT NULL,
            time_end TEXT, short INTEGER NOT NULL)""",
        # An event's first place in one index probe; SQLite's events index holds the id already,
        # PostgreSQL would otherwise walk the whole table in id order for ORDER BY id LIMIT 1.
        "CREATE INDEX event_places_first ON event_places(event_id, id)",
        # A PostgreSQL event list page reads its newest matches backwards off this (queries._union_top).
        "CREATE INDEX events_time_id ON events(time_start, id)",
        # Newest first, read off the index alone (it holds every column the map reads).
        """CREATE INDEX map_points_walk ON map_points(
            time_start, short, time_end, decision, status, type, mode, lat, lon, event_id)""",
        # The long intervals alone, for the second half of a date-filtered read (short = 0).
        """CREATE INDEX map_points_long ON map_points(
            time_start, time_end, decision, status, type, mode, lat, lon, event_id) WHERE short = 0""",
        """CREATE INDEX map_points_type ON map_points(
            type, time_start, short, time_end, decision, status, mode, lat, lon, event_id)""",
        """CREATE INDEX map_points_status ON map_points(
            status, time_start, short, time_end, decision, type, mode, lat, lon, event_id)""",
        *_FILL,
    )
)


# -- keeping them in step ----------------------------------------------------------------------
def rebuild(conn: Database) -> None:
    """Recount every summary from the stored events (inside the caller's transaction, if any),
    the per-key counters of ``store.keyed`` included."""
    for table in ("facet_counts", "timeline_counts", "timeline_days", "map_points"):
        conn.execute(f"DELETE FROM {table}")
    for sql in _FILL:
        conn.execute(sql)
    keyed.recount(conn, EFFECTIVE)


def keyed_migration(conn: Database) -> None:
    """Migration 8: the per-key counters of ``store.keyed``, counted from the stored events."""
    keyed.migrate(conn, EFFECTIVE)


def combos_migration(conn: Database) -> None:
    """Migration 10: the combo keys of ``store.keyed`` (two keyed filters at once), recounted."""
    keyed.migrate_combos(conn, EFFECTIVE)


def point_combos_migration(conn: Database) -> None:
    """Migration 13: each unreviewed map point's combo key (``store.keyed``), and its index."""
    keyed.migrate_point_combos(conn)


def retract_events(conn: Database, event_ids: Sequence[int]) -> None:
    """Take these events' current contributions out (before their effective values change)."""
    for chunk in _chunks(event_ids):
        _apply(conn, f"e.id IN ({','.join('?' * len(chunk))})", list(chunk), -1)


def add_events(conn: Database, event_ids: Sequence[int]) -> None:
    """Put these events' current contributions in (after their effective values changed)."""
    for chunk in _chunks(event_ids):
        _apply(conn, f"e.id IN ({','.join('?' * len(chunk))})", list(chunk), +1)


def retract_document(conn: Database, document_id: int) -> None:
    """Take a document's events out (before it is deleted or replaced)."""
    _apply(conn, "e.document_id = ?", [document_id], -1)


def add_document(conn: Database, document_id: int) -> None:
    """Put a freshly written document's events in."""
    _apply(conn, "e.document_id = ?", [document_id], +1)


def _apply(conn: Database, where: str, params: list[Any], sign: int) -> None:
    rows = conn.execute(f"{EFFECTIVE} WHERE {where}", params).fetchall()
    if not rows:
        return
    point_keys = keyed.apply(conn, rows, sign)
    facets: Counter[tuple[Any, ...]] = Counter()
    days: Counter[tuple[Any, ...]] = Counter()
    for r in rows:
        facets[tuple(r[k] for k in FACET_KEYS)] += sign
        if r["time_start"] is not None:
            days[(r["time_start"][:10], r["type"], r["status"], r["decision"])] += sign
    _bump(conn, "facet_counts", FACET_KEYS, facets)
    _bump(conn, "timeline_counts", TIMELINE_KEYS, days)
    rollup: Counter[tuple[Any, ...]] = Counter()
    for (day, _, _, decision), n in days.items():
        rollup[(day, decision)] += n
    _bump(conn, "timeline_days", ("day", "decision"), rollup)
    ids = [r["event_id"] for r in rows]
    if sign < 0:
        for chunk in _chunks(ids):
            conn.execute(f"DELETE FROM map_points WHERE event_id IN ({','.join('?' * len(chunk))})", list(chunk))
        return
    # with the event's keys and their combo (store.keyed), unreviewed only
    columns = (*POINT_COLUMNS, *keyed.POINT_KEYS, keyed.POINT_COMBO)
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    sql = (
        f"INSERT INTO map_points ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT (event_id) DO UPDATE SET {sets}"
    )
    key_dims = (*keyed.DIMS, keyed.COMBO)
    for r in rows:
        if r["lat"] is not None and r["lon"] is not None:
            start, end = r["time_start"] or "", r["time_end"]
            short = int(len(start) >= 7 and start[:7] == (end or "")[:7])
            ks = point_keys.get(r["event_id"], {})
            conn.execute(sql, [*(r[c] for c in POINT_COLUMNS[:7]), start, end, short, *map(ks.get, key_dims)])


_bump = keyed.bump
_chunks = keyed.chunks


# -- reading them -------------------------------------------------------------------------------
# Filter fields the summary tables are keyed by; any other field set sends a query to the scan.
# Listed positively so that a filter field added later falls back until a summary learns it.
_SUMMARISED = frozenset(
    {"types", "modes", "statuses", "date_from", "date_to", "reviewed", "decisions", "include_rejected"}
)


def _unsummarised(f: EventFilter) -> bool:
    fields = dataclasses.fields(cast(Any, f))  # a queries.EventFilter, a dataclass
    return any(getattr(f, x.name) != x.default for x in fields if x.name not in _SUMMARISED)


def answers_facets(f: EventFilter) -> bool:
    """Whether the facets of ``f`` can be read off the summary tables."""
    return not (_unsummarised(f) or f.modes or f.date_from or f.date_to)


def answers_points(f: EventFilter) -> bool:
    """Whether the map points of ``f`` can be read off ``map_points``."""
    return not _unsummarised(f)


def answers_count(f: EventFilter) -> bool:
    """Whether the number of events matching ``f`` can be read off ``facet_counts``."""
    return not (_unsummarised(f) or f.date_from or f.date_to)


def count(conn: Database, f: EventFilter) -> int:
    """``queries.count_events`` off ``facet_counts`` (only where ``answers_count(f)``): exact,
    one read of a table of a few hundred rows whatever the number of events."""
    where, params = _where(f, FACET_KEYS)
    row = conn.execute(f"SELECT CAST(SUM(n) AS BIGINT) FROM facet_counts WHERE {where}", params).fetchone()
    return int(row[0] or 0)


def decisions(f: EventFilter) -> list[str]:
    """The review decisions ``f`` lets through, as ``queries.arms`` selects them."""
    out = []
    if f.reviewed is not True and (not f.decisions or "unreviewed" in f.decisions):
        out.append("unreviewed")
    chosen = [d for d in f.decisions if d != "unreviewed"]
    if f.reviewed is not False and (chosen or not f.decisions):
        out += [d for d in DECISIONS[1:] if d in chosen] if chosen else [
            d for d in DECISIONS[1:] if f.include_rejected or d not in HIDDEN
        ]  # fmt: skip
    return out


def _where(f: EventFilter, dims: Sequence[str]) -> tuple[str, list[Any]]:
    parts, params = [], list[Any]()
    allowed = decisions(f)
    for column, values in (("type", f.types), ("mode", f.modes), ("status", f.statuses), ("decision", allowed)):
        if column == "decision" or values:
            if column not in dims:
                raise ValueError(f"{column} is not summarised here")
            parts.append(f"{column} IN ({','.join('?' * len(values))})" if values else "1 = 0")
            params += list(values)
    return " AND ".join(parts), params


def facets(conn: Database, f: EventFilter) -> dict[str, Any]:
    """``queries.facets`` off the summary tables (only where ``answers_facets(f)``)."""
    keys = ("type", "status", "mode", "decision", "country")
    out: dict[str, Any] = {k: {} for k in keys}
    where, params = _where(f, FACET_KEYS)
    for row in conn.execute(f"SELECT {', '.join(keys)}, n FROM facet_counts WHERE n <> 0 AND {where}", params):
        for key, value in zip(keys, row[:-1], strict=True):
            out[key][value] = out[key].get(value, 0) + row[-1]
    for key in keys:
        out[key] = dict(sorted(((k, v) for k, v in out[key].items() if v), key=lambda kv: (-kv[1], kv[0])))
    where, params = _where(f, TIMELINE_KEYS)
    table = "timeline_counts" if f.types or f.statuses else "timeline_days"
    out["timeline"] = [
        [d, int(n)]
        for d, n in conn.execute(
            f"""SELECT day, CAST(SUM(n) AS BIGINT) FROM {table} WHERE {where}
                GROUP BY day HAVING SUM(n) <> 0 ORDER BY day""",
            params,
        )
    ]
    out["total"] = sum(out["decision"].values())
    return out


# A check of ``map_points`` rows: (SQL on its columns, parameters, the table expression to read:
# ``map_points`` or, on SQLite, ``map_points INDEXED BY`` a key index).
Check = tuple[str, list[Any], str]


def points(conn: Database, f: EventFilter, limit: int, checks: Sequence[Check] | None = None) -> list[list[Any]]:
    """``queries.points`` off ``map_points``: the ``limit`` latest located events, sorted by id.

    ``checks`` (alternatives: a row is kept when one holds) further restrict the rows: how
    ``queries`` applies the filter fields that are not columns here. Each is read on its own,
    so that each can use its own index (the unreviewed rows by their keys, the reviewed by a probe).

    Under a date filter, short intervals (``_SHORT``) and the others are read separately, each
    newest first off a bounded stretch of the time index, and the newest of all kept
    (``_newest_first``).
    """
    sql, args = _newest_first(f, limit, checks, conn.dialect.name == "sqlite")
    rows = [row[:5] for row in conn.tuples(sql, args)]
    rows.sort(key=_first)  # ids are unique: the same order as sorting whole rows, faster
    return list(map(list, rows))


_first = operator.itemgetter(0)


def _point_arms(f: EventFilter, checks: Sequence[Check] | None, sqlite: bool = False) -> list[tuple[str, list[Any]]]:
    """The reads of ``points`` (see there), each with its parameters: one or two (dated) per
    check, each a plain SELECT whose rows an index yields newest first (``time_start``, the last
    column, is what they are merged by).

    SQLite is told to read the long intervals off their partial index (unless a check names its
    own): where there are none, ANALYZE records nothing for it and the planner walks every row
    before ``date_to`` instead."""
    base, base_params = _where(f, POINT_COLUMNS)
    out = []
    for check in [None] if checks is None else checks:
        where, params, table = base, base_params, "map_points"
        if check is not None:
            where, params, table = f"{base} AND {check[0]}", [*base_params, *check[1]], check[2]
        # Plain tuples in the response's shape ('' back to null in SQL): the Python side only sorts.
        select = f"SELECT event_id, lat, lon, type, NULLIF(time_start, '') AS day, time_start FROM {table} WHERE"
        if not (f.date_from or f.date_to):
            out.append((f"{select} {where}", list(params)))
            continue
        lo, hi = f.date_from or "", (f.date_to or "9999") + "~"  # the overlap test of store.queries
        long_points = "map_points INDEXED BY map_points_long" if sqlite and table == "map_points" else table
        out += [
            (f"{select} short = 1 AND time_start >= ? AND time_start <= ? AND time_end >= ? AND {where}",
             [lo[:7] or "0", hi, lo, *params]),
            (f"{select.replace(table, long_points)} short = 0 AND time_start > '' AND time_start <= ?"
             f" AND time_end >= ? AND {where}", [hi, lo, *params]),
        ]  # fmt: skip
    return out


def _newest_first(
    f: EventFilter, limit: int, checks: Sequence[Check] | None, sqlite: bool = False
) -> tuple[str, list[Any]]:
    """One statement: the ``limit`` newest rows of all the reads of ``_point_arms``.

    Several reads are one compound SELECT ordered by ``time_start`` alone: both engines merge
    its arms as each index yields them (SQLite's MERGE of co-routines, PostgreSQL's Merge
    Append) and stop at ``limit`` rows, so no arm is read past what is kept and nothing is
    sorted but the few rows of an arm no index orders (the reviewed ones, read by id). Rows of
    one day are taken in index order, as a single read takes them. (PostgreSQL is given each
    read cut to ``limit`` on its own: see below.)"""
    arms = _point_arms(f, checks, sqlite)
    if not arms:
        return "SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 1 = 0", []
    if sqlite or len(arms) == 1:
        sql = " UNION ALL ".join(sql for sql, _ in arms)
        return f"{sql} ORDER BY 6 DESC LIMIT ?", [*(a for _, params in arms for a in params), limit]
    # PostgreSQL appends the arms and sorts every row unless each is cut to ``limit`` first
    # (it plans no Merge Append when one arm, the reviewed rows, has no index order).
    sql = " UNION ALL ".join(
        f"SELECT * FROM ({sql} ORDER BY 6 DESC LIMIT ?) AS q{i}" for i, (sql, _) in enumerate(arms)
    )
    return f"{sql} ORDER BY 6 DESC LIMIT ?", [*(a for _, params in arms for a in (*params, limit)), limit]


def points_json(conn: Database, f: EventFilter, limit: int, checks: Sequence[Check] | None = None) -> str:
    """``points`` as the JSON text of its list, built by the database: the map's 20k markers cost
    no Python object each, neither to read nor to serialise (half the time of a map request).

    The same rows as ``points``, newest first rather than by id (the map does not care; a walk
    down the time index yields them so, and a sort of 20k rows is a third of the read)."""
    if checks is not None and not checks:
        return "[]"
    inner, args = _newest_first(f, limit, checks, conn.dialect.name == "sqlite")
    # Both engines aggregate a sorted subquery in its order (SQLite 3.40 has no ORDER BY inside an
    # aggregate; PostgreSQL's would sort the 20k rows again: a third of the request).
    if conn.dialect.name == "sqlite":
        sql = f"SELECT json_group_array(json_array(event_id, lat, lon, type, day)) FROM ({inner}) AS p"
    else:
        sql = "SELECT COALESCE(json_agg(json_build_array(event_id, lat, lon, type, day)), '[]')::text"
        sql += f" FROM ({inner}) AS p"
    return str(conn.execute(sql, args).fetchone()[0])


def candidates(conn: Database, f: EventFilter) -> tuple[int, int]:
    """(events passing the type, mode, status and decision part of ``f``, all events), from
    ``facet_counts`` in one small read: how selective the summarised part of a filter is, so
    that ``queries`` can choose between a probe per candidate event and one pass per child table."""
    where, params = _where(f, FACET_KEYS)
    row = conn.execute(
        f"SELECT CAST(SUM(CASE WHEN {where} THEN n ELSE 0 END) AS BIGINT), CAST(SUM(n) AS BIGINT) FROM facet_counts",
        params,
    ).fetchone()
    return int(row[0] or 0), int(row[1] or 0)
