"""Quantities stated in an event's evidence: people, money, distances, weapons.

Why regular expressions plus the parse: money and distances have a fixed surface form
("U.S. $6.5 million", "200 to 300 meters", "a kilometer") that a pattern reads exactly, while
counts of people and weapons are numbers modifying a role noun, which the parse gives
("two soldiers" -> nummod). Ranges keep both ends; a single value has min == max.

Counts of people are typed: ``unit`` says what happened to them (killed, injured, arrested,
displaced, missing, else "people"; ``_count_roles``), so "three killed and twelve wounded" are
two counts that cannot clash. A hedge opening the count ("at least 17") stays in the span (the
record's ``qualifier``) and the value is the stated number; digits with a scale word ("8.7
million") are multiplied out. A count with no noun is kept when a casualty verb frames it
("killing at least 17", "17 were wounded").
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from eventledger import numbers
from eventledger.events import _count_roles
from eventledger.events._lexicon import load_lexicon
from eventledger.model import Quantity, Span
from eventledger.regex_trie import compile_cased, compile_factored
from eventledger.regex_words import haystack, required_words

# Number words come from the table shared with the time stage (``eventledger.numbers``).
NUMBER_WORDS = {**{w: int(v) for w, v in numbers.cardinals().items() if v >= 1}, **numbers.count_floors()}
_WORDS = {**numbers.table()["indefinite"], **NUMBER_WORDS}


def _number_alternation() -> str:
    """Digits, a compound of number words ("two hundred", "twenty-five"), a fixed phrase or a hedge."""
    word = "|".join(sorted(numbers.cardinals(), key=len, reverse=True))
    fixed = "|".join(re.escape(p).replace(r"\ ", r"\s") for p in sorted(numbers.phrases(), key=len, reverse=True))
    hedges = "|".join(sorted(numbers.count_floors(), key=len, reverse=True))
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # "1,000" and "17" (a trailing comma is punctuation)
    return rf"(?:{digits}|(?:{fixed})\b|(?:{word})(?:(?:\s(?:and\s)?|-)(?:{word}))*|{hedges}|a|an)"


_NUM = _number_alternation()
_QUAL = "|".join(re.escape(q).replace(r"\ ", r"\s") for q in numbers.qualifiers())
# a count of people: an optional hedge, the number or a range, an optional scale after digits
_COUNT = (
    rf"(?:(?P<q>{_QUAL})\s|(?P<bw>between)\s)?(?P<a>{_NUM})(?:\s(?(bw)and|(?:to|or|-))\s(?P<b>{_NUM}))?"
    rf"(?:\s(?P<scale>{'|'.join(numbers.scales_after_digits())})\b)?"
)
_YEAR = re.compile(r"1[89]\d\d|2[01]\d\d")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "won": "KRW",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "rupee": "INR",
    "rupees": "INR",
    "ruble": "RUB",
    "rubles": "RUB",
    "roubles": "RUB",
    "yen": "JPY",
    "usd": "USD",
    "eur": "EUR",
    "cny": "CNY",
}
_DIST_UNITS = {
    "meter": ("m", 1),
    "meters": ("m", 1),
    "metre": ("m", 1),
    "metres": ("m", 1),
    "m": ("m", 1),
    "kilometer": ("km", 1),
    "kilometers": ("km", 1),
    "kilometre": ("km", 1),
    "kilometres": ("km", 1),
    "km": ("km", 1),
    "mile": ("mi", 1),
    "miles": ("mi", 1),
    "yard": ("yd", 1),
    "yards": ("yd", 1),
    "feet": ("ft", 1),
    "foot": ("ft", 1),
}
_MONEY = compile_factored(
    r"(?:(?:U\.?S\.?|US|HK|A|C)\s?)?(?P<sign>[$€£¥])\s?(?P<v>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?"
    r"|(?P<v2>\d[\d,]*(?:\.\d+)?)(?:\s(?P<scale2>thousand|million|billion|trillion))?\s(?P<cur>"
    + "|".join(_CURRENCY_WORDS)
    + r")\b",
    re.I,
)
_DIST_ALTERNATION = "|".join(sorted(_DIST_UNITS, key=len, reverse=True))
_DIST = compile_factored(
    rf"\b(?P<a>{_NUM})(?:\s?(?:to|-|–|and)\s?(?P<b>{_NUM}))?\s?(?P<u>{_DIST_ALTERNATION})\b",
    re.I,
)


@lru_cache(maxsize=1)
def _count_pattern() -> re.Pattern:
    """Number + up to two modifiers + a person noun; the nouns come from the actor lexicon."""
    lex = load_lexicon()
    nouns = {
        w
        for w, kind in lex.actor_kinds.items()
        if kind in {"people", "military", "official"} and re.fullmatch(r"[a-z]+", w)
    }
    forms = set()
    for w in nouns:
        forms |= {
            w,
            w + "s",
            w + "es",
            (w[:-1] + "ies") if w.endswith("y") else w,
            (w[:-3] + "men") if w.endswith("man") else w,
        }
    forms |= {"people", "children", "women", "men", "police", "troops", "personnel", "civilians", "others"}
    alternation = "|".join(sorted(forms, key=len, reverse=True))
    return compile_factored(rf"\b{_COUNT}(?P<mid>(?:\s[a-z-]+){{0,2}}?)\s(?P<noun>{alternation})\b", re.I)


@lru_cache(maxsize=1)
def _bare_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Counts with no noun: a casualty verb before ("killing at least 17,") or after ("17 killed")."""
    before = compile_factored(
        rf"\b(?:{_count_roles.before_alternation()})\s{_COUNT}"
        r"(?=\s*(?:[,.;:)]|$|\s(?:in|on|at|and|including|among|during|near|across|when|as|after|while|since|from)\b))",
        re.I,
    )
    after = compile_factored(rf"\b{_COUNT}(?=\s+{_count_roles.after_alternation()}\b)", re.I)
    return before, after


_WEAPONS = compile_factored(
    rf"\b(?P<a>{_NUM})(?P<mid>(?:\s[a-z-]+){{0,2}})\s(?P<noun>guns?|rifles?|missiles?|rockets?|tanks?|drones?|"
    r"landmines?|mines?|artillery pieces|launchers?|warships?|aircraft|jets?|bombs?|grenades?)\b",
    re.I,
)


def _value(s: str | None) -> float | None:
    if not s:
        return None
    s = re.sub(r"\s+", " ", s.lower().replace(",", ""))
    if s in _WORDS:
        return float(_WORDS[s])
    try:
        return float(s)
    except ValueError:
        return numbers.word_value(s)


def _needs(pattern: re.Pattern) -> tuple[str, ...]:
    """Words one of which a text must hold for ``pattern`` to match (empty: always scan)."""
    return _words_needed(pattern.pattern, pattern.flags)


@lru_cache(maxsize=16)
def _words_needed(source: str, flags: int) -> tuple[str, ...]:
    # keyed by the source text: a compiled pattern hashes its whole program at every lookup
    return required_words(source, flags)


@lru_cache(maxsize=16)
def _screen(source: str, flags: int) -> ahocorasick.Automaton | None:
    """The words of ``_needs`` as one automaton, so a sentence is read once for all of them, however
    many (the person nouns of the count pattern are hundreds); None: always scan."""
    words = _words_needed(source, flags)
    if not words:
        return None
    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


@lru_cache(maxsize=16)
def _cased(source: str, flags: int) -> re.Pattern | None:
    return compile_cased(source, flags)


def quantities_in(body: str, start: int, end: int) -> list[Quantity]:
    """Every quantity in ``body[start:end]``, with spans into the body."""
    text = body[start:end]
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    low = haystack(text)

    def may_match(pattern: re.Pattern) -> bool:
        screen = _screen(pattern.pattern, pattern.flags)
        return screen is None or low is None or next(screen.iter(low), None) is not None

    def scan(pattern: re.Pattern):
        """``pattern.finditer(text)``; without the case-folding flag where the text allows (``regex_trie``)."""
        cased = _cased(pattern.pattern, pattern.flags) if low is not None else None
        return (cased or pattern).finditer(text)

    def add(kind: str, lo: float, hi: float, unit: str, s: int, e: int) -> None:
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        out.append(Quantity(kind, lo, hi, unit, Span.of(body, start + s, start + e)))

    for m in scan(_MONEY):
        v = _value(m.group("v") or m.group("v2"))
        if v is None:
            continue
        scale = (m.group("scale") or m.group("scale2") or "").lower()
        v *= _SCALE.get(scale, 1)
        unit = _CURRENCY_SIGNS.get(m.group("sign") or "", None) or _CURRENCY_WORDS.get(
            (m.group("cur") or "").lower(), "USD"
        )
        if m.group("sign") == "$" and re.match(r"(?:HK)", m.group(0)):
            unit = "HKD"
        add("money", v, v, unit, m.start(), m.end())
    for m in scan(_DIST) if may_match(_DIST) else ():
        a, b = _value(m.group("a")), _value(m.group("b"))
        unit = _DIST_UNITS[m.group("u").lower()][0]
        if a is None or (m.group("u").lower() == "m" and m.group("a").lower() in {"a", "an"}):
            continue
        add("distance", a, b if b is not None else a, unit, m.start(), m.end())
    equipment = load_lexicon().equipment_nouns
    for pattern, kind in ((_count_pattern(), "people"), (_WEAPONS, "weapons")):
        if not may_match(pattern):
            continue
        for m in scan(pattern):
            after = re.match(r"\s+([a-z]+)", text[m.end() :])
            if kind == "people" and after and after.group(1).rstrip("s") in equipment:
                # "two navy ships": a count of equipment, not of people
                a = _value(m.group("a"))
                if a is not None and m.group("a").lower() not in {"a", "an"}:
                    add("weapons", a, a, after.group(1), m.start("a"), m.end() + after.end())
                continue
            if kind == "people":
                count = _count_value(m)
                if count is None:
                    continue
                role = _count_roles.role_of(text[: m.start()], m.group("mid"), text[m.end() :])
                add(kind, *count, role, m.start(), m.end())
                continue
            a = _value(m.group("a"))
            if a is None or m.group("a").lower() in {"a", "an"}:
                continue
            add(kind, a, a, m.group("noun").lower(), m.start(), m.end())
    before, after_pattern = _bare_patterns()
    for pattern in (before, after_pattern):
        if not may_match(pattern):
            continue
        for m in scan(pattern):
            count = _count_value(m)
            if count is None or (_YEAR.fullmatch(m.group("a")) and not m.group("q")):
                continue
            s = m.start("q") if m.group("q") else m.start("bw") if m.group("bw") else m.start("a")
            role = _count_roles.role_of(text[:s], "", text[m.end() :])
            if role != _count_roles.GENERIC:
                add("people", *count, role, s, m.end())
    return _share_roles(text, sorted(out, key=lambda q: q.span.start if q.span else 0), start)


def _share_roles(text: str, found: list[Quantity], offset: int) -> list[Quantity]:
    """Counts read together share a role.

    Coordinated counts share the verb after the last ("3 soldiers and 5 civilians were killed");
    a part of a typed count has its role ("12 people were arrested, including two women").
    """
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        if q.kind != "people" or nxt.kind != "people" or q.unit != _count_roles.GENERIC or not (q.span and nxt.span):
            continue
        between = text[q.span.end - offset : nxt.span.start - offset]
        if nxt.unit != _count_roles.GENERIC and re.fullmatch(r"\s*(?:,\s*)?(?:and|or)?\s*", between):
            out[i] = Quantity(q.kind, q.value_min, q.value_max, nxt.unit, q.span)
    subset = _count_roles.subset_pattern()
    for i in range(1, len(out)):
        q, prev = out[i], out[i - 1]
        if q.kind != "people" or prev.kind != "people" or q.unit != _count_roles.GENERIC or not (q.span and prev.span):
            continue
        between = text[prev.span.end - offset : q.span.start - offset]
        if (
            prev.unit != _count_roles.GENERIC
            and len(between) <= 60
            and not re.search(r"[.;:!?]", between)
            and subset.search(between)
        ):
            out[i] = Quantity(q.kind, q.value_min, q.value_max, prev.unit, q.span)
    return out


def _count_value(m: re.Match) -> tuple[float, float] | None:
    """(min, max) of a matched count of people: "a"/"an" alone is no count; a scale multiplies."""
    if m.group("a").lower() in {"a", "an"}:
        return None
    a, b = _value(m.group("a")), _value(m.group("b"))
    if a is None:
        return None
    scale = numbers.scales_after_digits().get((m.group("scale") or "").lower(), 1)
    if scale != 1 and not m.group("a")[:1].isdigit():
        return None  # "two million" is read whole by the word parser; "a thousand" stays as written
    return a * scale, (b if b is not None else a) * scale


def has_money(text: str) -> bool:
    """Does ``text`` state an amount of money ("5,000 euros", "$3m")?"""
    return _MONEY.search(text) is not None
