from __future__ import annotations

import gzip
import hashlib
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventledger.errors import EmptyInput
from eventledger.ingest.failure import Failure
from eventledger.ingest.formats.warc import read_warc
from eventledger.model import RawDocument

KOREAN = "<p>항구에 배 열 척이 들어왔다.</p>"


def build_warc(gz: bool, responses: list[tuple[str, str, bytes]], extra_headers=()) -> bytes:  # noqa: ANN001
    """A WARC with a warcinfo record, then one response per (url, content type, body)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for url, ctype, body in responses:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype), *extra_headers], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-04-01T12:00:00Z"},
        )
        writer.write_record(record)
    return buf.getvalue()


PAGES = [
    ("https://port.example/ships", "text/html; charset=euc-kr", KOREAN.encode("euc-kr")),
    ("https://port.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\nxx"),
    ("https://port.example/note.txt", "text/plain", b"Harbour closed for the storm."),
]


def _read(data: bytes, gz: bool, cap: int = 1_000_000) -> list[RawDocument | Failure]:
    return list(read_warc("w.warc", io.BytesIO(data), cap, gzipped=gz))


def test_html_and_text_responses_become_documents() -> None:
    got = _read(build_warc(False, PAGES), gz=False)
    assert [g.source for g in got] == ["w.warc#record=2", "w.warc#record=4"]
    html, text = got
    assert isinstance(html, RawDocument) and isinstance(text, RawDocument)
    assert (html.format, html.media, html.encoding, html.content) == ("warc", "html", "euc_kr", KOREAN)
    assert html.data == KOREAN.encode("euc-kr")
    assert html.sha256 == hashlib.sha256(html.data).hexdigest()
    assert html.meta == {
        "url": "https://port.example/ships",
        "fetched": "2024-04-01T12:00:00Z",
        "content_type": "text/html; charset=euc-kr",
    }
    assert (text.media, text.content) == ("text", "Harbour closed for the storm.")


def test_gzipped_warc_gives_the_same_documents() -> None:
    plain = _read(build_warc(False, PAGES), gz=False)
    packed = _read(build_warc(True, PAGES), gz=True)
    assert [(d.source, d.sha256) for d in packed] == [(d.source, d.sha256) for d in plain]


def test_content_encoding_gzip_payload_is_decoded() -> None:
    body = gzip.compress(b"<p>Compressed on the wire.</p>")
    data = build_warc(False, [("https://x.example/", "text/html", body)], [("Content-Encoding", "gzip")])
    (doc,) = _read(data, gz=False)
    assert isinstance(doc, RawDocument)
    assert doc.content == "<p>Compressed on the wire.</p>"


def test_truncated_plain_warc_yields_records_before_the_break() -> None:
    data = build_warc(False, PAGES)
    got = _read(data[:-20], gz=False)
    assert isinstance(got[0], RawDocument)
    assert got[1:] == [Failure("w.warc#record=4", "truncated WARC: the file ends inside this record")]


def test_truncated_gzip_warc_yields_records_before_the_break() -> None:
    data = build_warc(True, PAGES)
    got = _read(data[:-40], gz=True)
    assert isinstance(got[0], RawDocument) and got[0].source == "w.warc#record=2"
    assert len(got) == 2 and isinstance(got[1], Failure)
    assert got[1].source.startswith("w.warc")
    assert "truncated gzip" in got[1].reason


def test_break_inside_headers_is_one_failure() -> None:
    data = build_warc(False, PAGES)
    third = data.index(b"WARC/1.0", data.index(b"port.example/ships"))  # the image record
    got = _read(data[: third + 30], gz=False)
    assert isinstance(got[0], RawDocument)
    assert got[1:] == [Failure("w.warc#record=3", "truncated WARC: the file ends inside this record's headers")]


def test_garbage_after_a_record_is_one_failure() -> None:
    data = build_warc(False, PAGES[:1]) + b"WARC/9 nonsense\r\n\r\n"
    got = _read(data, gz=False)
    assert isinstance(got[0], RawDocument)
    assert len(got) == 2
    assert got[1].source == "w.warc#record=3"
    assert got[1].reason.startswith("truncated or corrupt WARC record")


def test_payload_over_the_cap_fails_alone() -> None:
    big = ("https://x.example/big", "text/html", b"<p>" + b"word " * 100 + b"</p>")
    got = _read(build_warc(False, [big, PAGES[2]]), gz=False, cap=200)
    assert got[0] == Failure("w.warc#record=2", "response payload is over the 200 bytes limit")
    assert isinstance(got[1], RawDocument)


def test_warc_without_pages_is_empty() -> None:
    with pytest.raises(EmptyInput, match=r"^WARC holds no HTML or text response records \(2 records read\)$"):
        _read(build_warc(False, [PAGES[1]]), gz=False)


def test_bad_content_length_is_logged_not_printed(capsys: pytest.CaptureFixture[str], caplog) -> None:  # noqa: ANN001
    data = build_warc(False, PAGES[:1])
    data = data.replace(b"Content-Length: ", b"Content-Length: 1", 1)  # warcinfo now claims too many bytes
    _read_safely(data)
    assert capsys.readouterr().err == ""
    assert "not followed by a blank line" in caplog.text


def _read_safely(data: bytes) -> list[RawDocument | Failure]:
    try:
        return _read(data, gz=False)
    except EmptyInput:
        return []
