"""How sure the stage is that a mention states a real act: a score in [0, 1] from the cues used.

Why: rules trade precision for recall, and a user who wants only the clearest events should be
able to say so (``eventledger analyze --min-confidence``). The weights are plain and additive so
a reviewer can see why an event scored low; they were set by reasoning about the cues, then
checked to rank dev events (real, false and repeated) in the right order, not fitted to them.

- a curated trigger is more reliable than one derived from the CAMEO dictionary;
- a finite verb in the past or present perfect narrates an act ("raided", "has deployed"); a
  bare noun ("the sanctions") or a participle is more often a description;
- a named doer, and a source the act is attributed to, are what an incident record needs;
- every further mention merged into the event raises it a little (see ``_merge._absorb``).
"""

from __future__ import annotations

_NARRATIVE_TAGS = {"VBD"}
_PAST_AUX = {"has", "have", "had", "was", "were"}


def _narrates(tok) -> bool:
    if tok.tag_ in _NARRATIVE_TAGS:
        return True
    aux = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    return tok.tag_ == "VBN" and bool(aux & _PAST_AUX)


def confidence(tok, *, curated: bool, verb: bool, has_actor: bool, attributed: bool, headline: bool) -> float:
    """The mention's score before merging."""
    score = 0.45 if curated else 0.3
    if verb and _narrates(tok):
        score += 0.15
    elif not verb:
        score -= 0.05
    if has_actor:
        score += 0.15
    if attributed:
        score += 0.05
    if headline:
        score += 0.05  # a headline states the story's main act
    return round(min(0.95, max(0.05, score)), 2)
