"""Ship every official schedule (swaps, extra days off) so they exist after ``cchc migrate`` alone."""

import json
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "official_schedules.json"


def load(apps, schema_editor):
    CalendarOverride = apps.get_model("workdays", "CalendarOverride")
    for row in json.loads(DATA.read_text(encoding="utf-8"))["entries"]:
        if row.get("scope"):
            continue  # agency-specific rows are local decisions, not shipped data
        CalendarOverride.objects.update_or_create(
            date=date.fromisoformat(row["date"]), agency=None,
            defaults={"kind": row["kind"], "name": row["name"][:255], "source": row.get("source", ""),
                      "confidence": row.get("confidence", "")},
        )


def unload(apps, schema_editor):
    CalendarOverride = apps.get_model("workdays", "CalendarOverride")
    dates = [date.fromisoformat(r["date"]) for r in json.loads(DATA.read_text(encoding="utf-8"))["entries"]]
    CalendarOverride.objects.filter(agency=None, date__in=dates).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
