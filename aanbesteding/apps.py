from django.apps import AppConfig


class AanbestedingConfig(AppConfig):
    verbose_name = "Aanbestedingen"
    name = "aanbesteding"
