from __future__ import annotations

import codecs
import gzip
import hashlib
import io
from pathlib import Path

from eventledger.ingest.failure import Failure
from eventledger.ingest.reader import read_file
from eventledger.model import RawDocument

STORY = "Floodwater reached the market square on Tuesday. Traders moved stock to upper floors."


def _one(path: Path, cap: int = 1_000_000) -> RawDocument | Failure:
    (item,) = read_file(str(path), cap)
    return item


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    doc = _one(path)
    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.format, doc.media, doc.encoding) == (str(path), "text", "text", "utf-8")
    assert doc.sha256 == hashlib.sha256(STORY.encode()).hexdigest()


def test_format_comes_from_content_not_extension(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"<html><body><p>{STORY}</p></body></html>")
    doc = _one(path)
    assert isinstance(doc, RawDocument) and doc.format == "html"


def test_gzipped_html(tmp_path: Path) -> None:
    page = f"<html><body><p>{STORY}</p></body></html>".encode()
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(page))
    doc = _one(path)
    assert isinstance(doc, RawDocument)
    assert (doc.format, doc.media, doc.content) == ("html", "html", page.decode())
    assert doc.data == path.read_bytes()
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_gzipped_json_lines_are_streamed(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "One."}\n{"text": "Two."}\n'))
    got = list(read_file(str(path), 1000))
    assert [g.source for g in got] == [f"{path}#line=1", f"{path}#line=2"]


def test_truncated_gzipped_json_lines_end_with_a_failure(tmp_path: Path) -> None:
    lines = b"".join(b'{"text": "Report number %d."}\n' % i for i in range(5000))
    path = tmp_path / "items.jsonl.gz"
    path.write_bytes(gzip.compress(lines)[:-500])
    got = list(read_file(str(path), 1_000_000))
    assert all(isinstance(g, RawDocument) for g in got[:-2])
    assert got[-1] == Failure(str(path), "truncated gzip: the compressed stream ends early")


def test_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(f"<p>{STORY}</p>".encode() * 50)[:40])
    assert _one(path) == Failure(str(path), "truncated gzip: the compressed stream ends early")


def test_gzip_over_the_cap_after_decompression(tmp_path: Path) -> None:
    path = tmp_path / "big.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"flood " * 10_000 + b"</p>"))
    assert _one(path, cap=5000) == Failure(str(path), "decompressed size is over the 5000 bytes limit")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _one(path) == Failure(str(path), "empty file")


def test_empty_gzip(tmp_path: Path) -> None:
    path = tmp_path / "empty.gz"
    path.write_bytes(gzip.compress(b""))
    assert _one(path) == Failure(str(path), "empty file after decompression")


def test_whitespace_only(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \n\t\r\n ")
    assert _one(path) == Failure(str(path), "holds only whitespace")


def test_png_is_named(tmp_path: Path) -> None:
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert _one(path) == Failure(
        str(path), "binary file (looks like PNG image), not a text/HTML/JSON/feed/WARC document"
    )


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(hashlib.sha512(b"seed").digest() * 40 + b"\x00")
    assert _one(path) == Failure(str(path), "binary file (unknown kind), not a text/HTML/JSON/feed/WARC document")


def test_html_with_no_text_at_all(tmp_path: Path) -> None:
    path = tmp_path / "shell.html"
    path.write_text("<html><head><script>load()</script></head><body><div></div></body></html>")
    assert _one(path) == Failure(str(path), "HTML has no text at all (only markup)")


def test_other_xml_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    assert _one(path) == Failure(str(path), "XML document with root <urlset>, not an RSS or Atom feed")


def test_cp1252_file(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("The mayor’s café — closed “until further notice”.".encode("cp1252"))
    doc = _one(path)
    assert isinstance(doc, RawDocument)
    assert doc.encoding == "cp1252"
    assert doc.content == "The mayor’s café — closed “until further notice”."


def test_euc_kr_file(tmp_path: Path) -> None:
    text = "시장은 홍수 뒤에 다리를 다시 열겠다고 말했다. 주민들은 환영했다."
    path = tmp_path / "news.txt"
    path.write_bytes(text.encode("euc-kr"))
    doc = _one(path)
    assert isinstance(doc, RawDocument)
    assert doc.content == text
    assert doc.encoding in ("euc_kr", "cp949")


def test_utf16_bom_file(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"))
    doc = _one(path)
    assert isinstance(doc, RawDocument)
    assert (doc.content, doc.encoding) == (STORY, "utf-16")
    assert doc.data.decode(doc.encoding) == doc.content


def test_json_lines_file_bigger_than_the_cap_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_bytes(b"".join(b'{"text": "Report %d."}\n' % i for i in range(200)))
    got = list(read_file(str(path), 100))
    assert len(got) == 200 and all(isinstance(g, RawDocument) for g in got)


def test_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.html"  # misnamed on purpose
    path.write_text("<rss><channel><item><description>Ice on the lake.</description></item></channel></rss>")
    doc = _one(path)
    assert isinstance(doc, RawDocument) and (doc.format, doc.source) == ("rss", f"{path}#item=1")


def test_unexpected_error_becomes_a_failure(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    path = tmp_path / "a.txt"
    path.write_text(STORY)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("eventledger.ingest.reader.read_page", boom)
    assert _one(path) == Failure(
        str(path), "internal error while reading (please report it): RuntimeError: simulated bug"
    )


def test_read_error_mid_file_becomes_a_failure(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    path = tmp_path / "a.txt"
    path.write_text(STORY)

    def failing_read(stream: io.BufferedReader, cap: int) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("eventledger.ingest.reader.read_all", failing_read)
    assert _one(path) == Failure(str(path), "read error: Input/output error")


def test_gzipped_binary_says_so(tmp_path: Path) -> None:
    path = tmp_path / "photo.png.gz"
    path.write_bytes(gzip.compress(b"\x89PNG\r\n\x1a\n" + bytes(64)))
    assert _one(path) == Failure(
        str(path),
        "binary file (looks like gzip-compressed PNG image), not a text/HTML/JSON/feed/WARC document",
    )
