"""What happened to the people a count states: killed, injured, arrested, displaced, missing.

Why: a monitor needs "17 killed" apart from "17 arrested" (ACLED's fatalities are the first
only), and a casualty count is written in a few fixed ways around the number: a verb just
before it ("killing at least 17"), a participle or verb after the counted noun ("17 people
were killed", "six others wounded"), or an adjective between ("two wounded soldiers"). The
wording is data (``eventledger/data/count_roles.json``); a count with none of it is "people".
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

GENERIC = "people"


@lru_cache(maxsize=1)
def _table() -> dict:
    return json.loads(resources.files("eventledger").joinpath("data", "count_roles.json").read_text("utf-8"))


def roles() -> tuple[str, ...]:
    """The typed roles, in the data file's order (a count matching two takes the first)."""
    return tuple(_table()["roles"])


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str], frozenset[str]]]:
    aux = _table()["auxiliaries"]
    out = []
    for role, spec in _table()["roles"].items():
        before = "|".join(spec["before"]) or r"(?!x)x"
        after = "|".join(spec["after"]) or r"(?!x)x"
        out.append(
            (
                role,
                re.compile(rf"\b(?:{before})\s+$", re.I),
                re.compile(rf"^\s*,?\s*{aux}(?:{after})\b", re.I),
                frozenset(spec["modifier"]),
            )
        )
    return out


def before_alternation() -> str:
    """Every role's 'before' wording as one alternation, for counts with no noun ("killing 17")."""
    return "|".join(p for spec in _table()["roles"].values() for p in spec["before"])


def after_alternation() -> str:
    """Every role's 'after' wording (with auxiliaries) as one pattern, for "17 killed", "17 were wounded"."""
    words = "|".join(p for spec in _table()["roles"].values() for p in spec["after"])
    return rf"{_table()['auxiliaries']}(?:{words})"


def subset_pattern() -> re.Pattern[str]:
    """The words that open a part of a count ("..., including"), from the data file."""
    return re.compile(_table()["subsets"], re.I)


def role_of(before: str, modifiers: str, after: str) -> str:
    """The role of a count from the text just before it, its modifiers and the text after it.

    ``before`` ends where the count (its hedge included) starts; ``after`` starts where the
    counted noun ends. The verb after the noun wins over one before ("killing a man as 17 people
    fled" is not at stake here: both sides are read only next to the count).
    """
    mods = set(modifiers.lower().split())
    for role, _b, a, m in _patterns():
        if a.match(after) or mods & m:
            return role
    for role, b, _a, _m in _patterns():
        if b.search(before):
            return role
    return GENERIC
