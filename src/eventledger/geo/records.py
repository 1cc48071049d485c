"""The ``eventledger places`` contract: ``{"id", "text"}`` lines in, scorer lines out.

The output is the prediction format of ``shared/eval/score_geo.py``: one object per input
record, ``{"id", "toponyms": [{"start", "end", "lat", "lon"}]}``, with null coordinates for a
place name that was found but could not be placed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from eventledger.annotate.nlp import load_nlp
from eventledger.geo.tagger import tag_text

logger = logging.getLogger(__name__)

BATCH = 32


def places_records(records: Iterable[dict]) -> Iterator[dict]:
    """Tag each record; a record without text is logged and answered with no toponyms."""
    nlp = load_nlp()
    batch: list[dict] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= BATCH:
            yield from _run(nlp, batch)
            batch = []
    if batch:
        yield from _run(nlp, batch)


def _run(nlp, batch: list[dict]) -> Iterator[dict]:
    texts = [r.get("text") if isinstance(r.get("text"), str) else "" for r in batch]
    for rec, text, doc in zip(batch, texts, nlp.pipe(texts), strict=True):
        if not text:
            logger.warning("record %r has no text; no toponyms", rec.get("id"))
        toponyms = tag_text(text, doc) if text else []
        yield {
            "id": rec.get("id"),
            "toponyms": [
                {
                    "start": t.span.start,
                    "end": t.span.end,
                    "lat": t.place.lat if t.place else None,
                    "lon": t.place.lon if t.place else None,
                }
                for t in toponyms
            ],
        }
