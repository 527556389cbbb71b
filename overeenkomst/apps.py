from django.apps import AppConfig


class OvereenkomstConfig(AppConfig):
    name = "overeenkomst"
