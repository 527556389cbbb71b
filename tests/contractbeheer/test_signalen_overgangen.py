"""The signal's status machine as the services use it (000 r.737-749): from every state a signal can be in, which
follow-up each service allows and which it refuses — and a refused step changes nothing (status, timeline,
audit trail, mails)."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from contractbeheer.models import Maatregel, Onderzoek, Signaal, Signaalstap, Trede
from contractbeheer.services import signalen as services
from core.models import AuditRegel

from ._gesprekken import MAANDAG, gemeente_medewerker, wereld

pytestmark = pytest.mark.django_db

S = Signaal.Status
STATUSSEN = [S.ONTVANGEN, S.IN_BEHANDELING, S.MAATREGEL, S.AFGEHANDELD, S.NIET_ONTVANKELIJK]


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(MAANDAG, tick=False):
        yield


@pytest.fixture
def w(regio_a, regio_b):
    return wereld(regio_a, regio_b)


@pytest.fixture
def consulent(regio_a):
    return gemeente_medewerker(regio_a)


def _in_status(w, consulent, cm, status) -> Signaal:
    """A signal brought into ``status`` through the services, as the bureau would."""
    s = services.signaal_doorgeven(
        organisatie=w.ovk.organisatie, gemeente=w.gemeenten[0], bron="gemeente", trap=3, onderwerp="Plan ontbreekt",
        omschrijving="Geen plan na drie verzoeken.", door=consulent)
    if status == S.ONTVANGEN:
        return s
    if status == S.NIET_ONTVANKELIJK:
        return services.signaal_niet_ontvankelijk(signaal=s, reden="Eerst zelf aanspreken.", door=cm)
    s = services.signaal_triage(signaal=s, ernst="midden", behandelaar=cm, door=cm)
    if status == S.MAATREGEL:
        m = Maatregel.objects.create(overeenkomst=w.ovk, trede=Trede.WAARSCHUWING, gronden="Herhaald.",
                                     grondslag="003 §7.11", voornemen_op=MAANDAG,
                                     zienswijze_uiterlijk=date(2026, 3, 23), signaal=s)
        s = services.signaal_koppelen_aan_maatregel(signaal=s, maatregel=m, door=cm)
    if status == S.AFGEHANDELD:
        s = services.signaal_terugkoppelen(signaal=s, terugkoppeling="Besproken.", afhandelen=True, door=cm)
    assert s.status == status
    return s


def _triage(s, cm, w):
    return services.signaal_triage(signaal=s, ernst="laag", behandelaar=cm, door=cm)


def _niet_ontvankelijk(s, cm, w):
    return services.signaal_niet_ontvankelijk(signaal=s, reden="Niet van toepassing.", door=cm)


def _besproken(s, cm, w):
    return services.signaal_besproken(signaal=s, tekst="Gebeld met de teamleider.", door=cm)


def _terugkoppelen(s, cm, w):
    return services.signaal_terugkoppelen(signaal=s, terugkoppeling="Tussenstand.", door=cm)


def _afhandelen(s, cm, w):
    return services.signaal_terugkoppelen(signaal=s, terugkoppeling="Klaar.", afhandelen=True, door=cm)


def _notitie(s, cm, w):
    return services.signaal_notitie(signaal=s, tekst="Notitie.", door=cm)


def _onderzoek(s, cm, w):
    o = Onderzoek.objects.create(overeenkomst=w.ovk, signaal="Continuïteit", signaal_gemeld_op=date(2026, 3, 2),
                                 reactie_uiterlijk=date(2026, 3, 16), gestart_door=cm)
    return services.signaal_onderzoek_koppelen(signaal=s, onderzoek=o, door=cm)


# service -> the states from which it is allowed
TOEGESTAAN = {
    _triage: {S.ONTVANGEN},
    _niet_ontvankelijk: {S.ONTVANGEN},
    _besproken: {S.IN_BEHANDELING, S.MAATREGEL},
    _terugkoppelen: {S.IN_BEHANDELING, S.MAATREGEL},
    _afhandelen: {S.IN_BEHANDELING, S.MAATREGEL},
    _notitie: set(STATUSSEN),  # a note is always possible, also on a closed signal
    _onderzoek: {S.ONTVANGEN, S.IN_BEHANDELING, S.MAATREGEL},
}
MATRIX = [(f, st) for f in TOEGESTAAN for st in STATUSSEN]


@pytest.mark.parametrize(("functie", "status"), MATRIX, ids=lambda x: getattr(x, "__name__", str(x)))
def test_matrix(w, consulent, contractmanager_a, functie, status, django_capture_on_commit_callbacks):
    s = _in_status(w, consulent, contractmanager_a, status)
    stappen, regels = Signaalstap.objects.count(), AuditRegel.objects.count()
    mail.outbox.clear()
    if status in TOEGESTAAN[functie]:
        functie(s, contractmanager_a, w)
        assert Signaalstap.objects.count() > stappen and AuditRegel.objects.count() == regels + 1
    else:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
            functie(s, contractmanager_a, w)
        s.refresh_from_db()
        assert s.status == status
        assert Signaalstap.objects.count() == stappen and AuditRegel.objects.count() == regels
        assert mail.outbox == []


@pytest.mark.parametrize("status", STATUSSEN)
def test_elke_status_heeft_een_label_voor_de_melder(status):
    assert Signaal.Status(status).label


def test_eindtoestanden_hebben_een_terugkoppeling(w, consulent, contractmanager_a):
    for status in (S.AFGEHANDELD, S.NIET_ONTVANKELIJK):
        s = _in_status(w, consulent, contractmanager_a, status)
        assert s.terugkoppeling and s.afgehandeld_op == MAANDAG
        assert s.stappen.filter(soort=Signaalstap.Soort.TERUGKOPPELING, intern=False).exists()


def test_tweede_maatregel_laat_het_signaal_zoals_het_is(w, consulent, contractmanager_a):
    s = _in_status(w, consulent, contractmanager_a, S.MAATREGEL)
    m = Maatregel.objects.create(overeenkomst=w.ovk, trede=Trede.STOP_NIEUWE_CLIENTEN, gronden="Opnieuw.",
                                 grondslag="003 §7.11", voornemen_op=MAANDAG, zienswijze_uiterlijk=date(2026, 3, 23),
                                 signaal=s)
    stappen = s.stappen.count()
    s = services.signaal_koppelen_aan_maatregel(signaal=s, maatregel=m, door=contractmanager_a)
    assert s.status == S.MAATREGEL and s.stappen.count() == stappen


def test_maatregel_over_een_andere_aanbieder_geweigerd(w, consulent, contractmanager_a):
    s = _in_status(w, consulent, contractmanager_a, S.IN_BEHANDELING)
    m = Maatregel.objects.create(overeenkomst=w.andere_ovk, trede=Trede.WAARSCHUWING, gronden="Herhaald.",
                                 grondslag="003 §7.11", voornemen_op=MAANDAG, zienswijze_uiterlijk=date(2026, 3, 23))
    with pytest.raises(ValidationError):
        services.signaal_koppelen_aan_maatregel(signaal=s, maatregel=m, door=contractmanager_a)
    s.refresh_from_db()
    assert s.status == S.IN_BEHANDELING
