"""Calendar vocabulary (months, weekdays, units, number words, ...) read from ``data/vocab.json``.

Why a data file: the words a tagger knows are what an expert extends (a holiday, an
abbreviation), so they sit apart from the control flow, as the house style asks. This module
also turns each word list into a regex alternation (longest first, so "a few" wins over "a").
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from eventledger import numbers


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    """The parsed vocabulary; cached because every tagger call reads it."""
    text = resources.files("eventledger.temporal").joinpath("data/vocab.json").read_text("utf-8")
    data = json.loads(text)
    # Number words are shared with the events stage; durations keep the hedges vague.
    data["numbers"] = {**numbers.table()["indefinite"], **numbers.cardinals(), **numbers.phrases()}
    data["vague_numbers"] = numbers.vague()
    return data


def alternation(
    words: list[str] | set[str], *, case_variants: bool = False, dotted: frozenset[str] = frozenset()
) -> str:
    """A non-capturing regex alternation, longest first; optional trailing dot on abbreviations.

    With ``case_variants`` each word is accepted only Capitalised or UPPER-CASE (and the whole
    group is case-sensitive), which keeps "may", "march" or "sun" as verbs and nouns. Words in
    ``dotted`` (abbreviations) may carry a final dot ("Sept.").
    """
    forms: list[str] = []
    for w in sorted(set(words), key=len, reverse=True):
        variants = [w.capitalize(), w.upper()] if case_variants else [w]
        for v in variants:
            esc = re.escape(v).replace(r"\ ", r"\s+")
            forms.append(esc + (r"\.?" if w in dotted else ""))
    body = "|".join(forms)
    return f"(?-i:{body})" if case_variants else f"(?:{body})"


def month_abbreviations() -> frozenset[str]:
    """Month keys that are abbreviations (a full name never takes a dot: "May." ends a sentence)."""
    full = {"may", "june", "july"}
    return frozenset(w for w in vocab()["months"] if len(w) <= 4 and w not in full)


def month_number(word: str) -> int | None:
    return vocab()["months"].get(word.lower().rstrip(".").strip())


def weekday_number(word: str) -> int | None:
    w = word.lower().rstrip(".").strip()
    if w.endswith("s") and w[:-1] in vocab()["weekdays"]:
        w = w[:-1]
    return vocab()["weekdays"].get(w)


def unit_code(word: str) -> str | None:
    """TIMEX3 unit letter(s) of a unit word, singular or plural ("years" -> "Y")."""
    w = word.lower().strip().rstrip(".")
    units = vocab()["units"]
    if w in units:
        return units[w]
    plurals = {v: k for k, v in vocab()["unit_plurals"].items()}
    if w in plurals:
        return units[plurals[w]]
    if w.endswith("s") and w[:-1] in units:
        return units[w[:-1]]
    return None


def is_time_unit(word: str) -> bool:
    w = word.lower().strip().rstrip(".")
    w = w[:-1] if w.endswith("s") and w[:-1] in vocab()["units"] else w
    return w in vocab()["time_units"]


def unit_forms() -> list[str]:
    """Singular and plural spellings of every unit word."""
    v = vocab()
    out = []
    for u in v["units"]:
        out += [u, v["unit_plurals"].get(u, u + "s")]
    return out
