"""Helpers of the letter tests."""

from __future__ import annotations

from datetime import datetime

from cchc.dossiers import selectors
from cchc.workdays import TZ


def local(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


def reload(user, dossier):
    return selectors.dossier_get(user=user, code=dossier.code)
