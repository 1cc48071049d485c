"""Cross-report incidents: events from many documents, one incident, sources counted once.

Assignment is incremental but does not depend on arrival order or batch boundaries. Two
events are *linked* when one could join the other's incident (``_linked``: evidence of at
least ``min_score``, or of ``sole_candidate_score`` when one side is vague). A new batch
takes its events plus every stored event connected to them through links
(``_neighbourhood``, found through the ``incidents`` table by type and time window, so only
incidents near the batch are read) and clusters that set again from scratch in a canonical
order: precise reports first, then vague ones, each by event time, publication date,
document SHA-256 and event position, never by database id. Each event joins the cluster
whose members give it the most evidence (``compat.score``), or starts one; a vague event
(a province or country, or a time vaguer than a day) joins on weaker evidence when one
cluster clearly beats every other that it could join. The clusters are then written back
over the old incidents of the set; incident ids may differ between runs, content does not.

Reviewers split and merge through ``split_incident`` / ``merge_incidents``; both move
membership, keep the old rows resolvable and write an ``incident_reviews`` row with who,
when, before and after.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

from eventledger.dedup._settings import IncidentSettings, load_settings
from eventledger.dedup.compat import score
from eventledger.dedup.features import PRECISE_PLACES, EventFeatures, PlaceFeature, iso, load_features
from eventledger.dedup.sources import independent_sources
from eventledger.errors import NotFound, ReviewError
from eventledger.store import incidents as sql
from eventledger.store.connections import Database
from eventledger.store.transactions import transaction

logger = logging.getLogger(__name__)


class _Cache:
    """Members and features read during one call, so each row is read once per call."""

    def __init__(self, conn: Database, settings: IncidentSettings) -> None:
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
    conn: Database, new_event_ids: Sequence[int], settings: IncidentSettings | None = None
) -> list[int]:
    """Put each new event into an incident; returns the ids of the incidents whose members changed.

    Events already in an incident, events that did not happen (``skip_statuses``) and events
    a reviewer rejected or merged into another are not new; a reviewer's corrected type,
    status and time are used. The new events and every event linked to them (``_neighbourhood``)
    are clustered again from scratch (``_cluster``), so the result does not depend on which
    of them arrived first. Runs in one transaction unless the caller holds one.
    """
    s = settings or load_settings().incidents
    cache = _Cache(conn, s)
    with transaction(conn):
        assigned = sql.incident_of_events(conn, new_event_ids)
        todo = sorted(e for e in set(new_event_ids) if e not in assigned)
        cache.load_features(todo)
        fresh = [e for e in todo if _admissible(cache.features.get(e), s)]
        dateless = [e for e in fresh if cache.features[e].start is None]
        touched = {_alone(conn, cache.features[e], cache) for e in dateless}
        events, incidents = _neighbourhood(conn, [e for e in fresh if e not in set(dateless)], cache, s)
        if events:
            touched |= _recluster(conn, events, incidents, cache, s)
        refresh_incidents(conn, sorted(touched), settings=s, _cache=cache)
    logger.info(
        "incidents: %d event(s) assigned, %d event(s) reclustered, %d incident(s) touched",
        len(fresh), len(events), len(touched),
    )  # fmt: skip
    return sorted(touched)


def _admissible(f: EventFeatures | None, s: IncidentSettings) -> bool:
    """Whether an event is a report of something that happened (and not rejected by review)."""
    return f is not None and f.status not in s.skip_statuses and f.decision not in ("rejected", "merged")


def _alone(conn: Database, f: EventFeatures, cache: _Cache) -> int:
    """An incident of its own for an event without any time: nothing can be compared with it."""
    incident_id = sql.create_incident(conn, f.type, "", "", f.country)
    sql.add_member(conn, incident_id, f.event_id, f.document_id, None, "machine")
    cache.members[incident_id] = [f.event_id]
    return incident_id


def _linked(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> bool:
    """Whether ``a`` and ``b`` could ever be put together by ``_choose``.

    Clustering only ever joins an event to an incident through a member scoring at least
    ``min_score`` (or ``sole_candidate_score`` when one side is vague), so the events
    connected by such links can be clustered apart from all the others.
    """
    if a.document_id == b.document_id or a.start is None or b.start is None:
        return False
    x = score(a, b, s)
    if x is None:
        return False
    return x >= s.min_score or (x >= s.sole_candidate_score and (_vague(a) or _vague(b)))


def _candidates(conn: Database, f: EventFeatures, cache: _Cache, s: IncidentSettings) -> list[int]:
    """Active incidents that may hold an event linked to ``f``, members loaded into the cache.

    No country filter: an incident summarised in another country may still hold a member
    without one. Types two steps away are asked for because an incident's summary type is
    its members' majority, which may be a type compatible with a compatible type.
    """
    if f.start is None or f.end is None:
        return []
    slack = max(s.tolerance_days.values())
    types = sorted({u for t in s.types_compatible_with(f.type) for u in s.types_compatible_with(t)})
    low, high = iso(f.start - slack) or "", iso(f.end + slack) or ""
    candidates = sql.candidate_incidents(conn, types, low, high, None)
    cache.load_members(candidates)
    return candidates


def _neighbourhood(
    conn: Database, fresh: Sequence[int], cache: _Cache, s: IncidentSettings
) -> tuple[set[int], set[int]]:
    """The new events with every stored event linked to them, directly or through others.

    Returns the events and the incidents they sit in. This is the connected component of
    the new events under ``_linked``: clustering it alone gives what clustering everything
    would give, and its content, not the order it arrived in, decides the result.
    """
    events, incidents = set(fresh), set()
    frontier = list(fresh)
    while frontier:
        f = cache.features[frontier.pop()]
        for incident_id in _candidates(conn, f, cache, s):
            if incident_id in incidents:
                continue
            members = cache.members[incident_id]
            if any(_linked(f, cache.features[m], s) for m in members if m in cache.features):
                incidents.add(incident_id)
                reached = [m for m in members if m not in events and m in cache.features]
                events.update(reached)
                frontier.extend(reached)
    return events, incidents


def _recluster(conn: Database, events: set[int], incidents: set[int], cache: _Cache, s: IncidentSettings) -> set[int]:
    """Cluster ``events`` again and write the membership; returns the incidents that changed.

    Incidents a reviewer split or merged keep their members and may only gain events.
    """
    fixed = sql.reviewed_incidents(conn, sorted(incidents))
    keys = sql.event_order_keys(conn, sorted(events))
    seeds = sorted(fixed, key=lambda i: min(_order(cache.features[e], keys) for e in cache.members[i]))
    pinned = {e for i in fixed for e in cache.members[i]}
    loose = sorted(events - pinned, key=lambda e: (_vague(cache.features[e]), _order(cache.features[e], keys)))
    clusters = [list(cache.members[i]) for i in seeds]
    seeded = dict(zip(seeds, clusters, strict=True))
    scores = _cluster(loose, clusters, cache, s)
    return _write_clusters(conn, clusters[len(seeds) :], scores, incidents - fixed, seeded, cache)


def _order(f: EventFeatures, keys: dict[int, tuple[str, int]]) -> tuple[int, str, str, int]:
    """Canonical position of an event: when it happened, when it was published, then its content hash."""
    sha, seq = keys.get(f.event_id, ("", 0))
    return (f.start if f.start is not None else 0, f.published or "", sha, seq)


class _ClusterIndex:
    """Clusters by member type and 30-day bucket, so an event is scored only against clusters near it.

    A cluster is a candidate only through a member of a compatible type within the widest
    time tolerance (``score`` vetoes any other pair), so the index loses nothing.
    """

    _DAYS = 30

    def __init__(self, s: IncidentSettings) -> None:
        self.s = s
        self.slack = max(s.tolerance_days.values())
        self.buckets: dict[tuple[str, int], set[int]] = {}

    def add(self, index: int, f: EventFeatures) -> None:
        if f.start is not None and f.end is not None:
            for b in range(f.start // self._DAYS, f.end // self._DAYS + 1):
                self.buckets.setdefault((f.type, b), set()).add(index)

    def near(self, f: EventFeatures) -> list[int]:
        if f.start is None or f.end is None:
            return []
        low, high = (f.start - self.slack) // self._DAYS, (f.end + self.slack) // self._DAYS
        found: set[int] = set()
        for t in self.s.types_compatible_with(f.type):
            for b in range(low, high + 1):
                found |= self.buckets.get((t, b), set())
        return sorted(found)


def _cluster(
    order: Sequence[int], clusters: list[list[int]], cache: _Cache, s: IncidentSettings
) -> dict[int, float | None]:
    """Greedy clustering of ``order`` (precise reports first) into ``clusters``; returns the join scores.

    Precise reports found the incidents and vague ones join them afterwards, as a reader
    who has the whole story at hand would place a retelling that says only "last week".
    """
    index = _ClusterIndex(s)
    for i, members in enumerate(clusters):
        for e in members:
            index.add(i, cache.features[e])
    scores: dict[int, float | None] = {}
    for eid in order:
        f = cache.features[eid]
        best = _choose(f, clusters, index.near(f), cache, s)
        if best is None:
            clusters.append([eid])
            scores[eid] = None
        else:
            scores[eid] = best[0]
            clusters[best[1]].append(eid)
        index.add(len(clusters) - 1 if best is None else best[1], f)
    return scores


def _choose(
    f: EventFeatures, clusters: list[list[int]], near: Sequence[int], cache: _Cache, s: IncidentSettings
) -> tuple[float, int] | None:
    """The cluster ``f`` belongs to among those ``near`` it (its index), with its evidence; None for a new one.

    A rival counts against a vague event only when it could itself be joined: a cluster
    below ``sole_candidate_score`` is no link at all, and letting it block would make the
    result depend on events outside ``f``'s neighbourhood.
    """
    compatible: list[tuple[float, int]] = []
    for index in near:
        found = _incident_score(f, [cache.features[e] for e in clusters[index]], s)
        if found is not None and found >= s.sole_candidate_score:
            compatible.append((found, index))
    ranked = sorted(compatible, key=lambda c: (-c[0], c[1]))
    if ranked and ranked[0][0] >= s.min_score:
        return ranked[0]
    if ranked and _vague(f):
        runner_up = ranked[1][0] if len(ranked) > 1 else None
        if runner_up is None or ranked[0][0] - runner_up >= s.clear_margin:
            return ranked[0]
    return None


def _write_clusters(
    conn: Database,
    clusters: list[list[int]],
    scores: dict[int, float | None],
    old: set[int],
    seeded: dict[int, list[int]],
    cache: _Cache,
) -> set[int]:
    """Give each cluster an incident id, reusing the old incident most of it came from.

    Old incidents left without members are marked merged into the one that took most of
    them, so their ids still resolve; merged incidents are never made active again.
    """
    was = {e: i for i in old for e in cache.members[i]}
    was.update({e: i for i in seeded for e in cache.members[i]})
    targets = dict(seeded)
    free = set(old)
    unplaced = []
    for cluster in clusters:
        votes = Counter(was[e] for e in cluster if was.get(e) in free)
        if votes:
            incident_id = min(votes, key=lambda i: (-votes[i], i))
            free.discard(incident_id)
            targets[incident_id] = cluster
        else:
            unplaced.append(cluster)
    for cluster in sorted(unplaced, key=min):  # new ids in event order, as reports were read
        f = cache.features[cluster[0]]
        targets[sql.create_incident(conn, f.type, iso(f.start) or "", iso(f.end) or "", f.country)] = cluster
    changed: set[int] = set()
    for incident_id, cluster in targets.items():
        for eid in cluster:
            if was.get(eid) != incident_id:
                f = cache.features[eid]
                sql.add_member(conn, incident_id, eid, f.document_id, scores.get(eid), "machine")
                changed.update({incident_id, was.get(eid, incident_id)})
        cache.members[incident_id] = sorted(cluster)
    for incident_id in sorted(free):
        into = Counter(i for i, cluster in targets.items() for e in cluster if was.get(e) == incident_id)
        if into:
            sql.mark_merged(conn, incident_id, min(into, key=lambda i: (-into[i], i)))
        cache.members[incident_id] = []
        changed.discard(incident_id)
        logger.debug("incident %d merged into another by reclustering", incident_id)
    return changed


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
    conn: Database,
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
    with transaction(conn):
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
    # A tie goes to the first-published report's type (then the name), never to arrival order.
    type_ = min((m.published or "\uffff", m.type) for m in members if types[m.type] == top)[1]

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
def _active_members(conn: Database, incident_id: int) -> list[int]:
    row = sql.incident_row(conn, incident_id)
    if row is None:
        raise NotFound(f"no incident with id {incident_id} (see `eventledger incidents`)")
    if row["status"] != "active":
        state = f"it was merged into {row['merged_into']}"
        raise ReviewError(f"incident {incident_id} cannot be reviewed: {state} (see `eventledger incidents`)")
    return sql.incident_members(conn, [incident_id])[incident_id]


def split_incident(
    conn: Database,
    incident_id: int,
    event_ids: Sequence[int],
    *,
    reviewer: str,
    comment: str | None = None,
) -> int:
    """Move ``event_ids`` out of ``incident_id`` into a new incident; returns the new id."""
    with transaction(conn):
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


def merge_incidents(conn: Database, incident_ids: Sequence[int], *, reviewer: str, comment: str | None = None) -> int:
    """Merge incidents into the oldest of them; the others stay as rows marked merged."""
    ids = sorted(set(incident_ids))
    if len(ids) < 2:
        raise ReviewError(f"a merge needs at least two incidents, got {ids}")
    with transaction(conn):
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
