"""LSH band buckets report how many bands a candidate shares, and forget removed documents."""

from __future__ import annotations

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
    assert ids.tolist() == [22] and counts.tolist() == [index.bands]
    index.remove(22)
    assert index.query(story) == {} and all(not buckets for buckets in index._buckets)


def test_a_bucket_is_a_bare_id_or_a_list_never_a_set():
    """The index grows with the archive: a set per band key was most of its memory."""
    index = BandIndex(0.3, 128)
    for doc_id in range(300):
        index.insert(doc_id, _signature(100 + doc_id))
    index.insert(300, _signature(100))  # a copy of document 0: its buckets hold two
    kinds = [type(bucket) for buckets in index._buckets for bucket in buckets.values()]
    assert kinds.count(list) == index.bands and kinds.count(int) == 299 * index.bands
    index.remove(0)
    assert all(isinstance(b, int) for buckets in index._buckets for b in buckets.values())
    assert index.query(_signature(100)) == {300: index.bands}
