"""The dedup stage as the pipeline calls it: after documents are stored, link and cluster.

One call per stored batch: index the batch's documents for copies, then assign their
events to incidents, then refresh incidents whose source counts a re-linked copy changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventledger.dedup.documents import DocumentIndex, DocumentMatch, Fingerprint
from eventledger.dedup.incidents import assign_incidents, refresh_incidents
from eventledger.dedup.tables import Tables
from eventledger.model import Document


@dataclass(frozen=True, slots=True)
class DedupResult:
    """The copy links found for a batch and the incidents whose rows changed."""

    matches: tuple[DocumentMatch, ...]
    incidents: tuple[int, ...]


def _stored_document(row: Any) -> Document:
    return Document(
        sha256=row["sha256"], source=row["source_uri"], format=row["format"], body=row["body"],
        published=row["published"], publisher=row["publisher"], original_publisher=row["original_publisher"],
    )  # fmt: skip


def dedup_documents(
    db: Tables,
    document_ids: Sequence[int],
    index: DocumentIndex | None = None,
    fingerprints: Mapping[int, Fingerprint] | None = None,
) -> DedupResult:
    """Link ``document_ids`` to their copies and put their events into incidents.

    Pass the same ``index`` across batches of one run; without it the index is rebuilt
    from ``document_fingerprints`` (cheap: no body is rehashed). ``fingerprints``: bodies
    already fingerprinted by id (the workers do it, so the single writer does not).
    """
    made = fingerprints or {}
    deleted_since = True  # a fresh index cannot know what was deleted before it
    fresh = index is None
    ids = sorted(set(document_ids))
    matches: list[DocumentMatch] = []
    try:
        with db.transaction():  # the write lock: concurrent ingest processes link one batch at a time
            if index is None:
                index = DocumentIndex(db)
            # Another process may have stored and linked documents since this index was loaded.
            gone = index.catch_up()
            if not fresh:
                deleted_since = gone
            for doc_id in ids:
                row = db.document_row(doc_id)
                if row is not None:
                    matches.extend(index.add(doc_id, _stored_document(row), made.get(doc_id)))
            moved = sorted(index.drain_moved())
            touched = assign_incidents(db, db.event_ids_of_documents(ids))
            stale_ids = set(db.incidents_of_documents(moved))
            if deleted_since:  # a replaced or deleted document took its events out of incidents
                stale_ids.update(db.incidents_out_of_date())
            stale = sorted(stale_ids - set(touched))
            if stale:
                refresh_incidents(db, stale)
            index.settle()  # in step with the table, this batch's writes included
    except BaseException:
        if index is not None:
            index.unsettle()  # rolled back: the index may hold rows the table lost
        raise
    return DedupResult(tuple(matches), tuple(sorted(set(touched) | set(stale))))
