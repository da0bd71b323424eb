from django.contrib import admin

from cchc.notifications.models import Notification, ReminderSent


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
