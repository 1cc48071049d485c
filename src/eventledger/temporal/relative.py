"""Handlers for deictic and anaphoric expressions: "yesterday", "last week", "on Tuesday",
"two days later", "that night", "3 p.m. Friday".

Deictic ones count from the document date; anaphoric ones ("later", "the following day",
"that week") from the reference time the narrative has reached (``Context`` anchors), which
is how a chain such as "On March 3 ... two days later ..." gets March 5.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventledger.temporal.anchor import Context, Resolved, choose, follows_reporting_verb, tense_mode
from eventledger.temporal.calendar import add_months, quarter_of, safe_date, week_value
from eventledger.temporal.numbers import number_value
from eventledger.temporal.vocab import month_number, unit_code, vocab, weekday_number

_UNIT_NAMES = {
    "D": "day",
    "W": "week",
    "2W": "fortnight",
    "M": "month",
    "Q": "quarter",
    "Y": "year",
    "DE": "decade",
    "CE": "century",
}


def at_unit(d: date, unit: str) -> str:
    """``d`` written at the granularity of ``unit`` (TIMEX3 value)."""
    if unit == "day":
        return d.isoformat()
    if unit in ("week", "fortnight"):
        return week_value(d)
    if unit == "weekend":
        return week_value(d) + "-WE"
    if unit == "month":
        return f"{d.year}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year}-Q{quarter_of(d)}"
    if unit == "decade":
        return str(d.year // 10)
    if unit == "century":
        return f"{d.year // 100:02d}"
    return str(d.year)


def shift(d: date, unit: str, n: float) -> date:
    k = int(round(n))
    if unit == "day":
        return d + timedelta(days=k)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=k)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * k)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months:
        return add_months(d, months * k)
    return d


def deictic(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = re.sub(r"\s+", " ", m["word"].lower())
    if ctx.dct is None:
        return Resolved("DATE", "PRESENT_REF" if word == "today" else "XXXX-XX-XX")
    n = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    return Resolved("DATE", (ctx.dct + timedelta(days=n)).isoformat())


def ref(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = re.sub(r"\s+", " ", m["ref"].lower())
    value = vocab()["refs"].get(word)
    near = ctx.text[max(0, m.start() - 4) : m.end() + 4].lower()
    if re.search(r"\bas\s+\w+\s+as\b", near) or re.match(r"\s*as\b", ctx.text[m.end() : m.end() + 4]):
        return None  # "as soon as", "just now as": a conjunction, not a time
    return Resolved("DATE", value) if value else None


_DCT_BACK = {"last", "past", "previous", "prior", "the past", "the last", "the latest"}
_DCT_FWD = {"next", "coming", "the next", "the coming"}
_DCT_NOW = {"this", "current", "the current", "the present", "the"}
_ANAPHOR_SAME = {"same", "that", "the same", "the very same"}
_ANAPHOR_BACK = {"the previous", "the preceding", "the prior"}
_ANAPHOR_FWD = {"following", "the following"}


def rel_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    if rel == "the" and unit in ("day", "fortnight"):
        return None
    if (
        rel == "the"
        and unit in ("year", "month", "week", "quarter")
        and re.search(r"\bfor\s+$", ctx.text[max(0, m.start() - 5) : m.start()], re.I)
    ):
        # "net income for the year": a stretch of time, not a calendar position.
        return Resolved("DURATION", {"year": "P1Y", "month": "P1M", "week": "P1W", "quarter": "P3M"}[unit])
    if unit == "decade" and rel in ("the past", "the last", "past", "last"):
        return Resolved("DURATION", "P10Y")
    if ctx.dct is None:
        return Resolved("DATE", {"day": "XXXX-XX-XX", "month": "XXXX-XX", "year": "XXXX"}.get(unit, "XXXX-WXX"))
    if rel in _ANAPHOR_SAME | _ANAPHOR_BACK | _ANAPHOR_FWD or (rel == "the next" and unit == "day"):
        base = ctx.day_anchor() if unit in ("day", "week", "weekend") else ctx.month_anchor()
        if unit == "day" and ctx.last_report_day and follows_reporting_verb(ctx.text, m.start()):
            base = ctx.last_report_day  # "confirmed ... the same day": the day of the last statement
        if unit == "year" and ctx.year_anchor() is not None:
            base = date(ctx.year_anchor() or 1, 6, 1)
        step = -1 if rel in _ANAPHOR_BACK else (1 if rel in _ANAPHOR_FWD or rel == "the next" else 0)
        return Resolved("DATE", at_unit(shift(base, unit, step), unit)) if base else None
    if unit == "weekend" and rel in ("the", "this"):
        mode = tense_mode(ctx, m.start(), m.end())
        if rel == "this" and mode is None:
            mode = "future"  # "this weekend" with no tense cue: the coming one
        first = ctx.dct + timedelta(days=(6 - ctx.dct.isoweekday()) % 7 - 14)
        weekends = [(d.isoformat(), d, d + timedelta(days=1)) for d in (first + timedelta(weeks=k) for k in range(4))]
        sat = date.fromisoformat(choose(weekends, ctx.dct, mode) or first.isoformat())
        return Resolved("DATE", at_unit(sat, "weekend"))
    if rel in _DCT_BACK:
        # a Sunday paper's "last week" is the working week just ended, the one the Sunday closes
        step = 0 if unit == "week" and ctx.dct.isoweekday() == 7 else -1
    elif rel in _DCT_FWD:
        step = 1
    elif rel in _DCT_NOW:
        step = 0
    else:
        return None
    return Resolved("DATE", at_unit(shift(ctx.dct, unit, step), unit))


def weekday_date(wd: int, ctx: Context, rel: str, start: int, end: int) -> date | None:
    if ctx.dct is None:
        return None
    if rel == "that":
        ref_day = ctx.day_anchor() or ctx.dct
        periods = [(d.isoformat(), d, d) for d in _weekdays_around(ref_day, wd)]
        v = choose(periods, ref_day, None)
        return date.fromisoformat(v) if v else None
    if rel == "this":
        return ctx.dct + timedelta(days=wd - ctx.dct.isoweekday())
    mode = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next"}.get(rel)
    if mode is None:
        mode = tense_mode(ctx, start, end)
    periods = [(d.isoformat(), d, d) for d in _weekdays_around(ctx.dct, wd)]
    v = choose(periods, ctx.dct, mode)
    return date.fromisoformat(v) if v else None


def _weekdays_around(ref_day: date, wd: int) -> list[date]:
    first = ref_day + timedelta(days=(wd - ref_day.isoweekday()) % 7 - 14)
    return [first + timedelta(weeks=k) for k in range(5)]


def weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    wd = weekday_number(m["wd"])
    if wd is None:
        return None
    d = weekday_date(wd, ctx, (m["rel"] or "").lower(), m.start(), m.end())
    return Resolved("DATE", d.isoformat() if d else f"XXXX-WXX-{wd}")


def offset(m: re.Match[str], ctx: Context) -> Resolved | None:
    code = unit_code(m["unit"])
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    num = m.groupdict().get("num")
    n = 1.0 if num is None else number_value(num)
    if n is None:
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if code in ("S", "M", "H") and m["unit"].lower().startswith(("sec", "min", "h")):
        base = ctx.day_anchor() if direction not in ("ago", "from now", "hence") else ctx.dct
        return Resolved("DATE", base.isoformat()) if base else None
    unit = _UNIT_NAMES.get(code or "")
    if unit is None:
        return None
    if (
        direction not in ("ago", "from now", "hence", "back")
        and unit in ("day", "week")
        and (ctx.last_day is None and ctx.last_month is not None)
    ):
        # "in mid-November ... two days later": the reference is a month, so is the result.
        return Resolved("DATE", at_unit(shift(ctx.last_month.replace(day=15), unit, sign * n), "month"))
    if direction in ("ago", "from now", "hence", "back"):
        base = ctx.dct
    elif unit in ("day", "week", "fortnight"):
        base = ctx.day_anchor()
    elif unit in ("month", "quarter"):
        base = ctx.month_anchor()
    else:
        ya = ctx.year_anchor()
        base = date(ya, 6, 1) if ya is not None else None
    if base is None:
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit in ("decade", "century"):
        return Resolved("DATE", at_unit(shift(base, unit, sign * n), "year"))
    q = re.match(r"^(\d{4})-Q([1-4])$", ctx.last_value or "")
    if unit == "year" and q and sign < 0 and float(n).is_integer():
        # "a year earlier" after "the third quarter": the same quarter a year before (TimeML
        # resolves an anaphor at the granularity of the reference time it is measured from).
        return Resolved("DATE", f"{int(q[1]) - int(n)}-Q{q[2]}")
    return Resolved("DATE", at_unit(shift(base, unit, sign * n), unit))


def anaphoric(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = m["unit"].lower()
    sign = 1 if m["dir"].lower() in ("after", "later") else -1
    if unit == "night":
        base = ctx.day_anchor()
        return Resolved("TIME", f"{(base + timedelta(days=sign)).isoformat()}TNI") if base else None
    base = ctx.day_anchor() if unit in ("day", "week") else ctx.month_anchor()
    if unit == "year" and ctx.year_anchor() is not None:
        base = date(ctx.year_anchor() or 1, 6, 1)
    return Resolved("DATE", at_unit(shift(base, unit, sign), unit)) if base else None


def _day_of(word: str, ctx: Context, start: int, end: int) -> date | None:
    w = word.lower()
    if ctx.dct is None:
        return None
    if w in ("today", "tonight", "this"):
        return ctx.dct
    if w in ("yesterday", "last"):
        return ctx.dct - timedelta(days=1)
    if w in ("the next", "the following"):
        base = ctx.day_anchor()
        return base + timedelta(days=1) if base else None
    if w == "the previous":
        base = ctx.day_anchor()
        return base - timedelta(days=1) if base else None
    if w == "tomorrow":
        return ctx.dct + timedelta(days=1)
    wd = weekday_number(word)
    if wd is not None:
        return weekday_date(wd, ctx, "", start, end)
    return ctx.day_anchor()


def part_of_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    g = m.groupdict()
    if g.get("tonight"):
        d = ctx.dct
        return Resolved("TIME", f"{d.isoformat()}TNI" if d else "XXXX-XX-XXTNI")
    code = vocab()["parts_of_day"][g["pod"].lower()]
    word = g.get("day") or g.get("det") or ""
    d = _day_of(re.sub(r"[\s-]+", " ", word).strip(), ctx, m.start(), m.end())
    mod = {"early": "START", "late": "END", "mid": "MID", "mid-": "MID"}.get((g.get("mod") or "").lower())
    return Resolved("TIME", f"{d.isoformat() if d else 'XXXX-XX-XX'}T{code}", mod)


def clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    g = m.groupdict()
    if g.get("word"):
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[g["word"].lower()]
    elif g.get("hour24"):
        hh, mm = int(g["hour24"]), int(g["minute24"])
    elif g.get("oclock"):
        n = number_value(g["oclock"])
        if n is None or not 0 < n <= 12:
            return None
        hh, mm = int(n), 0
        if (g.get("podw") or g.get("podw1") or "").lower() in ("afternoon", "evening") and hh < 12:
            hh += 12
    else:
        hh, mm = int(g["hour"]), int(g["minute"] or 0)
        pm = g["ampm"].lower().startswith("p")
        if hh > 12:
            return None
        hh = (hh % 12) + (12 if pm else 0)
    d: date | None
    if g.get("month"):
        mo = month_number(g["month"])
        day = int(re.sub(r"\D", "", g["mday"]))
        y = ctx.dct.year if ctx.dct else None
        d = safe_date(y, mo, day) if y and mo else None
    elif g.get("day"):
        d = _day_of(g["day"], ctx, m.start(), m.end())
    else:
        d = ctx.day_anchor()
    stamp = f"T{hh:02d}:{mm:02d}"
    return Resolved("TIME", (d.isoformat() if d else "XXXX-XX-XX") + stamp)
