"""Exports load in pandas / as GeoJSON, carry effective values, and round-trip counts and ids."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from eventledger.errors import ConfigError
from eventledger.export.exporters import ACLED_COLUMNS, acled_category, write_export
from eventledger.store import open_store
from eventledger.store.queries import EventFilter
from eventledger.store.reviews import review


@pytest.fixture
def store(db_path):
    with open_store(db_path) as s:
        yield s


def test_acled_csv_loads_in_pandas(store, tmp_path):
    path = tmp_path / "events.csv"
    assert write_export(store, "acled", path) == 4
    df = pd.read_csv(path)
    assert tuple(df.columns) == ACLED_COLUMNS
    row = df.set_index("eventledger_event_id").loc[3]
    assert (row.event_type, row.sub_event_type, row.disorder_type) == (
        "Strategic developments", "Arrests", "Strategic developments",
    )  # fmt: skip
    assert (row.event_date, row.time_precision, row.geo_precision) == ("2023-07-10", 1, 1)
    # ACLED's iso is the ISO 3166-1 numeric code; actors take ACLED's normalised names and types
    assert (row.country, row.iso, row.region, row.admin1, row.location) == (
        "Kenya", 404, "Eastern Africa", "Nairobi", "Nairobi",
    )  # fmt: skip
    assert (row.latitude, row.longitude) == (-1.29, 36.82)
    assert (row.actor1, row.inter1, row.source) == ("Police Forces of Kenya", "State forces", "Highland Times")
    assert row.event_id_cnty == "KEN3" and row.fatalities == 0
    assert row.notes.startswith("On 10 July 2023, Police Forces of Kenya arrested")


def test_parquet_loads_with_types(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert write_export(store, "parquet", path) == 4
    df = pd.read_parquet(path)
    assert len(df) == 4 and tuple(df.columns) == ACLED_COLUMNS
    assert str(df["latitude"].dtype) == "float64" and str(df["eventledger_event_id"].dtype) == "int64"
    assert sorted(df["eventledger_event_id"]) == [1, 2, 3, 4]


def test_geojson_is_a_valid_feature_collection(store):
    buf = io.StringIO()
    write_export(store, "geojson", buf)
    fc = json.loads(buf.getvalue())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 4
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert {f["id"] for f in fc["features"]} == {1, 2, 3, 4}


def test_plover_jsonl_round_trip_counts_and_ids(store):
    buf = io.StringIO()
    n = write_export(store, "plover", buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert n == len(lines) == store.counts()["events"]
    assert sorted(r["event_id"] for r in lines) == [1, 2, 3, 4]
    assert {r["event_type"] for r in lines} == {"ASSAULT", "PROTEST", "COERCE"}
    by_id = {r["event_id"]: r for r in lines}
    assert by_id[1]["actor1"] == "Soldiers" and by_id[1]["location"]["name"] == "Lahore"
    assert by_id[1]["event_text"] == by_id[1]["evidence"]["text"]


def test_all_formats_agree_on_ids(store, tmp_path):
    plover = io.StringIO()
    write_export(store, "plover", plover, EventFilter(types=("ASSAULT",)))
    csv_path, pq_path = tmp_path / "a.csv", tmp_path / "a.parquet"
    write_export(store, "acled", csv_path, EventFilter(types=("ASSAULT",)))
    write_export(store, "parquet", pq_path, EventFilter(types=("ASSAULT",)))
    ids = sorted(json.loads(x)["event_id"] for x in plover.getvalue().splitlines())
    assert ids == [1, 4]
    assert sorted(pd.read_csv(csv_path)["eventledger_event_id"]) == ids
    assert sorted(pd.read_parquet(pq_path)["eventledger_event_id"]) == ids


def test_exports_carry_reviews_and_skip_rejected(store, tmp_path):
    review(store, 1, "correct", "alice", fields={"type": "PROTEST", "mode": "riot"})
    review(store, 4, "reject", "alice")
    path = tmp_path / "r.csv"
    assert write_export(store, "acled", path) == 3
    df = pd.read_csv(path).set_index("eventledger_event_id")
    assert (df.loc[1, "event_type"], df.loc[1, "review_decision"]) == ("Riots", "corrected")
    assert 4 not in df.index


def test_eval_is_the_machine_coding_of_every_document(store):
    review(store, 1, "correct", "alice", fields={"type": "PROTEST"})
    buf = io.StringIO()
    assert write_export(store, "eval", buf) == 3
    docs = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [len(d["events"]) for d in docs] == [1, 2, 1]
    assert docs[0]["events"][0]["type"] == "ASSAULT"
    assert set(docs[0]) == {"document", "events", "unrealised_events"}


def test_eval_with_a_filter_keeps_matching_events_only(store):
    buf = io.StringIO()
    assert write_export(store, "eval", buf, EventFilter(types=("COERCE",))) == 1
    [doc] = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [e["type"] for e in doc["events"]] == ["COERCE"]


def test_unknown_format_is_a_config_error(store):
    with pytest.raises(ConfigError, match="unknown export format 'xml'; available: plover, acled"):
        write_export(store, "xml", io.StringIO())


def test_crosswalk_falls_back_to_the_type_then_other():
    assert acled_category("ASSAULT", "aerial") == (
        "Political violence",
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert acled_category("ASSAULT", "unheard-of") == (
        "Political violence",
        "Violence against civilians",
        "Attack",
    )
    assert acled_category("NEWTYPE", None) == ("Strategic developments", "Strategic developments", "Other")


def test_export_endpoint_serves_files(client):
    r = client.get("/api/export/acled", params={"type": "PROTEST"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert len(pd.read_csv(io.StringIO(r.text))) == 1
    r = client.get("/api/export/parquet")
    assert len(pd.read_parquet(io.BytesIO(r.content))) == 4
    assert client.get("/api/export/xml").status_code == 422
