"""Exact and near-duplicate documents, so reprints are linked to their original.

A story is copied verbatim (exact: SHA-256 of the normalised body), or with new
boilerplate, a new headline or a cut paragraph (near: MinHash over word shingles, found
through LSH bands, ``dedup.bands``). An LSH candidate is compared when it was published
within ``copy_window_days`` of the new document or shares ``strong_bands`` bands with it, so
the chance meetings on stock phrases, which grow with the archive, are not (a late reprint
shares many bands and is still found). A candidate is a copy when the estimated Jaccard
similarity is high, or when nearly all of the shorter body is contained in the longer one
(a cut reprint wrapped in a masthead and footers has a low Jaccard but a high containment). The reprint notice that
extraction read (``Document.original_publisher``) is evidence too: when a document names a
candidate's outlet as its original publisher, a lower similarity suffices.

Copies form groups; each group points at its ``origin``, the first-published document
(ties: the lower SHA-256 of the raw document, never the database id, so the origin does
not depend on which copy arrived first). Signatures live in ``document_fingerprints`` as
integer blobs, so a new run rebuilds the LSH from the table without rehashing any body; a
signature made with other settings is recomputed from the stored body when the index opens.

The index lives for the whole archive, so what it holds per document is what an ingest's
resident memory grows by. Beside the band buckets it keeps only fixed-width numpy columns
indexed by document id (publication day, origin of the copy group: 16 bytes a document);
a Python object per document (signature, hashes, outlets, a dict entry: about 1 KB) would
make a million documents cost a gigabyte. What a comparison needs of a candidate (its
signature, size, hashes, outlets, date) is read from the store in one query per ``add``,
for the few candidates the band and date filters leave; opening the index pages through the
fingerprints without their bodies, so it never holds the table whole either. The fields of the
last ``recent`` documents added or read stay in memory (a bounded cache): a copy is mostly
published within days of its original and arrives soon after it, and reading each candidate's
row again grew with the database once it no longer fitted SQLite's page cache.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash

from eventledger.dedup._settings import DocumentSettings, load_settings
from eventledger.dedup.bands import BandIndex
from eventledger.dedup.tables import Tables
from eventledger.dedup.text import body_sha256, normalise_body, outlet_key, shingles
from eventledger.model import Document

logger = logging.getLogger(__name__)

_UNDATED = -(1 << 40)  # in the day array: an undated document, compared with every date
_DTYPE = np.dtype("<u4")  # datasketch's default "affine32" scheme: 32-bit hash values
_SCHEME = "affine32"
_ABSENT = -1  # in the origin array: no document of that id is indexed
_PAGE = 2000  # fingerprint rows read at a time when the index opens or catches up
_RECENT = 4096  # documents whose comparison fields are kept (about 1 KB each)


@dataclass(frozen=True, slots=True)
class DocumentMatch:
    """``document_id`` is a copy of ``original_id`` (``kind``: exact, near or provenance)."""

    document_id: int
    original_id: int
    kind: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the copy index needs of a body, made without the database (so a worker can make it).

    ``made_with`` is (num_perm, seed, shingle_words): the index recomputes a fingerprint made
    with other settings instead of comparing signatures that do not match.
    """

    digest: str  # SHA-256 of the normalised body
    n_shingles: int
    signature: bytes  # MinHash values as little-endian uint32
    made_with: tuple[int, int, int]


def fingerprint(body: str, settings: DocumentSettings | None = None) -> Fingerprint:
    """The exact-copy digest and MinHash signature of a document body."""
    s = settings or load_settings().documents
    norm = normalise_body(body)
    grams = shingles(norm, s.shingle_words)
    return Fingerprint(body_sha256(norm), len(grams), _minhash(grams, s).tobytes(), _made_with(s))


def _made_with(s: DocumentSettings) -> tuple[int, int, int]:
    return (s.num_perm, s.seed, s.shingle_words)


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> Any:
    return MinHash(num_perm=num_perm, seed=seed).permutations


def _minhash(grams: set[bytes], s: DocumentSettings) -> np.ndarray:
    mh = MinHash(num_perm=s.num_perm, permutations=_permutations(s.num_perm, s.seed), scheme=_SCHEME)
    if grams:
        mh.update_batch(grams)
    return mh.hashvalues.astype(_DTYPE)


@dataclass(frozen=True, slots=True)
class _Known:
    """What a comparison needs of one document: read from the store for an ``add``'s candidates, or kept."""

    published: str
    sha256: str
    publisher: str | None
    original_publisher: str | None
    n_shingles: int
    signature: np.ndarray | None  # None: too short to compare, matched only exactly


class DocumentIndex:
    """Incremental near-duplicate index over the documents of one database.

    ``add`` fingerprints a stored document, links it to the copies already indexed and
    writes its rows; the caller owns the transaction (``dedup_documents`` holds one per batch).
    """

    def __init__(self, db: Tables, settings: DocumentSettings | None = None, recent: int = _RECENT) -> None:
        self.db = db
        self.settings = s = settings or load_settings().documents
        self._lsh = BandIndex(s.lsh_threshold, s.num_perm)
        # By document id: publication day, and origin of the copy group (_ABSENT: not indexed).
        self._days = np.full(1024, _UNDATED, dtype=np.int64)
        self._origins = np.full(1024, _ABSENT, dtype=np.int64)
        self._count = 0
        self._recent: dict[int, _Known] = {}  # comparison fields, least recently used first
        self._recent_max = max(0, recent)
        self._moved: set[int] = set()
        self._version: int | None = None  # the fingerprint token when this index was last in step
        self._load()

    def __len__(self) -> int:
        return self._count

    def _load(self) -> None:
        """Take in every fingerprint, a page at a time (the table is never held whole)."""
        after, loaded, stale = -1, 0, 0
        while True:
            rows = self.db.fingerprint_page(after, _PAGE)
            for r in rows:
                stale += self._take(r)
            loaded += len(rows)
            if len(rows) < _PAGE:
                break
            after = rows[-1]["document_id"]
        logger.info("document index: %d fingerprints loaded (%d recomputed)", loaded, stale)

    def _take(self, r: Any) -> bool:
        """Index one fingerprint row; True when it was made with other settings and is made again."""
        s, doc_id = self.settings, r["document_id"]
        self._recent.pop(doc_id, None)  # the row may have been made again since it was kept
        n, blob = r["n_shingles"], r["minhash"]
        stale = (r["num_perm"], r["seed"], r["shingle_words"]) != (s.num_perm, s.seed, s.shingle_words)
        if stale:  # made with other settings: recompute from the stored body
            norm = normalise_body(self.db.document_body(doc_id) or "")
            grams = shingles(norm, s.shingle_words)
            n, blob = len(grams), self._signature(grams).tobytes()
            self._write(doc_id, body_sha256(norm), n, blob, r["origin_id"])
        signature = np.frombuffer(blob, dtype=_DTYPE) if n >= s.min_shingles else None
        self._remember(doc_id, _day(r["published"]), r["origin_id"], signature)
        return stale

    def _write(self, doc_id: int, digest: str, n: int, blob: bytes, origin: int) -> None:
        s = self.settings
        self.db.write_fingerprint(doc_id, digest, n, s.shingle_words, s.num_perm, s.seed, blob, origin)

    def _signature(self, grams: set[bytes]) -> np.ndarray:
        return _minhash(grams, self.settings)

    def _indexed(self, doc_id: int) -> bool:
        return 0 <= doc_id < len(self._origins) and bool(self._origins[doc_id] != _ABSENT)

    def _indexed_ids(self) -> list[int]:
        return np.flatnonzero(self._origins != _ABSENT).tolist()

    def _remember(self, doc_id: int, day: int | None, origin: int, signature: np.ndarray | None) -> None:
        self._forget(doc_id)
        if doc_id >= len(self._days):
            size = max(doc_id + 1, 2 * len(self._days))
            self._days = _grown(self._days, size, _UNDATED)
            self._origins = _grown(self._origins, size, _ABSENT)
        self._days[doc_id] = _UNDATED if day is None else day
        self._origins[doc_id] = origin
        self._count += 1
        if signature is not None:
            self._lsh.insert(doc_id, signature)

    def _forget(self, doc_id: int) -> None:
        if self._indexed(doc_id):
            self._forget_many([doc_id])

    def _forget_many(self, doc_ids: list[int]) -> None:
        """Take documents out; the band index drops them all in one pass over its entries."""
        gone = [d for d in doc_ids if self._indexed(d)]
        for d in gone:
            self._origins[d] = _ABSENT
            self._days[d] = _UNDATED
            self._recent.pop(d, None)
        self._count -= len(gone)
        self._lsh.remove_many(gone)  # nothing for those too short to be filed

    def catch_up(self) -> bool:
        """Take in what other writers did since this index last looked; True if a document went away.

        Call it under the write lock, before ``add``: another ``ingest`` process may have
        fingerprinted documents (copies of this batch's) or re-pointed copy groups meanwhile.
        When the fingerprint token has not changed since ``settle`` noted it, nobody wrote a
        fingerprint since: the table is not read (reading it grew each batch with the store).
        """
        version = self.db.fingerprint_version()
        if version == self._version:
            return False
        self._version = None  # out of step until ``settle`` notes the token after this batch's writes
        origins = self.db.fingerprint_origins()
        gone = [d for d in self._indexed_ids() if d not in origins]
        self._forget_many(gone)
        new = [d for d in origins if not self._indexed(d)]
        for i in range(0, len(new), _PAGE):
            for r in self.db.fingerprint_rows_of(new[i : i + _PAGE]):
                self._take(r)
        for d, origin in origins.items():
            if self._indexed(d):
                self._origins[d] = origin
        return bool(gone)

    def settle(self) -> None:
        """Note the fingerprint token: the index now mirrors the table, its own writes included.

        Call it under the same write lock as ``catch_up`` and ``add``, at the end of the batch;
        ``unsettle`` when that transaction rolls back (the index then holds rows the table lost).
        """
        self._version = self.db.fingerprint_version()

    def unsettle(self) -> None:
        """Make the next ``catch_up`` read the whole table (the last batch did not commit)."""
        self._version = None

    def drain_moved(self) -> set[int]:
        """Documents whose origin changed since the last call (their incidents need a refresh)."""
        moved, self._moved = self._moved, set()
        return moved

    def origin_of(self, doc_id: int) -> int | None:
        """The first-published document of the copy group ``doc_id`` is in."""
        return int(self._origins[doc_id]) if self._indexed(doc_id) else None

    def add(self, doc_id: int, document: Document, made: Fingerprint | None = None) -> list[DocumentMatch]:
        """Index a stored document; returns its links to documents indexed before it.

        ``made``: the body's ``fingerprint`` when a worker already computed it (recomputed
        here when absent or made with other settings).
        """
        s = self.settings
        self._forget(doc_id)
        if made is None or made.made_with != _made_with(s):
            made = fingerprint(document.body, s)
        digest, n = made.digest, made.n_shingles
        signature = np.frombuffer(made.signature, dtype=_DTYPE)
        grams = _Grams(document.body, s.shingle_words)
        day = _day(document.published)
        me = _Known(document.published or "", document.sha256 or "", outlet_key(document.publisher),
                    outlet_key(document.original_publisher), n,
                    signature if n >= s.min_shingles else None)  # fmt: skip

        exact = [o for o in self.db.documents_with_body_hash(digest) if o != doc_id and self._indexed(o)]
        near: list[int] = []
        if me.signature is not None:
            seen = {doc_id, *exact}
            near = [o for o in self._near(day, signature) if o not in seen]
        known = self._details(exact + near)
        found: dict[int, tuple[str, float]] = {o: ("exact", 1.0) for o in exact if o in known}
        candidates = [o for o in near if o in known and known[o].signature is not None]
        for other in self._plausible(me, candidates, known):
            verdict = self._compare(me, grams, other, known[other])
            if verdict is not None:
                found[other] = verdict

        matches = []
        for other, (kind, similarity) in sorted(found.items()):
            if _is_original(known[other], other, me, doc_id):
                matches.append(DocumentMatch(doc_id, other, kind, similarity))
            else:
                matches.append(DocumentMatch(other, doc_id, kind, similarity))
        for m in matches:
            self.db.write_link(m.document_id, m.original_id, m.kind, m.similarity)

        roots = {int(self._origins[o]) for o in found}
        # The group's origin is its first-published member still indexed (a replaced
        # document may have left its copies pointing at an id that is gone).
        members = {r: known[r] for r in roots | set(found) if r in known}
        members[doc_id] = me
        origin = min(members, key=lambda d: _precedence(members[d], d))
        self._write(doc_id, digest, n, made.signature, origin)
        moved = self.db.repoint_origins(roots, origin)
        self._remember(doc_id, day, origin, me.signature)
        self._keep(doc_id, me)
        self._moved.update(moved)
        for d in moved:
            if self._indexed(d):
                self._origins[d] = origin
        if matches:
            logger.debug("document %d: %d copy link(s), origin %d", doc_id, len(matches), origin)
        return matches

    def _details(self, ids: list[int]) -> dict[int, _Known]:
        """What comparing needs of ``ids`` and of their groups' origins, in one read of the store.

        Only these few candidates are read, and only those not among the ``recent`` kept: the
        index keeps no per-document object for the whole archive. A row another writer deleted
        since ``catch_up`` is left out, as if not indexed (``catch_up`` drops it from the kept).
        """
        if not ids:
            return {}
        wanted = set(ids) | {r for r in self._origins[ids].tolist() if self._indexed(r)}
        s, known, missing = self.settings, {}, []
        for d in sorted(wanted):
            kept = self._recent.get(d)
            if kept is None:
                missing.append(d)
            else:
                known[d] = kept
                self._keep(d, kept)
        for r in self.db.fingerprint_rows_of(missing) if missing else ():
            n = r["n_shingles"]
            signature = np.frombuffer(r["minhash"], dtype=_DTYPE) if n >= s.min_shingles else None
            known[r["document_id"]] = _Known(r["published"] or "", r["sha256"] or "", outlet_key(r["publisher"]),
                                             outlet_key(r["original_publisher"]), n, signature)  # fmt: skip
            self._keep(r["document_id"], known[r["document_id"]])
        return known

    def _keep(self, doc_id: int, known: _Known) -> None:
        """Keep ``doc_id``'s comparison fields as the most recently used, dropping the least."""
        recent = self._recent
        recent.pop(doc_id, None)
        if self._recent_max:
            recent[doc_id] = known
            if len(recent) > self._recent_max:
                del recent[next(iter(recent))]

    def _near(self, day: int | None, signature: np.ndarray) -> list[int]:
        """LSH candidates published within the copy window (or undated), or sharing ``strong_bands``.

        Filtered as arrays: the chance candidates from stock phrases grow with the database,
        and a per-candidate Python test made each document's cost grow with them.
        """
        s = self.settings
        ids, shared = self._lsh.query_arrays(signature)
        if day is None or not len(ids):
            return ids.tolist()
        days = self._days[ids]
        keep = (shared >= s.strong_bands) | (days == _UNDATED) | (np.abs(days - day) <= s.copy_window_days)
        return ids[keep].tolist()

    def _plausible(self, a: _Known, candidates: list[int], known: dict[int, _Known]) -> list[int]:
        """The candidates ``_compare`` could accept, found in one array operation.

        The bound is ``_compare``'s own first test (estimated Jaccard or containment within
        the verify margin of a threshold), so no copy is lost; it only spares the per-pair
        Python work on the many LSH candidates that share a band by chance.
        """
        if not candidates:
            return []
        s = self.settings
        assert a.signature is not None
        rows = [known[o] for o in candidates]
        signatures = np.stack([k.signature for k in rows if k.signature is not None])
        jaccard = np.count_nonzero(signatures == a.signature, axis=1) / len(a.signature)
        sizes = np.array([k.n_shingles for k in rows], dtype=float)
        contained = jaccard * (a.n_shingles + sizes) / ((1 + jaccard) * np.maximum(1, np.minimum(a.n_shingles, sizes)))
        keep = (
            (jaccard >= s.near_jaccard)
            | (contained >= s.near_containment - s.verify_margin)
            | (jaccard >= s.provenance_jaccard - s.verify_margin)
        )
        return [o for o, k in zip(candidates, keep.tolist(), strict=True) if k]

    def _compare(self, a: _Known, mine: _Grams, other: int, b: _Known) -> tuple[str, float] | None:
        """Kind and Jaccard similarity when the new document and ``other`` (``b``) are copies, else None.

        The MinHash estimate decides clear cases. A borderline one (a cut reprint, a notice
        naming the other's outlet) is checked on the exact shingle sets: the estimate's error
        (about ±0.04 at 128 permutations) is amplified in the containment of a short body,
        and shared mastheads and footers of one aggregator sit exactly in that margin.
        """
        s = self.settings
        assert a.signature is not None and b.signature is not None
        jaccard = int(np.count_nonzero(a.signature == b.signature)) / len(a.signature)
        if jaccard >= s.near_jaccard:
            named = _names(a.original_publisher, b.publisher) or _names(b.original_publisher, a.publisher)
            return ("provenance" if named else "near", jaccard)
        margin = s.verify_margin
        named = _names(a.original_publisher, b.publisher) or _names(b.original_publisher, a.publisher)
        if _containment(jaccard, a.n_shingles, b.n_shingles) < s.near_containment - margin and not (
            named and jaccard >= s.provenance_jaccard - margin
        ):
            return None
        theirs = shingles(normalise_body(self.db.document_body(other) or ""), s.shingle_words)
        grams = mine.get()
        shared = len(grams & theirs)
        exact = shared / max(1, len(grams | theirs))
        contained = shared / max(1, min(len(grams), len(theirs)))
        if exact >= s.near_jaccard or contained >= s.near_containment:
            return ("provenance" if named else "near", exact)
        if named and exact >= s.provenance_jaccard:
            return ("provenance", exact)
        return None


class _Grams:
    """A body's shingle set, made only when a borderline pair needs the exact comparison."""

    __slots__ = ("_body", "_k", "_set")

    def __init__(self, body: str, k: int) -> None:
        self._body, self._k = body, k
        self._set: set[bytes] | None = None

    def get(self) -> set[bytes]:
        if self._set is None:
            self._set = shingles(normalise_body(self._body), self._k)
        return self._set


def _grown(column: np.ndarray, size: int, fill: int) -> np.ndarray:
    out = np.full(size, fill, dtype=column.dtype)
    out[: len(column)] = column
    return out


def _day(published: str | None) -> int | None:
    """The publication date as a day number (None when absent or unreadable)."""
    try:
        return date.fromisoformat(published[:10]).toordinal() if published else None
    except ValueError:
        return None


def _containment(jaccard: float, n_a: int, n_b: int) -> float:
    """Share of the smaller set inside the larger, from their Jaccard and sizes."""
    # |A ∩ B| = J (|A| + |B|) / (1 + J)
    return jaccard * (n_a + n_b) / ((1 + jaccard) * max(1, min(n_a, n_b)))


def _names(original: str | None, publisher: str | None) -> bool:
    return original is not None and original == publisher


def _is_original(known: _Known, other: int, me: _Known, doc_id: int) -> bool:
    """Whether the already-indexed ``other`` is the original of the new document.

    A named original publisher decides; otherwise the earlier publication, then the lower
    SHA-256 (not the id, which only tells which copy arrived first).
    """
    mine, theirs = (
        _names(me.original_publisher, known.publisher),
        _names(known.original_publisher, me.publisher),
    )
    if mine != theirs:
        return mine
    return _precedence(known, other) <= _precedence(me, doc_id)


def _precedence(known: _Known, doc_id: int) -> tuple[str, str, int]:
    """Sort key of the original among copies: first published, then content hash (id last)."""
    return (known.published or "\uffff", known.sha256, doc_id)
