"""Hand-edited query strings on the staff screens never give a 500: only ASCII digits count as an id or a
number ('²'.isdigit() is True, int('²') is not)."""

import pytest
from django.urls import reverse

from .test_views_staf_schermen import ovk  # noqa: F401 - fixture


@pytest.mark.parametrize("waarde", ["²", "٤٢", "-3", "1e3", "99999999999999999999"])
@pytest.mark.parametrize(("naam", "parameter"), [
    ("overeenkomst_admin_lijst", "aanbesteding"),
    ("overeenkomst_admin_indexatie", "ronde"),
    ("overeenkomst_admin_bewijsstukken", "dagen"),
])
def test_vreemde_getallen_geven_de_gewone_pagina(client, ovk, contractmanager, naam, parameter, waarde):  # noqa: F811
    client.force_login(contractmanager)
    antwoord = client.get(reverse(naam), {parameter: waarde})
    assert antwoord.status_code == 200


def test_bewijsstukken_standaard_42_dagen_en_eigen_termijn(client, ovk, contractmanager):  # noqa: F811
    client.force_login(contractmanager)
    assert client.get(reverse("overeenkomst_admin_bewijsstukken"), {"dagen": "²"}).context["dagen"] == 42
    assert client.get(reverse("overeenkomst_admin_bewijsstukken"), {"dagen": "10"}).context["dagen"] == 10


def test_lijst_filtert_op_aanbesteding(client, ovk, contractmanager):  # noqa: F811
    client.force_login(contractmanager)
    eigen = client.get(reverse("overeenkomst_admin_lijst"), {"aanbesteding": str(ovk.aanbesteding_id)})
    assert [o.pk for o in eigen.context["overeenkomsten"]] == [ovk.pk]
    ander = client.get(reverse("overeenkomst_admin_lijst"), {"aanbesteding": str(ovk.aanbesteding_id + 1000)})
    assert list(ander.context["overeenkomsten"]) == []
