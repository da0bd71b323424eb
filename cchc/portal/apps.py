from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "cchc.portal"
    verbose_name = "Tiếp nhận từ Cổng Dịch vụ công quốc gia"
