"""Reading the database out: the evaluation/export record shapes (the HTTP API comes later).

The record shape written by `analyze` and `export --format eval` is the contract read by
``../shared/eval/score_events.py``; keep it stable.
"""

from eventledger.api.records import document_record, eval_record, event_record

__all__ = ["document_record", "eval_record", "event_record"]
