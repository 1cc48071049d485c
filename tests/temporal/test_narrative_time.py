"""Undated events take the report's own time: the lead's day, the publication day, the account."""

from __future__ import annotations

import pytest

from eventledger.model import Document, Event, Span
from eventledger.temporal import assign_times, find_timexes


def test_a_weekday_is_the_one_on_or_before_publication(timed) -> None:
    (ev,) = timed("Gunmen attacked a bus depot on Tuesday.", "2023-06-09", ["attacked"])  # a Friday
    assert (ev.time.start, ev.time.end) == ("2023-06-06", "2023-06-06")


def test_a_weekday_on_the_publication_day_is_that_day(timed) -> None:
    (ev,) = timed("Gunmen attacked a bus depot on Friday.", "2023-06-09", ["attacked"])
    assert (ev.time.start, ev.time.end) == ("2023-06-09", "2023-06-09")


def test_present_tense_news_is_dated_to_publication(timed) -> None:
    (ev,) = timed("The farmers' union is calling for the blockade to be lifted.", "2023-06-09", ["calling"])
    assert (ev.time.start, ev.time.end, ev.time.basis) == ("2023-06-09", "2023-06-09", "publication")


def test_present_perfect_news_is_dated_to_publication(timed) -> None:
    (ev,) = timed("Rights groups have condemned the arrest of the editor.", "2023-06-09", ["condemned"])
    assert (ev.time.start, ev.time.end) == ("2023-06-09", "2023-06-09")


def test_a_later_undated_past_act_takes_the_lead_day(timed) -> None:
    body = (
        "The harbour council voted on Wednesday to close the ferry pier. "
        "Engineers had warned of cracks for a decade. The mayor visited the pier in 2019. "
        "Several residents asked for a new landing. Two members opposed the plan. "
        "The council rejected a delay."
    )
    (ev,) = timed(body, "2023-06-09", ["rejected"])
    assert (ev.time.start, ev.time.end, ev.time.basis) == ("2023-06-07", "2023-06-07", "narrative")


def test_without_any_news_day_the_window_is_the_last_resort(timed) -> None:
    (ev,) = timed("A grenade exploded near the stadium.", "2023-06-09", ["exploded"])
    assert (ev.time.precision, ev.time.basis, ev.time.end) == ("unknown", "document", "2023-06-09")


def test_an_undated_later_mention_takes_the_dated_mention_time(nlp) -> None:
    from eventledger.annotate.nlp import Annotated

    body = "Troops shelled the border town. The shelling, which took place on Monday, wounded two guards."
    annotated = Annotated(Document("0" * 64, "test", "text", body, published="2023-06-09"), nlp(body))
    first = Span.of(body, 0, body.index("."))
    later = Span.of(body, body.index("The shelling"), len(body) - 1)
    trigger = Span.of(body, body.index("shelled"), body.index("shelled") + len("shelled"))
    (ev,) = assign_times(annotated, [Event("ASSAULT", (first, later), trigger=trigger)], find_timexes(annotated))
    assert (ev.time.start, ev.time.end) == ("2023-06-05", "2023-06-05")


def test_a_habitual_act_is_never_dated_after_publication(timed) -> None:
    body = "Each year the fishermen block the harbour road in November."
    for status in ("asserted", "hypothetical"):
        (ev,) = timed(body, "2023-09-20", ["block"], status)
        assert ev.time.start <= "2023-09-20" and ev.time.end <= "2023-09-20"


@pytest.mark.parametrize(
    "body",
    [
        "Police said on Tuesday they had arrested the driver since March.",
        "Protesters marched until Monday after the vote on Friday.",
        "The army withdrew by last week, officials said on Thursday.",
    ],
)
def test_start_is_never_after_end(timed, body: str) -> None:
    word = body.split()[1]
    for ev in timed(body, "2023-06-09", [word]):
        assert ev.time.start is None or ev.time.end is None or ev.time.start <= ev.time.end


def test_earlier_this_month_runs_to_the_document_date() -> None:
    from eventledger.temporal import tag_text

    (t,) = tag_text("Prices rose earlier this month.", "2025-03-14")
    assert (t.value, t.interval.start, t.interval.end) == ("2025-03", "2025-03-01", "2025-03-14")
    (t,) = tag_text("Prices rose early this month.", "2025-03-14")
    assert (t.interval.start, t.interval.end) == ("2025-03-01", "2025-03-10")


def test_a_date_of_another_act_below_the_verb_does_not_time_it(timed) -> None:
    (ev,) = timed("The minister blamed the rebels for burning the depot in 2019.", "2023-06-09", ["blamed"])
    assert (ev.time.end, ev.time.basis) == ("2023-06-09", "document")


def test_a_date_inside_a_participle_naming_a_thing_does_not_time_the_act(timed) -> None:
    text = "The senator urged the governor to return to talks on a deal based on 12 March."
    (ev,) = timed(text, "2023-06-09", ["urged"])
    assert ev.time.start != "2023-03-12"


def test_a_means_clause_date_times_the_act(timed) -> None:
    (ev,) = timed("Farmers protested by blocking the highway on Monday.", "2023-06-09", ["protested"])
    assert (ev.time.start, ev.time.end) == ("2023-06-05", "2023-06-05")


def test_a_purpose_infinitive_date_times_the_act(timed) -> None:
    (ev,) = timed("The army launched a raid to clear the forest in 2015.", "2023-06-09", ["launched"])
    assert (ev.time.start, ev.time.end) == ("2015-01-01", "2015-12-31")


def test_an_undated_statement_is_the_news_day_not_the_background_date(timed) -> None:
    body = (
        "The harbour council voted on Wednesday to close the ferry pier. "
        "The pier was built in 1990. Engineers found cracks in March. "
        "The mayor urged residents to use the coastal road."
    )
    (ev,) = timed(body, "2023-06-09", ["urged"], type_="REQUEST")
    assert (ev.time.start, ev.time.end) == ("2023-06-07", "2023-06-07")


def test_a_state_since_a_date_began_with_an_act_on_that_date(timed) -> None:
    (ev,) = timed("The editor has been in custody since March 3.", "2023-06-09", ["custody"], type_="COERCE")
    assert (ev.time.start, ev.time.end) == ("2023-03-03", "2023-03-03")


def _with_mode(nlp, body: str, published: str, word: str, mode: str, type_: str = "COERCE") -> Event:
    from eventledger.annotate.nlp import Annotated

    annotated = Annotated(Document("0" * 64, "test", "text", body, published=published), nlp(body))
    i = body.index(word)
    span = Span.of(body, i, i + len(word))
    (ev,) = assign_times(annotated, [Event(type_, (span,), mode=mode, trigger=span)], find_timexes(annotated))
    return ev


_LEAD = "The river port reopened on Tuesday after repairs. Ferry crews returned to work the same day. "


def test_a_lasting_ban_in_the_present_perfect_below_the_lead_is_a_standing_state(nlp) -> None:
    body = _LEAD + "The provincial council has banned fishing boats from the northern channel."
    ev = _with_mode(nlp, body, "2023-06-09", "banned", "restrict")
    assert (ev.time.basis, ev.time.precision, ev.time.end) == ("perfect", "unknown", "2023-06-09")
    assert ev.time.start < "2023-06-09"  # some time before publication, not the news day


def test_a_lasting_ban_in_a_participle_on_a_present_perfect_clause_is_standing_too(nlp) -> None:
    body = _LEAD + "The council has tightened its rules on the channel, barring fishing boats from it."
    ev = _with_mode(nlp, body, "2023-06-09", "barring", "restrict")
    assert ev.time.basis == "perfect"


def test_a_ban_told_in_the_lead_is_the_news_day(nlp) -> None:
    body = "The provincial council has banned fishing boats from the northern channel, officials said on Tuesday."
    ev = _with_mode(nlp, body, "2023-06-09", "banned", "restrict")
    assert (ev.time.start, ev.time.end) == ("2023-06-06", "2023-06-06")


def test_an_arrest_in_the_present_perfect_is_still_the_news_day(nlp) -> None:
    body = _LEAD + "Police have arrested three harbour workers."
    ev = _with_mode(nlp, body, "2023-06-09", "arrested", "arrest")
    assert ev.time.basis != "perfect"


def test_a_date_in_a_relative_clause_on_the_doer_does_not_date_the_act(nlp) -> None:
    body = _LEAD + "The council, which took office in March 2019, has banned fishing boats from the channel."
    ev = _with_mode(nlp, body, "2023-06-09", "banned", "restrict")
    assert ev.time.basis == "perfect" and ev.time.start > "2019-12-31"


def test_a_relative_clause_on_the_act_itself_dates_it(nlp) -> None:
    body = _LEAD + "The ban, which took effect on May 2, kept fishing boats out of the channel."
    ev = _with_mode(nlp, body, "2023-06-09", "ban", "restrict")
    assert (ev.time.start, ev.time.end) == ("2023-05-02", "2023-05-02")
