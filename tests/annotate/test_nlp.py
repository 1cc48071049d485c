"""The shared pipeline: a blank line always ends a sentence."""

from __future__ import annotations


def test_a_headline_is_its_own_sentence(nlp):
    doc = nlp("Troops kill 5 in Kivu ambush\n\nGOMA, June 3 (Wire) - Soldiers killed five rebels on Monday.")
    first = next(iter(doc.sents))
    assert first.text.strip() == "Troops kill 5 in Kivu ambush"


def test_a_single_line_break_inside_a_sentence_is_left_to_the_parser(nlp):
    doc = nlp("Police detained twelve\nprotesters in Lahore on Friday.")
    assert len(list(doc.sents)) == 1
