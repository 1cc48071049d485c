"""Number words and digits as they appear in durations ("twenty-four", "2 1/2", "a couple of").

Why separate: durations and offsets ("three weeks later") share it, and the vague quantities
("several", "a few") must come back as None so the value is written with TimeML's ``X``.
"""

from __future__ import annotations

import re

from eventledger.numbers import word_value
from eventledger.temporal.vocab import vocab


def number_value(text: str) -> float | None:
    """The number a quantity phrase states, or None when it is vague or unreadable."""
    s = re.sub(r"\s+", " ", text.strip().lower())
    if not s or s in vocab()["vague_numbers"]:
        return None
    half = 0.0
    if s.endswith(" and a half"):
        half, s = 0.5, s[: -len(" and a half")]
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?: (\d)/(\d))?", s)
    if m:
        val = float(m[1].replace(",", ""))
        if m[2] and int(m[3]):
            val += int(m[2]) / int(m[3])
        return val + half
    val = 1.0 if s in ("a", "an") else word_value(s)
    return val + half if val else None


def fmt_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
