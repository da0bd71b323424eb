"""Triggers that renew the ``accounts`` cache stamp when what API authentication reads changes
(tokens, users, role assignments, agencies): see cchc.accounts.services.token_authenticate."""

from django.db import migrations

from cchc.common.stamps import install_operation


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("common", "0003_cache_stamp"),
        ("org", "0002_group_member_codes"),
    ]

    operations = [install_operation("accounts", [("accounts", "ApiToken"), ("accounts", "User"),
                                                 ("accounts", "RoleAssignment"), ("org", "Agency")])]
