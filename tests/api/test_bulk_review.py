"""Bulk review: one audited review per event in one transaction, by ids or by the list's filters."""

from __future__ import annotations

import pytest

KISUMU = {"name": "Kisumu", "lat": -0.1, "lon": 34.75, "country": "KE"}


def _bulk(client, body, auth=None, **params):
    return client.post("/api/reviews/bulk", json=body, params=params, headers=auth or {})


def test_bulk_correction_writes_one_audited_review_per_event(client, auth):
    body = {"action": "correct", "event_ids": [1, 2, 3], "fields": {"location": KISUMU}, "comment": "one wrong toponym"}
    r = _bulk(client, body, auth)
    assert r.status_code == 200, r.text
    out = r.json()
    assert (out["action"], out["count"], out["event_ids"]) == ("correct", 3, [1, 2, 3])
    assert len(set(out["review_ids"])) == 3
    for event_id in (1, 2, 3):
        e = client.get(f"/api/events/{event_id}").json()
        assert e["locations"][0]["name"] == "Kisumu" and e["review"]["decision"] == "corrected"
        [h] = e["history"]
        assert (h["action"], h["user"], h["comment"]) == ("correct", "alice", "one wrong toponym")
        assert h["after"]["fields"]["location"]["name"] == "Kisumu"
    assert client.get("/api/events/4").json()["history"] == []


def test_bulk_by_filter_acts_on_what_the_list_shows(client, auth):
    shown = [e["id"] for e in client.get("/api/events", params={"type": "ASSAULT"}).json()["items"]]
    r = _bulk(client, {"action": "reject", "comment": "not events"}, auth, type="ASSAULT")
    assert r.status_code == 200, r.text
    assert sorted(r.json()["event_ids"]) == sorted(shown) and len(shown) == 2
    assert client.get("/api/events", params={"type": "ASSAULT"}).json()["total"] == 0
    for event_id in shown:
        assert client.get(f"/api/events/{event_id}").json()["review"]["decision"] == "rejected"


def test_bulk_type_correction_moves_the_events_between_type_filters(client, auth):
    r = _bulk(client, {"action": "correct", "event_ids": [1, 4], "fields": {"type": "PROTEST"}}, auth)
    assert r.status_code == 200, r.text
    assert client.get("/api/events", params={"type": "ASSAULT"}).json()["total"] == 0


def test_bulk_needs_a_token(client):
    r = _bulk(client, {"action": "reject", "event_ids": [1]})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    bad = {"Authorization": "Bearer elt_not-a-real-token"}
    assert _bulk(client, {"action": "reject", "event_ids": [1]}, bad).status_code == 401
    assert client.get("/api/events/1").json()["history"] == []


@pytest.mark.parametrize(
    ("body", "params"),
    [
        ({"action": "merge", "event_ids": [1, 2]}, {}),  # merge is one event at a time
        ({"action": "correct", "event_ids": [1, 2]}, {}),  # a correction without fields
        ({"action": "correct", "event_ids": [1], "fields": {}}, {}),
        ({"action": "reject", "event_ids": [1], "fields": {"type": "PROTEST"}}, {}),  # fields on a reject
        ({"action": "correct", "event_ids": [1], "fields": {"colour": "red"}}, {}),
        ({"action": "correct", "event_ids": [1], "fields": {"location": {"name": "X", "lat": 91}}}, {}),
        ({"action": "reject", "event_ids": []}, {}),
        ({"action": "reject", "event_ids": [0]}, {}),
        ({"action": "reject"}, {}),  # neither ids nor a filter: never the whole database
        ({"action": "reject"}, {"include_rejected": "true"}),
        ({"action": "reject"}, {"type": "NO_SUCH_TYPE"}),  # a filter that selects nothing
        ({"action": "reject"}, {"date_from": "14/03/2025"}),
    ],
)
def test_bad_bulk_requests_are_422_and_write_nothing(client, auth, body, params):
    r = _bulk(client, body, auth, **params)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]
    assert all(client.get(f"/api/events/{i}").json()["history"] == [] for i in (1, 2, 3, 4))


def test_one_refused_event_writes_none_of_them(client, auth):
    assert client.post("/api/events/2/merge", json={"into": 1}, headers=auth).status_code == 200
    r = _bulk(client, {"action": "reject", "event_ids": [3, 2, 4]}, auth)
    assert r.status_code == 409 and "merged" in r.json()["detail"]
    assert client.get("/api/events/3").json()["history"] == []
    assert client.get("/api/events/4").json()["history"] == []
    r = _bulk(client, {"action": "reject", "event_ids": [3, 999]}, auth)
    assert r.status_code == 404
    assert client.get("/api/events/3").json()["history"] == []
