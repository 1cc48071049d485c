"""Event queries: effective-value filters, escaping, antimeridian boxes, date prefixes, facets."""

from __future__ import annotations

import pytest
from sample_reports import seed

from eventledger.store import open_store
from eventledger.store.queries import EventFilter, count_events, facets, iter_event_refs, list_events, points
from eventledger.store.reviews import review


@pytest.fixture
def store(db_target):
    with open_store(db_target) as s:
        seed(s)
        yield s


def ids(store, **kw) -> list[int]:
    return sorted(e["id"] for e in list_events(store, EventFilter(**kw), limit=100).items)


def test_no_filter_lists_everything_newest_first(store):
    page = list_events(store, EventFilter(), limit=2)
    assert page.total == 4 and [e["id"] for e in page.items] == [4, 3]


def test_date_prefixes_cover_the_whole_period(store):
    assert ids(store, date_from="2023", date_to="2023") == [1, 2, 3, 4]
    assert ids(store, date_from="2023-07-10", date_to="2023-07-10") == [2, 3]
    assert ids(store, date_from="2024") == []


def test_bbox_crossing_the_antimeridian(store):
    assert ids(store, bbox=(90.0, -90.0, 40.0, 90.0)) == [2, 3, 4]  # from 90E eastwards round to 40E
    assert ids(store, bbox=(-10.0, -10.0, 40.0, 10.0)) == [2, 3]


def test_like_wildcards_are_literal(store):
    assert ids(store, text="%") == []
    assert ids(store, actor="_") == []
    assert ids(store, actor="POLICE") == [3]


def test_corrected_values_replace_machine_values_in_filters(store):
    review(
        store,
        2,
        "correct",
        "a",
        fields={"status": "denied", "location": {"name": "Mombasa", "lat": -4.05, "lon": 39.67}},
    )
    assert ids(store, statuses=("asserted",)) == [1, 3]
    assert ids(store, statuses=("denied",)) == [2]
    assert ids(store, place="mombasa") == [2]
    assert ids(store, bbox=(39.0, -5.0, 40.0, -4.0)) == [2]
    assert [p[0] for p in points(store, EventFilter(bbox=(39.0, -5.0, 40.0, -4.0)))] == [2]


def test_decisions_and_unreviewed(store):
    review(store, 1, "accept", "a")
    review(store, 4, "reject", "a")
    assert ids(store, decisions=("accepted",)) == [1]
    assert ids(store, decisions=("unreviewed",)) == [2, 3]
    assert ids(store, decisions=("unreviewed", "rejected")) == [2, 3, 4]
    assert ids(store, reviewed=True, include_rejected=True) == [1, 4]
    assert count_events(store, EventFilter()) == 3


def test_facets_and_refs_follow_the_filter(store):
    f = facets(store, EventFilter(types=("ASSAULT",)))
    assert f["total"] == 2 and f["status"] == {"alleged": 1, "asserted": 1}
    assert [r[1] for r in iter_event_refs(store, EventFilter(document_id=2))] == [2, 3]


def _siege(store) -> None:
    """An invented report of a siege that began before July and lasted into it, and of a curfew
    within July: events that start before a date filter and still match it."""
    import hashlib

    from eventledger.model import Analysis, Document, Event, RawDocument, Span, TimeInterval

    body = "Rebels besieged the river town from late June until the middle of July. A curfew held from 5 to 14 July."
    sha = hashlib.sha256(body.encode()).hexdigest()
    cut = body.index(" A curfew")
    siege = Event(
        type="ASSAULT", mode=None, status="asserted", evidence=(Span.of(body, 0, cut - 1),),
        time=TimeInterval("2023-06-25", "2023-07-15", "day", "2023-06-25/2023-07-15", None, "explicit"),
        confidence=0.7,
    )  # fmt: skip
    curfew = Event(
        type="COERCE", mode=None, status="asserted", evidence=(Span.of(body, cut + 1, len(body) - 1),),
        time=TimeInterval("2023-07-05", "2023-07-14", "day", "2023-07-05/2023-07-14", None, "explicit"),
        confidence=0.7,
    )  # fmt: skip
    raw = RawDocument(sha, "siege.txt", "text", body.encode(), body, "text")
    store.save(raw, Analysis(Document(sha, "siege.txt", "text", body, title="Siege"), (siege, curfew)))


def test_a_dated_count_adds_the_events_that_started_before_the_dates(store):
    _siege(store)
    for kw in (
        {"date_from": "2023-07"},
        {"date_from": "2023-07-01", "date_to": "2023-07-10"},
        {"date_from": "2023-07-12"},
        {"date_from": "2023-07-16"},
        {"date_from": "2023-07-12", "types": ("ASSAULT",)},
    ):
        f = EventFilter(**kw)
        want = len(list_events(store, f, limit=100).items)
        assert count_events(store, f) == want == list_events(store, f, limit=1).total, kw
    assert ids(store, date_from="2023-07-12", date_to="2023-07-12") == [5, 6]  # the siege and the curfew
    assert ids(store, date_from="2023-06-30", date_to="2023-07-01") == [5]
    assert count_events(store, EventFilter(date_from="2023-07"), cap=1) == 2  # stops past the cap


def test_a_dated_count_reads_bounded_ranges(store):
    from eventledger.store.queries import _count_parts

    parts = _count_parts(EventFilter(date_from="2023-07-12"), store.dialect)
    assert len(parts) == 4  # the machine arm's three parts and the reviewed arm
    if store.dialect.name == "sqlite":
        plans = [
            " ".join(r[3] for r in store.conn.execute(f"EXPLAIN QUERY PLAN SELECT 1 FROM {src} WHERE {where}", args))
            for src, where, args in parts[:3]
        ]
        assert all("(time_start>? AND time_start<?)" in p or "(time_start>?)" in p for p in plans[:2]), plans
        assert "events_long (time_start<?)" in plans[2], plans
