"""Copies of one story are linked to their original; other reports, even of the same incident, are not."""

from __future__ import annotations

import gc
import hashlib
import random
import tracemalloc
from dataclasses import replace
from pathlib import Path

import numpy as np

from eventledger.dedup import DocumentIndex, documents, fingerprint
from eventledger.dedup._settings import load_settings
from eventledger.model import Analysis, Document, RawDocument
from eventledger.store import open_store
from eventledger.store.incidents import document_links

from .reports import REPRINT, RETELLING, STORY, UNRELATED


def test_reprint_with_other_boilerplate_links_to_the_original(store, report):
    original = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    index = DocumentIndex(store.incident_tables())
    assert index.add(original, store.load_analysis(original).document) == []
    copy = report(REPRINT, publisher="News Digest", published="2024-03-05")
    [match] = index.add(copy, store.load_analysis(copy).document)
    assert (match.document_id, match.original_id) == (copy, original)
    assert match.kind == "near" and match.similarity > 0.6
    assert index.origin_of(copy) == original


def test_unrelated_report_and_retelling_are_not_linked(store, report):
    index = DocumentIndex(store.incident_tables())
    for body, outlet in ((STORY, "Radio Ozodlik"), (RETELLING, "Valley Post"), (UNRELATED, "Namangan Times")):
        doc_id = report(body, publisher=outlet, published="2024-03-05")
        assert index.add(doc_id, store.load_analysis(doc_id).document) == []
    assert document_links(store.conn) == []


def test_exact_copy_differing_in_case_and_spacing_is_exact(store, report):
    index = DocumentIndex(store.incident_tables())
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report("  " + STORY.upper().replace(" ", "  "), publisher="Mirror Site", published="2024-03-06")
    index.add(a, store.load_analysis(a).document)
    [match] = index.add(b, store.load_analysis(b).document)
    assert (match.document_id, match.original_id, match.kind, match.similarity) == (b, a, "exact", 1.0)


def test_a_cut_reprint_naming_the_original_links_through_provenance(store, report):
    index = DocumentIndex(store.incident_tables())
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    first_half = STORY[: len(STORY) // 2]
    b = report(
        first_half + " Read the rest on the original site.",
        publisher="Aggregator",
        published="2024-03-04",
        original_publisher="Radio Ozodlik",
    )
    index.add(a, store.load_analysis(a).document)
    [match] = index.add(b, store.load_analysis(b).document)
    assert (match.document_id, match.original_id, match.kind) == (b, a, "provenance")


def test_a_reopened_index_continues_from_stored_signatures(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    DocumentIndex(store.incident_tables()).add(a, store.load_analysis(a).document)
    row = store.conn.execute("SELECT num_perm, minhash FROM document_fingerprints WHERE document_id = ?", (a,))
    num_perm, blob = row.fetchone()
    assert len(blob) == 4 * num_perm and np.frombuffer(blob, "<u4").max() > 0  # integers, not a pickle
    reopened = DocumentIndex(store.incident_tables())
    assert len(reopened) == 1
    copy = report(REPRINT, publisher="News Digest", published="2024-03-05")
    [match] = reopened.add(copy, store.load_analysis(copy).document)
    assert match.original_id == a


def test_a_copy_published_first_becomes_the_origin_of_the_group(store, report):
    index = DocumentIndex(store.incident_tables())
    late = report(REPRINT, publisher="News Digest", published="2024-03-07")
    index.add(late, store.load_analysis(late).document)
    early = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    [match] = index.add(early, store.load_analysis(early).document)
    assert (match.document_id, match.original_id) == (late, early)
    assert index.origin_of(late) == early
    assert index.drain_moved() == {late}


def test_signatures_made_with_other_settings_are_recomputed_from_the_body(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    old = replace(load_settings().documents, num_perm=64)
    DocumentIndex(store.incident_tables(), old).add(a, store.load_analysis(a).document)
    reopened = DocumentIndex(store.incident_tables())
    num_perm = store.conn.execute("SELECT num_perm FROM document_fingerprints WHERE document_id = ?", (a,))
    assert num_perm.fetchone()[0] == load_settings().documents.num_perm
    copy = report(REPRINT, publisher="News Digest", published="2024-03-05")
    assert [m.original_id for m in reopened.add(copy, store.load_analysis(copy).document)] == [a]


def test_shared_aggregator_boilerplate_does_not_make_stories_copies(store, report):
    boiler = (
        "NEWS DIGEST | Central Asia desk. Subscribe to our morning newsletter for more regional headlines. "
        "Follow News Digest on social media for updates and share this story with a friend today. "
    )
    index = DocumentIndex(store.incident_tables())
    a = report(boiler + STORY[:200], publisher="News Digest", published="2024-03-04")
    b = report(boiler + UNRELATED[:200], publisher="News Digest", published="2024-03-05")
    index.add(a, store.load_analysis(a).document)
    assert index.add(b, store.load_analysis(b).document) == []


def test_copies_published_the_same_day_take_the_lower_hash_as_origin_whatever_came_first(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(REPRINT, publisher="News Digest", published="2024-03-04")
    sha = dict(store.conn.execute("SELECT id, sha256 FROM documents"))
    expected = min((a, b), key=sha.get)
    for order in ((a, b), (b, a)):
        store.conn.execute("DELETE FROM document_fingerprints")
        store.conn.execute("DELETE FROM document_links")
        index = DocumentIndex(store.incident_tables())
        for d in order:
            index.add(d, store.load_analysis(d).document)
        assert index.origin_of(a) == index.origin_of(b) == expected
        [link] = document_links(store.conn)
        assert link["original_id"] == expected


def test_a_late_reprint_is_compared_when_it_shares_several_bands(store, report):
    original = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    late = report(REPRINT, publisher="News Digest", published="2025-06-01")  # over a year later
    index = DocumentIndex(store.incident_tables())
    index.add(original, store.load_analysis(original).document)
    [match] = index.add(late, store.load_analysis(late).document)
    assert (match.document_id, match.original_id) == (late, original)


def test_far_apart_candidates_sharing_few_bands_are_not_compared(store, report):
    original = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    late = report(REPRINT, publisher="News Digest", published="2025-06-01")
    near = report(REPRINT, publisher="Valley Post", published="2024-03-10")
    strict = replace(load_settings().documents, strong_bands=10_000)  # no pair shares that many bands
    index = DocumentIndex(store.incident_tables(), strict)
    index.add(original, store.load_analysis(original).document)
    assert index.add(late, store.load_analysis(late).document) == []  # outside the window
    matches = index.add(near, store.load_analysis(near).document)
    # inside the window: compared, and linked (an exact copy of the late one is found by its hash)
    assert {(m.original_id, m.kind) for m in matches if m.document_id == near} == {(original, "near")}


class _CountingTables:
    """The store's tables, counting the whole-table reads of fingerprint origins."""

    def __init__(self, tables):
        self._tables, self.full_reads = tables, 0

    def __getattr__(self, name):
        return getattr(self._tables, name)

    def fingerprint_origins(self):
        self.full_reads += 1
        return self._tables.fingerprint_origins()


def test_an_index_in_step_skips_the_table_and_sees_another_writers_copy(store, report, db_target):
    from eventledger.dedup import dedup_documents
    from eventledger.store import open_store

    tables = _CountingTables(store.incident_tables())
    index = DocumentIndex(tables)
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    dedup_documents(tables, [a], index)
    b = report(UNRELATED, publisher="Namangan Times", published="2024-03-05")
    dedup_documents(tables, [b], index)
    assert tables.full_reads == 1  # the second batch found the token where the first left it

    other = open_store(db_target)  # a second ingest process: its own connection and index
    try:
        copy = report(REPRINT, publisher="News Digest", published="2024-03-05")
        dedup_documents(other.incident_tables(), [copy], DocumentIndex(other.incident_tables()))
    finally:
        other.close()
    late = report(REPRINT + " Updated at noon.", publisher="Evening Wire", published="2024-03-06")
    result = dedup_documents(tables, [late], index)
    assert tables.full_reads == 2 and index.origin_of(copy) == a
    assert {m.original_id for m in result.matches} <= {a, copy} and index.origin_of(late) == a


def test_a_batch_that_rolls_back_makes_the_next_catch_up_read_the_table(store, report):
    from eventledger.dedup import dedup_documents

    tables = _CountingTables(store.incident_tables())
    index = DocumentIndex(tables)
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    dedup_documents(tables, [a], index)
    copy = report(REPRINT, publisher="News Digest", published="2024-03-05")
    try:
        with store.incident_tables().transaction():
            dedup_documents(tables, [copy], index)  # joins the outer transaction, settles inside it
            raise RuntimeError("the batch fails after linking")
    except RuntimeError:
        pass  # the token the index noted rolled back with the batch
    assert index.origin_of(copy) == a  # still remembered, though the row rolled back
    assert index.catch_up() is True and index.origin_of(copy) is None and tables.full_reads == 2


def test_a_fingerprint_made_elsewhere_links_as_one_made_by_the_index(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(STORY[: len(STORY) // 2] + " Read the rest on the original site.", publisher="Aggregator",
               published="2024-03-04", original_publisher="Radio Ozodlik")  # fmt: skip
    index = DocumentIndex(store.incident_tables())
    made = {d: fingerprint(store.load_analysis(d).document.body) for d in (a, b)}
    index.add(a, store.load_analysis(a).document, made[a])
    [match] = index.add(b, store.load_analysis(b).document, made[b])  # borderline: exact shingles compared
    assert (match.document_id, match.original_id, match.kind) == (b, a, "provenance")
    row = store.conn.execute("SELECT minhash, n_shingles FROM document_fingerprints WHERE document_id = ?", (b,))
    assert tuple(row.fetchone()) == (made[b].signature, made[b].n_shingles)


def test_a_fingerprint_made_with_other_settings_is_made_again(store, report):
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    copy = report(REPRINT, publisher="News Digest", published="2024-03-05")
    index = DocumentIndex(store.incident_tables())
    index.add(a, store.load_analysis(a).document)
    other = fingerprint(store.load_analysis(copy).document.body, replace(load_settings().documents, num_perm=64))
    assert len(other.signature) == 4 * 64
    [match] = index.add(copy, store.load_analysis(copy).document, other)
    assert match.original_id == a
    row = store.conn.execute("SELECT num_perm FROM document_fingerprints WHERE document_id = ?", (copy,))
    assert row.fetchone()[0] == load_settings().documents.num_perm


def _invented_documents(store, n: int) -> list[tuple[int, Document]]:
    """``n`` stored documents of 40 words drawn from made-up words: distinct, none a copy of another."""
    rng = random.Random(16)
    vocabulary = [f"{rng.choice('bdgklmnprstvz')}{rng.choice('aeiou')}{rng.choice('lmnrst')}{i}" for i in range(3000)]
    out = []
    for i in range(n):
        body = " ".join(rng.choices(vocabulary, k=40)) + "."
        sha = hashlib.sha256(body.encode()).hexdigest()
        document = Document(sha, f"invented-{i}.txt", "text", body, published=f"2024-03-{1 + i % 28:02d}",
                            publisher=f"Outlet {i % 7}")  # fmt: skip
        raw = RawDocument(sha, document.source, "text", body.encode(), body, "text")
        doc_id = store.save(raw, Analysis(document, ()))
        assert doc_id is not None
        out.append((doc_id, document))
    return out


def _made_in_documents(traceback: tracemalloc.Traceback) -> bool:
    """Whether the innermost eventledger frame of an allocation is in ``dedup/documents.py``.

    numpy's own Python code (``np.full``) is seen through to its caller; what the band index or
    the store allocate is theirs, not the document index's.
    """
    package = str(Path(documents.__file__).parents[1])
    for frame in reversed(traceback):  # innermost first
        if frame.filename.startswith(package):
            return frame.filename == documents.__file__
    return False


def test_the_index_keeps_no_python_object_per_document(tmp_path):
    store = open_store(str(tmp_path / "memory.db"))
    try:
        docs = _invented_documents(store, 1500)
        made = {d: fingerprint(document.body) for d, document in docs}
        index = DocumentIndex(store.incident_tables(), recent=100)
        tables = store.incident_tables()
        tracemalloc.start(5)  # frames enough to see through np.full to its caller
        try:
            with tables.transaction():
                for d, document in docs:
                    assert index.add(d, document, made[d]) == []
            gc.collect()
            under = tracemalloc.Filter(True, documents.__file__, all_frames=True)
            stats = tracemalloc.take_snapshot().filter_traces([under]).statistics("traceback")
            live = sum(s.size for s in stats if _made_in_documents(s.traceback))
        finally:
            tracemalloc.stop()
        assert len(index) == 1500 and len(index._recent) == 100
        # the day and origin columns (16 bytes a document, doubled as they grow) and the 100 kept
        # (about 1 KB each, 67 bytes a document here); a per-document object for the whole
        # archive, with its signature, hashes and outlets, held about 1 KB a document
        assert live / len(docs) < 128, f"{live / len(docs):.0f} bytes per document"
    finally:
        store.close()


class _SpyTables:
    """The store's tables, noting every page read, every body read and every read of named rows."""

    def __init__(self, tables):
        self._tables, self.pages, self.bodies, self.rows_of = tables, [], [], []

    def __getattr__(self, name):
        return getattr(self._tables, name)

    def fingerprint_page(self, after_id, limit):
        rows = self._tables.fingerprint_page(after_id, limit)
        self.pages.append((limit, len(rows), any("body" in r.keys() for r in rows)))
        return rows

    def fingerprint_rows_of(self, document_ids):
        rows = self._tables.fingerprint_rows_of(document_ids)
        self.rows_of.append(sorted(document_ids))
        assert not any("body" in r.keys() for r in rows)
        return rows

    def document_body(self, document_id):
        self.bodies.append(document_id)
        return self._tables.document_body(document_id)


def test_opening_reads_fingerprints_in_pages_and_bodies_only_of_stale_rows(store, report, monkeypatch):
    old = replace(load_settings().documents, num_perm=64)
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(UNRELATED, publisher="Namangan Times", published="2024-03-05")
    DocumentIndex(store.incident_tables(), old).add(a, store.load_analysis(a).document)
    DocumentIndex(store.incident_tables(), old).add(b, store.load_analysis(b).document)
    index = DocumentIndex(store.incident_tables())  # recomputes a and b
    bodies = ("A ferry capsized on the reservoir near the dam; rescuers pulled nine passengers from the water.",
              "The regional court fined three traders for selling expired flour at the central bazaar on Friday.",
              RETELLING)  # fmt: skip
    for body in bodies:
        d = report(body, publisher="Valley Post", published="2024-03-06")
        index.add(d, store.load_analysis(d).document)
    store.conn.execute("UPDATE document_fingerprints SET num_perm = 64 WHERE document_id = ?", (a,))

    monkeypatch.setattr(documents, "_PAGE", 2)
    spy = _SpyTables(store.incident_tables())
    reopened = DocumentIndex(spy)
    assert len(reopened) == 5
    assert [n for _, n, _ in spy.pages] == [2, 2, 1] and all(n <= limit for limit, n, _ in spy.pages)
    assert not any(body for _, _, body in spy.pages)
    assert spy.bodies == [a]  # only the row made with other settings is made again from its body

    copy = report(REPRINT, publisher="News Digest", published="2024-03-05")
    [match] = reopened.add(copy, store.load_analysis(copy).document)
    assert match.original_id == a and spy.rows_of == [[a]]  # one read of the candidates' rows


def test_a_copy_soon_after_its_original_is_compared_from_the_kept_fields(store, report):
    """The last documents added keep their fields: a prompt reprint reads no candidate row."""
    spy = _SpyTables(store.incident_tables())
    index = DocumentIndex(spy, recent=2)
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    index.add(a, store.load_analysis(a).document)
    copy = report(REPRINT, publisher="News Digest", published="2024-03-05")
    [match] = index.add(copy, store.load_analysis(copy).document)
    assert match.original_id == a and spy.rows_of == []
    for body in ("Flood waters cut the only road to the mountain villages for a third day.",
                 "The transport ministry grounded two cargo planes after an engine fire on landing."):  # fmt: skip
        d = report(body, publisher="Valley Post", published="2024-03-06")
        index.add(d, store.load_analysis(d).document)
    assert len(index._recent) == 2 and a not in index._recent  # bounded: the oldest went first
    late = report(REPRINT + " Updated at noon.", publisher="Evening Wire", published="2024-03-06")
    matched = {m.original_id for m in index.add(late, store.load_analysis(late).document)}
    assert matched <= {a, copy} and matched and spy.rows_of and a in spy.rows_of[-1]
