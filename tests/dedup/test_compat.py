"""Two events are one incident only with compatible type, time and place; country alone says little."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from eventledger.dedup._settings import load_settings
from eventledger.dedup.compat import score
from eventledger.dedup.features import EventFeatures, PlaceFeature, QuantityFeature, content_words

S = load_settings().incidents
TOWN = PlaceFeature("Andijan", 1, 40.78, 72.34, "UZ", "02", "town", "")
NEAR = PlaceFeature("Asaka", 2, 40.64, 72.24, "UZ", "02", "town", "")  # about 18 km away
FAR = PlaceFeature("Namangan", 3, 41.00, 71.67, "UZ", "06", "town", "")
COUNTRY = PlaceFeature("Uzbekistan", 4, 41.0, 64.0, "UZ", None, "country", "")
ABROAD = PlaceFeature("Osh", 5, 40.53, 72.80, "KG", "08", "town", "")


def ev(
    day: str = "2024-03-04",
    place: PlaceFeature | None = TOWN,
    *,
    type_: str = "ASSAULT",
    precision: str = "day",
    actors: tuple[str, ...] = (),
    end: str | None = None,
) -> EventFeatures:
    start = date.fromisoformat(day).toordinal()
    stop = date.fromisoformat(end).toordinal() if end else start
    return EventFeatures(
        1,
        1,
        type_,
        "asserted",
        start,
        stop,
        precision,
        True,
        day,
        (place,) if place else (),
        frozenset(actors),
        (),
    )


def test_same_day_same_town_is_strong_evidence():
    assert score(ev(), ev(), S) == 2.5


def test_a_town_nearby_counts_as_the_same_place():
    assert score(ev(), ev(place=NEAR), S) == 2.5


def test_towns_far_apart_or_across_a_border_cannot_be_one_incident():
    assert score(ev(), ev(place=FAR), S) is None
    assert score(ev(), ev(place=ABROAD), S) is None


def test_day_precision_allows_one_day_off_with_less_evidence_but_not_three():
    assert score(ev(), ev("2024-03-05"), S) == 2.0
    assert score(ev(), ev("2024-03-07"), S) is None


def test_week_precision_is_looser_and_weaker():
    week = ev("2024-03-04", precision="week", end="2024-03-10")
    assert score(ev("2024-03-06"), week, S) == 2.0
    assert score(ev("2024-03-12"), week, S) == 1.75


def test_actors_named_by_both_and_never_shared_count_against():
    assert score(ev(actors=("police",)), ev(actors=("army",)), S) == 2.0
    assert score(ev(actors=("police",)), ev(actors=()), S) == 2.5


def test_counts_far_apart_count_against_and_close_ones_do_not():
    def counted(n: int) -> EventFeatures:
        return replace(ev(), quantities=(QuantityFeature("people", "people", n, n),))

    assert score(counted(15), counted(2), S) == 1.5
    assert score(counted(12), counted(14), S) == 2.5


def test_a_country_level_place_is_weak_evidence_even_with_shared_actors():
    assert S.sole_candidate_score <= score(ev(), ev(place=COUNTRY), S) < S.min_score
    assert score(ev(actors=("police",)), ev(place=COUNTRY, actors=("police",)), S) < S.min_score


def test_incompatible_types_never_match_and_compatible_ones_pay_a_penalty():
    assert score(ev(), ev(type_="PROTEST"), S) is None
    assert score(ev(), ev(type_="COERCE"), S) == 2.0


def test_sentences_sharing_what_happened_add_evidence_and_unrelated_ones_subtract():
    said = content_words("Police detained fourteen market traders over stall fees in Andijan.")
    retold = content_words("Fourteen market traders were held by police in Andijan after a fee dispute.")
    other = content_words("Police dispersed students marching against fuel prices in Andijan.")
    assert said == {"police", "detained", "fourteen", "market", "traders", "stall", "fees", "andijan"}
    base = score(ev(), ev(), S)
    assert score(replace(ev(), words=frozenset(said)), replace(ev(), words=frozenset(retold)), S) > base
    assert score(replace(ev(), words=frozenset(said)), replace(ev(), words=frozenset(other)), S) < base
