"""Name keys: how a place name in text and a name in the gazetteer are made comparable.

Two keys are used. ``fold`` is length-preserving (one character in, one out), so the
Aho–Corasick matcher can run over folded text and report offsets that are still offsets into
``Document.body``. ``skeleton`` is a lossy key for one romanisation scheme: systems that write
the same name differ in regular ways (vowel breves, aspiration marks, voiced/unvoiced initials,
articles), so rewriting those differences away makes the spellings one key. The rules are
data (``data/romanisation.toml``); no scheme is written into the code.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from eventledger.geo.policy import Scheme

_APOSTROPHES = "\u2019\u2018\u02bc\u02bb`\u00b4"
_DASHES = "\u2010\u2011\u2012\u2013\u2014"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = unicodedata.normalize("NFKD", low)[:1] or low
    return base if base.isprintable() else low


def fold(text: str) -> str:
    """Lowercase and strip diacritics one character at a time, keeping ``len(text)``."""
    return text.translate(_FOLDS)  # one C pass; each character is folded in Python once per process


class _Folds(dict):
    """Code point -> folded character, filled on first sight (``str.translate`` reads it in C)."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLDS = _Folds()


_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The exact-lookup key: folded, with runs of whitespace made one space."""
    return _SPACES.sub(" ", fold(name)).strip()


def _rewrite(text: str, rules: tuple[tuple[str, str], ...]) -> str:
    if not rules:
        return text
    pattern, table = _compiled(rules)
    return pattern.sub(lambda m: table[m.group(0)], text)


@lru_cache(maxsize=64)
def _compiled(rules: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict[str, str]]:
    return re.compile("|".join(re.escape(a) for a, _ in rules)), dict(rules)


@lru_cache(maxsize=64)
def _suffix_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    return re.compile(r"[ -](?:" + "|".join(re.escape(w) for w in words) + r")$")


def skeleton(name: str, scheme: Scheme) -> str:
    """A key under which the spellings of one name in ``scheme``'s romanisations coincide.

    Rules come from ``data/romanisation.toml``: admin suffixes and articles are stripped, then
    vowel spellings, glides and consonant spellings are rewritten in that order (so that every
    system reaches the same skeleton), and doubled letters are collapsed. Lossy on purpose:
    it is only used against places of the countries that use the scheme.
    """
    folded = name_key(name)
    suffix = _suffix_pattern(scheme.strip_suffixes)
    if suffix is not None:
        folded = suffix.sub("", folded)
    for prefix in scheme.strip_prefixes:
        if folded.startswith(prefix):
            folded = folded[len(prefix) :]
            break
    for pattern, repl in scheme.before:
        folded = re.sub(pattern, repl, folded)
    letters = re.sub(r"[^a-z]", "", folded)
    out = _rewrite(letters, scheme.vowels)
    for ch in scheme.drop:
        out = out.replace(ch, "")
    out = _rewrite(out, scheme.consonants)
    for pattern, repl in scheme.initial:
        out = re.sub(pattern, repl, out)
    # doubled letters left by the rewrite carry no information
    return re.sub(r"(.)\1+", r"\1", out)
