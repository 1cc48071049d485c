"""Reviews survive re-analysis: a replaced document's reviewed events keep their reviews.

``ingest --replace`` deletes a document's machine rows and writes the new analysis, so every
event gets a new id. A review targets an event id, so before this module the reviews (and a
reviewer's incident splits and merges) were left pointing at ids that no longer existed.

An event's stable identity is its document's SHA-256, its type and its first evidence span
(offsets into a body that never changes). On replace, each old event that a review, a review
state or a reviewer's incident decision points at is matched to the new event with the same
identity (failing that, the same type and trigger span). ``event_reattachments`` records every
old id with the new id it became, or NULL when no new event matched: such a review is
*detached*, kept with its original event and listed by ``detached_reviews``, never dropped.

The audit log (``reviews``) is never rewritten: ``store.reviews`` reads a review's current
event through ``current_event``. ``review_state`` (derived) and review-made incident
memberships are moved to the new ids in the same transaction as the replace.

In SQLite a deleted row id can be handed out again; a new event must never take an id that
old reviews still name, so a replaced document's events start above every id ever used
(``id_floor``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventledger.store.connections import Database
from eventledger.store.transactions import now

logger = logging.getLogger(__name__)

REATTACH_MIGRATION = """
    CREATE TABLE event_reattachments (
        old_event_id     INTEGER PRIMARY KEY,
        new_event_id     INTEGER,
        document_sha256  TEXT NOT NULL,
        type             TEXT NOT NULL,
        evidence_start   INTEGER,
        evidence_end     INTEGER,
        evidence_text    TEXT,
        at               TEXT NOT NULL
    );
    CREATE INDEX event_reattachments_new ON event_reattachments(new_event_id)
"""


@dataclass(frozen=True, slots=True)
class OldEvent:
    """What a replaced document's reviewed event was, and what pointed at it."""

    event_id: int
    type: str
    evidence: tuple[int, int] | None
    evidence_text: str | None
    trigger: tuple[int, int] | None
    incident_id: int | None
    assigned_by: str | None
    score: float | None
    seq: int = 0  # its position in the document's events


def id_floor(conn: Database) -> int:
    """The highest event id ever handed out or named by a review (new events go above it)."""
    row = conn.execute(
        """SELECT MAX(x) FROM (SELECT MAX(id) AS x FROM events
                               UNION ALL SELECT MAX(target_id) FROM reviews
                               UNION ALL SELECT MAX(old_event_id) FROM event_reattachments) t"""
    ).fetchone()
    return int(row[0] or 0)


def reviewed_events(conn: Database, document_id: int) -> list[OldEvent]:
    """The document's events that a review or a reviewer's incident decision points at."""
    rows = conn.execute(
        """SELECT e.id, e.type, e.trigger_start, e.trigger_end, ev.start, ev."end", ev.text,
                  ie.incident_id, ie.assigned_by, ie.score,
                  (SELECT COUNT(*) FROM incident_reviews ir WHERE ir.incident_id = ie.incident_id) AS n_inc, e.seq
           FROM events e
           LEFT JOIN evidence ev ON ev.event_id = e.id AND ev.seq = 0
           LEFT JOIN incident_events ie ON ie.event_id = e.id
           WHERE e.document_id = ?
           ORDER BY e.seq, e.id""",
        (document_id,),
    ).fetchall()
    ids = [r[0] for r in rows]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    named = {
        r[0]
        for r in conn.execute(
            f"""SELECT target_id FROM reviews WHERE target_type = 'event' AND target_id IN ({marks})
                UNION SELECT event_id FROM review_state WHERE event_id IN ({marks})
                UNION SELECT merged_into FROM review_state WHERE merged_into IN ({marks})
                UNION SELECT new_event_id FROM event_reattachments WHERE new_event_id IN ({marks})""",
            ids * 4,
        )
    }
    out = []
    for r in rows:
        by_review = r[7] is not None and (r[8] == "review" or r[10] > 0)
        if r[0] not in named and not by_review:
            continue
        out.append(
            OldEvent(
                r[0],
                r[1],
                (r[4], r[5]) if r[4] is not None else None,
                r[6],
                (r[2], r[3]) if r[2] is not None else None,
                r[7] if by_review else None,
                r[8] if by_review else None,
                r[9],
                r[11],
            )  # fmt: skip
        )
    return out


Span = tuple[int, int]


def _new_keys(conn: Database, document_id: int) -> list[tuple[int, str, Span | None, Span | None, int]]:
    rows = conn.execute(
        """SELECT e.id, e.type, ev.start, ev."end", e.trigger_start, e.trigger_end, e.seq FROM events e
           LEFT JOIN evidence ev ON ev.event_id = e.id AND ev.seq = 0
           WHERE e.document_id = ? ORDER BY e.seq, e.id""",
        (document_id,),
    )
    return [
        (r[0], r[1], (r[2], r[3]) if r[2] is not None else None, (r[4], r[5]) if r[4] is not None else None, r[6])
        for r in rows
    ]


def match_events(
    old: Sequence[OldEvent], new: Sequence[tuple[int, str, Span | None, Span | None, int]]
) -> dict[int, int | None]:
    """Each old event's new id (None: not found), one new event per old one.

    A document often codes two events of one type in one sentence (two arrests, told together):
    they share the evidence span, so the span alone cannot tell them apart, and a first-come
    match handed a review to the neighbour of its event whenever only one of the two was
    reviewed. So every candidate pair is ranked (same evidence and trigger; same evidence; same
    trigger), ties going to the same position in the document, then the nearest, and pairs are
    taken best first: the result depends on neither the order of ``old`` nor of the rows."""
    pairs = []
    for o in old:
        for n in new:
            if n[1] != o.type:
                continue
            same_evidence = o.evidence is not None and n[2] == o.evidence
            same_trigger = o.trigger is not None and n[3] == o.trigger
            if same_evidence or same_trigger:
                rank = 0 if same_evidence and same_trigger else 1 if same_evidence else 2
                pairs.append((rank, abs(n[4] - o.seq), o.seq, o.event_id, n[4], n[0]))
    mapping: dict[int, int | None] = dict.fromkeys((o.event_id for o in old), None)
    taken: set[int] = set()
    for *_, old_id, _, new_id in sorted(pairs):
        if mapping[old_id] is None and new_id not in taken:
            mapping[old_id] = new_id
            taken.add(new_id)
    return mapping


def reattach(conn: Database, old: Sequence[OldEvent], document_id: int, sha256: str) -> tuple[int, int]:
    """Move reviews of ``old`` onto the new events of ``document_id``; returns (re-attached, detached).

    Runs inside the caller's replace transaction.
    """
    if not old:
        return 0, 0
    mapping = match_events(old, _new_keys(conn, document_id))
    at = now()
    for o in old:
        target = mapping[o.event_id]
        conn.execute(
            """INSERT INTO event_reattachments (old_event_id, new_event_id, document_sha256, type, evidence_start,
                   evidence_end, evidence_text, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (old_event_id) DO UPDATE SET new_event_id = excluded.new_event_id, at = excluded.at""",
            (o.event_id, target, sha256, o.type, *(o.evidence or (None, None)), o.evidence_text, at),
        )
        # An old id that was itself the new id of an earlier replace: its ancestors follow it.
        conn.execute("UPDATE event_reattachments SET new_event_id = ? WHERE new_event_id = ?", (target, o.event_id))
    # review_state is derived; move it (two steps: a new id may equal another old one in SQLite).
    for old_id, target in mapping.items():
        if target is None:
            conn.execute("DELETE FROM review_state WHERE event_id = ?", (old_id,))
            conn.execute("UPDATE review_state SET merged_into = NULL WHERE merged_into = ?", (old_id,))
        else:
            conn.execute("UPDATE review_state SET event_id = ? WHERE event_id = ?", (-target, old_id))
            conn.execute("UPDATE review_state SET merged_into = ? WHERE merged_into = ?", (-target, old_id))
    conn.execute("UPDATE review_state SET event_id = -event_id WHERE event_id < 0")
    conn.execute("UPDATE review_state SET merged_into = -merged_into WHERE merged_into < 0")
    for o in old:
        target = mapping[o.event_id]
        if target is not None and o.incident_id is not None:
            conn.execute(
                """INSERT INTO incident_events (event_id, incident_id, document_id, score, assigned_by, assigned_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (target, o.incident_id, document_id, o.score, o.assigned_by or "review", at),
            )
    attached = sum(1 for t in mapping.values() if t is not None)
    detached = len(mapping) - attached
    if detached:
        logger.warning(
            "%s: %d reviewed event(s) were not found again after re-analysis; their reviews are kept as detached "
            "(see store.reattach.detached_reviews)", sha256[:12], detached,
        )  # fmt: skip
    return attached, detached


def current_event(conn: Database, event_id: int) -> int | None:
    """The event an id now stands for: itself, the event a replace re-attached it to, or None (detached)."""
    row = conn.execute("SELECT new_event_id FROM event_reattachments WHERE old_event_id = ?", (event_id,)).fetchone()
    return event_id if row is None else row[0]


def former_ids(conn: Database, event_id: int) -> list[int]:
    """Ids this event had before replaces (its reviews may name them)."""
    return [r[0] for r in conn.execute("SELECT old_event_id FROM event_reattachments WHERE new_event_id = ?",
                                       (event_id,))]  # fmt: skip


def detached_reviews(conn: Database) -> list[dict[str, Any]]:
    """Reviews whose event was not found again after a replace: the original event and the review."""
    rows = conn.execute(
        """SELECT r.id, r.target_id, r.action, r."user", r.at, r.comment, a.document_sha256, a.type,
                  a.evidence_start, a.evidence_end, a.evidence_text, a.at AS detached_at
           FROM reviews r JOIN event_reattachments a ON a.old_event_id = r.target_id
           WHERE r.target_type = 'event' AND a.new_event_id IS NULL ORDER BY r.id"""
    )
    return [
        {
            "review_id": r[0],
            "status": "detached",
            "original_event_id": r[1],
            "action": r[2],
            "user": r[3],
            "at": r[4],
            "comment": r[5],
            "document_sha256": r[6],
            "type": r[7],
            "evidence": [r[8], r[9]],
            "evidence_text": r[10],
            "detached_at": r[11],
        }  # fmt: skip
        for r in rows
    ]


def orphaned_reviews(conn: Database) -> int:
    """Reviews whose event neither exists nor is recorded as re-attached or detached (should be 0)."""
    row = conn.execute(
        """SELECT COUNT(*) FROM reviews r WHERE r.target_type = 'event'
             AND r.target_id NOT IN (SELECT id FROM events)
             AND r.target_id NOT IN (SELECT old_event_id FROM event_reattachments)"""
    ).fetchone()
    state = conn.execute("SELECT COUNT(*) FROM review_state WHERE event_id NOT IN (SELECT id FROM events)").fetchone()
    return int(row[0]) + int(state[0])
