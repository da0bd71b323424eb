"""Registry reads: the tree as of a date, groups, and name resolution."""

from datetime import date

from cchc.org import selectors
from cchc.org.models import Agency


def codes(qs):
    return {a.code for a in qs}


def test_as_of_returns_the_agencies_that_existed_that_day(registry):
    before = codes(Agency.objects.as_of(date(2024, 12, 31)))
    after = codes(Agency.objects.as_of(date(2025, 7, 1)))
    assert {"TN.H164", "TN.H167", "BK.UBND", "BK.H058", "TN.STTTT"} <= before
    assert not {"TN.H164", "TN.H167", "BK.UBND", "BK.H058", "TN.STTTT"} & after
    assert "TN.X05443" in after and "TN.X05443" not in before


def test_valid_to_is_the_last_day_inclusive(registry):
    assert "TN.STTTT" in codes(Agency.objects.as_of(date(2025, 2, 28)))
    assert "TN.STTTT" not in codes(Agency.objects.as_of(date(2025, 3, 1)))


def test_the_tree_nests_communes_under_their_district_in_2020(registry):
    tree = selectors.agency_tree(as_of=date(2020, 1, 1), root="TN.UBND")
    district = next(n for n in tree[0]["children"] if n["code"] == "TN.H164")
    assert [c["code"] for c in district["children"]] == ["TN.H164.TAN-CUONG"]


def test_a_group_resolves_to_the_home_province_members_of_that_day(registry):
    group = selectors.group_get(code="UBND_CAP_HUYEN")
    members_2020 = {a.code for a in selectors.group_members(group=group, as_of=date(2020, 1, 1))}
    assert members_2020 == {"TN.H164", "TN.H167"}  # Bắc Kạn's districts are not Thái Nguyên's
    assert selectors.group_members(group=group, as_of=date(2025, 7, 1)) == []


def test_departments_group_changes_with_mergers(registry):
    group = selectors.group_get(code="SO_BAN_NGANH")
    in_2020 = {a.code for a in selectors.group_members(group=group, as_of=date(2020, 1, 1))}
    in_2026 = {a.code for a in selectors.group_members(group=group, as_of=date(2026, 1, 1))}
    assert "TN.STTTT" in in_2020 and "TN.STTTT" not in in_2026
    assert "BK.SNV" not in in_2020


def resolve(*names, day=date(2020, 1, 1)):
    return {r.text: r for r in selectors.resolve_names(names=list(names), as_of=day)}


def test_it_resolves_abbreviations_and_variants(registry):
    out = resolve("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "Sở TT&TT", "BQL các KCN", "so noi vu",
                  "Bảo hiểm xã hội tỉnh")
    assert out["VP UBND tỉnh"].agency.code == "TN.VPUB"
    assert out["Văn phòng Ủy ban nhân dân tỉnh"].agency.code == "TN.VPUB"
    assert out["Sở TT&TT"].agency.code == "TN.STTTT"
    assert out["BQL các KCN"].agency.code == "TN.BQLKCN"
    assert out["so noi vu"].agency.code == "TN.SNV"
    assert out["Bảo hiểm xã hội tỉnh"].agency.code == "VN.BHXH.TN"


def test_it_resolves_groups_without_the_comma(registry):
    out = resolve("Sở, Ban ngành", "UBND cấp huyện", "các Sở, Ban, ngành liên quan")
    assert out["Sở, Ban ngành"].kind == "group"
    assert out["Sở, Ban ngành"].group.code == "SO_BAN_NGANH"
    assert {m.code for m in out["UBND cấp huyện"].members} == {"TN.H164", "TN.H167"}
    assert out["các Sở, Ban, ngành liên quan"].group.code == "SO_BAN_NGANH"


def test_names_it_cannot_resolve_come_back_unresolved(registry):
    out = resolve("Sở Ngoại vụ", "Trung tâm Thông tin tỉnh")
    assert [r.kind for r in out.values()] == ["unresolved", "unresolved"]


def test_a_merged_department_does_not_resolve_after_its_end(registry):
    assert resolve("Sở TT&TT", day=date(2026, 1, 1))["Sở TT&TT"].kind == "unresolved"


def test_lineage_links_predecessors_and_successors(registry):
    lineage = selectors.agency_lineage(agency=registry["snv"])
    assert [a.code for _, a in lineage.predecessors] == ["BK.SNV"]
    lineage_bk = selectors.agency_lineage(agency=registry["bksnv"])
    assert [a.code for _, a in lineage_bk.successors] == ["TN.SNV"]


def test_accent_insensitive_search(registry):
    assert codes(selectors.agency_list(q="uy ban nhan dan huyen dinh hoa")) == {"TN.H167"}
    assert "TN.SNV" in codes(selectors.agency_list(q="SO NOI VU"))
