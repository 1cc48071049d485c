"""Helpers for ingest tests: run ``read_inputs`` and split documents from failures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eventledger.ingest import Failure, read_inputs
from eventledger.model import RawDocument

Results = list[RawDocument | Failure]


@pytest.fixture
def read() -> Callable[..., Results]:
    """``read(path_or_paths, **kw)``: every result of ``read_inputs`` as a list."""

    def _read(paths: str | Path | list[str | Path], **kwargs: object) -> Results:
        items = paths if isinstance(paths, list) else [paths]
        return list(read_inputs([str(p) for p in items], **kwargs))

    return _read


@pytest.fixture
def read_one(read: Callable[..., Results]) -> Callable[..., RawDocument | Failure]:
    """The single result for a path that must yield exactly one."""

    def _one(path: str | Path, **kwargs: object) -> RawDocument | Failure:
        results = read(path, **kwargs)
        assert len(results) == 1, results
        return results[0]

    return _one
