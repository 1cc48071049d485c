"""Speech acts: a rebuke is no request, and a speaker's quoted call restates the call told."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_must_understand_is_no_request(events_of):
    text = '"The lenders must grasp that pressure will achieve nothing," the foreign minister said.'
    assert [e.type for e in events_of(text)] == []


def test_must_release_is_a_request(events_of):
    text = '"The rebels must release the hostages," the foreign minister said.'
    assert [e.type for e in events_of(text)] == ["REQUEST"]


def test_quoted_call_to_the_same_national_body_restates_the_call(events_of):
    text = (
        "A Foreign Office spokeswoman urged the Malian government to address security lapses. "
        '"We have consistently urged the Malian authorities to take steps to bolster the courts," '
        "the spokeswoman told journalists."
    )
    assert [e.type for e in events_of(text)] == ["REQUEST"]


def test_quoted_call_to_another_body_stays_its_own_request(events_of):
    text = (
        "A Foreign Office spokeswoman urged the Malian government to address security lapses. "
        '"We have repeatedly urged the Nigerien police to act to watch the frontier," '
        "the spokeswoman told journalists."
    )
    assert [e.type for e in events_of(text)].count("REQUEST") == 2
