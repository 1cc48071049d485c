"""Ingest time by database size, through the real ingest path: does a batch cost more as the store grows?

Why: ``benchmarks/scale.py`` times the dedup stage over events built from the planted truth, so
a rule that reads what real extraction gives (doers, act words, vague times) and scans a
neighbourhood that grows with the store shows up only on real ingest (issue #17: the first
retold-act rule fell to about 2 docs/s at 9k documents). This runs ``eventledger.pipeline.process``
(what ``eventledger ingest`` runs: extraction, storing, dedup and incidents) over a JSON-lines
corpus (``benchmarks/synth.py --out``) in chunks, into a database that keeps growing, and prints
per chunk the documents stored before it, its wall seconds and the wall and CPU seconds of its
dedup stage (extraction is the same work whatever the store's size; dedup should be too).

    .venv/bin/python benchmarks/synth.py --docs 4060 --seed 11 --out /tmp/s.jsonl
    .venv/bin/python benchmarks/ingest_growth.py /tmp/s.jsonl --db /tmp/s.db --chunk 500

Give an existing database to time a few more documents into it (``--chunk`` as large as the
file for one figure). Timings are noisy on a shared machine; the dedup CPU seconds less so.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from eventledger import pipeline
from eventledger.store import open_store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="JSON lines, as `eventledger ingest` reads them")
    ap.add_argument("--db", required=True, help="SQLite file (created if absent; may hold documents already)")
    ap.add_argument("--chunk", type=int, default=500, help="documents per timed chunk")
    args = ap.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"{args.corpus}: no such file")
    lines = args.corpus.read_text("utf-8").splitlines()
    dedup = {"wall": 0.0, "cpu": 0.0}
    real = pipeline.dedup_documents

    def timed(*a, **kw):
        w, c = time.perf_counter(), time.process_time()
        try:
            return real(*a, **kw)
        finally:
            dedup["wall"] += time.perf_counter() - w
            dedup["cpu"] += time.process_time() - c

    pipeline.dedup_documents = timed  # type: ignore[assignment]
    store = open_store(args.db)
    print("docs before  chunk  wall s  docs/s  dedup wall s  dedup CPU s")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(0, len(lines), args.chunk):
            part = Path(tmp) / f"chunk-{i}.jsonl"
            part.write_text("\n".join(lines[i : i + args.chunk]) + "\n", "utf-8")
            before = store.counts()["documents"]
            dedup.update(wall=0.0, cpu=0.0)
            t0 = time.perf_counter()
            n = sum(1 for o in pipeline.process([str(part)], store) if o.document_id is not None)
            wall = time.perf_counter() - t0
            print(f"{before:11d}  {n:5d}  {wall:6.1f}  {n / wall:6.1f}  {dedup['wall']:12.2f}  {dedup['cpu']:11.2f}")
    store.close()


if __name__ == "__main__":
    main()
