"""Invariants of the registry's demo data, ``cchc/org/demo/thai_nguyen.json``.

Pure: reads the JSON (and the CSV it was built from) with the standard library; no Django, no database.
Run alone with ``python -m pytest -p no:django cchc/org/tests/test_demo_data.py -q``.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parent.parent / "demo"
JSON_PATH = DEMO / "thai_nguyen.json"
CSV_PATH = DEMO / "thai-nguyen-communes-2025.csv"
BUILD_PATH = DEMO / "build_thai_nguyen.py"

DATA = json.loads(JSON_PATH.read_text(encoding="utf-8"))
AGENCIES = DATA["agencies"]
EVENTS = DATA["reorganisations"]
GROUPS = DATA["groups"]
BY_CODE = {a["code"]: a for a in AGENCIES}
HOME = DATA["meta"]["home_agency"]

SEED_DATE = date(2019, 12, 27)  # QĐ 4203/QĐ-UBND
PLACEHOLDER_FROM = "2019-01-01"
MERGER = date(2025, 7, 1)
LAST_OLD_DAY = date(2025, 6, 30)

AGENCY_KEYS = {"code", "name", "short_name", "aliases", "type", "parent", "valid_from", "valid_to",
               "illustrative", "confidence", "source", "gso_code"}
AGENCY_OPTIONAL = {"illustrative_fields", "note"}
EVENT_KEYS = {"kind", "effective_date", "predecessors", "successors", "legal_basis", "note", "illustrative",
              "confidence"}
GROUP_KEYS = {"code", "name", "aliases", "member_types"}
GROUP_OPTIONAL = {"member_codes"}
TYPES = {"ubnd_tinh", "so", "ban", "nganh", "nganh_doc", "bao_chi", "ubnd_huyen", "ubnd_xa", "ttpvhcc", "mot_cua",
         "trung_uong", "dang_doan_the", "su_nghiep", "khac"}
KINDS = {"merge", "split", "rename", "abolish", "establish"}
CONFIDENCES = {"V", "S", "P", "U"}
ILLUSTRATIVE_FIELDS = {"record", "valid_from", "valid_to", "parent"}


def d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def valid_on(agency: dict, day: date) -> bool:
    end = d(agency["valid_to"])
    return d(agency["valid_from"]) <= day and (end is None or end >= day)


def as_of(day: date) -> list[dict]:
    return [a for a in AGENCIES if valid_on(a, day)]


def ancestors(code: str) -> list[str]:
    out, parent = [], BY_CODE[code]["parent"]
    while parent:
        out.append(parent)
        parent = BY_CODE[parent]["parent"]
    return out


def under(code: str, root: str) -> bool:
    return root in ancestors(code)


def labels(agency: dict) -> list[str]:
    return [agency["name"], agency["short_name"], *agency["aliases"]]


def fold(text: str) -> str:
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", s).strip().casefold()


def members(group: dict, day: date) -> set[str]:
    """The application's rule: member types, valid on the day, under the home UBND (+ member_codes)."""
    out = {a["code"] for a in as_of(day) if a["type"] in group["member_types"]
           and (a["code"] == HOME or under(a["code"], HOME))}
    out |= {c for c in group.get("member_codes", []) if valid_on(BY_CODE[c], day)}
    return out


# --------------------------------------------------------------------------------------------- shape

def test_top_level_shape():
    assert set(DATA) == {"meta", "agencies", "reorganisations", "groups"}
    assert set(DATA["meta"]) == {"province", "home_agency", "sources", "note"}
    assert DATA["meta"]["province"] == "Thái Nguyên"
    assert BY_CODE[HOME]["type"] == "ubnd_tinh" and BY_CODE[HOME]["name"] == "Ủy ban nhân dân tỉnh Thái Nguyên"


@pytest.mark.parametrize("agency", AGENCIES, ids=lambda a: a["code"])
def test_agency_fields(agency):
    assert AGENCY_KEYS <= set(agency) <= AGENCY_KEYS | AGENCY_OPTIONAL
    assert agency["type"] in TYPES
    assert agency["confidence"] in CONFIDENCES
    assert isinstance(agency["illustrative"], bool)
    assert agency["name"] and agency["short_name"] and agency["source"]
    assert isinstance(agency["aliases"], list) and len(set(agency["aliases"])) == len(agency["aliases"])
    for text in labels(agency):
        assert text == unicodedata.normalize("NFC", text) == text.strip(), text
    assert agency["gso_code"] is None or re.fullmatch(r"\d{3}|\d{5}", agency["gso_code"])
    # Column sizes of the registry's model (cchc.org.models.Agency, AgencyAlias).
    assert len(agency["code"]) <= 64 and len(agency["name"]) <= 255 and len(agency["short_name"]) <= 120
    assert all(len(t) <= 255 for t in agency["aliases"])
    d(agency["valid_from"]), d(agency["valid_to"])  # ISO dates


def test_codes_unique_and_readable():
    codes = [a["code"] for a in AGENCIES]
    assert len(codes) == len(set(codes))
    for a in AGENCIES:
        assert re.fullmatch(r"(TN|BK|TW)\.[A-Za-z0-9.-]+", a["code"]), a["code"]
    for a in AGENCIES:
        if a["type"] == "ubnd_huyen":
            assert re.fullmatch(r"(TN|BK)\.H\d{3}(TX)?", a["code"]) and a["gso_code"] == a["code"][4:7]
        if a["type"] == "ubnd_xa" and a["valid_from"] >= "2025-07-01":
            assert a["code"] == f"TN.X{a['gso_code']}"
        if a["type"] == "ubnd_xa" and a["valid_to"] == "2025-06-30":
            assert re.fullmatch(r"(TN|BK)\.H\d{3}\.[a-z0-9-]+", a["code"])
            assert a["code"].startswith(a["parent"] + ".")


# --------------------------------------------------------------------------------------------- validity

def test_valid_from_not_after_valid_to():
    for a in AGENCIES:
        if a["valid_to"]:
            assert d(a["valid_from"]) <= d(a["valid_to"]), a["code"]


def test_parents_exist_and_cover_children():
    for a in AGENCIES:
        if a["parent"] is None:
            continue
        parent = BY_CODE.get(a["parent"])
        assert parent is not None, f"{a['code']}: unknown parent {a['parent']}"
        assert d(parent["valid_from"]) <= d(a["valid_from"]), a["code"]
        if parent["valid_to"]:
            assert a["valid_to"] and d(a["valid_to"]) <= d(parent["valid_to"]), a["code"]
    for a in AGENCIES:  # no cycles
        assert a["code"] not in ancestors(a["code"])


# --------------------------------------------------------------------------------------------- reorganisations

@pytest.mark.parametrize("event", EVENTS, ids=lambda e: f"{e['kind']}-{e['effective_date']}-{'+'.join(e['predecessors'])}")
def test_reorganisation_consistent(event):
    assert set(event) == EVENT_KEYS
    assert event["kind"] in KINDS and event["confidence"] in CONFIDENCES
    assert event["legal_basis"] and event["note"] and len(event["legal_basis"]) <= 255
    day = d(event["effective_date"])
    survivors = set(event["predecessors"]) & set(event["successors"])
    for code in event["predecessors"] + event["successors"]:
        assert code in BY_CODE, code
    for code in event["predecessors"]:
        a = BY_CODE[code]
        if code in survivors:
            assert valid_on(a, day - timedelta(days=1)) and valid_on(a, day), code
        else:
            assert d(a["valid_to"]) == day - timedelta(days=1), code
    for code in event["successors"]:
        a = BY_CODE[code]
        assert valid_on(a, day), code
        if code not in survivors:
            assert d(a["valid_from"]) == day, code
    if event["kind"] == "abolish":
        assert not event["successors"]
    elif event["kind"] == "establish":
        assert not event["predecessors"] and event["successors"]
    else:
        assert event["predecessors"] and event["successors"]
    if event["kind"] == "split":
        assert len(event["predecessors"]) == 1 and len(event["successors"]) >= 2


def test_reorganisations_sorted_and_without_duplicate_links():
    dates = [e["effective_date"] for e in EVENTS]
    assert dates == sorted(dates)
    links = Counter((e["effective_date"], p, s) for e in EVENTS for p in e["predecessors"] for s in e["successors"])
    assert not [k for k, n in links.items() if n > 1]
    # The demo loader skips an event already present by (kind, date, predecessors): keep that key unique.
    keys = Counter((e["kind"], e["effective_date"], tuple(sorted(e["predecessors"]))) for e in EVENTS)
    assert not [k for k, n in keys.items() if n > 1]


def test_no_agency_ends_without_an_event():
    ended = {}
    for e in EVENTS:
        for p in e["predecessors"]:
            if p not in e["successors"]:
                ended.setdefault(p, []).append(e["effective_date"])
    for a in AGENCIES:
        if a["valid_to"]:
            next_day = (d(a["valid_to"]) + timedelta(days=1)).isoformat()
            assert ended.get(a["code"]) and set(ended[a["code"]]) == {next_day}, a["code"]
        else:
            assert a["code"] not in ended, a["code"]


# --------------------------------------------------------------------------------------------- snapshots

def districts(day: date, province: str) -> list[dict]:
    return [a for a in as_of(day) if a["type"] == "ubnd_huyen" and under(a["code"], f"{province}.UBND")]


def test_2019_seed_date():
    assert len(districts(SEED_DATE, "TN")) == 9
    assert "TN.H172TX" in {a["code"] for a in districts(SEED_DATE, "TN")}  # thị xã Phổ Yên in 2019
    assert BY_CODE["TN.H172TX"]["name"] == "Ủy ban nhân dân thị xã Phổ Yên"
    assert len(districts(SEED_DATE, "BK")) == 8


def test_2024_12_31():
    day = date(2024, 12, 31)
    tn, bk = districts(day, "TN"), districts(day, "BK")
    assert len(tn) == 9 and len(bk) == 8
    assert sorted(a["gso_code"] for a in tn) == ["164", "165", "167", "168", "169", "170", "171", "172", "173"]
    assert sorted(a["gso_code"] for a in bk) == ["058", "060", "061", "062", "063", "064", "065", "066"]
    assert valid_on(BY_CODE["BK.UBND"], day) and BY_CODE["BK.UBND"]["name"] == "Ủy ban nhân dân tỉnh Bắc Kạn"
    communes = [a for a in as_of(day) if a["type"] == "ubnd_xa"]
    assert sum(under(a["code"], "TN.UBND") for a in communes) == 172  # NQ 1240/NQ-UBTVQH15
    assert sum(under(a["code"], "BK.UBND") for a in communes) == 108


def test_2025_07_01():
    now = as_of(MERGER)
    assert not [a for a in now if a["type"] == "ubnd_huyen"]
    assert not [a for a in now if a["code"].startswith("BK.")]
    assert [a["code"] for a in now if a["type"] == "ubnd_tinh"] == ["TN.UBND"]
    communes = [a for a in now if a["type"] == "ubnd_xa"]
    assert len(communes) == 92 and all(a["parent"] == HOME for a in communes)
    kinds = Counter(a["name"].split()[4] for a in communes)  # "Ủy ban nhân dân xã|phường ..."
    assert kinds == {"xã": 77, "phường": 15}
    assert all(a["confidence"] == "V" and not a["illustrative"] and a["gso_code"] for a in communes)


def test_w1_department_mergers():
    before, after = date(2025, 2, 28), date(2025, 3, 1)
    assert valid_on(BY_CODE["TN.SKHDT"], before) and not valid_on(BY_CODE["TN.SKHDT"], after)
    assert valid_on(BY_CODE["TN.STC"], before) and valid_on(BY_CODE["TN.STC"], after)
    assert BY_CODE["TN.SNNMT"]["valid_from"] == "2025-03-01"
    assert BY_CODE["TN.SDTTG"]["valid_from"] == "2025-03-01" and BY_CODE["TN.BDT"]["valid_to"] == "2025-02-28"
    w1 = {tuple(sorted(e["predecessors"])): e for e in EVENTS if e["effective_date"] == "2025-03-01"}
    assert w1[("TN.SKHDT", "TN.STC")]["successors"] == ["TN.STC"]
    assert w1[("TN.SNNPTNT", "TN.STNMT")]["successors"] == ["TN.SNNMT"]
    assert w1[("TN.BDT",)]["successors"] == ["TN.SDTTG"]
    assert all(e["illustrative"] for e in w1.values())


def test_provincial_merger_and_bac_kan_departments():
    merge = [e for e in EVENTS if e["effective_date"] == "2025-07-01" and "BK.UBND" in e["predecessors"]]
    assert len(merge) == 1 and merge[0]["successors"] == ["TN.UBND"] and merge[0]["kind"] == "merge"
    assert "NQ 202/2025/QH15" in merge[0]["legal_basis"]
    successors_of = defaultdict(set)
    for e in EVENTS:
        for p in e["predecessors"]:
            successors_of[p] |= set(e["successors"]) - {p}
    for a in as_of(LAST_OLD_DAY):
        if a["parent"] == "BK.UBND" and a["type"] in {"so", "ban", "nganh"}:
            assert a["name"].endswith("tỉnh Bắc Kạn"), a["name"]
            targets = successors_of[a["code"]]
            assert targets and all(t.startswith("TN.") and valid_on(BY_CODE[t], MERGER) for t in targets), a["code"]


def test_districts_abolished_on_2025_07_01():
    abolished = {p for e in EVENTS if e["kind"] == "abolish" and e["effective_date"] == "2025-07-01"
                 for p in e["predecessors"]}
    current = {a["code"] for a in as_of(LAST_OLD_DAY) if a["type"] == "ubnd_huyen"}
    assert len(current) == 17 and current <= abolished


def test_pho_yen_rename():
    (event,) = [e for e in EVENTS if e["predecessors"] == ["TN.H172TX"]]
    assert event["kind"] == "rename" and event["successors"] == ["TN.H172"]
    assert event["effective_date"] == "2022-04-10"


# --------------------------------------------------------------------------------------------- communes vs CSV

PRED_RE = re.compile(r"^(xã|phường|thị trấn) (.+?) \((.+?), tỉnh (Thái Nguyên|Bắc Kạn)\)(?: \[(một phần|phần còn lại)\])?$")


def csv_rows() -> list[dict]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def old_commune(p_type: str, p_name: str, p_district: str, p_province: str) -> list[dict]:
    return [
        a for a in AGENCIES
        if a["type"] == "ubnd_xa" and a["name"] == f"Ủy ban nhân dân {p_type} {p_name}" and a["parent"]
        and BY_CODE[a["parent"]]["name"] == f"Ủy ban nhân dân {p_district}"
        and BY_CODE[a["parent"]]["parent"] == ("TN.UBND" if p_province == "Thái Nguyên" else "BK.UBND")
    ]


def test_every_csv_predecessor_is_exactly_one_old_commune():
    rows = csv_rows()
    assert len(rows) == 92
    seen = set()
    for row in rows:
        for text in row["predecessor_units"].split("; "):
            m = PRED_RE.match(text)
            assert m, text
            found = old_commune(*m.groups()[:4])
            assert len(found) == 1, text
            assert found[0]["valid_to"] == "2025-06-30"
            seen.add(found[0]["code"])
    old = {a["code"] for a in AGENCIES if a["type"] == "ubnd_xa" and a["valid_to"] == "2025-06-30"}
    assert len(seen) == 280 and seen == old


def test_new_communes_have_exactly_the_csv_predecessors():
    preds_of = defaultdict(set)
    kinds_of = defaultdict(set)
    for e in EVENTS:
        if e["effective_date"] == "2025-07-01":
            for s in e["successors"]:
                preds_of[s] |= set(e["predecessors"])
                kinds_of[s].add(e["kind"])
    for row in csv_rows():
        name = f"Ủy ban nhân dân {row['new_unit_type']} {row['new_unit_name']}"
        (new,) = [a for a in as_of(MERGER) if a["type"] == "ubnd_xa" and a["name"] == name]
        expected = set()
        for text in row["predecessor_units"].split("; "):
            expected.add(old_commune(*PRED_RE.match(text).groups()[:4])[0]["code"])
        assert preds_of[new["code"]] == expected, name
        assert all("NQ 1683/NQ-UBTVQH15" in e["legal_basis"] for e in EVENTS if new["code"] in e["successors"])
        if "không thực hiện sắp xếp" in row["source"]:
            assert kinds_of[new["code"]] == {"rename"}, name
        else:
            assert "merge" in kinds_of[new["code"]], name


def test_split_communes_feed_two_new_units():
    splits = [e for e in EVENTS if e["kind"] == "split"]
    assert sorted(e["predecessors"][0] for e in splits) == ["TN.H164.cam-gia", "TN.H164.gia-sang",
                                                            "TN.H173.thuong-dinh"]
    for e in splits:
        assert len(e["successors"]) == 2
    succ_count = Counter(p for e in EVENTS if e["effective_date"] == "2025-07-01" for p in e["predecessors"]
                         for _ in e["successors"])
    assert succ_count["TN.H164.gia-sang"] == 2


def test_old_communes_per_district():
    expected = {"TN.H164": 32, "TN.H165": 10, "TN.H172": 18, "TN.H167": 22, "TN.H168": 14, "TN.H169": 14,
                "TN.H170": 15, "TN.H171": 27, "TN.H173": 20, "BK.H058": 8, "BK.H060": 10, "BK.H061": 15,
                "BK.H062": 10, "BK.H063": 14, "BK.H064": 20, "BK.H065": 14, "BK.H066": 17}
    got = Counter(a["parent"] for a in as_of(LAST_OLD_DAY) if a["type"] == "ubnd_xa")
    assert dict(got) == expected


# --------------------------------------------------------------------------------------------- names

# Every agency the seed names (QĐ 4203/QĐ-UBND, 2019), as written there → the code it must reach.
SEED_AGENCY_NAMES = [
    ("Ủy ban nhân dân tỉnh Thái Nguyên", "TN.UBND"), ("UBND tỉnh", "TN.UBND"), ("UBND tỉnh Thái Nguyên", "TN.UBND"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "TN.VPUB"), ("Văn phòng UBND tỉnh", "TN.VPUB"), ("VP UBND tỉnh", "TN.VPUB"),
    ("Sở Nội vụ", "TN.SNV"), ("Sở Tư pháp", "TN.STP"), ("Sở Tài chính", "TN.STC"),
    ("Sở Thông tin và Truyền thông", "TN.STTTT"), ("Sở Khoa học và Công nghệ", "TN.SKHCN"),
    ("Sở Kế hoạch và Đầu tư", "TN.SKHDT"), ("Sở Xây dựng", "TN.SXD"), ("Sở Tài nguyên và Môi trường", "TN.STNMT"),
    ("Sở Giao thông Vận tải", "TN.SGTVT"), ("Sở Y tế", "TN.SYT"), ("Sở Giáo dục và Đào tạo", "TN.SGDDT"),
    ("Sở Công Thương", "TN.SCT"), ("Ban Quản lý các Khu Công nghiệp", "TN.BQLKCN"),
    ("Báo Thái Nguyên", "TN.BAO"), ("Đài Phát thanh - Truyền hình tỉnh", "TN.DAI"),
    ("Trung tâm Thông tin tỉnh", "TN.TTTIN"), ("Trung tâm thông tin tỉnh", "TN.TTTIN"),
    ("Trung tâm Thông tin", "TN.TTTIN"),
    ("Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên", "TN.TTPVHCC"),
    ("Trung tâm Phục vụ hành chính công", "TN.TTPVHCC"), ("Trung tâm Phục vụ Hành chính công của tỉnh", "TN.TTPVHCC"),
    ("Trung tâm phục vụ hành chính công", "TN.TTPVHCC"),
    ("Bảo hiểm xã hội tỉnh", "TN.BHXH"),
    ("Văn phòng Chính phủ", "TW.VPCP"), ("Bộ Nội vụ", "TW.BNV"), ("Bộ Thông tin và Truyền thông", "TW.BTTTT"),
    ("Thủ tướng Chính phủ", "TW.TTG"), ("Chính phủ", "TW.CP"),
    ("TT. Tỉnh ủy", "TN.TU"), ("TT. HĐND tỉnh", "TN.HDND"), ("HĐND tỉnh", "TN.HDND"), ("TT. UBMTTQ tỉnh", "TN.MTTQ"),
]
@pytest.mark.parametrize(("text", "code"), SEED_AGENCY_NAMES)
def test_seed_agency_names_match_exactly(text, code):
    found = {a["code"] for a in as_of(SEED_DATE) if text in labels(a)}
    assert found == {code}


# Collective nouns of the seed → group code.
SEED_GROUP_NAMES = [
    ("Các Sở, Ban, ngành", "SO_BAN_NGANH"), ("các Sở, Ban, ngành", "SO_BAN_NGANH"),
    ("các Sở, Ban, ngành của tỉnh", "SO_BAN_NGANH"), ("Các Sở, Ban, ngành liên quan", "SO_BAN_NGANH"),
    ("các Sở, Ban, ngành liên quan", "SO_BAN_NGANH"), ("Các Sở, Ban ngành", "SO_BAN_NGANH"),
    ("UBND cấp huyện", "UBND_CAP_HUYEN"), ("UBND các huyện, thành phố, thị xã", "UBND_CAP_HUYEN"),
    ("UBND cấp xã", "UBND_CAP_XA"),
    ("các cơ quan, đơn vị, địa phương", "CQ_DV_DP"), ("Các cơ quan, đơn vị, địa phương", "CQ_DV_DP"),
    ("các đơn vị, địa phương", "CQ_DV_DP"),
    ("các cơ quan, đơn vị", "CQ_DV"), ("các cơ quan, đơn vị liên quan", "CQ_DV"),
    ("Các cơ quan thông tin và truyền thông", "CQ_TRUYEN_THONG"), ("Các cơ quan truyền thông", "CQ_TRUYEN_THONG"),
    ("các cơ quan truyền thông", "CQ_TRUYEN_THONG"), ("các cơ quan báo chí trên địa bàn tỉnh", "CQ_TRUYEN_THONG"),
    ("cơ quan thông tấn, báo chí", "CQ_TRUYEN_THONG"),
    ("UBND các cấp", "UBND_CAC_CAP"),
    ("cơ quan hành chính nhà nước", "CQ_HCNN"), ("các cơ quan hành chính nhà nước", "CQ_HCNN"),
    ("các cơ quan, đơn vị hành chính trên địa bàn tỉnh", "CQ_HCNN"),
    ("các đơn vị sự nghiệp công lập", "DV_SU_NGHIEP"),
]


@pytest.mark.parametrize(("text", "code"), SEED_GROUP_NAMES)
def test_seed_collective_nouns_match_a_group(text, code):
    found = {g["code"] for g in GROUPS if text == g["name"] or text in g["aliases"]}
    assert found == {code}


def test_groups_shape_and_unique_names():
    codes = [g["code"] for g in GROUPS]
    assert len(codes) == len(set(codes))
    group_labels = Counter()
    for g in GROUPS:
        assert GROUP_KEYS <= set(g) <= GROUP_KEYS | GROUP_OPTIONAL
        assert g["member_types"] and set(g["member_types"]) <= TYPES
        assert all(c in BY_CODE for c in g.get("member_codes", []))
        for text in {fold(t) for t in [g["name"], *g["aliases"]]}:
            group_labels[text] += 1
    assert not [t for t, n in group_labels.items() if n > 1]
    agency_labels = {fold(t) for a in AGENCIES for t in labels(a)}
    assert not set(group_labels) & agency_labels


# Two old wards of the same name in different districts (TP Thái Nguyên, TP Phổ Yên): the code and the
# parent tell them apart.
SHARED_OLD_NAMES = {"ủy ban nhân dân phường trung thành", "ubnd phường trung thành"}
# Different names that become equal once accents are dropped: xã Văn Lăng (Đồng Hỷ) and xã Văn Lang (Na Rì),
# as old communes and again as new ones. An accent-insensitive resolver must prefer the exact spelling.
FOLD_ONLY_CLASHES = {"uy ban nhan dan xa van lang", "ubnd xa van lang"}


@pytest.mark.parametrize("day", [SEED_DATE, date(2022, 4, 10), date(2024, 12, 31), date(2025, 3, 1), LAST_OLD_DAY,
                                 MERGER], ids=str)
def test_labels_unambiguous_on_a_day(day):
    exact, folded = defaultdict(set), defaultdict(set)
    for a in as_of(day):
        for text in labels(a):
            exact[text.casefold()].add(a["code"])
            folded[fold(text)].add(a["code"])
    assert {t for t, c in exact.items() if len(c) > 1} <= SHARED_OLD_NAMES
    allowed = {fold(t) for t in SHARED_OLD_NAMES} | FOLD_ONLY_CLASHES
    assert {t for t, c in folded.items() if len(c) > 1} <= allowed


def test_bac_kan_names_say_bac_kan():
    for a in AGENCIES:
        if a["code"].startswith("BK.") and a["type"] not in {"ubnd_xa", "ubnd_huyen", "mot_cua"}:
            for text in labels(a):
                assert "Bắc Kạn" in text, (a["code"], text)


# --------------------------------------------------------------------------------------------- groups

def test_group_membership_follows_the_home_province():
    group = {g["code"]: g for g in GROUPS}
    sbn_2019 = members(group["SO_BAN_NGANH"], SEED_DATE)
    assert {"TN.SNV", "TN.VPUB", "TN.BQLKCN", "TN.SKHDT", "TN.TTR"} <= sbn_2019
    assert len(sbn_2019) == 19 and all(c.startswith("TN.") for c in sbn_2019)
    sbn_2025 = members(group["SO_BAN_NGANH"], MERGER)
    assert "TN.SNNMT" in sbn_2025 and "TN.SKHDT" not in sbn_2025 and len(sbn_2025) == 14
    assert not any(c.startswith("BK.") for c in members(group["SO_BAN_NGANH"], date(2024, 12, 31)))
    assert len(members(group["UBND_CAP_HUYEN"], SEED_DATE)) == 9
    assert members(group["UBND_CAP_HUYEN"], MERGER) == set()
    assert len(members(group["UBND_CAP_XA"], date(2024, 12, 31))) == 172
    assert len(members(group["UBND_CAP_XA"], MERGER)) == 92
    assert {"TN.BAO", "TN.DAI", "TN.TTTIN"} <= members(group["CQ_TRUYEN_THONG"], SEED_DATE)
    assert "TN.BAOPTTH" in members(group["CQ_TRUYEN_THONG"], MERGER)


# --------------------------------------------------------------------------------------------- illustrative

def test_illustrative_facts_are_flagged():
    for a in AGENCIES:
        fields = a.get("illustrative_fields", [])
        assert set(fields) <= ILLUSTRATIVE_FIELDS, a["code"]
        assert a["illustrative"] == bool(fields), a["code"]
        if a["confidence"] in {"P", "U"}:
            assert a["illustrative"], a["code"]
        if a["valid_from"] == PLACEHOLDER_FROM:
            assert "valid_from" in fields or "record" in fields, a["code"]
        if a["type"] in {"ttpvhcc", "mot_cua"} and a["code"] != "TN.TTPVHCC":
            assert "record" in fields, a["code"]  # demo one-stop bodies are invented
    for e in EVENTS:
        if e["confidence"] in {"P", "U"}:
            assert e["illustrative"], e
    # The 2025 department mergers have no provincial decision: every W1 event is illustrative.
    assert all(e["illustrative"] for e in EVENTS if e["effective_date"] == "2025-03-01")


# --------------------------------------------------------------------------------------------- reproducible

def test_json_is_regenerated_byte_for_byte():
    spec = importlib.util.spec_from_file_location("build_thai_nguyen_under_test", BUILD_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render().encode("utf-8") == JSON_PATH.read_bytes()
