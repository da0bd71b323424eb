"""The name resolver's canonical forms: variants of one name meet, different names do not."""

import pytest

from cchc.org.naming import NameIndex, canonical, core

SAME = [
    ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Sở TT & TT", "sở thông tin và truyền thông"),
    ("BQL các KCN", "Ban Quản lý các Khu Công nghiệp"),
    ("Sở, Ban ngành", "Sở, Ban, ngành"),
    ("Các Sở, Ban, ngành liên quan", "sở ban ngành"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("SO NOI VU", "Sở Nội vụ"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Đài PT-TH tỉnh", "Đài Phát thanh - Truyền hình tỉnh"),
    ("UBND TP Thái Nguyên", "Ủy ban nhân dân thành phố Thái Nguyên"),
    ("Sở Nội vụ", "Sở Nội vụ\u00a0"),
]


@pytest.mark.parametrize(("variant", "name"), SAME)
def test_it_treats_variants_as_one_name(variant, name):
    assert core(variant, ["thai nguyen"]) == core(name, ["thai nguyen"])


def test_it_drops_the_home_province_suffix():
    assert core("Sở Nội vụ tỉnh Thái Nguyên", ["thai nguyen"]) == core("Sở Nội vụ", ["thai nguyen"])


def test_it_keeps_another_province_apart():
    assert core("Sở Nội vụ tỉnh Bắc Kạn", ["thai nguyen"]) != core("Sở Nội vụ", ["thai nguyen"])


def test_it_folds_nfd_text():
    nfd = "Sở Tư pháp".encode().decode()  # already NFC
    import unicodedata

    assert canonical(unicodedata.normalize("NFD", nfd)) == canonical(nfd)


def test_an_ambiguous_name_matches_nothing_and_lists_candidates():
    index = NameIndex()
    index.add("a", ["Phòng Tư pháp"])
    index.add("b", ["Phòng Tư pháp"])
    assert index.match("phong tu phap") is None
    assert index.candidates("phong tu phap") == {"a", "b"}


def test_an_unknown_name_matches_nothing():
    index = NameIndex()
    index.add("a", ["Sở Y tế"])
    assert index.match("Sở Giáo dục và Đào tạo") is None


def test_it_prefers_the_exact_spelling_when_accents_tell_two_names_apart():
    index = NameIndex()
    index.add("lang", ["Ủy ban nhân dân xã Văn Lang"])
    index.add("lăng", ["Ủy ban nhân dân xã Văn Lăng"])
    assert index.match("Ủy ban nhân dân xã Văn Lang") == "lang"
    assert index.match("UỶ BAN NHÂN DÂN XÃ VĂN LĂNG") == "lăng"
    assert index.match("uy ban nhan dan xa van lang") is None  # without accents it is ambiguous
