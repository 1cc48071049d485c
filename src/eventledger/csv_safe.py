"""CSV cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection rule).

Event text comes from news reports and reviewers, so an actor, a place or a note may begin
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; Excel and LibreOffice treat such a
cell as a formula (``=HYPERLINK(...)``, ``=cmd|...``). Those cells get a leading ``'``, which
the spreadsheet shows as text. Numbers stay numbers: a longitude of ``-1.29`` is not a formula.
"""

from __future__ import annotations

import re
from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_TRIGGERS) and not _NUMBER.match(value):
        return "'" + value
    return value


def row(values: dict[str, Any]) -> dict[str, Any]:
    return {k: cell(v) for k, v in values.items()}
