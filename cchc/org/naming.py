"""Pure name matching for agencies and groups: free text → a key, or nothing.

Names are compared in a canonical form: accents folded, lower case, punctuation dropped,
common abbreviations expanded ("VP UBND tỉnh" → "van phong uy ban nhan dan tinh") and
filler words at the edges removed ("các …", "… liên quan"). No database here: the selector
builds a :class:`NameIndex` from the registry as of a date and asks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cchc.common.text import fold, tone_style

# Multi-token abbreviations, matched on the folded text before punctuation is dropped.
_COMPOUND = [
    (r"ld\s*-?\s*tb\s*(&|va)\s*xh|ldtbxh", "lao dong thuong binh va xa hoi"),
    (r"vh\s*-?\s*tt\s*(&|va)\s*dl|vhttdl", "van hoa the thao va du lich"),
    (r"nn\s*(&|va)\s*ptnt|nnptnt", "nong nghiep va phat trien nong thon"),
    (r"tt\s*(&|va)\s*tt|tttt", "thong tin va truyen thong"),
    (r"kh\s*(&|va)\s*dt|khdt", "ke hoach va dau tu"),
    (r"tn\s*(&|va)\s*mt|tnmt", "tai nguyen va moi truong"),
    (r"gd\s*(&|va)\s*dt|gddt", "giao duc va dao tao"),
    (r"kh\s*(&|va)\s*cn|khcn", "khoa hoc va cong nghe"),
    (r"nn\s*(&|va)\s*mt", "nong nghiep va moi truong"),
    (r"dt\s*(&|va)\s*tg", "dan toc va ton giao"),
    (r"pt\s*-?\s*th|ptth", "phat thanh truyen hinh"),
]
_COMPOUND_RE = [(re.compile(rf"(?<![a-z0-9]){pattern}(?![a-z0-9])"), repl) for pattern, repl in _COMPOUND]

_WORDS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "vp": "van phong",
    "bql": "ban quan ly",
    "kcn": "khu cong nghiep",
    "bhxh": "bao hiem xa hoi",
    "gtvt": "giao thong van tai",
    "ttpvhcc": "trung tam phuc vu hanh chinh cong",
    "tphcc": "trung tam phuc vu hanh chinh cong",
    "cchc": "cai cach hanh chinh",
    "tp": "thanh pho",
    "tx": "thi xa",
    "ttg": "thu tuong chinh phu",
    "cp": "chinh phu",
    "pct": "pho chu tich",
    "ub": "uy ban",
}

# Words that frame a name without changing what it names.
_LEADING = ("cac ", "toan bo ", "tat ca ")
_TRAILING = (" lien quan", " tinh", " co lien quan", " cua tinh", " tren dia ban tinh", " thuoc tinh", " cac cap")


def canonical(text: str) -> str:
    """The comparison form of a name: folded, abbreviations expanded, punctuation gone."""
    s = fold(text)
    s = s.replace("–", "-").replace("—", "-")
    for pattern, repl in _COMPOUND_RE:
        s = pattern.sub(repl, s)
    s = s.replace("&", " va ")
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    words = [_WORDS.get(w, w) for w in s.split()]
    return " ".join(words)


def core(text: str, place_names: Iterable[str] = ()) -> str:
    """``canonical`` with framing words trimmed: "các Sở, Ban ngành liên quan" → "so ban nganh"."""
    s = canonical(text)
    changed = True
    while changed:
        changed = False
        for lead in _LEADING:
            if s.startswith(lead):
                s, changed = s[len(lead):], True
        for trail in _TRAILING:
            if s.endswith(trail):
                s, changed = s[: -len(trail)], True
        for place in place_names:
            suffix = " tinh " + place
            if s.endswith(suffix) and len(s) > len(suffix):
                s, changed = s[: -len(suffix)], True
    return s.strip()


def exact(text: str) -> str:
    """Lower case, NFC, spaces and punctuation tidied, accents kept."""
    s = tone_style(text).lower()
    return " ".join(re.sub(r"[^\w ]+", " ", s).split())


@dataclass
class NameIndex:
    """Maps canonical names to keys. A name claimed by two keys is ambiguous and matches nothing."""

    place_names: tuple[str, ...] = ()
    _keys: dict[str, set[str]] = field(default_factory=dict)
    _exact: dict[str, set[str]] = field(default_factory=dict)

    def add(self, key: str, names: Iterable[str]) -> None:
        for name in names:
            if not name:
                continue
            # Accents kept first: "xã Văn Lang" and "xã Văn Lăng" differ only by a tone mark.
            self._exact.setdefault(exact(name), set()).add(key)
            for form in {canonical(name), core(name, self.place_names)}:
                if form:
                    self._keys.setdefault(form, set()).add(key)

    def match(self, text: str) -> str | None:
        """The single key ``text`` names, or None (unknown or ambiguous)."""
        keys = self._exact.get(exact(text))
        if keys and len(keys) == 1:
            return next(iter(keys))
        for form in (canonical(text), core(text, self.place_names)):
            keys = self._keys.get(form)
            if keys and len(keys) == 1:
                return next(iter(keys))
        return None

    def candidates(self, text: str) -> set[str]:
        """Every key a name could mean (for explaining an ambiguity)."""
        found: set[str] = set()
        for form in (canonical(text), core(text, self.place_names)):
            found |= self._keys.get(form, set())
        return found
