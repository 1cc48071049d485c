"""Reprint notices, wire datelines and self-promotion lines."""

from __future__ import annotations

import pytest

from eventledger.extract import publishers


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("This story was originally published by The Coastal Ledger.", "The Coastal Ledger"),
        ("Originally published by Mountain Dispatch on 4 May.", "Mountain Dispatch"),
        ("First published in Valley Weekly.", "Valley Weekly"),
        ("Reprinted with permission from the Harbour Courier.", "Harbour Courier"),
        ("Reprinted with permission from Prairie Voice.", "Prairie Voice"),
        (
            "The report was first published on Northern Review, and appears here with consent.",
            "Northern Review",
        ),
        ("This piece first appeared in Harbour Quarterly.", "Harbour Quarterly"),
        ("Republished with permission of Island Times.", "Island Times"),
        ("This column is published with permission of VOA.", "Voice of America"),
    ],
)
def test_original_publisher_reads_reprint_notices(line: str, name: str) -> None:
    found = publishers.original_publisher(line)
    assert found is not None
    assert found[0] == name


def test_history_sentence_is_not_a_reprint_notice() -> None:
    line = "The disease first appeared in West Province at the end of August."
    assert publishers.original_publisher(line) is None
    assert not publishers.is_reprint_notice(line)


def test_is_reprint_notice_accepts_bare_republished_line() -> None:
    assert publishers.is_reprint_notice("Republished with permission.")


@pytest.mark.parametrize(
    ("paragraph", "agency"),
    [
        ("LONDON (Reuters) - Shares fell on Monday as traders weighed new data.", "Reuters"),
        ("SPRINGFIELD, Ill. (AP) — A grain elevator caught fire late Sunday.", "Associated Press"),
        ("PARIS (AFP) - The museum reopened after a two-year renovation.", "Agence France-Presse"),
        ("SEOUL (RFA) — Officials confirmed the closure of two markets.", "Radio Free Asia"),
        ("(VOA) — Aid convoys reached the northern districts on Friday.", "Voice of America"),
    ],
)
def test_dateline_agency_maps_acronyms(paragraph: str, agency: str) -> None:
    found = publishers.dateline_agency(paragraph)
    assert found is not None
    assert found[0] == agency


def test_dateline_agency_ignores_unknown_parenthesis() -> None:
    assert publishers.dateline_agency("MAYOR (retired) - spoke to the crowd.") is None
    assert publishers.dateline_agency("The minister (right) spoke on Friday.") is None


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Join our new official HPN Telegram channel for instant alerts!", "HPN"),
        ("Join the Harbor Post WhatsApp group to get our top stories.", "Harbor Post"),
        ("Follow Coastal Ledger on Twitter for more updates.", "Coastal Ledger"),
        ("Subscribe to Valley Weekly's newsletter", "Valley Weekly"),
        ("© 2021 Prairie Voice. All rights reserved.", "Prairie Voice"),
        ("Copyright 2019-2021 Island Times", "Island Times"),
        ("By HPN Staff", "HPN"),
    ],
)
def test_outlet_from_promotion_returns_the_name_only(line: str, outlet: str) -> None:
    found = publishers.outlet_from_promotion(line)
    assert found is not None
    assert found[0] == outlet


def test_outlet_from_promotion_needs_a_proper_name() -> None:
    assert publishers.outlet_from_promotion("Join our brand new channel on Telegram") is None
    assert publishers.outlet_from_promotion("Follow us on Twitter") is None


def test_agency_name_is_case_insensitive() -> None:
    assert publishers.agency_name("ap") == "Associated Press"
    assert publishers.agency_name("Unknown Wire") is None


def test_a_byline_without_an_outlet_names_no_publisher():
    from eventledger.extract.publishers import outlet_from_promotion

    assert outlet_from_promotion("By Staff Reporter") is None
    assert outlet_from_promotion("Harbour Courier staff")[0] == "Harbour Courier"
