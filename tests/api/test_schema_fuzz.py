"""Property test: requests generated from the OpenAPI schema never get a server error.

Bounded (a few examples per operation) so the whole file runs in seconds; the database is the
seeded sample, and a valid token is sent so that the review writes are exercised as well.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sample_reports import seed

from eventledger.store import SQLiteStore
from eventledger.store.reviews import create_token

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from schemathesis.checks import not_a_server_error

    from eventledger.api.app import create_app

_DB = Path(tempfile.mkdtemp(prefix="eventledger-fuzz-")) / "fuzz.db"
with SQLiteStore(_DB) as _store:
    seed(_store)
    TOKEN = create_token(_store, "fuzzer")

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_DB))


@pytest.mark.filterwarnings("ignore")
@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])
