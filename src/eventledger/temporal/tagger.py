"""Find and normalise TIMEX3 expressions in a text: the rule tagger behind ``tag_text``.

Why rules of our own: the maintained PyPI libraries we measured on TempEval-3's TBAQ data
(``score_timex.py``, value F1: dateparser 1.5.0 ``search_dates`` 0.14, datefinder 1.0.0 0.24,
timexy 0.1.3 0.11) find some dates but not TIMEX3 extents, durations, sets or tense-anchored
weekdays; ctparse resolves one expression per string and cannot find spans; HeidelTime needs
Java and TreeTagger at run time. So, like HeidelTime, we match patterns
(``data/patterns.toml``), settle overlaps longest-first, widen the extent over part-of-period
and approximation words, and resolve values left to right so anaphoric expressions see the
dates before them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import lru_cache

from eventledger.model import Span, TimeInterval, Timex
from eventledger.regex_words import haystack
from eventledger.temporal import dates, durations, relative
from eventledger.temporal.anchor import Context, Resolved, follows_reporting_verb
from eventledger.temporal.calendar import interval_of, parse_iso
from eventledger.temporal.patterns import compiled_patterns
from eventledger.temporal.tense import doc_tense, text_tense
from eventledger.temporal.vocab import vocab

logger = logging.getLogger(__name__)

Handler = Callable[[re.Match[str], Context], Resolved | None]

HANDLERS: dict[str, Handler] = {
    "ymd": dates.ymd,
    "md": dates.md,
    "my": dates.my,
    "month": dates.month,
    "year": dates.year,
    "decade": dates.decade,
    "century": dates.century,
    "season": dates.season,
    "quarter": dates.quarter,
    "half": dates.half,
    "holiday": dates.holiday,
    "year_end": dates.year_end,
    "spoken_year": dates.spoken_year,
    "deictic": relative.deictic,
    "ref": relative.ref,
    "rel_unit": relative.rel_unit,
    "weekday": relative.weekday,
    "offset": relative.offset,
    "anaphoric": relative.anaphoric,
    "part_of_day": relative.part_of_day,
    "clock": relative.clock,
    "duration": durations.duration,
    "set": durations.set_,
}

# Arithmetic at the edges of the calendar (year 1, year 9999) or an odd vocabulary entry must
# cost one expression, never the document.
_HANDLER_ERRORS = (ValueError, OverflowError, KeyError, TypeError, IndexError)

_DATE_APPROX = ("about", "around", "nearly", "almost", "approximately", "roughly", "some", "more than")


@lru_cache(maxsize=1)
def _extenders() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Regexes for words to the left that belong to the extent: mods and approximators."""
    parts = sorted(vocab()["part_of_period"], key=len, reverse=True)
    alt = "|".join(re.escape(p.rstrip("-")).replace(r"\ ", r"\s+") for p in parts)
    mod = re.compile(rf"(?:(?<![\w-])the\s+)?(?<![\w-])(?P<w>{alt})(?:\s+|-)$", re.I)
    approx_all = sorted(vocab()["approximators"], key=len, reverse=True)
    dur = re.compile(r"(?<![\w-])(?:" + "|".join(a.replace(" ", r"\s+") for a in approx_all) + r")\s+$", re.I)
    date = re.compile(r"(?<![\w-])(?:" + "|".join(_DATE_APPROX) + r")\s+$", re.I)
    return mod, dur, date


def _mod_code(word: str) -> str | None:
    w = re.sub(r"\s+", " ", word.lower())
    table = vocab()["part_of_period"]
    return table.get(w) or table.get(w + "-") or table.get("the " + w)


def _extend(text: str, start: int, res: Resolved, handler: str) -> tuple[int, str | None]:
    """Move ``start`` left over "early"/"the end of" (DATE, TIME) and "nearly"/"more than".

    TimeBank's extents (TempEval-3 training data) keep "earlier"/"later" only before "this
    week"-like expressions ("Later Thursday" tags "Thursday"), and an approximator only on
    durations and on "... ago" dates ("about two years ago"), not on "around Wednesday".
    """
    mod_rx, dur_rx, date_rx = _extenders()
    mod = res.mod
    left = text[max(0, start - 40) : start]
    if res.type in ("DATE", "TIME") and not res.value.endswith("_REF"):
        m = mod_rx.search(left)
        if m and m["w"].lower() in ("earlier", "later") and handler != "rel_unit":
            m = None
        if m:
            start -= len(left) - m.start()
            mod = _mod_code(m["w"]) or mod
            left = text[max(0, start - 40) : start]
    if text[start : start + 4].lower() == "the ":
        return start, mod  # "over the past two months": a preposition, not "more than"
    if res.type == "DURATION":
        m = dur_rx.search(left)
    elif handler == "offset":
        m = date_rx.search(left)
    else:
        return start, mod

    if m:
        start -= len(left) - m.start()
    return start, mod


def _bounded(text: str, start: int, end: int) -> bool:
    """A match must not cut a word or a number ("1990" inside "$1990" or "19901")."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "$£€#/"):
        return False
    if end < len(text) and text[end].isalnum():
        return False
    if end < len(text) - 1 and text[end] == "-" and text[end + 1].isalpha():
        return False  # part of a compound: "the quarter-to-quarter comparison"
    if end < len(text) - 1 and text[end] in ".,/:" and text[end + 1].isdigit():
        return False
    return True


def _select(text: str, ctx: Context) -> list[tuple[int, int, str, re.Match[str]]]:
    """Candidates from every pattern, kept longest-first without overlap when a handler accepts."""
    cands = []
    low = haystack(text)
    present: dict[tuple[str, ...], bool] = {}  # patterns share word sets (the month names): test each once
    for prio, pat in enumerate(compiled_patterns()):
        if pat.needs and low is not None:
            found = present.get(pat.needs)
            if found is None:
                found = present[pat.needs] = any(w in low for w in pat.needs)
            if not found:
                continue  # none of the words every match holds: the scan would find nothing
        regex = pat.cased if low is not None and pat.cased is not None else pat.regex
        for m in regex.finditer(text):
            s, e = m.span()
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s and _bounded(text, s, e):
                cands.append((s, e, prio, pat.handler, m))
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken = bytearray(len(text) + 1)
    chosen = []
    for s, e, _prio, handler, m in cands:
        if any(taken[s:e]):
            continue
        try:
            if HANDLERS[handler](m, ctx) is None:
                continue
        except _HANDLER_ERRORS as exc:
            logger.debug("refused %r: %s", text[s:e], exc)
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append((s, e, handler, m))
    chosen.sort(key=lambda c: c[0])
    return chosen


_DEICTIC = {"deictic", "weekday", "rel_unit", "part_of_day"}


def _is_narrative(chosen: list[tuple[int, int, str, re.Match[str]]], dct: date | None) -> bool:
    """A story about the past (history, a war, a biography) rather than news of the day.

    News dates itself against the publication date ("on Tuesday", "last week"); narratives
    name past years and then give months and days in them. When years two or more before the
    document date outnumber deictic expressions two to one, yearless dates follow the story.
    """
    if dct is None:
        return False
    deictic = sum(1 for c in chosen if c[2] in _DEICTIC)
    years = [int(y) for c in chosen if c[2] in ("year", "ymd", "my") for y in re.findall(r"\b\d{4}\b", c[3][0])]
    historical = sum(1 for y in years if y <= dct.year - 2)
    return historical >= 3 and historical > 2 * deictic


def tag_text(text: str, dct: str | None, doc=None) -> list[Timex]:
    """TIMEX3 expressions of ``text`` with TempEval-3 values resolved against ``dct``.

    ``dct`` is the document date ("YYYY-MM-DD"; None leaves relative values underspecified,
    e.g. "XXXX-WXX-2"). ``doc``, a spaCy Doc of ``text``, lets the tense of the governing verb
    choose between the previous and the next "Tuesday"; without it surface cues are used.
    Never raises on odd text: a handler failure drops that one expression (logged).
    """
    if not text:
        return []
    dct_date = parse_iso(dct)
    tense = doc_tense(doc) if doc is not None else text_tense(text)
    probe = Context(text, dct_date, tense)
    chosen = _select(text, probe)
    ctx = Context(text, dct_date, tense, narrative=_is_narrative(chosen, dct_date))
    out: list[Timex] = []
    for s, e, handler, m in chosen:
        try:
            res = HANDLERS[handler](m, ctx)
        except _HANDLER_ERRORS as exc:
            logger.debug("dropped %r: %s", text[s:e], exc)
            continue
        if res is None:
            continue
        start, mod = _extend(text, s, res, handler)
        if start < s and out and out[-1].span.end > start:
            start = s
        res = replace(res, mod=mod)
        interval = None
        if res.type in ("DATE", "TIME"):
            interval = replace(interval_of(res.value, dct_date, res.mod), span=Span.of(text, start, e))
            interval = _earlier_than_now(interval, text[start:e], dct_date)
            if not _since_year(text, s, res.value):
                ctx.remember(res.value)
            day = parse_iso(res.value)
            if day is not None and follows_reporting_verb(text, start):
                ctx.last_report_day = day
        out.append(Timex(Span.of(text, start, e), res.type, res.value, interval))
    return out


def _earlier_than_now(iv: TimeInterval, surface: str, dct: date | None) -> TimeInterval:
    """ "earlier this month/year" runs from the period's start to the document date.

    "Earlier" is measured from now, not a fixed first third: an act earlier this month may
    be from any day before publication in it.
    """
    if dct is None or not surface.lower().startswith("earlier") or not (iv.start and iv.end):
        return iv
    if iv.start <= dct.isoformat() and iv.end < dct.isoformat():
        period_end = interval_of(iv.value or "", dct).end if iv.value else None
        if period_end and period_end >= dct.isoformat():
            return replace(iv, end=dct.isoformat())
    return iv


_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)


def _since_year(text: str, start: int, value: str) -> bool:
    """ "fighting since 2011": a year that opens a span reaching to now moves no narrative time, so a
    later "in January" is still the latest January, not January 2011."""
    return bool(re.fullmatch(r"\d{4}", value)) and bool(_SINCE.search(text[max(0, start - 12) : start]))
