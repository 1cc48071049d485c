"""eventledger: news reports in, an evidence-backed event database out.

Every value the pipeline produces points back to character offsets in a document's
clean body, and every document's raw bytes are kept under their SHA-256.

The public API (the README's "Python" section shows it at work)::

    analyze(text_or_html, *, url=None, published=None, title=None) -> Analysis
    analyze_file(path) -> list[Analysis]
    Analysis.to_record() -> dict          # the JSON `eventledger analyze` writes
    open_store(db) -> Store               # ingest(paths), events(), incidents(), export(fmt, out)

Everything else is internal and may change between releases.
"""

from eventledger._version import PIPELINE_VERSION, __version__
from eventledger.errors import EventledgerError
from eventledger.library import IngestResult, Store, analyze, analyze_file, open_store
from eventledger.model import Analysis, Document, Event

__all__ = [  # sorted case-insensitively, as httpx does; tests/test_public_api.py pins it
    "__version__",
    "Analysis",
    "analyze",
    "analyze_file",
    "Document",
    "Event",
    "EventledgerError",
    "IngestResult",
    "open_store",
    "PIPELINE_VERSION",
    "Store",
]
