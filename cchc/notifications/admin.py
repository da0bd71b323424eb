from django.contrib import admin

from cchc.notifications.models import DossierMessage, DossierReminder, Notification, ReminderSent


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "verb", "created_at", "read_at")
    list_filter = ("verb",)
    readonly_fields = ("recipient", "verb", "text", "link", "read_at", "created_at")


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ("work_item", "rung", "recipient", "due_date", "claimed_at", "emailed_at")
    list_filter = ("rung",)
    readonly_fields = ("work_item", "rung", "recipient", "due_date", "claimed_at", "emailed_at", "email_error")


@admin.register(DossierMessage)
class DossierMessageAdmin(admin.ModelAdmin):
    """The delivery log of citizen messages; read-only (a row is the proof a message left, or why not)."""

    list_display = ("dossier_code", "verb", "channel", "recipient", "status", "attempts", "claimed_at", "sent_at")
    list_filter = ("status", "channel", "verb")
    search_fields = ("dossier_code", "recipient")
    readonly_fields = ("event", "dossier_code", "verb", "channel", "recipient", "subject", "body", "status",
                       "attempts", "claimed_at", "sent_at", "last_error", "provider_id")

    def has_add_permission(self, request):
        return False


@admin.register(DossierReminder)
class DossierReminderAdmin(admin.ModelAdmin):
    list_display = ("dossier", "kind", "step_code", "due_at", "recipient", "claimed_at", "emailed_at")
    list_filter = ("kind",)
    readonly_fields = ("dossier", "kind", "step_code", "due_at", "recipient", "run", "claimed_at", "emailed_at",
                       "email_error")
    list_select_related = ("dossier", "recipient")

    def has_add_permission(self, request):
        return False
