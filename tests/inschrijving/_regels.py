"""The Gooi lot rules and subcontracting caps on top of the package's procedure fixture (issue 19).

Imported by the test files that need them (``from ._regels import gooi_regels``): the package conftest is owned
elsewhere. Rules as in bronnen/gooi.py PERCEEL_AFHANKELIJKHEDEN and REGELS (003 r.512, r.514-520, r.665-691,
r.4632); the region's municipalities as in bronnen/regio.py (Eemnes buys Wmo only, 003 r.5070).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from aanbesteding.models import Aanbesteding, Perceel, Perceelregel
from core.kalender import TZ
from inschrijving.models import Inschrijving, InschrijvingPerceel
from organisaties.models import Gemeente

from .factories import PerceelFactory

GOOI_JEUGD = ("Blaricum", "Gooise Meren", "Hilversum", "Huizen", "Laren", "Wijdemeren")
GOOI_JEUGD_TEKST = "Blaricum, Gooise Meren, Hilversum, Huizen, Laren of Wijdemeren"


def regel(perceel, soort, groep=(), aantal=1, toelichting="", bron=""):
    r = Perceelregel.objects.create(perceel=perceel, soort=soort, aantal=aantal, toelichting=toelichting, bron=bron)
    r.percelen.set(groep)
    return r


def afgerond(aanbesteding, organisatie, perceel, toegelaten=True):
    """A decided earlier inschrijving with ``perceel`` admitted (a running admission, as toetsing records it)."""
    i = Inschrijving.objects.create(aanbesteding=aanbesteding, organisatie=organisatie,
                                    status=Inschrijving.Status.BESLOTEN, ingediend_op=datetime(2023, 1, 9, tzinfo=TZ))
    return InschrijvingPerceel.objects.create(inschrijving=i, perceel=perceel, toegelaten=toegelaten)


@pytest.fixture(name="gooi_regels")
def gooi_regels_fixture(procedure):
    """The package procedure (5.1, 5.3, 5.6, 5.7, 5.8, 5.10, 5.10.1) plus 5.2 and 5.9, with the Gooi rules."""
    p = procedure
    a = p.aanbesteding
    p.p5_2 = PerceelFactory(aanbesteding=a, code="5.2", naam="Ambulante Jeugdhulp", volgorde=2)
    p.p5_9 = PerceelFactory(aanbesteding=a, code="5.9", naam="Gezinshuizen", volgorde=9)
    p.gemeenten = {naam: Gemeente.objects.create(naam=naam, regio=a.regio) for naam in GOOI_JEUGD}
    p.gemeenten["Eemnes"] = Gemeente.objects.create(naam="Eemnes", regio=a.regio, doet_mee_jeugd=False)
    ambulant = [p.p5_1, p.p5_2, p.p5_6]
    verblijf = [p.p5_7, p.p5_8, p.p5_9, p.p5_10]
    # 003 r.512: inschrijvers voor Verblijf also bid on 5.1 and/or 5.2.
    for v in verblijf:
        regel(v, Perceelregel.Soort.EEN_VAN, [p.p5_1, p.p5_2], bron="003 r.512")
    # 003 r.514-520: 5.3 needs >= 2 extra ambulant and >= 2 residential lots, and a standplaats in the region.
    p.regel_ambulant = regel(p.p5_3, Perceelregel.Soort.MINIMAAL, [p.p5_3, *ambulant], 2, "extra ambulante percelen",
                             "003 r.514-520")
    p.regel_verblijf = regel(p.p5_3, Perceelregel.Soort.MINIMAAL, verblijf, 2, "verblijfspercelen", "003 r.514-520")
    regel(p.p5_3, Perceelregel.Soort.LOCATIE, bron="003 r.514")
    # 003 r.4632: the Tussenvoorziening lies within Hilversum, Huizen, Blaricum, Laren, Wijdemeren or Gooise Meren.
    regel(p.p5_10_1, Perceelregel.Soort.LOCATIE, bron="003 r.4632")
    # 003 r.665-691: at most 3 derden, 2 onderaannemers (none on 5.3; 5.7-5.9 exempt), zzp 10 %, onderaanneming 20 %.
    Aanbesteding.objects.filter(pk=a.pk).update(max_derden=3, max_onderaannemers=2, max_zzp_pct=Decimal("10"),
                                                max_onderaanneming_pct=Decimal("20"))
    Perceel.objects.filter(pk=p.p5_3.pk).update(onderaanneming=Perceel.Onderaanneming.VERBODEN)
    Perceel.objects.filter(pk__in=[p.p5_7.pk, p.p5_8.pk, p.p5_9.pk]).update(onderaanneming=Perceel.Onderaanneming.VRIJ)
    for perceel in (p.p5_3, p.p5_7, p.p5_8, p.p5_9):
        perceel.refresh_from_db()
    a.refresh_from_db()
    return p
