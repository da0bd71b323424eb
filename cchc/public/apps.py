from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "cchc.public"
    verbose_name = "Trang công khai: thủ tục, tra cứu, đánh giá"
