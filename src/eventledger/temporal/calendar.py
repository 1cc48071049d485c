"""Date arithmetic and the TIMEX3 value -> inclusive interval mapping.

Why its own module: both the tagger (resolving "last month" against an anchor) and event
dating (turning "2020-W48" into start/end days) need the same calendar rules, and they are
pure functions of their inputs (no clock is read: the anchor is always passed in).
Seasons are meteorological (winter = December of the year named to February), the usual
reading in news; "early/mid/late" split a month into days 1-10, 11-20, 21-end and a year
into thirds.
"""

from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta

from eventledger.model import TimeInterval
from eventledger.temporal.vocab import vocab

_YMD = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_YM = re.compile(r"^(\d{4})-(\d{2})$")
_YW = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_YQ = re.compile(r"^(\d{4})-Q([1-4])$")
_YH = re.compile(r"^(\d{4})-H([12])$")
_YS = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_Y = re.compile(r"^(\d{4})$")
_DEC = re.compile(r"^(\d{3})X?$")
_CENT = re.compile(r"^(\d{2})$")


def parse_iso(s: str | None) -> date | None:
    """``YYYY-MM-DD`` (extra time part ignored) -> date, or None for anything else."""
    if not s:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def month_end(y: int, m: int) -> date:
    return date(y, m, _cal.monthrange(y, m)[1])


def add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    return date(y, m + 1, min(d.day, _cal.monthrange(y, m + 1)[1]))


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def season_of(d: date) -> tuple[int, str]:
    """(year as TIMEX3 names it, season code); January of 2021 is in 2020-WI."""
    for code, (a, b) in vocab()["season_months"].items():
        if a <= b and a <= d.month <= b:
            return d.year, code
    return (d.year - 1 if d.month <= 2 else d.year), "WI"


def season_bounds(y: int, code: str) -> tuple[date, date]:
    a, b = vocab()["season_months"][code]
    if a <= b:
        return date(y, a, 1), month_end(y, b)
    return date(y, a, 1), month_end(y + 1, b)


def nth_weekday(y: int, m: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 = last) ISO weekday of a month, for holidays such as Thanksgiving."""
    if nth > 0:
        d = date(y, m, 1)
        d += timedelta(days=(weekday - d.isoweekday()) % 7)
        return d + timedelta(weeks=nth - 1)
    d = month_end(y, m)
    return d - timedelta(days=(d.isoweekday() - weekday) % 7)


def _narrow(start: date, end: date, mod: str | None) -> tuple[date, date]:
    """Part-of-period modifiers: START/MID/END keep a third of the period (10 days of a month).

    A part of a whole year is the exception: "late 2020" has no agreed edges (some read the
    last quarter, some the second half), so the interval stays the year, at year precision,
    rather than inventing a boundary the text does not state.
    """
    if not mod or mod not in ("START", "MID", "END"):
        return start, end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return start, end
    if start.day == 1 and end == month_end(start.year, start.month) and start.month == end.month:
        cuts = {"START": (1, 10), "MID": (11, 20), "END": (21, end.day)}[mod]
        return start.replace(day=cuts[0]), start.replace(day=cuts[1])
    days = (end - start).days + 1
    third = days // 3
    if mod == "START":
        return start, start + timedelta(days=third - 1)
    if mod == "MID":
        return start + timedelta(days=third), end - timedelta(days=third)
    return end - timedelta(days=third - 1), end


def interval_of(value: str, dct: date | None, mod: str | None = None) -> TimeInterval:
    """The inclusive ISO-date interval and precision a TIMEX3 DATE/TIME value denotes."""
    v = value.strip()
    bounds: tuple[date, date] | None = None
    precision = "unknown"
    try:
        if m := _YMD.match(v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            bounds, precision = (d, d), "day"
        elif m := _YM.match(v):
            y, mo = int(m[1]), int(m[2])
            bounds, precision = (date(y, mo, 1), month_end(y, mo)), "month"
        elif m := _YW.match(v):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            bounds = (start, start + timedelta(days=6))
            if m[3]:
                bounds = (start + timedelta(days=5), start + timedelta(days=6))
            precision = "week"
        elif m := _YQ.match(v):
            y, q = int(m[1]), int(m[2])
            bounds, precision = (date(y, 3 * q - 2, 1), month_end(y, 3 * q)), "quarter"
        elif m := _YH.match(v):
            y, h = int(m[1]), int(m[2])
            bounds, precision = (date(y, 6 * h - 5, 1), month_end(y, 6 * h)), "quarter"
        elif m := _YS.match(v):
            bounds, precision = season_bounds(int(m[1]), m[2]), "season"
        elif m := _Y.match(v):
            y = int(m[1])
            bounds, precision = (date(y, 1, 1), date(y, 12, 31)), "year"
        elif m := _DEC.match(v):
            y = int(m[1]) * 10
            bounds, precision = (date(max(y, 1), 1, 1), date(y + 9, 12, 31)), "decade"
        elif m := _CENT.match(v):
            y = int(m[1]) * 100
            bounds = (date(max(y, 1), 1, 1), date(y + 99, 12, 31))
    except ValueError:
        bounds = None
    if bounds is not None:
        start, end = _narrow(*bounds, mod)
        return TimeInterval(start.isoformat(), end.isoformat(), precision, value)
    anchor = dct.isoformat() if dct else None
    if v == "PRESENT_REF":
        return TimeInterval(anchor, anchor, "day" if anchor else "unknown", value)
    if v == "PAST_REF":
        return TimeInterval(None, anchor, "unknown", value)
    if v == "FUTURE_REF":
        return TimeInterval(anchor, None, "unknown", value)
    return TimeInterval(None, None, "unknown", value)
