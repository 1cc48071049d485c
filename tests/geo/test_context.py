"""Context cues: local institutions named after their town, lists before a plural admin word."""

import re

from eventledger.geo import tag_text
from eventledger.geo.context import (
    dateline_cues,
    facility_cues,
    institution_cues,
    locative_cues,
    person_cue,
    plural_admin_cues,
    residence_cues,
    road_institution_at,
    scan,
)


def test_the_name_before_a_local_institution_is_cued_as_a_town():
    text = "The Brambleford Volunteer Fire Department and Elm Hollow Police Chief Ann Roe spoke."
    assert [c.text for c in institution_cues(text)] == ["Brambleford", "Elm Hollow", "Hollow"]


def test_a_sentence_end_or_an_opening_word_before_the_name_is_left_out():
    text = "Nobody was hurt on Tuesday. Larkmoor Fire Chief Al Pine said. But Dunmere Mayor Jo Ash agreed."
    tails = [c.text for c in institution_cues(text)]
    assert "Larkmoor" in tails and "Dunmere" in tails
    assert not any("Tuesday" in t for t in tails)


def test_a_court_or_a_party_committee_is_named_after_its_town():
    text = "He appeared in Fennick Superior Court after members of the Oakhurst Democratic Town Committee met."
    assert [c.text for c in institution_cues(text)] == ["Fennick", "Oakhurst"]


def test_a_title_a_verb_of_saying_or_an_age_marks_a_persons_name():
    text = "President Arlo met Wexford, 41, on Monday before Dunmore said no and Kilrane spoke in Tralee."
    at = {w: text.index(w) for w in ("Arlo", "Wexford", "Dunmore", "Kilrane", "Tralee")}
    assert [w for w, s in at.items() if person_cue(text, s, s + len(w))] == ["Arlo", "Wexford", "Dunmore"]


def test_a_generic_force_names_no_place():
    assert institution_cues("The State Police and the Capitol Police closed the road.") == []


def test_each_name_before_a_plural_admin_word_is_an_area_of_that_kind():
    cues = plural_admin_cues("Schools in Pike, Adams and Brown counties closed early.")
    assert [(c.text, c.suffix) for c in cues] == [("Pike", "County"), ("Adams", "County"), ("Brown", "County")]


def test_a_small_town_named_by_its_police_is_found(nlp):
    text = "A man was hurt on Friday, Walhalla Police said. Officers in South Carolina arrested him."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text)) if t.place}
    assert found["Walhalla"].country == "US" and found["Walhalla"].admin1 == "South Carolina"


def test_counties_in_a_list_are_counties(nlp):
    text = "Voters in Kandahar and Helmand provinces waited for hours."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text)) if t.place}
    assert found["Helmand"].precision == "admin1" and found["Kandahar"].feature.startswith("A.ADM")


def test_a_named_facility_is_placed_at_the_town_it_lies_in(nlp):
    text = "Firefighters in Bendigo, Australia, closed Pall Mall Street after a gas leak near St Kilian Hospital."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text)) if t.place}
    assert found["Pall Mall Street"].name == "Bendigo" == found["St Kilian Hospital"].name


def test_a_facility_in_a_report_that_names_no_town_is_left_unplaced(nlp):
    text = "Officials said the Saint Aldric Memorial Hospital was full."
    toponyms = {t.span.text: t.place for t in tag_text(text, nlp(text))}
    assert toponyms.get("Saint Aldric Memorial Hospital", "absent") is None


def test_a_place_the_gazetteer_lacks_is_placed_at_the_town_named_before_it(nlp):
    text = "Police in Nairobi said gunmen raided homes in Kwanyana on Monday."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text))}
    assert found["Kwanyana"].name == "Nairobi" and found["Kwanyana"].country == "KE"


def test_a_hamlet_far_from_every_other_place_of_the_report_is_taken_for_a_local_one(nlp):
    text = "Police in Mombasa said the boat left Nairobi for Grantville on Friday."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text))}
    assert found["Grantville"].country == "KE"


def test_a_hamlet_near_the_reports_other_places_keeps_its_reading(nlp):
    text = "A water main burst in Moosic, near Scranton, Pennsylvania, flooding a street."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text))}
    assert found["Moosic"].name == "Moosic"


def test_an_unknown_region_in_a_sentence_naming_another_country_is_not_put_at_a_town_abroad(nlp):
    text = "Iraqi forces struck a camp near Mosul on Monday. Troops in Somalia's Puntland region began an offensive."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text))}
    assert found.get("Puntland") is None or found["Puntland"].country == "SO"


def test_a_clipped_county_word_names_the_county(nlp):
    text = "Deputies in Platte Co. searched a farm on Friday."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text)) if t.place}
    assert found["Platte Co."].name == "Platte County" and found["Platte Co."].precision == "admin2"


def test_a_building_ner_names_is_placed_at_its_town_not_at_a_namesake_village(nlp):
    text = "Crowds gathered in Manhattan outside Trump Tower on Fifth Avenue."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text)) if t.place}
    assert found["Trump Tower"].name == "Manhattan" and found["Trump Tower"].country == "US"


def test_a_name_in_capitals_before_a_dateline_mark_is_where_the_report_was_filed():
    text = "Snow closes schools. PARDEEVILLE — Crews worked all night. OAK RIDGE FARM, Ill. (AP) - More snow."
    assert [c.text for c in dateline_cues(text)] == ["PARDEEVILLE", "OAK RIDGE FARM"]


def test_an_acronym_or_a_name_before_a_plain_comma_is_no_dateline():
    assert dateline_cues("NATO, the alliance, met. AP - a wire story.") == []


def test_a_small_town_in_a_dateline_is_found(nlp):
    text = "Snow closes schools. PARDEEVILLE — Crews cleared the square on Monday."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text)) if t.place}
    assert found["PARDEEVILLE"].admin1 == "Wisconsin"


def test_the_town_after_a_persons_name_is_where_the_person_lives():
    text = "Dana Vole, 34, of Marrowby, and Lee Finch of Upper Tarn said. Ann Roe of Acme Widgets Group bought it."
    people = [
        (0, 9),
        (text.index("Lee Finch"), text.index("Lee Finch") + 9),
        (text.index("Ann Roe"), text.index("Ann Roe") + 7),
    ]
    assert [c.text for c in residence_cues(text, people)] == ["Marrowby", "Upper Tarn"]


def test_a_small_town_a_person_is_from_is_found(nlp):
    text = "Police said Thomas Reed, 52, of Pardeeville, was taken to a hospital in Wisconsin."
    found = {t.span.text: t.place for t in tag_text(text, nlp(text)) if t.place}
    assert found["Pardeeville"].admin1 == "Wisconsin"


def test_a_facility_after_its_owners_name_starts_after_the_possessive():
    text = "She was taken to Brightwater’s Saint Aldric Hospital and later to the Dunmere Arena."
    assert [c.text for c in facility_cues(text)] == ["Saint Aldric Hospital", "Dunmere Arena"]


def test_a_road_word_before_an_agency_word_names_an_agency():
    text = "the Ohio Highway Patrol and Ohio Highway 7"
    assert road_institution_at(text, text.index(" Patrol")) and not road_institution_at(text, len(text) - 2)


def test_a_name_after_a_preposition_of_place_or_a_verb_of_moving_is_cued():
    text = "They moved to Harlow, met Ann Harlow in Tolbury and wrote according to Wexley."
    named = [(text.index(n), text.index(n) + len(n)) for n in ("Harlow", "Ann Harlow", "Tolbury", "Wexley")]
    assert [c.text for c in locative_cues(text, named)] == ["Harlow", "Tolbury"]


def test_scan_finds_what_finditer_finds_and_skips_texts_without_the_words():
    rx = re.compile(r"\b([A-Z]\w+) (?:County|Parish)\b")
    texts = [
        "Flooding closed roads in Marlow County and Fenwick Parish on Sunday.",
        "Flooding closed roads across the valley on Sunday.",
        "Flooding closed roads in MARLOW COUNTY.",
        "Floods hit \u017ft. Marlow County",  # a long s: the word test cannot judge, so it scans
    ]
    for text in texts:
        assert [m.span() for m in scan(rx, text)] == [m.span() for m in rx.finditer(text)]
    assert [m.group(1) for m in scan(rx, texts[0])] == ["Marlow", "Fenwick"]
    assert list(scan(rx, texts[1])) == []
