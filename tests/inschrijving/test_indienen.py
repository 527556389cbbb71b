"""Submitting: deadline to the minute, only complete, only a beheerder, once; freezing and the receipt."""

from datetime import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from core.kalender import TZ
from core.models import AuditRegel
from inschrijving import services
from inschrijving.models import Bewijsstuk, Inschrijving

from .conftest import maak_compleet


def test_indienen_om_09_59_59_op_de_sluitingsdag_lukt(compleet, aanbieder_beheerder, tijd):
    tijd(datetime(2023, 6, 30, 9, 59, 59, tzinfo=TZ))
    insch = services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert insch.status == Inschrijving.Status.INGEDIEND
    assert insch.ingediend_op == datetime(2023, 6, 30, 9, 59, 59, tzinfo=TZ)


def test_indienen_om_10_00_00_op_de_sluitingsdag_is_te_laat_en_het_concept_blijft(compleet, aanbieder_beheerder, tijd):
    tijd(datetime(2023, 6, 30, 10, 0, 0, tzinfo=TZ))
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert "verstreken op 30-06-2023 om 10:00" in fout.value.messages[0]
    assert "concept blijft bewaard" in fout.value.messages[0]
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.CONCEPT
    assert compleet.antwoorden.count() == 3
    # The late attempt is on record (for the proces-verbaal's irregularities).
    assert AuditRegel.objects.filter(actie="inschrijving.te_laat", object_id=str(compleet.pk)).exists()


def test_onvolledige_inschrijving_kan_niet_worden_ingediend_en_noemt_wat_ontbreekt(concept, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=concept, door=aanbieder_beheerder)
    tekst = " ".join(fout.value.messages)
    # Named by the title the provider reads, not the internal code (issue 12).
    assert "“Uittreksel KvK, niet ouder dan drie maanden”: upload of kies een document (Uittreksel Kamer van Koophandel)." in tekst
    assert "“Geen faillissement of surseance”: nog niet beantwoord" in tekst
    assert "TD 2.7" not in tekst and "Formulier E" not in tekst


def test_medewerker_kan_niet_indienen(compleet, aanbieder_medewerker):
    with pytest.raises(PermissionDenied):
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_medewerker)
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.CONCEPT


def test_dubbel_indienen_dient_eenmaal_in(compleet, aanbieder_beheerder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert fout.value.code == "al_ingediend"
    assert AuditRegel.objects.filter(actie="inschrijving.ingediend", object_id=str(compleet.pk)).count() == 1
    assert len(mail.outbox) == 1


def test_dubbele_klik_via_de_view_toont_de_bevestiging(client, compleet, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    url = f"/mijn/inschrijvingen/{compleet.pk}/indienen/"
    eerste = client.post(url, {"verklaring": "on"})
    tweede = client.post(url, {"verklaring": "on"})
    assert eerste.status_code == tweede.status_code == 302
    assert tweede["Location"].endswith(f"/{compleet.pk}/bevestiging/")
    assert AuditRegel.objects.filter(actie="inschrijving.ingediend", object_id=str(compleet.pk)).count() == 1


def test_indienen_bevriest_elk_antwoord_en_bestand_met_sha256(compleet, aanbieder_beheerder):
    insch = services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    inhoud = insch.bevroren_inhoud
    kvk = next(a for a in inhoud["antwoorden"] if a["eis"] == "TD 2.7")
    stuk = Bewijsstuk.objects.get(originele_naam="kvk-uittreksel.pdf")
    assert kvk["bestanden"] == [{
        "id": stuk.pk, "naam": "kvk-uittreksel.pdf", "sha256": stuk.sha256, "grootte": stuk.grootte,
        "documentsoort": "kvk_uittreksel", "afgiftedatum": "2023-05-02", "paginas": 2,
    }]
    assert next(a for a in inhoud["antwoorden"] if a["eis"] == "Formulier E / art. 2.86")["ja_nee"] is True
    assert inhoud["ingediend_op"] == "2023-06-20T14:00:00+02:00"
    stuk.refresh_from_db()
    assert stuk.gearchiveerd


def test_na_indienen_kan_niets_meer_worden_gewijzigd(compleet, procedure, aanbieder_beheerder):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    with pytest.raises(ValidationError, match="al ingediend"):
        services.antwoord_opslaan(inschrijving=compleet, eis=procedure.formulier_e, ja_nee=False, door=aanbieder_beheerder)


def test_ontvangstbewijs_en_mail_na_indienen(compleet, aanbieder_beheerder, django_capture_on_commit_callbacks):
    import io

    from pypdf import PdfReader

    with django_capture_on_commit_callbacks(execute=True):
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    compleet.refresh_from_db()
    assert compleet.ontvangstbewijs and compleet.bevestiging_verstuurd_op
    (bericht,) = mail.outbox
    assert aanbieder_beheerder.email in bericht.to
    naam, inhoud, soort = bericht.attachments[0]
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).replace("\n", " ")
    stuk = Bewijsstuk.objects.get(originele_naam="kvk-uittreksel.pdf")
    assert stuk.sha256 in tekst.replace(" ", "")
    assert "20-06-2023 14:00:00" in tekst
    # The receipt names the eis by its title and states the declaration made (issue 12), not the code.
    assert "Geen faillissement of surseance" in tekst and "Formulier E" not in tekst
    assert "Verklaard: Ik verklaar dat onze organisatie aan deze eis voldoet." in tekst


def test_intrekken_kan_tot_de_sluiting_en_daarna_niet(compleet, aanbieder_beheerder, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    tijd(datetime(2023, 6, 30, 10, 0, tzinfo=TZ))
    with pytest.raises(ValidationError, match="Intrekken kon tot 30-06-2023 om 10:00"):
        services.inschrijving_intrekken(inschrijving=compleet, door=aanbieder_beheerder)
    tijd(datetime(2023, 6, 30, 9, 59, tzinfo=TZ))
    insch = services.inschrijving_intrekken(inschrijving=compleet, door=aanbieder_beheerder)
    assert insch.status == Inschrijving.Status.INGETROKKEN


def test_doorlopend_intrekken_tot_de_beoordeling_begint(procedure, aanbieder, aanbieder_beheerder, tijd):
    moment = procedure.moment
    moment.soort, moment.sluit_op = moment.Soort.CONTINU, None
    moment.save()
    insch = maak_compleet(procedure, services.inschrijving_starten(
        aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder), aanbieder_beheerder)
    services.percelen_kiezen(inschrijving=insch, percelen=[procedure.p5_1], door=aanbieder_beheerder)
    services.inschrijving_indienen(inschrijving=insch, door=aanbieder_beheerder)
    assert services.kan_intrekken(insch)
    Inschrijving.objects.filter(pk=insch.pk).update(status=Inschrijving.Status.IN_BEOORDELING)
    insch.refresh_from_db()
    with pytest.raises(ValidationError, match="beoordeling is begonnen"):
        services.inschrijving_intrekken(inschrijving=insch, door=aanbieder_beheerder)


def test_uitgesloten_aanbieder_kan_niet_opnieuw_inschrijven_voor_de_einddatum(procedure, aanbieder, aanbieder_beheerder, tijd):
    from datetime import date

    Inschrijving.objects.create(
        aanbesteding=procedure.aanbesteding, organisatie=aanbieder, status=Inschrijving.Status.BESLOTEN,
        ingediend_op=datetime(2023, 1, 5, tzinfo=TZ), uitgesloten_tot=date(2023, 7, 12),
    )
    with pytest.raises(ValidationError, match="pas weer inschrijven vanaf 12-07-2023"):
        services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    tijd(datetime(2023, 7, 12, 9, 0, tzinfo=TZ))
    # On the end date itself the exclusion is over (the window must be open again to start).
    procedure.moment.sluit_op = datetime(2023, 7, 31, 10, 0, tzinfo=TZ)
    procedure.moment.save()
    assert services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)


def test_concept_uit_een_gerectificeerd_venster_gaat_mee_naar_het_nieuwe_venster(procedure, compleet, aanbieder_beheerder, tijd):
    # 003 r. 4480-4820: the notice of 23-05-2023 (closing 23-06 10:00) was rectified to closing 30-06 10:00.
    from .factories import ToetredingsmomentFactory

    oud = procedure.moment
    oud.sluit_op = datetime(2023, 6, 23, 10, 0, tzinfo=TZ)
    oud.save()
    nieuw = ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, naam="Rectificatie",
                                     opent_op=datetime(2023, 6, 23, 10, 0, tzinfo=TZ),
                                     sluit_op=datetime(2023, 6, 30, 10, 0, tzinfo=TZ))
    tijd(datetime(2023, 6, 29, 12, 45, tzinfo=TZ))
    insch = services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert insch.toetredingsmoment == nieuw
    assert insch.status == Inschrijving.Status.INGEDIEND
    regel = AuditRegel.objects.voor_object(insch).get(actie="inschrijving.ander_moment")
    assert (regel.oude_waarden, regel.nieuwe_waarden) == ({"toetredingsmoment": str(oud)}, {"toetredingsmoment": str(nieuw)})
