"""Development figure: PLOVER "gold standard record" sentences through extract_events.

For each of the 322 example sentences in ``../shared/data/events/plover_gsr_cameo.jsonl``
(edited CAMEO-manual examples, CC BY-SA 4.0) it reports whether an event of the gold PLOVER type
is produced (any status: the examples include promises and threats), and, where the record gives
a source or target, whether that event's actors/targets name it. A development figure, not a
score: the sentences are short and idealised.

Usage: .venv/bin/python benchmarks/plover_examples.py [--misses N]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from pathlib import Path

from eventledger.annotate import annotate_many
from eventledger.events import extract_events
from eventledger.model import Document

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "events" / "plover_gsr_cameo.jsonl"
logger = logging.getLogger("plover_examples")


def _names(actor) -> str:
    return " ".join(x for x in (actor.text, actor.normalised or "", actor.country or "") if x).lower()


def _hit(gold: list[dict], actors) -> bool:
    hay = " | ".join(_names(a) for a in actors)
    for g in gold:
        words = [w for w in g["text"].lower().replace("-", " ").split() if len(w) > 2]
        if g["text"].lower() in hay or (words and all(w in hay for w in words[-1:])):
            return True
        if (
            g.get("code")
            and len(g["code"]) == 3
            and g["code"].lower()[:2] in {a.country.lower() for a in actors if a.country}
        ):
            return True
    return False


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--misses", type=int, default=0, help="print this many missed sentences")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not DATA.is_file():
        logger.error("not found: %s", DATA)
        return 2
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [Document(sha256=r["id"], source=r["id"], format="text", body=r["text"]) for r in records]
    per_type, hits = Counter(), Counter()
    src_n = src_hit = tgt_n = tgt_hit = 0
    misses = []
    for rec, ann in zip(records, annotate_many(docs), strict=True):
        events = extract_events(ann)
        same = [e for e in events if e.type == rec["event"]]
        per_type[rec["event"]] += 1
        if same:
            hits[rec["event"]] += 1
        else:
            misses.append((rec["event"], rec["text"], sorted({e.type for e in events})))
        if rec.get("actor"):
            src_n += 1
            src_hit += bool(same) and _hit(rec["actor"], [a for e in same for a in e.actors])
        if rec.get("recipient"):
            tgt_n += 1
            tgt_hit += bool(same) and _hit(rec["recipient"], [a for e in same for a in (*e.targets, *e.actors)])
    total = sum(per_type.values())
    logger.info("PLOVER GSR examples: %d sentences", total)
    for t, n in sorted(per_type.items()):
        logger.info("  %-10s %3d/%3d  %.2f", t, hits[t], n, hits[t] / n)
    logger.info("type produced:   %.3f (%d/%d)", sum(hits.values()) / total, sum(hits.values()), total)
    logger.info("source named:    %.3f (%d/%d with a source)", src_hit / max(src_n, 1), src_hit, src_n)
    logger.info("target named:    %.3f (%d/%d with a target)", tgt_hit / max(tgt_n, 1), tgt_hit, tgt_n)
    for gold_type, text, got in misses[: args.misses]:
        logger.info("MISS %-9s got=%s  %s", gold_type, got, text[:160])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
