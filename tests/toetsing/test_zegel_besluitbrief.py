"""The besluitbrief is sealed for the provider (issue 18, ADR 0015), prints euro amounts as the record has them,
and a failing seal leaves letter and mail to the next run."""

import hashlib
import io
from datetime import datetime

import pytest
import time_machine
from django.core import mail
from pypdf import PdfReader

from core import zegel
from core.models import Zegelregistratie
from toetsing import services, tasks
from toetsing.models import Besluit, BesluitPerceel, Oordeel

from .factories import TZ


@pytest.fixture
def verzonden(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(percelen=("ambulant", "mst")), {"S6G1": Oordeel.VOLDOET_NIET})
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False):
        besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
        BesluitPerceel.objects.filter(besluit=besluit).update(
            toelichting="Het leegstandsplafond van € 175.000 per jaar geldt – zie §7.")
        return services.besluit_verzenden(besluit=besluit, door=inkoper)


def _brief(besluit) -> bytes:
    besluit.refresh_from_db()
    with besluit.brief.open("rb") as f:
        return f.read()


def test_besluitbrief_is_verzegeld_voor_de_aanbieder(verzonden):
    assert tasks.besluitbrief_maken_en_aankondigen(verzonden.pk)
    inhoud = _brief(verzonden)
    uitslag = zegel.controleren(inhoud)
    assert uitslag.echt, uitslag.melding
    assert verzonden.brief_sha256 == hashlib.sha256(inhoud).hexdigest()
    registratie = Zegelregistratie.objects.get(sha256=verzonden.brief_sha256)
    organisatie = verzonden.inschrijving.organisatie
    assert registratie.soort == "besluitbrief"
    assert registratie.uitgegeven_aan == f"{organisatie.naam} (KvK {organisatie.kvk_nummer})"
    assert registratie.regio_id == verzonden.aanbesteding.regio_id
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    assert "€ 175.000 per jaar geldt – zie §7." in tekst
    assert "Controleer de echtheid op" in tekst and "/verifieren/" in tekst


def test_een_gewijzigde_byte_in_de_besluitbrief_breekt_het_zegel(verzonden):
    tasks.besluitbrief_maken_en_aankondigen(verzonden.pk)
    inhoud = bytearray(_brief(verzonden))
    plek = bytes(inhoud).find(b"stream") + 40
    inhoud[plek] ^= 0x01
    assert zegel.controleren(bytes(inhoud)).status == "gewijzigd"


def test_mislukt_zegel_laat_brief_en_mail_voor_de_volgende_run(verzonden, monkeypatch):
    def kapot(*args, **kwargs):
        raise zegel.ZegelFout("sleutel even weg")

    monkeypatch.setattr(zegel, "verzegelen", kapot)
    mail.outbox.clear()
    with pytest.raises(zegel.ZegelFout):  # the task fails, so its outbox row stays open for the relay
        tasks.besluitbrief_maken_en_aankondigen(verzonden.pk)
    besluit = Besluit.objects.get(pk=verzonden.pk)
    assert not besluit.brief and besluit.gemaild_op is None and not mail.outbox
    monkeypatch.undo()
    assert tasks.besluitbrief_maken_en_aankondigen(verzonden.pk)
    assert zegel.controleren(_brief(verzonden)).echt
    assert len(mail.outbox) == 1
