"""Dev loop for the events stage on the seed report: annotate, extract_events, score.

Builds the Document from the seed text itself (until the ingest/extract stages land): the body
starts at the line that begins with the gold's ``body_starts_with``; title and publication date
come from the gold file at run time. Writes the scorer contract and runs
``../shared/eval/score_events.py`` on it. Only events whose status says they happened
(``REPORTABLE_STATUSES``) are exported.

Usage: .venv/bin/python benchmarks/seed_events.py [--verbose] [--all] [--out /tmp/seed_events.jsonl]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import subprocess
import sys
import tempfile
from pathlib import Path

from eventledger.annotate import annotate
from eventledger.events import REPORTABLE_STATUSES, extract_events
from eventledger.model import Document, Event

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "seed"
SCORER = ROOT.parent / "shared" / "eval" / "score_events.py"
logger = logging.getLogger("seed_events")


def seed_document(txt: Path, gold: dict) -> Document:
    text = txt.read_text(encoding="utf-8")
    first = gold["document"]["body_starts_with"]
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(first))
    body = "\n".join(line.strip() for line in lines[start:] if line.strip())
    return Document(
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        source=str(txt),
        format="text",
        body=body,
        title=gold["document"]["title"],
        published=gold["document"]["published"],
    )


def event_record(ev: Event) -> dict:
    def actor(a):
        return {
            k: v
            for k, v in {
                "text": a.text,
                "normalised": a.normalised,
                "kind": a.kind,
                "country": a.country,
                "count": a.count,
            }.items()
            if v is not None
        }

    return {
        "type": ev.type,
        "mode": ev.mode,
        "contexts": list(ev.contexts),
        "status": ev.status,
        "actors": [actor(a) for a in ev.actors],
        "targets": [actor(a) for a in ev.targets],
        "attribution": {"text": ev.attribution.text, "source_kind": ev.attribution.source_kind}
        if ev.attribution
        else None,
        "quantities": [
            {
                "kind": q.kind,
                "value": [q.value_min, q.value_max],
                "unit": q.unit,
                "text": q.span.text if q.span else None,
            }
            for q in ev.quantities
        ],
        "evidence": {"text": ev.evidence[0].text, "start": ev.evidence[0].start, "end": ev.evidence[0].end},
        "more_evidence": [s.text for s in ev.evidence[1:]],
        "trigger": ev.trigger.text if ev.trigger else None,
        "confidence": ev.confidence,
        "locations": [],
        "time": None,
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "seed_events.jsonl"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--all", action="store_true", help="print non-reportable events too")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    lines = []
    for gpath in sorted(SEED.glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        doc = seed_document(SEED / gold["file"], gold)
        events = extract_events(annotate(doc))
        kept = [e for e in events if e.status in REPORTABLE_STATUSES]
        if args.verbose:
            for e in events if args.all else kept:
                r = event_record(e)
                logger.info(
                    "%-9s %-12s act=%s tgt=%s attr=%s\n    ev=%r +%d",
                    r["type"],
                    r["status"],
                    [a["text"] for a in r["actors"]],
                    [a["text"] for a in r["targets"]],
                    (r["attribution"] or {}).get("text"),
                    r["evidence"]["text"],
                    len(r["more_evidence"]),
                )
        lines.append(
            {
                "document": {"file": gold["file"], "title": doc.title, "published": doc.published, "text": doc.body},
                "events": [event_record(e) for e in kept],
            }
        )
    out = Path(args.out)
    out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    cmd = [sys.executable, str(SCORER), str(SEED), str(out)] + (["--verbose"] if args.verbose else [])
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
