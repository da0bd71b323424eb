"""Three fewer indexes written by every intake, with no query made slower.

Each index on the dossier table is one more B-tree insert and one more page written to the log at
every intake's commit (on SQLite, the commit writes every changed page in full):

- ``dossier_recv_agency`` (receiving_agency, received_at) and ``dossier_recv_state``
  (receiving_agency, state) become one ``dossier_recv_state`` (receiving_agency, state,
  received_at); the same for the competent agency. The state lists use its first two columns; the
  period queries (the register, today's intake) add ``state IN (every state)``, which both
  databases answer as one short range per state;
- ``dossier_procedure`` (procedure, received_at) had no reader: nothing lists dossiers by
  procedure without an agency, and the evaluation issues will add the indexes their reports need.

Index operations only: the table is not rebuilt.
"""

from django.db import migrations

OLD = {"dossier_recv_state": "receiving_agency_id, state", "dossier_comp_state": "competent_agency_id, state"}
NEW = {"dossier_recv_state": "receiving_agency_id, state, received_at",
       "dossier_comp_state": "competent_agency_id, state, received_at"}


def _create(columns: dict[str, str]) -> list[str]:
    return [f'CREATE INDEX IF NOT EXISTS "{name}" ON "dossiers_dossier" ({cols})' for name, cols in columns.items()]


def _drop(columns: dict[str, str]) -> list[str]:
    return [f'DROP INDEX IF EXISTS "{name}"' for name in columns]


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0004_owner_partial_index")]

    operations = [
        migrations.RunSQL(_drop(OLD) + _create(NEW), reverse_sql=_drop(NEW) + _create(OLD)),
        migrations.RemoveIndex(model_name="dossier", name="dossier_recv_agency"),
        migrations.RemoveIndex(model_name="dossier", name="dossier_comp_agency"),
        migrations.RemoveIndex(model_name="dossier", name="dossier_procedure"),
    ]
