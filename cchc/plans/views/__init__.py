"""Plan pages. ``importing``: list, upload → preview → confirm, a plan with its versions;
``tasks``: approval, the task page and task forms; ``queue``: an agency's work and the
spreadsheet round-trip; ``progress``: the report form, reviews, evidence downloads."""

from cchc.plans.views.importing import plan_detail, plan_import_confirm, plan_import_view, plan_list

__all__ = ["plan_detail", "plan_import_confirm", "plan_import_view", "plan_list"]
