"""The database schema as an ordered list of migrations.

Plain SQL, so the database reads in Datasette or the sqlite3 shell without explanations:
real column names, foreign keys, ISO-8601 dates, JSON text only for short lists. A
migration is never edited once released; a change is a new entry at the end. (Quoting the
reserved word ``"user"`` in migration 2 changed no schema: SQLite reads both spellings alike,
and PostgreSQL needs the quotes.)
"""

from collections.abc import Callable

from eventledger.store import keyed, textsearch
from eventledger.store.connections import Database
from eventledger.store.fingerprints import version_migration
from eventledger.store.incidents import (
    INCIDENT_BLOCKS_MIGRATION,
    INCIDENT_PAGING_MIGRATION,
    INCIDENT_RETOLD_MIGRATION,
    INCIDENTS_MIGRATION,
)
from eventledger.store.reattach import REATTACH_MIGRATION
from eventledger.store.summaries import SUMMARIES_MIGRATION, combos_migration, keyed_migration, point_combos_migration

# A migration is SQL (statements split on ";"), or a function of the connection where the
# counting needs Python (``store.keyed``); either runs in its own transaction.
MIGRATIONS: list[str | Callable[[Database], None]] = [
    # 1: documents, evidence blobs and the extracted records that point into the body.
    """
    CREATE TABLE blobs (
        sha256      TEXT PRIMARY KEY,
        size        INTEGER NOT NULL,
        bytes       BLOB NOT NULL
    );
    CREATE TABLE documents (
        id                  INTEGER PRIMARY KEY,
        sha256              TEXT NOT NULL UNIQUE REFERENCES blobs(sha256),
        source_uri          TEXT NOT NULL,
        format              TEXT NOT NULL,
        url                 TEXT,
        title               TEXT,
        published           TEXT,
        fetched             TEXT,
        publisher           TEXT,
        original_publisher  TEXT,
        language            TEXT,
        body                TEXT NOT NULL,
        provenance_json     TEXT NOT NULL DEFAULT '{}',
        pipeline_version    TEXT NOT NULL,
        ingested_at         TEXT NOT NULL
    );
    CREATE TABLE events (
        id              INTEGER PRIMARY KEY,
        document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        type            TEXT NOT NULL,
        mode            TEXT,
        contexts        TEXT NOT NULL DEFAULT '',
        status          TEXT NOT NULL,
        trigger_start   INTEGER,
        trigger_end     INTEGER,
        trigger_text    TEXT,
        time_start      TEXT,
        time_end        TEXT,
        time_precision  TEXT,
        time_value      TEXT,
        time_basis      TEXT,
        time_span_start INTEGER,
        time_span_end   INTEGER,
        time_text       TEXT,
        confidence      REAL NOT NULL,
        UNIQUE (document_id, seq)
    );
    CREATE TABLE evidence (
        id          INTEGER PRIMARY KEY,
        event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        text        TEXT NOT NULL
    );
    CREATE TABLE event_actors (
        id          INTEGER PRIMARY KEY,
        event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        role        TEXT NOT NULL CHECK (role IN ('actor', 'target')),
        text        TEXT NOT NULL,
        normalised  TEXT,
        kind        TEXT NOT NULL,
        country     TEXT,
        count       INTEGER,
        start       INTEGER,
        "end"       INTEGER
    );
    CREATE TABLE event_places (
        id          INTEGER PRIMARY KEY,
        event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        geonameid   INTEGER,
        lat         REAL,
        lon         REAL,
        country     TEXT,
        admin1      TEXT,
        feature     TEXT,
        precision   TEXT NOT NULL,
        admin_path  TEXT NOT NULL DEFAULT '',
        start       INTEGER,
        "end"       INTEGER,
        text        TEXT
    );
    CREATE TABLE attributions (
        event_id    INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        text        TEXT NOT NULL,
        source_kind TEXT,
        start       INTEGER,
        "end"       INTEGER
    );
    CREATE TABLE quantities (
        id          INTEGER PRIMARY KEY,
        event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        value_min   REAL NOT NULL,
        value_max   REAL NOT NULL,
        unit        TEXT NOT NULL,
        start       INTEGER,
        "end"       INTEGER,
        text        TEXT
    );
    CREATE TABLE timexes (
        id              INTEGER PRIMARY KEY,
        document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type            TEXT NOT NULL,
        value           TEXT NOT NULL,
        start           INTEGER NOT NULL,
        "end"           INTEGER NOT NULL,
        text            TEXT NOT NULL,
        interval_start  TEXT,
        interval_end    TEXT,
        precision       TEXT
    );
    CREATE TABLE toponyms (
        id          INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        text        TEXT NOT NULL,
        name        TEXT,
        geonameid   INTEGER,
        lat         REAL,
        lon         REAL,
        country     TEXT,
        admin1      TEXT,
        feature     TEXT,
        precision   TEXT,
        admin_path  TEXT
    );
    CREATE INDEX events_document ON events(document_id);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_time ON events(time_start, time_end);
    CREATE INDEX evidence_event ON evidence(event_id);
    CREATE INDEX event_actors_event ON event_actors(event_id);
    CREATE INDEX event_places_event ON event_places(event_id);
    CREATE INDEX quantities_event ON quantities(event_id);
    CREATE INDEX timexes_document ON timexes(document_id);
    CREATE INDEX toponyms_document ON toponyms(document_id);
    """,
    # 2: human review. `reviews` is the append-only audit log (the truth); `review_state` is the
    # current decision and corrected fields per event, rebuilt from the log by
    # store.reviews.rebuild_state and kept beside it so list filters stay indexable SQL.
    # No foreign key from the log to events: a re-analysed document gets new event ids, and
    # its old audit trail must survive that. Tokens keep only a SHA-256 of the secret.
    # `events_list` lets an event list page be read off one covering index, newest first.
    """
    CREATE TABLE reviews (
        id          INTEGER PRIMARY KEY,
        target_type TEXT NOT NULL CHECK (target_type IN ('event')),
        target_id   INTEGER NOT NULL,
        action      TEXT NOT NULL CHECK (action IN ('accept', 'correct', 'reject', 'merge')),
        before_json TEXT NOT NULL,
        after_json  TEXT NOT NULL,
        "user"      TEXT NOT NULL,
        at          TEXT NOT NULL,
        comment     TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE review_state (
        event_id     INTEGER PRIMARY KEY,
        decision     TEXT NOT NULL CHECK (decision IN ('accepted', 'corrected', 'rejected', 'merged')),
        merged_into  INTEGER,
        fields_json  TEXT NOT NULL DEFAULT '{}',
        type         TEXT,
        mode         TEXT,
        status       TEXT,
        time_start   TEXT,
        time_end     TEXT,
        lat          REAL,
        lon          REAL,
        last_review  INTEGER NOT NULL REFERENCES reviews(id),
        reviewed_at  TEXT NOT NULL
    );
    CREATE TABLE tokens (
        name        TEXT PRIMARY KEY,
        hash        TEXT NOT NULL UNIQUE,
        created_at  TEXT NOT NULL
    );
    CREATE INDEX reviews_target ON reviews(target_type, target_id, id);
    CREATE INDEX review_state_decision ON review_state(decision);
    CREATE INDEX review_state_merged ON review_state(merged_into);
    CREATE INDEX events_list ON events(time_start, type, status, mode, time_end);
    CREATE INDEX events_status ON events(status);
    CREATE INDEX events_mode ON events(mode)
    """,
    # 3: document copies (fingerprints, links) and cross-report incidents, audited reviewer splits/merges.
    INCIDENTS_MIGRATION,
    # 4: indexes that page incidents by id under a type, conflict or country filter (GET /api/incidents).
    INCIDENT_PAGING_MIGRATION,
    # 5: where a replaced document's reviewed events went (store.reattach): reviews survive --replace.
    REATTACH_MIGRATION,
    # 6: facet counts, timeline counts and map points, kept in step with every write (store.summaries).
    SUMMARIES_MIGRATION,
    # 7: blocking keys of incident members (type, country cell, span bucket, days): bounded incident lookups.
    INCIDENT_BLOCKS_MIGRATION,
    # 8: facet and timeline counts per actor, place, country and admin-area key (store.keyed).
    keyed_migration,
    # 9: blocking keys of vague members by doer, country and act word: bounded lookups of retold acts.
    INCIDENT_RETOLD_MIGRATION,
    # 10: combo keys: counts per tuple of an event's keys, for two or more keyed filters at once (store.keyed).
    combos_migration,
    # 11: a trigram index of the evidence text, for aggregates under a free-text filter (store.textsearch).
    textsearch.migrate,
    # 12: a token every fingerprint write replaces, so a copy index skips re-reading the table when nothing moved.
    version_migration,
    # 13: each map point's combo key (store.keyed), indexed: the map under two keyed filters reads only its matches.
    point_combos_migration,
    # 14: events whose time spans more than one calendar month: a dated count reads them, not every earlier event.
    "CREATE INDEX events_long ON events(time_start, time_end)"
    " WHERE time_end IS NOT NULL AND substr(time_start, 1, 7) <> substr(time_end, 1, 7)",
    # 15: PostgreSQL: the per-key timeline counters read off covering indexes, not a heap page per day.
    keyed.migrate_covering,
]
