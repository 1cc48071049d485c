"""Headlines: a report's first short line without closing punctuation restates its main event."""

from __future__ import annotations

from eventledger.events._merge import Mention


def headline_end(body: str) -> int:
    """End of a headline: a first paragraph that is one short line without closing punctuation
    and is followed by more text ("Gunmen kill 22 in attack on army post"); 0 when there is none."""
    first, sep, rest = body.partition("\n\n")
    line = first.strip()
    if not sep or not rest.strip() or "\n" in line or not line or len(line.split()) > 25:
        return 0
    return 0 if line[-1] in '.!?"”’:' else len(first)


def without_headline_repeats(mentions: list[Mention], body: str) -> list[Mention]:
    """A headline states the story's main event again: its events are dropped where the text
    below codes an event of the same type (the body has the evidence, the date and the source)."""
    end = headline_end(body)
    if not end:
        return mentions
    below = {m.type for m in mentions if m.evidence.start >= end}
    return [m for m in mentions if not (m.evidence.end <= end and m.type in below)]
