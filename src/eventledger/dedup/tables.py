"""What the dedup stage reads and writes, as an interface: the tables live in ``store``, not here.

``store.incidents.IncidentTables`` implements this over a database connection; the dedup code
calls only these methods, so it holds no connection and writes no SQL (tests may pass any object
with these methods). Rows are read by column name (``row["published"]``). Writes happen inside
``transaction()``; nested calls join the outer transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any, NamedTuple, Protocol


class MemberKey(NamedTuple):
    """Where an incident member is stored for lookups (``dedup.blocking.member_key``); days are ordinals."""

    event_id: int
    type: str
    cell: str  # the country of all its places, or '*'
    bucket: int  # span bucket (``dedup.blocking.BOUNDS``)
    day_start: int | None
    day_end: int | None


class MemberRange(NamedTuple):
    """One index range of a lookup: members of ``bucket`` starting in [low_start, high_start], ending >= low_end."""

    bucket: int
    low_start: int
    high_start: int
    low_end: int


class RetoldKey(NamedTuple):
    """One block a vague event is stored under for ``dedup.retold.retold_lookup``; days are ordinals."""

    event_id: int
    doer: str
    cell: str  # a country of one of its places
    word: str  # an act word (``act_words``)
    type: str
    coarse: bool  # dated to a week or coarser (``retold_precisions``)
    day_start: int
    day_end: int


class Tables(Protocol):
    """The copy and incident tables of one database, as ``DocumentIndex`` and the incident clustering use them."""

    def transaction(self) -> AbstractContextManager[Any]:
        """One transaction (joined by nested calls), as ``store.transactions.transaction``."""

    def active_incident_ids(self) -> list[int]:
        """Every incident not merged into another."""

    def add_member(self, incident_id: int, event_id: int, document_id: int, score: float | None, by: str) -> None:
        """Put an event into an incident (``by``: machine or review)."""

    def incidents_near(
        self, types: Sequence[str], cells: Sequence[str] | None, ranges: Sequence[MemberRange]
    ) -> list[int]:
        """Active incidents with a member of one of ``types``, in one of ``cells`` (None: any), within a range.

        Members stored without keys (``unkeyed_members``) or in the unbounded bucket are always read.
        """

    def write_member_keys(self, keys: Sequence[MemberKey]) -> None:
        """Store the blocking keys of members already in an incident."""

    def write_retold_keys(self, event_ids: Sequence[int], keys: Sequence[RetoldKey]) -> None:
        """Replace the retold-act blocking keys of ``event_ids`` with ``keys`` (``dedup.retold.retold_keys``)."""

    def retold_events(
        self,
        doers: Sequence[str],
        cells: Sequence[str],
        words: Sequence[str],
        types: Sequence[str],
        coarse_only: bool,
        days: tuple[int, int, int],
    ) -> list[int]:
        """Incident members stored under a (doer, cell, word) of these with one of ``types``, within ``days``.

        ``coarse_only``: only members stored as coarse; ``days``: (lowest first day, highest
        first day, lowest last day).
        """

    def unkeyed_members(self) -> list[int]:
        """Members stored without blocking keys (before the keys existed, or put back by a replace)."""

    def copies_of(self, document_id: int) -> list[int]:
        """The document and every copy sharing its origin (itself alone before dedup has seen it)."""

    def create_incident(self, type_: str, window_start: str, window_end: str, country: str | None = None) -> int:
        """A new active incident; its summary is written once it has members."""

    def document_body(self, document_id: int) -> str | None:
        """A document's clean body (None when it is gone)."""

    def document_row(self, document_id: int) -> Any | None:
        """A document's row (None when it is gone)."""

    def document_sources(self, document_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Publication date, outlets and origin (with the origin's outlets) of each document."""

    def documents_with_body_hash(self, body_sha256: str) -> list[int]:
        """Documents whose normalised body has this SHA-256 (exact copies), oldest first."""

    def event_ids_of_documents(self, document_ids: Sequence[int]) -> list[int]:
        """Event ids of the given documents, in document and event order."""

    def event_order_keys(self, event_ids: Sequence[int]) -> dict[int, tuple[str, int]]:
        """(document SHA-256, event seq) of each event: a name that does not depend on arrival order."""

    def event_rows(self, event_ids: Sequence[int]) -> dict[str, list[Any]]:
        """The rows an incident decision needs for ``event_ids``: events, places, actors, quantities, evidence."""

    def fingerprint_origins(self) -> dict[int, int]:
        """Every fingerprinted document and the origin of its copy group, as stored now."""

    def fingerprint_version(self) -> int:
        """A token that changes whenever any writer changes a fingerprint row (insert, origin, delete)."""

    def fingerprint_page(self, after_id: int, limit: int) -> list[Any]:
        """Up to ``limit`` fingerprint rows after ``after_id`` in id order, with the document fields but no body.

        A row: the ``document_fingerprints`` columns and the document's sha256, published,
        publisher and original_publisher. The copy index opens by paging through these.
        """

    def fingerprint_rows_of(self, document_ids: Sequence[int]) -> list[Any]:
        """The ``fingerprint_page`` rows of the given documents (absent ones left out), in id order.

        The copy index reads its candidates' signatures and fields through this, once per new document.
        """

    def incident_members(self, incident_ids: Sequence[int]) -> dict[int, list[int]]:
        """Event ids of each incident, in event order."""

    def incident_of_events(self, event_ids: Sequence[int]) -> dict[int, int]:
        """The incident of each given event that has one."""

    def incident_row(self, incident_id: int) -> Any | None:
        """An incident's row (None when there is no such incident)."""

    def incidents_of_documents(self, document_ids: Sequence[int]) -> list[int]:
        """Incidents that hold an event of the given documents."""

    def incidents_out_of_date(self) -> list[int]:
        """Active incidents whose report count no longer matches their members (a deleted document)."""

    def mark_merged(self, incident_id: int, into: int) -> None:
        """Mark an incident merged into another; the row stays so the old id still resolves."""

    def remove_members(self, event_ids: Sequence[int]) -> None:
        """Take events out of whatever incident holds them (rejected, or no longer something that happened)."""

    def move_members(self, event_ids: Sequence[int], incident_id: int, by: str = "review") -> None:
        """Reassign events to ``incident_id`` (on a reviewer's decision unless ``by`` says machine)."""

    def repoint_origins(self, old_origins: Iterable[int], new_origin: int) -> list[int]:
        """Point every copy of ``old_origins`` at ``new_origin``; returns the documents that moved."""

    def reviewed_incidents(self, incident_ids: Sequence[int]) -> set[int]:
        """Those of ``incident_ids`` a reviewer has split or merged (the machine leaves them be)."""

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

    def write_link(self, document_id: int, original_id: int, kind: str, similarity: float) -> None:
        """Record that ``document_id`` is a copy of ``original_id`` (kind: exact, near or provenance)."""

    def write_summary(self, incident_id: int, summary: dict[str, Any]) -> None:
        """Write an incident's summary columns (only the keys given) and its update time."""
