"""Telling article prose from page furniture, one line at a time.

Both the HTML path (cleaning what trafilatura kept) and the plain-text path (a scraped
dump of a whole page) need the same judgement: is this line a menu entry, a share or
subscribe prompt, a related-link list, a photo caption, or a real paragraph? The cues
are general web conventions kept in ``data/lines.json``; nothing here knows a site.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from eventledger.extract._resources import any_of, load, patterns, screen

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Final punctuation of a sentence, allowing closing quotes/brackets after it.
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def normalise(line: str) -> str:
    """One line with unicode compatibility forms folded and runs of spaces collapsed."""
    line = unicodedata.normalize("NFC", line)
    return _SPACES.sub(" ", line).strip()


def words(line: str) -> list[str]:
    return _WORD.findall(line)


@lru_cache(maxsize=512)
def word_count(line: str) -> int:
    """Words in a line; CJK text has no spaces, so every two characters count as a word.

    Kept for the last lines seen: one line is asked about by several tests in turn."""
    cjk = len(_CJK.findall(line))
    return len(words(line)) + cjk // 2


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def strip_suffixes(line: str) -> str:
    """The line without widget text glued to its end (e.g. a "Click To Tweet" button)."""
    for pat in patterns("lines", "strip_suffixes"):
        line = pat.sub("", line)
    return line


def is_junk(line: str) -> bool:
    """Menu, share, subscribe, related-link, credit and contact lines.

    Long lines are never junk by these cues: a 60-word paragraph that mentions a
    newsletter is still a paragraph.
    """
    if word_count(line) > load("lines")["max_junk_words"]:
        return False
    return screen("lines", "junk").search(line)


def is_list_header(line: str) -> bool:
    """A header ("Related:", "You may also like") whose following short lines are links."""
    return any_of("lines", "list_headers").search(line) is not None


def is_caption(line: str) -> bool:
    """A photo caption: a credit in parentheses at the end, or a "Photo:" style prefix."""
    if word_count(line) > 60:
        return False
    return screen("lines", "caption").search(line)


def is_terminator(line: str) -> bool:
    """A line after which a page dump carries no more article (tags, bio, comments, ©)."""
    if word_count(line) > 30:
        return False
    return any_of("lines", "terminators").search(line) is not None


def is_prose(line: str, min_words: int = 12) -> bool:
    """A real paragraph: long enough, ends like a sentence, and is not furniture.

    ``min_words`` is the length below which a line is more likely a heading, a teaser
    or a widget than a paragraph of the report.
    """
    if word_count(line) < min_words or not ends_sentence(line):
        return False
    if _CJK.search(line):
        return not is_junk(line)  # no case and no spaces to judge by
    # Prose has lower-case words; menus and headlines in Title Case or CAPS do not.
    ws = words(line)
    lower = sum(1 for w in ws if w[:1].islower())
    return lower >= max(3, len(ws) // 4) and not is_junk(line) and not is_caption(line)
