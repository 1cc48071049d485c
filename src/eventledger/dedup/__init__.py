"""Near-duplicate documents and cross-report incidents.

One incident is reported by an outlet, reprinted by aggregators and retold by other
outlets days later; a monitor needs one incident with all its reports, counting each
independent source once. Document level: ``DocumentIndex`` links copies (exact and
MinHash-LSH near duplicates, helped by reprint notices). Incident level:
``assign_incidents`` clusters events incrementally; reviewers ``split_incident`` and
``merge_incidents`` (audited). ``dedup_documents`` runs both for a stored batch.
"""

from eventledger.dedup.documents import DocumentIndex, DocumentMatch
from eventledger.dedup.incidents import (
    assign_incidents,
    merge_incidents,
    refresh_incidents,
    split_incident,
)
from eventledger.dedup.pipeline import DedupResult, dedup_documents
from eventledger.store.incidents import INCIDENTS_MIGRATION, incident_partition, incident_reviews, list_incidents

__all__ = [
    "INCIDENTS_MIGRATION",
    "DedupResult",
    "DocumentIndex",
    "DocumentMatch",
    "assign_incidents",
    "dedup_documents",
    "incident_partition",
    "incident_reviews",
    "list_incidents",
    "merge_incidents",
    "refresh_incidents",
    "split_incident",
]
