"""The HTTP API and the web UI in one FastAPI app: ``create_app(db_path)``.

Reads are open (the server binds to localhost by default); review writes need a bearer token
from ``eventledger token create NAME``. Endpoints are plain ``def`` functions, so FastAPI runs
them in its thread pool; SQLite connections cannot cross threads, so each worker thread opens
its own store on first use (WAL mode lets them read while another writes).
"""

from __future__ import annotations

import io
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles

from eventledger import __version__
from eventledger.api import exporters, validation, views
from eventledger.api.schemas import DATE, CorrectIn, MergeIn, MergeIncidentsIn, ReviewIn, SplitIn
from eventledger.dedup import incident_reviews, list_incidents, merge_incidents, split_incident
from eventledger.errors import AuthError, ConfigError, EventledgerError, NotFound, ReviewError
from eventledger.model import EVENT_STATUSES, PLACE_PRECISIONS, TIME_PRECISIONS
from eventledger.store import open_store, queries, reattach, reviews
from eventledger.store.base import Store as DataStore
from eventledger.store.queries import EventFilter, parse_bbox

STATIC = Path(str(files("eventledger.web") / "static"))
MAX_ID = 2**62
# Scripts only from this origin: document text is rendered as text anyway, this makes a slip inert too.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]


class _Stores:
    """One store (connection) per thread, all closed when the app shuts down."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.local = threading.local()
        self.opened: list[DataStore] = []
        self.lock = threading.Lock()

    def get(self) -> DataStore:
        store = getattr(self.local, "store", None)
        if store is None:
            store = open_store(self.db_path)
            self.local.store = store
            with self.lock:
                self.opened.append(store)
        return store

    def close(self) -> None:
        with self.lock:
            for store in self.opened:
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - a connection of a finished thread may be gone already
                    pass
            self.opened.clear()


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
) -> EventFilter:
    """The filters shared by the event list, map points, facets and exports."""
    return EventFilter(
        types=tuple(type), modes=tuple(mode), statuses=tuple(status), date_from=date_from, date_to=date_to,
        bbox=_bbox(bbox), actor=actor or None, place=place or None, text=text or None, reviewed=reviewed,
        decisions=tuple(decision), document_id=document_id, include_rejected=include_rejected,
    )  # fmt: skip


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        return parse_bbox(value)
    except ConfigError as exc:
        raise HTTPException(422, str(exc)) from None


Filters = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10**9)]


_bearer = HTTPBearer(auto_error=False, description="a token from `eventledger token create NAME`")


class _ThreadStore:
    """Stands in for a store and forwards to the calling thread's own store.

    FastAPI may resolve a dependency in one worker thread and run the endpoint in another, so
    the store is looked up at each use, never carried across threads.
    """

    def __init__(self, stores: _Stores) -> None:
        self._stores = stores

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stores.get(), name)


def _store(request: Request) -> DataStore:
    return cast(DataStore, _ThreadStore(request.app.state.stores))


Store = Annotated[DataStore, Depends(_store)]


def _user(s: Store, cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    return reviews.token_user(s, cred.credentials if cred else None)


User = Annotated[str, Depends(_user)]


def create_app(db_path: str | Path) -> FastAPI:
    """The API (under ``/api``) and the web UI (at ``/``) over one database (SQLite file or PostgreSQL URL)."""
    stores = _Stores(str(db_path))
    open_store(str(db_path)).close()  # create / migrate once, and fail early on a bad database

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        title="eventledger", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Evidence-backed events from news reports: read, filter, review (audited), export.",
    )  # fmt: skip
    app.state.stores = stores
    validation.install(app)  # 422s that quote NaN safely; corrections the store refuses

    @app.exception_handler(NotFound)
    def _not_found(request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(AuthError)
    def _auth(request: Request, exc: AuthError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(ReviewError)
    def _review(request: Request, exc: ReviewError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=409)

    @app.exception_handler(EventledgerError)
    def _other(request: Request, exc: EventledgerError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=500)

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    # -- documents -----------------------------------------------------------------------------
    @app.get("/api/documents", tags=["documents"])
    def list_documents(s: Store, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Documents, newest first, with metadata and event counts (no body)."""
        page = queries.documents(s, limit, offset)
        return {"total": page.total, "limit": limit, "offset": offset, "items": page.items}

    @app.get("/api/documents/{document_id}", tags=["documents"])
    def get_document(s: Store, document_id: Id) -> dict[str, Any]:
        """Metadata, clean body (``text``: the coordinate system of every span) and events."""
        return views.document_view(s, document_id)

    @app.get("/api/blobs/{sha256}", tags=["documents"], response_class=Response)
    def get_blob(s: Store, sha256: Annotated[str, PathParam(pattern=r"^[0-9a-f]{64}$")]) -> Response:
        """The raw bytes as ingested, as a download (never rendered: they may hold markup)."""
        data = s.blob(sha256)
        if data is None:
            raise NotFound(f"no raw document with SHA-256 {sha256}")
        return Response(
            data, media_type="application/octet-stream",
            headers={"Content-Disposition": f'attachment; filename="{sha256}.bin"'},
        )  # fmt: skip

    # -- events --------------------------------------------------------------------------------
    @app.get("/api/events", tags=["events"])
    def list_events(s: Store, f: Filters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Event summaries (effective coding), newest first, with the total for pagination."""
        page = queries.list_events(s, f, limit, offset)
        return {
            "total": page.total, "total_exact": page.exact, "limit": limit, "offset": offset, "items": page.items,
        }  # fmt: skip

    @app.get("/api/points", tags=["events"])
    def event_points(s: Store, f: Filters, limit: Annotated[int, Query(ge=1, le=100000)] = 20000) -> dict[str, Any]:
        """``[id, lat, lon, type, date]`` for every located event: the map's markers."""
        pts = queries.points(s, f, limit)
        return {"fields": ["id", "lat", "lon", "type", "date"], "points": pts}

    @app.get("/api/facets", tags=["events"])
    def event_facets(s: Store, f: Filters) -> dict[str, Any]:
        """Counts per type, status, mode, decision, country, and per day for the timeline."""
        return queries.facets(s, f)

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(s: Store, event_id: Id) -> dict[str, Any]:
        """Effective coding, the machine's original (``machine``), review state, history, document."""
        return views.event_detail(s, event_id)

    @app.get("/api/events/{event_id}/history", tags=["review"])
    def event_history(s: Store, event_id: Id) -> list[dict[str, Any]]:
        """The audit log of an event: who, when, action, before, after, comment."""
        queries.event_row(s, event_id)
        return reviews.history(s, event_id)

    @app.get("/api/reviews/detached", tags=["review"])
    def detached_reviews(s: Store) -> list[dict[str, Any]]:
        """Reviews whose event ``ingest --replace`` did not find again: kept, with the original event's identity."""
        return reattach.detached_reviews(s.conn)

    @app.get("/api/vocab", tags=["events"])
    def vocab() -> dict[str, list[str]]:
        """The values the UI offers in its filters and correction form."""
        return {
            "types": sorted(reviews.plover_types()), "statuses": list(EVENT_STATUSES),
            "time_precisions": list(TIME_PRECISIONS), "place_precisions": list(PLACE_PRECISIONS),
            "decisions": [*reviews.DECISIONS, "unreviewed"], "correctable": list(reviews.CORRECTABLE),
        }  # fmt: skip

    # -- review --------------------------------------------------------------------------------
    @app.get("/api/whoami", tags=["review"])
    def whoami(name: User) -> dict[str, str]:
        """The name a token belongs to (the UI checks a pasted token with it)."""
        return {"user": name}

    @app.post("/api/events/{event_id}/accept", tags=["review"])
    def accept(s: Store, name: User, event_id: Id, body: ReviewIn) -> dict[str, Any]:
        reviews.review(s, event_id, "accept", name, body.comment)
        return views.event_detail(s, event_id)

    @app.post("/api/events/{event_id}/reject", tags=["review"])
    def reject(s: Store, name: User, event_id: Id, body: ReviewIn) -> dict[str, Any]:
        reviews.review(s, event_id, "reject", name, body.comment)
        return views.event_detail(s, event_id)

    @app.post("/api/events/{event_id}/correct", tags=["review"])
    def correct(s: Store, name: User, event_id: Id, body: CorrectIn) -> dict[str, Any]:
        """Correct some fields; the machine's values stay under ``machine``."""
        fields = body.fields.model_dump(exclude_unset=True)
        if not fields:
            raise HTTPException(422, "send at least one field to correct")
        reviews.review(s, event_id, "correct", name, body.comment, fields=fields)
        return views.event_detail(s, event_id)

    @app.post("/api/events/{event_id}/merge", tags=["review"])
    def merge(s: Store, name: User, event_id: Id, body: MergeIn) -> dict[str, Any]:
        """Fold this event into ``into`` (the same incident reported twice); returns the kept event."""
        reviews.review(s, event_id, "merge", name, body.comment, into=body.into)
        return views.event_detail(s, body.into)

    # -- incidents across reports ---------------------------------------------------------------
    @app.get("/api/incidents", tags=["incidents"])
    def incidents(s: Store, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Incidents with their reports, independent-source counts and conflict flags."""
        rows = list_incidents(s.conn)
        return {"total": len(rows), "items": rows[offset : offset + limit]}

    @app.get("/api/incidents/{incident_id}/history", tags=["incidents"])
    def incident_history(s: Store, incident_id: Id) -> list[dict[str, Any]]:
        return incident_reviews(s.conn, incident_id)

    @app.post("/api/incidents/{incident_id}/split", tags=["incidents"])
    def split(s: Store, name: User, incident_id: Id, body: SplitIn) -> dict[str, int]:
        """Move some reported events out into a new incident (audited); returns the new id."""
        new_id = split_incident(s.conn, incident_id, body.event_ids, reviewer=name, comment=body.comment)
        return {"incident_id": new_id}

    @app.post("/api/incidents/merge", tags=["incidents"])
    def merge_incident(s: Store, name: User, body: MergeIncidentsIn) -> dict[str, int]:
        """Merge incidents that are one (audited); the oldest id is kept and returned."""
        return {"incident_id": merge_incidents(s.conn, body.incident_ids, reviewer=name, comment=body.comment)}

    # -- exports -------------------------------------------------------------------------------
    @app.get("/api/export/{fmt}", tags=["export"], response_class=Response)
    def export(s: Store, f: Filters, fmt: exporters.Format) -> Response:
        """The filtered events as a file: plover (JSONL), acled (CSV), geojson, parquet, eval (JSONL)."""
        buf: io.BytesIO | io.StringIO = io.BytesIO() if fmt == "parquet" else io.StringIO()
        exporters.write_export(s, fmt, buf, f)
        data = buf.getvalue()
        body = data if isinstance(data, bytes) else data.encode("utf-8")
        name = f"events.{exporters.SUFFIX[fmt]}"
        return Response(
            body,
            media_type=exporters.MEDIA[fmt],
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    # -- web UI --------------------------------------------------------------------------------
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from the vendored files (FastAPI's default loads it from a CDN)."""
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="eventledger API", swagger_favicon_url="data:,",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
        )  # fmt: skip

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API and UI with uvicorn until interrupted (what ``eventledger serve`` calls).

    Binds to localhost by default: reads are open, so exposing them is a deliberate ``--host``.
    """
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="info")
