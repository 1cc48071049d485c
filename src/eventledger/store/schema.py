"""The database schema as an ordered list of migrations.

Plain SQL, so the database reads in Datasette or the sqlite3 shell without explanations:
real column names, foreign keys, ISO-8601 dates, JSON text only for short lists. A
migration is never edited once released; a change is a new entry at the end.
"""

MIGRATIONS: list[str] = [
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
]
