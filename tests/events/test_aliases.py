"""A party named once and then by the ruling description the report gave it in apposition."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

_INTRO = "An envoy said on Monday that the Sahel Unity Front, {desc}, had expelled him from the country. "


def test_a_later_phrase_with_the_descriptions_qualifiers_is_the_named_party(events_of):
    text = _INTRO.format(desc="Mali's de facto rulers") + "De facto Malian authorities have barred girls from school."
    barred = next(e for e in events_of(text) if e.trigger.text == "barred")
    assert barred.actors[0].normalised == "front"


@pytest.mark.parametrize(
    ("desc", "later"),
    [
        ("Mali's de facto rulers", "Malian authorities"),  # the later phrase lacks the qualifiers
        ("Mali's rulers", "Malian authorities"),  # a description without qualifiers makes no alias
        ("Mali's de facto rulers", "De facto Chadian authorities"),  # another country's
    ],
)
def test_a_phrase_that_is_not_the_description_keeps_its_own_key(events_of, desc, later):
    text = _INTRO.format(desc=desc) + later + " have barred girls from school."
    barred = next(e for e in events_of(text) if e.trigger.text == "barred")
    assert barred.actors[0].normalised == "authority"
