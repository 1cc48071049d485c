"""Ingest throughput with 1 and 2 workers (local processes and Ray), and whether memory stays flat.

Why a separate run per configuration: each is the real command a user types
(`eventledger ingest corpus.jsonl --workers N [--engine ray]`) on a fresh database, timed
from start to exit, so start-up costs (model loading in each worker) count as they would.
The baseline is the 1-worker run in the same invocation, on the same corpus.

    .venv/bin/python benchmarks/throughput.py --docs 20000
    .venv/bin/python benchmarks/throughput.py --docs 2000 --configs local:1,local:2

Memory is sampled every half second over the whole process tree (main process and workers);
"flat" means the resident size in the last quarter of the run is not above the second quarter
by more than 10%.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CLI = [sys.executable, "-c", "from eventledger.cli import main; main()"]


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def _tree_rss_mb(pid: int) -> float:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
        todo.extend(_children(p))
    return total / 1024


def run(corpus: Path, engine: str, workers: int, docs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        cmd = [*CLI, "ingest", str(corpus), "--db", str(db), "--workers", str(workers), "--engine", engine]
        env = {**os.environ, "RAY_AUTH_MODE": "disabled"}
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        samples: list[tuple[float, float]] = []
        while proc.poll() is None:
            samples.append((time.perf_counter() - start, _tree_rss_mb(proc.pid)))
            time.sleep(0.5)
        wall = time.perf_counter() - start
        out, err = proc.communicate()
        if proc.returncode not in (0, 3):
            sys.exit(f"{engine}:{workers} failed ({proc.returncode}): {err.strip()[-400:]}")
    rss = [r for _, r in samples] or [0.0]
    q = max(1, len(rss) // 4)
    return {
        "wall": wall,
        "docs_per_s": docs / wall,
        "peak_rss_mb": max(rss),
        "rss_q2_mb": max(rss[q : 2 * q] or rss),
        "rss_q4_mb": max(rss[-q:]),
        "summary": out.strip().splitlines()[0] if out.strip() else "",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--configs", default="local:1,local:2,ray:2", help="engine:workers, comma-separated")
    args = ap.parse_args()
    report(args.docs, args.seed, args.configs)


def report(docs: int, seed: int, configs: str) -> None:
    """Write the synthetic corpus once, then time each ``engine:workers`` configuration on it."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        subprocess.run(
            [sys.executable, str(HERE / "synth.py"), "--docs", str(docs), "--seed", str(seed), "--out", str(corpus)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        print(f"{docs} synthetic documents, {os.cpu_count()} CPU(s)")
        print(
            f"{'config':<10} {'wall s':>8} {'docs/s':>8} {'speed-up':>8} {'peak MB':>8} {'Q2 MB':>7} {'Q4 MB':>7}  flat"
        )
        base = None
        for cfg in configs.split(","):
            engine, workers = cfg.split(":")
            r = run(corpus, engine, int(workers), docs)
            base = base or r["docs_per_s"]
            flat = r["rss_q4_mb"] <= 1.10 * r["rss_q2_mb"]
            print(
                f"{cfg:<10} {r['wall']:>8.1f} {r['docs_per_s']:>8.1f} {r['docs_per_s'] / base:>7.2f}x "
                f"{r['peak_rss_mb']:>8.0f} {r['rss_q2_mb']:>7.0f} {r['rss_q4_mb']:>7.0f}  {'yes' if flat else 'NO'}"
                f"   ({r['summary']})"
            )


if __name__ == "__main__":
    main()
