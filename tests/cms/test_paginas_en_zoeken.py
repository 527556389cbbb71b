"""Public pages, the site search at /zoeken/, selectors, template filters and the vraag form (issue 3)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.template import Context, Template

from aanbesteding.models import Aanbesteding
from cms.forms import VraagForm
from cms.inrichting import zorg_voor_publieke_site
from cms.models import HomePage, InhoudPagina, ProcedureIndexPage, ProcedurePage, homepage_blokken
from cms.selectors import openbare_procedurepaginas
from cms.templatetags.publiek import euro, procent
from cms.zoeken import MAX, zoek
from tests.aanbesteding.factories import (
    AanbestedingFactory,
    PerceelFactory,
    ProcedureDocumentFactory,
    ProductFactory,
)

from ._hulp import tel_queries
from .conftest import procedurepagina_voor

pytestmark = pytest.mark.django_db


# --- template filters ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("waarde", "tekst"), [
    (Decimal("7.3"), "+7,3 %"), (Decimal("-1.0"), "-1,0 %"), (Decimal("0"), "0 %"), (None, ""),
])
def test_procent_met_komma_en_teken(waarde, tekst):
    assert procent(waarde) == tekst


@pytest.mark.parametrize(("waarde", "tekst"), [
    (Decimal("1234.5"), "€ 1.234,50"), ("71.38", "€ 71,38"), (None, ""), ("", ""), (0, "€ 0,00"),
])
def test_euro_filter(waarde, tekst):
    assert euro(waarde) == tekst


def test_filters_in_een_template():
    html = Template("{% load publiek %}{{ b|euro }} {{ p|procent }}").render(
        Context({"b": Decimal("346.14"), "p": Decimal("7.3")}))
    assert html == "€ 346,14 +7,3 %"


# --- pages and selectors ---------------------------------------------------------------------------------

def test_openbare_procedurepaginas_nieuwste_looptijd_eerst_zonder_concept_en_concepten(procedure, pagina):
    nieuwer = AanbestedingFactory(slug="wmo-2025", titel="Wmo 2025", looptijd_start=date(2025, 1, 1))
    procedurepagina_voor(nieuwer)
    concept = AanbestedingFactory(slug="concept", status=Aanbesteding.Status.IN_VOORBEREIDING)
    procedurepagina_voor(concept)
    niet_live = AanbestedingFactory(slug="niet-live")
    procedurepagina_voor(niet_live, live=False)
    assert [p.slug for p in openbare_procedurepaginas()] == ["wmo-2025", "jeugdhulp-voorzieningen"]


def test_openbare_procedurepaginas_vast_aantal_queries(procedure, pagina):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            regios = [p.aanbesteding.regio.naam for p in openbare_procedurepaginas()]
        return len(ctx.captured_queries), len(regios)

    weinig, een = tel()
    for i in range(5):
        procedurepagina_voor(AanbestedingFactory(slug=f"p-{i}"))
    assert tel() == (weinig, een + 5)


def test_homepagina_zonder_procedures_heeft_geen_blok(db):
    assert homepage_blokken() == []


def test_homepagina_blok_met_procedures(procedure, pagina):
    blokken = homepage_blokken()
    assert len(blokken) == 1
    assert blokken[0]["template"] == "cms/blokken/procedures.html"
    assert [p.pk for p in blokken[0]["paginas"]] == [pagina.pk]


def test_procedure_overzicht_op_procedures(client, procedure, pagina):
    html = client.get("/procedures/").content.decode()
    assert "Jeugdhulp Voorzieningen</a> (SD005)" in html
    assert "31-12-2028" in html


def test_procedure_overzicht_leeg_in_het_nederlands(client, db):
    assert "Er zijn nog geen openbare procedures." in client.get("/procedures/").content.decode()


def test_homepagina_nodigt_anoniem_uit_een_account_te_maken(client, aanbieder_beheerder, db):
    assert "Maak een account aan" in client.get("/").content.decode()
    client.force_login(aanbieder_beheerder)
    assert "Maak een account aan" not in client.get("/").content.decode()


def test_inrichting_is_idempotent(db):
    from wagtail.models import GroupPagePermission, WorkflowPage

    voor = (ProcedureIndexPage.objects.count(), InhoudPagina.objects.count(), GroupPagePermission.objects.count(),
            WorkflowPage.objects.count())
    zorg_voor_publieke_site()
    zorg_voor_publieke_site()
    na = (ProcedureIndexPage.objects.count(), InhoudPagina.objects.count(), GroupPagePermission.objects.count(),
          WorkflowPage.objects.count())
    assert na == voor
    assert ProcedureIndexPage.objects.get().slug == "procedures"
    assert InhoudPagina.objects.filter(slug="toegankelijkheid").exists()


def test_inrichting_geeft_inkoper_en_redacteur_geen_publicatierecht(db):
    from wagtail.models import GroupPagePermission

    codes = set(GroupPagePermission.objects.filter(group__name__in=["Inkoper", "Redacteur"])
                .values_list("permission__codename", flat=True))
    assert codes == {"add_page", "change_page"}


def test_procedurepagina_alleen_onder_het_overzicht():
    assert ProcedurePage.parent_page_types == ["cms.ProcedureIndexPage"]
    assert ProcedurePage.subpage_types == []
    assert HomePage.max_count == 1 and ProcedureIndexPage.max_count == 1


@pytest.mark.parametrize("pad", ["nvi/99/", "nvi/99/pdf/", "documenten/bestaat-niet/", "documenten/bestaat-niet/v1/"])
def test_onbekende_onderdelen_404(client, pagina, pad):
    assert client.get(f"/procedures/jeugdhulp-voorzieningen/{pad}").status_code == 404


# --- VraagForm -------------------------------------------------------------------------------------------

def test_vraagformulier_kiest_alleen_uit_eigen_percelen_en_documenten(procedure):
    eigen = PerceelFactory(aanbesteding=procedure, code="5.1")
    vreemd = PerceelFactory(aanbesteding=AanbestedingFactory(slug="ander"), code="9.9")
    doc = ProcedureDocumentFactory(aanbesteding=procedure)
    form = VraagForm({"tekst": "Vraag", "perceel": vreemd.pk}, aanbesteding=procedure)
    assert not form.is_valid()
    assert "Selecteer een geldige keuze" in form.errors["perceel"][0]
    assert list(form.fields["perceel"].queryset) == [eigen]
    assert list(form.fields["document"].queryset) == [doc]


def test_vraagformulier_lege_en_te_lange_vraag(procedure):
    assert "tekst" in VraagForm({"tekst": ""}, aanbesteding=procedure).errors
    te_lang = VraagForm({"tekst": "x" * 5001}, aanbesteding=procedure)
    assert "Zorg dat deze waarde niet meer dan 5000 tekens bevat" in te_lang.errors["tekst"][0]


# --- zoeken ----------------------------------------------------------------------------------------------

def test_zoekpagina_zonder_zoekterm_toont_alleen_het_formulier(client, db):
    html = client.get("/zoeken/").content.decode()
    assert "Zoek in procedures, documenten en producten" in html
    assert 'role="status"' not in html
    assert 'role="status"' not in client.get("/zoeken/", {"q": "   "}).content.decode()


def test_zoekterm_wordt_afgekapt_op_200_tekens(client, db):
    antwoord = client.get("/zoeken/", {"q": "a" * 300})
    assert antwoord.context["q"] == "a" * 200


def test_zoekterm_wordt_ge_escaped(client, db):
    html = client.get("/zoeken/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_zoeken_geeft_nul_resultaten_in_het_nederlands(client, db):
    assert '0 resultaten voor "onvindbaar"' in client.get("/zoeken/", {"q": "onvindbaar"}).content.decode()


def test_zoeken_koppelt_product_aan_productenboek_van_de_procedure(client, procedure, pagina, tussenvoorziening):
    call_command("update_index", verbosity=0)
    html = client.get("/zoeken/", {"q": "Tussenvoorziening"}).content.decode()
    assert '/procedures/jeugdhulp-voorzieningen/productenboek/?q=43B03' in html


def test_zoeken_toont_geen_documenten_van_procedure_zonder_live_pagina(procedure):
    ProcedureDocumentFactory(aanbesteding=procedure, titel="Verborgen bijlage", slug="bijlage")
    call_command("update_index", verbosity=0)
    assert zoek("Verborgen").documenten == []


def test_zoeken_vindt_inhoudspagina(db):
    call_command("update_index", verbosity=0)
    resultaten = zoek("toegankelijkheid")
    assert any(p.slug == "toegankelijkheid" for p in resultaten.paginas)
    assert resultaten.aantal == len(resultaten.paginas) + len(resultaten.documenten) + len(resultaten.producten)


def test_zoeken_begrenst_het_aantal_producten(procedure, pagina):
    perceel = PerceelFactory(aanbesteding=procedure, code="5.1")
    for i in range(MAX + 5):
        ProductFactory(perceel=perceel, categorie="45", code=f"45{i:03d}", naam=f"Ambulant {i}")
    call_command("update_index", verbosity=0)
    assert len(zoek("Ambulant").producten) == MAX


def test_zoeken_constant_aantal_queries(client, procedure, pagina):
    perceel = PerceelFactory(aanbesteding=procedure, code="5.1")
    for i in range(3):
        ProductFactory(perceel=perceel, categorie="45", code=f"45{i:03d}", naam=f"Ambulant {i}")
    call_command("update_index", verbosity=0)
    weinig = tel_queries(client, "/zoeken/", q="Ambulant")
    for i in range(3, 20):
        ProductFactory(perceel=perceel, categorie="45", code=f"45{i:03d}", naam=f"Ambulant {i}")
    call_command("update_index", verbosity=0)
    assert tel_queries(client, "/zoeken/", q="Ambulant") == weinig
