import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.geo.names import fold, name_key, skeleton
from eventledger.geo.policy import schemes


def korean_key(name):
    return skeleton(name, schemes()["korean"])


def test_fold_keeps_length_and_strips_marks():
    text = "Hoeryŏng’s Sinŭiju"
    assert len(fold(text)) == len(text)
    assert fold(text) == "hoeryong's sinuiju"


def test_name_key_collapses_whitespace():
    assert name_key("  North   Hamgyong ") == "north hamgyong"


def test_korean_key_merges_mccune_reischauer_and_revised_romanization():
    assert korean_key("Hoeryŏng") == korean_key("Hoeryeong") == korean_key("Hoeryong")
    assert korean_key("Ch'ŏngjin") == korean_key("Cheongjin") == korean_key("Chongjin")
    assert korean_key("Ryanggang") == korean_key("Yanggang")
    assert korean_key("Hamgyŏng-bukto") == korean_key("Hamgyeongbuk-do")


def test_korean_key_drops_administrative_suffixes():
    assert korean_key("Musan-gun") == korean_key("Musan")
    assert korean_key("Hyesan-si") == korean_key("Hyesan")


def test_korean_key_keeps_different_names_apart():
    assert korean_key("Wonsan") != korean_key("Onsong")


@given(st.text())
def test_fold_never_raises_and_keeps_offsets(text):
    assert len(fold(text)) == len(text)


@given(st.text())
def test_every_scheme_never_raises(text):
    for scheme in schemes().values():
        assert isinstance(skeleton(text, scheme), str)


@pytest.mark.parametrize(
    ("ukrainian", "russian"),
    [("Kharkiv", "Kharkov"), ("Rivne", "Rovno"), ("Vuhledar", "Ugledar")],
)
def test_ukrainian_and_russian_forms_share_a_cyrillic_skeleton(ukrainian, russian):
    rules = schemes()["cyrillic"]
    assert skeleton(ukrainian, rules) == skeleton(russian, rules)


def test_the_french_african_u_after_g_is_kept_before_a_consonant():
    rules = schemes()["french_african"]
    assert skeleton("Ségou", rules) == skeleton("Segu", rules) != skeleton("Sega", rules)
