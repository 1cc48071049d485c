"""Who published a report, and who published it first.

Syndicated news is the rule, not the exception: a site reprints a wire or a broadcaster's
story and says so in a notice ("originally published by X"), a dateline ("CITY (AP) —")
or its own promotion lines ("Follow X on Twitter"). The wording is general newsroom
convention, kept as regexes in ``data/publishers.json`` with the newswire acronyms.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from eventledger.extract._resources import load, patterns

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"[\w&.'’/-]+")


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern[str]:
    # Case matters here: a dateline city is capitalised, the agency is a proper name.
    return re.compile(load("publishers")["dateline"])


def agency_name(code: str) -> str | None:
    """The full name of a newswire from its usual short form ("AP" -> "Associated Press")."""
    return load("publishers")["agencies"].get(code.strip().upper())


def _stopwords() -> frozenset[str]:
    return frozenset(load("publishers")["name_stopwords"])


def _clean(name: str) -> str | None:
    """A matched outlet name without stray punctuation, a leading article or filler words."""
    name = re.sub(r"\s+", " ", name).strip(" \t\"'“”‘’.,:;-–—")
    name = re.sub(r"^the\s+", "", name)  # a lower-case article; "The Conversation" is a name
    if not name or len(name.split()) > 8 or name.lower() in _stopwords():
        return None
    return agency_name(name) or name


def _proper_tail(text: str) -> str | None:
    """The run of capitalised tokens at the end of ``text`` ("brand new verified XYZ" -> "XYZ").

    Promotion lines wrap the outlet's name in adjectives ("our new official ... channel");
    the name is the proper-noun run closest to the platform word.
    """
    stop = _stopwords() - {"the", "news", "daily"}
    kept: list[str] = []
    for tok in reversed(_TOKEN.findall(text)):
        if tok[:1].isupper() or tok[:1].isdigit():
            if tok.lower() in stop:
                break
            kept.append(tok)
        else:
            break
    if not kept:
        return None
    return _clean(" ".join(reversed(kept)))


def original_publisher(line: str) -> tuple[str, str] | None:
    """``(name, phrase)`` from a reprint notice, or None when the line is no such notice."""
    for pat in patterns("publishers", "reprint"):
        m = pat.search(line)
        if m:
            name = _clean(m.group("name"))
            if name:
                logger.debug("original publisher %r from %r", name, m.group(0))
                return name, m.group(0)
    return None


def is_reprint_notice(line: str) -> bool:
    """A short line saying the piece was published elsewhere first (dropped from the body)."""
    if len(line.split()) > 60:
        return False
    return original_publisher(line) is not None or any(p.search(line) for p in patterns("publishers", "reprint_cues"))


def dateline_agency(paragraph: str) -> tuple[str, str] | None:
    """``(agency, phrase)`` from a wire dateline opening a paragraph: "PARIS (AFP) —"."""
    m = _dateline().match(paragraph)
    if not m:
        return None
    name = agency_name(m.group("agency"))
    return (name, m.group(0)) if name else None


def outlet_from_promotion(line: str) -> tuple[str, str] | None:
    """``(outlet, phrase)`` from a line where a site promotes itself.

    "Join our ... X Telegram channel", "Follow X on Twitter", "Subscribe to X's newsletter",
    "© 2020 X", "X Staff": only the proper-name tokens are returned, never "our" or "new".
    """
    if len(line.split()) > 40:
        return None
    for pat in patterns("publishers", "self_promotion"):
        m = pat.search(line)
        if not m:
            continue
        name = _proper_tail(m.group("name"))
        if name:
            logger.debug("publisher %r from promotion line %r", name, line)
            return name, line
    return None


_HOSTLIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:/.*)?$", re.I)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gob", "nic"})


def outlet_key(publisher: str | None) -> str | None:
    """One key per outlet, whether it was named on the page or only known by its URL's host.

    "The Harbor Post", "Harbor Post", "harborpost.com", "https://news.harborpost.co.uk/a" all give
    "harborpost", so that four stories of one outlet count as one source even when some pages
    name the outlet and others only carry its address. A newswire's short form counts as its
    full name ("AP" and "Associated Press" are one).
    """
    if not publisher or not publisher.strip():
        return None
    text = publisher.strip()
    if _HOSTLIKE.match(text) and " " not in text:
        host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text.lower()).split("/")[0].split(":")[0]
        labels = [x for x in host.split(".") if x]
        labels = labels[:-1]  # the top-level domain
        if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
            labels = labels[:-1]  # "co.uk", "com.au"
        text = labels[-1] if labels else host
    else:
        text = agency_name(text) or text
        text = re.sub(r"^the\s+", "", text, flags=re.I)
    key = re.sub(r"[\W_]+", "", text.lower())
    return key or None
