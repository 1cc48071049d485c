"""Issue 14's hostile-input corpus, generated at test time: every item through ingest, analyze, the API and exports.

Each hostile file must give one clear line (never a traceback or a forged line), the valid
documents of the same batch must be stored and linked, and the run must stay within bounded
memory (asserted generously; the time is measured and printed, not asserted).
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from eventledger.sections import MAX_NLP_CHARS
from eventledger.store import open_store

from .corpus import report

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-c", "from eventledger.cli import main; main()"]
FORGED = "evil\nfailed: forged.txt: this line is not ours\x1b[2J.txt"


def _corpus(folder: Path) -> dict[str, int]:
    """Write the corpus; returns how many documents should be stored and how many inputs should fail."""
    folder.mkdir()
    good = [
        {"text": report(1), "title": "One", "published": "2022-05-10", "publisher": "Outlet A"},
        {"text": report(1, 1), "title": "One again", "published": "2022-05-11", "publisher": "Outlet B"},
        {"text": report(2), "title": "Hostile date", "published": "9999-12-31T99:99:99Z"},
        {"text": report(3), "title": "Cut date", "published": "garbage-data"},
        {"text": '=HYPERLINK("http://evil.example") ' + report(4), "title": "@SUM(1+1)", "published": "2023-02-30"},
    ]
    (folder / "records.jsonl").write_text("\n".join(json.dumps(r) for r in good) + "\n")
    deep = "[" * 100_000 + "]" * 100_000
    (folder / "deep.jsonl").write_text('{"text": "x", "nested": ' + deep + "}\n")
    (folder / "huge.txt").write_text(
        ("Police said the road was closed again. " * 2_000 + "\n\n") * (MAX_NLP_CHARS // 78_000 + 1)
    )
    (folder / "tiny.html").write_text("<html><body>" + "<i>a</i>" * 1_000_000 + "</body></html>")
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    os.mkfifo(folder / "pipe")
    latin = (report(5).replace("Security", "Sécurité") + " Café owners said so. \x81\x8d").encode("cp1252", "ignore")
    (folder / FORGED).write_bytes(latin + b"\xff\xfe\xc3\x28 end.\n")
    return {"stored": 6, "failed": 6}  # failed: deep, huge, tiny, a, b, pipe


def test_the_hostile_corpus_through_ingest_analyze_api_and_exports(tmp_path):
    folder = tmp_path / "corpus"
    expect = _corpus(folder)
    db = str(tmp_path / "hostile.db")
    t0 = time.perf_counter()
    run = subprocess.run([*CLI, "ingest", str(folder), "--db", db], capture_output=True, text=True, timeout=900)
    took_ingest = time.perf_counter() - t0
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert run.returncode == 3, run.stderr
    assert run.stdout.startswith(f"ingested {expect['stored']}, already present 0, failed {expect['failed']}")
    failed = [x for x in run.stderr.splitlines() if x.startswith("failed:")]
    assert len(failed) == expect["failed"], run.stderr
    assert not any("forged.txt" in x for x in run.stderr.splitlines() if x.startswith("failed: forged"))
    assert "\x1b" not in run.stderr
    assert any("evil\\nfailed: forged.txt" in x and "guessed" in x for x in run.stderr.splitlines()), run.stderr
    reasons = "\n".join(failed)
    for clue in ("nested too deeply", "2,000,000-character limit", "tags, over the limit", "symbolic links", "pipe"):
        assert clue in reasons, clue

    with open_store(db) as store:
        published = sorted((r[0] or "-") for r in store.conn.execute("SELECT published FROM documents"))
        assert published == ["-", "-", "-", "-", "2022-05-10", "2022-05-11"]
        unlinked = store.conn.execute(
            "SELECT COUNT(*) FROM events WHERE id NOT IN (SELECT event_id FROM incident_events) AND status = 'asserted'"
        ).fetchone()[0]
        assert unlinked == 0, "every valid document's events are in incidents"
        assert store.conn.execute("SELECT COUNT(*) FROM document_links").fetchone()[0] >= 1

    # analyze: the same failures, the same documents, to a regular file only.
    out = tmp_path / "analysis.jsonl"
    t0 = time.perf_counter()
    an = subprocess.run([*CLI, "analyze", str(folder), "-o", str(out)], capture_output=True, text=True, timeout=900)
    took_analyze = time.perf_counter() - t0
    assert an.returncode == 3 and "Traceback" not in an.stderr
    assert len(out.read_text().splitlines()) == expect["stored"]
    refused = subprocess.run([*CLI, "analyze", str(folder / "records.jsonl"), "-o", str(folder / "pipe")],
                             capture_output=True, text=True, timeout=900)  # fmt: skip
    assert refused.returncode == 1 and refused.stderr.startswith("Error: refusing to write")

    # exports: no formula cells.
    ex = subprocess.run([*CLI, "export", "--db", db, "--format", "acled"], capture_output=True, text=True, check=True)
    for row in csv.DictReader(io.StringIO(ex.stdout)):
        for value in row.values():
            if value and value[0] in "=+-@\t\r":
                float(value)  # only a number may start like a formula

    # the API: hostile filters and bodies are answered, never with a 500.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from eventledger.api.app import create_app
    from eventledger.store.reviews import create_token

    with open_store(db) as store:
        token = create_token(store, "tester")
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        total = client.get("/api/events").json()["total"]
        assert total > 0
        assert client.get("/api/events", params={"actor": "\x00zzqx"}).json()["total"] == 0
        assert client.get("/api/events", params={"place": '["'}).json()["total"] == 0
        auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        first = client.get("/api/events").json()["items"][0]["id"]
        for body in (
            '{"fields": {"location": {"name": "X", "lat": NaN}}}',
            '{"fields": ' + "[" * 50_000 + "]" * 50_000 + "}",
        ):
            r = client.post(f"/api/events/{first}/correct", content=body, headers=auth)
            assert 400 <= r.status_code < 500, r.text
        api_csv = client.get("/api/export/acled").text
        assert api_csv == ex.stdout

    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"hostile corpus: ingest {took_ingest:.1f} s, analyze {took_analyze:.1f} s, max child RSS {rss_mb:.0f} MB")
    assert rss_mb < 1024
