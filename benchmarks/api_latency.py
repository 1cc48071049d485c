"""Latency of every query the API and the UI make, on a database of >= 200k synthetic events.

    .venv/bin/python benchmarks/api_latency.py [--events 200000] [--runs 30] [--db PATH_OR_URL | --postgres]
        [--http] [--incidents-only]

Fills a fresh database (SQLite, or PostgreSQL with ``--db postgresql://...`` or ``--postgres``,
which starts a throwaway server from the Debian binaries as the tests do) by bulk load in one
transaction, recounts the facet and map summaries as migration 6 would, groups the events into
incidents of one to five reports, and adds a few hundred reviews through the store so the
effective-value paths are exercised. A database that already holds events is reused as it is.
Then times the event list and its filters, the facets (uncached; one actor, place, country or
admin filter reads the per-key counters of ``store.keyed``, several at once their combos; a free-text
filter reads the trigram index of ``store.textsearch``; those given any other filter off the
summarised and keyed dimensions are marked ``*``: they check the matching events), the map points as the API
sends them (JSON text built by the database), the incident pages, and the detail requests the UI
makes on a click (an event, an incident with its reports, an event's incident), ``--runs`` times
each, and prints p50/p95 in milliseconds. ``--http`` times the
same requests through FastAPI's TestClient (routing, validation and JSON included). The goal is
p95 < 50 ms for each.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from eventledger.api.detail import event_detail
from eventledger.library import Store as Library
from eventledger.store import Store, open_store, queries, summaries
from eventledger.store.postgres import is_postgres_url
from eventledger.store.queries import EventFilter, facets, list_events, points_json
from eventledger.store.queries import summaries as event_summaries
from eventledger.store.reviews import incident_of_event, incident_record, review
from eventledger.store.transactions import transaction

TYPES = ["ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN", "ACCUSE", "CONSULT", "AID", "SANCTION", "RETREAT"]
WEIGHTS = [30, 20, 15, 8, 6, 6, 6, 4, 3, 2]
MODES = {"ASSAULT": ["firearms", "aerial", "explosives"], "PROTEST": ["demo", "riot"], "COERCE": ["arrest"]}
STATUSES = ["asserted"] * 8 + ["alleged", "denied"]
PLACES = [  # (name, lat, lon, country, admin1)
    ("Lahore", 31.55, 74.34, "PK", "Punjab"), ("Nairobi", -1.29, 36.82, "KE", "Nairobi"),
    ("Mandalay", 21.97, 96.08, "MM", "Mandalay"), ("Kharkiv", 49.99, 36.23, "UA", "Kharkiv"),
    ("Bogota", 4.71, -74.07, "CO", "Bogota"), ("Khartoum", 15.5, 32.56, "SD", "Khartoum"),
    ("Goma", -1.68, 29.22, "CD", "North Kivu"), ("Sanaa", 15.37, 44.19, "YE", "Sanaa"),
    ("Mosul", 36.34, 43.13, "IQ", "Nineveh"), ("Bamako", 12.64, -8.0, "ML", "Bamako"),
]  # fmt: skip
ACTORS = ["Police", "Army", "Militia fighters", "Protesters", "Rebels", "Security forces", "Students", "Ministry"]


def rows(n_events: int, per_doc: int = 8, seed: int = 7) -> dict[str, tuple[tuple[str, ...], list[tuple]]]:
    """Every table's rows for ``n_events`` synthetic events in ``n_events / per_doc`` documents."""
    rng = random.Random(seed)
    day0 = date(2018, 1, 1)
    n_docs = n_events // per_doc
    docs, blobs, events, evidence, actors, places = [], [], [], [], [], []
    eid = 0
    for d in range(1, n_docs + 1):
        sents = []
        for _ in range(per_doc):
            actor = rng.choice(ACTORS)
            place = rng.choice(PLACES)
            sents.append(f"{actor} clashed with residents in {place[0]} after a dispute over land number {d}.")
        body = " ".join(sents)
        sha = hashlib.sha256(body.encode()).hexdigest()
        published = (day0 + timedelta(days=rng.randrange(2000))).isoformat()
        blobs.append((sha, len(body), body.encode()))
        docs.append((d, sha, f"synthetic/{d}.txt", "text", f"Report {d}", published, "Synthetic Wire", "en", body,
                     "bench", "2024-01-01"))  # fmt: skip
        offset = 0
        for seq, sent in enumerate(sents):
            eid += 1
            t = rng.choices(TYPES, WEIGHTS)[0]
            mode = rng.choice(MODES.get(t, [None]))
            start = (day0 + timedelta(days=rng.randrange(2000))).isoformat()
            events.append((eid, d, seq, t, mode, rng.choice(STATUSES), start, start, "day", "explicit", rng.random()))
            evidence.append((eid, 0, offset, offset + len(sent), sent))
            actor = sent.split(" clashed")[0]
            actors.append((eid, "actor", actor, actor.lower(), "group", offset, offset + len(actor)))
            name, lat, lon, cc, a1 = next(p for p in PLACES if f" in {p[0]} " in sent)
            jitter = (rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5))
            places.append((eid, name, lat + jitter[0], lon + jitter[1], cc, a1, "town", f"{name} > {a1}"))
            offset += len(sent) + 1
    incidents, members = _incidents(events, {p[0]: p[4] for p in places}, rng)
    return {
        "blobs": (("sha256", "size", "bytes"), blobs),
        "documents": (("id", "sha256", "source_uri", "format", "title", "published", "publisher", "language", "body",
                       "pipeline_version", "ingested_at"), docs),
        "events": (("id", "document_id", "seq", "type", "mode", "status", "time_start", "time_end", "time_precision",
                    "time_basis", "confidence"), events),
        "evidence": (("event_id", "seq", "start", '"end"', "text"), evidence),
        "event_actors": (("event_id", "role", "text", "normalised", "kind", "start", '"end"'), actors),
        "event_places": (("event_id", "name", "lat", "lon", "country", "admin1", "precision", "admin_path"), places),
        "incidents": (("id", "type", "time_start", "time_end", "time_precision", "window_start", "window_end",
                       "n_reports", "n_independent_sources", "first_reported", "conflict", "conflict_reasons",
                       "created_at", "updated_at", "place_country"), incidents),
        "incident_events": (("event_id", "incident_id", "document_id", "score", "assigned_by", "assigned_at"),
                            members),
    }  # fmt: skip


def fill(store: Store, n_events: int, url: str | None = None, reviews: int = 600) -> None:
    """Bulk-load the synthetic rows (one transaction; COPY on PostgreSQL), recount the summaries
    as the migration would, then add a few hundred reviews through the store (they maintain the
    summaries as the API's reviews do)."""
    tables = rows(n_events)
    if url is None:
        c = store.conn
        c.execute("BEGIN")
        for table, (cols, data) in tables.items():
            c.executemany(  # type: ignore[attr-defined]
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", data
            )
        summaries.rebuild(c)
        c.execute("COMMIT")
    else:
        import psycopg

        with psycopg.connect(url) as pg:  # one transaction, committed on leaving the block
            for table, (cols, data) in tables.items():
                with pg.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)
            for table in ("documents", "events", "incidents"):  # the identities continue after the loaded ids
                pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    after_load(store, len(tables["events"][1]), postgres=url is not None, reviews=reviews)


def after_load(store: Store, n: int, postgres: bool, reviews: int = 600) -> None:
    """Recount the summaries of bulk-loaded rows, review a few hundred events, gather statistics."""
    if postgres:
        store.conn.execute("ANALYZE")  # fresh COPYed tables have no statistics yet
        with transaction(store.conn):
            summaries.rebuild(store.conn)
    rng = random.Random(11)
    for i in range(1, reviews + 1):  # a realistic sprinkling of reviews (each refreshes its incident)
        ev = rng.randrange(1, n + 1)
        action = ("accept", "reject", "correct")[i % 3]
        try:
            review(store, ev, action, "bench", fields={"type": "PROTEST"} if action == "correct" else None)
        except Exception:  # noqa: BLE001 - a repeated pick of a merged event; irrelevant here
            pass
    # Statistics for the planner; on PostgreSQL also the visibility map, so that covering indexes
    # are read without visiting the table (autovacuum would get there later).
    store.conn.execute("VACUUM ANALYZE" if postgres else "ANALYZE")


def _incidents(events: list[tuple], country: dict[int, str], rng: random.Random) -> tuple[list[tuple], list[tuple]]:
    """Group consecutive events of one type into incidents of 1-5 reports, with their summary columns
    (the country of the first report's place, as dedup sets it)."""
    incidents, members = [], []
    i, iid = 0, 0
    while i < len(events):
        size = rng.choice((1, 1, 2, 3, 5))
        group = list(itertools.takewhile(lambda e, t=events[i][3]: e[3] == t, events[i : i + size]))
        i += len(group)
        iid += 1
        start = min(e[6] for e in group)
        conflict = int(rng.random() < 0.05)
        reasons = '["deaths: 3 vs 5"]' if conflict else "[]"
        n = len(group)
        incidents.append(
            (iid, group[0][3], start, start, "day", start, start, n, max(1, n - 1), start, conflict, reasons,
             "2024-01-01", "2024-01-01", country[group[0][0]])
        )  # fmt: skip
        members.extend((e[0], iid, e[1], 0.9, "machine", "2024-01-01") for e in group)
    return incidents, members


def _uncached(fn: Callable[..., object], *args: object) -> object:
    queries._FACETS.clear()
    return fn(*args)


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """p50 and p95 wall milliseconds, and p95 of this process's CPU milliseconds (on a loaded
    machine the wall time waits for a core; in-process SQLite's CPU time does not)."""
    fn()  # warm the page cache
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    wall.sort()
    cpu.sort()
    i95 = min(len(wall) - 1, int(round(0.95 * len(wall))) - 1)
    return statistics.median(wall), wall[i95], cpu[i95]


MONTH = {"date_from": "2020-03-01", "date_to": "2020-03-31"}
CASES: list[tuple[str, EventFilter, dict[str, object]]] = [
    ("list, no filter", EventFilter(), {}),
    ("type=ASSAULT", EventFilter(types=("ASSAULT",)), {"type": "ASSAULT"}),
    ("type=SANCTION (rare)", EventFilter(types=("SANCTION",)), {"type": "SANCTION"}),
    ("status=denied", EventFilter(statuses=("denied",)), {"status": "denied"}),
    ("date range (1 month)", EventFilter(date_from="2020-03-01", date_to="2020-03-31"), MONTH),
    ("type + date range", EventFilter(types=("PROTEST",), date_from="2020-03-01", date_to="2020-03-31"),
     {"type": "PROTEST", **MONTH}),
    ("bbox (east Africa)", EventFilter(bbox=(28.0, -3.0, 38.0, 1.0)), {"bbox": "28,-3,38,1"}),
    ("actor=militia", EventFilter(actor="militia"), {"actor": "militia"}),
    ("place=goma", EventFilter(place="goma"), {"place": "goma"}),
    ("text=dispute", EventFilter(text="dispute over land"), {"text": "dispute over land"}),
    ("reviewed=true", EventFilter(reviewed=True), {"reviewed": "true"}),
    ("decision=unreviewed", EventFilter(decisions=("unreviewed",)), {"decision": "unreviewed"}),
]  # fmt: skip

# What the UI asks for besides the list: facets without dates (summaries; actor, place, country
# or admin filters: the per-key counters; any other filter, marked *, checks the matching events,
# uncached), and map points with dates.
FACET_CASES: list[tuple[str, EventFilter, dict[str, object]]] = [
    ("facets, no filter", EventFilter(), {}),
    ("facets, type=PROTEST", EventFilter(types=("PROTEST",)), {"type": "PROTEST"}),
    ("facets, status=denied", EventFilter(statuses=("denied",)), {"status": "denied"}),
    ("facets, decision=unreviewed", EventFilter(decisions=("unreviewed",)), {"decision": "unreviewed"}),
    ("facets, include_rejected", EventFilter(include_rejected=True), {"include_rejected": "true"}),
    ("facets, type=SANCTION+place=goma", EventFilter(types=("SANCTION",), place="goma"),
     {"type": "SANCTION", "place": "goma"}),
    ("facets, actor=militia", EventFilter(actor="militia"), {"actor": "militia"}),
    ("facets, place=a (most places)", EventFilter(place="a"), {"place": "a"}),
    ("facets, country=CD", EventFilter(country="CD"), {"country": "CD"}),
    ("facets, admin=kivu + status=denied", EventFilter(admin="kivu", statuses=("denied",)),
     {"admin": "kivu", "status": "denied"}),
    ("facets, actor=police+place=goma", EventFilter(actor="police", place="goma"),
     {"actor": "police", "place": "goma"}),
    ("facets, text=number 4242*", EventFilter(text="number 4242"), {"text": "number 4242"}),
]  # fmt: skip
POINT_CASES: list[tuple[str, EventFilter, dict[str, object]]] = [
    ("points, no filter (20k cap)", EventFilter(), {}),
    ("points, date range (1 month)", EventFilter(date_from="2020-03-01", date_to="2020-03-31"), MONTH),
    ("points, type=PROTEST + 1 month", EventFilter(types=("PROTEST",), date_from="2020-03-01", date_to="2020-03-31"),
     {"type": "PROTEST", **MONTH}),
    ("points, status=denied", EventFilter(statuses=("denied",)), {"status": "denied"}),
    ("points, type=SANCTION (rare)", EventFilter(types=("SANCTION",)), {"type": "SANCTION"}),
    ("points, place=goma + 1 month", EventFilter(place="goma", date_from="2020-03-01", date_to="2020-03-31"),
     {"place": "goma", **MONTH}),
    ("points, country=KE", EventFilter(country="KE"), {"country": "KE"}),
    ("points, actor=police+place=goma", EventFilter(actor="police", place="goma"),
     {"actor": "police", "place": "goma"}),
]  # fmt: skip

INCIDENT_CASES: list[tuple[str, dict[str, object], dict[str, object]]] = [
    ("incidents, limit 50", {"limit": 50}, {"limit": 50}),
    ("incidents, offset 10000", {"limit": 50, "offset": 10_000}, {"limit": 50, "offset": 10_000}),
    ("incidents, type=SANCTION (rare)", {"limit": 50, "types": ["SANCTION"]}, {"type": "SANCTION", "limit": 50}),
    ("incidents, conflict=true", {"limit": 50, "conflict": True}, {"conflict": "true", "limit": 50}),
    ("incidents, country=KE", {"limit": 50, "country": "KE"}, {"country": "KE", "limit": 50}),
    (
        "incidents, type=ASSAULT+country=KE",
        {"limit": 50, "types": ["ASSAULT"], "country": "KE"},
        {"type": "ASSAULT", "country": "KE", "limit": 50},
    ),
]


# The detail requests of a click: an event, an incident with its reports, an event's incident
# (ids a third and a half of the way into the events, whatever the size).
def detail_cases(store: Store) -> list[tuple[str, str, Callable[[], object]]]:
    n = store.counts()["events"]
    event, other = max(1, n // 3), max(1, n // 2)
    incident = incident_of_event(store, other) or 1
    return [
        (f"event {event} (detail)", f"/api/events/{event}", lambda: event_detail(Library(store), event)),
        (f"incident {incident} (with reports)", f"/api/incidents/{incident}",
         lambda: _incident_with_reports(store, incident)),
        (f"event {event}'s incident", f"/api/events/{event}/incident",
         lambda: _incident_with_reports(store, incident_of_event(store, event))),
    ]  # fmt: skip


class Table:
    """The p50/p95 table, and the worst p95 of the rows that count towards the goal."""

    def __init__(self) -> None:
        self.worst: dict[str, float] = {}

    def header(self, title: str) -> None:
        print(f"{title:36} {'p50':>8} {'p95':>8} {'cpu p95':>8}")

    def row(self, name: str, fn: Callable[[], object], runs: int, group: str) -> None:
        p50, p95, cpu = timed(fn, runs)
        key = group + (" (fallback*)" if name.endswith("*") else "")
        self.worst[key] = max(self.worst.get(key, 0.0), p95)
        print(f"{name:36} {p50:8.1f} {p95:8.1f} {cpu:8.1f}", flush=True)


def run_store(store: Store, args: argparse.Namespace) -> None:
    t = Table()
    t.header(f"query layer, {store.dialect.name}")
    for name, f, _ in [] if args.incidents_only else CASES:
        t.row(name, lambda f=f: list_events(store, f, limit=50), args.runs, "list/filter")
    if not args.incidents_only:
        t.row("list, offset 10000", lambda: list_events(store, EventFilter(), limit=50, offset=10_000), args.runs,
              "list/filter")  # fmt: skip
        for name, f, _ in FACET_CASES:
            slow = name.endswith("*")  # up to a second each at 1M: a few runs tell enough
            t.row(name, lambda f=f: _uncached(facets, store, f), min(5, args.runs) if slow else args.runs, "facets")
        for name, f, _ in POINT_CASES:
            t.row(name, lambda f=f: points_json(store, f), args.runs, "map points")
    for name, kw, _ in INCIDENT_CASES:
        t.row(name, lambda kw=kw: store.incidents_page(**kw), args.runs, "incidents")
    for name, _, fn in detail_cases(store):
        t.row(name, fn, args.runs, "detail")
    if args.review:  # a write: a few runs, on events a quarter of the way in
        picks = itertools.count(store.counts()["events"] // 4)
        t.row("review (correct the type)", lambda: _review_one(store, next(picks)), min(5, args.runs), "review")
    for group, worst in t.worst.items():
        verdict = "met" if worst < 50 else "MISSED"
        print(f"worst p95, {group}: {worst:.1f} ms ({verdict} goal 50 ms)")
    print("* off the summarised and keyed dimensions: facets check the matching events (set-wise or by probe),")
    print("  map points check each candidate row of map_points against the event filter")
    print("cpu: this process's CPU time (for PostgreSQL the client's share only)")


def _review_one(store: Store, event_id: int) -> None:
    """A reviewer's correction of one event (it refreshes the event's incident): what a click on
    "save" in the review UI costs."""
    review(store, event_id, "correct", "bench", fields={"type": "PROTEST"})


def _incident_with_reports(store: Store, incident_id: int | None) -> object:
    """What ``GET /api/incidents/{id}`` reads: the incident and its reports' summaries."""
    assert incident_id is not None
    incident = incident_record(store, incident_id)
    return incident, event_summaries(store, incident["event_ids"])


def run_http(db: str, args: argparse.Namespace) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        from eventledger.api.app import create_app
    t = Table()
    with TestClient(create_app(db)) as client:

        def get(path: str, params: dict[str, object]) -> Callable[[], object]:
            return lambda: client.get(path, params=params).raise_for_status()  # type: ignore[arg-type]

        t.header("request (TestClient)")
        for name, _, params in [] if args.incidents_only else CASES:
            t.row("/api/events " + name, get("/api/events", params), args.runs, "list/filter")
        if not args.incidents_only:
            for name, _, params in FACET_CASES:
                runs = min(5, args.runs) if name.endswith("*") else args.runs
                t.row("/api/" + name, lambda p=params: _uncached(get("/api/facets", p)), runs, "facets")
            for name, _, params in POINT_CASES:
                t.row("/api/" + name, get("/api/points", params), args.runs, "map points")
        for name, _, params in INCIDENT_CASES:
            t.row("/api/" + name, get("/api/incidents", params), args.runs, "incidents")
        with open_store(db) as store:
            paths = [path for _, path, _ in detail_cases(store)]
        for path in paths:
            t.row(path, get(path, {}), args.runs, "detail")
    for group, worst in t.worst.items():
        print(f"worst p95 over HTTP, {group}: {worst:.1f} ms ({'met' if worst < 50 else 'MISSED'} goal 50 ms)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--db", default=None,
                    help="a SQLite file or postgresql:// URL, filled when it holds no events, kept otherwise "
                         "(default: a temp file)")  # fmt: skip
    ap.add_argument("--postgres", action="store_true", help="start a throwaway PostgreSQL server and use it")
    ap.add_argument("--reviews", type=int, default=600,
                    help="reviews added after the bulk load (each refreshes its incident: slow on a large "
                         "PostgreSQL database)")  # fmt: skip
    ap.add_argument("--http", action="store_true", help="also time the requests through TestClient")
    ap.add_argument("--incidents-only", action="store_true", help="time only the incident pages (faster at 1M)")
    ap.add_argument("--review", action="store_true",
                    help="also time a review (it refreshes its incident: minutes at 1M, see README)")  # fmt: skip
    args = ap.parse_args(argv)
    server = None
    if args.postgres:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
        from postgres_server import PostgresServer, PostgresUnavailable

        try:
            server = PostgresServer.start()
        except PostgresUnavailable as exc:
            print(f"api_latency: no PostgreSQL server: {exc}", file=sys.stderr)
            return 1
        db = server.url
    else:
        db = args.db or str(Path(tempfile.mkdtemp(prefix="eventledger-bench-")) / "bench.db")
    try:
        with open_store(db) as store:
            if store.counts()["events"] == 0:
                t0 = time.perf_counter()
                fill(store, args.events, url=db if is_postgres_url(db) else None, reviews=args.reviews)
                print(f"filled {store.path} with {store.counts()['events']} events in {time.perf_counter() - t0:.1f} s")
            n = store.counts()["events"]
            print(f"{n} events on {store.dialect.name}, {args.runs} runs each; milliseconds (goal: p95 < 50)")
            run_store(store, args)
        if args.http:
            run_http(db, args)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
