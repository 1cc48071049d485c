"""A database seeded with the invented sample reports, an app over it, and a write token."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventledger.api.sample import seed
from eventledger.store import SQLiteStore
from eventledger.store.reviews import create_token

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette warns that httpx will give way to httpx2
    from fastapi.testclient import TestClient

from eventledger.api.app import create_app  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    with SQLiteStore(path) as store:
        seed(store)
    return path


@pytest.fixture
def token(db_path: Path) -> str:
    with SQLiteStore(db_path) as store:
        return create_token(store, "alice")


@pytest.fixture
def client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db_path)) as c:
        yield c


@pytest.fixture
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
