"""The filtered events as a file: plover (JSONL), acled (CSV), geojson, parquet, eval (JSONL)."""

from __future__ import annotations

import io

from fastapi import APIRouter, Response

from eventledger.api.deps import Filters, Store
from eventledger.export import exporters

router = APIRouter(prefix="/api", tags=["export"])


@router.get("/export/{fmt}", response_class=Response)
def export(s: Store, f: Filters, fmt: exporters.Format) -> Response:
    """The filtered events as a file: plover (JSONL), acled (CSV), geojson, parquet, eval (JSONL)."""
    buf: io.BytesIO | io.StringIO = io.BytesIO() if fmt == "parquet" else io.StringIO()
    s.export(fmt, buf, where=f)
    data = buf.getvalue()
    body = data if isinstance(data, bytes) else data.encode("utf-8")
    name = f"events.{exporters.SUFFIX[fmt]}"
    return Response(
        body,
        media_type=exporters.MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
