"""How many independent sources an incident's reports come from.

Two reports are one source when they are copies of one story (same ``origin`` in the
near-duplicate graph) or when they trace back to the same outlet: a reprint's named
original publisher, else (for an unnamed copy) its origin's outlet, else its own publisher.
An outlet that retells its own story a week later is still one source.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventledger.dedup.text import outlet_key


def source_outlet(info: Mapping[str, Any]) -> str | None:
    """The outlet a document's story comes from (see the module docstring for the order)."""
    own = outlet_key(info.get("original_publisher"))
    if own:
        return own
    origin = info.get("origin_id")
    if origin is not None and origin != info.get("id"):
        inherited = outlet_key(info.get("origin_original_publisher")) or outlet_key(info.get("origin_publisher"))
        if inherited:
            return inherited
    return outlet_key(info.get("publisher"))


def independent_sources(documents: Mapping[int, Mapping[str, Any]]) -> int:
    """Connected components of the documents, joined by shared origin or shared outlet."""
    parent = {d: d for d in documents}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_of: dict[tuple[str, Any], int] = {}
    for doc_id, info in sorted(documents.items()):
        keys = [("origin", info.get("origin_id") if info.get("origin_id") is not None else doc_id)]
        outlet = source_outlet({**info, "id": doc_id})
        if outlet:
            keys.append(("outlet", outlet))
        for key in keys:
            if key in first_of:
                parent[find(doc_id)] = find(first_of[key])
            else:
                first_of[key] = doc_id
    return len({find(d) for d in documents})
