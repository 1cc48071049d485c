"""The per-key counters (actor, place, country, admin) equal a recount, and the facets they
answer equal the scan's."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sample_reports import sample_documents, seed

from eventledger.model import Actor, Analysis, Document, Event, Place, RawDocument, Span, TimeInterval
from eventledger.store import keyed, open_store, summaries
from eventledger.store.queries import EventFilter, _facets, count_events, facets, keyed_dimensions, list_events
from eventledger.store.reviews import rebuild_state, review


def _two_guards() -> tuple[RawDocument, Analysis]:
    """An invented report whose one event names two actors that both contain "guard", in an
    accented town: a filter must count the event once, and find the town without its accent."""
    body = "Border guards and the coast guard detained nine fishermen near Popayán on Sunday."
    data = body.encode()
    sha = hashlib.sha256(data).hexdigest()
    span = lambda text: Span.of(body, body.index(text), body.index(text) + len(text))  # noqa: E731
    event = Event(
        type="COERCE", mode="arrest", status="asserted", evidence=(span(body[:-1]),),
        actors=(Actor("Border guards", span("Border guards"), kind="group"),
                Actor("the coast guard", span("the coast guard"), kind="group")),
        targets=(Actor("nine fishermen", span("nine fishermen")),),
        places=(Place("Popayán", span("Popayán"), 2.44, -76.61, None, "CO", "Cauca", "P.PPL", "town",
                      ("Popayán", "Cauca")),),
        time=TimeInterval("2023-09-03", "2023-09-03", "day", "2023-09-03", None, "explicit"), confidence=0.8,
    )  # fmt: skip
    raw = RawDocument(sha, "guards.txt", "text", data, body, "text")
    return raw, Analysis(Document(sha, "guards.txt", "text", body, title="Guards", published="2023-09-04"), (event,))


@pytest.fixture
def store(db_target):
    with open_store(db_target) as s:
        seed(s)
        raw, analysis = _two_guards()
        s.save(raw, analysis)
        yield s


def snapshot(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The counters and map points' keys by (dim, sig) rather than key id, zeros left out."""
    c = store.conn
    combos = ", ".join(f"(SELECT sig FROM filter_keys WHERE id = c.{col})" for col in keyed.POINT_KEYS)
    return {
        "map_points": point_keys(store),
        "key_combos": sorted(
            tuple(r)
            for r in c.execute(
                f"SELECT k.sig, {combos} FROM key_combos c JOIN filter_keys k ON k.id = c.key_id"
                " WHERE c.key_id IN (SELECT key_id FROM key_facets WHERE n <> 0)"  # combos no event has left out
            )
        ),
    } | {
        table: sorted(
            tuple(r)
            for r in c.execute(
                f"SELECT k.dim, k.sig, {cols}, t.n FROM {table} t JOIN filter_keys k ON k.id = t.key_id WHERE t.n <> 0"
            )
        )
        for table, cols in (
            ("key_facets", "t.type, t.mode, t.status, t.country"),
            ("key_timeline", "t.type, t.status, t.day"),
            ("key_days", "t.day"),
        )
    }


def point_keys(store: Any) -> list[tuple[Any, ...]]:
    """Each map point's keys and combo as (dim, sig) text: ids differ between databases, sets do not."""
    sig = "(SELECT sig FROM filter_keys WHERE id = {})"
    cols = ", ".join(sig.format(c) for c in (*keyed.POINT_KEYS, keyed.POINT_COMBO))
    return sorted(tuple(r) for r in store.conn.execute(f"SELECT event_id, {cols} FROM map_points"))


def recount(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    store.conn.begin_write()
    try:
        keyed.recount(store.conn, summaries.EFFECTIVE)
        return snapshot(store)
    finally:
        store.conn.execute("ROLLBACK")


FILTERS = [
    EventFilter(actor="guard"),
    EventFilter(actor="POLICE"),
    EventFilter(actor="fighters", types=("ASSAULT",)),
    EventFilter(actor="a", statuses=("asserted",), include_rejected=True),
    EventFilter(actor="teachers", reviewed=False),
    EventFilter(actor="police", reviewed=True),
    EventFilter(place="popayan"),
    EventFilter(place="NAIROBI", types=("PROTEST", "COERCE")),
    EventFilter(place="ke"),
    EventFilter(place="goma", decisions=("corrected", "unreviewed")),
    EventFilter(country="pk"),
    EventFilter(country="K"),
    EventFilter(admin="cauca"),
    EventFilter(admin="punj", decisions=("rejected",)),
    EventFilter(place="nai%"),
    # two or more at once: the combos
    EventFilter(actor="police", place="nairobi"),
    EventFilter(actor="guard", country="co", types=("COERCE",)),
    EventFilter(actor="a", place="a", country="KE", admin="nairobi", include_rejected=True),
    EventFilter(place="goma", country="cd", decisions=("corrected", "unreviewed")),
    EventFilter(actor="fighters", admin="kivu", statuses=("asserted", "alleged")),
    EventFilter(actor="police", place="popayan"),
]


def assert_keyed_facets_equal_the_scan(store: Any) -> None:
    for f in FILTERS:
        assert keyed_dimensions(f) is not None, f
        assert facets(store, f) == _facets(store, f), f
        page = list_events(store, f, limit=1)  # its total off the counters, exact
        assert (page.total, page.exact) == (count_events(store, f), True), f


def test_counters_follow_ingest_reviews_and_replace_as_a_recount(store):
    snap = snapshot(store)
    assert snap == recount(store)
    guards = [r for r in snap["key_days"] if r[0] == "actor" and "guard" in r[1]]
    assert guards == [("actor", "\x1fBorder guards\x1fnine fishermen\x1fthe coast guard\x1f", "2023-09-03", 1)]
    assert facets(store, EventFilter(actor="guard"))["total"] == 1  # two matching actors, one event
    assert facets(store, EventFilter(place="popayan"))["country"] == {"CO": 1}
    assert_keyed_facets_equal_the_scan(store)
    review(store, 1, "correct", "ana", fields={"actors": ["Border police"], "location": {"name": "Goma"}})
    review(store, 2, "reject", "ana")
    review(store, 3, "merge", "ana", into=4)
    review(store, 4, "accept", "ana")
    assert snapshot(store) == recount(store)
    assert facets(store, EventFilter(actor="border"))["decision"] == {"corrected": 1, "unreviewed": 1}
    assert facets(store, EventFilter(place="goma"))["type"] == {"ASSAULT": 1}
    assert_keyed_facets_equal_the_scan(store)
    raw, analysis = sample_documents()[1]
    store.save(raw, analysis, replace=True)  # the reviewed events get new ids and keep their reviews
    rebuild_state(store)
    assert snapshot(store) == recount(store)
    assert_keyed_facets_equal_the_scan(store)


def test_the_migration_counts_an_existing_database(db_target):
    with open_store(db_target) as s:
        seed(s)
        review(s, 1, "reject", "ana")
        want = snapshot(s)
        assert want["key_facets"]
        points = point_keys(s)
        assert any(p[1:] != (None,) * 5 for p in points)
        assert any(p[-1] is not None and p[-1].count(keyed.COMBO_SEP) == 3 for p in points)
        assert want["key_combos"]
        for table in ("filter_keys", "key_combos", *keyed.COUNTERS):
            s.conn.execute(f"DROP TABLE {table}")
        for column in (*keyed.POINT_KEYS, keyed.POINT_COMBO):
            s.conn.execute(f"DROP INDEX map_points_{column}")
        for column in (*keyed.POINT_KEYS, keyed.POINT_COMBO):
            s.conn.execute(f"ALTER TABLE map_points DROP COLUMN {column}")
        s.conn.execute("DELETE FROM schema_migrations WHERE version IN (8, 10, 13)")
    with open_store(db_target) as s:
        assert snapshot(s) == want
        assert point_keys(s) == points


def test_keyed_filters_on_summarised_dimensions_are_answered_by_keys():
    assert keyed_dimensions(EventFilter(actor="police", types=("ASSAULT",))) == {"actor": "police"}
    assert keyed_dimensions(EventFilter(actor="police", place="goma")) == {"actor": "police", "place": "goma"}
    assert keyed_dimensions(EventFilter(country="PK", admin="sindh")) == {"country": "PK", "admin": "sindh"}
    for f in (
        EventFilter(actor="police", text="fire"),
        EventFilter(actor="police", modes=("demo",)),
        EventFilter(actor="police", date_from="2023"),
        EventFilter(),
    ):
        assert keyed_dimensions(f) is None, f


def test_a_separator_in_the_filter_falls_back_to_the_scan(store):
    assert keyed.match(store.conn.dialect, "actor", "guards\x1fthe") is None
    f = EventFilter(actor="guards\x1fthe")
    assert facets(store, f) == _facets(store, f)
    assert facets(store, f)["total"] == 0


def test_rebuilt_summaries_recount_the_keys(store):
    store.conn.execute("DELETE FROM key_days")
    store.conn.begin_write()
    summaries.rebuild(store.conn)
    store.conn.execute("COMMIT")
    assert snapshot(store) == recount(store)
    assert facets(store, EventFilter(actor="guard"))["timeline"] == [["2023-09-03", 1]]


@pytest.mark.parametrize("key_arms", [16, 0])  # each matching key read on its own, or all at once
def test_map_points_under_keyed_filters_are_the_event_arms_points(store, key_arms, monkeypatch):
    from eventledger.store import queries
    from eventledger.store.queries import _probed_points, points

    monkeypatch.setattr(queries, "KEY_ARMS", key_arms)

    review(store, 1, "correct", "ana", fields={"actors": ["Border police"], "location": {"name": "Goma"}})
    review(store, 2, "reject", "ana")
    combos = [EventFilter(actor="police", country="ke"), EventFilter(place="nairobi", admin="nairobi")]
    for f in [*FILTERS, *combos, EventFilter(actor="guard", date_from="2023-09")]:
        assert points(store, f) == _probed_points(store, f, 20000), f
    assert [p[0] for p in points(store, EventFilter(actor="guard"))] == [5]
    keys = store.conn.execute("SELECT actor_key, decision FROM map_points WHERE event_id = 1").fetchone()
    assert tuple(keys) == (None, "corrected")  # a reviewed event is checked by its review, not by keys


def test_map_points_under_two_keyed_filters_read_the_matching_combos_alone(store):
    from eventledger.store import queries
    from eventledger.store.queries import _probed_points, points

    f = EventFilter(actor="guard", country="co")
    checks = queries._point_key_checks(store, f)
    assert checks is not None and len(checks) == 1  # one combo; its long intervals (none) are not read
    assert checks[0][0] == "decision = 'unreviewed' AND combo_key = ? AND short = 1"
    assert points(store, f) == _probed_points(store, f, 20000) == [[5, 2.44, -76.61, "COERCE", "2023-09-03"]]
    if store.dialect.name == "sqlite":
        sql, args = summaries._newest_first(f, 20000, checks, sqlite=True)
        plan = " ".join(r[3] for r in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", args))
        assert "COVERING INDEX map_points_combo_key (combo_key=? AND short=?)" in plan
        assert "TEMP B-TREE" not in plan  # each read in time order, merged
    review(store, 5, "correct", "ana", fields={"location": {"name": "Lahore", "country": "PK"}})
    assert store.conn.execute("SELECT combo_key FROM map_points WHERE event_id = 5").fetchone()[0] is None
    assert points(store, f) == _probed_points(store, f, 20000) == []


def test_postgresql_reads_the_timeline_counters_off_covering_indexes(store):
    names = {"key_days_cover", "key_timeline_cover"}
    if store.dialect.name == "sqlite":  # WITHOUT ROWID tables: the rows are in key order already
        rows = store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
        assert not names & {r[0] for r in rows}
        return
    rows = store.conn.execute("SELECT indexname FROM pg_indexes WHERE tablename IN ('key_days', 'key_timeline')")
    assert names <= {r[0] for r in rows}
    assert facets(store, EventFilter(actor="guard"))["timeline"] == [["2023-09-03", 1]]
