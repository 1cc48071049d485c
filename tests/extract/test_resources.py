"""The data files load and every pattern in them compiles."""

from __future__ import annotations

import re

import pytest

from eventledger.extract._resources import any_of, load, patterns, screen


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("lines", "junk"),
        ("lines", "list_headers"),
        ("lines", "caption"),
        ("lines", "terminators"),
        ("lines", "strip_suffixes"),
        ("publishers", "reprint"),
        ("publishers", "reprint_cues"),
        ("publishers", "self_promotion"),
    ],
)
def test_pattern_lists_compile(name: str, key: str) -> None:
    assert patterns(name, key)


@pytest.mark.parametrize("key", ["junk", "list_headers", "caption", "terminators"])
def test_line_cues_combine_into_one_pattern(key: str) -> None:
    assert isinstance(any_of("lines", key), re.Pattern)


def test_named_name_group_in_publisher_patterns() -> None:
    for key in ("reprint", "self_promotion"):
        assert all("name" in p.groupindex for p in patterns("publishers", key))


def test_agency_table_maps_to_full_names() -> None:
    agencies = load("publishers")["agencies"]
    assert agencies["AP"] == "Associated Press"
    assert all(code == code.upper() for code in agencies)


def test_language_stopwords_are_lower_case() -> None:
    for words in load("language")["stopwords"].values():
        assert all(w == w.lower() for w in words)


# invented page furniture and prose, with a long s (folds onto "s") that the word test cannot judge
SCREEN_LINES = [
    "Share this story",
    "ADVERTISEMENT",
    "Sign up to our morning briefing and get the headlines in your inbox",
    "Follow us on Telegram for live updates",
    "(Reporting by Ana Lopez; Editing by Tom Reed)",
    "Photo: Courtesy of the ministry",
    "Tags: floods, rescue",
    "4 min read",
    "  •  •  ",
    "\u017fhare this story",
    "The river rose two metres overnight and the town council opened three shelters.",
    "Residents said the bridge had been closed since Tuesday.",
    "",
]


@pytest.mark.parametrize("key", ["junk", "caption", "terminators", "list_headers"])
def test_screen_answers_as_the_whole_alternation(key: str) -> None:
    whole, screened = any_of("lines", key), screen("lines", key)
    assert [screened.search(line) for line in SCREEN_LINES] == [whole.search(line) is not None for line in SCREEN_LINES]


def test_screen_finds_junk_and_passes_prose() -> None:
    junk = screen("lines", "junk")
    assert junk.search("Share this story") and junk.search("4 min read")
    assert not junk.search("Residents said the bridge had been closed since Tuesday.")


def test_a_screen_keeps_a_bounded_number_of_compiled_subsets(monkeypatch) -> None:
    """Every line that picks a new combination of patterns compiles one; hostile text cannot grow that forever."""
    from eventledger.extract import _resources

    monkeypatch.setattr(_resources, "_SUBSETS_KEPT", 4)
    s = _resources._Screen([r"\balpha\b", r"\bbravo\b", r"\bcharlie\b", r"\bdelta\b"])
    lines = ["alpha", "bravo", "charlie", "delta", "alpha bravo", "bravo delta", "charlie alpha", "nothing here"]
    for line in lines * 2:
        assert s.search(line) == (s.whole.search(line) is not None)
        assert len(s.subsets) <= 4
