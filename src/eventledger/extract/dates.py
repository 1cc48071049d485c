"""Reading a publication date from a short line of a page ("December 3, 2020", "Posted on 03/12/2020").

English month names are matched by a fast pattern; other languages and layouts go to
dateparser, but only for short lines that carry a year, since dateparser is slow and eager
(it reads a date into almost any text).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_ENGLISH = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}-(?P<nmonth>\d{{1,2}})-(?P<day>\d{{1,2}})\b"),
)
_HAS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_NUMBER = re.compile(r"\d+")
_MONTH_WORD = re.compile(_MONTH, re.IGNORECASE)
# Words that may stand around a date on a date line without making it a sentence.
_PREFIX = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published|date|dated|on|at|am|le|el|em|vom|"
    r"publicado|publié|veröffentlicht|pubblicato)\b[\s:,]*)+",
    re.IGNORECASE,
)
MAX_DATE_LINE_WORDS = 10


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_PART_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_UPDATE = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|edited|revised)\b", re.IGNORECASE)


def is_update(line: str) -> bool:
    """A line (or part) dating the last edit, not the publication ("Updated: May 5, 2022")."""
    return _UPDATE.match(line) is not None


@lru_cache(maxsize=4096)
def parse_date_line(line: str, lang: str | None = None) -> str | None:
    """The ISO date a short date line states, or None when the line is not a date line.

    A line with several dated parts ("Published: 4 May 2022 | Updated: 5 May 2022") gives
    the publication, not the update. ``lang`` (ISO 639-1), when known, limits dateparser to
    that language and English: trying all its languages on every short line of a page dump
    is slow and finds dates in words that are none.
    """
    parts = _PART_SEPARATOR.split(line)
    if len(parts) > 1:
        found = [(is_update(p), iso) for p in parts if (iso := _parse_part(p, lang))]
        return min(found, key=lambda f: f[0])[1] if found else None
    return _parse_part(line, lang)


def _parse_part(line: str, lang: str | None) -> str | None:
    if len(line.split()) > MAX_DATE_LINE_WORDS or not _HAS_YEAR.search(line):
        return None
    if len(_NUMBER.findall(line)) < 2 and not _MONTH_WORD.search(line):
        return None  # a year alone ("Election 2020") is no date
    for pat in _ENGLISH:
        m = pat.search(line)
        if m:
            month = int(m.group("nmonth")) if "nmonth" in m.groupdict() else _MONTHS[m.group("month").lower()]
            return _iso(int(m.group("year")), month, int(m.group("day")))
    return _parse_other(line, lang)


def _parse_other(line: str, lang: str | None) -> str | None:
    import dateparser  # deferred: costs about a second to import

    text = _PREFIX.sub("", line).strip(" |-–—•·")
    if not text or len(re.findall(r"[^\W\d_]{4,}", text)) > 4:
        return None
    parsed = dateparser.parse(
        text,
        languages=sorted({lang, "en"}) if lang else None,
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
    )
    return parsed.date().isoformat() if parsed else None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")


def from_url(url: str | None) -> str | None:
    """The date in an article address ("/2021/03/08/slug"), which many news sites carry."""
    m = _URL_DATE.search(url or "")
    return _iso(int(m[1]), int(m[2]), int(m[3])) if m else None
