"""Dedup and incident quality at scale, against the truth planted by ``benchmarks/synth.py``.

Why synthetic documents with events built from the truth: the figures measure the dedup
stage (copy detection, incident clustering, source counting), not extraction, and must
come from ≥ 20k documents whose true copy groups and incidents are known. Events carry the
perturbations an extractor shows (vaguer dates and places in retellings, dropped actors, a
swapped type, a different count) but no spaCy run is involved.

    .venv/bin/python benchmarks/scale.py [--docs 20000] [--seed 7] [--batch 500] [--db FILE|URL] [--shuffled]
                                         [--order published|generated] [--throughput local:1,local:2,ray:2]

Prints, with the targets of issue 8 beside them: copy-pair precision/recall (reprint
detection), incident B-cubed precision/recall/F1 over events, the share of true incidents
whose independent-source count comes out exact, conflict-flag precision/recall, the
documents/s of the dedup+incident stage (storing documents is timed apart), the per-batch CPU
and wall seconds by decile of the run (flat when a batch's cost follows the batch and the
incidents near it, not the database) and peak RSS. Documents arrive in publication order, as a
news desk ingests them (``--order generated``: story by story, at random dates).
The baseline in the same run is the naive answer GDELT-style pipelines give: every report
its own incident and every report its own source. ``--shuffled`` ingests the same documents
again in a random order (reprints before originals, retellings before what they retell) and
says how many incidents come out identical. ``--throughput`` then times the real ``ingest``
command with 1 and 2 workers (local processes and Ray) over the same documents, with peak RSS
and whether memory stays flat (``benchmarks/throughput.py``).

The generator and the thresholds were written together, so these figures are an upper bound
for real news; seed 7 was used for tuning, other seeds are the held-out check.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import SynthDoc, SynthEvent, generate  # noqa: E402

from eventledger.dedup import DocumentIndex, dedup_documents  # noqa: E402
from eventledger.model import (  # noqa: E402
    Actor,
    Analysis,
    Document,
    Event,
    Place,
    Quantity,
    RawDocument,
    Span,
    TimeInterval,
)
from eventledger.store import Store, open_store  # noqa: E402

logger = logging.getLogger("scale")

TARGETS = {"reprint_p": 0.95, "reprint_r": 0.95, "bcubed_f1": 0.85, "sources_exact": 0.90}


def to_records(doc: SynthDoc) -> tuple[RawDocument, Analysis]:
    data = doc.body.encode()
    sha = hashlib.sha256(f"{doc.id}\n".encode() + data).hexdigest()
    raw = RawDocument(sha, f"synth-{doc.id}", "text", data, doc.body, "text")
    document = Document(
        sha,
        raw.source,
        "text",
        doc.body,
        title=doc.title,
        published=doc.published,
        publisher=doc.publisher,
        original_publisher=doc.original_publisher,
        language="en",
    )
    return raw, Analysis(document, tuple(_event(e, _evidence(doc.body, e.evidence), doc.published) for e in doc.events))


def _evidence(body: str, sentence: str) -> Span:
    start = body.find(sentence) if sentence else -1
    if start < 0:  # a cut reprint lost the sentence: the extractor would cite the first one
        return Span.of(body, 0, body.find(".") + 1 or len(body))
    return Span.of(body, start, start + len(sentence))


def _event(e: SynthEvent, lead: Span, published: str) -> Event:
    time = (
        TimeInterval(e.time[0], e.time[1], e.time[2])
        if e.time
        else TimeInterval(published, published, "day", basis="document")
    )
    p = e.place
    places = (
        (
            Place(
                p["name"],
                None,
                p["lat"],
                p["lon"],
                p["geonameid"],
                p["country"],
                p["admin1"],
                None,
                p["precision"],
                tuple(p["admin_path"]),
            ),
        )
        if p
        else ()
    )
    quantities = (Quantity("people", e.count, e.count, "people"),) if e.count is not None else ()
    return Event(
        type=e.type,
        evidence=(lead,),
        status=e.status,
        places=places,
        time=time,
        actors=tuple(Actor(a, None, a, "group") for a in e.actors),
        quantities=quantities,
    )


def _pairs(groups: dict[int, int], truth: dict[int, int]) -> tuple[float, float]:
    """Pair precision and recall of a clustering (item -> cluster) against the truth."""

    def c2(n: int) -> int:
        return n * (n - 1) // 2

    both = sum(c2(n) for n in Counter((groups[i], truth[i]) for i in groups).values())
    pred = sum(c2(n) for n in Counter(groups.values()).values())
    true = sum(c2(n) for n in Counter(truth.values()).values())
    return (both / pred if pred else 1.0), (both / true if true else 1.0)


def _bcubed(pred: dict[int, int], truth: dict[int, int]) -> tuple[float, float, float]:
    cell = Counter((pred[i], truth[i]) for i in pred)
    psize, tsize = Counter(pred.values()), Counter(truth.values())
    p = sum(cell[(pred[i], truth[i])] / psize[pred[i]] for i in pred) / len(pred)
    r = sum(cell[(pred[i], truth[i])] / tsize[truth[i]] for i in pred) / len(pred)
    return p, r, 2 * p * r / (p + r)


def build(
    docs: list[SynthDoc], db: str, batch: int, times: list[tuple[float, float]] | None = None
) -> tuple[Store, dict[int, SynthDoc], float, float]:
    """Store ``docs`` in this order, then run the dedup stage over them in batches.

    Each batch's (wall, CPU) seconds go into ``times``: CPU time is what the batch itself cost,
    unmoved by other jobs on a shared machine.
    """
    store = open_store(db)
    if store.counts()["documents"]:
        sys.exit(f"{store.path} is not empty; give a new database")
    t0 = time.perf_counter()
    by_id: dict[int, SynthDoc] = {}
    for doc in docs:
        raw, analysis = to_records(doc)
        doc_id = store.save(raw, analysis)
        assert doc_id is not None
        by_id[doc_id] = doc
    t_store = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = DocumentIndex(store.incident_tables())
    ids = sorted(by_id)
    for i in range(0, len(ids), batch):
        t1, c1 = time.perf_counter(), time.process_time()
        dedup_documents(store.incident_tables(), ids[i : i + batch], index)
        if times is not None:
            times.append((time.perf_counter() - t1, time.process_time() - c1))
    return store, by_id, t_store, time.perf_counter() - t0


def measure(store: Store, by_id: dict[int, SynthDoc]) -> list[tuple[str, float, float | None, float | None]]:
    """Rows of (measure, ours, naive baseline, target)."""
    conn = store.conn
    # -- copies: pairs of documents in one predicted copy group vs one planted story
    origin = {r[0]: r[1] for r in conn.execute("SELECT document_id, origin_id FROM document_fingerprints")}
    story = {d: by_id[d].story for d in origin}
    copy_p, copy_r = _pairs(origin, story)
    naive_p, naive_r = _pairs({d: d for d in origin}, story)

    # -- incidents: B-cubed over events
    seq_truth, doc_of = {}, {}
    for r in conn.execute("SELECT id, document_id, seq FROM events"):
        seq_truth[r[0]] = by_id[r[1]].events[r[2]].incident
        doc_of[r[0]] = r[1]
    member = {r[0]: r[1] for r in conn.execute("SELECT event_id, incident_id FROM incident_events")}
    pred = {e: member.get(e, -e) for e in seq_truth}
    bp, br, bf = _bcubed(pred, seq_truth)
    sp, sr, sf = _bcubed({e: -e for e in seq_truth}, seq_truth)

    # -- independent sources and conflicts, per true incident
    listed = {i["id"]: i for i in store.incidents()}
    true_events: dict[int, list[int]] = defaultdict(list)
    for e, inc in seq_truth.items():
        true_events[inc].append(e)
    exact = exact_naive = exact_cluster = 0
    conflict_tp = conflict_fp = conflict_fn = 0
    for inc, events in true_events.items():
        docs_of = {doc_of[e] for e in events}
        truth_sources = len({by_id[d].source for d in docs_of})
        truth_counts = {by_id[d].events[s].count for d in docs_of for s in _seqs(by_id[d], inc)} - {None}
        winner = Counter(pred[e] for e in events).most_common(1)[0][0]
        got = listed.get(winner)
        exact += got is not None and got["n_independent_sources"] == truth_sources
        exact_cluster += got is not None and sorted(got["event_ids"]) == sorted(events)
        exact_naive += truth_sources == len(docs_of)
        flagged, planted = bool(got and got["conflict"]), len(truth_counts) > 1
        conflict_tp += flagged and planted
        conflict_fp += flagged and not planted
        conflict_fn += planted and not flagged
    n = len(true_events)
    return [
        ("reprint pair precision", copy_p, naive_p, TARGETS["reprint_p"]),
        ("reprint pair recall", copy_r, naive_r, TARGETS["reprint_r"]),
        ("incident B-cubed precision", bp, sp, None),
        ("incident B-cubed recall", br, sr, None),
        ("incident B-cubed F1", bf, sf, TARGETS["bcubed_f1"]),
        ("independent-source count exact (share)", exact / n, exact_naive / n, TARGETS["sources_exact"]),
        ("incident recovered exactly (share)", exact_cluster / n, None, None),
        ("conflict flag precision", conflict_tp / max(1, conflict_tp + conflict_fp), None, None),
        ("conflict flag recall", conflict_tp / max(1, conflict_tp + conflict_fn), None, None),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=500, help="documents per dedup call (incremental)")
    parser.add_argument("--db", help="a new SQLite file or an empty postgresql:// database (default: a temporary file)")
    parser.add_argument(
        "--order", choices=("published", "generated"), default="published",
        help="arrival order: by publication date (a desk's ingest) or as generated (story by story)",
    )  # fmt: skip
    parser.add_argument(
        "--shuffled", action="store_true",
        help="also ingest the same documents in a shuffled order and compare the incidents",
    )  # fmt: skip
    parser.add_argument(
        "--throughput", metavar="CONFIGS",
        help="also time the real `eventledger ingest` (parse, events, store, dedup) over the same documents, "
        "e.g. local:1,local:2,ray:2 (see benchmarks/throughput.py)",
    )  # fmt: skip
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")

    t0 = time.perf_counter()
    docs, incidents = generate(args.docs, args.seed)
    if args.order == "published":
        docs.sort(key=lambda d: d.published)  # stable: same-day documents keep their generated order
    t_gen = time.perf_counter() - t0
    tmp = tempfile.TemporaryDirectory()
    times: list[tuple[float, float]] = []
    store, by_id, t_store, t_dedup = build(docs, args.db or str(Path(tmp.name) / "scale.db"), args.batch, times)
    rows = measure(store, by_id)

    kinds = Counter(d.kind for d in docs)
    n_events = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    n_listed = len(store.incidents())
    print(
        f"documents: {len(docs)} ({dict(kinds)}), incidents planted: {len(incidents)}, events: {n_events}, "
        f"predicted incidents: {n_listed}"
    )
    print(f"{'measure':42} {'ours':>8} {'naive':>8} {'target':>8}")
    for name, ours, naive, target in rows:
        ok = "" if target is None else ("  ok" if ours >= target else "  BELOW TARGET")
        print(f"{name:42} {_fmt(ours):>8} {_fmt(naive):>8} {_fmt(target):>8}{ok}")
    print(
        f"dedup+incident stage: {len(docs) / t_dedup:.0f} documents/s ({t_dedup:.1f} s, batches of {args.batch}, "
        f"{args.order} order); "
        f"storing documents: {len(docs) / t_store:.0f} documents/s; generation {t_gen:.1f} s"
    )
    print(_batch_line("in order, CPU", [c for _, c in times]))
    print(_batch_line("in order, wall", [w for w, _ in times]))
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

    if args.shuffled:
        first = {json.dumps(i, sort_keys=True) for i in store.incident_partition()}
        store.close()
        shuffled = list(docs)
        random.Random(args.seed).shuffle(shuffled)
        shuffled_times: list[tuple[float, float]] = []
        other, other_by_id, _, _ = build(shuffled, str(Path(tmp.name) / "shuffled.db"), args.batch, shuffled_times)
        again = {json.dumps(i, sort_keys=True) for i in other.incident_partition()}
        rows = measure(other, other_by_id)
        print(
            f"shuffled order: {len(first & again)} of {len(first)} incidents identical (reports, type, counts, "
            f"conflict); B-cubed F1 {rows[4][1]:.3f}, sources exact {rows[5][1]:.3f}"
        )
        print(_batch_line("shuffled, CPU", [c for _, c in shuffled_times]))
        print(_batch_line("shuffled, wall", [w for w, _ in shuffled_times]))
        other.close()
    else:
        store.close()
    if args.throughput:
        import throughput

        throughput.report(args.docs, args.seed, args.throughput)


def _batch_line(label: str, times: list[float]) -> str:
    """Per-batch dedup times by decile of the run: flat when the cost does not grow with the database.

    Each decile shows the median of its batches, so that a pause caused by other load on the
    machine does not read as growth (run with a smaller ``--batch`` for more batches per decile).
    """
    if not times:
        return f"per-batch ({label}): no batches"
    n = len(times)
    deciles = [sorted(times[n * k // 10 : max(n * (k + 1) // 10, n * k // 10 + 1)]) for k in range(10)]
    means = [(d[(len(d) - 1) // 2] + d[len(d) // 2]) / 2 for d in deciles]
    ratio = means[-1] / means[0] if means[0] else float("inf")
    verdict = "flat" if ratio <= 1.5 else "GROWS"
    cells = " ".join(f"{m:.2f}" for m in means)
    return (
        f"per-batch seconds ({label}, {n} batches), median by decile: {cells}; "
        f"last/first {ratio:.2f} ({verdict}, goal <= 1.5)"
    )


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def _seqs(doc: SynthDoc, incident: int) -> list[int]:
    return [i for i, e in enumerate(doc.events) if e.incident == incident]


if __name__ == "__main__":
    main()
