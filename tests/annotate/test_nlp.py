"""The shared pipeline: a blank line always ends a sentence."""

from __future__ import annotations


def test_a_headline_is_its_own_sentence(nlp):
    doc = nlp("Troops kill 5 in Kivu ambush\n\nGOMA, June 3 (Wire) - Soldiers killed five rebels on Monday.")
    first = next(iter(doc.sents))
    assert first.text.strip() == "Troops kill 5 in Kivu ambush"


def test_a_single_line_break_inside_a_sentence_is_left_to_the_parser(nlp):
    doc = nlp("Police detained twelve\nprotesters in Lahore on Friday.")
    assert len(list(doc.sents)) == 1


def test_words_parsed_in_a_transient_block_leave_the_vocabulary(nlp):
    from eventledger.annotate import transient_parses

    before = len(nlp.vocab.strings)
    with transient_parses():
        doc = nlp("Colonel Vrastokian's Blenmoor brigade shelled Quarvizstan on Zentuary 41.")
        assert "Vrastokian" in nlp.vocab.strings and doc[1].text == "Vrastokian"
    assert len(nlp.vocab.strings) == before and "Vrastokian" not in nlp.vocab.strings


def test_an_error_inside_a_transient_block_leaves_the_model_usable(nlp):
    from eventledger.annotate import transient_parses

    try:
        with transient_parses():
            nlp("Militia fighters from Drelvania torched a depot.")
            raise ValueError("a stage failed on this batch")
    except ValueError:
        pass
    with transient_parses():
        doc = nlp("Drelvanian militia fighters torched a second depot.")
        assert [t.text for t in doc][:2] == ["Drelvanian", "militia"]
