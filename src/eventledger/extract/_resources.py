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
