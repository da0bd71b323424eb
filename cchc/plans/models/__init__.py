"""Plan models: imported plans and versions (``plans``), tracked execution (``execution``),
progress reports and evidence (``progress``)."""

from cchc.plans.models.execution import (
    Area,
    Assignment,
    DeadlineChange,
    Occurrence,
    ProgressStatus,
    Review,
    Role,
    Task,
    WorkItem,
)
from cchc.plans.models.plans import (
    Granularity,
    KeyTask,
    Plan,
    PlanUpload,
    PlanVersion,
    Recurrence,
    Section,
    TaskAgency,
)
from cchc.plans.models.progress import Evidence, ProgressReport, SheetUpload

__all__ = [
    "Area",
    "Assignment",
    "DeadlineChange",
    "Evidence",
    "Granularity",
    "KeyTask",
    "Occurrence",
    "Plan",
    "PlanUpload",
    "PlanVersion",
    "ProgressReport",
    "ProgressStatus",
    "Recurrence",
    "Review",
    "Role",
    "Section",
    "SheetUpload",
    "Task",
    "TaskAgency",
    "WorkItem",
]
