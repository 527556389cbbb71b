"""Issue 17: the public site shows every region; a landing page per region at /regio/<slug>/ with its bureau,
municipalities and procedures; the region's colours as a stylesheet (no inline styles); a region filter."""

import pytest
from django.test import override_settings

from aanbesteding.models import Aanbesteding
from cms import huisstijl
from cms.selectors import gemeenten_per_domein, openbare_procedurepaginas, regio, regios
from organisaties.models import Regio
from tests.aanbesteding.factories import AanbestedingFactory
from tests.factories import GemeenteFactory, RegioFactory

from ._hulp import GEEN_CACHE, tel_queries
from .conftest import procedurepagina_voor

pytestmark = pytest.mark.django_db

_kvk = iter(range(30000000, 30099999))


def procedure_in(regio_obj, titel, slug, **kwargs):
    a = AanbestedingFactory(regio=regio_obj, titel=titel, slug=slug, opdrachtgever__kvk_nummer=str(next(_kvk)), **kwargs)
    procedurepagina_voor(a)
    return a


@pytest.fixture
def gooi(regio_a):
    Regio.objects.filter(pk=regio_a.pk).update(
        bureau_naam="Regionaal Inkoopbureau Gooi", contact_email="inkoop@gooi.example", contact_telefoon="035 123 45 67",
        website="https://gooi.example", postadres="Postbus 251, 1400 AG Bussum", intro="Wij kopen samen in.",
        kleur_primair="#0B5394", kleur_accent="#E69138",
    )
    regio_a.refresh_from_db()
    GemeenteFactory(naam="Hilversum", regio=regio_a)
    GemeenteFactory(naam="Eemnes", regio=regio_a, doet_mee_jeugd=False)
    return regio_a


def test_regiopagina_toont_bureau_gemeenten_en_procedures(client, gooi, regio_b):
    procedure_in(gooi, "Jeugdhulp Gooi", "jeugdhulp-gooi")
    procedure_in(regio_b, "Wmo Limburg", "wmo-mlo")
    antwoord = client.get("/regio/gooi/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "<h1>Gooi en Vechtstreek</h1>" in html
    for tekst in ("Regionaal Inkoopbureau Gooi", "mailto:inkoop@gooi.example", "035 123 45 67", "https://gooi.example",
                  "Postbus 251, 1400 AG Bussum", "Wij kopen samen in."):
        assert tekst in html
    # Eemnes buys Wmo only: it is listed under Wmo, not under Jeugdwet.
    jeugd, wmo = html.split("<h3>Jeugdwet</h3>")[1].split("<h3>Wmo 2015</h3>")
    assert "Hilversum" in jeugd and "Eemnes" not in jeugd
    assert "Eemnes" in wmo.split("</section>")[0]
    assert "/procedures/jeugdhulp-gooi/" in html
    assert "/procedures/jeugdhulp-gooi/productenboek/" in html
    assert "/procedures/jeugdhulp-gooi/register/" in html
    assert "Wmo Limburg" not in html  # another region's procedure is on its own region's page


def test_onbekende_regio_is_404(client, gooi):
    assert client.get("/regio/bestaat-niet/").status_code == 404
    assert client.get("/regio/bestaat-niet/huisstijl.css").status_code == 404
    assert client.get("/regio/gooi/").status_code == 200  # control


def test_regiopagina_niet_overschaduwd_door_wagtail(client, gooi):
    from django.urls import resolve

    assert resolve("/regio/gooi/").url_name == "regio"
    assert resolve("/regio/gooi/huisstijl.css").url_name == "huisstijl"


def test_procedures_in_voorbereiding_en_beeindigd(client, gooi):
    procedure_in(gooi, "Concept Gooi", "concept-gooi", status=Aanbesteding.Status.IN_VOORBEREIDING)
    procedure_in(gooi, "Oude procedure", "oud-gooi", status=Aanbesteding.Status.BEEINDIGD)
    procedure_in(gooi, "Lopende procedure", "lopend-gooi", status=Aanbesteding.Status.OPEN)
    html = client.get("/regio/gooi/").content.decode()
    assert "Concept Gooi" not in html
    assert "Lopende procedure" in html
    assert "Beëindigde procedures (1)" in html and "Oude procedure" in html


def test_regio_zonder_procedures(client, gooi):
    html = client.get("/regio/gooi/").content.decode()
    assert "geen lopende openbare procedures" in html


def test_huisstijl_als_stylesheet_zonder_inline_stijl(client, gooi):
    html = client.get("/regio/gooi/").content.decode()
    url = huisstijl.url(gooi)
    assert f'<link rel="stylesheet" href="{url}">' in html.replace("&amp;", "&")
    assert "style=" not in html
    assert "<style" not in html
    css = client.get(url)
    assert css.status_code == 200
    assert css["Content-Type"] == "text/css; charset=utf-8"
    assert css["X-Content-Type-Options"] == "nosniff"
    assert "max-age" in css["Cache-Control"]
    inhoud = css.content.decode()
    assert "--kleur-primair: #0B5394;" in inhoud
    assert "--kleur-accent: #E69138;" in inhoud


def test_huisstijl_url_verandert_met_de_kleur(gooi):
    voor = huisstijl.url(gooi)
    gooi.kleur_primair = "#123456"
    assert huisstijl.url(gooi) != voor
    assert huisstijl.url(gooi).startswith("/regio/gooi/huisstijl.css?v=")


@pytest.mark.parametrize("vijandig", [
    "red;}bo", "#fff</s", "#12345g", "#12 456", "u(x)", "",
])
def test_vijandige_kleur_buiten_de_validatie_om_bereikt_de_css_niet(client, gooi, vijandig):
    # A raw update skips the model's validation: the stylesheet must check again and fall back to the default.
    Regio.objects.filter(pk=gooi.pk).update(kleur_primair=vijandig, kleur_accent=vijandig)
    inhoud = client.get("/regio/gooi/huisstijl.css").content.decode()
    assert f"--kleur-primair: {huisstijl.STANDAARD_PRIMAIR};" in inhoud
    assert f"--kleur-accent: {huisstijl.STANDAARD_ACCENT};" in inhoud
    for teken in ("}", "<", "(", ";}"):
        assert inhoud.count(teken) <= 1 if teken == "}" else teken not in inhoud


def test_vijandige_kleur_rechtstreeks(gooi):
    gooi.kleur_primair = "#fff;}body{x:y}"
    gooi.kleur_accent = "url(javascript:alert(1))"
    css = huisstijl.stylesheet(gooi)
    assert "body" not in css and "url(" not in css
    assert css == f":root {{\n  --kleur-primair: {huisstijl.STANDAARD_PRIMAIR};\n  --kleur-accent: {huisstijl.STANDAARD_ACCENT};\n}}\n"


def test_kleur_met_te_weinig_contrast_valt_terug(client, gooi):
    # Geel met wit haalt geen 4,5:1; het model weigert het, en buiten het model om valt de stylesheet terug.
    Regio.objects.filter(pk=gooi.pk).update(kleur_primair="#FFFF00")
    assert f"--kleur-primair: {huisstijl.STANDAARD_PRIMAIR};" in client.get("/regio/gooi/huisstijl.css").content.decode()


def test_veilige_kleur():
    assert huisstijl.veilige_kleur("#AbCdEf", "#000000") == "#AbCdEf"
    assert huisstijl.veilige_kleur("#AbCdEf\n", "#000000") == "#000000"
    assert huisstijl.veilige_kleur(None, "#000000") == "#000000"


def test_procedurepagina_draagt_de_huisstijl_en_linkt_naar_de_regio(client, gooi):
    procedure_in(gooi, "Jeugdhulp Gooi", "jeugdhulp-gooi")
    html = client.get("/procedures/jeugdhulp-gooi/").content.decode()
    assert huisstijl.url(gooi) in html.replace("&amp;", "&")
    assert '<a href="/regio/gooi/">Gooi en Vechtstreek</a>' in html
    assert "style=" not in html
    for deel in ("productenboek/2025/", "register/"):
        assert huisstijl.url(gooi) in client.get(f"/procedures/jeugdhulp-gooi/{deel}").content.decode().replace("&amp;", "&")


def test_logo_als_rendition_met_alt(client, gooi):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    logo = Image.objects.create(title="Logo Gooi", file=get_test_image_file())
    Regio.objects.filter(pk=gooi.pk).update(logo=logo)
    html = client.get("/regio/gooi/").content.decode()
    assert 'alt="Regionaal Inkoopbureau Gooi (logo)"' in html
    assert "/images/" in html or "/media/" in html


def test_overzicht_toont_alle_regios_met_link_en_filter(client, gooi, regio_b):
    procedure_in(gooi, "Jeugdhulp Gooi", "jeugdhulp-gooi")
    procedure_in(regio_b, "Wmo Limburg", "wmo-mlo")
    html = client.get("/procedures/").content.decode()
    assert "Jeugdhulp Gooi" in html and "Wmo Limburg" in html
    assert '<a href="/regio/gooi/">Gooi en Vechtstreek</a>' in html
    assert '<a href="/regio/mlo/">Midden-Limburg Oost</a>' in html
    assert '<option value="mlo">Midden-Limburg Oost</option>' in html
    gefilterd = client.get("/procedures/", {"regio": "mlo"}).content.decode()
    assert "Wmo Limburg" in gefilterd and "Jeugdhulp Gooi" not in gefilterd
    assert '<option value="mlo" selected>' in gefilterd
    assert "/regio/mlo/huisstijl.css" in gefilterd


def test_overzicht_met_onbekende_regio(client, gooi):
    procedure_in(gooi, "Jeugdhulp Gooi", "jeugdhulp-gooi")
    html = client.get("/procedures/", {"regio": "nergens"}).content.decode()
    assert "Deze regio bestaat niet." in html
    assert "Jeugdhulp Gooi" not in html


def test_homepagina_linkt_naar_de_regio(client, gooi):
    procedure_in(gooi, "Jeugdhulp Gooi", "jeugdhulp-gooi")
    assert '<a href="/regio/gooi/">Gooi en Vechtstreek</a>' in client.get("/").content.decode()


def test_selectors(gooi, regio_b):
    procedure_in(gooi, "Jeugdhulp Gooi", "jeugdhulp-gooi")
    procedure_in(regio_b, "Wmo Limburg", "wmo-mlo")
    assert [p.aanbesteding.titel for p in openbare_procedurepaginas(regio=regio_b)] == ["Wmo Limburg"]
    assert len(openbare_procedurepaginas()) == 2
    assert [r.slug for r in regios()] == ["gooi", "mlo"]
    assert regio("gooi") == gooi and regio("x") is None
    assert gemeenten_per_domein(gooi) == {"Jeugdwet": ["Hilversum"], "Wmo 2015": ["Eemnes", "Hilversum"]}


def _vul(aantal_regios, procedures_per_regio):
    eerste = None
    for i in range(aantal_regios):
        r = RegioFactory(naam=f"Testregio {i}", slug=f"testregio-{i}")
        eerste = eerste or r
        GemeenteFactory(regio=r)
        for j in range(procedures_per_regio):
            procedure_in(r, f"Procedure {i}-{j}", f"procedure-{i}-{j}")
    return eerste


@override_settings(CACHES=GEEN_CACHE)
def test_vast_aantal_queries_overzicht_en_regiopagina(client):
    _vul(2, 1)
    klein = (tel_queries(client, "/procedures/"), tel_queries(client, "/procedures/", regio="testregio-0"),
             tel_queries(client, "/regio/testregio-0/"))
    _vul(10, 0)
    for i in range(2):
        for j in range(1, 5):
            procedure_in(Regio.objects.get(slug=f"testregio-{i}"), f"Extra {i}-{j}", f"extra-{i}-{j}")
    groot = (tel_queries(client, "/procedures/"), tel_queries(client, "/procedures/", regio="testregio-0"),
             tel_queries(client, "/regio/testregio-0/"))
    assert groot == klein
