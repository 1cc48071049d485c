"""Would a learned type classifier beat the trigger rules? A measurement, not a pipeline stage.

Trains two small numpy classifiers on the 322 PLOVER example sentences
(``../shared/data/events/plover_gsr_cameo.jsonl``) and reports their 10-fold cross-validated
accuracy at naming each sentence's PLOVER type: multinomial naive Bayes and a nearest centroid
over spaCy lemma, verb-lemma and verb+complement features of the project's own parse. Compare
with ``benchmarks/plover_examples.py`` ("type produced"), the rules on the same sentences.
It also trains the naive Bayes on the PETRARCH validation records
(``petrarch_validation.jsonl``, the first expected event's PLOVER type) and scores it on all
PLOVER sentences: a transfer figure with no sentence scored that was trained on.

Usage: .venv/bin/python benchmarks/type_classifier_baseline.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from eventledger.annotate import load_nlp

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "events" / "plover_gsr_cameo.jsonl"
PETRARCH = DATA.with_name("petrarch_validation.jsonl")
FOLDS = 10


def features(doc) -> list[str]:
    out = []
    for tok in doc:
        if tok.is_stop or tok.is_punct or tok.like_num or tok.ent_type_:
            continue
        out.append(tok.lemma_.lower())
        if tok.pos_ == "VERB":
            out.append("V:" + tok.lemma_.lower())
        if tok.dep_ in {"dobj", "xcomp", "ccomp"} and tok.head.pos_ == "VERB":
            out.append(f"VO:{tok.head.lemma_.lower()}_{tok.lemma_.lower()}")
    return out


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} is not present")
        return 0
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    feats = [features(d) for d in load_nlp().pipe(r["text"] for r in rows)]
    vocab = {w: i for i, w in enumerate(sorted({w for f in feats for w in f}))}
    labels = sorted({r["event"] for r in rows})
    y = np.array([labels.index(r["event"]) for r in rows])
    counts = np.zeros((len(rows), len(vocab)))
    for i, f in enumerate(feats):
        for w in f:
            counts[i, vocab[w]] += 1
    binary = (counts > 0).astype(float)
    binary /= np.maximum(np.linalg.norm(binary, axis=1, keepdims=True), 1e-9)
    folds = np.array_split(np.random.default_rng(0).permutation(len(rows)), FOLDS)
    right = {"naive Bayes": 0, "nearest centroid": 0}
    for k in range(FOLDS):
        test = folds[k]
        train = np.concatenate([folds[j] for j in range(FOLDS) if j != k])
        per_class = np.stack([counts[train][y[train] == c].sum(0) for c in range(len(labels))]) + 0.5
        log_p = np.log(per_class / per_class.sum(1, keepdims=True))
        prior = np.log(np.bincount(y[train], minlength=len(labels)) + 1)
        right["naive Bayes"] += int(((counts[test] @ log_p.T + prior).argmax(1) == y[test]).sum())
        cent = np.stack([binary[train][y[train] == c].mean(0) for c in range(len(labels))])
        cent /= np.maximum(np.linalg.norm(cent, axis=1, keepdims=True), 1e-9)
        right["nearest centroid"] += int(((binary[test] @ cent.T).argmax(1) == y[test]).sum())
    for name, n in right.items():
        print(f"{name:<17} {n / len(rows):.3f} ({n}/{len(rows)}, {FOLDS}-fold cross-validation)")
    if PETRARCH.exists():
        _transfer(rows, feats, labels, y)
    return 0


def _petrarch_label(rec: dict) -> str | None:
    for exp in rec.get("expected") or []:
        label = exp.get("plover") or (exp.get("plover_table_lookup") or {}).get("plover")
        if label:
            return label
    return None


def _transfer(rows: list[dict], feats: list[list[str]], labels: list[str], y) -> None:
    """Naive Bayes trained on PETRARCH validation sentences, scored on every PLOVER sentence."""
    recs = [json.loads(line) for line in PETRARCH.read_text(encoding="utf-8").splitlines() if line.strip()]
    recs = [r for r in recs if _petrarch_label(r) in labels]
    train = [features(d) for d in load_nlp().pipe(r["text"] for r in recs)]
    vocab = {w: i for i, w in enumerate(sorted({w for f in train + feats for w in f}))}

    def matrix(fs: list[list[str]]):
        m = np.zeros((len(fs), len(vocab)))
        for i, f in enumerate(fs):
            for w in f:
                m[i, vocab[w]] += 1
        return m

    ty = np.array([labels.index(_petrarch_label(r)) for r in recs])
    xtr, xte = matrix(train), matrix(feats)
    per_class = np.stack([xtr[ty == c].sum(0) for c in range(len(labels))]) + 0.5
    log_p = np.log(per_class / per_class.sum(1, keepdims=True))
    prior = np.log(np.bincount(ty, minlength=len(labels)) + 1)
    n = int(((xte @ log_p.T + prior).argmax(1) == y).sum())
    print(f"naive Bayes, trained on {len(recs)} PETRARCH records: {n / len(rows):.3f} ({n}/{len(rows)} PLOVER)")


if __name__ == "__main__":
    sys.exit(main())
