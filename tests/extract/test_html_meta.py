"""Publisher and language read from markup."""

from __future__ import annotations

from lxml import html

from eventledger.extract import html_meta


def _read(doc: str) -> html_meta.PageMeta:
    return html_meta.read(html.fromstring(doc))


def test_jsonld_publisher_wins_over_og_site_name() -> None:
    meta = _read(
        """<html><head><meta property="og:site_name" content="HP">
        <script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",
        "publisher": {"@type": "Organization", "name": "Harbor Post"}, "articleBody": "Text."}]}</script>
        </head><body></body></html>"""
    )
    assert meta.publisher is not None
    assert meta.publisher[0] == "Harbor Post"
    assert meta.article_body == "Text."


def test_og_site_name_with_its_markup_as_provenance() -> None:
    meta = _read('<html><head><meta property="og:site_name" content="Harbor Post"></head><body></body></html>')
    assert meta.publisher == ("Harbor Post", '<meta property="og:site_name" content="Harbor Post">')


def test_copyright_footer_is_last_resort() -> None:
    meta = _read(
        "<html><body><p>x</p><footer>Copyright © 2020 Valley Weekly. All rights reserved.</footer></body></html>"
    )
    assert meta.publisher is not None
    assert meta.publisher[0] == "Valley Weekly"


def test_language_from_html_lang() -> None:
    meta = _read('<html lang="pt-BR"><body></body></html>')
    assert meta.language is not None
    assert meta.language[0] == "pt-BR"


def test_broken_jsonld_is_ignored() -> None:
    meta = _read('<html><head><script type="application/ld+json">{oops</script></head><body></body></html>')
    assert meta.publisher is None


def test_date_phrase_finds_the_markup_stating_a_date() -> None:
    meta = _read(
        '<html><head><meta property="article:published_time" content="2021-03-08T09:30:00Z"></head>'
        '<body><time datetime="2021-03-09">9 March</time></body></html>'
    )
    assert meta.date_phrase("2021-03-08") == '<meta article:published_time="2021-03-08T09:30:00Z">'
    assert meta.date_phrase("2021-03-09") == '<time datetime="2021-03-09">'
    assert meta.date_phrase("2021-03-10") is None
