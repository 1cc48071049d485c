from __future__ import annotations

import codecs

import pytest

from eventledger.ingest.sniff import Sniffed, describe_binary, sniff


@pytest.mark.parametrize(
    ("head", "detail"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive (also .docx/.xlsx/.epub)"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF executable"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "Windows executable"),
    ],
)
def test_magic_numbers_name_binary_files(head: bytes, detail: str) -> None:
    assert sniff(head) == Sniffed("binary", detail)


def test_sentence_starting_with_a_magic_prefix_is_text() -> None:
    assert sniff(b"MZ Holdings said the port would reopen.").kind == "text"


def test_nul_bytes_mean_binary() -> None:
    assert sniff(b"abc\x00\x01\x02def") == Sniffed("binary", "")


def test_control_characters_mean_binary() -> None:
    assert sniff(bytes(range(1, 32)) * 4 + b"words").kind == "binary"


def test_empty_and_blank() -> None:
    assert sniff(b"").kind == "empty"
    assert sniff(b" \n\t\r\n").kind == "blank"


def test_warc() -> None:
    assert sniff(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n").kind == "warc"


def test_plain_text() -> None:
    assert sniff(b"Heavy rain closed the mountain road on Monday.").kind == "text"


def test_text_in_a_legacy_encoding_is_not_binary() -> None:
    assert sniff("홍수로 다리가 무너졌다.".encode("euc-kr")).kind == "text"


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><html><body>x</body></html>",
        b"<html lang=en><p>x</p>",
        b"  <div class=story>x</div>",
        b"<!-- saved page --><p>x</p>",
        b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
        b"Breaking: <p>the dam held</p>",
    ],
)
def test_html(head: bytes) -> None:
    assert sniff(head).kind == "html"


def test_rss_behind_prologue() -> None:
    head = b'<?xml version="1.0"?>\n<!-- feed --><?xml-stylesheet href="s.xsl"?>\n<rss version="2.0">'
    assert sniff(head).kind == "rss"


def test_rss_1_rdf() -> None:
    assert sniff(b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">').kind == "rss"


def test_atom() -> None:
    assert sniff(b'<feed xmlns="http://www.w3.org/2005/Atom">').kind == "atom"


def test_other_xml_names_its_root() -> None:
    assert sniff(b'<?xml version="1.0"?><inventory><item/></inventory>') == Sniffed("xml", "inventory")


def test_json_array() -> None:
    assert sniff(b'  [ {"text": "a"} ]').kind == "json"


def test_bracketed_text_is_not_json() -> None:
    assert sniff(b"[Update] The bridge reopened at noon.").kind == "text"


def test_json_lines() -> None:
    assert sniff(b'{"text": "a"}\n{"text": "b"}\n').kind == "jsonl"


def test_json_lines_with_a_bad_first_line() -> None:
    assert sniff(b'{"text": "a\n{"text": "b"}\n').kind == "jsonl"


def test_pretty_printed_object_is_one_json_document() -> None:
    assert sniff(b'{\n  "text": "a",\n  "title": "b"\n}\n').kind == "json"


def test_utf16_json_is_read_whole() -> None:
    head = codecs.BOM_UTF16_LE + '{"text": "a"}\n'.encode("utf-16-le")
    assert sniff(head).kind == "json"


def test_bomless_utf16_text_is_not_binary() -> None:
    assert sniff("Floods closed the school.".encode("utf-16-le")).kind == "text"


def test_describe_binary() -> None:
    assert describe_binary("PNG image") == (
        "binary file (looks like PNG image), not a text/HTML/JSON/feed/WARC document"
    )
    assert describe_binary("").startswith("binary file (unknown kind)")


def test_footnote_marker_is_not_json() -> None:
    assert sniff(b"[1] The figure comes from the port authority.").kind == "text"
