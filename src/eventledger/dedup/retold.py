"""Whether two vague reports retell one act: background told again, or last week's news recapped.

A report often recalls an earlier act in a clause ("the group, which seized power in 2021,
...", "imposed the tariff last week"): it is dated only to a week, a month or a year and
placed in a country, so ``compat.score`` finds too little to link two such mentions and
vague reports are placed against precise ones only (``incidents._Replay.group_vague``).
Two of them are still one act when everything they state agrees and the act itself is
named alike: the same doer, the same type family, a shared country, no clashing counts,
time windows that overlap (one of them a week or coarser: two day-dated reports are the
evidence score's to judge; neither longer than ``retold_max_days``), and a shared word for
what was done beyond the doer's and place's names. Each condition is cheap and symmetric,
so the groups they form do not depend on arrival order.

A measure in force that a report only presupposes ("hopes to lift the pause in aid to X":
``EventFeatures.ongoing``, dated from an unstated time to publication) retells the act that
began it ("suspended aid to X last week") on the same terms, except that the act words must
share a family of ``data/act_families.toml`` ("pause" and "suspend") and, besides, a word or a
target: the state is named by its own noun, rarely by the act's verb.

Every condition but the counts and places is also a blocking key (``retold_keys``): a vague
event is stored under each (doer, country, act word or act family) it states with its type and days, and
its lookup (``retold_lookup``) reads those blocks over one bounded day range. So the events
compared with it are the ones that share a doer, a country and an act word in overlapping
time, never a year of its country's events: the cost follows the retellings, not the
database's size.
"""

from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from eventledger.dedup._settings import IncidentSettings
from eventledger.dedup.compat import count_score, places_score
from eventledger.dedup.features import EventFeatures, content_words
from eventledger.dedup.tables import RetoldKey
from eventledger.errors import ConfigError


class RetoldLookup(NamedTuple):
    """The blocks and day range holding every stored event ``retold`` may accept for one event."""

    doers: list[str]
    cells: list[str]
    words: list[str]
    types: list[str]
    coarse_only: bool  # ``f`` is dated to a day: only a coarse partner can retell it
    low_start: int  # a candidate starts in [low_start, high_start] and ends no earlier than low_end
    high_start: int
    low_end: int


def retold(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> bool:
    """Whether ``a`` and ``b`` (of two documents) state one act retold at a coarse time."""
    if a.document_id == b.document_id or not (_keyable(a, s) and _keyable(b, s)):
        return False
    (a_start, a_end), (b_start, b_end) = window(a, s), window(b, s)
    if not (_coarse(a, s) or _coarse(b, s)):
        return False  # two day-dated reports are compared by ``compat.score``
    if max(a_start, b_start) > min(a_end, b_end):
        return False
    if b.type not in s.types_compatible_with(a.type) or not (a.doers & b.doers):
        return False
    if count_score(a, b, s) < 0 or not (_countries(a) & _countries(b)) or places_score(a, b, s) is None:
        return False  # counts that clash, or places apart: two acts of one doer
    if (a.standing or b.standing) and not same_targets(a, b):
        return False  # one doer's standing bans bear on different parties: girls' schooling, a news outlet
    # Otherwise targets are not compared: what a retelling names as the object is often no party
    # ("seized power", "seized control of the country"); two acts on two targets are told in two places.
    shared = act_words(a) & act_words(b)
    if not (a.ongoing or b.ongoing):
        return bool(shared)
    # A measure in force ("the pause in aid to X") is the state an act began ("suspended aid to
    # X"): the two name the measure with words of one family, and share what or whom it hit.
    return bool(act_families(a) & act_families(b)) and bool(shared or _targets(a) & _targets(b))


def window(f: EventFeatures, s: IncidentSettings) -> tuple[int, int]:
    """The days ``f`` may lie in for a retelling: a standing state's reach back from publication
    (``standing_days``: its onset is unknown, but a later report of it still tells the same state),
    else its own window."""
    assert f.start is not None and f.end is not None
    return (f.end - s.standing_days, f.end) if f.standing else (f.start, f.end)


@lru_cache(maxsize=1)
def target_groups() -> dict[str, frozenset[str]]:
    """Stem of a word for a party an act bears on -> the groups it belongs to (data/target_groups.json)."""
    data = json.loads(resources.files("eventledger.dedup").joinpath("data/target_groups.json").read_text("utf-8"))
    out: dict[str, set[str]] = {}
    for group, words in data["groups"].items():
        for w in words:
            out.setdefault(_stem(w), set()).add(group)
    return {k: frozenset(v) for k, v in out.items()}


def target_keys(f: EventFeatures) -> set[str]:
    """The stems of the words for the parties ``f`` bears on, with the groups they belong to."""
    groups = target_groups()
    stems = {_stem(w) for w in f.targets}
    return stems | {g for w in stems for g in groups.get(w, ())}


def same_targets(a: EventFeatures, b: EventFeatures) -> bool:
    """Both name whom the act bears on, and a word or a group of it is shared ("girls", "women")."""
    return bool(target_keys(a) & target_keys(b))


def retold_keys(f: EventFeatures, s: IncidentSettings) -> list[RetoldKey]:
    """The blocks ``f`` is stored under: one per doer, country and act word (none when ``retold`` cannot hold)."""
    if not _keyable(f, s):
        return []
    start, end = window(f, s)
    return [
        RetoldKey(f.event_id, doer, cell, word, f.type, _coarse(f, s), start, end)
        for doer in sorted(f.doers)
        for cell in sorted(_countries(f))
        for word in sorted(_block_words(f))
    ]


def retold_lookup(f: EventFeatures, s: IncidentSettings) -> RetoldLookup | None:
    """The blocks and days to read for ``f``: a superset of what ``retold`` accepts, never a guess.

    A candidate shares a doer, a country and an act word, has a compatible type, is coarse
    when ``f`` is not, spans at most ``retold_max_days`` and overlaps ``f``'s window: it ends
    no earlier than ``f.start`` and starts between ``f.start - retold_max_days`` and ``f.end``.
    """
    if not _keyable(f, s):
        return None
    start, end = window(f, s)
    return RetoldLookup(
        sorted(f.doers), sorted(_countries(f)), sorted(_block_words(f)), sorted(s.types_compatible_with(f.type)),
        not _coarse(f, s), start - s.retold_max_days, end, start,
    )  # fmt: skip


def act_words(f: EventFeatures) -> set[str]:
    """Stems of the evidence's content words that are not the names of its actors or places.

    Stems, because a retelling inflects the act differently ("imposing a tariff", "imposed
    tariffs"); crude suffix stripping is enough when every other feature must agree too.
    """
    names: set[str] = set()
    for actor in f.actors:
        names |= content_words(actor)
    for place in f.places:
        names |= content_words(place.name)
    names = {_stem(w) for w in names}  # "leaders" names the doer "leader" too
    return {stem for w in f.words if (stem := _stem(w)) not in names}


def _block_words(f: EventFeatures) -> set[str]:
    """The act words ``f`` is blocked under: its own, and its families marked ``=`` (never a word)."""
    return act_words(f) | {f"={family}" for family in act_families(f)}


def _targets(f: EventFeatures) -> set[str]:
    return set(f.actors - f.doers)


def act_families(f: EventFeatures) -> set[str]:
    """The families (``data/act_families.toml``) of the words that name ``f``'s act."""
    families = _families()
    return {families[w] for w in act_words(f) if w in families}


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """Stem of each word of ``data/act_families.toml`` -> its family."""
    try:
        text = resources.files("eventledger.dedup").joinpath("data/act_families.toml").read_text("utf-8")
        raw = tomllib.loads(text)["families"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"cannot read eventledger/dedup/data/act_families.toml: {exc} (reinstall the package)"
        ) from exc
    return {_stem(w): family for family, words in raw.items() for w in words}


def _keyable(f: EventFeatures, s: IncidentSettings) -> bool:
    """Dated within a bounded window (or a standing state), with a doer, a country and a word for the act."""
    if not (f.dated or f.standing) or f.start is None or f.end is None:
        return False
    start, end = window(f, s)
    if end - start > s.retold_max_days:
        return False
    return bool(f.doers) and bool(_countries(f)) and bool(act_words(f))


def _coarse(f: EventFeatures, s: IncidentSettings) -> bool:
    """Dated no closer than a week, a standing state (``perfect``), or a measure in force since an
    unstated time (``ongoing``)."""
    return f.standing or f.ongoing or f.precision in s.retold_precisions


def _countries(f: EventFeatures) -> set[str]:
    return {p.country for p in f.places if p.country}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word
