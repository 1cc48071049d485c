"""A measure in force that one report presupposes is the act another report told that began it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eventledger.dedup import dedup_documents
from eventledger.dedup._settings import load_settings
from eventledger.dedup.features import EventFeatures, PlaceFeature, content_words
from eventledger.dedup.retold import act_families, retold, retold_keys, retold_lookup

from .conftest import UZBEKISTAN, spy_retold

S = load_settings().incidents
COUNTRY = PlaceFeature("Uzbekistan", 1512440, 41.0, 64.0, "UZ", None, "country", "")


def ev(
    start: str,
    end: str,
    precision: str,
    text: str,
    *,
    doc: int,
    ongoing: bool = False,
    doers: tuple[str, ...] = ("ministry",),
    targets: tuple[str, ...] = ("delta",),
) -> EventFeatures:
    return EventFeatures(
        doc, doc, "SANCTION", "asserted", date.fromisoformat(start).toordinal(), date.fromisoformat(end).toordinal(),
        precision, True, end, (COUNTRY,), frozenset(doers) | frozenset(targets), (),
        words=frozenset(content_words(text)), doers=frozenset(doers), ongoing=ongoing,
    )  # fmt: skip


# "The ministry said last week it would halt fuel deliveries to the delta."
HALTED = ev("2024-04-22", "2024-04-28", "week", "it would halt fuel deliveries to the delta", doc=1)
# "The ministry hopes to end the suspension of fuel deliveries to the delta" (published May 3)
IN_FORCE = ev(
    "2024-04-02", "2024-05-03", "unknown", "the suspension of fuel deliveries to the delta", doc=2, ongoing=True
)


def test_a_measure_in_force_retells_the_act_that_began_it_either_way():
    assert act_families(HALTED) == act_families(IN_FORCE) == {"discontinue"}
    assert retold(HALTED, IN_FORCE, S) and retold(IN_FORCE, HALTED, S)


def test_a_shared_target_stands_for_a_shared_word():
    # "the pause in aid to the delta" and "cut off aid to the delta": "aid" is too short to count
    paused = replace(IN_FORCE, words=frozenset(content_words("the pause in aid to the delta")))
    ceased = replace(HALTED, words=frozenset(content_words("it would cease aid to the delta")))
    assert retold(paused, ceased, S)
    assert not retold(paused, replace(ceased, actors=frozenset({"ministry", "valley"})), S)  # another target


@pytest.mark.parametrize(
    "other",
    [
        ev("2024-04-22", "2024-04-28", "week", "it would ban fuel deliveries to the delta", doc=1),  # another measure
        replace(HALTED, doers=frozenset({"council"}), actors=frozenset({"council", "delta"})),  # another doer
        ev("2024-05-06", "2024-05-12", "week", "it would halt fuel deliveries to the delta", doc=1),  # after the report
        ev("2024-04-22", "2024-04-28", "week", "halted grain sales", doc=1, targets=("valley",)),  # nothing else shared
    ],
)
def test_a_measure_in_force_stays_apart_from_what_disagrees(other):
    assert not retold(IN_FORCE, other, S)


def test_two_told_acts_sharing_only_a_family_stay_apart():
    """The family is a condition for a measure in force only: two acts told alike still need a word."""
    grain = ev("2024-04-22", "2024-04-28", "week", "suspended grain sales", doc=2)
    assert act_families(grain) == act_families(HALTED) and not retold(HALTED, grain, S)


def test_whatever_the_state_link_accepts_lies_in_the_lookups_blocks_and_days():
    for f, other in ((IN_FORCE, HALTED), (HALTED, IN_FORCE)):
        look = retold_lookup(f, S)
        assert look is not None and not look.coarse_only
        hits = [
            k for k in retold_keys(other, S)
            if k.doer in look.doers and k.cell in look.cells and k.word in look.words and k.type in look.types
            and look.low_start <= k.day_start <= look.high_start and k.day_end >= look.low_end
        ]  # fmt: skip
        assert "=discontinue" in {k.word for k in hits}  # found through the family, whatever else is shared


# -- through the store: stories of invented reports --------------------------------------------------
# "halts aid" and "the pause in aid" share no act word ("aid" is too short, "delta" is the target):
# the state finds the act through the family's block only.
def _halted(report) -> int:
    return report(
        "Ministry halts aid to the delta", publisher="Steppe Wire", published="2024-04-26",
        type_="SANCTION", day="2024-04-22", end="2024-04-28", precision="week", place=UZBEKISTAN,
        actors=("ministry",), targets=("delta",),
    )  # fmt: skip


def _in_force(report, publisher: str = "Valley Post") -> int:
    return report(
        "the pause in aid to the delta", publisher=publisher, published="2024-05-03",
        type_="SANCTION", day="2024-04-02", end="2024-05-03", precision="unknown", place=UZBEKISTAN,
        actors=("ministry",), targets=("delta",), status="background", basis="ongoing",
    )  # fmt: skip


def _closed(report) -> int:
    return report(
        "Ministry closes the delta river port", publisher="Evening Star", published="2024-04-26",
        type_="SANCTION", day="2024-04-22", end="2024-04-28", precision="week", place=UZBEKISTAN,
        actors=("ministry",), targets=("delta",),
    )  # fmt: skip


@pytest.mark.parametrize("together", [True, False])
def test_the_measure_in_force_joins_the_act_and_another_measure_stays_apart(store, report, together):
    halted, closed, in_force = _halted(report), _closed(report), _in_force(report)
    if together:
        dedup_documents(store.incident_tables(), [halted, closed, in_force])
    else:  # the act stored first, the later report decided against the store
        dedup_documents(store.incident_tables(), [halted, closed])
        dedup_documents(store.incident_tables(), [in_force])
    assert sorted(i["document_ids"] for i in store.incidents()) == sorted([[halted, in_force], [closed]])


@pytest.mark.parametrize("crowded", [False, True])
def test_the_state_link_reads_only_its_blocks(monkeypatch, store, report, crowded):
    """Other measures of the doer and other doers' suspensions in the store add no comparison."""
    if crowded:
        crowd = [
            report(f"The {doer} suspended fuel deliveries to the delta", publisher=f"Crowd {doer}",
                   published="2024-04-26", type_="SANCTION", day="2024-04-22", end="2024-04-28", precision="week",
                   place=UZBEKISTAN, actors=(doer,), targets=("delta",))
            for doer in ("river guard", "salt council", "copper league", "cedar board")
        ]  # fmt: skip
        crowd += [_closed(report)]
        dedup_documents(store.incident_tables(), crowd)
    halted = _halted(report)
    dedup_documents(store.incident_tables(), [halted])
    tables, calls = spy_retold(monkeypatch, store)
    in_force = _in_force(report)
    dedup_documents(tables, [in_force])
    assert [i["document_ids"] for i in store.incidents() if in_force in i["document_ids"]] == [[halted, in_force]]
    # stored rows read: the act, found by the state's lookup, and the state found again by the
    # act's own (skipped as this call's); compared: the state with the act, and back
    assert calls == {"retold": 2, "stored": 2}
