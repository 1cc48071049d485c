"""Item 4 of issue 14: a symlink loop between two files is reported and skipped; the rest of the batch is stored."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .corpus import report

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-c", "from eventledger.cli import main; main()"]


def test_a_symlink_loop_named_on_the_command_line_does_not_crash_the_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    (folder / "good.txt").write_text(report(2) + "\n")
    db = tmp_path / "x.db"
    run = subprocess.run(
        [*CLI, "ingest", str(folder / "a"), str(folder / "good.txt"), str(folder), "--db", str(db)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert "Traceback" not in run.stderr and "RuntimeError" not in run.stderr
    assert run.returncode == 3
    assert run.stdout.startswith("ingested 1, already present 1, failed 3")
    failed = [x for x in run.stderr.splitlines() if x.startswith("failed:")]
    assert len(failed) == 3 and all("symbolic links" in x for x in failed)
