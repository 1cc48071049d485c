from __future__ import annotations

import hashlib

import pytest
from lxml import etree

from eventledger.errors import CorruptInput, EmptyInput
from eventledger.ingest.failure import Failure
from eventledger.ingest.formats.feeds import read_feed
from eventledger.model import RawDocument

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Valley Gazette</title>
<item>
  <title>Bridge reopens</title><link>https://valley.example/bridge</link>
  <pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate><dc:creator>J. Ash</dc:creator>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>The bridge reopened to traffic.</p>]]></content:encoded>
</item>
<item><title>Teaser only</title><guid>https://valley.example/teaser</guid>
  <description>A plain teaser line.</description></item>
<item><title>Link only</title><link>https://valley.example/link</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Times</title>
<entry><title>Rain</title>
  <link rel="self" href="https://hill.example/feed/1"/><link href="https://hill.example/rain"/>
  <published>2024-02-01T08:00:00Z</published><author><name>K. Lee</name></author>
  <content type="html">&lt;p&gt;Rain fell all night.&lt;/p&gt;</content></entry>
<entry><title>Wind</title><updated>2024-02-02T08:00:00Z</updated>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Wind <b>rose</b>.</p></div>
  </content></entry>
<entry><title>Frost</title><summary>Frost on the hills.</summary></entry>
<entry><title>Remote</title><content src="https://hill.example/remote" type="text/html"/></entry>
</feed>"""


def _docs(items: list[RawDocument | Failure]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def test_rss_item_fields() -> None:
    first = next(read_feed("f.xml", RSS, "rss"))
    assert isinstance(first, RawDocument)
    assert first.source == "f.xml#item=1"
    assert (first.format, first.media, first.encoding) == ("rss", "html", "utf-8")
    assert first.content == "<p>The bridge reopened to traffic.</p>"
    assert first.meta == {
        "url": "https://valley.example/bridge",
        "title": "Bridge reopens",
        "published": "2024-01-02T10:00:00+00:00",
        "author": "J. Ash",
        "publisher": "Valley Gazette",
    }


def test_rss_item_data_is_its_own_xml() -> None:
    first = next(read_feed("f.xml", RSS, "rss"))
    assert first.data.startswith(b"<item")
    assert first.sha256 == hashlib.sha256(first.data).hexdigest()
    assert etree.fromstring(first.data).findtext("title") == "Bridge reopens"


def test_rss_description_fallback_and_guid_url() -> None:
    second = list(read_feed("f.xml", RSS, "rss"))[1]
    assert isinstance(second, RawDocument)
    assert (second.content, second.media) == ("A plain teaser line.", "text")
    assert second.meta["url"] == "https://valley.example/teaser"


def test_rss_item_without_text_is_not_fetched() -> None:
    third = list(read_feed("f.xml", RSS, "rss"))[2]
    assert third == Failure(
        "f.xml#item=3",
        "feed item has no text (no content:encoded or description); "
        "its link is not fetched (no network): https://valley.example/link",
    )


def test_rss1_rdf_items() -> None:
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="x"><title>Old Wire</title></channel>
<item rdf:about="https://wire.example/1"><title>Tide</title><link>https://wire.example/1</link>
<description>High tide flooded the quay.</description><dc:date>2023-12-01</dc:date></item>
</rdf:RDF>"""
    (doc,) = read_feed("r.rdf", rdf, "rss")
    assert isinstance(doc, RawDocument)
    assert doc.meta == {
        "url": "https://wire.example/1",
        "title": "Tide",
        "published": "2023-12-01",
        "publisher": "Old Wire",
    }


def test_atom_html_content_and_alternate_link() -> None:
    first = next(read_feed("a.xml", ATOM, "atom"))
    assert isinstance(first, RawDocument)
    assert (first.format, first.media, first.content) == ("atom", "html", "<p>Rain fell all night.</p>")
    assert first.meta == {
        "url": "https://hill.example/rain",
        "title": "Rain",
        "published": "2024-02-01T08:00:00Z",
        "author": "K. Lee",
        "publisher": "Hill Times",
    }


def test_atom_xhtml_content_and_updated_date() -> None:
    second = list(read_feed("a.xml", ATOM, "atom"))[1]
    assert isinstance(second, RawDocument)
    assert second.media == "html"
    assert "Wind <b" in second.content and "rose</b>" in second.content
    assert second.meta["published"] == "2024-02-02T08:00:00Z"


def test_atom_summary_is_text() -> None:
    third = list(read_feed("a.xml", ATOM, "atom"))[2]
    assert isinstance(third, RawDocument)
    assert (third.content, third.media) == ("Frost on the hills.", "text")


def test_atom_out_of_line_content_fails() -> None:
    fourth = list(read_feed("a.xml", ATOM, "atom"))[3]
    assert fourth == Failure("a.xml#item=4", "feed item has no text (no inline content or summary)")


def test_feed_without_items() -> None:
    with pytest.raises(EmptyInput, match="^RSS feed has no items$"):
        list(read_feed("f.xml", b"<rss><channel><title>t</title></channel></rss>", "rss"))


def test_stray_ampersand_is_recovered() -> None:
    broken = b"<rss><channel><item><title>Salt & pepper</title><description>Text.</description></item></channel></rss>"
    (doc,) = read_feed("f.xml", broken, "rss")
    assert isinstance(doc, RawDocument) and doc.content == "Text."


def test_unparseable_xml_is_corrupt() -> None:
    with pytest.raises(CorruptInput, match="^malformed XML"):
        list(read_feed("f.xml", b"<rss", "rss"))


def test_external_entities_are_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do-not-leak")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><item><description>a &x; b</description></item></channel></rss>"
    ).encode()
    docs = _docs(list(read_feed("f.xml", xxe, "rss")))
    assert all("do-not-leak" not in d.content for d in docs)


def test_unparseable_rss_date_is_kept_as_written() -> None:
    feed = b"<rss><channel><item><pubDate>early spring</pubDate><description>Thaw.</description></item></channel></rss>"
    (doc,) = read_feed("f.xml", feed, "rss")
    assert isinstance(doc, RawDocument) and doc.meta["published"] == "early spring"
