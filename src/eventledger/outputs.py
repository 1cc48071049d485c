"""Output files for the CLI: written atomically, and only ever as regular files.

``-o FILE`` writes ``FILE.partial`` beside the target and renames it over the target at the
end, so a killed run never leaves half an output under the real name. A rename replaces
whatever has that name, so the target is checked first: a device (``/dev/null``), a FIFO, a
socket or a directory is refused with one line instead of being replaced by a regular file.
A symbolic link to a regular file is followed (its target is rewritten, the link stays).
``-o -`` means standard output.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from eventledger.errors import ConfigError

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def is_stdout(path: str | Path | None) -> bool:
    return path is None or str(path) == "-"


def writable_target(path: str | Path) -> Path:
    """The regular file ``path`` names (a link followed); ConfigError for anything else."""
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise ConfigError(f"cannot write to {path}: {exc.strerror}") from None
    for test, kind in _KINDS:
        if test(mode):
            raise ConfigError(f"refusing to write to {path}: it is {kind}, not a regular file (use -o - for stdout)")
    if not stat.S_ISREG(mode):
        raise ConfigError(f"refusing to write to {path}: not a regular file")
    return target


@contextmanager
def open_output(path: str | Path | None, binary: bool = False) -> Iterator[IO[Any]]:
    """Standard output for None or ``-``; else a temporary file renamed over ``path`` on success."""
    if is_stdout(path):
        yield sys.stdout.buffer if binary else sys.stdout
        return
    assert path is not None
    target = writable_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    if tmp.is_symlink() or (tmp.exists() and not tmp.is_file()):
        raise ConfigError(f"refusing to write to {tmp}: it exists and is not a regular file")
    try:
        with tmp.open("wb") if binary else tmp.open("w", encoding="utf-8") as fh:
            yield fh
            if not fh.closed:  # a parquet writer may close its sink itself
                fh.flush()
                os.fsync(fh.fileno())
        writable_target(path)  # still a regular file (or absent) at the moment of the rename
        tmp.replace(target)  # a killed run never leaves a half-written output under the real name
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe for one terminal line: control, escape and bidi characters shown as escapes.

    A file named ``"a\\nfailed: b.txt: ..."`` or holding ``\\x1b[2J`` must not forge a line of
    the report or drive the terminal; its name is printed as ``a\\nfailed: ...`` instead.
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
