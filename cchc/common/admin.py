from django.contrib import admin

from cchc.common.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the event log is append-only."""

    list_display = ("at", "actor_name", "role", "agency_code", "verb", "subject_type", "subject_id")
    list_filter = ("verb", "subject_type")
    search_fields = ("subject_id", "actor_name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
