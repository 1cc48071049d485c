"""The strict, scriptable command line: bad option values, --db, --json/--tsv, tables, broken pipes.

Each bad value ends the command with exit status 2 and one line naming the valid values. The
database is seeded with the invented sample reports (``Store.save``), so no NLP stage runs here.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
import sys

import pytest
from rich.console import Console
from sample_reports import sample_documents, seed
from typer.testing import CliRunner

from eventledger import cli
from eventledger.cli import app
from eventledger.store import open_store

runner = CliRunner()

TYPES = (
    "ACCUSE, AGREE, AID, ASSAULT, COERCE, CONCEDE, CONSULT, COOPERATE, MOBILIZE, OTHER, PROTEST, REJECT, REQUEST, "
    "RETREAT, SANCTION, SUPPORT, THREATEN"
)
STATUSES = "asserted, ordered, planned, alleged, denied, hypothetical, negated, background"
LONG_TITLE = (
    "Ferry operators suspend crossings along the northern estuary after overnight storms flatten "
    "three jetties and strand internationally chartered vessels"
)


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "seeded.db")
    with open_store(path) as store:
        seed(store)
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "ASSUALT"], f"--type 'ASSUALT' is not a PLOVER type; use one of {TYPES}"),
        (["--status", "confirmed"], f"--status 'confirmed' is not an event status; use one of {STATUSES}"),
        (["--from", "yesterday"], "--from 'yesterday' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--from", "14/03/2025"], "--from '14/03/2025' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--from", "2025-13-01"], "--from '2025-13-01' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--to", "2025-02-29"], "--to '2025-02-29' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--from", "2024-03", "--to", "2024-02-29"], "--from 2024-03 is after --to 2024-02-29"),
    ],
)
def test_a_bad_filter_value_is_one_line_naming_the_valid_values_and_exit_2(db, args, message):
    result = runner.invoke(app, ["export", "--db", db, *args])
    assert result.exit_code == 2
    assert result.output == f"Error: {message}\n"


def test_types_and_statuses_are_matched_in_any_case(db):
    lower = runner.invoke(
        app, ["export", "--db", db, "--format", "plover", "--type", "assault", "--status", "Asserted"]
    )
    upper = runner.invoke(
        app, ["export", "--db", db, "--format", "plover", "--type", "ASSAULT", "--status", "asserted"]
    )
    assert lower.exit_code == 0, lower.output
    assert lower.stdout == upper.stdout
    assert sorted(json.loads(line)["event_type"] for line in lower.stdout.splitlines()) == ["ASSAULT"]


@pytest.mark.parametrize(
    ("value", "types"),
    [
        ("2023", ["ASSAULT", "ASSAULT", "COERCE", "PROTEST"]),
        ("2023-07", ["COERCE", "PROTEST"]),
        ("2023-07-10", ["COERCE", "PROTEST"]),
    ],
)
def test_the_three_date_forms_the_api_takes_are_accepted(db, value, types):
    result = runner.invoke(app, ["export", "--db", db, "--format", "plover", "--from", value, "--to", value])
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(line)["event_type"] for line in result.stdout.splitlines()) == types


def test_help_names_the_valid_values():
    result = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "200"})
    text = " ".join(result.output.replace("│", " ").split())
    assert TYPES in text and STATUSES in text and "YYYY, YYYY-MM or YYYY-MM-DD" in text


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["incidents"], ["export"], ["token", "create", "ana"]])
def test_a_missing_database_is_an_error_not_a_new_empty_one(tmp_path, command):
    missing = tmp_path / "typo" / "evnets.db"
    result = runner.invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == 2
    assert (
        result.output == f"Error: no database at {missing}; create one with `eventledger ingest PATH --db {missing}`\n"
    )
    assert not (tmp_path / "typo").exists()


def test_the_default_database_must_exist_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVENTLEDGER_DB", raising=False)
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: no database at eventledger.db (the default; set --db or $EVENTLEDGER_DB)")
    assert not (tmp_path / "eventledger.db").exists()


def test_json_and_tsv_exclude_each_other(db):
    result = runner.invoke(app, ["list", "--db", db, "--json", "--tsv"])
    assert (result.exit_code, result.output) == (2, "Error: --json and --tsv exclude each other; give one\n")


def test_list_json_round_trips_to_the_stored_values(db):
    result = runner.invoke(app, ["list", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        stored = [{k: r[k] for k in r.keys() if k not in ("body", "provenance_json")} for r in store.document_rows()]
    assert json.loads(result.stdout) == stored


def test_list_json_with_events_gives_each_document_its_events(db):
    rows = json.loads(runner.invoke(app, ["list", "--db", db, "--json", "--events"]).stdout)
    with open_store(db) as store:
        assert [r["events"] for r in rows] == [store.load_analysis(r["id"]).to_record()["events"] for r in rows]


def test_list_tsv_is_a_header_and_one_line_per_document(db):
    result = runner.invoke(app, ["list", "--db", db, "--tsv"])
    header, *lines = result.stdout.splitlines()
    assert header.split("\t")[:6] == ["id", "sha256", "source_uri", "format", "url", "title"]
    assert [line.split("\t")[5] for line in lines] == [
        "Clash near the harbour",
        "Teachers march in Nairobi",
        'Raid reported <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">',
    ]


def test_show_tsv_and_json(db):
    tsv = runner.invoke(app, ["show", "2", "--db", db, "--tsv"]).stdout.splitlines()
    assert tsv[0] == "type\tstatus\twhen\twhere\twho\taccording to\tevidence"
    assert [line.split("\t")[:3] for line in tsv[1:]] == [
        ["PROTEST/demo", "asserted", "2023-07-10"],
        ["COERCE/arrest", "asserted", "2023-07-10"],
    ]
    record = json.loads(runner.invoke(app, ["show", "2", "--db", db, "--json"]).stdout)
    assert record["document"]["title"] == "Teachers march in Nairobi"


def test_incidents_tsv_on_an_empty_database_is_the_header(db):
    result = runner.invoke(app, ["incidents", "--db", db, "--tsv"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "id\ttype\twhen\twhere\treports\tindependent\tfirst reported\tconflict\tdocuments\n"


@pytest.fixture
def long_db(tmp_path) -> str:
    path = str(tmp_path / "long.db")
    raw, analysis = sample_documents()[0]
    document = dataclasses.replace(analysis.document, title=LONG_TITLE, publisher="Northern Estuary Broadcasting")
    with open_store(path) as store:
        store.save(raw, dataclasses.replace(analysis, document=document))
    return path


def _words(text: str) -> set[str]:
    return set(re.sub(r"[│┃┏┓┗┛┡┩┣┫━─┳┻╇╈┼└┘┌┐├┤┬┴]", " ", text).split())


def test_piped_tables_are_plain_with_whole_values_at_80_columns(long_db):
    result = runner.invoke(app, ["list", "--db", long_db, "--events"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert not set(result.stdout) & set("│┃━─┏└")
    lines = result.stdout.splitlines()
    assert any(LONG_TITLE in line and "Northern Estuary Broadcasting" in line for line in lines)
    assert any("Soldiers opened fire on a crowd near the harbour in Lahore on Friday" in line for line in lines)


def test_terminal_tables_at_80_columns_wrap_between_words_only(long_db, monkeypatch):
    terminal = Console(force_terminal=True, width=80, color_system=None, highlight=False, soft_wrap=True)  # as cli.out
    monkeypatch.setattr(cli, "out", terminal)
    result = runner.invoke(app, ["list", "--db", long_db, "--events"])
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    evidence = "Soldiers opened fire on a crowd near the harbour in Lahore on Friday"
    cells = f"{long_db}: 1 document(s) document 1: {LONG_TITLE} {evidence} Northern Estuary Broadcasting"
    headers = "id published publisher original title events type status when where who according to evidence"
    known = _words(f"{cells} {headers} 1 2023-06-02 - ASSAULT/firearms asserted Lahore Soldiers witnesses said")
    broken = {w for w in _words(result.stdout) if w not in known and not w.endswith("…")}
    assert broken == set()


def test_a_closed_pipe_ends_the_command_quietly(db):
    proc = subprocess.Popen(
        [sys.executable, "-c", "from eventledger.cli import app; app()", "export", "--db", db, "--format", "plover"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader is gone before the first line is written, as with `| head -0`
    assert proc.stderr.read() == b""
    assert proc.wait() == 1


def test_a_broken_pipe_inside_a_command_is_not_an_error_line(db, monkeypatch):
    def gone(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("eventledger.library.write_export", gone)
    result = runner.invoke(app, ["export", "--db", db])
    assert (result.exit_code, result.output) == (1, "")


def test_ingest_progress_shows_the_total_and_an_estimate_on_a_terminal(tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("x")
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=100, color_system=None))
    with cli._progress("ingesting", [str(tmp_path)]) as tick:
        for _ in range(4):  # a feed holds more reports than files: the total grows with it
            tick()
    assert "0/3 inputs, ETA" in screen.getvalue() and "4/4 inputs, ETA" in screen.getvalue()


def test_a_postgresql_url_is_not_checked_as_a_file():
    url = "postgresql://ana:s3cret@127.0.0.1:1/events?connect_timeout=2"
    result = runner.invoke(app, ["list", "--db", url])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot connect to postgresql://ana:***@127.0.0.1:1/events")


def test_list_says_on_stderr_when_limit_leaves_documents_out(db):
    result = runner.invoke(app, ["list", "--db", db, "--json", "--limit", "2"])
    assert [r["id"] for r in json.loads(result.stdout)] == [1, 2]
    assert result.stderr == "showing the first 2 of 3 documents; --limit N shows more\n"


def test_show_on_a_terminal_at_80_columns_wraps_between_words(long_db, monkeypatch):
    terminal = Console(force_terminal=True, width=80, color_system=None, highlight=False, soft_wrap=True)  # as cli.out
    monkeypatch.setattr(cli, "out", terminal)
    result = runner.invoke(app, ["show", "1", "--db", long_db])
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    with open_store(long_db) as store:
        analysis = store.load_analysis(1)
    assert _words(result.stdout) >= _words(f"{LONG_TITLE} {analysis.document.body}")


def test_an_unknown_engine_is_refused_before_a_database_is_created(tmp_path):
    (tmp_path / "a.txt").write_text("Invented text.")
    db = str(tmp_path / "new.db")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db, "--engine", "spark"])
    assert (result.exit_code, result.output) == (2, "Error: unknown engine 'spark'; choose one of: local, ray\n")
    assert not (tmp_path / "new.db").exists()


def test_an_unknown_export_format_is_a_usage_error(db):
    result = runner.invoke(app, ["export", "--db", db, "--format", "xlsx"])
    assert result.exit_code == 2
    assert result.output == "Error: unknown export format 'xlsx'; available: plover, acled, geojson, parquet, eval\n"


def test_a_bad_bbox_is_a_usage_error(db):
    result = runner.invoke(app, ["export", "--db", db, "--bbox", "1,2,3"])
    assert (result.exit_code, result.output) == (2, "Error: bbox '1,2,3' must be four numbers: west,south,east,north\n")
