"""What a page says about itself in its markup: outlet name, language, JSON-LD article body.

trafilatura reads titles and dates well but its site name is one guess among several and it
does not keep the phrase it read; here each value comes with the markup it was read from,
for ``Document.provenance``. Order of trust: JSON-LD publisher (the publisher's own structured
data), ``og:site_name``, ``<meta name=publisher|application-name>``, a copyright footer.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import ParserError
from lxml.html import HtmlElement, fragment_fromstring

from eventledger.extract.publishers import outlet_from_promotion

logger = logging.getLogger(__name__)

_COPYRIGHT = re.compile(r"(?:©|&copy;|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[^\n]{0,80}", re.I)


_DATE_KEY = re.compile(r"date|time|published|created|issued", re.I)
_TAGLINE = re.compile(r"\s+[|–—:-]\s+|(?<=\w):\s+")


@dataclass(slots=True)
class PageMeta:
    """Values read from markup, each with the phrase it was read from."""

    publisher: tuple[str, str] | None = None
    language: tuple[str, str] | None = None
    article_body: str | None = None
    headline: str | None = None
    dates: list[tuple[str, str]] = field(default_factory=list)  # (value, markup), page order
    bylines: list[tuple[str, str]] = field(default_factory=list)  # (byline text, markup), page order

    def date_phrase(self, iso: str) -> str | None:
        """The markup stating ``iso`` (a date found by htmldate), when the page has one."""
        return next((phrase for value, phrase in self.dates if value.startswith(iso)), None)


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def _jsonld(tree: HtmlElement) -> list[dict[str, Any]]:
    objs: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        objs.extend(_walk(data))
    return objs


def tidy_name(name: str) -> str | None:
    """An outlet name without entities, a leading "@" handle mark or a tagline.

    ``og:site_name`` is sometimes "Site | Section | Section" or "Site - the best news";
    the outlet is the first part.
    """
    name = html.unescape(name).strip().lstrip("@").strip()
    name = _TAGLINE.split(name)[0].strip()
    return name or None


def _text_of(body: str) -> str:
    """A JSON-LD articleBody as plain text, one paragraph a line (some sites put HTML in it)."""
    body = html.unescape(body)
    if "<" not in body:
        return body
    try:
        frag = fragment_fromstring(body, create_parent="div")
    except (ParserError, ValueError):
        return body
    blocks = [" ".join(el.text_content().split()) for el in frag.iter("p", "h2", "h3", "li", "blockquote")]
    return "\n".join(b for b in blocks if b) or frag.text_content()


def _name_of(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    elif isinstance(value, list) and value:
        return _name_of(value[0])
    return tidy_name(value) if isinstance(value, str) else None


def _meta(tree: HtmlElement, attr: str, value: str) -> tuple[str, str] | None:
    for el in tree.iterfind(f".//meta[@{attr}='{value}']"):
        content = (el.get("content") or "").strip()
        if content:
            return content, f'<meta {attr}="{value}" content="{content}">'
    return None


def _copyright_owner(tree: HtmlElement) -> tuple[str, str] | None:
    """The owner named in a "© 2019 X" footer line, the last one on the page."""
    for el in reversed(tree.xpath("//footer | //*[contains(@class, 'footer') or contains(@id, 'footer')]")):
        for m in _COPYRIGHT.finditer(el.text_content()):
            found = outlet_from_promotion(m.group(0).strip())
            if found:
                return found
    return None


_BYLINE_XPATH = "//*[contains(@class, 'byline') or contains(@class, 'author') or @rel='author' or @itemprop='author']"


def _bylines(tree: HtmlElement, objs: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Byline texts: an organisation as JSON-LD author, ``<meta name=author>``, byline elements.

    A reprint names its source there ("By Jane Doe, Associated Press"); ``html`` compares
    the outlet with the publisher.
    """
    out: list[tuple[str, str]] = []
    for obj in objs:
        for author in obj.get("author") or [] if isinstance(obj.get("author"), list) else [obj.get("author")]:
            if isinstance(author, dict) and author.get("@type") in ("Organization", "NewsMediaOrganization"):
                if name := _name_of(author):
                    out.append((f"By {name}", f'JSON-LD author "{name}"'))
    if found := _meta(tree, "name", "author"):
        out.append((found[0] if found[0].lower().startswith("by ") else f"By {found[0]}", found[1]))
    for el in tree.xpath(_BYLINE_XPATH)[:5]:
        text = " ".join(el.text_content().split())
        if text and len(text.split()) <= 15:
            out.append((text if text.lower().startswith("by ") else f"By {text}", f"byline {text!r}"))
    return out


def read(tree: HtmlElement) -> PageMeta:
    """Publisher, declared language and JSON-LD article body of a parsed page."""
    meta = PageMeta()
    bodies: list[str] = []
    objs = _jsonld(tree)
    for obj in objs:
        if meta.publisher is None and "publisher" in obj:
            name = _name_of(obj["publisher"])
            if name:
                meta.publisher = (name, f'JSON-LD publisher.name "{name}"')
        body = obj.get("articleBody")
        if isinstance(body, str):
            bodies.append(_text_of(body))
        for key in ("datePublished", "dateCreated"):
            if isinstance(obj.get(key), str):
                meta.dates.append((obj[key].strip(), f'JSON-LD {key} "{obj[key].strip()}"'))
        if meta.headline is None and isinstance(obj.get("headline"), str):
            meta.headline = html.unescape(obj["headline"]).strip() or None
    if bodies:
        meta.article_body = max(bodies, key=len)
    for attr, value in (("property", "og:site_name"), ("name", "publisher"), ("name", "application-name")):
        found = meta.publisher is None and _meta(tree, attr, value)
        if found and (name := tidy_name(found[0])):
            meta.publisher = (name, found[1])
    meta.publisher = meta.publisher or _copyright_owner(tree)
    for el in tree.iterfind(".//meta[@content]"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or ""
        if _DATE_KEY.search(key):
            meta.dates.append((el.get("content", "").strip(), f'<meta {key}="{el.get("content", "").strip()}">'))
    for el in tree.iterfind(".//time[@datetime]"):
        meta.dates.append((el.get("datetime", "").strip(), f'<time datetime="{el.get("datetime", "").strip()}">'))
    meta.bylines = _bylines(tree, objs)
    lang = tree.get("lang") or tree.get("xml:lang")
    if lang:
        meta.language = (lang, f'<html lang="{lang}">')
    else:
        meta.language = _meta(tree, "http-equiv", "content-language") or _meta(tree, "property", "og:locale")
    logger.debug("page meta: publisher=%s language=%s", meta.publisher, meta.language)
    return meta
