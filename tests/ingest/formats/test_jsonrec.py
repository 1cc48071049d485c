from __future__ import annotations

import hashlib
import io

import pytest

from eventledger.errors import CorruptInput, EmptyInput
from eventledger.ingest.failure import Failure
from eventledger.ingest.formats.jsonrec import build_record, read_json_document, read_json_lines
from eventledger.model import RawDocument


def test_record_with_aliases() -> None:
    value = {
        "body": "Ten boats were counted.",
        "link": "https://news.example/boats",
        "headline": "Boats",
        "date": "2024-03-05",
        "authors": [{"name": "R. Ode"}, "T. Ide"],
        "source": {"name": "Harbour Post"},
    }
    doc = build_record("f.json", b"{}", value, "utf-8")
    assert doc.meta == {
        "url": "https://news.example/boats",
        "title": "Boats",
        "published": "2024-03-05",
        "author": "R. Ode, T. Ide",
        "publisher": "Harbour Post",
    }
    assert (doc.content, doc.media, doc.format) == ("Ten boats were counted.", "text", "json")


def test_html_key_wins_and_is_html() -> None:
    doc = build_record("f", b"{}", {"text": "plain", "html": "<p>marked</p>"}, "utf-8")
    assert (doc.content, doc.media) == ("<p>marked</p>", "html")


def test_content_alias_holding_markup_is_html() -> None:
    doc = build_record("f", b"{}", {"content": "<div><p>Rain</p></div>"}, "utf-8")
    assert doc.media == "html"


def test_record_without_text_says_which_keys_it_has() -> None:
    with pytest.raises(EmptyInput, match=r"no text or html field \(keys: title, url\)"):
        build_record("f", b"{}", {"title": "t", "url": "u"}, "utf-8")


def test_record_that_is_not_an_object() -> None:
    with pytest.raises(CorruptInput, match="JSON record is a list, expected an object"):
        build_record("f", b"[]", [1, 2], "utf-8")


def test_jsonl_lines_are_records_with_their_own_bytes() -> None:
    lines = b'{"text": "Alpha report."}\n\n{"text": "Beta report.", "url": "u2"}\r\n'
    docs = list(read_json_lines("f.jsonl", io.BytesIO(lines), 1000))
    assert [d.source for d in docs] == ["f.jsonl#line=1", "f.jsonl#line=3"]
    assert isinstance(docs[1], RawDocument)
    assert docs[1].data == b'{"text": "Beta report.", "url": "u2"}'
    assert docs[1].sha256 == hashlib.sha256(docs[1].data).hexdigest()


def test_malformed_line_fails_alone() -> None:
    lines = b'{"text": "one"}\n{"text": "two"}\n{"text": oops}\n{"text": "four"}\n'
    got = list(read_json_lines("f.jsonl", io.BytesIO(lines), 1000))
    assert [type(g).__name__ for g in got] == ["RawDocument", "RawDocument", "Failure", "RawDocument"]
    assert got[2] == Failure("f.jsonl#line=3", "malformed JSON: Expecting value at column 10")


def test_single_line_file_is_addressed_by_its_path() -> None:
    (doc,) = read_json_lines("one.jsonl", io.BytesIO(b'{"text": "Only one."}\n'), 1000)
    assert isinstance(doc, RawDocument)
    assert doc.source == "one.jsonl"


def test_overlong_line_fails_and_the_next_line_is_read() -> None:
    lines = b'{"text": "' + b"x" * 500 + b'"}\n{"text": "short"}\n'
    got = list(read_json_lines("f.jsonl", io.BytesIO(lines), 100))
    assert got[0] == Failure("f.jsonl#line=1", "line is over the 100 bytes limit")
    assert isinstance(got[1], RawDocument) and got[1].source == "f.jsonl#line=2"


def test_blank_lines_only() -> None:
    with pytest.raises(EmptyInput):
        list(read_json_lines("f.jsonl", io.BytesIO(b"\n\n"), 1000))


def test_array_elements_keep_their_exact_slice() -> None:
    data = b'[\n  {"text": "First."},\n  {"title": "none"},\n  {"text": "Third.", "date": "2024"}\n]'
    got = list(read_json_document("a.json", data))
    assert [g.source for g in got] == ["a.json#record=1", "a.json#record=2", "a.json#record=3"]
    assert isinstance(got[0], RawDocument) and got[0].data == b'{"text": "First."}'
    assert isinstance(got[1], Failure)
    assert isinstance(got[2], RawDocument) and got[2].meta == {"published": "2024"}


def test_truncated_array_is_corrupt_after_the_good_elements() -> None:
    gen = read_json_document("a.json", b'[{"text": "First."}, {"text": "Sec')
    assert isinstance(next(gen), RawDocument)
    with pytest.raises(CorruptInput, match="malformed JSON"):
        next(gen)


def test_empty_array() -> None:
    with pytest.raises(EmptyInput, match="JSON array is empty"):
        list(read_json_document("a.json", b"[ ]"))


def test_single_object_document_uses_the_whole_file() -> None:
    data = b'{\n  "text": "Whole.",\n  "title": "T"\n}\n'
    (doc,) = read_json_document("o.json", data)
    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.data, doc.meta) == ("o.json", data, {"title": "T"})
