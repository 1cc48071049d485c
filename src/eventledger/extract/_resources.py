"""Loading the extract stage's data files (``data/*.json``) once per process.

Patterns live in data files so they can be tuned without touching control flow (as
trafilatura keeps its selectors in ``xpaths.py``); this module is the only place that reads them.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from eventledger.regex_words import haystack, required_words


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed JSON data file ``data/<name>.json``."""
    text = resources.files("eventledger.extract").joinpath("data", f"{name}.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def patterns(name: str, key: str) -> tuple[re.Pattern[str], ...]:
    """The regex list ``key`` of data file ``name``, compiled case-insensitively."""
    return tuple(re.compile(p, re.IGNORECASE) for p in load(name)[key])


@lru_cache(maxsize=None)
def any_of(name: str, key: str) -> re.Pattern[str]:
    """One regex matching where any of the list ``key`` of data file ``name`` matches.

    A single alternation is several times faster than trying dozens of patterns in turn,
    and line classification runs on every paragraph of every page. Only for lists without
    named groups (a name may occur once per pattern).
    """
    return re.compile("|".join(f"(?:{p})" for p in load(name)[key]), re.IGNORECASE)


# Compiled subsets a screen keeps: the combinations of patterns a text can pick grow exponentially.
_SUBSETS_KEPT = 1024


class _Screen:
    """Whether any pattern of a list matches a line, scanning only the patterns that can.

    Why: line classification runs the junk list on every short paragraph of every page, and
    its unanchored patterns made one alternation the most costly step of body extraction. Each
    pattern's required words (``eventledger.regex_words``) are found in the line in one pass of
    an Aho-Corasick automaton; the patterns none of whose words occur cannot match and are left
    out of the alternation searched (compiled once per subset). A pattern with no such words is
    always searched, and a line the word test cannot judge is searched with the whole list.
    """

    def __init__(self, sources: list[str]) -> None:
        import ahocorasick

        self.whole = re.compile("|".join(f"(?:{p})" for p in sources), re.IGNORECASE)
        self.sources = sources
        self.always: list[int] = []
        self.auto = ahocorasick.Automaton()
        users: dict[str, list[int]] = {}
        for i, p in enumerate(sources):
            words = required_words(p, re.IGNORECASE)
            if not words:
                self.always.append(i)
            for w in words:
                users.setdefault(w, []).append(i)
        for w, idx in users.items():
            self.auto.add_word(w, tuple(idx))
        if users:
            self.auto.make_automaton()
        self.subsets: dict[tuple[int, ...], re.Pattern[str] | None] = {}

    def search(self, line: str) -> bool:
        low = haystack(line)
        if low is None or len(self.auto) == 0:
            return self.whole.search(line) is not None
        chosen = set(self.always)
        for _, idx in self.auto.iter(low):
            chosen.update(idx)
        key = tuple(sorted(chosen))
        if key not in self.subsets:
            if len(self.subsets) >= _SUBSETS_KEPT:  # the combinations a hostile text can pick are unbounded
                self.subsets.clear()
            self.subsets[key] = (
                re.compile("|".join(f"(?:{self.sources[i]})" for i in key), re.IGNORECASE) if key else None
            )
        rx = self.subsets[key]
        return rx is not None and rx.search(line) is not None


@lru_cache(maxsize=None)
def screen(name: str, key: str) -> _Screen:
    """The ``_Screen`` of the list ``key`` of data file ``name`` (same answers as ``any_of``)."""
    return _Screen(list(load(name)[key]))
