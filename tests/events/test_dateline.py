"""Wire datelines are recognised at the start of a sentence, and only there."""

from __future__ import annotations

import pytest

from eventledger.events.dateline import dateline_end


@pytest.mark.parametrize(
    ("text", "first_word"),
    [
        ("LIMA (Wire) - Miners blocked the highway.", "Miners"),
        ("ALEPPO, Syria — Shelling hit the old city.", "Shelling"),
        ("DHAKA, March 3 (AP) -- Garment workers marched.", "Garment"),
        ("The UN said aid convoys were blocked.", "The"),
        ("NATO allies met in Brussels.", "NATO"),
    ],
)
def test_dateline_end(nlp, text, first_word):
    sent = next(nlp(text).sents)
    assert sent.doc[dateline_end(sent)].text == first_word


def test_dateline_end_is_remembered_with_the_parse(nlp):
    doc = nlp("CAIRO (Wire) - Farmers marched to the ministry.\n\nThey went home at dusk.")
    sents = list(doc.sents)
    first = [dateline_end(s) for s in sents]
    assert doc.user_data["eventledger.dateline_end"] == {(s.start, s.end): c for s, c in zip(sents, first, strict=True)}
    assert [dateline_end(s) for s in sents] == first
    assert doc[first[0]].text == "Farmers" and first[1] == sents[1].start
