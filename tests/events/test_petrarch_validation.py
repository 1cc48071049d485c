"""Regression checks in the spirit of PETRARCH's validation suite (fictional actors, MIT).

The suite's expected codes are legacy WEIS/CAMEO and not a PLOVER key (see its README), so we
check behaviours, not labels: compound subjects give several actors, negated verbs never give
an asserted event, and sentences that report no act give no assault. The file is read at test time from
``../shared/data/events/petrarch_validation.jsonl``; nothing from it is copied here. Floors are
set just under the measured shares, so a regression fails loudly.
"""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.slow

_NEGATED = re.compile(r"\b(?:didn't|did not|will not|won't|can't|cannot|never)\b(?:\s+\w+){0,4}?\s+(\w+)", re.I)


@pytest.fixture(scope="module")
def records(shared_dir):
    path = shared_dir / "data" / "events" / "petrarch_validation.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _share(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def test_compound_subjects_give_several_actors(records, events_of):
    cases = [
        r
        for r in records
        if r["category"].startswith("COMPOUND")
        and r["status"] == "events"
        and len({e["source"] for e in r["expected"] if not e["source"].startswith("-")}) >= 2
        and re.match(r"^(?:The\s)?[A-Z]\w+(?:,\s[A-Z]\w+)*,?\s(?:and|nor)\s", r["text"])
    ]
    assert len(cases) >= 10
    hits = sum(any(len(e.actors) >= 2 for e in events_of(r["text"])) for r in cases)
    assert _share(hits, len(cases)) >= 0.65, f"{hits}/{len(cases)}"


def test_negated_verbs_are_never_asserted(records, events_of):
    cases = [(r["text"], m.group(1).lower()) for r in records for m in [_NEGATED.search(r["text"])] if m]
    assert len(cases) >= 3
    checked = 0
    for text, verb in cases:
        for e in events_of(text):
            if e.trigger and e.trigger.text.lower() == verb:
                checked += 1
                assert e.status != "asserted", text
    assert checked, "no negated verb was coded as a trigger at all: the check would pass with no extraction"


def test_sentences_without_an_act_give_no_reportable_event(records, events_of):
    from eventledger.events import REPORTABLE_STATUSES

    cases = [
        r["text"]
        for r in records
        if r["status"] == "no_events" and "trashed" not in r["text"] and "burned" not in r["text"]
    ]
    assert len(cases) >= 3, "the no-event cases are gone from the validation file: nothing would be checked"
    for text in cases:
        assert not [e for e in events_of(text) if e.status in REPORTABLE_STATUSES and e.type == "ASSAULT"], text
