"""Facet and timeline counts per actor, place, country and admin-area key, for filtered facets.

The UI's facets under an actor, place, country or admin filter aggregate every matching event:
at a million events a common name ("police", a capital) matches a hundred thousand of them and
the scan takes a second. These are substring filters, so no counter can be keyed by the typed
text; but they are filters on a *set* of strings per event, and events share few such sets. So
each unreviewed event gets, per dimension, a key: the sorted set of the strings its filter reads,
joined by a separator (``sig``). A filter matches an event exactly when it matches one element,
which is when ``sig LIKE pattern`` holds (the pattern is the list filter's own, with the same
operator and folding, and cannot span the separator). The counters below are per key: a filter
reads the keys that match (one pass over the distinct sets, not the events) and sums their rows.

- ``filter_keys``: (dim, sig) -> id, ``digest`` keeping the unique index small for long sets;
- ``key_facets``: events per (key, type, mode, status, first country);
- ``key_timeline``: events with a time per (key, type, status, day); ``key_days`` per (key, day);
- ``key_combos`` (migration 10): an event with keys in two or more dimensions also gets a *combo*
  key (dim ``combo``: the tuple of its keys), counted like the others; ``key_combos`` names each
  combo's keys. Two keyed filters at once (an actor in a country) read the combos whose keys
  match both, never the events: at a million events the intersection of two common keys is a
  hundred thousand probes, their combos a handful of counter rows.
- ``map_points.combo_key`` (migration 13): an unreviewed point's combo, indexed like the other
  keys, so the map under two keyed filters reads the matching combos' points alone, newest first
  and no more than it keeps, rather than every point of one key with the others checked.

Only *unreviewed* events are counted: their effective values are the machine's rows, which
these keys read. Reviewed events (few; a correction may replace an event's actors or location)
are aggregated live by ``store.queries``, as the list's reviewed arm filters them. The counters
are maintained by ``store.summaries._apply`` in the write's own transaction (a review retracts
the event here, as it leaves the unreviewed arm) and recounted by ``rebuild``.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from eventledger.store.connections import Database, Dialect

DIMS = ("actor", "place", "country", "admin")
SEP = "\x1f"  # between the elements of a key; a filter holding it is not answered here
COMBO = "combo"  # the dim of an event's tuple of keys (two or more dimensions)
COMBO_SEP = "\x1e"  # between the dimensions' keys in a combo's sig (never inside a key's sig)

_TABLES = (
    "CREATE TABLE filter_keys (id INTEGER PRIMARY KEY, dim TEXT NOT NULL, digest TEXT NOT NULL, sig TEXT NOT NULL,"
    " UNIQUE (dim, digest))",
    "CREATE TABLE key_facets (key_id INTEGER NOT NULL, type TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL,"
    " country TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key_id, type, mode, status, country))",
    "CREATE TABLE key_timeline (key_id INTEGER NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,"
    " day TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key_id, type, status, day))",
    "CREATE TABLE key_days (key_id INTEGER NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key_id, day))",
)
COUNTERS = ("key_facets", "key_timeline", "key_days")
POINT_KEYS = tuple(f"{dim}_key" for dim in DIMS)  # map_points' columns: an unreviewed event's key per dimension
POINT_COMBO = "combo_key"  # and its combo's (migration 13)


def migrate(conn: Database, effective: str) -> None:
    """Migration 8: create the tables and count the events already stored (in the caller's
    transaction); ``effective`` is ``summaries.EFFECTIVE`` (summaries imports this module).

    On SQLite the counters are WITHOUT ROWID: a key's rows are one contiguous read of the primary key.
    The combos come with migration 10 (``migrate_combos``), which recounts."""
    for i, statement in enumerate(_TABLES):
        rowid = " WITHOUT ROWID" if i and conn.dialect.name == "sqlite" else ""
        conn.execute(conn.ddl(statement) + rowid)
    for column in POINT_KEYS:  # a filtered map reads these instead of probing each candidate's actors and places
        conn.execute(conn.ddl(f"ALTER TABLE map_points ADD COLUMN {column} INTEGER"))
    recount(conn, effective, combos=False)


_COMBO_TABLE = (
    "CREATE TABLE key_combos (key_id INTEGER NOT NULL PRIMARY KEY, actor_key INTEGER, place_key INTEGER,"
    " country_key INTEGER, admin_key INTEGER)"
)


def point_key_index(column: str) -> str:
    """The index of ``map_points`` by one dimension's key: every column the map reads and the
    other dimensions' keys (two keyed filters are checked off the index too)."""
    others = ", ".join(c for c in POINT_KEYS if c != column)
    return (
        f"CREATE INDEX map_points_{column} ON map_points({column}, short, time_start, time_end, decision, status,"
        f" type, mode, lat, lon, event_id, {others})"
    )


def migrate_combos(conn: Database, effective: str) -> None:
    """Migration 10: ``key_combos``, one index per dimension's key (a filter's matching keys find
    their combos), and a recount that adds every stored event's combo."""
    conn.execute(conn.ddl(_COMBO_TABLE))
    for column in POINT_KEYS:
        conn.execute(f"CREATE INDEX key_combos_{column} ON key_combos({column}, key_id)")
        # The map under a keyed filter reads the matching keys' rows alone, newest first, off the
        # index (it holds every column the map reads), rather than walking every newer point.
        conn.execute(point_key_index(column))
    recount(conn, effective, combos_only=True)


# Every column the map reads: a point's combo read newest first off the index alone.
_POINT_COMBO_INDEX = (
    "CREATE INDEX map_points_combo_key ON map_points(combo_key, short, time_start, time_end, decision, status, type,"
    " mode, lat, lon, event_id) WHERE combo_key IS NOT NULL"
)


def migrate_point_combos(conn: Database) -> None:
    """Migration 13: ``map_points.combo_key``, filled from the stored keys (each unreviewed
    point's tuple of keys is the one ``key_combos`` names), and its index.

    The tuples are matched in Python (a dict of the combos; few next to the points) and written
    through a staging table in one UPDATE ... FROM, which both engines run as one join."""
    conn.execute(conn.ddl(f"ALTER TABLE map_points ADD COLUMN {POINT_COMBO} INTEGER"))
    combos = {tuple(r[1:]): r[0] for r in conn.tuples(f"SELECT key_id, {', '.join(POINT_KEYS)} FROM key_combos")}
    conn.execute("CREATE TEMP TABLE stage_combo_keys (event_id BIGINT PRIMARY KEY, combo_key BIGINT NOT NULL)")
    rows = conn.tuples(f"SELECT event_id, {', '.join(POINT_KEYS)} FROM map_points WHERE decision = 'unreviewed'")
    found = [[r[0], combos[tuple(r[1:])]] for r in rows if tuple(r[1:]) in combos]
    if found:
        conn.execute_many("INSERT INTO stage_combo_keys VALUES (?, ?)", found)
    conn.execute(
        f"UPDATE map_points SET {POINT_COMBO} = s.combo_key FROM stage_combo_keys s"
        " WHERE s.event_id = map_points.event_id"
    )
    conn.execute("DROP TABLE stage_combo_keys")
    conn.execute(_POINT_COMBO_INDEX)


# PostgreSQL keeps the counters in heap order, so a key's timeline (a row per day) is a heap page
# per row: thousands of random reads under a common key. These let it read them off the index.
_COVERING = (
    "CREATE INDEX key_days_cover ON key_days (key_id, day) INCLUDE (n)",
    "CREATE INDEX key_timeline_cover ON key_timeline (key_id, status, type, day) INCLUDE (n)",
)


def migrate_covering(conn: Database) -> None:
    """Migration 15: covering indexes of the timeline counters on PostgreSQL (SQLite's tables are
    WITHOUT ROWID: a key's rows are contiguous in the table itself)."""
    if conn.dialect.name == "postgresql":
        for statement in _COVERING:
            conn.execute(statement)


_KEYS = {
    "key_facets": ("key_id", "type", "mode", "status", "country"),
    "key_timeline": ("key_id", "type", "status", "day"),
    "key_days": ("key_id", "day"),
}


def recount(
    conn: Database, effective: str, chunk: int = 20_000, combos: bool = True, combos_only: bool = False
) -> None:
    """Recount the counters and ``map_points``' keys from the stored events (keys already
    present are reused), reading each event's values with ``effective`` (``summaries.EFFECTIVE``).
    ``combos_only`` counts the combos alone into counters that hold none (migration 10): the
    other keys' rows and ``map_points`` are left as they are.

    Each chunk's counts go to a staging table and are summed into the counters once at the end:
    upserting every chunk into them would leave PostgreSQL a dead row version per update, which
    no vacuum can reclaim inside this one transaction (a 1M-event recount left ``key_days``
    twenty times its size, and every read of it slow)."""
    for table in COUNTERS:
        if not combos_only:
            conn.execute(f"DELETE FROM {table}")
        conn.execute(f"CREATE TEMP TABLE stage_{table} AS SELECT * FROM {table} WHERE 1 = 0")
    # Migration 8 (no combos) runs before map_points has a combo column; a rebuild sets it too.
    columns = (*POINT_KEYS, POINT_COMBO) if combos else POINT_KEYS
    nulls = ", ".join(f"{c} = NULL" for c in columns)
    if not combos_only:
        conn.execute(f"UPDATE map_points SET {nulls} WHERE decision <> 'unreviewed'")
    update = f"UPDATE map_points SET {', '.join(f'{c} = ?' for c in columns)} WHERE event_id = ?"
    dims = (*DIMS, COMBO) if combos else DIMS
    top = conn.execute("SELECT MAX(id) FROM events").fetchone()[0] or 0
    cache: dict[tuple[str, str], int] = {}
    for lo in range(0, top + 1, chunk):
        rows = conn.execute(
            f"{effective} WHERE e.id >= ? AND e.id < ? AND r.event_id IS NULL", [lo, lo + chunk]
        ).fetchall()
        counts, keys = _count(conn, rows, +1, cache, combos, COMBO if combos_only else None)
        for table, deltas in counts.items():
            if deltas:
                marks = ", ".join("?" * (len(_KEYS[table]) + 1))
                conn.execute_many(f"INSERT INTO stage_{table} VALUES ({marks})", [[*k, n] for k, n in deltas.items()])
        if keys and not combos_only:
            conn.execute_many(update, [[*(k.get(d) for d in dims), eid] for eid, k in sorted(keys.items())])
    for table, cols in _KEYS.items():
        keys_sql = ", ".join(cols)
        conn.execute(
            f"INSERT INTO {table} ({keys_sql}, n) SELECT {keys_sql}, SUM(n) FROM stage_{table}"
            f" GROUP BY {keys_sql} HAVING SUM(n) <> 0"
        )
        conn.execute(f"DROP TABLE stage_{table}")


# -- keeping them in step ----------------------------------------------------------------------
def apply(
    conn: Database, rows: Sequence[Any], sign: int, cache: dict[tuple[str, str], int] | None = None
) -> dict[int, dict[str, int]]:
    """Add (+1) or retract (-1) these events' contributions; ``rows`` are ``summaries.EFFECTIVE``
    rows, of which only the unreviewed count here. Returns each counted event's key id per
    dimension and its combo's (under ``COMBO``): what ``map_points`` stores."""
    counts, keys = _count(conn, rows, sign, cache)
    for table, deltas in counts.items():
        bump(conn, table, _KEYS[table], deltas)
    return keys


def _count(
    conn: Database,
    rows: Sequence[Any],
    sign: int,
    cache: dict[tuple[str, str], int] | None,
    combos: bool = True,
    only: str | None = None,
) -> tuple[dict[str, Counter[tuple[Any, ...]]], dict[int, dict[str, int]]]:
    """The counter deltas of the unreviewed ``rows`` per table (of the ``only`` dimension's keys
    when given), and each event's key id per dimension and its combo's (under ``COMBO``)."""
    rows = [r for r in rows if r["decision"] == "unreviewed"]
    counts: dict[str, Counter[tuple[Any, ...]]] = {table: Counter() for table in _KEYS}
    if not rows:
        return counts, {}
    sigs = signatures(conn, [r["event_id"] for r in rows])
    if combos:
        for per_dim in sigs.values():
            if len(per_dim) > 1:
                per_dim[COMBO] = combo_sig(per_dim)
    ids, looked_up = _key_ids(conn, {(dim, sig) for per_dim in sigs.values() for dim, sig in per_dim.items()}, cache)
    _link_combos(conn, ids, {sig for dim, sig in looked_up if dim == COMBO})
    facets, timeline, days = counts["key_facets"], counts["key_timeline"], counts["key_days"]
    for r in rows:
        day = r["time_start"][:10] if r["time_start"] is not None else None
        for dim, sig in sigs.get(r["event_id"], {}).items():
            if only is not None and dim != only:
                continue
            k = ids[(dim, sig)]
            facets[(k, r["type"], r["mode"], r["status"], r["country"])] += sign
            if day is not None:
                timeline[(k, r["type"], r["status"], day)] += sign
                days[(k, day)] += sign
    return counts, {eid: {dim: ids[(dim, sig)] for dim, sig in per_dim.items()} for eid, per_dim in sigs.items()}


def combo_sig(per_dim: dict[str, str]) -> str:
    """The sig of an event's combo: its keys' sigs in ``DIMS`` order, an absent dimension empty
    (sigs, not ids, so that it names the same tuple in every database)."""
    return COMBO_SEP.join(per_dim.get(dim, "") for dim in DIMS)


def _link_combos(conn: Database, ids: dict[tuple[str, str], int], sigs: Iterable[str]) -> None:
    """Name each combo's keys in ``key_combos`` (once; a combo read from the cache is there already)."""
    rows = []
    for sig in sorted(sigs):
        parts = sig.split(COMBO_SEP)
        rows.append(
            [ids[(COMBO, sig)], *(ids[(dim, part)] if part else None for dim, part in zip(DIMS, parts, strict=True))]
        )
    if rows:
        conn.execute_many(
            "INSERT INTO key_combos (key_id, actor_key, place_key, country_key, admin_key) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (key_id) DO NOTHING",
            rows,
        )


def signatures(conn: Database, event_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """Each event's key per dimension (a dimension it has no strings in is left out): the
    strings the list filters' machine probes compare, folded as they fold them."""
    fold = conn.dialect.fold
    elements: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for part in chunks(event_ids):
        m = ",".join("?" * len(part))
        for eid, text, normalised in conn.tuples(
            f"SELECT event_id, text, normalised FROM event_actors WHERE event_id IN ({m})", list(part)
        ):
            elements[eid]["actor"].update(v for v in (text, normalised) if v is not None)
        for eid, name, path, admin1, country in conn.tuples(
            f"SELECT event_id, {fold('name')}, {fold('admin_path')}, {fold('admin1')}, country"
            f" FROM event_places WHERE event_id IN ({m})",
            list(part),
        ):
            elements[eid]["place"].update(v for v in (name, path, admin1, country) if v is not None)
            elements[eid]["admin"].update(v for v in (admin1, path) if v is not None)
            if country is not None:
                elements[eid]["country"].add(country)
    return {
        eid: {dim: SEP + SEP.join(sorted(values)) + SEP for dim, values in dims.items() if values}
        for eid, dims in elements.items()
    }


def _key_ids(
    conn: Database, wanted: Iterable[tuple[str, str]], cache: dict[tuple[str, str], int] | None
) -> tuple[dict[tuple[str, str], int], set[tuple[str, str]]]:
    """The id of each (dim, sig), added to ``filter_keys`` when new (keys are never removed:
    a key whose counts fell to zero is read and skipped), and which of them were not cached."""
    out: dict[tuple[str, str], int] = {}
    looked_up: set[tuple[str, str]] = set()
    for dim, sig in sorted(wanted):  # one lock order for every writer
        if cache is not None and (dim, sig) in cache:
            out[(dim, sig)] = cache[(dim, sig)]
            continue
        looked_up.add((dim, sig))
        digest = hashlib.sha1(sig.encode("utf-8", "surrogatepass")).hexdigest()
        row = conn.execute("SELECT id FROM filter_keys WHERE dim = ? AND digest = ?", (dim, digest)).fetchone()
        if row is None:
            row = conn.execute(
                "INSERT INTO filter_keys (dim, digest, sig) VALUES (?, ?, ?) RETURNING id", (dim, digest, sig)
            ).fetchone()
        out[(dim, sig)] = int(row[0])
        if cache is not None:
            cache[(dim, sig)] = out[(dim, sig)]
    return out, looked_up


def bump(conn: Database, table: str, keys: Sequence[str], deltas: Counter[tuple[Any, ...]]) -> None:
    """Add ``deltas`` to the counter rows of ``table`` keyed by ``keys`` (upserts in key order,
    so two PostgreSQL writers never deadlock on them)."""
    sql = (
        f"INSERT INTO {table} ({', '.join(keys)}, n) VALUES ({', '.join('?' * (len(keys) + 1))})"
        f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET n = {table}.n + excluded.n"
    )
    rows = [[*key, deltas[key]] for key in sorted(deltas) if deltas[key]]
    if rows:
        conn.execute_many(sql, rows)


def chunks(ids: Sequence[int], size: int = 500) -> list[Sequence[int]]:
    """``ids`` in slices small enough for one ``IN (...)`` list."""
    return [ids[i : i + size] for i in range(0, len(ids), size)]


# -- reading them -------------------------------------------------------------------------------
def match(dialect: Dialect, dim: str, value: str) -> tuple[str, list[Any]] | None:
    """SQL selecting the ids of the keys that ``value`` (the filter's text) matches, or None when
    a key cannot answer it (a separator in the text). The same pattern, folding and operator as
    the list filter's machine probe (``store.queries``)."""
    from eventledger.store import like  # the list filters' patterns
    from eventledger.store.connections import fold_text

    if SEP in value:
        return None
    if dim == "country":  # exact, as the list's ``country = ?``: one whole element
        find = "instr(sig, ?)" if dialect.name == "sqlite" else "strpos(sig, ?)"
        return f"SELECT id FROM filter_keys WHERE dim = 'country' AND {find} > 0", [SEP + value.upper() + SEP]
    text = value if dim == "actor" else fold_text(value)
    if SEP in text:
        return None
    return f"SELECT id FROM filter_keys WHERE dim = ? AND sig {dialect.like} ? ESCAPE '\\'", [dim, like.pattern(text)]


def match_all(dialect: Dialect, chosen: dict[str, str]) -> tuple[str, list[Any]] | None:
    """SQL selecting the ids of the keys whose events match every (dim, text) of ``chosen``: the
    matching keys of one dimension, or the combos whose keys match each of several (None when a
    key cannot answer one of them)."""
    parts, params = [], []
    for dim, value in chosen.items():
        got = match(dialect, dim, value)
        if got is None:
            return None
        if len(chosen) == 1:
            return got
        parts.append(f"{dim}_key IN ({got[0]})")
        params += got[1]
    return f"SELECT key_id FROM key_combos WHERE {' AND '.join(parts)}", params


def size(conn: Database, keys: tuple[str, list[Any]]) -> int:
    """How many unreviewed events the keys selected by ``keys`` (``match``'s SQL) count."""
    sql, params = keys
    row = conn.execute(f"SELECT CAST(SUM(n) AS BIGINT) FROM key_facets WHERE key_id IN ({sql})", params).fetchone()
    return int(row[0] or 0)


def count(conn: Database, chosen: dict[str, str], types: Sequence[str], statuses: Sequence[str]) -> int | None:
    """How many *unreviewed* events match ``chosen`` (and the types and statuses, when given):
    the total of ``facets``, read alone; None when the keys cannot answer the filter."""
    got = match_all(conn.dialect, chosen)
    if got is None:
        return None
    where, args = _facet_where(got, types, statuses)
    row = conn.execute(f"SELECT CAST(SUM(n) AS BIGINT) FROM key_facets WHERE {where}", args).fetchone()
    return int(row[0] or 0)


def _facet_where(keys: tuple[str, list[Any]], types: Sequence[str], statuses: Sequence[str]) -> tuple[str, list[Any]]:
    keys_sql, params = keys
    where, args = f"key_id IN ({keys_sql})", list(params)
    for column, values in (("type", types), ("status", statuses)):
        if values:
            where += f" AND {column} IN ({','.join('?' * len(values))})"
            args += list(values)
    return where, args


def facets(
    conn: Database, chosen: dict[str, str], types: Sequence[str], statuses: Sequence[str]
) -> dict[str, Any] | None:
    """Counts of the *unreviewed* events whose dimensions match ``chosen`` (dim -> text; and the
    types and statuses, when given), in the shape of ``queries.facets`` with every event
    ``unreviewed``; None when the keys cannot answer the filter."""
    got = match_all(conn.dialect, chosen)
    if got is None:
        return None
    where, args = _facet_where(got, types, statuses)
    out: dict[str, Any] = {k: Counter() for k in ("type", "status", "mode", "decision", "country")}
    total = 0
    for type_, status, mode, country, n in conn.tuples(
        f"SELECT type, status, mode, country, CAST(SUM(n) AS BIGINT) FROM key_facets WHERE {where}"
        " GROUP BY type, status, mode, country",
        args,
    ):
        n = int(n)
        for key, v in (("type", type_), ("status", status), ("mode", mode), ("country", country)):
            out[key][v] += n
        total += n
    out["decision"]["unreviewed"] = total
    table = "key_timeline" if types or statuses else "key_days"
    out["timeline"] = [
        [d, int(n)]
        for d, n in conn.tuples(
            f"SELECT day, CAST(SUM(n) AS BIGINT) FROM {table} WHERE {where} GROUP BY day HAVING SUM(n) <> 0"
            " ORDER BY day",
            args,
        )
    ]
    return out
