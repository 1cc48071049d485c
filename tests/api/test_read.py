"""Read endpoints: documents, raw bytes, filtered and paginated events, one event, facets, map points."""

from __future__ import annotations

import hashlib

import pytest
from sample_reports import XSS


def test_documents_list_metadata_without_body(client):
    r = client.get("/api/documents")
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 3
    assert {d["title"] for d in page["items"]} >= {"Clash near the harbour", "Teachers march in Nairobi"}
    assert all("body" not in d and "text" not in d for d in page["items"])


def test_document_has_clean_body_and_its_events(client):
    doc = client.get("/api/documents/2").json()
    assert doc["text"].startswith("Hundreds of teachers marched through Nairobi")
    assert [e["type"] for e in doc["events"]] == ["PROTEST", "COERCE"]
    ev = doc["events"][1]["evidence"]
    assert doc["text"][ev["start"] : ev["end"]] == ev["text"] == "Police arrested four organisers after the march"


def test_raw_bytes_by_sha256_are_a_download(client):
    doc = client.get("/api/documents/3").json()
    r = client.get(doc["raw_url"])
    assert r.status_code == 200
    assert hashlib.sha256(r.content).hexdigest() == doc["sha256"]
    assert XSS.encode() in r.content
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment")
    assert r.headers["x-content-type-options"] == "nosniff"


def test_unknown_ids_are_404_with_a_message(client):
    assert client.get("/api/documents/99").json() == {"detail": "no document with id 99"}
    assert client.get("/api/events/99").status_code == 404
    assert client.get("/api/blobs/" + "0" * 64).status_code == 404
    assert client.get("/api/blobs/not-a-hash").status_code == 422


def test_events_newest_first_with_total(client):
    page = client.get("/api/events").json()
    assert page["total"] == 4
    assert [e["time"]["start"] for e in page["items"]] == [
        "2023-08-15",
        "2023-07-10",
        "2023-07-10",
        "2023-06-02",
    ]


def test_pagination(client):
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 4
    ids = [e["id"] for e in first["items"] + second["items"]]
    assert sorted(ids) == [1, 2, 3, 4]


def test_filter_by_type_mode_status(client):
    assert _ids(client, type="ASSAULT") == [1, 4]
    assert _ids(client, type=["PROTEST", "COERCE"]) == [2, 3]
    assert _ids(client, mode="arrest") == [3]
    assert _ids(client, status="alleged") == [4]


def test_filter_by_date_range_overlap(client):
    assert _ids(client, date_from="2023-07-01", date_to="2023-07-31") == [2, 3]
    assert _ids(client, date_from="2023-07") == [2, 3, 4]
    assert _ids(client, date_to="2023-06") == [1]


def test_filter_by_bbox(client):
    assert _ids(client, bbox="30,-5,40,5") == [2, 3]  # east Africa
    assert _ids(client, bbox="60,0,100,40") == [1, 4]
    assert client.get("/api/events", params={"bbox": "1,2,3"}).status_code == 422


def test_filter_by_actor_place_text(client):
    assert _ids(client, actor="police") == [3]
    assert _ids(client, place="mandalay") == [4]
    assert _ids(client, text="opened fire") == [1]
    assert _ids(client, text="100%_") == []


def test_filter_by_document_and_reviewed(client):
    assert _ids(client, document_id=2) == [2, 3]
    assert _ids(client, reviewed="true") == []
    assert _ids(client, reviewed="false") == [1, 2, 3, 4]


def test_bad_date_is_422(client):
    assert client.get("/api/events", params={"date_from": "yesterday"}).status_code == 422


@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "2025-00", "2024-04-31"])
def test_a_date_the_calendar_lacks_is_422_with_its_name(client, value):
    r = client.get("/api/points", params={"date_to": value})
    assert r.status_code == 422 and "date_to" in r.text and "calendar" in r.text
    assert client.get("/api/events", params={"date_from": "2024-02-29"}).status_code == 200


def test_one_event_has_evidence_document_and_machine_coding(client):
    e = client.get("/api/events/1").json()
    assert e["type"] == e["machine"]["type"] == "ASSAULT"
    assert e["evidence"]["text"] == "Soldiers opened fire on a crowd near the harbour in Lahore on Friday"
    body = e["document"]["text"]
    assert body[e["evidence"]["start"] : e["evidence"]["end"]] == e["evidence"]["text"]
    assert e["locations"][0]["name"] == "Lahore"
    assert e["review"]["decision"] is None and e["history"] == []


def test_facets_count_effective_values_and_timeline(client):
    f = client.get("/api/facets").json()
    assert f["total"] == 4
    assert f["type"] == {"ASSAULT": 2, "COERCE": 1, "PROTEST": 1}
    assert f["country"] == {"KE": 2, "MM": 1, "PK": 1}
    assert f["decision"] == {"unreviewed": 4}
    assert f["timeline"] == [["2023-06-02", 1], ["2023-07-10", 2], ["2023-08-15", 1]]
    assert client.get("/api/facets", params={"type": "ASSAULT"}).json()["country"] == {"MM": 1, "PK": 1}


def test_points_for_the_map(client):
    r = client.get("/api/points", params={"type": "PROTEST"}).json()
    assert r["fields"] == ["id", "lat", "lon", "type", "date"]
    assert r["points"] == [[2, -1.29, 36.82, "PROTEST", "2023-07-10"]]


def test_ui_and_static_files_are_served_with_a_strict_csp(client):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/openapi.json").json()["info"]["title"] == "eventledger"


def _ids(client, **params) -> list[int]:
    r = client.get("/api/events", params=params | {"limit": 100})
    assert r.status_code == 200, r.text
    return sorted(e["id"] for e in r.json()["items"])


def test_openapi_docs_page_works_offline(client):
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in r.text and "cdn." not in r.text
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_vocab_for_the_ui(client):
    v = client.get("/api/vocab").json()
    assert "ASSAULT" in v["types"] and "alleged" in v["statuses"] and "unreviewed" in v["decisions"]


def test_filter_by_min_confidence(client):
    # Every sample event is scored 0.7 by the events stage.
    assert _ids(client, min_confidence=0.7) == [1, 2, 3, 4]
    assert _ids(client, min_confidence=0.8) == []
    assert client.get("/api/events", params={"min_confidence": 1.5}).status_code == 422
