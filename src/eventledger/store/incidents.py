"""Tables and SQL for near-duplicate documents and cross-report incidents.

The ``dedup`` stage decides; this module only reads and writes rows, so the decisions stay
testable without SQL and the SQL stays readable in Datasette without the code:

- ``document_fingerprints``: one row per document, the SHA-256 of its normalised body and its
  MinHash signature as a blob of ``num_perm`` little-endian unsigned 32-bit integers (no pickles),
  plus ``origin_id``, the first-published document of the copies it belongs to. ``origin_id``
  is deliberately not a foreign key: replacing a document must not be refused because a copy
  points at it; ``dedup`` re-links copies when a document comes back.
- ``document_links``: ``document_id`` is a copy (exact, near or named-provenance) of ``original_id``.
- ``incidents`` / ``incident_events``: one incident, many reported events; the summary columns are
  recomputed whenever membership changes. Merged incidents stay as rows (``status = 'merged'``,
  ``merged_into``) so an old id still resolves.
- ``incident_reviews``: every reviewer split or merge, with before and after as JSON, who and when.
  Review never rewrites machine rows silently: membership moves, and the move is recorded here.

``INCIDENTS_MIGRATION`` is appended to ``store.schema.MIGRATIONS``; the migration runner
splits on semicolons, so none may appear inside this SQL except between statements.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from eventledger.errors import ConfigError
from eventledger.store import fingerprints
from eventledger.store.connections import Database, Row, upsert
from eventledger.store.transactions import now, transaction

INCIDENTS_MIGRATION: str = """
    CREATE TABLE document_fingerprints (
        document_id   INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        body_sha256   TEXT NOT NULL,
        n_shingles    INTEGER NOT NULL,
        shingle_words INTEGER NOT NULL,
        num_perm      INTEGER NOT NULL,
        seed          INTEGER NOT NULL,
        minhash       BLOB NOT NULL,
        origin_id     INTEGER NOT NULL
    );
    CREATE TABLE document_links (
        id            INTEGER PRIMARY KEY,
        document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        original_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('exact', 'near', 'provenance')),
        similarity    REAL NOT NULL,
        UNIQUE (document_id, original_id)
    );
    CREATE TABLE incidents (
        id                      INTEGER PRIMARY KEY,
        status                  TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
        merged_into             INTEGER REFERENCES incidents(id),
        type                    TEXT NOT NULL,
        time_start              TEXT,
        time_end                TEXT,
        time_precision          TEXT,
        window_start            TEXT,
        window_end              TEXT,
        place_name              TEXT,
        place_geonameid         INTEGER,
        place_lat               REAL,
        place_lon               REAL,
        place_country           TEXT,
        place_admin_path        TEXT NOT NULL DEFAULT '',
        place_precision         TEXT,
        n_reports               INTEGER NOT NULL DEFAULT 0,
        n_independent_sources   INTEGER NOT NULL DEFAULT 0,
        first_reported          TEXT,
        conflict                INTEGER NOT NULL DEFAULT 0,
        conflict_reasons        TEXT NOT NULL DEFAULT '[]',
        created_at              TEXT NOT NULL,
        updated_at              TEXT NOT NULL
    );
    CREATE TABLE incident_events (
        event_id      INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        incident_id   INTEGER NOT NULL REFERENCES incidents(id),
        document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        score         REAL,
        assigned_by   TEXT NOT NULL CHECK (assigned_by IN ('machine', 'review')),
        assigned_at   TEXT NOT NULL
    );
    CREATE TABLE incident_reviews (
        id            INTEGER PRIMARY KEY,
        incident_id   INTEGER NOT NULL REFERENCES incidents(id),
        action        TEXT NOT NULL CHECK (action IN ('split', 'merge')),
        reviewer      TEXT NOT NULL,
        at            TEXT NOT NULL,
        before_json   TEXT NOT NULL,
        after_json    TEXT NOT NULL,
        comment       TEXT
    );
    CREATE INDEX document_fingerprints_body ON document_fingerprints(body_sha256);
    CREATE INDEX document_fingerprints_origin ON document_fingerprints(origin_id);
    CREATE INDEX document_links_original ON document_links(original_id);
    CREATE INDEX incidents_window ON incidents(type, window_start, window_end);
    CREATE INDEX incident_events_incident ON incident_events(incident_id);
    CREATE INDEX incident_events_document ON incident_events(document_id);
    CREATE INDEX incident_reviews_incident ON incident_reviews(incident_id);
"""

# 7: blocking keys of each member, so that the incident lookup reads an index range per block
# (type, country cell, span bucket) near an event, whatever the size of the table. Rows stored
# before it (and rows ``reattach`` puts back) keep the wildcard type and are read by every
# lookup until the dedup stage keys them (``unkeyed_members``).
INCIDENT_BLOCKS_MIGRATION: str = """
    ALTER TABLE incident_events ADD COLUMN block_type TEXT NOT NULL DEFAULT '*';
    ALTER TABLE incident_events ADD COLUMN block_cell TEXT NOT NULL DEFAULT '*';
    ALTER TABLE incident_events ADD COLUMN block_span INTEGER NOT NULL DEFAULT -1;
    ALTER TABLE incident_events ADD COLUMN day_start INTEGER;
    ALTER TABLE incident_events ADD COLUMN day_end INTEGER;
    CREATE INDEX incident_events_block ON incident_events(block_type, block_cell, block_span, day_start);
    CREATE INDEX incident_events_block_any ON incident_events(block_type, block_span, day_start)
"""
# 9: blocking keys of vague members for the retold-act link (``dedup.retold``): one row per
# doer, country and act word, so that the lookup of a retelling reads a few index ranges and not
# a year of the country's members. Every member is made unkeyed once, so that the first dedup
# call after the upgrade writes these rows for members stored before it (``unkeyed_members``).
INCIDENT_RETOLD_MIGRATION: str = """
    CREATE TABLE incident_retold_keys (
        event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        doer       TEXT NOT NULL,
        cell       TEXT NOT NULL,
        word       TEXT NOT NULL,
        type       TEXT NOT NULL,
        coarse     INTEGER NOT NULL,
        day_start  INTEGER NOT NULL,
        day_end    INTEGER NOT NULL
    );
    CREATE INDEX incident_retold_keys_block ON incident_retold_keys(doer, cell, word, coarse, day_start);
    CREATE INDEX incident_retold_keys_event ON incident_retold_keys(event_id);
    UPDATE incident_events SET block_type = '*'
"""
UNKEYED = "*"
UNBOUNDED = -1  # the bucket of members too long for any range (``dedup.blocking.UNBOUNDED``)


# A member's key: (event id, type, country cell or '*', span bucket, first day, last day), days as
# ordinals; a range: (span bucket, lowest first day, highest first day, lowest last day). Plain
# tuples, as ``dedup.tables`` names them (the store does not import the dedup stage).
MemberKey = tuple[int, str, str, int, int | None, int | None]
MemberRange = tuple[int, int, int, int]
# A retold key: (event id, doer, country, act word, type, coarse, first day, last day) (``dedup.retold.RetoldKey``).
RetoldKey = tuple[int, str, str, str, str, bool, int, int]


SUMMARY_COLUMNS = (
    "type", "time_start", "time_end", "time_precision", "window_start", "window_end", "place_name",
    "place_geonameid", "place_lat", "place_lon", "place_country", "place_admin_path", "place_precision",
    "n_reports", "n_independent_sources", "first_reported", "conflict", "conflict_reasons",
)  # fmt: skip


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _marks(ids: Sequence[object]) -> str:
    return ",".join("?" * len(ids))


# -- documents ---------------------------------------------------------------------------------
def write_fingerprint(
    conn: Database,
    document_id: int,
    body_sha256: str,
    n_shingles: int,
    shingle_words: int,
    num_perm: int,
    seed: int,
    minhash: bytes,
    origin_id: int,
) -> None:
    """Insert or replace a document's fingerprint row (MinHash signature as bytes, with its settings)."""
    conn.execute(
        upsert(
            "document_fingerprints",
            ("document_id", "body_sha256", "n_shingles", "shingle_words", "num_perm", "seed", "minhash", "origin_id"),
            key=("document_id",),
        ),
        (document_id, body_sha256, n_shingles, shingle_words, num_perm, seed, minhash, origin_id),
    )


def undeduped_document_ids(conn: Database) -> list[int]:
    """Stored documents the dedup stage has not seen yet (a run killed between the two)."""
    rows = conn.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM document_fingerprints) ORDER BY id"
    )
    return [r[0] for r in rows]


def document_row(conn: Database, document_id: int) -> Row | None:
    """A document's row (None when it is gone)."""
    row: Row | None = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row


def event_ids_of_documents(conn: Database, document_ids: Sequence[int]) -> list[int]:
    """Event ids of the given documents, in document and event order."""
    out: list[int] = []
    for chunk in _chunks(list(document_ids)):
        sql = f"SELECT id FROM events WHERE document_id IN ({_marks(chunk)}) ORDER BY id"
        out.extend(r[0] for r in conn.execute(sql, list(chunk)))
    return sorted(out)


def document_body(conn: Database, document_id: int) -> str | None:
    """A document's clean body (None when it is gone)."""
    row = conn.execute("SELECT body FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row[0] if row else None


def copies_of(conn: Database, document_id: int) -> list[int]:
    """The document and every copy sharing its origin (itself alone before dedup has seen it)."""
    row = conn.execute("SELECT origin_id FROM document_fingerprints WHERE document_id = ?", (document_id,)).fetchone()
    if row is None:
        return [document_id]
    sql = "SELECT document_id FROM document_fingerprints WHERE origin_id = ? ORDER BY document_id"
    return [r[0] for r in conn.execute(sql, (row[0],))]


def documents_with_body_hash(conn: Database, body_sha256: str) -> list[int]:
    """Documents whose normalised body has this SHA-256 (exact copies), oldest first."""
    sql = "SELECT document_id FROM document_fingerprints WHERE body_sha256 = ? ORDER BY document_id"
    return [r[0] for r in conn.execute(sql, (body_sha256,))]


def write_link(conn: Database, document_id: int, original_id: int, kind: str, similarity: float) -> None:
    """Record that ``document_id`` is a copy of ``original_id`` (kind: exact, near or provenance)."""
    conn.execute(
        upsert(
            "document_links", ("document_id", "original_id", "kind", "similarity"), key=("document_id", "original_id")
        ),
        (document_id, original_id, kind, round(similarity, 4)),
    )


def repoint_origins(conn: Database, old_origins: Iterable[int], new_origin: int) -> list[int]:
    """Point every copy of ``old_origins`` at ``new_origin``; returns the documents that moved."""
    olds = sorted(set(old_origins) - {new_origin})
    if not olds:
        return []
    moved = [
        r[0]
        for r in conn.execute(
            f"SELECT document_id FROM document_fingerprints WHERE origin_id IN ({_marks(olds)})", olds
        )
    ]
    conn.execute(
        f"UPDATE document_fingerprints SET origin_id = ? WHERE origin_id IN ({_marks(olds)})",
        [new_origin, *olds],
    )
    return moved


def document_links(conn: Database, document_id: int | None = None) -> list[dict[str, Any]]:
    """Copy links, of one document or of all, as plain dicts."""
    sql = "SELECT document_id, original_id, kind, similarity FROM document_links"
    args: tuple[int, ...] = ()
    if document_id is not None:
        sql += " WHERE document_id = ? OR original_id = ?"
        args = (document_id, document_id)
    return [dict(r) for r in conn.execute(sql + " ORDER BY document_id, original_id", args)]


def document_sources(conn: Database, document_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Publication date, outlets and origin (with the origin's outlets) of each document."""
    out: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(list(document_ids)):
        rows = conn.execute(
            f"""SELECT d.id, d.published, d.publisher, d.original_publisher, f.origin_id,
                       o.publisher AS origin_publisher, o.original_publisher AS origin_original_publisher
                FROM documents d
                LEFT JOIN document_fingerprints f ON f.document_id = d.id
                LEFT JOIN documents o ON o.id = f.origin_id
                WHERE d.id IN ({_marks(chunk)})""",
            list(chunk),
        )
        for r in rows:
            out[r["id"]] = dict(r)
    return out


# -- events ------------------------------------------------------------------------------------
def event_rows(conn: Database, event_ids: Sequence[int]) -> dict[str, list[Row]]:
    """The rows an incident decision needs for ``event_ids``: events, places, actors, quantities, evidence.

    A reviewer's corrected type, status and time (``review_state``) replace the machine's;
    ``decision`` tells a rejected event or one merged into another; ``fields_json`` carries the
    other corrected fields (a corrected location replaces the machine's places).
    """
    out: dict[str, list[Row]] = {"events": [], "places": [], "actors": [], "quantities": [], "evidence": []}
    for chunk in _chunks(list(event_ids)):
        m, args = _marks(chunk), list(chunk)
        out["events"] += conn.execute(
            f"""SELECT e.id, e.document_id, COALESCE(r.type, e.type) AS type,
                       COALESCE(r.status, e.status) AS status, COALESCE(r.time_start, e.time_start) AS time_start,
                       COALESCE(r.time_end, e.time_end) AS time_end,
                       COALESCE({conn.dialect.json_text("r.fields_json", "time_precision")},
                                CASE WHEN r.time_start IS NULL THEN e.time_precision ELSE 'day' END)
                           AS time_precision,
                       CASE WHEN r.time_start IS NULL THEN e.time_basis ELSE 'explicit' END AS time_basis,
                       d.published, r.decision, r.fields_json
                FROM events e JOIN documents d ON d.id = e.document_id
                LEFT JOIN review_state r ON r.event_id = e.id
                WHERE e.id IN ({m})""",
            args,
        ).fetchall()
        out["places"] += conn.execute(
            f"""SELECT event_id, name, geonameid, lat, lon, country, admin1, precision, admin_path
                FROM event_places WHERE event_id IN ({m}) ORDER BY id""",
            args,
        ).fetchall()
        out["actors"] += conn.execute(
            f"SELECT event_id, text, normalised, kind, role FROM event_actors WHERE event_id IN ({m}) ORDER BY id",
            args,
        ).fetchall()
        out["evidence"] += conn.execute(
            f"SELECT event_id, text FROM evidence WHERE event_id IN ({m}) ORDER BY event_id, seq", args
        ).fetchall()
        out["quantities"] += conn.execute(
            f"""SELECT event_id, kind, value_min, value_max, unit FROM quantities
                WHERE event_id IN ({m}) ORDER BY id""",
            args,
        ).fetchall()
    return out


def event_order_keys(conn: Database, event_ids: Sequence[int]) -> dict[int, tuple[str, int]]:
    """(document SHA-256, event seq) of each event: a name that does not depend on arrival order."""
    out: dict[int, tuple[str, int]] = {}
    for chunk in _chunks(list(event_ids)):
        rows = conn.execute(
            f"""SELECT e.id, d.sha256, e.seq FROM events e JOIN documents d ON d.id = e.document_id
                WHERE e.id IN ({_marks(chunk)})""",
            list(chunk),
        )
        out.update({r[0]: (r[1], r[2]) for r in rows})
    return out


def unassigned_event_ids(conn: Database) -> list[int]:
    """Events in no incident yet."""
    sql = """SELECT e.id FROM events e LEFT JOIN incident_events ie ON ie.event_id = e.id
             WHERE ie.event_id IS NULL ORDER BY e.id"""
    return [r[0] for r in conn.execute(sql)]


# -- incidents ---------------------------------------------------------------------------------
def incidents_near(
    conn: Database, types: Sequence[str], cells: Sequence[str] | None, ranges: Sequence[MemberRange]
) -> list[int]:
    """Active incidents with a member of one of ``types`` in one of ``cells`` within one of ``ranges``.

    Blocking is per member, not per incident (an incident's members may name several places
    and spread over weeks): each range reads one block's index range on
    ``incident_events_block``, so a lookup reads the members near the event and never an
    older or larger part of the table. ``cells`` None: any cell. The unbounded block (members
    longer than any bucket) is one of ``ranges`` too, read by cell and overlap. Members never
    keyed (``block_type`` '*': rows from before migration 7 or from ``reattach``) are always
    read, so a lookup misses nothing.
    """
    parts, args = [], []
    for r in ranges:
        cell = "" if cells is None else f" AND block_cell IN ({_marks(cells)})"
        parts.append(
            f"""SELECT incident_id FROM incident_events
                WHERE block_type IN ({_marks(types)}){cell} AND block_span = ?
                  AND day_start BETWEEN ? AND ? AND day_end >= ?"""
        )
        args += [*types, *(cells or ()), *r]
    # The unkeyed rows off their index whatever the statistics say: ANALYZE run while every member
    # was unkeyed (a bulk load, the upgrade to migration 9) has the planner scan the whole table.
    any_block = " INDEXED BY incident_events_block_any" if conn.dialect.name == "sqlite" else ""
    parts.append(f"SELECT incident_id FROM incident_events{any_block} WHERE block_type = ? AND block_span = ?")
    args += [UNKEYED, UNBOUNDED]
    sql = f"""SELECT DISTINCT n.incident_id FROM ({" UNION ALL ".join(parts)}) n
              JOIN incidents i ON i.id = n.incident_id WHERE i.status = 'active' ORDER BY n.incident_id"""
    return [r[0] for r in conn.tuples(sql, args)]


def write_member_keys(conn: Database, keys: Sequence[MemberKey]) -> None:
    """Store the blocking keys ``incidents_near`` reads for members already in an incident."""
    rows = [[*key, event_id] for event_id, *key in keys]
    if rows:  # one batch: the first lookup after migration 7 keys every stored member
        conn.execute_many(
            """UPDATE incident_events SET block_type = ?, block_cell = ?, block_span = ?, day_start = ?, day_end = ?
               WHERE event_id = ?""",
            rows,
        )


def write_retold_keys(conn: Database, event_ids: Sequence[int], keys: Sequence[RetoldKey]) -> None:
    """Replace the retold-act blocking keys of ``event_ids`` with ``keys`` (``retold_events`` reads them)."""
    for chunk in _chunks(list(event_ids)):
        conn.execute(f"DELETE FROM incident_retold_keys WHERE event_id IN ({_marks(chunk)})", list(chunk))
    if keys:
        rows = [(e, doer, cell, word, type_, int(coarse), *days) for e, doer, cell, word, type_, coarse, *days in keys]
        conn.execute_many("INSERT INTO incident_retold_keys VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def retold_events(
    conn: Database,
    doers: Sequence[str],
    cells: Sequence[str],
    words: Sequence[str],
    types: Sequence[str],
    coarse_only: bool,
    days: tuple[int, int, int],
) -> list[int]:
    """Incident members stored under one of ``doers`` x ``cells`` x ``words`` with a type of ``types``.

    ``coarse_only``: only members stored as coarse (a day-dated event is retold only by one);
    ``days`` is (lowest first day, highest first day, lowest last day): each block is one index
    range of ``incident_retold_keys_block``, so the rows read are the block's events in that
    window, whatever the size of the table.
    """
    if not (doers and cells and words and types):
        return []
    coarse = [1] if coarse_only else [0, 1]
    sql = f"""SELECT DISTINCT k.event_id FROM incident_retold_keys k
              JOIN incident_events ie ON ie.event_id = k.event_id
              WHERE k.doer IN ({_marks(doers)}) AND k.cell IN ({_marks(cells)}) AND k.word IN ({_marks(words)})
                AND k.coarse IN ({_marks(coarse)}) AND k.day_start BETWEEN ? AND ? AND k.day_end >= ?
                AND k.type IN ({_marks(types)})
              ORDER BY k.event_id"""
    return [r[0] for r in conn.tuples(sql, [*doers, *cells, *words, *coarse, *days, *types])]


def unkeyed_members(conn: Database) -> list[int]:
    """Members without blocking keys (stored before migration 7, or put back by ``reattach``)."""
    sql = "SELECT event_id FROM incident_events WHERE block_type = ? ORDER BY event_id"
    return [r[0] for r in conn.tuples(sql, (UNKEYED,))]


def incident_members(conn: Database, incident_ids: Sequence[int]) -> dict[int, list[int]]:
    """Event ids of each incident, in event order."""
    out: dict[int, list[int]] = {i: [] for i in incident_ids}
    for chunk in _chunks(list(incident_ids)):
        rows = conn.execute(
            f"""SELECT incident_id, event_id FROM incident_events
                WHERE incident_id IN ({_marks(chunk)}) ORDER BY event_id""",
            list(chunk),
        )
        for r in rows:
            out[r[0]].append(r[1])
    return out


def incident_of_events(conn: Database, event_ids: Sequence[int]) -> dict[int, int]:
    """The incident of each given event that has one."""
    out: dict[int, int] = {}
    for chunk in _chunks(list(event_ids)):
        sql = f"SELECT event_id, incident_id FROM incident_events WHERE event_id IN ({_marks(chunk)})"
        out.update({r[0]: r[1] for r in conn.execute(sql, list(chunk))})
    return out


def incidents_of_documents(conn: Database, document_ids: Sequence[int]) -> list[int]:
    """Incidents that hold an event of the given documents."""
    found: set[int] = set()
    for chunk in _chunks(list(document_ids)):
        sql = f"SELECT DISTINCT incident_id FROM incident_events WHERE document_id IN ({_marks(chunk)})"
        found.update(r[0] for r in conn.execute(sql, list(chunk)))
    return sorted(found)


def incidents_out_of_date(conn: Database) -> list[int]:
    """Active incidents whose report count no longer matches their members (a deleted document)."""
    sql = """SELECT i.id FROM incidents i
             WHERE i.status = 'active' AND i.n_reports !=
                   (SELECT COUNT(DISTINCT ie.document_id) FROM incident_events ie WHERE ie.incident_id = i.id)"""
    return [r[0] for r in conn.execute(sql)]


def create_incident(conn: Database, type_: str, window_start: str, window_end: str, country: str | None = None) -> int:
    """A new active incident; its summary is written once it has members."""
    at = now()
    cur = conn.execute(
        """INSERT INTO incidents (type, window_start, window_end, place_country, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?) RETURNING id""",
        (type_, window_start, window_end, country, at, at),
    )
    return int(cur.fetchone()[0])


def add_member(conn: Database, incident_id: int, event_id: int, document_id: int, score: float | None, by: str) -> None:
    """Put an event into an incident (``by``: machine or review)."""
    conn.execute(
        upsert(
            "incident_events",
            ("event_id", "incident_id", "document_id", "score", "assigned_by", "assigned_at"),
            key=("event_id",),
        ),
        (event_id, incident_id, document_id, score, by, now()),
    )


def remove_members(conn: Database, event_ids: Sequence[int]) -> None:
    """Take events out of whatever incident holds them (a reviewer rejected them or they no longer happened)."""
    for chunk in _chunks(list(event_ids)):
        conn.execute(f"DELETE FROM incident_events WHERE event_id IN ({_marks(chunk)})", list(chunk))


def move_members(conn: Database, event_ids: Sequence[int], incident_id: int, by: str = "review") -> None:
    """Reassign events to ``incident_id`` (on a reviewer's decision unless ``by`` says machine)."""
    at = now()
    for chunk in _chunks(list(event_ids)):
        conn.execute(
            f"""UPDATE incident_events SET incident_id = ?, assigned_by = ?, assigned_at = ?
                WHERE event_id IN ({_marks(chunk)})""",
            [incident_id, by, at, *chunk],
        )


def reviewed_incidents(conn: Database, incident_ids: Sequence[int]) -> set[int]:
    """Those of ``incident_ids`` a reviewer has split or merged (the machine leaves them be)."""
    found: set[int] = set()
    for chunk in _chunks(list(incident_ids)):
        sql = f"SELECT DISTINCT incident_id FROM incident_reviews WHERE incident_id IN ({_marks(chunk)})"
        found.update(r[0] for r in conn.execute(sql, list(chunk)))
    return found


def write_summary(conn: Database, incident_id: int, summary: dict[str, Any]) -> None:
    """Write an incident's summary columns (only the keys given) and its update time."""
    cols = [c for c in SUMMARY_COLUMNS if c in summary]
    values = [json.dumps(summary[c]) if c == "conflict_reasons" else summary[c] for c in cols]
    sets = ", ".join(f"{c} = ?" for c in cols)
    conn.execute(f"UPDATE incidents SET {sets}, updated_at = ? WHERE id = ?", [*values, now(), incident_id])


def mark_merged(conn: Database, incident_id: int, into: int) -> None:
    """Mark an incident merged into another; the row stays so the old id still resolves."""
    conn.execute(
        "UPDATE incidents SET status = 'merged', merged_into = ?, n_reports = 0, updated_at = ? WHERE id = ?",
        (into, now(), incident_id),
    )


def incident_row(conn: Database, incident_id: int) -> Row | None:
    """An incident's row (None when there is no such incident)."""
    row: Row | None = conn.execute("SELECT * FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    return row


def write_review(
    conn: Database,
    incident_id: int,
    action: str,
    reviewer: str,
    before: Any,
    after: Any,
    comment: str | None,
) -> int:
    """Append a reviewer's split or merge to ``incident_reviews``; returns its id."""
    cur = conn.execute(
        """INSERT INTO incident_reviews (incident_id, action, reviewer, at, before_json, after_json, comment)
           VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""",
        (incident_id, action, reviewer, now(), json.dumps(before, sort_keys=True),
         json.dumps(after, sort_keys=True), comment),
    )  # fmt: skip
    return int(cur.fetchone()[0])


def incident_reviews(conn: Database, incident_id: int | None = None) -> list[dict[str, Any]]:
    """The review history, oldest first; ``before`` and ``after`` decoded from JSON."""
    sql = "SELECT * FROM incident_reviews"
    args: tuple[int, ...] = ()
    if incident_id is not None:
        sql += " WHERE incident_id = ?"
        args = (incident_id,)
    out = []
    for r in conn.execute(sql + " ORDER BY id", args):
        d = dict(r)
        d["before"] = json.loads(d.pop("before_json"))
        d["after"] = json.loads(d.pop("after_json"))
        out.append(d)
    return out


def incident_partition(conn: Database) -> list[dict[str, Any]]:
    """Incidents by content, not ids: each as its reports' (document SHA-256, event seq) pairs.

    Two databases built from the same documents in another order get other ids; this view
    is what a test compares (with the counts, which do not depend on ids either).
    """
    groups: dict[int, list[tuple[str, int]]] = {}
    rows = conn.execute(
        """SELECT ie.incident_id, d.sha256, e.seq FROM incident_events ie
           JOIN events e ON e.id = ie.event_id JOIN documents d ON d.id = e.document_id"""
    )
    for r in rows:
        groups.setdefault(r[0], []).append((r[1], r[2]))
    out = []
    for r in conn.execute("SELECT * FROM incidents WHERE status = 'active'"):
        if r["id"] in groups:
            out.append(
                {
                    "reports": sorted(groups[r["id"]]),
                    "type": r["type"],
                    "n_reports": r["n_reports"],
                    "n_independent_sources": r["n_independent_sources"],
                    "first_reported": r["first_reported"],
                    "conflict": bool(r["conflict"]),
                }  # fmt: skip
            )
    return sorted(out, key=lambda i: i["reports"])


COUNT_CAP = 10_000  # incident totals above this are reported as "at least" (Page.exact False)
COUNT_BUDGET_MS = 25.0  # and so are totals that take longer than this to count

# Paging incidents by id under a filter reads them in order off these instead of sorting every match.
INCIDENT_PAGING_MIGRATION: str = """
    CREATE INDEX incidents_type_order ON incidents(type, id);
    CREATE INDEX incidents_conflict_order ON incidents(conflict, id);
    CREATE INDEX incidents_country_order ON incidents(place_country, id)
"""


@dataclass(frozen=True, slots=True)
class IncidentPage:
    """A page of incidents; ``total`` is exact when ``exact``, else a lower bound."""

    total: int
    exact: bool
    items: list[dict[str, Any]]


def _incident_where(
    types: Sequence[str] | str = (), conflict: bool | None = None, country: str | None = None,
    include_empty: bool = False,
) -> tuple[str, list[Any]]:  # fmt: skip
    where, args = ["i.status = 'active'"], list[Any]()
    if not include_empty:
        where.append("EXISTS (SELECT 1 FROM incident_events x WHERE x.incident_id = i.id)")
    wanted = (types,) if isinstance(types, str) else tuple(types)
    if wanted:
        where.append(f"i.type IN ({_marks(wanted)})")
        args.extend(wanted)
    if conflict is not None:
        where.append("i.conflict = ?")
        args.append(int(bool(conflict)))
    if country:
        where.append("i.place_country = ?")
        args.append(country.upper())
    return " AND ".join(where), args


def incident_page(
    conn: Database, limit: int, offset: int = 0, *, count_cap: int = COUNT_CAP,
    count_budget_ms: float = COUNT_BUDGET_MS, **filters: Any,
) -> IncidentPage:  # fmt: skip
    """One page of active incidents, oldest first, paged and filtered in SQL.

    ``filters``: ``types``, ``conflict``, ``country``, ``include_empty``. Only the page's rows and
    members are read, read in id order off an index per filter (``INCIDENT_PAGING_MIGRATION``), and
    the total is counted up to ``count_cap`` within ``count_budget_ms``; past either, ``exact`` is
    False and ``total`` a lower bound. So a page costs about the same on a thousand incidents or
    on a million.
    """
    unknown = set(filters) - {"types", "conflict", "country", "include_empty"}
    if unknown:
        raise ConfigError(f"unknown incident filter(s): {', '.join(sorted(unknown))}; use types, conflict, country")
    where, args = _incident_where(**filters)
    rows = list(conn.execute(f"SELECT i.* FROM incidents i WHERE {where} ORDER BY i.id LIMIT ? OFFSET ?",
                             [*args, min(limit, 2**62) + 1, offset]))  # fmt: skip
    more = len(rows) > limit
    rows = rows[:limit]
    items = _incident_records(conn, rows)
    if limit >= 2**62:  # everything from offset on was asked for: no separate count
        return IncidentPage(offset + len(rows) if rows or not offset else _count(conn, where, args), True, items)
    cap = max(count_cap, offset + limit)
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM incidents i WHERE {where} LIMIT ?) AS matched"
    n = conn.first_within(sql, [*args, cap + 1], max(0.001, count_budget_ms / 1000))
    if n is not None and int(n) <= cap:
        return IncidentPage(int(n), True, items)
    lower = max(offset + len(rows) + int(more), cap + 1 if n is not None else 0)
    return IncidentPage(lower, False, items)


def _count(conn: Database, where: str, args: list[Any]) -> int:
    return int(conn.execute(f"SELECT COUNT(*) FROM incidents i WHERE {where}", args).fetchone()[0])


def list_incidents(conn: Database, *, include_empty: bool = False) -> list[dict[str, Any]]:
    """Every active incident with its summary and report ids, oldest first.

    This is what ``eventledger incidents`` prints: id, type, time, place, number of reports,
    number of independent sources, first-reported date, conflict flag and the report ids.
    """
    members: dict[int, tuple[list[int], set[int]]] = {}
    for r in conn.execute("SELECT incident_id, event_id, document_id FROM incident_events ORDER BY event_id"):
        ev, docs = members.setdefault(r[0], ([], set()))
        ev.append(r[1])
        docs.add(r[2])
    out = []
    for r in conn.execute("SELECT * FROM incidents WHERE status = 'active' ORDER BY id"):
        events, docs = members.get(r["id"], ([], set()))
        if not events and not include_empty:
            continue
        out.append(_incident_record(r, events, docs))
    return out


def _incident_records(conn: Database, rows: Sequence[Row]) -> list[dict[str, Any]]:
    members: dict[int, tuple[list[int], set[int]]] = {r["id"]: ([], set()) for r in rows}
    for chunk in _chunks(list(members)):
        for m in conn.execute(
            f"""SELECT incident_id, event_id, document_id FROM incident_events
                WHERE incident_id IN ({_marks(chunk)}) ORDER BY event_id""",
            list(chunk),
        ):
            members[m[0]][0].append(m[1])
            members[m[0]][1].add(m[2])
    return [_incident_record(r, *members[r["id"]]) for r in rows]


def _incident_record(r: Row, events: list[int], docs: set[int]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "type": r["type"],
        "time": {"start": r["time_start"], "end": r["time_end"], "precision": r["time_precision"]},
        "place": {
            "name": r["place_name"],
            "geonameid": r["place_geonameid"],
            "lat": r["place_lat"],
            "lon": r["place_lon"],
            "country": r["place_country"],
            "precision": r["place_precision"],
            "admin_path": [x for x in (r["place_admin_path"] or "").split(" > ") if x],
        },  # fmt: skip
        "n_reports": r["n_reports"],
        "n_independent_sources": r["n_independent_sources"],
        "first_reported": r["first_reported"],
        "conflict": bool(r["conflict"]),
        "conflict_reasons": json.loads(r["conflict_reasons"] or "[]"),
        "document_ids": sorted(docs),
        "event_ids": events,
    }


class IncidentTables:
    """The functions above bound to one connection: what ``dedup`` is handed (``dedup.tables.Tables``).

    The dedup stage decides and this object reads and writes, so no connection or SQL leaves
    ``store/``. ``Store.incident_tables()`` makes one.
    """

    def __init__(self, conn: Database) -> None:
        self.conn = conn

    def transaction(self) -> AbstractContextManager[None]:
        """One transaction (joined by nested calls), as ``store.transactions.transaction``."""
        return transaction(self.conn)

    def undeduped_document_ids(self) -> list[int]:
        """Documents stored but never linked (a killed run): the pipeline catches them up first."""
        return undeduped_document_ids(self.conn)

    def active_incident_ids(self) -> list[int]:
        """Every incident not merged into another."""
        return [r[0] for r in self.conn.execute("SELECT id FROM incidents WHERE status = 'active'")]

    def add_member(self, incident_id: int, event_id: int, document_id: int, score: float | None, by: str) -> None:
        """Put an event into an incident (``by``: machine or review)."""
        return add_member(self.conn, incident_id, event_id, document_id, score, by)

    def incidents_near(
        self, types: Sequence[str], cells: Sequence[str] | None, ranges: Sequence[MemberRange]
    ) -> list[int]:
        """Active incidents with a member of one of ``types`` in one of ``cells`` within one of ``ranges``."""
        return incidents_near(self.conn, types, cells, ranges)

    def write_member_keys(self, keys: Sequence[MemberKey]) -> None:
        """Store the blocking keys of members already in an incident."""
        write_member_keys(self.conn, keys)

    def write_retold_keys(self, event_ids: Sequence[int], keys: Sequence[RetoldKey]) -> None:
        """Replace the retold-act blocking keys of ``event_ids``."""
        write_retold_keys(self.conn, event_ids, keys)

    def retold_events(
        self,
        doers: Sequence[str],
        cells: Sequence[str],
        words: Sequence[str],
        types: Sequence[str],
        coarse_only: bool,
        days: tuple[int, int, int],
    ) -> list[int]:
        """Incident members stored under one of the retold-act blocks within ``days``."""
        return retold_events(self.conn, doers, cells, words, types, coarse_only, days)

    def unkeyed_members(self) -> list[int]:
        """Members without blocking keys."""
        return unkeyed_members(self.conn)

    def copies_of(self, document_id: int) -> list[int]:
        """The document and every copy sharing its origin (itself alone before dedup has seen it)."""
        return copies_of(self.conn, document_id)

    def create_incident(self, type_: str, window_start: str, window_end: str, country: str | None = None) -> int:
        """A new active incident; its summary is written once it has members."""
        return create_incident(self.conn, type_, window_start, window_end, country)

    def document_body(self, document_id: int) -> str | None:
        """A document's clean body (None when it is gone)."""
        return document_body(self.conn, document_id)

    def document_row(self, document_id: int) -> Row | None:
        """A document's row (None when it is gone)."""
        return document_row(self.conn, document_id)

    def document_sources(self, document_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Publication date, outlets and origin (with the origin's outlets) of each document."""
        return document_sources(self.conn, document_ids)

    def documents_with_body_hash(self, body_sha256: str) -> list[int]:
        """Documents whose normalised body has this SHA-256 (exact copies), oldest first."""
        return documents_with_body_hash(self.conn, body_sha256)

    def event_ids_of_documents(self, document_ids: Sequence[int]) -> list[int]:
        """Event ids of the given documents, in document and event order."""
        return event_ids_of_documents(self.conn, document_ids)

    def event_order_keys(self, event_ids: Sequence[int]) -> dict[int, tuple[str, int]]:
        """(document SHA-256, event seq) of each event: a name that does not depend on arrival order."""
        return event_order_keys(self.conn, event_ids)

    def event_rows(self, event_ids: Sequence[int]) -> dict[str, list[Row]]:
        """The rows an incident decision needs for ``event_ids``: events, places, actors, quantities, evidence."""
        return event_rows(self.conn, event_ids)

    def fingerprint_origins(self) -> dict[int, int]:
        """Every fingerprinted document and the origin of its copy group, as stored now."""
        return fingerprints.fingerprint_origins(self.conn)

    def fingerprint_version(self) -> int:
        """A token that changes whenever any writer changes a fingerprint row (insert, origin, delete)."""
        return fingerprints.fingerprint_version(self.conn)

    def fingerprint_page(self, after_id: int, limit: int) -> list[Row]:
        """Up to ``limit`` fingerprint rows after ``after_id`` in id order, with the document fields but no body."""
        return fingerprints.fingerprint_page(self.conn, after_id, limit)

    def fingerprint_rows_of(self, document_ids: Sequence[int]) -> list[Row]:
        """The fingerprint rows of the given documents, with the document fields but no body."""
        return fingerprints.fingerprint_rows_of(self.conn, document_ids)

    def incident_members(self, incident_ids: Sequence[int]) -> dict[int, list[int]]:
        """Event ids of each incident, in event order."""
        return incident_members(self.conn, incident_ids)

    def incident_of_events(self, event_ids: Sequence[int]) -> dict[int, int]:
        """The incident of each given event that has one."""
        return incident_of_events(self.conn, event_ids)

    def incident_row(self, incident_id: int) -> Row | None:
        """An incident's row (None when there is no such incident)."""
        return incident_row(self.conn, incident_id)

    def incidents_of_documents(self, document_ids: Sequence[int]) -> list[int]:
        """Incidents that hold an event of the given documents."""
        return incidents_of_documents(self.conn, document_ids)

    def incidents_out_of_date(self) -> list[int]:
        """Active incidents whose report count no longer matches their members (a deleted document)."""
        return incidents_out_of_date(self.conn)

    def mark_merged(self, incident_id: int, into: int) -> None:
        """Mark an incident merged into another; the row stays so the old id still resolves."""
        return mark_merged(self.conn, incident_id, into)

    def remove_members(self, event_ids: Sequence[int]) -> None:
        """Take events out of whatever incident holds them."""
        return remove_members(self.conn, event_ids)

    def move_members(self, event_ids: Sequence[int], incident_id: int, by: str = "review") -> None:
        """Reassign events to ``incident_id`` (on a reviewer's decision unless ``by`` says machine)."""
        return move_members(self.conn, event_ids, incident_id, by)

    def repoint_origins(self, old_origins: Iterable[int], new_origin: int) -> list[int]:
        """Point every copy of ``old_origins`` at ``new_origin``; returns the documents that moved."""
        return repoint_origins(self.conn, old_origins, new_origin)

    def reviewed_incidents(self, incident_ids: Sequence[int]) -> set[int]:
        """Those of ``incident_ids`` a reviewer has split or merged (the machine leaves them be)."""
        return reviewed_incidents(self.conn, incident_ids)

    def write_fingerprint(
        self,
        document_id: int,
        body_sha256: str,
        n_shingles: int,
        shingle_words: int,
        num_perm: int,
        seed: int,
        minhash: bytes,
        origin_id: int,
    ) -> None:
        """Insert or replace a document's fingerprint row (MinHash signature as bytes, with its settings)."""
        return write_fingerprint(
            self.conn, document_id, body_sha256, n_shingles, shingle_words, num_perm, seed, minhash, origin_id
        )

    def write_link(self, document_id: int, original_id: int, kind: str, similarity: float) -> None:
        """Record that ``document_id`` is a copy of ``original_id`` (kind: exact, near or provenance)."""
        return write_link(self.conn, document_id, original_id, kind, similarity)

    def write_summary(self, incident_id: int, summary: dict[str, Any]) -> None:
        """Write an incident's summary columns (only the keys given) and its update time."""
        return write_summary(self.conn, incident_id, summary)
