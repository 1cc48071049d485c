from __future__ import annotations

import re

from eventledger.temporal.patterns import compiled_patterns
from eventledger.temporal.vocab import alternation, month_number, unit_code, weekday_number


def test_vocabulary_lookups() -> None:
    assert month_number("Sept.") == 9
    assert weekday_number("Thursdays") == 4
    assert unit_code("centuries") == "CE"


def test_case_variant_alternation_rejects_lower_case() -> None:
    rx = re.compile(alternation(["may"], case_variants=True), re.I)
    assert rx.fullmatch("May") and not rx.fullmatch("may")


def test_every_pattern_compiles_and_names_a_known_handler() -> None:
    from eventledger.temporal.tagger import HANDLERS

    pats = compiled_patterns()
    assert pats and all(p.handler in HANDLERS for p in pats)
