"""Words a pattern cannot match without, so a scanner skips a pattern whose words a text lacks.

Why: the time tagger runs some forty patterns over every text, and most texts hold no season,
no quarter, no holiday, no century; the quantities of ``events`` scan every evidence sentence.
Scanning a long alternation costs far more than asking whether one of its words occurs at all
(a plain substring test). The words are read from the compiled
pattern itself, never listed by hand, so a pattern edited in ``patterns.toml`` keeps a correct
filter: a literal run that every match must contain ("century"), or one literal from each branch
of an alternation every match must pass through (the month names). A pattern with no such
guarantee gets no filter and is always scanned.

Soundness with ``re.IGNORECASE``: the test is ``word in text.lower()`` on ASCII words only, and
``haystack`` refuses (no filtering) a text holding a non-ASCII character that the regex engine
folds onto an ASCII letter (the long s, the Kelvin sign, the dotted capital I).
"""

from __future__ import annotations

import re
from typing import Any

try:  # the regex parser of the standard library (Python 3.11+); without it nothing is filtered
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _p = None

# a non-ASCII character that IGNORECASE matches to an ASCII letter (long s, Kelvin sign, ...)
_FOLDS_ONTO_ASCII = re.compile(r"(?!(?-i:[\x00-\x7f]))[a-z]", re.IGNORECASE)


def haystack(text: str) -> str | None:
    """``text`` lower-cased for substring tests, or None when such tests could disagree with
    the case-insensitive regex engine on this text."""
    if not text.isascii() and _FOLDS_ONTO_ASCII.search(text):
        return None
    return text.lower()


def required_words(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lower-cased ASCII strings of which a text holds at least one wherever ``pattern``
    matches it (within the match, or within a look-around of it); empty when no such set is
    found (then the pattern must always be scanned)."""
    if _p is None:
        return ()
    try:
        tree = _p.parse(pattern, flags)
    except (re.error, RecursionError):
        return ()
    words = _sequence(list(tree))
    return tuple(sorted(words)) if words else ()


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective of several conditions that all hold: longest shortest word, fewest words."""
    usable = [o for o in options if o and all(w and w.isascii() for w in o)]
    if not usable:
        return None
    return max(usable, key=lambda o: (min(len(w) for w in o), -len(o)))


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """A condition for a concatenation: the best of its literal runs and mandatory parts."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        sub: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            sub = _sequence(list(av[-1]))
        elif op is _c.ATOMIC_GROUP:
            sub = _sequence(list(av))
        elif op is _c.BRANCH:
            branches = [_sequence(list(b)) for b in av[1]]
            if all(b for b in branches):
                sub = frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _sequence(list(av[2]))
        elif op is _c.ASSERT:  # a look-ahead or look-behind: outside the match, but in the text
            sub = _sequence(list(av[1]))
        if sub:
            options.append(sub)
    flush()
    return _best(options)
