"""Compile the span patterns of ``data/patterns.toml`` with vocabulary filled in.

Why templates: a pattern names a class of words (``<<MONTH>>``) and the words themselves come
from ``vocab.json``; adding an abbreviation there extends every pattern that uses it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventledger.regex_trie import compile_cased, compile_factored
from eventledger.regex_words import required_words
from eventledger.temporal.vocab import alternation, month_abbreviations, unit_forms, vocab

NUMBER_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+\d/\d)?"


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    handler: str
    regex: re.Pattern[str]
    # lower-cased words of which every match holds one (empty: always scan), see ``eventledger.regex_words``
    needs: tuple[str, ...] = ()
    # ``regex`` without re.IGNORECASE, for texts ``regex_words.haystack`` accepts (``regex_trie.compile_cased``)
    cased: re.Pattern[str] | None = None


def _weekday_alternation() -> str:
    """Full weekday names Capitalised/UPPER; abbreviations only with their dot ("Wed.")."""
    names = vocab()["weekdays"]
    full = [w for w in names if len(w) > 5]
    abbrev = [w for w in names if len(w) <= 5]
    forms = [f for w in sorted(full, key=len, reverse=True) for f in (w.capitalize(), w.upper())]
    forms += [re.escape(w.capitalize()) + r"\." for w in sorted(abbrev, key=len, reverse=True)]
    return "(?-i:" + "|".join(forms) + ")"


def _weekday_plural() -> str:
    full = [w for w in vocab()["weekdays"] if len(w) > 5]
    return "(?-i:" + "|".join(w.capitalize() + "s" for w in full) + ")"


def _holiday_alternation() -> str:
    words = list(vocab()["holidays"]) + list(vocab()["nth_weekday_holidays"])
    forms = []
    for w in sorted(words, key=len, reverse=True):
        for v in {w.title().replace("'S", "'s"), w[0].upper() + w[1:]}:
            forms.append(re.escape(v).replace(r"\ ", r"\s+"))
    return "(?-i:" + "|".join(forms) + ")"


def placeholders() -> dict[str, str]:
    v = vocab()
    numwords = [w for w in v["numbers"] if " " not in w and w not in ("a", "an")]
    numphrases = [w for w in v["numbers"] if " " in w]
    word = alternation(numwords)
    num = (
        f"(?:{NUMBER_DIGITS}|{alternation(numphrases)}|{word}(?:[\\s-]{word})*|an?)"
        r"(?:\s+and\s+a\s+half)?"
    )
    plural_units = [u for u in unit_forms() if u not in v["units"]]
    return {
        "MONTH": alternation(list(v["months"]), case_variants=True, dotted=month_abbreviations()),
        "WEEKDAY": _weekday_alternation(),
        "WEEKDAYS": _weekday_plural(),
        "SEASON": alternation(list(v["seasons"])),
        "UNITS": alternation(unit_forms()),
        "UNITS_PLURAL": alternation(plural_units),
        "NUM": num,
        "VAGUE": alternation(v["vague_numbers"]),
        "ORD": alternation([o for o in v["ordinals"] if not o[0].isdigit()]),
        "YEAR": r"(?:1[0-9]\d\d|20\d\d)",
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
        "POD": alternation(list(v["parts_of_day"])),
        "TZ": "(?-i:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in v["timezones"]) + ")",
        "REF": alternation(list(v["refs"])),
        "SETADV": alternation(list(v["set_adverbs"])),
        "HOLIDAY": _holiday_alternation(),
    }


@lru_cache(maxsize=1)
def compiled_patterns() -> tuple[Pattern, ...]:
    """Every pattern compiled once per process, in file order (earlier wins a tie)."""
    raw = resources.files("eventledger.temporal").joinpath("data/patterns.toml").read_text("utf-8")
    subs = placeholders()
    out = []
    for p in tomllib.loads(raw)["pattern"]:
        rx = re.sub(r"<<(\w+)>>", lambda m: subs[m.group(1)], p["regex"])
        # The look-behind lets the engine skip mid-word positions at once (3-4x faster).
        rx = r"(?<![A-Za-z0-9])(?:" + rx + ")"
        # grouped alternations: the same matches, a third less scanning (``eventledger.regex_trie``)
        regex = compile_factored(rx, re.IGNORECASE)
        cased = compile_cased(rx, re.IGNORECASE)
        out.append(Pattern(p["name"], p["handler"], regex, required_words(rx, re.IGNORECASE), cased))
    return tuple(out)
