"""Incidents through the API: list, split and merge with a token, and the audit history."""

from __future__ import annotations

from eventledger.dedup import dedup_documents
from eventledger.store import open_store


def _clustered(db_path) -> None:
    with open_store(db_path) as store:
        dedup_documents(store.incident_tables(), store.document_ids())


def test_incidents_are_listed_with_their_reports(client, db_path):
    _clustered(db_path)
    body = client.get("/api/incidents").json()
    assert body["total"] == len(body["items"]) > 0
    first = body["items"][0]
    assert {"id", "type", "n_reports", "n_independent_sources", "document_ids", "event_ids"} <= set(first)


def test_merge_then_split_are_audited_and_need_a_token(client, db_path, token):
    _clustered(db_path)
    items = client.get("/api/incidents").json()["items"]
    a, b = items[0]["id"], items[1]["id"]
    assert client.post("/api/incidents/merge", json={"incident_ids": [a, b]}).status_code == 401
    auth = {"Authorization": f"Bearer {token}"}
    merged = client.post("/api/incidents/merge", json={"incident_ids": [a, b], "comment": "same raid"}, headers=auth)
    assert merged.status_code == 200 and merged.json() == {"incident_id": min(a, b)}
    moved = items[1]["event_ids"][:1]
    split = client.post(f"/api/incidents/{min(a, b)}/split", json={"event_ids": moved}, headers=auth)
    assert split.status_code == 200
    history = client.get(f"/api/incidents/{min(a, b)}/history").json()
    assert [h["action"] for h in history] == ["merge", "split"]
    assert history[0]["reviewer"] == "alice" and history[0]["comment"] == "same raid"


def test_merging_one_incident_is_a_conflict(client, db_path, token):
    _clustered(db_path)
    first = client.get("/api/incidents").json()["items"][0]["id"]
    r = client.post(
        "/api/incidents/merge", json={"incident_ids": [first, first]}, headers={"Authorization": f"Bearer {token}"}
    )
    assert r.status_code in (409, 422)


def test_incidents_are_paged_and_filtered_in_the_query(client, db_path):
    _clustered(db_path)
    everything = client.get("/api/incidents").json()
    assert everything["total_exact"] is True and everything["total"] == len(everything["items"]) >= 3
    page = client.get("/api/incidents", params={"limit": 2, "offset": 1}).json()
    assert page["items"] == everything["items"][1:3] and page["total"] == everything["total"]
    kind = everything["items"][0]["type"]
    typed = client.get("/api/incidents", params={"type": kind}).json()
    assert typed["items"] == [i for i in everything["items"] if i["type"] == kind]
    calm = client.get("/api/incidents", params={"conflict": "false"}).json()
    assert calm["items"] == [i for i in everything["items"] if not i["conflict"]]
    assert client.get("/api/incidents", params={"country": "not a code"}).status_code == 422


def test_an_incident_page_counts_only_up_to_a_cap(db_path):
    _clustered(db_path)
    with open_store(db_path) as store:
        n = len(store.incidents())
        page = store.incidents_page(limit=1, offset=0, count_cap=1)
    assert n > 2 and (page.total, page.exact) == (2, False) and len(page.items) == 1
