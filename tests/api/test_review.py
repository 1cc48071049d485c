"""Review writes: token required, audit log appended, machine coding kept, effective value shown."""

from __future__ import annotations

from eventledger.store import open_store
from eventledger.store.reviews import revoke_token


def test_writes_need_a_token(client):
    r = client.post("/api/events/1/accept", json={})
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    bad = {"Authorization": "Bearer elt_not-a-real-token"}
    assert client.post("/api/events/1/accept", json={}, headers=bad).status_code == 401
    assert client.get("/api/events/1").json()["history"] == []


def test_whoami_names_the_token_owner(client, auth):
    assert client.get("/api/whoami", headers=auth).json() == {"user": "alice"}


def test_revoked_token_is_refused(client, auth, db_path):
    with open_store(db_path) as store:
        assert revoke_token(store, "alice")
    assert client.post("/api/events/1/accept", json={}, headers=auth).status_code == 401


def test_accept_appends_to_history(client, auth):
    r = client.post("/api/events/1/accept", json={"comment": "matches the report"}, headers=auth)
    assert r.status_code == 200
    e = r.json()
    assert e["review"]["decision"] == "accepted"
    [h] = e["history"]
    assert (h["action"], h["user"], h["comment"]) == ("accept", "alice", "matches the report")
    assert h["before"]["decision"] is None and h["after"]["decision"] == "accepted"
    assert h["at"].endswith("+00:00")
    assert client.get("/api/events/1/history").json() == e["history"]
    assert _ids(client, reviewed="true") == [1]


def test_correct_keeps_machine_coding_and_shows_effective(client, auth):
    fields = {"type": "PROTEST", "mode": "riot", "time_start": "2023-06-03", "actors": ["Army unit"]}
    r = client.post("/api/events/1/correct", json={"fields": fields, "comment": "it was a riot"}, headers=auth)
    assert r.status_code == 200, r.text
    e = r.json()
    assert (e["type"], e["mode"], e["time"]["start"], e["time"]["basis"]) == (
        "PROTEST",
        "riot",
        "2023-06-03",
        "review",
    )
    assert e["actors"][0]["text"] == "Army unit"
    assert (e["machine"]["type"], e["machine"]["mode"], e["machine"]["time"]["start"]) == (
        "ASSAULT", "firearms", "2023-06-02",
    )  # fmt: skip
    assert e["review"]["corrected"] == ["actors", "mode", "time_start", "type"]
    [h] = e["history"]
    assert h["before"]["fields"]["type"] == "ASSAULT" and h["after"]["fields"]["type"] == "PROTEST"
    # list filters and facets follow the effective value
    assert _ids(client, type="ASSAULT") == [4]
    assert _ids(client, type="PROTEST") == [1, 2]
    assert _ids(client, date_from="2023-06-03", date_to="2023-06-03") == [1]
    assert client.get("/api/facets").json()["type"] == {"PROTEST": 2, "ASSAULT": 1, "COERCE": 1}


def test_corrections_accumulate_and_location_moves_the_marker(client, auth):
    loc = {"name": "Kisumu", "lat": -0.1, "lon": 34.75, "country": "KE"}
    client.post("/api/events/2/correct", json={"fields": {"status": "alleged"}}, headers=auth)
    e = client.post("/api/events/2/correct", json={"fields": {"location": loc}}, headers=auth).json()
    assert e["status"] == "alleged" and e["locations"][0]["name"] == "Kisumu"
    assert len(e["history"]) == 2
    pts = client.get("/api/points", params={"document_id": 2}).json()["points"]
    assert [2, -0.1, 34.75, "PROTEST", "2023-07-10"] in pts
    assert _ids(client, bbox="34.5,-0.5,35,0") == [2]


def test_bad_corrections_are_refused(client, auth):
    post = client.post
    assert post("/api/events/1/correct", json={"fields": {}}, headers=auth).status_code == 422
    assert post("/api/events/1/correct", json={"fields": {"colour": "red"}}, headers=auth).status_code == 422
    assert post("/api/events/1/correct", json={"fields": {"status": "maybe"}}, headers=auth).status_code == 422
    r = post("/api/events/1/correct", json={"fields": {"type": "PICNIC"}}, headers=auth)
    assert r.status_code == 409 and "unknown PLOVER type" in r.json()["detail"]
    assert client.get("/api/events/1").json()["history"] == []


def test_reject_hides_the_event_unless_asked(client, auth):
    r = client.post("/api/events/4/reject", json={"comment": "not an attack"}, headers=auth)
    assert r.json()["review"]["decision"] == "rejected"
    assert _ids(client) == [1, 2, 3]
    assert _ids(client, include_rejected="true") == [1, 2, 3, 4]
    assert _ids(client, decision="rejected") == [4]
    assert client.get("/api/events/4").json()["machine"]["type"] == "ASSAULT"


def test_merge_folds_one_event_into_another(client, auth):
    r = client.post("/api/events/3/merge", json={"into": 2, "comment": "same incident"}, headers=auth)
    assert r.status_code == 200
    kept = r.json()
    assert kept["id"] == 2
    assert [m["id"] for m in kept["review"]["absorbed"]] == [3]
    assert kept["history"][-1]["action"] == "merge"
    gone = client.get("/api/events/3").json()
    assert (gone["review"]["decision"], gone["review"]["merged_into"]) == ("merged", 2)
    assert gone["history"][-1]["after"]["merged_into"] == 2
    assert _ids(client) == [1, 2, 4]
    # a merged event cannot be reviewed again, nor merged into itself
    assert client.post("/api/events/3/accept", json={}, headers=auth).status_code == 409
    assert client.post("/api/events/1/merge", json={"into": 1}, headers=auth).status_code == 409
    assert client.post("/api/events/1/merge", json={"into": 3}, headers=auth).status_code == 409
    assert client.post("/api/events/1/merge", json={"into": 99}, headers=auth).status_code == 404


def test_review_of_unknown_event_is_404(client, auth):
    assert client.post("/api/events/99/accept", json={}, headers=auth).status_code == 404


def _ids(client, **params) -> list[int]:
    r = client.get("/api/events", params=params | {"limit": 100})
    assert r.status_code == 200, r.text
    return sorted(e["id"] for e in r.json()["items"])
