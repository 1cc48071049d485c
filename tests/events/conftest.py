"""Helpers for the events tests: parse an invented report once and extract its events."""

from __future__ import annotations

import hashlib

import pytest

from eventledger.annotate.nlp import Annotated
from eventledger.model import Document


@pytest.fixture(scope="session")
def events_of(nlp):
    """``events_of(text)`` -> list[Event], parsed with the shared pipeline (cached per text)."""
    from eventledger.events import extract_events

    cache: dict[str, list] = {}

    def run(text: str) -> list:
        if text not in cache:
            doc = Document(sha256=hashlib.sha256(text.encode()).hexdigest(), source="test", format="text", body=text)
            cache[text] = extract_events(Annotated(doc, nlp(text)))
        return cache[text]

    return run
