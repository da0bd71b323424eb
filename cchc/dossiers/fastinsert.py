"""Kept for imports: the one-row INSERT lives in :mod:`cchc.common.fastinsert` (events use it too)."""

from cchc.common.fastinsert import insert

__all__ = ["insert"]
