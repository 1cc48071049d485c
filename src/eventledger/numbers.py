"""English number words, read once from ``data/numbers.json`` for every stage.

The time stage reads "fifteen days later" and the events stage "fifteen protesters"; one
table keeps them from drifting apart (each had its own list, and one lacked "fifteen").
``word_value`` parses compounds ("two hundred", "twenty-five", "a dozen"); the plural hedges
("hundreds") are a stage's own choice: counts take a floor, durations stay vague.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """The parsed ``data/numbers.json``."""
    return json.loads(resources.files("eventledger").joinpath("data", "numbers.json").read_text("utf-8"))


def cardinals() -> dict[str, float]:
    """Single number words ("fifteen", "hundred", "dozen") and their values."""
    return table()["cardinals"]


def phrases() -> dict[str, float]:
    """Fixed multi-word numbers ("a dozen", "half a") and their values."""
    return table()["phrases"]


def vague() -> list[str]:
    """Quantity phrases with no definite value ("several", "hundreds of")."""
    return table()["vague"]


def count_floors() -> dict[str, float]:
    """Plural hedges read as the smallest count they state ("hundreds" -> 200)."""
    return table()["count_floors"]


def qualifiers() -> list[str]:
    """Hedges that open a count ("at least", "more than", "about"), longest first."""
    return sorted(table()["qualifiers"], key=len, reverse=True)


def scales_after_digits() -> dict[str, float]:
    """Scale words that multiply digits before them ("8.7 million" -> 8,700,000)."""
    return table()["scales_after_digits"]


def qualifier_of(text: str) -> str | None:
    """The hedge that opens a count's text ("At least 17 people" -> "at least"), else None."""
    s = re.sub(r"\s+", " ", text.strip().lower())
    for q in qualifiers():
        if s.startswith(q + " "):
            return q
    return None


def word_value(text: str) -> float | None:
    """The value of a number written in words ("two hundred and five", "a dozen"), else None."""
    s = re.sub(r"\s+", " ", text.strip().lower())
    if s in phrases():
        return float(phrases()[s])
    words, scales = cardinals(), table()["scales"]
    total, current, seen = 0.0, 0.0, False
    for i, w in enumerate(re.split(r"[\s-]+", s)):
        if w == "and" and seen:
            continue
        if i == 0 and w in table()["indefinite"]:
            current, seen = 1.0, False  # "a hundred", "a dozen": the article is one
            continue
        if w not in words:
            return None
        n, seen = float(words[w]), True
        if w in scales or w == "dozen":
            current = (current or 1.0) * n
            if n >= 1000:
                total, current = total + current, 0.0
        else:
            current += n
    return total + current if seen else None
