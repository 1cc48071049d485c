"""Name keys: how a place name in text and a name in the gazetteer are made comparable.

Two keys are used. ``fold`` is length-preserving (one character in, one out), so the
Aho–Corasick matcher can run over folded text and report offsets that are still offsets into
``Document.body``. ``korean_key`` is a lossy skeleton for Korean romanisations: McCune–Reischauer
(Hamgyŏng, P'yŏngan, Hoeryŏng), Revised Romanization (Hamgyeong, Pyeongan, Hoeryeong) and the
informal spellings news agencies use (Hamkyong, Ryanggang) collapse to one key, because the
systems differ in regular ways (vowel breves, aspiration marks, voiced/unvoiced initials, r/l).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
    return "".join(_fold_char(ch) for ch in text)


_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The exact-lookup key: folded, with runs of whitespace made one space."""
    return _SPACES.sub(" ", fold(name)).strip()


# Rewrite passes over a folded, letters-only name, in order: vowels first (MR "ŏ/ŭ" were
# folded to "o/u"; RR writes "eo/eu"), then the glides, then consonants (aspiration marks,
# voicing, r/l), so that every system reaches the same skeleton.
_VOWELS = (("eo", "o"), ("eu", "u"), ("ae", "e"), ("oe", "e"), ("ui", "i"), ("wo", "o"))
_CONSONANTS = (
    ("tch", "j"),
    ("ch", "j"),
    ("ts", "j"),
    ("kh", "g"),
    ("ph", "b"),
    ("th", "d"),
    ("sh", "s"),
    ("k", "g"),
    ("t", "d"),
    ("p", "b"),
    ("f", "b"),
    ("r", "l"),
)


def _rewrite(text: str, rules: tuple[tuple[str, str], ...]) -> str:
    pattern = re.compile("|".join(re.escape(a) for a, _ in rules))
    table = dict(rules)
    return pattern.sub(lambda m: table[m.group(0)], text)


# Generic suffixes of Korean administrative names ("Musan-gun", "Yanggang-do", "Hyesan-si").
_KOREAN_SUFFIX = re.compile(r"[ -](gun|kun|si|shi|do|to|ku|gu|eup|up|ri|ni|li|dong|tong|county|city|province)$")
_PROVINCE_HALF = re.compile(r"(buk|puk|nam)[ -]?(do|to)$")


def korean_key(name: str) -> str:
    """A skeleton under which MR and RR spellings of one Korean name coincide.

    ``korean_key("Hoeryŏng") == korean_key("Hoeryeong") == korean_key("Hoeryong")``.
    Only used against Korean gazetteer entries: applied to every name it would merge far
    too much (it discards the voicing contrast that distinguishes names elsewhere).
    """
    folded = _KOREAN_SUFFIX.sub("", name_key(name))
    folded = _PROVINCE_HALF.sub(r"\1", folded)
    letters = re.sub(r"[^a-z]", "", folded)
    out = _rewrite(letters, _VOWELS).replace("y", "").replace("w", "")
    out = _rewrite(out, _CONSONANTS)
    # Initial r/l is dropped before i/y in South Korean usage ("Ryanggang" / "Yanggang").
    out = re.sub(r"^l(?=[aeiou])", "", out)
    # Doubled letters left by the rewrite ("hamgonggbug") carry no information.
    return re.sub(r"(.)\1+", r"\1", out)
