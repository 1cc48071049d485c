"""Expanding the paths a user names into the files to read, in a stable order.

Sorted order makes a run reproducible (same inputs, same document order, same store);
hidden files and folders (``.git``, ``.DS_Store``) are skipped inside directories because
they are never reports, but a hidden file named explicitly is read. Symlinked folders are
not followed during a walk, so a link cycle cannot loop. Files are yielded lazily, so a
folder of a million reports costs one directory listing at a time.
"""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Iterator, Sequence

from eventledger.ingest.failure import Failure

logger = logging.getLogger(__name__)

_GLOB_CHARS = frozenset("*?[")


def is_pattern(path: str) -> bool:
    """Whether an input argument is a glob rather than a path."""
    return any(ch in _GLOB_CHARS for ch in path)


def walk(directory: str) -> Iterator[str | Failure]:
    """Every non-hidden entry under ``directory`` that is not a folder, sorted by name."""
    try:
        with os.scandir(directory) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield Failure(directory, f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from walk(entry.path)
        else:
            yield entry.path


def _expand_one(path: str) -> Iterator[str | Failure]:
    if os.path.isdir(path):
        yield from walk(path)
    elif os.path.lexists(path):
        yield path
    elif is_pattern(path):
        for match in sorted(glob.iglob(path, recursive=True)):
            if os.path.isdir(match):
                yield from walk(match)
            else:
                yield match
    # nothing found: the caller reports it


def expand(paths: Sequence[str]) -> Iterator[str | Failure]:
    """Files (and failures) for each named file, directory or glob, in argument order."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # a lone path is a common slip; read it rather than its characters
    for raw in paths:
        path = os.fspath(raw)
        found = False
        for item in _expand_one(path):
            found = True
            yield item
        if not found:
            yield Failure(path, _nothing_reason(path))


def _nothing_reason(path: str) -> str:
    if os.path.isdir(path):
        return "directory holds no files (hidden files are skipped)"
    if is_pattern(path):
        return "pattern matched no files"
    return "no such file or directory"
