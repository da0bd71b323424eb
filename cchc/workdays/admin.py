from auditlog.registry import auditlog
from django.contrib import admin

from cchc.workdays.models import CalendarOverride, WorkingSchedule


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "name", "agency", "confidence")
    list_filter = ("kind", "confidence")
    date_hierarchy = "date"
    search_fields = ("name", "source")
    raw_id_fields = ("agency",)


@admin.register(WorkingSchedule)
class WorkingScheduleAdmin(admin.ModelAdmin):
    list_display = ("agency", "sessions", "saturday_intake", "same_day_cutoff")
    raw_id_fields = ("agency",)


auditlog.register(CalendarOverride)
auditlog.register(WorkingSchedule)
