"""Reports of one incident become one incident; sources are counted once; review is audited."""

from __future__ import annotations

import random

import pytest

from eventledger.dedup import (
    DocumentIndex,
    dedup_documents,
)
from eventledger.errors import NotFound, ReviewError
from eventledger.model import RawDocument
from eventledger.store import SQLiteStore
from eventledger.store.reviews import incident_history, merge_incidents, split_incident

from .conftest import NAMANGAN, UZBEKISTAN, refile_each
from .reports import REPRINT, RETELLING, STORY, UNRELATED


def run(store, *doc_ids: int) -> None:
    dedup_documents(store.incident_tables(), list(doc_ids))


def test_two_outlets_reporting_one_incident_cluster_with_two_sources(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04T18:00:00")
    b = report(RETELLING, publisher="Valley Post", published="2024-03-07", day="2024-03-04", precision="week")
    run(store, a, b)
    [incident] = store.incidents()
    assert incident["document_ids"] == [a, b]
    assert (incident["n_reports"], incident["n_independent_sources"]) == (2, 2)
    assert incident["first_reported"] == "2024-03-04T18:00:00"
    assert incident["type"] == "ASSAULT" and incident["place"]["name"] == "Andijan"
    assert incident["time"] == {"start": "2024-03-04", "end": "2024-03-04", "precision": "day"}
    assert incident["conflict"] is False


def test_a_reprint_counts_once(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(REPRINT, publisher="News Digest", published="2024-03-05", original_publisher="Radio Ozodlik")
    c = report(RETELLING, publisher="Valley Post", published="2024-03-07")
    run(store, a, b, c)
    [incident] = store.incidents()
    assert (incident["n_reports"], incident["n_independent_sources"]) == (3, 2)


def test_an_unnamed_copy_counts_as_its_original(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(REPRINT, publisher="News Digest", published="2024-03-05")
    run(store, a, b)
    [incident] = store.incidents()
    assert (incident["n_reports"], incident["n_independent_sources"]) == (2, 1)


def test_the_same_outlet_retelling_its_story_is_one_source(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(RETELLING, publisher="Radio Ozodlik", published="2024-03-08")
    run(store, a, b)
    [incident] = store.incidents()
    assert (incident["n_reports"], incident["n_independent_sources"]) == (2, 1)


def test_an_unrelated_report_is_its_own_incident(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(UNRELATED, publisher="Namangan Times", published="2024-03-04", place=NAMANGAN)
    c = report(RETELLING, publisher="Valley Post", published="2024-03-05", day="2024-03-01")
    run(store, a, b, c)
    assert [i["document_ids"] for i in store.incidents()] == [[a], [b], [c]]


def test_a_country_level_report_joins_the_only_incident_it_fits(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(RETELLING, publisher="Valley Post", published="2024-03-05", place=UZBEKISTAN)
    run(store, a, b)
    assert [i["document_ids"] for i in store.incidents()] == [[a, b]]


def test_a_country_level_report_sharing_only_the_day_and_country_stays_apart(store, report):
    """A ministry statement and an arrest in one country on one day are not one act."""
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04", actors=("police",))
    b = report(RETELLING, publisher="Valley Post", published="2024-03-05", place=UZBEKISTAN, actors=())
    run(store, a, b)
    assert [i["document_ids"] for i in store.incidents()] == [[a], [b]]


def test_a_country_level_report_with_two_rival_incidents_stays_apart(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(UNRELATED, publisher="Namangan Times", published="2024-03-04", place=NAMANGAN)
    c = report(RETELLING, publisher="Valley Post", published="2024-03-05", place=UZBEKISTAN)
    run(store, a, b, c)
    assert [i["document_ids"] for i in store.incidents()] == [[a], [b], [c]]


def test_different_counts_set_the_conflict_flag(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04", killed=14)
    b = report(RETELLING, publisher="Valley Post", published="2024-03-05", killed=12)
    c = report(UNRELATED, publisher="Namangan Times", published="2024-03-05", killed=14)
    run(store, a, b, c)
    [incident] = store.incidents()
    assert incident["conflict"] is True
    assert incident["conflict_reasons"] == ["people (people): 12 vs 14"]


def test_equal_counts_do_not_conflict(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04", killed=14)
    b = report(RETELLING, publisher="Valley Post", published="2024-03-05", killed=14)
    run(store, a, b)
    assert store.incidents()[0]["conflict"] is False


def _file_all(report) -> list[int]:
    return [
        report(STORY, publisher="Radio Ozodlik", published="2024-03-04"),
        report(UNRELATED, publisher="Namangan Times", published="2024-03-04", place=NAMANGAN),
        report(REPRINT, publisher="News Digest", published="2024-03-05"),
        report(RETELLING, publisher="Valley Post", published="2024-03-07", precision="week"),
        report(STORY.replace("fourteen", "fifteen"), publisher="Mirror", published="2024-03-08", killed=15),
    ]


def _content(store) -> list[tuple]:
    keys = (
        "type",
        "time",
        "place",
        "n_reports",
        "n_independent_sources",
        "first_reported",
        "conflict",
        "document_ids",
        "event_ids",
    )
    return [tuple(str(i[k]) for k in keys) for i in store.incidents()]


def test_incremental_batches_give_the_batch_result(tmp_path, report, store):
    ids = _file_all(report)
    run(store, *ids)
    batch = _content(store)

    other = SQLiteStore(tmp_path / "incremental.db")
    for i in ids:  # the same documents, stored and deduplicated one at a time
        raw = store.conn.execute(
            "SELECT bytes FROM blobs b JOIN documents d ON d.sha256 = b.sha256 WHERE d.id = ?", (i,)
        ).fetchone()[0]
        analysis = store.load_analysis(i)
        d = analysis.document
        new_id = other.save(RawDocument(d.sha256, d.source, "text", bytes(raw), d.body, "text"), analysis)
        dedup_documents(other.incident_tables(), [new_id])
    assert _content(other) == batch
    assert len(batch) == 2
    other.close()


def test_another_ingestion_order_gives_the_same_incidents(tmp_path, report, store):
    ids = _file_all(report)
    run(store, *ids)
    other = SQLiteStore(tmp_path / "reversed.db")
    refile_each(store, other, list(reversed(ids)))
    assert other.incident_partition() == store.incident_partition()
    other.close()


def _refile(store, target: SQLiteStore, ids: list[int], batches: list[list[int]]) -> None:
    """File ``ids`` again into ``target`` and deduplicate them in ``batches`` (positions into ``ids``)."""
    new_ids = []
    for i in ids:
        analysis = store.load_analysis(i)
        d = analysis.document
        new_ids.append(target.save(RawDocument(d.sha256, d.source, "text", d.body.encode(), d.body, "text"), analysis))
    for batch in batches:
        dedup_documents(target.incident_tables(), [new_ids[k] for k in batch])


@pytest.mark.parametrize("seed", range(6))
def test_any_order_and_any_batches_give_the_same_incidents(tmp_path, report, store, seed):
    ids = _file_all(report)
    run(store, *ids)
    order = list(ids)
    random.Random(seed).shuffle(order)
    cut = random.Random(seed).randrange(1, len(order))
    other = SQLiteStore(tmp_path / f"order-{seed}.db")
    _refile(store, other, order, [list(range(cut)), list(range(cut, len(order)))])
    assert other.incident_partition() == store.incident_partition()
    other.close()


def test_a_precise_report_arriving_late_gathers_the_vague_incident_before_it(tmp_path, report, store):
    story = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    vague = report(RETELLING, publisher="Valley Post", published="2024-03-06", place=UZBEKISTAN)
    later = dict(published="2024-05-20", day="2024-05-20", place=NAMANGAN)
    unrelated = report(UNRELATED, publisher="Namangan Times", **later)
    run(store, vague)
    [before] = store.incidents()
    run(store, unrelated)
    run(store, story)  # the vague report now has a precise incident to join
    partition = store.incident_partition()
    assert sorted(i["n_reports"] for i in partition) == [1, 2]
    joined = next(i for i in store.incidents() if len(i["document_ids"]) == 2)
    assert joined["id"] == before["id"] and joined["place"]["name"] == "Andijan"  # the old id is kept
    other = SQLiteStore(tmp_path / "together.db")
    _refile(store, other, [story, vague, unrelated], [[0, 1, 2]])
    assert other.incident_partition() == partition
    other.close()


def test_a_reviewer_split_survives_later_reports(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(RETELLING, publisher="Valley Post", published="2024-03-05")
    run(store, a, b)
    [incident] = store.incidents()
    first, second = incident["event_ids"]
    split_incident(store, incident["id"], [second], reviewer="ana")
    c = report(STORY.replace("fourteen", "fifteen"), publisher="Mirror", published="2024-03-08")
    run(store, c)
    groups = [i["event_ids"] for i in store.incidents()]
    assert len(groups) == 2 and all(first not in g or second not in g for g in groups)
    assert sum(len(g) for g in groups) == 3


def test_split_and_merge_are_audited(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(RETELLING, publisher="Valley Post", published="2024-03-05")
    run(store, a, b)
    [incident] = store.incidents()
    first, second = incident["event_ids"]
    new_id = split_incident(store, incident["id"], [second], reviewer="ana", comment="two raids")
    assert [i["event_ids"] for i in store.incidents()] == [[first], [second]]
    [review] = incident_history(store, new_id)
    assert (review["action"], review["reviewer"], review["comment"]) == ("split", "ana", "two raids")
    assert review["before"] == {"incidents": {str(incident["id"]): [first, second]}}
    assert review["after"]["incidents"][str(new_id)] == [second]

    kept = merge_incidents(store, [new_id, incident["id"]], reviewer="ben")
    assert kept == incident["id"]
    [merged] = store.incidents()
    assert merged["event_ids"] == [first, second] and merged["n_independent_sources"] == 2
    history = incident_history(store, kept)
    assert [(r["action"], r["reviewer"]) for r in history] == [("split", "ana"), ("merge", "ben")]
    assert store.conn.execute("SELECT status, merged_into FROM incidents WHERE id = ?", (new_id,)).fetchone()[:] == (
        "merged",
        kept,
    )


def test_review_refuses_impossible_requests(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    run(store, a)
    [incident] = store.incidents()
    with pytest.raises(ReviewError, match="must leave events on both sides"):
        split_incident(store, incident["id"], incident["event_ids"], reviewer="ana")
    with pytest.raises(ReviewError, match="are not in it"):
        split_incident(store, incident["id"], [999], reviewer="ana")
    with pytest.raises(NotFound, match="no incident with id 42"):
        merge_incidents(store, [incident["id"], 42], reviewer="ana")
    assert incident_history(store) == []


def test_events_that_did_not_happen_are_not_incidents(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04", status="hypothetical")
    run(store, a)
    assert store.incidents() == []


def test_replacing_a_document_relinks_its_copies_and_refreshes_counts(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(REPRINT, publisher="News Digest", published="2024-03-05")
    c = report(UNRELATED, publisher="Namangan Times", published="2024-03-04", place=NAMANGAN)
    index = DocumentIndex(store.incident_tables())
    dedup_documents(store.incident_tables(), [a, b, c], index)
    sha = store.conn.execute("SELECT sha256 FROM documents WHERE id = ?", (c,)).fetchone()[0]
    store.conn.execute("DELETE FROM documents WHERE id = ?", (c,))
    analysis = store.load_analysis(a)
    raw = RawDocument(analysis.document.sha256, "again.txt", "text", STORY.encode(), STORY, "text")
    new_a = store.save(raw, analysis, replace=True)
    dedup_documents(store.incident_tables(), [new_a], index)
    assert index.origin_of(b) == new_a
    assert [(i["document_ids"], i["n_independent_sources"]) for i in store.incidents()] == [([b, new_a], 1)]
    assert sha not in {r[0] for r in store.conn.execute("SELECT sha256 FROM documents")}


def test_events_a_reviewer_rejected_are_left_out_and_corrections_are_used(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(RETELLING, publisher="Valley Post", published="2024-03-05", type_="PROTEST")
    c = report(UNRELATED, publisher="Namangan Times", published="2024-03-05")
    ev_b, ev_c = (store.conn.execute("SELECT id FROM events WHERE document_id = ?", (d,)).fetchone()[0] for d in (b, c))
    rid = store.conn.execute(
        'INSERT INTO reviews (target_type, target_id, action, before_json, after_json, "user", at) '
        "VALUES ('event', ?, 'reject', '{}', '{}', 'ana', '2024-03-06') RETURNING id",
        (ev_c,),
    ).fetchone()[0]
    for event_id, decision, type_ in ((ev_b, "corrected", "ASSAULT"), (ev_c, "rejected", None)):
        store.conn.execute(
            "INSERT INTO review_state (event_id, decision, type, last_review, reviewed_at) VALUES (?, ?, ?, ?, '')",
            (event_id, decision, type_, rid),
        )
    run(store, a, b, c)
    [incident] = store.incidents()
    assert (incident["type"], incident["document_ids"]) == ("ASSAULT", [a, b])


def test_a_vague_report_read_before_the_precise_one_still_joins_it(store, report):
    vague = report(RETELLING, publisher="Valley Post", published="2024-03-06", place=UZBEKISTAN)
    precise = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    run(store, vague)
    run(store, precise)
    [incident] = store.incidents()
    assert incident["document_ids"] == [vague, precise] and incident["n_independent_sources"] == 2
    assert incident["place"]["name"] == "Andijan"


def _event_of(store, doc_id: int) -> int:
    return store.incident_tables().event_ids_of_documents([doc_id])[0]


def test_a_corrected_place_takes_the_event_out_of_its_incident_and_refreshes_both(store, report):
    from eventledger.store.reviews import review

    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(RETELLING, publisher="Valley Post", published="2024-03-05")
    run(store, a, b)
    [incident] = store.incidents()
    assert incident["document_ids"] == [a, b]
    location = {"name": "Namangan", "lat": 41.0, "lon": 71.67, "country": "UZ", "admin1": "06", "precision": "town"}
    review(store, _event_of(store, b), "correct", "ana", fields={"location": location})
    by_doc = {tuple(i["document_ids"]): i for i in store.incidents()}
    assert sorted(by_doc) == [(a,), (b,)]
    assert by_doc[(b,)]["place"]["name"] == "Namangan" and by_doc[(a,)]["n_reports"] == 1


def test_a_corrected_time_brings_an_event_into_the_incident_it_belongs_to(store, report):
    from eventledger.store.reviews import review

    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(RETELLING, publisher="Valley Post", published="2024-03-20", day="2024-03-18")
    run(store, a, b)
    assert len(store.incidents()) == 2
    review(store, _event_of(store, b), "correct", "ana", fields={"time_start": "2024-03-04", "time_end": "2024-03-04"})
    [incident] = store.incidents()
    assert incident["document_ids"] == [a, b] and incident["n_independent_sources"] == 2


def test_a_rejected_event_leaves_its_incident_at_once(store, report):
    from eventledger.store.reviews import review

    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(RETELLING, publisher="Valley Post", published="2024-03-05", killed=30)
    c = report(REPRINT, publisher="Valley Post", published="2024-03-05", killed=14)
    run(store, a, b, c)
    [incident] = [i for i in store.incidents() if b in i["document_ids"]]
    review(store, _event_of(store, b), "reject", "ana")
    assert all(b not in i["document_ids"] for i in store.incidents())
    assert any(a in i["document_ids"] and i["n_reports"] == len(i["document_ids"]) for i in store.incidents())


def test_an_incident_with_a_long_window_is_still_found_by_a_report_late_in_it(store, report):
    """The candidate lookup starts no earlier than the longest stored window allows: a season-long one counts."""
    a = report(STORY, publisher="Radio Ozodlik", published="2024-07-01", day="2024-01-01", end="2024-06-30",
               precision="season")  # fmt: skip
    run(store, a)
    b = report(STORY + " ", publisher="Valley Post", published="2024-06-21", day="2024-06-20")
    run(store, b)
    [incident] = store.incidents()
    assert incident["document_ids"] == [a, b]


def test_members_stored_without_blocking_keys_are_still_found_and_get_keyed(store, report):
    """A database from before the keys: its members are read by every lookup, then keyed by the next call."""
    from eventledger.dedup.tables import MemberKey

    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    run(store, a)
    tables = store.incident_tables()
    [event_id] = tables.event_ids_of_documents([a])
    with tables.transaction():
        tables.write_member_keys([MemberKey(event_id, "*", "*", -1, None, None)])
    assert tables.unkeyed_members() == [event_id]
    b = report(RETELLING, publisher="Valley Post", published="2024-03-07", day="2024-03-04", precision="week")
    run(store, b)
    assert tables.unkeyed_members() == []
    [incident] = store.incidents()
    assert incident["document_ids"] == [a, b]
