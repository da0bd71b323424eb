"""Indexes for the one-stop work queues (cchc.queues), created with SQL so the model state is unchanged.

- ``dossier_recv_state`` (receiving_agency, state): the counter screen's lists (waiting online
  arrivals, intake-incomplete, results ready) without reading every dossier the unit ever received;
- ``dossier_comp_state`` (competent_agency, state): a leader's late and at-risk dossiers;
- ``dossier_applicant_phone`` (applicant_phone): the counter's quick search by phone number.

They are not declared in ``Dossier.Meta`` (the queues app may not edit the dossier model); if they are
moved there later, replace this migration's operations by ``AddIndex`` with the same names.
"""

from django.db import migrations

INDEXES = [
    ("dossier_recv_state", "receiving_agency_id, state"),
    ("dossier_comp_state", "competent_agency_id, state"),
    ("dossier_applicant_phone", "applicant_phone"),
]


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "dossiers_dossier" ({columns})',
            reverse_sql=f'DROP INDEX IF EXISTS "{name}"',
        )
        for name, columns in INDEXES
    ]
