"""Background acts retold by two reports at a coarse time are one incident; other acts of the doer are not."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from eventledger.dedup import dedup_documents
from eventledger.dedup._settings import load_settings
from eventledger.dedup.features import EventFeatures, PlaceFeature, QuantityFeature, content_words
from eventledger.dedup.retold import act_words, retold, retold_keys, retold_lookup
from eventledger.store import SQLiteStore

from .conftest import UZBEKISTAN, refile_each, spy_retold

S = load_settings().incidents
COUNTRY = PlaceFeature("Uzbekistan", 1512440, 41.0, 64.0, "UZ", None, "country", "")
ABROAD = PlaceFeature("Kyrgyzstan", 1527747, 41.0, 75.0, "KG", None, "country", "")


def ev(
    start: str,
    end: str,
    precision: str,
    text: str,
    *,
    doc: int = 1,
    doers: tuple[str, ...] = ("junta",),
    place: PlaceFeature = COUNTRY,
) -> EventFeatures:
    return EventFeatures(
        doc, doc, "COERCE", "asserted", date.fromisoformat(start).toordinal(), date.fromisoformat(end).toordinal(),
        precision, True, "2024-05-01", (place,), frozenset(doers), (), words=frozenset(content_words(text)),
        doers=frozenset(doers),
    )  # fmt: skip


MONTH = ev("2019-06-01", "2019-06-30", "month", "the junta, which seized power in June 2019", doc=1)
YEAR = ev("2019-01-01", "2019-12-31", "year", "since the junta seized power in 2019", doc=2)


def test_a_month_and_a_year_that_hold_it_with_the_same_doer_and_act_are_one_act():
    assert retold(MONTH, YEAR, S) and retold(YEAR, MONTH, S)


def test_one_doer_with_clashing_counts_did_two_things():
    def counted(f: EventFeatures, n: int) -> EventFeatures:
        return replace(f, quantities=(QuantityFeature("people", "people", n, n),))

    assert retold(counted(MONTH, 12), counted(YEAR, 12), S)
    assert not retold(counted(MONTH, 12), counted(YEAR, 300), S)


def test_a_retelling_that_inflects_the_act_differently_still_names_it():
    first = ev("2025-03-03", "2025-03-09", "week", "by first imposing a 10% tariff on all goods", doc=1)
    later = ev("2025-03-03", "2025-03-09", "week", "at first imposed 10% tariffs on food exports", doc=2)
    assert act_words(first) & act_words(later) == {"impos", "tariff", "first"}
    assert retold(first, later, S)


def test_a_day_and_the_week_that_holds_it_may_be_one_act_but_two_days_are_the_scores_to_judge():
    week = ev("2025-03-03", "2025-03-09", "week", "imposed tariffs on steel", doc=1)
    day = ev("2025-03-04", "2025-03-04", "day", "imposed tariffs on steel", doc=2)
    assert retold(week, day, S) and retold(day, week, S)
    assert not retold(replace(week, precision="day", start=day.start, end=day.end), day, S)


def test_the_doers_name_and_the_place_name_are_not_the_shared_act():
    named = ev("2019-01-01", "2019-12-31", "year", "the junta in Uzbekistan", doc=2)
    assert act_words(named) == set()
    assert not retold(MONTH, named, S)


@pytest.mark.parametrize(
    "other",
    [
        replace(YEAR, doers=frozenset({"army"}), actors=frozenset({"army"})),  # another doer
        ev("2018-01-01", "2018-12-31", "year", "since the junta seized power in 2018", doc=2),  # windows apart
        replace(YEAR, places=(ABROAD,)),  # another country
        replace(YEAR, type="CONSULT"),  # another kind of act
        replace(YEAR, document_id=1),  # one report's own two mentions
    ],
)
def test_anything_that_disagrees_keeps_two_background_acts_apart(other):
    assert not retold(MONTH, other, S)


def _file(report, body: str, publisher: str, day: str, end: str, precision: str) -> int:
    return report(
        body, publisher=publisher, published="2024-05-01", type_="COERCE", day=day, end=end,
        precision=precision, place=UZBEKISTAN, actors=("junta",),
    )  # fmt: skip


def _background(report) -> list[int]:
    return [
        _file(report, "The junta, which seized power in June 2019, jailed critics.", "Steppe Wire", "2019-06-01",
              "2019-06-30", "month"),
        _file(report, "Seizing power in 2019, the junta closed the border.", "Valley Post", "2019-01-01",
              "2019-12-31", "year"),
        _file(report, "The junta dissolved parliament in 2019.", "Evening Star", "2019-01-01", "2019-12-31", "year"),
    ]  # fmt: skip


def test_two_reports_recalling_one_takeover_share_an_incident_and_another_act_stays_apart(store, report):
    took, again, dissolved = _background(report)
    dedup_documents(store.incident_tables(), [took, again, dissolved])
    assert sorted(i["document_ids"] for i in store.incidents()) == sorted([[took, again], [dissolved]])


@pytest.mark.parametrize("seed", range(3))
def test_retold_acts_group_alike_in_any_order_and_batches(tmp_path, report, store, seed):
    ids = _background(report)
    dedup_documents(store.incident_tables(), ids)
    order = list(ids)
    random.Random(seed).shuffle(order)
    other = SQLiteStore(tmp_path / f"retold-{seed}.db")
    refile_each(store, other, order)
    assert other.incident_partition() == store.incident_partition()
    other.close()


# -- blocking: the lookup reads the blocks of every accepted partner, and only those ----------------
def test_an_event_is_stored_under_each_doer_country_and_act_word():
    keys = retold_keys(YEAR, S)
    assert {(k.doer, k.cell, k.word) for k in keys} == {("junta", "UZ", w) for w in act_words(YEAR)}
    assert {(k.type, k.day_start, k.day_end) for k in keys} == {("COERCE", YEAR.start, YEAR.end)}


def test_an_event_without_a_doer_a_country_or_a_bounded_window_has_no_blocks():
    decade = ev("2010-01-01", "2019-12-31", "decade", "the junta seized power in the 2010s", doc=2)
    for f in (replace(YEAR, doers=frozenset()), replace(YEAR, places=()), decade):
        assert retold_keys(f, S) == [] and retold_lookup(f, S) is None
        assert not retold(MONTH, f, S)


@pytest.mark.parametrize("other", [YEAR, ev("2019-06-20", "2019-06-26", "week", "junta seizes power", doc=3)])
def test_whatever_retold_accepts_lies_in_the_lookups_blocks_and_days(other):
    assert retold(MONTH, other, S)
    look = retold_lookup(MONTH, S)
    assert look is not None and _read_by(look, other)


def _read_by(look, other: EventFeatures) -> list:
    """The blocks of ``other`` that ``look`` reads."""
    return [
        k for k in retold_keys(other, S)
        if k.doer in look.doers and k.cell in look.cells and k.word in look.words and k.type in look.types
        and look.low_start <= k.day_start <= look.high_start and k.day_end >= look.low_end
    ]  # fmt: skip


DOERS = [f"{a} {b}" for a in ("river", "salt", "copper", "cedar", "amber") for b in ("guard", "council", "league")]
ACTS = ["levied grain duties", "renamed the avenues", "audited the mills", "fenced the pastures", "drafted clerks"]


def _crowd(report) -> list[int]:
    """Vague acts in the same country: other doers telling the same act, the same doer other acts or other years."""
    ids = [
        report(f"The {doer} seized power over the docks in 2019.", publisher=f"Crowd {n}", published="2024-05-01",
               type_="COERCE", day="2019-01-01", end="2019-12-31", precision="year", place=UZBEKISTAN,
               actors=(doer,))
        for n, doer in enumerate(DOERS)
    ]  # fmt: skip
    ids += [
        report(f"The junta {act} in 2019.", publisher=f"Same doer {n}", published="2024-05-01", type_="COERCE",
               day="2019-01-01", end="2019-12-31", precision="year", place=UZBEKISTAN, actors=("junta",))
        for n, act in enumerate(ACTS)
    ]  # fmt: skip
    ids += [
        report(f"The junta seized power again in {year}.", publisher=f"Other year {year}", published="2024-05-01",
               type_="COERCE", day=f"{year}-01-01", end=f"{year}-12-31", precision="year", place=UZBEKISTAN,
               actors=("junta",))
        for year in range(2012, 2017)
    ]  # fmt: skip
    return ids


@pytest.mark.parametrize("crowded", [False, True])
def test_retold_comparisons_do_not_grow_with_unrelated_vague_events_in_the_store(monkeypatch, store, report, crowded):
    """The old neighbourhood scan compared a retelling with every vague act of the country's year."""
    if crowded:
        dedup_documents(store.incident_tables(), _crowd(report))
    tables, calls = spy_retold(monkeypatch, store)
    took, again, dissolved = _background(report)
    dedup_documents(tables, [took, again, dissolved])
    assert [i["document_ids"] for i in store.incidents() if took in i["document_ids"]] == [[took, again]]
    assert calls == {"retold": 2, "stored": 0}  # each retelling against the other, from this call's index


@pytest.mark.parametrize("crowded", [False, True])
def test_a_retelling_read_from_the_store_is_the_only_stored_candidate(monkeypatch, store, report, crowded):
    if crowded:
        dedup_documents(store.incident_tables(), _crowd(report))
    took, again, dissolved = _background(report)
    dedup_documents(store.incident_tables(), [took, dissolved])
    tables, calls = spy_retold(monkeypatch, store)
    dedup_documents(tables, [again])
    assert [i["document_ids"] for i in store.incidents() if took in i["document_ids"]] == [[took, again]]
    # Stored rows read: the takeover, found by the retelling, and found again by its own lookup
    # (skipped); compared: the retelling with the takeover, and back. The crowd adds nothing.
    assert calls == {"retold": 2, "stored": 2}


def test_a_database_from_before_the_retold_blocks_gets_them_and_links_a_later_retelling(store, report):
    """Migration 9 leaves every member unkeyed; the next call writes the retold blocks of the stored ones."""
    from eventledger.dedup.tables import MemberKey

    took, again, dissolved = _background(report)
    dedup_documents(store.incident_tables(), [took, dissolved])
    tables = store.incident_tables()
    stored = tables.event_ids_of_documents([took, dissolved])
    with tables.transaction():  # as the migration leaves a database written before it
        tables.write_retold_keys(stored, [])
        tables.write_member_keys([MemberKey(e, "*", "*", -1, None, None) for e in stored])
    dedup_documents(tables, [again])
    assert tables.unkeyed_members() == []
    assert sorted(i["document_ids"] for i in store.incidents()) == sorted([[took, again], [dissolved]])


def test_an_inflected_name_of_the_doer_is_no_act_word():
    said = ev("2019-01-01", "2019-12-31", "year", "the elders urged calm among the elder", doers=("elder",))
    assert act_words(replace(said, actors=frozenset({"elder"}))) == {"urged", "calm"}


def test_a_day_dated_event_looks_up_only_coarse_retellings():
    day = ev("2019-06-12", "2019-06-12", "day", "the junta seized power", doc=3)
    look, month = retold_lookup(day, S), retold_lookup(MONTH, S)
    assert look is not None and look.coarse_only and month is not None and not month.coarse_only
    assert {k.coarse for k in retold_keys(day, S)} == {False} and {k.coarse for k in retold_keys(MONTH, S)} == {True}


def test_a_corrected_time_rewrites_the_retold_blocks(store, report):
    """A reviewer moves a retelling to another year and back: the link follows the stored blocks both ways."""
    from eventledger.store.reviews import review

    took, again, dissolved = _background(report)
    dedup_documents(store.incident_tables(), [took, again, dissolved])
    [event] = store.incident_tables().event_ids_of_documents([again])
    review(store, event, "correct", "ana", fields={"time_start": "2016-01-01", "time_end": "2016-12-31"})
    assert sorted(i["document_ids"] for i in store.incidents()) == sorted([[took], [again], [dissolved]])
    sql = "SELECT DISTINCT day_start FROM incident_retold_keys WHERE event_id = ?"
    assert [r[0] for r in store.conn.execute(sql, (event,)).fetchall()] == [date(2016, 1, 1).toordinal()]
    review(store, event, "correct", "ana", fields={"time_start": "2019-01-01", "time_end": "2019-12-31"})
    assert sorted(i["document_ids"] for i in store.incidents()) == sorted([[took, again], [dissolved]])


# -- standing states: "has barred X" told by reports months apart ----------------------------------
def standing(published: str, text: str, targets: tuple[str, ...], *, doc: int, doers=("junta",)) -> EventFeatures:
    """A standing state as ``load_features`` reads it: undated up to ``undated_days`` before publication."""
    pub = date.fromisoformat(published).toordinal()
    return EventFeatures(
        doc, doc, "COERCE", "asserted", pub - S.undated_days, pub, "unknown", False, published, (COUNTRY,),
        frozenset(doers), (), words=frozenset(content_words(text)), doers=frozenset(doers),
        targets=frozenset(w for t in targets for w in content_words(t)), standing=True,
    )  # fmt: skip


SPRING = standing("2024-04-10", "the junta has barred women from universities", ("women",), doc=11)
AUTUMN = standing("2024-11-20", "the junta has barred girls over ten from schools", ("girls over ten",), doc=12)


def test_two_reports_of_one_standing_ban_months_apart_on_one_group_are_one_act():
    assert retold(SPRING, AUTUMN, S) and retold(AUTUMN, SPRING, S)


@pytest.mark.parametrize(
    "other",
    [
        standing("2024-11-20", "the junta has barred the weekly newspaper", ("weekly newspaper",), doc=12),  # others
        standing("2024-11-20", "the junta has barred girls over ten from schools", (), doc=12),  # nobody named
        standing("2025-06-20", "the junta has barred girls over ten from schools", ("girls",), doc=12),  # too late
        replace(AUTUMN, doers=frozenset({"army"})),  # another doer
    ],
)
def test_a_standing_ban_on_other_parties_or_too_far_apart_is_another(other):
    assert not retold(SPRING, other, S)


def test_a_dated_act_of_the_doer_on_someone_else_is_not_the_standing_ban():
    envoy = ev("2024-11-01", "2024-11-30", "month", "the junta barred the envoy from entering", doc=13)
    assert not retold(AUTUMN, replace(envoy, targets=frozenset({"envoy"})), S)
    assert retold(AUTUMN, replace(envoy, targets=frozenset({"women"})), S)  # the same parties: a retelling


def test_a_standing_states_blocks_and_lookup_reach_back_standing_days():
    look = retold_lookup(AUTUMN, S)
    assert look is not None and not look.coarse_only
    hits = _read_by(look, SPRING)
    assert hits and {(k.day_start, k.day_end) for k in hits} == {(SPRING.end - S.standing_days, SPRING.end)}


def _standing_reports(report) -> list[int]:
    def filed(body: str, publisher: str, published: str, targets: tuple[str, ...]) -> int:
        return report(
            body, publisher=publisher, published=published, type_="COERCE", day=published, end=published,
            precision="unknown", place=UZBEKISTAN, actors=("junta",), targets=targets, basis="perfect",
        )  # fmt: skip

    return [
        filed("The junta has barred women from work.", "Steppe Wire", "2024-04-10", ("women",)),
        filed("The junta has barred girls from work.", "Valley Post", "2024-11-20", ("girls",)),
        filed("The junta has barred reporters from work.", "Evening Star", "2024-11-20", ("reporters",)),
    ]


def test_reports_of_one_standing_ban_share_an_incident_and_a_ban_on_others_stays_apart(store, report):
    women, girls, press = _standing_reports(report)
    dedup_documents(store.incident_tables(), [women, girls, press])
    assert sorted(i["document_ids"] for i in store.incidents()) == sorted([[women, girls], [press]])


@pytest.mark.parametrize("crowded", [False, True])
def test_a_standing_ban_read_from_the_store_is_the_only_stored_candidate(monkeypatch, store, report, crowded):
    if crowded:
        dedup_documents(store.incident_tables(), _crowd(report))
    women, girls, press = _standing_reports(report)
    dedup_documents(store.incident_tables(), [women, press])
    tables, calls = spy_retold(monkeypatch, store)
    dedup_documents(tables, [girls])
    assert [i["document_ids"] for i in store.incidents() if women in i["document_ids"]] == [[women, girls]]
    # Stored rows read: both earlier bans sit in the blocks of the later one (the ban on reporters
    # differs only by whom it bears on, which ``retold`` compares), and the lookups of the frontier read
    # them again; the crowd of other doers, acts and years adds nothing.
    assert calls["stored"] == 4 and calls["retold"] == 4
