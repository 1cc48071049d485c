"""Quantities read by pattern from a stretch of the body (no parser needed)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventledger.events._quantities import quantities_in


def _q(text: str):
    return [(q.kind, q.value_min, q.value_max, q.unit, q.span.text) for q in quantities_in(text, 0, len(text))]


def test_money_with_scale_and_country_prefix():
    assert _q("a fine of U.S. $4.2 million") == [("money", 4.2e6, 4.2e6, "USD", "U.S. $4.2 million")]


def test_money_in_a_currency_word():
    assert _q("paid 1,000 yuan each") == [("money", 1000.0, 1000.0, "CNY", "1,000 yuan")]


def test_distance_range_and_article_as_one():
    assert _q("from 200 to 300 meters away") == [("distance", 200.0, 300.0, "m", "200 to 300 meters")]
    assert _q("within a kilometer of the road") == [("distance", 1.0, 1.0, "km", "a kilometer")]
    assert _q("about 0.6 miles") == [("distance", 0.6, 0.6, "mi", "0.6 miles")]


def test_counts_of_people_keep_their_modifiers():
    assert _q("police held six armed poachers") == [("people", 6.0, 6.0, "people", "six armed poachers")]


def test_weapons_count():
    assert _q("they seized 40 rifles") == [("weapons", 40.0, 40.0, "rifles", "40 rifles")]


def test_spans_are_offsets_into_the_body():
    body = "Intro. Rebels fired 12 rockets."
    (q,) = quantities_in(body, 7, len(body))
    assert body[q.span.start : q.span.end] == "12 rockets"


@given(st.text(max_size=200))
def test_never_raises_and_spans_hold(text):
    for q in quantities_in(text, 0, len(text)):
        assert q.span.holds_in(text)


def test_a_count_before_equipment_is_not_people():
    assert _q("sent two navy ships") == [("weapons", 2.0, 2.0, "ships", "two navy ships")]
