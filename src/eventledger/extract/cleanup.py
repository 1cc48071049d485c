"""Removing the furniture an HTML extractor kept inside an article's paragraphs.

trafilatura finds the article region well but keeps what sits inside it: "Read more:"
links, share and newsletter prompts, contributor credits, a repeated headline, reprint
notices. Each paragraph is judged on its own by the cues in ``lines``; a related-links
or tags header also takes the lines after it, up to the next real paragraph.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventledger.extract import lines
from eventledger.extract.publishers import is_reprint_notice, original_publisher

logger = logging.getLogger(__name__)

HEADLINE_MAX_WORDS = 25
# Share of a headline-shaped line's words found in the title for it to count as a variant.
TITLE_OVERLAP = 0.5
# How many opening paragraphs may repeat the headline (kicker, headline, standfirst).
TITLE_WINDOW = 3


@dataclass(slots=True)
class Cleaned:
    """Kept paragraphs, the reprint source a notice named, and what was dropped (for debugging)."""

    paragraphs: list[str]
    original_publisher: tuple[str, str] | None = None
    dropped: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _headline_shaped(para: str) -> bool:
    """A headline or standfirst: a few words and no sentence punctuation at the end."""
    return 3 <= lines.word_count(para) <= HEADLINE_MAX_WORDS and not re.search(r"[.!?:;,\"”’)\]…]$", para)


def _drop_headlines(paragraphs: list[str], titles: Sequence[str]) -> list[str]:
    """The paragraphs without a repeated headline opening them.

    A paragraph near the top goes when it equals a known title; the first one also when it
    is headline-shaped and shares most of its words with one (pages often show a variant).
    """
    keys = {_key(t) for t in titles if t}
    vocab = set(" ".join(keys).split())
    out = list(paragraphs)
    if len(out) > 1:
        out = [p for i, p in enumerate(out) if i >= TITLE_WINDOW or _key(p) not in keys]
    for _ in range(2):
        if len(out) < 2:
            break
        head = _key(out[0])
        ws = head.split()
        similar = bool(ws) and sum(w in vocab for w in ws) >= TITLE_OVERLAP * len(ws)
        if head in keys or (_headline_shaped(out[0]) and similar):
            logger.debug("dropped opening headline %r", out[0])
            out.pop(0)
        else:
            break
    return out


def clean_paragraphs(paragraphs: Sequence[str], titles: Sequence[str] = ()) -> Cleaned:
    """The paragraphs that are article text, and the reprint source if a notice named one.

    ``titles`` are the page's known headlines (title tag, og:title, JSON-LD headline).
    """
    out = Cleaned([])
    in_list = False
    for raw in paragraphs:
        para = lines.strip_suffixes(lines.normalise(raw))
        if not para:
            continue
        if in_list and not lines.is_prose(para):
            out.dropped.append(para)
            continue
        in_list = False
        if is_reprint_notice(para):
            out.original_publisher = out.original_publisher or original_publisher(para)
            out.dropped.append(para)
            continue
        if lines.is_list_header(para):
            in_list = True
            out.dropped.append(para)
            continue
        if lines.is_junk(para) or (lines.is_caption(para) and not lines.is_prose(para, 25)):
            out.dropped.append(para)
            continue
        out.paragraphs.append(para)
    out.paragraphs = _drop_headlines(out.paragraphs, titles)
    if out.dropped:
        logger.debug("dropped %d furniture lines: %r", len(out.dropped), out.dropped[:5])
    return out
