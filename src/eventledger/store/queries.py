"""Filtered, paginated reads of events for the API, the web UI and the exports.

Every filter is on the *effective* coding: the machine's value unless a reviewer corrected it.
Reviewed events are few next to machine events, so each query is a UNION ALL of two arms:
the unreviewed events, filtered on the plain machine columns (sargable, read off the covering
``events_list`` index in time order), and the reviewed events joined to ``review_state`` and
filtered on COALESCE(correction, machine value). Neither arm scans what it need not.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from eventledger.errors import ConfigError, NotFound
from eventledger.store import keyed, textsearch
from eventledger.store import like as effective
from eventledger.store import summaries as summary
from eventledger.store.base import Store
from eventledger.store.connections import SQLITE, Dialect, Row, fold_text
from eventledger.store.reviews import ReviewState, states

HIDDEN = ("rejected", "merged")
COUNT_CAP = 10_000  # list totals above this are reported as "at least"
COUNT_BUDGET_MS = 25.0  # and so are totals that take longer than this to count


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``"west,south,east,north"`` in degrees, checked; one parser for the API and the CLI."""
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise ConfigError(f"bbox {value!r} must be four numbers: west,south,east,north") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise ConfigError("bbox out of range: west/east in [-180, 180], south <= north in [-90, 90]")
    return w, s, e, n


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What the API's query string, the UI and ``export`` can filter events by.

    Dates are ISO prefixes (``2023``, ``2023-06``, ``2023-06-02``) and select events whose time
    interval overlaps ``[date_from, date_to]``. ``bbox`` is (west, south, east, north) in degrees;
    west > east crosses the antimeridian. ``actor``, ``place`` and ``text`` are case-insensitive
    substrings (of the machine's values or a reviewer's corrections). Rejected events and events
    merged into another are left out unless ``include_rejected`` or ``decisions`` asks for them.
    """

    types: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    actor: str | None = None
    place: str | None = None
    text: str | None = None
    reviewed: bool | None = None
    decisions: tuple[str, ...] = ()  # accepted | corrected | rejected | merged | unreviewed
    document_id: int | None = None
    include_rejected: bool = False
    min_confidence: float | None = None  # the events stage's 0-1 score of how surely an act was reported
    country: str | None = None  # ISO 3166-1 alpha-2 of a place of the event (exact, any case)
    admin: str | None = None  # a substring of an admin area: admin1, the admin path (a correction's admin1/2)


@dataclass(frozen=True, slots=True)
class Page:
    """A page of results; ``total`` is exact when ``exact``, else a lower bound."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]
    exact: bool = True


@dataclass(frozen=True, slots=True)
class Arm:
    """One side of the union: its FROM clause, WHERE clause, parameters and column expressions."""

    source: str
    where: str
    params: list[Any]
    col: dict[str, str]


# Column expressions of each arm: the machine's columns, or the correction where there is one.
MACHINE = {
    "type": "e.type", "mode": "e.mode", "status": "e.status", "time_start": "e.time_start",
    "time_end": "COALESCE(e.time_end, e.time_start)", "decision": "NULL",
}  # fmt: skip
EFFECTIVE = {
    "type": "COALESCE(r.type, e.type)", "mode": "COALESCE(r.mode, e.mode)",
    "status": "COALESCE(r.status, e.status)", "time_start": "COALESCE(r.time_start, e.time_start)",
    "time_end": "COALESCE(r.time_end, r.time_start, e.time_end, e.time_start)", "decision": "r.decision",
}  # fmt: skip


# The same for a walk down the time index: unary + keeps SQLite from jumping to another index.
WALK = MACHINE | {"type": "+e.type", "mode": "+e.mode", "status": "+e.status"}


def arms(f: EventFilter, walk: bool = False, dialect: Dialect = SQLITE, setwise: bool = False) -> list[Arm]:
    """The (at most two) arms of the union that together hold exactly the matching events.

    ``walk`` makes the machine arm read the covering ``events_list`` index in time order, which
    is what a page of a list wants (it stops after a page); counts and facets let SQLite choose.
    PostgreSQL takes no index hints and plans the walk itself from the ``ORDER BY``.
    ``setwise`` writes the machine arm's place, actor, area and text probes as ``e.id IN (SELECT
    event_id ...)``: the matching ids are found once by one pass over the child table, which is
    what an aggregate over every match wants (a probe per event is a million index lookups).
    """
    out = []
    decisions = [d for d in f.decisions if d != "unreviewed"]
    if f.reviewed is not True and (not f.decisions or "unreviewed" in f.decisions):
        walk = walk and f.document_id is None and dialect is SQLITE
        src, col = ("events e INDEXED BY events_list", WALK) if walk else ("events e", MACHINE)
        sql, params = _conditions(f, col, reviewed=False, dialect=dialect, setwise=setwise)
        out.append(Arm(src, f"e.id NOT IN (SELECT event_id FROM review_state) AND {sql}", params, col))
    if f.reviewed is not False and (decisions or not f.decisions):
        sql, params = _conditions(f, EFFECTIVE, reviewed=True, dialect=dialect)
        if decisions:
            sql += f" AND r.decision IN ({','.join('?' * len(decisions))})"
            params += decisions
        elif not f.include_rejected:
            sql += " AND r.decision NOT IN ('rejected', 'merged')"
        out.append(Arm("events e JOIN review_state r ON r.event_id = e.id", sql, params, EFFECTIVE))
    return out


def _conditions(
    f: EventFilter, col: dict[str, str], reviewed: bool, dialect: Dialect, setwise: bool = False
) -> tuple[str, list[Any]]:
    op = dialect.like
    parts: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        if setwise and not reviewed:  # EXISTS (SELECT 1 FROM t WHERE event_id = e.id AND c) -> e.id IN (...)
            sql = _SETWISE.sub(r"e.id IN (SELECT event_id FROM \1 WHERE ", sql)
        parts.append(sql)
        params.extend(values)

    for key, values in (("type", f.types), ("mode", f.modes), ("status", f.statuses)):
        if values:
            add(f"{col[key]} IN ({','.join('?' * len(values))})", *values)
    if f.date_from or f.date_to:
        lo, hi = f.date_from or "", (f.date_to or "9999") + "~"  # "~" sorts after any date suffix
        add(f"{col['time_start']} <= ? AND {col['time_end']} >= ?", hi, lo)
    # Place, actor and text are correlated EXISTS probes by event id, so a page that walks the
    # time index stops as soon as it has enough matches.
    if f.bbox:
        w, s, e, n = f.bbox
        lon = "{p}lon BETWEEN ? AND ?" if w <= e else "({p}lon >= ? OR {p}lon <= ?)"
        machine = (
            f"EXISTS (SELECT 1 FROM event_places WHERE event_id = e.id AND lat BETWEEN ? AND ? AND {lon.format(p='')})"
        )
        if reviewed:
            add(f"(CASE WHEN r.lat IS NULL THEN {machine} ELSE r.lat BETWEEN ? AND ? AND {lon.format(p='r.')} END)",
                s, n, w, e, s, n, w, e)  # fmt: skip
        else:
            add(machine, s, n, w, e)
    if f.actor:
        like = _like(f.actor)
        machine = (
            "EXISTS (SELECT 1 FROM event_actors WHERE event_id = e.id AND role = '{role}'"
            f" AND (text {op} ? ESCAPE '\\' OR normalised {op} ? ESCAPE '\\'))"
        )
        if reviewed:  # a corrected list replaces the machine's (store.like)
            add(
                "(" + " OR ".join(
                    f"(CASE WHEN {effective.corrected(dialect, key)} THEN {effective.any_element_like(dialect, key)}"
                    f" ELSE {machine.format(role=role)} END)"
                    for key, role in (("actors", "actor"), ("targets", "target"))
                ) + ")",
                *([like] * 6),
            )  # fmt: skip
        else:
            add(machine.replace("role = '{role}'", "role IN ('actor', 'target')"), like, like)
    if f.place:  # accent-insensitive: "Bogota" finds "Bogotá" and the other way round
        like, fold = _like(fold_text(f.place)), dialect.fold
        machine = (
            f"EXISTS (SELECT 1 FROM event_places WHERE event_id = e.id AND ({fold('name')} {op} ? ESCAPE '\\'"
            f" OR {fold('admin_path')} {op} ? ESCAPE '\\' OR {fold('admin1')} {op} ? ESCAPE '\\'"
            f" OR country {op} ? ESCAPE '\\'))"
        )
        if reviewed:
            add(
                f"(CASE WHEN {effective.corrected(dialect, 'location')} THEN {effective.location_like(dialect)}"
                f" ELSE {machine} END)",
                *([like] * (len(effective.LOCATION_TEXT) + 4)),
            )  # fmt: skip
        else:
            add(machine, *([like] * 4))
    if f.country or f.admin:
        _area(f, reviewed, dialect, add)
    if f.text and setwise and not reviewed and dialect is SQLITE and textsearch.usable(f.text):
        found, found_params = textsearch.sqlite_matches(f.text)  # off the trigram index (store.textsearch)
        parts.append(f"e.id IN ({found})")
        params.extend(found_params)
    elif f.text:
        add(f"EXISTS (SELECT 1 FROM evidence WHERE event_id = e.id AND text {op} ? ESCAPE '\\')", _like(f.text))
    if f.document_id is not None:
        add("e.document_id = ?", f.document_id)
    if f.min_confidence:
        add("e.confidence >= ?", f.min_confidence)
    return (" AND ".join(parts) or "1 = 1"), params


_SETWISE = re.compile(r"EXISTS \(SELECT 1 FROM (\w+) WHERE event_id = e\.id AND ")


def _area(f: EventFilter, reviewed: bool, dialect: Dialect, add: Any) -> None:
    """The country (exact) and admin-area (folded substring) filters, on the effective location."""
    fold, op = dialect.fold, dialect.like
    checks: list[tuple[str, str, list[Any]]] = []  # (machine condition on event_places, corrected condition, values)
    if f.country:
        checks.append(("country = ?", f"{effective.location_field(dialect, 'country')} = ?", [f.country.upper()]))
    if f.admin:
        like = _like(fold_text(f.admin))
        machine = " OR ".join(f"{fold(c)} {op} ? ESCAPE '\\'" for c in ("admin1", "admin_path"))
        corrected = " OR ".join(
            f"{fold(effective.location_field(dialect, k))} {op} ? ESCAPE '\\'" for k in ("admin1", "admin2")
        )
        checks.append((f"({machine})", f"({corrected})", [like]))
    for machine, corrected, values in checks:
        n_machine, n_corrected = machine.count("?"), corrected.count("?")
        probe = f"EXISTS (SELECT 1 FROM event_places WHERE event_id = e.id AND {machine})"
        if reviewed:
            add(f"(CASE WHEN {effective.corrected(dialect, 'location')} THEN {corrected} ELSE {probe} END)",
                *(values * n_corrected), *(values * n_machine))  # fmt: skip
        else:
            add(probe, *(values * n_machine))


def _union(
    f: EventFilter, select: str, dialect: Dialect, walk: bool = False, setwise: bool = False
) -> tuple[str, list[Any]]:
    """``select`` (with ``{type}``-style column placeholders) over every arm, joined by UNION ALL."""
    sqls, params = [], []
    for arm in arms(f, walk, dialect, setwise):
        sqls.append(f"SELECT {select.format(**arm.col)} FROM {arm.source} WHERE {arm.where}")
        params += arm.params
    if not sqls:
        return "SELECT " + ", ".join("NULL" for _ in select.split(",")) + " WHERE 1 = 0", []
    return " UNION ALL ".join(sqls), params


def _union_top(f: EventFilter, n: int, dialect: Dialect) -> tuple[str, list[Any]]:
    """(id, time_start) of each arm's ``n`` newest matches, joined by UNION ALL."""
    sqls, params = [], []
    for arm in arms(f, False, dialect):
        sqls.append(
            f"SELECT * FROM (SELECT e.id, e.time_start FROM {arm.source} WHERE {arm.where}"
            " ORDER BY e.time_start DESC, e.id DESC LIMIT ?) AS top"
        )
        params += [*arm.params, n]
    if not sqls:
        return "SELECT NULL, NULL WHERE 1 = 0", []
    return " UNION ALL ".join(sqls), params


def count_events(store: Store, f: EventFilter, cap: int | None = None, budget_ms: float | None = None) -> int | None:
    """How many events match. With ``cap`` counting stops at ``cap + 1``; with ``budget_ms`` it
    gives up (None) after that long, so a list page never waits on a full scan for its total."""
    n = 0
    deadline = None if budget_ms is None else time.perf_counter() + budget_ms / 1000
    for source, where, params in _count_parts(f, store.dialect):
        query = f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {where}"
        args = list(params)
        if cap is not None:
            query += " LIMIT ?"
            args.append(cap + 1 - n)
        got = _with_deadline(store, query + ") AS matched", args, deadline)
        if got is None:
            return None
        n += got
        if cap is not None and n > cap:
            break
    return n


# An event whose time is not known to lie within one calendar month (``events_long``, migration 14).
LONG = "e.time_end IS NOT NULL AND substr(e.time_start, 1, 7) <> substr(e.time_end, 1, 7)"


def _count_parts(f: EventFilter, dialect: Dialect) -> list[tuple[str, str, list[Any]]]:
    """(FROM, WHERE, parameters) of each count that together count ``f``'s matches once.

    Under a ``date_from`` the machine arm is counted in three parts, each a bounded read: the
    events that start within the dates (a range of the time index; at a million events a
    month's fill the cap alone), those that start before them in ``date_from``'s month, and the
    long ones (``LONG``, off their partial index) that start before. An event that starts before
    ``date_from`` and lasts into it is in one of the last two: a shorter one ends in the month it
    starts, so it starts in ``date_from``'s month or later."""
    parts = []
    for arm in arms(f, dialect=dialect):
        if arm.col is MACHINE and f.date_from:
            lo = f.date_from
            long_source = "events e INDEXED BY events_long" if dialect is SQLITE else arm.source
            parts += [
                (arm.source, f"{arm.where} AND e.time_start >= ?", [*arm.params, lo]),
                (arm.source, f"{arm.where} AND e.time_start >= ? AND e.time_start < ? AND NOT ({LONG})",
                 [*arm.params, lo[:7], lo]),
                (long_source, f"{arm.where} AND e.time_start < ? AND {LONG}", [*arm.params, lo]),
            ]  # fmt: skip
        else:
            parts.append((arm.source, arm.where, arm.params))
    return parts


def _with_deadline(store: Store, query: str, args: list[Any], deadline: float | None) -> int | None:
    if deadline is None:
        return int(store.conn.execute(query, args).fetchone()[0])
    return store.conn.first_within(query, args, max(0.001, deadline - time.perf_counter()))


def list_events(
    store: Store, f: EventFilter, limit: int = 50, offset: int = 0, count_cap: int = COUNT_CAP,
    count_budget_ms: float = COUNT_BUDGET_MS,
) -> Page:  # fmt: skip
    """One page of event summaries, newest first (events without a time last).

    The total is counted up to ``count_cap`` within ``count_budget_ms``; past either,
    ``Page.exact`` is False and ``total`` is a lower bound.
    """
    if store.dialect is SQLITE:
        sql, params = _union(f, "e.id, e.time_start", store.dialect, walk=True)
    else:  # PostgreSQL sorts every match of a UNION ALL; each arm's own top-n reads events_time_id backwards
        sql, params = _union_top(f, limit + 1 + offset, store.dialect)
    rows = store.conn.execute(f"{sql} ORDER BY 2 DESC, 1 DESC LIMIT ? OFFSET ?", [*params, limit + 1, offset])
    ids = [r[0] for r in rows.fetchall()]
    more = len(ids) > limit
    ids = ids[:limit]
    counted = _counted(store, f)
    if counted is not None:
        return Page(counted, limit, offset, summaries(store, ids), True)
    cap = max(count_cap, offset + limit)
    n = count_events(store, f, cap=cap, budget_ms=count_budget_ms)
    if n is not None and n <= cap:
        return Page(n, limit, offset, summaries(store, ids), True)
    lower = max(offset + len(ids) + int(more), cap + 1 if n is not None else 0)
    return Page(lower, limit, offset, summaries(store, ids), False)


def _counted(store: Store, f: EventFilter) -> int | None:
    """The exact number of events matching ``f`` off the counters, where they answer it: the
    summary tables for a filter on type, mode, status and decision alone; the per-key counters
    (``store.keyed``) plus a live count of the few reviewed events for one with actor, place,
    country or admin parts. None for any other filter (``count_events`` counts those, capped)."""
    if summary.answers_count(f):
        return summary.count(store.conn, f)
    chosen = keyed_dimensions(f)
    if chosen is None:
        return None
    allowed = summary.decisions(f)
    n = 0
    if "unreviewed" in allowed:
        got = keyed.count(store.conn, chosen, f.types, f.statuses)
        if got is None:
            return None
        n = got
    if any(d != "unreviewed" for d in allowed):  # the reviewed arm alone: f.reviewed is None or True here
        n += count_events(store, replace(f, reviewed=True)) or 0
    return n


def summaries(store: Store, ids: list[int]) -> list[dict[str, Any]]:
    """Compact effective records of the given events, in the order given."""
    if not ids:
        return []
    c, m = store.conn, ",".join("?" * len(ids))
    events = {
        r["id"]: r
        for r in c.execute(
            f"""SELECT e.*, d.title, d.publisher, d.published
                FROM events e JOIN documents d ON d.id = e.document_id
                WHERE e.id IN ({m})""",
            ids,
        )
    }
    places: dict[int, Row] = {}
    for p in c.execute(f"SELECT * FROM event_places WHERE event_id IN ({m}) ORDER BY lat IS NOT NULL, id DESC", ids):
        places[p["event_id"]] = p  # the last written wins: the first place with coordinates
    actors: dict[int, dict[str, list[str]]] = {i: {"actor": [], "target": []} for i in ids}
    for a in c.execute(f"SELECT event_id, role, text FROM event_actors WHERE event_id IN ({m}) ORDER BY id", ids):
        actors[a["event_id"]][a["role"]].append(a["text"])
    evidence = {r["event_id"]: r for r in c.execute(f"SELECT * FROM evidence WHERE event_id IN ({m}) AND seq = 0", ids)}
    reviewed = states(store, ids)
    out = []
    for i in ids:
        e = events.get(i)
        if e is None:
            continue
        p, ev = places.get(i), evidence.get(i)
        rec = {
            "id": i, "document_id": e["document_id"], "type": e["type"], "mode": e["mode"],
            "status": e["status"],
            "time": {"start": e["time_start"], "end": e["time_end"], "precision": e["time_precision"]},
            "location": None if p is None else {
                "name": p["name"], "lat": p["lat"], "lon": p["lon"], "country": p["country"],
                "admin1": p["admin1"], "precision": p["precision"],
            },
            "actors": actors[i]["actor"], "targets": actors[i]["target"],
            "evidence": None if ev is None else {"text": ev["text"], "start": ev["start"], "end": ev["end"]},
            "confidence": round(e["confidence"], 3),
            "document": {"title": e["title"], "publisher": e["publisher"], "published": e["published"]},
        }  # fmt: skip
        out.append(overlay_summary(rec, reviewed.get(i)))
    return out


def overlay_summary(rec: dict[str, Any], st: ReviewState | None) -> dict[str, Any]:
    """A summary with a reviewer's corrections applied and the review decision attached."""
    rec = dict(rec)
    rec["review"] = review_block(st)
    if st is None:
        return rec
    fx = st.fields
    for key in ("type", "mode", "status", "actors", "targets"):
        if key in fx:
            rec[key] = fx[key]
    time = dict(rec["time"])
    for key, sub in (("time_start", "start"), ("time_end", "end"), ("time_precision", "precision")):
        if key in fx:
            time[sub] = fx[key]
    rec["time"] = time
    if "location" in fx:
        rec["location"] = fx["location"]
    return rec


def review_block(st: ReviewState | None) -> dict[str, Any]:
    """The ``review`` object of an event record: decision, reviewer, time, corrected fields."""
    if st is None:
        return {"decision": None, "merged_into": None, "corrected": [], "reviewed_at": None}
    return {
        "decision": st.decision, "merged_into": st.merged_into, "corrected": sorted(st.fields),
        "reviewed_at": st.reviewed_at,
    }  # fmt: skip


def points(store: Store, f: EventFilter, limit: int = 20000) -> list[list[Any]]:
    """[id, lat, lon, type, date] of located events (the first place with coordinates), for the map:
    the latest ``limit`` matches, sorted by id.

    Always off the ``map_points`` summary, newest first down its covering index. A filter on
    other fields (place, actor, text, ...) keeps a row only when the event arms match its event:
    a probe by id per candidate row, which the summarised columns (dates, type, status) narrow.
    """
    if summary.answers_points(f):
        return summary.points(store.conn, f, limit)
    if f.document_id is not None:  # a document's few events, off their index: no walk needed
        return _probed_points(store, f, limit)
    return summary.points(store.conn, f, limit, _points_checks(store, f))


def points_json(store: Store, f: EventFilter, limit: int = 20000) -> str:
    """``points`` as JSON text, serialised by the database (``summaries.points_json``): what the
    API's map request sends, without a Python object per marker."""
    if summary.answers_points(f):
        return summary.points_json(store.conn, f, limit)
    if f.document_id is not None:
        return json.dumps(_probed_points(store, f, limit))
    return summary.points_json(store.conn, f, limit, _points_checks(store, f))


def _points_checks(store: Store, f: EventFilter) -> list[summary.Check]:
    """SQL on ``map_points`` rows that keeps a row when an event arm matches its event, per arm
    (none: no arm), each read on its own.

    An unreviewed row under actor, place, country and admin filters only is kept by its keys
    (``store.keyed``, ``_point_key_checks``): the matching rows alone, not a walk of every newer
    row with a probe each."""
    checks: list[summary.Check] = []
    by_keys = _point_key_checks(store, f)
    for arm in arms(f, dialect=store.dialect):
        if arm.col is MACHINE and by_keys is not None:
            checks += by_keys
            continue
        if arm.col is MACHINE:
            routed, table = "decision = 'unreviewed'", "map_points"
        else:  # the few reviewed rows by id (SQLite: not by walking an index for them)
            routed = "decision <> 'unreviewed' AND event_id IN (SELECT event_id FROM review_state)"
            table = "map_points NOT INDEXED" if store.dialect is SQLITE else "map_points"
        checks.append((f"{routed} AND EXISTS (SELECT 1 FROM {arm.source} WHERE e.id = map_points.event_id"
                       f" AND {arm.where})", arm.params, table))  # fmt: skip
    return checks


KEY_ARMS = 16  # up to this many matching keys are read one by one, each newest first off its index


def _point_key_checks(store: Store, f: EventFilter) -> list[summary.Check] | None:
    """The unreviewed rows of ``f``'s actor/place/country/admin filters by ``map_points``' key
    columns, when those are its only filters off the summarised columns; else None.

    One dimension is read off its key index; several off the combo index (``store.keyed``: the
    combos whose keys match each filter), or, when too many combos match, off the key index of
    the dimension whose keys hold the fewest events (the counters say), the other dimensions
    checked on the index entry. Each of a few matching keys is read on its own (and without
    dates, each of its short and long intervals): a range of the index already in time order,
    which ``summaries`` merges with the others and reads no further than the points it keeps."""
    chosen = {dim: getattr(f, dim) for dim in keyed.DIMS if getattr(f, dim)}
    rest: dict[str, Any] = dict.fromkeys(chosen)
    if not chosen or not summary.answers_points(replace(f, **rest)):
        return None
    matches = {}
    for dim, value in chosen.items():
        got = keyed.match(store.dialect, dim, value)
        if got is None:
            return None
        matches[dim] = got
    unreviewed = "decision = 'unreviewed' AND "
    shorts = [""] if f.date_from or f.date_to else [" AND short = 1", " AND short = 0"]
    sqlite = store.dialect is SQLITE  # whose planner cannot tell how many rows a key matches
    if len(matches) > 1:
        combos = keyed.match_all(store.dialect, chosen)
        ids = [] if combos is None else [r[0] for r in store.conn.execute(combos[0], combos[1])]
        if combos is not None and len(ids) <= KEY_ARMS:
            table = "map_points INDEXED BY map_points_combo_key" if sqlite else "map_points"
            checks = [(f"{unreviewed}{keyed.POINT_COMBO} = ?{short}", [k], table) for k in ids for short in shorts]
            return _nonempty(store, checks)
    sizes = {dim: keyed.size(store.conn, got) if len(matches) > 1 else 0 for dim, got in matches.items()}
    drive = min(sizes, key=lambda d: sizes[d])
    others = "".join(f" AND {dim}_key IN ({got[0]})" for dim, got in matches.items() if dim != drive)
    params = [p for dim, got in matches.items() if dim != drive for p in got[1]]
    table = f"map_points INDEXED BY map_points_{drive}_key" if sqlite else "map_points"
    ids = [r[0] for r in store.conn.execute(matches[drive][0], matches[drive][1])]
    if len(ids) > KEY_ARMS:
        return [(f"{unreviewed}{drive}_key IN ({matches[drive][0]}){others}", [*matches[drive][1], *params], table)]
    return _nonempty(
        store, [(f"{unreviewed}{drive}_key = ?{short}{others}", [k, *params], table) for k in ids for short in shorts]
    )


def _nonempty(store: Store, checks: list[summary.Check]) -> list[summary.Check]:
    """``checks`` less the reads of a key's long intervals (``short = 0``) that find no row: most
    keys have none, and the merge of ``summaries`` costs a comparison per kept point per read."""
    out = []
    for sql, params, table in checks:
        if (
            " AND short = 0" in sql
            and store.conn.execute(f"SELECT 1 FROM {table} WHERE {sql} LIMIT 1", params).fetchone() is None
        ):
            continue
        out.append((sql, params, table))
    return out


def _probed_points(store: Store, f: EventFilter, limit: int) -> list[list[Any]]:
    """Map points by the event arms alone (each matching event's first located place, probed by
    id), without the summary: what a document's points need, and the reference the tests hold
    ``points`` to."""
    first = "(SELECT id FROM event_places WHERE event_id = e.id AND lat IS NOT NULL ORDER BY id LIMIT 1)"
    out: list[list[Any]] = []
    for arm in arms(f, walk=True, dialect=store.dialect):
        lat, lon = "p.lat", "p.lon"
        if arm.col is EFFECTIVE:
            lat, lon = "COALESCE(r.lat, p.lat)", "COALESCE(r.lon, p.lon)"
        sql = f"""SELECT e.id, {lat}, {lon}, {arm.col["type"]}, {arm.col["time_start"]}
                  FROM {arm.source} LEFT JOIN event_places p ON p.id = {first}
                  WHERE {arm.where} AND {lat} IS NOT NULL AND {lon} IS NOT NULL LIMIT ?"""
        out += [list(r) for r in store.conn.execute(sql, [*arm.params, limit - len(out)])]
        if len(out) >= limit:
            break
    return sorted(out)


def facets(store: Store, f: EventFilter) -> dict[str, Any]:
    """Counts per effective type, status, mode, country and review decision, and per day (timeline).

    A filter on type, status and review decision only (the UI's usual one) is answered off the
    summary tables (``store.summaries``); one that adds an actor, place, country or admin filter
    off the per-key counters (``store.keyed``) for the unreviewed events, plus a live count of the
    few reviewed ones (``_keyed_facets``). Any other aggregates every matching event in one
    statement (``_facets``: about half a second for 125k matches of 1M events on a small
    machine), so its result is cached per filter until an event or a review is added or removed.
    """
    if summary.answers_facets(f):
        return summary.facets(store.conn, f)
    keyed_out = _keyed_facets(store, f)
    if keyed_out is not None:
        return keyed_out
    c = store.conn
    # O(1) staleness check: this connection sees other connections' commits in data_version,
    # and its own writes (reviews; ingest adds events) move the max ids.
    stamp = (
        c.data_version(),
        c.execute("SELECT MAX(id) FROM events").fetchone()[0],
        c.execute("SELECT MAX(id) FROM reviews").fetchone()[0],
    )
    key = (id(c), store.path, f)
    hit = _FACETS.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    out = _facets(store, f)
    with _FACETS_LOCK:  # the API's worker threads share the cache
        if len(_FACETS) >= 64:
            _FACETS.pop(next(iter(_FACETS)))
        _FACETS[key] = (stamp, out)
    return out


def keyed_dimensions(f: EventFilter) -> dict[str, str] | None:
    """{dimension: text} when ``f`` is a summarised filter plus one or more actor, place, country
    or admin filters: what ``store.keyed`` counts (one key, or the combos of several)."""
    chosen = {dim: getattr(f, dim) for dim in keyed.DIMS if getattr(f, dim)}
    if not chosen:
        return None
    rest: dict[str, Any] = dict.fromkeys(chosen)
    if not summary.answers_facets(replace(f, **rest)):
        return None
    return chosen


def _keyed_facets(store: Store, f: EventFilter) -> dict[str, Any] | None:
    """Facets of a filter with actor/place/country/admin parts: the unreviewed events off the
    per-key counters, the reviewed ones (few) aggregated live by the list's reviewed arm."""
    chosen = keyed_dimensions(f)
    if chosen is None:
        return None
    allowed = summary.decisions(f)
    empty: dict[str, Any] = {k: {} for k in ("type", "status", "mode", "decision", "country")} | {"timeline": []}
    out = empty
    if "unreviewed" in allowed:
        got = keyed.facets(store.conn, chosen, f.types, f.statuses)
        if got is None:
            return None
        out = got
    if any(d != "unreviewed" for d in allowed):  # the reviewed arm alone: f.reviewed is None or True here
        live = _facets(store, replace(f, reviewed=True))
        out = {k: Counter(out[k]) + Counter(live[k]) for k in empty if k != "timeline"} | {
            "timeline": _add_timelines(out["timeline"], live["timeline"])
        }
    for key in ("type", "status", "mode", "decision", "country"):
        out[key] = dict(sorted(((k, v) for k, v in out[key].items() if v), key=lambda kv: (-kv[1], kv[0])))
    out["total"] = sum(out["decision"].values())
    return out


def _add_timelines(a: list[list[Any]], b: list[list[Any]]) -> list[list[Any]]:
    days: Counter[str] = Counter()
    for d, n in (*a, *b):
        days[d] += n
    return [[d, n] for d, n in sorted(days.items()) if n]


_FACETS_LOCK = threading.Lock()
_FACETS: dict[tuple[Any, ...], tuple[tuple[Any, ...], dict[str, Any]]] = {}


def _facets(store: Store, f: EventFilter) -> dict[str, Any]:
    """Facets of any filter in one statement: the matching events' effective values are found
    once (set-wise probes, materialised), then grouped twice, by coding and by day."""
    keys = ("type", "status", "mode", "decision", "country")
    out: dict[str, Any] = {k: {} for k in keys}
    days: dict[str, int] = {}
    if arms(f, dialect=store.dialect):
        sql, params = _union(
            f, "e.id AS id, {type} AS type, {status} AS status, {mode} AS mode, {decision} AS decision,"
            " {time_start} AS time_start", store.dialect, setwise=_setwise(store, f),
        )  # fmt: skip
        country = "(SELECT country FROM event_places WHERE event_id = m.id AND country IS NOT NULL ORDER BY id LIMIT 1)"
        query = f"""WITH m AS MATERIALIZED ({sql})
            SELECT 0, type, status, mode, decision, {country}, COUNT(*) FROM m GROUP BY 2, 3, 4, 5, 6
            UNION ALL
            SELECT 1, substr(time_start, 1, 10), NULL, NULL, NULL, NULL, COUNT(*) FROM m
            WHERE time_start IS NOT NULL GROUP BY 2"""
        for row in store.conn.execute(query, params):
            n = int(row[-1])
            if row[0] == 1:
                days[row[1]] = days.get(row[1], 0) + n
                continue
            for key, value in zip(keys, row[1:-1], strict=True):
                name = ("unreviewed" if value is None else value) if key == "decision" else (value or "")
                out[key][name] = out[key].get(name, 0) + n
    for key in keys:
        out[key] = dict(sorted(out[key].items(), key=lambda kv: (-kv[1], kv[0])))
    out["timeline"] = [[d, n] for d, n in sorted(days.items())]
    out["total"] = sum(out["decision"].values())
    return out


SETWISE_SHARE = 8  # probe each candidate when the summarised filter leaves under 1/8 of the events


def _setwise(store: Store, f: EventFilter) -> bool:
    """Whether to find an aggregate's matches set-wise (one pass over each filtered child table)
    rather than by a probe per candidate event: a probe costs a few index lookups, a pass one
    row read per child row, so probes win only when type/mode/status/decision leave few candidates."""
    n, total = summary.candidates(store.conn, f)
    return n * SETWISE_SHARE > total


def iter_event_refs(store: Store, f: EventFilter) -> Iterator[tuple[int, int, int]]:
    """(document_id, event_id, seq) of every matching event, document by document (for exports)."""
    sql, params = _union(f, "e.document_id, e.id, e.seq", store.dialect)
    for r in store.conn.execute(f"{sql} ORDER BY 1, 3", params):
        yield (r[0], r[1], r[2])


def event_row(store: Store, event_id: int) -> Row:
    """An event's id, document id and position in its document; NotFound if absent."""
    r: Row | None = store.conn.execute("SELECT id, document_id, seq FROM events WHERE id = ?", (event_id,)).fetchone()
    if r is None:
        raise NotFound(f"no event with id {event_id}")
    return r


def event_ids_of_document(store: Store, document_id: int) -> list[int]:
    """A document's event ids, in document order."""
    return [
        r[0] for r in store.conn.execute("SELECT id FROM events WHERE document_id = ? ORDER BY seq", (document_id,))
    ]


def documents(store: Store, limit: int = 50, offset: int = 0) -> Page:
    """One page of documents, newest first, with metadata and event counts (no body)."""
    c = store.conn
    total = c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    rows = c.execute(
        """SELECT d.id, d.sha256, d.source_uri, d.format, d.url, d.title, d.published, d.publisher,
                  d.original_publisher, d.language, d.ingested_at, d.pipeline_version,
                  (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id) AS n_events
           FROM documents d ORDER BY d.id DESC LIMIT ? OFFSET ?""",
        (limit, offset),
    )
    return Page(total, limit, offset, [dict(r) for r in rows])


def _like(text: str) -> str:
    return effective.pattern(text)  # wildcards escaped, NUL dropped


_FILTER_FIELDS = frozenset(EventFilter.__dataclass_fields__)
_TUPLE_FIELDS = frozenset({"types", "modes", "statuses", "decisions"})


def event_filter(**filters: Any) -> EventFilter:
    """An ``EventFilter`` from keyword arguments, as ``Store.events`` and ``Store.export`` take them.

    A single string is accepted for a tuple field (``types="ASSAULT"``) and ``bbox`` may be the
    ``"west,south,east,north"`` string; an unknown name is a ``ConfigError`` naming the known ones.
    """
    unknown = set(filters) - _FILTER_FIELDS
    if unknown:
        raise ConfigError(
            f"unknown event filter(s): {', '.join(sorted(unknown))}; use {', '.join(sorted(_FILTER_FIELDS))}"
        )
    values = dict(filters)
    for name in _TUPLE_FIELDS & set(values):
        v = values[name]
        values[name] = (v,) if isinstance(v, str) else tuple(v or ())
    if isinstance(values.get("bbox"), str):
        values["bbox"] = parse_bbox(values["bbox"])
    elif values.get("bbox") is not None:
        values["bbox"] = tuple(values["bbox"])
    return EventFilter(**values)


def document_meta(store: Store, document_id: int) -> dict[str, Any]:
    """``id``, ``ingested_at`` and ``pipeline_version`` of a document; NotFound if absent."""
    row = store.conn.execute(
        "SELECT id, ingested_at, pipeline_version FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no document with id {document_id}")
    return dict(row)
