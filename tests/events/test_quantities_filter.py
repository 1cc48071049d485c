"""Skipping a quantity pattern whose words a sentence lacks changes no quantity."""

from __future__ import annotations

import pytest

from eventledger.events import _quantities

SENTENCES = [
    "Rebels fired four rockets at the depot, wounding 12 guards and two drivers.",
    "The ministry pledged $3.5 million after floods swept 40 kilometres of road.",
    "At least nine people died and 30 were hurt when the ferry sank.",
    "Police detained 15 protesters; three officers were injured in the clashes.",
    "The committee postponed its vote until after the holiday.",
]


def test_filtered_scan_finds_what_a_full_scan_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    filtered = [_quantities.quantities_in(s, 0, len(s)) for s in SENTENCES]
    monkeypatch.setattr(_quantities, "haystack", lambda text: None)  # no filtering
    assert [_quantities.quantities_in(s, 0, len(s)) for s in SENTENCES] == filtered
    assert sum(len(q) for q in filtered) >= 8 and filtered[-1] == []


def test_weapons_pattern_needs_a_weapon_word() -> None:
    needs = _quantities._needs(_quantities._WEAPONS)
    assert "rocket" in needs and "people" not in needs
