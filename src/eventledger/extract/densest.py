"""A readability-style second opinion: the element holding the most paragraph text.

trafilatura sometimes stops early inside a long article body (an embed or widget between
paragraphs ends its region). The parent element whose own ``<p>`` children carry the most
text, links discounted, is a cheap and robust estimate of where the article is; ``html``
compares it with trafilatura's result and keeps it only when it is much longer and
contains what trafilatura found.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml.html import HtmlElement

_BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "pre"}
_SKIP = re.compile(r"\b(related|share|social|newsletter|promo|advert|ad-|ads\b|comment|footer|sidebar|caption)", re.I)
# A paragraph mostly made of link text is navigation, not prose.
MAX_LINK_SHARE = 0.5


def _text(el: HtmlElement) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def _prose_chars(p: HtmlElement) -> int:
    text = _text(p)
    if not text:
        return 0
    links = sum(len(_text(a)) for a in p.iterfind(".//a"))
    return 0 if links > MAX_LINK_SHARE * len(text) else len(text)


def densest_paragraphs(tree: HtmlElement) -> list[str]:
    """Paragraph texts of the element whose child paragraphs hold the most prose."""
    weight: dict[HtmlElement, int] = defaultdict(int)
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None:
            weight[parent] += _prose_chars(p)
    if not weight:
        return []
    best = max(weight, key=lambda el: weight[el])
    # Long articles are often cut into sibling chunks of one kind (ads between them):
    # every element with the best one's tag and class is part of the body.
    kind = (best.tag, best.get("class"))
    chunks = [el for el in weight if (el.tag, el.get("class")) == kind] if kind[1] else [best]
    out: list[str] = []
    for chunk in chunks:  # document order: weight was filled in it
        for child in chunk.iterchildren():
            if not isinstance(child.tag, str) or child.tag not in _BLOCKS:
                continue
            if _SKIP.search(f"{child.get('class', '')} {child.get('id', '')}"):
                continue
            if child.tag in ("ul", "ol"):
                out.extend(t for li in child.iterfind("li") if (t := _text(li)))
            elif text := _text(child):
                out.append(text)
    return out
