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


@pytest.mark.parametrize(
    ("named", "key"),
    [
        ("The Harbor Post", "harborpost"),
        ("Harbor Post", "harborpost"),
        ("harborpost.com", "harborpost"),
        ("https://news.harborpost.co.uk/local/ferry", "harborpost"),
        ("www.example-news.com", "examplenews"),
        ("Example News", "examplenews"),
        ("AP", "associatedpress"),
        ("Associated Press", "associatedpress"),
        ("   ", None),
        (None, None),
    ],
)
def test_outlet_key_is_one_per_outlet_named_or_hosted(named: str | None, key: str | None) -> None:
    assert publishers.outlet_key(named) == key


def test_a_named_page_and_a_host_only_page_of_one_outlet_count_once(article_html: str) -> None:
    from eventledger.extract import extract_document
    from eventledger.model import RawDocument

    text = (
        "Ferry back in service after storm\n\nThe Saltmarsh ferry returned to service on Monday after a storm "
        "kept the harbour closed for three days, the port authority said in a statement on Monday."
    )
    named = extract_document(RawDocument("1" * 64, "a.html", "html", article_html.encode(), article_html, "html"))
    hosted = extract_document(
        RawDocument("2" * 64, "b.txt", "text", text.encode(), text, "text", {"url": "https://www.harborpost.com/a/2"})
    )
    assert named.publisher == "Harbor Post" and hosted.publisher == "harborpost.com"
    assert publishers.outlet_key(named.publisher) == publishers.outlet_key(hosted.publisher) == "harborpost"
