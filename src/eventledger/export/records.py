"""Plain-JSON shapes of documents and events, and a reviewer's corrections laid over them.

The machine's shapes (``document_record``, ``event_record``, ``eval_record``, the JSON of
``Analysis.to_record()``) are defined with the model in ``eventledger.model`` so that an
``Analysis`` can write itself; ``analyze``, ``export`` and the HTTP API all emit them. Every span
is written with its offsets and text, so a consumer can verify it against the document body
without our code.
"""

from __future__ import annotations

import copy
from typing import Any

from eventledger.model import document_record, eval_record, event_record, file_name
from eventledger.store.reviews import ReviewState

__all__ = ["document_record", "effective_record", "eval_record", "event_record", "file_name"]


def effective_record(machine: dict[str, Any], st: ReviewState | None) -> dict[str, Any]:
    """``event_record`` with a reviewer's corrections applied (the machine's record is not changed)."""
    rec = copy.deepcopy(machine)
    fx = st.fields if st else {}
    for key in ("type", "mode", "status", "contexts", "fatalities"):
        if key in fx:
            rec[key] = fx[key]
    if any(k in fx for k in ("time_start", "time_end", "time_precision")):
        time = dict(rec.get("time") or {})
        for key, sub in (("time_start", "start"), ("time_end", "end"), ("time_precision", "precision")):
            if key in fx:
                time[sub] = fx[key]
        time["basis"] = "review"
        rec["time"] = time
    if "location" in fx:
        loc = fx["location"]
        rec["locations"] = [] if loc is None else [{**loc, "admin_path": [], "corrected": True}]
    for key in ("actors", "targets"):
        if key in fx:
            rec[key] = [{"text": t, "normalised": None, "kind": "other", "corrected": True} for t in fx[key]]
    return rec
