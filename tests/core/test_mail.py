"""Mail that goes out once (core.mail, ADR 0013): recorded under a key before sending, so a redelivered task never
sends it twice; given back when sending fails, so the next run retries."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from core.mail import al_verstuurd, eenmalig_versturen, overslaan
from core.models import VerstuurdeMail

pytestmark = pytest.mark.django_db


def test_eenmaal_verstuurd_tweede_keer_niets():
    assert eenmalig_versturen("test:1", "Onderwerp", "Tekst", ["a@zorg.example", "b@zorg.example"]) is True
    assert eenmalig_versturen("test:1", "Onderwerp", "Tekst", ["a@zorg.example", "b@zorg.example"]) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@zorg.example", "b@zorg.example"]
    record = VerstuurdeMail.objects.get(sleutel="test:1")
    assert record.onderwerp == "Onderwerp" and record.ontvanger == "a@zorg.example, b@zorg.example"
    assert al_verstuurd("test:1") and not al_verstuurd("test:2")


def test_bijlage_gaat_mee():
    eenmalig_versturen("test:bijlage", "Met bijlage", "Zie bijlage", ["a@zorg.example"],
                       [("bewijs.pdf", b"%PDF-1.7 inhoud", "application/pdf")])
    assert mail.outbox[0].attachments == [("bewijs.pdf", b"%PDF-1.7 inhoud", "application/pdf")]


def test_mislukte_verzending_geeft_de_sleutel_terug(monkeypatch):
    def storing(self, *args, **kwargs):
        raise ConnectionRefusedError("mailserver onbereikbaar")

    monkeypatch.setattr(EmailMessage, "send", storing)
    with pytest.raises(ConnectionRefusedError):
        eenmalig_versturen("test:storing", "Onderwerp", "Tekst", ["a@zorg.example"])
    assert not al_verstuurd("test:storing")
    monkeypatch.undo()
    assert eenmalig_versturen("test:storing", "Onderwerp", "Tekst", ["a@zorg.example"]) is True
    assert len(mail.outbox) == 1


def test_zonder_ontvangers_niets_verstuurd_en_niets_vastgelegd():
    assert eenmalig_versturen("test:leeg", "Onderwerp", "Tekst", ["", None]) is False
    assert not al_verstuurd("test:leeg") and mail.outbox == []


def test_dubbele_adressen_een_keer():
    eenmalig_versturen("test:dubbel", "Onderwerp", "Tekst", ["a@zorg.example", "a@zorg.example"])
    assert mail.outbox[0].to == ["a@zorg.example"]


def test_overslaan_markeert_zonder_te_versturen():
    assert overslaan("test:ingehaald") is True
    assert overslaan("test:ingehaald") is False
    assert eenmalig_versturen("test:ingehaald", "Onderwerp", "Tekst", ["a@zorg.example"]) is False
    assert mail.outbox == []
    assert VerstuurdeMail.objects.get(sleutel="test:ingehaald").onderwerp == "ingehaald"


def test_lange_sleutel_wordt_afgekapt_en_blijft_uniek():
    sleutel = "nvi:1:" + "x" * 300 + "@zorg.example"
    assert eenmalig_versturen(sleutel, "Onderwerp", "Tekst", ["a@zorg.example"]) is True
    assert eenmalig_versturen(sleutel, "Onderwerp", "Tekst", ["a@zorg.example"]) is False
    assert al_verstuurd(sleutel)


def test_een_implementatie_van_eenmalig_versturen():
    """No second mail-once mechanism left in the apps (ARCHITECTURE rule 13): every task mails via core.mail."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for app in ("organisaties", "aanbesteding", "inschrijving", "toetsing", "overeenkomst", "sroi", "contractbeheer"):
        bestanden = [root / app / "tasks.py"] if (root / app / "tasks.py").exists() else sorted((root / app / "tasks").glob("*.py"))
        tekst = "".join(b.read_text() for b in bestanden)
        assert "send_mail(" not in tekst and ".send()" not in tekst and "send_messages(" not in tekst, app
