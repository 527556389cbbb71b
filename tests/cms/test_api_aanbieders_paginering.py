"""/api/v1/aanbieders pages in SQL (issue 15): the same JSON as before, main contractors first and then the
subcontractors, pages that together give every line once, and a constant number of queries a page."""

from datetime import date

import pytest

from overeenkomst.models import Clientenstop, Deelname, Onderaannemer, Overeenkomst
from overeenkomst.selectors import register_van
from tests.aanbesteding.factories import PerceelFactory, ProductFactory
from tests.factories import OrganisatieFactory

from ._hulp import GEEN_CACHE, tel_queries

pytestmark = pytest.mark.django_db

AANBIEDERS = "/api/v1/aanbieders"


@pytest.fixture(autouse=True)
def _zonder_cache(settings):
    settings.CACHES = GEEN_CACHE


def _maak(procedure, percelen, van, tot, *, onder_elke=3):
    for i in range(van, tot):
        org = OrganisatieFactory(naam=f"Aanbieder {i:03d}")
        ovk = Overeenkomst.objects.create(aanbesteding=procedure, organisatie=org, startdatum=date(2023, 1, 1))
        for perceel in percelen[: 1 + i % len(percelen)]:
            d = Deelname.objects.create(overeenkomst=ovk, perceel=perceel, startdatum=date(2023, 1, 1))
            if i % onder_elke == 0:
                Onderaannemer.objects.create(deelname=d, naam=f"Onder {i:03d}", kvk_nummer=f"{60000000 + i:08d}",
                                             plaats="Laren", vanaf=date(2024, 1, 1))


@pytest.fixture
def percelen(procedure, tussenvoorziening):
    dag = PerceelFactory(aanbesteding=procedure, code="5.4", naam="Dagbehandeling", volgorde=4)
    ProductFactory(perceel=dag, categorie="41", code="41A11")
    ProductFactory(perceel=dag, categorie="41", code="41A02")
    return [tussenvoorziening.perceel, dag]


def _alle_paginas(client, procedure, per_pagina, **extra):
    rijen, pagina = [], 1
    while True:
        data = client.get(AANBIEDERS, {"procedure": procedure.slug, "pagina": pagina, "per_pagina": per_pagina, **extra}).json()
        rijen += data["resultaten"]
        if data["volgende"] is None:
            return data, rijen
        assert f"pagina={pagina + 1}" in data["volgende"]
        pagina += 1


def test_paginas_samen_geven_elke_regel_een_keer_hoofdaannemers_eerst(client, procedure, percelen):
    _maak(procedure, percelen, 0, 120)
    laatste, rijen = _alle_paginas(client, procedure, 50)
    assert laatste["aantal"] == 160 and laatste["pagina"] == 4 and laatste["vorige"].endswith("pagina=3&per_pagina=50")
    assert [r["naam"] for r in rijen] == [f"Aanbieder {i:03d}" for i in range(120)] + [f"Onder {i:03d}" for i in range(0, 120, 3)]
    assert [r["soort"] for r in rijen] == ["hoofdaannemer"] * 120 + ["onderaannemer"] * 40


def test_elke_regel_gelijk_aan_het_volledige_register(client, procedure, percelen):
    """Per line the same percelen, product codes, dates and status as register_van (the one implementation)."""
    _maak(procedure, percelen, 0, 30)
    ovk = Overeenkomst.objects.get(organisatie__naam="Aanbieder 001")
    d = ovk.deelnames.get(perceel=percelen[1])
    d.status = Deelname.Status.CLIENTENSTOP
    d.save()
    Clientenstop.objects.create(deelname=d, van=date(2025, 1, 1), tot=date(2025, 6, 30), reden="vol")
    eind = Overeenkomst.objects.get(organisatie__naam="Aanbieder 002")
    eind.deelnames.update(status=Deelname.Status.BEEINDIGD, einddatum=date(2025, 3, 31))
    # The register of 2025 (?jaar=, issue 19): Aanbieder 002 ended in it and is on it; without ?jaar= the API gives
    # the current year, where it is not.
    _, rijen = _alle_paginas(client, procedure, 7, jaar=2025)
    verwacht = sorted(register_van(procedure, jaar=2025), key=lambda r: r.rol != "hoofdaannemer")  # stable: main first
    assert len(rijen) == len(verwacht) == 40
    for rij, regel in zip(rijen, verwacht, strict=True):
        assert (rij["naam"], rij["soort"], rij["hoofdaannemer"]) == (regel.naam, regel.rol, regel.hoofdaannemer or "")
        assert rij["productcodes"] == regel.productcodes
        assert [p["code"] for p in rij["percelen"]] == [p.code for p in regel.percelen]
        assert (rij["status"], rij["einddatum"]) == (regel.status_label, regel.einddatum.isoformat() if regel.einddatum else "")
    rij = next(r for r in rijen if r["naam"] == "Aanbieder 001")
    assert rij["productcodes"] == ["41A02", "41A11", "43B03"] and rij["status"] == "actief"
    assert {p["code"]: p["status"] for p in rij["percelen"]} == {"5.10.1": "actief", "5.4": "clientenstop"}
    rij = next(r for r in rijen if r["naam"] == "Aanbieder 002")
    assert (rij["status"], rij["einddatum"]) == ("beëindigd", "2025-03-31")


def test_vorm_van_een_regel_blijft_gelijk(client, procedure, percelen):
    _maak(procedure, percelen, 0, 1)
    data = client.get(AANBIEDERS, {"procedure": procedure.slug}).json()
    assert set(data) == {"procedure", "regio", "regio_slug", "jaar", "aantal", "pagina", "per_pagina", "volgende", "vorige",
                         "resultaten"}
    hoofd, onder = data["resultaten"]
    # Issue 19 added (nothing removed): jaar, producten (text with restrictions) and the published contact details.
    assert set(hoofd) == {"soort", "naam", "vestigingsplaats", "agb_code", "kvk_nummer", "hoofdaannemer", "percelen",
                          "productcodes", "startdatum", "einddatum", "status", "procedure", "regio", "regio_slug",
                          "jaar", "producten", "contact_email", "contact_telefoon"}
    assert onder["soort"] == "onderaannemer" and onder["hoofdaannemer"] == "Aanbieder 000"
    assert onder["vestigingsplaats"] == "Laren" and onder["startdatum"] == "2024-01-01"


def test_pagina_voorbij_het_einde_404(client, procedure, percelen):
    _maak(procedure, percelen, 0, 60)
    antwoord = client.get(AANBIEDERS, {"procedure": procedure.slug, "pagina": 3})  # 80 lines: 2 pages
    assert antwoord.status_code == 404 and antwoord.json() == {"fout": "Deze pagina bestaat niet."}


def test_grens_tussen_hoofd_en_onderaannemers_binnen_een_pagina(client, procedure, percelen):
    _maak(procedure, percelen, 0, 45)  # 45 main contractors + 15 subcontractors
    data = client.get(AANBIEDERS, {"procedure": procedure.slug, "pagina": 2, "per_pagina": 20}).json()
    namen = [r["naam"] for r in data["resultaten"]]
    assert namen == [f"Aanbieder {i:03d}" for i in range(20, 40)]
    data = client.get(AANBIEDERS, {"procedure": procedure.slug, "pagina": 3, "per_pagina": 20}).json()
    assert [r["naam"] for r in data["resultaten"]] == [f"Aanbieder {i:03d}" for i in range(40, 45)] + [
        f"Onder {i:03d}" for i in range(0, 45, 3)]


def test_een_pagina_kost_evenveel_queries_bij_weinig_en_veel_aanbieders(client, procedure, percelen,
                                                                        django_assert_max_num_queries):
    _maak(procedure, percelen, 0, 6)
    eerste = {"procedure": procedure.slug, "per_pagina": 5}
    grens = {"procedure": procedure.slug, "per_pagina": 5, "pagina": 2}  # main contractors and subcontractors
    klein = [tel_queries(client, AANBIEDERS, **eerste), tel_queries(client, AANBIEDERS, **grens)]
    _maak(procedure, percelen, 6, 148)
    groot_grens = {"procedure": procedure.slug, "per_pagina": 5, "pagina": 30}  # 148 main: page 30 has both kinds
    assert [tel_queries(client, AANBIEDERS, **eerste), tel_queries(client, AANBIEDERS, **groot_grens)] == klein
    with django_assert_max_num_queries(12):
        client.get(AANBIEDERS, {"procedure": procedure.slug, "per_pagina": 500, "pagina": 1})
