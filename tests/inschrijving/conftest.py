"""A procedure like the Gooi Tussenvoorziening round (003): window closing 30-06-2023 10:00, a few percelen
with the source's dependencies and quota, and the evidence eisen with their maximum ages (003b §5)."""

from datetime import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from aanbesteding.models import Eis, Perceel
from core.kalender import TZ
from inschrijving import services
from tests.core.slechte_bestanden import geldige_pdf

from .factories import (
    AanbestedingFactory,
    EisFactory,
    PerceelFactory,
    ToetredingsmomentFactory,
    afhankelijkheid,
)

# Frozen "now" for most tests: a working day inside the window.
BINNEN_VENSTER = datetime(2023, 6, 20, 14, 0, tzinfo=TZ)
KVK_AFGIFTE = datetime(2023, 5, 2).date()


@pytest.fixture
def tijd():
    """Freeze time; call ``tijd(dt)`` to move. Starts inside the window."""
    with time_machine.travel(BINNEN_VENSTER, tick=False) as reiziger:
        def naar(moment):
            reiziger.move_to(moment, tick=False)
        naar.reiziger = reiziger
        yield naar


@pytest.fixture
def procedure(db):
    a = AanbestedingFactory(titel="Jeugdhulp Voorzieningen", slug="gooi-jeugdhulp")
    moment = ToetredingsmomentFactory(aanbesteding=a)
    p = SimpleNamespace(aanbesteding=a, moment=moment)
    for code, naam, volgorde in [("5.1", "Ambulante Jeugd GGZ", 1), ("5.3", "Snelle Inzetbare Hulp", 3),
                                 ("5.6", "Multi Systeem Therapie", 6), ("5.7", "Pleegzorg", 7),
                                 ("5.8", "Pleegzorg Aanvullend", 8), ("5.10", "Behandel- en leefgroepen", 10)]:
        setattr(p, "p" + code.replace(".", "_"), PerceelFactory(aanbesteding=a, code=code, naam=naam, volgorde=volgorde))
    p.p5_10_1 = PerceelFactory(aanbesteding=a, code="5.10.1", naam="Tussenvoorziening", volgorde=11, hoofdperceel=p.p5_10)
    # 003 r. 524: Pleegzorg always with Pleegzorg Aanvullend; r. 1181: MST needs 5.1; r. 514 / r. 522: quota.
    afhankelijkheid(p.p5_7, p.p5_8, "Pleegzorg altijd in combinatie met Pleegzorg Aanvullend")
    afhankelijkheid(p.p5_6, p.p5_1, "MST vereist een contract voor 5.1")
    Perceel.objects.filter(pk=p.p5_6.pk).update(quotum=1, wachtlijst=True)
    Perceel.objects.filter(pk=p.p5_3.pk).update(quotum=4, wachtlijst=False)
    p.p5_6.refresh_from_db()
    p.p5_3.refresh_from_db()
    # Eisen (003b §5): eigen verklaring, KvK ≤ 3 months (003 r. 609), Gedragsverklaring ≤ 24 months (VNG),
    # SKJ/BIG registration per member (Eis 41), a perceel eis for Pleegzorg.
    p.formulier_e = EisFactory(aanbesteding=a, code="Formulier E / art. 2.86", soort=Eis.Soort.UITSLUITINGSGROND,
                               titel="Geen faillissement of surseance",
                               antwoordtype=Eis.Antwoordtype.JA_NEE, volgorde=1)
    p.kvk = EisFactory(aanbesteding=a, code="TD 2.7", soort=Eis.Soort.GESCHIKTHEIDSEIS, antwoordtype=Eis.Antwoordtype.DOCUMENT,
                       documentsoort="kvk_uittreksel", max_leeftijd_maanden=3, volgorde=2,
                       tekst="Uittreksel KvK, niet ouder dan drie maanden.")
    p.gedragsverklaring = EisFactory(aanbesteding=a, code="TD 3.1 bewijs", soort=Eis.Soort.UITSLUITINGSGROND,
                                     antwoordtype=Eis.Antwoordtype.DOCUMENT, documentsoort="gedragsverklaring",
                                     max_leeftijd_maanden=24, volgorde=3, per_lid=True,
                                     titel="Gedragsverklaring aanbesteden")
    p.pleegzorg_plan = EisFactory(aanbesteding=a, perceel=p.p5_7, code="5.7 werkwijze", antwoordtype=Eis.Antwoordtype.TEKST, titel="Werkwijze pleegzorg",
                                  max_woorden=50, volgorde=4)
    return p


def pdf_upload(naam="kvk-uittreksel.pdf", paginas=2):
    return SimpleUploadedFile(naam, geldige_pdf(paginas), content_type="application/pdf")


@pytest.fixture
def concept(procedure, aanbieder, aanbieder_beheerder, tijd):
    """A draft of Zorgkracht Gooi B.V. for perceel 5.1 in the open window."""
    insch = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    services.percelen_kiezen(inschrijving=insch, percelen=[procedure.p5_1], door=aanbieder_beheerder)
    return insch


def maak_compleet(procedure, insch, door, *, kvk_afgifte=KVK_AFGIFTE):
    services.antwoord_opslaan(inschrijving=insch, eis=procedure.formulier_e, ja_nee=True, door=door)
    services.bewijs_uploaden_voor_eis(inschrijving=insch, eis=procedure.kvk, bestand=pdf_upload(), afgiftedatum=kvk_afgifte, door=door)
    services.bewijs_uploaden_voor_eis(inschrijving=insch, eis=procedure.gedragsverklaring, bestand=pdf_upload("gva.pdf"),
                                      afgiftedatum=datetime(2022, 1, 10).date(), door=door)
    insch.refresh_from_db()
    return insch


@pytest.fixture
def compleet(procedure, concept, aanbieder_beheerder):
    return maak_compleet(procedure, concept, aanbieder_beheerder)
