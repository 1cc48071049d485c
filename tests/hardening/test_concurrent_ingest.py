"""Item 3 of issue 14: two `ingest` processes on two halves of a corpus store what one process stores."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventledger.store import open_store
from eventledger.store.incidents import incident_partition

from .corpus import write_reports

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-c", "from eventledger.cli import main; main()"]


def _links(db: str) -> list[tuple[str, str, str]]:
    with open_store(db) as store:
        rows = store.conn.execute(
            """SELECT c.sha256, o.sha256, l.kind FROM document_links l
               JOIN documents c ON c.id = l.document_id JOIN documents o ON o.id = l.original_id"""
        )
        return sorted((r[0], r[1], r[2]) for r in rows)


def _incidents(db: str) -> list[dict]:
    with open_store(db) as store:
        return sorted(incident_partition(store.conn), key=lambda i: i["reports"])


def _second_db(db_target: str, postgres_server, tmp_path: Path) -> str:
    if db_target.startswith("postgresql"):
        return postgres_server.create_database("t_concurrent_one_" + tmp_path.name[-8:].lower().replace("-", "_"))
    return str(tmp_path / "one.db")


def test_two_concurrent_ingests_on_halves_equal_one_ingest(tmp_path, db_target, request):
    whole = write_reports(tmp_path, 48, copies=True)  # every odd record is a reprint of the one before
    lines = whole.read_text().splitlines()
    halves = []
    for k, part in enumerate((lines[0::2], lines[1::2])):  # each original and its reprint in different halves
        path = tmp_path / f"half{k}.jsonl"
        path.write_text("\n".join(part) + "\n")
        halves.append(path)
    if db_target.startswith("postgresql"):
        one = _second_db(db_target, request.getfixturevalue("postgres_server"), tmp_path)
    else:
        one = str(tmp_path / "one.db")
    subprocess.run([*CLI, "ingest", str(whole), "--db", one], check=True, capture_output=True)

    procs = [
        subprocess.Popen([*CLI, "ingest", str(h), "--db", db_target], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for h in halves
    ]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()

    expected_links, expected_incidents = _links(one), _incidents(one)
    got_links, got_incidents = _links(db_target), _incidents(db_target)
    engine = db_target.split(":", 1)[0] if db_target.startswith("postgresql") else "sqlite"
    print(f"{engine}: one process {len(expected_links)} links, {len(expected_incidents)} incidents; "
          f"two concurrent {len(got_links)} links, {len(got_incidents)} incidents")  # fmt: skip
    assert len(expected_links) >= 24, "the comparison must not be vacuous"
    assert got_links == expected_links
    assert got_incidents == expected_incidents
