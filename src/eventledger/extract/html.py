"""Article body and metadata from an HTML page.

trafilatura is the base: with ``favor_precision`` it scored best of the extractors measured
on the shared benchmark (``data/extraction/README.md``). What it lacks is added here:
furniture still inside its paragraphs (``cleanup``), a second pass without
``favor_precision`` when the precise pass kept too little, the page's JSON-LD
``articleBody`` and trafilatura's own baseline as last resorts, and an outlet name and
language read with the markup they came from (``html_meta``).
"""

from __future__ import annotations

import logging
import re
from copy import copy
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.baseline import baseline
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document
from trafilatura.utils import load_html

from eventledger.extract import html_meta, language, mastheads
from eventledger.extract.cleanup import Cleaned, clean_paragraphs
from eventledger.extract.densest import densest_paragraphs
from eventledger.extract.publishers import dateline_agency
from eventledger.extract.result import Extraction

logger = logging.getLogger(__name__)

# Below this many characters the precise pass may have missed the article (one teaser
# paragraph, a reprint notice); the broader pass is tried and kept when much longer.
SHORT_BODY_CHARS = 1000
LONGER_BY = 1.5
# Share of the shorter text's 4-word shingles the longer must contain to be the same article.
COVER_SHARE = 0.8
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·»]\s+|\s+::\s+")


def _trafilatura(tree: HtmlElement, url: str | None, precise: bool, date_params: dict[str, Any]) -> Any:
    return trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=precise,
        include_comments=False,
        with_metadata=precise,
        date_extraction_params=date_params,
    )


def _paragraphs(text: str | None) -> list[str]:
    return [p for p in (text or "").split("\n") if p.strip()]


def _length(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs)


def _shingles(paragraphs: list[str]) -> set[tuple[str, ...]]:
    toks = re.findall(r"\w+", " ".join(paragraphs).lower())
    return {tuple(toks[i : i + 4]) for i in range(max(1, len(toks) - 3))}


def _covers(longer: list[str], shorter: list[str]) -> bool:
    """Whether ``longer`` holds nearly all of ``shorter`` (the same article, only more of it)."""
    inner = _shingles(shorter)
    return bool(inner) and len(inner & _shingles(longer)) >= COVER_SHARE * len(inner)


def clean_title(title: str | None, site_names: list[str]) -> str | None:
    """The headline without a " | Site" or "Site - " part naming the outlet."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title.strip())
    if len(parts) < 2:
        return title.strip()
    names = {re.sub(r"\W+", "", n.lower()) for n in site_names if n}
    names.discard("")

    def is_site(part: str) -> bool:
        key = re.sub(r"\W+", "", part.lower())
        return bool(key) and any(key == n or key in n or n in key for n in names)

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    sep = _TITLE_SEPARATORS.search(title)
    joiner = sep.group(0) if sep else " - "
    return joiner.join(parts).strip() or None


def _byline_source(page: html_meta.PageMeta, publisher: str | None) -> tuple[str | None, str | None]:
    """The outlet a byline credits when it is not the site's own: the reprint's source."""
    for text, markup in page.bylines:
        found = mastheads.byline_outlet(text) or _whole_byline_outlet(text)
        if found and not (publisher and found[0].lower() in publisher.lower()):
            return found[0], markup
    return None, None


def _whole_byline_outlet(text: str) -> tuple[str, str] | None:
    """ "By Reuters": a byline that names an outlet and no reporter."""
    name = mastheads.site_name(text[3:].strip()) if text.lower().startswith("by ") else None
    return (name, text) if name else None


def _titles(doc: Document, meta: html_meta.PageMeta, url: str | None) -> list[str]:
    """Every headline the page states, raw and without the outlet's name."""
    raw = [t for t in (getattr(doc, "title", None), meta.headline) if t]
    sites = [
        meta.publisher[0] if meta.publisher else "",
        getattr(doc, "sitename", None) or "",
        mastheads.host(url) or "",
    ]
    return raw + [t for t in (clean_title(r, sites) for r in raw) if t]


def _body(
    tree: HtmlElement, url: str | None, date_params: dict[str, Any], meta: html_meta.PageMeta
) -> tuple[Cleaned, Document]:
    """The best body found, and trafilatura's record of the page's metadata.

    The precise pass comes first; the broad pass, the densest block, JSON-LD and the
    baseline only replace it when they find much more of what looks like the same article.
    """
    doc = _trafilatura(tree, url, True, date_params)
    if doc is None:  # no body for trafilatura: its metadata is still worth having
        doc = extract_metadata(copy(tree), default_url=url, date_config=date_params)
    title = _titles(doc, meta, url)
    cleaned = clean_paragraphs(_paragraphs(getattr(doc, "text", None)), title)
    source = "trafilatura precise"
    if _length(cleaned.paragraphs) < SHORT_BODY_CHARS:
        broad = _trafilatura(tree, url, False, date_params)
        again = clean_paragraphs(_paragraphs(getattr(broad, "text", None)), title)
        if _length(again.paragraphs) > LONGER_BY * _length(cleaned.paragraphs):
            cleaned, source = again, "trafilatura"
    dense_raw = densest_paragraphs(tree)
    if _length(dense_raw) > LONGER_BY * _length(cleaned.paragraphs):  # cleaning only shortens it
        dense = clean_paragraphs(dense_raw, title)
        if _length(dense.paragraphs) > LONGER_BY * _length(cleaned.paragraphs) and _covers(
            dense.paragraphs, cleaned.paragraphs
        ):
            cleaned, source = dense, "densest block"
    if _length(cleaned.paragraphs) < SHORT_BODY_CHARS and meta.article_body:
        fromld = clean_paragraphs(_paragraphs(meta.article_body), title)
        if _length(fromld.paragraphs) > LONGER_BY * _length(cleaned.paragraphs):
            cleaned, source = fromld, "JSON-LD articleBody"
    if not cleaned.paragraphs:
        _, text, _ = baseline(tree)
        cleaned, source = clean_paragraphs(_paragraphs(text), title), "trafilatura baseline"
    logger.debug("body from %s: %d paragraphs", source, len(cleaned.paragraphs))
    return cleaned, doc


def extract_html(content: str, meta: dict[str, str]) -> Extraction:
    """Body paragraphs and metadata of one HTML page (empty paragraphs: no article found)."""
    tree = load_html(content)
    if tree is None:
        return Extraction([])
    page = html_meta.read(tree)
    url = meta.get("url")
    date_params: dict[str, Any] = {
        "original_date": True,
        "extensive_search": True,
        "outputformat": "%Y-%m-%d",
        "url": url,
    }
    if meta.get("fetched"):
        date_params["max_date"] = meta["fetched"][:10]
    cleaned, doc = _body(tree, url, date_params, page)
    res = Extraction(cleaned.paragraphs, url=url or getattr(doc, "url", None))
    prov = res.provenance

    sitename = html_meta.tidy_name(getattr(doc, "sitename", None) or "")
    # The page's own markup first; then what the container (feed channel, JSON record) says,
    # which is explicit, before trafilatura's site name, which is often guessed from the URL.
    container = html_meta.tidy_name(meta.get("publisher") or "")
    if page.publisher:
        res.publisher, prov["publisher"] = page.publisher
    elif container:
        res.publisher, prov["publisher"] = container, f"container metadata {meta['publisher']!r}"
    elif sitename:
        res.publisher, prov["publisher"] = sitename, f"site name {sitename!r} (trafilatura)"
    elif outlet := mastheads.host_outlet(res.url):
        res.publisher, prov["publisher"] = outlet, f"domain of {res.url}"

    raw_title = page.headline or getattr(doc, "title", None)
    res.title = clean_title(raw_title, [res.publisher or "", sitename or "", mastheads.host(res.url) or ""])
    if res.title and raw_title:
        prov["title"] = raw_title
    if date := getattr(doc, "date", None):
        res.published = date
        prov["published"] = page.date_phrase(date) or f"htmldate (original date) {date}"

    if cleaned.original_publisher:
        res.original_publisher, prov["original_publisher"] = cleaned.original_publisher
    elif res.paragraphs:
        wire = dateline_agency(res.paragraphs[0])
        if wire and wire[0] != res.publisher:
            res.original_publisher, prov["original_publisher"] = wire
    if res.original_publisher is None:
        res.original_publisher, phrase = _byline_source(page, res.publisher)
        if phrase:
            prov["original_publisher"] = phrase

    declared = language.from_tag(page.language[0]) if page.language else None
    res.language = language.choose(declared, " ".join(res.paragraphs))
    if res.language and res.language == declared and page.language:
        prov["language"] = page.language[1]
    return res
