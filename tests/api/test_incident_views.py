"""One incident with its reports' evidence, and an event's "also reported by"."""

from __future__ import annotations

from eventledger.dedup import dedup_documents
from eventledger.store import open_store


def _clustered(db_path) -> None:
    with open_store(db_path) as store:
        dedup_documents(store.incident_tables(), store.document_ids())


def test_one_incident_lists_every_report_with_its_evidence(client, db_path, token):
    _clustered(db_path)
    a, b = client.get("/api/incidents").json()["items"][:2]
    auth = {"Authorization": f"Bearer {token}"}
    kept = client.post("/api/incidents/merge", json={"incident_ids": [a["id"], b["id"]]}, headers=auth).json()
    inc = client.get(f"/api/incidents/{kept['incident_id']}").json()
    assert inc["status"] == "active" and sorted(inc["event_ids"]) == sorted(a["event_ids"] + b["event_ids"])
    assert sorted(r["id"] for r in inc["reports"]) == sorted(inc["event_ids"])
    assert all(r["evidence"]["text"] and r["document"]["publisher"] for r in inc["reports"])
    assert [h["action"] for h in inc["history"]] == ["merge"]
    gone = client.get(f"/api/incidents/{max(a['id'], b['id'])}").json()
    assert (gone["status"], gone["merged_into"]) == ("merged", kept["incident_id"])


def test_also_reported_by_names_the_other_reports_of_the_incident(client, db_path, token):
    _clustered(db_path)
    items = client.get("/api/incidents").json()["items"]
    first, second = items[0], items[1]
    assert client.get(f"/api/events/{first['event_ids'][0]}/incident").json()["also_reported_by"] == []
    auth = {"Authorization": f"Bearer {token}"}
    client.post("/api/incidents/merge", json={"incident_ids": [first["id"], second["id"]]}, headers=auth)
    body = client.get(f"/api/events/{first['event_ids'][0]}/incident").json()
    assert body["incident"]["id"] == min(first["id"], second["id"])
    [other] = body["also_reported_by"]
    assert other["event_id"] == second["event_ids"][0] and other["document_id"] == second["document_ids"][0]
    assert other["publisher"]


def test_unknown_incident_and_event_are_404(client):
    assert client.get("/api/incidents/9999").status_code == 404
    assert client.get("/api/events/9999/incident").status_code == 404


def test_an_event_without_an_incident_says_so(client):
    assert client.get("/api/events/1/incident").json() == {"incident": None, "also_reported_by": []}
