"""A cheap language guess for when a page does not declare its language.

Declared tags (``<html lang>``, ``og:locale``, a container's field) win; otherwise the
language whose most common function words cover the largest share of the text is chosen
(``data/language.json``). Good enough to route a document; not a language identifier.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from eventledger.extract._resources import load

_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
_WORD = re.compile(r"[^\W\d_]+")


def from_tag(tag: str | None) -> str | None:
    """The primary subtag of a BCP 47 / locale tag ("en-US", "pt_BR" -> "en", "pt")."""
    if not tag:
        return None
    m = _TAG.match(tag.strip())
    return m.group(1).lower() if m else None


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(ws) for lang, ws in load("language")["stopwords"].items()}


def _scores(text: str) -> dict[str, float]:
    """Share of the text's words that are common function words of each language."""
    tokens = Counter(w.lower() for w in _WORD.findall(text[:5000]))
    if not tokens:
        return {}
    n = sum(tokens.values())
    # each language's function words among the text's distinct words: a set intersection (in C)
    # rather than a Python test of every distinct word per language; integer counts, so exact
    return {lang: sum(tokens[t] for t in ws.intersection(tokens)) / n for lang, ws in _stopwords().items()}


def _script(text: str) -> str | None:
    sample = text[:5000]
    if re.search(r"[\u3040-\u30ff]", sample):
        return "ja"
    if re.search(r"[\uac00-\ud7af]", sample):
        return "ko"
    if len(re.findall(r"[\u4e00-\u9fff]", sample)) > 20:
        return "zh"
    return None


def guess(text: str) -> str | None:
    """The likely language of ``text``, or None when no known language fits."""
    if script := _script(text):
        return script
    scores = _scores(text)
    if not scores:
        return None
    lang, share = max(scores.items(), key=lambda kv: kv[1])
    return lang if share >= load("language")["min_share"] else None


def choose(declared: str | None, text: str) -> str | None:
    """The declared language, unless the text plainly is in another one.

    Templates often declare a default (``lang="en-US"``) whatever the article's language;
    a declaration is overruled by a writing system that settles it (kana, hangul) or when
    its function words are nearly absent from the text while another language's are common.
    """
    found = guess(text)
    if not declared or found is None or found == declared:
        return declared or found
    if _script(text):
        return found
    share = _scores(text).get(declared)
    if share is not None and share < load("language")["min_share"] / 2:
        return found
    return declared
