"""Shared fixtures: the evaluation folder beside the checkout, and the spaCy pipeline."""

from __future__ import annotations

import importlib.util
import re
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` (evaluation data); tests that need it skip when it is absent."""
    if not (SHARED / "README.md").is_file():
        pytest.skip(f"evaluation data not found at {SHARED} (it lives beside the checkout)")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The trained English pipeline, loaded once for the few tests that need a parse."""
    from eventledger.annotate import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def _postgres_server_module() -> ModuleType:
    """Load tests/postgres_server.py by path: with --import-mode=importlib, tests/ is not on sys.path."""
    name = "eventledger_tests_postgres_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("postgres_server.py"))
        assert spec is not None and spec.loader is not None
        sys.modules[name] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator:
    """One throwaway PostgreSQL cluster per session (or $EVENTLEDGER_TEST_POSTGRES); skips, saying why, if none."""
    pg = _postgres_server_module()
    try:
        server = pg.PostgresServer.start()
    except pg.PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server, request: pytest.FixtureRequest) -> Iterator[str]:
    """URL of a fresh database for this test alone, dropped afterwards, so tests never see each other's rows."""
    slug = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:40]
    name = f"t_{slug}_{uuid.uuid4().hex[:8]}"
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database of each engine, as the ``--db`` string a user would pass.

    Tests of the store, dedup and the API take this instead of a file, so every one of them
    runs on SQLite and on a real PostgreSQL (skipped, saying why, where none can be started).
    """
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_url")
