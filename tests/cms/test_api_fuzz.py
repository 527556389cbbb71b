"""Schemathesis against /api/v1/openapi.json (issue 11): no generated request, however odd its parameters,
makes the open-data API answer 5xx.

Runs in CI only (.ci/run installs the ``apifuzz`` extra and runs the ``services`` tests); ``make test`` stays
without the fuzzer and its dependencies, so the module is skipped there.
"""

import pytest

schemathesis = pytest.importorskip("schemathesis")

from django.core.wsgi import get_wsgi_application  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from tests.cms.conftest import contracteer, procedurepagina_voor  # noqa: E402

pytestmark = pytest.mark.services


@pytest.fixture
def verbinding_blijft_open():
    """The WSGI handler closes the database connection after each request (request_finished); inside a test's
    transaction that closes the test's own connection. Django's test client switches this off the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_api_geeft_nooit_een_serverfout(tussenvoorziening, verbinding_blijft_open):
    """Every operation of the document, with a published procedure, product, tariffs and a contracted provider
    in the database so every endpoint has items to show. (The schema is loaded inside the test rather than
    with schemathesis' lazy fixture, which reads a private pytest attribute that pytest 9 no longer has.)"""
    procedure = tussenvoorziening.perceel.aanbesteding
    procedurepagina_voor(procedure)
    contracteer(procedure, tussenvoorziening.perceel, naam="Zorgkracht Gooi B.V.")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

    operaties = [resultaat.ok() for resultaat in schema.get_all_operations()]
    assert len(operaties) >= 4, [o.label for o in operaties]
    for operatie in operaties:

        @given(case=operatie.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def geen_serverfout(case):
            case.call_and_validate(checks=[not_a_server_error])

        geen_serverfout()
