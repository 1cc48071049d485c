"""How the command line prints records: JSON, TSV, or a table fit for where stdout goes.

On a terminal a table is drawn by Rich and wraps its cells at spaces only (a word too long
for its column is cut with "…", never split across lines). Anywhere else (a pipe, a file, a
test) it is plain text: a header row, one line per row, columns padded with spaces, no box
drawing and no wrapping, so ``grep`` and ``cut`` see whole values. ``--tsv`` writes a header
and one line per record, with ``\\t``, ``\\n``, ``\\r`` and ``\\\\`` escaped inside values;
``--json`` writes one JSON array of the stored values.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def write_json(fh: TextIO, data: Any) -> None:
    """``data`` as indented JSON (UTF-8 kept as is) and a newline."""
    fh.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def tsv_cell(value: Any) -> str:
    """One TSV value: None is empty, lists are comma-joined, tabs and newlines escaped."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ",".join(map(str, value))
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    return str(value).translate(_TSV_ESCAPES)


def write_tsv(fh: TextIO, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A header line of ``columns`` and one tab-separated line per row."""
    fh.write("\t".join(columns) + "\n")
    for row in rows:
        fh.write("\t".join(tsv_cell(v) for v in row) + "\n")


def _flat(value: str) -> str:
    return " ".join(value.split()) or "-"


def print_table(
    console: Console, columns: Sequence[str], rows: Sequence[Sequence[str]], *, title: str | None = None,
    fixed: Iterable[str] = (),
) -> None:  # fmt: skip
    """A Rich table on a terminal, plain aligned text elsewhere; ``fixed`` columns never wrap."""
    if console.is_terminal:
        table = Table(title=title)
        keep = set(fixed)
        for col in columns:
            table.add_column(col, overflow="ellipsis", no_wrap=col in keep)
        for row in rows:
            table.add_row(*row)
        console.print(table, soft_wrap=False)  # wrap the title at spaces too, not at the screen edge
        return
    cells = [[_flat(c) for c in columns], *([_flat(c) for c in row] for row in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    console.file.write((f"{title}\n" if title else "") + "\n".join(lines) + "\n")


def quiet_broken_pipe() -> None:
    """After the reader of stdout went away (``... | head``): send what is left to /dev/null.

    Python would otherwise complain again when it flushes stdout at exit.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test runner's stdout)
        pass
