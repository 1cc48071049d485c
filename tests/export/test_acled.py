"""The ACLED export: ACLED's columns and types, its categories, actors, fatalities and notes.

The five reports are invented; each goes through the whole pipeline (``eventledger.analyze``)
and its events become ACLED rows.
"""

from __future__ import annotations

import pytest

import eventledger
from eventledger.export import acled
from eventledger.export.acled import (
    ACLED_NATIVE,
    acled_actor,
    acled_category,
    acled_row,
    analysis_rows,
    counts,
    event_date,
    interaction,
)

REPORTS = {
    "airstrike": "BAGHDAD, March 3, 2025 — An Iraqi air force airstrike hit a village near Mosul on Monday, "
    "killing at least 17, officials said.",
    "clash": "Iraqi soldiers clashed with militants near Kirkuk on Tuesday. Four soldiers were killed and six "
    "others wounded in the fighting.",
    "massacre": "Gunmen stormed a village in Borno state, Nigeria on Friday and massacred 30 villagers, police said.",
    "protest": "Thousands of protesters marched through Nairobi on Thursday to demand lower fuel prices.",
    "arrest": "Police in Lagos arrested 12 journalists on Wednesday, the union said.",
}


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    out = {}
    for name, text in REPORTS.items():
        a = eventledger.analyze(text, published="2025-03-05", url="https://www.example-news.com/story")
        out[name] = analysis_rows(a)
    return out


def _one(rows: list[dict], sub_event_type: str) -> dict:
    found = [r for r in rows if r["sub_event_type"] == sub_event_type]
    assert found, [(r["sub_event_type"], r["actor1"], r["actor2"]) for r in rows]
    return found[0]


def test_every_row_has_acleds_columns_in_acleds_order(rows):
    assert ACLED_NATIVE == (
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
        "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
        "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    )  # fmt: skip
    for report in rows.values():
        for r in report:
            assert tuple(r)[: len(ACLED_NATIVE)] == ACLED_NATIVE
            assert isinstance(r["year"], int) and isinstance(r["time_precision"], int)
            assert isinstance(r["fatalities"], int) and isinstance(r["timestamp"], int)
            assert isinstance(r["iso"], int) and isinstance(r["latitude"], float)
            assert r["source"] == "example-news.com"


def test_an_airstrike_is_remote_violence_with_the_fatalities_stated(rows):
    r = _one(rows["airstrike"], "Air/drone strike")
    assert (r["disorder_type"], r["event_type"]) == ("Political violence", "Explosions/Remote violence")
    assert (r["actor1"], r["inter1"]) == ("Military Forces of Iraq", "State forces")
    assert max(x["fatalities"] for x in rows["airstrike"]) == 17  # "killing at least 17"
    killed = [x for x in rows["airstrike"] if x["fatalities"] == 17][0]
    assert killed["fatalities_qualifier"] == "at least" and killed["event_type"] == "Explosions/Remote violence"
    assert (r["country"], r["iso"], r["region"], r["location"]) == ("Iraq", 368, "Middle East", "Mosul")
    assert (r["event_date"], r["year"], r["time_precision"], r["event_id_cnty"][:3]) == ("2025-03-03", 2025, 1, "IRQ")


def test_a_clash_between_soldiers_and_militants_is_a_battle(rows):
    r = _one(rows["clash"], "Armed clash")
    assert (r["event_type"], r["actor1"], r["inter1"]) == ("Battles", "Military Forces of Iraq", "State forces")
    assert max(x["fatalities"] for x in rows["clash"]) == 4
    assert max(x["injured"] or 0 for x in rows["clash"]) == 6


def test_a_massacre_of_villagers_is_violence_against_civilians(rows):
    r = _one(rows["massacre"], "Attack")
    assert r["event_type"] == "Violence against civilians"
    assert (r["actor1"], r["inter1"]) == ("Unidentified Armed Group (Nigeria)", "Political militia")
    assert (r["actor2"], r["inter2"]) == ("Civilians (Nigeria)", "Civilians")
    assert (r["interaction"], r["interaction_code"], r["civilian_targeting"]) == (
        "Political militia-Civilians", 37, "Civilian targeting",
    )  # fmt: skip
    assert r["fatalities"] == 30
    assert r["notes"] == (
        "On 28 February 2025, Unidentified Armed Group (Nigeria) attacked Civilians (Nigeria) in Borno, Nigeria, "
        "killing 30 people."
    )


def test_a_protest_is_coded_with_protesters_as_the_actor_and_the_crowd_size(rows):
    r = _one(rows["protest"], "Peaceful protest")
    assert (r["disorder_type"], r["event_type"]) == ("Demonstrations", "Protests")
    assert (r["actor1"], r["inter1"], r["interaction"]) == ("Protesters (Kenya)", "Protesters", "Protesters only")
    assert (r["fatalities"], r["tags"]) == (0, "crowd size=thousands")


def test_an_arrest_is_a_strategic_development_by_the_police(rows):
    r = _one(rows["arrest"], "Arrests")
    assert (r["disorder_type"], r["event_type"]) == ("Strategic developments", "Strategic developments")
    assert (r["actor1"], r["inter1"]) == ("Police Forces of Nigeria", "State forces")
    assert (r["actor2"], r["assoc_actor_2"], r["inter2"]) == (
        "Civilians (Nigeria)",
        "Journalists (Nigeria)",
        "Civilians",
    )
    assert (r["arrested"], r["fatalities"], r["civilian_targeting"]) == (12, 0, "")


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Their", "other", None),
        ("credit", "other", None),
        ("hotel", "other", None),
        ("the Iraqi army", "military", ("Military Forces of Iraq", "", 1)),
        ("Iraqi", "group", ("Military Forces of Iraq", "", 1)),
        ("Northern Liberation Front fighters", "group", ("Northern Liberation Front", "", 2)),
        ("12 journalists", "people", ("Civilians (Iraq)", "Journalists (Iraq)", 7)),
        ("riot police", "agency", ("Police Forces of Iraq", "", 1)),
        ("both sides", "group", None),
        ("the interior minister, Farid Osman", "official", ("Government of Iraq", "", 1)),
        ("paramilitary Eastern Shield Corps", "group", ("Eastern Shield Corps", "", None)),
        ("schoolgirls", "people", ("Civilians (Iraq)", "Students (Iraq)", 7)),
        ("the counterterror agency", "agency", ("Government of Iraq", "", 1)),
    ],
)
def test_actor_names_are_normalised_and_fragments_dropped(text, kind, expected):
    assert acled_actor({"text": text, "normalised": None, "kind": kind}, "IQ", violent=True) == expected


def test_actor_names_follow_acleds_country_wording():
    army = {"text": "the army", "normalised": "army", "kind": "military"}
    assert acled_actor(army, "US", violent=True) == ("Military Forces of the United States", "", 1)
    crowd = {"text": "villagers", "normalised": "villager", "kind": "people"}
    assert acled_actor(crowd, "US", violent=True) == ("Civilians (United States)", "", 7)
    assert acled_actor(crowd, None, violent=True) == ("Civilians", "", 7)  # no country known: none invented


def test_a_reviewers_actor_is_kept_as_written():
    assert acled_actor({"text": "Hotel staff", "kind": "other", "corrected": True}, "IQ", violent=True) == (
        "Hotel staff", "", None,
    )  # fmt: skip


def test_crosswalk_uses_mode_then_target_kind():
    assert acled_category("ASSAULT", "aerial", "civilian")[2] == "Air/drone strike"
    assert acled_category("ASSAULT", None, "armed")[1:] == ("Battles", "Armed clash")
    assert acled_category("ASSAULT", None, "civilian")[1:] == ("Violence against civilians", "Attack")
    assert acled_category("ASSAULT", "firearms", "civilian")[2] == "Attack"
    assert acled_category("COERCE", "arrest", "protesters")[2] == "Protest with intervention"
    assert acled_category("NEWTYPE", None)[2] == "Other"


def test_interaction_joins_the_lower_type_first():
    assert interaction(7, 1) == ("State forces-Civilians", 17)
    assert interaction(6, None) == ("Protesters only", 60)
    assert interaction(None, None) == ("", None)


def test_event_date_is_the_day_or_the_middle_of_the_window():
    assert event_date({"start": "2025-03-03", "end": "2025-03-03", "precision": "day"}) == ("2025-03-03", 1)
    assert event_date({"start": "2025-03-03", "end": "2025-03-09", "precision": "week"}) == ("2025-03-06", 2)
    assert event_date({"start": "2025-03-01", "end": "2025-03-31", "precision": "month"}) == ("2025-03-16", 3)
    # a day only inferred from the publication date was not stated: at best precision 2
    assert event_date({"start": "2025-03-05", "end": "2025-03-05", "precision": "day", "basis": "document"}) == (
        "2025-03-05", 2,
    )  # fmt: skip


def test_a_reports_total_is_its_largest_figure_and_vague_ones_take_acleds_values():
    q = [
        {"kind": "people", "unit": "killed", "value": [17, 17], "text": "at least 17", "qualifier": "at least"},
        {"kind": "people", "unit": "killed", "value": [3, 3], "text": "three children", "qualifier": None},
        {"kind": "people", "unit": "injured", "value": [40, 40], "text": "40 others", "qualifier": None},
    ]
    assert counts(q) == {"killed": (17, "at least"), "injured": (40, None)}
    dozens = [{"kind": "people", "unit": "killed", "value": [24, 24], "text": "dozens of people"}]
    assert counts(dozens)["killed"][0] == 12


def test_a_reprinted_wire_story_names_both_sources_and_its_scale():
    a = eventledger.analyze("Police in Lagos arrested 12 journalists on Wednesday.", published="2025-03-05")
    [rec] = [r for r in analysis_rows(a) if r["sub_event_type"] == "Arrests"]
    assert rec["source_scale"] == ""  # no outlet known: no scale claimed
    row = acled_row(
        {
            **_record(a),
            "document": {"publisher": "Lagos Ledger", "original_publisher": "Agence France-Presse", "url": None,
                         "published": "2025-03-05"},
        }
    )  # fmt: skip
    assert (row["source"], row["source_scale"]) == ("Lagos Ledger; Agence France-Presse", "International")


def _record(a) -> dict:
    from eventledger.model import event_record

    ev = next(e for e in a.events if e.type == "COERCE")
    return {"id": 7, "document_id": 1, **event_record(ev), "review": {"decision": None, "reviewed_at": None}}


def test_data_tables_cover_every_inter_code_and_region_label():
    assert sorted(acled.inter_labels()) == list(range(1, 9))
    assert acled.region("NG") == "Western Africa" and acled.region("UA") == "Europe"


class _Tables:
    """The incident tables of a store holding events 1 and 2 (one incident) and 3 (alone)."""

    def incident_of_events(self, ids):
        return {e: 10 for e in ids if e in (1, 2)}

    def incident_members(self, incidents):
        return {i: [1, 2] for i in incidents}

    def event_rows(self, ids):
        return {
            "events": [{"id": 1, "decision": None}, {"id": 2, "decision": None}],
            "quantities": [
                {"event_id": 1, "kind": "people", "unit": "killed", "value_min": 17.0},
                {"event_id": 2, "kind": "people", "unit": "killed", "value_min": 21.0},
                {"event_id": 2, "kind": "people", "unit": "injured", "value_min": 3.0},
            ],
        }


class _Store:
    def incident_tables(self):
        return _Tables()


def test_reports_of_one_incident_that_differ_give_the_lowest_figure_and_say_so():
    from eventledger.export.exporters import acled_rows

    def event(i: int, dead: int) -> dict:
        return {
            "id": i, "document_id": i, "type": "ASSAULT", "mode": "heavy-weapons", "status": "asserted",
            "actors": [], "targets": [], "locations": [], "time": {}, "confidence": 0.9, "evidence": None,
            "quantities": [{"kind": "people", "unit": "killed", "value": [dead, dead], "text": f"{dead} people"}],
            "review": {"decision": None, "reviewed_at": None}, "trigger": {"text": "hit"},
            "document": {"publisher": "Valley Wire", "original_publisher": None, "url": None, "published": None},
        }  # fmt: skip

    rows = list(acled_rows(_Store(), iter([event(1, 17), event(2, 21), event(3, 5)])))
    assert [r["fatalities"] for r in rows] == [17, 17, 5]
    assert rows[1]["notes"].endswith("Reports of this incident give 17 to 21 fatalities.")
    assert "Reports" not in rows[2]["notes"]


def test_wording_refines_the_category_a_base_set_up_and_a_clash():
    from eventledger.export.acled import refined_category

    base = {"type": "MOBILIZE", "mode": "troops", "evidence": {"text": "The army set up a new base near the ridge."}}
    assert refined_category(base, acled_category("MOBILIZE", "troops"))[2] == "Headquarters or base established"
    clash = {"type": "ASSAULT", "mode": None, "trigger": {"text": "clashed"}, "evidence": {"text": "They clashed."}}
    assert refined_category(clash, acled_category("ASSAULT", None))[1:] == ("Battles", "Armed clash")
    # fighting named in an assault on civilians does not make it a battle
    hit = {"type": "ASSAULT", "mode": None, "trigger": {"text": "shot"}, "evidence": {"text": "shot during fighting"}}
    assert refined_category(hit, acled_category("ASSAULT", None, "civilian"), "civilian")[2] == "Attack"


def test_a_reviewers_fatalities_win_over_the_stated_count():
    from eventledger.model import event_record

    a = eventledger.analyze(REPORTS["massacre"], published="2025-03-05")
    ev = next(e for e in a.events if e.type == "ASSAULT")
    base = {"id": 1, "document_id": 1, **event_record(ev), "review": {"decision": "corrected", "reviewed_at": None}}
    doc = {"publisher": None, "original_publisher": None, "url": None, "published": None}
    assert acled_row({**base, "document": doc})["fatalities"] == 30
    assert acled_row({**base, "fatalities": 28, "document": doc})["fatalities"] == 28
