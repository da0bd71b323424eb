"""Triggers that renew the ``catalogue`` cache stamp when what intake reads from the catalogue changes
(procedures, their versions, cases and competent agencies, and agencies): see cchc.dossiers.catalogue."""

from django.db import migrations

from cchc.common.stamps import install_operation


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_queue_indexes"),
        ("common", "0003_cache_stamp"),
        ("procedures", "0002_versions_in_force_and_uploads"),
        ("org", "0002_group_member_codes"),
    ]

    operations = [install_operation(
        "catalogue",
        [("procedures", "Procedure"), ("procedures", "ProcedureVersion"), ("procedures", "ProcedureCase"),
         ("org", "Agency")],
        m2m=[("procedures", "ProcedureVersion", "competent_agencies")],
    )]
