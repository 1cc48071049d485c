"""Dev loop for the events stage on real reports: analyze, score, and a table of errors by kind.

Runs the whole ``analyze`` pipeline (the same code path as ``eventledger analyze``) over
``../shared/corpus/dev`` and ``../shared/corpus/seed``, prints the scorer's summary for each, and
then sorts every error of the dev run into one kind, with the evidence text, so a change can be
judged by what it fixes and what it breaks:

- ``false event``: an emitted event that matches no gold incident (or matches a listed not-event);
- ``duplicate``: one more event for an incident than it has places;
- ``missed``: a required incident with no event;
- ``type`` / ``place`` / ``time`` / ``actor`` / ``attribution``: a matched incident whose events
  get that attribute wrong.

The matching is the scorer's own (imported from ``../shared/eval/score_events.py``), so the
counts add up to its figures. Skips with a message when ``../shared`` is absent.

Usage: .venv/bin/python benchmarks/dev_events.py [--kind KIND] [--out DIR] [--no-seed]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from eventledger.export import eval_record
from eventledger.pipeline import process

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "eval" / "score_events.py"
KINDS = ("false event", "duplicate", "missed", "type", "place", "time", "actor", "attribution")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_events", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def analyze_dir(corpus: Path, out: Path) -> Path:
    """Analyse every report of ``corpus`` into one JSON-lines file in the scorer's contract."""
    with out.open("w", encoding="utf-8") as fh:
        for o in process([str(p) for p in sorted(corpus.glob("*.txt"))], None):
            if o.analysis is not None:
                fh.write(json.dumps(eval_record(o.analysis), ensure_ascii=False) + "\n")
    return out


def _brief(ev: dict) -> str:
    who = ",".join(a.get("text", "") for a in ev.get("actors") or [])
    where = ",".join(str(p.get("name")) for p in ev.get("locations") or [])
    when = (ev.get("time") or {}).get("start")
    by = (ev.get("attribution") or {}).get("text")
    text = ((ev.get("evidence") or {}).get("text") or "").replace("\n", " ")
    return f"{ev.get('type')} who={who!r} where={where!r} when={when} by={by!r} :: {text[:110]}"


def errors(sc, gold: dict, pred: dict | None) -> list[tuple[str, str]]:
    """(kind, description) for every error in one document, by the scorer's matching."""
    out: list[tuple[str, str]] = []
    incidents = gold["incidents"]
    by_inc: dict[str, list[dict]] = {}
    for ev in (pred or {}).get("events") or []:
        etext = (ev.get("evidence") or {}).get("text") or ""
        best, score = None, 0.0
        for inc in incidents:
            for key in inc["keys"]:
                s = sc.overlap(key, etext)
                if s > score:
                    best, score = inc, s
        not_event = max((sc.overlap(k, etext) for k in gold.get("not_events", [])), default=0.0)
        if len(sc.tokens(etext)) > sc.MAX_EVIDENCE_TOKENS or best is None or score < sc.MATCH_THRESHOLD:
            out.append(("false event", _brief(ev)))
        elif not_event > score:
            out.append(("false event", "[not-event] " + _brief(ev)))
        else:
            by_inc.setdefault(best["id"], []).append(ev)
    for inc in incidents:
        evs = by_inc.get(inc["id"], [])
        if inc.get("optional"):
            continue
        if not evs:
            out.append(("missed", f"{inc['id']} {inc['types']} {inc['what']} :: {inc['keys'][0][:100]}"))
            continue
        allowed = max(1, len([g for g in inc.get("locations", []) if "lat" in g]))
        for ev in evs[allowed:]:
            out.append(("duplicate", f"{inc['id']} " + _brief(ev)))
        head = f"{inc['id']} {inc['what'][:60]}"
        if not any(str(e.get("type", "")).upper() in inc["types"] for e in evs):
            out.append(("type", f"{head}: gold {inc['types']} got {[e.get('type') for e in evs]}"))
        if not sc.location_ok(inc.get("locations", []), evs):
            got = [(p.get("name"), p.get("country")) for e in evs for p in e.get("locations") or []]
            want = [(g.get("lat"), g.get("lon"), g.get("country")) for g in inc.get("locations", [])]
            out.append(("place", f"{head}: gold {want} got {got}"))
        if not sc.time_ok(inc.get("time"), evs):
            out.append(("time", f"{head}: gold {inc.get('time')} got {[e.get('time') for e in evs]}"))
        if not sc.keywords_ok(inc.get("actors"), [t for e in evs for t in sc.texts(e.get("actors"))]):
            got = [a.get("text") for e in evs for a in e.get("actors") or []]
            out.append(("actor", f"{head}: gold {inc.get('actors')} got {got}"))
        if not sc.keywords_ok(inc.get("attribution"), [t for e in evs for t in sc.texts(e.get("attribution"))]):
            got = [(e.get("attribution") or {}).get("text") for e in evs]
            out.append(("attribution", f"{head}: gold {inc.get('attribution')} got {got}"))
    return out


def summary(sc, corpus: Path, pred_path: Path) -> dict:
    preds = sc.load_predictions(pred_path)
    tot = Counter()
    attrs = Counter()
    for gpath in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        r = sc.score_document(gold, preds.get(gold["file"]), False)
        tot.update(tp=r["true_positive"], fp=r["false_positive"], inc=r["incidents"], found=r["incidents_found"])
        attrs.update(r["attributes"])
    p = tot["tp"] / (tot["tp"] + tot["fp"]) if tot["tp"] + tot["fp"] else 0.0
    r = tot["found"] / tot["inc"] if tot["inc"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = {k: round(v / tot["inc"], 3) for k, v in attrs.items()} if tot["inc"] else {}
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3), "attributes": acc}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kind", action="append", help="print only these kinds (repeatable)")
    ap.add_argument("--out", default=tempfile.gettempdir(), help="folder for the JSON-lines outputs")
    ap.add_argument("--no-seed", action="store_true")
    args = ap.parse_args(argv)
    if not SCORER.exists() or not (SHARED / "corpus" / "dev").is_dir():
        print(f"skipped: {SHARED} (corpus/dev and eval/score_events.py) is not present")
        return 0
    sc = _scorer()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    dev = SHARED / "corpus" / "dev"
    dev_pred = analyze_dir(dev, out / "dev_events.jsonl")
    table: Counter = Counter()
    lines: list[str] = []
    preds = sc.load_predictions(dev_pred)
    for gpath in sorted(dev.glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        for kind, text in errors(sc, gold, preds.get(gold["file"])):
            table[kind] += 1
            if not args.kind or kind in args.kind:
                lines.append(f"[{kind}] {gold['file'][:28]} {text}")
    print("\n".join(lines))
    print("\nerrors by kind (dev):")
    for kind in KINDS:
        print(f"  {kind:<12} {table[kind]:>4}")
    print("dev :", json.dumps(summary(sc, dev, dev_pred)))
    if not args.no_seed:
        seed = SHARED / "corpus" / "seed"
        print("seed:", json.dumps(summary(sc, seed, analyze_dir(seed, out / "seed_events.jsonl"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
