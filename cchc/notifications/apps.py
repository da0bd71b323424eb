from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "cchc.notifications"
    label = "notifications"
    verbose_name = _("Thông báo, nhắc việc")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from cchc.common.models import Event
        from cchc.notifications.signals import on_event_saved

        post_save.connect(on_event_saved, sender=Event, dispatch_uid="notifications.citizen_messages")
