"""On PostgreSQL the lookup counter is an UNLOGGED table: no WAL, so counting a lookup never waits for a
disk flush. A crash empties it, which only forgets the last minute's counts (harmless for a flood guard)."""

from django.db import migrations


def _set(logged: bool):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.connection.ops.quote_name(apps.get_model("public", "LookupThrottle")._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} SET {'LOGGED' if logged else 'UNLOGGED'}")

    return run


class Migration(migrations.Migration):
    dependencies = [("public", "0001_initial")]

    operations = [migrations.RunPython(_set(False), _set(True))]
