"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item or entry is one document.

Parsed with lxml rather than feedparser because the evidence kept for an item is its own
XML, which feedparser does not expose. The parser never resolves entities or touches the
network (no XXE, no fetching of linked pages): an item without its text in the feed is
reported, not downloaded. Feeds are small, so a feed is parsed whole, under the size cap.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

from lxml import etree

from eventledger.errors import CorruptInput, EmptyInput, InputError
from eventledger.ingest.failure import Failure
from eventledger.ingest.formats.common import looks_like_html, raw_document, require_text
from eventledger.model import Media, RawDocument

logger = logging.getLogger(__name__)

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"

_Element = etree._Element


def _parser(recover: bool) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=recover)


def parse(payload: bytes) -> tuple[_Element, str | None]:
    """Parse strictly; fall back to lxml's recovery for the stray ``&`` common in feeds.

    Returns the root and, when recovery was needed, the strict parser's complaint.
    """
    try:
        return etree.fromstring(payload, _parser(recover=False)), None
    except etree.XMLSyntaxError as exc:
        strict_error = " ".join(str(exc).split())
    root = etree.fromstring(payload, _parser(recover=True))
    if root is None:
        raise CorruptInput(f"malformed XML: {strict_error}")
    logger.warning("feed is not well-formed XML (%s); read what lxml could recover", strict_error)
    return root, strict_error


def _text(el: _Element | None) -> str | None:
    return "".join(el.itertext()) if el is not None else None


def _find_text(parent: _Element, *tags: str) -> str | None:
    for tag in tags:
        value = _text(parent.find(tag))
        if value and value.strip():
            return value
    return None


def read_feed(source: str, payload: bytes, kind: str) -> Iterator[RawDocument | Failure]:
    """Yield one document (or failure) per item; ``kind`` is "rss" or "atom"."""
    root, xml_error = parse(payload)
    encoding = (root.getroottree().docinfo.encoding or "utf-8").lower()
    if kind == "atom":
        items = root.iterfind(f"{ATOM}entry")
        publisher = _find_text(root, f"{ATOM}title")
        build = _atom_entry
    else:
        items = _rss_items(root)
        publisher = _find_text(root, "channel/title", f"{RSS1}channel/{RSS1}title")
        build = _rss_item
    n = 0
    for n, item in enumerate(items, start=1):
        item_source = f"{source}#item={n}"
        try:
            content, media, meta = build(item)
            require_text(content, media)
        except InputError as exc:
            yield Failure.of(item_source, exc)
            continue
        meta.setdefault("publisher", publisher)
        data = etree.tostring(item, encoding="utf-8", xml_declaration=False, with_tail=False)
        yield raw_document(
            source=item_source,
            format=kind,
            data=data,
            content=content,
            media=media,
            meta=meta,
            encoding=encoding,
        )
    if n == 0 and xml_error:
        raise CorruptInput(f"malformed XML: {xml_error}")
    if n == 0:
        raise EmptyInput(f"{'Atom' if kind == 'atom' else 'RSS'} feed has no items")


def _rss_items(root: _Element) -> Iterator[_Element]:
    for el in root.iter("item", f"{RSS1}item"):
        yield el


def _rfc822_to_iso(value: str | None) -> str | None:
    """RSS 2.0 dates are RFC 822 ("Tue, 02 Jan 2024 10:00:00 GMT"); later stages read ISO 8601.

    This is the one place ingest rewrites what a container said: every other date in a feed
    (Atom, Dublin Core) is ISO already. An unparseable date is passed on as written.
    """
    if not value:
        return None
    try:
        return parsedate_to_datetime(value.strip()).isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def _no_content(url: str | None, looked_for: str) -> EmptyInput:
    where = f"; its link is not fetched (no network): {url}" if url else ""
    return EmptyInput(f"feed item has no text ({looked_for}){where}")


def _rss_item(item: _Element) -> tuple[str, Media, dict[str, str | None]]:
    url = _find_text(item, "link", f"{RSS1}link")
    guid = item.find("guid")
    if not url and guid is not None and guid.get("isPermaLink", "true") != "false":
        url = _text(guid)
    meta = {
        "url": url,
        "title": _find_text(item, "title", f"{RSS1}title"),
        "published": _rfc822_to_iso(_find_text(item, "pubDate")) or _find_text(item, f"{DC}date"),
        "author": _find_text(item, "author", f"{DC}creator"),
    }
    content = _find_text(item, f"{CONTENT}encoded", "description", f"{RSS1}description")
    if content is None:
        raise _no_content(url, "no content:encoded or description")
    media: Media = "html" if looks_like_html(content) else "text"
    return content, media, meta


def _atom_entry(entry: _Element) -> tuple[str, Media, dict[str, str | None]]:
    url = None
    for link in entry.iterfind(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            url = link.get("href")
            break
    authors = [_text(a) for a in entry.iterfind(f"{ATOM}author/{ATOM}name")]
    meta = {
        "url": url,
        "title": _find_text(entry, f"{ATOM}title"),
        "published": _find_text(entry, f"{ATOM}published", f"{ATOM}updated"),
        "author": ", ".join(a.strip() for a in authors if a and a.strip()) or None,
    }
    for tag in (f"{ATOM}content", f"{ATOM}summary"):
        el = entry.find(tag)
        if el is not None and not el.get("src"):
            found = _atom_text(el)
            if found is not None:
                return (*found, meta)
    raise _no_content(url, "no inline content or summary")


def _atom_text(el: _Element) -> tuple[str, Media] | None:
    """Atom's ``type`` attribute says how to read the element (RFC 4287 section 3.1)."""
    kind = (el.get("type") or "text").lower()
    if kind == "xhtml":
        div = el.find("{http://www.w3.org/1999/xhtml}div")
        box = div if div is not None else el
        parts = [etree.tostring(c, encoding="unicode", with_tail=True) for c in box]
        inner = (box.text or "") + "".join(parts)
        return (inner, "html") if inner.strip() else None
    value = _text(el)
    if not value or not value.strip():
        return None
    return value, "html" if kind in ("html", "text/html") else "text"
