from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "cchc.results"
    verbose_name = "Trả kết quả: ký số, bưu chính"
