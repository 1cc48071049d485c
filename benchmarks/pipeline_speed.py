"""Speed of annotate + extract_events against bare spaCy ``nlp.pipe`` on the same texts, in one run.

Texts: the seed report body (when ``../shared`` is present) and the invented reports of
``tests/events/reports.py``, replicated to at least 2,000 documents. Both sides parse with the
same pipeline and batch size; the events stage adds its own cost on top of the parse, so the
ratio (full / bare) is what the events stage costs. Target <= 1.5x, goal 1.25x.

Usage: .venv/bin/python benchmarks/pipeline_speed.py [--docs 2000] [--batch 64] [--chunk 200]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import sys
import time
from pathlib import Path

from eventledger.annotate import annotate_many, load_nlp
from eventledger.events import extract_events
from eventledger.events._lexicon import load_lexicon
from eventledger.model import Document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "seed"
logger = logging.getLogger("pipeline_speed")


def _texts() -> list[str]:
    spec = importlib.util.spec_from_file_location("reports", ROOT / "tests" / "events" / "reports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    texts = list(module.REPORTS.values())
    for gpath in sorted(SEED.glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        lines = (SEED / gold["file"]).read_text(encoding="utf-8").splitlines()
        first = gold["document"]["body_starts_with"]
        start = next(i for i, line in enumerate(lines) if line.strip().startswith(first))
        texts.append("\n".join(x.strip() for x in lines[start:] if x.strip()))
    return texts


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--chunk", type=int, default=200, help="documents per alternation of the two sides")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    base = _texts()
    texts = (base * (args.docs // len(base) + 1))[: max(args.docs, 2000)]
    docs = [Document(sha256=str(i), source="bench", format="text", body=t) for i, t in enumerate(texts)]
    nlp = load_nlp()
    load_lexicon()
    list(nlp.pipe(texts[:50], batch_size=args.batch))  # warm up both sides
    # Interleave the two sides chunk by chunk, so that load from other processes on a shared
    # machine falls on both alike; each side still processes every document once.
    bare = full = 0.0
    tokens = n_events = 0
    for lo in range(0, len(texts), args.chunk):
        t0 = time.perf_counter()
        tokens += sum(len(d) for d in nlp.pipe(texts[lo : lo + args.chunk], batch_size=args.batch))
        bare += time.perf_counter() - t0
        t0 = time.perf_counter()
        for ann in annotate_many(docs[lo : lo + args.chunk], batch_size=args.batch):
            n_events += len(extract_events(ann))
        full += time.perf_counter() - t0
    n = len(texts)
    logger.info("%d documents (%d distinct), %d tokens, %d events", n, len(base), tokens, n_events)
    logger.info("bare spaCy nlp.pipe:        %8.1f docs/s %10.0f tokens/s  (%.2fs)", n / bare, tokens / bare, bare)
    logger.info("annotate + extract_events:  %8.1f docs/s %10.0f tokens/s  (%.2fs)", n / full, tokens / full, full)
    logger.info("ratio full/bare: %.3fx (target <= 1.5x, goal 1.25x)", full / bare)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
