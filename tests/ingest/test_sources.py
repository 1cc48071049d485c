from __future__ import annotations

import os
from pathlib import Path

from eventledger.ingest.failure import Failure
from eventledger.ingest.sources import expand, is_pattern


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "b" / "z.txt").write_text("z")
    (root / "b" / "a.txt").write_text("a")
    (root / "c.html").write_text("c")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("x")
    (root / ".hidden.txt").write_text("h")


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    got = list(expand([str(tmp_path)]))
    assert got == [str(tmp_path / "b" / "a.txt"), str(tmp_path / "b" / "z.txt"), str(tmp_path / "c.html")]


def test_hidden_file_named_explicitly_is_read(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert list(expand([str(tmp_path / ".hidden.txt")])) == [str(tmp_path / ".hidden.txt")]


def test_recursive_glob_expands_sorted(tmp_path: Path) -> None:
    _tree(tmp_path)
    got = list(expand([str(tmp_path / "**" / "*.txt")]))
    assert got == [str(tmp_path / "b" / "a.txt"), str(tmp_path / "b" / "z.txt")]


def test_glob_matching_a_directory_walks_it(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert list(expand([str(tmp_path / "?")])) == [
        str(tmp_path / "b" / "a.txt"),
        str(tmp_path / "b" / "z.txt"),
    ]


def test_arguments_keep_their_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    got = list(expand([str(tmp_path / "c.html"), str(tmp_path / "b" / "a.txt")]))
    assert got == [str(tmp_path / "c.html"), str(tmp_path / "b" / "a.txt")]


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    missing = str(tmp_path / "nothing.txt")
    assert list(expand([missing])) == [Failure(missing, "no such file or directory")]


def test_pattern_without_matches_is_a_failure(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.warc")
    assert list(expand([pattern])) == [Failure(pattern, "pattern matched no files")]


def test_directory_with_only_hidden_files_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / ".x").write_text("x")
    assert list(expand([str(tmp_path)])) == [
        Failure(str(tmp_path), "directory holds no files (hidden files are skipped)")
    ]


def test_symlinked_directory_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("a")
    os.symlink(tmp_path / "real", tmp_path / "loop")
    got = list(expand([str(tmp_path)]))
    # the link itself is listed (and fails later as "not a regular file"), never walked
    assert got == [str(tmp_path / "loop"), str(tmp_path / "real" / "a.txt")]


def test_a_lone_string_is_one_path_not_characters(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    assert list(expand(str(tmp_path / "a.txt"))) == [str(tmp_path / "a.txt")]  # type: ignore[arg-type]


def test_is_pattern() -> None:
    assert is_pattern("data/*.jsonl")
    assert not is_pattern("data/report.jsonl")
