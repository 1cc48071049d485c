"""The web UI (one static page) and the API docs, both served from vendored files (no CDN)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

STATIC = Path(str(files("eventledger.web") / "static"))

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def docs() -> HTMLResponse:
    """Swagger UI from the vendored files (FastAPI's default loads it from a CDN)."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json", title="eventledger API", swagger_favicon_url="data:,",
        swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
    )  # fmt: skip


@router.get("/")
def index() -> FileResponse:
    """The single-page map and review UI."""
    return FileResponse(STATIC / "index.html", media_type="text/html")
