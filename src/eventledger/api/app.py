"""The HTTP API and the web UI in one FastAPI app: ``create_app(db_path)``.

Reads are open (the server binds to localhost by default); review writes need a bearer token
from ``eventledger token create NAME``. The endpoints live in ``views/``, one module per
resource; this module only assembles them with the error mapping and the security headers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from eventledger._version import __version__
from eventledger.api import validation
from eventledger.api.deps import Stores
from eventledger.api.views import documents, events, export, incidents, review, web
from eventledger.errors import AuthError, EventledgerError, NotFound, ReviewError
from eventledger.store import open_store

# Scripts only from this origin: document text is rendered as text anyway, this makes a slip inert too.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
# Our errors as HTTP: status code, and extra headers.
ERRORS: tuple[tuple[type[EventledgerError], int, dict[str, str]], ...] = (
    (NotFound, 404, {}),
    (AuthError, 401, {"WWW-Authenticate": "Bearer"}),
    (ReviewError, 409, {}),
    (EventledgerError, 500, {}),
)


def create_app(db_path: str | Path) -> FastAPI:
    """The API (under ``/api``) and the web UI (at ``/``) over one database (SQLite file or PostgreSQL URL)."""
    stores = Stores(str(db_path))
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
    for error, status, headers in ERRORS:
        app.add_exception_handler(error, _error_handler(status, headers))
    app.middleware("http")(_security_headers)
    for module in (documents, events, review, incidents, export, web):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=web.STATIC), name="static")
    return app


def _error_handler(status: int, headers: dict[str, str]) -> Callable[[Request, Exception], JSONResponse]:
    def handle(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status, headers=headers or None)

    return handle


async def _security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if not request.url.path.startswith(("/docs", "/redoc")):
        response.headers.setdefault("Content-Security-Policy", CSP)
    return response


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API and UI with uvicorn until interrupted (what ``eventledger serve`` calls).

    Binds to localhost by default: reads are open, so exposing them is a deliberate ``--host``.
    """
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="info")
