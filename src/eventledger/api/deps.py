"""What every endpoint module shares: the per-thread store, the reviewer, the event filters, paging.

Endpoints are plain ``def`` functions, so FastAPI runs them in its thread pool; SQLite
connections cannot cross threads, so each worker thread opens its own store on first use
(WAL mode lets them read while another writes).
"""

from __future__ import annotations

import threading
from typing import Annotated, Any, cast

from fastapi import Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eventledger.api.schemas import DATE
from eventledger.errors import ConfigError
from eventledger.library import Store as DataStore
from eventledger.library import open_store
from eventledger.store.queries import EventFilter, parse_bbox
from eventledger.validate import is_date_prefix

MAX_ID = 2**62
Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10**9)]


class Stores:
    """One store (connection) per thread, all closed when the app shuts down."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.local = threading.local()
        self.opened: list[DataStore] = []
        self.lock = threading.Lock()

    def get(self) -> DataStore:
        """This thread's store, opened on first use."""
        store = getattr(self.local, "store", None)
        if store is None:
            store = open_store(self.db_path)
            self.local.store = store
            with self.lock:
                self.opened.append(store)
        return store

    def close(self) -> None:
        """Close every thread's store (at shutdown)."""
        with self.lock:
            for store in self.opened:
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - a connection of a finished thread may be gone already
                    pass
            self.opened.clear()


class _ThreadStore:
    """Stands in for a store and forwards to the calling thread's own store.

    FastAPI may resolve a dependency in one worker thread and run the endpoint in another, so
    the store is looked up at each use, never carried across threads.
    """

    def __init__(self, stores: Stores) -> None:
        self._stores = stores

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stores.get(), name)


def _store(request: Request) -> DataStore:
    return cast(DataStore, _ThreadStore(request.app.state.stores))


Store = Annotated[DataStore, Depends(_store)]

_bearer = HTTPBearer(auto_error=False, description="a token from `eventledger token create NAME`")


def _user(s: Store, cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    return s.token_user(cred.credentials if cred else None)


User = Annotated[str, Depends(_user)]


def event_filter(
    type: Annotated[list[str], Query(description="PLOVER type(s), e.g. ASSAULT")] = [],  # noqa: B006
    mode: Annotated[list[str], Query()] = [],  # noqa: B006
    status: Annotated[list[str], Query(description="asserted, alleged, denied, ...")] = [],  # noqa: B006
    date_from: Annotated[str | None, Query(pattern=DATE)] = None,
    date_to: Annotated[str | None, Query(pattern=DATE)] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    text: Annotated[str | None, Query(max_length=200)] = None,
    reviewed: bool | None = None,
    decision: Annotated[list[str], Query(description="accepted, corrected, rejected, merged, unreviewed")] = [],  # noqa: B006
    document_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    include_rejected: bool = False,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="leave out events scored below this")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2, e.g. KE")] = None,
    admin: Annotated[str | None, Query(max_length=200, description="admin area, e.g. a region")] = None,
) -> EventFilter:
    """The filters shared by the event list, map points, facets and exports."""
    _calendar("date_from", date_from)
    _calendar("date_to", date_to)
    return EventFilter(
        types=tuple(type), modes=tuple(mode), statuses=tuple(status), date_from=date_from, date_to=date_to,
        bbox=_bbox(bbox), actor=actor or None, place=place or None, text=text or None, reviewed=reviewed,
        decisions=tuple(decision), document_id=document_id, include_rejected=include_rejected,
        min_confidence=min_confidence, country=country.upper() if country else None, admin=admin or None,
    )  # fmt: skip


def _calendar(name: str, value: str | None) -> None:
    """The pattern lets ``2025-13-01`` and ``2025-02-30`` through; a filter on them would match nothing."""
    if value and not is_date_prefix(value):
        raise HTTPException(422, f"{name} {value!r} is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)")


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        return parse_bbox(value)
    except ConfigError as exc:
        raise HTTPException(422, str(exc)) from None


Filters = Annotated[EventFilter, Depends(event_filter)]
