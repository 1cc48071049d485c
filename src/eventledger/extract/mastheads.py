"""Who published a page, from the lines a page uses to name itself.

Scraped pages name their outlet outside the article: a site-name line beside the date
line or byline ("Harbor Post"), a byline with the outlet after the reporter ("By Jane Doe,
Harbor Post"), a headline suffix ("Storm hits coast | Harbor Post") or only the URL host.
A short capitalised line is a person as often as an outlet, so a site-name line must read
like an outlet: a newsroom word ("Post", "Radio", "News"), a name with a lower-case
connector ("Voice of America"), a newswire's short form, or a web domain. The words are
general newsroom vocabulary in ``data/publishers.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from eventledger.extract._resources import load
from eventledger.extract.publishers import agency_name

_MAX_WORDS = 6
_TOKEN = re.compile(r"[^\s]+")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\d?\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})/?$", re.I)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?P<name>[^|–—]{2,60})$")


class _Vocab(NamedTuple):
    outlet_words: frozenset[str]
    connectors: frozenset[str]
    joiners: frozenset[str]
    stopwords: frozenset[str]
    roles: frozenset[str]
    byline: re.Pattern[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    data = load("publishers")
    return _Vocab(
        frozenset(data["outlet_words"]),
        frozenset(data["name_connectors"]),
        frozenset(data["name_joiners"]),
        frozenset(data["name_stopwords"]),
        frozenset(data["byline_roles"]),
        re.compile(data["byline"], re.I),
    )


def _bare(token: str) -> str:
    return token.strip(".,:;!?'\"’“”()").lower()


def site_name(line: str) -> str | None:
    """The outlet a short line names, when it reads like an outlet's name and nothing else.

    A person ("Jane Doe"), a section ("World News") or a menu word is not an outlet: at
    least one word must be neither generic nor a newsroom word, and one cue must say outlet.
    """
    line = line.strip()
    if agency := agency_name(line):
        return agency
    if m := _DOMAIN.match(line):
        return m.group("host").lower()
    tokens = _TOKEN.findall(line)
    if not 1 <= len(tokens) <= _MAX_WORDS or line[-1:] in ".!?:" or any(c.isdigit() for c in line):
        return None
    v = _vocab()
    bare = [_bare(t) for t in tokens]
    if not tokens[0][:1].isupper():
        return None
    for tok, low in zip(tokens, bare, strict=True):
        if not (tok[:1].isupper() or low in v.connectors):
            return None
    if all(low in v.outlet_words or low in v.stopwords or low in v.connectors for low in bare):
        return None  # "World News", "Latest News": a section, not an outlet
    inner_connector = any(low in v.joiners for low in bare[1:-1])  # "Voice of America", not "Share on Facebook"
    if any(low in v.outlet_words for low in bare) or inner_connector:
        return line
    return None


def byline_outlet(line: str) -> tuple[str, str] | None:
    """``(outlet, line)`` from a byline naming the reporter's outlet: "By Jane Doe, Harbor Post"."""
    v = _vocab()
    m = v.byline.match(line.strip())
    if not m:
        return None
    name = m.group("name").strip()
    first = _bare(name.split()[0]) if name.split() else ""
    if first in v.roles or not name[:1].isupper():
        return None  # "By Jane Doe, Staff Writer"
    name = re.sub(r"\s+(?:staff|correspondent|reporter|writer)s?$", "", name, flags=re.I)
    found = agency_name(name) or site_name(name)  # not "By Jane Doe, Paris"
    return (found, line.strip()) if found else None


def title_suffix(title: str) -> tuple[str, str] | None:
    """``(headline, outlet)`` when a headline ends with " | Outlet" or " - Outlet"."""
    m = _TITLE_SUFFIX.search(title)
    if not m:
        return None
    name = site_name(m.group("name"))
    head = title[: m.start()].strip()
    return (head, name) if name and head else None


def host(url: str | None) -> str | None:
    """The URL's host without a "www." or mobile prefix ("https://m.x.org/a" -> "x.org")."""
    if not url:
        return None
    return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", (urlsplit(url).hostname or "").lower()) or None


def host_outlet(url: str | None) -> str | None:
    """The outlet behind a URL: a newswire's full name for its host, else the bare host."""
    bare = host(url)
    if not bare:
        return None
    label = bare.split(".")[-2] if "." in bare else bare
    return agency_name(label) or bare
