"""Durations and sets."""

from __future__ import annotations

import pytest

from eventledger.temporal import tag_text


def found(text: str) -> list[tuple[str, str, str]]:
    return [(t.span.text, t.type, t.value) for t in tag_text(text, "2021-03-05")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike lasted three days.", ("three days", "DURATION", "P3D")),
        ("Output doubled over the past two months.", ("the past two months", "DURATION", "P2M")),
        ("They signed a two-year truce.", ("two-year", "DURATION", "P2Y")),
        ("The talks went on for 16 hours.", ("16 hours", "DURATION", "PT16H")),
        ("The valley has been contested for several years.", ("several years", "DURATION", "PXY")),
        ("The ceasefire held for nearly a week.", ("nearly a week", "DURATION", "P1W")),
        ("Fighting has raged for four decades.", ("four decades", "DURATION", "P40Y")),
        ("The convoy waited half an hour.", ("half an hour", "DURATION", "PT30M")),
        ("Patrols run daily along the fence.", ("daily", "SET", "P1D")),
        ("The council meets every Tuesday.", ("every Tuesday", "SET", "XXXX-WXX-2")),
        ("Inspectors come twice a month.", ("twice a month", "SET", "P1M")),
        ("The market opens on Sunday mornings.", ("Sunday mornings", "SET", "XXXX-WXX-7TMO")),
    ],
)
def test_durations_and_sets(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(text)


def test_ages_are_not_durations() -> None:
    assert found("A 6-year-old girl was hurt.") == []


def test_a_rate_adjective_is_not_a_set() -> None:
    assert found("The firm raised its quarterly dividend.") == []
