"""The after-commit mails of the contract talks and the signals (contractbeheer/tasks/gesprekken.py, signalen.py):
who gets them, what they say, and that each goes out once — also when the task runs again or its object is gone."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from contractbeheer.models import Signaal
from contractbeheer.services import gesprekken as gesprekken_services
from contractbeheer.services import signalen as services
from contractbeheer.tasks import gesprekken as gesprek_taken
from contractbeheer.tasks import signalen as taken
from organisaties.models import Rol
from organisaties.rollen import CONTRACTMANAGER, INKOPER
from tests.factories import LidmaatschapFactory, UserFactory

from ._gesprekken import MAANDAG, gemeente_medewerker, wereld

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(MAANDAG, tick=False):
        yield


@pytest.fixture
def w(regio_a, regio_b):
    return wereld(regio_a, regio_b)


@pytest.fixture
def consulent(regio_a):
    return gemeente_medewerker(regio_a, email="consulent@venlo.example")


def _signaal(w, door, **velden):
    gegevens = {"organisatie": w.ovk.organisatie, "gemeente": w.gemeenten[0], "bron": "verwijzer", "trap": 3,
                "onderwerp": "Start zorg uitgesteld", "omschrijving": "Derde uitstel.", "kenmerk_melder": "ST-7",
                **velden}
    return services.signaal_doorgeven(door=door, **gegevens)


class TestContractmanagers:
    def test_alleen_contractmanagers_van_de_regio_en_van_alle_regio_s(self, regio_a, regio_b, contractmanager_a,
                                                                      contractmanager_b, inkoper_a, contractmanager):
        inactief = UserFactory(groepen=[CONTRACTMANAGER], groepen__regios=[regio_a], is_active=False)
        zonder_groep = UserFactory(groepen=[INKOPER], groepen__regios=[regio_a])
        ontvangers = taken.contractmanagers(regio_a)
        assert ontvangers == sorted([contractmanager_a.email, contractmanager.email])
        assert inactief.email not in ontvangers and zonder_groep.email not in ontvangers
        assert contractmanager_b.email not in ontvangers and inkoper_a.email not in ontvangers

    def test_mail_bij_trap_3_met_gemeente_en_bron(self, w, consulent, contractmanager_a):
        s = _signaal(w, consulent)
        assert taken.signaal_contractmanagers_versturen(s.pk) is True
        bericht = mail.outbox[-1]
        assert bericht.to == [contractmanager_a.email]
        assert bericht.subject == "Signaal over Zorgkracht Jeugd: Start zorg uitgesteld"
        assert w.gemeenten[0].naam in bericht.body and "Verwijzer" in bericht.body
        assert "ST-7" not in bericht.body  # the sender's case number is for the provider's follow-up, not a mail
        assert taken.signaal_contractmanagers_versturen(s.pk) is False

    def test_geen_mail_bij_trap_1_zonder_ernst_hoog(self, w, consulent, contractmanager_a):
        s = _signaal(w, consulent, trap=1)
        assert taken.signaal_contractmanagers_versturen(s.pk) is False
        services.signaal_triage(signaal=s, ernst="midden", behandelaar=contractmanager_a, door=contractmanager_a)
        assert taken.signaal_contractmanagers_versturen(s.pk) is False
        assert mail.outbox == []

    def test_trap_3_en_daarna_ernst_hoog_eenmaal(self, w, consulent, contractmanager_a,
                                                  django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            s = _signaal(w, consulent)
            services.signaal_triage(signaal=s, ernst="hoog", behandelaar=contractmanager_a, door=contractmanager_a)
        assert len(mail.outbox) == 1

    def test_weg_signaal(self):
        assert taken.signaal_contractmanagers_versturen(999999) is False


class TestTerugkoppeling:
    def test_naar_de_melder_met_kenmerk_en_status(self, w, consulent, contractmanager_a):
        s = _signaal(w, consulent, trap=1)
        s = services.signaal_niet_ontvankelijk(signaal=s, reden="Eerst zelf aanspreken.", door=contractmanager_a)
        stap = s.stappen.get(soort="terugkoppeling")
        assert taken.signaal_terugkoppeling_versturen(stap.pk) is True
        bericht = mail.outbox[-1]
        assert bericht.to == [consulent.email]
        assert "uw kenmerk ST-7" in bericht.body and "Niet in behandeling genomen" in bericht.body
        assert "Eerst zelf aanspreken." in bericht.body
        assert taken.signaal_terugkoppeling_versturen(stap.pk) is False

    def test_geen_mail_voor_een_interne_stap_of_zonder_melder(self, w, consulent, contractmanager_a):
        s = _signaal(w, consulent)
        services.signaal_triage(signaal=s, ernst="laag", behandelaar=contractmanager_a, door=contractmanager_a)
        notitie = services.signaal_notitie(signaal=s, tekst="Intern.", door=contractmanager_a)
        assert taken.signaal_terugkoppeling_versturen(notitie.pk) is False
        services.signaal_terugkoppelen(signaal=s, terugkoppeling="Tussenstand.", door=contractmanager_a)
        Signaal.objects.filter(pk=s.pk).update(gemeld_door=None)
        stap = s.stappen.get(soort="terugkoppeling")
        assert taken.signaal_terugkoppeling_versturen(stap.pk) is False
        assert mail.outbox == []


class TestGesprekken:
    def test_naar_contactadres_en_beheerders_niet_medewerkers(self, w, contractmanager_a):
        org = w.ovk.organisatie
        org.contact_email = "info@zorgkracht.example"
        org.save()
        medewerker = LidmaatschapFactory(organisatie=org, rol=Rol.MEDEWERKER).user
        g = gesprekken_services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + timedelta(days=2),
                                                door=contractmanager_a)
        assert gesprek_taken.gesprek_gepland_versturen(g.pk) is True
        bericht = mail.outbox[-1]
        assert set(bericht.to) == {"info@zorgkracht.example", w.lid.email}
        assert medewerker.email not in bericht.to
        assert bericht.subject == f"Contractgesprek op 11-03-2026 – {w.mlo.titel}"
        assert "Inkoopbureau" in bericht.body

    def test_verslagmail_alleen_voor_een_gehouden_gesprek(self, w, contractmanager_a):
        g = gesprekken_services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + timedelta(days=2),
                                                door=contractmanager_a)
        assert gesprek_taken.gesprek_verslag_versturen(g.pk) is False
        gesprekken_services.verslag_vastleggen(gesprek=g, verslag="Besproken.", deelnemers="Bureau",
                                               gehouden_op=MAANDAG, door=contractmanager_a)
        assert gesprek_taken.gesprek_verslag_versturen(g.pk) is True
        assert "09-03-2026" in mail.outbox[-1].body
        assert gesprek_taken.gesprek_gepland_versturen(g.pk) is False  # held: no invitation any more

    def test_weg_gesprek(self):
        assert gesprek_taken.gesprek_gepland_versturen(999999) is False
        assert gesprek_taken.gesprek_verslag_versturen(999999) is False
