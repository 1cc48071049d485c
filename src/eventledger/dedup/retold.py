"""Whether two vague reports retell one act: background told again, or last week's news recapped.

A report often recalls an earlier act in a clause ("the group, which seized power in 2021,
...", "imposed the tariff last week"): it is dated only to a week, a month or a year and
placed in a country, so ``compat.score`` finds too little to link two such mentions and
vague reports are placed against precise ones only (``incidents._Replay.group_vague``).
Two of them are still one act when everything they state agrees and the act itself is
named alike: the same doer, the same type family, a shared country, no clashing counts,
time windows that overlap (one of them a week or coarser: two day-dated reports are the
evidence score's to judge), and a shared word for what was done beyond the doer's and
place's names. Each condition is cheap and symmetric, so the groups
they form do not depend on arrival order.
"""

from __future__ import annotations

from eventledger.dedup._settings import IncidentSettings
from eventledger.dedup.compat import count_score, places_score
from eventledger.dedup.features import EventFeatures, content_words


def retold(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> bool:
    """Whether ``a`` and ``b`` (of two documents) state one act retold at a coarse time."""
    if a.document_id == b.document_id or not (a.dated and b.dated):
        return False
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    if a.precision not in s.retold_precisions and b.precision not in s.retold_precisions:
        return False  # two day-dated reports are compared by ``compat.score``
    if max(a.start, b.start) > min(a.end, b.end):
        return False
    if b.type not in s.types_compatible_with(a.type) or not (a.doers & b.doers):
        return False
    if count_score(a, b, s) < 0 or not _shared_country(a, b) or places_score(a, b, s) is None:
        return False  # counts that clash, or places apart: two acts of one doer
    # Targets are not compared: what a retelling names as the object is often no party ("seized
    # power", "seized control of the country"); two acts on two targets are told in two places.
    return bool(act_words(a) & act_words(b))


def act_words(f: EventFeatures) -> set[str]:
    """Stems of the evidence's content words that are not the names of its actors or places.

    Stems, because a retelling inflects the act differently ("imposing a tariff", "imposed
    tariffs"); crude suffix stripping is enough when every other feature must agree too.
    """
    names: set[str] = set()
    for actor in f.actors:
        names |= content_words(actor)
    for place in f.places:
        names |= content_words(place.name)
    return {_stem(w) for w in f.words - names}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _shared_country(a: EventFeatures, b: EventFeatures) -> bool:
    countries = {p.country for p in a.places if p.country}
    return any(p.country in countries for p in b.places)
