from __future__ import annotations

import re
from re import _constants as _c  # type: ignore[attr-defined]

from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.events import _quantities
from eventledger.regex_trie import _compiled, compile_cased, compile_factored, factored_tree
from eventledger.regex_words import haystack
from eventledger.temporal.patterns import compiled_patterns

# Invented sentences with numbers, units, dates and money, and a few odd characters.
TEXTS = [
    "Seventeen soldiers and seventy-two civilians were killed 40 km north of the town on Tuesday.",
    "About two hundred and fifty people marched for six days; police arrested at least 12 of them.",
    "The ministry paid US$4.5 million and 300,000 euros in March 2019, three years ago.",
    "Between 10 and 15 rockets hit the base twice a week during the past three months.",
    "SEPT. 3 -- Rebels fired two missiles from 5 to 8 miles away; one hundred families fled.",
    "In the 1990s, a decade earlier, the fiscal year 2004-05 saw 3 quarters of growth.",
    "ſeven ſoldiers in İzmir, a KELVIN-scale (K) note, and Ünïcödé text with ten guards.",
    "Nothing happened here.",
    "",
]


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


def test_words_are_grouped_by_their_first_letter() -> None:
    tree = factored_tree(r"(?:seventeen|seven|six|ten|two)")
    (op, av), *rest = tree.data
    assert not rest and op is _c.BRANCH
    assert len(av[1]) == 2  # "s..." and "t..."


def test_grouping_follows_case_folding_under_ignorecase() -> None:
    (op, av), *_ = factored_tree(r"(?:Six|seven|SIX)", re.IGNORECASE).data
    assert op is _c.LITERAL and chr(av).lower() == "s"  # one group: no branch at the top


def test_case_sensitive_words_stay_apart() -> None:
    (op, av), *_ = factored_tree(r"(?-i:May|MAY|may)", re.IGNORECASE).data
    assert op is _c.SUBPATTERN
    (inner_op, inner_av), *_ = av[3].data
    assert inner_op is _c.BRANCH and len(inner_av[1]) == 2  # "M..." and "m..."


def test_the_source_text_is_kept() -> None:
    rx = compile_factored(r"\b(?:one|two)\b", re.I)
    assert rx.pattern == r"\b(?:one|two)\b" and rx.flags & re.I


def test_earlier_branches_still_win_among_shared_prefixes() -> None:
    for source in (r"(?:a|ab|abc)", r"(?:abc|ab|a)", r"(?:ab|x|a|abc)c?", r"(?P<w>seven|seventeen)(?P<t>teen)?"):
        rx, fx = re.compile(source), _compiled(source, 0)
        for text in ("abc abcc ab a x", "seventeen seven seventeenteen"):
            assert _matches(fx, text) == _matches(rx, text), source


def test_conditionals_lookarounds_and_named_groups() -> None:
    source = (
        r"(?<![a-z])(?:(?P<bw>between)\s)?(?P<a>\d+|ten|two)"
        r"(?:\s(?(bw)and|(?:to|or))\s(?P<b>\d+|ten|two))?(?=\s(?:km|kg))"
    )
    rx, fx = re.compile(source, re.I), _compiled(source, re.I)
    assert fx.groupindex == rx.groupindex
    for text in ("between two and 10 km", "Two to ten kg", "ten or 3 KM, between 4 to 5 km"):
        assert _matches(fx, text) == _matches(rx, text)


def test_time_and_quantity_patterns_match_as_before() -> None:
    patterns = [p.regex for p in compiled_patterns()] + [
        _quantities._MONEY,
        _quantities._DIST,
        _quantities._WEAPONS,
        _quantities._count_pattern(),
        *_quantities._bare_patterns(),
    ]
    for rx in patterns:
        plain, factored = re.compile(rx.pattern, rx.flags), _compiled(rx.pattern, rx.flags)
        for text in TEXTS:
            assert _matches(rx, text) == _matches(plain, text) == _matches(factored, text), rx.pattern[:60]


def test_cased_patterns_match_as_before_on_texts_haystack_accepts() -> None:
    patterns = [p.regex for p in compiled_patterns()] + [_quantities._count_pattern(), *_quantities._bare_patterns()]
    cased = [compile_cased(rx.pattern, rx.flags) for rx in patterns]
    assert all(c is not None and not c.flags & re.IGNORECASE for c in cased)
    for rx, fast in zip(patterns, cased, strict=True):
        assert fast is not None
        plain = re.compile(rx.pattern, rx.flags)
        for text in TEXTS:
            if haystack(text) is not None:
                assert _matches(fast, text) == _matches(plain, text), rx.pattern[:60]


def test_no_cased_pattern_where_folding_is_not_ascii() -> None:
    assert compile_cased(r"caf\u00e9", re.I) is None  # "é" and "É": not the ASCII case pair
    assert compile_cased(r"(a)\1", re.I) is None  # a back-reference compares case-insensitively
    assert compile_cased(r"abc", 0) is None  # nothing to replace
    assert compile_cased(r"x[\u00e9]", 0 | re.I) is None
    assert compile_cased(r"5\u2013\u20ac", re.I) is not None  # a dash and the euro sign have no case
    assert _matches(compile_cased(r"(?-i:\u00c9t\u00e9)|ab", re.I), "\u00c9t\u00e9 AB") == [((0, 3), ()), ((4, 6), ())]


_WORD = st.text(alphabet="abAB.", min_size=0, max_size=4)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(_WORD, min_size=1, max_size=6),
    tail=st.sampled_from(["", "b?", r"\.", "(?=a)", "a*?b"]),
    ignorecase=st.booleans(),
    text=st.text(alphabet="abAB. ", max_size=30),
)
def test_any_alternation_matches_as_before(words: list[str], tail: str, ignorecase: bool, text: str) -> None:
    source = "(?:" + "|".join(re.escape(w) for w in words) + ")" + tail
    flags = re.IGNORECASE if ignorecase else 0
    assert _matches(_compiled(source, flags), text) == _matches(re.compile(source, flags), text)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.text(alphabet="aBkS-é", min_size=1, max_size=3), min_size=1, max_size=5),
    tail=st.sampled_from(["", "[a-c]", "[^A-B]+", r"\b", "(?-i:aB)", "(?=k)"]),
    text=st.text(alphabet="abAkKsSſ\u212aé -", max_size=25),
)
def test_any_cased_alternation_matches_as_before(words: list[str], tail: str, text: str) -> None:
    source = "(?:" + "|".join(re.escape(w) for w in words) + ")" + tail
    cased = compile_cased(source, re.IGNORECASE)
    if any(not w.isascii() for w in words):
        assert cased is None
    elif haystack(text) is not None:
        assert cased is not None
        assert _matches(cased, text) == _matches(re.compile(source, re.IGNORECASE), text)
