"""Plan permissions."""

import rules

from cchc.accounts.rules import is_admin, is_secretariat, is_staff_member

rules.add_perm("plans.import_plan", is_admin | is_secretariat)
rules.add_perm("plans.view_plan", is_staff_member)
