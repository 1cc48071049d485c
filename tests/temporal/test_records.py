from __future__ import annotations

from eventledger.temporal import times_records


def test_times_records_contract() -> None:
    out = list(
        times_records(
            [{"id": "a", "dct": "2021-03-05", "text": "Markets fell yesterday."}, {"id": "b", "dct": None, "text": ""}],
            parse=False,
        )
    )
    assert out == [
        {"id": "a", "timexes": [{"start": 13, "end": 22, "type": "DATE", "value": "2021-03-04"}]},
        {"id": "b", "timexes": []},
    ]
