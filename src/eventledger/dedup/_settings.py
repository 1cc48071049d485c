"""Thresholds of the dedup stage, read once from ``data/thresholds.toml``.

Kept apart from the control flow (as trafilatura keeps ``settings.cfg``) so an analyst can
tune a threshold and rerun the benchmark without reading the clustering code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventledger.errors import ConfigError


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    """Copy detection thresholds (``data/thresholds.toml``, section ``documents``)."""

    shingle_words: int
    num_perm: int
    seed: int
    lsh_threshold: float
    near_jaccard: float
    near_containment: float
    verify_margin: float
    provenance_jaccard: float
    min_shingles: int
    copy_window_days: int
    strong_bands: int


@dataclass(frozen=True, slots=True)
class IncidentSettings:
    """Incident clustering thresholds and weights (``data/thresholds.toml``, section ``incidents``)."""

    skip_statuses: frozenset[str]
    min_score: float
    max_veto_share: float
    compatible_type_penalty: float
    undated_days: int
    tolerance_days: dict[str, int]
    time_evidence: dict[str, float]
    near_km: float
    far_km: float
    same_place_evidence: float
    same_admin1_evidence: float
    same_country_evidence: float
    adjacent_time_share: float
    sole_candidate_score: float
    clear_margin: float
    actor_evidence: float
    text_evidence: float
    text_baseline: float
    disjoint_actor_penalty: float
    count_ratio: float
    count_gap: int
    count_mismatch_penalty: float
    count_tolerance: float
    conflict_kinds: frozenset[str]
    retold_precisions: frozenset[str]
    retold_max_days: int
    standing_days: int
    compatible_types: dict[str, frozenset[str]]

    def types_compatible_with(self, type_: str) -> frozenset[str]:
        """``type_`` and every type a report of the same incident may carry instead."""
        return self.compatible_types.get(type_, frozenset()) | {type_}


@dataclass(frozen=True, slots=True)
class Settings:
    """Both sections of ``data/thresholds.toml``."""

    documents: DocumentSettings
    incidents: IncidentSettings


@lru_cache(maxsize=1)
def load_settings() -> Settings:
    """The thresholds, read once from ``data/thresholds.toml``."""
    try:
        text = resources.files("eventledger.dedup").joinpath("data/thresholds.toml").read_text("utf-8")
        raw = tomllib.loads(text)
        inc = dict(raw["incidents"])
        pairs = inc.pop("compatible_types", {})
        compat: dict[str, set[str]] = {}
        for a, others in pairs.items():  # compatibility is symmetric whatever the file lists
            for b in others:
                compat.setdefault(a, set()).add(b)
                compat.setdefault(b, set()).add(a)
        inc["skip_statuses"] = frozenset(inc["skip_statuses"])
        inc["conflict_kinds"] = frozenset(inc["conflict_kinds"])
        inc["retold_precisions"] = frozenset(inc["retold_precisions"])
        return Settings(
            DocumentSettings(**raw["documents"]),
            IncidentSettings(**inc, compatible_types={k: frozenset(v) for k, v in compat.items()}),
        )
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read eventledger/dedup/data/thresholds.toml: {exc} (reinstall the package)") from exc
