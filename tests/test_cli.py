"""The command line: exact summary lines, exit codes and one-line errors (no tracebacks)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventledger import open_store
from eventledger.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()

REPORT = (
    "Army shells villages near the border\n\n"
    "The army shelled three villages near the border on Monday, killing four civilians, "
    "local officials said.\n\n"
    "The defence ministry denied that its troops had targeted civilians.\n"
)


def test_ingest_prints_a_summary_and_is_a_no_op_the_second_time(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    db = str(tmp_path / "x.db")
    first = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db])
    assert first.exit_code == 0, first.output
    with open_store(db) as store:
        n_events, n_incidents = store.counts()["events"], len(store.incidents())
    assert n_events >= 1 and n_incidents >= 1
    assert first.stdout == (
        f"ingested 1, already present 0, failed 0; {db} holds 1 document(s), {n_events} event(s), "
        f"{n_incidents} incident(s)\n"
    )
    second = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db])
    assert second.stdout.startswith("ingested 0, already present 1, failed 0")


def test_ingest_reports_each_failed_input_and_exits_3(tmp_path):
    (tmp_path / "good.txt").write_text(REPORT)
    (tmp_path / "empty.txt").write_bytes(b"")
    db = str(tmp_path / "x.db")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])
    assert result.exit_code == 3
    assert result.stdout.startswith("ingested 1, already present 0, failed 1")
    assert result.stderr.startswith(f"failed: {tmp_path / 'empty.txt'}: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_database_that_is_not_sqlite_is_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database\n" * 200)
    result = runner.invoke(app, ["list", "--db", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot open database {bad}")
    assert "Traceback" not in result.output


def test_show_unknown_id_is_a_clear_error(tmp_path):
    open_store(tmp_path / "x.db").close()
    result = runner.invoke(app, ["show", "42", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: no document with id 42 in {tmp_path / 'x.db'} (see `eventledger list`)\n"


def test_export_unknown_format(tmp_path):
    open_store(tmp_path / "x.db").close()
    result = runner.invoke(app, ["export", "--format", "xlsx", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown export format 'xlsx'; available: plover, acled, geojson, parquet, eval\n"


def test_analyze_writes_the_eval_contract_without_a_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(REPORT)
    result = runner.invoke(app, ["analyze", "a.txt", "-o", "out.jsonl"])
    assert result.exit_code == 0, result.output
    (line,) = (tmp_path / "out.jsonl").read_text().splitlines()
    rec = json.loads(line)
    assert rec["document"]["file"] == "a.txt"
    assert rec["document"]["text"].startswith("The army shelled three villages")
    assert isinstance(rec["events"], list)
    assert not (tmp_path / "eventledger.db").exists()


def test_analyze_min_confidence_leaves_out_lower_scored_events(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(REPORT)
    for threshold in ("0", "0.7", "1"):
        result = runner.invoke(app, ["analyze", "a.txt", "--min-confidence", threshold, "-o", f"{threshold}.jsonl"])
        assert result.exit_code == 0, result.output
    every = json.loads((tmp_path / "0.jsonl").read_text())["events"]
    some = json.loads((tmp_path / "0.7.jsonl").read_text())["events"]
    assert every and all(0.0 <= e["confidence"] <= 1.0 for e in every)
    assert [e for e in every if e["confidence"] >= 0.7] == some
    assert json.loads((tmp_path / "1.jsonl").read_text())["events"] == []


def test_export_matches_analyze(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    db = str(tmp_path / "x.db")
    runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db])
    exported = runner.invoke(app, ["export", "--db", db, "--format", "eval"]).stdout
    analyzed = runner.invoke(app, ["analyze", str(tmp_path / "a.txt")]).stdout
    assert json.loads(exported) == json.loads(analyzed)


def test_times_rejects_a_malformed_line_with_its_number(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "dct": "2020-01-01", "text": "Yesterday."}\nnot json\n')
    result = runner.invoke(app, ["times", str(src)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {src}:2: not a JSON object")


ORIGINAL = (
    "Rebels shell market in northern town\n\nMarch 4, 2024\n\n"
    "Rebels shelled the market in Tessalit on Sunday, killing five civilians, local officials said.\n\n"
    "The army said it had sent reinforcements to the town and that the rebels had withdrawn to the hills.\n"
)


def test_a_reprint_is_one_incident_with_one_independent_source(tmp_path):
    (tmp_path / "original.txt").write_text(ORIGINAL)
    (tmp_path / "reprint.txt").write_text(
        "Sahel Wire\n\n" + ORIGINAL + "\nThis story first ran on Desert Post and appears here with permission.\n"
    )
    db = str(tmp_path / "x.db")
    assert runner.invoke(app, ["ingest", str(tmp_path / "original.txt"), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(tmp_path / "reprint.txt"), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["incidents", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assault = [r for r in rows if r["type"] == "ASSAULT"]
    assert len(assault) == 1
    assert (assault[0]["n_reports"], assault[0]["n_independent_sources"]) == (2, 1)
    assert assault[0]["document_ids"] == [1, 2]


def test_documents_stored_but_never_linked_are_caught_up_by_the_next_run(tmp_path):
    from eventledger.store import SQLiteStore

    (tmp_path / "original.txt").write_text(ORIGINAL)
    db = tmp_path / "x.db"
    runner.invoke(app, ["ingest", str(tmp_path / "original.txt"), "--db", str(db)])
    with SQLiteStore(db) as store:  # as if the run had been killed between saving and linking
        store.conn.execute("DELETE FROM incident_events")
        store.conn.execute("DELETE FROM incidents")
        store.conn.execute("DELETE FROM document_fingerprints")
    runner.invoke(app, ["ingest", str(tmp_path / "original.txt"), "--db", str(db)])
    rows = json.loads(runner.invoke(app, ["incidents", "--db", str(db), "--json"]).stdout)
    assert rows and all(r["document_ids"] == [1] for r in rows)


def test_an_unreachable_postgres_is_one_line_without_the_password(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    url = "postgresql://ana:s3cret@127.0.0.1:1/events?connect_timeout=2"
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", url])
    assert result.exit_code != 0
    assert "cannot connect to postgresql://ana:***@127.0.0.1:1/events" in result.stderr
    assert "s3cret" not in result.output and "Traceback" not in result.output


def test_ingest_and_incidents_on_postgres(tmp_path, postgres_url):
    (tmp_path / "a.txt").write_text(REPORT)
    first = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", postgres_url])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("ingested 1, already present 0, failed 0")
    listed = runner.invoke(app, ["incidents", "--json", "--db", postgres_url])
    assert listed.exit_code == 0, listed.output
    assert {i["type"] for i in json.loads(listed.stdout)} >= {"ASSAULT"}


def test_python_dash_m_runs_the_command(tmp_path):
    """`python -m eventledger` and `python -m eventledger.cli` are the `eventledger` command, not silent no-ops."""
    import subprocess
    import sys

    for module in ("eventledger", "eventledger.cli"):
        run = subprocess.run([sys.executable, "-m", module, "list", "--db", str(tmp_path / "missing.db")],
                             capture_output=True, text=True, timeout=120)  # fmt: skip
        assert run.returncode == 2, (module, run.stdout, run.stderr)
        assert "missing.db" in run.stderr and "Traceback" not in run.stderr
