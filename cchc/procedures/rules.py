"""Catalogue permissions: the catalogue is public; admins and the PAR secretariat manage it."""

import rules

from cchc.accounts.rules import is_admin, is_secretariat, is_staff_member

rules.add_perm("procedures.manage_catalogue", is_admin | is_secretariat)
# The staff pages (drafts, history, process editor in read mode) are for any staff member.
rules.add_perm("procedures.view_catalogue", is_staff_member | is_admin)
