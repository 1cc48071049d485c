"""The data files load and every pattern in them compiles."""

from __future__ import annotations

import re

import pytest

from eventledger.extract._resources import any_of, load, patterns


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
