"""Speech acts: a rebuke is no request, and a speaker's quoted call restates the call told."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_must_understand_is_no_request(events_of):
    text = '"The donors must understand they will get nowhere with threats," the foreign minister said.'
    assert [e.type for e in events_of(text)] == []


def test_must_release_is_a_request(events_of):
    text = '"The rebels must release the hostages," the foreign minister said.'
    assert [e.type for e in events_of(text)] == ["REQUEST"]


def test_quoted_call_to_the_same_national_body_restates_the_call(events_of):
    text = (
        "A State Department spokesperson urged the Haitian government to address security failures. "
        '"We have consistently urged the Haitian authorities to take steps to strengthen the courts," '
        "the spokesperson told reporters."
    )
    assert [e.type for e in events_of(text)] == ["REQUEST"]


def test_quoted_call_to_another_body_stays_its_own_request(events_of):
    text = (
        "A State Department spokesperson urged the Haitian government to address security failures. "
        '"We have consistently urged the Dominican police to take steps to guard the border," '
        "the spokesperson told reporters."
    )
    assert [e.type for e in events_of(text)].count("REQUEST") == 2
