"""Opening input files safely and reading them under a size cap.

Three hazards shape this module: a FIFO blocks a plain ``open`` forever, a huge file
(or a gzip bomb) must be refused before it is loaded, and a truncated gzip stream must be
reported as corrupt rather than silently read short.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from eventledger.errors import CorruptInput, InputError, UnreadableInput

logger = logging.getLogger(__name__)

CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"


def megabytes(n: int) -> str:
    """Decimal megabytes with one decimal, as in "52.4 MB"; bytes below one megabyte."""
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n} bytes"


def limit_text(cap: int) -> str:
    """A byte cap in words for messages (``50 MB``)."""
    mb = cap / 1_000_000
    return f"{mb:g} MB" if mb >= 1 else f"{cap} bytes"


def _kind_of(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    ):
        if test(mode):
            return name
    return "special file"


def _unreadable(path: str, exc: OSError) -> UnreadableInput:
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        return UnreadableInput("broken symbolic link (its target does not exist)")
    if isinstance(exc, FileNotFoundError):
        return UnreadableInput("no such file or directory")
    if isinstance(exc, PermissionError):
        return UnreadableInput("permission denied; check the file's owner and mode")
    return UnreadableInput(f"cannot open: {exc.strerror or exc}")


@contextmanager
def open_regular(path: str) -> Iterator[BinaryIO]:
    """Open ``path`` for binary reading, refusing anything that is not a regular file.

    ``O_NONBLOCK`` makes opening a FIFO return at once instead of waiting for a writer;
    the mode is then checked on the open descriptor, so there is no stat/open race.
    """
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableInput(f"not a regular file ({_kind_of(mode)})")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableInput(f"not a regular file ({_kind_of(mode)})")
        stream = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with stream:
        yield stream


def file_size(stream: BinaryIO) -> int:
    """The size of an open file, in bytes."""
    return os.fstat(stream.fileno()).st_size


def check_size(size: int, cap: int) -> None:
    """Raise InputError when ``size`` is over ``cap``, naming both."""
    if size > cap:
        raise InputError(f"file is {megabytes(size)}, over the {limit_text(cap)} limit")


def read_all(stream: BinaryIO, cap: int) -> bytes:
    """Read the rest of ``stream``, stopping (and raising) one byte past ``cap``.

    The size from ``stat`` is checked first by the caller, but a file can grow while we
    read it, so the cap is enforced on the bytes actually read as well.
    """
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise InputError(f"file is over the {limit_text(cap)} limit")
    return data


def gunzip(stream: BinaryIO, cap: int) -> bytes:
    """Decompress a gzip stream chunk by chunk, refusing more than ``cap`` output bytes.

    Reading in chunks is what defuses a gzip bomb: a 50 KB file can expand to gigabytes.
    """
    out = bytearray()
    with GuardedGzip(stream) as gz:
        while chunk := gz.read(CHUNK):
            out += chunk
            if len(out) > cap:
                raise InputError(f"decompressed size is over the {limit_text(cap)} limit")
        gz.raise_if_broken()
    return bytes(out)


class GuardedGzip(io.RawIOBase):
    """A gzip reader that ends quietly at a break and remembers it.

    Container readers (WARC, JSON lines) must still hand out the records that precede a
    truncation, so the break becomes an end of stream plus ``broken``, which the caller
    reports after the last good record. ``raise_if_broken`` turns it into ``CorruptInput``.
    """

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")
        self.broken: str | None = None

    def readable(self) -> bool:
        """Always True: this is a reading stream."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Decompress into ``buffer``; a broken stream reads as its end and is noted in ``broken``."""
        if self.broken:
            return 0
        try:
            data = self._gz.read1(len(buffer))
        except EOFError:
            self.broken = "truncated gzip: the compressed stream ends early"
            return 0
        except (gzip.BadGzipFile, zlib.error, OSError) as exc:
            self.broken = f"corrupt gzip: {exc}"
            return 0
        buffer[: len(data)] = data
        return len(data)

    def raise_if_broken(self) -> None:
        """Raise the error a wrapped stream hid (a truncated gzip), if any."""
        if self.broken:
            raise CorruptInput(self.broken)

    def close(self) -> None:
        """Close the wrapped stream."""
        self._gz.close()
        super().close()


def peek_gzip(stream: BinaryIO, size: int) -> bytes:
    """The first ``size`` decompressed bytes, for sniffing what a ``.gz`` holds."""
    start = stream.tell()
    gz = GuardedGzip(stream)
    head = bytearray()
    while len(head) < size and (chunk := gz.read(size - len(head))):
        head += chunk
    if not head:
        gz.raise_if_broken()
    stream.seek(start)
    return bytes(head)
