"""End to end: the examples, the body-offset invariant, and a run killed with SIGKILL."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventledger.pipeline import process
from eventledger.store import SQLiteStore, open_store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from eventledger.cli import main; main()"]


def test_every_span_of_the_examples_holds_in_the_stored_body(tmp_path, examples_dir):
    with SQLiteStore(tmp_path / "ex.db") as store:
        outcomes = list(process([str(examples_dir)], store))
        assert {o.status for o in outcomes} == {"stored"}
        assert len(outcomes) == 4  # the HTML page, two feed items, the scraped reprint
        analyses = list(store.iter_analyses())
    checked = 0
    for a in analyses:
        for span in a.spans():
            assert a.document.body[span.start : span.end] == span.text
            checked += 1
    assert checked > 0


def test_the_database_columns_hold_the_invariant_too(tmp_path, examples_dir):
    with SQLiteStore(tmp_path / "ex.db") as store:
        list(process([str(examples_dir)], store))
        c = store.conn
        rows = c.execute(
            """SELECT d.body, x.start, x."end", x.text FROM evidence x
               JOIN events e ON e.id = x.event_id JOIN documents d ON d.id = e.document_id
               UNION ALL SELECT d.body, t.start, t."end", t.text
                   FROM timexes t JOIN documents d ON d.id = t.document_id
               UNION ALL SELECT d.body, t.start, t."end", t.text
                   FROM toponyms t JOIN documents d ON d.id = t.document_id"""
        ).fetchall()
    for body, start, end, text in rows:
        assert body[start:end] == text


def _reports(folder: Path, n: int) -> None:
    places = ["Aleppo", "Mosul", "Kherson", "Goma", "Mandalay", "Kandahar", "Tripoli", "Marib"]
    lines = []
    for i in range(n):
        place = places[i % len(places)]
        text = (
            f"Security forces arrested {i % 17 + 2} people in {place} on Monday after a protest, "
            f"officials said in report number {i}. The governor ordered the market closed for {i % 5 + 1} days."
        )
        lines.append(
            json.dumps({"text": text, "title": f"Arrests in {place} ({i})", "published": "2022-05-1" + str(i % 9)})
        )
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n")


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as c:
            return c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _export(db: Path | str) -> list[str]:
    out = subprocess.run([*CLI, "export", "--db", str(db)], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def test_a_killed_run_then_a_rerun_equals_an_uninterrupted_run(tmp_path):
    n = 300
    _reports(tmp_path, n)
    src = str(tmp_path / "reports.jsonl")
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    subprocess.run([*CLI, "ingest", src, "--db", str(whole)], check=True, capture_output=True)
    assert _count(whole) == n

    proc = subprocess.Popen(
        [*CLI, "ingest", src, "--db", str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while _count(killed) < 40 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(killed)
    assert 0 < partial < n, "the run should have been killed part-way"
    with sqlite3.connect(killed) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = c.execute("SELECT COUNT(*) FROM events WHERE document_id NOT IN (SELECT id FROM documents)")
        assert orphans.fetchone()[0] == 0

    rerun = subprocess.run([*CLI, "ingest", src, "--db", str(killed)], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"ingested {n - partial}, already present {partial}, failed 0")
    assert _export(killed) == _export(whole)


def test_workers_ray_and_shuffled_batches_store_the_same_as_one_run(tmp_path):
    _reports(tmp_path, 40)
    src = tmp_path / "reports.jsonl"
    lines = src.read_text().splitlines()
    one, two, ray, batches = (tmp_path / f"{name}.db" for name in ("one", "two", "ray", "batches"))
    subprocess.run([*CLI, "ingest", str(src), "--db", str(one)], check=True, capture_output=True)
    subprocess.run([*CLI, "ingest", str(src), "--db", str(two), "--workers", "2"], check=True, capture_output=True)
    subprocess.run(
        [*CLI, "ingest", str(src), "--db", str(ray), "--engine", "ray", "--workers", "2"],
        check=True, capture_output=True, env={**os.environ, "RAY_AUTH_MODE": "disabled"},
    )  # fmt: skip
    # The same records in shuffled batches: a second run must add only what is new.
    random.Random(7).shuffle(lines)
    (tmp_path / "b1.jsonl").write_text("\n".join(lines[:25]) + "\n")
    (tmp_path / "b2.jsonl").write_text("\n".join(lines) + "\n")
    for part in ("b1.jsonl", "b2.jsonl"):
        subprocess.run([*CLI, "ingest", str(tmp_path / part), "--db", str(batches)], check=True, capture_output=True)
    assert _count(two) == _count(ray) == _count(batches) == 40
    assert _export(two) == _export(one)
    assert _export(ray) == _export(one)
    assert _content(batches) == _content(one)
    assert _incidents(two) == _incidents(ray) == _incidents(one)
    assert any(i["n_reports"] > 1 for i in _incidents(one)), "the comparison must not be vacuous"


def test_incidents_do_not_depend_on_arrival_order(tmp_path):
    _reports(tmp_path, 40)
    lines = (tmp_path / "reports.jsonl").read_text().splitlines()
    random.Random(7).shuffle(lines)
    (tmp_path / "shuffled.jsonl").write_text("\n".join(lines) + "\n")
    one, shuffled = tmp_path / "one.db", tmp_path / "shuffled.db"
    subprocess.run([*CLI, "ingest", str(tmp_path / "reports.jsonl"), "--db", str(one)], check=True, capture_output=True)
    subprocess.run(
        [*CLI, "ingest", str(tmp_path / "shuffled.jsonl"), "--db", str(shuffled)], check=True, capture_output=True
    )
    assert _incidents(shuffled) == _incidents(one)


def test_postgres_killed_then_rerun_with_two_workers_stores_what_sqlite_stores(tmp_path, postgres_url):
    """The same documents, events and incidents in PostgreSQL, even after a kill -9 mid-run."""
    n = 120
    _reports(tmp_path, n)
    src = str(tmp_path / "reports.jsonl")
    reference = tmp_path / "reference.db"
    subprocess.run([*CLI, "ingest", src, "--db", str(reference)], check=True, capture_output=True)

    def stored() -> int:
        try:
            with open_store(postgres_url) as store:
                return store.counts()["documents"]
        except Exception:  # noqa: BLE001 - the schema may not exist yet
            return 0

    proc = subprocess.Popen(
        [*CLI, "ingest", src, "--db", postgres_url, "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while stored() < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = stored()
    assert 0 < partial < n, "the run should have been killed part-way"
    with open_store(postgres_url) as store:
        orphans = "SELECT COUNT(*) FROM events WHERE document_id NOT IN (SELECT id FROM documents)"
        assert store.conn.execute(orphans).fetchone()[0] == 0

    again = [*CLI, "ingest", src, "--db", postgres_url, "--workers", "2"]
    rerun = subprocess.run(again, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"ingested {n - partial}, already present {partial}, failed 0")
    assert _content(postgres_url) == _content(reference)
    assert _incidents(postgres_url) == _incidents(reference)
    assert any(i["n_reports"] > 1 for i in _incidents(reference)), "the comparison must not be vacuous"


def _incidents(db: Path | str) -> list[dict]:
    """Incidents by content (reports' document hashes and event positions), not by ids."""
    with open_store(str(db)) as store:
        return store.incident_partition()


def _content(db: Path | str) -> list[str]:
    """Documents and events regardless of ingestion order or source file names."""
    recs = [json.loads(line) for line in _export(db)]
    for r in recs:
        for key in ("file", "source"):
            r["document"].pop(key)
    return sorted(json.dumps(r, sort_keys=True) for r in recs)


def test_ingesting_a_folder_skips_the_database_inside_it(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels seized the town hall on Friday, residents said. Troops withdrew.")
    with SQLiteStore(tmp_path / "in-folder.db") as store:
        list(process([str(tmp_path)], store))
        outcomes = list(process([str(tmp_path)], store))
    assert [(Path(o.source).name, o.status) for o in outcomes] == [("a.txt", "present")]


def test_an_analysed_batch_leaves_no_new_words_and_no_parse_behind():
    """A long ingest must not grow with the vocabulary of what it read (spaCy interns every new word)."""
    import dataclasses

    from eventledger.annotate import load_nlp
    from eventledger.model import Document
    from eventledger.pipeline import analyze_documents

    nlp = load_nlp()
    body = (
        "KORVALA, March 3 - Soldiers of the Zemrish army shelled the village of Ostravinka on Monday, "
        "killing four civilians, a spokesman for the Korvalan interior ministry said."
    )
    before = len(nlp.vocab.strings)
    document = Document(sha256="0" * 64, source="t.txt", format="text", body=body, published="2024-03-06")
    (analysis,) = analyze_documents([document])
    assert analysis.events and len(nlp.vocab.strings) == before

    def walk(value, depth=0):
        assert depth < 12 and not type(value).__module__.startswith(("spacy", "thinc"))
        if dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name), depth + 1)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                walk(v, depth + 1)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k, depth + 1)
                walk(v, depth + 1)

    walk(analysis)
    assert all(e.evidence[0].holds_in(body) for e in analysis.events)
