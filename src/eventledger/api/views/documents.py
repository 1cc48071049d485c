"""Documents: the list, one document with its clean body and events, the raw bytes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Response
from fastapi import Path as PathParam

from eventledger.api import detail
from eventledger.api.deps import Id, Limit, Offset, Store
from eventledger.errors import NotFound

router = APIRouter(prefix="/api", tags=["documents"])


@router.get("/documents")
def list_documents(s: Store, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Documents, newest first, with metadata and event counts (no body)."""
    page = s.documents_page(limit, offset)
    return {"total": page.total, "limit": limit, "offset": offset, "items": page.items}


@router.get("/documents/{document_id}")
def get_document(s: Store, document_id: Id) -> dict[str, Any]:
    """Metadata, clean body (``text``: the coordinate system of every span) and events."""
    return detail.document_view(s, document_id)


@router.get("/blobs/{sha256}", response_class=Response)
def get_blob(s: Store, sha256: Annotated[str, PathParam(pattern=r"^[0-9a-f]{64}$")]) -> Response:
    """The raw bytes as ingested, as a download (never rendered: they may hold markup)."""
    data = s.blob(sha256)
    if data is None:
        raise NotFound(f"no raw document with SHA-256 {sha256}")
    return Response(
        data, media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{sha256}.bin"'},
    )  # fmt: skip
