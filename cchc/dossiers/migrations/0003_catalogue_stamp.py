"""Triggers that renew the ``catalogue`` cache stamp when what intake reads from the catalogue changes
(procedures, their versions, cases and competent agencies, and agencies): see cchc.dossiers.catalogue."""

from django.db import migrations

from cchc.common.stamps import run_install


def _tables(apps) -> list[str]:
    version = apps.get_model("procedures", "ProcedureVersion")
    models = [apps.get_model("procedures", "Procedure"), version, apps.get_model("procedures", "ProcedureCase"),
              apps.get_model("org", "Agency")]
    return [m._meta.db_table for m in models] + [version._meta.get_field("competent_agencies").remote_field.through._meta.db_table]


def forward(apps, schema_editor):
    run_install(schema_editor, "catalogue", _tables(apps))


def backward(apps, schema_editor):
    run_install(schema_editor, "catalogue", _tables(apps), reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_queue_indexes"),
        ("common", "0003_cache_stamp"),
        ("procedures", "0002_versions_in_force_and_uploads"),
        ("org", "0002_group_member_codes"),
    ]

    operations = [migrations.RunPython(forward, backward)]
