"""Writes of the plans app, each a keyword-only function taking ``actor=`` that records an event:

- ``importing``: a decision file becomes a plan version (``plan_import``);
- ``generation``: approving a version sets the baseline and creates/reconciles tasks;
- ``tasks``: tasks by hand, deadline changes, assignees, cancellation;
- ``progress`` and ``evidence``: reports, consolidation, review, evidence files and references;
- ``sheet``: the spreadsheet round-trip (dry run, then all-or-nothing apply).
"""

from cchc.plans.services.importing import Extraction, ImportResult, plan_extract, plan_import

__all__ = ["Extraction", "ImportResult", "plan_extract", "plan_import"]
