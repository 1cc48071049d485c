"""Geoparsing quality on GeoWebNews and LGL: recognition P/R/F1, end-to-end acc@161 km.

Runs ``places_records`` over ``<repo>/../shared/data/geo/{gwn,lgl}.jsonl``, scores the output
with ``<repo>/../shared/eval/score_geo.py`` (a subprocess, so the scorer stays the judge) and
prints the figures beside the reference numbers of that folder's README. Published figures
are geocoding-only on gold spans, so they are upper bounds of an end-to-end score.

    .venv/bin/python benchmarks/geo_quality.py [--corpus gwn|lgl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "geo"
SCORER = SHARED / "eval" / "score_geo.py"
CORPORA = ("gwn", "lgl")
# From shared/data/geo/README.md: Mordecai 3 (geocoding only, gold spans) acc@161 and the
# ACL 2018 population baseline / CamCoder (recognised spans).
ANCHORS = {
    "gwn": "Mordecai3 acc@161 94.1 (gold spans)",
    "lgl": "Mordecai3 acc@161 82.7 (gold spans); CamCoder 76, population baseline 70",
}
BAR = {"end_to_end_acc161": 0.70, "recall": 0.80}  # the floor: below it the benchmark fails
TARGET = {"gwn": 0.85, "lgl": 0.83}  # issue #15's end-to-end targets, reported beside the score


def run(corpus: str, limit: int | None) -> dict:
    """Scores of the system (through the ``places`` contract) and of the population baseline."""
    from eventledger.geo import places_records

    gold_path = DATA / f"{corpus}.jsonl"
    lines = [ln for ln in gold_path.read_text(encoding="utf-8").split("\n") if ln.strip()][:limit]
    records = [json.loads(line) for line in lines]
    t0 = time.perf_counter()
    preds = list(places_records({"id": r["id"], "text": r["text"]} for r in records))
    seconds = time.perf_counter() - t0
    analysis = _analyse(records)
    scores = _score(lines, preds)
    scores["baseline"] = _score(lines, analysis["baseline"])
    scores["errors"] = _errors(records, analysis["system"])
    scores["docs_per_s"] = len(records) / seconds
    scores["ms_per_doc"] = 1000 * seconds / len(records)
    scores["lookup_ms_per_doc"] = 1000 * analysis["seconds"] / len(records)
    return scores


def _score(lines: list[str], preds: list[dict]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
        out = subprocess.run(
            [sys.executable, str(SCORER), str(gold), str(pred), "--json"],
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(out.stdout)


def _analyse(records: list[dict]) -> dict:
    """One pass over pre-parsed documents: the geo stage's own time (recognition + resolution),
    each mention's chosen entry and candidates, and the population baseline (same mentions,
    the most populous candidate: the usual reference a resolver must beat)."""
    from eventledger.annotate.nlp import load_nlp
    from eventledger.geo.resolve import resolve
    from eventledger.geo.tagger import recognizer

    texts = [r["text"] for r in records]
    docs = list(load_nlp().pipe(texts, batch_size=32))
    rec = recognizer()
    system, baseline, seconds = [], [], 0.0
    for r, text, doc in zip(records, texts, docs, strict=True):
        t0 = time.perf_counter()
        mentions = rec(text, doc)
        chosen = resolve(mentions, text)
        seconds += time.perf_counter() - t0
        system.append([(m, c) for m, c in zip(mentions, chosen, strict=True)])
        top = [max(m.candidates, key=lambda c: c.population, default=None) for m in mentions]
        baseline.append(
            {
                "id": r["id"],
                "toponyms": [
                    {"start": m.start, "end": m.end, "lat": c.lat if c else None, "lon": c.lon if c else None}
                    for m, c in zip(mentions, top, strict=True)
                ],
            }
        )
    return {"system": system, "baseline": baseline, "seconds": seconds}


BUCKETS = ((500, "161-500 km"), (2000, "500-2000 km"), (float("inf"), ">2000 km"))


def _errors(records: list[dict], system: list[list]) -> dict[str, int]:
    """Gold toponyms by what went wrong: missed (no overlapping mention), unresolved, wrong
    candidate (a candidate of the mention lay within 161 km of gold, another was chosen), not
    in the gazetteer (no candidate near gold), with the distance bucket of wrong choices; and
    spurious mentions (no gold toponym overlaps them)."""
    from eventledger.geo.resolve import haversine_km

    out: dict[str, int] = {"missed": 0, "spurious": 0, "unresolved": 0, "wrong candidate": 0, "not in gazetteer": 0}
    out.update({label: 0 for _, label in BUCKETS})
    for r, pairs in zip(records, system, strict=True):
        used: set[int] = set()
        for g in r["toponyms"]:
            j = next(
                (i for i, (m, _) in enumerate(pairs) if i not in used and m.start < g["end"] and g["start"] < m.end),
                None,
            )
            if j is None:
                out["missed"] += 1
                continue
            used.add(j)
            m, c = pairs[j]
            if c is None or c.lat is None:
                out["unresolved"] += 1
                continue
            km = haversine_km(c.lat, c.lon, g["lat"], g["lon"])
            if km < 161:
                continue
            near = any(o.lat is not None and haversine_km(o.lat, o.lon, g["lat"], g["lon"]) < 161 for o in m.candidates)
            out["wrong candidate" if near else "not in gazetteer"] += 1
            out[next(label for top, label in BUCKETS if km < top)] += 1
        out["spurious"] += len(pairs) - len(used)
    return out


def _get(scores: dict, *names: str):
    for name in names:
        cur = scores
        for part in name.split("."):
            cur = cur.get(part) if isinstance(cur, dict) else None
        if cur is not None:
            return cur
    return None


ROWS = (
    ("recognition precision", "recognition.precision"),
    ("recognition recall", "recognition.recall"),
    ("recognition F1", "recognition.f1"),
    ("geocoding acc@161 (recognised)", "geocoding_on_recognised.acc161"),
    ("median error km (recognised)", "geocoding_on_recognised.median_km"),
    ("END-TO-END acc@161", "end_to_end_acc161"),
    ("population baseline end-to-end acc@161", "baseline.end_to_end_acc161"),
    ("ms/doc (spaCy + geo)", "ms_per_doc"),
    ("geo lookup ms/doc", "lookup_ms_per_doc"),
)


def _table(results: dict[str, dict]) -> None:
    """The corpora side by side, then errors by kind (counts of gold toponyms / mentions)."""
    names = list(results)
    print(f"{'':42}" + "".join(f"{n:>10}" for n in names))
    for label, key in ROWS:
        vals = [_get(results[n], key) for n in names]
        digits = 1 if "km" in label or "ms" in label else 3
        print(f"{label:42}" + "".join(f"{v:>10.{digits}f}" if isinstance(v, float) else f"{v!s:>10}" for v in vals))
    print("errors by kind:")
    for kind in results[names[0]]["errors"]:
        print(f"  {kind:40}" + "".join(f"{results[n]['errors'][kind]:>10}" for n in names))
    for n in names:
        print(f"anchors {n}: {ANCHORS[n]}")
    print(f"bar: end-to-end >= {BAR['end_to_end_acc161']}, recall >= {BAR['recall']}; targets: {TARGET}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=CORPORA, action="append")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--json", action="store_true", help="print the raw scores too")
    args = parser.parse_args()
    if not DATA.is_dir() or not SCORER.is_file():
        print(f"skipped: evaluation data not found at {DATA} (shared/ lives beside the checkout)")
        return 0
    failed = False
    results = {}
    for corpus in args.corpus or CORPORA:
        s = results[corpus] = run(corpus, args.limit)
        if args.json:
            print(json.dumps(s, indent=1))
        failed |= (
            _get(s, "end_to_end_acc161") < BAR["end_to_end_acc161"] or _get(s, "recognition.recall") < BAR["recall"]
        )
    _table(results)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
