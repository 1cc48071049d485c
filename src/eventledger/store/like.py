"""Substring filters as SQL: LIKE patterns that mean what was typed, on effective (reviewed) values.

``pattern`` escapes LIKE's wildcards and drops NUL: SQLite's LIKE stops reading its pattern at
a NUL, so ``actor=%00abc`` used to become ``%`` and match every event (stored text never holds a
NUL; PostgreSQL cannot even store one).

A reviewer's correction of ``actors``, ``targets`` or ``location`` *replaces* the machine's
value, so a filter reads the correction's elements where there is one and the machine's rows
where there is none, never the correction's JSON text (which matched ``["`` and ``precision``).
"""

from __future__ import annotations

from eventledger.store.connections import Dialect


def pattern(text: str) -> str:
    """``%text%`` with ``\\``, ``%`` and ``_`` escaped (for ``ESCAPE '\\'``) and NUL dropped."""
    text = text.replace("\x00", "")
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _field(dialect: Dialect, key: str) -> str:
    return (
        f"json_extract(r.fields_json, '$.{key}')"
        if dialect.name == "sqlite"
        else f"((r.fields_json)::jsonb -> '{key}')"
    )


def corrected(dialect: Dialect, key: str) -> str:
    """True where the reviewer corrected ``key`` (even to null or an empty list)."""
    if dialect.name == "sqlite":
        return f"json_type(r.fields_json, '$.{key}') IS NOT NULL"
    return f"((r.fields_json)::jsonb -> '{key}') IS NOT NULL"


def any_element_like(dialect: Dialect, key: str) -> str:
    """Some string in the corrected list ``key`` matches the one ``?`` pattern."""
    if dialect.name == "sqlite":
        return (
            f"EXISTS (SELECT 1 FROM json_each(r.fields_json, '$.{key}') WHERE json_each.type = 'text'"
            f" AND json_each.value {dialect.like} ? ESCAPE '\\')"
        )
    field = f"((r.fields_json)::jsonb -> '{key}')"
    return (
        f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof({field}) = 'array'"
        f" THEN {field} ELSE '[]'::jsonb END) AS v(x) WHERE v.x {dialect.like} ? ESCAPE '\\')"
    )


LOCATION_TEXT = ("name", "admin1", "admin2", "country")


def location_like(dialect: Dialect) -> str:
    """The corrected location's name, admin1, admin2 or country matches (one ``?`` per key, folded: no accents)."""
    if dialect.name == "sqlite":
        cols = [f"json_extract(r.fields_json, '$.location.{k}')" for k in LOCATION_TEXT]
    else:
        cols = [f"((r.fields_json)::jsonb -> 'location' ->> '{k}')" for k in LOCATION_TEXT]
    return "(" + " OR ".join(f"{dialect.fold(c)} {dialect.like} ? ESCAPE '\\'" for c in cols) + ")"


def location_field(dialect: Dialect, key: str) -> str:
    """The text of one key of the corrected location (``country``, ``admin1``, ...)."""
    if key not in LOCATION_TEXT:
        raise ValueError(f"not a location key: {key!r}")
    if dialect.name == "sqlite":
        return f"json_extract(r.fields_json, '$.location.{key}')"
    return f"((r.fields_json)::jsonb -> 'location' ->> '{key}')"
