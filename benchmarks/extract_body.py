"""Article-body benchmark: eventledger's extractor beside bare trafilatura, in one run.

Runs on the Zyte article-extraction benchmark kept in ``../shared/data/extraction`` (never
copied here), scores every extractor with the shared scorer (``eval/score_extraction.py
--json``) and prints benchmark F1 / precision / recall and pages per second of each. The
anchors are the calls the shared README measured: ``trafilatura.extract(html,
include_comments=False)`` and the same with ``favor_precision=True``. Speed is measured in
the same process and run, so only the ratio between rows means anything.

    .venv/bin/python benchmarks/extract_body.py [--limit N] [--keep DIR]

Exit status 1 when our F1 falls below bare trafilatura's (the acceptance bar), 0 otherwise;
it also exits 0, with a message, when the shared data is absent.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from eventledger.errors import ExtractionError
from eventledger.extract import extract_body_record
from eventledger.model import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "extraction"
SCORER = SHARED / "eval" / "score_extraction.py"


def load_pages(limit: int | None) -> tuple[dict[str, str], dict[str, str]]:
    """(id -> decoded HTML, id -> page URL) for the benchmark pages, in file-name order."""
    truth = json.loads((DATA / "ground-truth.json").read_text("utf-8"))
    files = sorted((DATA / "html").glob("*.html.gz"))[:limit]
    pages = {f.name.removesuffix(".html.gz"): gzip.decompress(f.read_bytes()).decode("utf-8") for f in files}
    return pages, {k: truth[k].get("url", "") for k in pages}


def ours(html: str, url: str) -> str:
    data = html.encode("utf-8")
    raw = RawDocument(
        sha256=hashlib.sha256(data).hexdigest(),
        source=url,
        format="html",
        data=data,
        content=html,
        media="html",
        meta={"url": url} if url else {},
    )
    try:
        return extract_body_record(raw)["articleBody"] or ""
    except ExtractionError:
        return ""


def bare(html: str, url: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


def precise(html: str, url: str) -> str:
    return trafilatura.extract(html, include_comments=False, favor_precision=True) or ""


EXTRACTORS: dict[str, Callable[[str, str], str]] = {
    "eventledger.extract": ours,
    "trafilatura (bare)": bare,
    "trafilatura favor_precision": precise,
}


def run(fn: Callable[[str, str], str], pages: dict[str, str], urls: dict[str, str]) -> tuple[dict, float]:
    """Predictions of one extractor and its pages/s (the first page is an untimed warm-up)."""
    first = next(iter(pages))
    fn(pages[first], urls[first])
    preds: dict[str, dict[str, str]] = {}
    start = time.perf_counter()
    for key, html in pages.items():
        preds[key] = {"articleBody": fn(html, urls[key])}
    return preds, len(pages) / (time.perf_counter() - start)


def score(preds: dict, workdir: Path, name: str) -> dict:
    path = workdir / f"{name.split()[0].replace('.', '_')}-{len(name)}.json"
    path.write_text(json.dumps(preds), "utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(DATA / "ground-truth.json"), str(path), "--json", "--subset"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N pages (quick runs)")
    parser.add_argument("--keep", type=Path, help="write predictions and scores into this folder")
    args = parser.parse_args(argv)
    if not (DATA / "ground-truth.json").is_file() or not SCORER.is_file():
        print(f"skipped: benchmark data not found at {DATA} (it lives beside the checkout in ../shared)")
        return 0
    logging.basicConfig(level=logging.ERROR)  # trafilatura logs a warning per odd page
    pages, urls = load_pages(args.limit)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="extract-body-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = {}
    for name, fn in EXTRACTORS.items():
        preds, speed = run(fn, pages, urls)
        results[name] = (score(preds, workdir, name), speed)
    print(f"{len(pages)} pages from {DATA}")
    print(f"{'extractor':30} {'F1':>6} {'prec':>6} {'recall':>6} {'exact':>6} {'tokF1':>6} {'pages/s':>8}")
    for name, (sc, speed) in results.items():
        b, t = sc["benchmark"], sc["tokens"]
        print(
            f"{name:30} {b['f1']:6.3f} {b['precision']:6.3f} {b['recall']:6.3f} "
            f"{b['exact']:6.3f} {t['f1']:6.3f} {speed:8.1f}"
        )
    if args.keep:
        (workdir / "summary.json").write_text(
            json.dumps({n: {"benchmark": s["benchmark"], "pages_per_s": v} for n, (s, v) in results.items()})
        )
    our_f1 = results["eventledger.extract"][0]["benchmark"]["f1"]
    bar = results["trafilatura (bare)"][0]["benchmark"]["f1"]
    if our_f1 < bar:
        print(f"FAIL: eventledger F1 {our_f1:.3f} is below bare trafilatura's {bar:.3f}")
        return 1
    print(f"ok: eventledger F1 {our_f1:.3f} >= bare trafilatura {bar:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
