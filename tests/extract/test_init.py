"""The stage's public API: extract_document and extract_body_record."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import eventledger.extract as extract
from eventledger.errors import ExtractionError
from eventledger.extract import extract_body_record, extract_document


def test_public_api_is_explicit() -> None:
    assert extract.__all__ == ["extract_body_record", "extract_document"]


def test_html_document_fields(article_html: str, make_raw) -> None:
    raw = make_raw(article_html, meta={"url": "https://example.org/ferry", "fetched": "2021-03-09T10:00:00Z"})
    doc = extract_document(raw)
    assert doc.sha256 == raw.sha256 and doc.source == raw.source and doc.format == "html"
    assert doc.title == "Ferry back in service after storm"
    assert doc.published == "2021-03-08"
    assert doc.publisher == "Harbor Post"
    assert doc.url == "https://example.org/ferry"
    assert doc.fetched == "2021-03-09T10:00:00Z"
    assert doc.language == "en"


def test_body_paragraphs_are_separated_by_blank_lines(article_html: str, make_raw) -> None:
    body = extract_document(make_raw(article_html)).body
    assert "\n\n" in body
    assert "\n\n\n" not in body


def test_html_without_article_raises_extraction_error(make_raw) -> None:
    raw = make_raw("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>")
    with pytest.raises(ExtractionError, match="no article body"):
        extract_document(raw)


def test_empty_text_raises_extraction_error(make_raw) -> None:
    with pytest.raises(ExtractionError):
        extract_document(make_raw("Share\nMenu\n", media="text"))


def test_container_metadata_fills_gaps(dump_text: str, make_raw) -> None:
    text = "\n".join(dump_text.splitlines()[10:])  # no headline, date or promotion line left
    doc = extract_document(make_raw(text, media="text", meta={"title": "Ferry back", "published": "2021-03-08T08:00"}))
    assert doc.title == "Ferry back"
    assert doc.published == "2021-03-08"
    assert doc.provenance["title"].startswith("container metadata")


def test_text_document_fields(dump_text: str, make_raw) -> None:
    doc = extract_document(make_raw(dump_text, media="text"))
    assert doc.publisher == "HPN"
    assert doc.original_publisher == "The Coastal Ledger"
    assert doc.published == "2021-03-08"


def test_extract_body_record_keys(article_html: str, make_raw) -> None:
    rec = extract_body_record(make_raw(article_html))
    assert set(rec) == {"articleBody", "title", "published", "publisher"}
    assert rec["publisher"] == "Harbor Post"


def _norm(text: str) -> str:
    """The shared event scorer's normalisation: straight quotes, single spaces, lower case."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower().strip("\"' ")


def test_seed_report_matches_gold(shared_dir: Path, make_raw) -> None:
    seed = next((shared_dir / "corpus" / "seed").glob("*.txt"))
    gold = json.loads(seed.with_suffix(".gold.json").read_text("utf-8"))["document"]
    doc = extract_document(make_raw(seed.read_bytes().decode("utf-8"), media="text"))
    assert doc.title == gold["title"]
    assert doc.published == gold["published"]
    assert gold["publisher"] in (doc.publisher or "")
    assert doc.original_publisher == gold["original_publisher"]
    assert doc.language == gold["language"]
    body = _norm(doc.body)
    assert body.startswith(_norm(gold["body_starts_with"]))
    assert body.endswith(_norm(gold["body_ends_with"]))
    for junk in gold["not_in_body"]:
        assert _norm(junk) not in body
