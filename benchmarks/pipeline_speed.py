"""Speed of the full pipeline against bare spaCy ``nlp.pipe`` on the same texts, in one run.

Inputs (default ``--texts distinct``): no two documents are the same text, since replicated texts
flatter every cache keyed by text or token. The real reports (``../shared/corpus/dev`` and the
seed, when present), ``examples/`` and the invented reports of ``tests/events/reports.py`` are
each used once; the rest are variants of the real and invented reports (paragraphs rotated,
sentences left out, so a variant reads like an edited retelling) and ``benchmarks/synth.py``
stories, alternating, until ``--docs``. ``--texts replicated`` is the old input (the same
reports repeated) for comparison. The run prints how many distinct texts it measured.

"full" is ``pipeline.analyze_batch`` on the raw documents: body extraction, the spaCy parse,
events, time expressions and event times, toponyms and event places (everything but the
database write). "events" is the parse plus the events stage alone. "bare" is ``nlp.pipe``
over the extracted bodies, the same texts spaCy sees inside the pipeline, with the same batch
size. The sides alternate chunk by chunk, in a rotating order, so load from other processes and the cost
of growing spaCy's vocabulary on new words fall on all alike. Each side's CPU time of this
process is reported beside its wall time: on a machine shared with other work the wall-clock
ratio drifts with the load, the CPU-time ratio much less.
Target: full <= 1.5x bare, goal 1.25x.

Usage: .venv/bin/python benchmarks/pipeline_speed.py [--docs 2000] [--chunk 200] [--texts distinct|replicated]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import logging
import random
import re
import sys
import time
from pathlib import Path

from eventledger.annotate import annotate_many, load_nlp
from eventledger.annotate.nlp import DEFAULT_BATCH as BATCH
from eventledger.events import extract_events
from eventledger.events._lexicon import load_lexicon
from eventledger.extract import extract_document
from eventledger.ingest import read_inputs
from eventledger.model import Document, RawDocument
from eventledger.pipeline import BATCH_SIZE, analyze_batch

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "seed"
DEV = ROOT.parent / "shared" / "corpus" / "dev"
_SENTENCE_END = re.compile(r"(?<=[.!?][\"\u201d']) +(?=[A-Z\u201c\"])|(?<=[.!?]) +(?=[A-Z\u201c\"])")
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


def _raws(texts: list[str]) -> list[RawDocument]:
    raws = [r for r in read_inputs([str(ROOT / "examples")]) if isinstance(r, RawDocument)]
    raws += [r for r in read_inputs([str(p) for p in sorted(SEED.glob("*.txt"))]) if isinstance(r, RawDocument)]
    for t in texts:
        data = t.encode("utf-8")
        raws.append(RawDocument(hashlib.sha256(data).hexdigest(), "bench.txt", "text", data, t, "text"))
    return raws


def _variant(text: str, rng: random.Random) -> str:
    """An edited retelling of ``text``: the header lines (headline, byline, date) kept, the
    paragraphs rotated, and in each one sentence in four left out (at least one kept)."""
    paras = [p for p in text.split("\n") if p.strip()]
    n_head = next((i for i, p in enumerate(paras) if i and len(p) > 120), len(paras))
    head, rest = paras[:n_head], paras[n_head:]
    if rest:
        k = rng.randrange(len(rest))
        rest = rest[k:] + rest[:k]
    out = []
    for para in rest:
        sents = _SENTENCE_END.split(para)
        kept = [x for x in sents if rng.random() >= 0.25] or sents[:1]
        out.append(" ".join(kept))
    return "\n\n".join(head + out)


def _synth_texts(n: int) -> list[str]:
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["synth"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    docs, _ = module.generate(n, seed=11)
    return [f"{d.title}\n\n{d.body}" for d in docs]


def _distinct_raws(n: int) -> list[RawDocument]:
    """``n`` documents with pairwise different texts (see the module docstring)."""
    base = _raws(_texts())
    base += [r for r in read_inputs([str(p) for p in sorted(DEV.glob("*.txt"))]) if isinstance(r, RawDocument)]
    seen = {r.content for r in base}
    raws = [r for r in base]
    sources = [r.content for r in base if len(r.content) > 200 and not r.content.lstrip().startswith("<")]
    synth = iter(_synth_texts(max(n, 1)))
    rng = random.Random(7)
    tries = 0
    while len(raws) < n and tries < 20 * n:
        tries += 1
        text = _variant(rng.choice(sources), rng) if tries % 2 else next(synth, "")
        if not text or text in seen:
            continue
        seen.add(text)
        data = text.encode("utf-8")
        raws.append(RawDocument(hashlib.sha256(data).hexdigest(), "bench.txt", "text", data, text, "text"))
    return raws[:n]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--chunk", type=int, default=200, help="documents per alternation of the sides")
    ap.add_argument("--texts", choices=("distinct", "replicated"), default="distinct")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.texts == "replicated":
        base = _raws(_texts())
        raws = (base * (args.docs // len(base) + 1))[: args.docs]
    else:
        raws = _distinct_raws(args.docs)
    bodies = [extract_document(r).body for r in raws]
    docs = [Document(sha256=str(i), source="bench", format="text", body=b) for i, b in enumerate(bodies)]
    nlp = load_nlp()
    load_lexicon()
    analyze_batch(raws[:20])  # warm up every stage (lexicons, gazetteer, patterns)
    list(nlp.pipe(bodies[:50], batch_size=BATCH))
    spent = {"bare": 0.0, "events": 0.0, "full": 0.0}
    cpu = {"bare": 0.0, "events": 0.0, "full": 0.0}
    counts = {"tokens": 0, "events": 0}

    def run_bare(lo: int, hi: int) -> None:
        counts["tokens"] += sum(len(d) for d in nlp.pipe(bodies[lo:hi], batch_size=BATCH))

    def run_events(lo: int, hi: int) -> None:
        for ann in annotate_many(docs[lo:hi], batch_size=BATCH):
            extract_events(ann)

    def run_full(lo: int, hi: int) -> None:
        for i in range(lo, min(hi, len(raws)), BATCH_SIZE):
            for result in analyze_batch(raws[i : min(i + BATCH_SIZE, hi)]):
                counts["events"] += len(result.events) if not isinstance(result, str) else 0

    sides = [("bare", run_bare), ("events", run_events), ("full", run_full)]
    for k, lo in enumerate(range(0, len(raws), args.chunk)):
        # the order of the sides rotates chunk by chunk: the first side to meet new words grows
        # spaCy's vocabulary, and that cost must not always fall on the same side
        for name, run in sides[k % 3 :] + sides[: k % 3]:
            t0, c0 = time.perf_counter(), time.process_time()
            run(lo, lo + args.chunk)
            spent[name] += time.perf_counter() - t0
            cpu[name] += time.process_time() - c0
    bare, events, full = spent["bare"], spent["events"], spent["full"]
    tokens, n_events = counts["tokens"], counts["events"]
    n = len(raws)
    distinct = len({r.content for r in raws})
    logger.info("%d documents (%d distinct texts), %d tokens, %d events", n, distinct, tokens, n_events)
    # what each side runs, so that a reader sees the sides do the same spaCy work
    pipes = ", ".join(nlp.pipe_names)
    logger.info("bare:   nlp.pipe(bodies, batch_size=%d), one process; pipes: %s", BATCH, pipes)
    logger.info("events: annotate_many (the same nlp.pipe, batch_size=%d, one process) + extract_events", BATCH)
    logger.info(
        "full:   analyze_batch over %d raw documents at a time (extract, the same nlp.pipe and pipes, "
        "events, times, places), one process",
        BATCH_SIZE,
    )
    per_doc = (1000 * x / n for x in (bare, events, full))
    logger.info("per document: bare %.1f ms, events %.1f ms, full %.1f ms (wall)", *per_doc)
    logger.info("bare spaCy nlp.pipe:          %8.1f docs/s %10.0f tokens/s  (%.2fs)", n / bare, tokens / bare, bare)
    logger.info(
        "parse + events stage:         %8.1f docs/s %10.0f tokens/s  (%.2fs)", n / events, tokens / events, events
    )
    logger.info("full pipeline (no db write):  %8.1f docs/s %10.0f tokens/s  (%.2fs)", n / full, tokens / full, full)
    logger.info(
        "ratio events/bare: %.3fx; ratio full/bare: %.3fx (target <= 1.5x, goal 1.25x)", events / bare, full / bare
    )
    logger.info(
        "CPU time: bare %.2fs, events %.2fs, full %.2fs; ratio events/bare: %.3fx; ratio full/bare: %.3fx",
        cpu["bare"], cpu["events"], cpu["full"], cpu["events"] / cpu["bare"], cpu["full"] / cpu["bare"],
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
