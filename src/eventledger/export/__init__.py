"""Records and files for other tools, outside HTTP.

- ``records``: the JSON shapes of documents and events; the shape written by ``analyze``,
  ``Analysis.to_record()`` and ``export --format eval`` is the contract read by
  ``../shared/eval/score_events.py``: keep it stable.
- ``exporters.write_export(store, fmt, out, filters)``: plover, acled, geojson, parquet, eval.
"""

from eventledger.export.records import document_record, eval_record, event_record

__all__ = ["document_record", "eval_record", "event_record"]
