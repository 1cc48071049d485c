"""LSH band buckets that also say how many bands each candidate shares.

MinHash LSH cuts a signature into ``b`` bands of ``r`` values; two documents are candidates
when one band is equal. A band made of shingles that many reports share (a stock phrase, a
wire footer) collects a bucket that grows with the database, so a lookup returns ever more
chance candidates. The number of bands a candidate shares tells a chance meeting (one band)
from a copy (several): ``DocumentIndex`` compares a candidate published near the new document
whatever it shares, and one published far away only when it shares several bands. Both tests
look at the pair alone, never at bucket sizes or arrival order, so the links found do not
depend on which document came first.

The index is held in memory for the whole archive, so its size per document is what an
ingest's resident memory grows by. Nearly every bucket holds one document (a band key is
shared only by copies and stock phrases), so a bucket of one is the bare id and a bucket of
more a list, not a set: a set (216 bytes even for one id) in each band cost about 5.4 KB per
document, two thirds of the index. A list needs no membership test, since ``insert`` first
takes the document out of every bucket.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import chain

import numpy as np
from datasketch.lsh import _optimal_param


class BandIndex:
    """Band buckets of MinHash signatures: ``insert``, ``remove``, ``query`` with shared-band counts."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        # datasketch's choice of bands and rows for this threshold (equal weight to misses and false hits)
        self.bands, self.rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
        # a bucket of one is the bare id (see the module docstring), of more a list
        self._buckets: list[dict[bytes, int | list[int]]] = [{} for _ in range(self.bands)]
        self._keys: dict[int, tuple[bytes, ...]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def _band_keys(self, signature: np.ndarray) -> Iterator[tuple[int, bytes]]:
        r = self.rows
        for i in range(self.bands):
            yield i, signature[i * r : (i + 1) * r].tobytes()

    def insert(self, doc_id: int, signature: np.ndarray) -> None:
        """File ``doc_id`` under each of its band keys (replacing an earlier filing)."""
        self.remove(doc_id)
        keys = []
        for i, key in self._band_keys(signature):
            buckets = self._buckets[i]
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = doc_id
            elif isinstance(bucket, list):
                bucket.append(doc_id)  # not there: ``remove`` above took it out
            else:
                buckets[key] = [bucket, doc_id]
            keys.append(key)
        self._keys[doc_id] = tuple(keys)

    def remove(self, doc_id: int) -> None:
        """Take ``doc_id`` out of its buckets (nothing when it is not filed)."""
        keys = self._keys.pop(doc_id, None)
        if keys is None:
            return
        for i, key in enumerate(keys):
            buckets = self._buckets[i]
            bucket = buckets.get(key)
            if isinstance(bucket, list):
                if doc_id in bucket:
                    bucket.remove(doc_id)
                if len(bucket) == 1:
                    buckets[key] = bucket[0]  # back to the compact form
                elif not bucket:
                    del buckets[key]
            elif bucket == doc_id:
                del buckets[key]

    def _members(self, signature: np.ndarray) -> Iterator[list[int] | tuple[int]]:
        """The non-empty buckets ``signature`` falls into, each as a collection of ids."""
        for i, key in self._band_keys(signature):
            bucket = self._buckets[i].get(key)
            if bucket is not None:
                yield bucket if isinstance(bucket, list) else (bucket,)

    def query(self, signature: np.ndarray) -> Counter[int]:
        """Documents sharing at least one band with ``signature``, with how many bands each shares."""
        shared: Counter[int] = Counter()
        for bucket in self._members(signature):
            shared.update(bucket)
        return shared

    def query_arrays(self, signature: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``query`` as two arrays (document ids ascending, bands shared), counted in numpy.

        A bucket of stock phrases grows with the database; counting its members one by one
        in Python made a lookup's cost grow with it, while an array count stays a small share.
        """
        buckets = list(self._members(signature))
        total = sum(len(b) for b in buckets)
        if not total:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        ids = np.fromiter(chain.from_iterable(buckets), dtype=np.int64, count=total)
        found, counts = np.unique(ids, return_counts=True)
        return found, counts
