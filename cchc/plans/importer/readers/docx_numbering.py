"""Word's automatic numbering: the "1.", "a)", "-" that Word prints but does not store as text.

Plans typed in Word often number their parts, items and the STT column of the key-task table
with automatic lists. Without this, "I. MỤC ĐÍCH" would read as "MỤC ĐÍCH" and every task would
lose its number. Supports the formats used in practice (decimal, upper/lower Roman, upper/lower
letter, bullets), ``lvlText`` templates such as ``%1.%2.``, restarts per list instance, and
numbering inherited from a paragraph style.
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _val(el: etree._Element | None, name: str, default: str | None = None) -> str | None:
    if el is None:
        return default
    child = el.find(f"{_W}{name}")
    if child is None:
        return default
    return child.get(f"{_W}val", default)


def roman(n: int) -> str:
    out = []
    for v, s in _ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letter(n: int) -> str:
    # Word repeats the letter after z: aa, bb…
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """Resolves a paragraph's automatic label, keeping counters as the document is read."""

    def __init__(self, numbering_xml: bytes | None, styles_xml: bytes | None) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (abstractId, ilvl) → fmt, text, start
        self.num_to_abstract: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        if numbering_xml:
            self._load_numbering(etree.fromstring(numbering_xml, _PARSER))
        if styles_xml:
            self._load_styles(etree.fromstring(styles_xml, _PARSER))

    def _load_numbering(self, root: etree._Element) -> None:
        for absn in root.iterchildren(f"{_W}abstractNum"):
            aid = absn.get(f"{_W}abstractNumId", "")
            for lvl in absn.iterchildren(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = _val(lvl, "numFmt", "decimal") or "decimal"
                text = _val(lvl, "lvlText", "") or ""
                start = int(_val(lvl, "start", "1") or "1")
                self.levels[(aid, ilvl)] = (fmt, text, start)
        for num in root.iterchildren(f"{_W}num"):
            nid = num.get(f"{_W}numId", "")
            self.num_to_abstract[nid] = _val(num, "abstractNumId", "") or ""
            for ov in num.iterchildren(f"{_W}lvlOverride"):
                start = _val(ov, "startOverride")
                if start is not None:
                    self.overrides[(nid, int(ov.get(f"{_W}ilvl", "0")))] = int(start)

    def _load_styles(self, root: etree._Element) -> None:
        based: dict[str, str] = {}
        own: dict[str, tuple[str, int]] = {}
        for st in root.iterchildren(f"{_W}style"):
            sid = st.get(f"{_W}styleId", "")
            parent = _val(st, "basedOn")
            if parent:
                based[sid] = parent
            ppr = st.find(f"{_W}pPr")
            numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if numpr is not None:
                nid = _val(numpr, "numId")
                if nid is not None:
                    own[sid] = (nid, int(_val(numpr, "ilvl", "0") or "0"))
        for sid in set(own) | set(based):
            seen, cur = set(), sid
            while cur and cur not in own and cur not in seen:
                seen.add(cur)
                cur = based.get(cur, "")
            if cur in own:
                self.style_num[sid] = own[cur]

    def label(self, p: etree._Element) -> str | None:
        """The printed label of paragraph ``p`` ("1.", "a)", "-"), or None if it is not numbered."""
        ppr = p.find(f"{_W}pPr")
        if ppr is None:
            return None
        numpr = ppr.find(f"{_W}numPr")
        nid: str | None = None
        ilvl = 0
        if numpr is not None:
            nid = _val(numpr, "numId")
            ilvl = int(_val(numpr, "ilvl", "0") or "0")
        else:
            style = _val(ppr, "pStyle")
            if style and style in self.style_num:
                nid, ilvl = self.style_num[style]
        if nid is None or nid == "0" or nid not in self.num_to_abstract:
            return None
        aid = self.num_to_abstract[nid]
        if (aid, ilvl) not in self.levels:
            return None
        fmt, template, _ = self.levels[(aid, ilvl)]
        counters = self.counters.setdefault(nid, [0] * 9)
        if counters[ilvl] == 0:
            counters[ilvl] = self._start(nid, aid, ilvl)
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "-"
        text = template
        for lv in range(ilvl + 1):
            lfmt = self.levels.get((aid, lv), ("decimal", "", 1))[0]
            n = counters[lv] or self._start(nid, aid, lv)
            text = text.replace(f"%{lv + 1}", _format(n, lfmt))
        return text.strip()

    def _start(self, nid: str, aid: str, ilvl: int) -> int:
        if (nid, ilvl) in self.overrides:
            return self.overrides[(nid, ilvl)]
        return self.levels.get((aid, ilvl), ("decimal", "", 1))[2]
