"""The one place that runs the stages in order, for `ingest` and `analyze` alike.

Documents stream in from ``ingest``; they are extracted one by one, parsed by spaCy in
small batches (``nlp.pipe`` is several times faster than one call per text), run through
the event, time and place stages, and handed on one at a time. A failure of one input,
even an unexpected one, becomes an ``Outcome`` with a one-line reason and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from eventledger.annotate import Annotated, annotate_many
from eventledger.errors import EventledgerError
from eventledger.events import extract_events
from eventledger.extract import extract_document
from eventledger.geo import assign_places, find_toponyms
from eventledger.ingest import Failure, read_inputs
from eventledger.model import Analysis, Document, RawDocument
from eventledger.store import SQLiteStore
from eventledger.temporal import assign_times, find_timexes

logger = logging.getLogger(__name__)

BATCH_SIZE = 16


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: ``stored``, ``present`` (seen before), ``analyzed`` or ``failed``."""

    source: str
    status: str
    reason: str | None = None
    document_id: int | None = None
    analysis: Analysis | None = None


def analyze_annotated(ann: Annotated) -> Analysis:
    events = extract_events(ann)
    timexes = find_timexes(ann)
    events = assign_times(ann, events, timexes)
    toponyms = find_toponyms(ann)
    events = assign_places(ann, events, toponyms)
    return Analysis(ann.document, tuple(events), tuple(timexes), tuple(toponyms))


def analyze_documents(documents: Sequence[Document]) -> list[Analysis]:
    return [analyze_annotated(ann) for ann in annotate_many(list(documents))]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EventledgerError):
        return str(exc)
    return f"internal error ({type(exc).__name__}: {exc}); the input was skipped, please report it"


def process(
    paths: Sequence[str],
    store: SQLiteStore | None = None,
    *,
    replace: bool = False,
    batch_size: int = BATCH_SIZE,
    on_item: Callable[[], None] | None = None,
) -> Iterator[Outcome]:
    """Run every input through the pipeline; with a store, write each document atomically."""
    return _process(read_inputs(paths), store, replace=replace, batch_size=batch_size, on_item=on_item)


def _process(
    items: Iterable[RawDocument | Failure],
    store: SQLiteStore | None,
    *,
    replace: bool,
    batch_size: int,
    on_item: Callable[[], None] | None,
) -> Iterator[Outcome]:
    batch: list[tuple[RawDocument, Document]] = []
    seen: set[str] = set()
    for item in items:
        if on_item:
            on_item()
        if isinstance(item, Failure):
            yield Outcome(item.source, "failed", item.reason)
            continue
        if item.sha256 in seen or (store is not None and not replace and store.has_document(item.sha256)):
            yield Outcome(item.source, "present")
            continue
        try:
            document = extract_document(item)
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the batch
            logger.debug("extraction failed for %s", item.source, exc_info=True)
            yield Outcome(item.source, "failed", _reason(exc))
            continue
        seen.add(item.sha256)
        batch.append((item, document))
        if len(batch) >= batch_size:
            yield from _flush(batch, store, replace)
            batch = []
    if batch:
        yield from _flush(batch, store, replace)


def _flush(
    batch: list[tuple[RawDocument, Document]], store: SQLiteStore | None, replace: bool
) -> Iterator[Outcome]:
    try:
        analyses = analyze_documents([d for _, d in batch])
    except Exception:  # noqa: BLE001 - fall back to one by one to isolate the bad document
        logger.debug("batch analysis failed; retrying one by one", exc_info=True)
        analyses = []
        for _, d in batch:
            try:
                analyses.extend(analyze_documents([d]))
            except Exception as exc:  # noqa: BLE001
                analyses.append(exc)  # type: ignore[arg-type]
    for (raw, _), analysis in zip(batch, analyses, strict=True):
        if isinstance(analysis, BaseException):
            yield Outcome(raw.source, "failed", _reason(analysis))
            continue
        if store is None:
            yield Outcome(raw.source, "analyzed", analysis=analysis)
            continue
        try:
            doc_id = store.save(raw, analysis, replace=replace)
        except EventledgerError as exc:
            yield Outcome(raw.source, "failed", _reason(exc))
            continue
        if doc_id is None:
            yield Outcome(raw.source, "present")
        else:
            yield Outcome(raw.source, "stored", document_id=doc_id, analysis=analysis)
