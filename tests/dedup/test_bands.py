"""LSH band buckets report how many bands a candidate shares, and forget removed documents."""

from __future__ import annotations

import tracemalloc

import numpy as np

from eventledger.dedup.bands import BandIndex


def _signature(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=128, dtype=np.uint64).astype("<u4")


def test_a_copy_shares_every_band_and_a_stranger_none():
    index = BandIndex(0.3, 128)
    original = _signature(1)
    index.insert(10, original)
    index.insert(11, _signature(2))
    shared = index.query(original.copy())
    assert shared == {10: index.bands}


def test_a_signature_differing_in_one_band_shares_the_others():
    index = BandIndex(0.3, 128)
    original = _signature(3)
    index.insert(7, original)
    edited = original.copy()
    edited[0] ^= 1  # the first value sits in the first band only
    assert index.query(edited)[7] == index.bands - 1


def test_a_removed_document_is_no_longer_found_and_reinserting_replaces():
    index = BandIndex(0.3, 128)
    a, b = _signature(4), _signature(5)
    index.insert(1, a)
    index.insert(1, b)  # replaced: filed under b's bands only
    assert 1 not in index.query(a) and index.query(b)[1] == index.bands
    index.remove(1)
    assert index.query(b) == {} and len(index) == 0


def test_the_array_query_counts_as_the_counter_does():
    index = BandIndex(0.3, 128)
    original = _signature(5)
    index.insert(3, original)
    edited = original.copy()
    edited[0] ^= 1
    index.insert(9, edited)
    index.insert(4, _signature(6))
    ids, counts = index.query_arrays(original)
    assert (
        dict(zip(ids.tolist(), counts.tolist(), strict=True))
        == index.query(original)
        == {3: index.bands, 9: index.bands - 1}
    )
    assert [len(a) for a in index.query_arrays(_signature(7))] == [0, 0]


def test_copies_share_buckets_and_removing_them_one_by_one_leaves_the_rest_found():
    index = BandIndex(0.3, 128)
    story = _signature(8)
    for doc_id in (21, 22, 23):
        index.insert(doc_id, story.copy())
    index.insert(22, story.copy())  # re-filing a member does not duplicate it
    assert index.query(story) == {21: index.bands, 22: index.bands, 23: index.bands}
    index.remove(21)
    index.remove(23)
    ids, counts = index.query_arrays(story)
    assert ids.tolist() == [22] and counts.tolist() == [index.bands] and len(index) == 1
    index.remove(22)
    assert index.query(story) == {} and len(index) == 0


def _reference(filed: dict[int, np.ndarray], signature: np.ndarray, bands: int, rows: int) -> dict[int, int]:
    """Shared bands counted the plain way: band values compared as bytes."""
    mine = [signature[i * rows : (i + 1) * rows].tobytes() for i in range(bands)]
    out = {}
    for doc_id, other in filed.items():
        n = sum(mine[i] == other[i * rows : (i + 1) * rows].tobytes() for i in range(bands))
        if n:
            out[doc_id] = n
    return out


def test_runs_flushed_merged_and_pruned_answer_as_plain_band_comparison():
    """Filings cross many flushes and merges; replacements and removals hit runs and the pending part."""
    index = BandIndex(0.3, 128, pending=100)  # a run every three documents
    rng = np.random.default_rng(11)
    stories = [_signature(200 + s) for s in range(12)]
    filed: dict[int, np.ndarray] = {}
    for doc_id in range(1, 400):
        sig = stories[doc_id % 12].copy()
        sig[rng.integers(0, 128, size=rng.integers(0, 90))] = rng.integers(0, 2**32, dtype=np.uint64)
        index.insert(doc_id, sig)
        filed[doc_id] = sig
        if doc_id % 7 == 0:  # replaced: the old filing goes
            new = _signature(1000 + doc_id)
            index.insert(doc_id - 3, new)
            filed[doc_id - 3] = new
        if doc_id % 11 == 0:
            index.remove(doc_id - 5)
            filed.pop(doc_id - 5)
    index.remove_many([13, 14, 15, 10_000])
    for d in (13, 14, 15):
        filed.pop(d, None)
    assert len(index) == len(filed) and len(index._runs) > 1
    for probe in [*stories, filed[398], _signature(5)]:
        assert dict(index.query(probe)) == _reference(filed, probe, index.bands, index.rows)


def test_large_ids_widen_the_id_arrays():
    index = BandIndex(0.3, 128, pending=40)
    a = _signature(40)
    index.insert(1, a)
    index.insert(2, a)  # flushed: a run of 32-bit ids
    index.insert(3_000_000_000, a)
    assert index.query(a) == {1: index.bands, 2: index.bands, 3_000_000_000: index.bands}


def test_the_index_costs_a_few_bytes_a_band_per_document():
    """The index lives for the whole archive: a dict of band bytes cost about 3.7 KB per document."""
    index = BandIndex(0.3, 128)
    signatures = [_signature(500 + d) for d in range(3000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for doc_id, sig in enumerate(signatures, start=1):
            index.insert(doc_id, sig)
        per_doc = (tracemalloc.get_traced_memory()[0] - before) / len(signatures)
    finally:
        tracemalloc.stop()
    assert per_doc < 20 * index.bands  # 12 bytes a band once flushed; the pending part is bounded
    assert index.query(signatures[1234]) == {1235: index.bands}
