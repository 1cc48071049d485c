"""Event times from the dependency path between the trigger and a time expression."""

from __future__ import annotations

from eventledger.model import Document
from eventledger.temporal import assign_times, find_timexes


def test_date_on_the_event_verb_wins_over_the_reporting_date(timed) -> None:
    (ev,) = timed("Police said on Tuesday that gunmen attacked a convoy on Sunday.", "2021-03-05", ["attacked"])
    assert (ev.time.start, ev.time.end, ev.time.basis, ev.time.span.text) == (
        "2021-02-28",
        "2021-02-28",
        "explicit",
        "Sunday",
    )


def test_reporting_date_alone_gives_the_act_the_statement_day(timed) -> None:
    (ev,) = timed("The ministry said on Tuesday it had closed the crossing.", "2021-03-05", ["closed"])
    assert (ev.time.start, ev.time.end, ev.time.basis) == ("2021-03-02", "2021-03-02", "narrative")


def test_reporting_month_alone_only_bounds_the_act(timed) -> None:
    (ev,) = timed("The ministry said in February it had closed the crossing.", "2021-03-05", ["closed"])
    assert (ev.time.start, ev.time.end, ev.time.precision) == ("2021-01-28", "2021-02-28", "unknown")


def test_by_keeps_only_the_end_and_since_runs_to_the_document_date(timed) -> None:
    withdraw, shelled = timed(
        "Militias must withdraw by November 30. Artillery has shelled the ridge since August.",
        "2020-12-03",
        ["withdraw", "shelled"],
    )
    assert (withdraw.time.start, withdraw.time.end) == ("2020-10-30", "2020-11-30")
    assert (shelled.time.start, shelled.time.end) == ("2020-08-01", "2020-12-03")


def test_an_event_without_a_date_inherits_from_the_account(timed) -> None:
    first, second = timed(
        "Gunmen stormed a village on March 1. Three guards were wounded.", "2021-03-05", ["stormed", "wounded"]
    )
    assert first.time.basis == "explicit"
    assert (second.time.start, second.time.end, second.time.basis) == ("2021-03-01", "2021-03-01", "inherited")


def test_no_date_at_all_falls_back_to_the_document_date(timed) -> None:
    (ev,) = timed("A grenade exploded near the stadium.", "2021-03-05", ["exploded"])
    assert (ev.time.start, ev.time.end, ev.time.precision, ev.time.basis) == (
        "2021-02-02",
        "2021-03-05",
        "unknown",
        "document",
    )


def test_mid_month_interval_and_its_span_are_stored(timed) -> None:
    (ev,) = timed("Students marched in mid-November.", "2020-12-03", ["marched"])
    assert (ev.time.start, ev.time.end, ev.time.value, ev.time.span.text) == (
        "2020-11-11",
        "2020-11-20",
        "2020-11",
        "mid-November",
    )


def test_a_date_after_the_reporting_verb_and_its_object_times_the_statement(timed) -> None:
    seized, told = timed(
        "The commander told reporters Tuesday that troops had seized the bridge.", "2021-03-05", ["seized", "told"]
    )
    assert (seized.time.start, seized.time.end, seized.time.basis) == ("2021-03-02", "2021-03-02", "narrative")
    assert (told.time.start, told.time.end, told.time.basis) == ("2021-03-02", "2021-03-02", "explicit")


def test_publication_dates_in_feed_formats_are_read() -> None:
    from eventledger.temporal.event_time import document_date

    assert document_date("2020-12-03T08:15:00Z") == "2020-12-03"
    assert document_date("Thu, 03 Dec 2020 08:15:00 GMT") == "2020-12-03"
    assert document_date(None) is None


def test_a_relative_publication_date_is_not_read_against_the_clock() -> None:
    from eventledger.temporal.event_time import document_date

    assert document_date("yesterday") is None


def test_a_date_sentence_between_two_events_moves_the_reference_time_on(timed) -> None:
    body = (
        "Rebels seized the depot in March. The government has tightened security in the region in 2021. "
        "Soldiers burned several villages."
    )
    seized, burned = timed(body, "2021-11-20", ["seized", "burned"])
    assert (seized.time.start, seized.time.end) == ("2021-03-01", "2021-03-31")
    assert (burned.time.start, burned.time.end, burned.time.basis) == ("2021-01-01", "2021-11-20", "inherited")


def test_a_happened_event_never_ends_after_the_publication_date(timed) -> None:
    (ev,) = timed("Troops shelled the town this month.", "2022-06-09", ["shelled"])
    assert (ev.time.start, ev.time.end) == ("2022-06-01", "2022-06-09")


def test_a_date_in_the_previous_event_sentence_does_not_move_the_reference(timed) -> None:
    body = "Gunmen attacked a checkpoint on Tuesday, the latest of several raids this year. They burned two trucks."
    attacked, burned = timed(body, "2022-09-16", ["attacked", "burned"])
    assert (attacked.time.start, attacked.time.end) == ("2022-09-13", "2022-09-13")
    assert (burned.time.start, burned.time.end, burned.time.basis) == ("2022-09-13", "2022-09-13", "inherited")


def test_an_event_told_in_an_after_clause_ends_by_the_main_clause_date_not_on_it(nlp):
    from eventledger.annotate.nlp import Annotated
    from eventledger.events import extract_events

    body = "Protests erupted in Quito on Friday after police killed a student in Cuenca."
    ann = Annotated(Document("0" * 64, "t", "text", body, published="2024-05-11"), nlp(body))
    timed = {e.type: e.time for e in assign_times(ann, extract_events(ann), find_timexes(ann))}
    assert (timed["PROTEST"].start, timed["PROTEST"].end) == ("2024-05-10", "2024-05-10")
    assert timed["ASSAULT"].end == "2024-05-10" and timed["ASSAULT"].start < "2024-05-10"


def test_a_speech_act_told_by_a_statement_takes_the_statements_week(timed) -> None:
    text = (
        "Gunmen freed 40 pupils in Kara on Monday. "
        "Last week, the president said his government will not yield to the gangs."
    )
    (ev,) = timed(text, "2021-03-02", ["yield"], type_="REJECT")
    assert (ev.time.start, ev.time.end, ev.time.precision) == ("2021-02-22", "2021-02-28", "week")
