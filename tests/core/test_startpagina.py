"""core.startpagina: a panel registered with ``op_startpagina`` appears on the staff start page for exactly the
people ``mag_zien`` admits, with the context its ``gegevens()`` gives."""

import pytest
from wagtail import hooks

from core.startpagina import Werkpaneel, op_startpagina
from tests.conftest import log_in_met_mfa

pytestmark = pytest.mark.django_db


class _Proefpaneel(Werkpaneel):
    name = "proef"
    template_name = "core/startpagina_tellingen.html"
    order = 1

    def gegevens(self):
        return {"paneel_id": "proef", "kop": "Proefpaneel",
                "regels": [(f"Proef voor {self.user.email}", 7, "/admin/proef/")]}


@pytest.fixture
def proefpaneel():
    voor = list(hooks._hooks.get("construct_homepage_panels", []))
    op_startpagina(_Proefpaneel, lambda user: user.email.startswith("inkoper"))
    yield
    hooks._hooks["construct_homepage_panels"] = voor


def test_paneel_alleen_voor_wie_het_mag_zien(client, proefpaneel, inkoper, redacteur):
    inkoper.email = "inkoper@regio.example"
    inkoper.save()
    log_in_met_mfa(client, inkoper)
    html = client.get("/admin/").content.decode()
    assert '<a href="/admin/proef/">Proef voor inkoper@regio.example: 7</a>' in html
    assert 'id="proef-section"' in html and "Proefpaneel" in html
    client.logout()
    log_in_met_mfa(client, redacteur)
    assert "/admin/proef/" not in client.get("/admin/").content.decode()


def test_zonder_gegevens_is_een_fout():
    with pytest.raises(NotImplementedError):
        Werkpaneel(user=None).get_context_data({})
