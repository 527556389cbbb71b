"""Shared set-up for the verantwoording tests: MLO (002) and Gooi (003) with the duties over 2025 created, a
member of the provider, SROI turnover, a valid PDF and the filled template."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from contractbeheer import services
from contractbeheer.models import Verantwoording
from sroi.models import SroiOmzet
from tests.core.slechte_bestanden import geldige_pdf
from tests.overeenkomst.factories import ProductFactory

from . import factories as f

AMS = ZoneInfo("Europe/Amsterdam")
JAAR = 2025


def moment(jaar, maand, dag, uur=12, minuut=0) -> datetime:
    return datetime(jaar, maand, dag, uur, minuut, tzinfo=AMS)


@dataclass
class Wereld:
    aanbesteding: object
    overeenkomst: object
    lid: object
    gemeenten: list
    percelen: list
    producten: list = field(default_factory=list)

    def plicht(self, soort: str, gemeente=None) -> Verantwoording:
        qs = Verantwoording.objects.filter(overeenkomst=self.overeenkomst, eis__soort=soort, jaar=JAAR)
        if gemeente is not None:
            qs = qs.filter(gemeente=gemeente)
        elif qs.filter(gemeente__isnull=False).exists():
            qs = qs.filter(gemeente=self.gemeenten[0])
        return qs.select_related("eis", "overeenkomst__aanbesteding").get()


def mlo_wereld(regio=None, *, naam="Zorgkracht Jeugd") -> Wereld:
    """MLO with Venlo and Horst aan de Maas; a provider on the ambulant perceel (45A04) since 2024, plus a
    second product on that perceel and one on a perceel the provider does not take part in."""
    ab, perceel, gemeenten = f.mlo(regio)
    ov, lid = f.overeenkomst(ab, perceel, naam=naam)
    extra = ProductFactory(perceel=perceel, categorie="45", code="45A05", naam="Jeugdhulp ambulant specialistisch",
                           eenheid="minuut")
    ProductFactory(perceel__aanbesteding=ab, perceel__code="verblijf", categorie="43", code="43A01",
                   naam="Verblijf", eenheid="etmaal")
    services.verantwoordingen_aanmaken(JAAR, aanbesteding=ab)
    producten = sorted([perceel.producten.get(code="45A04"), extra], key=lambda p: p.code)
    return Wereld(ab, ov, lid, gemeenten, [perceel], producten)


def gooi_wereld(regio=None) -> Wereld:
    """Gooi (no threshold: always a controleverklaring) with a provider on BHL (43B03)."""
    ab, bhl, dag = f.gooi(regio)
    ov, lid = f.overeenkomst(ab, bhl, naam="Behandelgroep Gooi")
    services.verantwoordingen_aanmaken(JAAR, aanbesteding=ab)
    return Wereld(ab, ov, lid, [], [bhl, dag], list(bhl.producten.all()))


def sroi_omzet(wereld: Wereld, bedrag: str, jaar: int = JAAR) -> SroiOmzet:
    """SROI turnover as the provider reported it (sroi owns the table: written through its service)."""
    from sroi import services as sroi_services

    sroi_services.omzet_vastleggen(overeenkomst=wereld.overeenkomst, door=wereld.lid, jaar=jaar,
                                   omzet=Decimal(bedrag))
    return SroiOmzet.objects.get(overeenkomst=wereld.overeenkomst, jaar=jaar)


def pdf(naam="verklaring.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, geldige_pdf(1), content_type="application/pdf")


def xlsx(rijen, *, kop=("productcode", "productnaam", "eenheid", "aantal", "omzet"), naam="cijfers.xlsx",
         formules=()) -> SimpleUploadedFile:
    """A workbook like the filled template; ``formules``: (row, column) cells to fill with a formula."""
    from openpyxl import Workbook

    wb = Workbook()
    blad = wb.active
    blad.title = "Verantwoording"
    blad.append(list(kop))
    for rij in rijen:
        blad.append(list(rij))
    for r, k in formules:
        blad.cell(row=r, column=k, value="=1+1")
    uit = io.BytesIO()
    wb.save(uit)
    return SimpleUploadedFile(naam, uit.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def csv_bestand(tekst: str, naam="cijfers.csv", codering="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, tekst.encode(codering), content_type="text/csv")


def datum(*a) -> date:
    return date(*a)
