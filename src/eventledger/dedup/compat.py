"""Whether two reported events can be the same incident, and how strongly they say so.

``score`` returns None for a hard conflict (incompatible types, times too far apart,
places in different countries or far apart) and otherwise the summed evidence: a shared
day counts more than a shared month, a shared town more than a shared province, and a
shared country almost nothing (most reports of a country's week share it). Named actors
add evidence by their overlap; when both reports name actors and share none, or state
counts too far apart, that is evidence against (two incidents in one town on adjacent
days are common). An event naming no actor is no evidence either way.
"""

from __future__ import annotations

import math

from eventledger.dedup._settings import IncidentSettings
from eventledger.dedup.features import PRECISE_PLACES, EventFeatures, PlaceFeature
from eventledger.model import TIME_PRECISIONS

_TIME_RANK = {p: i for i, p in enumerate(TIME_PRECISIONS)}


def _coarser(a: str, b: str) -> str:
    return a if _TIME_RANK.get(a, 99) >= _TIME_RANK.get(b, 99) else b


def time_score(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> float | None:
    """How compatible two events' time windows are, 0 to 1."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return 0.0
    precision = _coarser(a.precision, b.precision)
    gap = max(a.start - b.end, b.start - a.end, 0)
    if gap > s.tolerance_days.get(precision, s.tolerance_days["unknown"]):
        return None
    if not (a.dated and b.dated):
        return 0.0
    evidence = s.time_evidence.get(precision, 0.0)
    return evidence if gap == 0 else evidence * s.adjacent_time_share


def km(a: PlaceFeature, b: PlaceFeature) -> float | None:
    """Great-circle distance between two points in kilometres."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_score(a: PlaceFeature | None, b: PlaceFeature | None, s: IncidentSettings) -> float | None:
    """How compatible two events' places are, 0 to 1 (None: nothing to compare)."""
    if a is None or b is None:
        return 0.0
    if a.country and b.country and a.country != b.country:
        return None
    precise = a.precision in PRECISE_PLACES and b.precision in PRECISE_PLACES
    if a.geonameid is not None and a.geonameid == b.geonameid:
        if a.precision == "country":  # one country named twice says as little as two places in it
            return s.same_country_evidence
        return s.same_place_evidence if precise else s.same_admin1_evidence
    distance = km(a, b) if precise else None
    if distance is not None:
        if distance <= s.near_km:
            return s.same_place_evidence
        if distance > s.far_km:
            return None
    if precise and a.name and a.name.casefold() == b.name.casefold() and distance is None:
        return s.same_place_evidence
    if a.admin1 and b.admin1:
        if a.admin1 != b.admin1:
            return None if a.country and a.country == b.country else 0.0
        return s.same_admin1_evidence
    if a.country and a.country == b.country:
        return s.same_country_evidence
    return 0.0


def places_score(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> float | None:
    """The best agreement between any place of ``a`` and any place of ``b``; None when every pair conflicts.

    A report often names several places for one act ("the United States said it would halt
    aid to Ukraine"; "talks in Jeddah with Ukrainian officials"): comparing only the most
    precise one would veto a report of the same act that names the other country.
    """
    if not a.places or not b.places:
        return 0.0
    found = [x for pa in a.places for pb in b.places if (x := place_score(pa, pb, s)) is not None]
    return max(found) if found else None


def supports(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> bool:
    """Whether ``b`` shares more with ``a`` than a day and a country: a participant, the wording, a province.

    On real news a country and a day are shared by many unrelated acts (a ministry statement,
    a Security Council meeting, a court ruling), so a vague report joins an incident on weak
    evidence only when something about the act itself agrees. Participants agree when both
    name the doer and it is the same one (Ukraine agreeing with the United States is not the
    United States calling a meeting), else when any named actor is shared.
    """
    if (a.doers & b.doers if a.doers and b.doers else actor_score(a, b, s) > 0) or text_score(a, b, s) > 0:
        return True
    p = places_score(a, b, s)
    return p is not None and p >= s.same_admin1_evidence


def actor_score(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> float:
    """How compatible two events' actors are, 0 to 1 (None: nothing to compare)."""
    if not a.actors or not b.actors:
        return 0.0
    shared = len(a.actors & b.actors)
    if not shared:
        return -s.disjoint_actor_penalty
    return s.actor_evidence * shared / min(len(a.actors), len(b.actors))


def count_score(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> float:
    """A penalty when single counts of one kind are too far apart to be one incident's."""
    penalty = 0.0
    for kind in s.conflict_kinds:
        qa = [q for q in a.quantities if q.kind == kind]
        qb = [q for q in b.quantities if q.kind == kind]
        if len(qa) == 1 and len(qb) == 1 and qa[0].unit == qb[0].unit:
            low, high = sorted((qa[0].value_max, qb[0].value_max))
            if high - low > s.count_gap and high > s.count_ratio * max(low, 1e-9):
                penalty -= s.count_mismatch_penalty
    return penalty


def text_score(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> float:
    """Evidence from the words of the sentences that state the events, around a baseline.

    Two reports of one incident repeat what happened to whom ("land seizures", "market
    traders"); two incidents of one type in one town share little beyond the type's verbs.
    """
    if not a.words or not b.words:
        return 0.0
    jaccard = len(a.words & b.words) / len(a.words | b.words)
    return s.text_evidence * (jaccard - s.text_baseline)


def score(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> float | None:
    """Evidence that ``a`` and ``b`` report one incident; None when they cannot."""
    if b.type not in s.types_compatible_with(a.type):
        return None
    t = time_score(a, b, s)
    if t is None:
        return None
    p = places_score(a, b, s)
    if p is None:
        return None
    penalty = 0.0 if a.type == b.type else s.compatible_type_penalty
    return t + p + actor_score(a, b, s) + count_score(a, b, s) + text_score(a, b, s) - penalty
