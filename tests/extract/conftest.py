"""Invented pages shared by the extract tests (no real article text)."""

from __future__ import annotations

import hashlib

import pytest

from eventledger.model import RawDocument

PARAGRAPHS = [
    "The Saltmarsh ferry returned to service on Monday after a storm kept the harbour closed "
    "for three days, the port authority said in a statement.",
    "Engineers inspected the landing ramps on Sunday and found only minor damage to the "
    "railings, which crews repaired overnight before the first crossing at dawn.",
    "Read more: Council approves new ferry timetable",
    "Commuters who had been driving the long coastal road said the closure added almost two "
    "hours to their journeys, and several businesses on the island reported lost trade.",
    "The authority said it would review its storm procedures before the winter season and "
    "publish the findings at the next public meeting in the town hall.",
]


def page(body_html: str, head: str = "", lang: str = "en") -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><title>Ferry back in service after storm | Harbor Post</title>{head}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
{body_html}
<footer><p>© 2021 Harbor Post Media. All rights reserved.</p></footer>
</body></html>"""


ARTICLE_HTML = page(
    """<article>
<h1>Ferry back in service after storm</h1>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<p class="byline">By Dana Wells</p>
"""
    + "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + """
<div class="newsletter"><p>Sign up for our morning newsletter to get the headlines in your inbox.</p></div>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Bridge repairs to start in spring</a></li>
<li><a href="/b">Island school wins sailing cup</a></li></ul></aside>
</article>""",
    head="""<meta property="og:site_name" content="Harbor Post">
<meta property="article:published_time" content="2021-03-08T09:30:00Z">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry back in service after storm",
 "datePublished": "2021-03-08", "publisher": {"@type": "Organization", "name": "Harbor Post"}}</script>""",
)

DUMP = "\n".join(
    [
        "Menu",
        "Join our official HPN Telegram channel for instant alerts!",
        "  •  ",
        "",
        "Ferry back in service after three-day storm closure",
        "",
        "Passengers queue at the Saltmarsh landing (Dana Wells/Harbor Post)",
        "March 08, 2021",
        "",
        "This story was originally published by The Coastal Ledger and appears here with consent.",
        "",
        *[p for p in PARAGRAPHS if not p.startswith("Read more")],
        "",
        "Tags: ferries, storms",
        "Share this:",
        "© 2021 HPN",
    ]
)


def raw_of(content: str, media: str = "html", meta: dict[str, str] | None = None) -> RawDocument:
    data = content.encode("utf-8")
    return RawDocument(
        sha256=hashlib.sha256(data).hexdigest(),
        source="test://page",
        format=media,
        data=data,
        content=content,
        media=media,  # type: ignore[arg-type]
        meta=meta or {},
    )


@pytest.fixture
def paragraphs() -> list[str]:
    return list(PARAGRAPHS)


@pytest.fixture
def make_raw():
    return raw_of


@pytest.fixture
def article_html() -> str:
    return ARTICLE_HTML


@pytest.fixture
def dump_text() -> str:
    return DUMP
