"""Recognition plus resolution: text in, resolved ``Toponym`` records out."""

from __future__ import annotations

import logging

from eventledger.annotate.nlp import Annotated, load_nlp
from eventledger.geo.recognize import Recognizer
from eventledger.geo.resolve import resolve
from eventledger.geo.store import Candidate, gazetteer
from eventledger.model import Place, Span, Toponym

logger = logging.getLogger(__name__)

_RECOGNIZER: Recognizer | None = None


def recognizer() -> Recognizer:
    global _RECOGNIZER
    if _RECOGNIZER is None:
        _RECOGNIZER = Recognizer(gazetteer())
    return _RECOGNIZER


def to_place(c: Candidate, span: Span | None = None) -> Place:
    return Place(
        name=c.name,
        span=span,
        lat=c.lat,
        lon=c.lon,
        geonameid=c.geonameid,
        country=c.country,
        admin1=c.admin1,
        feature=c.feature,
        precision=c.precision,
        admin_path=(*c.admin_path, c.name),
        extent_km=c.extent_km,
    )


def tag_text(text: str, doc=None) -> list[Toponym]:
    """Toponyms of ``text``; ``doc`` is its spaCy parse if the caller already has one."""
    if doc is None:
        doc = load_nlp()(text)
    mentions = recognizer()(text, doc)
    out: list[Toponym] = []
    for m, c in zip(mentions, resolve(mentions, text), strict=True):
        span = Span.of(text, m.start, m.end)
        out.append(Toponym(span, to_place(c, span) if c else None))
    return out


def find_toponyms(annotated: Annotated) -> list[Toponym]:
    return tag_text(annotated.document.body, annotated.doc)
