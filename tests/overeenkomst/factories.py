"""Factories for the overeenkomst tests: procedures shaped like Gooi (003a) and MLO (002) with real products
and tariffs from the sources (43B03 BHL zwaar/extra zwaar, 003 r. 5330-5340)."""

from datetime import date
from decimal import Decimal

import factory

from aanbesteding.models import Aanbesteding, DeelnemendeGemeente
from overeenkomst.models import Contractregels, Deelname, Overeenkomst
from tests import factories as basis
from tests.factories import GemeenteFactory, OrganisatieFactory

OpdrachtgeverFactory = basis.OpdrachtgeverFactory


class AanbestedingFactory(basis.AanbestedingFactory):
    titel = "Jeugdhulp Voorzieningen"
    status = Aanbesteding.Status.GESLOTEN
    looptijd_start = date(2022, 1, 1)
    # 003a §3.6: +2 years, announced by 1 September, objection before 1 October.
    verlenging_jaren = 2
    verlenging_max_keren = 2
    verlenging_aankondigen_maand = 9
    verlenging_aankondigen_dag = 1
    verlenging_bezwaar_maand = 10
    verlenging_bezwaar_dag = 1


class PerceelFactory(basis.PerceelFactory):
    aanbesteding = factory.SubFactory(AanbestedingFactory)
    code = factory.Sequence(lambda n: f"9.{n + 1}")


class ProductFactory(basis.ProductFactory):
    perceel = factory.SubFactory(PerceelFactory)
    categorie = "43"
    code = factory.Sequence(lambda n: f"43X{n % 100:02d}")
    naam = factory.Sequence(lambda n: f"Product {n}")
    eenheid = "etmaal"
    frequentie = "totaal"


class TariefFactory(basis.TariefFactory):
    product = factory.SubFactory(ProductFactory)
    bedrag = Decimal("100.00")


class OvereenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Overeenkomst

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    startdatum = date(2025, 1, 1)


class DeelnameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deelname

    overeenkomst = factory.SubFactory(OvereenkomstFactory)
    perceel = factory.SubFactory(PerceelFactory, aanbesteding=factory.SelfAttribute("..overeenkomst.aanbesteding"))
    startdatum = date(2025, 1, 1)


def gooi_procedure(regio=None, **velden):
    """A Gooi-shaped procedure: 5.10 Behandelgroep (BHL, 43B03 per etmaal) and 5.4 Dagbehandeling groep
    (41A11 per minuut), Contractregels with the 003a defaults, Hilversum and Huizen taking part in Jeugd.
    ``regio``: the region it belongs to (issue 17); else a region of its own."""
    ab = AanbestedingFactory(**({"regio": regio} if regio else {}), **velden)
    Contractregels.objects.create(aanbesteding=ab, uittredingsregime=Contractregels.Uittredingsregime.GOOI, opzegtermijn_maanden=3)
    for naam in ("Hilversum", "Huizen"):
        gemeente = GemeenteFactory(naam=f"{naam} {ab.pk}", regio=ab.regio)
        DeelnemendeGemeente.objects.create(aanbesteding=ab, gemeente=gemeente, domein="jeugd")
    bhl = PerceelFactory(aanbesteding=ab, code="5.10", naam="Behandelgroep (BHL)", volgorde=10)
    dag = PerceelFactory(aanbesteding=ab, code="5.4", naam="Dagbehandeling groep", volgorde=4)
    p43 = ProductFactory(perceel=bhl, categorie="43", code="43B03", naam="Behandelgroep", eenheid="etmaal")
    p41 = ProductFactory(perceel=dag, categorie="41", code="41A11", naam="Dagbehandeling groep Licht", eenheid="minuut")
    # 003 r. 5330-5340: 43B03 zwaar 2024 € 322,46 / 2025 € 346,14; extra zwaar 2024 € 410,61 / 2025 € 440,76.
    for intensiteit, bedragen in {"zwaar": ("322.46", "346.14"), "extra_zwaar": ("410.61", "440.76")}.items():
        TariefFactory(product=p43, intensiteit=intensiteit, geldig_van=date(2024, 1, 1), geldig_tot=date(2024, 12, 31), bedrag=Decimal(bedragen[0]))
        TariefFactory(product=p43, intensiteit=intensiteit, geldig_van=date(2025, 1, 1), geldig_tot=None, bedrag=Decimal(bedragen[1]))
    TariefFactory(product=p41, geldig_van=date(2025, 1, 1), geldig_tot=None, bedrag=Decimal("1.50"))
    return ab, bhl, dag


def mlo_procedure():
    ab = AanbestedingFactory(
        titel="Gespecialiseerde Jeugdhulp 2020", dossiernummer="MLO-GJH-2020", looptijd_start=date(2020, 1, 1),
        looptijd_einde=date(2027, 1, 1), verlenging_jaren=1, verlenging_aankondigen_maand=None,
        verlenging_aankondigen_dag=None, verlenging_bezwaar_maand=None, verlenging_bezwaar_dag=None,
    )
    Contractregels.objects.create(aanbesteding=ab, uittredingsregime=Contractregels.Uittredingsregime.MLO, opzegtermijn_maanden=1)
    perceel = PerceelFactory(aanbesteding=ab, code="ambulant", naam="Ambulante jeugdhulp", volgorde=1)
    product = ProductFactory(perceel=perceel, categorie="45", code="45A04", naam="Jeugdhulp ambulant", eenheid="minuut")
    TariefFactory(product=product, geldig_van=date(2025, 1, 1), geldig_tot=None, bedrag=Decimal("1.62"))
    return ab, perceel
