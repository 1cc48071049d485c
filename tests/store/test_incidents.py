"""The incident tables: the migration applies through the store's runner, rows read back as written."""

from __future__ import annotations

import hashlib

import pytest

from eventledger.model import Analysis, Document, Event, RawDocument, Span
from eventledger.store import Store, open_store
from eventledger.store import incidents as sql
from eventledger.store.fingerprints import fingerprint_page
from eventledger.store.schema import MIGRATIONS
from eventledger.store.transactions import transaction


@pytest.fixture
def store(db_target) -> Store:
    assert sql.INCIDENTS_MIGRATION in MIGRATIONS
    s = open_store(db_target)
    yield s
    s.close()


def _document(store: Store, body: str, published: str = "2024-03-04") -> tuple[int, int]:
    data = body.encode()
    sha = hashlib.sha256(data).hexdigest()
    doc = Document(sha, "r.txt", "text", body, published=published, publisher="Radio Ozodlik")
    doc_id = store.save(
        RawDocument(sha, "r.txt", "text", data, body, "text"),
        Analysis(doc, (Event("PROTEST", (Span.of(body, 0, 5),)),)),
    )
    assert doc_id is not None
    event_id = store.conn.execute("SELECT id FROM events WHERE document_id = ?", (doc_id,)).fetchone()[0]
    return doc_id, event_id


def test_the_migration_has_no_stray_semicolons_and_creates_every_table(store):
    for table in ("document_fingerprints", "document_links", "incidents", "incident_events", "incident_reviews"):
        assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    tables = {"document_fingerprints", "document_links", "incidents", "incident_events", "incident_reviews"}
    expected = {"document_fingerprints", "document_links", "incidents", "incident_events", "incident_reviews"}
    assert expected <= tables


def test_an_incident_with_a_member_lists_with_its_summary(store):
    doc_id, event_id = _document(store, "Crowds marched in Osh.")
    with transaction(store.conn):
        incident = sql.create_incident(store.conn, "PROTEST", "2024-03-04", "2024-03-04")
        sql.add_member(store.conn, incident, event_id, doc_id, None, "machine")
        sql.write_summary(
            store.conn,
            incident,
            {
                "n_reports": 1,
                "n_independent_sources": 1,
                "conflict": 1,
                "conflict_reasons": ["people: 3 vs 4"],
                "place_name": "Osh",
            },
        )
    [row] = sql.list_incidents(store.conn)
    assert (row["id"], row["type"], row["document_ids"], row["event_ids"]) == (
        incident,
        "PROTEST",
        [doc_id],
        [event_id],
    )
    assert (row["conflict"], row["conflict_reasons"], row["place"]["name"]) == (
        True,
        ["people: 3 vs 4"],
        "Osh",
    )


def test_a_failed_block_leaves_nothing(store):
    with pytest.raises(RuntimeError), transaction(store.conn):
        sql.create_incident(store.conn, "PROTEST", "2024-03-04", "2024-03-04")
        raise RuntimeError("boom")
    assert store.conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0] == 0


def test_replacing_a_document_is_not_blocked_by_its_copies(store):
    original, _ = _document(store, "Crowds marched in Osh.")
    copy, _ = _document(store, "Crowds marched in Osh!")
    with transaction(store.conn):
        for doc_id in (original, copy):
            sql.write_fingerprint(store.conn, doc_id, "h", 4, 3, 2, 1, b"\0" * 8, original)
        sql.write_link(store.conn, copy, original, "exact", 1.0)
    store.conn.execute("DELETE FROM documents WHERE id = ?", (original,))
    assert sql.document_links(store.conn) == []
    assert [r["document_id"] for r in fingerprint_page(store.conn, 0, 10)] == [copy]


def test_reviews_read_back_decoded(store):
    incident = sql.create_incident(store.conn, "PROTEST", "2024-03-04", "2024-03-04")
    sql.write_review(store.conn, incident, "split", "ana", {"a": [1, 2]}, {"a": [1], "b": [2]}, "why")
    [review] = sql.incident_reviews(store.conn, incident)
    assert (review["before"], review["after"], review["reviewer"]) == (
        {"a": [1, 2]},
        {"a": [1], "b": [2]},
        "ana",
    )


def test_events_are_named_by_content_for_a_canonical_order(store):
    doc_id, event_id = _document(store, "Crowds gathered in the square.")
    sha = store.conn.execute("SELECT sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    seq = store.conn.execute("SELECT seq FROM events WHERE id = ?", (event_id,)).fetchone()[0]
    assert sql.event_order_keys(store.conn, [event_id, 999]) == {event_id: (sha, seq)}


def test_incidents_near_reads_members_by_block_and_always_the_unkeyed(store):
    """A member is found through its type, cell, bucket and days; one stored without keys by every lookup."""
    near_id, far_id, legacy_id = (_document(store, f"Crowds marched in Osh, report {n}.")[1] for n in range(3))
    with transaction(store.conn):
        near, far, legacy = (sql.create_incident(store.conn, "PROTEST", "", "") for _ in range(3))
        for incident, event_id in ((near, near_id), (far, far_id), (legacy, legacy_id)):
            sql.add_member(store.conn, incident, event_id, 1, None, "machine")
        sql.write_member_keys(
            store.conn, [(near_id, "PROTEST", "KG", 0, 1000, 1000), (far_id, "PROTEST", "KG", 0, 2000, 2000)]
        )
    assert sql.unkeyed_members(store.conn) == [legacy_id]
    ranges = [(0, 998, 1001, 999)]
    assert sql.incidents_near(store.conn, ["PROTEST"], ["KG", "*"], ranges) == [near, legacy]
    assert sql.incidents_near(store.conn, ["PROTEST"], None, ranges) == [near, legacy]
    assert sql.incidents_near(store.conn, ["PROTEST"], ["UZ", "*"], ranges) == [legacy]
    assert sql.incidents_near(store.conn, ["ASSAULT"], None, ranges) == [legacy]


def test_incidents_near_reads_a_member_longer_than_any_bucket_by_cell_and_overlap(store):
    """A decade-long member is read by the unbounded range of a lookup in its country, not by every lookup."""
    event_id = _document(store, "Crowds have marched in Osh every month since the elections.")[1]
    with transaction(store.conn):
        incident = sql.create_incident(store.conn, "PROTEST", "", "")
        sql.add_member(store.conn, incident, event_id, 1, None, "machine")
        sql.write_member_keys(store.conn, [(event_id, "PROTEST", "KG", -1, 1000, 5000)])
    wide = [(-1, 0, 4030, 3970)]  # the unbounded range of a lookup on day 4000
    assert sql.incidents_near(store.conn, ["PROTEST"], ["KG", "*"], wide) == [incident]
    assert sql.incidents_near(store.conn, ["PROTEST"], None, wide) == [incident]
    assert sql.incidents_near(store.conn, ["PROTEST"], ["UZ", "*"], wide) == []
    assert sql.incidents_near(store.conn, ["PROTEST"], ["KG", "*"], [(-1, 0, 6030, 5970)]) == []
    assert sql.incidents_near(store.conn, ["PROTEST"], ["KG", "*"], [(0, 3960, 4030, 3970)]) == []


def test_retold_events_reads_members_by_doer_country_and_act_word_within_the_days(store):
    """A vague member is found through one of its (doer, country, act word) blocks and its days; not otherwise."""
    ids = [_document(store, f"Crowds marched in Osh, report {n}.")[1] for n in range(5)]
    near, far, other_doer, day_dated, not_member = ids
    with transaction(store.conn):
        incident = sql.create_incident(store.conn, "PROTEST", "", "")
        for event_id in ids[:4]:
            sql.add_member(store.conn, incident, event_id, 1, None, "machine")
        sql.write_retold_keys(store.conn, ids, [
            (near, "union", "KG", "march", "PROTEST", True, 1000, 1030),
            (near, "union", "KG", "strik", "PROTEST", True, 1000, 1030),
            (far, "union", "KG", "march", "PROTEST", True, 2000, 2030),
            (other_doer, "guild", "KG", "march", "PROTEST", True, 1000, 1030),
            (day_dated, "union", "KG", "march", "PROTEST", False, 1010, 1010),
            (not_member, "union", "KG", "march", "PROTEST", True, 1000, 1030),  # in no incident: not read
        ])  # fmt: skip

    def read(doers, cells, words, types, coarse_only=False):
        return sql.retold_events(store.conn, doers, cells, words, types, coarse_only, (1010 - 366, 1010, 1005))

    assert read(["union"], ["KG"], ["march", "strik"], ["PROTEST"]) == [near, day_dated]
    assert read(["union"], ["KG"], ["march", "strik"], ["PROTEST"], coarse_only=True) == [near]
    assert read(["union"], ["UZ"], ["march"], ["PROTEST"]) == []
    assert read(["union"], ["KG"], ["march"], ["ASSAULT"]) == []
    assert read(["union", "guild"], ["KG"], ["march"], ["PROTEST"], coarse_only=True) == [near, other_doer]
    with transaction(store.conn):  # rewriting an event's keys replaces them
        sql.write_retold_keys(store.conn, [near], [(near, "union", "KG", "walk", "PROTEST", True, 1000, 1030)])
    assert read(["union"], ["KG"], ["march", "strik"], ["PROTEST"], coarse_only=True) == []
