"""A database seeded with the invented sample reports, an app over it, and a write token."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from sample_reports import seed

from eventledger.store import open_store
from eventledger.store.reviews import create_token

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette warns that httpx will give way to httpx2
    from fastapi.testclient import TestClient

from eventledger.api.app import create_app  # noqa: E402


@pytest.fixture
def db_path(db_target: str) -> str:
    """The seeded database's ``--db`` string: a SQLite file, or a PostgreSQL URL."""
    with open_store(db_target) as store:
        seed(store)
    return db_target


@pytest.fixture
def token(db_path: str) -> str:
    with open_store(db_path) as store:
        return create_token(store, "alice")


@pytest.fixture
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path)) as c:
        yield c


@pytest.fixture
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
