"""The place filter ignores accents and case, on the machine's places and on a reviewer's corrected one."""

from __future__ import annotations

from sample_reports import seed

from eventledger.store import open_store
from eventledger.store.connections import fold_text
from eventledger.store.queries import EventFilter, list_events
from eventledger.store.reviews import review


def _ids(store, place: str) -> list[int]:
    return sorted(e["id"] for e in list_events(store, EventFilter(place=place), 50, 0).items)


def test_fold_text_drops_accents_and_case():
    assert fold_text("North KIVU > Goma") == "north kivu > goma"  # ASCII: the lower-case shortcut
    assert fold_text("Ciudad Bolívar") == "ciudad bolivar"
    assert fold_text("SÃO TOMÉ") == "sao tome"
    assert fold_text("Łódź") == "łodz"  # a stroke is a letter of its own, not an accent


def test_place_filter_is_accent_insensitive(db_target):
    with open_store(db_target) as store:
        seed(store)
        store.conn.execute("UPDATE event_places SET name = 'Ciudad Bolívar', admin1 = 'Región Sur' WHERE event_id = 1")
        assert _ids(store, "bolivar") == [1]
        assert _ids(store, "BOLÍVAR") == [1]
        assert _ids(store, "region sur") == [1]
        assert _ids(store, "bolívares") == []
        # a reviewer's corrected location is matched the same way
        review(store, 4, "correct", "ana", fields={"location": {"name": "São Tomé", "country": "ST"}})
        assert _ids(store, "sao tome") == [4]
        assert _ids(store, "SÃO") == [4]
        assert _ids(store, "Mandalay") == []  # the correction replaced the machine's place
