"""Certificate names of the test CA fit X.509's 64-byte limit even for long Vietnamese agency names."""

from cchc.results.testca import _fit, _name


def test_a_long_vietnamese_name_is_cut_to_64_bytes_on_a_character_boundary():
    name = "Ủy ban nhân dân phường Phan Đình Phùng, tỉnh Thái Nguyên — Bộ phận Một cửa"
    cut = _fit(name)
    assert len(cut.encode()) <= 64 and name.startswith(cut)
    assert _name(name, name)  # accepted by cryptography
