"""A batch with every kind of bad input: one line per bad file, the rest stored, exit 3.

Each case is unit-tested in tests/ingest and tests/extract; this checks the promise end to
end through the command a user runs.
"""

from __future__ import annotations

import gzip
import os

import pytest
from typer.testing import CliRunner

from eventledger.cli import app
from eventledger.store import SQLiteStore

pytestmark = pytest.mark.slow

GOOD = "Soldiers burned {n} houses in the village on Sunday, residents said. The army denied it.\n"


def _batch(folder):
    (folder / "good.txt").write_text(GOOD.format(n="twelve"), encoding="utf-8")
    (folder / "cp1252.txt").write_bytes(GOOD.format(n="ten").replace("said", "said \u2013 café").encode("cp1252"))
    (folder / "utf16.txt").write_bytes(GOOD.format(n="nine").encode("utf-16"))
    (folder / "euckr.txt").write_bytes(("주민들은 " + GOOD.format(n="eight")).encode("euc-kr"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.bin").write_bytes(os.urandom(4096))
    whole = gzip.compress(b"<html><body><p>" + GOOD.encode() * 50 + b"</p></body></html>")
    (folder / "truncated.html.gz").write_bytes(whole[: len(whole) // 2])
    (folder / "nobody.html").write_text(
        "<html><head><title>Home</title></head><body><nav>Home | News</nav></body></html>"
    )
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(55_000_000)
    os.mkfifo(folder / "pipe.txt")


def test_a_batch_of_bad_inputs_reports_each_and_stores_the_rest(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _batch(src)
    db = tmp_path / "x.db"
    result = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db)])
    assert result.exit_code == 3, result.output
    assert result.stdout.startswith("ingested 4, already present 0, failed 6")
    failed = {line.split(": ", 2)[1]: line.split(": ", 2)[2] for line in result.stderr.splitlines()}
    assert sorted(os.path.basename(p) for p in failed) == [
        "empty.txt", "garbage.bin", "huge.txt", "nobody.html", "pipe.txt", "truncated.html.gz",
    ]  # fmt: skip
    assert "Traceback" not in result.output
    assert all("\n" not in reason and reason for reason in failed.values())
    with SQLiteStore(db) as store:
        bodies = [a.document.body for a in store.iter_analyses()]
    assert sorted(b.split("burned ")[1].split()[0] for b in bodies) == ["eight", "nine", "ten", "twelve"]
    assert any(b.startswith("주민들은") for b in bodies)
    assert any("café" in b for b in bodies)
