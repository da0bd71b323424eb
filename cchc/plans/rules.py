"""Plan permissions."""

import rules

from cchc.accounts.rules import is_admin, is_secretariat, is_staff_member


@rules.predicate
def has_agency(user) -> bool:
    return bool(user and user.is_authenticated and getattr(user, "agency_id", None))


is_manager = is_admin | is_secretariat

rules.add_perm("plans.import_plan", is_manager)
rules.add_perm("plans.view_plan", is_staff_member)
# Approve a version as the baseline, create and edit tasks, change deadlines, assign agencies.
rules.add_perm("plans.manage_tasks", is_manager)
# Accept or return a lead agency's report.
rules.add_perm("plans.review_progress", is_manager)
# Report progress on the work of one's own agency (the service checks the agency).
rules.add_perm("plans.report_progress", is_staff_member & has_agency)
