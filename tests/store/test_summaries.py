"""The facet, timeline and map summaries always equal a recount, and answer as the scans do."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sample_reports import sample_documents, seed

from eventledger.store import open_store, queries, reattach, summaries
from eventledger.store import reviews as reviews_module
from eventledger.store.queries import (
    EventFilter,
    _facets,
    _probed_points,
    _union,
    count_events,
    facets,
    list_events,
    points,
    points_json,
)
from eventledger.store.reviews import rebuild_state, review


@pytest.fixture
def store(db_target):
    with open_store(db_target) as s:
        seed(s)
        yield s


def snapshot(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The summary tables as sorted tuples, counters of zero left out."""
    c = store.conn
    return {
        "facet_counts": sorted(tuple(r) for r in c.execute("SELECT * FROM facet_counts WHERE n <> 0")),
        "timeline_counts": sorted(tuple(r) for r in c.execute("SELECT * FROM timeline_counts WHERE n <> 0")),
        "timeline_days": sorted(tuple(r) for r in c.execute("SELECT * FROM timeline_days WHERE n <> 0")),
        # the key columns (ids of store.keyed's keys) are compared as sets in tests/store/test_keyed.py
        "map_points": sorted(
            tuple(r) for r in c.execute(f"SELECT {', '.join(summaries.POINT_COLUMNS)} FROM map_points")
        ),
    }


def recount(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The summaries rebuilt from scratch, read, and rolled back."""
    store.conn.begin_write()
    try:
        summaries.rebuild(store.conn)
        return snapshot(store)
    finally:
        store.conn.execute("ROLLBACK")


FILTERS = [
    EventFilter(),
    EventFilter(types=("ASSAULT",)),
    EventFilter(statuses=("alleged",)),
    EventFilter(types=("PROTEST", "COERCE"), statuses=("asserted",)),
    EventFilter(reviewed=True),
    EventFilter(reviewed=False),
    EventFilter(decisions=("rejected",)),
    EventFilter(decisions=("unreviewed", "corrected")),
    EventFilter(include_rejected=True),
]


def assert_answers_like_the_scans(store: Any) -> None:
    for f in FILTERS:
        assert summaries.answers_facets(f) and summaries.answers_points(f)
        assert facets(store, f) == _facets(store, f), f
        assert points(store, f) == _probed_points(store, f, 20000), f
        page = list_events(store, f, limit=1)  # its total off facet_counts, exact
        assert (page.total, page.exact) == (count_events(store, f), True), f


def test_ingest_fills_the_summaries_as_a_recount_would(store):
    snap = snapshot(store)
    assert snap == recount(store)
    assert sum(r[-1] for r in snap["facet_counts"]) == 4
    assert ("ASSAULT", "firearms", "asserted", "unreviewed", "PK", 1) in snap["facet_counts"]
    assert len(snap["map_points"]) == 4
    assert_answers_like_the_scans(store)


def test_reviews_move_events_between_counts(store):
    review(store, 1, "correct", "ana", fields={"type": "PROTEST", "time_start": "2023-06-01"})
    review(store, 2, "reject", "ana")
    review(store, 3, "merge", "ana", into=4)
    review(store, 4, "correct", "ana", fields={"location": {"name": "Goma", "lat": -1.68, "lon": 29.22}})
    assert snapshot(store) == recount(store)
    f = facets(store, EventFilter())
    assert f["type"] == {"PROTEST": 1, "ASSAULT": 1} and f["decision"] == {"corrected": 2}
    assert f["timeline"] == [["2023-06-01", 1], ["2023-08-15", 1]]
    assert [p[:3] for p in points(store, EventFilter(types=("ASSAULT",)))] == [[4, -1.68, 29.22]]
    assert facets(store, EventFilter(decisions=("rejected", "merged")))["total"] == 2
    assert_answers_like_the_scans(store)


def test_replace_and_rebuilt_review_state_keep_the_summaries_exact(store):
    review(store, 2, "correct", "ana", fields={"status": "alleged"})
    raw, analysis = sample_documents()[1]
    store.save(raw, analysis, replace=True)  # the reviewed event gets a new id and keeps its review
    assert snapshot(store) == recount(store)
    assert facets(store, EventFilter(statuses=("alleged",)))["decision"] == {"corrected": 1, "unreviewed": 1}
    rebuild_state(store)
    assert snapshot(store) == recount(store)
    assert_answers_like_the_scans(store)


def test_a_killed_write_leaves_the_summaries_as_they_were(store, monkeypatch):
    before = snapshot(store)

    def boom(*args: object) -> None:
        raise RuntimeError("killed")

    monkeypatch.setattr(reattach, "reattach", boom)  # dies after the old events were retracted
    raw, analysis = sample_documents()[0]
    with pytest.raises(RuntimeError):
        store.save(raw, analysis, replace=True)
    monkeypatch.setattr(reviews_module, "_note_merge", boom)  # dies after the merged event's state
    with pytest.raises(RuntimeError):
        review(store, 1, "merge", "ana", into=2)
    assert snapshot(store) == before == recount(store)


def test_the_migration_builds_the_summaries_of_an_existing_database(db_target):
    with open_store(db_target) as s:
        seed(s)
        review(s, 1, "correct", "ana", fields={"type": "COERCE"})
        want = snapshot(s)
        for table in ("facet_counts", "timeline_counts", "timeline_days", "map_points", "filter_keys", "key_facets",
                      "key_timeline", "key_days"):  # fmt: skip
            s.conn.execute(f"DROP TABLE {table}")
        s.conn.execute("DROP INDEX event_places_first")
        s.conn.execute("DROP INDEX events_time_id")
        s.conn.execute("DELETE FROM schema_migrations WHERE version IN (6, 8)")  # 8 adds map_points' key columns
    with open_store(db_target) as s:
        assert snapshot(s) == want


def test_filters_off_the_summarised_dimensions_fall_back_to_the_scans(store):
    for f in (EventFilter(actor="police"), EventFilter(modes=("demo",)), EventFilter(date_from="2023-07")):
        assert not summaries.answers_facets(f)
    assert facets(store, EventFilter(actor="police"))["type"] == {"COERCE": 1}
    assert not summaries.answers_points(EventFilter(bbox=(30.0, -5.0, 40.0, 0.0)))
    assert [p[0] for p in points(store, EventFilter(bbox=(30.0, -5.0, 40.0, 0.0)))] == [2, 3]
    # dates and modes are map_points columns: answered there, as the scan would
    for f in (EventFilter(date_from="2023-07"), EventFilter(modes=("demo", "arrest"))):
        assert points(store, f) == _probed_points(store, f, 20000)


def test_capped_map_points_are_the_latest_events(store):
    assert [p[4] for p in points(store, EventFilter(), limit=2)] == ["2023-07-10", "2023-08-15"]


def test_decisions_follow_the_list_filters():
    assert summaries.decisions(EventFilter()) == ["unreviewed", "accepted", "corrected"]
    assert summaries.decisions(EventFilter(reviewed=True, include_rejected=True)) == [
        "accepted", "corrected", "rejected", "merged",
    ]  # fmt: skip
    assert summaries.decisions(EventFilter(decisions=("unreviewed",))) == ["unreviewed"]
    assert summaries.decisions(EventFilter(reviewed=True, decisions=("unreviewed",))) == []


def test_map_points_under_a_date_filter_keep_intervals_that_cross_a_month(store):
    review(store, 1, "correct", "ana", fields={"time_start": "2023-05-30", "time_end": "2023-06-02"})
    review(store, 4, "correct", "ana", fields={"time_start": "2023", "time_end": "2023-12-31"})
    for lo, hi, want in (
        ("2023-06-01", "2023-06-01", [1, 4]),
        ("2023-06-03", "2023-07-01", [4]),
        ("2023-06", None, [1, 2, 3, 4]),
        (None, "2023-05", [1, 4]),
    ):
        f = EventFilter(date_from=lo, date_to=hi)
        got = points(store, f)
        assert [p[0] for p in got] == want and got == _probed_points(store, f, 20000)


FALLBACK_FILTERS = [
    EventFilter(actor="police"),
    EventFilter(place="goma"),
    EventFilter(place="mombasa", types=("ASSAULT", "PROTEST")),
    EventFilter(text="the"),
    EventFilter(bbox=(90.0, -90.0, 40.0, 90.0)),
    EventFilter(country="pk"),
    EventFilter(admin="sindh"),
    EventFilter(min_confidence=0.5),
    EventFilter(document_id=2),
    EventFilter(actor="police", include_rejected=True),
    EventFilter(place="a", decisions=("corrected", "rejected")),
    EventFilter(modes=("demo",), date_from="2023-07"),
]


def recounted_facets(store: Any, f: EventFilter) -> dict[str, Any]:
    """Facets recounted in Python: the ids the list's per-event probes match, their effective
    values as the summaries define them."""
    sql, params = _union(f, "e.id", store.dialect)
    ids = {r[0] for r in store.conn.execute(sql, params)}
    keys = ("type", "status", "mode", "decision", "country")
    out: dict[str, Any] = {k: {} for k in keys}
    days: dict[str, int] = {}
    for r in store.conn.execute(summaries.EFFECTIVE):
        if r["event_id"] in ids:
            for k in keys:
                out[k][r[k]] = out[k].get(r[k], 0) + 1
            if r["time_start"] is not None:
                days[r["time_start"][:10]] = days.get(r["time_start"][:10], 0) + 1
    for k in keys:
        out[k] = dict(sorted(out[k].items(), key=lambda kv: (-kv[1], kv[0])))
    out["timeline"] = [[d, n] for d, n in sorted(days.items())]
    out["total"] = len(ids)
    return out


@pytest.mark.parametrize("share", [0, 10**9], ids=["probes", "setwise"])
def test_fallback_facets_equal_a_recount_by_probes_or_set_wise(store, monkeypatch, share):
    monkeypatch.setattr(queries, "SETWISE_SHARE", share)  # 0: always probe; huge: always set-wise
    review(store, 1, "correct", "ana", fields={"type": "PROTEST", "actors": ["Police"], "location": {"name": "Goma"}})
    review(store, 2, "reject", "ana")
    review(store, 3, "accept", "ana")
    assert facets(store, EventFilter(actor="police"))["total"] >= 1
    for f in FALLBACK_FILTERS:
        assert not summaries.answers_facets(f)
        assert _facets(store, f) == recounted_facets(store, f), f


def test_a_filter_nothing_can_match_has_empty_facets(store):
    f = EventFilter(reviewed=True, decisions=("unreviewed",), actor="police")
    assert _facets(store, f) == {
        "type": {}, "status": {}, "mode": {}, "decision": {}, "country": {}, "timeline": [], "total": 0,
    }  # fmt: skip


def test_points_come_as_plain_lists(store):
    assert store.conn.tuples("SELECT 1, 'x', NULLIF('', '')") == [(1, "x", None)]
    review(store, 2, "correct", "ana", fields={"time_start": "2023-01-05"})
    got = points(store, EventFilter())
    assert [type(p) for p in got] == [list] * 4 and [p[0] for p in got] == [1, 2, 3, 4]
    assert got[1][4] == "2023-01-05" and got == _probed_points(store, EventFilter(), 20000)


def test_fallback_map_points_equal_the_event_arms_points(store):
    review(store, 1, "correct", "ana", fields={"location": {"name": "Goma", "lat": -1.68, "lon": 29.22}})
    review(store, 2, "reject", "ana")
    review(store, 4, "correct", "ana", fields={"actors": ["Police"], "type": "PROTEST"})
    assert [p[0] for p in points(store, EventFilter(place="goma"))] == [1]
    for f in FALLBACK_FILTERS:
        assert not summaries.answers_points(f) or f.modes
        assert points(store, f) == _probed_points(store, f, 20000), f


def test_map_points_as_json_are_the_points(store):
    review(store, 1, "correct", "ana", fields={"time_start": "2023-05-30", "time_end": "2023-06-02"})
    review(store, 2, "reject", "ana")
    review(store, 4, "correct", "ana", fields={"location": {"name": "Goma", "lat": -1.68, "lon": 29.22}})
    dated = [EventFilter(date_from="2023-06-01", date_to="2023-06-30"), EventFilter(date_to="2023-07")]
    for f in [*FILTERS, *FALLBACK_FILTERS, *dated, EventFilter(types=("NONE",))]:
        assert sorted(json.loads(points_json(store, f))) == points(store, f), f
    newest = json.loads(points_json(store, EventFilter(), limit=2))
    assert [p[4] for p in newest] == ["2023-08-15", "2023-07-10"]  # newest first, as the time index reads
    assert [p[4] for p in points(store, EventFilter(), limit=2)] == ["2023-07-10", "2023-08-15"]
    assert json.loads(points_json(store, EventFilter(types=("NONE",)))) == []


def test_several_point_reads_keep_the_newest_of_all_of_them(store):
    review(store, 1, "correct", "ana", fields={"time_start": "2023-05-30", "time_end": "2023-06-02"})
    assert store.conn.execute("SELECT short FROM map_points WHERE event_id = 1").fetchone()[0] == 0  # a long interval
    f = EventFilter(date_to="2023-07")  # two reads: short intervals (events 2, 3) and long ones (event 1)
    assert [p[0] for p in points(store, f)] == [1, 2, 3]
    assert sorted(p[0] for p in json.loads(points_json(store, f, limit=2))) == [2, 3]
    assert [p[0] for p in points(store, f, limit=2)] == [2, 3]
    assert [p[0] for p in points(store, EventFilter(date_from="2023-05"), limit=3)] == [2, 3, 4]
    if store.dialect.name == "sqlite":
        sql, args = summaries._newest_first(f, 2, None, sqlite=True)
        plan = " ".join(r[3] for r in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", args))
        assert "MERGE (UNION ALL)" in plan and "TEMP B-TREE" not in plan  # merged as the indexes yield them


def test_list_totals_under_a_mode_filter_are_read_off_the_counts_exactly(store):
    review(store, 1, "correct", "ana", fields={"mode": "demo", "type": "PROTEST"})
    review(store, 2, "reject", "ana")
    for f in (
        EventFilter(modes=("demo",)),
        EventFilter(modes=("firearms", "demo"), statuses=("asserted",)),
        EventFilter(modes=("demo",), include_rejected=True),
    ):
        assert summaries.answers_count(f) and not summaries.answers_facets(f)
        page = list_events(store, f, limit=1)
        assert (page.total, page.exact) == (count_events(store, f), True), f
    assert list_events(store, EventFilter(modes=("demo",)), limit=5).total >= 1
