"""Item 5 (and 11) of issue 14: cost linear in text length; long texts in sections; a clear line past the limit."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

import pytest

from eventledger import sections
from eventledger.geo.tagger import recognizer
from eventledger.model import Analysis, Document, Event, Span, Timex, Toponym

from .corpus import report

CLI = [sys.executable, "-c", "from eventledger.cli import main; main()"]


def test_sections_cover_the_body_and_cut_at_boundaries():
    body = " ".join(report(i) for i in range(200))  # one paragraph, ~60k characters
    cuts = sections.bounds(body, 5_000)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(body)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:], strict=False))
    assert all(0 < end - start <= 5_000 for start, end in cuts)
    assert all(body[end - 1].isspace() for _, end in cuts[:-1]), "cut after a sentence or word, never inside one"
    # No whitespace at all: cut anyway, never loop.
    assert sections.bounds("x" * 12_001, 5_000) == [(0, 5_000), (5_000, 10_000), (10_000, 12_001)]


def test_joined_sections_keep_every_span_in_the_whole_body():
    body = "Alpha happened here. " * 40 + "Bravo happened there. " * 40
    doc = Document("0" * 64, "x.txt", "text", body)
    pieces, owners = sections.split([doc], 300)
    assert len(pieces) > 2
    analyses = []
    for piece in pieces:
        start = piece.body.index("happened")
        span = Span.of(piece.body, start, start + 8)
        ev = Event(type="OTHER", evidence=(span,), trigger=span)
        analyses.append(Analysis(piece, (ev,), (Timex(span, "DATE", "2020"),), (Toponym(span, None),)))
    [whole] = sections.join([doc], owners, analyses)
    assert whole.document is doc and len(whole.events) == len(pieces)
    assert all(s.holds_in(body) for s in whole.spans())


class _CountingDoc:
    """A spaCy Doc that counts how often its text is rebuilt."""

    def __init__(self, doc) -> None:
        self._doc, self.text_reads = doc, 0

    @property
    def text(self) -> str:
        self.text_reads += 1
        return self._doc.text

    def __getattr__(self, name):
        return getattr(self._doc, name)

    def __iter__(self):
        return iter(self._doc)

    def __len__(self) -> int:
        return len(self._doc)

    def __getitem__(self, i):
        return self._doc[i]


@pytest.mark.slow
def test_geo_recognition_does_not_rebuild_the_text_per_gazetteer_hit(nlp):
    text = " ".join(report(i) for i in range(60))
    doc = _CountingDoc(nlp(text))
    mentions = recognizer()(text, doc)
    assert len(mentions) > 50, "the text must have many gazetteer hits"
    assert doc.text_reads <= 2, f"doc.text rebuilt {doc.text_reads} times (once per hit is quadratic)"


@pytest.mark.slow
def test_analyze_a_one_megabyte_single_paragraph(tmp_path):
    """Completes in sections with every span in the body; time and memory are measured, memory bounded."""
    parts, n, i = [], 0, 0
    while n < 1_000_000:
        parts.append(report(i))
        n += len(parts[-1]) + 1
        i += 1
    text = " ".join(parts)[:1_000_000].rsplit(" ", 1)[0] + "."
    assert "\n" not in text
    src = tmp_path / "big.txt"
    src.write_text(text + "\n")
    out = tmp_path / "big.jsonl"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    run = subprocess.run([*CLI, "analyze", str(src), "-o", str(out)], capture_output=True, text=True, timeout=900)
    took = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"analyze of a 1 MB paragraph: {took:.1f} s, max RSS of a child {rss_mb:.0f} MB (before: {before / 1024:.0f})"
    )
    assert run.returncode == 0, run.stderr
    [rec] = [json.loads(line) for line in out.read_text().splitlines()]
    body = rec["document"]["text"]
    assert body == text and len(sections.bounds(body)) > 40
    starts = [e["evidence"]["start"] for e in rec["events"]]
    assert all(body[e["evidence"]["start"] : e["evidence"]["end"]] == e["evidence"]["text"] for e in rec["events"])
    assert max(starts) > 900_000, "the last section was analysed too"
    assert rss_mb < 1024


@pytest.mark.slow
def test_a_text_past_the_nlp_limit_is_refused_with_one_line_and_the_batch_goes_on(tmp_path):
    (tmp_path / "huge.txt").write_text(("word " * 10 + ". ") * (sections.MAX_NLP_CHARS // 50 + 10))
    (tmp_path / "fine.txt").write_text(report(1) + "\n")
    db = tmp_path / "x.db"
    run = subprocess.run([*CLI, "ingest", str(tmp_path), "--db", str(db)], capture_output=True, text=True)
    assert run.returncode == 3
    assert run.stdout.startswith("ingested 1, already present 0, failed 1")
    [line] = [x for x in run.stderr.splitlines() if x.startswith("failed:")]
    assert "over the 2,000,000-character limit" in line and "internal error" not in line
    assert "Traceback" not in run.stderr
