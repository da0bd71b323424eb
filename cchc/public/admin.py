"""Read-only admin page for citizens' ratings: a rating is written once, by the citizen, through the service."""

from __future__ import annotations

from django.contrib import admin

from cchc.public.models import Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("dossier", "score", "channel", "at")
    list_filter = ("score", "channel")
    search_fields = ("dossier__code",)
    list_select_related = ("dossier",)
    raw_id_fields = ("dossier",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
