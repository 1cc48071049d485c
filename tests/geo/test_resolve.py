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
