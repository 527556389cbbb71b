"""Constant query counts on the queue and the dashboard, with little and with more data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from toetsing import services


def _aantal(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("naam", ["toetsing_wachtrij", "toetsing_dashboard"])
def test_aantal_queries_constant(client, naam, procedure, commissie, maak_inschrijving, inkoper, beoordelaar, beoordelaar2):
    url = reverse(naam, args=[procedure["aanbesteding"].pk])
    services.toewijzen(inschrijvingen=[maak_inschrijving()], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    client.force_login(inkoper)
    client.get(url)  # warm the session and content-type caches
    weinig = _aantal(client, url)
    meer = [maak_inschrijving(percelen=("ambulant", "mst")) for _ in range(12)]
    services.toewijzen(inschrijvingen=meer, beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    assert _aantal(client, url) == weinig


def test_wachtrij_queries_voor_beoordelaar(client, procedure, commissie, maak_inschrijving, inkoper, beoordelaar, django_assert_max_num_queries):
    services.toewijzen(inschrijvingen=[maak_inschrijving() for _ in range(10)], beoordelaars=[beoordelaar], door=inkoper)
    client.force_login(beoordelaar)
    url = reverse("toetsing_wachtrij", args=[procedure["aanbesteding"].pk])
    client.get(url)
    # 16 before issue 17, plus the one query for the user's roles per region (cached for the request), plus the
    # two of the group-related bidders check for the whole page (issue 19: bids and their members).
    with django_assert_max_num_queries(19):
        client.get(url)
