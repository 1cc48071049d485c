"""Development check on real reports: the dev reports' incidents against the links a human would make.

Reads ``../shared/corpus/dev`` (skipped when absent) and ``data/dev_incident_pairs.json``; the
comparison is ``benchmarks/dev_incidents.py``'s, which prints the figures.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
PAIRS = Path(__file__).parent / "data" / "dev_incident_pairs.json"


def _bench():
    spec = importlib.util.spec_from_file_location("dev_incidents", ROOT / "benchmarks" / "dev_incidents.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("dev_incidents", mod)  # its dataclasses look their module up by name
    spec.loader.exec_module(mod)
    return mod


def test_the_pairs_file_names_gold_incidents_of_two_different_reports():
    raw = json.loads(PAIRS.read_text("utf-8"))
    for kind in ("pairs", "either", "apart"):
        for p in raw[kind]:
            assert p["a"] != p["b"] and p["reason"], p
            if DEV.is_dir():
                for doc, inc in ((p["a"], p["a_id"]), (p["b"], p["b_id"])):
                    gold = json.loads((DEV / doc.replace(".txt", ".gold.json")).read_text("utf-8"))
                    assert inc in {i["id"] for i in gold["incidents"]}, (doc, inc)


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    if not DEV.is_dir():
        pytest.skip("../shared/corpus/dev is absent (the dev reports live beside the checkout)")
    bench = _bench()
    db = str(tmp_path_factory.mktemp("dev") / "dev.db")
    bench.ingest(db)
    return bench.compare(db)


def test_dev_reports_merge_no_unrelated_incidents(compared):
    assert compared.matched_events > 100  # the matching works: most events find their gold incident
    assert compared.wrong_links == set(), sorted(map(sorted, compared.wrong_links))


def test_dev_pairs_with_an_event_on_both_sides_are_linked(compared):
    assert compared.reachable and compared.reachable <= compared.linked
