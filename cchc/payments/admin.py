"""Read-only admin views of payments: status fields change only through the services."""

from django.contrib import admin

from cchc.payments.models import GatewayMessage, PaymentRequest, Receipt


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PaymentRequest)
class PaymentRequestAdmin(ReadOnly):
    list_display = ("reference", "dossier", "amount", "method", "status", "created_at", "paid_at")
    list_filter = ("status", "method")
    search_fields = ("reference", "gateway_transaction", "dossier__code")


@admin.register(Receipt)
class ReceiptAdmin(ReadOnly):
    list_display = ("series", "number", "dossier", "amount", "issued_at")
    search_fields = ("dossier__code", "payer_name")


@admin.register(GatewayMessage)
class GatewayMessageAdmin(ReadOnly):
    list_display = ("at", "kind", "reference", "outcome", "remote_addr")
    list_filter = ("kind", "outcome")
    search_fields = ("reference",)
