"""The letters of a measure (issue 14; ADR 0015/0017): made after commit, sealed with the bureau's key, registered
for /verifieren/, stored privately on the measure; the provider is mailed that a letter is ready, never its
content. A failing seal leaves letter and mail to the next run."""

import hashlib
import io

import pytest
import time_machine
from django.core import mail
from pypdf import PdfReader

from contractbeheer.models import Maatregel
from contractbeheer.services import handhaving as services
from contractbeheer.tasks import handhaving as tasks
from core import zegel
from core.models import AuditRegel, Zegelregistratie

from ._handhaving import NA_TERMIJN, opleggen, voornemen, wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def _inhoud(veld) -> bytes:
    with veld.open("rb") as f:
        return f.read()


def _tekst(inhoud: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)


def test_brief_voornemen_verzegeld_na_commit(w, contractmanager_a, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        m = voornemen(w.ovk, contractmanager_a, 1, gronden="Drie gegronde klachten – € 75 schade.")
    m.refresh_from_db()
    inhoud = _inhoud(m.brief_voornemen)
    uitslag = zegel.controleren(inhoud)
    assert uitslag.echt, uitslag.melding
    assert m.brief_voornemen_sha256 == hashlib.sha256(inhoud).hexdigest()
    registratie = Zegelregistratie.objects.get(sha256=m.brief_voornemen_sha256)
    org = w.ovk.organisatie
    assert registratie.soort == "voornemen-maatregel"
    assert registratie.uitgegeven_aan == f"{org.naam} (KvK {org.kvk_nummer})"
    assert registratie.regio_id == w.gooi.regio_id
    tekst = _tekst(inhoud)
    for stuk in ("Voornemen tot het opleggen van een maatregel: waarschuwing", "003 §7.11 lid 1",
                 "Drie gegronde klachten – € 75 schade.", "tot en met 11-05-2026", "/verifieren/"):
        assert stuk in tekst, stuk
    assert AuditRegel.objects.filter(actie="contractbeheer.maatregel_brief", object_id=str(m.pk)).exists()
    # The mail says a letter is ready, not what it says.
    [bericht] = [b for b in mail.outbox if "voorgenomen maatregel" in b.subject]
    assert w.lid.email in bericht.to
    assert "Drie gegronde klachten" not in bericht.body and f"/mijn/verplichtingen/maatregelen/{m.pk}/" in bericht.body


def test_besluitbrief_verzegeld(w, contractmanager_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        m = opleggen(w.ovk, contractmanager_a, 1)
    m.refresh_from_db()
    inhoud = _inhoud(m.brief_besluit)
    assert zegel.controleren(inhoud).echt
    assert Zegelregistratie.objects.get(sha256=m.brief_besluit_sha256).soort == "besluit-maatregel"
    tekst = _tekst(inhoud)
    assert "De maatregel wordt opgelegd." in tekst and "De zienswijze weerlegt de feiten niet." in tekst
    assert "niet ontvangen (termijn tot en met 11-05-2026)" in tekst


def test_een_gewijzigde_byte_breekt_het_zegel(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    tasks.brief_voornemen_maken(m.pk)
    m.refresh_from_db()
    inhoud = bytearray(_inhoud(m.brief_voornemen))
    plek = bytes(inhoud).find(b"stream") + 40
    inhoud[plek] ^= 0x01
    assert zegel.controleren(bytes(inhoud)).status == "gewijzigd"


def test_brief_eenmaal_gemaakt_en_eenmaal_gemaild(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    mail.outbox.clear()
    assert tasks.brief_voornemen_maken(m.pk) and tasks.brief_voornemen_maken(m.pk)
    m.refresh_from_db()
    eerste = m.brief_voornemen.name
    tasks.brief_voornemen_maken(m.pk)
    m.refresh_from_db()
    assert m.brief_voornemen.name == eerste
    assert len(mail.outbox) == 1
    assert Zegelregistratie.objects.filter(soort="voornemen-maatregel").count() == 1
    assert tasks.brief_voornemen_maken(10**6) is False


def test_mislukt_zegel_laat_brief_en_mail_voor_de_volgende_run(w, contractmanager_a, monkeypatch):
    m = voornemen(w.ovk, contractmanager_a, 1)

    def kapot(*args, **kwargs):
        raise zegel.ZegelFout("sleutel even weg")

    monkeypatch.setattr(zegel, "verzegelen", kapot)
    mail.outbox.clear()
    with pytest.raises(zegel.ZegelFout):
        tasks.brief_voornemen_maken(m.pk)
    assert not Maatregel.objects.get(pk=m.pk).brief_voornemen and not mail.outbox
    monkeypatch.undo()
    assert tasks.brief_voornemen_maken(m.pk)
    assert zegel.controleren(_inhoud(Maatregel.objects.get(pk=m.pk).brief_voornemen)).echt
    assert len(mail.outbox) == 1


def test_bureau_hoort_van_de_zienswijze(w, contractmanager_a, django_capture_on_commit_callbacks):
    m = voornemen(w.ovk, contractmanager_a, 1)
    mail.outbox.clear()
    with time_machine.travel(NA_TERMIJN.replace(day=8), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        services.zienswijze_indienen(maatregel=m, tekst="Geheime inhoud van de zienswijze.", door=w.lid)
    [bericht] = mail.outbox
    assert bericht.to == ["contractbeheer@bureau.example"]
    assert "Gooise Zorg heeft een zienswijze gegeven" in bericht.body
    assert "Geheime inhoud" not in bericht.body
    assert tasks.zienswijze_ontvangen_versturen(voornemen(w.ovk, contractmanager_a, 1).pk) is False
