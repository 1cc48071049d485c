from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.errors import CorruptInput
from eventledger.ingest.decode import (
    canonical,
    charset_from_content_type,
    decode,
    meta_charset,
)

SENTENCE = "The mayor’s café reopened after the flood."
KOREAN = "시장은 홍수 뒤에 다리를 다시 열겠다고 말했다. 주민들은 환영했다."


def test_utf8_bom_is_honoured_and_stripped() -> None:
    data = codecs.BOM_UTF8 + SENTENCE.encode("utf-8")
    assert decode(data) == (SENTENCE, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    data = bom + SENTENCE.encode(codec)
    text, encoding = decode(data)
    assert text == SENTENCE
    assert data.decode(encoding) == text


def test_plain_utf8() -> None:
    assert decode(SENTENCE.encode("utf-8")) == (SENTENCE, "utf-8")


def test_html_meta_charset_wins_over_utf8() -> None:
    html = f'<html><head><meta charset="windows-1252"></head><body>{SENTENCE}</body></html>'
    text, encoding = decode(html.encode("cp1252"), html=True)
    assert encoding == "cp1252"
    assert SENTENCE in text


def test_http_equiv_content_type_meta() -> None:
    html = '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr"><p>' + KOREAN
    text, encoding = decode(html.encode("euc-kr"), html=True)
    assert (encoding, text.endswith(KOREAN)) == ("euc_kr", True)


def test_declared_charset_wins_over_meta() -> None:
    html = f'<meta charset="utf-8"><p>{KOREAN}</p>'
    text, encoding = decode(html.encode("euc-kr"), declared="EUC-KR", html=True)
    assert encoding == "euc_kr"
    assert KOREAN in text


def test_wrong_declaration_falls_through_to_utf8() -> None:
    text, encoding = decode(KOREAN.encode("utf-8"), declared="ascii")
    assert (text, encoding) == (KOREAN, "utf-8")


def test_latin1_label_decodes_as_cp1252() -> None:
    # 0x92 is a curly apostrophe in cp1252 but a control character in ISO-8859-1
    assert decode("mayor’s".encode("cp1252"), declared="iso-8859-1") == ("mayor’s", "cp1252")


def test_cp1252_without_declaration_is_guessed() -> None:
    text, encoding = decode(SENTENCE.encode("cp1252"))
    assert text == SENTENCE
    assert encoding == "cp1252"


def test_euc_kr_without_declaration_is_guessed() -> None:
    text, encoding = decode(KOREAN.encode("euc-kr"))
    assert text == KOREAN
    assert encoding in ("euc_kr", "cp949")  # cp949 is a superset charset-normalizer may pick


def test_truncated_utf16_is_corrupt() -> None:
    with pytest.raises(CorruptInput, match="byte-order mark"):
        decode(codecs.BOM_UTF16_LE + b"a\x00b")


def test_charset_from_content_type() -> None:
    assert charset_from_content_type('text/html; charset="Shift_JIS"') == "Shift_JIS"
    assert charset_from_content_type("text/html") is None
    assert charset_from_content_type(None) is None


def test_meta_charset_only_scans_the_head() -> None:
    assert meta_charset(b"<meta charset=koi8-r>") == "koi8-r"
    assert meta_charset(b" " * 5000 + b"<meta charset=koi8-r>") is None


def test_canonical_names() -> None:
    assert canonical("UTF8") == "utf-8"
    assert canonical("latin1") == "cp1252"
    assert canonical("x-no-such-charset") is None


def test_bomless_utf16_is_not_mistaken_for_utf8() -> None:
    assert decode(SENTENCE.encode("utf-16-le")) == (SENTENCE, "utf-16-le")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([None, "utf-8", "latin-1", "euc-kr", "bogus"]), st.booleans())
def test_decode_is_exact_or_refuses(data: bytes, declared: str | None, html: bool) -> None:
    try:
        text, encoding = decode(data, declared=declared, html=html)
    except CorruptInput:
        return
    assert data.decode(encoding) == text
