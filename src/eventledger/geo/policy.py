"""Per-country policy and romanisation schemes, read from data files.

What differs between countries (how small a place may be and still be matched in running
text, which romanisation schemes its names are written in, which admin words follow a name)
lives in ``data/country_policy.toml`` and ``data/romanisation.toml``. The code here only reads
them, so a desk adds its country by editing data, and no country is special in code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class Policy:
    findable_population: int
    alt_findable_population: int
    schemes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Scheme:
    """Rewrite rules of one romanisation scheme (see ``data/romanisation.toml``)."""

    name: str
    strip_suffixes: tuple[str, ...] = ()
    county_suffixes: tuple[str, ...] = ()
    province_suffixes: tuple[str, ...] = ()
    strip_prefixes: tuple[str, ...] = ()
    before: tuple[tuple[str, str], ...] = ()
    vowels: tuple[tuple[str, str], ...] = ()
    drop: tuple[str, ...] = ()
    consonants: tuple[tuple[str, str], ...] = ()
    initial: tuple[tuple[str, str], ...] = ()
    min_key: int = 4


def _toml(name: str) -> dict:
    return tomllib.loads(files("eventledger.geo").joinpath("data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _policies() -> tuple[Policy, dict[str, Policy]]:
    raw = _toml("country_policy.toml")
    base = raw.get("default", {})

    def make(d: dict) -> Policy:
        merged = {**base, **d}
        return Policy(
            int(merged.get("findable_population", 15000)),
            int(merged.get("alt_findable_population", 100000)),
            tuple(merged.get("schemes", ())),
        )

    return make({}), {iso.upper(): make(d) for iso, d in raw.get("country", {}).items()}


def policy(country: str | None) -> Policy:
    """The policy of one country (ISO alpha-2), the default one for any other."""
    default, by_country = _policies()
    return by_country.get((country or "").upper(), default)


@lru_cache(maxsize=1)
def schemes() -> dict[str, Scheme]:
    out: dict[str, Scheme] = {}
    for name, d in _toml("romanisation.toml").items():
        kw = {k: tuple(tuple(x) if isinstance(x, list) else x for x in v) for k, v in d.items() if isinstance(v, list)}
        out[name] = Scheme(name=name, min_key=int(d.get("min_key", 4)), **kw)
    return out


def schemes_in_use() -> tuple[str, ...]:
    """Schemes some country uses, in a stable order."""
    default, by_country = _policies()
    used = {s for p in (default, *by_country.values()) for s in p.schemes}
    return tuple(s for s in schemes() if s in used)


@lru_cache(maxsize=1)
def admin_suffix_words() -> frozenset[str]:
    """Lower-case admin words that may end a romanised name ("Musan-gun", "Hebei sheng")."""
    return frozenset(w for s in schemes().values() for w in s.strip_suffixes if " " not in w)


@lru_cache(maxsize=1)
def level_suffix_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Patterns for a name that says it is a county / a province by its last word."""
    county = {w for s in schemes().values() for w in s.county_suffixes}
    province = {w for s in schemes().values() for w in s.province_suffixes}

    def pattern(words: set[str]) -> re.Pattern:
        alt = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
        return re.compile(rf"[ -](?:{alt})$", re.IGNORECASE)

    return pattern(county), pattern(province)
