"""The compiled gazetteer: where its SQLite file lives and how names are looked up in it.

The index is built once (``python -m eventledger.geo.build``, run by ``make``) and only read
afterwards. If it is missing when first needed it is built then, with one log line: the
build reads installed packages only, so this never touches the network.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventledger.geo.index import INDEX_NAME, SCHEMA_VERSION, default_index_path, source_digest
from eventledger.geo.names import name_key, skeleton
from eventledger.geo.policy import schemes, schemes_in_use

__all__ = ["INDEX_NAME", "SCHEMA_VERSION", "Candidate", "Gazetteer", "default_index_path", "gazetteer", "source_digest"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    pid: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    feature: str
    precision: str
    lat: float | None
    lon: float | None
    population: int
    extent_km: float
    admin_path: tuple[str, ...]
    parents: tuple[int, ...]
    kind: str  # how the name matched: name | alt | demonym | variant | short | abbr | skeleton | skeleton-alt


def _built_from(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT v FROM meta WHERE k = 'sources'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _existing_index() -> Path:
    from eventledger.geo.build import build

    path = default_index_path()
    if not path.is_file():
        logger.warning("gazetteer index %s is missing; building it now (offline, under a minute)", path)
        build(path)
    elif _built_from(path) != source_digest():
        logger.warning("gazetteer index %s is out of date; rebuilding it (offline, under a minute)", path)
        build(path)
    return path


_COLUMNS = (
    "p.pid, geonameid, name, country, admin1, feature, precision, lat, lon, population, extent_km, admin_path, parents"
)
# Features that cover a large area (a country, a region, a sea, a river, a bloc): never a
# point for distance reasoning, and a broad vote for the country they are in.
BROAD_FEATURES = frozenset({"A.PCLI", "L.CONT", "L.RGN", "L.BLOC", "H.SEA", "H.STM", "H.LK"})


class Gazetteer:
    """Read-only lookups over the index; safe to share between threads (one connection each)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self.by_skeleton = lru_cache(maxsize=16384)(self._by_skeleton)
        self.place = lru_cache(maxsize=65536)(self._place)
        self.candidates = lru_cache(maxsize=65536)(self._candidates)
        self._countries: dict[str, Candidate] | None = None

    @property
    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    @staticmethod
    def _candidate(row: tuple, kind: str) -> Candidate:
        pid, gid, name, country, admin1, feature, precision, lat, lon, pop, extent, path, parents = row
        return Candidate(
            pid,
            gid,
            name,
            country,
            admin1,
            feature,
            precision,
            lat,
            lon,
            pop or 0,
            extent or 0.0,
            tuple(path.split("|")) if path else (),
            tuple(int(x) for x in parents.split("|")) if parents else (),
            kind,
        )

    def _lookup(self, key: str) -> tuple[Candidate, ...]:
        rows = self._con.execute(
            f"SELECT {_COLUMNS}, a.kind FROM alias a JOIN place p ON p.pid = a.pid WHERE a.key = ?",
            (key,),
        ).fetchall()
        return tuple(self._candidate(r[:-1], r[-1]) for r in rows if r[7] is not None)

    def _by_skeleton(self, scheme: str, key: str) -> tuple[Candidate, ...]:
        rows = self._con.execute(
            f'SELECT {_COLUMNS}, k."primary" FROM skeleton k JOIN place p ON p.pid = k.pid '
            "WHERE k.scheme = ? AND k.key = ?",
            (scheme, key),
        ).fetchall()
        return tuple(self._candidate(r[:-1], "skeleton" if r[-1] else "skeleton-alt") for r in rows if r[7] is not None)

    def country(self, code: str) -> Candidate | None:
        """The country (feature A.PCLI) of an ISO 3166-1 alpha-2 code, the most populous if several."""
        countries = self._countries
        if countries is None:
            countries = self._countries = self._all_countries()
        return countries.get(code.upper())

    def _all_countries(self) -> dict[str, Candidate]:
        """Every country in one scan of the place table (it has no index on feature, so a query
        per code cost a full scan each, ~60 ms, for each new country a batch named)."""
        rows = self._con.execute(
            f"SELECT {_COLUMNS} FROM place p WHERE p.feature = 'A.PCLI' AND p.lat IS NOT NULL "
            "ORDER BY p.population DESC"
        ).fetchall()
        out: dict[str, Candidate] = {}
        for row in rows:
            if row[3] is not None and row[3] not in out:
                out[row[3]] = self._candidate(row, "name")
        return out

    def _place(self, pid: int) -> Candidate | None:
        row = self._con.execute(f"SELECT {_COLUMNS} FROM place p WHERE p.pid = ?", (pid,)).fetchone()
        return self._candidate(row, "name") if row else None

    def _candidates(self, text: str) -> tuple[Candidate, ...]:
        """Entries for a surface form: its exact folded key plus its romanisation skeletons.

        Both, not one or the other: an exact hit may be a stray alias of some other place (a
        spelling listed under a neighbouring town) while the skeleton finds the place whose
        own name it is in another romanisation. Skeletons only reach the places of countries
        whose policy names the scheme (``data/country_policy.toml``).
        """
        found = self.lookup(name_key(text))
        have = {c.pid for c in found}
        extra: list[Candidate] = []
        for name in schemes_in_use():
            scheme = schemes()[name]
            key = skeleton(text, scheme)
            if len(key) < scheme.min_key:
                continue
            for c in self.by_skeleton(name, key):
                if c.pid not in have:
                    have.add(c.pid)
                    extra.append(c)
        return found + tuple(extra)

    def free_text_keys(self) -> list[tuple[str, str]]:
        """(key, best kind) of names safe to look for anywhere in running text."""
        return self._con.execute("SELECT key, MIN(kind) FROM alias WHERE free = 1 GROUP BY key").fetchall()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(_existing_index())
