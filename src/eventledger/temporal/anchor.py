"""The resolution context: document date, tense, and the last dates the text mentioned.

Why: TimeML resolves deictic expressions ("yesterday", "last week") against the document
creation time and anaphoric ones ("two days later", "the next day", "that week") against
the reference time the narrative has reached, i.e. the last explicit date at that
granularity. Choosing among several occurrences of a named period ("Tuesday", "October",
"the third quarter") follows the tense of the clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from eventledger.temporal.calendar import parse_iso
from eventledger.temporal.tense import TenseFn
from eventledger.temporal.vocab import vocab

Period = tuple[str, date, date]
FAR_DAYS = 200
NEAR_DAYS = 92  # (TIMEX3 value, first day, last day)


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a handler makes of a match: TIMEX3 type and value, and a part-of-period mod."""

    type: str
    value: str
    mod: str | None = None


@dataclass(slots=True)
class Context:
    text: str
    dct: date | None
    tense: TenseFn
    last_day: date | None = None
    last_month: date | None = None
    last_year: int | None = None
    last_value: str | None = None
    narrative_year: int | None = None
    narrative: bool = False
    last_report_day: date | None = None  # the day of the last statement ("told X on Tuesday")

    def day_anchor(self) -> date | None:
        return self.last_day or self.dct

    def month_anchor(self) -> date | None:
        return self.last_month or self.last_day or self.dct

    def year_anchor(self) -> int | None:
        if self.last_year is not None:
            return self.last_year
        return self.dct.year if self.dct else None

    def remember(self, value: str) -> None:
        """Move the narrative reference time to a concrete DATE/TIME value just resolved."""
        self.last_value = value
        ym = re.match(r"^(\d{4})", value)
        if ym and self.dct is not None and self.narrative:
            # A story told about a past year (history, a trial, a war) sets its own reference
            # year; a date near the document date hands the reference back to the DCT.
            y = int(ym[1])
            self.narrative_year = y if y <= self.dct.year - 2 else None
        d = parse_iso(value)
        if d is not None:
            self.last_day, self.last_month, self.last_year = d, d.replace(day=1), d.year
            return
        if m := re.match(r"^(\d{4})-(\d{2})$", value):
            self.last_month = date(int(m[1]), int(m[2]), 1)
            self.last_year = int(m[1])
            self.last_day = None
        elif m := re.match(r"^(\d{4})(?:-(?:Q\d|H\d|SP|SU|FA|WI))?$", value):
            self.last_year = int(m[1])


_IRREGULAR_REPORTING = {"say": ("said", "says"), "tell": ("told", "tells"), "write": ("wrote", "writes")}


@lru_cache(maxsize=1)
def _reporting_tail() -> re.Pattern[str]:
    """A reporting verb a few words before a position ("told the agency Tuesday", "said on")."""
    forms: set[str] = set()
    for lemma in vocab()["reporting_verbs"]:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, lemma + "s", stem + "ed", *_IRREGULAR_REPORTING.get(lemma, ())}
        if lemma.endswith("y"):
            forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    words = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b(?:\s+[\w'’.-]+){{0,5}}?\s+(?:on\s+|at\s+)?$", re.I)


def follows_reporting_verb(text: str, start: int) -> bool:
    """Whether the expression at ``start`` times a statement rather than the reported act.

    "confirmed to the agency the same day" refers back to the day of the previous statement,
    not to whatever date the quoted account last mentioned.
    """
    return bool(_reporting_tail().search(text[max(0, start - 60) : start]))


def choose(periods: Iterable[Period], ref: date, mode: str | None, near_switch: bool = True) -> str | None:
    """Pick one occurrence of a recurring period relative to ``ref``.

    ``past``: the latest that has begun by ``ref`` (but a past clause does not send a yearless
    date most of a year back, into the previous year, when one lies within three months ahead:
    news drops the year only for dates near the document date, and deadlines are often reported
    in the past tense; within the document's own year the past reading stands);
    ``future``: the earliest not yet over;
    ``last``/``next``: strictly before/after the one holding ``ref``; otherwise the one
    holding ``ref`` or else the nearest (ties go to the past, the usual case in news).
    """
    ps = sorted(periods, key=lambda p: p[1])
    if not ps:
        return None
    pick: Period | None = None
    if mode == "past":
        pick = max((p for p in ps if p[1] <= ref), key=lambda p: p[1], default=None)
        ahead = min((p for p in ps if p[1] > ref), key=lambda p: p[1], default=None)
        if (
            near_switch
            and pick
            and ahead
            and pick[1].year < ref.year  # a same-year past date needs no year to be read right
            and (ref - pick[2]).days > FAR_DAYS
            and (ahead[1] - ref).days <= NEAR_DAYS
        ):
            pick = ahead
    elif mode == "future":
        pick = min((p for p in ps if p[2] >= ref), key=lambda p: p[1], default=None)
    elif mode == "last":
        pick = max((p for p in ps if p[2] < ref), key=lambda p: p[1], default=None)
    elif mode == "next":
        pick = min((p for p in ps if p[1] > ref), key=lambda p: p[1], default=None)
    if pick is None:
        holding = [p for p in ps if p[1] <= ref <= p[2]]
        if holding:
            pick = holding[0]
        else:

            def dist(p: Period) -> tuple[int, int]:
                gap = (p[1] - ref).days if p[1] > ref else (ref - p[2]).days
                return gap, 0 if p[2] < ref else 1

            pick = min(ps, key=dist)
    return pick[0]


_DEADLINE = re.compile(r"\b(?:by|until|till|before|through|due)\s+(?:the\s+|early\s+|late\s+|mid-?)?$", re.I)


def narrative_pick(ctx: Context, make: Callable[[int], Period | None]) -> str | None:
    """In a story about a past year, a yearless date is the next such one from the reference
    time ("In June 1940 ... in August" -> 1940-08), or that year's when only the year is known."""
    y = ctx.narrative_year
    if y is None:
        return None
    ref = ctx.last_day or ctx.last_month
    if ref is None or ref.year != y:
        p = make(y)
        return p[0] if p else None
    later = [p for p in occurrences(make, y) if p[2] >= ref]
    return min(later, key=lambda p: p[1])[0] if later else None


def tense_mode(ctx: Context, start: int, end: int) -> str | None:
    """Tense as "past"/"future" from the clause, or None (nearest occurrence).

    A deadline ("by Jan. 14", "until Tuesday") is measured forward from the clause's own time,
    so its tense says little about the date: the nearest occurrence is the safer reading.
    """
    if _DEADLINE.search(ctx.text[max(0, start - 20) : start]):
        return None
    t = ctx.tense(start, end)
    return t if t in ("past", "future") else None


def occurrences(make: Callable[[int], Period | None], around: int) -> list[Period]:
    """The period built for each year from ``around``-2 to ``around``+2 (skipping invalid ones)."""
    out = []
    for y in range(around - 2, around + 3):
        try:
            p = make(y)
        except (ValueError, OverflowError):  # year 0 or 10000 around an extreme anchor
            continue
        if p is not None:
            out.append(p)
    return out
