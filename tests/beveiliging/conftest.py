"""One organisation (A = ``aanbieder``) with an object of every kind a provider URL can address, so the
security tests can request every object URL as A (control: reachable) and as B (``andere_aanbieder``: 404).

Built with plain ORM calls and the apps' own factories, without freezing time: the window of the
inschrijving closed in 2023, so nothing here is sealed.
"""

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from core.kalender import TZ
from inschrijving.models import (
    Antwoord,
    Herstelverzoek,
    Inschrijving,
    InschrijvingPerceel,
    Lid,
    ProcesVerbaalOpening,
)
from organisaties.models import Rol, Uitnodiging
from overeenkomst.models import Addendum, AddendumReactie, Overeenkomst
from sroi import services as sroi_services
from sroi.models import SroiPlan, Waarderingsregel
from tests.core.slechte_bestanden import geldige_pdf
from tests.factories import LidmaatschapFactory
from tests.inschrijving.factories import (
    AanbestedingFactory,
    BewijsstukFactory,
    EisFactory,
    PerceelFactory,
    ToetredingsmomentFactory,
)
from tests.sroi.factories import met_regime, pdf_upload
from toetsing.models import Besluit

PDF = geldige_pdf(1)


def _pdf(naam="bestand.pdf"):
    return ContentFile(PDF, name=naam)


@pytest.fixture
def wereld(aanbieder, aanbieder_beheerder, andere_aanbieder, andere_beheerder, contractmanager):
    w = SimpleNamespace(org=aanbieder, beheerder=aanbieder_beheerder, andere_org=andere_aanbieder,
                        andere_beheerder=andere_beheerder)

    # --- procedure, round (closed 30-06-2023), perceel, eis ---
    ab = AanbestedingFactory(titel="Jeugdhulp Gooi (beveiliging)", looptijd_start=date(2023, 1, 1),
                             looptijd_einde=date(2028, 12, 31))
    tm = ToetredingsmomentFactory(aanbesteding=ab)
    perceel = PerceelFactory(aanbesteding=ab, code="5.1", naam="Ambulante Jeugd GGZ", volgorde=1)
    eis = EisFactory(aanbesteding=ab, code="TD 2.7", antwoordtype="document", documentsoort="kvk_uittreksel")
    w.aanbesteding, w.moment, w.perceel, w.eis = ab, tm, perceel, eis

    # --- submitted inschrijving with evidence, member, herstel, receipt, proces-verbaal ---
    insch = Inschrijving.objects.create(
        aanbesteding=ab, organisatie=aanbieder, toetredingsmoment=tm, status=Inschrijving.Status.INGEDIEND,
        ingediend_op=datetime(2023, 6, 29, 9, 0, tzinfo=TZ), ingediend_door=aanbieder_beheerder,
        pv_opgevraagd_op=datetime(2023, 7, 3, 9, 0, tzinfo=TZ),
    )
    insch.ontvangstbewijs.save("ontvangst.pdf", _pdf(), save=True)
    InschrijvingPerceel.objects.create(inschrijving=insch, perceel=perceel)
    stuk = BewijsstukFactory(organisatie=aanbieder)
    antwoord = Antwoord.objects.create(inschrijving=insch, eis=eis)
    antwoord.bewijsstukken.add(stuk)
    lid = Lid.objects.create(inschrijving=insch, rol="onderaannemer", naam="Kompaan", kvk_nummer="12345678")
    herstel = Herstelverzoek.objects.create(inschrijving=insch, vraag="Stuur het KvK-uittreksel opnieuw.",
                                            deadline=timezone.now() + timedelta(days=5))
    pv = ProcesVerbaalOpening(toetredingsmoment=tm, sha256="0" * 64)
    pv.bestand.save("pv.pdf", _pdf(), save=False)
    pv.save()
    w.inschrijving, w.bewijsstuk, w.lid, w.herstel, w.pv = insch, stuk, lid, herstel, pv

    # --- a draft (for the edit steps) ---
    w.concept = Inschrijving.objects.create(
        aanbesteding=AanbestedingFactory(titel="Wmo Begeleiding"), organisatie=aanbieder,
    )

    # --- decision, sent, with letter ---
    besluit = Besluit(inschrijving=insch, aanbesteding=ab, genomen_op=timezone.now(), status=Besluit.Status.VERZONDEN,
                      verzonden_op=timezone.now(), brief_sha256="0" * 64)
    besluit.brief.save("besluit.pdf", _pdf(), save=False)
    besluit.save()
    w.besluit = besluit

    # --- agreement with an addendum to answer, under an SROI regime (MLO, 002 art. 17) ---
    met_regime(ab, "mlo")
    ovk = Overeenkomst.objects.create(aanbesteding=ab, organisatie=aanbieder, startdatum=date(2023, 1, 1))
    addendum = Addendum.objects.create(aanbesteding=ab, titel="Wijziging artikel 8", tekst="Artikel 8.1 luidt ...",
                                       ingangsdatum=date(2027, 1, 1), status=Addendum.Status.GEPUBLICEERD, nummer=1,
                                       opgesteld_door=contractmanager, goedgekeurd_door=contractmanager,
                                       gepubliceerd_op=timezone.now())
    w.reactie = AddendumReactie.objects.create(addendum=addendum, overeenkomst=ovk)
    w.overeenkomst = ovk

    # --- SROI: plan, activity with evidence, report ---
    plan = SroiPlan(overeenkomst=ovk, originele_naam="plan.pdf", grootte=len(PDF), sha256="0" * 64)
    plan.bestand.save("plan.pdf", _pdf(), save=False)
    plan.save()
    regel = Waarderingsregel.objects.filter(tabel__aanbesteding=ab, code="b1").first()
    act = sroi_services.activiteit_registreren(
        overeenkomst=ovk, regel=regel, door=aanbieder_beheerder, omschrijving="Snuffelstage",
        startdatum=date(2024, 3, 1), aantal=1, persoon_referentie="K-2024-001",
    )
    sroi_services.bewijs_toevoegen(activiteit=act, bestand=pdf_upload(1, "contract.pdf"), soort="contract",
                                   door=aanbieder_beheerder)
    sroi_services.rapportages_bijwerken(ovk)
    w.plan, w.activiteit, w.sroi_bewijs = plan, act, act.bewijsstukken.get()
    w.rapportage = ovk.sroi_rapportages.order_by("pk").first()

    # --- members and invitations of A ---
    w.lidmaatschap = LidmaatschapFactory(organisatie=aanbieder, rol=Rol.MEDEWERKER)
    w.uitnodiging = Uitnodiging.objects.create(organisatie=aanbieder, email="nieuw@zorgkracht.example",
                                               verloopt_op=timezone.now() + timedelta(days=7))
    return w
