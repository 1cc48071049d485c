"""Quality floors on the shared evaluation data, through the same CLI runners users call.

Imitates trafilatura's eval gate: each figure comes from the shared scorer, is compared with a
floor pinned in ``quality_floors.json``, and the message prints the measured value, so a
regression is seen in CI rather than discovered later.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventledger.cli import app

pytestmark = pytest.mark.slow
FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())


def _get(summary: dict, dotted: str) -> float:
    value = summary
    for key in dotted.split("."):
        value = value[key]
    return float(value)


def _check(name: str, summary: dict) -> None:
    low = {k: (_get(summary, k), floor) for k, floor in FLOORS[name]["floors"].items() if _get(summary, k) < floor}
    assert not low, f"{name} below its floors (measured, floor): {low}"


def _score(shared: Path, scorer: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(shared / "eval" / scorer), *args, "--json"], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_seed_report_events_and_document_fields(shared_dir, tmp_path):
    out = tmp_path / "seed.jsonl"
    seed = sorted((shared_dir / "corpus" / "seed").glob("*.txt"))
    result = CliRunner().invoke(app, ["analyze", *map(str, seed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    summary = _score(shared_dir, "score_events.py", str(shared_dir / "corpus" / "seed"), str(out))["summary"]
    _check("seed_events", summary)


def test_dev_reports_events(shared_dir, tmp_path):
    """The 30 real dev reports: events only (their document fields are pinned by their own stage)."""
    out = tmp_path / "dev.jsonl"
    dev = sorted((shared_dir / "corpus" / "dev").glob("*.txt"))
    if not dev:
        pytest.skip(f"no dev reports under {shared_dir / 'corpus' / 'dev'}")
    result = CliRunner().invoke(app, ["analyze", *map(str, dev), "-o", str(out)])
    assert result.exit_code == 0, result.output
    summary = _score(shared_dir, "score_events.py", str(shared_dir / "corpus" / "dev"), str(out))["summary"]
    _check("dev_events", summary)


def test_body_extraction_on_the_article_benchmark(shared_dir, tmp_path):
    data = shared_dir / "data" / "extraction"
    out = tmp_path / "bodies.json"
    pages = sorted((data / "html").glob("*.html.gz"))
    result = CliRunner().invoke(app, ["extract-body", *map(str, pages), "-o", str(out)])
    assert result.exit_code == 0, result.output
    _check("extraction", _score(shared_dir, "score_extraction.py", str(data / "ground-truth.json"), str(out)))
