from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "cchc.letters"
    verbose_name = "Phiếu, văn bản PDF của Bộ phận Một cửa"
