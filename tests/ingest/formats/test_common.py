from __future__ import annotations

from eventledger.ingest.formats.common import has_visible_text, looks_like_html, raw_document


def test_raw_document_drops_empty_meta_and_squeezes_whitespace() -> None:
    doc = raw_document(
        source="s",
        format="text",
        data=b"x",
        content="x",
        media="text",
        meta={"title": "  Two\n words ", "url": None, "author": " "},
        encoding="utf-8",
    )
    assert doc.meta == {"title": "Two words"}


def test_visible_text_ignores_scripts_styles_and_comments() -> None:
    assert not has_visible_text("<script>var a = 1;</script><style>p{}</style><!-- note --><br/>")
    assert has_visible_text("<script>x</script><p>Ferry sank</p>")


def test_visible_text_survives_unclosed_script() -> None:
    assert not has_visible_text("<p></p><script>" + "x" * 100_000)


def test_entities_only_whitespace_is_not_text() -> None:
    assert not has_visible_text("<p>&nbsp;</p>")


def test_looks_like_html() -> None:
    assert looks_like_html("<p>Flood</p>")
    assert not looks_like_html("3 < 4 and 5 > 2")
