"""Body normalisation, word shingles and outlet names: what two copies of a story share.

Reprints differ in what no reader cares about: case, quotes and dashes, spacing, line
breaks. Normalising those away first makes the exact hash catch verbatim copies and
keeps the shingles of a near copy identical wherever the words are.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from eventledger.extract.publishers import agency_name

_NON_WORD = re.compile(r"[^\w]+")


def normalise_body(body: str) -> str:
    """Lower-case words separated by single spaces: NFKC, case-folded, punctuation dropped."""
    text = unicodedata.normalize("NFKC", body).casefold()
    return _NON_WORD.sub(" ", text).strip()


def body_sha256(normalised: str) -> str:
    """SHA-256 of a normalised body: equal for exact copies."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def shingles(normalised: str, k: int) -> set[bytes]:
    """The set of ``k``-word shingles (a body shorter than ``k`` words is one shingle)."""
    words = normalised.split()
    if len(words) <= k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def outlet_key(name: str | None) -> str | None:
    """A comparable form of an outlet name: "The AP" and "Associated Press" meet.

    Only the leading article, case and punctuation go; two outlets whose names differ in
    a word stay two outlets (counting a source twice is the lesser error here).
    """
    if not name or not name.strip():
        return None
    cleaned = re.sub(r"^\s*the\s+", "", name, flags=re.IGNORECASE).strip()
    full = agency_name(cleaned) or cleaned
    key = normalise_body(full)
    return key or None
