"""Blocking keys of incident members: which stored members an event's lookup must read.

An event can be linked only to a member that ``compat.score`` does not veto: a compatible
type, time windows no further apart than the coarser precision's tolerance, and places not
all in different countries. So each member is stored under a key (its type, its country
cell, a span bucket and its days) and an event's lookup asks for the few index ranges that
can hold such a member. The ranges are an upper bound of what ``score`` accepts, never a
guess: the cost of a lookup follows the members near the event, not the size of the table.

Span buckets keep a year-dated act findable without widening every lookup: a member whose
span and tolerance fit in ``BOUNDS[k]`` days sits in bucket ``k``, and the lookup reads each
bucket over a window widened by that bucket's bound only. Longer members (real extraction
gives many: "since 2015" is a year-precision window of a decade) sit in ``UNBOUNDED``, read
by cell and by overlap like the others: read by every lookup of their type, they made each
lookup, and so each batch, cost more as the store grew.
"""

from __future__ import annotations

from eventledger.dedup._settings import IncidentSettings
from eventledger.dedup.features import EventFeatures
from eventledger.dedup.tables import MemberKey, MemberRange

BOUNDS = (1, 4, 16, 64, 256, 1024, 4096)  # days; factor 4 keeps a lookup to 7 index ranges
UNBOUNDED = -1  # a member longer than the last bound: read by every lookup of its type and cell that it overlaps
DATELESS = -2  # a member without any time: alone in its incident, never a candidate
ANY_CELL = "*"  # a member with no place, a place without country or places in several countries


def reach(f: EventFeatures, s: IncidentSettings) -> int:
    """Days of slack ``compat.time_score`` allows for ``f``'s precision."""
    return s.tolerance_days.get(f.precision, s.tolerance_days["unknown"])


def member_key(f: EventFeatures, s: IncidentSettings) -> MemberKey:
    """The key ``f`` is stored under as an incident member."""
    countries = {p.country or "" for p in f.places}
    cell = next(iter(countries)) if len(countries) == 1 and "" not in countries else ANY_CELL
    if f.start is None or f.end is None:
        return MemberKey(f.event_id, f.type, cell, DATELESS, None, None)
    size = max(f.end - f.start, reach(f, s))
    bucket = next((k for k, bound in enumerate(BOUNDS) if size <= bound), UNBOUNDED)
    return MemberKey(f.event_id, f.type, cell, bucket, f.start, f.end)


def lookup_cells(f: EventFeatures) -> list[str] | None:
    """The cells whose members ``f`` may be linked to; None for every cell.

    Two places in different known countries never match (``compat.place_score``), so an event
    whose places all name a country reads those countries' cells and the any-country cell; an
    event with no place, or a place without a country, may match a member anywhere.
    """
    countries = {p.country or "" for p in f.places}
    if not countries or "" in countries:
        return None
    return sorted(countries) + [ANY_CELL]


def lookup_ranges(f: EventFeatures, s: IncidentSettings) -> list[MemberRange]:
    """One index range per span bucket holding every member whose time ``score`` would accept.

    A member of bucket ``k`` spans at most ``B = BOUNDS[k]`` days and has a tolerance of at
    most ``min(B, widest)``, so the pair's tolerance is at most ``R = max(reach(f), min(B,
    widest))``: the member ends no earlier than ``f.start - R``, starts no later than
    ``f.end + R``, and so starts no earlier than ``f.start - R - B``.
    """
    if f.start is None or f.end is None:
        return []
    widest = max(s.tolerance_days.values())
    out = []
    for k, bound in enumerate(BOUNDS):
        r = max(reach(f, s), min(bound, widest))
        out.append(MemberRange(k, f.start - r - bound, f.end + r, f.start - r))
    # A longer member may start any time before (day numbers are ordinals, from 1) but must
    # still overlap f's window widened by the widest tolerance.
    out.append(MemberRange(UNBOUNDED, 0, f.end + widest, f.start - widest))
    return out


def lookup_types(f: EventFeatures, s: IncidentSettings) -> list[str]:
    """The member types ``score`` does not veto for ``f``."""
    return sorted(s.types_compatible_with(f.type))


def in_lookup(f: EventFeatures, key: MemberKey, s: IncidentSettings) -> bool:
    """Whether ``f``'s lookup reads a member stored under ``key`` (what the store's query selects)."""
    if key.type not in lookup_types(f, s):
        return False
    cells = lookup_cells(f)
    if cells is not None and key.cell not in cells:
        return False
    if key.day_start is None or key.day_end is None:
        return False
    return any(
        r.bucket == key.bucket and r.low_start <= key.day_start <= r.high_start and key.day_end >= r.low_end
        for r in lookup_ranges(f, s)
    )
