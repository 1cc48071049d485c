"""Handlers for calendar dates: explicit dates, months, years, seasons, quarters, holidays.

Each handler takes a regex match and the Context and returns a Resolved or None (refusing
the match). A date without its year ("Sept. 30", "October", "the third quarter") takes the
occurrence the clause's tense points to (see ``anchor.choose``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventledger.temporal.anchor import (
    Context,
    Period,
    Resolved,
    choose,
    narrative_pick,
    occurrences,
    tense_mode,
)
from eventledger.temporal.calendar import (
    add_months,
    month_end,
    nth_weekday,
    quarter_of,
    safe_date,
    season_bounds,
)
from eventledger.temporal.numbers import number_value
from eventledger.temporal.vocab import month_number, vocab, weekday_number

_PREP_BEFORE_MONTH = re.compile(
    r"\b(?:in|of|since|until|till|by|early|late|mid|last|next|this|during|from|through|before|after|"
    r"end|start|beginning|middle|between|and|or|to|on|as\s+of)[\s-]*$",
    re.I,
)


_COUNT_AFTER = re.compile(
    r"\s*(?:%|(?:percent|per\s+cent|people|troops|soldiers|workers|jobs|shares|units|cars|tons|acres|"
    r"feet|meters|metres|miles|yards|employees|members|votes|points|pounds|dollars|barrels)\b)",
    re.I,
)


def _year(s: str) -> int:
    y = int(s)
    if len(s) == 2:
        y += 1900 if y > 30 else 2000
    return y


def _day(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _month(s: str) -> int | None:
    return int(s) if s.isdigit() else month_number(s)


def ymd(m: re.Match[str], ctx: Context) -> Resolved | None:
    mo = _month(m["month"])
    d = safe_date(_year(m["year"]), mo or 0, _day(m["day"])) if mo else None
    if d is None:
        return None
    if m.groupdict().get("hour"):
        return Resolved("TIME", f"{d.isoformat()}T{m['hour']}:{m['minute']}")
    return Resolved("DATE", d.isoformat())


def md(m: re.Match[str], ctx: Context) -> Resolved | None:
    mo, day = _month(m["month"]), _day(m["day"])
    if not mo or not 1 <= day <= 31 or (m["month"].rstrip(".").isalpha() and not _month_word_ok(m, ctx)):
        return None
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{mo:02d}-{day:02d}")

    def make(y: int) -> Period | None:
        d = safe_date(y, mo, day)
        return (d.isoformat(), d, d) if d else None

    wd = weekday_number(m["wd"]) if m["wd"] else None
    if wd is not None:
        # "Monday, Oct. 26": the weekday names the year (the nearest one it fits).
        fits = [p for p in occurrences(make, ctx.dct.year) if p[1].isoweekday() == wd]
        if fits:
            return Resolved("DATE", choose(fits, ctx.dct, None) or fits[0][0])
    value = narrative_pick(ctx, make) or choose(
        occurrences(make, ctx.dct.year), ctx.dct, tense_mode(ctx, m.start(), m.end())
    )
    return Resolved("DATE", value) if value else None


def _month_word_ok(m: re.Match[str], ctx: Context) -> bool:
    """Short abbreviations need their dot ("Jan." not "Jan"); "May" alone needs a cue word."""
    word = m["month"]
    bare = word.rstrip(".")
    if len(bare) <= 4 and not word.endswith(".") and bare.lower() not in ("may", "june", "july"):
        return False
    return True


def my(m: re.Match[str], ctx: Context) -> Resolved | None:
    mo = _month(m["month"])
    if not mo or not _month_word_ok(m, ctx):
        return None
    rel = (m.groupdict().get("relyear") or "").lower()
    if rel:
        base = ctx.year_anchor() if rel == "that" else (ctx.dct.year if ctx.dct else None)
        if base is None:
            return Resolved("DATE", f"XXXX-{mo:02d}")
        return Resolved("DATE", f"{base + {'last': -1, 'next': 1}.get(rel, 0)}-{mo:02d}")
    return Resolved("DATE", f"{_year(m['year'])}-{mo:02d}")


def month(m: re.Match[str], ctx: Context) -> Resolved | None:
    mo = _month(m["month"])
    if not mo or not _month_word_ok(m, ctx):
        return None
    rel = (m["rel"] or "").lower()
    if m["month"].lower() in vocab()["ambiguous_months"] and not rel:
        if not _PREP_BEFORE_MONTH.search(ctx.text[max(0, m.start() - 20) : m.start()]):
            return None
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{mo:02d}")

    def make(y: int) -> Period:
        return f"{y}-{mo:02d}", date(y, mo, 1), month_end(y, mo)

    mode = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next"}.get(rel)
    if rel == "this":
        return Resolved("DATE", f"{ctx.dct.year}-{mo:02d}")
    elif not rel:
        mode = tense_mode(ctx, m.start(), m.end())
        if value := narrative_pick(ctx, make):
            return Resolved("DATE", value)
    value = choose(occurrences(make, ctx.dct.year), ctx.dct, mode)
    return Resolved("DATE", value) if value else None


def year(m: re.Match[str], ctx: Context) -> Resolved | None:
    y = int(m["year"])
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if re.search(r"(?:[$£€#]|\bNo\.|\bno\.|\bnumber|\bflight|\broute|\broom|\bHR|\bS\.)\s*$", before, re.I):
        return None
    after = ctx.text[m.end() : m.end() + 16]
    if not m["fiscal"] and _COUNT_AFTER.match(after):
        return None
    if ctx.dct is not None and y > ctx.dct.year + 60:
        return None
    return Resolved("DATE", str(y))


_SPOKEN_TENS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m.groupdict().get("word"):
        return Resolved("DATE", f"19{_SPOKEN_TENS[m['word'].lower()]}")
    if m["cent"]:
        return Resolved("DATE", f"{m['cent']}{m['dec']}")
    if m["dec2"]:
        century = 19 if ctx.dct is None or int(m["dec2"]) * 10 > ctx.dct.year % 100 else ctx.dct.year // 100
        return Resolved("DATE", f"{century}{m['dec2']}")
    return None


def spoken_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """Years read aloud in broadcast transcripts: "nineteen ninety-six" -> 1996."""
    if m["millennium"]:
        if not m[0].lower().startswith("the year"):
            return None  # "two thousand troops" is a count; only "the year two thousand" is a year
        small = number_value(m["small"]) if m["small"] else 0
        return Resolved("DATE", f"{2000 + int(small or 0)}")
    rest = re.sub(r"^o[\s-]+", "", m["rest"].lower())
    n = number_value(rest)
    if n is None or not 0 < n < 100:
        return None
    return Resolved("DATE", f"{19 if m['century'].lower() == 'nineteen' else 20}{int(n):02d}")


def century(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["ord"]:
        n = vocab()["ordinals"].get(m["ord"].lower())
        if n is None:
            digits = re.sub(r"\D", "", m["ord"])
            n = int(digits) if digits else None
        if not n or n < 1:
            return None
        return Resolved("DATE", f"{n - 1:02d}")
    if ctx.dct is None:
        return None
    rel = m["rel"].lower()
    c = ctx.dct.year // 100
    if "past" in rel or "last" in rel and rel.startswith("the"):
        return Resolved("DURATION", "P100Y")
    if "next" in rel:
        return Resolved("DATE", f"{c + 1:02d}")
    return Resolved("DATE", f"{c - 1 if rel == 'last' else c:02d}")


def season(m: re.Match[str], ctx: Context) -> Resolved | None:
    code = vocab()["seasons"][m["season"].lower()]
    rel = (m["rel"] or "").lower()
    y = m["year1"] or m["year2"]
    if y:
        return Resolved("DATE", f"{y}-{code}")
    if m["season"].lower() == "fall" and not rel:
        return None
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{code}")

    def make(yr: int) -> Period:
        a, b = season_bounds(yr, code)
        return f"{yr}-{code}", a, b

    mode = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next"}.get(rel)
    if rel in ("the", "that", ""):
        mode = tense_mode(ctx, m.start(), m.end())
        if value := narrative_pick(ctx, make):
            return Resolved("DATE", value)
    value = choose(occurrences(make, ctx.dct.year), ctx.dct, mode)
    return Resolved("DATE", value) if value else None


_QUARTER_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
_LATEST = {"latest", "current", "previous", "past", "recent", "preceding", "prior", "fiscal", "last"}
_YEAR_AGO = {"year-ago", "year-earlier", "year ago", "year earlier", "same", "comparable", "corresponding"}


def _previous_quarter(d: date) -> tuple[int, int]:
    q = quarter_of(d) - 1
    return (d.year, q) if q else (d.year - 1, 4)


def quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    g = m.groupdict()
    if g.get("bare"):
        if ctx.dct is None:
            return Resolved("DATE", "XXXX-QX")
        if tense_mode(ctx, m.start(), m.end()) == "future":
            return Resolved("DATE", f"{ctx.dct.year}-Q{quarter_of(ctx.dct)}")
        y, q = _previous_quarter(ctx.dct)
        return Resolved("DATE", f"{y}-Q{q}")
    word = re.sub(r"\s+", " ", (g.get("ord") or "").lower())
    explicit = g.get("year1") or g.get("year2")
    yr: int | None = int(explicit) if explicit else None
    if yr is None and g.get("relyear") and ctx.dct is not None:
        yr = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[g["relyear"].lower()]
    if not word and ctx.dct is not None:
        # "last year's quarter": the latest quarter, in the year named.
        y, q = _previous_quarter(ctx.dct)
        if yr is not None and (g.get("relyear") or "").lower() != "this":
            y = yr
        return Resolved("DATE", f"{y}-Q{q}")
    if g.get("q"):
        q = int(g["q"])
    elif word in _QUARTER_ORD or (word == "last" and (g.get("det") or "").lower() == "the" and yr):
        q = _QUARTER_ORD.get(word, 4)
    elif ctx.dct is None:
        return Resolved("DATE", "XXXX-QX")
    elif word == "current":
        return Resolved("DATE", f"{ctx.dct.year}-Q{quarter_of(ctx.dct)}")
    elif word in _YEAR_AGO:
        y, q = _previous_quarter(ctx.dct)
        return Resolved("DATE", f"{y - 1}-Q{q}")
    elif word in _LATEST:
        y, q = _previous_quarter(ctx.dct)
        return Resolved("DATE", f"{y}-Q{q}")
    else:
        return None
    if yr is not None:
        return Resolved("DATE", f"{yr}-Q{q}")
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-Q{q}")

    def make(y: int) -> Period:
        return f"{y}-Q{q}", date(y, 3 * q - 2, 1), month_end(y, 3 * q)

    # A numbered quarter is the latest one that has begun, whatever the tense: earnings news
    # forecasts and reports the quarters of the current (fiscal) year.
    value = choose(occurrences(make, ctx.dct.year), ctx.dct, "past", near_switch=False)
    return Resolved("DATE", value) if value else None


def half(m: re.Match[str], ctx: Context) -> Resolved | None:
    h = 1 if m["ord"].lower() in ("first", "1st") else 2  # second, latter, last
    if m["year"]:
        return Resolved("DATE", f"{m['year']}-H{h}")
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-H{h}")
    y = ctx.dct.year + ({"this": 0, "last": -1, "next": 1}[m["relyear"].lower()] if m["relyear"] else 0)
    return Resolved("DATE", f"{y}-H{h}")


def holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    name = re.sub(r"\s+", " ", m["hol"].lower())
    fixed = vocab()["holidays"].get(name)
    nth = vocab()["nth_weekday_holidays"].get(name)

    def make(y: int) -> Period | None:
        if fixed:
            d = safe_date(y, fixed[0], fixed[1])
        elif nth:
            d = nth_weekday(y, nth[0], nth[1], nth[2])
        else:
            d = None
        return (d.isoformat(), d, d) if d else None

    if m["year"]:
        p = make(int(m["year"]))
        return Resolved("DATE", p[0]) if p else None
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}") if fixed else None
    rel = (m["rel"] or "").lower()
    if not rel and (value := narrative_pick(ctx, make)):
        return Resolved("DATE", value)
    mode = {"last": "last", "next": "next"}.get(rel) or tense_mode(ctx, m.start(), m.end())
    value = choose(occurrences(make, ctx.dct.year), ctx.dct, mode)
    return Resolved("DATE", value) if value else None


def year_end(m: re.Match[str], ctx: Context) -> Resolved | None:
    y = ctx.year_anchor()
    return Resolved("DATE", f"{y}" if y else "XXXX", "END")


def month_shift(d: date, n: int) -> date:
    return add_months(d.replace(day=1), n)


def day_shift(d: date, n: int) -> date:
    return d + timedelta(days=n)
