"""What either extraction path (HTML or plain text) found in one document."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Extraction:
    """Body paragraphs and metadata; ``provenance`` maps a field to the phrase behind it.

    Mutable while a path fills it in; the stage turns it into the frozen ``Document``.
    Empty ``paragraphs`` means no article was found.
    """

    paragraphs: list[str]
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    original_publisher: str | None = None
    language: str | None = None
    url: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
