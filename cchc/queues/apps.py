from django.apps import AppConfig


class QueuesConfig(AppConfig):
    name = "cchc.queues"
    verbose_name = "Màn hình làm việc của cán bộ"
