"""Number words and digits as they appear in durations ("twenty-four", "2 1/2", "a couple of").

Why separate: durations and offsets ("three weeks later") share it, and the vague quantities
("several", "a few") must come back as None so the value is written with TimeML's ``X``.
"""

from __future__ import annotations

import re

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
    words = vocab()["numbers"]
    if s in words:
        return float(words[s]) + half
    total, current = 0.0, 0.0
    for w in re.split(r"[\s-]+", s):
        if w in ("and",):
            continue
        if w not in words:
            return None
        n = float(words[w])
        if n in (100.0, 1000.0):
            current = (current or 1.0) * n
            if n == 1000.0:
                total, current = total + current, 0.0
        else:
            current += n
    val = total + current
    return val + half if val else None


def fmt_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
