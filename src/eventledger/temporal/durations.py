"""Handlers for DURATION ("the past two months" -> P2M) and SET ("every Tuesday", "daily").

Values follow TIMEX3: ``P<n><unit>`` for calendar units, ``PT<n><unit>`` for clock units,
``X`` for an unstated number ("several years" -> PXY). Decades and centuries with a number are
written in years (P40Y), as TimeBank does; without one they keep their own unit (PXDE).
"""

from __future__ import annotations

import re

from eventledger.temporal.anchor import Context, Resolved
from eventledger.temporal.numbers import fmt_number, number_value
from eventledger.temporal.vocab import is_time_unit, month_number, unit_code, vocab, weekday_number

# "$5 a year", "twice a day": the article introduces a rate, not a length of time.
_RATE_BEFORE = re.compile(
    r"(?:\d|%|\bcents?|\bdollars?|\bmillion|\bbillion|\bthousand|\bpercent|\btimes|\bonce|\btwice|"
    r"\btons?|\bbarrels?|\bshares?|\bmiles?|\bpeople)\s*$",
    re.I,
)
_ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|your|this|that|\w+'s)\s+$", re.I)
_FUNCTION_WORDS = (
    "and|or|but|in|on|at|to|for|from|by|with|since|until|the|a|an|this|that|as|than|is|are|was|were|"
    "be|been|will|would|through|over|during|after|before|so|if|while|when|of|per|last|this|basis|"
    "along|across|around|ahead|again|now|here|there|except|including|among|throughout|into|onto|"
    "until|since|against|without|within|under|near|up|down|out|off|back|instead|too|also|"
    "starting|beginning|ending|except|about|between|outside|inside"
)
_NOUN_AFTER = re.compile(rf"\s+(?!(?:{_FUNCTION_WORDS})\b)[a-z]+\b")
_YEARS_PER = {"DE": 10, "CE": 100, "ML": 1000}


def duration_value(n: float | None, code: str, clock: bool) -> str:
    """TIMEX3 duration value for ``n`` units of ``code`` (None = unspecified)."""
    if n is None:
        return f"PTX{code}" if clock else f"PX{code}"
    if code in _YEARS_PER:
        return f"P{fmt_number(n * _YEARS_PER[code])}Y"
    if code == "2W":
        return f"P{fmt_number(2 * n)}W"
    if clock:
        if not float(n).is_integer() and code in ("H", "M"):
            whole, frac = int(n), n - int(n)
            sub = "M" if code == "H" else "S"
            return f"PT{whole}{code}{fmt_number(round(frac * 60))}{sub}" if whole else f"PT{round(frac * 60)}{sub}"
        return f"PT{fmt_number(n)}{code}"
    if not float(n).is_integer() and code == "Y":
        months = round((n - int(n)) * 12)
        return f"P{int(n)}Y{months}M" if int(n) else f"P{months}M"
    return f"P{fmt_number(n)}{code}"


def duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    g = m.groupdict()
    if (g.get("long") or "").lower() == "old" or re.match(r"\s+old\b", ctx.text[m.end() : m.end() + 5]):
        return None  # ages ("a 6-year-old boy") are not time expressions in TimeML
    unit = g["unit"]
    code = unit_code(unit)
    if code is None:
        return None
    clock = is_time_unit(unit)
    num = g.get("num")
    vague = g.get("vague")
    rel = (g.get("rel") or "").lower()
    if code == "Q" and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return None  # "more than a quarter of the market": a fraction
    if num is None:
        if not vague and not g.get("det") and not rel and (clock or code == "Q"):
            return None  # bare "hours", "quarters" (living quarters) are too often not time
        if rel == "recent" and not vague:
            return Resolved("DATE", "PAST_REF")  # "in recent years": a vague past, not a length
        if rel == "coming" and not vague:
            return Resolved("DATE", "FUTURE_REF")
        n = None
    else:
        n = number_value(num)
        low = re.sub(r"\s+", " ", num.lower())
        if low in ("a", "an") and unit.lower() == "second":
            return None
        if n is not None and n > 5000:
            return None
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", num) and not g.get("det"):
            return None  # "1998 years"? rather a year followed by a noun
    if g.get("half") and n is not None:
        n += 0.5
    if num and num.lower() in ("a", "an") and not g.get("det") and not g.get("rel"):
        if _RATE_BEFORE.search(ctx.text[max(0, m.start() - 25) : m.start()]):
            return Resolved("SET", duration_value(1, code, clock))
    return Resolved("DURATION", duration_value(n, code, clock))


def set_(m: re.Match[str], ctx: Context) -> Resolved | None:
    g = m.groupdict()
    if g.get("adv"):
        if _ATTRIBUTIVE.search(ctx.text[max(0, m.start() - 30) : m.start()]) or _NOUN_AFTER.match(
            ctx.text[m.end() : m.end() + 20]
        ):
            return None  # "its quarterly dividend", "the daily Granma": an adjective, not a rate
        return Resolved("SET", vocab()["set_adverbs"][g["adv"].lower()])
    if g.get("wds") or g.get("wd1"):
        pod = vocab()["parts_of_day"].get((g.get("pods") or "").lower().rstrip("s"))
        wd = weekday_number(g.get("wds") or g["wd1"])
        return Resolved("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""))
    word = g["unit"]
    wd = weekday_number(word)
    if wd is not None and word[0].isupper():
        return Resolved("SET", f"XXXX-WXX-{wd}")
    mo = month_number(word)
    if mo is not None and word[0].isupper():
        return Resolved("SET", f"XXXX-{mo:02d}")
    low = word.lower().rstrip("s")
    pods = vocab()["parts_of_day"]
    if low in pods:
        return Resolved("SET", f"XXXX-XX-XXT{pods[low]}")
    if low == "weekend":
        return Resolved("SET", "XXXX-WXX-WE")
    if low in vocab()["seasons"]:
        return Resolved("SET", f"XXXX-{vocab()['seasons'][low]}")
    code = unit_code(low)
    if code is None:
        return None
    n = 1.0
    if g.get("num"):
        n = 2.0 if g["num"].lower() == "other" else (number_value(g["num"]) or 1.0)
    return Resolved("SET", duration_value(n, code, is_time_unit(low)))
