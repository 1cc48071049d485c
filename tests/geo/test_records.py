from eventledger.geo import places_records


def test_places_records_follows_the_scorer_contract():
    out = list(places_records([{"id": "a", "text": "Officials in Canada said the talks would resume."}, {"id": "b"}]))
    assert [o["id"] for o in out] == ["a", "b"]
    (canada,) = out[0]["toponyms"]
    assert (canada["start"], canada["end"]) == (13, 19)
    assert 40 < canada["lat"] < 70 and -120 < canada["lon"] < -80
    assert out[1]["toponyms"] == []
