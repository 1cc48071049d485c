"""Digests of everything the pipeline writes, to show a refactor changed no output.

    .venv/bin/python benchmarks/output_digest.py [--synth 3000] > after.json

Prints one SHA-256 per output, as JSON:

- ``analyze``: the ``analyze`` records of the seed report (when ``../shared`` is beside the
  checkout) and of every file under ``examples/``;
- ``ingest_eval`` / ``ingest_incidents``: the eval export and the incident list of a database
  built from the same inputs by ``Store.ingest``;
- ``synth_eval`` / ``synth_incidents`` / ``synth_links``: the same for ``--synth`` synthetic documents
  (``benchmarks/synth.py``, seed 7) stored with events built from their truth and linked and
  clustered by the dedup stage in batches of 500 (no NLP involved).

Run it before and after a change and diff the two outputs; ``tests/test_same_outputs.py`` pins the
synthetic digests, which depend only on the store, dedup and export code.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import eventledger  # noqa: E402
from eventledger.dedup import DocumentIndex, dedup_documents  # noqa: E402
from eventledger.store.incidents import document_links  # noqa: E402

SEED = ROOT.parent / "shared" / "corpus" / "seed" / "000_07f477c05606186a.txt"


def digest(obj: Any) -> str:
    """SHA-256 of a JSON value (keys sorted) or of a string."""
    text = obj if isinstance(obj, str) else json.dumps(obj, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def real_inputs() -> list[str]:
    """The seed report (if present) and the examples, in a fixed order."""
    return ([str(SEED)] if SEED.is_file() else []) + sorted(str(p) for p in (ROOT / "examples").iterdir())


def synth_digests(n_docs: int, db: str) -> dict[str, Any]:
    """Store ``n_docs`` synthetic documents, link and cluster them, and digest what comes out."""
    from scale import to_records
    from synth import generate

    docs, _ = generate(n_docs, 7)
    with eventledger.open_store(db) as store:
        ids = [store.database.save(*to_records(doc)) for doc in docs]
        tables = store.database.incident_tables()
        index = DocumentIndex(tables)
        for i in range(0, len(ids), 500):
            dedup_documents(tables, [d for d in ids[i : i + 500] if d is not None], index)
        buf = io.StringIO()
        store.export("eval", buf)
        incidents = store.incidents()
        return {
            "synth_eval": digest(buf.getvalue()),
            "synth_incidents": digest(incidents),
            "synth_links": digest(document_links(tables.conn)),
            "n_synth_incidents": len(incidents),
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--synth", type=int, default=3000, help="synthetic documents (default 3000)")
    args = ap.parse_args(argv)
    inputs = real_inputs()
    out: dict[str, Any] = {}
    out["analyze"] = digest([a.to_record() for path in inputs for a in eventledger.analyze_file(path)])
    with tempfile.TemporaryDirectory() as tmp:
        with eventledger.open_store(f"{tmp}/real.db") as store:
            store.ingest(inputs)
            buf = io.StringIO()
            store.export("eval", buf)
            out["ingest_eval"] = digest(buf.getvalue())
            out["ingest_incidents"] = digest(store.incidents())
        out |= synth_digests(args.synth, f"{tmp}/synth.db")
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
