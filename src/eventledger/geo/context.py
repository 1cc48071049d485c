"""Names that their context says are places, however small: "X Police", "X and Y counties".

Small towns and counties are below the floor at which a name is matched anywhere in running
text (see ``data/country_policy.toml``). News writing still marks them: a local institution
is named after its town ("the X Police Department", "X City Council"), and a list of names
before a plural admin word names admin areas ("X, Y and Z counties"). The heads and plurals
live in ``data/context_heads.toml``; this module only finds the spans and their candidates.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from eventledger.regex_words import haystack, required_words

_NAME = r"[A-Z][\w'’.-]*"
_ADMIN = ("A.ADM1", "A.ADM2")


@dataclass(frozen=True, slots=True)
class Cue:
    """A span the context calls a place, with what kind of place (``town`` or ``area``; ``named``
    for a name NER gave to a person or an organisation, ``facility``)."""

    start: int
    end: int
    text: str
    kind: str
    suffix: str | None = None  # the singular admin word ("County") of an "X and Y counties" list


@dataclass(frozen=True, slots=True)
class _Heads:
    institution: re.Pattern
    generic: frozenset[str]
    plural: re.Pattern
    singular: dict[str, str]
    facility: re.Pattern
    clipped: dict[str, str]
    titled: re.Pattern
    speech_before: re.Pattern
    speech_after: re.Pattern


@lru_cache(maxsize=1)
def _heads() -> _Heads:
    raw = tomllib.loads(
        files("eventledger.geo").joinpath("data").joinpath("context_heads.toml").read_text(encoding="utf-8")
    )
    heads = sorted(raw["institution_heads"], key=len, reverse=True)
    alt = "|".join(re.escape(h) for h in heads)
    institution = re.compile(rf"\b((?:{_NAME}\s){{0,2}}?{_NAME})\s(?:{alt})\b")
    plurals = raw["admin_plurals"]
    item = rf"{_NAME}(?:\s{_NAME})?"
    plural = re.compile(
        rf"\b((?:{item}(?:,\s|,?\s(?:and|or)\s))+{item})\s({'|'.join(map(re.escape, plurals))})\b",
    )
    fac = "|".join(re.escape(h) for h in raw["facility_heads"])
    facility = re.compile(rf"\b(?:{_NAME}\s){{1,4}}(?:{fac})\b")
    titles = "|".join(re.escape(t) for t in raw["person_titles"])
    verbs = "|".join(re.escape(v) for v in raw["speech_verbs"])
    return _Heads(
        institution,
        frozenset(raw["generic_names"]),
        plural,
        dict(plurals),
        facility,
        raw["admin_abbreviations"],
        re.compile(rf"(?<![\w.])(?:{titles})\s+$"),
        re.compile(rf"\b(?:{verbs})\s+$"),
        re.compile(rf"(?:,\s\d{{1,3}},|\s(?:{verbs})\b)"),
    )


@lru_cache(maxsize=1)
def _road_institution() -> re.Pattern:
    raw = tomllib.loads(
        files("eventledger.geo").joinpath("data").joinpath("context_heads.toml").read_text(encoding="utf-8")
    )
    return re.compile(rf"\s+(?:{'|'.join(map(re.escape, raw['road_institutions']))})\b")


def road_institution_at(text: str, pos: int) -> bool:
    """``text[pos:]`` goes on with an institution's word ("... Highway Patrol"): the road
    word before ``pos`` names an agency, and the name before it is a place."""
    return bool(_road_institution().match(text, pos))


@lru_cache(maxsize=1)
def _locative() -> re.Pattern:
    raw = tomllib.loads(
        files("eventledger.geo").joinpath("data").joinpath("context_heads.toml").read_text(encoding="utf-8")
    )
    words = sorted(raw["locatives"], key=len, reverse=True)
    alt = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<![\w-])(?:{alt})\s+$")


def locative_cues(text: str, named: list[tuple[int, int]]) -> list[Cue]:
    """Names NER calls a person or an organisation (``named``) right after a preposition of
    place: "moved to X", "militias from X" (the small model calls many unfamiliar towns so)."""
    pattern = _locative()
    return [Cue(s, e, text[s:e], "named") for s, e in named if pattern.search(text, max(0, s - 25), s)]


def person_cue(text: str, start: int, end: int) -> bool:
    """The words around ``text[start:end]`` make it a person's name: a title before it
    ("President X", "Mrs X"), a verb of saying beside it ("X said", "said X"), or an age after
    it ("X, 41,"). A one-word name NER calls a person is a place only without such a cue."""
    h = _heads()
    before = text[max(0, start - 20) : start]
    return bool(h.titled.search(before) or h.speech_before.search(before) or h.speech_after.match(text, end))


# a name in capitals that opens the text, a line or a sentence, then a dateline's dash, bracket
# or a comma before its state or country: "SMALLTOWN — Police said", "X FARM, Ill. (AP) -"
_DATELINE = re.compile(
    r"(?:^|\n|[.!?]\s)\s*([A-Z][A-Z'’.-]+(?:\s(?:OF|THE|[A-Z][A-Z'’.-]+)){0,3})\s*(?:,\s[A-Z]|\(|--|—|–|-\s)"
)


def dateline_cues(text: str) -> list[Cue]:
    """The place a report was filed from, however small: a name in capitals before a dateline
    mark. Four letters or more, so that an agency's acronym ("AP -") is not taken."""
    out = []
    for m in _DATELINE.finditer(text):
        if len(m.group(1).replace(" ", "")) >= 4:
            out.append(Cue(m.start(1), m.end(1), m.group(1), "town"))
    return out


_RESIDENCE = re.compile(
    rf"(?:,\s\d{{1,3}})?,?\s(?:of|from)\s({_NAME}(?:\s{_NAME}){{0,2}})"
    r"(?=[,.;:)]|\s(?:and|who|whose|was|is|has|had|said|says|were|are|told|in|on)\b)"
)


def residence_cues(text: str, people: list[tuple[int, int]]) -> list[Cue]:
    """The town a person is from, as local news writes it: "Ann Roe of X", "Ann Roe, 41, of X,"
    right after the person's name (``people``: the spans NER calls persons). The name must end
    the clause, so "Ann Roe of Acme Widgets Inc. said" still needs the gazetteer to agree."""
    out = []
    for _, end in people:
        m = _RESIDENCE.match(text, end)
        if m:
            out.append(Cue(m.start(1), m.end(1), m.group(1), "town"))
    return out


@lru_cache(maxsize=1)
def _clipped() -> re.Pattern:
    alt = "|".join(re.escape(a) for a in _heads().clipped)
    return re.compile(rf"\b((?:{_NAME}\s){{0,2}}?{_NAME})\s({alt})(?!\w)")


@lru_cache(maxsize=16)
def _needs(rx: re.Pattern) -> tuple[str, ...]:
    return required_words(rx.pattern, rx.flags)


def scan(rx: re.Pattern, text: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, skipped when the text lacks every word a match needs.

    Why: most reports name no county, prefecture or airport, and a scan for a capitalised run
    before such a word costs a pass over the whole text; asking whether one of the words
    occurs at all is a few substring tests (``eventledger.regex_words``, which is sound)."""
    needs = _needs(rx)
    if needs:
        low = haystack(text)
        if low is not None and not any(w in low for w in needs):
            return iter(())
    return rx.finditer(text)


def clipped_admin_cues(text: str) -> list[tuple[Cue, str]]:
    """Names before a clipped admin word ("Platte Co."), each with its full form ("Platte County")."""
    h = _heads()
    out = []
    for m in scan(_clipped(), text):
        cue = Cue(m.start(), m.end(), m.group(0), "area", h.clipped[m.group(2)])
        out.append((cue, f"{m.group(1)} {h.clipped[m.group(2)]}"))
    return out


def facility_cues(text: str) -> list[Cue]:
    """Named facilities and landmarks ("Mill Street", "St Anne's Hospital"), a leading article
    left out: a place whose point is the town it lies in."""
    h = _heads()
    out = []
    for m in scan(h.facility, text):
        words = list(re.finditer(r"\S+", m.group(0)))
        while words and words[0].group(0) in ("The", "A", "An"):
            words.pop(0)
        # "the town's X Hospital": the facility starts after the owner's name
        owner = [i + 1 for i, w in enumerate(words[:-1]) if w.group(0).endswith(("'s", "’s"))]
        words = words[max(owner, default=0) :]
        if len(words) < 2:
            continue
        start, end = m.start() + words[0].start(), m.end()
        out.append(Cue(start, end, text[start:end], "facility"))
    return out


def institution_cues(text: str) -> list[Cue]:
    """Names right before a local institution's head ("Grovetown Police"): each tail of the
    capitalised run that is not a generic word, longest first ("But East Bank Mayor" gives
    "But East Bank", "East Bank", "Bank"), for the caller to take the first tail that names a
    place. A word that ends a sentence ("Monday.") starts the run after it; "the State Police"
    names no place."""
    h = _heads()
    out = []
    for m in h.institution.finditer(text):
        words = list(re.finditer(r"\S+", m.group(1)))
        ends = [i + 1 for i, w in enumerate(words[:-1]) if w.group(0)[-1] in ".:;!?" and len(w.group(0)) > 3]
        words = words[max(ends, default=0) :]
        for i in range(len(words)):
            tail = words[i:]
            if all(w.group(0) in h.generic for w in tail) or tail[0].group(0) in h.generic:
                continue
            start = m.start(1) + tail[0].start()
            end = m.start(1) + tail[-1].end()
            out.append(Cue(start, end, text[start:end], "town"))
    return out


def plural_admin_cues(text: str) -> list[Cue]:
    """Each name of "X, Y and Z counties" (or provinces, districts...), as an admin area."""
    h = _heads()
    out = []
    for m in scan(h.plural, text):
        suffix = h.singular[m.group(2)]
        for item in re.finditer(rf"{_NAME}(?:\s{_NAME})?", m.group(1)):
            s, e = m.start(1) + item.start(), m.start(1) + item.end()
            if text[s:e] in h.generic:
                continue
            out.append(Cue(s, e, text[s:e], "area", suffix))
    return out


def admin_only(cands: tuple) -> tuple:
    """The admin-area readings of a name a plural admin word governs."""
    return tuple(c for c in cands if c.feature in _ADMIN)
