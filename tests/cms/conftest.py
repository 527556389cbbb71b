from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache

from aanbesteding.models import DeelnemendeGemeente
from cms.models import ProcedureIndexPage, ProcedurePage
from overeenkomst.models import Deelname, Onderaannemer, Overeenkomst
from tests.aanbesteding.factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory
from tests.factories import GemeenteFactory, OrganisatieFactory


@pytest.fixture(autouse=True)
def _lege_cache():
    # The API is cached (locmem in tests): every test starts without earlier answers.
    cache.clear()
    yield
    cache.clear()


def procedurepagina_voor(aanbesteding, live=True) -> ProcedurePage:
    index = ProcedureIndexPage.objects.get()
    pagina = ProcedurePage(title=aanbesteding.titel, slug=aanbesteding.slug, aanbesteding=aanbesteding, live=live)
    index.add_child(instance=pagina)
    return pagina


@pytest.fixture
def procedure(db):
    # From 1-1-2021 as the Gooi demo (aanbesteding/demo.py): the tariffs of 2022-2025 lie within the term, and the
    # product book shows only years of the term (issue 19).
    return AanbestedingFactory(titel="Jeugdhulp Voorzieningen", slug="jeugdhulp-voorzieningen",
                               looptijd_start=date(2021, 1, 1))


@pytest.fixture
def pagina(procedure):
    return procedurepagina_voor(procedure)


@pytest.fixture
def tussenvoorziening(procedure):
    """43B03 Tussenvoorziening under 5.10 with the tariffs 2022-2025 of the tariff e-mail (003 r. 5326-5340)."""
    hoofd = PerceelFactory(aanbesteding=procedure, code="5.10", naam="Behandelgroep Verblijf", volgorde=10)
    sub = PerceelFactory(aanbesteding=procedure, code="5.10.1", naam="Tussenvoorziening", hoofdperceel=hoofd, volgorde=11)
    product = ProductFactory(perceel=sub, categorie="43", code="43B03", naam="Tussenvoorziening", eenheid="etmaal")
    bedragen = {
        "zwaar": ("294.94", "306.98", "322.46", "346.14"),
        "extra zwaar": ("375.57", "390.90", "410.61", "440.76"),
    }
    for intensiteit, reeks in bedragen.items():
        for jaar, bedrag in zip(range(2022, 2026), reeks, strict=True):
            TariefFactory(product=product, intensiteit=intensiteit, geldig_van=date(jaar, 1, 1),
                          geldig_tot=date(jaar, 12, 31), bedrag=Decimal(bedrag))
    return product


def contracteer(aanbesteding, perceel, *, naam, plaats="Hilversum", onderaannemer=None, status=Deelname.Status.ACTIEF):
    org = OrganisatieFactory(naam=naam, plaats=plaats)
    ovk = Overeenkomst.objects.create(aanbesteding=aanbesteding, organisatie=org, startdatum=date(2023, 1, 1))
    deelname = Deelname.objects.create(overeenkomst=ovk, perceel=perceel, startdatum=date(2023, 1, 1), status=status)
    if onderaannemer:
        Onderaannemer.objects.create(deelname=deelname, naam=onderaannemer, kvk_nummer="87654321", plaats="Huizen",
                                     vanaf=date(2024, 1, 1))
    return ovk


@pytest.fixture
def gemeente_hilversum(procedure):
    gemeente = GemeenteFactory(naam="Hilversum", regio=procedure.regio)
    DeelnemendeGemeente.objects.create(aanbesteding=procedure, gemeente=gemeente, domein="jeugd")
    return gemeente
