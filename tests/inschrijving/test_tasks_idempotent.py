"""Background tasks take ids, work from state and may run twice (ARCHITECTURE rule 6): a second run sends no
second mail, makes no second receipt or proces-verbaal and writes no second audit row."""

import hashlib
from datetime import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.test import override_settings

from core.kalender import TZ
from inschrijving import services, tasks
from inschrijving.clamd import ScanUitslag
from inschrijving.models import Bewijsstuk, Herstelverzoek, Inschrijving, ProcesVerbaalOpening
from organisaties.models import Bericht, Lidmaatschap, Rol
from tests.factories import LidmaatschapFactory

from ._hulp import NA_SLUITING, SLUITING, audit_regels, een_auditregel, indienen
from .factories import BewijsstukFactory, ToetredingsmomentFactory

# --- ontvangstbewijs -----------------------------------------------------------------------------------


@pytest.fixture
def ingediend(compleet, aanbieder_beheerder):
    # on_commit callbacks do not run inside the test transaction: no receipt or mail exists yet
    return indienen(compleet, aanbieder_beheerder)


def test_ontvangstbewijs_twee_keer_geeft_een_mail_en_een_bestand(ingediend):
    mail.outbox.clear()
    assert tasks.ontvangstbewijs_versturen(ingediend.pk) == "verstuurd"
    ingediend.refresh_from_db()
    naam, verstuurd_op = ingediend.ontvangstbewijs.name, ingediend.bevestiging_verstuurd_op
    assert tasks.ontvangstbewijs_versturen(ingediend.pk) == "al verstuurd"
    ingediend.refresh_from_db()
    assert len(mail.outbox) == 1
    assert (ingediend.ontvangstbewijs.name, ingediend.bevestiging_verstuurd_op) == (naam, verstuurd_op)
    # ADR 0028: once in the provider's inbox too, linked to the confirmation page.
    (inbox,) = Bericht.objects.filter(organisatie=ingediend.organisatie)
    assert (inbox.sleutel, inbox.soort, inbox.pad) == (
        f"ontvangstbewijs:{ingediend.pk}", "Ontvangstbevestiging", f"/mijn/inschrijvingen/{ingediend.pk}/bevestiging/")


def test_ontvangstbewijs_voor_een_concept_doet_niets(concept):
    assert tasks.ontvangstbewijs_versturen(concept.pk) == "niet ingediend"
    concept.refresh_from_db()
    assert not concept.ontvangstbewijs
    assert mail.outbox == []


def test_mailstoring_verliest_niets_en_de_herhaling_maakt_geen_tweede_bewijs(ingediend, monkeypatch):
    echte_send = EmailMessage.send

    def storing(self, *args, **kwargs):
        raise ConnectionError("mailserver onbereikbaar")

    monkeypatch.setattr(EmailMessage, "send", storing)
    with pytest.raises(ConnectionError):
        tasks.ontvangstbewijs_versturen(ingediend.pk)
    ingediend.refresh_from_db()
    assert ingediend.ontvangstbewijs  # made before the mail
    assert ingediend.bevestiging_verstuurd_op is None  # so the next run still sends
    naam = ingediend.ontvangstbewijs.name
    monkeypatch.setattr(EmailMessage, "send", echte_send)
    assert tasks.ontvangstbewijs_versturen(ingediend.pk) == "verstuurd"
    ingediend.refresh_from_db()
    assert ingediend.ontvangstbewijs.name == naam
    assert len(mail.outbox) == 1


def test_ontvangers_zijn_de_beheerders_en_de_indiener(ingediend, aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    tweede = LidmaatschapFactory(organisatie=aanbieder, rol=Rol.BEHEERDER).user
    tasks.ontvangstbewijs_versturen(ingediend.pk)
    (bericht,) = mail.outbox
    assert sorted(bericht.to) == sorted([aanbieder_beheerder.email, tweede.email])
    assert aanbieder_medewerker.email not in bericht.to
    assert bericht.subject == "Ontvangstbevestiging inschrijving Jeugdhulp Voorzieningen"
    assert bericht.attachments[0][0] == f"ontvangstbewijs-inschrijving-{ingediend.pk}.pdf"


def test_zonder_beheerders_gaat_de_mail_naar_het_contactadres(ingediend, aanbieder):
    Lidmaatschap.objects.filter(organisatie=aanbieder).delete()
    Inschrijving.objects.filter(pk=ingediend.pk).update(ingediend_door=None)
    tasks.ontvangstbewijs_versturen(ingediend.pk)
    assert mail.outbox[0].to == [aanbieder.contact_email]


# --- herstelverzoek mailen -----------------------------------------------------------------------------


@pytest.fixture
def verzoek(ingediend, inkoper, tijd):
    tijd(NA_SLUITING)
    return services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Stuur het inspectierapport.", door=inkoper)


def test_herstelmail_noemt_vraag_deadline_en_link(verzoek, aanbieder_beheerder, settings):
    tasks.herstelverzoek_mailen(verzoek.pk)
    (bericht,) = mail.outbox
    assert bericht.to == [aanbieder_beheerder.email]
    assert "Stuur het inspectierapport." in bericht.body
    assert "10-07-2023 om 23:59" in bericht.body
    assert f"/mijn/inschrijvingen/{verzoek.inschrijving_id}/herstel/{verzoek.pk}/" in bericht.body


def test_herstelmail_twee_keer_uitvoeren_stuurt_een_mail(verzoek):
    tasks.herstelverzoek_mailen(verzoek.pk)
    tasks.herstelverzoek_mailen(verzoek.pk)
    assert len(mail.outbox) == 1
    verzoek.refresh_from_db()
    assert verzoek.gemaild_op is not None
    regel = een_auditregel("herstelverzoek.gemaild", verzoek)
    assert regel.actor is None


def test_herstelmail_na_mailstoring_wordt_alsnog_verstuurd(verzoek, monkeypatch):
    echte_send = EmailMessage.send

    def storing(self, *args, **kwargs):
        raise ConnectionError("mailserver onbereikbaar")

    monkeypatch.setattr(EmailMessage, "send", storing)
    with pytest.raises(ConnectionError):
        tasks.herstelverzoek_mailen(verzoek.pk)
    verzoek.refresh_from_db()
    assert verzoek.gemaild_op is None  # so the retry still sends
    assert not audit_regels("herstelverzoek.gemaild").exists()
    monkeypatch.setattr(EmailMessage, "send", echte_send)
    assert tasks.herstelverzoek_mailen(verzoek.pk) == "verstuurd"
    assert tasks.herstelverzoek_mailen(verzoek.pk) == "al verstuurd"
    assert len(mail.outbox) == 1


def test_beat_taak_herstelverzoeken_verlopen(verzoek, tijd):
    tijd(datetime(2023, 7, 11, 0, 0, tzinfo=TZ))
    assert tasks.herstelverzoeken_verlopen() == 1
    assert tasks.herstelverzoeken_verlopen() == 0
    verzoek.refresh_from_db()
    assert verzoek.status == Herstelverzoek.Status.VERLOPEN
    een_auditregel("herstelverzoek.verlopen", verzoek)


# --- bewijsstuk controleren ----------------------------------------------------------------------------


def test_controle_twee_keer_verandert_niets_meer(aanbieder, tijd):
    stuk = BewijsstukFactory(organisatie=aanbieder, controle=Bewijsstuk.Controle.BEZIG)
    assert tasks.bewijsstuk_controleren(stuk.pk) == "in_orde"
    stuk.refresh_from_db()
    assert tasks.bewijsstuk_controleren(stuk.pk) == "overgeslagen"
    assert Bewijsstuk.objects.get(pk=stuk.pk).controle == Bewijsstuk.Controle.IN_ORDE


def test_controle_van_een_verdwenen_bestand_slaat_over(db):
    assert tasks.bewijsstuk_controleren(987654) == "overgeslagen"


def test_virus_weigert_het_bestand_eenmaal_met_auditregel(aanbieder, monkeypatch, tijd):
    stuk = BewijsstukFactory(organisatie=aanbieder, controle=Bewijsstuk.Controle.BEZIG)
    monkeypatch.setattr(tasks, "scan_stream", lambda pad, f: ScanUitslag(schoon=False, virus="Eicar-Test-Signature"))
    with override_settings(CLAMD_SOCKET="/run/clamd.sock"):
        assert tasks.bewijsstuk_controleren(stuk.pk) == "geweigerd"
        assert tasks.bewijsstuk_controleren(stuk.pk) == "overgeslagen"
    stuk.refresh_from_db()
    assert stuk.controle == Bewijsstuk.Controle.GEWEIGERD
    assert "Eicar-Test-Signature" in stuk.controle_melding
    regel = een_auditregel("bewijsstuk.geweigerd", stuk)
    assert regel.nieuwe_waarden == {"virus": "Eicar-Test-Signature"}
    assert regel.actor is None


def test_nacontrole_pakt_alleen_bestanden_ouder_dan_vijf_minuten(aanbieder, tijd):
    tijd(datetime(2023, 6, 20, 14, 0, tzinfo=TZ))
    stuk = BewijsstukFactory(organisatie=aanbieder, controle=Bewijsstuk.Controle.BEZIG)
    BewijsstukFactory(organisatie=aanbieder, controle=Bewijsstuk.Controle.IN_ORDE)
    tijd(datetime(2023, 6, 20, 14, 5, 0, tzinfo=TZ))
    assert tasks.bewijsstukken_nacontroleren() == 0
    tijd(datetime(2023, 6, 20, 14, 5, 1, tzinfo=TZ))
    assert tasks.bewijsstukken_nacontroleren() == 1  # eager: the check ran
    stuk.refresh_from_db()
    assert stuk.controle == Bewijsstuk.Controle.IN_ORDE
    assert tasks.bewijsstukken_nacontroleren() == 0


# --- proces-verbaal van opening ------------------------------------------------------------------------


def test_proces_verbaal_eenmaal_met_hash_en_auditregel(ingediend, procedure, tijd):
    tijd(SLUITING)
    pv = tasks.proces_verbaal_opmaken(procedure.moment.pk)
    with pv.bestand.open("rb") as f:
        assert pv.sha256 == hashlib.sha256(f.read()).hexdigest()
    assert pv.aantal_inschrijvingen == 1
    assert tasks.proces_verbaal_opmaken(procedure.moment.pk) == pv
    assert tasks.processen_verbaal_opening_maken() == 0
    assert ProcesVerbaalOpening.objects.count() == 1
    regel = een_auditregel("proces_verbaal_opening.opgemaakt", pv)
    assert regel.nieuwe_waarden == {"aantal": 1, "sha256": pv.sha256}


def test_geen_proces_verbaal_voor_de_sluiting_of_bij_doorlopend_toetreden(procedure, ingediend, tijd):
    tijd(datetime(2023, 6, 30, 9, 59, 59, tzinfo=TZ))
    assert tasks.proces_verbaal_opmaken(procedure.moment.pk) is None
    doorlopend = ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, soort="continu", sluit_op=None)
    tijd(NA_SLUITING)
    assert tasks.proces_verbaal_opmaken(doorlopend.pk) is None
    assert not audit_regels("proces_verbaal_opening.opgemaakt").exists()


def test_intrekking_voor_de_sluiting_is_een_onregelmatigheid_en_telt_niet_mee(ingediend, procedure, aanbieder_beheerder, tijd):
    tijd(datetime(2023, 6, 29, 16, 45, tzinfo=TZ))
    services.inschrijving_intrekken(inschrijving=ingediend, door=aanbieder_beheerder)
    assert tasks.onregelmatigheden(procedure.moment) == [
        "Zorgkracht Gooi B.V. heeft de inschrijving vóór de sluiting ingetrokken op 29-06-2023 16:45."
    ]
    tijd(SLUITING)
    pv = tasks.proces_verbaal_opmaken(procedure.moment.pk)
    assert pv.aantal_inschrijvingen == 0
    assert "ingetrokken op 29-06-2023 16:45" in pv.onregelmatigheden


def test_te_late_poging_staat_als_onregelmatigheid_in_het_proces_verbaal(concept, procedure, aanbieder_beheerder, tijd):
    tijd(datetime(2023, 6, 30, 10, 2, tzinfo=TZ))
    with pytest.raises(ValidationError):
        services.inschrijving_indienen(inschrijving=concept, door=aanbieder_beheerder)
    assert tasks.onregelmatigheden(procedure.moment) == [
        "Te late indienpoging door Zorgkracht Gooi B.V.: Indienpoging op 30-06-2023 om 10:02."
    ]
