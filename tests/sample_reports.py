"""Hand-built analyses of invented reports: fixtures for the API, web and browser tests.

They go through ``Store.save`` like real pipeline output, so the tests of reading, review
and export do not depend on the NLP stages. One report carries a script payload in its text,
to prove the UI renders document text inert.
"""

from __future__ import annotations

import hashlib

from eventledger.model import Actor, Analysis, Document, Event, Place, RawDocument, Span, TimeInterval
from eventledger.store.base import Store

XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'

_REPORTS = (
    # (source, title, published, publisher, body, [(type, mode, status, evidence, actor, target, place)])
    (
        "harbour.txt",
        "Clash near the harbour",
        "2023-06-02",
        "Coastal Wire",
        "Soldiers opened fire on a crowd near the harbour in Lahore on Friday, witnesses said. "
        "Officials denied that anyone was hurt.",
        [
            (
                "ASSAULT",
                "firearms",
                "asserted",
                "Soldiers opened fire on a crowd near the harbour in Lahore on Friday",
                "Soldiers",
                "a crowd",
                ("Lahore", 31.55, 74.34, "PK", "Punjab", "town"),
                "2023-06-02",
            )
        ],
    ),
    (
        "march.txt",
        "Teachers march in Nairobi",
        "2023-07-10",
        "Highland Times",
        "Hundreds of teachers marched through Nairobi on Monday to demand unpaid wages. "
        "Police arrested four organisers after the march.",
        [
            (
                "PROTEST",
                "demo",
                "asserted",
                "Hundreds of teachers marched through Nairobi on Monday",
                "Hundreds of teachers",
                None,
                ("Nairobi", -1.29, 36.82, "KE", "Nairobi", "town"),
                "2023-07-10",
            ),
            (
                "COERCE",
                "arrest",
                "asserted",
                "Police arrested four organisers after the march",
                "Police",
                "four organisers",
                ("Nairobi", -1.29, 36.82, "KE", "Nairobi", "town"),
                "2023-07-10",
            ),
        ],
    ),
    (
        "payload.txt",
        "Raid reported " + XSS,
        "2023-08-15",
        "Night Desk",
        "Militia fighters raided a village outside Mandalay " + XSS + " on Tuesday, a resident told reporters.",
        [
            (
                "ASSAULT",
                "targeted",
                "alleged",
                "Militia fighters raided a village outside Mandalay " + XSS,
                "Militia fighters",
                "a village",
                ("Mandalay", 21.97, 96.08, "MM", "Mandalay", "town"),
                "2023-08-15",
            )
        ],
    ),
)


def sample_documents() -> list[tuple[RawDocument, Analysis]]:
    """Three invented reports with four located, dated events."""
    out = []
    for source, title, published, publisher, body, events in _REPORTS:
        data = body.encode("utf-8")
        sha = hashlib.sha256(data).hexdigest()
        raw = RawDocument(sha, source, "text", data, body, "text")
        doc = Document(sha, source, "text", body, title=title, published=published, publisher=publisher)
        evs = []
        for etype, mode, status, evidence, actor, target, place, date in events:
            start = body.index(evidence)
            a = body.index(actor)
            name, lat, lon, country, admin1, precision = place
            p = body.index(name)
            evs.append(
                Event(
                    type=etype,
                    mode=mode,
                    status=status,
                    evidence=(Span.of(body, start, start + len(evidence)),),
                    actors=(Actor(actor, Span.of(body, a, a + len(actor)), kind="group"),),
                    targets=()
                    if target is None
                    else (Actor(target, Span.of(body, body.index(target), body.index(target) + len(target))),),
                    places=(
                        Place(
                            name,
                            Span.of(body, p, p + len(name)),
                            lat,
                            lon,
                            None,
                            country,
                            admin1,
                            "P.PPL",
                            precision,
                            (name, admin1),
                        ),
                    ),
                    time=TimeInterval(date, date, "day", date, None, "explicit"),
                    confidence=0.7,
                )  # fmt: skip
            )
        out.append((raw, Analysis(doc, tuple(evs))))
    return out


def seed(store: Store) -> list[int]:
    """Save the sample documents; returns their document ids (re-seeding adds nothing)."""
    ids = []
    for raw, analysis in sample_documents():
        doc_id = store.save(raw, analysis)
        if doc_id is not None:
            ids.append(doc_id)
    return ids
