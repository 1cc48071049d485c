"""A review's replay walks what the review changes, not the store (counted, never timed)."""

from __future__ import annotations

import pytest

from eventledger.dedup import dedup_documents
from eventledger.dedup import incidents as incidents_module
from eventledger.model import Place
from eventledger.store.reviews import review

from .reports import RETELLING, STORY

NAMANGAN_FIX = {"name": "Namangan", "lat": 41.0, "lon": 71.67, "country": "UZ", "admin1": "06", "precision": "town"}
ELSEWHERE = [  # invented towns in other countries: other blocks than the reviewed story's
    Place(f"Town {i}", None, 10.0 + i, 20.0 + i, 900000 + i, country, None, "P.PPL", "town", (f"Town {i}",))
    for i, country in enumerate(("KE", "PE", "NP", "GH", "BO"))
]
OTHER_TYPES = ("PROTEST", "AID", "CONSULT")


class _Spy:
    """Counts the replay's decisions and the store's incident lookups."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.decisions = self.lookups = 0
        decide, candidates = incidents_module._Replay.decide, incidents_module._candidates

        def counted_decide(replay, *args, **kwargs):
            self.decisions += 1
            return decide(replay, *args, **kwargs)

        def counted_candidates(*args, **kwargs):
            self.lookups += 1
            return candidates(*args, **kwargs)

        monkeypatch.setattr(incidents_module._Replay, "decide", counted_decide)
        monkeypatch.setattr(incidents_module, "_candidates", counted_candidates)


def _review_cost(store, report, monkeypatch, unrelated: int) -> tuple[int, int]:
    a = report(STORY, publisher="Radio Ozodlik", published="2024-03-04")
    b = report(RETELLING, publisher="Valley Post", published="2024-03-05")
    others = []
    for i in range(unrelated):
        day = f"2024-{4 + i % 6:02d}-{1 + i % 27:02d}"
        others.append(
            report(
                f"Report {i}: crowds gathered in the square on day {i} and officials answered later.",
                publisher=f"Outlet {i % 7}",
                published=day,
                day=day,
                type_=OTHER_TYPES[i % 3],
                place=ELSEWHERE[i % 5],
            )
        )
    dedup_documents(store.incident_tables(), [a, b, *others])
    [event_b] = store.incident_tables().event_ids_of_documents([b])
    spy = _Spy(monkeypatch)
    review(store, event_b, "correct", "ana", fields={"location": NAMANGAN_FIX})
    by_doc = {tuple(i["document_ids"]) for i in store.incidents()}
    assert (a,) in by_doc and (b,) in by_doc  # the corrected place took it out, as before
    return spy.decisions, spy.lookups


@pytest.mark.parametrize("unrelated", [0, 40])
def test_a_review_replays_the_same_events_however_many_unrelated_ones_are_stored(store, report, monkeypatch, unrelated):
    assert _review_cost(store, report, monkeypatch, unrelated) == (2, 2)  # the event and its partner: one lookup each


def _chain_review_cost(store, report, monkeypatch, length: int) -> tuple[int, list[list[int]]]:
    """Reports of one kind in one town on consecutive days, stored each on its own (as a bulk
    load may leave them, not as the clustering would); a review corrects the first one's day."""
    docs = []
    for i in range(length):
        day = f"2024-03-{4 + i:02d}"
        docs.append(
            report(
                f"Police in Andijan detained traders at the bazaar, the {i}th such raid, a lawyer said.",
                publisher=f"Outlet {i}",
                published=day,
                day=day,
            )
        )
    tables = store.incident_tables()
    dedup_documents(tables, docs)
    events = [tables.event_ids_of_documents([d])[0] for d in docs]
    with tables.transaction():
        for event, doc in zip(events, docs, strict=True):
            tables.add_member(tables.create_incident("ASSAULT", "", "", "UZ"), event, doc, 0.9, "machine")
    spy = _Spy(monkeypatch)
    review(store, events[0], "correct", "ana", fields={"time_start": "2024-03-05", "time_end": "2024-03-05"})
    return spy.decisions, sorted(i["document_ids"] for i in store.incidents())


@pytest.mark.parametrize("length", [6, 16])
def test_a_review_in_a_store_not_clustered_by_replay_stops_where_its_changes_stop(store, report, monkeypatch, length):
    """The review's neighbours are decided again; the rest of the chain is not (each report
    in it moved in turn before, so the walk grew with the chain)."""
    decisions, incidents = _chain_review_cost(store, report, monkeypatch, length)
    assert decisions == 3
    assert incidents == [[1, 2], *([d] for d in range(3, length + 1))]
