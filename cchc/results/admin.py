"""Read-only admin views of signed results and postal returns (writes go through the services)."""

from django.contrib import admin

from cchc.results.models import ElectronicResult, PostalReturn, PostalStatusChange


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ElectronicResult)
class ElectronicResultAdmin(_ReadOnly):
    list_display = ("dossier", "signer_name", "signed_at", "superseded_at", "download_count")
    search_fields = ("dossier__code", "sha256", "certificate_fingerprint")


class _History(admin.TabularInline):
    model = PostalStatusChange
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PostalReturn)
class PostalReturnAdmin(_ReadOnly):
    list_display = ("dossier", "postal_service", "tracking_number", "status", "sent_at", "delivered_at")
    search_fields = ("dossier__code", "tracking_number")
    inlines = [_History]
