"""Item 2 of issue 14: `-o` writes atomically to regular files only; special files are refused, `-o -` is stdout."""

from __future__ import annotations

import os
import stat

import pytest
from sample_reports import seed
from typer.testing import CliRunner

from eventledger.cli import app
from eventledger.store import open_store

runner = CliRunner()


@pytest.fixture
def seeded(tmp_path) -> str:
    db = str(tmp_path / "seeded.db")
    with open_store(db) as store:
        seed(store)
    return db


@pytest.mark.parametrize("fmt", ["eval", "acled", "geojson", "parquet"])
def test_export_refuses_a_fifo_and_leaves_it_a_fifo(tmp_path, seeded, fmt):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["export", "--db", seeded, "--format", fmt, "-o", str(fifo)])
    assert result.exit_code == 1
    assert "refusing to write" in result.stderr and "named pipe" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the FIFO must not be replaced by a regular file"
    assert not (tmp_path / "pipe.partial").exists()


def test_export_refuses_a_directory_with_one_line(tmp_path, seeded):
    folder = tmp_path / "out"
    folder.mkdir()
    result = runner.invoke(app, ["export", "--db", seeded, "--format", "acled", "-o", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: refusing to write to {folder}: it is a directory, not a regular file (use -o - for stdout)"
    ]
    assert folder.is_dir() and not any(folder.iterdir())


def test_export_dash_is_stdout_and_a_file_is_written_whole(tmp_path, seeded):
    result = runner.invoke(app, ["export", "--db", seeded, "--format", "acled", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("event_id_cnty,") or "," in result.stdout.splitlines()[0]
    target = tmp_path / "sub" / "events.csv"
    result = runner.invoke(app, ["export", "--db", seeded, "--format", "acled", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.is_file() and not (tmp_path / "sub" / "events.csv.partial").exists()
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = runner.invoke(app, ["export", "--db", seeded, "--format", "parquet", "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and target.read_bytes().startswith(b"PAR1")


@pytest.mark.slow
def test_analyze_refuses_a_fifo(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Police detained four students outside the ministry on Tuesday, witnesses said.\n")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["analyze", str(src), "-o", str(fifo)])
    assert result.exit_code == 1
    assert "refusing to write" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    result = runner.invoke(app, ["analyze", str(src), "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("{")
