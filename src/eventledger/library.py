"""The Python API behind ``import eventledger``: analyse a string or a file, open a store.

    >>> import eventledger
    >>> a = eventledger.analyze(text, published="2024-03-04")   # doctest: +SKIP
    >>> [e.type for e in a.events], a.to_record()["events"][0]["evidence"]   # doctest: +SKIP

``analyze`` runs exactly the stages ``eventledger analyze`` and ``ingest`` run (extraction,
spaCy, events, times, places) on one document held in memory; the heavy stages are imported
on first use, so ``import eventledger`` stays cheap. ``open_store`` gives the ``Store`` the
CLI and the HTTP API read and write through.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from eventledger.errors import InputError
from eventledger.export.exporters import write_export
from eventledger.ingest.formats.common import looks_like_html, raw_document, require_text
from eventledger.model import Analysis, Media, RawDocument
from eventledger.store import open_store as _open_database
from eventledger.store import queries, reviews
from eventledger.store.base import Store as Database
from eventledger.store.connections import Row
from eventledger.store.incidents import IncidentPage
from eventledger.store.queries import EventFilter, Page
from eventledger.store.reviews import ReviewState

__all__ = ["IngestResult", "Store", "analyze", "analyze_file", "open_store"]


def analyze(
    text_or_html: str,
    *,
    url: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> Analysis:
    """Run the whole pipeline on one report held in a string (plain text or an HTML page).

    ``published`` (an ISO date) anchors relative times ("on Friday"); ``url`` and ``title``
    are kept on the document. Values given here win over what the page itself says. Raises
    ``InputError`` for an empty or markup-only string and ``ExtractionError`` when an HTML
    page holds no article body.
    """
    from eventledger.extract import extract_document
    from eventledger.pipeline import analyze_documents

    if not isinstance(text_or_html, str):
        raise InputError(f"analyze() takes a str, not {type(text_or_html).__name__}; for a file use analyze_file()")
    raw = _raw_from_string(text_or_html, url=url, published=published, title=title)
    document = extract_document(raw)
    given = {"url": url, "published": published, "title": title}
    overrides = {k: v for k, v in given.items() if v}
    if overrides:
        provenance = dict(document.provenance) | {k: "given by the caller" for k in overrides if k != "url"}
        document = dataclasses.replace(document, **overrides, provenance=provenance)
    return analyze_documents([document])[0]


def _raw_from_string(content: str, *, url: str | None, published: str | None, title: str | None) -> RawDocument:
    media: Media = "html" if looks_like_html(content) else "text"
    try:
        require_text(content, media)
    except InputError as exc:
        raise InputError(f"analyze(): the string {exc}") from None
    data = content.encode("utf-8")
    return raw_document(
        source=url or f"string:{hashlib.sha256(data).hexdigest()[:12]}",
        format=media,
        data=data,
        content=content,
        media=media,
        meta={"url": url, "published": published, "title": title},
        encoding="utf-8",
    )


def analyze_file(path: str | Path) -> list[Analysis]:
    """Run the whole pipeline on one file: a page or a text gives one Analysis, a feed or WARC one per report.

    The file is read as ``eventledger analyze`` reads it (format sniffed from its bytes, gzip
    and encodings handled). Raises ``InputError`` naming the file and the reason on the first
    input that cannot be analysed.
    """
    from eventledger.pipeline import process

    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file (analyze_file takes one file; Store.ingest takes folders and globs)")
    out: list[Analysis] = []
    for o in process([str(p)], None):
        if o.analysis is None:
            raise InputError(f"{o.source}: {o.reason}")
        out.append(o.analysis)
    return out


def open_store(db: str | Path | None = None) -> Store:
    """The database at ``db``: a SQLite file (created if absent) or a ``postgresql://`` URL.

    Without ``db``, ``$EVENTLEDGER_DB`` or ``./eventledger.db``. Use it as a context manager,
    or call ``close()``.
    """
    return Store(_open_database(str(db) if db is not None else None))


@dataclass(slots=True)
class IngestResult:
    """What ``Store.ingest`` did: how many inputs were stored, already present, or failed (with why)."""

    stored: int = 0
    present: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many inputs could not be stored."""
        return len(self.failures)


class Store:
    """Documents, events, incidents and reviews in one database: what ``open_store`` returns.

    The first four methods are what a notebook needs; the rest are what the CLI and the HTTP
    API call (they use nothing else, so no connection or SQL leaves ``store/``). It wraps the
    engine-level ``store.base.Store`` (``database``) that the pipeline writes through.
    """

    def __init__(self, database: Database) -> None:
        self.database = database

    @property
    def path(self) -> str:
        """The database named for messages (a file path, or a URL without its password)."""
        return self.database.path

    def close(self) -> None:
        """Close the connection."""
        self.database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<eventledger.Store {self.path}>"

    # -- the notebook API -------------------------------------------------------------------------
    def ingest(
        self,
        paths: str | Path | Iterable[str | Path],
        *,
        replace: bool = False,
        workers: int = 1,
        engine: str = "local",
        address: str | None = None,
        on_item: Callable[[], None] | None = None,
    ) -> IngestResult:
        """Analyse and store files, folders (recursive) or globs; a document already present is skipped.

        What ``eventledger ingest`` runs: each document is written whole or not at all (a batch
        per transaction), then copies are linked and incidents updated. A failing input is counted with its one-line
        reason and the rest go on. ``on_item`` is called once per input read (a progress bar).
        """
        from eventledger.pipeline import process  # spaCy and the NLP stages load on first use

        items = [str(paths)] if isinstance(paths, str | Path) else [str(p) for p in paths]
        result = IngestResult()
        outcomes = process(
            items, self.database, replace=replace, workers=workers, engine=engine, address=address, on_item=on_item
        )
        for o in outcomes:
            if o.status == "stored":
                result.stored += 1
            elif o.status == "present":
                result.present += 1
            else:
                result.failures.append((o.source, o.reason or "unknown reason"))
        return result

    def events(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Event summaries (a reviewer's corrections applied), newest first.

        ``filters`` are the fields of ``store.queries.EventFilter``: ``types``, ``statuses``, ``modes``,
        ``date_from``, ``date_to``, ``bbox``, ``actor``, ``place``, ``text``, ``reviewed``, ``decisions``,
        ``document_id``, ``include_rejected``; a single string is accepted where a tuple is expected.
        """
        return queries.list_events(self.database, queries.event_filter(**filters), limit or 2**62, offset).items

    def incidents(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Incidents across reports, oldest first, each with its reports, independent sources and conflicts.

        ``filters``: ``types`` (PLOVER types), ``conflict`` (True/False), ``country`` (ISO code).
        """
        return self.database.incidents(limit=limit, offset=offset, **filters)

    def export(self, fmt: str, out: str | Path | IO[Any], *, where: EventFilter | None = None, **filters: Any) -> int:
        """Write the matching events to ``out`` (a path or an open file) as plover, acled, geojson, parquet
        or eval; returns how many records were written.

        ``filters`` as for ``events`` (or a ready ``EventFilter`` as ``where``); without any, ``eval``
        writes every document exactly as ``analyze`` does.
        """
        if where is None and filters:
            where = queries.event_filter(**filters)
        return write_export(self.database, fmt, out, where)

    # -- documents ------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per main table (documents, blobs, events, evidence, timexes, toponyms)."""
        return self.database.counts()

    def document_rows(self, limit: int | None = None) -> list[Row]:
        """Documents, oldest first, with their event counts (what ``eventledger list`` prints)."""
        return self.database.document_rows(limit)

    def load_analysis(self, document_id: int) -> Analysis:
        """A stored document with everything extracted from it, as the pipeline produced it."""
        return self.database.load_analysis(document_id)

    def blob(self, sha256: str) -> bytes | None:
        """The raw bytes ingested under this SHA-256, or None."""
        return self.database.blob(sha256)

    def documents_page(self, limit: int = 50, offset: int = 0) -> Page:
        """Documents, newest first, with metadata and event counts (no body)."""
        return queries.documents(self.database, limit, offset)

    def document_meta(self, document_id: int) -> dict[str, Any]:
        """``id``, ``ingested_at`` and ``pipeline_version`` of a document; NotFound if absent."""
        return queries.document_meta(self.database, document_id)

    def document_event_ids(self, document_id: int) -> list[int]:
        """A document's event ids, in document order."""
        return queries.event_ids_of_document(self.database, document_id)

    # -- events ---------------------------------------------------------------------------------
    def events_page(self, f: EventFilter, limit: int = 50, offset: int = 0) -> Page:
        """One page of event summaries (effective coding), newest first; the total may be a lower bound."""
        return queries.list_events(self.database, f, limit, offset)

    def event_points(self, f: EventFilter, limit: int = 20000) -> list[list[Any]]:
        """``[id, lat, lon, type, date]`` of located events: the map's markers."""
        return queries.points(self.database, f, limit)

    def event_points_json(self, f: EventFilter, limit: int = 20000) -> str:
        """``event_points`` as JSON text, serialised by the database (the API's map response)."""
        return queries.points_json(self.database, f, limit)

    def event_facets(self, f: EventFilter) -> dict[str, Any]:
        """Counts per type, status, mode, decision, country, and per day."""
        return queries.facets(self.database, f)

    def event_ref(self, event_id: int) -> tuple[int, int]:
        """(document id, position among the document's events) of an event; NotFound if absent."""
        row = queries.event_row(self.database, event_id)
        return row["document_id"], row["seq"]

    def event_summaries(self, event_ids: list[int]) -> list[dict[str, Any]]:
        """Compact effective records of the given events, in the order given."""
        return queries.summaries(self.database, event_ids)

    # -- review ---------------------------------------------------------------------------------
    def review_state(self, event_id: int) -> ReviewState | None:
        """The current review decision and corrections of an event (None: never reviewed)."""
        return reviews.state(self.database, event_id)

    def absorbed_events(self, event_id: int) -> list[int]:
        """Events a reviewer merged into this one."""
        return reviews.absorbed(self.database, event_id)

    def event_history(self, event_id: int) -> list[dict[str, Any]]:
        """The audit log of an event, oldest first; NotFound if there is no such event."""
        queries.event_row(self.database, event_id)
        return reviews.history(self.database, event_id)

    def detached_reviews(self) -> list[dict[str, Any]]:
        """Reviews whose event ``ingest --replace`` did not find again: kept, with the original event's identity."""
        return self.database.detached_reviews()

    def review_event(
        self, event_id: int, action: reviews.Action, user: str, comment: str = "", **kw: Any
    ) -> int:  # fmt: skip
        """Accept, reject, correct (``fields=``) or merge (``into=``) an event; see ``store.reviews.review``."""
        return reviews.review(self.database, event_id, action, user, comment, **kw)

    def token_user(self, token: str | None) -> str:
        """The reviewer a bearer token belongs to; AuthError if none."""
        return reviews.token_user(self.database, token)

    def create_token(self, name: str) -> str:
        """Create (or replace) a reviewer's token; the secret is returned once, only its hash is kept."""
        return reviews.create_token(self.database, name)

    # -- incidents ------------------------------------------------------------------------------
    def incidents_page(self, limit: int = 100, offset: int = 0, **filters: Any) -> IncidentPage:
        """One page of incidents, paged and filtered in SQL (``types``, ``conflict``, ``country``)."""
        return self.database.incidents_page(limit, offset, **filters)

    def incident_history(self, incident_id: int | None = None) -> list[dict[str, Any]]:
        """Reviewer splits and merges of an incident (all incidents when None), oldest first."""
        return reviews.incident_history(self.database, incident_id)

    def split_incident(
        self, incident_id: int, event_ids: Sequence[int], *, reviewer: str, comment: str | None = None
    ) -> int:
        """Move some events of an incident into a new one (audited); returns the new id."""
        return reviews.split_incident(self.database, incident_id, event_ids, reviewer=reviewer, comment=comment)

    def merge_incidents(self, incident_ids: Sequence[int], *, reviewer: str, comment: str | None = None) -> int:
        """Merge incidents into the oldest of them (audited); returns the kept id."""
        return reviews.merge_incidents(self.database, incident_ids, reviewer=reviewer, comment=comment)

    # -- review at speed (the web UI) -----------------------------------------------------------
    def bulk_review(
        self, event_ids: Sequence[int], action: reviews.BulkAction, user: str,
        comment: str = "", fields: dict[str, Any] | None = None,
    ) -> list[int]:  # fmt: skip
        """One audited review per event in one transaction (all or none); see ``store.reviews.bulk_review``."""
        return reviews.bulk_review(self.database, event_ids, action, user, comment, fields)

    def incident(self, incident_id: int) -> dict[str, Any]:
        """One incident with its reports' event and document ids; NotFound if there is none."""
        return reviews.incident_record(self.database, incident_id)

    def incident_of_event(self, event_id: int) -> int | None:
        """The incident an event belongs to, or None."""
        return reviews.incident_of_event(self.database, event_id)
