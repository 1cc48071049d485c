"""Site-name lines, bylines, headline suffixes and URL hosts naming the outlet."""

from __future__ import annotations

import pytest

from eventledger.extract import mastheads


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Voice of the Valley", "Voice of the Valley"),
        ("Harbor Post", "Harbor Post"),
        ("The Coastal Ledger", "The Coastal Ledger"),
        ("harborpost.com", "harborpost.com"),
        ("REUTERS", "Reuters"),
    ],
)
def test_site_name_reads_outlet_lines(line: str, name: str) -> None:
    assert mastheads.site_name(line) == name


@pytest.mark.parametrize("line", ["Jane Doe", "World News", "Latest News", "Menu", "Share this", "Updated 3 hours ago"])
def test_site_name_rejects_people_sections_and_widgets(line: str) -> None:
    assert mastheads.site_name(line) is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Jane Doe, Harbor Post", "Harbor Post"),
        ("By Jane Doe and Tom Roe | Reuters", "Reuters"),
        ("By Jane Doe, Associated Press", "Associated Press"),
    ],
)
def test_byline_outlet(line: str, name: str) -> None:
    found = mastheads.byline_outlet(line)
    assert found is not None and found[0] == name


@pytest.mark.parametrize("line", ["By Jane Doe", "By Jane Doe, Staff Writer", "By Jane Doe, Lisbon"])
def test_byline_without_outlet(line: str) -> None:
    assert mastheads.byline_outlet(line) is None


def test_title_suffix_splits_outlet() -> None:
    assert mastheads.title_suffix("Ferry back in service | Harbor Post") == ("Ferry back in service", "Harbor Post")
    assert mastheads.title_suffix("Ferry back in service - officials say") is None


def test_host_outlet() -> None:
    assert mastheads.host_outlet("https://www.reuters.com/world/ferry") == "Reuters"
    assert mastheads.host_outlet("https://m.harborpost.co.uk/a/1") == "harborpost.co.uk"
    assert mastheads.host_outlet(None) is None


def test_a_platform_prompt_is_no_outlet() -> None:
    assert mastheads.site_name("Share on Facebook") is None
