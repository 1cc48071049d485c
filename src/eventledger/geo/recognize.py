"""Toponym recognition: which stretches of a text name places.

spaCy's small model misses many place names and calls others persons, so three sources are
combined, each with its own filter against false hits:

1. gazetteer matches (Aho–Corasick over the folded text) of names safe to look for anywhere:
   countries, provinces, demonyms, regions, towns of 15,000+ people, "X County". A hit must
   start with a capital, sit on word boundaries and be a proper noun (or an adjectival form),
   and stop-listed common words ("May", "Nice") need NER to agree;
2. NER entities GPE/LOC/FAC/NORP that the gazetteer knows, plus PERSON/ORG entities whose
   whole text is a well-known place ("Washington said", metonymy counts as a toponym);
3. patterns: "X County", "X Province", "the city of X", and proper-noun runs that name a
   place in a country the document is already about (the local lexicon of a local paper).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import ahocorasick

from eventledger.geo.context import (
    admin_only,
    clipped_admin_cues,
    dateline_cues,
    facility_cues,
    institution_cues,
    locative_cues,
    person_cue,
    plural_admin_cues,
    residence_cues,
    road_institution_at,
    scan,
)
from eventledger.geo.names import fold, name_key
from eventledger.geo.policy import admin_suffix_words
from eventledger.geo.store import BROAD_FEATURES, Candidate, Gazetteer

logger = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Ranks of feature codes: an entity that is a whole PERSON/ORG only counts as a place when
# its name is a well-known one (a country, a province, a big city), as in "Moscow said".
_FAMOUS_FEATURES = BROAD_FEATURES | {"A.ADM1"}
_FAMOUS_POPULATION = 500_000
_MINOR_TOWN = 100_000
_FOCUS_SHARE = 0.25
# Endings that make a capitalised word a settlement name even when NER calls it a person.
_PLACE_SUFFIX = re.compile(
    r"(ville|burg|burgh|borough|boro|town|field|port|polis|haven|chester|mouth|bury|shire|stan)$"
)


@dataclass(slots=True)
class Mention:
    """A span that names a place, with every gazetteer entry it may refer to."""

    start: int
    end: int
    text: str
    source: str  # gazetteer | ner | pattern | lexicon | facility
    candidates: tuple[Candidate, ...]
    label: str | None = None


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    text = files("eventledger.geo").joinpath("data").joinpath("stoplist.txt").read_text(encoding="utf-8")
    return frozenset(name_key(w) for w in text.splitlines() if w.strip() and not w.startswith("#"))


_AUTOMATA: dict[str, ahocorasick.Automaton] = {}


def automaton(gaz: Gazetteer) -> ahocorasick.Automaton:
    """The matcher over free-text names, built once per index (about a second)."""
    key = str(gaz.path)
    if key not in _AUTOMATA:
        auto = ahocorasick.Automaton()
        for name, kind in gaz.free_text_keys():
            auto.add_word(name, (name, kind))
        auto.make_automaton()
        _AUTOMATA[key] = auto
        logger.debug("built matcher over %d names", len(auto))
    return _AUTOMATA[key]


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or after.isalnum():
        return False
    # "U.S." ends in a dot; a name followed by "-" is part of a compound ("Seoul-based" is fine)
    return not (before in "'’" and start > 1 and text[start - 2].isalnum())


def _capitalised(span: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", span) if w]
    small = {"of", "the", "de", "del", "la", "le", "du", "da", "and", "upon", "on", "sur", "am", "an", "al", "el"}
    small |= _ADMIN_SUFFIXES
    return bool(words) and words[0][:1].isupper() and all(w[:1].isupper() or w in small for w in words)


class Recognizer:
    """Finds mentions in one text; ``doc`` is its spaCy parse (token offsets = text offsets)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.auto = automaton(gaz)
        self.stop = stoplist()

    def __call__(self, text: str, doc) -> list[Mention]:
        spans = list(doc.ents)  # a property that rebuilds Span objects: read it once
        ents = [(e.start_char, e.end_char, e.label_) for e in spans]
        people = _person_names(text, ents)
        surnames = _surnames(text, ents)
        mentions = self._ner(text, spans, surnames) + self._gazetteer(text, doc, ents, people) + self._patterns(text)
        mentions = [m for m in mentions if self._names_a_place(m, text)]
        chosen = _drop_unsupported(_non_overlapping(mentions))
        residents = [(s, e) for s, e, lab in ents if lab == "PERSON"]
        named = [(s, e) for s, e, lab in ents if lab in ("PERSON", "ORG")]
        chosen += [m for m in self._cued(text, chosen, people, residents, named) if self._names_a_place(m, text)]
        chosen += [m for m in self._lexicon(text, doc, chosen, ents, people) if self._names_a_place(m, text)]
        chosen += _same_name_again(text, chosen, ents, {k for k in people if " " not in k} | self.stop)
        # named facilities the gazetteer cannot know: placed at their town by the resolver
        taken = [(m.start, m.end) for m in chosen]
        chosen += [
            Mention(c.start, c.end, c.text, "facility", ())
            for c in facility_cues(text)
            if not any(s < c.end and c.start < e for s, e in taken)
        ]
        chosen.sort(key=lambda m: m.start)
        return chosen

    def _names_a_place(self, m: Mention, text: str) -> bool:
        if _landform_part(m, text, self.gaz):
            logger.debug("%r at %d is part of a natural feature's name", m.text, m.start)
            return False
        return _names_a_place(m, text)

    # -- 1. gazetteer ------------------------------------------------------------------------
    def _gazetteer(self, text: str, doc, ents: list[tuple[int, int, str]], people: set[str]) -> list[Mention]:
        folded = fold(text)
        # words the text also uses in lower case are common words here ("Day" ... "a day")
        lower = set(_LOWER_WORD.findall(text))
        # one sense per discourse: a name NER calls a place once is a place everywhere
        places_here = {name_key(text[s:e]) for s, e, lab in ents if lab in PLACE_LABELS}
        out: list[Mention] = []
        for end_idx, (key, kind) in self.auto.iter(folded):
            end = end_idx + 1
            start = end - len(key)
            span = text[start:end]
            if not text[start].isupper() or not _boundary(text, start, end) or not _capitalised(span):
                continue
            if kind == "abbr" and not _abbr_context(text, start, end, ents):
                continue  # "Ga.", "SC" name a state only in an address; "N.J." names it anywhere
            label = _covering_label(ents, start, end)
            if not self._plausible(text, doc, start, end, kind, label, lower, places_here, ents):
                continue
            if (
                label not in PLACE_LABELS
                and kind not in ("short", "demonym")
                and name_key(span) in people
                and not self._parent_follows(text, end, key)
                # a town's whole two-word name NER calls a person ("X Falls") is no surname
                and not (" " in span and self._place_named_as_person(text, start, end, key, ents))
            ):
                logger.debug("%r at %d is the name of a person in this text", span, start)
                continue
            cands = self.gaz.lookup(key)
            if cands:
                out.append(Mention(start, end, span, "gazetteer", cands, label))
        return out

    def _plausible(
        self,
        text: str,
        doc,
        start: int,
        end: int,
        kind: str,
        label: str | None,
        lower: set[str],
        places_here: set[str],
        ents: list[tuple[int, int, str]],
    ) -> bool:
        """Filters for a gazetteer-only hit, logged so a missed or extra place can be explained.

        ``text`` is ``doc.text``, passed in: spaCy rebuilds that string on every access, which
        made recognition quadratic in the length of the text."""
        span = text[start:end]
        key = name_key(span)
        if key in self.stop:
            logger.debug("stop-listed %r at %d", span, start)
            return False
        road = _STREET.match(text, end)
        if road and not road_institution_at(text, road.end()):
            logger.debug("%r at %d names a street", span, start)
            return False
        if label in PLACE_LABELS or label == "NORP" or _dateline_at(text, start, end):
            return True
        if label == "PERSON" and key not in places_here and not _PLACE_SUFFIX.search(key):
            # "David", "Taylor", "Lincoln" inside a person's name; but a name followed by its
            # own province or country ("in X Falls, Oregon") is a place whatever NER says
            if self._parent_follows(text, end, key) or self._place_named_as_person(text, start, end, key, ents):
                return True
            logger.debug("%r at %d is inside a person's name", span, start)
            return False
        tokens = doc.char_span(start, end, alignment_mode="expand")
        if tokens is None:
            return False
        if kind == "demonym":
            return all(t.pos_ in ("ADJ", "PROPN", "NOUN") for t in tokens)
        if kind in ("short", "abbr"):
            return True
        if span.isupper() and len(span) <= 3:
            return False  # acronyms ("AP", "BBC") that happen to be a town's code
        if len(span) <= 4 and text[end : end + 1] == ".":
            return False  # abbreviations: "Sen.", "Inc.", "Jan."
        if len(tokens) == 1 and key in lower:
            logger.debug("%r also occurs in lower case: a common word here", span)
            return False
        if span.isupper() and len(span) > 3:
            return True  # datelines: "BEIRUT --"
        inner = all(t.pos_ == "PROPN" or not t.is_alpha or t.is_stop for t in tokens)
        last = tokens[-1]
        ok = inner and tokens[0].pos_ == "PROPN" and (last.pos_ in ("PROPN", "PUNCT") or last.lower_ in _ADMIN_SUFFIXES)
        if not ok and _place_modifier(tokens):
            return True
        if not ok:
            logger.debug("not a proper noun: %r at %d (%s)", span, start, [t.pos_ for t in tokens])
        return ok

    def _place_named_as_person(self, text: str, start: int, end: int, key: str, ents) -> bool:
        """A whole PERSON entity that is a place's name: the small model calls many unfamiliar
        towns persons ("militias from X"). Taken when nothing around it says person (a title, a
        verb of saying, an age) and the place is a big one or a locative word comes before it."""
        if (start, end, "PERSON") not in ents or person_cue(text, start, end):
            return False
        cands = self.gaz.lookup(key)
        big = any(c.population >= _MINOR_TOWN or c.feature in _FAMOUS_FEATURES or c.kind == "demonym" for c in cands)
        return big or bool(_LOCATIVE_ANY_CASE.search(text, max(0, start - 30), start))

    def _parent_follows(self, text: str, end: int, key: str) -> bool:
        """``text[end:]`` is ", Y" with Y the province or country of one of the name's entries."""
        m = _PARENT_AFTER.match(text, end)
        if not m:
            return False
        parent = name_key(m.group(1))
        areas = {c.pid for c in self.gaz.candidates(m.group(1)) if c.feature in ("A.ADM1", "A.PCLI")}
        return any(
            (c.admin1 and name_key(c.admin1) == parent) or bool(areas & set(c.parents)) for c in self.gaz.lookup(key)
        )

    # -- 2. NER ------------------------------------------------------------------------------
    def _ner(self, text: str, ents, surnames: set[str]) -> list[Mention]:
        out: list[Mention] = []
        pairs = [(e.start_char, e.end_char, e.label_) for e in ents]
        for ent in ents:
            if ent.label_ not in PLACE_LABELS and ent.label_ not in ("NORP", "PERSON", "ORG"):
                continue
            for start, end in _parts(text, ent.start_char, ent.end_char):
                span = text[start:end]
                cands = self.gaz.candidates(span)
                postal = "." not in span and any(c.kind == "abbr" for c in cands)
                if postal and not _abbr_context(text, start, end, pairs):
                    cands = tuple(c for c in cands if c.kind != "abbr")  # "SA" alone is no state
                if not cands and _DOTTED.fullmatch(span):
                    # a dotted abbreviation ("X.Y.Z."): only a country's or province's own short
                    # form, not a postal code with dots put in ("P.A." is no Pennsylvania)
                    cands = tuple(
                        c
                        for c in self.gaz.candidates(span.replace(".", ""))
                        if c.feature in ("A.PCLI", "A.ADM1") and c.kind != "abbr"
                    )
                if ent.label_ != "GPE" and name_key(span) in self.stop:
                    continue
                if ent.label_ in ("PERSON", "ORG", "NORP"):
                    # a romanisation skeleton is a loose match: fine for a span NER calls a place,
                    # too loose to overrule NER's reading of a name as a person or a group
                    cands = tuple(c for c in cands if not c.kind.startswith("skeleton"))
                if ent.label_ in ("PERSON", "ORG"):
                    if not any(_famous(c) for c in cands) or not _capitalised(span):
                        logger.debug("NER %s %r at %d names no well-known place", ent.label_, span, start)
                        continue
                    if ent.label_ == "PERSON" and name_key(span) in surnames:
                        continue  # "Nelson said" after "Mike Nelson": the person, not the region
                elif ent.label_ == "NORP" and not cands:
                    continue
                if ent.label_ == "FAC" and not any(_famous(c) for c in cands):
                    # a building or a road ("White House", "Main Street"), not the village that
                    # shares its name: the resolver places it at its town
                    cands = ()
                if not cands and name_key(span) in surnames:
                    continue  # a surname NER misreads as a place ("Smith said"): no place at all
                out.append(Mention(start, end, span, "ner", cands, ent.label_))
        return out

    # -- 3. patterns -------------------------------------------------------------------------
    _ADMIN_AFTER = re.compile(
        r"\b((?:[A-Z][\w'’.-]*\s){0,2}[A-Z][\w'’.-]*)\s(County|Parish|Province|Prefecture|District|"
        r"Oblast|Governorate|Township|Borough|county|province|prefecture|district)\b"
    )
    _ADMIN_BEFORE = re.compile(
        r"\b(?:[Cc]ity|[Tt]own|[Vv]illage|[Cc]ounty|[Pp]rovince|[Dd]istrict|[Rr]egion) of "
        r"((?:[A-Z][\w'’.-]*\s){0,2}[A-Z][\w'’.-]*)"
    )

    def _patterns(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        for m in scan(self._ADMIN_AFTER, text):
            whole = m.group(0)
            cands = self.gaz.candidates(whole) or self.gaz.candidates(m.group(1))
            if cands and m.group(1) not in ("The", "A"):
                out.append(Mention(m.start(), m.end(), whole, "pattern", cands))
        for cue, full in clipped_admin_cues(text):
            cands = admin_only(self.gaz.candidates(full))
            if cands:
                out.append(Mention(cue.start, cue.end, cue.text, "pattern", cands))
        for cue in dateline_cues(text):
            # any entry of the name, however small, but not a loose (skeleton) match
            cands = tuple(c for c in self.gaz.candidates(cue.text) if not c.kind.startswith("skeleton"))
            if cands:
                out.append(Mention(cue.start, cue.end, cue.text, "pattern", cands))
        for m in self._ADMIN_BEFORE.finditer(text):
            cands = self.gaz.candidates(m.group(1))
            if cands:
                out.append(Mention(m.start(1), m.end(1), m.group(1), "pattern", cands))
        for m in self._KINDS_OF.finditer(text):
            for g in (1, 2):
                cands = self.gaz.candidates(m.group(g))
                if cands:
                    out.append(Mention(m.start(g), m.end(g), m.group(g), "pattern", cands))
        return out

    # "the towns of X and Y", "the villages of X, Y": each name is a place of that kind
    _KINDS_OF = re.compile(
        r"\b(?:[Cc]ities|[Tt]owns|[Vv]illages|[Pp]rovinces|[Dd]istricts) of "
        r"([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)(?:,| and| or) ([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)"
    )

    # -- 4. context cues ---------------------------------------------------------------------
    def _cued(
        self,
        text: str,
        chosen: list[Mention],
        people: set[str],
        residents: list[tuple[int, int]],
        named: list[tuple[int, int]],
    ) -> list[Mention]:
        """Names their context calls places (``context.py``): "X Police" or "Ann Roe, 41, of X"
        in a country the report is about (any country when it names none), "X and Y counties"
        as admin areas."""
        countries = _doc_countries(chosen)
        taken = [(m.start, m.end) for m in chosen]
        out: list[Mention] = []
        cues = plural_admin_cues(text) + institution_cues(text) + residence_cues(text, residents)
        for cue in cues + locative_cues(text, named):
            if any(s < cue.end and cue.start < e for s, e in taken):
                continue
            key = name_key(cue.text)
            # a two-word town NER took for a full name ("Glen X") is still the town when an
            # institution or a residence names it; a lone surname is not
            if key in self.stop or (key in people and (" " not in key or cue.kind == "named")):
                continue
            if cue.suffix:
                cands = admin_only(self.gaz.candidates(f"{cue.text} {cue.suffix}") or self.gaz.candidates(cue.text))
            else:
                cands = tuple(c for c in self.gaz.candidates(cue.text) if not countries or c.country in countries)
            if cue.kind == "named":
                # a loose (skeleton) match is too weak to overrule NER's reading as a name
                cands = tuple(c for c in cands if not c.kind.startswith("skeleton"))
            if cands:
                logger.debug("context-cued place %r at %d (%s)", cue.text, cue.start, cue.kind)
                # a name NER gave to a person or a group is a looser find: not spread further
                source = "lexicon" if cue.kind == "named" else "pattern"
                out.append(Mention(cue.start, cue.end, cue.text, source, cands))
                taken.append((cue.start, cue.end))
        return out + self._with_parent(text, taken, people)

    def _with_parent(self, text: str, taken: list[tuple[int, int]], people: set[str]) -> list[Mention]:
        """ "X, Y" with Y a province, county or country that one of X's entries lies in: X is
        that place whatever its size ("Croft, Yorkshire", "Ridge Farm, Ill."); its readings are
        the ones inside Y. The longest tail of the capitalised run before the comma is tried
        first."""
        out: list[Mention] = []
        areas_of: dict[str, set[int]] = {}
        for m in _NAME_THEN_PARENT.finditer(text):
            parent_text = m.group(2)
            if parent_text not in areas_of:
                found = self.gaz.candidates(parent_text) or self.gaz.candidates(parent_text.rstrip("."))
                areas_of[parent_text] = {c.pid for c in found if c.feature in ("A.ADM1", "A.ADM2", "A.PCLI")}
            areas = areas_of[parent_text]
            parent = name_key(parent_text.rstrip("."))
            words = list(re.finditer(r"\S+", m.group(1)))
            for i in range(len(words)):
                s, e = m.start(1) + words[i].start(), m.end(1)
                if any(a < e and s < b for a, b in taken):
                    break
                key = name_key(text[s:e])
                if key in self.stop or key in people:
                    continue
                cands = tuple(
                    c
                    for c in self.gaz.candidates(text[s:e])
                    if not c.kind.startswith("skeleton") and (areas & set(c.parents) or _in_named_area(c, parent))
                )
                if cands:
                    logger.debug("%r at %d lies in the %r named after it", text[s:e], s, parent_text)
                    out.append(Mention(s, e, text[s:e], "pattern", cands))
                    taken.append((s, e))
                    break
        return out

    # -- 5. local lexicon --------------------------------------------------------------------
    def _lexicon(self, text: str, doc, chosen: list[Mention], ents, people: set[str]) -> list[Mention]:
        """Proper-noun runs that name a place in a country the document already names.

        This is what lets a small town (below the free-text threshold) or a county in an
        unusual romanisation be found: the run is only taken when a gazetteer entry lies
        in one of the countries the other mentions point to. A run NER calls a person or an
        organisation is taken only on stronger evidence: a locative cue before it ("in X",
        ", 41, of X", "the village of X") and an entry in a province the report names.
        """
        countries = _doc_countries(chosen)
        if not countries:
            return []
        provinces = {
            (c.country, c.admin1)
            for m in chosen
            if m.source != "lexicon"
            for c in m.candidates
            if c.feature == "A.ADM1"
        }
        taken = [(m.start, m.end) for m in chosen]
        lower = set(_LOWER_WORD.findall(text))
        out: list[Mention] = []
        for start, end in _proper_noun_runs(doc, text):
            span = text[start:end]
            if any(s < end and start < e for s, e in taken):
                continue
            label = _covering_label(ents, start, end)
            if label in ("DATE", "TIME", "MONEY", "CARDINAL"):
                continue
            named = label in ("PERSON", "ORG")
            if named and not _LOCATIVE.search(text, max(0, start - 30), start):
                continue
            key = name_key(span)
            if key in self.stop or len(span) < 4 or key in lower or key in people:
                continue
            cands = tuple(
                c
                for c in self.gaz.candidates(span)
                if c.country in countries and (not named or (c.country, c.admin1) in provinces)
            )
            if cands:
                logger.debug("local-lexicon place %r at %d (%s)", span, start, cands[0].country)
                out.append(Mention(start, end, span, "lexicon", cands, label))
        return out


_STREET = re.compile(
    r"\s+(?:Road|Rd|Street|St|Avenue|Ave|Drive|Dr|Boulevard|Blvd|Lane|Ln|Highway|Hwy|Pike|Parkway|"
    r"Pkwy|Way|Court|Ct|Place|Pl|Terrace|Circle|Trail|Square)\b\.?"
)
# Lower-case admin words that end romanised names ("X-gun", "X sheng"): the romanisation
# schemes' suffixes (data/romanisation.toml).
_ADMIN_SUFFIXES = admin_suffix_words()
# words right before a name that say a place follows: "in X", "near X", ", 41, of X"
_LOCATIVE = re.compile(
    r"(?:\b(?:in|near|outside|from|at|to)|, \d{1,3}, of|\b(?:[Vv]illage|[Tt]own|[Cc]ity|[Tt]ownship) of)\s+$"
)
_LOCATIVE_ANY_CASE = re.compile(
    r"(?:\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Ff]rom|[Aa]t|[Tt]o|[Ii]nto)|, \d{1,3}, of"
    r"|\b(?:[Vv]illage|[Tt]own|[Cc]ity) of)\s+$"
)
_LOWER_WORD = re.compile(r"(?<![\w.])[a-z]+(?![\w])")
_NAME_THEN_PARENT = re.compile(
    r"(?<![\w'’.-])((?:[A-Z][\w'’.-]*\s){0,2}[A-Z][\w'’-]*),\s([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?![\w])"
)
_PARENT_AFTER = re.compile(r",\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\b")


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,4}")
_CAPS_WORD = re.compile(r"[A-Z]{2,}")
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|--|\u2014|\u2013|-\s)")


# an acronym with a small word inside ("MoD", "DfE", "PoW": Ministry of Defence, ...): no
# place's name ends in a capital that follows a small letter
_MIXED_ACRONYM = re.compile(r"[A-Z]{1,3}[a-z]{1,3}[A-Z]{1,2}")


def _acronym(m: Mention, text: str) -> bool:
    """An all-caps short name that is not part of an all-caps headline or a dateline."""
    if _MIXED_ACRONYM.fullmatch(m.text):
        return True
    if not _ACRONYM.fullmatch(m.text):
        return False
    before = text[max(0, m.start - 30) : m.start].split()
    after = text[m.end : m.end + 30].split()
    if (
        before
        and _CAPS_WORD.fullmatch(before[-1].strip(",.:;"))
        or after
        and _CAPS_WORD.fullmatch(after[0].strip(",.:;"))
    ):
        return False  # a headline or dateline in capitals: "KABUL, Afghanistan" is a place
    return not _dateline_at(text, m.start, m.end)


_OPENS = re.compile(r"(?:^|\n|[.!?]\s)\s*$")


def _dateline_at(text: str, start: int, end: int) -> bool:
    """A name in capitals that opens a line or a sentence and is followed by a dateline dash,
    comma or bracket ("OMAHA --", "KIDAL, Mali (AFP) -"): where the report was filed."""
    span = text[start:end]
    return (
        span.isupper()
        and bool(_OPENS.search(text, max(0, start - 4), start))
        and bool(_DATELINE_AFTER.match(text, end))
    )


_COMPOUND_BEFORE = re.compile(r"\b(?:anti|pro|non|ex|post|pre|neo)[-\u2010\u2011]$", re.IGNORECASE)


def _names_a_place(m: Mention, text: str) -> bool:
    """Capitalised is not enough: filters for spans that are names of something else.

    * an all-caps acronym ("BLA", "NISA") is an organisation's short name that happens to be
      a town's, unless it is a known short form (a curated "UAE", "DRC") or a country's or
      province's own code ("BC"); the towns it collides with are never what it means;
    * a group adjective (NER NORP with an adjective ending: "Christian", "Shiite") is a place
      only as a country's or region's adjective (NER also calls some towns NORP: those stay);
    * a name inside a hyphenated compound with a prefix ("anti-X militias", "pro-X groups")
      names a movement, unless it is a country or region ("pro-Russian" is still Russia).
    """
    if m.label == "NORP" and _ADJECTIVE.search(m.text):
        # a nationality, religion or group: a place only as a country's or region's adjective
        # ("Iraqi", "Kurdish"), never as a county or town that happens to share the word
        m.candidates = tuple(c for c in m.candidates if c.kind == "demonym" or c.feature in _FAMOUS_FEATURES)
        if not m.candidates:
            logger.debug("group name %r at %d is no country's or region's adjective", m.text, m.start)
            return False
    broad = any(c.feature in _FAMOUS_FEATURES or c.kind in _CURATED_KINDS for c in m.candidates)
    if not broad and _acronym(m, text):
        logger.debug("acronym %r at %d names no country or province: not a place", m.text, m.start)
        return False
    if _COMPOUND_BEFORE.search(text[max(0, m.start - 5) : m.start]) and not broad:
        logger.debug("%r at %d is part of a compound name", m.text, m.start)
        return False
    return True


@lru_cache(maxsize=1)
def landform_heads() -> frozenset[str]:
    text = files("eventledger.geo").joinpath("data").joinpath("landform_heads.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b")
_PREV_WORD = re.compile(r"\b[A-Z][\w'’-]* $")


def _landform_part(m: Mention, text: str, gaz: Gazetteer) -> bool:
    """``m`` is a word of a feature's name the gazetteer lacks: a town-only name before a head
    ("the X Forest", "the X Mountains"), or the head word itself after a name. A whole name the
    gazetteer knows ("X Hills" as a town) is left to the longer mention."""
    prev = _PREV_WORD.search(text, max(0, m.start - 40), m.start)
    if m.text in landform_heads() and prev:
        return not gaz.candidates(text[prev.start() : m.end])
    nxt = _NEXT_WORD.match(text, m.end)
    if nxt and nxt.group(1) in landform_heads() and all(c.feature.startswith("P.") for c in m.candidates):
        return not gaz.candidates(text[m.start : nxt.end()])
    return False


_DOTTED = re.compile(r"(?:[A-Z]\.){2,4}")


def _abbr_context(text: str, start: int, end: int, ents: list[tuple[int, int, str]]) -> bool:
    """An abbreviated state name stands in an address: after a town and a comma ("Dayton,
    Ohio" style: "Ga.", "Columbia, SC") or alone in brackets ("(NSW)"). A dotted "N.J." is one
    anywhere. An undotted postal code must be in capitals ("SC", not "Sc") and follow a
    capitalised word; one after a person's name is a degree or a title ("Jane Roe, MD")."""
    span = text[start:end]
    if _DOTTED.fullmatch(span):
        return True
    if "." not in span and not span.isupper() and len(span) <= 2:
        return False
    if text.startswith("(", start - 1) and text.startswith(")", end):
        return "." not in span
    if not text.startswith(", ", start - 2):
        return False
    if "." not in span and not _TOWN_BEFORE_COMMA.search(text, max(0, start - 40), start):
        return False  # "the crackdown, PA officials": no town before the comma
    return not any(e == start - 2 and lab == "PERSON" for _, e, lab in ents)


_TOWN_BEFORE_COMMA = re.compile(r"\b[A-Z][\w'’.-]*, $")
_ADJECTIVE = re.compile(r"(?:an|ish|ese|ic|ite|ist)s?$")
_CURATED_KINDS = frozenset({"short", "abbr", "variant", "demonym"})


def _proper_noun_runs(doc, text: str) -> list[tuple[int, int]]:
    """Character spans of runs of capitalised proper nouns, read from the parse's arrays
    (making a Token object per token was most of the stage's time on long texts)."""
    try:
        from spacy.attrs import IDX, LENGTH, POS
        from spacy.symbols import PROPN

        rows = doc.to_array([POS, IDX, LENGTH]).tolist()
    except (ImportError, AttributeError, ValueError):
        return []
    runs: list[tuple[int, int]] = []
    start = end = -1
    for pos, idx, length in rows:
        if pos == PROPN and text[idx : idx + 1].isupper():
            if start < 0:
                start = idx
            end = idx + length
        elif start >= 0:
            runs.append((start, end))
            start = -1
    if start >= 0:
        runs.append((start, end))
    return runs


def _drop_unsupported(mentions: list[Mention]) -> list[Mention]:
    """Drop gazetteer-only hits on minor towns unrelated to the rest of the document.

    A capitalised word that NER did not call a place and that only names towns of under
    100,000 people is usually a surname or a brand ("Roy", "Toyota"); it is kept when one of
    those towns lies in a country that a quarter or more of the other place names point to.
    """
    strong = [m for m in mentions if not _weak(m)]
    votes = Counter(c for m in strong for c in {c.country for c in _prominent(m.candidates)[:3]} if c)
    countries = {c for c, n in votes.items() if n >= _FOCUS_SHARE * len(strong)}
    # names of the report whose readings share a province: neighbours support each other
    names = {name_key(m.text): m.candidates for m in mentions}
    names_in = Counter(a for cands in names.values() for a in {(c.country, c.admin1) for c in cands if c.admin1})
    out = []
    for m in mentions:
        if (
            _weak(m)
            and not any(c.country in countries for c in m.candidates)
            and not any(names_in[(c.country, c.admin1)] >= 2 for c in m.candidates if c.admin1)
        ):
            logger.debug("dropped %r at %d: a minor town, nothing else points there", m.text, m.start)
            continue
        out.append(m)
    return out


def _place_modifier(tokens) -> bool:
    """A one-word name the tagger calls a common noun or adjective, opening a sentence or a
    headline and modifying the lower-case noun after it: "X woman charged", "X residents march"
    (a place's name used as a modifier; its lower-case use elsewhere was already ruled out)."""
    if len(tokens) != 1 or tokens[0].pos_ not in ("NOUN", "ADJ") or not tokens[0].is_sent_start:
        return False
    doc = tokens[0].doc
    i = tokens[0].i + 1
    return i < len(doc) and doc[i].pos_ == "NOUN" and doc[i].text.islower() and doc[i].is_alpha


def _in_named_area(c: Candidate, parent: str) -> bool:
    """One of the admin areas above ``c`` is called ``parent`` (a key), or ends in it: a
    traditional name of a county ("Yorkshire") matches the admin area "North Yorkshire"."""
    return any((k := name_key(a)) == parent or k.endswith(" " + parent) for a in (*c.admin_path, c.admin1 or "") if a)


def _same_name_again(text: str, chosen: list[Mention], ents, refused: set[str]) -> list[Mention]:
    """One sense per discourse: a name taken as a place once is that place wherever else the
    report writes it ("in X" found, then "X's economy" missed because NER called it a person),
    unless that occurrence sits in a person's full name or beside a person's cue. Not for the
    loosest finds (the local lexicon), names of people or stop-listed words (``refused``), nor
    words the report also writes in lower case."""
    lower = set(_LOWER_WORD.findall(text))
    known: dict[str, Mention] = {}
    for m in chosen:
        key = name_key(m.text)
        if (
            m.candidates
            and m.source not in ("facility", "lexicon")
            and len(m.text) >= 3
            and key not in refused
            and m.text.lower() not in lower
        ):
            known.setdefault(m.text, m)
    if not known:
        return []
    taken = [(m.start, m.end) for m in chosen]
    full_names = [(s, e) for s, e, lab in ents if lab == "PERSON" and " " in text[s:e]]
    hits = []
    for name in known:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            before = text[at - 1] if at else " "
            if not (before.isalnum() or before in "'’.-") and not (end < len(text) and text[end].isalnum()):
                hits.append((at, end, name))
            at = text.find(name, end)
    out: list[Mention] = []
    for s, e, name in sorted(hits, key=lambda h: (h[0], h[0] - h[1])):
        if any(a < e and s < b for a, b in taken):
            continue
        if any(a <= s and e <= b and (a, b) != (s, e) for a, b in full_names) or person_cue(text, s, e):
            continue
        first = known[name]
        logger.debug("%r at %d is the place named so elsewhere in the report", name, s)
        out.append(Mention(s, e, name, first.source, first.candidates, first.label))
        taken.append((s, e))
    return out


def _prominent(cands: tuple[Candidate, ...]) -> list[Candidate]:
    """Readings best known first: countries and provinces, then by population (the store
    returns them in no particular order)."""
    return sorted(cands, key=lambda c: (c.feature not in _FAMOUS_FEATURES, -c.population))


def _weak(m: Mention) -> bool:
    return (
        m.source == "gazetteer"
        and m.label not in PLACE_LABELS
        and " " not in m.text
        and not any(
            _famous(c) or c.population >= _MINOR_TOWN or c.kind in ("short", "demonym", "variant") for c in m.candidates
        )
    )


def _surnames(text: str, ents: list[tuple[int, int, str]]) -> set[str]:
    """Keys of the last words of the full names of people in the text, whatever else NER
    calls them elsewhere: a name the gazetteer does not know is then that person."""
    out = set()
    for s, e, lab in ents:
        words = text[s:e].split()
        if lab == "PERSON" and len(words) > 1 and words[-1][:1].isupper():
            out.add(name_key(words[-1].rstrip(".,'’s")))
    return out


def _person_names(text: str, ents: list[tuple[int, int, str]]) -> set[str]:
    """Keys of people's full names and surnames ("John Ripley" gives "ripley"), since a
    surname used alone later in the report ("Ripley said") is still the person. Names NER
    also calls a place somewhere in the text are left out."""
    places = {name_key(text[s:e]) for s, e, lab in ents if lab in PLACE_LABELS}
    out: set[str] = set()
    for s, e, lab in ents:
        words = text[s:e].split()
        # only full names: a one-word PERSON is often a town NER misread ("Gainesville said")
        if lab == "PERSON" and len(words) > 1 and words[-1][:1].isupper():
            out.add(name_key(" ".join(words)))
            out.add(name_key(words[-1].rstrip(".,'’s")))
    return out - places


def _doc_countries(chosen: list[Mention]) -> set[str]:
    """Countries the report's places so far point to (each mention's first reading)."""
    countries = {c.country for m in chosen for c in m.candidates[:1] if c.feature == "A.PCLI"}
    countries |= {m.candidates[0].country for m in chosen if m.candidates and m.source != "lexicon"}
    countries.discard(None)
    return countries  # type: ignore[return-value]


def _famous(c: Candidate) -> bool:
    return c.feature in _FAMOUS_FEATURES or c.population >= _FAMOUS_POPULATION


def _covering_label(ents: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    for s, e, label in ents:
        if s <= start and end <= e:
            return label
    return None


_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An entity split at commas ("Springfield, Illinois" is two toponyms), trimmed of
    a leading "the" and a possessive."""
    out = []
    for m in re.finditer(r"[^,;]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        piece = text[s:e]
        lead = _LEADING.match(piece.lstrip())
        s += len(piece) - len(piece.lstrip()) + (lead.end() if lead else 0)
        piece = text[s:e].rstrip()
        e = s + len(piece)
        trail = _TRAILING.search(piece)
        if trail:
            e -= len(trail.group(0))
        if e > s:
            out.append((s, e))
    return out


_SOURCE_RANK = {"ner": 3, "pattern": 2, "gazetteer": 1, "lexicon": 0, "facility": 0}


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Longest span first; among equal spans, the better-supported source; resolvable first."""
    ordered = sorted(
        mentions,
        key=lambda m: (-(m.end - m.start), not m.candidates, -_SOURCE_RANK[m.source], m.start),
    )
    taken: list[Mention] = []
    for m in ordered:
        if any(t.start < m.end and m.start < t.end for t in taken):
            continue
        if not m.candidates and any(o.candidates and o.start < m.end and m.start < o.end for o in mentions):
            # an unresolvable NER span ("Springfield police") that contains a known place:
            # prefer the place itself
            continue
        taken.append(m)
    return taken
