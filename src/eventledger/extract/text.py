"""Article body and metadata from an already-scraped plain-text page dump.

A dump keeps the page's furniture as lines: a menu word, a promotion line, the headline,
a caption with its photo credit, a date line, a reprint notice, then the paragraphs, and
after them tags, share prompts and a footer. Each line is classified once from general
cues (``lines``, ``dates``, ``publishers``); the body is the stretch where prose outweighs
furniture, from its first real paragraph to its last.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from eventledger.extract import dates, language, lines, mastheads
from eventledger.extract.cleanup import clean_paragraphs
from eventledger.extract.publishers import (
    dateline_agency,
    is_reprint_notice,
    original_publisher,
    outlet_from_promotion,
)
from eventledger.extract.result import Extraction

logger = logging.getLogger(__name__)

TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
# How much a short non-prose line (subhead, menu entry) counts against the body, per character.
SHORT_LINE_WEIGHT = 0.5
SHORT_SENTENCE_WORDS = 4
# A line of a hard-wrapped paragraph: long, of about the same width as its neighbours,
# yet not the end of a sentence.
_WRAPPED_MIN_CHARS = 45
_WRAP_SPREAD = 30
_SEPARATORS = re.compile(r"[|•·/»›]")
_URL_LINE = re.compile(r"(?<![\w])https?://[^\s/]+\.[^\s]+", re.I)
_BYLINE = re.compile(r"^by\s+\S", re.I)


@dataclass(frozen=True, slots=True)
class Unit:
    """One line (or re-joined paragraph) of the dump and what it looks like."""

    text: str
    kind: str  # prose | date | furniture | other
    date: str | None = None


def _classify(text: str, lang: str | None) -> Unit:
    if lines.is_prose(text):
        return Unit(text, "prose")
    if iso := dates.parse_date_line(text, lang):
        return Unit(text, "date", iso)
    if lines.is_junk(text) or lines.is_caption(text) or is_reprint_notice(text):
        return Unit(text, "furniture")
    return Unit(text, "other")


def _hard_wrapped(rows: list[str]) -> bool:
    """Rows of one paragraph wrapped at a fixed width, rather than separate lines."""
    if len(rows) < 2:
        return False
    widths = [len(r) for r in rows[:-1]]
    return (
        min(widths) >= _WRAPPED_MIN_CHARS
        and max(widths) - min(widths) <= _WRAP_SPREAD
        and not any(lines.ends_sentence(r) for r in rows[:-1])
        and not any(lines.is_caption(r) or lines.is_junk(r) for r in rows)
    )


def units(text: str) -> list[str]:
    """The text's paragraphs: one per line, except hard-wrapped blocks, which are joined."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        rows = [r for r in (lines.normalise(r) for r in block.split("\n")) if r]
        out.extend([" ".join(rows)] if _hard_wrapped(rows) else rows)
    return out


def _weight(unit: Unit) -> float:
    """A unit's vote for being inside the article: prose for, furniture and short lines against."""
    if unit.kind == "prose":
        return len(unit.text)
    if unit.kind == "other":
        if lines.word_count(unit.text) >= SHORT_SENTENCE_WORDS and lines.ends_sentence(unit.text):
            return SHORT_LINE_WEIGHT * len(unit.text)  # a short paragraph: one-sentence ledes exist
        return -SHORT_LINE_WEIGHT * len(unit.text)
    return -len(unit.text)


def _body_span(us: list[Unit]) -> tuple[int, int] | None:
    """First and last unit of the article: the stretch where prose most outweighs the rest.

    The maximum-sum segment of the units' weights (the body-text-extraction idea of Finn,
    Kushmerick and Smyth, 2001, over lines instead of tokens): a caption or subhead inside
    the article costs less than the paragraphs around it gain, while a menu or a list of
    links is a run of negative weight that the body does not cross. Comment, tag and
    author-bio headers end it outright.
    """
    best, span = 0.0, None
    run, run_start = 0.0, 0
    for i, unit in enumerate(us):
        if lines.is_terminator(unit.text):
            run, run_start = 0.0, i + 1
            continue
        run += _weight(unit)
        if run <= 0:
            run, run_start = 0.0, i + 1
        elif run > best:
            best, span = run, (run_start, i)
    if span is None:
        return None
    start, end = span
    # A "paragraph" followed by a date line before the next one was a caption or a teaser.
    firsts = [i for i in range(start, end + 1) if _weight(us[i]) > 0]
    for n, i in enumerate(firsts[:-1]):
        if not any(u.kind == "date" for u in us[i + 1 : firsts[n + 1]]):
            return i, end
    return firsts[-1], end


def _headline_shaped(unit: Unit) -> bool:
    """A few words, no final full stop, not a menu row, caption, promotion, date or notice."""
    # "Headline | Outlet" reads as a breadcrumb to the line classifier; the outlet is split off later.
    suffixed = unit.kind == "furniture" and mastheads.title_suffix(unit.text) is not None
    n = lines.word_count(unit.text)
    if not (unit.kind == "other" or suffixed) or not TITLE_MIN_WORDS <= n <= TITLE_MAX_WORDS:
        return False
    return not (unit.text.endswith(".") or lines.is_list_header(unit.text) or len(_SEPARATORS.findall(unit.text)) >= 2)


def _title(header: list[Unit]) -> str | None:
    """The headline: the longest headline-shaped line above the body.

    A standfirst (deck) directly under the headline is often the longer of the two; when the
    chosen line follows another headline-shaped line with lower-case words (not a row of menu
    words), that line above it is the headline.
    """
    shaped = [i for i, u in enumerate(header) if _headline_shaped(u)]
    if not shaped:
        return None
    best = max(shaped, key=lambda i: (lines.word_count(header[i].text), -i))
    above = best - 1
    if above in shaped and any(w[:1].islower() for w in lines.words(header[above].text)):
        best = above
    return header[best].text


def _metadata(res: Extraction, around: list[Unit]) -> None:
    """Date, publisher and original publisher from the lines around the body."""
    prov = res.provenance
    # The publication date: the first date line that is not an update stamp, else the first;
    # lines under the headline come first (a masthead above it shows today's date).
    at = next((i for i, u in enumerate(around) if u.text == res.title), None) if res.title else None
    ordered = around if at is None else around[at + 1 :] + around[:at]
    dated = [u for u in ordered if u.date]
    if first := next((u for u in dated if not dates.is_update(u.text)), dated[0] if dated else None):
        res.published, prov["published"] = first.date, first.text
    for unit in around:
        if res.original_publisher is None and (found := original_publisher(unit.text)):
            res.original_publisher, prov["original_publisher"] = found
        if res.publisher is None and (found := outlet_from_promotion(unit.text)):
            res.publisher, prov["publisher"] = found


def _is_byline(unit: Unit) -> bool:
    return unit.kind in ("other", "furniture") and bool(_BYLINE.match(unit.text))


def _masthead(res: Extraction, header: list[Unit]) -> None:
    """Publisher from the header's own naming lines when no promotion line named it.

    A site-name line sits beside the date line or byline (or opens the page); a byline may
    name the reporter's outlet, which is the original publisher when it differs from the
    site's (a reprint); a headline may carry the outlet as a suffix; a bare URL line is the
    page's address, whose host names the outlet when nothing else does (``extract_document``).
    """
    prov = res.provenance
    res.url = res.url or next(
        (m.group(0) for u in header if (m := _URL_LINE.search(u.text)) and len(u.text.split()) <= 3), None
    )
    opening = next((i for i, u in enumerate(header) if u.kind != "furniture"), None)
    for i, unit in enumerate(header):
        if res.publisher is not None:
            break
        near = [header[j] for j in (i - 1, i + 1) if 0 <= j < len(header)]
        anchored = i == opening or any(u.kind == "date" or _is_byline(u) for u in near)
        if unit.kind == "other" and unit.text != res.title and anchored and (name := mastheads.site_name(unit.text)):
            res.publisher, prov["publisher"] = name, f"site-name line {unit.text!r}"
    for unit in header:
        if _is_byline(unit) and (found := mastheads.byline_outlet(unit.text)):
            name, phrase = found
            if res.publisher is None:
                res.publisher, prov["publisher"] = name, phrase
            elif name.lower() not in res.publisher.lower() and res.original_publisher is None:
                res.original_publisher, prov["original_publisher"] = name, phrase  # the reporter's outlet
    if res.title and (split := mastheads.title_suffix(res.title)):
        head, name = split
        if res.publisher is None or name == res.publisher:
            if res.publisher is None:
                res.publisher, prov["publisher"] = name, f"headline suffix {res.title!r}"
            res.title, prov["title"] = head, res.title


_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){1,4}(?:is|was|has been)\s+an?\s+(?:[\w-]+\s+){0,4}?"
    r"(?:reporter|correspondent|journalist|editor|writer|columnist|contributor|producer)\b"
)


def _author_bio(paragraph: str, publisher: str | None) -> bool:
    """A closing line about the reporter ("Jane Doe is a senior reporter for the X"), not news.

    Only at the very end, and only when it names the page's own outlet: a report about a
    journalist says the same words of its subject.
    """
    if not publisher or lines.word_count(paragraph) > 40 or not _BIO.match(paragraph):
        return False
    return publisher.lower() in paragraph.lower()


def extract_text(text: str) -> Extraction:
    """Body paragraphs and metadata of a plain-text dump (empty paragraphs: no article found)."""
    lang = language.guess(text)
    us = [_classify(u, lang) for u in units(text)]
    span = _body_span(us)
    if span is None:
        # No sentence-shaped paragraph: keep whatever is not furniture and has a few words.
        kept = [u.text for u in us if u.kind == "other" and lines.word_count(u.text) >= 4]
        return Extraction(clean_paragraphs(kept).paragraphs, language=lang)
    start, end = span
    title = _title(us[:start])
    cleaned = clean_paragraphs([u.text for u in us[start : end + 1]], [title] if title else [])
    res = Extraction(cleaned.paragraphs, title=title)
    if title:
        res.provenance["title"] = title
    _metadata(res, us[:start] + us[end + 1 :])
    _masthead(res, us[:start])
    if res.original_publisher is None and cleaned.original_publisher:
        res.original_publisher, res.provenance["original_publisher"] = cleaned.original_publisher
    if res.original_publisher is None and res.paragraphs:
        wire = dateline_agency(res.paragraphs[0])
        if wire and wire[0] != res.publisher:
            res.original_publisher, res.provenance["original_publisher"] = wire
    if len(res.paragraphs) > 1 and _author_bio(res.paragraphs[-1], res.publisher):
        res.paragraphs = res.paragraphs[:-1]
    res.language = language.guess(" ".join(res.paragraphs)) or lang
    logger.debug("text body: units %d..%d of %d, title %r", start, end, len(us), title)
    return res
