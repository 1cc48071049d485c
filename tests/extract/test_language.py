"""The cheap language guess."""

from __future__ import annotations

from eventledger.extract import language


def test_from_tag_keeps_primary_subtag() -> None:
    assert language.from_tag("en-US") == "en"
    assert language.from_tag("pt_BR") == "pt"
    assert language.from_tag("not a tag") is None


def test_guess_english() -> None:
    text = "The ferry was delayed because of the storm, and the harbour was closed for the day."
    assert language.guess(text) == "en"


def test_guess_spanish() -> None:
    text = "El alcalde dijo que la obra del puente estará lista para el mes de mayo, según los técnicos."
    assert language.guess(text) == "es"


def test_guess_japanese_by_script() -> None:
    assert language.guess("新しい橋は来月に開通する予定です。") == "ja"


def test_guess_gives_up_on_numbers() -> None:
    assert language.guess("12 34 56") is None
