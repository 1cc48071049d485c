"""What grows while one process ingests: resident memory and the in-memory structures, per document.

``throughput.py`` says whether the resident size of an ingest stays flat; this says what grows
when it does not. It ingests a synthetic corpus in this process (one worker, a fresh SQLite
file) and at a few checkpoints prints the resident size (anonymous and file-backed: SQLite
maps the database file), SQLite's own heap (its page cache, bounded by ``cache_size``),
spaCy's string store and vocabulary, the copy index (documents, LSH band keys) and the bounded
caches; with ``--trace`` it also lists the Python allocations still alive that were made
between the first and the last checkpoint, by file and line.

    .venv/bin/python benchmarks/memory.py --docs 2500 --trace
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

from eventledger import pipeline
from eventledger.annotate.nlp import load_nlp
from eventledger.extract import dates, lines
from eventledger.geo import names
from eventledger.store import open_store

HERE = Path(__file__).resolve().parent


def _status_mb(key: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    return 0.0


def _sqlite_mb() -> float | None:
    try:
        lib = ctypes.CDLL("libsqlite3.so.0")  # the library the sqlite3 module already loaded
    except OSError:
        return None
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    return float(lib.sqlite3_memory_used()) / 2**20


def _sample(n: int, linkers: list[Any]) -> dict[str, Any]:
    gc.collect()
    nlp = load_nlp()
    out: dict[str, Any] = {
        "docs": n,
        "rss_mb": round(_status_mb("VmRSS:"), 1),
        "anon_mb": round(_status_mb("RssAnon:"), 1),
        "file_mb": round(_status_mb("RssFile:"), 1),
        "sqlite_mb": _sqlite_mb(),
        "strings": len(nlp.vocab.strings),
        "lexemes": len(nlp.vocab),
    }
    index = linkers[0].index if linkers else None
    if index is not None:
        out["indexed"] = len(index)
        out["band_mb"] = round(index._lsh.nbytes / 2**20, 2)
    caches = {"word_count": lines.word_count, "date_lines": dates.parse_date_line, "fold": names._fold_char}
    for name, fn in caches.items():
        out[name] = fn.cache_info().currsize
    out["gc_objects"] = len(gc.get_objects())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2500)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--points", default="250,500,1000,1500,2000,2500", help="checkpoints, comma-separated")
    ap.add_argument("--trace", action="store_true", help="tracemalloc between the first and last checkpoint")
    args = ap.parse_args()
    points = sorted(int(p) for p in args.points.split(",") if int(p) <= args.docs)
    linkers: list[Any] = []
    init = pipeline._Dedup.__init__

    def keep(self: Any, store: Any) -> None:  # the copy index lives in the pipeline's linker
        init(self, store)
        linkers.append(self)

    pipeline._Dedup.__init__ = keep  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        synth = [sys.executable, str(HERE / "synth.py"), "--docs", str(args.docs), "--seed", str(args.seed)]
        subprocess.run([*synth, "--out", str(corpus)], check=True, stdout=subprocess.DEVNULL)
        store = open_store(str(Path(tmp) / "memory.db"))
        first: tracemalloc.Snapshot | None = None
        n = 0
        for _ in pipeline.process([str(corpus)], store, workers=1):
            n += 1
            if n in points:
                print(json.dumps(_sample(n, linkers)), flush=True)
                if args.trace and first is None:
                    tracemalloc.start(1)
                    first = tracemalloc.take_snapshot()
        if first is not None:
            stats = tracemalloc.take_snapshot().compare_to(first, "lineno")
            span = n - points[0]
            print(f"alive Python allocations made between document {points[0]} and {n}, per document:")
            for s in stats[:15]:
                print(f"  {s.size_diff / max(1, span):8.0f} B  {s.traceback[0]}")


if __name__ == "__main__":
    main()
