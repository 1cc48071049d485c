import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.geo import tag_text
from eventledger.geo.resolve import haversine_km

_BLANK = spacy.blank("en")  # no parser or NER: exercises the gazetteer path alone


def _places(text, nlp):
    return {t.span.text: t.place for t in tag_text(text, nlp(text))}


@pytest.mark.slow
def test_springfield_illinois_is_not_springfield_massachusetts(nlp):
    text = "Police in Springfield, Illinois, said two men were arrested on Tuesday."
    place = _places(text, nlp)["Springfield"]
    assert haversine_km(place.lat, place.lon, 39.80, -89.64) < 20
    assert place.admin1 == "Illinois" and place.precision == "town"


@pytest.mark.slow
def test_adjectives_of_regions_and_nations_within_states(nlp):
    text = "Sicilian growers and English fans met three Czechs and some Ohioans at the fair."
    found = _places(text, nlp)
    assert found["Sicilian"].admin1 == "Sicilia" or found["Sicilian"].name in ("Sicilia", "Sicily")
    assert found["English"].name == "England"
    assert found["Czechs"].country == "CZ" and found["Czechs"].precision == "country"
    assert found["Ohioans"].name == "Ohio"


@pytest.mark.slow
def test_short_forms_of_a_twin_island_state_and_an_island_county(nlp):
    text = "The minister said T&T would send aid. Surfers on Oahu waited for the storm."
    found = _places(text, nlp)
    assert found["T&T"].country == "TT" and found["T&T"].precision == "country"
    assert found["Oahu"].name == "Honolulu County"


@pytest.mark.slow
def test_subcontinental_regions_and_ocean_basins(nlp):
    text = "Heavy snow hit Northern Europe while a tanker sank in the North Atlantic."
    found = _places(text, nlp)
    assert found["Northern Europe"].name == "Northern Europe"
    assert found["North Atlantic"].name == "North Atlantic"


@pytest.mark.slow
def test_adjectival_use_names_the_country(nlp):
    place = _places("Russian troops shelled the border villages overnight.", nlp)["Russian"]
    assert place.country == "RU" and place.precision == "country"


@pytest.mark.slow
def test_a_month_is_not_a_place(nlp):
    found = _places("In May the council met again to discuss the budget.", nlp)
    assert "May" not in found


@pytest.mark.slow
def test_romanisations_of_a_korean_town_get_the_same_point(nlp):
    a = _places("Smugglers were arrested in Hoeryŏng, North Korea, last week.", nlp)["Hoeryŏng"]
    b = _places("Smugglers were arrested in Hoeryeong, North Korea, last week.", nlp)["Hoeryeong"]
    assert a.geonameid == b.geonameid and a.country == "KP"


@pytest.mark.slow
def test_county_pattern_and_explicit_parent(nlp):
    text = "The sheriff of Laurel County, Kentucky, closed two roads after the flood."
    place = _places(text, nlp)["Laurel County"]
    assert place.precision == "admin2" and place.admin1 == "Kentucky"


@pytest.mark.slow
def test_document_focus_picks_the_local_namesake(nlp):
    text = (
        "Paris police responded to a fire downtown. The Lamar County town lies in northeast Texas, "
        "and the blaze was visible from Dallas."
    )
    place = _places(text, nlp)["Paris"]
    assert place.country == "US" and place.admin1 == "Texas"


def test_offsets_are_body_offsets(nlp):
    text = "Flooding hit Bangladesh and eastern India this week."
    for t in tag_text(text, nlp(text)):
        assert t.span.holds_in(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_tag_text_never_raises_and_spans_hold(text):
    for t in tag_text(text, _BLANK(text)):
        assert t.span.holds_in(text)


def test_korean_province_shows_a_readable_name(nlp):
    text = "Traders crossed the river into North Hamgyong on Friday."
    place = _places(text, nlp)["North Hamgyong"]
    assert place.name == "North Hamgyong" and place.precision == "admin1"
    assert place.admin_path == ("North Korea", "North Hamgyong")
