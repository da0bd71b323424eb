"""Archiving of returned dossiers (T21): when and under which archive reference.

Written by hand: Django's AddField of a text column with a default rebuilds the whole dossier
table on SQLite (and the rebuild would drop the indexes 0002 and 0005 created with SQL); an
``ADD COLUMN … NOT NULL DEFAULT ''`` does the same job in place, on SQLite and PostgreSQL alike.
"""

from django.db import migrations, models

ADD_REFERENCE = "ALTER TABLE \"dossiers_dossier\" ADD COLUMN \"archive_reference\" varchar(80) NOT NULL DEFAULT ''"
DROP_REFERENCE = 'ALTER TABLE "dossiers_dossier" DROP COLUMN "archive_reference"'


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0006_supplement_lapse")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="dossier",
                    name="archive_reference",
                    field=models.CharField(blank=True, max_length=80, verbose_name="số, ký hiệu hồ sơ lưu trữ"),
                ),
            ],
            database_operations=[migrations.RunSQL(ADD_REFERENCE, reverse_sql=DROP_REFERENCE)],
        ),
        migrations.AddField(
            model_name="dossier",
            name="archived_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ngày đưa vào lưu trữ"),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(condition=models.Q(("archived_at__isnull", True), ("state", "result_returned")),
                               fields=["returned_at"], name="dossier_to_archive"),
        ),
    ]
