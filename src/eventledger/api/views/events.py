"""Events: the filtered list, map points, facets, one event with its history, the UI's vocabulary."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from eventledger.api import detail
from eventledger.api.deps import Filters, Id, Limit, Offset, Store
from eventledger.model import EVENT_STATUSES, PLACE_PRECISIONS, TIME_PRECISIONS
from eventledger.store import reviews

router = APIRouter(prefix="/api", tags=["events"])


@router.get("/events")
def list_events(s: Store, f: Filters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Event summaries (effective coding), newest first, with the total for pagination."""
    page = s.events_page(f, limit, offset)
    return {
        "total": page.total, "total_exact": page.exact, "limit": limit, "offset": offset, "items": page.items,
    }  # fmt: skip


@router.get("/points", response_model=None)
def event_points(s: Store, f: Filters, limit: Annotated[int, Query(ge=1, le=100000)] = 20000) -> Response:
    """``[id, lat, lon, type, date]`` for every located event: the map's markers.

    ``{"fields": [...], "points": [...]}``, the points' JSON written by the database: 20k markers
    would cost more to encode in Python than to read."""
    body = '{"fields": ["id", "lat", "lon", "type", "date"], "points": ' + s.event_points_json(f, limit) + "}"
    return Response(body, media_type="application/json")


@router.get("/facets")
def event_facets(s: Store, f: Filters) -> dict[str, Any]:
    """Counts per type, status, mode, decision, country, and per day for the timeline."""
    return s.event_facets(f)


@router.get("/events/{event_id}")
def get_event(s: Store, event_id: Id) -> dict[str, Any]:
    """Effective coding, the machine's original (``machine``), review state, history, document."""
    return detail.event_detail(s, event_id)


@router.get("/vocab")
def vocab() -> dict[str, list[str]]:
    """The values the UI offers in its filters and correction form."""
    return {
        "types": sorted(reviews.plover_types()), "statuses": list(EVENT_STATUSES),
        "time_precisions": list(TIME_PRECISIONS), "place_precisions": list(PLACE_PRECISIONS),
        "decisions": [*reviews.DECISIONS, "unreviewed"], "correctable": list(reviews.CORRECTABLE),
    }  # fmt: skip
