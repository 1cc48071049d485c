"""Item 1 of issue 14: `ingest --replace` must not orphan reviews or a reviewer's incident decisions."""

from __future__ import annotations

import warnings

import pytest

from eventledger.pipeline import process
from eventledger.store import open_store
from eventledger.store.reattach import detached_reviews, orphaned_reviews
from eventledger.store.reviews import history, rebuild_state, review, split_incident, state

from .corpus import write_reports

pytestmark = pytest.mark.slow


def _events(store) -> list[tuple[int, int, str, int, int, int]]:
    """(event id, document id, type, first evidence start, end, position in the document) of every
    event (two events of one type may share their evidence: the position tells them apart)."""
    rows = store.conn.execute(
        """SELECT e.id, e.document_id, e.type, ev.start, ev."end", e.seq FROM events e
           JOIN evidence ev ON ev.event_id = e.id AND ev.seq = 0 ORDER BY e.id"""
    )
    return [tuple(r) for r in rows]


def _sha_of(store, document_id: int) -> str:
    return store.conn.execute("SELECT sha256 FROM documents WHERE id = ?", (document_id,)).fetchone()[0]


def test_replace_reattaches_every_review_and_incident_decision(tmp_path, db_target):
    src = write_reports(tmp_path, 8, copies=True)
    with open_store(db_target) as store:
        assert [o.status for o in process([str(src)], store)] == ["stored"] * 8
        events = _events(store)
        assert len(events) >= 6, "the comparison must not be vacuous"
        # Reviews on events of documents in the middle of the table, so their ids are not the highest.
        a, b, c, d = events[1], events[2], events[3], events[4]
        review(store, a[0], "accept", "ana")
        review(store, b[0], "correct", "ana", "actor", {"actors": ["riot police"], "mode": "arrest"})
        review(store, c[0], "reject", "ben", "not an event")
        review(store, d[0], "merge", "ben", "same arrest", into=a[0])
        incidents = store.conn.execute(
            "SELECT incident_id, COUNT(*) FROM incident_events GROUP BY incident_id HAVING COUNT(*) > 1 ORDER BY 1"
        ).fetchall()
        assert incidents, "copies make incidents of several reports"
        if incidents:
            members = [
                r[0]
                for r in store.conn.execute(
                    "SELECT event_id FROM incident_events WHERE incident_id = ? ORDER BY event_id", (incidents[0][0],)
                )
            ]
            split_ids = members[-1:]
            split_incident(store, incidents[0][0], split_ids, reviewer="ana")  # fmt: skip
        before = {e[0]: (_sha_of(store, e[1]), *e[2:]) for e in (a, b, c, d)}
        decisions = {e[0]: state(store, e[0]).decision for e in (a, b, c, d)}
        n_reviews = store.conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
        split_members = {
            (_sha_of(store, e[1]), *e[2:]): store.conn.execute(
                "SELECT incident_id FROM incident_events WHERE event_id = ?", (e[0],)).fetchone()[0]
            for e in events if e[0] in split_ids
        }  # fmt: skip

    with open_store(db_target) as store:
        outcomes = list(process([str(src)], store, replace=True))
        assert [o.status for o in outcomes] == ["stored"] * 8
        assert orphaned_reviews(store.conn) == 0
        assert detached_reviews(store.conn) == []
        assert store.conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == n_reviews  # the log is untouched
        now = {(_sha_of(store, e[1]), *e[2:]): e[0] for e in _events(store)}
        assert len(now) == len(events)
        for old_id, key in before.items():
            new_id = now[key]
            assert new_id != old_id, "re-analysis gives new ids"
            st = state(store, new_id)
            assert st is not None and st.decision == decisions[old_id]
            assert history(store, new_id), "the audit trail follows the event"
        assert state(store, now[before[b[0]]]).fields["actors"] == ["riot police"]
        assert state(store, now[before[d[0]]]).merged_into == now[before[a[0]]]
        for key, incident in split_members.items():
            new_id = now[key]
            row = store.conn.execute(
                "SELECT incident_id, assigned_by FROM incident_events WHERE event_id = ?", (new_id,)
            ).fetchone()
            assert (row[0], row[1]) == (incident, "review")
        # The log alone rebuilds the same state, dated when the reviewers decided.
        stamped = {r[0]: r[1] for r in store.conn.execute("SELECT event_id, reviewed_at FROM review_state")}
        rebuild_state(store)
        assert {r[0]: r[1] for r in store.conn.execute("SELECT event_id, reviewed_at FROM review_state")} == stamped
        assert orphaned_reviews(store.conn) == 0


def test_a_reviewed_event_the_new_analysis_lacks_is_kept_as_detached(tmp_path, db_target):
    src = write_reports(tmp_path, 3)
    with open_store(db_target) as store:
        list(process([str(src)], store))
        first = _events(store)[0]
        review(store, first[0], "accept", "ana", "checked")
        # Pretend the old pipeline had coded this event elsewhere: the new analysis cannot match it.
        store.conn.execute("UPDATE evidence SET start = start + 1 WHERE event_id = ?", (first[0],))
        store.conn.execute("UPDATE events SET trigger_start = NULL WHERE id = ?", (first[0],))
    with open_store(db_target) as store:
        list(process([str(src)], store, replace=True))
        assert orphaned_reviews(store.conn) == 0
        detached = detached_reviews(store.conn)
        assert [(d["original_event_id"], d["status"], d["comment"]) for d in detached] == [
            (first[0], "detached", "checked")
        ]
        assert store.conn.execute("SELECT COUNT(*) FROM review_state").fetchone()[0] == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from eventledger.api.app import create_app

    with TestClient(create_app(db_target)) as client:
        shown = client.get("/api/reviews/detached").json()
        assert [(d["original_event_id"], d["status"], d["action"]) for d in shown] == [(first[0], "detached", "accept")]
