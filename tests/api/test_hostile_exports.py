"""Item 6 of issue 14: ACLED CSV cells a spreadsheet would run as formulas are neutralised (CLI and API)."""

from __future__ import annotations

import csv
import io

from typer.testing import CliRunner

from eventledger.cli import app
from eventledger.csv_safe import cell

HOSTILE = ['=HYPERLINK("http://evil.example/x","click")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)"]


def test_the_owasp_rule():
    assert [cell(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert cell("\tlead") == "'\tlead" and cell("\rlead") == "'\rlead"
    assert [cell(v) for v in ("-1.29", "36.82", -1.29, 4, None, "Nairobi", "")] == [
        "-1.29", "36.82", -1.29, 4, None, "Nairobi", "",
    ]  # fmt: skip


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _no_formula(rows: list[dict[str, str]]) -> None:
    for r in rows:
        for key, value in r.items():
            if value and value[0] in "=+-@\t\r":
                float(value)  # only a number may start like a formula
                assert key in ("latitude", "longitude"), (key, value)


def test_acled_export_neutralises_formulas_in_the_api_and_the_cli(client, auth, db_path):
    loc = {"name": "@SUM(1+1)", "lat": -1.3, "lon": 36.8, "country": "KE", "admin1": "=1+1"}
    fields = {"actors": HOSTILE[:2], "targets": HOSTILE[2:], "location": loc}
    r = client.post("/api/events/2/correct", json={"fields": fields, "comment": "-cmd"}, headers=auth)
    assert r.status_code == 200, r.text
    api = client.get("/api/export/acled")
    assert api.status_code == 200
    rows = _rows(api.text)
    [row] = [x for x in rows if x["eventledger_event_id"] == "2"]
    assert row["actor1"].startswith("'=HYPERLINK") and row["location"] == "'@SUM(1+1)"
    assert row["latitude"] == "-1.3"
    _no_formula(rows)
    cli = CliRunner().invoke(app, ["export", "--db", db_path, "--format", "acled"])
    assert cli.exit_code == 0, cli.stderr
    assert _rows(cli.stdout) == rows
