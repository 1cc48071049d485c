"""Reading the database out: record shapes, the HTTP API and UI, review, exports.

- ``records``: the evaluation/export record shapes; the shape written by `analyze` and
  `export --format eval` is the contract read by ``../shared/eval/score_events.py``: keep it stable.
- ``app.create_app(db_path)`` / ``app.serve(db_path, host, port)``: the FastAPI app (API + web UI).
- ``exporters.write_export(store, fmt, out, filters)``: plover, acled, geojson, parquet, eval.

Only ``records`` is imported here, so commands that never serve do not pay for FastAPI's import.
"""

from eventledger.api.records import document_record, eval_record, event_record

__all__ = ["document_record", "eval_record", "event_record"]
