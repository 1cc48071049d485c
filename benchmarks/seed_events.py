"""Dev loop for the events stage on the seed report: the whole pipeline, then the scorer.

Each seed file goes through ``eventledger.analyze_file`` (ingest, extract, annotate, events,
time, place: exactly what ``eventledger analyze`` runs), and the records are the scorer contract
(``Analysis.to_record()``). Writes them and runs ``../shared/eval/score_events.py`` on them.
``--verbose`` prints each reportable event (``--all``: every event) with its evidence.

Usage: .venv/bin/python benchmarks/seed_events.py [--verbose] [--all] [--out /tmp/seed_events.jsonl]
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
from pathlib import Path

import eventledger
from eventledger.model import REPORTABLE_STATUSES

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "seed"
SCORER = ROOT.parent / "shared" / "eval" / "score_events.py"
logger = logging.getLogger("seed_events")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "seed_events.jsonl"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--all", action="store_true", help="print non-reportable events too")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    lines = []
    for txt in sorted(SEED.glob("*.txt")):
        for analysis in eventledger.analyze_file(txt):
            if args.verbose:
                for e in analysis.events:
                    if args.all or e.status in REPORTABLE_STATUSES:
                        logger.info(
                            "%-9s %-12s act=%s tgt=%s attr=%s\n    ev=%r +%d", e.type, e.status,
                            [a.text for a in e.actors], [a.text for a in e.targets],
                            e.attribution.text if e.attribution else None,
                            e.evidence[0].text if e.evidence else None, len(e.evidence) - 1,
                        )  # fmt: skip
            lines.append(analysis.to_record())
    out = Path(args.out)
    out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    cmd = [sys.executable, str(SCORER), str(SEED), str(out)] + (["--verbose"] if args.verbose else [])
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
