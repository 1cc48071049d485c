"""Items 10 and 11 of issue 14: invalid corrections are a 422 (never a 500), and nothing is stored for them."""

from __future__ import annotations

import csv
import io

import pytest

BAD = [
    '{"fields": {"location": {"name": "X", "lat": NaN}}}',
    '{"fields": {"location": {"name": "X", "lon": Infinity}}}',
    '{"fields": {"location": {"name": "X", "lat": -Infinity}}}',
    '{"fields": {"location": {"name": "X", "lat": 91}}}',
    '{"fields": {"location": {"name": "X", "country": "zz"}}}',
    '{"fields": {"location": {"name": "<script>alert(1)</script>"}}}',
    '{"fields": {"location": {"name": "   "}}}',
    '{"fields": {"time_start": "2023-06-05", "time_end": "2023-06-01"}}',
    '{"fields": {"time_start": "2023-02-30"}}',
    '{"fields": {"mode": "<b>riot</b>"}}',
    '{"fields": {"mode": "riot\\u0000"}}',
    '{"fields": {"actors": [""]}}',
    '{"fields": {"actors": ["   "]}}',
    '{"fields": {"targets": ["ok", ""]}}',
    '{"comment": NaN, "fields": {"mode": "riot"}}',
    '{"fields": {"time_end": "2023-05-01"}}',  # before the machine's start (2023-06-02)
    '{"fields": {"fatalities": -1}}',
    '{"fields": {"actors": null}}',
    '{"fields": {"type": null}}',
    '{"fields": {"targets": null, "mode": "riot"}}',
    '{"fields": {"fatalities": 2.5}}',
    '{"fields": {"fatalities": "17"}}',
    '{"fields": {"fatalities": true}}',
    '{"fields": {"fatalities": 100000000000}}',
]


@pytest.mark.parametrize("body", BAD)
def test_invalid_corrections_are_422_and_change_nothing(client, auth, body):
    before = client.get("/api/events/1").json()
    r = client.post("/api/events/1/correct", content=body, headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    assert "detail" in r.json()
    after = client.get("/api/events/1").json()
    assert after == before and after["history"] == []


def test_valid_corrections_still_pass(client, auth):
    fields = {
        "mode": "riot", "actors": ["Riot police"], "time_start": "2023-06-02", "time_end": "2023-06-03",
        "location": {"name": "Lahore", "lat": 31.55, "lon": 74.34, "country": "pk", "precision": "town"},
    }  # fmt: skip
    r = client.post("/api/events/1/correct", json={"fields": fields}, headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["locations"][0]["country"] == "PK"


def test_deeply_nested_json_is_a_client_error(client, auth):
    deep = '{"fields": ' + "[" * 100_000 + "]" * 100_000 + "}"
    r = client.post("/api/events/1/correct", content=deep, headers={**auth, "Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, r.text


def test_a_corrected_death_toll_reaches_the_event_and_the_acled_export(client, auth):
    r = client.post("/api/events/1/correct", json={"fields": {"fatalities": 17}}, headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["fatalities"] == 17
    assert "fatalities" in client.get("/api/vocab").json()["correctable"]
    rows = csv.DictReader(io.StringIO(client.get("/api/export/acled").text))
    assert {r["eventledger_event_id"]: r["fatalities"] for r in rows}["1"] == "17"
    # null takes the correction back: the export derives the figure from the stated counts again.
    r = client.post("/api/events/1/correct", json={"fields": {"fatalities": None}}, headers=auth)
    assert r.status_code == 200 and r.json()["fatalities"] is None
