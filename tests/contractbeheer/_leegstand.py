"""Shared set-up of the leegstand tests: the Gooi procedure with sub-perceel 5.10.1 Tussenvoorziening and product
43B03 with the tariffs of the 2022-2025 e-mail (003 r.5330-5345), the six municipalities of the verdeelsleutel
(003 r.4200-4206), the rules of 003 loaded (so the regeling and the key come from bronnen.contractbeheer), and
the two providers of the source: Youké (extra zwaar) and Leger des Heils (zwaar), each with two beds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import time_machine

from bronnen import contractbeheer as bron
from contractbeheer import services
from contractbeheer.models import Leegstandsregeling
from contractbeheer.services import leegstand as diensten
from organisaties.models import Gemeente
from tests.overeenkomst.factories import PerceelFactory, ProductFactory, TariefFactory

from . import factories as f

GEMEENTEN = ("Hilversum", "Gooise Meren", "Huizen", "Wijdemeren", "Blaricum", "Laren")
# 003 r.5330-5345 (tarievenmail): Behandel- en Leefgroepen zwaar / extra zwaar per jaar.
TARIEVEN = {
    "zwaar": {2022: "294.94", 2023: "306.98", 2024: "322.46", 2025: "346.14"},
    "extra zwaar": {2022: "375.57", 2023: "390.90", 2024: "410.61", 2025: "440.76"},
}


@dataclass
class Wereld:
    aanbesteding: object
    perceel: object
    regeling: Leegstandsregeling
    youke: object
    youke_lid: object
    ldh: object
    ldh_lid: object
    bhl_ovk: object  # a provider on 5.10 only: no leegstand
    bhl_lid: object

    def gemeente(self, naam: str) -> Gemeente:
        return Gemeente.objects.get(naam=naam)


def wereld(regio) -> Wereld:
    ab, bhl, _ = f.gooi(regio)
    for naam in GEMEENTEN:
        Gemeente.objects.get_or_create(naam=naam, defaults={"regio": regio})
    tv = PerceelFactory(aanbesteding=ab, code="5.10.1", naam="Tussenvoorziening", hoofdperceel=bhl, volgorde=11)
    product = ProductFactory(perceel=tv, categorie="43", code="43B03", naam="Tussenvoorziening", eenheid="etmaal")
    for intensiteit, per_jaar in TARIEVEN.items():
        for jaar, bedrag in per_jaar.items():
            TariefFactory(product=product, intensiteit=intensiteit, geldig_van=date(jaar, 1, 1),
                          geldig_tot=date(jaar, 12, 31), bedrag=Decimal(bedrag))
    services.regels_laden(aanbesteding=ab, bron=bron.GOOI)
    regeling = Leegstandsregeling.objects.get(aanbesteding=ab, perceel=tv)
    youke, youke_lid = f.overeenkomst(ab, tv, naam="Youké Sterke Jeugd", start=date(2022, 1, 1))
    ldh, ldh_lid = f.overeenkomst(ab, tv, naam="Leger des Heils Midden-Nederland", start=date(2022, 1, 1))
    bhl_ovk, bhl_lid = f.overeenkomst(ab, bhl, naam="Behandelgroep Gooi", start=date(2022, 1, 1))
    return Wereld(ab, tv, regeling, youke, youke_lid, ldh, ldh_lid, bhl_ovk, bhl_lid)


def indienen(w: Wereld, ovk, lid, maand: date, *, bedden=2, bezet=0, intensiteit="extra_zwaar", op=None, **extra):
    """Submit the overview of ``maand`` with the clock at ``op`` (default: the 5th of the next month)."""
    op = op or date(maand.year + (maand.month == 12), maand.month % 12 + 1, 5)
    with time_machine.travel(f"{op.isoformat()} 10:00", tick=False):
        return diensten.overzicht_indienen(regeling=w.regeling, overeenkomst=ovk, maand=maand, bedden=bedden,
                                           etmalen_bezet=bezet, intensiteit=intensiteit, door=lid, **extra)
