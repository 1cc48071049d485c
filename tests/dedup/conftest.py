"""A store with the incident tables, and a way to file a small invented report into it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from eventledger.model import (
    Actor,
    Analysis,
    Document,
    Event,
    Place,
    Quantity,
    RawDocument,
    Span,
    TimeInterval,
)
from eventledger.store import Store, open_store

ANDIJAN = Place("Andijan", None, 40.78, 72.34, 1514588, "UZ", "02", "P.PPLA", "town", ("Andijan", "Uzbekistan"))
NAMANGAN = Place("Namangan", None, 41.00, 71.67, 1513157, "UZ", "06", "P.PPLA", "town", ("Namangan", "Uzbekistan"))
UZBEKISTAN = Place("Uzbekistan", None, 41.0, 64.0, 1512440, "UZ", None, "A.PCLI", "country", ("Uzbekistan",))


@pytest.fixture
def store(db_target) -> Store:
    s = open_store(db_target)
    yield s
    s.close()


Report = Callable[..., int]


@pytest.fixture
def report(store: Store) -> Report:
    """File one report with one event; returns the document id."""

    def file(
        body: str,
        *,
        publisher: str,
        published: str,
        original_publisher: str | None = None,
        type_: str = "ASSAULT",
        day: str | None = "2024-03-04",
        end: str | None = None,
        precision: str = "day",
        place: Place | None = ANDIJAN,
        actors: tuple[str, ...] = ("police",),
        killed: int | None = None,
        status: str = "asserted",
        targets: tuple[str, ...] = (),
        basis: str = "explicit",
    ) -> int:
        data = f"{publisher}\n{body}".encode()
        sha = hashlib.sha256(data).hexdigest()
        raw = RawDocument(sha, f"{publisher}.txt", "text", data, body, "text")
        doc = Document(
            sha,
            raw.source,
            "text",
            body,
            published=published,
            publisher=publisher,
            original_publisher=original_publisher,
        )
        time = TimeInterval(day, end or day, precision, basis=basis) if day else None
        quantities = (Quantity("people", killed, killed, "people"),) if killed is not None else ()
        event = Event(
            type=type_,
            evidence=(Span.of(body, 0, min(len(body), 40)),),
            status=status,
            actors=tuple(Actor(a, None, a, "agency") for a in actors),
            targets=tuple(Actor(t, None, t, "state") for t in targets),
            places=(place,) if place else (),
            time=time,
            quantities=quantities,
        )
        doc_id = store.save(raw, Analysis(doc, (event,)))
        assert doc_id is not None
        return doc_id

    return file


def spy_retold(monkeypatch, store):
    """Spies on the retold comparisons and on the stored candidates the lookups return."""
    import eventledger.dedup.incidents as incidents
    from eventledger.dedup.retold import retold

    calls = {"retold": 0, "stored": 0}

    def counting(a, b, s):
        calls["retold"] += 1
        return retold(a, b, s)

    monkeypatch.setattr(incidents, "retold", counting)
    tables = store.incident_tables()
    lookup = tables.retold_events

    def stored(*args):
        found = lookup(*args)
        calls["stored"] += len(found)
        return found

    monkeypatch.setattr(tables, "retold_events", stored)
    return tables, calls


def refile_each(store: Store, target: Store, ids: list[int]) -> None:
    """File the reports ``ids`` of ``store`` into ``target`` one at a time, each deduplicated on arrival."""
    from eventledger.dedup import dedup_documents

    for i in ids:  # one at a time: each report decided against what is stored
        analysis = store.load_analysis(i)
        d = analysis.document
        new_id = target.save(RawDocument(d.sha256, d.source, "text", d.body.encode(), d.body, "text"), analysis)
        assert new_id is not None
        dedup_documents(target.incident_tables(), [new_id])
