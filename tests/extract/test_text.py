"""The plain-text path: a scraped page dump."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.extract.text import extract_text, units


def test_body_runs_from_first_to_last_paragraph(dump_text: str, paragraphs: list[str]) -> None:
    res = extract_text(dump_text)
    assert res.paragraphs[0] == paragraphs[0]
    assert res.paragraphs[-1] == paragraphs[-1]


def test_header_and_trailer_lines_stay_out_of_body(dump_text: str) -> None:
    body = "\n".join(extract_text(dump_text).paragraphs)
    for junk in ("Menu", "Telegram", "Saltmarsh landing (", "March 08", "originally published", "Tags", "©"):
        assert junk not in body


def test_headline_is_the_title_line_not_the_caption(dump_text: str) -> None:
    assert extract_text(dump_text).title == "Ferry back in service after three-day storm closure"


def test_date_line_gives_published(dump_text: str) -> None:
    res = extract_text(dump_text)
    assert res.published == "2021-03-08"
    assert res.provenance["published"] == "March 08, 2021"


def test_promotion_line_gives_publisher(dump_text: str) -> None:
    assert extract_text(dump_text).publisher == "HPN"


def test_reprint_notice_gives_original_publisher(dump_text: str) -> None:
    res = extract_text(dump_text)
    assert res.original_publisher == "The Coastal Ledger"
    assert res.provenance["original_publisher"].startswith("This story was originally published by")


def test_language_is_guessed(dump_text: str) -> None:
    assert extract_text(dump_text).language == "en"


def test_caption_before_date_line_is_not_the_body_start(paragraphs: list[str]) -> None:
    text = "\n".join(
        [
            "Boats wait in the harbour on a calm morning after the storm had finally passed.",
            "May 2, 2021",
            *paragraphs[:2],
        ]
    )
    assert extract_text(text).paragraphs[0] == paragraphs[0]


def test_hard_wrapped_paragraph_is_joined() -> None:
    text = (
        "The ferry returned to service on Monday after a storm kept\n"
        "the harbour closed for three days, the port authority said in\n"
        "a statement on its website.\n\nSecond paragraph is here and it is long enough to be prose."
    )
    assert units(text)[0].startswith("The ferry returned to service on Monday after a storm kept the harbour")


def test_plain_article_without_junk_is_kept_whole(paragraphs: list[str]) -> None:
    res = extract_text("\n\n".join(paragraphs[:2]))
    assert res.paragraphs == paragraphs[:2]


def test_author_bio_after_terminator_is_cut(paragraphs: list[str]) -> None:
    text = "\n".join(
        [
            *paragraphs[:2],
            "About the author",
            "Dana Wells has covered the coast for the paper since it was founded.",
        ]
    )
    assert extract_text(text).paragraphs == paragraphs[:2]


def test_text_without_prose_keeps_short_lines_with_words() -> None:
    res = extract_text("Share\nFerry resumes service on Monday morning")
    assert res.paragraphs == ["Ferry resumes service on Monday morning"]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_extract_text_never_raises(text: str) -> None:
    res = extract_text(text)
    assert all(isinstance(p, str) and p for p in res.paragraphs)


def test_one_sentence_lede_is_kept(paragraphs: list[str]) -> None:
    text = "\n".join(["Menu", "Ferry back in service", "", "The ferry is back today.", "", *paragraphs[:2]])
    res = extract_text(text)
    assert res.paragraphs[0] == "The ferry is back today."
    assert res.title == "Ferry back in service"
