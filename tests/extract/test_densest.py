"""The densest-block estimate of the article."""

from __future__ import annotations

from lxml import html

from eventledger.extract.densest import densest_paragraphs

LONG = "The harbour reopened on Monday after engineers checked the landing ramps for storm damage. " * 3


def test_picks_the_element_with_most_paragraph_text() -> None:
    tree = html.fromstring(
        "<html><body><div id='side'><p>Short teaser.</p></div>"
        f"<div id='main'><p>{LONG}</p><p>{LONG}</p></div></body></html>"
    )
    assert densest_paragraphs(tree) == [LONG.strip(), LONG.strip()]


def test_joins_sibling_chunks_of_the_same_kind() -> None:
    tree = html.fromstring(
        f"""<html><body>
        <div class="body-chunk"><p>First {LONG}</p></div>
        <div class="ad">Advertisement</div>
        <div class="body-chunk"><p>Second {LONG}</p></div></body></html>"""
    )
    out = densest_paragraphs(tree)
    assert [p.split()[0] for p in out] == ["First", "Second"]


def test_link_lists_carry_no_weight() -> None:
    tree = html.fromstring(
        "<html><body><div id='nav'>"
        + "".join(f"<p><a href='/{i}'>A long link title number {i} about the harbour</a></p>" for i in range(20))
        + "</div><div id='main'><p>The ferry returned to service on Monday.</p></div></body></html>"
    )
    assert densest_paragraphs(tree) == ["The ferry returned to service on Monday."]


def test_page_without_paragraphs_gives_nothing() -> None:
    assert densest_paragraphs(html.fromstring("<html><body><div>Nothing here</div></body></html>")) == []
