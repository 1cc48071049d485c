"""A lookup reads every member ``score`` could accept, and members elsewhere stay out of it."""

from __future__ import annotations

import itertools
from dataclasses import replace

from eventledger.dedup._settings import load_settings
from eventledger.dedup.blocking import ANY_CELL, DATELESS, UNBOUNDED, in_lookup, lookup_cells, member_key
from eventledger.dedup.compat import score
from eventledger.dedup.features import EventFeatures, PlaceFeature

S = load_settings().incidents
TOWN = PlaceFeature("Andijan", 1, 40.78, 72.34, "UZ", "02", "town", "")
PROVINCE = PlaceFeature("Fergana Region", 6, 40.4, 71.8, "UZ", "03", "admin1", "")
COUNTRY = PlaceFeature("Uzbekistan", 4, 41.0, 64.0, "UZ", None, "country", "")
ABROAD = PlaceFeature("Osh", 5, 40.53, 72.80, "KG", "08", "town", "")
NOWHERE = PlaceFeature("the border area", None, None, None, None, None, "unknown", "")
DAY = 738950  # an ordinal in March 2024


def ev(start: int | None = DAY, span: int = 0, precision: str = "day", places=(TOWN,), type_="ASSAULT", eid=1):
    end = None if start is None else start + span
    return EventFeatures(eid, eid, type_, "asserted", start, end, precision, True, None, tuple(places),
                         frozenset(), ())  # fmt: skip


def test_every_pair_score_accepts_is_in_the_lookup():
    """Over days apart, spans, precisions, places and types: a pair ``score`` does not veto is always read."""
    shapes = [(0, "day"), (2, "day"), (6, "week"), (10, "unknown"), (30, "month"), (91, "season"),
              (364, "year"), (3652, "decade"), (9000, "unknown")]  # fmt: skip
    places = [(TOWN,), (PROVINCE,), (COUNTRY,), (ABROAD,), (NOWHERE,), (), (TOWN, ABROAD)]
    types = ["ASSAULT", "COERCE", "PROTEST"]
    checked = 0
    for (sa, pa), (sb, pb), offset in itertools.product(shapes, shapes, range(-400, 400, 23)):
        for places_a, places_b, type_b in itertools.product(places[:3], places, types):
            a = ev(DAY, sa, pa, places_a)
            b = ev(DAY + offset, sb, pb, places_b, type_b, eid=2)
            if score(a, b, S) is not None:
                checked += 1
                assert in_lookup(a, member_key(b, S), S), (a, b)
                assert in_lookup(b, member_key(a, S), S), (b, a)
    assert checked > 300


def test_a_member_far_in_time_another_country_or_type_is_not_read():
    a = ev()
    assert not in_lookup(a, member_key(ev(DAY + 40, eid=2), S), S)
    assert not in_lookup(a, member_key(ev(places=(ABROAD,), eid=2), S), S)
    assert not in_lookup(a, member_key(ev(type_="PROTEST", eid=2), S), S)


def test_a_year_dated_member_is_read_by_a_day_late_in_its_year_and_keeps_its_own_bucket():
    year = member_key(ev(DAY - 300, 364, "year", eid=2), S)
    assert in_lookup(ev(), year, S)
    assert year.bucket not in (member_key(ev(), S).bucket, UNBOUNDED)


def test_cells_name_one_country_or_any():
    assert member_key(ev(places=(TOWN, PROVINCE)), S).cell == "UZ"
    assert member_key(ev(places=(TOWN, ABROAD)), S).cell == ANY_CELL
    assert member_key(ev(places=()), S).cell == ANY_CELL
    assert lookup_cells(ev(places=(TOWN, ABROAD))) == ["KG", "UZ", ANY_CELL]
    assert lookup_cells(ev(places=(NOWHERE,))) is None


def test_a_dateless_member_is_never_read():
    key = member_key(ev(None), S)
    assert key.bucket == DATELESS and not in_lookup(ev(), key, S)
    assert not in_lookup(replace(ev(), precision="decade"), key, S)


def test_a_member_longer_than_any_bucket_is_read_by_cell_and_overlap_only():
    """A decade-long window ("since 2015") is read near its years in its country, not by every lookup."""
    wide = member_key(ev(DAY - 5000, 5000, "year", eid=2), S)
    assert wide.bucket == UNBOUNDED
    assert in_lookup(ev(), wide, S)
    assert not in_lookup(ev(places=(ABROAD,)), wide, S)
    assert not in_lookup(ev(DAY + 200), wide, S)
    assert in_lookup(ev(places=(NOWHERE,)), wide, S)  # a place without a country may match anywhere
