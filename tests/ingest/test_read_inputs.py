"""The public face of the stage: ``read_inputs`` over mixed folders, and its guarantees."""

from __future__ import annotations

import gzip
import hashlib
import inspect
import os
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventledger.ingest as ingest
from eventledger.ingest import MAX_BYTES, Failure, read_inputs
from eventledger.model import RawDocument


def test_public_api() -> None:
    assert ingest.__all__ == ["Failure", "MAX_BYTES", "read_inputs"]
    assert MAX_BYTES == 50_000_000


def test_read_inputs_is_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The first report.")
    (tmp_path / "b.txt").write_text("The second report.")
    results = read_inputs([str(tmp_path)])
    assert inspect.isgenerator(results)
    first = next(results)
    assert isinstance(first, RawDocument) and first.content == "The first report."
    (tmp_path / "b.txt").unlink()  # not opened yet, so its removal shows up as a failure
    assert list(results) == [Failure(str(tmp_path / "b.txt"), "no such file or directory")]


def test_mixed_folder_in_sorted_order(tmp_path: Path, read: Callable) -> None:
    (tmp_path / "a.txt").write_text("Snow fell in the north.")
    (tmp_path / "b.jsonl").write_text('{"text": "One."}\n{"text": "Two."}\n')
    (tmp_path / "c.bin").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(100))
    (tmp_path / "d.html").write_text("<p>A ferry docked.</p>")
    got = read(tmp_path)
    assert [(g.source, type(g).__name__) for g in got] == [
        (str(tmp_path / "a.txt"), "RawDocument"),
        (str(tmp_path / "b.jsonl") + "#line=1", "RawDocument"),
        (str(tmp_path / "b.jsonl") + "#line=2", "RawDocument"),
        (str(tmp_path / "c.bin"), "Failure"),
        (str(tmp_path / "d.html"), "RawDocument"),
    ]


def test_every_document_is_addressed_by_its_own_bytes(tmp_path: Path, read: Callable) -> None:
    (tmp_path / "a.json").write_text('[{"text": "First."}, {"html": "<p>Second.</p>"}]')
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(b"<p>Packed.</p>"))
    docs = [d for d in read(tmp_path) if isinstance(d, RawDocument)]
    assert len(docs) == 3
    assert all(d.sha256 == hashlib.sha256(d.data).hexdigest() for d in docs)


def test_permission_denied_fails_one_file_and_the_rest_continue(
    tmp_path: Path, read: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, who may read anything, so the refusal is simulated.
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Report {name}.")
    real_open = os.open
    locked = str(tmp_path / "b.txt")

    def guarded_open(path: str, *args: object, **kwargs: object) -> int:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    got = read(tmp_path)
    assert [type(g).__name__ for g in got] == ["RawDocument", "Failure", "RawDocument"]
    assert got[1] == Failure(locked, "permission denied; check the file's owner and mode")


def test_fifo_and_broken_symlink_are_failures(tmp_path: Path, read: Callable) -> None:
    os.mkfifo(tmp_path / "a.pipe")
    os.symlink(tmp_path / "nowhere", tmp_path / "b.link")
    (tmp_path / "c.txt").write_text("Still read.")
    got = read(tmp_path)
    assert got[:2] == [
        Failure(str(tmp_path / "a.pipe"), "not a regular file (FIFO)"),
        Failure(str(tmp_path / "b.link"), "broken symbolic link (its target does not exist)"),
    ]
    assert isinstance(got[2], RawDocument)


def test_sixty_megabyte_file_is_refused_without_being_read(tmp_path: Path, read_one: Callable) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(60 * 1024 * 1024)  # sparse: costs no disk
    tracemalloc.start()
    try:
        result = read_one(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result == Failure(str(path), "file is 62.9 MB, over the 50 MB limit")
    assert peak < 2_000_000


def test_max_bytes_overrides_the_module_cap(tmp_path: Path, read_one: Callable) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x" * 3000)
    assert read_one(path, max_bytes=2000) == Failure(str(path), "file is 3000 bytes, over the 2000 bytes limit")


def test_module_cap_is_read_at_call_time(tmp_path: Path, read_one: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("y" * 3_000_000)
    monkeypatch.setattr(ingest, "MAX_BYTES", 2_000_000)
    assert read_one(path) == Failure(str(path), "file is 3.0 MB, over the 2 MB limit")


def test_malformed_json_line_has_its_line_number(tmp_path: Path, read: Callable) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [f'{{"text": "Report {i}."}}' for i in range(1, 10)]
    lines[6] = '{"text": "Report 7.'
    path.write_text("\n".join(lines) + "\n")
    got = read(path)
    failures = [g for g in got if isinstance(g, Failure)]
    assert len(got) == 9
    assert [f.source for f in failures] == [f"{path}#line=7"]
    assert failures[0].reason.startswith("malformed JSON: Unterminated string")


PREFIXES = [
    b"",
    b"WARC/1.0\r\n",
    b"{",
    b"[",
    b"<rss>",
    b"<?xml version='1.0'?><feed>",
    b"<html>",
    b"\x1f\x8b",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=1500), gz=st.booleans())
def test_arbitrary_bytes_never_raise(prefix: bytes, body: bytes, gz: bool) -> None:
    data = prefix + body
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(gzip.compress(data) if gz else data)
        results = list(read_inputs([str(path)], max_bytes=10_000))
    assert results
    for item in results:
        assert isinstance(item, RawDocument | Failure)
        if isinstance(item, Failure):
            assert "\n" not in item.reason
            assert not item.reason.startswith("internal error"), item.reason
        else:
            assert item.sha256 == hashlib.sha256(item.data).hexdigest()
            assert item.source.startswith(str(path))


PROSE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<{[\ufeff"),
    min_size=1,
    max_size=300,
).filter(lambda t: t.strip())


@settings(max_examples=100, deadline=None)
@given(text=PROSE, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_plain_text_round_trips(text: str, codec: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.txt"
        path.write_bytes(text.encode(codec))
        (doc,) = read_inputs([str(path)])
    assert isinstance(doc, RawDocument), doc
    assert (doc.content, doc.format, doc.media) == (text, "text", "text")
    assert doc.data.decode(doc.encoding) == doc.content


def test_memory_stays_flat_while_streaming_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    line = b'{"text": "A routine report about the harbour, number %05d.", "url": "https://x.example/%05d"}\n'
    path.write_bytes(b"".join(line % (i, i) for i in range(10_000)))  # about 1 MB
    count = 0
    tracemalloc.start()
    try:
        for item in read_inputs([str(path)]):
            assert isinstance(item, RawDocument)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert peak < 300_000  # a few records in flight, never the whole file
