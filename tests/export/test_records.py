"""The eval record: what happened goes to `events`, unrealised acts are kept apart, spans verbatim."""

from __future__ import annotations

from eventledger.export.records import eval_record, file_name
from eventledger.model import Analysis, Document, Event, Span

BODY = "The governor ordered police to disperse the crowd. Police fired tear gas at the crowd."


def _analysis() -> Analysis:
    doc = Document("ab" * 32, "/data/in/report.txt", "text", BODY, title="Crowd dispersed")
    order = Event("REQUEST", (Span.of(BODY, 0, 50),), status="asserted")
    ordered = Event("COERCE", (Span.of(BODY, 0, 50),), status="ordered")
    fired = Event("ASSAULT", (Span.of(BODY, 51, len(BODY)),), status="asserted")
    return Analysis(doc, (order, ordered, fired))


def test_ordered_acts_are_not_reported_as_events_but_are_kept():
    rec = eval_record(_analysis())
    assert [e["type"] for e in rec["events"]] == ["REQUEST", "ASSAULT"]
    assert [(e["type"], e["status"]) for e in rec["unrealised_events"]] == [("COERCE", "ordered")]


def test_evidence_is_written_with_offsets_and_text():
    rec = eval_record(_analysis())
    ev = rec["events"][1]["evidence"]
    assert ev == {"text": "Police fired tear gas at the crowd.", "start": 51, "end": len(BODY)}
    assert rec["document"]["text"][ev["start"] : ev["end"]] == ev["text"]


def test_file_name_keeps_the_record_fragment():
    assert file_name("/data/in/report.txt") == "report.txt"
    assert file_name("/feeds/wire.xml#item=3") == "wire.xml#item=3"
