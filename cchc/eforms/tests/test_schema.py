"""The e-form schema format and the checking of typed values (pure)."""

import pytest

from cchc.common.errors import ValidationFailed
from cchc.eforms import schema


def test_an_empty_schema_gives_only_the_common_applicant_fields():
    form = schema.form_of({})
    assert form.names[:3] == ["applicant_name", "applicant_id_number", "applicant_phone"]
    assert all(f.common for f in form.fields)


def test_a_valid_schema_is_parsed_with_its_types_and_choices():
    parsed = schema.parse_schema({"version": 1, "fields": [
        {"name": "muc_dich", "label": "Mục đích", "type": "select", "required": True,
         "choices": ["Xin việc", {"value": "khac", "label": "Khác"}]},
        {"name": "ngay_sinh", "label": "Ngày sinh", "type": "date", "help": "Theo căn cước"}]})
    assert [f.name for f in parsed.fields] == ["muc_dich", "ngay_sinh"]
    assert [c.value for c in parsed.fields[0].choices] == ["Xin việc", "khac"]
    assert parsed.fields[1].help == "Theo căn cước" and not parsed.fields[1].required


@pytest.mark.parametrize("bad, fragment", [
    ({"fields": [{"name": "Ho Ten", "label": "x"}]}, "không hợp lệ"),
    ({"fields": [{"name": "a", "label": "x", "type": "colour"}]}, "không được hỗ trợ"),
    ({"fields": [{"name": "a", "label": "x", "type": "select"}]}, "choices"),
    ({"fields": [{"name": "a", "label": "x", "choices": ["1"]}]}, "chỉ trường lựa chọn"),
    ({"fields": [{"name": "a", "label": "x"}, {"name": "a", "label": "y"}]}, "hai lần"),
    ({"fields": [{"name": "applicant_name", "label": "x"}]}, "trường chung"),
    ({"fields": [{"name": "a"}]}, "thiếu nhãn"),
    ({"fields": [{"name": "a", "label": "x", "required": "yes"}]}, "required"),
    ({"fields": "abc"}, "danh sách"),
    ({"version": 2, "fields": []}, "phiên bản"),
])
def test_a_malformed_schema_is_refused_with_a_vietnamese_reason(bad, fragment):
    with pytest.raises(ValidationFailed) as exc:
        schema.parse_schema(bad)
    assert exc.value.code == "eform_schema_invalid"
    assert fragment in exc.value.message


def test_required_fields_must_be_filled_and_values_well_formed():
    form = schema.form_of({"fields": [{"name": "ngay_sinh", "label": "Ngày sinh", "type": "date", "required": True}]})
    cleaned, errors = schema.clean_data(form, {"applicant_name": "An", "applicant_id_number": "12345",
                                               "applicant_phone": "0912345678", "applicant_email": "khong-phai-email"})
    assert set(errors) == {"applicant_id_number", "applicant_email", "ngay_sinh"}
    assert "Chưa nhập “Ngày sinh”" in errors["ngay_sinh"]
    assert cleaned["applicant_phone"] == "0912345678"


def test_values_are_normalised():
    form = schema.form_of({"fields": [{"name": "d", "label": "D", "type": "date"},
                                      {"name": "n", "label": "N", "type": "number"}]})
    cleaned = schema.require_valid(form, {"applicant_name": " An ", "applicant_id_number": "0192 0100 0123",
                                          "applicant_phone": "091.234.5678", "d": "05/01/2025", "n": "2,50"})
    assert cleaned == {"applicant_name": "An", "applicant_id_number": "019201000123",
                       "applicant_phone": "0912345678", "d": "2025-01-05", "n": "2.5"}


def test_a_partial_save_tolerates_missing_but_not_malformed_values():
    form = schema.form_of({})
    _, errors = schema.clean_data(form, {"applicant_phone": "abc"}, partial=True)
    assert list(errors) == ["applicant_phone"]


def test_a_select_accepts_only_its_choices():
    form = schema.form_of({"fields": [{"name": "m", "label": "Mục đích", "type": "select", "choices": ["A", "B"]}]})
    _, errors = schema.clean_data(form, {"m": "C"}, partial=True)
    assert "trong danh sách" in errors["m"]
