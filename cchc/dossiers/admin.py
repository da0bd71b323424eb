"""Read-only admin pages for dossiers and their log: dossiers change through the services only."""

from __future__ import annotations

from django.contrib import admin

from cchc.dossiers.models import Dossier, LogDigest, ProcessLogEntry


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnly):
    list_display = ("code", "state", "channel", "receiving_agency", "competent_agency", "received_at", "due_at",
                    "synthetic")
    list_filter = ("state", "channel", "synthetic")
    search_fields = ("code", "applicant_name", "applicant_id_number")
    list_select_related = ("receiving_agency", "competent_agency")
    show_full_result_count = False  # a COUNT(*) over millions of rows on every page is not worth it


@admin.register(ProcessLogEntry)
class ProcessLogEntryAdmin(ReadOnly):
    list_display = ("dossier", "seq", "at", "action", "actor_name", "role", "agency_code", "step_code", "step_result")
    search_fields = ("dossier__code",)
    list_select_related = ("dossier",)
    show_full_result_count = False


@admin.register(LogDigest)
class LogDigestAdmin(ReadOnly):
    list_display = ("cutoff", "dossier_count", "row_count", "hash")
