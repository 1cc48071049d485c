"""A whole file that is one document: plain text or an HTML page (maybe gzipped)."""

from __future__ import annotations

from eventledger.ingest.decode import decode
from eventledger.ingest.formats.common import raw_document, require_text
from eventledger.model import Media, RawDocument


def read_page(source: str, data: bytes, payload: bytes, media: Media) -> RawDocument:
    """Build the document; ``data`` is the file as stored, ``payload`` its decompressed bytes.

    For a ``.html.gz`` the evidence kept is the compressed file itself, so the stored hash
    matches the file on disk; ``content`` is decoded from the decompressed payload.
    """
    content, encoding = decode(payload, html=media == "html")
    require_text(content, media)
    meta = {"content_type": "text/html" if media == "html" else "text/plain"}
    return raw_document(
        source=source,
        format=media,
        data=data,
        content=content,
        media=media,
        meta=meta,
        encoding=encoding,
    )
