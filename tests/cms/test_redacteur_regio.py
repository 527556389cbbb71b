"""Issue 17: a Redacteur of region A edits only region A's procedure pages; other pages stay shared.

Every refusal has its control: the same screen for the own region's page works.
"""

import pytest
from wagtail.models import Page

from cms.models import HomePage, InhoudPagina, ProcedureIndexPage
from cms.redactie import PAGINA_ID_ARGUMENTEN, pagina_in_bereik, paginabereik, regiogrens
from tests.aanbesteding.factories import AanbestedingFactory

from .conftest import procedurepagina_voor

pytestmark = pytest.mark.django_db


@pytest.fixture
def pagina_a(regio_a):
    return procedurepagina_voor(AanbestedingFactory(regio=regio_a, titel="Jeugdhulp Gooi", slug="jeugdhulp-gooi"))


@pytest.fixture
def pagina_b(regio_b):
    return procedurepagina_voor(AanbestedingFactory(
        regio=regio_b, titel="Wmo Midden-Limburg", slug="wmo-mlo", opdrachtgever__kvk_nummer="77777777",
    ))


@pytest.fixture
def als_redacteur_a(staff_client, redacteur_a):
    return staff_client(redacteur_a)


SCHERMEN = [
    "/admin/pages/{id}/edit/",
    "/admin/pages/{id}/history/",
    "/admin/pages/{id}/revisions/",
    "/admin/pages/{id}/edit/preview/",
    "/admin/pages/{id}/view_draft/",
    "/admin/pages/{id}/usage/",
    "/admin/pages/{id}/unpublish/",
    "/admin/pages/{id}/delete/",
    "/admin/pages/{id}/copy/",
    "/admin/pages/{id}/move/",
    "/admin/pages/{id}/lock/",
    "/admin/pages/{id}/workflow_history/",
    "/admin/pages/{id}/",
]


@pytest.mark.parametrize("scherm", SCHERMEN)
def test_scherm_van_andere_regio_is_404_en_van_eigen_regio_niet(als_redacteur_a, pagina_a, pagina_b, scherm):
    assert als_redacteur_a.get(scherm.format(id=pagina_b.pk)).status_code == 404
    # Control: the own region's page is not refused by the boundary (its own rules may redirect or 405).
    assert als_redacteur_a.get(scherm.format(id=pagina_a.pk)).status_code != 404


def test_bewerken_eigen_regio_toont_formulier(als_redacteur_a, pagina_a, pagina_b):
    antwoord = als_redacteur_a.get(f"/admin/pages/{pagina_a.pk}/edit/")
    assert antwoord.status_code == 200
    assert "Jeugdhulp Gooi" in antwoord.content.decode()


def test_opslaan_op_pagina_van_andere_regio_is_404_en_wijzigt_niets(als_redacteur_a, pagina_b):
    antwoord = als_redacteur_a.post(f"/admin/pages/{pagina_b.pk}/edit/", {"title": "Gekaapt", "action-publish": "1"})
    assert antwoord.status_code == 404
    pagina_b.refresh_from_db()
    assert pagina_b.title == "Wmo Midden-Limburg"
    assert not pagina_b.has_unpublished_changes


def test_gegokt_pagina_id_en_vreemde_pagina_zijn_niet_te_onderscheiden(als_redacteur_a, pagina_b):
    vreemd = als_redacteur_a.get(f"/admin/pages/{pagina_b.pk}/edit/")
    bestaat_niet = als_redacteur_a.get("/admin/pages/999999/edit/")
    assert vreemd.status_code == bestaat_niet.status_code == 404


def test_redacteur_van_alle_regios_bewerkt_beide(staff_client, redacteur, pagina_a, pagina_b):
    client = staff_client(redacteur)
    assert client.get(f"/admin/pages/{pagina_a.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{pagina_b.pk}/edit/").status_code == 200


def test_verkenner_toont_alleen_eigen_procedurepaginas(als_redacteur_a, pagina_a, pagina_b):
    index = ProcedureIndexPage.objects.get()
    html = als_redacteur_a.get(f"/admin/pages/{index.pk}/").content.decode()
    assert "Jeugdhulp Gooi" in html
    assert "Wmo Midden-Limburg" not in html


def test_zoeken_in_beheer_toont_geen_procedurepagina_van_andere_regio(als_redacteur_a, pagina_a, pagina_b):
    html = als_redacteur_a.get("/admin/pages/search/", {"q": "Wmo"}).content.decode()
    assert "Wmo Midden-Limburg" not in html
    html = als_redacteur_a.get("/admin/pages/search/", {"q": "Jeugdhulp"}).content.decode()
    assert "Jeugdhulp Gooi" in html


def test_inhoudspaginas_blijven_voor_elke_redacteur(als_redacteur_a, pagina_b):
    toegankelijkheid = InhoudPagina.objects.get(slug="toegankelijkheid")
    assert als_redacteur_a.get(f"/admin/pages/{toegankelijkheid.pk}/edit/").status_code == 200
    assert als_redacteur_a.get(f"/admin/pages/{HomePage.objects.get().pk}/edit/").status_code == 200
    index = ProcedureIndexPage.objects.get()
    assert als_redacteur_a.get(f"/admin/pages/{index.pk}/edit/").status_code == 200


def test_rechten_op_de_pagina_zelf(redacteur_a, pagina_a, pagina_b):
    """Bulk actions and dashboard panels ask the page's tester, not the URL: it grants nothing on region B."""
    assert pagina_a.permissions_for_user(redacteur_a).can_edit()
    vreemd = Page.objects.get(pk=pagina_b.pk)  # a plain Page, as listings load them
    tester = vreemd.permissions_for_user(redacteur_a)
    assert not tester.can_edit()
    assert not tester.can_delete()
    assert not tester.can_unpublish()


def test_paginabeleid_laat_procedurepagina_van_andere_regio_weg(redacteur_a, pagina_a, pagina_b):
    from wagtail.permissions import policy_registry

    beleid = policy_registry.get_by_type(Page)
    ids = set(beleid.instances_user_has_any_permission_for(redacteur_a, {"change"}).values_list("pk", flat=True))
    assert pagina_a.pk in ids
    assert pagina_b.pk not in ids
    verkenbaar = set(beleid.explorable_instances(redacteur_a).values_list("pk", flat=True))
    assert pagina_a.pk in verkenbaar
    assert pagina_b.pk not in verkenbaar
    assert beleid.user_has_permission_for_instance(redacteur_a, "change", pagina_a)
    assert not beleid.user_has_permission_for_instance(redacteur_a, "change", pagina_b)


def test_bulkactie_op_pagina_van_andere_regio_doet_niets(als_redacteur_a, pagina_b):
    url = f"/admin/bulk/wagtailcore/page/unpublish/?id={pagina_b.pk}"
    als_redacteur_a.post(url, {})
    pagina_b.refresh_from_db()
    assert pagina_b.live


def test_kiezer_biedt_alleen_procedures_van_eigen_regio(als_redacteur_a, regio_a, regio_b):
    eigen = AanbestedingFactory(regio=regio_a, titel="Nieuwe Gooise procedure", slug="nieuw-gooi")
    AanbestedingFactory(regio=regio_b, titel="Nieuwe Limburgse procedure", slug="nieuw-mlo",
                        opdrachtgever__kvk_nummer="66666666")
    index = ProcedureIndexPage.objects.get()
    antwoord = als_redacteur_a.get(f"/admin/pages/add/cms/procedurepage/{index.pk}/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Nieuwe Gooise procedure" in html
    assert "Nieuwe Limburgse procedure" not in html
    assert f'value="{eigen.pk}"' in html


def test_formulier_weigert_procedure_van_andere_regio(redacteur_a, regio_b):
    from cms.models import ProcedurePage

    vreemd = AanbestedingFactory(regio=regio_b, slug="vreemd", opdrachtgever__kvk_nummer="55555555")
    form_class = ProcedurePage.get_edit_handler().get_form_class()
    form = form_class(
        {"title": "Vreemd", "slug": "vreemd", "aanbesteding": str(vreemd.pk)},
        instance=ProcedurePage(), parent_page=ProcedureIndexPage.objects.get(), for_user=redacteur_a,
    )
    assert not form.is_valid()
    assert "aanbesteding" in form.errors


def test_bereik_hulpjes(redacteur_a, redacteur, regio_a, pagina_a, pagina_b, platformbeheerder):
    assert paginabereik(redacteur_a).ids == {regio_a.pk}
    assert paginabereik(redacteur).alle
    assert paginabereik(platformbeheerder).leeg
    assert pagina_in_bereik(redacteur_a, pagina_a.pk)
    assert not pagina_in_bereik(redacteur_a, pagina_b.pk)
    assert pagina_in_bereik(redacteur_a, ProcedureIndexPage.objects.get().pk)  # not region-bound
    assert pagina_in_bereik(redacteur_a, 999999)  # no such page: Wagtail answers 404 itself
    assert "page_id" in PAGINA_ID_ARGUMENTEN


def test_regiogrens_om_view(rf, redacteur_a, pagina_a, pagina_b):
    from django.http import Http404, HttpResponse

    view = regiogrens(lambda request, **kw: HttpResponse("ok"))
    verzoek = rf.get("/")
    verzoek.user = redacteur_a
    assert view(verzoek, page_id=pagina_a.pk).content == b"ok"
    with pytest.raises(Http404):
        view(verzoek, page_id=pagina_b.pk)


def test_verkenner_regiogrens_kost_geen_query_per_pagina(als_redacteur_a, regio_a, regio_b, monkeypatch):
    """The explorer asks every listed page's tester. Wagtail itself checks descendants per row (2 queries); the
    region boundary must add nothing per page: the growth is the same with and without it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.models import ProcedurePage

    index = ProcedureIndexPage.objects.get()
    kvk = iter(range(50000000, 50099999))

    def maak(regio, n):
        for _ in range(n):
            procedurepagina_voor(AanbestedingFactory(
                regio=regio, slug=f"{regio.slug}-{next(kvk)}", opdrachtgever__kvk_nummer=str(next(kvk)),
            ))

    def tel():
        als_redacteur_a.get(f"/admin/pages/{index.pk}/")
        with CaptureQueriesContext(connection) as ctx:
            assert als_redacteur_a.get(f"/admin/pages/{index.pk}/").status_code == 200
        return len(ctx.captured_queries)

    maak(regio_a, 2)
    maak(regio_b, 2)
    voor = tel()
    maak(regio_a, 3)
    maak(regio_b, 3)
    groei_met_grens = tel() - voor
    monkeypatch.setattr(ProcedurePage, "permissions_for_user", Page.permissions_for_user)
    voor = tel()
    maak(regio_a, 3)
    groei_zonder_grens = tel() - voor
    assert groei_met_grens == groei_zonder_grens
