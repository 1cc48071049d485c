"""Items 11 and 12 of issue 14, one by one: deep JSON, printed names, encoding guesses, huge pages, review dates."""

from __future__ import annotations

import hashlib
import logging

from sample_reports import seed

from eventledger.ingest import read_inputs
from eventledger.model import RawDocument
from eventledger.outputs import printable
from eventledger.store import open_store
from eventledger.store.reviews import rebuild_state, review
from eventledger.validate import MAX_ELEMENTS, check_page

from .corpus import report


def test_a_100k_deep_json_line_is_a_clear_failure(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.jsonl").write_text('{"text": "x", "n": ' + deep + "}\n" + '{"text": "fine text here"}\n')
    (tmp_path / "deep.json").write_text('[{"text": "x", "n": ' + deep + "}]")
    items = list(read_inputs([str(tmp_path)]))
    reasons = sorted(getattr(i, "reason", "") for i in items if hasattr(i, "reason"))
    assert reasons and all("nested too deeply" in r for r in reasons), reasons
    assert not any("internal error" in r for r in reasons)
    assert len([i for i in items if isinstance(i, RawDocument)]) == 1


def test_printed_names_cannot_forge_lines_or_drive_the_terminal():
    assert printable("a\nfailed: b.txt: x\x1b[2J\r\u202e.txt") == "a\\nfailed: b.txt: x\\x1b[2J\\r\\u202e.txt"
    assert printable("plain name – ünïcode.txt") == "plain name – ünïcode.txt"


def test_an_encoding_guess_is_reported_with_the_file_name(tmp_path, caplog):
    path = tmp_path / "latin.txt"
    path.write_bytes(report(1).replace("Security", "Sécurité").encode("cp1252") + b" \x81\x8d\xff \xc3\x28 end.\n")
    (tmp_path / "utf8.txt").write_text(report(2).replace("Security", "Sécurité") + "\n")
    with caplog.at_level(logging.WARNING):
        items = list(read_inputs([str(tmp_path)]))
    assert len(items) == 2
    warned = [r.getMessage() for r in caplog.records if "guessed" in r.getMessage()]
    assert len(warned) == 1 and str(path) in warned[0]


def test_a_page_of_a_million_tiny_elements_is_refused_before_extraction():
    body = "<html><body>" + "<i>a</i>" * 1_000_000 + "</body></html>"
    data = body.encode()
    raw = RawDocument(hashlib.sha256(data).hexdigest(), "tiny.html", "html", data, body, "html")
    try:
        check_page(raw)
    except Exception as exc:  # noqa: BLE001 - the type is checked below
        assert type(exc).__name__ == "CorruptInput" and "over the limit" in str(exc)
    else:
        raise AssertionError("not refused")
    normal = "<html><body>" + "<p>text</p>" * (MAX_ELEMENTS // 4) + "</body></html>"
    check_page(RawDocument("0" * 64, "ok.html", "html", normal.encode(), normal, "html"))


def test_rebuild_state_keeps_when_the_reviewer_decided(tmp_path):
    with open_store(str(tmp_path / "x.db")) as store:
        seed(store)
        review(store, 1, "accept", "ana")
        review(store, 2, "correct", "ana", fields={"mode": "riot"})
        store.conn.execute("UPDATE reviews SET at = '2020-01-02T03:04:05+00:00'")
        store.conn.execute("UPDATE review_state SET reviewed_at = '2020-01-02T03:04:05+00:00'")
        rebuild_state(store)
        stamps = {r[0] for r in store.conn.execute("SELECT reviewed_at FROM review_state")}
        assert stamps == {"2020-01-02T03:04:05+00:00"}
