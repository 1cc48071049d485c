"""Items 7 and 9 of issue 14: a hostile `published` is checked at the edge and cannot break incident linking."""

from __future__ import annotations

import hashlib
import json

import pytest

from eventledger.dedup import dedup_documents
from eventledger.model import Analysis, Document, Event, RawDocument, Span, TimeInterval
from eventledger.pipeline import process
from eventledger.store import open_store
from eventledger.validate import check_published

from .corpus import report


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-02-28", "2023-02-28"),
        ("2023-02-28T10:15:00Z", "2023-02-28T10:15:00Z"),
        ("2023-02-28T10:15:00+05:30", "2023-02-28T10:15:00+05:30"),
        ("2023-02-30", None),
        ("garbage-da", None),
        ("garbage-data", None),
        ("9999-12-31T99:99:99Z", None),
        ("9999-12-31", None),
        ("0001-01-01", None),
        ("2023-02-28T99:99", None),
        ("", None),
        (None, None),
    ],
)
def test_published_is_parsed_and_range_checked(value, expected):
    published, warning = check_published(value)
    assert published == expected
    assert (warning is None) == (expected is not None or not value)


def _record(i: int, published: str, variant: int = 0) -> str:
    return json.dumps({"text": report(i, variant), "title": f"Report {i}.{variant}", "published": published})


@pytest.mark.slow
def test_a_hostile_published_date_is_stored_as_unknown_and_the_batch_links(tmp_path, caplog, db_target):
    lines = [_record(1, "9999-12-31T99:99:99Z"), _record(2, "2023-02-30"), _record(3, "garbage-data")]
    lines += [_record(4, "2022-05-10"), _record(4, "2022-05-11", variant=1), _record(5, "2022-05-12")]
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join(lines) + "\n")
    with open_store(db_target) as store:
        assert [o.status for o in process([str(src)], store)] == ["stored"] * 6
        published = [r[0] for r in store.conn.execute("SELECT published FROM documents ORDER BY id")]
        assert published == [None, None, None, "2022-05-10", "2022-05-11", "2022-05-12"]
        # Every document's events were linked into incidents, and the two copies found each other.
        unlinked = store.conn.execute(
            "SELECT COUNT(*) FROM events WHERE id NOT IN (SELECT event_id FROM incident_events) AND status = 'asserted'"
        ).fetchone()[0]
        assert unlinked == 0
        assert store.conn.execute("SELECT COUNT(*) FROM document_links").fetchone()[0] >= 1
    warned = [r.getMessage() for r in caplog.records if "stored as unknown" in r.getMessage()]
    assert len(warned) == 3


def test_an_event_dated_at_the_end_of_the_calendar_does_not_stop_incident_linking(db_target):
    """Dates reaching year 10000 once raised ValueError for the rest of the batch, on every later run."""
    with open_store(db_target) as store:
        ids = []
        for i, day in enumerate(("9999-12-31", "2022-05-10", "2022-05-10")):
            body = f"Police detained {i + 3} people near the river crossing in the morning, a spokesman said."
            data = body.encode()
            sha = hashlib.sha256(data).hexdigest()
            raw = RawDocument(sha, f"r{i}.txt", "text", data, body, "text")
            doc = Document(sha, raw.source, "text", body, published="2022-05-10")
            ev = Event(type="ARREST", evidence=(Span.of(body, 0, 40),), status="asserted",
                       time=TimeInterval(day, day, "day"))  # fmt: skip
            ids.append(store.save(raw, Analysis(doc, (ev,))))
        dedup_documents(store.incident_tables(), ids)
        linked = store.conn.execute("SELECT COUNT(*) FROM incident_events").fetchone()[0]
        assert linked == 3
