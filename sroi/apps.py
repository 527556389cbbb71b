from django.apps import AppConfig


class SroiConfig(AppConfig):
    name = "sroi"
