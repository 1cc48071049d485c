"""Toponym resolution: which gazetteer entry each mention refers to.

Every distinct name of a document is resolved once (a name keeps one sense within a report,
so "Springfield, Illinois" fixes every later "Springfield"). A candidate's score adds:

* a prior: population (log scale) and feature rank, since a bare "Georgia" or "Paris" in
  news most often means the country or the capital;
* the document's country focus: the share of the other names that point to its country;
* an explicit parent right after it ("Musan county, North Hamgyong"; "Dayton, Ohio");
* a province of it named elsewhere in the document;
* closeness to the places the other names currently resolve to (distance coherence), where
  every reading of the other names counts, weighted by how plausible it is;
* the level a list gives its names ("Clinton, Butler and Warren counties"), and the level of
  an area it is listed beside ("England and Wales");
* for a capital, the report naming its country (a capital stands for its government).

Some readings are never weighed: a demonym means a country, not a town of that name, and a
place that only carries the name as the romanisation skeleton of an alias yields to one that
bears it as its own name. Another name read as the very same place lends no context (distinct
names of a report mostly mean distinct places).

The context terms depend on the other names' choices, so the assignment is refined over a
few rounds starting from the prior. Weights live in ``data/resolve.toml`` beside the
stop-list, apart from this control flow.
"""

from __future__ import annotations

import logging
import math
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files

import numpy as np

from eventledger.geo.names import name_key
from eventledger.geo.policy import level_suffix_patterns
from eventledger.geo.recognize import Mention
from eventledger.geo.store import BROAD_FEATURES, Candidate

logger = logging.getLogger(__name__)

_BROAD = BROAD_FEATURES
_SAYS_COUNTY = re.compile(r"\b(County|Parish|Borough|county)$")
_SAYS_PROVINCE = re.compile(r"\b(Province|State|province)$")


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    raw = files("eventledger.geo").joinpath("data").joinpath("resolve.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)["weights"]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _prior(c: Candidate, text: str, w: dict[str, float]) -> float:
    score = w["population"] * math.log10(c.population + 10)
    score += w.get("feature_" + c.feature.replace(".", "_"), 0.0)
    if c.kind == "alt":
        score += w["alternate_name"]
    elif c.kind == "skeleton":
        score += w["romanisation_skeleton"]
    elif c.kind == "skeleton-alt":
        score += w["romanisation_skeleton"] + w["alternate_name"]
    county, province = level_suffix_patterns()
    if c.feature == "A.ADM2" and (_SAYS_COUNTY.search(text) or county.search(text)):
        score += w["says_county"]
    if c.feature == "A.ADM1" and (_SAYS_PROVINCE.search(text) or province.search(text)):
        score += w["says_province"]
    return score


_CUE = re.compile(
    r"\b(?:(?P<town>town|village|city|hamlet|settlement|suburb|township)|"
    r"(?P<area>province|region|state|governorate|district|county|prefecture|oblast))\s+of\s+$",
    re.IGNORECASE,
)


def _cue(text: str, starts: list[int]) -> str | None:
    """What the words before a name say it is: "the town of X" (a settlement), "the province
    of X" (an area). Any of the name's mentions may carry the cue."""
    for start in starts:
        m = _CUE.search(text, max(0, start - 40), start)
        if m:
            return "town" if m.group("town") else "area"
    return None


_NAME = r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}"
# "Clay, Grant and Swift counties", "Preble or Warren counties": every name of the list is one
_LISTED = re.compile(
    rf"(?:\s*,\s*{_NAME})*(?:\s*,?\s+(?:and|or)\s+{_NAME})?\s+"
    r"(?:(?P<adm2>counties|parishes|boroughs|districts)|(?P<adm1>states|provinces|governorates|oblasts|regions))\b"
)


def _listed_level(text: str, ends: list[int]) -> str | None:
    """The feature a plural level word after a list of names gives each of them: "Clay, Grant
    and Swift counties" are three counties (``A.ADM2``), "Ohio and Indiana states" two states."""
    for end in ends:
        m = _LISTED.match(text, end)
        if m:
            return "A.ADM2" if m.group("adm2") else "A.ADM1"
    return None


def _kind(c: Candidate) -> str:
    return "town" if c.feature.startswith("P.") else "area" if c.feature.startswith("A.ADM") else "other"


_DATELINE_AFTER = re.compile(r"\s*(?:,[^\n]{0,40}?)?\s*(?:\(|--|\u2014|\u2013|-\s|:)")


def _dateline(text: str, m: Mention) -> bool:
    """A name opening a line (or in capitals) and followed by a dateline dash or bracket ("SPRINGFIELD -",
    "KABUL, Afghanistan (Wire) --"): where the report was filed, the best single clue to
    where its other places are."""
    line_start = text.rfind("\n", 0, m.start) + 1
    opens = m.text.isupper() and len(m.text) > 3 or m.start - line_start < 3 and m.text.isupper()
    return opens and m.text[:1].isupper() and bool(_DATELINE_AFTER.match(text, m.end))


def _own_first(cands: list[Candidate]) -> list[Candidate]:
    """The readings a name can fairly have.

    A people's name means its country ("Canadian fans" are not from Canadian, Texas), so a
    demonym keeps only the countries it names. Otherwise the places that only list the name as
    the romanisation skeleton of an alias go when some place bears it as its own name: the
    weakest of matches never stands against an exact one (a village whose alias folds to
    "Sochi" is not Sochi)."""
    peoples = [c for c in cands if c.kind == "demonym"]
    if peoples:
        return peoples
    own = [c for c in cands if c.kind not in ("alt", "skeleton", "skeleton-alt")]
    if own:
        # nor does a hamlet whose own name merely folds to it stand against a place a hundred
        # times larger that bears the name exactly ("Georgia" is not Gerga)
        floor = max(c.population for c in own) / 100
        return [c for c in cands if c.kind != "skeleton-alt" and (c.kind != "skeleton" or c.population >= floor)]
    return cands


def _dedupe(cands: Sequence[Candidate], limit: int) -> list[Candidate]:
    seen: dict[int, Candidate] = {}
    for c in cands:
        if c.pid not in seen:
            seen[c.pid] = c
    ranked = sorted(seen.values(), key=lambda c: (c.feature in _BROAD, c.population), reverse=True)
    return ranked[:limit]


def resolve(mentions: Sequence[Mention], text: str) -> list[Candidate | None]:
    """The chosen entry for each mention (``None`` when the gazetteer has no candidate)."""
    w = weights()
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.candidates:
            groups[name_key(m.text)].append(i)
    # A group inherits the candidates of all its mentions (a "County" pattern and a bare NER
    # span of the same name may have found different entries).
    cands: dict[str, list[Candidate]] = {
        k: _dedupe(_own_first([c for i in idx for c in mentions[i].candidates]), int(w["max_candidates"]))
        for k, idx in groups.items()
    }
    priors = {k: [_prior(c, mentions[idx[0]].text, w) for c in cands[k]] for k, idx in groups.items()}
    for k, idx in groups.items():
        cue = _cue(text, [mentions[i].start for i in idx])
        if cue:
            priors[k] = [
                p + (w["says_kind"] if _kind(c) == cue else 0.0) for c, p in zip(cands[k], priors[k], strict=True)
            ]
    for k, idx in groups.items():
        level = _listed_level(text, [mentions[i].end for i in idx])
        if level:
            priors[k] = [
                p + (w["says_kind"] if c.feature == level else 0.0) for c, p in zip(cands[k], priors[k], strict=True)
            ]
    for k in groups:
        if any(c.kind not in ("alt", "skeleton-alt") for c in cands[k]):
            # a place whose own name this is beats one that merely lists it as an alias
            priors[k] = [
                p + (w["alias_only"] if c.kind in ("alt", "skeleton-alt") else 0.0)
                for c, p in zip(cands[k], priors[k], strict=True)
            ]
    for k in groups:
        _city_over_its_province(cands[k], priors[k], w)
    parents = _explicit_parents(mentions, text, groups)
    peers = _coordinated(mentions, text)
    # a name's say in what the report is about: its mentions, and more if it is the dateline
    weight = {
        k: len(idx) + (w["dateline_votes"] if any(_dateline(text, mentions[i]) for i in idx) else 0.0)
        for k, idx in groups.items()
    }

    for k in groups:
        coherence = _soft_coherence(k, cands, priors, w)
        priors[k] = [p + q for p, q in zip(priors[k], coherence, strict=True)]
    choice = {k: max(range(len(cands[k])), key=lambda j: priors[k][j]) for k in groups}

    # Names are revisited one at a time, each seeing the others' latest choices (updating
    # all at once lets two namesakes chase each other: "Walker County" / "Huntsville").
    def ascend(choice: dict[str, int], fixed: str | None = None) -> dict[str, int]:
        for _round in range(int(w["rounds"])):
            changed = False
            for k in groups:
                if k == fixed:
                    continue
                others = _Others({g: cands[g][choice[g]] for g in groups if g != k}, weight, w)
                best = max(
                    range(len(cands[k])),
                    key=lambda j: priors[k][j] + others.score(cands[k][j], k, parents, peers),
                )
                if best != choice[k]:
                    choice[k], changed = best, True
            if not changed:
                break
        return choice

    def total(choice: dict[str, int]) -> float:
        return sum(
            priors[k][choice[k]]
            + _context(
                cands[k][choice[k]], k, {g: cands[g][choice[g]] for g in groups if g != k}, weight, parents, w, peers
            )
            for k in groups
        )

    choice = ascend(choice)
    # One pass of ascent settles on the reading nearest the population prior; a set of small
    # namesakes that fit together ("Paris" and "Henry County" in one state) is a better whole
    # that no single change reaches. Restart from the runner-up readings of the most named
    # ambiguous names and keep the assignment the whole document scores highest.
    if 1 < len(groups) <= w["restart_max_names"]:
        best_total = total(choice)
        ambiguous = sorted((k for k in groups if len(cands[k]) > 1), key=lambda k: -weight[k])
        for k in ambiguous[: int(w["restart_names"])]:
            ranked = sorted(range(len(cands[k])), key=lambda j: -priors[k][j])
            for j in ranked[: int(w["restart_readings"])]:
                if j == choice[k]:
                    continue
                trial = ascend({**choice, k: j}, fixed=k)
                score = total(trial)
                if score > best_total + 1e-9:
                    choice, best_total = ascend(trial), score

    out: list[Candidate | None] = []
    elsewhere = _outside_their_parent(mentions, text, {k: cands[k][choice[k]] for k in choice})
    for m in mentions:
        k = name_key(m.text)
        if k in choice and k not in elsewhere:
            c = cands[k][choice[k]]
            logger.debug("%r -> %s (%s, %s) of %d candidates", m.text, c.name, c.country, c.feature, len(cands[k]))
            out.append(c)
        else:
            out.append(None)
    return _place_unknown(mentions, out, elsewhere, w, text)


def _place_unknown(
    mentions: Sequence[Mention], out: list[Candidate | None], skip: set[str], w: dict[str, float], text: str
) -> list[Candidate | None]:
    """A named facility ("Mill Street", "the X Hospital"), a name NER calls a place that the
    gazetteer lacks (a suburb, a village), or a name whose only reading is a hamlet far from
    every other place of the report (the gazetteer lacks the one meant) lies in the town the
    report is about there: the nearest town-level place named before it (after it, if none
    is), else the report's most named town. Left as it is when the report names no other
    town or when its sentence names only other countries than that town's, and unplaced when
    the name was refused a namesake outside its written parent (``skip``: the parent stands
    for it)."""
    isolated = _isolated(out, w)
    towns = [(i, c) for i, c in enumerate(out) if c is not None and _local(c) and i not in isolated]
    if not towns:
        return out
    common = Counter(c.pid for _, c in towns).most_common(1)[0][0]
    fallback = next(c for _, c in towns if c.pid == common)
    for i, m in enumerate(mentions):
        if (out[i] is not None and i not in isolated) or name_key(m.text) in skip:
            continue
        if m.source != "facility" and m.label not in ("GPE", "LOC", "FAC") and i not in isolated:
            continue
        before = [c for j, c in towns if j < i]
        after = [c for j, c in towns if j > i]
        town = before[-1] if before else after[0] if after else fallback
        named = _sentence_countries(mentions, out, i, text)
        if not named or town.country in named:
            out[i] = town  # not when its sentence names other countries ("Somalia's X region")
    return out


_SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s+(?=[A-Z\"“])|\n")


def _sentence_countries(mentions: Sequence[Mention], out: list[Candidate | None], i: int, text: str) -> set[str]:
    """Countries named (as countries) in the sentence of mention ``i``."""
    found = set()
    for j, c in enumerate(out):
        if c is None or c.feature != "A.PCLI" or j == i or not c.country:
            continue
        a, b = sorted((mentions[i].start, mentions[j].start))
        if not _SENTENCE_END.search(text, a, b):
            found.add(c.country)
    return found


def _isolated(out: list[Candidate | None], w: dict[str, float]) -> set[int]:
    """Indices of chosen hamlets (settlements below ``isolated_population``) that lie farther
    than ``isolated_km`` from every other place the report names (countries and seas aside)."""
    points = [(i, c) for i, c in enumerate(out) if c is not None and c.lat is not None and c.feature not in _BROAD]
    found = set()
    for i, c in points:
        if not c.feature.startswith("P.") or c.population >= w["isolated_population"]:
            continue
        others = [o for j, o in points if j != i and o.pid != c.pid]
        if others and all(haversine_km(c.lat, c.lon, o.lat, o.lon) > w["isolated_km"] for o in others):  # type: ignore[arg-type]
            found.add(i)
    return found


def _local(c: Candidate) -> bool:
    return c.feature.startswith("P.") or c.feature == "A.ADM2"


class _Others:
    """The other names' current choices, tallied once for all the candidates of one name.

    Why: the ascent scores every candidate of a name against the same choices of the others;
    the country and province tallies do not depend on the candidate, except that another name
    read as this very place is left out of the province tally, which is then redone for it.
    """

    __slots__ = ("chosen", "weight", "w", "votes", "total", "local", "n", "local_pids", "areas", "pcli")

    def __init__(self, chosen: dict[str, Candidate], weight: dict[str, float], w: dict[str, float]) -> None:
        self.chosen, self.weight, self.w = chosen, weight, w
        votes: Counter[str] = Counter()
        for g, o in chosen.items():
            if o.country:
                votes[o.country] += weight[g] * (w["broad_vote"] if o.feature in _BROAD else 1.0)
        self.votes, self.total = votes, sum(votes.values())
        self.local = self._local(None)
        self.n = sum(self.local.values())
        self.local_pids = {o.pid for o in chosen.values() if o.admin1 and o.feature not in _BROAD}
        self.areas = {o.pid for o in chosen.values() if o.feature in ("A.ADM1", "A.ADM2")}
        self.pcli = {o.country for o in chosen.values() if o.feature == "A.PCLI"}

    def _local(self, pid: str | None) -> Counter[tuple]:
        local: Counter[tuple] = Counter()
        for g, o in self.chosen.items():
            # another name read as this very place is no evidence for it (distinct names of
            # a report mostly mean distinct places: "Mexico" beside "Mexico City")
            if o.admin1 and o.feature not in _BROAD and o.pid != pid:
                local[(o.country, o.admin1)] += self.weight[g]
        return local

    def score(
        self, c: Candidate, k: str, parents: dict[str, set[str]], peers: dict[str, set[str]] | None = None
    ) -> float:
        """What the other names of the document (their current choices) say for candidate ``c``."""
        w, chosen = self.w, self.chosen
        score = 0.0
        if self.total and c.country:
            # smoothed: one other name is weak evidence of what the report is about
            score += w["country_focus"] * self.votes[c.country] / (self.total + w["focus_smoothing"])
        if c.admin1 and c.feature not in _BROAD:
            # the report's own province: local news names its towns without saying where they are
            if c.pid in self.local_pids:
                local = self._local(c.pid)
                n = sum(local.values())
            else:
                local, n = self.local, self.n
            if n:
                score += w["admin_focus"] * local[(c.country, c.admin1)] / (n + w["focus_smoothing"])
        if self.areas & set(c.parents):
            score += w["province_named"]
        for pk in parents.get(k, ()):
            p = chosen.get(pk)
            if p and (p.pid in c.parents or (p.feature == "A.PCLI" and p.country == c.country)):
                score += w["explicit_parent"]
        if c.feature == "P.PPLC" and c.country in self.pcli:
            # a capital stands for the government of a country the report names ("Washington")
            score += w["capital_of_named_country"]
        if c.feature.startswith("A.") and peers:
            # names listed together are alike: "California or Washington" are two states
            if any((o := chosen.get(g)) is not None and o.feature == c.feature for g in peers.get(k, ())):
                score += w["listed_alike"]
        return score


def _context(
    c: Candidate,
    k: str,
    chosen: dict[str, Candidate],
    weight: dict[str, float],
    parents: dict[str, set[str]],
    w: dict[str, float],
    peers: dict[str, set[str]] | None = None,
) -> float:
    """What the other names of the document (their current choices) say for candidate ``c``."""
    return _Others(chosen, weight, w).score(c, k, parents, peers)


def _soft_coherence(
    k: str, cands: dict[str, list[Candidate]], priors: dict[str, list[float]], w: dict[str, float]
) -> list[float]:
    """Closeness of each candidate of ``k`` to the plausible readings of the other names.

    Every other name contributes its few most plausible candidates, each weighted by how
    plausible it is (``exp(prior - best prior)``), so two namesakes that fit together
    ("Walker County" and "Huntsville" in Texas) support each other even when neither is
    the more populous reading on its own. Vectorised: documents name dozens of places.
    """
    rows = [(j, c) for j, c in enumerate(cands[k]) if c.feature not in _BROAD and c.lat is not None]
    cols: list[tuple[float, float, float, int]] = []
    top = int(w["coherence_candidates"])
    for g, cs in cands.items():
        if g == k:
            continue
        best = max(priors[g])
        ranked = sorted(range(len(cs)), key=lambda j: -priors[g][j])[:top]
        for j in ranked:
            c = cs[j]
            if c.feature not in _BROAD and c.lat is not None:
                cols.append((c.lat, c.lon, math.exp(priors[g][j] - best), c.pid))
    out = [0.0] * len(cands[k])
    if not rows or not cols:
        return out
    r = np.radians(np.array([[c.lat, c.lon] for _, c in rows]))
    q = np.array(cols)
    qlat, qlon = np.radians(q[:, 0]), np.radians(q[:, 1])
    dlat = qlat[None, :] - r[:, :1]
    dlon = qlon[None, :] - r[:, 1:]
    a = np.sin(dlat / 2) ** 2 + np.cos(r[:, :1]) * np.cos(qlat)[None, :] * np.sin(dlon / 2) ** 2
    km = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    # a reading of another name that is this very place supports nothing (distinct names)
    other = q[:, 3][None, :] != np.array([c.pid for _, c in rows], dtype=float)[:, None]
    support = (np.exp(-km / w["coherence_km"]) * q[:, 2][None, :] * other).max(axis=1)
    for (j, _), value in zip(rows, support, strict=True):
        out[j] = w["coherence"] * float(value)
    return out


def _city_over_its_province(cands: list[Candidate], priors: list[float], w: dict[str, float]) -> None:
    """A big city named like the province around it is what a bare name means ("New York").

    The province's summed population would otherwise always win; a city of a million
    people or more that lies in a same-named province takes the province's prior, plus a hair.
    """
    for i, c in enumerate(cands):
        if c.feature.startswith("P.PPL") and c.population >= w["big_city"]:
            for j, p in enumerate(cands):
                if p.feature == "A.ADM1" and p.pid in c.parents and priors[j] >= priors[i]:
                    priors[i] = priors[j] + 0.01


_LIST_GOES_ON = re.compile(r",?\s+(?:and|or)\s|,\s*[A-Z]")


def _outside_their_parent(mentions: Sequence[Mention], text: str, chosen: dict[str, Candidate]) -> set[str]:
    """Names whose best place lies in another country than the area written as their parent
    ("X, Y" / "X (Y)" with Y a country or province; not "X in Y", which may say where else
    something is): the gazetteer lacks the X meant, so a namesake abroad would be wrong; the
    parent still stands for the place."""
    out = set()
    for a, b in zip(mentions, mentions[1:], strict=False):
        ka, kb = name_key(a.text), name_key(b.text)
        if ka not in chosen or kb not in chosen or not re.fullmatch(r",\s*|\s*\(\s*", text[a.end : b.start]):
            continue
        if _LIST_GOES_ON.match(text, b.end):
            continue  # "X, Y and Z": a list of places, not a place and its parent
        c, p = chosen[ka], chosen[kb]
        if not c.feature.startswith("P.") or p.feature not in ("A.PCLI", "A.ADM1"):
            continue
        if c.country and p.country and c.country != p.country:
            out.add(ka)
    return out


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)")


def _coordinated(mentions: Sequence[Mention], text: str) -> dict[str, set[str]]:
    """Names listed side by side ("X, Y or Z"), each with the others of its list."""
    peers: dict[str, set[str]] = defaultdict(set)
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.candidates and b.candidates and _LIST_GAP.fullmatch(text, a.end, b.start):
            ka, kb = name_key(a.text), name_key(b.text)
            if ka != kb:
                peers[ka].add(kb)
                peers[kb].add(ka)
    return peers


def _explicit_parents(mentions: Sequence[Mention], text: str, groups: dict[str, list[int]]) -> dict[str, set[str]]:
    """Names written as a parent of the name before them: "X, Y", "X in Y", "X (Y)"."""
    parents: dict[str, set[str]] = defaultdict(set)
    for a, b in zip(mentions, mentions[1:], strict=False):
        gap = text[a.end : b.start]
        if b.candidates and a.candidates and re.fullmatch(r",\s*|\s+in\s+|\s*\(\s*|,?\s+(?:of|near)\s+", gap):
            parents[name_key(a.text)].add(name_key(b.text))
    return parents
