"""The store keeps raw bytes by SHA-256, writes a document atomically and reads back what it wrote."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.errors import StoreError
from eventledger.model import (
    Actor,
    Analysis,
    Attribution,
    Document,
    Event,
    Place,
    Quantity,
    RawDocument,
    Span,
    TimeInterval,
    Timex,
    Toponym,
)
from eventledger.store import SQLiteStore, open_store, resolve_db
from eventledger.store.schema import MIGRATIONS

BODY = "Police detained 12 protesters in Lahore on Friday, officials said."


def raw_of(body: str = BODY, source: str = "report.txt") -> RawDocument:
    data = body.encode()
    return RawDocument(hashlib.sha256(data).hexdigest(), source, "text", data, body, "text")


def analysis_of(raw: RawDocument) -> Analysis:
    body = raw.content
    doc = Document(raw.sha256, raw.source, raw.format, body, title="Arrests in Lahore", published="2023-06-02")
    ev = Event(
        type="COERCE",
        mode="arrest",
        contexts=("political",),
        evidence=(Span.of(body, 0, len(body)),),
        trigger=Span.of(body, 7, 15),
        actors=(Actor("Police", Span.of(body, 0, 6), "police", "agency", "PK"),),
        targets=(Actor("12 protesters", Span.of(body, 16, 29), None, "people", None, 12),),
        places=(Place("Lahore", Span.of(body, 33, 39), 31.55, 74.34, 1172451, "PK", "Punjab", "P.PPLA",
                      "town", ("Lahore", "Punjab", "Pakistan")),),
        time=TimeInterval("2023-06-02", "2023-06-02", "day", "2023-06-02", Span.of(body, 43, 49)),
        attribution=Attribution("officials", Span.of(body, 51, 60), "official"),
        quantities=(Quantity("people", 12, 12, "people", Span.of(body, 16, 29)),),
        confidence=0.8,
    )  # fmt: skip
    timex = Timex(Span.of(body, 43, 49), "DATE", "2023-06-02", TimeInterval("2023-06-02", "2023-06-02", "day"))
    top = Toponym(Span.of(body, 33, 39), ev.places[0])
    return Analysis(doc, (ev,), (timex,), (top,))


@pytest.fixture
def store(db_target):
    with open_store(db_target) as s:
        yield s


def test_round_trip_returns_what_was_saved(store):
    raw = raw_of()
    a = analysis_of(raw)
    doc_id = store.save(raw, a)
    loaded = store.load_analysis(doc_id)
    assert loaded.document.body == a.document.body
    assert loaded.events[0].actors == a.events[0].actors
    assert loaded.events[0].places == a.events[0].places
    assert loaded.events[0] == a.events[0]
    assert loaded.timexes == a.timexes
    assert loaded.toponyms == a.toponyms


def test_raw_bytes_are_kept_under_their_sha256(store):
    raw = raw_of()
    store.save(raw, analysis_of(raw))
    assert store.blob(raw.sha256) == raw.data


def test_saving_the_same_bytes_twice_is_a_no_op(store):
    raw = raw_of()
    assert store.save(raw, analysis_of(raw)) is not None
    assert store.save(raw, analysis_of(raw)) is None
    assert store.counts()["documents"] == 1
    assert store.counts()["events"] == 1


def test_replace_rewrites_outputs_but_not_the_blob(store):
    raw = raw_of()
    store.save(raw, analysis_of(raw))
    store.save(raw, analysis_of(raw), replace=True)
    assert store.counts() == {
        "documents": 1,
        "blobs": 1,
        "events": 1,
        "evidence": 1,
        "timexes": 1,
        "toponyms": 1,
    }


def test_a_span_that_does_not_match_the_body_is_refused_and_nothing_written(store):
    raw = raw_of()
    bad = Analysis(analysis_of(raw).document, (Event("ASSAULT", (Span(0, 6, "Armies"),)),))
    with pytest.raises(StoreError, match="do not match the body"):
        store.save(raw, bad)
    assert store.counts()["documents"] == 0
    assert store.counts()["blobs"] == 0


def test_failure_inside_the_transaction_rolls_back_everything(store, monkeypatch):
    raw = raw_of()

    def boom(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_insert_event", boom)
    with pytest.raises(sqlite3.OperationalError):
        store.save(raw, analysis_of(raw))
    assert store.counts()["documents"] == 0 and store.counts()["blobs"] == 0


def test_migrations_apply_once(tmp_path):
    path = tmp_path / "m.db"
    SQLiteStore(path).close()
    with SQLiteStore(path) as again:
        versions = [r[0] for r in again.conn.execute("SELECT version FROM schema_migrations")]
    assert versions == list(range(1, len(MIGRATIONS) + 1))


def test_schema_has_foreign_keys_readable_by_any_sqlite_tool(tmp_path):
    store = SQLiteStore(tmp_path / "fk.db")
    fks = store.conn.execute("PRAGMA foreign_key_list(events)").fetchall()
    assert [(r["table"], r["from"]) for r in fks] == [("documents", "document_id")]


def test_a_file_that_is_not_sqlite_gives_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        SQLiteStore(path)


def test_db_path_comes_from_option_then_environment_then_default(monkeypatch):
    monkeypatch.setenv("EVENTLEDGER_DB", "/tmp/env.db")
    assert resolve_db("x.db") == "x.db"
    assert resolve_db(None) == "/tmp/env.db"
    monkeypatch.delenv("EVENTLEDGER_DB")
    assert resolve_db(None) == "eventledger.db"


@settings(max_examples=40, deadline=None)
@given(body=st.text(min_size=1, max_size=300), cut=st.integers(0, 300), title=st.none() | st.text(max_size=40))
def test_any_body_and_span_round_trip(tmp_path_factory, body, cut, title):
    cut = min(cut, len(body))
    raw = raw_of(body)
    doc = Document(raw.sha256, raw.source, "text", body, title=title)
    a = Analysis(doc, (Event("OTHER", (Span.of(body, 0, cut),)),))
    with SQLiteStore(tmp_path_factory.mktemp("h") / "h.db") as s:
        loaded = s.load_analysis(s.save(raw, a))
    assert loaded.document.body == body and loaded.document.title == title
    assert loaded.events[0].evidence == a.events[0].evidence


def test_connections_map_the_file_and_keep_a_larger_page_cache(tmp_path):
    from eventledger.store.connections import connect_sqlite

    conn = connect_sqlite(str(tmp_path / "c.db"))
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == -16 * 1024
    assert conn.execute("PRAGMA mmap_size").fetchone()[0] in (1 << 30, 0)  # 0 where the build has no mmap
    conn.close()


def test_an_ingest_writer_reads_without_the_memory_map_and_gives_it_back(tmp_path):
    with SQLiteStore(tmp_path / "w.db") as s:
        mapped = s.conn.execute("PRAGMA mmap_size").fetchone()[0]
        with s.ingesting():
            assert s.conn.execute("PRAGMA mmap_size").fetchone()[0] == 0
            doc_id = s.save(raw_of(), analysis_of(raw_of()))
        assert s.conn.execute("PRAGMA mmap_size").fetchone()[0] == mapped
        assert s.load_analysis(doc_id).document.body == BODY


def test_a_batch_keeps_its_good_documents_when_one_fails_half_written(store, monkeypatch):
    raws = [raw_of(BODY, "a.txt"), raw_of(BODY + " More followed.", "b.txt"), raw_of(BODY + " Calm.", "c.txt")]
    real = store._insert_event

    def fails_for_b(doc_id, seq, ev):
        if store.conn.execute("SELECT source_uri FROM documents WHERE id = ?", (doc_id,)).fetchone()[0] == "b.txt":
            raise StoreError("b.txt: refused")
        real(doc_id, seq, ev)

    monkeypatch.setattr(store, "_insert_event", fails_for_b)
    out = store.save_many([(r, analysis_of(r)) for r in raws])
    assert isinstance(out[1], StoreError) and str(out[1]) == "b.txt: refused"
    assert [store.load_analysis(i).document.source for i in (out[0], out[2])] == ["a.txt", "c.txt"]
    assert store.counts()["documents"] == 2 and store.counts()["blobs"] == 2 and store.counts()["events"] == 2
    assert store.save_many([(raws[0], analysis_of(raws[0]))]) == [None]  # already there
