"""Checks at the edge where outside data becomes a record: a bad value is dropped with a warning.

``published`` comes from page metadata, feeds and JSON records, i.e. from whoever wrote the
file. It is used as the document creation time (relative dates are read against it) and by
incident linking, so a value that is not a real date, or one far outside the range of news
reports ("9999-12-31T99:99:99Z", "2023-02-30", "garbage-da"), becomes unknown (None) and a
warning is logged; it is never stored cut or as written.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from datetime import UTC, date, datetime, timedelta

from eventledger.errors import CorruptInput
from eventledger.model import Document, RawDocument

logger = logging.getLogger(__name__)

EARLIEST = date(1800, 1, 1)
LATEST_AHEAD = timedelta(days=366)  # time zones, embargoes and scheduled posts, not year 9999
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DATE_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def is_date_prefix(value: str) -> bool:
    """Whether ``value`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and on the calendar.

    Filters and corrections take these prefixes; a pattern alone lets ``2025-13-01`` and
    ``2025-02-30`` through, and a filter on them would silently match nothing.
    """
    if not _DATE_PREFIX.fullmatch(value):
        return False
    try:
        date.fromisoformat(value + "-01-01"[len(value) - 4 :])
    except ValueError:
        return False
    return True


def check_published(value: str | None) -> tuple[str | None, str | None]:
    """(the value if it is a real ISO date or timestamp in range, else None; a one-line warning or None)."""
    if value is None or not str(value).strip():
        return None, None
    text = str(value).strip()
    shown = text[:40].encode("unicode_escape").decode("ascii")
    if not _DATE.match(text):
        return None, f"published {shown!r} is not an ISO date; stored as unknown"
    try:
        day = datetime.fromisoformat(text).date() if len(text) > 10 else date.fromisoformat(text)
    except ValueError:
        try:  # a valid day with an unreadable time part keeps the day
            day = date.fromisoformat(text[:10])
        except ValueError:
            return None, f"published {shown!r} is not a real date; stored as unknown"
        if len(text) > 10 and not re.match(r"^[T ]\d{2}:\d{2}", text[10:]):
            return None, f"published {shown!r} is not an ISO date; stored as unknown"
        if len(text) > 10:
            return None, f"published {shown!r} has an impossible time; stored as unknown"
    latest = datetime.now(UTC).date() + LATEST_AHEAD
    if not EARLIEST <= day <= latest:
        return None, f"published {shown!r} is outside {EARLIEST.isoformat()}..{latest.isoformat()}; stored as unknown"
    return text, None  # valid: kept as written (a date, or a timestamp whose date is in range)


def checked_document(doc: Document) -> Document:
    """The document with its published date checked (None plus a logged warning when bad)."""
    published, warning = check_published(doc.published)
    if warning is None and published == doc.published:
        return doc
    if warning:
        logger.warning("%s: %s", doc.source.encode("unicode_escape").decode("ascii"), warning)
        provenance = {**doc.provenance, "published_rejected": warning}
        return dataclasses.replace(doc, published=published, provenance=provenance)
    return dataclasses.replace(doc, published=published)


MAX_ELEMENTS = 200_000  # a heavy news page has a few tens of thousands; 1M tiny ones took 63 s and 1.6 GB


def check_page(raw: RawDocument) -> None:
    """Refuse, with one line, an HTML page with more elements than any article page has."""
    if raw.media != "html":
        return
    tags = raw.content.count("<")
    if tags > MAX_ELEMENTS:
        raise CorruptInput(
            f"the page has about {tags:,} tags, over the limit of {MAX_ELEMENTS:,} for an article page; not extracted"
        )
