"""Vietnamese text helpers."""

import unicodedata

import pytest

from cchc.common.text import clean, fold, tone_style


@pytest.mark.parametrize(("new", "old"), [("Hoà Bình", "Hòa Bình"), ("Thuỷ", "Thủy"), ("UỶ BAN", "ỦY BAN"),
                                          ("khoẻ", "khỏe")])
def test_it_puts_the_tone_of_open_oa_oe_uy_on_the_first_vowel(new, old):
    assert tone_style(new) == old


@pytest.mark.parametrize("word", ["hoàn thành", "Quyết", "chuyển", "toàn", "khuyến"])
def test_it_leaves_closed_syllables_alone(word):
    assert tone_style(word) == word


def test_fold_strips_accents_and_d():
    assert fold("Đồng Hỷ  ") == "dong hy"


def test_clean_normalises_to_nfc_and_collapses_spaces():
    assert clean(unicodedata.normalize("NFD", " Sở\u00a0 Nội vụ ")) == "Sở Nội vụ"
