"""Near-duplicate documents and cross-report incidents: the decisions, not the tables.

One incident is reported by an outlet, reprinted by aggregators and retold by other
outlets days later; a monitor needs one incident with all its reports, counting each
independent source once. Document level: ``DocumentIndex`` links copies (exact and
MinHash-LSH near duplicates, helped by reprint notices). Incident level:
``assign_incidents`` clusters events incrementally, ``reassess_events`` decides again
after a review changed an event, and ``refresh_incidents`` recomputes summaries.
``dedup_documents`` runs both for a stored batch.

Every function here reads and writes through a ``tables.Tables`` object that ``store`` hands
in (``Store.incident_tables()``): no SQL and no connection in this package. Reviewer splits
and merges live with the other reviews in ``store.reviews``.
"""

from eventledger.dedup.documents import DocumentIndex, DocumentMatch, Fingerprint, fingerprint
from eventledger.dedup.incidents import assign_incidents, reassess_events, refresh_incidents
from eventledger.dedup.pipeline import DedupResult, dedup_documents
from eventledger.dedup.tables import Tables

__all__ = [
    "DedupResult",
    "DocumentIndex",
    "DocumentMatch",
    "Fingerprint",
    "Tables",
    "assign_incidents",
    "dedup_documents",
    "fingerprint",
    "reassess_events",
    "refresh_incidents",
]
