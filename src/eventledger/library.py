"""The Python API behind ``import eventledger``: analyse a string or a file, open a store.

    >>> import eventledger
    >>> a = eventledger.analyze(text, published="2024-03-04")   # doctest: +SKIP
    >>> [e.type for e in a.events], a.to_record()["events"][0]["evidence"]   # doctest: +SKIP

``analyze`` runs exactly the stages ``eventledger analyze`` and ``ingest`` run (extraction,
spaCy, events, times, places) on one document held in memory; the heavy stages are imported
on first use, so ``import eventledger`` stays cheap. ``open_store`` gives the ``Store`` the
CLI and the HTTP API read and write through.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from eventledger.errors import InputError
from eventledger.ingest.formats.common import looks_like_html, raw_document, require_text
from eventledger.model import Analysis, RawDocument
from eventledger.store import open_store as _open_store
from eventledger.store.base import Store

__all__ = ["analyze", "analyze_file", "open_store"]


def analyze(
    text_or_html: str,
    *,
    url: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> Analysis:
    """Run the whole pipeline on one report held in a string (plain text or an HTML page).

    ``published`` (an ISO date) anchors relative times ("on Friday"); ``url`` and ``title``
    are kept on the document. Values given here win over what the page itself says. Raises
    ``InputError`` for an empty or markup-only string and ``ExtractionError`` when an HTML
    page holds no article body.
    """
    from eventledger.extract import extract_document
    from eventledger.pipeline import analyze_documents

    if not isinstance(text_or_html, str):
        raise InputError(f"analyze() takes a str, not {type(text_or_html).__name__}; for a file use analyze_file()")
    raw = _raw_from_string(text_or_html, url=url, published=published, title=title)
    document = extract_document(raw)
    given = {"url": url, "published": published, "title": title}
    overrides = {k: v for k, v in given.items() if v}
    if overrides:
        provenance = dict(document.provenance) | {k: "given by the caller" for k in overrides if k != "url"}
        document = dataclasses.replace(document, **overrides, provenance=provenance)
    return analyze_documents([document])[0]


def _raw_from_string(content: str, *, url: str | None, published: str | None, title: str | None) -> RawDocument:
    media = "html" if looks_like_html(content) else "text"
    try:
        require_text(content, media)
    except InputError as exc:
        raise InputError(f"analyze(): the string {exc}") from None
    data = content.encode("utf-8")
    return raw_document(
        source=url or f"string:{hashlib.sha256(data).hexdigest()[:12]}",
        format=media,
        data=data,
        content=content,
        media=media,
        meta={"url": url, "published": published, "title": title},
        encoding="utf-8",
    )


def analyze_file(path: str | Path) -> list[Analysis]:
    """Run the whole pipeline on one file: a page or a text gives one Analysis, a feed or WARC one per report.

    The file is read as ``eventledger analyze`` reads it (format sniffed from its bytes, gzip
    and encodings handled). Raises ``InputError`` naming the file and the reason on the first
    input that cannot be analysed.
    """
    from eventledger.pipeline import process

    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file (analyze_file takes one file; Store.ingest takes folders and globs)")
    out: list[Analysis] = []
    for o in process([str(p)], None):
        if o.analysis is None:
            raise InputError(f"{o.source}: {o.reason}")
        out.append(o.analysis)
    return out


def open_store(db: str | Path | None = None) -> Store:
    """The database at ``db``: a SQLite file (created if absent) or a ``postgresql://`` URL.

    Without ``db``, ``$EVENTLEDGER_DB`` or ``./eventledger.db``. Use it as a context manager,
    or call ``close()``.
    """
    return _open_store(str(db) if db is not None else None)
