"""Cross-report incidents: events from many documents, one incident, sources counted once.

The incidents are defined as one greedy clustering of all events in a canonical order that
does not depend on arrival: precise reports first, then vague ones (a province or country, or
a time vaguer than a day), each by event time, publication date, document SHA-256 and event
position, never by database id. Each precise event joins the cluster whose members give it the
most evidence (``compat.score``), or starts one. A vague event is placed against the precise
reports only: it joins on weaker evidence when one cluster clearly beats every other, and
otherwise goes with the copies of its own story (``_Replay.group_vague``).

Assignment is incremental (``_replay``): new events are decided at their place in that
order, and only the later decisions that could read a changed cluster are taken again, so
the cost follows what changed, not the size of the database, and the result equals
clustering everything from scratch. Stored incidents are looked up through their members'
blocking keys (type, country cell, span bucket and days: ``dedup.blocking``), so a lookup
reads the members near the event, not every older one nor a whole long incident's period.
A review that changes an event decides it again (``reassess_events``). Incident ids may
differ between runs; content does not.

Reviewers split and merge through ``split_incident`` / ``merge_incidents``; both move
membership, keep the old rows resolvable and write an ``incident_reviews`` row with who,
when, before and after.
"""

from __future__ import annotations

import heapq
import logging
from collections import Counter
from collections.abc import Sequence
from itertools import product
from typing import Any

from eventledger.dedup._settings import IncidentSettings, load_settings
from eventledger.dedup.blocking import lookup_cells, lookup_ranges, lookup_types, member_key
from eventledger.dedup.compat import score, supports
from eventledger.dedup.features import PRECISE_PLACES, EventFeatures, PlaceFeature, iso, load_features
from eventledger.dedup.retold import RetoldLookup, retold, retold_keys, retold_lookup
from eventledger.dedup.sources import independent_sources
from eventledger.dedup.tables import Tables

logger = logging.getLogger(__name__)


class _Cache:
    """Members and features read during one call, so each row is read once per call."""

    def __init__(self, db: Tables, settings: IncidentSettings) -> None:
        self.db, self.settings = db, settings
        self.members: dict[int, list[int]] = {}
        self.features: dict[int, EventFeatures] = {}

    def load_members(self, incident_ids: Sequence[int]) -> None:
        missing = [i for i in incident_ids if i not in self.members]
        if missing:
            self.members.update(self.db.incident_members(missing))
        self.load_features([e for i in incident_ids for e in self.members[i]])

    def load_features(self, event_ids: Sequence[int]) -> None:
        missing = [e for e in event_ids if e not in self.features]
        if missing:
            self.features.update(load_features(self.db, missing, self.settings.undated_days))


def assign_incidents(db: Tables, new_event_ids: Sequence[int], settings: IncidentSettings | None = None) -> list[int]:
    """Put each new event into an incident; returns the ids of the incidents whose members changed.

    Events already in an incident, events that did not happen (``skip_statuses``) and events
    a reviewer rejected or merged into another are not new; a reviewer's corrected type,
    status and time are used. The result does not depend on which events arrived first
    (``_replay``). Runs in one transaction unless the caller holds one.
    """
    s = settings or load_settings().incidents
    cache = _Cache(db, s)
    with db.transaction():
        _key_unkeyed(db, cache, s)
        assigned = db.incident_of_events(new_event_ids)
        todo = sorted(e for e in set(new_event_ids) if e not in assigned)
        cache.load_features(todo)
        fresh = [e for e in todo if _admissible(cache.features.get(e), s)]
        dateless = [e for e in fresh if cache.features[e].start is None]
        touched = {_alone(db, cache.features[e], cache) for e in dateless}
        dated = [e for e in fresh if e not in set(dateless)]
        if dated:
            touched |= _replay(db, dated, cache, s)
        refresh_incidents(db, sorted(touched), settings=s, _cache=cache)
    logger.info(
        "incidents: %d event(s) assigned, %d incident(s) touched",
        len(fresh), len(touched),
    )  # fmt: skip
    return sorted(touched)


def reassess_events(db: Tables, event_ids: Sequence[int], settings: IncidentSettings | None = None) -> list[int]:
    """Decide again where reviewed events belong; returns the incidents whose members or summary changed.

    Called after a review changes what the clustering reads (type, status, time, place) or
    rejects or merges an event: a rejected event or one that no longer happened leaves its
    incident; the others are decided again at their new place in the canonical order, and
    the members and neighbours of the incident they leave are decided again after them
    (``_replay``). Incidents a reviewer split or merged keep their members (only a rejected
    event leaves one). The incident's summary is recomputed either way (a corrected place
    or type shows there even when membership stays).
    """
    s = settings or load_settings().incidents
    cache = _Cache(db, s)
    with db.transaction():
        _key_unkeyed(db, cache, s)
        ids = sorted(set(event_ids))
        old = db.incident_of_events(ids)
        cache.load_features(ids)
        gone = [e for e in ids if e in old and not _admissible(cache.features.get(e), s)]
        if gone:
            db.remove_members(gone)
        touched = {old[e] for e in gone}
        again = [e for e in ids if e in old and e not in gone]
        fresh = [e for e in ids if e not in old and _admissible(cache.features.get(e), s)]
        touched |= {old[e] for e in again}
        dated = [e for e in again + fresh if cache.features[e].start is not None]
        touched |= {_alone(db, cache.features[e], cache) for e in fresh if cache.features[e].start is None}
        if dated:
            touched |= _replay(db, sorted(dated), cache, s, again={e: old[e] for e in again})
        _write_keys(db, [cache.features[e] for e in again], s)  # a corrected time, place or doer
        live = [i for i in sorted(touched) if (row := db.incident_row(i)) is not None and row["status"] == "active"]
        refresh_incidents(db, live, settings=s, _cache=cache)
    return live


def _key_unkeyed(db: Tables, cache: _Cache, s: IncidentSettings) -> None:
    """Give blocking keys to members stored without them, so that lookups stop reading them all.

    Members stored before the keys existed are keyed by the first call after the upgrade; a
    replaced document's reviewed events put back by the store arrive unkeyed too.
    """
    ids = db.unkeyed_members()
    if ids:
        cache.load_features(ids)
        _write_keys(db, [cache.features[e] for e in ids if e in cache.features], s)
        logger.info("incidents: blocking keys written for %d stored member(s)", len(ids))


def _write_keys(db: Tables, features: Sequence[EventFeatures], s: IncidentSettings) -> None:
    """Store the blocking keys of members: where lookups find them, and a vague one's retold-act blocks."""
    db.write_member_keys([member_key(f, s) for f in features])
    db.write_retold_keys([f.event_id for f in features], [k for f in features if _vague(f) for k in retold_keys(f, s)])


def _admissible(f: EventFeatures | None, s: IncidentSettings) -> bool:
    """Whether an event is a report of something that happened (and not rejected by review)."""
    return f is not None and f.status not in s.skip_statuses and f.decision not in ("rejected", "merged")


def _alone(db: Tables, f: EventFeatures, cache: _Cache) -> int:
    """An incident of its own for an event without any time: nothing can be compared with it."""
    incident_id = db.create_incident(f.type, "", "", f.country)
    db.add_member(incident_id, f.event_id, f.document_id, None, "machine")
    db.write_member_keys([member_key(f, cache.settings)])
    cache.members[incident_id] = [f.event_id]
    return incident_id


def _candidates(db: Tables, f: EventFeatures, cache: _Cache, s: IncidentSettings) -> list[int]:
    """Active incidents that may hold an event linked to ``f``, members loaded into the cache.

    Blocked per member, not per incident (``dedup.blocking``): an incident is a candidate
    only through a member ``score`` could accept (compatible type, country cell, time within
    tolerance), and ``_choose`` weighs nothing else, so the lookup loses nothing. Its cost
    follows the members near ``f``: neither the database's size nor a long incident's window
    (one year-dated member no longer widens every lookup to a year) makes it grow. No blocking
    on an incident's summary country: a member may name ``f``'s country when the summary does
    not (that made the incidents depend on arrival order).
    """
    if f.start is None or f.end is None:
        return []
    candidates = db.incidents_near(lookup_types(f, s), lookup_cells(f), lookup_ranges(f, s))
    cache.load_members(candidates)
    return candidates


def _replay(
    db: Tables, fresh: Sequence[int], cache: _Cache, s: IncidentSettings, again: dict[int, int] | None = None
) -> set[int]:
    """Insert ``fresh`` into the canonical-order clustering, redoing only the decisions that change.

    The incidents in the database are the greedy clustering (``_choose``) of every event in
    canonical order (``_Replay.key``). Adding events changes nothing before the first of them; after
    it, an event decides differently only if a cluster it could consider has changed. So the
    new events are decided in order, and each decision that differs from the stored one makes
    its old and new clusters dirty and queues the later events near them (``_queue_near``). Events
    nobody queues keep their incident, and so does a queued one that decides as it did before
    (``_Replay.unchanged``): the walk goes on only through decisions that changed. The result
    is the clustering of everything from scratch, whatever the arrival order, at a cost that
    follows what changed, not the database's size.
    Incidents a reviewer split or merged keep their members and may only gain events.
    ``again`` maps events already stored in an incident, whose features a review changed, to
    that incident: they are decided anew, and so is every member of that incident and every
    event near one (their decisions may have read the event as it was).
    """
    state = _Replay(db, cache, s, fresh)
    if again:
        state.reopen(again)
    for e in fresh:
        state.push(e)
    while state.queue:
        _, e = heapq.heappop(state.queue)
        if e in state.chosen or e in state.pinned:
            continue
        f = cache.features[e]
        clusters, ids = state.visible(f)
        best = _choose(f, clusters, range(len(clusters)), cache, s)
        chosen = None if best is None else ids[best[1]]
        if state.unchanged(f, chosen, clusters[best[1]] if best is not None else [], cache):
            state.decide(f, state.old_of[e], None if best is None else best[0])  # it stays: nothing follows
            continue
        state.decide(f, chosen, None if best is None else best[0])
    state.group_vague()
    moved = sum(1 for e, c in state.chosen.items() if state.old_of.get(e) != c)
    logger.info("incidents: %d decision(s) taken again, %d changed", len(state.chosen), moved)
    return state.write()


class _Replay:
    """The bookkeeping of one ``_replay``: decisions made, clusters made dirty, events queued.

    Cluster ids are incident ids, or negative numbers for clusters this replay starts.
    """

    def __init__(self, db: Tables, cache: _Cache, s: IncidentSettings, fresh: Sequence[int]) -> None:
        self.db, self.cache, self.s = db, cache, s
        self.keys: dict[int, tuple[str, int]] = {}
        self.old_of: dict[int, int] = {}  # event -> its stored incident, for every incident looked at
        self.known: set[int] = set()
        self.fixed: set[int] = set()  # reviewed incidents: their members stay
        self.pinned: set[int] = set()
        self.queue: list[tuple[tuple, int]] = []
        self.queued: set[int] = set()
        self.chosen: dict[int, int] = {}  # event -> cluster decided in this replay
        self.joined: dict[int, list[int]] = {}  # cluster -> events that chose it in this replay
        self.scores: dict[int, float | None] = {}
        self.dirty: set[int] = set()
        self.scanned: set[int] = set()  # members whose surroundings were queued
        self.memo: dict[int, tuple] = {}
        self.unplaced: set[int] = set()  # vague events that joined no incident in this replay
        self.vague_only: dict[int, bool] = {}  # stored incident -> all its members vague
        self.index = _ClusterIndex(s)  # clusters chosen in this replay, by their choosers' type and time
        self.slots: list[int] = []
        self.slot_of: dict[int, int] = {}
        self.fresh_ids = 0
        self.reopened: set[int] = set()  # stored events a review changed (``reopen``)
        self.near: dict[int, list[int]] = {}  # event -> stored incidents near it (``near_incidents``)
        self.retold_index: dict[tuple[str, str, str, bool], set[int]] | None = None  # built by ``group_vague``
        self._load_keys(fresh)

    def _load_keys(self, events: Sequence[int]) -> None:
        missing = [e for e in events if e not in self.keys]
        if missing:
            self.keys.update(self.db.event_order_keys(missing))

    def key(self, e: int) -> tuple:
        k = self.memo.get(e)
        if k is None:
            f = self.cache.features[e]
            k = self.memo[e] = (_vague(f), *_order(f, self.keys))
        return k

    def push(self, e: int) -> None:
        if e not in self.queued and e in self.cache.features:
            self.queued.add(e)
            heapq.heappush(self.queue, (self.key(e), e))

    def near_incidents(self, f: EventFeatures) -> list[int]:
        """Stored incidents that may hold an event linked to ``f``, their members known.

        Read once per event: nothing is written until the replay ends (``write``).
        """
        found = self.near.get(f.event_id)
        if found is None:
            found = self.near[f.event_id] = _candidates(self.db, f, self.cache, self.s)
            self._learn(found)
        return found

    def reopen(self, again: dict[int, int]) -> None:
        """Queue reviewed events and everything their old incidents' decisions may have read."""
        self._learn(sorted(set(again.values())))
        self._load_keys(list(again))
        self.reopened.update(again)
        for e in again:
            self.memo.pop(e, None)  # its time or place may have moved it in the canonical order
        lowest: tuple = ()
        for incident_id in sorted(set(again.values())):
            if incident_id not in self.fixed:
                self.dirty.add(incident_id)
                self._queue_near(incident_id, after=lowest)

    def _learn(self, incident_ids: Sequence[int]) -> None:
        """Members, review state and members' order keys of stored incidents not seen before."""
        new = [i for i in incident_ids if i not in self.known]
        if not new:
            return
        self.known.update(new)
        self.cache.load_members(new)
        for i in self.db.reviewed_incidents(new):
            self.fixed.add(i)
            self.pinned.update(self.cache.members[i])
        self.old_of.update({m: i for i in new for m in self.cache.members[i]})
        self._load_keys([m for i in new for m in self.cache.members[i]])

    def visible(self, f: EventFeatures) -> tuple[list[list[int]], list[int]]:
        """The clusters near ``f`` as the greedy clustering sees them at its turn, with their ids.

        A stored cluster shows its members that come before ``f`` and were not decided again
        (all of them for a reviewed one), plus the events that chose it in this replay.
        """
        at = self.key(f.event_id)
        candidates = set(self.near_incidents(f)) | {self.slots[i] for i in self.index.near(f)}
        vague = at[0]
        found = []
        for c in candidates:
            members = [
                m for m in self.cache.members.get(c, [])
                if m not in self.chosen and m != f.event_id and (c in self.fixed or self.key(m) < at)
            ] + self.joined.get(c, [])  # fmt: skip
            if vague and c not in self.fixed:  # a vague report is placed against the precise ones only
                members = [m for m in members if not self.key(m)[0]]
            if members:
                found.append(((c not in self.fixed, min(self.key(m) for m in members)), c, members))
        found.sort()  # a tie goes to the cluster founded first: reviewed ones, then by founding event
        return [m for _, _, m in found], [c for _, c, _ in found]

    def unchanged(self, f: EventFeatures, chosen: int | None, members: list[int], cache: _Cache) -> bool:
        """Whether a stored event decides as it did before this replay, so that it keeps its incident.

        Its decision before is ``_choose`` over the stored clusters as they were at its turn
        (their members before it, none decided again). The same decision keeps the stored
        incident: the same cluster, or none (a founder keeps its id, so that its members do
        not all move to a new one). Where the store is not the clustering's at this event (a
        store loaded in bulk, or clustered under older settings), joining the cluster its
        earlier members went to is the same decision too: what moved them does not concern
        it. A review then moves only what it changes and the walk stops where the changes
        stop; on a store that is the clustering's the result is the fresh one, as before.
        Not decided this way: new events, reviewed ones, one whose view holds a reviewed
        event (its old features are gone) and a vague event left unplaced (``group_vague``).
        """
        e = f.event_id
        stored = self.old_of.get(e)
        if stored is None or e in self.reopened or (chosen is None and _vague(f)):
            return False
        at = self.key(e)
        found = []
        for c in self.near_incidents(f):
            stored_members = self.cache.members.get(c, [])
            if self.reopened.intersection(stored_members):
                return False
            seen = [m for m in stored_members if m != e and (c in self.fixed or self.key(m) < at)]
            if at[0] and c not in self.fixed:
                seen = [m for m in seen if not self.key(m)[0]]
            if seen:
                found.append(((c not in self.fixed, min(self.key(m) for m in seen)), c, seen))
        found.sort()
        before = _choose(f, [m for _, _, m in found], range(len(found)), cache, self.s)
        if before is None:
            return chosen is None
        _, was, earlier = found[before[1]]
        if was == chosen:
            return True
        if chosen is None or was == stored:
            return False
        return set(earlier) <= set(members)

    def decide(self, f: EventFeatures, cluster: int | None, score: float | None) -> None:
        e = f.event_id
        if cluster is None:
            cluster = self._new_cluster()
        if _vague(f) and score is None:
            self.unplaced.add(e)
            if self._stored_alone(e):
                cluster = self.old_of[e]  # still unplaced: it stays in its group (``group_vague`` regroups)
        self.chosen[e] = cluster
        self.joined.setdefault(cluster, []).append(e)
        self.scores[e] = score
        if cluster not in self.slot_of:
            self.slot_of[cluster] = len(self.slots)
            self.slots.append(cluster)
        self.index.add(self.slot_of[cluster], f)
        old = self.old_of.get(e)
        if old != cluster:
            for c in (old, cluster):
                if c is not None:
                    self.dirty.add(c)
                    if not _vague(f):  # no decision reads a vague member: nothing else can change
                        self._queue_near(c, after=self.key(e))

    def _queue_near(self, cluster: int, after: tuple) -> None:
        """Queue every later event that is in ``cluster`` or could take it into account.

        ``_choose`` weighs a cluster only when some member gives at least
        ``sole_candidate_score``, so a change to the cluster can alter only the decisions of
        its own members and of events that score that high with one of its members, old or
        new. Each member's surroundings are read once: events queued earlier stay queued,
        and those before ``after`` have been decided already.
        """
        s, features = self.s, self.cache.features
        for m in [*self.cache.members.get(cluster, []), *self.joined.get(cluster, [])]:
            if m in self.scanned:
                continue
            self.scanned.add(m)
            if self.key(m) > after:
                self.push(m)
            fm = features[m]
            for incident_id in self.near_incidents(fm):
                for e in self.cache.members[incident_id]:
                    if e in self.queued or self.key(e) <= after or features[e].document_id == fm.document_id:
                        continue
                    x = score(features[e], fm, s)
                    if x is not None and x >= s.sole_candidate_score:
                        self.push(e)

    def alone(self, e: int) -> bool:
        """A vague report that joined no incident with a precise report."""
        return e in self.unplaced if e in self.chosen else self._stored_alone(e)

    def _stored_alone(self, e: int) -> bool:
        old = self.old_of.get(e)
        if old is None or old in self.fixed or not self.key(e)[0] or self.cache.features[e].start is None:
            return False  # an event without any time keeps an incident of its own (``_alone``)
        if old not in self.vague_only:
            self.vague_only[old] = all(self.key(m)[0] for m in self.cache.members.get(old, []))
        return self.vague_only[old]

    def group_vague(self) -> None:
        """One incident for the unplaced vague events that copies of one story report.

        A reprint of a vague report is the same report: its event goes with the original's
        (``score >= min_score`` keeps two different events of one story apart). Copy groups are
        decided by the document stage and do not depend on arrival order, nor do these groups.
        Vague reports that are not copies stay apart until a precise report gathers them:
        linking them by similarity alone chains whole weeks of a province into one incident.
        The exception is an act two reports retell alike, with its doer, type family, country
        and coarse time all agreeing (``retold.retold``, e.g. a takeover recalled "in 2021"),
        found through its blocks (``_retold_events``), never by scanning a neighbourhood.
        """
        s, features = self.s, self.cache.features
        todo = []
        for e in self.chosen:
            old = self.old_of.get(e)
            was_alone = old is not None and self._stored_alone(e)
            changed = old is None or was_alone != (e in self.unplaced) or (was_alone and e in self.reopened)
            if self.key(e)[0] and changed:
                todo.append(e)  # new, left or entered the unplaced, or reviewed: its group changes
                if was_alone and old is not None:
                    todo += self.cache.members.get(old, [])
        seen: set[int] = set()
        for start in sorted(set(todo)):
            if start in seen or not self.alone(start):
                continue
            group, frontier = [], [start]
            seen.add(start)
            while frontier:
                e = frontier.pop()
                group.append(e)
                fe = features[e]
                for m in self._copy_events(fe.document_id):
                    fm = features.get(m)
                    if m in seen or fm is None or fm.document_id == fe.document_id or not self.alone(m):
                        continue
                    x = score(fe, fm, s)
                    if x is not None and x >= s.min_score:
                        seen.add(m)
                        frontier.append(m)
                for m in self._retold_events(fe):
                    if m not in seen and self.alone(m):
                        seen.add(m)
                        frontier.append(m)
            self._regroup(sorted(group))

    def _retold_events(self, f: EventFeatures) -> list[int]:
        """Vague events of other reports that retell ``f``'s act (``retold.retold``), read by its blocks.

        Stored members come from the store's retold-act blocks (doer, country, act word, days:
        ``retold.retold_lookup``); events decided in this replay and not yet written, from an
        index of the same blocks. Only those are compared: the count follows the events
        sharing a doer, a country and an act word in overlapping time, not the database.
        """
        look = retold_lookup(f, self.s)
        if look is None:
            return []
        days = (look.low_start, look.high_start, look.low_end)
        stored = self.db.retold_events(look.doers, look.cells, look.words, look.types, look.coarse_only, days)
        self._know(stored)
        found = set(stored) | self._unwritten_retold(look)
        found.discard(f.event_id)
        features, s = self.cache.features, self.s
        return sorted(m for m in found if m in features and self.key(m)[0] and retold(f, features[m], s))

    def _unwritten_retold(self, look: RetoldLookup) -> set[int]:
        """Events decided in this replay that sit in one of ``look``'s blocks."""
        if self.retold_index is None:
            self.retold_index = {}
            for e in self.chosen:
                if self.key(e)[0]:
                    for k in retold_keys(self.cache.features[e], self.s):
                        self.retold_index.setdefault((k.doer, k.cell, k.word, k.coarse), set()).add(e)
        found: set[int] = set()
        for doer, cell, word in product(look.doers, look.cells, look.words):
            for coarse in (True,) if look.coarse_only else (False, True):
                found |= self.retold_index.get((doer, cell, word, coarse), set())
        return found

    def _copy_events(self, document_id: int) -> list[int]:
        """Events of the copies of ``document_id``, their features and stored incidents known."""
        docs = self.db.copies_of(document_id)
        events = self.db.event_ids_of_documents(docs)
        self._know(events)
        return events

    def _know(self, events: Sequence[int]) -> None:
        """Features, stored incidents and order keys of ``events``."""
        self.cache.load_features(events)
        found = self.db.incident_of_events([e for e in events if e not in self.old_of])
        self._learn(sorted(set(found.values())))
        self._load_keys(events)

    def _new_cluster(self) -> int:
        self.fresh_ids -= 1
        return self.fresh_ids

    def _regroup(self, group: list[int]) -> None:
        cluster = self._new_cluster()
        for e in group:
            before = self.chosen.get(e, self.old_of.get(e))
            if e in self.chosen:
                self.joined[self.chosen[e]].remove(e)
            self.chosen[e] = cluster
            self.joined.setdefault(cluster, []).append(e)
            self.scores.setdefault(e, None)
            self.dirty.update(c for c in (before, self.old_of.get(e), cluster) if c is not None)

    def write(self) -> set[int]:
        """Write the dirty clusters' final membership; returns the incidents that changed."""
        final = {
            c: sorted([m for m in self.cache.members.get(c, []) if m not in self.chosen] + self.joined.get(c, []))
            for c in self.dirty
        }
        old = {c for c in self.dirty if c > 0 and c not in self.fixed}
        seeded = {c: final[c] for c in self.dirty if c in self.fixed}
        clusters = [final[c] for c in sorted(self.dirty) if c not in self.fixed and final[c]]
        return _write_clusters(self.db, clusters, self.scores, old, seeded, self.cache)


def _order(f: EventFeatures, keys: dict[int, tuple[str, int]]) -> tuple[int, str, str, int]:
    """Canonical position of an event: when it happened, when it was published, then its content hash."""
    sha, seq = keys.get(f.event_id, ("", 0))
    return (f.start if f.start is not None else 0, f.published or "", sha, seq)


class _ClusterIndex:
    """Clusters by member type, country cell and 30-day bucket, so an event is scored only against clusters near it.

    A cluster is a candidate only through a member of a compatible type within the widest
    time tolerance and not in another country (``score`` vetoes any other pair; the cells
    are ``dedup.blocking``'s), so the index loses nothing.
    """

    _DAYS = 30

    def __init__(self, s: IncidentSettings) -> None:
        self.s = s
        self.slack = max(s.tolerance_days.values())
        self.buckets: dict[tuple[str, str | None, int], set[int]] = {}  # cell None: every cell

    def add(self, index: int, f: EventFeatures) -> None:
        if f.start is not None and f.end is not None:
            cell = member_key(f, self.s).cell
            for b in range(f.start // self._DAYS, f.end // self._DAYS + 1):
                self.buckets.setdefault((f.type, cell, b), set()).add(index)
                self.buckets.setdefault((f.type, None, b), set()).add(index)

    def near(self, f: EventFeatures) -> list[int]:
        if f.start is None or f.end is None:
            return []
        low, high = (f.start - self.slack) // self._DAYS, (f.end + self.slack) // self._DAYS
        found_cells = lookup_cells(f)
        cells: list[str | None] = [None] if found_cells is None else [*found_cells]
        found: set[int] = set()
        for t in self.s.types_compatible_with(f.type):
            for cell in cells:
                for b in range(low, high + 1):
                    found |= self.buckets.get((t, cell, b), set())
        return sorted(found)


def _choose(
    f: EventFeatures, clusters: list[list[int]], near: Sequence[int], cache: _Cache, s: IncidentSettings
) -> tuple[float, int] | None:
    """The cluster ``f`` belongs to among those ``near`` it (its index), with its evidence; None for a new one.

    A rival counts against a vague event only when it could itself be joined: a cluster
    below ``sole_candidate_score`` is no link at all, and letting it block would make the
    result depend on events outside ``f``'s neighbourhood. Joined on weak evidence, the
    cluster must also share something about the act itself (``compat.supports``).
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
        members = [cache.features[e] for e in clusters[ranked[0][1]]]
        if (runner_up is None or ranked[0][0] - runner_up >= s.clear_margin) and any(
            supports(f, m, s) for m in members
        ):
            return ranked[0]
    return None


def _write_clusters(
    db: Tables,
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
        targets[db.create_incident(f.type, iso(f.start) or "", iso(f.end) or "", f.country)] = cluster
    changed: set[int] = set()
    moved = []
    for incident_id, cluster in targets.items():
        for eid in cluster:
            if was.get(eid) != incident_id:
                f = cache.features[eid]
                db.add_member(incident_id, eid, f.document_id, scores.get(eid), "machine")
                moved.append(f)
                changed.update({incident_id, was.get(eid, incident_id)})
        cache.members[incident_id] = sorted(cluster)
    _write_keys(db, moved, cache.settings)
    for incident_id in sorted(free):
        into = Counter(i for i, cluster in targets.items() for e in cluster if was.get(e) == incident_id)
        if into:
            db.mark_merged(incident_id, min(into, key=lambda i: (-into[i], i)))
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
    db: Tables,
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
        incident_ids = db.active_incident_ids()
    cache = _cache or _Cache(db, s)
    for incident_id in incident_ids:
        cache.members.pop(incident_id, None)  # membership may have changed under the cache
    with db.transaction():
        cache.load_members(list(incident_ids))
        doc_ids = {cache.features[e].document_id for i in incident_ids for e in cache.members[i] if e in cache.features}
        docs = db.document_sources(sorted(doc_ids))
        for incident_id in incident_ids:
            members = [cache.features[e] for e in cache.members[incident_id] if e in cache.features]
            if members:
                db.write_summary(incident_id, summarise(members, docs, s))
            else:
                db.write_summary(incident_id, {"n_reports": 0, "n_independent_sources": 0})


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
