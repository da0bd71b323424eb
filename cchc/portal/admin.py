"""Read-only admin pages: pushes from the national portal and VNeID links are written by the services only."""

from __future__ import annotations

from django.contrib import admin

from cchc.portal.models import InboundDossier, InboundFile, VneidLink


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class InboundFileInline(admin.TabularInline):
    model = InboundFile
    extra = 0
    can_delete = False
    fields = ("name", "component", "mime", "size", "sha256", "path", "url")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InboundDossier)
class InboundDossierAdmin(ReadOnly):
    list_display = ("portal_code", "dossier", "received_at", "outcome", "repeats")
    search_fields = ("portal_code", "dossier__code")
    list_select_related = ("dossier",)
    inlines = [InboundFileInline]


@admin.register(VneidLink)
class VneidLinkAdmin(ReadOnly):
    list_display = ("user", "verified_at", "last_login_at")
    search_fields = ("user__username",)
    list_select_related = ("user",)
