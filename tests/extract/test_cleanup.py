"""Furniture removed from an extractor's paragraphs."""

from __future__ import annotations

from eventledger.extract.cleanup import clean_paragraphs

PROSE = "The harbour reopened on Monday after engineers checked the landing ramps for storm damage."
MORE = "Commuters said the closure had added two hours to their journeys along the coastal road."


def test_drops_share_and_newsletter_lines() -> None:
    out = clean_paragraphs([PROSE, "Share this article", "Sign up for our newsletter", MORE])
    assert out.paragraphs == [PROSE, MORE]


def test_drops_related_header_and_its_link_list() -> None:
    out = clean_paragraphs(
        [PROSE, "Related stories", "Bridge repairs to start in spring", "Island school wins cup", MORE]
    )
    assert out.paragraphs == [PROSE, MORE]


def test_reprint_notice_names_original_publisher_and_is_dropped() -> None:
    out = clean_paragraphs([PROSE, MORE, "This story was originally published by Valley Weekly."])
    assert out.paragraphs == [PROSE, MORE]
    assert out.original_publisher is not None
    assert out.original_publisher[0] == "Valley Weekly"


def test_repeated_headline_is_dropped() -> None:
    out = clean_paragraphs(["Harbour reopens after storm", PROSE, MORE], ["Harbour reopens after storm"])
    assert out.paragraphs == [PROSE, MORE]


def test_headline_variant_is_dropped() -> None:
    out = clean_paragraphs(["Saltmarsh harbour reopens after the storm", PROSE], ["Harbour reopens after storm"])
    assert out.paragraphs == [PROSE]


def test_subheading_inside_body_is_kept() -> None:
    out = clean_paragraphs([PROSE, "What happens next", MORE], ["Harbour reopens after storm"])
    assert out.paragraphs == [PROSE, "What happens next", MORE]


def test_caption_with_credit_is_dropped() -> None:
    out = clean_paragraphs([PROSE, "Boats at the quay (Jane Roe/Coastal Wire)", MORE])
    assert out.paragraphs == [PROSE, MORE]
