from django.apps import AppConfig


class EformsConfig(AppConfig):
    name = "cchc.eforms"
    verbose_name = "Biểu mẫu điện tử và thành phần hồ sơ"
