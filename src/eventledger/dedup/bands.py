"""LSH band buckets that also say how many bands each candidate shares, in a few bytes per band.

MinHash LSH cuts a signature into ``b`` bands of ``r`` values; two documents are candidates
when one band is equal. A band made of shingles that many reports share (a stock phrase, a
wire footer) collects a bucket that grows with the database, so a lookup returns ever more
chance candidates. The number of bands a candidate shares tells a chance meeting (one band)
from a copy (several): ``DocumentIndex`` compares a candidate published near the new document
whatever it shares, and one published far away only when it shares several bands. Both tests
look at the pair alone, never at bucket sizes or arrival order, so the links found do not
depend on which document came first.

The index is held in memory for the whole archive, so its size per document is what an
ingest's resident memory grows by. A dictionary of band bytes (37 bands at the default
threshold, each a bytes key, a dict slot and a tuple entry) cost about 3.7 KB per document,
most of what a long ingest grew by. Here each band is one 64-bit key (the band's values
hashed with the band's number) and the document's id, in sorted numpy arrays: 12 bytes a
band, 0.45 KB a document. New filings go to a small dictionary; when it fills it becomes a
sorted run, and runs of similar size are merged (as in a log-structured merge tree), so a
lookup is a binary search in a handful of runs and the merging costs a few passes over each
entry in all.

A 64-bit key can collide where the band's 96 bits differ; at a million documents the chance
that any lookup meets a stray candidate is about 10^-6, and a candidate is only a candidate:
``DocumentIndex`` compares signatures before it links anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np
from datasketch.lsh import _optimal_param

_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))
_DEAD = -1  # the id of a removed entry, dropped when its run is next merged
_INT32_MAX = np.iinfo(np.int32).max


class BandIndex:
    """Band keys of MinHash signatures: ``insert``, ``remove``, ``query`` with shared-band counts.

    ``pending``: how many band entries are filed in a dictionary before they become a sorted run.
    """

    def __init__(self, threshold: float, num_perm: int, pending: int = 8192) -> None:
        # datasketch's choice of bands and rows for this threshold (equal weight to misses and false hits)
        self.bands, self.rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
        self._salt = (np.arange(1, self.bands + 1, dtype=np.uint64) * _MIX[0]) ^ _MIX[2]
        self._pending_max = max(1, pending)
        self._pending: dict[int, int | list[int]] = {}  # band key -> id, or ids when several
        self._pending_n = 0
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, ids), largest first
        self._ids_dtype: type[np.signedinteger] = np.int32
        self._filed = np.zeros(1024, dtype=np.bool_)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    @property
    def nbytes(self) -> int:
        """Bytes held in the sorted runs and the filed-document flags (the pending dictionary aside)."""
        return int(sum(k.nbytes + i.nbytes for k, i in self._runs) + self._filed.nbytes)

    def keys(self, signature: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: the band's ``rows`` values mixed with the band's number."""
        values = np.asarray(signature[: self.bands * self.rows], dtype=np.uint64).reshape(self.bands, self.rows)
        h = self._salt.copy()
        with np.errstate(over="ignore"):
            for j in range(self.rows):  # xor then an odd multiply: each step is a bijection of h
                h = (h ^ values[:, j]) * _MIX[1]
            h ^= h >> np.uint64(31)
            h *= _MIX[2]
            h ^= h >> np.uint64(29)
        return h

    def insert(self, doc_id: int, signature: np.ndarray) -> None:
        """File ``doc_id`` under each of its band keys (replacing an earlier filing)."""
        if self._is_filed(doc_id):
            self.remove(doc_id)
        if doc_id > _INT32_MAX and self._ids_dtype is np.int32:
            self._ids_dtype = np.int64
            self._runs = [(k, i.astype(np.int64)) for k, i in self._runs]
        for key in self.keys(signature).tolist():
            bucket = self._pending.get(key)
            if bucket is None:
                self._pending[key] = doc_id
            elif isinstance(bucket, list):
                bucket.append(doc_id)
            else:
                self._pending[key] = [bucket, doc_id]
        self._pending_n += self.bands
        self._set_filed(doc_id, True)
        self._count += 1
        if self._pending_n >= self._pending_max:
            self._flush()

    def remove(self, doc_id: int) -> None:
        """Take ``doc_id`` out of its buckets (nothing when it is not filed): one scan of the entries."""
        self.remove_many([doc_id])

    def remove_many(self, doc_ids: Iterable[int]) -> None:
        """Take several documents out in one pass over the entries (documents deleted elsewhere)."""
        gone = np.array(sorted({d for d in doc_ids if self._is_filed(d)}), dtype=np.int64)
        if not len(gone):
            return
        self._scan_out(gone)
        for d in gone.tolist():
            self._set_filed(d, False)
        self._count -= len(gone)

    def query(self, signature: np.ndarray) -> Counter[int]:
        """Documents sharing at least one band with ``signature``, with how many bands each shares."""
        ids, counts = self.query_arrays(signature)
        return Counter(dict(zip(ids.tolist(), counts.tolist(), strict=True)))

    def query_arrays(self, signature: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``query`` as two arrays (document ids ascending, bands shared), counted in numpy.

        A bucket of stock phrases grows with the database; counting its members one by one
        in Python made a lookup's cost grow with it, while an array count stays a small share.
        """
        keys = self.keys(signature)
        ordered = np.sort(keys)  # ascending keys let each binary search start where the last ended
        parts = [_lookup(k, ids, ordered) for k, ids in self._runs]
        pending: list[int] = []
        for key in keys.tolist():
            bucket = self._pending.get(key)
            if isinstance(bucket, list):
                pending.extend(bucket)
            elif bucket is not None:
                pending.append(bucket)
        parts.append(np.array(pending, dtype=np.int64))
        found = np.concatenate(parts).astype(np.int64, copy=False)
        found = found[found != _DEAD]
        if not len(found):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        ids, counts = np.unique(found, return_counts=True)
        return ids, counts.astype(np.int64)

    # -- storage ---------------------------------------------------------------------------------
    def _is_filed(self, doc_id: int) -> bool:
        return 0 <= doc_id < len(self._filed) and bool(self._filed[doc_id])

    def _set_filed(self, doc_id: int, filed: bool) -> None:
        if doc_id >= len(self._filed):
            grown = np.zeros(max(doc_id + 1, 2 * len(self._filed)), dtype=np.bool_)
            grown[: len(self._filed)] = self._filed
            self._filed = grown
        self._filed[doc_id] = filed

    def _scan_out(self, gone: np.ndarray) -> None:
        for _, ids in self._runs:
            ids[np.isin(ids, gone)] = _DEAD
        drop = set(gone.tolist())
        for key, bucket in list(self._pending.items()):
            if isinstance(bucket, list):
                kept = [d for d in bucket if d not in drop]
                if len(kept) != len(bucket):
                    if not kept:
                        del self._pending[key]
                    else:
                        self._pending[key] = kept if len(kept) > 1 else kept[0]
            elif bucket in drop:
                del self._pending[key]

    def _flush(self) -> None:
        """Turn the pending dictionary into a sorted run, then merge runs of similar size."""
        keys: list[int] = []
        ids: list[int] = []
        for key, bucket in self._pending.items():
            if isinstance(bucket, list):
                keys.extend([key] * len(bucket))
                ids.extend(bucket)
            else:
                keys.append(key)
                ids.append(bucket)
        self._pending, self._pending_n = {}, 0
        run = (np.array(keys, dtype=np.uint64), np.array(ids, dtype=self._ids_dtype))
        order = np.argsort(run[0], kind="stable")
        self._runs.append((run[0][order], run[1][order]))
        while len(self._runs) > 1 and 2 * len(self._runs[-1][0]) >= len(self._runs[-2][0]):
            (k2, i2), (k1, i1) = self._runs.pop(), self._runs.pop()
            k, i = np.concatenate([k1, k2]), np.concatenate([i1, i2])
            live = i != _DEAD
            k, i = k[live], i[live]
            order = np.argsort(k, kind="stable")
            self._runs.append((k[order], i[order]))


def _lookup(run_keys: np.ndarray, ids: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The ids filed in one run under any of ``keys`` (ascending).

    Most band keys of a new document are in no run: one binary search per key finds where it
    would be, and only the keys found there get the second search for their bucket's end.
    """
    lo = np.searchsorted(run_keys, keys, "left")
    hit = lo < len(run_keys)
    hit[hit] = run_keys[lo[hit]] == keys[hit]
    if not hit.any():
        return np.zeros(0, dtype=ids.dtype)
    found = keys[hit]
    return _gather(ids, lo[hit], np.searchsorted(run_keys, found, "right"))


def _gather(ids: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """``ids[lo[0]:hi[0]]``, ``ids[lo[1]:hi[1]]``, … concatenated, without a Python loop."""
    counts = hi - lo
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=ids.dtype)
    keep = counts > 0
    lo, counts = lo[keep], counts[keep]
    starts = np.repeat(lo - (np.cumsum(counts) - counts), counts)
    return ids[starts + np.arange(total)]
