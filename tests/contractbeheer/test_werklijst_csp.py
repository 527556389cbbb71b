"""Every page of this part renders under the strict CSP: no inline script without a nonce, no style attributes
(the provider's obligations page, the work list in each section, the rules screen, the settings snippets)."""

import re
from datetime import date

import pytest

from contractbeheer.models import Meldingsoort, Verantwoording
from tests.core.test_csp import _inline_zonder_nonce

from . import _overzicht as o
from . import factories as f

pytestmark = pytest.mark.django_db

STYLE = re.compile(r"\sstyle=\"", re.I)


@pytest.fixture
def gevuld(regio_a):
    ab, perceel, gemeenten = f.mlo(regio_a)
    ov, lid = f.overeenkomst(ab, perceel)
    o.verantwoording(ov, "financieel", gemeente=gemeenten[0])
    o.verantwoording(ov, "klachten_innovatie", status=Verantwoording.Status.INGEDIEND,
                     status_sinds=o.moment(date(2026, 3, 30)))
    o.verzoek(ov)
    o.melding(ov)
    return ab, lid


def _schoon(html: str, pad: str, *, eigen_sjabloon: bool):
    assert _inline_zonder_nonce(html) == [], pad
    if eigen_sjabloon:
        # Our own part of the page (Wagtail's own chrome is Wagtail's business).
        inhoud = html.split('id="main"', 1)[-1] if 'id="main"' in html else html
        assert not STYLE.search(inhoud.split("<footer", 1)[0]), pad


def test_aanbiederpagina_zonder_inline_script(client, gevuld):
    _, lid = gevuld
    client.force_login(lid)
    antwoord = client.get("/mijn/verplichtingen/")
    assert antwoord.status_code == 200
    _schoon(antwoord.content.decode(), "/mijn/verplichtingen/", eigen_sjabloon=True)


def test_beheerpaginas_zonder_inline_script(staff_client, contractmanager_a, gevuld):
    client = staff_client(contractmanager_a)
    soort = Meldingsoort.objects.first()
    for pad in ("/admin/contractbeheer/", "/admin/contractbeheer/?sectie=te_laat",
                "/admin/contractbeheer/?sectie=beoordeling", "/admin/contractbeheer/regels-laden/",
                "/admin/snippets/contractbeheer/meldingsoort/", f"/admin/snippets/contractbeheer/meldingsoort/edit/{soort.pk}/",
                "/admin/snippets/contractbeheer/beheerregels/", "/admin/snippets/contractbeheer/verantwoordingseis/"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 200, pad
        _schoon(antwoord.content.decode(), pad, eigen_sjabloon=False)
