"""The `eventledger times` contract: JSON records in, TIMEX3 offsets/types/values out.

Why a generator over dicts: the CLI streams JSON Lines of any length, and the scorer
(``shared/eval/score_timex.py``) reads exactly ``{"id", "timexes": [{start, end, type, value}]}``.
Texts are parsed with the shared spaCy pipeline in batches (tense of governing verbs); when the
model is missing, the tagger falls back to surface tense cues rather than failing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from eventledger.errors import ConfigError
from eventledger.temporal.tagger import tag_text

logger = logging.getLogger(__name__)

BATCH = 32


def _parser():
    try:
        from eventledger.annotate import load_nlp

        return load_nlp()
    except ConfigError as exc:
        logger.warning("tagging without a parse (tense from surface cues): %s", exc)
        return None


def times_records(records: Iterable[dict], parse: bool = True) -> Iterator[dict]:
    """``{"id", "dct", "text"}`` -> ``{"id", "timexes": [...]}``, one output per input, in order."""
    nlp = _parser() if parse else None
    it = iter(records)
    while batch := list(islice(it, BATCH)):
        texts = [str(r.get("text") or "") for r in batch]
        docs = list(nlp.pipe(texts)) if nlp is not None else [None] * len(batch)
        for rec, text, doc in zip(batch, texts, docs, strict=True):
            dct = rec.get("dct")
            timexes = tag_text(text, str(dct)[:10] if dct else None, doc)
            yield {
                "id": rec.get("id"),
                "timexes": [
                    {"start": t.span.start, "end": t.span.end, "type": t.type, "value": t.value} for t in timexes
                ],
            }
