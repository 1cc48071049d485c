"""Items 8 and 12 of issue 14: filters read effective values (after corrections), never JSON syntax or a cut pattern."""

from __future__ import annotations


def _ids(client, **params) -> list[int]:
    r = client.get("/api/events", params={**params, "limit": 100})
    assert r.status_code == 200, r.text
    return sorted(e["id"] for e in r.json()["items"])


def test_actor_and_place_filters_follow_corrections(client, auth):
    assert 1 in _ids(client, actor="Soldiers") and 1 in _ids(client, place="Lahore")
    loc = {"name": "Karachi", "lat": 24.86, "lon": 67.01, "country": "PK", "precision": "town"}
    r = client.post(
        "/api/events/1/correct", json={"fields": {"actors": ["Naval police"], "location": loc}}, headers=auth
    )
    assert r.status_code == 200, r.text
    # The corrected values match ...
    assert 1 in _ids(client, actor="naval")
    assert 1 in _ids(client, place="Karachi")
    # ... the machine's values they replaced do not ...
    assert 1 not in _ids(client, actor="Soldiers")
    assert 1 not in _ids(client, place="Lahore")
    # ... the untouched targets still do ...
    assert 1 in _ids(client, actor="a crowd")
    # ... and the correction's JSON syntax and key names match nothing.
    for syntax in ('["', '"]', "precision", '":', "name"):
        assert 1 not in _ids(client, actor=syntax), syntax
        assert 1 not in _ids(client, place=syntax), syntax


def test_a_nul_in_a_filter_does_not_match_everything(client):
    everything = _ids(client)
    assert len(everything) > 2
    assert _ids(client, actor="\x00zzqx") == []
    assert _ids(client, place="\x00zzqx") == []
    assert _ids(client, text="\x00zzqx") == []
    assert _ids(client, actor="Sol\x00diers") == _ids(client, actor="Soldiers") != []
