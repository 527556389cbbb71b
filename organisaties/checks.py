"""System checks of organisaties (run by `manage.py check`, the test runner and every server start)."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def eherkenning_mock_alleen_in_demo(app_configs, **kwargs):
    """The eHerkenning mock logs anyone in for any KvK number (issue 16): only where demo data is allowed, i.e.
    development, tests and the demo; production.py refuses it at import already."""
    if getattr(settings, "EHERKENNING_MOCK", False) and not getattr(settings, "DEMO_DATA_TOEGESTAAN", False):
        return [Error(
            "EHERKENNING_MOCK staat aan in een omgeving zonder demodata: de test-inlog laat iedereen binnen.",
            hint="Zet EHERKENNING_MOCK=false en configureer eHerkenning in de beheeromgeving.",
            id="organisaties.E001",
        )]
    return []
