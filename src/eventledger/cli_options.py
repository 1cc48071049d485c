"""The command line's checks on option values: event types, statuses, dates and ``--db``.

A bad value ends the command before any work with one line on stderr that names the valid
values, and exit status 2 (a usage error, as click uses it). The valid values come from their
single sources: PLOVER types from the ontology the events stage codes with
(``store.reviews.plover_types``), statuses from ``model.EVENT_STATUSES``, and dates in the
three ISO forms the store's ``EventFilter`` and the API take.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NoReturn

import click
import typer

from eventledger.model import EVENT_STATUSES
from eventledger.store import resolve_db
from eventledger.store.postgres import is_postgres_url
from eventledger.store.reviews import plover_types
from eventledger.validate import is_date_prefix

EXIT_USAGE = 2
DATE_FORMATS = "YYYY, YYYY-MM or YYYY-MM-DD"


def fail(message: str) -> NoReturn:
    """Print ``Error: message`` as one line on stderr and exit with status 2."""
    click.echo(f"Error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def event_types() -> list[str]:
    """The PLOVER types an event can have, sorted."""
    return sorted(plover_types())


def event_statuses() -> list[str]:
    """The statuses an event can have, in the model's order."""
    return list(EVENT_STATUSES)


def _one_of(option: str, values: Sequence[str] | None, valid: Sequence[str], what: str) -> list[str] | None:
    if not values:
        return None
    by_folded = {v.casefold(): v for v in valid}
    out = []
    for value in values:
        known = by_folded.get(value.strip().casefold())
        if known is None:
            fail(f"{option} {value!r} is not {what}; use one of {', '.join(valid)}")
        out.append(known)
    return out


def check_types(values: list[str] | None) -> list[str] | None:
    """``--type`` values, matched to the ontology in any case (``assault`` is ``ASSAULT``)."""
    return _one_of("--type", values, event_types(), "a PLOVER type")


def check_statuses(values: list[str] | None) -> list[str] | None:
    """``--status`` values, matched to the event statuses in any case."""
    return _one_of("--status", values, event_statuses(), "an event status")


def check_format(value: str) -> str:
    """``export --format``: one of the exporters' formats."""
    from eventledger.export.exporters import FORMATS

    if value not in FORMATS:
        fail(f"unknown export format {value!r}; available: {', '.join(FORMATS)}")
    return value


def check_engine(value: str) -> str:
    """``--engine``: checked before a database is opened or created."""
    from eventledger.engines import ENGINES

    if value not in ENGINES:
        fail(f"unknown engine {value!r}; choose one of: {', '.join(ENGINES)}")
    return value


def check_bbox(value: str | None) -> str | None:
    """``--bbox``: four numbers in range, as the store's ``parse_bbox`` reads them."""
    from eventledger.errors import ConfigError
    from eventledger.store.queries import parse_bbox

    if value is not None:
        try:
            parse_bbox(value)
        except ConfigError as exc:
            fail(str(exc))
    return value


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A ``--from``/``--to`` value: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and a real calendar date."""
    if value is None:
        return None
    if not is_date_prefix(value.strip()):
        fail(f"{param.opts[0] if param.opts else '--from'} {value!r} is not a date; use {DATE_FORMATS}")
    return value.strip()


def check_date_range(date_from: str | None, date_to: str | None) -> None:
    """``--from`` must not come after ``--to`` (``--to 2024`` reaches the end of 2024)."""
    if date_from and date_to and date_from > date_to + "~":
        fail(f"--from {date_from} is after --to {date_to}")


def existing_db(value: str | None) -> str | None:
    """``--db`` for a command that reads: the SQLite file must exist (a PostgreSQL URL is left as is)."""
    target = resolve_db(value)
    if is_postgres_url(target) or os.path.isfile(target):
        return value
    if os.path.isdir(target):
        fail(f"--db {target} is a directory, not a database file")
    origin = "" if value else " (the default; set --db or $EVENTLEDGER_DB)"
    fail(f"no database at {target}{origin}; create one with `eventledger ingest PATH --db {target}`")


def one_format(as_json: bool, as_tsv: bool) -> None:
    """``--json`` and ``--tsv`` exclude each other."""
    if as_json and as_tsv:
        fail("--json and --tsv exclude each other; give one")
