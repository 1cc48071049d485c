from __future__ import annotations

import re

import pytest

from eventledger.regex_words import haystack, required_words
from eventledger.temporal import tagger
from eventledger.temporal.patterns import compiled_patterns

# Invented sentences with many kinds of time expressions, and a few with none.
TEXTS = [
    "The council met on Tuesday and will vote again next March, two weeks after the thaw.",
    "Shipments fell 4% in the third quarter of 2019 compared with the same period a year ago.",
    "Guards patrol the depot twice a day; the fence was built in the 1990s, late last century.",
    "By 10:30 a.m. on 3/14/2021 the ferry had left; it returns every Friday morning.",
    "Ticket sales peak at Christmas and around New Year's Day, the owner said this spring.",
    "Three decades of drought ended Jan. 5, 2018, nineteen years after the first dam opened.",
    "The mayor has governed for 18 months and hopes to finish the bridge by late summer.",
    "Nobody in the valley could remember a louder storm.",
    "ſome ſtrange KELVIN text: a Monday in İzmir.",
]


def test_a_literal_run_every_match_holds() -> None:
    assert required_words(r"(?:the\s+)?(?:\d+(?:st|nd))\s+century") == ("century",)


def test_an_alternation_gives_one_word_per_branch() -> None:
    assert required_words(r"(?:last\s+)?(?:spring|summer|autumn)") == ("autumn", "spring", "summer")


def test_an_optional_part_promises_nothing() -> None:
    assert required_words(r"(?:today|tonight)?\d+") == ()
    assert required_words(r"\d+(?:st|nd|rd|th)?") == ()


def test_a_case_sensitive_group_is_still_a_requirement() -> None:
    words = required_words(r"(?-i:Tuesday|TUESDAY)", re.I)
    assert words and all(w in "tuesday" for w in words)


def test_haystack_refuses_text_whose_letters_fold_onto_ascii() -> None:
    assert haystack("Café on Tuesday") == "café on tuesday"
    assert haystack("the ſecond week") is None  # the long s matches "s" under IGNORECASE
    assert haystack("a 5 \u212a rise") is None  # the Kelvin sign matches "k"
    assert haystack("from \u0130zmir") is None and haystack("caf\u00e9 \u201cs\u201d") == "caf\u00e9 \u201cs\u201d"


@pytest.mark.parametrize("text", TEXTS)
def test_no_pattern_matches_without_one_of_its_words(text: str) -> None:
    low = text.lower()
    for pat in compiled_patterns():
        if pat.regex.search(text) and pat.needs:
            assert any(w in low for w in pat.needs), pat.name


def test_filtering_changes_no_expression(monkeypatch: pytest.MonkeyPatch) -> None:
    filtered = [tagger.tag_text(t, "2021-03-10") for t in TEXTS]
    monkeypatch.setattr(tagger, "haystack", lambda text: None)
    assert [tagger.tag_text(t, "2021-03-10") for t in TEXTS] == filtered
    assert sum(len(x) for x in filtered) >= 15


def test_a_look_ahead_names_words_the_text_must_hold() -> None:
    assert required_words(r"\d+(?=\s+(?:were\s+)?(?:hurt|jailed))") == ("hurt", "jailed")
    assert required_words(r"(?<![a-z])\d+(?!\s+years)") == ()
