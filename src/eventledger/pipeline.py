"""The one place that runs the stages in order, for `ingest` and `analyze` alike.

Inputs stream in from ``ingest`` in the main process, which also skips what the store
already holds. Batches of raw documents are then extracted, parsed by spaCy
(``nlp.pipe`` over a batch is several times faster than one call per text) and run
through the event, time and place stages by ``analyze_batch`` — in this process, in
local worker processes, or as Ray tasks; the function is the same whatever the engine.
Results come back in input order (see ``engines``) and the main process, the store's
only writer, saves each batch in one transaction (each document whole or not at all), then
links copies and clusters incidents (``dedup``) for every ``LINK_EVERY`` stored documents.
A failure of one input, even an unexpected one, becomes an ``Outcome`` with a one-line
reason and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from eventledger import sections
from eventledger.annotate import Annotated, annotate_many, transient_parses
from eventledger.dedup import DocumentIndex, Fingerprint, dedup_documents, fingerprint
from eventledger.engines import open_engine, ordered
from eventledger.errors import EventledgerError
from eventledger.events import extract_events
from eventledger.extract import extract_document
from eventledger.geo import assign_places, find_toponyms
from eventledger.ingest import Failure, read_inputs
from eventledger.model import Analysis, Document, RawDocument
from eventledger.store.base import Store
from eventledger.temporal import assign_times, find_timexes
from eventledger.validate import check_page, checked_document

logger = logging.getLogger(__name__)

BATCH_SIZE = 16
# Stored documents linked and clustered together: each dedup call reads the incidents near its
# events once, so a larger group shares those reads (writer CPU per document, 500 documents into a
# 3,000-document store: 6.8-7.2 ms in groups of 16, 5.2 of 64, 4.4 of 128). The outcomes are
# yielded after the linking, and a killed run's unlinked documents are caught up by the next.
LINK_EVERY = 128


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: ``stored``, ``present`` (seen before), ``analyzed`` or ``failed``."""

    source: str
    status: str
    reason: str | None = None
    document_id: int | None = None
    analysis: Analysis | None = None


def analyze_annotated(ann: Annotated) -> Analysis:
    """Run the event, time and place stages on one annotated document."""
    events = extract_events(ann)
    timexes = find_timexes(ann)
    events = assign_times(ann, events, timexes)
    toponyms = find_toponyms(ann)
    events = assign_places(ann, events, toponyms)
    return Analysis(ann.document, tuple(events), tuple(timexes), tuple(toponyms))


def analyze_documents(documents: Sequence[Document]) -> list[Analysis]:
    """Annotate (one spaCy pass for the batch) and analyse clean documents, in order.

    The parses live only inside this call (``transient_parses``): what it returns holds no
    spaCy object, so the words the batch added to the vocabulary are freed on return.

    Long bodies are analysed in sections, so the cost stays linear in their length (see ``sections``).
    """
    pieces, owners = sections.split(documents)
    batch = {"batch_size": sections.BATCH} if len(pieces) > len(documents) else {}  # few big sections in memory
    with transient_parses():  # the batch's new words leave the vocabulary with its parses
        analyses = [analyze_annotated(ann) for ann in annotate_many(pieces, **batch)]
    return sections.join(documents, owners, analyses)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EventledgerError):
        return str(exc)
    return f"internal error ({type(exc).__name__}: {exc}); the input was skipped, please report it"


def analyze_batch(raws: Sequence[RawDocument]) -> list[Analysis | str]:
    """Extract and analyse a batch; each slot is an Analysis or a one-line failure reason."""
    results: list[Analysis | str] = ["not analysed"] * len(raws)
    extracted: list[tuple[int, Document]] = []
    for i, raw in enumerate(raws):
        try:
            check_page(raw)  # a page of a million tiny elements: one line, not a minute and 1.6 GB
            document = checked_document(extract_document(raw))  # bad dates -> None + warning
            sections.check_length(document)  # past the NLP limit: one line, not an internal error
            extracted.append((i, document))
        except Exception as exc:  # one bad page must not stop the batch
            logger.debug("extraction failed for %s", raw.source, exc_info=True)
            results[i] = _reason(exc).removeprefix(f"{raw.source}: ")  # the caller names the source
    try:
        for (i, _), analysis in zip(extracted, analyze_documents([d for _, d in extracted]), strict=True):
            results[i] = analysis
    except Exception:  # isolate the document that broke the batch
        logger.debug("batch analysis failed; retrying one by one", exc_info=True)
        for i, document in extracted:
            try:
                results[i] = analyze_documents([document])[0]
            except Exception as exc:
                logger.debug("analysis failed for %s", document.source, exc_info=True)
                results[i] = _reason(exc)
    return results


def analyze_for_store(raws: Sequence[RawDocument]) -> list[tuple[Analysis, Fingerprint] | str]:
    """``analyze_batch`` plus each body's copy fingerprint, for an ingest.

    Why here: the fingerprint (normalising, shingling and MinHashing the body) needs no
    database, so it runs in the worker and the single writing process only looks it up.
    """
    return [r if isinstance(r, str) else (r, fingerprint(r.document.body)) for r in analyze_batch(raws)]


def process(
    paths: Sequence[str],
    store: Store | None = None,
    *,
    replace: bool = False,
    workers: int = 1,
    engine: str = "local",
    address: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_item: Callable[[], None] | None = None,
) -> Iterator[Outcome]:
    """Run every input through the pipeline; with a store, write each document atomically (a batch per commit)."""
    return process_items(
        read_inputs(paths), store, replace=replace, workers=workers, engine=engine, address=address,
        batch_size=batch_size, on_item=on_item,
    )  # fmt: skip


def process_items(
    items: Iterable[RawDocument | Failure],
    store: Store | None = None,
    *,
    replace: bool = False,
    workers: int = 1,
    engine: str = "local",
    address: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_item: Callable[[], None] | None = None,
) -> Iterator[Outcome]:
    """``process`` over raw documents and failures already read (the ingest stage done elsewhere)."""
    with store.ingesting() if store is not None else nullcontext():
        yield from _run(items, store, replace, workers, engine, address, batch_size, on_item)


def _run(
    items: Iterable[RawDocument | Failure],
    store: Store | None,
    replace: bool,
    workers: int,
    engine: str,
    address: str | None,
    batch_size: int,
    on_item: Callable[[], None] | None,
) -> Iterator[Outcome]:
    batches = _batches(items, store, replace, batch_size, on_item)
    linker = _Dedup(store) if store is not None else None
    stage = analyze_batch if store is None else analyze_for_store
    waiting: list[Outcome] = []  # stored, not yet linked: yielded once their copies and incidents are
    made: dict[int, Fingerprint] = {}
    with open_engine(engine, workers, address) as runner:
        for (skipped, batch), results in ordered(runner, stage, batches, arg=lambda b: b[1]):
            analyses = [r[0] if isinstance(r, tuple) else r for r in results]
            outcomes = list(_save(batch, analyses, store, replace))
            if linker is None:
                yield from skipped
                yield from outcomes
                continue
            waiting += skipped + outcomes
            made |= {o.document_id: r[1] for o, r in zip(outcomes, results, strict=True)
                     if o.document_id is not None and isinstance(r, tuple)}  # fmt: skip
            if len(made) >= LINK_EVERY:
                linker.run(list(made), made)
                yield from waiting
                waiting, made = [], {}
        if linker is not None:
            linker.run(list(made), made)
            yield from waiting


class _Dedup:
    """Links copies and clusters incidents after every ``LINK_EVERY`` stored documents, in the writing process.

    The copy index lives in memory, so it runs here and not in the workers (they send each
    body's fingerprint, ``analyze_for_store``, so it is not computed here). Documents a
    killed run stored but never linked are caught up first; a failure is logged and left
    for the next run's catch-up rather than losing the stored documents.
    """

    def __init__(self, store: Store) -> None:
        self.tables = store.incident_tables()
        self.index: DocumentIndex | None = None
        self.run(self.tables.undeduped_document_ids())

    def run(self, document_ids: list[int], made: Mapping[int, Fingerprint] | None = None) -> None:
        if not document_ids:
            return
        try:
            if self.index is None:
                self.index = DocumentIndex(self.tables)
            dedup_documents(self.tables, document_ids, self.index, made)
        except Exception:
            logger.warning("linking copies and incidents failed; the next run will retry", exc_info=True)
            self.index = None


def _batches(
    items: Iterable[RawDocument | Failure],
    store: Store | None,
    replace: bool,
    batch_size: int,
    on_item: Callable[[], None] | None,
) -> Iterator[tuple[list[Outcome], list[RawDocument]]]:
    """Group new raw documents into batches; failures and known documents ride along in order.

    Only the current batch is remembered (memory stays flat): a repeat in a later batch is
    caught by the store, whose save of known bytes is a no-op.
    """
    skipped: list[Outcome] = []
    batch: list[RawDocument] = []
    seen: set[str] = set()
    own = store.own_files() if store is not None else set()
    for item in items:
        if on_item:
            on_item()
        if own and _resolved(item.source) in own:
            logger.debug("skipping the database's own file %s", item.source)
            continue
        if isinstance(item, Failure):
            skipped.append(Outcome(item.source, "failed", item.reason))
        elif item.sha256 in seen or (store is not None and not replace and store.has_document(item.sha256)):
            skipped.append(Outcome(item.source, "present"))
        else:
            seen.add(item.sha256)
            batch.append(item)
        if len(batch) >= batch_size:
            yield skipped, batch
            skipped, batch, seen = [], [], set()
    if skipped or batch:
        yield skipped, batch


def _resolved(source: str) -> str:
    """The real path of an input's file; as given when it cannot be resolved (a symlink loop)."""
    path = Path(source.split("#", 1)[0])
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # RuntimeError: "Symlink loop" (Python < 3.13)
        return str(path.absolute())


def _save(
    batch: Sequence[RawDocument], results: Sequence[Analysis | str], store: Store | None, replace: bool
) -> Iterator[Outcome]:
    analysed = [(raw, r) for raw, r in zip(batch, results, strict=True) if not isinstance(r, str)]
    saved = iter(store.save_many(analysed, replace=replace) if store is not None and analysed else [])
    for raw, result in zip(batch, results, strict=True):
        if isinstance(result, str):
            yield Outcome(raw.source, "failed", result)
        elif store is None:
            yield Outcome(raw.source, "analyzed", analysis=result)
        else:
            doc_id = next(saved)
            if isinstance(doc_id, EventledgerError):
                yield Outcome(raw.source, "failed", _reason(doc_id))
            elif doc_id is None:
                yield Outcome(raw.source, "present")
            else:
                yield Outcome(raw.source, "stored", document_id=doc_id, analysis=result)
