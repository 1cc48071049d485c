import pytest

from eventledger.geo.recognize import Mention, _drop_unsupported, _non_overlapping, _parts, _same_name_again
from eventledger.geo.tagger import recognizer


def test_entity_split_at_commas_and_trimmed():
    text = "in the Springfield, Illinois's area"
    parts = [text[s:e] for s, e in _parts(text, 3, len(text) - 5)]
    assert parts == ["Springfield", "Illinois"]


def test_longest_mention_wins():
    long = Mention(0, 13, "Laurel County", "pattern", ("x",))
    short = Mention(0, 6, "Laurel", "gazetteer", ("y",))
    assert _non_overlapping([short, long]) == [long]


@pytest.mark.slow
def test_state_abbreviation_only_after_a_comma(nlp):
    text = "He moved to Dayton, Ohio, and later to Mobile, Ala. after Miss. Smith left."
    found = {m.text for m in recognizer()(text, nlp(text))}
    assert {"Dayton", "Ohio", "Ala."} <= found
    assert "Miss." not in found


def test_acronym_with_a_small_word_inside_is_no_place():
    from eventledger.geo.recognize import _acronym

    text = "The MoD said troops from DeKalb and McAllen flew in."
    for word, expected in (("MoD", True), ("DeKalb", False), ("McAllen", False)):
        start = text.index(word)
        assert _acronym(Mention(start, start + len(word), word, "ner", ()), text) is expected


def test_postal_code_needs_an_address():
    from eventledger.geo.recognize import _abbr_context

    def ok(text: str, code: str, ents=()) -> bool:
        start = text.index(code)
        return _abbr_context(text, start, start + len(code), list(ents))

    assert ok("A fire broke out in Greenville, SC on Monday.", "SC")
    assert ok("Rangers closed a park near Dubbo (NSW) after floods.", "NSW")
    assert not ok("Voters in Maine say IN numbers they trust.", "IN")
    assert not ok("After the crackdown, PA officials met.", "PA")
    assert not ok("A speech by Jane Roe, MD was cheered.", "MD", [(12, 20, "PERSON")])
    assert not ok("We went there, In fact twice.", "In")


@pytest.mark.slow
def test_postal_code_resolves_in_an_address(nlp):
    from eventledger.geo.resolve import resolve

    text = "A barn burned down outside Greenville, SC on Monday, officials said."
    mentions = recognizer()(text, nlp(text))
    chosen = {m.text: c for m, c in zip(mentions, resolve(mentions, text), strict=True)}
    assert chosen["SC"] is not None and chosen["SC"].name == "South Carolina"
    bare = "The OR team said ME and IN are fine."
    assert not {m.text for m in recognizer()(bare, nlp(bare))} & {"OR", "ME", "IN"}


@pytest.mark.slow
def test_person_names_are_not_places(nlp):
    text = "David Lincoln met reporters in Berlin on Friday."
    found = {m.text for m in recognizer()(text, nlp(text))}
    assert found == {"Berlin"}


@pytest.mark.slow
def test_street_names_are_not_places(nlp):
    text = "Firefighters were called to a house on Dublin Road in Columbus, Ohio."
    found = {m.text for m in recognizer()(text, nlp(text))}
    assert "Dublin" not in found and "Columbus" in found


@pytest.mark.slow
def test_a_surname_used_alone_stays_a_person(nlp):
    text = "Sheriff Tom Lansing spoke to reporters on Monday. Lansing said the road would reopen."
    found = {m.text for m in recognizer()(text, nlp(text))}
    assert "Lansing" not in found


@pytest.mark.slow
def test_a_town_ner_calls_a_person_is_a_place_without_a_persons_cue(nlp):
    text = "Volunteers drove to Sioux Falls on Friday."
    assert {m.text for m in recognizer()(text, nlp(text))} == {"Sioux Falls"}


@pytest.mark.slow
def test_a_town_name_after_a_title_stays_a_person(nlp):
    for text in ("President Obama met the governor in the afternoon.", "Coach Bolton praised the defence."):
        assert {m.text for m in recognizer()(text, nlp(text))} == set()


@pytest.mark.slow
def test_a_town_opening_a_headline_as_a_modifier_is_a_place(nlp):
    for text, town in (
        ("Gainesville residents protest new parking fees.", "Gainesville"),
        ("Lancaster teacher honoured for service.", "Lancaster"),
    ):
        assert {m.text for m in recognizer()(text, nlp(text))} == {town}


@pytest.mark.slow
def test_a_common_word_opening_a_sentence_is_no_place(nlp):
    text = "Part of the road was closed."
    assert recognizer()(text, nlp(text)) == []


@pytest.mark.slow
def test_a_state_before_a_highway_agency_is_a_place_but_a_highway_is_not(nlp):
    text = "The Nebraska Highway Patrol closed Lincoln Highway near Omaha."
    found = {m.text for m in recognizer()(text, nlp(text))}
    assert "Nebraska" in found and "Lincoln" not in found


def _cand(country: str, population: int, feature: str = "P.PPL", admin1: str | None = None):
    from eventledger.geo.store import Candidate

    return Candidate(0, 0, "x", country, admin1, feature, "town", 0.0, 0.0, population, 0.0, (), (), "name")


def test_a_minor_town_is_kept_when_the_best_known_reading_of_another_place_is_in_its_country():
    # the store returns readings in no order: the big British one comes fourth
    strong = Mention(0, 9, "Wexbridge", "ner", (*(_cand("AU", 2000) for _ in range(3)), _cand("GB", 120_000)), "GPE")
    weak = Mention(20, 27, "Tolbury", "gazetteer", (_cand("GB", 20_000),))
    assert _drop_unsupported([strong, weak]) == [strong, weak]
    lonely = Mention(20, 27, "Tolbury", "gazetteer", (_cand("NZ", 20_000),))
    assert _drop_unsupported([strong, lonely]) == [strong]


def test_two_minor_towns_of_one_province_support_each_other():
    a = Mention(0, 7, "Tolbury", "gazetteer", (_cand("US", 20_000, admin1="Vermont"),))
    b = Mention(12, 19, "Marlock", "gazetteer", (_cand("US", 30_000, admin1="Vermont"),))
    assert _drop_unsupported([a, b]) == [a, b]
    again = Mention(30, 37, "Tolbury", "gazetteer", a.candidates)
    assert _drop_unsupported([a, again]) == []  # one name said twice is no neighbour


def test_a_name_taken_as_a_place_once_is_that_place_everywhere_in_the_report():
    text = "Flooding hit Tolbury on Monday. Tolbury's mayor, not Ann Tolbury, hopes Tolbury will recover."
    first = Mention(13, 20, "Tolbury", "ner", (_cand("GB", 20_000),), "GPE")
    ents = [(13, 20, "GPE"), (text.index("Ann Tolbury"), text.index("Ann Tolbury") + 11, "PERSON")]
    again = _same_name_again(text, [first], ents, set())
    assert [m.start for m in again] == [32, text.rindex("Tolbury")]
    assert all(m.candidates == first.candidates and m.label == "GPE" for m in again)


def test_a_name_found_only_by_the_local_lexicon_or_used_in_lower_case_is_not_spread():
    text = "Crews reached Marsh on Monday. Marsh said the marsh was flooded."
    first = Mention(14, 19, "Marsh", "ner", (_cand("GB", 20_000),), "GPE")
    assert _same_name_again(text, [first], [(14, 19, "GPE")], set()) == []


def test_a_small_town_followed_by_its_province_is_found_in_that_province():
    text = "The fair moved to Byesville, Ohio, and to Ridge Farm, Ill. on Monday."
    found = {m.text: m.candidates for m in recognizer()._with_parent(text, [], set())}
    assert {c.admin1 for c in found["Byesville"]} == {"Ohio"}
    assert {c.admin1 for c in found["Ridge Farm"]} == {"Illinois"}


def test_a_two_word_town_ner_took_for_a_full_name_is_still_cued_by_its_institution():
    text = "Crews from the Glen Allen Volunteer Fire Department and Mr Allen Police helped."
    found = recognizer()._cued(text, [], {"glen allen", "allen"}, [], [])
    assert [m.text for m in found] == ["Glen Allen"]
