from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Kern"

    def ready(self):
        from .csp import choosers_zonder_inline_script

        choosers_zonder_inline_script()
