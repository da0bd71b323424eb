"""The plans API router: importing and reading plans, tasks, assignments and the queue,
progress reports and evidence, and the spreadsheet round-trip. Operations register on ``router``
when their modules are imported below."""

from cchc.plans.api import importing, progress, tasks  # noqa: F401  (registers the operations)
from cchc.plans.api.base import router

__all__ = ["router"]
