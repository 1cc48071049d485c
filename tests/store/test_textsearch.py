"""Facets under a free-text filter read the trigram index of the evidence (store.textsearch) and
count exactly what a probe of each event's evidence counts."""

from __future__ import annotations

import pytest
from sample_reports import sample_documents, seed

from eventledger.store import open_store, queries, textsearch
from eventledger.store.queries import EventFilter, _facets
from eventledger.store.reviews import review

TEXTS = ["arrest", "ARREST", "po", "on 1", "50%", "a_b", "Bogotá", "BOGOTÁ", "zzz never said", "e"]


@pytest.fixture
def store(db_target):
    with open_store(db_target) as s:
        seed(s)
        yield s


def _by_probe(store, f: EventFilter, monkeypatch) -> dict:
    with monkeypatch.context() as m:
        m.setattr(queries, "SETWISE_SHARE", 0)  # every candidate event probed: no index, no set
        return _facets(store, f)


def _by_set(store, f: EventFilter, monkeypatch) -> dict:
    with monkeypatch.context() as m:
        m.setattr(queries, "SETWISE_SHARE", 10**9)  # one set of matching ids (the index where usable)
        return _facets(store, f)


def test_text_facets_off_the_index_equal_a_probe_of_every_event(store, monkeypatch):
    review(store, 1, "reject", "ana")
    for text in TEXTS:
        f = EventFilter(text=text)
        assert _by_set(store, f, monkeypatch) == _by_probe(store, f, monkeypatch), text
    assert _by_set(store, EventFilter(text="ARREST"), monkeypatch)["total"] >= 1, "not vacuous"


def test_the_index_follows_replace_and_delete(store, monkeypatch):
    raw, analysis = sample_documents()[0]
    store.save(raw, analysis, replace=True)
    store.conn.execute("DELETE FROM documents WHERE id = 2")
    for text in TEXTS:
        f = EventFilter(text=text)
        assert _by_set(store, f, monkeypatch) == _by_probe(store, f, monkeypatch), text


def test_short_and_wildcard_texts_are_not_sent_to_the_index():
    assert textsearch.usable("police")
    assert not textsearch.usable("po")
    assert not textsearch.usable("50%")
    assert not textsearch.usable("a_b")
