from __future__ import annotations

import gzip
import io
import os
import socket
from pathlib import Path

import pytest

from eventledger.errors import CorruptInput, InputError, UnreadableInput
from eventledger.ingest.files import (
    GuardedGzip,
    check_size,
    gunzip,
    megabytes,
    open_regular,
    peek_gzip,
    read_all,
)


def test_open_regular_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"river")
    with open_regular(str(path)) as stream:
        assert stream.read() == b"river"


def test_open_regular_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableInput, match=r"^not a regular file \(FIFO\)$"):
        with open_regular(str(fifo)):
            pass


def test_open_regular_refuses_a_socket(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(UnreadableInput, match=r"^not a regular file \(socket\)$"):
            with open_regular(str(path)):
                pass


def test_open_regular_names_a_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.html"
    os.symlink(tmp_path / "missing.html", link)
    with pytest.raises(UnreadableInput, match="broken symbolic link"):
        with open_regular(str(link)):
            pass


def test_open_regular_reports_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("x")

    def deny(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(UnreadableInput, match="^permission denied; check the file's owner and mode$"):
        with open_regular(str(path)):
            pass


def test_megabytes_has_one_decimal() -> None:
    assert megabytes(52_400_000) == "52.4 MB"
    assert megabytes(999) == "999 bytes"


def test_check_size_message() -> None:
    with pytest.raises(InputError, match=r"^file is 52\.4 MB, over the 50 MB limit$"):
        check_size(52_400_000, 50_000_000)


def test_read_all_stops_one_byte_past_the_cap() -> None:
    stream = io.BytesIO(b"x" * 100)
    with pytest.raises(InputError):
        read_all(stream, 10)
    assert stream.tell() == 11


def test_gunzip_round_trips() -> None:
    assert gunzip(io.BytesIO(gzip.compress(b"a calm sea")), 1000) == b"a calm sea"


def test_gunzip_refuses_a_bomb_without_expanding_it() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    with pytest.raises(InputError, match="decompressed size is over the 1000 bytes limit"):
        gunzip(io.BytesIO(bomb), 1000)


def test_gunzip_reports_truncation() -> None:
    cut = gzip.compress(os.urandom(5000))[:-100]
    with pytest.raises(CorruptInput, match="^truncated gzip: the compressed stream ends early$"):
        gunzip(io.BytesIO(cut), 1_000_000)


def test_guarded_gzip_returns_data_before_the_break() -> None:
    text = b"".join(b"line %d of a long report\n" % i for i in range(20_000))
    guard = GuardedGzip(io.BytesIO(gzip.compress(text)[:-2000]))
    got = io.BufferedReader(guard).read()
    assert guard.broken == "truncated gzip: the compressed stream ends early"
    assert 0 < len(got) < len(text)
    assert text.startswith(got)


def test_peek_gzip_leaves_the_stream_where_it_was() -> None:
    stream = io.BytesIO(gzip.compress(b"WARC/1.0\r\nmore"))
    assert peek_gzip(stream, 5) == b"WARC/"
    assert stream.tell() == 0
