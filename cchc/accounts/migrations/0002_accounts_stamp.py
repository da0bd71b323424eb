"""Triggers that renew the ``accounts`` cache stamp when what API authentication reads changes
(tokens, users, role assignments, agencies): see cchc.accounts.services.token_authenticate."""

from django.db import migrations

from cchc.common.stamps import run_install


def _tables(apps) -> list[str]:
    return [apps.get_model(app, name)._meta.db_table
            for app, name in (("accounts", "ApiToken"), ("accounts", "User"), ("accounts", "RoleAssignment"),
                              ("org", "Agency"))]


def forward(apps, schema_editor):
    run_install(schema_editor, "accounts", _tables(apps))


def backward(apps, schema_editor):
    run_install(schema_editor, "accounts", _tables(apps), reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("common", "0003_cache_stamp"),
        ("org", "0002_group_member_codes"),
    ]

    operations = [migrations.RunPython(forward, backward)]
