"""The speaker's head in an attribution whose reporting verb the parser did not tag as a verb."""

from __future__ import annotations

from eventledger.events._attribution import speaker_head
from eventledger.events._lexicon import load_lexicon
from eventledger.model import Attribution, Span


def test_an_attribution_without_a_parsed_reporting_verb_does_not_crash(nlp):
    text = "Local residents, the council statement and the regional governor in the north."
    doc = nlp(text)
    attr = Attribution(text, Span.of(text, 0, len(text) - 1), "other")
    head = speaker_head(doc, attr, load_lexicon())  # crashed on the missing verb before
    assert head is None or head.pos_ in {"NOUN", "PROPN"}


def test_the_phrase_before_the_reporting_verb_is_the_speaker(nlp):
    text = "The regional governor said on Monday that the road was closed."
    doc = nlp(text)
    end = text.index(" on Monday")
    head = speaker_head(doc, Attribution(text[:end], Span.of(text, 0, end), "official"), load_lexicon())
    assert head is not None and head.text == "governor"
