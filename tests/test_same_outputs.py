"""Same outputs before and after the library refactor (issue 13).

The synthetic digests were recorded with the code before the refactor (commit b00384e) by
``benchmarks/output_digest.py``; they depend only on the store, dedup and export code, so a change
there that moves any stored incident, copy link or exported record fails here. If a change is
meant to alter them, rerun the script and update the pins in the same commit, saying why.

On real reports the three ways in (``eventledger.analyze_file``, the ``analyze`` command, and
``Store.ingest`` then ``export --format eval``) must give identical records.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventledger
from eventledger.cli import app

ROOT = Path(__file__).resolve().parents[1]
PINNED = {
    "synth_eval": "334543c4908f37e1e4eb849393b0497dd7b93292c2386317c38e75e0554ac036",
    "synth_incidents": "10d756129a249783ecbd7a08fc00d4ce794c2bff9d9b221ce09f2b5b940aa1b9",
    "synth_links": "1988cb02f06a57e4c4e3be180c3d2bbddb98ea8c5660e186ffaa4cd374206716",
    "n_synth_incidents": 787,
}


def _output_digest():
    spec = importlib.util.spec_from_file_location("output_digest", ROOT / "benchmarks" / "output_digest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_3000_synthetic_documents_give_the_pinned_store_incidents_links_and_export(tmp_path):
    sys_path = list(sys.path)
    try:
        got = _output_digest().synth_digests(3000, str(tmp_path / "synth.db"))
    finally:
        sys.path[:] = sys_path
    assert got == PINNED


@pytest.mark.slow
def test_seed_and_examples_same_records_through_api_cli_and_store(tmp_path, shared_dir):
    inputs = [shared_dir / "corpus" / "seed" / "000_07f477c05606186a.txt", *sorted((ROOT / "examples").iterdir())]
    by_api = [a.to_record() for p in inputs for a in eventledger.analyze_file(p)]
    assert len(by_api) == 5 and sum(len(r["events"]) for r in by_api) > 10

    result = CliRunner().invoke(app, ["analyze", *map(str, inputs), "-o", str(tmp_path / "cli.jsonl")])
    assert result.exit_code == 0, result.output
    by_cli = [json.loads(line) for line in (tmp_path / "cli.jsonl").read_text().splitlines()]
    assert by_cli == by_api

    with eventledger.open_store(tmp_path / "x.db") as store:
        assert store.ingest(inputs).stored == 5
        assert store.export("eval", tmp_path / "eval.jsonl") == 5
    by_store = [json.loads(line) for line in (tmp_path / "eval.jsonl").read_text().splitlines()]
    key = lambda r: r["document"]["sha256"]  # noqa: E731
    assert sorted(by_store, key=key) == sorted(by_api, key=key)
