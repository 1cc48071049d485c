"""Reviews append to an audit log, never touch the machine's coding; tokens are stored hashed."""

from __future__ import annotations

import hashlib

import pytest
from sample_reports import seed

from eventledger.store import open_store
from eventledger.store.reviews import (
    AuthError,
    NotFound,
    ReviewError,
    create_token,
    effective_fields,
    history,
    machine_fields,
    rebuild_state,
    review,
    revoke_token,
    state,
    token_names,
    token_user,
)


@pytest.fixture
def store(db_target):
    with open_store(db_target) as s:
        seed(s)
        yield s


def test_token_is_stored_only_as_its_sha256(store):
    token = create_token(store, "alice")
    [(name, digest)] = store.conn.execute("SELECT name, hash FROM tokens").fetchall()
    assert name == "alice" and digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in digest
    assert token_user(store, token) == "alice"
    assert [n for n, _ in token_names(store)] == ["alice"]


def test_creating_a_token_again_revokes_the_old_one(store):
    old = create_token(store, "alice")
    new = create_token(store, "alice")
    assert token_user(store, new) == "alice"
    with pytest.raises(AuthError, match="unknown or revoked token"):
        token_user(store, old)


def test_missing_and_revoked_tokens(store):
    token = create_token(store, "bob")
    assert revoke_token(store, "bob") and not revoke_token(store, "bob")
    with pytest.raises(AuthError):
        token_user(store, token)
    with pytest.raises(AuthError, match="this needs a token"):
        token_user(store, None)


def test_bad_token_name(store):
    with pytest.raises(ReviewError, match="bad token name"):
        create_token(store, "no spaces please")


def test_correction_never_changes_the_machine_rows(store):
    before = [tuple(r) for r in store.conn.execute("SELECT * FROM events ORDER BY id")]
    machine = machine_fields(store, 1)
    review(store, 1, "correct", "alice", "wrong type", fields={"type": "PROTEST", "time_start": "2023-06-01"})
    assert [tuple(r) for r in store.conn.execute("SELECT * FROM events ORDER BY id")] == before
    assert machine_fields(store, 1) == machine
    eff = effective_fields(store, 1)
    assert (eff["type"], eff["time_start"], eff["mode"]) == ("PROTEST", "2023-06-01", "firearms")


def test_history_records_who_when_before_after_why(store):
    review(store, 2, "accept", "alice", "looks right")
    review(store, 2, "correct", "bob", "date", fields={"time_start": "2023-07-09"})
    h = history(store, 2)
    assert [(x["action"], x["user"], x["comment"]) for x in h] == [
        ("accept", "alice", "looks right"), ("correct", "bob", "date"),
    ]  # fmt: skip
    assert h[1]["before"]["decision"] == "accepted"
    assert h[1]["before"]["fields"]["time_start"] == "2023-07-10"
    assert h[1]["after"]["fields"]["time_start"] == "2023-07-09"
    assert h[1]["after"]["corrected"] == {"time_start": "2023-07-09"}


def test_state_can_be_rebuilt_from_the_log_alone(store):
    review(store, 1, "correct", "alice", fields={"type": "PROTEST"})
    review(store, 1, "accept", "alice")
    review(store, 4, "reject", "bob")
    review(store, 3, "merge", "bob", into=2)
    snapshot = [tuple(r)[:11] for r in store.conn.execute("SELECT * FROM review_state ORDER BY event_id")]
    assert rebuild_state(store) == 4
    assert [tuple(r)[:11] for r in store.conn.execute("SELECT * FROM review_state ORDER BY event_id")] == snapshot
    assert state(store, 1).decision == "accepted" and state(store, 1).fields == {"type": "PROTEST"}


def test_a_state_is_dated_with_its_review_even_across_a_second_boundary(store, monkeypatch):
    from eventledger.store import reviews

    ticks = iter(f"2031-01-01T00:00:{s:02d}+00:00" for s in range(60))
    monkeypatch.setattr(reviews, "now", lambda: next(ticks))  # every clock read a second later
    review(store, 1, "accept", "alice")
    review(store, 3, "merge", "bob", into=1)  # logs a row for the kept event too
    rows = store.conn.execute(
        "SELECT s.event_id, s.reviewed_at, r.at FROM review_state s JOIN reviews r ON r.id = s.last_review"
    ).fetchall()
    assert sorted(r[0] for r in rows) == [1, 3]
    assert all(r[1] == r[2] for r in rows), [tuple(r) for r in rows]
    dated = {r[0]: r[1] for r in rows}
    rebuild_state(store)
    assert {r[0]: r[1] for r in store.conn.execute("SELECT event_id, reviewed_at FROM review_state")} == dated


def test_merge_rules(store):
    review(store, 4, "reject", "alice")
    with pytest.raises(ReviewError, match="cannot merge into event 4: it is rejected"):
        review(store, 1, "merge", "alice", into=4)
    with pytest.raises(ReviewError):
        review(store, 1, "merge", "alice", into=1)
    with pytest.raises(NotFound):
        review(store, 1, "merge", "alice", into=404)
    review(store, 3, "merge", "alice", into=2)
    assert state(store, 2).decision == "accepted"
    with pytest.raises(ReviewError, match="was merged into event 2"):
        review(store, 3, "accept", "alice")


def test_failed_review_writes_nothing(store):
    with pytest.raises(ReviewError):
        review(store, 1, "correct", "alice", fields={"colour": "red"})
    assert store.conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 0
    assert state(store, 1) is None
