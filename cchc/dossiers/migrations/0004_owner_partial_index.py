"""The owner index only over dossiers that have an owner (filed from a citizen's account).

Written by hand: Django's AlterField would rebuild the whole dossier table on SQLite (and drop the
indexes 0002 created with SQL); here only the index changes.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

OLD_INDEX = "dossiers_dossier_owner_id_21952ae7"  # Django's name for the field's own index


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0003_catalogue_stamp"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="dossier",
                    name="owner",
                    field=models.ForeignKey(blank=True, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                            to=settings.AUTH_USER_MODEL, verbose_name="tài khoản người nộp"),
                ),
            ],
            database_operations=[
                migrations.RunSQL(f'DROP INDEX IF EXISTS "{OLD_INDEX}"',
                                  reverse_sql=f'CREATE INDEX "{OLD_INDEX}" ON "dossiers_dossier" ("owner_id")'),
            ],
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(condition=models.Q(("owner__isnull", False)), fields=["owner"], name="dossier_owner"),
        ),
    ]
