"""The record for an input that could not become a document.

A batch run must keep going past a bad file, so readers yield a ``Failure`` in the
document stream instead of raising; the CLI prints its one-line reason and moves on.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventledger.errors import InputError


@dataclass(frozen=True, slots=True)
class Failure:
    """One input (a file, or ``path#record=N`` inside a container) that was skipped."""

    source: str
    reason: str

    @classmethod
    def of(cls, source: str, exc: BaseException) -> Failure:
        """Build from an exception, keeping the reason to one line whatever it said."""
        text = " ".join(str(exc).split()) or type(exc).__name__
        if not isinstance(exc, InputError) and not isinstance(exc, OSError):
            text = f"{type(exc).__name__}: {text}"
        return cls(source, text)
