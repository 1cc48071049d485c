from __future__ import annotations

import gzip
import hashlib

import pytest

from eventledger.errors import EmptyInput
from eventledger.ingest.formats.page import read_page

PAGE = b"<html><head><title>Dam</title></head><body><p>The dam held overnight.</p></body></html>"


def test_html_page_keeps_the_file_bytes_as_evidence() -> None:
    doc = read_page("a.html", PAGE, PAGE, "html")
    assert doc.data == PAGE
    assert doc.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert (doc.format, doc.media, doc.encoding) == ("html", "html", "utf-8")
    assert doc.content == PAGE.decode()
    assert doc.meta == {"content_type": "text/html"}


def test_gzipped_page_keeps_the_compressed_bytes() -> None:
    packed = gzip.compress(PAGE)
    doc = read_page("a.html.gz", packed, PAGE, "html")
    assert doc.data == packed
    assert doc.sha256 == hashlib.sha256(packed).hexdigest()
    assert doc.content == PAGE.decode()


def test_text_page() -> None:
    doc = read_page("a.txt", b"Snow closed the pass.\n", b"Snow closed the pass.\n", "text")
    assert (doc.format, doc.media, doc.content) == ("text", "text", "Snow closed the pass.\n")


def test_html_with_only_markup_is_empty() -> None:
    markup = b"<html><head><style>p{}</style></head><body><div> </div><!-- x --></body></html>"
    with pytest.raises(EmptyInput, match=r"^HTML has no text at all \(only markup\)$"):
        read_page("a.html", markup, markup, "html")
