"""Human review of machine-coded events and of incidents: an append-only audit log plus the current decision.

The machine's coding in ``events`` and its child tables is never changed by a review. Each
review appends one row to ``reviews`` (who, when, the effective coding before and after, why)
and updates ``review_state``, the per-event summary that list filters read. ``review_state``
is derived: ``rebuild_state`` recomputes it from the log alone, so the log is what an
organisation shows when asked who changed what.

Write access is by bearer token. Only a SHA-256 of each token is stored: the tokens are 256-bit
random strings, so a fast hash is enough (nothing to brute-force) and lookup stays one index probe.

Incidents are reviewed here too: ``split_incident`` and ``merge_incidents`` move members and log
before and after in ``incident_reviews`` (``incident_history``); the summaries are recomputed by
the dedup stage's ``refresh_incidents``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from eventledger.errors import AuthError, InvalidCorrection, NotFound, ReviewError
from eventledger.model import EVENT_STATUSES
from eventledger.store import incidents, reattach, summaries
from eventledger.store.base import Store
from eventledger.store.connections import Row, upsert
from eventledger.store.incidents import IncidentTables
from eventledger.store.transactions import now, transaction

logger = logging.getLogger(__name__)

Action = Literal["accept", "correct", "reject", "merge"]
DECISIONS = ("accepted", "corrected", "rejected", "merged")
# Fields a reviewer may correct, with the shape the corrected value must have.
CORRECTABLE = (
    "type", "mode", "status", "contexts", "time_start", "time_end", "time_precision",
    "location", "actors", "targets", "fatalities",
)  # fmt: skip
MAX_FATALITIES = 10_000_000  # above any reported toll; a larger figure is a typing slip
# Fields whose null would mean nothing (a type, a list); null is a value for location, mode,
# times and fatalities ("none", "take the correction back").
_NOT_NULL = ("type", "status", "contexts", "actors", "targets")
LOCATION_KEYS = ("name", "lat", "lon", "country", "admin1", "admin2", "precision")
_NAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")


@dataclass(frozen=True, slots=True)
class ReviewState:
    """An event's current review decision and the fields a reviewer corrected."""

    event_id: int
    decision: str
    merged_into: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    last_review: int = 0
    reviewed_at: str = ""


# -- tokens -------------------------------------------------------------------------------------
def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str) -> str:
    """A new write token for ``name``; creating one again for a name revokes the old one.

    The returned secret is shown once and never stored.
    """
    if not _NAME.match(name):
        raise ReviewError(f"bad token name {name!r}: use 1-64 letters, digits, '.', '_', '@' or '-'")
    token = "elt_" + secrets.token_urlsafe(32)
    with transaction(store.conn):
        store.conn.execute(
            upsert("tokens", ("name", "hash", "created_at"), key=("name",)),
            (name, _hash(token), now()),
        )
    return token


def token_user(store: Store, token: str | None) -> str:
    """The name a token was created for; AuthError when it is missing or unknown."""
    if not token:
        raise AuthError("this needs a token: send 'Authorization: Bearer TOKEN' (eventledger token create NAME)")
    digest = _hash(token)
    row = store.conn.execute("SELECT name, hash FROM tokens WHERE hash = ?", (digest,)).fetchone()
    if row is None or not hmac.compare_digest(row["hash"], digest):
        raise AuthError("unknown or revoked token (create one with `eventledger token create NAME`)")
    return str(row["name"])


def revoke_token(store: Store, name: str) -> bool:
    """Delete a reviewer's token; returns whether there was one."""
    with transaction(store.conn):
        return store.conn.execute("DELETE FROM tokens WHERE name = ?", (name,)).rowcount > 0


def token_names(store: Store) -> list[tuple[str, str]]:
    """(name, created_at) of every live token; the secrets themselves are not kept."""
    return [(r[0], r[1]) for r in store.conn.execute("SELECT name, created_at FROM tokens ORDER BY name")]


# -- machine coding as reviewable fields --------------------------------------------------------
def machine_fields(store: Store, event_id: int) -> dict[str, Any]:
    """The machine's coding of an event, in the flat shape a reviewer corrects."""
    c = store.conn
    e = c.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    if e is None:
        raise NotFound(f"no event with id {event_id}")
    place = c.execute(
        "SELECT * FROM event_places WHERE event_id = ? ORDER BY lat IS NULL, id LIMIT 1", (event_id,)
    ).fetchone()
    location = None
    if place is not None:
        path = [x for x in (place["admin_path"] or "").split(" > ") if x]
        location = {
            "name": place["name"], "lat": place["lat"], "lon": place["lon"], "country": place["country"],
            "admin1": place["admin1"], "admin2": path[1] if len(path) > 3 else None,
            "precision": place["precision"],
        }  # fmt: skip
    roles: dict[str, list[str]] = {"actor": [], "target": []}
    for a in c.execute("SELECT role, text FROM event_actors WHERE event_id = ? ORDER BY id", (event_id,)):
        roles[a["role"]].append(a["text"])
    return {
        "type": e["type"], "mode": e["mode"],
        "contexts": [x for x in (e["contexts"] or "").split(",") if x], "status": e["status"],
        "time_start": e["time_start"], "time_end": e["time_end"], "time_precision": e["time_precision"],
        "location": location, "actors": roles["actor"], "targets": roles["target"],
        "fatalities": None,  # the machine states counts, not a figure; exports derive it from them
    }  # fmt: skip


def state(store: Store, event_id: int) -> ReviewState | None:
    """The current review decision and corrections of an event (None: never reviewed)."""
    r = store.conn.execute("SELECT * FROM review_state WHERE event_id = ?", (event_id,)).fetchone()
    return _state(r) if r else None


def states(store: Store, event_ids: list[int]) -> dict[int, ReviewState]:
    """Review states of many events at once (a page of a list)."""
    if not event_ids:
        return {}
    marks = ",".join("?" * len(event_ids))
    rows = store.conn.execute(f"SELECT * FROM review_state WHERE event_id IN ({marks})", event_ids)
    return {r["event_id"]: _state(r) for r in rows}


def absorbed(store: Store, event_id: int) -> list[int]:
    """Events a reviewer merged into this one."""
    rows = store.conn.execute("SELECT event_id FROM review_state WHERE merged_into = ? ORDER BY event_id", (event_id,))
    return [r[0] for r in rows]


def effective_fields(store: Store, event_id: int) -> dict[str, Any]:
    """An event's correctable fields as they read now: the machine's with corrections over them."""
    st = state(store, event_id)
    return machine_fields(store, event_id) | (st.fields if st else {})


def history(store: Store, event_id: int) -> list[dict[str, Any]]:
    """Every review of an event, oldest first, as the audit log holds it."""
    ids = [event_id, *reattach.former_ids(store.conn, event_id)]  # its ids before a --replace
    rows = store.conn.execute(
        f"SELECT * FROM reviews WHERE target_type = 'event' AND target_id IN ({','.join('?' * len(ids))}) ORDER BY id",
        ids,
    )
    return [
        {
            "id": r["id"],
            "action": r["action"],
            "user": r["user"],
            "at": r["at"],
            "comment": r["comment"],
            "before": json.loads(r["before_json"]),
            "after": json.loads(r["after_json"]),
        }  # fmt: skip
        for r in rows
    ]


# -- writing reviews ----------------------------------------------------------------------------
def review(
    store: Store,
    event_id: int,
    action: Action,
    user: str,
    comment: str = "",
    fields: dict[str, Any] | None = None,
    into: int | None = None,
) -> int:
    """Apply one review and append it to the audit log; returns the review id.

    ``correct`` takes ``fields`` (a subset of CORRECTABLE; corrections accumulate, a later one
    wins per field); ``merge`` folds ``event_id`` into ``into``, which keeps its own coding and
    gains the other's evidence as further mentions. The event's incident is decided again
    (``dedup.incidents.reassess_events``): a corrected place, time or type may move it.
    """
    with transaction(store.conn):
        current = state(store, event_id)
        machine = machine_fields(store, event_id)  # raises NotFound
        if current and current.decision == "merged":
            raise ReviewError(f"event {event_id} was merged into event {current.merged_into}; review that one")
        old_fields = current.fields if current else {}
        before = _snapshot(machine, current)
        new_fields, merged_into = dict(old_fields), None
        if action == "accept":
            decision = "accepted"
        elif action == "reject":
            decision = "rejected"
        elif action == "correct":
            new_fields.update(_check_fields(fields or {}))
            _check_interval(machine, new_fields)
            decision = "corrected"
        elif action == "merge":
            if into is None or into == event_id:
                raise ReviewError(f"merge event {event_id} into another event id, not {into}")
            target = state(store, into)
            machine_fields(store, into)  # the target must exist
            if target and target.decision in ("merged", "rejected"):
                raise ReviewError(f"cannot merge into event {into}: it is {target.decision}")
            decision, merged_into = "merged", into
        else:
            raise ReviewError(f"unknown review action {action!r}: accept, correct, reject or merge")
        after = _snapshot(machine, ReviewState(event_id, decision, merged_into, new_fields))
        rid, at = _append(store, event_id, action, before, after, user, comment)
        _put_state(store, event_id, decision, merged_into, new_fields, rid, at=at)
        if merged_into is not None:
            _note_merge(store, merged_into, event_id, user, comment)
        from eventledger.dedup.incidents import reassess_events  # the dedup stack loads only for a review

        reassess_events(IncidentTables(store.conn), [event_id])  # the incident follows the corrected event
        return rid


def _note_merge(store: Store, into: int, source: int, user: str, comment: str) -> None:
    """The kept event's side of a merge: its own audit row, and accepted if it was unreviewed."""
    target = state(store, into)
    machine = machine_fields(store, into)
    gained = sorted({*absorbed(store, into)})
    before = _snapshot(machine, target) | {"absorbed": [x for x in gained if x != source]}
    decision = target.decision if target else "accepted"
    fields = target.fields if target else {}
    after = _snapshot(machine, ReviewState(into, decision, None, fields)) | {"absorbed": gained}
    rid, at = _append(store, into, "merge", before, after, user, comment)
    _put_state(store, into, decision, None, fields, rid, at=at)


def rebuild_state(store: Store) -> int:
    """Recompute ``review_state`` from the audit log alone; returns the number of events with a state."""
    with transaction(store.conn):
        c = store.conn
        c.execute("DELETE FROM review_state")
        for r in c.execute("SELECT * FROM reviews WHERE target_type = 'event' ORDER BY id").fetchall():
            after = json.loads(r["after_json"])
            target = reattach.current_event(c, r["target_id"])  # where a --replace re-attached it
            if target is None:
                continue  # detached: the log keeps it (store.reattach.detached_reviews)
            merged_into = after.get("merged_into")
            if merged_into is not None:
                merged_into = reattach.current_event(c, merged_into)
            _put_state(
                store,
                target,
                after["decision"],
                merged_into,
                after.get("corrected", {}),
                r["id"],
                at=r["at"],  # when the reviewer decided, not when the state was rebuilt
            )
        summaries.rebuild(c)  # the per-event retract/add above ran against a cleared state
        return int(c.execute("SELECT COUNT(*) FROM review_state").fetchone()[0])


def _snapshot(machine: dict[str, Any], st: ReviewState | None) -> dict[str, Any]:
    """What an audit row records: the decision, the effective coding, and which fields were corrected."""
    fields = st.fields if st else {}
    return {
        "decision": st.decision if st else None,
        "merged_into": st.merged_into if st else None,
        "fields": machine | fields,
        "corrected": fields,
    }


def _append(
    store: Store, event_id: int, action: str, before: dict[str, Any], after: dict[str, Any], user: str,
    comment: str,
) -> tuple[int, str]:  # fmt: skip
    """Log a review; returns its id and time. The state it leads to is dated with that same time:
    two clock reads a second boundary apart dated them differently, and ``rebuild_state``, which
    reads the log, then disagreed with the state it rebuilds."""
    at = now()
    cur = store.conn.execute(
        """INSERT INTO reviews (target_type, target_id, action, before_json, after_json, "user", at, comment)
           VALUES ('event', ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
        (event_id, action, _json(before), _json(after), user, at, comment or ""),
    )
    return int(cur.fetchone()[0]), at


def _put_state(
    store: Store,
    event_id: int,
    decision: str,
    merged_into: int | None,
    fields: dict[str, Any],
    rid: int,
    at: str | None = None,
) -> None:
    loc = fields.get("location") or {}
    summaries.retract_events(store.conn, [event_id])  # facet and map summaries follow the state
    store.conn.execute(
        upsert(
            "review_state",
            ("event_id", "decision", "merged_into", "fields_json", "type", "mode", "status", "time_start",
             "time_end", "lat", "lon", "last_review", "reviewed_at"),
            key=("event_id",),
        ),
        (event_id, decision, merged_into, _json(fields), fields.get("type"), fields.get("mode"),
         fields.get("status"), fields.get("time_start"), fields.get("time_end"), loc.get("lat"),
         loc.get("lon"), rid, at or now()),
    )  # fmt: skip
    summaries.add_events(store.conn, [event_id])


def _check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(fields) - set(CORRECTABLE))
    if unknown:
        raise ReviewError(f"cannot correct {', '.join(unknown)}; correctable fields: {', '.join(CORRECTABLE)}")
    if not fields:
        raise ReviewError("a correction needs at least one field")
    out = dict(fields)
    for key in _NOT_NULL:
        if key in out and out[key] is None:
            raise ReviewError(f"{key} cannot be null; send a value (an empty list clears actors or targets)")
    known = plover_types()
    if "type" in out and known and out["type"] not in known:
        raise ReviewError(f"unknown PLOVER type {out['type']!r}; one of {', '.join(sorted(known))}")
    if "status" in out and out["status"] not in EVENT_STATUSES:
        raise ReviewError(f"unknown status {out['status']!r}; one of {', '.join(EVENT_STATUSES)}")
    dead = out.get("fatalities")
    if dead is not None and (isinstance(dead, bool) or not isinstance(dead, int) or not 0 <= dead <= MAX_FATALITIES):
        raise ReviewError(f"fatalities must be a whole number from 0 to {MAX_FATALITIES:,} (or null)")
    loc = out.get("location")
    if loc is not None:
        if not isinstance(loc, dict) or set(loc) - set(LOCATION_KEYS):
            raise ReviewError(f"location takes the keys {', '.join(LOCATION_KEYS)}")
        out["location"] = {k: loc.get(k) for k in LOCATION_KEYS}
    return out


def _check_interval(machine: dict[str, Any], corrected: dict[str, Any]) -> None:
    """The effective interval (as ``queries.EFFECTIVE`` reads it) must not end before it starts."""
    start = corrected.get("time_start") or machine.get("time_start")
    end = (
        corrected.get("time_end") or corrected.get("time_start") or machine.get("time_end") or machine.get("time_start")
    )
    if isinstance(start, str) and isinstance(end, str) and end < start[: len(end)]:
        raise InvalidCorrection(f"time_end {end} would be before time_start {start}; correct both together")


@cache
def plover_types() -> frozenset[str]:
    """The event types of the ontology the events stage codes with (empty if it is not installed)."""
    try:
        text = (files("eventledger.events") / "data" / "ontology.json").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    return frozenset(json.loads(text).get("types", {}))


def _state(r: Row) -> ReviewState:
    return ReviewState(
        r["event_id"],
        r["decision"],
        r["merged_into"],
        json.loads(r["fields_json"]),
        r["last_review"],
        r["reviewed_at"],
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# -- incidents: a reviewer splits or merges what the dedup stage grouped ---------------------------
def incident_history(store: Store, incident_id: int | None = None) -> list[dict[str, Any]]:
    """Reviewer splits and merges of an incident (of all incidents when None), oldest first."""
    return incidents.incident_reviews(store.conn, incident_id)


def _active_members(db: IncidentTables, incident_id: int) -> list[int]:
    row = db.incident_row(incident_id)
    if row is None:
        raise NotFound(f"no incident with id {incident_id} (see `eventledger incidents`)")
    if row["status"] != "active":
        state = f"it was merged into {row['merged_into']}"
        raise ReviewError(f"incident {incident_id} cannot be reviewed: {state} (see `eventledger incidents`)")
    return db.incident_members([incident_id])[incident_id]


def split_incident(
    store: Store,
    incident_id: int,
    event_ids: Sequence[int],
    *,
    reviewer: str,
    comment: str | None = None,
) -> int:
    """Move ``event_ids`` out of ``incident_id`` into a new incident (audited); returns the new id."""
    from eventledger.dedup.incidents import refresh_incidents  # the dedup stack loads only for a review

    db = IncidentTables(store.conn)
    with db.transaction():
        members = _active_members(db, incident_id)
        moving = sorted(set(event_ids))
        strays = sorted(set(moving) - set(members))
        if not moving or strays or len(moving) == len(members):
            why = f"events {strays} are not in it" if strays else "a split must leave events on both sides"
            raise ReviewError(f"cannot split incident {incident_id}: {why}")
        row = db.incident_row(incident_id)
        assert row is not None
        new_id = db.create_incident(row["type"], row["window_start"] or "", row["window_end"] or "")
        db.move_members(moving, new_id)
        refresh_incidents(db, [incident_id, new_id])
        before = {"incidents": {str(incident_id): members}}
        after = {"incidents": {str(incident_id): [e for e in members if e not in moving], str(new_id): moving}}
        for target in (incident_id, new_id):
            incidents.write_review(store.conn, target, "split", reviewer, before, after, comment)
    logger.info("%s split incident %d: events %s -> incident %d", reviewer, incident_id, moving, new_id)
    return new_id


def merge_incidents(store: Store, incident_ids: Sequence[int], *, reviewer: str, comment: str | None = None) -> int:
    """Merge incidents into the oldest of them (audited); the others stay as rows marked merged."""
    from eventledger.dedup.incidents import refresh_incidents  # the dedup stack loads only for a review

    db = IncidentTables(store.conn)
    ids = sorted(set(incident_ids))
    if len(ids) < 2:
        raise ReviewError(f"a merge needs at least two incidents, got {ids}")
    with db.transaction():
        before = {"incidents": {str(i): _active_members(db, i) for i in ids}}
        target, others = ids[0], ids[1:]
        moved = [e for i in others for e in before["incidents"][str(i)]]
        db.move_members(moved, target)
        for i in others:
            db.mark_merged(i, target)
        refresh_incidents(db, [target])
        after = {
            "incidents": {str(target): sorted(before["incidents"][str(target)] + moved)},
            "merged_into": target,
        }
        for i in ids:
            incidents.write_review(store.conn, i, "merge", reviewer, before, after, comment)
    logger.info("%s merged incidents %s into %d", reviewer, others, target)
    return target


# -- bulk review and one incident (appended: the web UI's review at speed) ---------------------------
BulkAction = Literal["accept", "correct", "reject"]


def bulk_review(
    store: Store,
    event_ids: Sequence[int],
    action: BulkAction,
    user: str,
    comment: str = "",
    fields: dict[str, Any] | None = None,
) -> list[int]:
    """One audited review per event, all in one transaction; returns the review ids in event order.

    A bulk correction (20 events misplaced by one wrong toponym) is 20 ordinary reviews, so each
    event's history reads as if it had been corrected alone; if any event refuses (merged, gone, a
    correction its interval cannot take) none of them is written.
    """
    if action not in ("accept", "correct", "reject"):
        raise ReviewError(f"a bulk review is accept, correct or reject, not {action!r}")
    ids = list(dict.fromkeys(event_ids))
    if not ids:
        raise ReviewError("a bulk review needs at least one event")
    with transaction(store.conn):
        return [review(store, i, action, user, comment, fields=fields) for i in ids]


def incident_record(store: Store, incident_id: int) -> dict[str, Any]:
    """One incident as ``incident_page`` lists it (merged ones too, with ``status``); NotFound if absent."""
    row = incidents.incident_row(store.conn, incident_id)
    if row is None:
        raise NotFound(f"no incident with id {incident_id} (see `eventledger incidents`)")
    return incidents._incident_records(store.conn, [row])[0] | {
        "status": row["status"],
        "merged_into": row["merged_into"],
    }


def incident_of_event(store: Store, event_id: int) -> int | None:
    """The incident an event belongs to (None when it has none)."""
    return incidents.incident_of_events(store.conn, [event_id]).get(event_id)
