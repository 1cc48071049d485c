"""Country and admin-area filters: exact ISO country, accent-free admin substring, on effective values."""

from __future__ import annotations

from eventledger.store import open_store


def _ids(client, **params) -> list[int]:
    return sorted(e["id"] for e in client.get("/api/events", params=params).json()["items"])


def test_country_filter_is_exact_and_follows_corrections(client, auth):
    assert _ids(client, country="KE") == [2, 3]
    assert _ids(client, country="ke") == [2, 3]
    assert _ids(client, country="PK") == [1]
    assert _ids(client, country="AF") == []
    # the points and facets the map and timeline read apply it too
    assert sorted(p[0] for p in client.get("/api/points", params={"country": "KE"}).json()["points"]) == [2, 3]
    assert sum(client.get("/api/facets", params={"country": "KE"}).json()["type"].values()) == 2
    loc = {"name": "Mombasa", "lat": -4.05, "lon": 39.67, "country": "KE"}
    assert client.post("/api/events/1/correct", json={"fields": {"location": loc}}, headers=auth).status_code == 200
    assert _ids(client, country="KE") == [1, 2, 3]
    assert _ids(client, country="PK") == []


def test_admin_filter_ignores_accents_and_case(client, auth, db_path):
    with open_store(db_path) as store:
        store.conn.execute("UPDATE event_places SET admin1 = 'Región Metropolitana' WHERE event_id = 4")
    assert _ids(client, admin="region metro") == [4]
    assert _ids(client, admin="REGIÓN") == [4]
    assert _ids(client, admin="Punjab") == [1]  # the admin path the gazetteer gave
    loc = {"name": "Quillota", "country": "CL", "admin1": "Valparaíso"}
    client.post("/api/events/4/correct", json={"fields": {"location": loc}}, headers=auth)
    assert _ids(client, admin="valparaiso") == [4]
    assert _ids(client, admin="region") == []


def test_bad_country_is_a_422(client):
    r = client.get("/api/events", params={"country": "Kenya"})
    assert r.status_code == 422 and "country" in r.text
