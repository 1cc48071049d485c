"""The extract stage: a RawDocument in, a clean article Document out.

HTML goes through trafilatura plus our furniture cleanup and metadata readers (``html``);
plain text, often a scraped dump of a whole page, through a line classifier (``text``).
Container metadata (``raw.meta``) fills in what the page itself does not say, except the
URL, which the container knows best.
"""

from __future__ import annotations

import logging

from eventledger.errors import ExtractionError
from eventledger.extract import dates, lines, mastheads
from eventledger.extract.html import extract_html
from eventledger.extract.text import extract_text
from eventledger.model import Document, RawDocument

logger = logging.getLogger(__name__)

__all__ = ["extract_body_record", "extract_document"]

MIN_SENTENCE_WORDS = 5
MIN_LIST_WORDS = 50


def _looks_like_article(paragraphs: list[str]) -> bool:
    """Whether an HTML extraction holds a sentence, or at least a substantial text.

    Extractors return the little text left on an index, login or error page; an article,
    however short, has a sentence of a few words, and a page of tables or lists without
    one (a fixture list, a timetable) still has some length.
    """
    if sum(lines.word_count(p) for p in paragraphs) >= MIN_LIST_WORDS:
        return True
    return any(lines.word_count(p) >= MIN_SENTENCE_WORDS and lines.ends_sentence(p) for p in paragraphs)


def extract_document(raw: RawDocument) -> Document:
    """The article in ``raw``; raises ExtractionError when the page holds no article body."""
    meta = raw.meta or {}
    res = extract_html(raw.content, meta) if raw.media == "html" else extract_text(raw.content)
    url = meta.get("url") or res.url
    if not res.paragraphs or (raw.media == "html" and not _looks_like_article(res.paragraphs)):
        raise ExtractionError(
            f"{raw.source}: no article body found in this {raw.media} document; "
            "check that it is an article page rather than an index, login or error page"
        )
    provenance = dict(res.provenance)
    fields: dict[str, str | None] = {}
    for name in ("title", "published", "publisher", "language"):
        value = getattr(res, name)
        if value is None and meta.get(name):
            value = meta[name][:10] if name == "published" else meta[name]
            provenance[name] = f"container metadata: {meta[name]}"
        fields[name] = value
    if fields["published"] is None and (day := dates.from_url(url)):
        fields["published"], provenance["published"] = day, f"date in the address {url}"
    if fields["publisher"] is None and (host := mastheads.host_outlet(url)):
        fields["publisher"], provenance["publisher"] = host, f"host of {url}"
    original = res.original_publisher
    if original and original == fields["publisher"]:
        original = None
        provenance.pop("original_publisher", None)
    return Document(
        sha256=raw.sha256,
        source=raw.source,
        format=raw.format,
        body="\n\n".join(res.paragraphs),
        title=fields["title"],
        published=fields["published"],
        fetched=meta.get("fetched"),
        publisher=fields["publisher"],
        original_publisher=original,
        language=fields["language"],
        url=url,
        provenance=provenance,
    )


def extract_body_record(raw: RawDocument) -> dict[str, str | None]:
    """The record the ``extract-body`` command writes, as the shared scorer reads it."""
    doc = extract_document(raw)
    return {
        "articleBody": doc.body,
        "title": doc.title,
        "published": doc.published,
        "publisher": doc.publisher,
    }
