"""The public page cache shows every change at the next request (issue 15, ADR 0021): a page is fetched (and
stored), the change is made through the service a bureau or provider really uses, and the next anonymous request
shows it — for a publication through the four-eyes workflow, a new document version, a tariff change, an
admission, an uittreding and an organisation's new name. Each test first proves the page was served from the
cache, so the test would fail if the change did not retire it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from aanbesteding.services import tarief_vastleggen
from cms.models import ProcedurePage
from core import kalender
from organisaties.rollen import INKOPER
from organisaties.services import organisatie_bijwerken
from overeenkomst.models import Deelname, Uittreding
from overeenkomst.services.toetreding import overeenkomst_uit_toelating
from overeenkomst.services.uittreding import overeenkomst_beeindigen, uittreding_overdracht_bevestigen
from tests.aanbesteding.factories import ProcedureDocumentFactory, gepubliceerde_versie, pdf_inhoud
from tests.conftest import TOTP_GEHEIM
from tests.factories import OrganisatieFactory, UserFactory

from .conftest import contracteer, procedurepagina_voor

pytestmark = pytest.mark.django_db


def _uit_de_cache(client, url, django_assert_num_queries) -> str:
    """Fetch ``url`` twice; the second answer must come from the cache (no query). Returns its text."""
    client.get(url)
    with django_assert_num_queries(0):
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def test_publicatie_via_de_workflow_verschijnt_meteen(client, procedure, inkoper, django_assert_num_queries):
    assert "Jeugdhulp Voorzieningen" not in _uit_de_cache(client, "/procedures/", django_assert_num_queries)
    assert "Jeugdhulp Voorzieningen" not in _uit_de_cache(client, "/", django_assert_num_queries)
    tweede = UserFactory(groepen=[INKOPER])
    TOTP.activate(tweede, TOTP_GEHEIM)
    pagina = procedurepagina_voor(procedure, live=False)
    pagina.save_revision(user=inkoper)
    staat = pagina.get_workflow().start(pagina, inkoper)
    staat.current_task_state.task.specific.on_action(staat.current_task_state, tweede, "approve")
    assert ProcedurePage.objects.get(pk=pagina.pk).live

    assert "Jeugdhulp Voorzieningen" in client.get("/procedures/").content.decode()
    assert "Jeugdhulp Voorzieningen" in client.get("/").content.decode()
    assert client.get("/api/v1/procedures").json()["aantal"] == 1


def test_depubliceren_haalt_de_pagina_meteen_weg(client, pagina, django_assert_num_queries):
    assert "Jeugdhulp Voorzieningen" in _uit_de_cache(client, "/procedures/", django_assert_num_queries)
    _uit_de_cache(client, "/procedures/jeugdhulp-voorzieningen/", django_assert_num_queries)
    pagina.unpublish()
    assert "Jeugdhulp Voorzieningen" not in client.get("/procedures/").content.decode()
    assert client.get("/procedures/jeugdhulp-voorzieningen/").status_code == 404


def test_nieuwe_documentversie_verschijnt_meteen(client, procedure, pagina, inkoper, django_assert_num_queries):
    document = ProcedureDocumentFactory(aanbesteding=procedure, titel="Toelatingsdocument", slug="toelatingsdocument")
    gepubliceerde_versie(document, inhoud=pdf_inhoud("v1"), user=inkoper)
    url = "/procedures/jeugdhulp-voorzieningen/"
    html = _uit_de_cache(client, url, django_assert_num_queries)
    assert "Toelatingsdocument" in html and "Verduidelijking van eis 12" not in html

    gepubliceerde_versie(document, inhoud=pdf_inhoud("v2"), reden="Verduidelijking van eis 12", user=inkoper)
    assert "Verduidelijking van eis 12" in client.get(url).content.decode()
    api = client.get("/api/v1/procedures/jeugdhulp-voorzieningen").json()
    assert [v["nummer"] for v in api["documenten"][0]["versies"]] == [2, 1]


def test_tariefwijziging_verschijnt_meteen_in_productenboek_en_api(client, pagina, tussenvoorziening, inkoper,
                                                                    django_assert_num_queries):
    # 43B03 zwaar 2025: € 346,14 (003 r. 5326-5340); a correction to € 350,00 recorded through the service.
    url = "/procedures/jeugdhulp-voorzieningen/productenboek/2025/"
    api = "/api/v1/producten?procedure=jeugdhulp-voorzieningen&jaar=2025"
    html = _uit_de_cache(client, url, django_assert_num_queries)
    assert "€ 346,14" in html and "€ 350,00" not in html
    assert "346.14" in _uit_de_cache(client, api, django_assert_num_queries)

    tarief_vastleggen(product=tussenvoorziening, geldig_van=date(2025, 1, 1), bedrag=Decimal("350.00"),
                      intensiteit="zwaar", bron="correctie", door=inkoper)
    html = client.get(url).content.decode()
    assert "€ 350,00" in html and "€ 346,14" not in html
    bedragen = {r["tarief"] for r in client.get(api).json()["resultaten"] if r["intensiteit"] == "zwaar"}
    assert bedragen == {"350.00"}


def test_toelating_verschijnt_meteen_in_register_en_api(client, procedure, pagina, tussenvoorziening, contractmanager,
                                                         django_assert_num_queries):
    register = "/procedures/jeugdhulp-voorzieningen/register/"
    api = "/api/v1/aanbieders?procedure=jeugdhulp-voorzieningen"
    assert "Zorgkracht" not in _uit_de_cache(client, register, django_assert_num_queries)
    assert '"aantal": 0' in _uit_de_cache(client, api, django_assert_num_queries)

    org = OrganisatieFactory(naam="Zorgkracht Jeugd B.V.", plaats="Hilversum")
    overeenkomst_uit_toelating(organisatie=org, aanbesteding=procedure, percelen=[tussenvoorziening.perceel],
                               startdatum=date(2024, 1, 1), door=contractmanager)
    assert "Zorgkracht Jeugd B.V." in client.get(register).content.decode()
    assert [r["naam"] for r in client.get(api).json()["resultaten"]] == ["Zorgkracht Jeugd B.V."]


def test_uittreding_verschijnt_meteen_in_het_register(client, procedure, pagina, tussenvoorziening, contractmanager,
                                                       django_assert_num_queries):
    ovk = contracteer(procedure, tussenvoorziening.perceel, naam="De Brug Jeugdzorg")
    api = "/api/v1/aanbieders?procedure=jeugdhulp-voorzieningen"
    assert '"status": "actief"' in _uit_de_cache(client, api, django_assert_num_queries)

    gisteren = kalender.vandaag() - timedelta(days=1)
    uittreding = overeenkomst_beeindigen(overeenkomst=ovk, grond=Uittreding.Grond.WANPRESTATIE, einddatum=gisteren,
                                         toelichting="Ernstige tekortkoming, zie dossier.", door=contractmanager)
    uittreding_overdracht_bevestigen(uittreding=uittreding, overgedragen_op=gisteren, door=contractmanager)
    assert set(ovk.deelnames.values_list("status", flat=True)) == {Deelname.Status.BEEINDIGD}

    rij = client.get(api).json()["resultaten"][0]
    assert rij["status"] == "beëindigd"
    assert rij["einddatum"] == gisteren.isoformat()
    assert "beëindigd" in client.get("/procedures/jeugdhulp-voorzieningen/register/").content.decode()


def test_nieuwe_naam_van_een_aanbieder_verschijnt_meteen(client, procedure, pagina, tussenvoorziening,
                                                         django_assert_num_queries):
    ovk = contracteer(procedure, tussenvoorziening.perceel, naam="De Brug Jeugdzorg")
    register = "/procedures/jeugdhulp-voorzieningen/register/"
    assert "De Brug Jeugdzorg" in _uit_de_cache(client, register, django_assert_num_queries)
    beheerder = UserFactory()
    ovk.organisatie.lidmaatschappen.create(user=beheerder, rol="beheerder")
    organisatie_bijwerken(organisatie=ovk.organisatie, door=beheerder, naam="De Brug Jeugd en Gezin")
    html = client.get(register).content.decode()
    # The new name in the register; the old one only in the change history (old → new).
    assert "<td>De Brug Jeugdzorg</td><td>De Brug Jeugd en Gezin</td>" in html
    assert html.count("De Brug Jeugd en Gezin") >= 2


def test_verwijderde_pagina_verdwijnt_meteen(client, pagina, django_assert_num_queries):
    assert "Jeugdhulp Voorzieningen" in _uit_de_cache(client, "/procedures/", django_assert_num_queries)
    pagina.delete()
    assert "Jeugdhulp Voorzieningen" not in client.get("/procedures/").content.decode()


def test_concept_opslaan_laat_de_cache_staan(client, pagina, inkoper, django_assert_num_queries):
    _uit_de_cache(client, "/procedures/", django_assert_num_queries)
    pagina.title = "Nieuwe titel in concept"
    pagina.save_revision(user=inkoper)  # a draft: nothing public changes
    with django_assert_num_queries(0):
        assert "Nieuwe titel in concept" not in client.get("/procedures/").content.decode()
