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
BAR = {"end_to_end_acc161": 0.70, "recall": 0.80}


def run(corpus: str, limit: int | None) -> dict:
    from eventledger.geo import places_records

    gold_path = DATA / f"{corpus}.jsonl"
    lines = [ln for ln in gold_path.read_text(encoding="utf-8").split("\n") if ln.strip()][:limit]
    records = [json.loads(line) for line in lines]
    t0 = time.perf_counter()
    preds = list(places_records({"id": r["id"], "text": r["text"]} for r in records))
    seconds = time.perf_counter() - t0
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
    scores = json.loads(out.stdout)
    scores["docs_per_s"] = len(records) / seconds
    scores["ms_per_doc"] = 1000 * seconds / len(records)
    scores["lookup_ms_per_doc"] = 1000 * _lookup_seconds(records) / len(records)
    return scores


def _lookup_seconds(records: list[dict]) -> float:
    """Time of the geo stage alone (recognition + resolution) on documents parsed beforehand."""
    from eventledger.annotate.nlp import load_nlp
    from eventledger.geo import tag_text

    texts = [r["text"] for r in records]
    docs = list(load_nlp().pipe(texts, batch_size=32))
    t0 = time.perf_counter()
    for text, doc in zip(texts, docs, strict=True):
        tag_text(text, doc)
    return time.perf_counter() - t0


def _get(scores: dict, *names: str):
    for name in names:
        cur = scores
        for part in name.split("."):
            cur = cur.get(part) if isinstance(cur, dict) else None
        if cur is not None:
            return cur
    return None


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
    for corpus in args.corpus or CORPORA:
        s = run(corpus, args.limit)
        if args.json:
            print(json.dumps(s, indent=1))
        p = _get(s, "recognition.precision", "precision")
        r = _get(s, "recognition.recall", "recall")
        f = _get(s, "recognition.f1", "f1")
        acc = _get(s, "geocoding_on_recognised.acc161")
        e2e = _get(s, "end_to_end_acc161", "end_to_end.acc161")
        med = _get(s, "geocoding_on_recognised.median_km")
        print(
            f"{corpus}: recognition P {p:.3f} R {r:.3f} F1 {f:.3f} | geocoding acc@161 {acc:.3f} "
            f"median {med:.0f} km | END-TO-END acc@161 {e2e:.3f} | {s['docs_per_s']:.1f} docs/s "
            f"({s['ms_per_doc']:.1f} ms/doc, of which geo lookup {s['lookup_ms_per_doc']:.1f} ms)"
        )
        print(
            f"     anchors: {ANCHORS[corpus]}; bar: end-to-end >= {BAR['end_to_end_acc161']}, recall >= {BAR['recall']}"
        )
        failed |= e2e < BAR["end_to_end_acc161"] or r < BAR["recall"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
