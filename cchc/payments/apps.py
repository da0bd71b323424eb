from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "cchc.payments"
    verbose_name = "Phí, lệ phí và thanh toán trực tuyến"
