"""Sealed receipts and processen-verbaal van opening (issue 18, ADR 0015): each validates as authentic, is
registered for the right recipient, prints the sha256 of every file and answer set it refers to, and a failing
seal leaves the document unmade for the next run instead of losing it."""

import hashlib
import io
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from pypdf import PdfReader

from core import kalender, zegel
from core.kalender import TZ
from core.models import Uitgaand, Zegelregistratie
from core.taken import HERZEND_NA, doorsturen
from inschrijving import services, tasks
from inschrijving.models import Bewijsstuk, Inschrijving, ProcesVerbaalOpening
from inschrijving.pdf import inhoud_sha256


def _tekst(inhoud: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).replace("\n", " ")


def _registratie(inhoud: bytes) -> Zegelregistratie:
    return Zegelregistratie.objects.get(sha256=hashlib.sha256(inhoud).hexdigest())


def _indienen(compleet, door, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.inschrijving_indienen(inschrijving=compleet, door=door)
    compleet.refresh_from_db()
    with compleet.ontvangstbewijs.open("rb") as f:
        return f.read()


def test_ontvangstbewijs_is_verzegeld_voor_de_aanbieder(compleet, aanbieder_beheerder, django_capture_on_commit_callbacks):
    inhoud = _indienen(compleet, aanbieder_beheerder, django_capture_on_commit_callbacks)
    uitslag = zegel.controleren(inhoud)
    assert uitslag.echt, uitslag.melding
    registratie = _registratie(inhoud)
    assert registratie.soort == "ontvangstbewijs"
    assert registratie.uitgegeven_aan == f"{compleet.organisatie.naam} (KvK {compleet.organisatie.kvk_nummer})"
    assert compleet.organisatie.naam == "Zorgkracht Gooi B.V."
    assert registratie.regio_id == compleet.aanbesteding.regio_id
    assert uitslag.ondertekenaar == (compleet.aanbesteding.regio.bureau_naam or compleet.aanbesteding.regio.naam)
    # The mail carries exactly the sealed bytes.
    (bericht,) = mail.outbox
    assert bericht.attachments[0][1] == inhoud


def test_ontvangstbewijs_noemt_sha256_van_elk_bewijsstuk_en_van_de_antwoorden(compleet, aanbieder_beheerder,
                                                                              django_capture_on_commit_callbacks):
    inhoud = _indienen(compleet, aanbieder_beheerder, django_capture_on_commit_callbacks)
    tekst = _tekst(inhoud).replace(" ", "")
    stukken = Bewijsstuk.objects.filter(antwoorden__inschrijving=compleet).distinct()
    assert stukken.exists()
    for stuk in stukken:
        assert stuk.sha256 in tekst, stuk.originele_naam
    assert inhoud_sha256(compleet.bevroren_inhoud) in tekst
    assert "Controleerdeechtheidop" in tekst and "/verifieren/" in tekst


def test_een_gewijzigde_byte_in_het_ontvangstbewijs_breekt_het_zegel(compleet, aanbieder_beheerder,
                                                                     django_capture_on_commit_callbacks):
    inhoud = bytearray(_indienen(compleet, aanbieder_beheerder, django_capture_on_commit_callbacks))
    plek = bytes(inhoud).find(b"stream") + 40
    inhoud[plek] ^= 0x01
    assert zegel.controleren(bytes(inhoud)).status == "gewijzigd"


def test_mislukt_zegel_laat_ontvangstbewijs_en_mail_voor_de_volgende_run(compleet, aanbieder_beheerder, monkeypatch,
                                                                        django_capture_on_commit_callbacks):
    def kapot(*args, **kwargs):
        raise zegel.ZegelFout("sleutel even weg")

    monkeypatch.setattr(zegel, "verzegelen", kapot)
    with django_capture_on_commit_callbacks(execute=True):
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    compleet.refresh_from_db()
    # The submission stands; only the receipt waits.
    assert compleet.status == Inschrijving.Status.INGEDIEND
    assert not compleet.ontvangstbewijs and compleet.bevestiging_verstuurd_op is None and not mail.outbox
    # The outbox row of the receipt stays open with the reason, so the relay runs the task again (core.taken).
    rij = Uitgaand.objects.get(taak=tasks.ontvangstbewijs_versturen.name)
    assert rij.afgerond_op is None and "ZegelFout" in rij.laatste_fout
    monkeypatch.undo()
    with time_machine.travel(kalender.nu() + HERZEND_NA + timedelta(minutes=1)):
        assert doorsturen()["verzonden"] >= 1  # the receipt, and rows of the fixture never published
    rij.refresh_from_db()
    assert rij.afgerond_op is not None
    compleet.refresh_from_db()
    with compleet.ontvangstbewijs.open("rb") as f:
        assert zegel.controleren(f.read()).echt
    assert len(mail.outbox) == 1


def test_proces_verbaal_van_opening_is_verzegeld_en_noemt_de_ontvangstbewijzen(
        procedure, compleet, aanbieder_beheerder, tijd, django_capture_on_commit_callbacks):
    ontvangstbewijs = _indienen(compleet, aanbieder_beheerder, django_capture_on_commit_callbacks)
    tijd(datetime(2023, 6, 30, 13, 0, tzinfo=TZ))
    assert tasks.processen_verbaal_opening_maken() == 1
    pv = ProcesVerbaalOpening.objects.get()
    with pv.bestand.open("rb") as f:
        inhoud = f.read()
    assert pv.sha256 == hashlib.sha256(inhoud).hexdigest()
    assert zegel.controleren(inhoud).echt
    regio = procedure.aanbesteding.regio
    registratie = _registratie(inhoud)
    assert registratie.soort == "proces_verbaal_opening"
    assert registratie.uitgegeven_aan == (regio.bureau_naam or regio.naam)
    tekst = _tekst(inhoud).replace(" ", "")
    assert hashlib.sha256(ontvangstbewijs).hexdigest() in tekst
    assert inhoud_sha256(compleet.bevroren_inhoud) in tekst


def test_mislukt_zegel_op_het_proces_verbaal_wacht_op_de_volgende_geplande_run(
        procedure, compleet, aanbieder_beheerder, tijd, monkeypatch):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    tijd(datetime(2023, 6, 30, 13, 0, tzinfo=TZ))

    def kapot(*args, **kwargs):
        raise zegel.ZegelFout("sleutel even weg")

    monkeypatch.setattr(zegel, "verzegelen", kapot)
    assert tasks.processen_verbaal_opening_maken() == 0
    assert not ProcesVerbaalOpening.objects.exists()
    monkeypatch.undo()
    assert tasks.processen_verbaal_opening_maken() == 1
    # Not yet made when the PV was drawn up: the PV says so instead of a sha256.
    with ProcesVerbaalOpening.objects.get().bestand.open("rb") as f:
        assert "ontvangstbewijs nog niet opgemaakt" in _tekst(f.read())


@pytest.mark.parametrize("slug", ["gooi"])
def test_inhoud_sha256_is_onafhankelijk_van_de_volgorde_van_sleutels(slug):
    assert inhoud_sha256({"a": 1, "b": slug}) == inhoud_sha256({"b": slug, "a": 1})
