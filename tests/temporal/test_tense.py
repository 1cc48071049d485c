"""Tense of the clause around a span, from a parse or from surface cues."""

from __future__ import annotations

from eventledger.temporal.tense import doc_tense, text_tense


def span_of(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_surface_cues() -> None:
    text = "The envoy will travel on Friday."
    assert text_tense(text)(*span_of(text, "Friday")) == "future"
    text = "The envoy travelled on Friday."
    assert text_tense(text)(*span_of(text, "Friday")) == "past"


def test_parse_reads_the_governing_verb(nlp) -> None:
    text = "The convoy left on Monday, and the envoy will return on Friday."
    doc = nlp(text)
    tense = doc_tense(doc)
    assert tense(*span_of(text, "Monday")) == "past"
    assert tense(*span_of(text, "Friday")) == "future"


def test_doc_tense_falls_back_to_surface_cues_building_the_text_once(nlp):
    doc = nlp("Flooding closed the valley road. Talks start next Friday.")
    builds = []

    class Counting:
        """The doc, counting how often its text is rebuilt."""

        def __getattr__(self, name):
            if name == "text":
                builds.append(1)
            return getattr(doc, name)

    from eventledger.temporal.tense import doc_tense

    tense = doc_tense(Counting())
    assert tense(45, 51) in {"future", "present", None}  # "Friday": whatever the parse says
    for _ in range(3):
        tense(10_000, 10_001)  # outside the doc: no span, surface cues of the text
    assert len(builds) == 1
