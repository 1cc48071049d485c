import eventledger.temporal as temporal


def test_public_api_is_explicit_and_sorted() -> None:
    assert temporal.__all__ == sorted(temporal.__all__)
    assert set(temporal.__all__) == {"assign_times", "find_timexes", "tag_text", "times_records"}
