"""Shared fixtures: the evaluation folder beside the checkout, and the spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

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
