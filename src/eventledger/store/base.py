"""The store: content-addressed raw bytes and one transaction per document, on either engine.

A document and everything extracted from it are written in a single transaction, so a
run killed at any instant leaves either the whole document or nothing; a re-run sees
which SHA-256s are present and finishes the rest without duplicates. The SQL is the
subset SQLite and PostgreSQL share; ``connections`` holds the few spellings that differ.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventledger._version import PIPELINE_VERSION
from eventledger.errors import EventledgerError, StoreError
from eventledger.model import (
    Actor,
    Analysis,
    Attribution,
    Document,
    Event,
    Place,
    Quantity,
    RawDocument,
    Span,
    TimeInterval,
    Timex,
    Toponym,
)
from eventledger.store import incidents as incident_sql
from eventledger.store import reattach, summaries
from eventledger.store.connections import Database, Row
from eventledger.store.schema import MIGRATIONS
from eventledger.store.transactions import now, transaction
from eventledger.validate import check_published

logger = logging.getLogger(__name__)


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    return None if start is None or end is None else Span(start, end, text or "")


def _body_span(body: str, start: int | None, end: int | None) -> Span | None:
    return None if start is None or end is None else Span.of(body, start, end)


def _cols(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (span.start, span.end, span.text) if span else (None, None, None)


class Store:
    """Documents, raw bytes and extracted records over one connection, SQLite or PostgreSQL.

    ``path`` names the database in messages (a file path, or a URL without its password).
    This is the engine-level store the pipeline writes through and ``store.queries`` /
    ``store.reviews`` read; callers outside ``store/`` use ``eventledger.Store``, which wraps it.
    """

    def __init__(self, conn: Database, path: str) -> None:
        self.conn = conn
        self.path = path
        self.dialect = conn.dialect
        self._next_event_id: int | None = None

    @contextmanager
    def ingesting(self) -> Iterator[None]:
        """Hold the store as a long ingest's writer; the engine may trade read speed for flat memory."""
        yield

    # -- incidents (the tables of store.incidents; the decisions are dedup's) -------------------
    def incidents(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Incidents across reports, oldest first, each with its reports, independent sources and conflicts.

        ``filters``: ``types`` (PLOVER types), ``conflict`` (True/False), ``country`` (ISO code).
        """
        return incident_sql.incident_page(self.conn, limit or 2**62, offset, **filters).items

    def incidents_page(self, limit: int = 100, offset: int = 0, **filters: Any) -> incident_sql.IncidentPage:
        """One page of incidents, paged and filtered in SQL; see ``incidents.incident_page``."""
        return incident_sql.incident_page(self.conn, limit, offset, **filters)

    def incident_partition(self) -> list[dict[str, Any]]:
        """Incidents by content (document SHA-256, event seq), independent of ids: what order tests compare."""
        return incident_sql.incident_partition(self.conn)

    def detached_reviews(self) -> list[dict[str, Any]]:
        """Reviews whose event ``ingest --replace`` did not find again (``store.reattach``)."""
        return reattach.detached_reviews(self.conn)

    def incident_tables(self) -> incident_sql.IncidentTables:
        """The copy and incident tables, as the dedup stage reads and writes them (``dedup.tables.Tables``)."""
        return incident_sql.IncidentTables(self.conn)

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> None:
        """Apply the schema migrations this database lacks, each in its own transaction."""
        c = self.conn
        if self._applied() >= set(range(1, len(MIGRATIONS) + 1)):
            return  # the usual case, read without taking the write lock
        with transaction(c):
            c.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        for version, sql in enumerate(MIGRATIONS, start=1):
            with transaction(c):  # re-checked under the write lock: two processes may open one new database
                if c.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
                    continue
                if callable(sql):
                    sql(c)
                    statements: list[str] = []
                else:
                    statements = sql.split(";")
                for statement in statements:
                    if statement.strip():
                        c.execute(c.ddl(statement))
                c.execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, now()))
            logger.info("applied migration %d to %s", version, self.path)

    def _applied(self) -> set[int]:
        try:
            return {r[0] for r in self.conn.execute("SELECT version FROM schema_migrations")}
        except (sqlite3.Error, StoreError):  # no table yet: a new database
            return set()

    def own_files(self) -> set[str]:
        """Files the database itself lives in, so that `ingest .` never ingests them."""
        return set()

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def has_document(self, sha256: str) -> bool:
        """Whether a document with these raw bytes (SHA-256) is stored."""
        return self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def save(self, raw: RawDocument, analysis: Analysis, replace: bool = False) -> int | None:
        """Write one document and its analysis atomically; None when it was already there.

        ``replace`` re-writes a present document's outputs (a newer pipeline run on
        purpose); the raw bytes are never rewritten, they are the evidence.
        """
        bad = [s for s in analysis.spans() if not s.holds_in(analysis.document.body)]
        if bad:
            raise StoreError(
                f"{raw.source}: {len(bad)} span(s) do not match the body, e.g. {bad[0]!r}; not stored "
                "(this is a pipeline bug, please report it)"
            )
        c = self.conn
        with transaction(c):
            row = c.execute("SELECT id FROM documents WHERE sha256 = ?", (raw.sha256,)).fetchone()
            if row and not replace:
                return None
            reviewed, self._next_event_id = [], None
            if row:
                reviewed = reattach.reviewed_events(c, row["id"])
                if self.dialect.name == "sqlite":  # never hand a reviewed event's old id to a new event
                    self._next_event_id = reattach.id_floor(c) + 1
                summaries.retract_document(c, row["id"])
                c.execute("DELETE FROM documents WHERE id = ?", (row["id"],))
            c.execute(
                "INSERT INTO blobs (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                (raw.sha256, len(raw.data), raw.data),
            )
            doc_id = self._insert_document(analysis.document)
            self._insert_outputs(doc_id, analysis)
            reattach.reattach(c, reviewed, doc_id, raw.sha256)
            summaries.add_document(c, doc_id)  # after reattach: moved reviews count as corrected
            return doc_id

    def save_many(
        self, pairs: Sequence[tuple[RawDocument, Analysis]], replace: bool = False
    ) -> list[int | None | EventledgerError]:
        """``save`` for a batch in one transaction; each document still whole or not at all.

        Why one transaction: a commit appends every page it changed to the log, and the
        documents of a batch change the same index pages, so committing once per batch
        writes them once. A document that fails (a span off its body) is rolled back to its
        savepoint and returned as its error in its slot; the others are kept. A killed run
        loses at most the batch in flight, which the re-run stores.
        """
        out: list[int | None | EventledgerError] = []
        c = self.conn
        with transaction(c):
            for raw, analysis in pairs:
                c.execute("SAVEPOINT save_document")
                try:
                    out.append(self.save(raw, analysis, replace=replace))
                except EventledgerError as exc:
                    c.execute("ROLLBACK TO SAVEPOINT save_document")
                    out.append(exc)
                c.execute("RELEASE SAVEPOINT save_document")
        return out

    def _insert_document(self, d: Document) -> int:
        cur = self.conn.execute(
            """INSERT INTO documents (sha256, source_uri, format, url, title, published, fetched, publisher,
                   original_publisher, language, body, provenance_json, pipeline_version, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
            (
                d.sha256, d.source, d.format, d.url, d.title, check_published(d.published)[0], d.fetched, d.publisher,
                d.original_publisher, d.language, d.body, json.dumps(d.provenance, ensure_ascii=False),
                PIPELINE_VERSION, now(),
            ),
        )  # fmt: skip
        return int(cur.fetchone()[0])

    def _insert_outputs(self, doc_id: int, a: Analysis) -> None:
        c = self.conn
        for t in a.timexes:
            iv = t.interval
            c.execute(
                """INSERT INTO timexes (document_id, type, value, start, "end", text, interval_start,
                       interval_end, precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (doc_id, t.type, t.value, t.span.start, t.span.end, t.span.text,
                 iv and iv.start, iv and iv.end, iv and iv.precision),
            )  # fmt: skip
        for tp in a.toponyms:
            p = tp.place
            c.execute(
                """INSERT INTO toponyms (document_id, start, "end", text, name, geonameid, lat, lon, country,
                       admin1, feature, precision, admin_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (doc_id, tp.span.start, tp.span.end, tp.span.text, p and p.name, p and p.geonameid,
                 p and p.lat, p and p.lon, p and p.country, p and p.admin1, p and p.feature,
                 p and p.precision, p and " > ".join(p.admin_path)),
            )  # fmt: skip
        for seq, ev in enumerate(a.events):
            self._insert_event(doc_id, seq, ev)

    def _insert_event(self, doc_id: int, seq: int, ev: Event) -> None:
        c = self.conn
        t = ev.time or TimeInterval(None, None, precision="unknown", basis="none")
        given, self._next_event_id = self._next_event_id, None
        # SQLite takes a NULL id as "the next one"; only it is ever given one (reattach.id_floor).
        id_col, id_val = ("id, ", "?, ") if self.dialect.name == "sqlite" else ("", "")
        cur = c.execute(
            f"""INSERT INTO events ({id_col}document_id, seq, type, mode, contexts, status, trigger_start, trigger_end,
                   trigger_text, time_start, time_end, time_precision, time_value, time_basis,
                   time_span_start, time_span_end, time_text, confidence)
               VALUES ({id_val}?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
            (*([given] if id_col else []), doc_id, seq, ev.type, ev.mode, ",".join(ev.contexts), ev.status,
             *_cols(ev.trigger), t.start, t.end, t.precision if ev.time else None, t.value,
             t.basis if ev.time else None, *_cols(t.span), ev.confidence),
        )  # fmt: skip
        event_id = cur.fetchone()[0]
        for i, s in enumerate(ev.evidence):
            c.execute(
                'INSERT INTO evidence (event_id, seq, start, "end", text) VALUES (?, ?, ?, ?, ?)',
                (event_id, i, s.start, s.end, s.text),
            )
        for role, actors in (("actor", ev.actors), ("target", ev.targets)):
            for ac in actors:
                c.execute(
                    """INSERT INTO event_actors (event_id, role, text, normalised, kind, country, count, start, "end")
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (event_id, role, ac.text, ac.normalised, ac.kind, ac.country, ac.count, *_cols(ac.span)[:2]),
                )  # fmt: skip
        for p in ev.places:
            c.execute(
                """INSERT INTO event_places (event_id, name, geonameid, lat, lon, country, admin1, feature,
                       precision, admin_path, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (event_id, p.name, p.geonameid, p.lat, p.lon, p.country, p.admin1, p.feature, p.precision,
                 " > ".join(p.admin_path), *_cols(p.span)),
            )  # fmt: skip
        if ev.attribution:
            at = ev.attribution
            c.execute(
                'INSERT INTO attributions (event_id, text, source_kind, start, "end") VALUES (?, ?, ?, ?, ?)',
                (event_id, at.text, at.source_kind, *_cols(at.span)[:2]),
            )
        for q in ev.quantities:
            c.execute(
                """INSERT INTO quantities (event_id, kind, value_min, value_max, unit, start, "end", text)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (event_id, q.kind, q.value_min, q.value_max, q.unit, *_cols(q.span)),
            )

    # -- reading ----------------------------------------------------------------------------
    def document_ids(self) -> list[int]:
        """Every document id, oldest first."""
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def document_rows(self, limit: int | None = None) -> list[Row]:
        """Documents, oldest first, with their event counts (what ``eventledger list`` prints)."""
        sql = """SELECT d.*, (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id) AS n_events
                 FROM documents d ORDER BY d.id"""
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return list(self.conn.execute(sql))

    def blob(self, sha256: str) -> bytes | None:
        """The raw bytes ingested under this SHA-256, or None."""
        row = self.conn.execute("SELECT bytes FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        return bytes(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        """Rows per main table (documents, blobs, events, evidence, timexes, toponyms)."""
        tables = ("documents", "blobs", "events", "evidence", "timexes", "toponyms")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def iter_analyses(self) -> Iterator[Analysis]:
        """Every stored document's analysis, oldest first, one at a time."""
        for doc_id in self.document_ids():
            yield self.load_analysis(doc_id)

    def load_analysis(self, doc_id: int) -> Analysis:
        """A stored document with everything extracted from it, as the pipeline produced it."""
        c = self.conn
        d = c.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if d is None:
            raise StoreError(f"no document with id {doc_id} in {self.path} (see `eventledger list`)")
        document = Document(
            sha256=d["sha256"], source=d["source_uri"], format=d["format"], body=d["body"], title=d["title"],
            published=d["published"], fetched=d["fetched"], publisher=d["publisher"],
            original_publisher=d["original_publisher"], language=d["language"], url=d["url"],
            provenance=json.loads(d["provenance_json"] or "{}"),
        )  # fmt: skip
        timexes = tuple(
            Timex(
                Span(r["start"], r["end"], r["text"]),
                r["type"],
                r["value"],
                TimeInterval(r["interval_start"], r["interval_end"], r["precision"] or "unknown")
                if r["interval_start"] or r["interval_end"]
                else None,
            )  # fmt: skip
            for r in c.execute("SELECT * FROM timexes WHERE document_id = ? ORDER BY start, id", (doc_id,))
        )
        toponyms = tuple(
            Toponym(Span(r["start"], r["end"], r["text"]), _place(r) if r["name"] is not None else None)
            for r in c.execute("SELECT * FROM toponyms WHERE document_id = ? ORDER BY start, id", (doc_id,))
        )
        events = tuple(
            self._load_event(r, document.body)
            for r in c.execute("SELECT * FROM events WHERE document_id = ? ORDER BY seq", (doc_id,))
        )
        return Analysis(document, events, timexes, toponyms)

    def _load_event(self, r: Row, body: str) -> Event:
        c, eid = self.conn, r["id"]
        evidence = tuple(
            Span(e["start"], e["end"], e["text"])
            for e in c.execute("SELECT * FROM evidence WHERE event_id = ? ORDER BY seq", (eid,))
        )
        actors: dict[str, list[Actor]] = {"actor": [], "target": []}
        for a in c.execute("SELECT * FROM event_actors WHERE event_id = ? ORDER BY id", (eid,)):
            span = _body_span(body, a["start"], a["end"])
            actors[a["role"]].append(Actor(a["text"], span, a["normalised"], a["kind"], a["country"], a["count"]))
        places = tuple(
            _place(p) for p in c.execute("SELECT * FROM event_places WHERE event_id = ? ORDER BY id", (eid,))
        )
        at = c.execute("SELECT * FROM attributions WHERE event_id = ?", (eid,)).fetchone()
        quantities = tuple(
            Quantity(q["kind"], q["value_min"], q["value_max"], q["unit"], _span(q["start"], q["end"], q["text"]))
            for q in c.execute("SELECT * FROM quantities WHERE event_id = ? ORDER BY id", (eid,))
        )
        time = None
        if r["time_basis"] is not None:
            time = TimeInterval(
                r["time_start"], r["time_end"], r["time_precision"] or "unknown", r["time_value"],
                _span(r["time_span_start"], r["time_span_end"], r["time_text"]), r["time_basis"],
            )  # fmt: skip
        return Event(
            type=r["type"], evidence=evidence, mode=r["mode"],
            contexts=tuple(x for x in (r["contexts"] or "").split(",") if x), status=r["status"],
            trigger=_span(r["trigger_start"], r["trigger_end"], r["trigger_text"]),
            actors=tuple(actors["actor"]), targets=tuple(actors["target"]), places=places, time=time,
            attribution=Attribution(at["text"], _body_span(body, at["start"], at["end"]), at["source_kind"])
            if at else None,
            quantities=quantities, confidence=r["confidence"],
        )  # fmt: skip


def _place(r: Row) -> Place:
    keys = r.keys()
    text = r["text"] if "text" in keys else None
    return Place(
        name=r["name"], span=_span(r["start"], r["end"], text), lat=r["lat"], lon=r["lon"],
        geonameid=r["geonameid"], country=r["country"], admin1=r["admin1"], feature=r["feature"],
        precision=r["precision"] or "unknown",
        admin_path=tuple(x for x in (r["admin_path"] or "").split(" > ") if x),
    )  # fmt: skip
