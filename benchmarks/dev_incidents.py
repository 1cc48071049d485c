"""Incidents across real reports: ingest the dev reports and compare the incidents with a human's links.

Why: incident clustering was tuned on invented, replicated documents (``benchmarks/scale.py``);
this checks it on real stories. Every dev report goes through the whole pipeline into a
temporary store (the same path as ``eventledger ingest``). Each stored event is matched to the
gold incident of its own report whose key its evidence overlaps best (the scorer's rule:
content-word overlap >= 0.6, ``../shared/eval/score_events.py``). Two gold incidents of two
reports are *linked* when an event of each sits in one stored incident.

``tests/dedup/data/dev_incident_pairs.json`` lists the links a human would make (``pairs``),
links where the gold cuts one act differently in two reports (``either``: not counted), and
hard negatives (``apart``). Printed: pairwise precision, recall and F1 over the gold pairs;
recall also over the pairs whose two incidents both got an event that is in an incident (what
extraction left reachable: an act extracted as hypothetical or negated is not); and every link
that is not a listed pair: the wrongly merged incidents.

Usage: .venv/bin/python benchmarks/dev_incidents.py [--verbose]
Skips with a message when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
PAIRS = ROOT / "tests" / "dedup" / "data" / "dev_incident_pairs.json"

Key = tuple[str, str]  # (report file name, gold incident id)


@dataclass
class Result:
    """Pairwise figures of one run, with the links behind them."""

    linked: set[frozenset[Key]]
    pairs: set[frozenset[Key]]
    either: set[frozenset[Key]]
    apart: set[frozenset[Key]]
    reachable: set[frozenset[Key]]
    events: int = 0
    matched_events: int = 0
    unmatched_cross_links: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def true_links(self) -> set[frozenset[Key]]:
        return self.linked & self.pairs

    @property
    def wrong_links(self) -> set[frozenset[Key]]:
        return self.linked - self.pairs - self.either

    @property
    def precision(self) -> float:
        counted = len(self.true_links) + len(self.wrong_links)
        return len(self.true_links) / counted if counted else 1.0

    @property
    def recall(self) -> float:
        return len(self.true_links) / len(self.pairs) if self.pairs else 1.0

    @property
    def reachable_recall(self) -> float:
        return len(self.true_links & self.reachable) / len(self.reachable) if self.reachable else 1.0

    @staticmethod
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_events", SHARED / "eval" / "score_events.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_pairs(path: Path = PAIRS) -> dict[str, set[frozenset[Key]]]:
    """The pairs file's three lists as sets of unordered pairs."""
    raw = json.loads(path.read_text("utf-8"))
    return {
        name: {frozenset({(p["a"], p["a_id"]), (p["b"], p["b_id"])}) for p in raw[name]}
        for name in ("pairs", "either", "apart")
    }


def ingest(db: str, corpus: Path = DEV) -> None:
    """Every report of ``corpus`` through the whole pipeline into the store at ``db``."""
    from eventledger.pipeline import process
    from eventledger.store import open_store

    store = open_store(db)
    try:
        for outcome in process([str(p) for p in sorted(corpus.glob("*.txt"))], store):
            if outcome.status == "failed":
                print(f"failed: {outcome.source}: {outcome.reason}", file=sys.stderr)
    finally:
        store.close()


def compare(db: str, corpus: Path = DEV, pairs_path: Path = PAIRS) -> Result:
    """The stored incidents of ``db`` against the pairs file (see the module docstring)."""
    from eventledger.store import open_store

    score = _scorer()
    gold = {p.name.replace(".gold.json", ".txt"): json.loads(p.read_text("utf-8")) for p in corpus.glob("*.gold.json")}
    store = open_store(db)
    try:
        conn = store.conn
        source = {r[0]: Path(r[1]).name for r in conn.execute("SELECT id, source_uri FROM documents")}
        event_doc = {r[0]: source[r[1]] for r in conn.execute("SELECT id, document_id FROM events")}
        texts: dict[int, str] = {}
        for r in conn.execute("SELECT event_id, text FROM evidence ORDER BY event_id, seq"):
            texts.setdefault(r[0], r[1])
        incident_of = {r[0]: r[1] for r in conn.execute("SELECT event_id, incident_id FROM incident_events")}
    finally:
        store.close()

    matched: dict[int, Key] = {}
    for event_id, doc in event_doc.items():
        g = gold.get(doc)
        text = texts.get(event_id, "")
        if g is None or not text:
            continue
        best, best_score = None, 0.0
        for inc in g["incidents"]:
            for key in inc["keys"]:
                s = score.overlap(key, text)
                if s > best_score:
                    best, best_score = inc["id"], s
        not_event = max((score.overlap(k, text) for k in g.get("not_events", [])), default=0.0)
        if best is not None and best_score >= score.MATCH_THRESHOLD and not_event <= best_score:
            matched[event_id] = (doc, best)

    members: dict[int, list[int]] = defaultdict(list)
    for event_id, incident_id in incident_of.items():
        members[incident_id].append(event_id)
    linked: set[frozenset[Key]] = set()
    unmatched_cross = 0
    for events in members.values():
        keys = {matched[e] for e in events if e in matched}
        linked |= {frozenset({a, b}) for a in keys for b in keys if a[0] != b[0]}
        docs = {event_doc[e] for e in events}
        unmatched_cross += len(docs) > 1 and any(e not in matched for e in events)
    lists = load_pairs(pairs_path)
    found = {key for e, key in matched.items() if e in incident_of}  # extracted as an act that happened
    reachable = {p for p in lists["pairs"] if p <= found}
    return Result(
        linked, lists["pairs"], lists["either"], lists["apart"], reachable,
        events=len(event_doc), matched_events=len(matched), unmatched_cross_links=unmatched_cross,
    )  # fmt: skip


def _name(pair: frozenset[Key]) -> str:
    a, b = sorted(pair)
    return f"{a[0][:3]}:{a[1]} + {b[0][:3]}:{b[1]}"


def report(r: Result, verbose: bool = False) -> None:
    p, rec, rr = r.precision, r.recall, r.reachable_recall
    print(f"events: {r.events}, matched to a gold incident: {r.matched_events}")
    print(f"gold pairs: {len(r.pairs)} (reachable after extraction: {len(r.reachable)}), "
          f"either-way: {len(r.either)}, hard negatives: {len(r.apart)}")  # fmt: skip
    print(f"pairwise precision {p:.3f}  recall {rec:.3f}  F1 {Result.f1(p, rec):.3f}")
    if r.reachable:
        print(f"on reachable pairs: recall {rr:.3f}  F1 {Result.f1(p, rr):.3f}")
    else:
        print("on reachable pairs: none reachable (extraction gave no admissible event to both sides of any pair)")
    print(f"linked gold pairs: {sorted(_name(x) for x in r.true_links)}")
    missed = sorted(_name(x) for x in r.pairs - r.linked)
    print(f"missed pairs: {missed} (unreachable: {sorted(_name(x) for x in r.pairs - r.reachable)})")
    print(f"wrongly merged pairs: {len(r.wrong_links)} {sorted(_name(x) for x in r.wrong_links)}")
    print(f"hard negatives merged: {sorted(_name(x) for x in r.wrong_links & r.apart)}")
    print(f"stored incidents with several reports and an unmatched event: {r.unmatched_cross_links}")
    if verbose:
        print(f"either-way links made: {sorted(_name(x) for x in r.linked & r.either)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--db", help="keep the store at this new SQLite file (default: a temporary one)")
    args = parser.parse_args()
    if not DEV.is_dir():
        sys.exit(f"skipped: {DEV} is absent (the dev reports live in ../shared)")
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "dev.db")
        ingest(db)
        report(compare(db), args.verbose)


if __name__ == "__main__":
    main()
