"""Review writes on events (a bearer token names the reviewer); each returns the event as it now reads."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, HTTPException

from eventledger.api import detail
from eventledger.api.deps import Filters, Id, Store, User
from eventledger.api.schemas import BulkIn, CorrectIn, MergeIn, ReviewIn
from eventledger.store.queries import EventFilter

# A bulk review by filter touches at most this many events; past it, narrow the filter.
BULK_MAX = 1000

router = APIRouter(prefix="/api", tags=["review"])


@router.get("/events/{event_id}/history")
def event_history(s: Store, event_id: Id) -> list[dict[str, Any]]:
    """The audit log of an event: who, when, action, before, after, comment."""
    return s.event_history(event_id)


@router.get("/reviews/detached")
def detached_reviews(s: Store) -> list[dict[str, Any]]:
    """Reviews whose event ``ingest --replace`` did not find again: kept, with the original event's identity."""
    return s.detached_reviews()


@router.get("/whoami")
def whoami(name: User) -> dict[str, str]:
    """The name a token belongs to (the UI checks a pasted token with it)."""
    return {"user": name}


@router.post("/events/{event_id}/accept")
def accept(s: Store, name: User, event_id: Id, body: ReviewIn) -> dict[str, Any]:
    """Accept the machine's coding (or the corrected one) as right."""
    s.review_event(event_id, "accept", name, body.comment)
    return detail.event_detail(s, event_id)


@router.post("/events/{event_id}/reject")
def reject(s: Store, name: User, event_id: Id, body: ReviewIn) -> dict[str, Any]:
    """Reject the event: lists and exports leave it out unless asked."""
    s.review_event(event_id, "reject", name, body.comment)
    return detail.event_detail(s, event_id)


@router.post("/events/{event_id}/correct")
def correct(s: Store, name: User, event_id: Id, body: CorrectIn) -> dict[str, Any]:
    """Correct some fields; the machine's values stay under ``machine``."""
    fields = body.fields.model_dump(exclude_unset=True)
    if not fields:
        raise HTTPException(422, "send at least one field to correct")
    s.review_event(event_id, "correct", name, body.comment, fields=fields)
    return detail.event_detail(s, event_id)


@router.post("/events/{event_id}/merge")
def merge(s: Store, name: User, event_id: Id, body: MergeIn) -> dict[str, Any]:
    """Fold this event into ``into`` (the same incident reported twice); returns the kept event."""
    s.review_event(event_id, "merge", name, body.comment, into=body.into)
    return detail.event_detail(s, body.into)


@router.post("/reviews/bulk")
def bulk(s: Store, name: User, f: Filters, body: BulkIn) -> dict[str, Any]:
    """One audited review per event, all or none: the listed ``event_ids``, or the events the filters select.

    Filters come in the query string, as for ``GET /api/events``; without ``event_ids`` at least
    one filter is required, so an empty form never rewrites the whole database.
    """
    if body.event_ids is not None:
        ids = list(body.event_ids)
    else:
        if replace(f, include_rejected=False) == EventFilter():
            raise HTTPException(422, "send event_ids or at least one filter (type, place, date_from, ...)")
        page = s.events_page(f, BULK_MAX + 1, 0)
        if len(page.items) > BULK_MAX:
            raise HTTPException(422, f"the filters select more than {BULK_MAX} events; narrow them")
        ids = [e["id"] for e in page.items]
        if not ids:
            raise HTTPException(422, "the filters select no events")
    fields = body.fields.model_dump(exclude_unset=True) if body.fields else None
    review_ids = s.bulk_review(ids, body.action, name, body.comment, fields)
    return {"action": body.action, "count": len(ids), "event_ids": ids, "review_ids": review_ids}
