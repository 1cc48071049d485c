"""The `eventledger` command: the only module that writes to the console.

Library code raises ``EventledgerError``; here each command turns it into one line on
stderr and a non-zero exit, so a user never sees a traceback. Progress bars appear only
when stderr is a terminal, so pipes and CI logs stay quiet.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from eventledger.cli_options import (
    DATE_FORMATS,
    check_bbox,
    check_date,
    check_date_range,
    check_engine,
    check_format,
    check_statuses,
    check_types,
    event_statuses,
    event_types,
    existing_db,
    one_format,
)
from eventledger.cli_output import print_table, quiet_broken_pipe, write_json, write_tsv
from eventledger.errors import EventledgerError, InputError
from eventledger.model import Event
from eventledger.outputs import printable

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news reports into an evidence-backed event database.",
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_ERROR = 1
EXIT_SOME_FAILED = 3

_DB_HELP = "SQLite file or postgresql://user@host/dbname (default: $EVENTLEDGER_DB or ./eventledger.db)"
DbOption = Annotated[str | None, typer.Option("--db", callback=existing_db, help=f"{_DB_HELP}; must exist.")]
NewDbOption = Annotated[str | None, typer.Option("--db", help=f"{_DB_HELP}; created if absent.")]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON array of the stored values instead of a table.")]
TsvOption = Annotated[bool, typer.Option("--tsv", help="Tab-separated values with a header line instead of a table.")]
WorkersOption = Annotated[int, typer.Option("--workers", min=1, help="Worker processes for the NLP stages.")]
EngineOption = Annotated[
    str, typer.Option("--engine", callback=check_engine, help="Where the stages run: local (processes) or ray.")
]
AddressOption = Annotated[
    str | None, typer.Option("--ray-address", help="Ray cluster address (default: start a local one).")
]
OutOption = Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")]


@app.callback()
def _main(
    verbose: Annotated[int, typer.Option("-v", "--verbose", count=True, help="-v: info, -vv: debug.")] = 0,
) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@contextmanager
def _friendly() -> Iterator[None]:
    """Turn our own errors (and unwritable outputs) into one line and exit status 1."""
    try:
        yield
    except EventledgerError as exc:
        err.print(printable(f"Error: {exc}"), markup=False)
        raise typer.Exit(EXIT_ERROR) from None
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly, as Unix tools do
        quiet_broken_pipe()
        raise typer.Exit(EXIT_ERROR) from None
    except OSError as exc:
        err.print(printable(f"Error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")), markup=False)
        raise typer.Exit(EXIT_ERROR) from None


@contextmanager
def _output(path: Path | None, binary: bool = False) -> Iterator[Any]:
    from eventledger.outputs import open_output

    with open_output(path, binary) as fh:  # regular files only, written atomically; "-" is stdout
        yield fh


@contextmanager
def _progress(label: str, paths: Sequence[str] = ()) -> Iterator[Callable[[], None]]:
    """A bar on stderr, only on a terminal: inputs read out of the files found in ``paths``, and an ETA."""
    if not err.is_terminal:
        yield lambda: None
        return
    from eventledger.ingest.sources import expand

    total = sum(1 for _ in expand(paths)) or None  # a feed or WARC holds several inputs: the total then grows
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("inputs, ETA"),
        TimeRemainingColumn(), console=err, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task(label, total=total)

        def tick() -> None:
            done = bar.tasks[0].completed + 1
            if total is not None and done > (bar.tasks[0].total or 0):
                bar.update(task, total=done)
            bar.advance(task)

        yield tick


def _write_jsonl(fh: TextIO, records: Iterable[dict[str, Any]]) -> int:
    n = 0
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or globs.")],
    db: NewDbOption = None,
    replace: Annotated[bool, typer.Option(help="Re-analyse documents already in the database.")] = False,
    workers: WorkersOption = 1,
    engine: EngineOption = "local",
    ray_address: AddressOption = None,
) -> None:
    """Store documents and everything extracted from them; re-ingesting is a no-op."""
    from eventledger import open_store

    with _friendly(), open_store(db) as store:
        with _progress("ingesting", paths) as tick:  # closed before the summary is printed
            result = store.ingest(
                paths, replace=replace, workers=workers, engine=engine, address=ray_address, on_item=tick
            )
        counts, n_incidents = store.counts(), store.incidents_page(limit=1).total
        out.print(
            printable(
                f"ingested {result.stored}, already present {result.present}, failed {result.failed}; "
                f"{store.path} holds {counts['documents']} document(s), {counts['events']} event(s), "
                f"{n_incidents} incident(s)"
            ),
            markup=False,
        )
        for source, reason in result.failures:
            err.print(printable(f"failed: {source}: {reason}"), markup=False)
    if result.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or globs.")],
    output: OutOption = None,
    workers: WorkersOption = 1,
    engine: EngineOption = "local",
    ray_address: AddressOption = None,
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", min=0.0, max=1.0, help="Leave out events scored below this (0-1).")
    ] = 0.0,
) -> None:
    """Run the whole pipeline without touching a database; one JSON line per document."""
    from dataclasses import replace

    from eventledger.pipeline import process

    failed = 0
    with _friendly(), _output(output) as fh, _progress("analysing") as tick:
        for o in process(paths, None, workers=workers, engine=engine, address=ray_address, on_item=tick):
            if o.analysis is not None:
                kept = tuple(e for e in o.analysis.events if e.confidence >= min_confidence)
                _write_jsonl(fh, [replace(o.analysis, events=kept).to_record()])
            elif o.status == "failed":
                failed += 1
                err.print(printable(f"failed: {o.source}: {o.reason}"), markup=False)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


_TYPE_HELP = f"PLOVER type, any case (repeatable): {', '.join(event_types())}."
_STATUS_HELP = f"Event status, any case (repeatable): {', '.join(event_statuses())}."
TypeOption = Annotated[list[str] | None, typer.Option("--type", metavar="TYPE", callback=check_types, help=_TYPE_HELP)]
StatusOption = Annotated[
    list[str] | None, typer.Option("--status", metavar="STATUS", callback=check_statuses, help=_STATUS_HELP)
]
FromOption = Annotated[
    str | None,
    typer.Option("--from", metavar="DATE", callback=check_date, help=f"Events overlapping from: {DATE_FORMATS}."),
]
ToOption = Annotated[
    str | None,
    typer.Option("--to", metavar="DATE", callback=check_date, help=f"Events overlapping up to: {DATE_FORMATS}."),
]

BboxOption = Annotated[str | None, typer.Option("--bbox", callback=check_bbox, help="west,south,east,north (degrees).")]


@app.command()
def export(
    db: DbOption = None,
    format: Annotated[
        str, typer.Option("--format", callback=check_format, help="eval, plover, acled, geojson or parquet.")
    ] = "eval",
    output: OutOption = None,
    type: TypeOption = None,
    status: StatusOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    bbox: BboxOption = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor text contains this.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place name contains this.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Evidence text contains this.")] = None,
) -> None:
    """Write the database out; `eval` gives the same lines as `analyze` (the scorer contract)."""
    from eventledger import open_store

    check_date_range(date_from, date_to)
    if format == "parquet" and (output is None or str(output) == "-"):
        err.print("Error: parquet is binary; give a file with -o FILE.parquet", markup=False)
        raise typer.Exit(EXIT_ERROR)
    given = {
        "types": type, "statuses": status, "date_from": date_from, "date_to": date_to, "bbox": bbox,
        "actor": actor, "place": place, "text": text,
    }  # fmt: skip
    filters: dict[str, Any] = {k: v for k, v in given.items() if v}
    with _friendly(), open_store(db) as store:
        with _output(output, binary=format == "parquet") as fh:
            n = store.export(format, fh, **filters)
    if output is not None and str(output) != "-":
        out.print(printable(f"exported {n} record(s) to {output}"), markup=False)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the API (OpenAPI docs at /docs) and the offline web map and review UI."""
    from eventledger.api.app import serve as serve_app
    from eventledger.store import resolve_db
    from eventledger.store.postgres import redact

    with _friendly():
        out.print(f"serving {redact(resolve_db(db))} on http://{host}:{port} (Ctrl+C to stop)", markup=False)
        serve_app(resolve_db(db), host, port)


token_app = typer.Typer(no_args_is_help=True, help="Tokens that allow review writes through the API.")
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Who the token is for (letters, digits, . _ @ -).")],
    db: DbOption = None,
) -> None:
    """Create (or replace) a reviewer's token; it is shown once and stored only as a hash."""
    from eventledger.store import open_store
    from eventledger.store.reviews import create_token

    with _friendly(), open_store(db) as store:
        secret = create_token(store, name)
    out.print(secret, markup=False)
    err.print(f"token for {name!r} created; it is shown only once, keep it safe", markup=False)


@app.command("extract-body")
def extract_body(
    files: Annotated[list[str], typer.Argument(help="HTML (.html, .html.gz) or text files.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="JSON file to write.")],
) -> None:
    """Body extraction only, in the format of the shared extraction scorer."""
    from eventledger.extract import extract_body_record
    from eventledger.ingest import Failure, read_inputs
    from eventledger.validate import check_page

    results: dict[str, dict[str, Any]] = {}
    failed = 0
    with _friendly(), _progress("extracting") as tick:
        for item in read_inputs(files):
            tick()
            key = _page_id(item.source)
            if isinstance(item, Failure):
                failed += 1
                err.print(printable(f"failed: {item.source}: {item.reason}"), markup=False)
                continue
            try:
                check_page(item)
                results[key] = extract_body_record(item)
            except EventledgerError as exc:
                err.print(printable(f"no body: {item.source}: {exc}"), markup=False)
                results[key] = {"articleBody": "", "title": None, "published": None, "publisher": None}
        with _output(output) as fh:
            json.dump(results, fh, ensure_ascii=False, indent=1)
    out.print(printable(f"extracted {len(results)} page(s) to {output}"), markup=False)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _page_id(source: str) -> str:
    name = Path(source.split("#", 1)[0]).name
    for suffix in (".html.gz", ".htm.gz", ".html", ".htm", ".gz"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    with fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not a JSON object ({exc.msg})") from exc
            if not isinstance(rec, dict) or "id" not in rec or not isinstance(rec.get("text"), str):
                raise InputError(f'{path}:{n}: expected an object with "id" and "text"')
            yield rec


@app.command()
def times(
    input: Annotated[Path, typer.Argument(help='JSONL lines {"id", "dct", "text"}.')],
    output: OutOption = None,
) -> None:
    """Time expressions (TIMEX3) per line, in the contract of score_timex.py."""
    from eventledger.temporal import times_records

    with _friendly(), _output(output) as fh:
        _write_jsonl(fh, times_records(_read_jsonl(input)))


@app.command()
def places(
    input: Annotated[Path, typer.Argument(help='JSONL lines {"id", "text"}.')],
    output: OutOption = None,
) -> None:
    """Toponyms with coordinates per line, in the contract of score_geo.py."""
    from eventledger.geo import places_records

    with _friendly(), _output(output) as fh:
        _write_jsonl(fh, places_records(_read_jsonl(input)))


# What `list --json` and `--tsv` give of a document (`show` gives the body).
_DOC_COLUMNS = (
    "id", "sha256", "source_uri", "format", "url", "title", "published", "fetched", "publisher", "original_publisher",
    "language", "pipeline_version", "ingested_at", "n_events",
)  # fmt: skip


@app.command("list")
def list_(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many documents.")] = 50,
    events: Annotated[bool, typer.Option("--events", help="Also list each document's events.")] = False,
    as_json: JsonOption = False,
    as_tsv: TsvOption = False,
) -> None:
    """Documents in the database, with what was found in each."""
    from eventledger import open_store

    one_format(as_json, as_tsv)
    with _friendly(), open_store(db) as store:
        rows = [{k: r[k] for k in _DOC_COLUMNS} for r in store.document_rows(limit)]
        total = store.counts()["documents"]
        if len(rows) < total:
            err.print(f"showing the first {len(rows)} of {total} documents; --limit N shows more", markup=False)
        if as_json:
            if events:
                for r in rows:
                    r["events"] = store.load_analysis(r["id"]).to_record()["events"]
            write_json(sys.stdout, rows)
            return
        if as_tsv:
            if events:
                write_tsv(
                    sys.stdout,
                    ["document", *_EVENT_COLUMNS],
                    _blank([r["id"], *c] for r in rows for c in _event_cells(store.load_analysis(r["id"]).events)),
                )
            else:
                write_tsv(sys.stdout, _DOC_COLUMNS, (list(r.values()) for r in rows))
            return
        if not rows:
            out.print(f"no documents in {store.path}; add some with `eventledger ingest PATH`", markup=False)
            return
        cells = [
            [str(r["id"]), r["published"] or "-", r["publisher"] or "-", r["original_publisher"] or "-",
             r["title"] or "-", str(r["n_events"])]
            for r in rows
        ]  # fmt: skip
        print_table(
            out, ("id", "published", "publisher", "original publisher", "title", "events"), cells,
            title=f"{store.path}: {total} document(s)", fixed=("id", "published", "events"),
        )  # fmt: skip
        if events:
            for r in rows:
                heading = f"document {r['id']}: {r['title'] or r['source_uri']}"
                _print_events(store.load_analysis(r["id"]).events, heading)


_EVENT_COLUMNS = ("type", "status", "when", "where", "who", "according to", "evidence")


def _event_cells(events: Sequence[Event], clip: int | None = None) -> list[list[str]]:
    rows = []
    for e in events:
        when = "-"
        if e.time and e.time.start:
            when = e.time.start if e.time.start == e.time.end else f"{e.time.start}..{e.time.end}"
        evidence = e.evidence[0].text if e.evidence else ""
        rows.append([
            e.type + (f"/{e.mode}" if e.mode else ""), e.status, when,
            ", ".join(p.name for p in e.places) or "-", ", ".join(a.text for a in e.actors) or "-",
            e.attribution.text if e.attribution else "-", _clip(evidence, clip) if clip else evidence,
        ])  # fmt: skip
    return rows


def _print_events(events: Sequence[Event], title: str) -> None:
    if events:
        print_table(out, _EVENT_COLUMNS, _event_cells(events, 90), title=title, fixed=("type", "status"))


def _blank(rows: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
    """Rows for TSV: a table's "-" placeholder becomes an empty value."""
    return ([None if v == "-" else v for v in row] for row in rows)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


_INCIDENT_COLUMNS = (
    "id", "type", "when", "where", "reports", "independent", "first reported", "conflict", "documents",
)  # fmt: skip


@app.command()
def incidents(
    db: DbOption = None,
    as_json: JsonOption = False,
    as_tsv: TsvOption = False,
) -> None:
    """Incidents across reports: how many reports, how many independent sources, conflicts."""
    from eventledger import open_store

    one_format(as_json, as_tsv)
    with _friendly(), open_store(db) as store:
        rows = store.incidents()
        if as_json:
            write_json(sys.stdout, rows)
            return
        cells = []
        for r in rows:
            t, p = r["time"], r["place"]
            when = "-" if not t["start"] else t["start"] if t["start"] == t["end"] else f"{t['start']}..{t['end']}"
            cells.append([
                str(r["id"]), r["type"], when, p["name"] or p["country"] or "-", str(r["n_reports"]),
                str(r["n_independent_sources"]), r["first_reported"] or "-",
                ("; ".join(r["conflict_reasons"]) or "yes") if r["conflict"] else "",
                ", ".join(map(str, r["document_ids"])),
            ])  # fmt: skip
        if as_tsv:
            write_tsv(sys.stdout, _INCIDENT_COLUMNS, _blank(cells))
            return
        if not rows:
            out.print("no incidents yet; ingest some reports first", markup=False)
            return
        print_table(out, _INCIDENT_COLUMNS, cells, title=f"{len(rows)} incident(s)", fixed=("id", "type", "reports"))


@app.command()
def show(
    document_id: Annotated[int, typer.Argument(metavar="ID", help="Document id (see `eventledger list`).")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="The record `analyze` writes.")] = False,
    as_tsv: Annotated[bool, typer.Option("--tsv", help="The document's events, one tab-separated line each.")] = False,
) -> None:
    """One document: metadata, body and its events with their evidence."""
    from eventledger import open_store

    one_format(as_json, as_tsv)
    with _friendly(), open_store(db) as store:
        a = store.load_analysis(document_id)
        if as_json:
            write_json(sys.stdout, a.to_record())
            return
        if as_tsv:
            write_tsv(sys.stdout, _EVENT_COLUMNS, _blank(_event_cells(a.events)))
            return
        d = a.document
        flow = not out.is_terminal  # a terminal gets lines wrapped at spaces; a pipe gets them whole
        for label, value in (
            ("title", d.title), ("published", d.published), ("publisher", d.publisher),
            ("original publisher", d.original_publisher), ("source", d.source), ("sha256", d.sha256),
        ):  # fmt: skip
            out.print(f"{label:>18}: {value or '-'}", markup=False, soft_wrap=flow)
        out.print("", d.body, "", sep="\n", markup=False, soft_wrap=flow)
        for i, e in enumerate(a.events, start=1):
            when = f"{e.time.start}..{e.time.end} ({e.time.precision})" if e.time and e.time.start else "-"
            where = ", ".join(p.name for p in e.places) or "-"
            who = ", ".join(x.text for x in e.actors) or "-"
            line = f"[{i}] {e.type} ({e.status}) actors: {who}; when: {when}; where: {where}"
            out.print(line, markup=False, soft_wrap=flow)
            if e.attribution:
                out.print(f"    according to: {e.attribution.text}", markup=False, soft_wrap=flow)
            for s in e.evidence:
                out.print(f"    evidence [{s.start}:{s.end}]: {s.text}", markup=False, soft_wrap=flow)


def main() -> None:  # pragma: no cover - console entry point
    """Console entry point."""
    app()


if __name__ == "__main__":  # `python -m eventledger.cli ...` behaves as the `eventledger` command
    main()
