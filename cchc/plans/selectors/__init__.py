"""Reads of plans (``plans``), tasks (``tasks``), queues (``queue``), progress (``progress``), counts
(``stats``) and spreadsheet rows (``sheet``). Every selector that returns agency data applies the
reader's scope: the secretariat sees all, an agency its own share."""

from cchc.plans.selectors.plans import plan_get, plan_list, version_diff, version_get

__all__ = ["plan_get", "plan_list", "version_diff", "version_get"]
