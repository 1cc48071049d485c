"""One act told by several reports on several days, through the whole pipeline: one incident.

The reports go through parsing, event extraction and the store exactly as ``ingest`` runs
them, so this checks what the dedup stage makes of real extractor output (dates resolved
from "Monday's", a town from the dateline, actors named differently), not of events built
by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventledger.pipeline import process
from eventledger.store import open_store

from . import stories

REPORTS = {
    "1_first.txt": stories.FIRST_REPORT,
    "2_toll.txt": stories.TOLL_UPDATE,
    "3_witness.txt": stories.EYEWITNESS_FOLLOW_UP,
    "4_denial.txt": stories.DENIAL,
    "5_other.txt": stories.OTHER_ATTACK,
}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stories")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = open_store(str(folder / "stories.db"))
    outcomes = list(process(sorted(str(p) for p in folder.glob("*.txt")), store))
    assert [o.status for o in outcomes] == ["stored"] * len(REPORTS)
    names = {o.document_id: Path(o.source).name for o in outcomes}
    yield store, names
    store.close()


def _incident_of_first_event(store, names, report: str) -> dict:
    """The incident holding the first event of ``report`` (its lead: what the story is about)."""
    doc = next(d for d, n in names.items() if n == report)
    lead = store.incident_tables().event_ids_of_documents([doc])[0]
    return next(i for i in store.incidents() if lead in i["event_ids"])


def test_first_report_toll_update_and_follow_up_are_one_incident(ingested):
    store, names = ingested
    incident = _incident_of_first_event(store, names, "1_first.txt")
    reports = {names[d] for d in incident["document_ids"]}
    assert {"1_first.txt", "2_toll.txt", "3_witness.txt"} <= reports
    assert "5_other.txt" not in reports


def test_one_outlet_telling_its_story_twice_counts_once(ingested):
    store, names = ingested
    incident = _incident_of_first_event(store, names, "1_first.txt")
    outlets = {"1_first.txt": "Sahel Wire", "3_witness.txt": "Sahel Wire", "2_toll.txt": "Lake Chad Radio",
               "4_denial.txt": "Borno Daily"}  # fmt: skip
    expected = len({outlets[names[d]] for d in incident["document_ids"]})
    assert incident["n_reports"] == len(incident["document_ids"])
    assert incident["n_independent_sources"] == expected < incident["n_reports"]


def test_a_denial_days_later_joins_the_act_it_denies_and_flags_the_conflict(ingested):
    store, names = ingested
    incident = _incident_of_first_event(store, names, "1_first.txt")
    assert "4_denial.txt" in {names[d] for d in incident["document_ids"]}
    assert incident["conflict"] is True
    assert any(r.startswith("status:") for r in incident["conflict_reasons"])


def test_a_raid_on_another_town_later_that_week_stays_apart(ingested):
    store, names = ingested
    other = next(d for d, n in names.items() if n == "5_other.txt")
    for incident in store.incidents():
        if other in incident["document_ids"]:
            assert set(incident["document_ids"]) == {other}
