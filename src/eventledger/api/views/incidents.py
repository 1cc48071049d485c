"""Incidents across reports: a page of them (paged in SQL), their review history, split and merge."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from eventledger.api.deps import Id, Limit, Offset, Store, User
from eventledger.api.schemas import MergeIncidentsIn, SplitIn

router = APIRouter(prefix="/api", tags=["incidents"])


@router.get("/incidents")
def list_incidents(
    s: Store,
    limit: Limit = 100,
    offset: Offset = 0,
    type: Annotated[list[str], Query(description="PLOVER type(s), e.g. ASSAULT")] = [],  # noqa: B006
    conflict: bool | None = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
) -> dict[str, Any]:
    """Incidents, oldest first, with their reports, independent-source counts and conflict flags.

    ``total`` is exact when ``total_exact``; past 10,000 matches it is a lower bound, so a page
    never waits on counting every incident.
    """
    page = s.incidents_page(limit, offset, types=type, conflict=conflict, country=country)
    return {"total": page.total, "total_exact": page.exact, "limit": limit, "offset": offset, "items": page.items}


@router.get("/incidents/{incident_id}")
def get_incident(s: Store, incident_id: Id) -> dict[str, Any]:
    """One incident with every report's event (evidence, document, effective coding) and its history."""
    incident = s.incident(incident_id)
    return incident | {
        "reports": s.event_summaries(incident["event_ids"]),
        "history": s.incident_history(incident_id),
    }


@router.get("/events/{event_id}/incident")
def incident_of_event(s: Store, event_id: Id) -> dict[str, Any]:
    """The event's incident (or null) and the other reports of it: "also reported by"."""
    document_id, _ = s.event_ref(event_id)  # NotFound for an unknown event
    incident_id = s.incident_of_event(event_id)
    if incident_id is None:
        return {"incident": None, "also_reported_by": []}
    incident = s.incident(incident_id)
    others = [e for e in incident["event_ids"] if e != event_id]
    also = [
        {"event_id": e["id"], "document_id": e["document_id"], **e["document"]}
        for e in s.event_summaries(others)
        if e["document_id"] != document_id
    ]
    return {"incident": incident, "also_reported_by": also}


@router.get("/incidents/{incident_id}/history")
def incident_history(s: Store, incident_id: Id) -> list[dict[str, Any]]:
    """Reviewer splits and merges of this incident, oldest first."""
    return s.incident_history(incident_id)


@router.post("/incidents/{incident_id}/split")
def split(s: Store, name: User, incident_id: Id, body: SplitIn) -> dict[str, int]:
    """Move some reported events out into a new incident (audited); returns the new id."""
    new_id = s.split_incident(incident_id, body.event_ids, reviewer=name, comment=body.comment)
    return {"incident_id": new_id}


@router.post("/incidents/merge")
def merge_incident(s: Store, name: User, body: MergeIncidentsIn) -> dict[str, int]:
    """Merge incidents that are one (audited); the oldest id is kept and returned."""
    return {"incident_id": s.merge_incidents(body.incident_ids, reviewer=name, comment=body.comment)}
