"""Cross-report incidents: events from many documents, one incident, sources counted once.

Assignment is greedy and incremental: each new event (in id order) joins the candidate
incident whose members give it the most evidence (``compat.score``), or starts its own.
An event whose place is only a province or a country, or whose time is vaguer than a day,
joins on weaker evidence when one candidate clearly beats every other (or is the only
one): the vague detail cannot tell incidents apart, but the absence of a close rival can.
Candidates come from the ``incidents`` table by type and time window, so a new batch
touches only the incidents near it in time. Nothing already assigned moves, with one
exception: an incident made only of vague reports is folded into a precise incident that
arrived after it when its reports would have chosen that one (``_rehome_vague``), which
makes the result depend less on arrival order. Processing the same events in the same
order gives the same incidents whether they arrive in one call or many.

Reviewers split and merge through ``split_incident`` / ``merge_incidents``; both move
membership, keep the old rows resolvable and write an ``incident_reviews`` row with who,
when, before and after.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Sequence
from typing import Any

from eventledger.dedup._settings import IncidentSettings, load_settings
from eventledger.dedup.compat import score
from eventledger.dedup.features import PRECISE_PLACES, EventFeatures, PlaceFeature, iso, load_features
from eventledger.dedup.sources import independent_sources
from eventledger.errors import NotFound, ReviewError
from eventledger.store import incidents as sql

logger = logging.getLogger(__name__)


class _Cache:
    """Members and features read during one call, so each row is read once per call."""

    def __init__(self, conn: sqlite3.Connection, settings: IncidentSettings) -> None:
        self.conn, self.settings = conn, settings
        self.members: dict[int, list[int]] = {}
        self.features: dict[int, EventFeatures] = {}

    def load_members(self, incident_ids: Sequence[int]) -> None:
        missing = [i for i in incident_ids if i not in self.members]
        if missing:
            self.members.update(sql.incident_members(self.conn, missing))
        self.load_features([e for i in incident_ids for e in self.members[i]])

    def load_features(self, event_ids: Sequence[int]) -> None:
        missing = [e for e in event_ids if e not in self.features]
        if missing:
            self.features.update(load_features(self.conn, missing, self.settings.undated_days))


def assign_incidents(
    conn: sqlite3.Connection, new_event_ids: Sequence[int], settings: IncidentSettings | None = None
) -> list[int]:
    """Put each new event into an incident; returns the ids of the incidents touched.

    Events already in an incident, events that did not happen (``skip_statuses``) and events
    a reviewer rejected or merged into another are left alone; a reviewer's corrected type,
    status and time are used. Runs in one transaction unless the caller holds one.
    """
    s = settings or load_settings().incidents
    cache = _Cache(conn, s)
    with sql.transaction(conn):
        assigned = sql.incident_of_events(conn, new_event_ids)
        todo = sorted(e for e in set(new_event_ids) if e not in assigned)
        cache.load_features(todo)
        touched: set[int] = set()
        for eid in todo:
            f = cache.features.get(eid)
            if f is None or f.status in s.skip_statuses or f.decision in ("rejected", "merged"):
                continue
            touched.add(_assign_one(conn, f, cache, s))
        touched -= _rehome_vague(conn, touched, cache, s)
        refresh_incidents(conn, sorted(touched), settings=s, _cache=cache)
    logger.info("incidents: %d event(s) assigned, %d incident(s) touched", len(todo), len(touched))
    return sorted(touched)


def _candidates(conn: sqlite3.Connection, f: EventFeatures, cache: _Cache, s: IncidentSettings) -> list[int]:
    if f.start is None or f.end is None:
        return []
    slack = max(s.tolerance_days.values())
    types = sorted(s.types_compatible_with(f.type))
    low, high = iso(f.start - slack) or "", iso(f.end + slack) or ""
    candidates = sql.candidate_incidents(conn, types, low, high, f.country)
    cache.load_members(candidates)
    return candidates


def _choose(
    conn: sqlite3.Connection, f: EventFeatures, cache: _Cache, s: IncidentSettings, exclude: int | None = None
) -> tuple[float, int] | None:
    """The incident ``f`` belongs to among the candidates, with its evidence; None for a new one."""
    compatible: list[tuple[float, int]] = []
    for incident_id in _candidates(conn, f, cache, s):
        if incident_id != exclude:
            found = _incident_score(f, [cache.features[e] for e in cache.members[incident_id]], s)
            if found is not None:
                compatible.append((found, incident_id))
    ranked = sorted(compatible, key=lambda c: (-c[0], c[1]))
    if ranked and ranked[0][0] >= s.min_score:
        return ranked[0]
    if ranked and _vague(f) and ranked[0][0] >= s.sole_candidate_score:
        runner_up = ranked[1][0] if len(ranked) > 1 else None
        if runner_up is None or ranked[0][0] - runner_up >= s.clear_margin:
            return ranked[0]
    return None


def _rehome_vague(conn: sqlite3.Connection, touched: set[int], cache: _Cache, s: IncidentSettings) -> set[int]:
    """Fold incidents made only of vague reports into an incident that arrived after them.

    A retelling that says only "in Kyrgyzstan last week" and is read before the precise
    report it retells starts an incident of its own; read after, it would have joined the
    precise one. Asking each such incident again, once the batch is in, makes the result
    depend less on arrival order. Incidents a reviewer touched are never moved.
    """
    folded: set[int] = set()
    for target in sorted(touched):
        members = [cache.features[e] for e in cache.members.get(target, []) if e in cache.features]
        if not members or target in folded:
            continue
        vague_ones = set()
        for m in members:
            for c in _candidates(conn, m, cache, s):
                if c != target and c not in folded and c not in touched:
                    group = [cache.features[e] for e in cache.members[c] if e in cache.features]
                    if group and all(_vague(g) for g in group):
                        vague_ones.add(c)
        for c in sorted(vague_ones - sql.reviewed_incidents(conn, sorted(vague_ones))):
            group = [cache.features[e] for e in cache.members[c]]
            if {g.document_id for g in group} & {m.document_id for m in members}:
                continue
            choice = _choose(conn, group[0], cache, s, exclude=c)
            if choice is not None and choice[1] == target:
                moved = [g.event_id for g in group]
                sql.move_members(conn, moved, target, by="machine")
                sql.mark_merged(conn, c, target)
                cache.members[target].extend(moved)
                cache.members[c] = []
                folded.add(c)
                logger.debug("incident %d (vague reports only) folded into incident %d", c, target)
    return folded


def _assign_one(conn: sqlite3.Connection, f: EventFeatures, cache: _Cache, s: IncidentSettings) -> int:
    best = _choose(conn, f, cache, s)
    window = (iso(f.start), iso(f.end))
    if best is None:
        incident_id = sql.create_incident(conn, f.type, window[0] or "", window[1] or "", f.country)
        cache.members[incident_id] = []
        score_value = None
    else:
        score_value, incident_id = best
        if window[0] is not None and window[1] is not None:
            sql.extend_window(conn, incident_id, window[0], window[1])
    sql.add_member(conn, incident_id, f.event_id, f.document_id, score_value, "machine")
    cache.members[incident_id].append(f.event_id)
    logger.debug("event %d -> incident %d (score %s)", f.event_id, incident_id, score_value)
    return incident_id


def _incident_score(f: EventFeatures, members: list[EventFeatures], s: IncidentSettings) -> float | None:
    """The best member's evidence; None when a member shares the document or too many veto.

    One document's events are never one incident's two reports: a report that mentions
    an incident twice is merged by the event stage already.
    """
    if not members or any(m.document_id == f.document_id for m in members):
        return None
    scores = [score(f, m, s) for m in members]
    vetoes = sum(1 for x in scores if x is None)
    if vetoes / len(members) > s.max_veto_share:
        return None
    return max((x for x in scores if x is not None), default=None)


def _vague(f: EventFeatures) -> bool:
    """An event placed no closer than a province, or dated no closer than a day."""
    p = f.place
    return p is None or p.precision not in PRECISE_PLACES or not f.dated or f.precision != "day"


# -- summaries ---------------------------------------------------------------------------------
def refresh_incidents(
    conn: sqlite3.Connection,
    incident_ids: Sequence[int] | None = None,
    *,
    settings: IncidentSettings | None = None,
    _cache: _Cache | None = None,
) -> None:
    """Recompute the summary columns of ``incident_ids`` (all active incidents when None).

    Needed after anything that changes what a summary reads: new members, a review, a
    replaced document, or copies re-linked in the document index.
    """
    s = settings or load_settings().incidents
    if incident_ids is None:
        incident_ids = [r[0] for r in conn.execute("SELECT id FROM incidents WHERE status = 'active'")]
    cache = _cache or _Cache(conn, s)
    for incident_id in incident_ids:
        cache.members.pop(incident_id, None)  # membership may have changed under the cache
    with sql.transaction(conn):
        cache.load_members(list(incident_ids))
        doc_ids = {cache.features[e].document_id for i in incident_ids for e in cache.members[i] if e in cache.features}
        docs = sql.document_sources(conn, sorted(doc_ids))
        for incident_id in incident_ids:
            members = [cache.features[e] for e in cache.members[incident_id] if e in cache.features]
            if members:
                sql.write_summary(conn, incident_id, summarise(members, docs, s))
            else:
                sql.write_summary(conn, incident_id, {"n_reports": 0, "n_independent_sources": 0})


def summarise(
    members: list[EventFeatures], documents: dict[int, dict[str, Any]], s: IncidentSettings
) -> dict[str, Any]:
    """Representative type, time and place, report counts and conflicts of one incident."""
    types = Counter(m.type for m in members)
    top = max(types.values())
    type_ = next(m.type for m in members if types[m.type] == top)

    out: dict[str, Any] = {"type": type_}
    dated = [m for m in members if m.dated and m.start is not None]
    if dated:
        best = min(m.time_rank for m in dated)
        spans = Counter((m.start, m.end) for m in dated if m.time_rank == best)
        start, end = min(spans, key=lambda k: (-spans[k], k))
        out.update(time_start=iso(start), time_end=iso(end), time_precision=dated[0].precision)
        out["time_precision"] = next(m.precision for m in dated if m.time_rank == best)
    else:
        out.update(time_start=None, time_end=None, time_precision=None)
    starts = [m.start for m in members if m.start is not None]
    ends = [m.end for m in members if m.end is not None]
    out["window_start"] = iso(min(starts)) if starts else ""
    out["window_end"] = iso(max(ends)) if ends else ""
    out.update(_place_summary([p for m in members if (p := m.place) is not None]))

    docs = {m.document_id: documents.get(m.document_id, {}) for m in members}
    published = [d["published"] for d in docs.values() if d.get("published")]
    out["n_reports"] = len(docs)
    out["n_independent_sources"] = independent_sources(docs)
    out["first_reported"] = min(published) if published else None
    reasons = conflicts(members, s)
    out["conflict"] = int(bool(reasons))
    out["conflict_reasons"] = reasons
    return out


def _place_summary(places: list[PlaceFeature]) -> dict[str, Any]:
    if not places:
        return {"place_name": None, "place_geonameid": None, "place_lat": None, "place_lon": None,
                "place_country": None, "place_admin_path": "", "place_precision": None}  # fmt: skip
    best = min(p.rank for p in places)
    votes = Counter((p.geonameid, p.name) for p in places if p.rank == best)
    key = min(votes, key=lambda k: (-votes[k], str(k)))
    p = next(p for p in places if (p.geonameid, p.name) == key)
    countries = Counter(x.country for x in places if x.country)
    return {
        "place_name": p.name, "place_geonameid": p.geonameid, "place_lat": p.lat, "place_lon": p.lon,
        "place_country": p.country or (countries.most_common(1)[0][0] if countries else None),
        "place_admin_path": p.admin_path, "place_precision": p.precision,
    }  # fmt: skip


def conflicts(members: list[EventFeatures], s: IncidentSettings) -> list[str]:
    """Where the reports disagree: counts of one kind that cannot both be true, or status.

    Only reports that state exactly one count of a kind are compared, so a report giving
    "3 killed and 12 wounded" does not clash with one that gives only the dead.
    """
    reasons: list[str] = []
    by_kind: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for m in members:
        kinds = Counter((q.kind, q.unit) for q in m.quantities if q.kind in s.conflict_kinds)
        for q in m.quantities:
            if kinds.get((q.kind, q.unit)) == 1:
                by_kind.setdefault((q.kind, q.unit), []).append((q.value_min, q.value_max))
    for (kind, unit), ranges in sorted(by_kind.items()):
        low = min(r[1] for r in ranges)
        high = max(r[0] for r in ranges)
        if high > low * (1 + s.count_tolerance):
            values = sorted({_fmt(r) for r in ranges})
            reasons.append(f"{kind} ({unit}): " + " vs ".join(values))
    statuses = {m.status for m in members}
    if "denied" in statuses and statuses & {"asserted", "ordered"}:
        reasons.append("status: " + " vs ".join(sorted(statuses)))
    return reasons


def _fmt(r: tuple[float, float]) -> str:
    a, b = (int(x) if float(x).is_integer() else x for x in r)
    return str(a) if a == b else f"{a}-{b}"


# -- review ------------------------------------------------------------------------------------
def _active_members(conn: sqlite3.Connection, incident_id: int) -> list[int]:
    row = sql.incident_row(conn, incident_id)
    if row is None:
        raise NotFound(f"no incident with id {incident_id} (see `eventledger incidents`)")
    if row["status"] != "active":
        state = f"it was merged into {row['merged_into']}"
        raise ReviewError(f"incident {incident_id} cannot be reviewed: {state} (see `eventledger incidents`)")
    return sql.incident_members(conn, [incident_id])[incident_id]


def split_incident(
    conn: sqlite3.Connection,
    incident_id: int,
    event_ids: Sequence[int],
    *,
    reviewer: str,
    comment: str | None = None,
) -> int:
    """Move ``event_ids`` out of ``incident_id`` into a new incident; returns the new id."""
    with sql.transaction(conn):
        members = _active_members(conn, incident_id)
        moving = sorted(set(event_ids))
        strays = sorted(set(moving) - set(members))
        if not moving or strays or len(moving) == len(members):
            why = f"events {strays} are not in it" if strays else "a split must leave events on both sides"
            raise ReviewError(f"cannot split incident {incident_id}: {why}")
        row = sql.incident_row(conn, incident_id)
        assert row is not None
        new_id = sql.create_incident(conn, row["type"], row["window_start"] or "", row["window_end"] or "")
        sql.move_members(conn, moving, new_id)
        refresh_incidents(conn, [incident_id, new_id])
        before = {"incidents": {str(incident_id): members}}
        after = {"incidents": {str(incident_id): [e for e in members if e not in moving], str(new_id): moving}}
        for target in (incident_id, new_id):
            sql.write_review(conn, target, "split", reviewer, before, after, comment)
    logger.info("%s split incident %d: events %s -> incident %d", reviewer, incident_id, moving, new_id)
    return new_id


def merge_incidents(
    conn: sqlite3.Connection, incident_ids: Sequence[int], *, reviewer: str, comment: str | None = None
) -> int:
    """Merge incidents into the oldest of them; the others stay as rows marked merged."""
    ids = sorted(set(incident_ids))
    if len(ids) < 2:
        raise ReviewError(f"a merge needs at least two incidents, got {ids}")
    with sql.transaction(conn):
        before = {"incidents": {str(i): _active_members(conn, i) for i in ids}}
        target, others = ids[0], ids[1:]
        moved = [e for i in others for e in before["incidents"][str(i)]]
        sql.move_members(conn, moved, target)
        for i in others:
            sql.mark_merged(conn, i, target)
        refresh_incidents(conn, [target])
        after = {
            "incidents": {str(target): sorted(before["incidents"][str(target)] + moved)},
            "merged_into": target,
        }
        for i in ids:
            sql.write_review(conn, i, "merge", reviewer, before, after, comment)
    logger.info("%s merged incidents %s into %d", reviewer, others, target)
    return target
