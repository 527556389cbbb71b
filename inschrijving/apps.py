from django.apps import AppConfig


class InschrijvingConfig(AppConfig):
    name = "inschrijving"
