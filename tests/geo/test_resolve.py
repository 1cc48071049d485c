"""Resolution rules, each on an invented sentence."""


def _places(text, nlp):
    from eventledger.geo import tag_text

    return [(t.span.text, t.place) for t in tag_text(text, nlp(text)) if t.place is not None]


def test_a_name_read_as_a_place_another_name_already_is_gets_no_support_from_it(nlp):
    # "Mexico City" (the dateline) must not pull the bare "Mexico" onto itself: two names
    # of one report mostly mean two places.
    places = _places("MEXICO CITY -- Farmers from across Mexico marched on Tuesday.", nlp)
    country = [p for text, p in places if text == "Mexico"]
    assert country and country[0].feature == "A.PCLI" and country[0].country == "MX"


def test_a_town_and_its_county_agree_even_when_both_are_minor_namesakes(nlp):
    # Paris and Henry County meet in one state only as a county and its seat; both rank low
    # among their namesakes by population, so every reading must be weighed for coherence.
    text = (
        "A Paris woman was hurt Friday when her pickup left the road near Whitlock. Henry County "
        "deputies said the Paris driver was taken to a clinic in Paris."
    )
    found = dict(_places(text, nlp))
    assert found["Paris"].admin1 == found["Henry County"].admin1
    assert "Henry County" in found["Paris"].admin_path


def test_a_village_whose_alias_only_folds_to_the_name_never_beats_the_place_of_that_name(nlp):
    text = (
        "Sochi hoteliers raised prices again. Officials in Moscow said Sochi would host the talks, "
        "and Sochi police closed the seafront while Moscow sent extra guards to Sochi."
    )
    found = dict(_places(text, nlp))
    assert found["Sochi"].name == "Sochi" and found["Sochi"].admin1 != found["Moscow"].admin1
    assert found["Moscow"].precision == "town"


def _cand(pid, name, country, feature, kind, population):
    from eventledger.geo.store import Candidate

    return Candidate(pid, None, name, country, None, feature, "town", 1.0, 2.0, population, 0.0, (), (), kind)


def test_a_peoples_name_keeps_only_the_countries_it_names():
    from eventledger.geo.resolve import _own_first

    country = _cand(1, "Freedonia", "FD", "A.PCLI", "demonym", 5_000_000)
    town = _cand(2, "Freedonian", "XX", "P.PPL", "name", 3_000)
    county = _cand(3, "Freedonian County", "XX", "A.ADM2", "alt", 70_000)
    assert _own_first([town, country, county]) == [country]


def test_an_alias_skeleton_yields_to_a_place_of_that_very_name():
    from eventledger.geo.resolve import _own_first

    own = _cand(1, "Sokhi", "XX", "P.PPL", "name", 300_000)
    folded = _cand(2, "Sykhevo", "XX", "P.PPL", "skeleton-alt", 3_000)
    assert _own_first([own, folded]) == [own]
    assert _own_first([folded]) == [folded]  # alone, it is still a reading


def test_each_name_of_a_list_before_counties_is_a_county(nlp):
    text = "Snow closed schools across Clinton, Butler and Warren counties in Ohio on Monday."
    found = dict(_places(text, nlp))
    assert found["Warren"].feature == "A.ADM2" and found["Warren"].admin1 == "Ohio"


def test_a_list_level_word_is_read_only_right_after_the_list():
    from eventledger.geo.resolve import _listed_level

    text = "Floods hit Clay, Grant and Swift counties; Paris, Texas, stayed dry."
    assert _listed_level(text, [text.index("Clay") + 4]) == "A.ADM2"
    assert _listed_level(text, [text.index("Paris") + 5]) is None


def test_areas_listed_together_are_alike(nlp):
    text = "Rail unions in England and Wales voted to strike, and London commuters braced for delays."
    assert dict(_places(text, nlp))["Wales"].feature == "A.ADM1"
    text = "Startups are leaving California or Washington for cheaper states, investors said."
    assert dict(_places(text, nlp))["Washington"].feature == "A.ADM1"


def test_a_capital_stands_for_the_government_of_a_country_the_report_names(nlp):
    text = (
        "LONDON -- Britain expelled two envoys on Monday. In Washington, officials said the United "
        "States would join Britain, and U.S. allies were consulted."
    )
    place = dict(_places(text, nlp))["Washington"]
    assert place.country == "US" and place.feature == "P.PPLC"


def test_a_hamlet_whose_name_only_folds_to_the_word_yields_to_a_far_larger_exact_match():
    from eventledger.geo.resolve import _own_first

    country = _cand(1, "Freedonia", "FD", "A.PCLI", "name", 3_700_000)
    hamlet = _cand(2, "Fridonya", "XX", "P.PPL", "skeleton", 3_800)
    town = _cand(3, "Fridonia", "XX", "P.PPL", "skeleton", 400_000)
    assert _own_first([country, hamlet, town]) == [country, town]
