"""The demo catalogue's e-forms follow the e-form format."""

import pytest

from cchc.eforms import schema
from cchc.procedures.demo_data import DEFAULT_EFORM, EFORMS


@pytest.mark.parametrize("code", [*EFORMS, "default"])
def test_each_demo_eform_is_a_valid_schema(code):
    parsed = schema.parse_schema(EFORMS.get(code, DEFAULT_EFORM))
    assert parsed.fields and parsed.get("hinh_thuc_nhan").type == "select"
