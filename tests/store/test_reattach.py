"""A replaced document's reviewed events are matched to the same events of the new analysis."""

from __future__ import annotations

from eventledger.store.reattach import OldEvent, match_events


def _old(event_id: int, seq: int, evidence=(0, 60), trigger=(20, 28), type_="COERCE") -> OldEvent:
    return OldEvent(event_id, type_, evidence, "text", trigger, None, None, None, seq)


# "Police arrested two editors and detained a printer on Monday." coded as two COERCE events on
# one sentence (one trigger each), then a PROTEST on the next sentence.
NEW = [
    (101, "COERCE", (0, 60), (7, 15), 0),
    (102, "COERCE", (0, 60), (32, 40), 1),
    (103, "PROTEST", (61, 110), (70, 78), 2),
]


def test_the_second_of_two_events_on_one_sentence_keeps_its_own_review():
    # Only the second arrest was reviewed: the first untaken span match would be event 101.
    assert match_events([_old(12, 1, trigger=(32, 40))], NEW) == {12: 102}


def test_same_span_and_trigger_are_told_apart_by_their_position_whatever_the_order():
    twins = [(201, "COERCE", (0, 60), (7, 15), 0), (202, "COERCE", (0, 60), (7, 15), 1)]
    first, second = _old(7, 0, trigger=(7, 15)), _old(8, 1, trigger=(7, 15))
    assert match_events([second, first], twins) == {7: 201, 8: 202}
    assert match_events([second], list(reversed(twins))) == {8: 202}


def test_a_weaker_match_does_not_take_an_exact_match_of_another_event():
    moved = _old(5, 0, evidence=(0, 60), trigger=(99, 105))  # its trigger is gone: evidence only
    exact = _old(6, 1, evidence=(0, 60), trigger=(32, 40))
    assert match_events([moved, exact], NEW) == {5: 101, 6: 102}


def test_an_event_of_another_type_or_span_is_not_matched():
    assert match_events([_old(3, 0, type_="ASSAULT")], NEW) == {3: None}
    assert match_events([_old(4, 0, evidence=(1, 59), trigger=(1, 5))], NEW) == {4: None}
