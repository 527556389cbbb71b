"""Herstel: the deadline (003: 5 werkdagen from the day it is sent, to 23:59 Europe/Amsterdam on the last day;
Atw feestdagen do not count, Goede Vrijdag does), sending (only staff who may see the contents, only after the
opening), answering (members, within the deadline, late attempts recorded) and the scheduled expiry."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.kalender import TZ
from inschrijving import services
from inschrijving.models import Herstelverzoek, Inschrijving

from ._hulp import NA_SLUITING, audit_regels, een_auditregel, indienen
from .conftest import pdf_upload
from .factories import AanbestedingFactory, BewijsstukFactory, EisFactory

# --- the deadline --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("verstuurd", "laatste_dag"), [
    # Tue 25-04-2023: Wed 26, (Thu 27 Koningsdag), Fri 28, Mon 1, Tue 2, Wed 3 May
    (datetime(2023, 4, 25, 11, 0, tzinfo=TZ), date(2023, 5, 3)),
    # Mon 01-05-2023: Tue 2, Wed 3, Thu 4, (Fri 5 mei counts as feestdag every year), Mon 8, Tue 9
    (datetime(2023, 5, 1, 9, 0, tzinfo=TZ), date(2023, 5, 9)),
    # Tue 16-05-2023: Wed 17, (Thu 18 Hemelvaartsdag), Fri 19, Mon 22, Tue 23, Wed 24
    (datetime(2023, 5, 16, 15, 0, tzinfo=TZ), date(2023, 5, 24)),
    # Thu 25-05-2023: Fri 26, (Mon 29 Tweede Pinksterdag), Tue 30, Wed 31, Thu 1, Fri 2 June
    (datetime(2023, 5, 25, 10, 0, tzinfo=TZ), date(2023, 6, 2)),
    # Fri 22-12-2023: (25, 26 Kerst), Wed 27, Thu 28, Fri 29, (Mon 1 Jan), Tue 2, Wed 3 Jan 2024
    (datetime(2023, 12, 22, 16, 0, tzinfo=TZ), date(2024, 1, 3)),
    # Wed 27-03-2024: Thu 28, Fri 29 (Goede Vrijdag is a working day), (Mon 1 Apr Tweede Paasdag), Tue 2, Wed 3, Thu 4
    (datetime(2024, 3, 27, 12, 0, tzinfo=TZ), date(2024, 4, 4)),
    # 2025: 27 April is a Sunday, so Koningsdag is Saturday 26; Monday 28 is an ordinary working day.
    # Thu 24-04-2025: Fri 25, Mon 28, Tue 29, Wed 30, Thu 1 May
    (datetime(2025, 4, 24, 12, 0, tzinfo=TZ), date(2025, 5, 1)),
    # sent on a Saturday: Mon 3 .. Fri 7 July 2023
    (datetime(2023, 7, 1, 10, 0, tzinfo=TZ), date(2023, 7, 7)),
])
def test_herstel_deadline_vijf_werkdagen(procedure, verstuurd, laatste_dag):
    deadline = services.herstel_deadline(procedure.aanbesteding, verstuurd)
    assert deadline == datetime(laatste_dag.year, laatste_dag.month, laatste_dag.day, 23, 59, tzinfo=TZ)


def test_herstel_deadline_telt_vanaf_de_amsterdamse_verzenddag(procedure):
    # Mon 03-07-2023 00:30 in Amsterdam is still Sunday 02-07 22:30 in UTC. Counting from the Monday gives
    # Tue 4 .. Mon 10; counting from the UTC Sunday would wrongly give Fri 7.
    verstuurd = datetime(2023, 7, 2, 22, 30, tzinfo=UTC)
    assert services.herstel_deadline(procedure.aanbesteding, verstuurd) == datetime(2023, 7, 10, 23, 59, tzinfo=TZ)


def test_herstel_deadline_in_de_winter_is_2359_wintertijd(procedure):
    deadline = services.herstel_deadline(procedure.aanbesteding, datetime(2023, 12, 22, 16, 0, tzinfo=TZ))
    assert deadline.astimezone(UTC) == datetime(2024, 1, 3, 22, 59, tzinfo=UTC)


def test_herstel_deadline_zonder_moment_gebruikt_nu(procedure, tijd):
    tijd(datetime(2023, 4, 25, 11, 0, tzinfo=TZ))
    assert services.herstel_deadline(procedure.aanbesteding) == datetime(2023, 5, 3, 23, 59, tzinfo=TZ)


# --- sending -------------------------------------------------------------------------------------------


@pytest.fixture
def ingediend(compleet, aanbieder_beheerder, tijd):
    indienen(compleet, aanbieder_beheerder)
    tijd(NA_SLUITING)
    return compleet


def test_versturen_schrijft_twee_auditregels_en_zet_de_status(ingediend, procedure, inkoper):
    vreemde_eis = EisFactory(aanbesteding=AanbestedingFactory(titel="Wmo"))
    verzoek = services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Stuur een recent KvK-uittreksel.",
                                                eisen=[procedure.kvk, vreemde_eis], door=inkoper)
    assert list(verzoek.eisen.all()) == [procedure.kvk]  # an eis of another procedure is dropped
    assert verzoek.verstuurd_door == inkoper
    assert verzoek.status == Herstelverzoek.Status.OPEN
    ingediend.refresh_from_db()
    assert ingediend.status == Inschrijving.Status.HERSTEL
    regel = een_auditregel("herstelverzoek.verstuurd", verzoek, door=inkoper)
    assert regel.nieuwe_waarden == {"vraag": "Stuur een recent KvK-uittreksel.", "deadline": "2023-07-10T23:59:00+02:00"}
    status = een_auditregel("inschrijving.herstel", ingediend, door=inkoper)
    assert (status.oude_waarden, status.nieuwe_waarden) == ({"status": "ingediend"}, {"status": "herstel"})


def test_ook_vanuit_in_beoordeling(ingediend, inkoper):
    Inschrijving.objects.filter(pk=ingediend.pk).update(status=Inschrijving.Status.IN_BEOORDELING)
    services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Licht toe.", door=inkoper)
    regel = een_auditregel("inschrijving.herstel", ingediend)
    assert regel.oude_waarden == {"status": "in_beoordeling"}


@pytest.mark.parametrize("vraag", ["", "   \n"])
def test_lege_vraag_wordt_geweigerd(ingediend, inkoper, vraag):
    with pytest.raises(ValidationError) as fout:
        services.herstelverzoek_versturen(inschrijving=ingediend, vraag=vraag, door=inkoper)
    assert fout.value.messages == ["Beschrijf wat de aanbieder moet herstellen."]
    assert not Herstelverzoek.objects.exists()
    ingediend.refresh_from_db()
    assert ingediend.status == Inschrijving.Status.INGEDIEND


def test_concept_kan_geen_herstelverzoek_krijgen(concept, inkoper, tijd):
    tijd(NA_SLUITING)
    with pytest.raises(PermissionDenied):
        services.herstelverzoek_versturen(inschrijving=concept, vraag="?", door=inkoper)
    concept.refresh_from_db()
    assert concept.status == Inschrijving.Status.CONCEPT
    assert not audit_regels("herstelverzoek.verstuurd").exists()


@pytest.mark.parametrize("status", [Inschrijving.Status.INGETROKKEN, Inschrijving.Status.BESLOTEN])
def test_herstel_bij_een_verkeerde_status_wordt_geweigerd(ingediend, inkoper, status):
    Inschrijving.objects.filter(pk=ingediend.pk).update(status=status)
    with pytest.raises(ValidationError):
        services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Licht toe.", door=inkoper)
    ingediend.refresh_from_db()
    assert ingediend.status == status
    assert not Herstelverzoek.objects.exists()
    assert not audit_regels("inschrijving.herstel").exists()


def test_de_status_telt_op_de_vergrendelde_rij_niet_op_de_meegegeven_kopie(ingediend, inkoper):
    verouderd = Inschrijving.objects.get(pk=ingediend.pk)  # the caller's copy still says "ingediend"
    Inschrijving.objects.filter(pk=ingediend.pk).update(status=Inschrijving.Status.BESLOTEN)
    with pytest.raises(ValidationError):
        services.herstelverzoek_versturen(inschrijving=verouderd, vraag="Licht toe.", door=inkoper)
    assert Inschrijving.objects.get(pk=ingediend.pk).status == Inschrijving.Status.BESLOTEN


@pytest.mark.parametrize("wie", ["beoordelaar", "aanbieder_beheerder", "andere_beheerder"])
def test_herstel_alleen_door_staff_met_recht(request, ingediend, wie):
    with pytest.raises(PermissionDenied):
        services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Licht toe.", door=request.getfixturevalue(wie))
    ingediend.refresh_from_db()
    assert ingediend.status == Inschrijving.Status.INGEDIEND
    assert not Herstelverzoek.objects.exists()


# --- answering -----------------------------------------------------------------------------------------


@pytest.fixture
def verzoek(ingediend, inkoper):
    return services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Stuur het inspectierapport.", door=inkoper)


def test_antwoord_met_bestand_archiveert_het_en_zet_de_beoordeling_voort(verzoek, ingediend, aanbieder_medewerker, tijd):
    tijd(datetime(2023, 7, 5, 10, 0, tzinfo=TZ))
    stuk = services.bewijsstuk_uploaden(organisatie=ingediend.organisatie, bestand=pdf_upload("inspectie.pdf"),
                                        documentsoort="inspectierapport", afgiftedatum=date(2023, 5, 1),
                                        door=aanbieder_medewerker)
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Bijgevoegd.", bewijsstukken=[stuk],
                                         door=aanbieder_medewerker)
    verzoek.refresh_from_db()
    assert verzoek.status == Herstelverzoek.Status.BEANTWOORD
    assert verzoek.beantwoord_op == datetime(2023, 7, 5, 10, 0, tzinfo=TZ)
    assert verzoek.beantwoord_door == aanbieder_medewerker
    assert list(verzoek.bijlagen.all()) == [stuk]
    stuk.refresh_from_db()
    assert stuk.gearchiveerd
    regel = een_auditregel("herstelverzoek.beantwoord", verzoek, door=aanbieder_medewerker)
    assert regel.nieuwe_waarden == {"antwoord": "Bijgevoegd.", "bestanden": [f"inspectie.pdf {stuk.sha256}"]}
    ingediend.refresh_from_db()
    assert ingediend.status == Inschrijving.Status.IN_BEOORDELING
    status = een_auditregel("inschrijving.herstel_beantwoord", ingediend, door=aanbieder_medewerker)
    assert (status.oude_waarden, status.nieuwe_waarden) == ({"status": "herstel"}, {"status": "in_beoordeling"})


def test_pas_na_het_laatste_open_verzoek_gaat_de_beoordeling_verder(verzoek, ingediend, inkoper, aanbieder_beheerder):
    tweede = services.herstelverzoek_versturen(inschrijving=ingediend, vraag="En de referenties?", door=inkoper)
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Zie bijlage.", door=aanbieder_beheerder)
    ingediend.refresh_from_db()
    assert ingediend.status == Inschrijving.Status.HERSTEL
    assert not audit_regels("inschrijving.herstel_beantwoord").exists()
    services.herstelverzoek_beantwoorden(herstelverzoek=tweede, antwoord="Referenties volgen hierbij.", door=aanbieder_beheerder)
    ingediend.refresh_from_db()
    assert ingediend.status == Inschrijving.Status.IN_BEOORDELING
    een_auditregel("inschrijving.herstel_beantwoord", ingediend)


def test_alleen_een_bestand_is_ook_een_antwoord(verzoek, ingediend, aanbieder, aanbieder_beheerder):
    stuk = BewijsstukFactory(organisatie=aanbieder, documentsoort="inspectierapport")
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="", bewijsstukken=[stuk], door=aanbieder_beheerder)
    verzoek.refresh_from_db()
    assert verzoek.status == Herstelverzoek.Status.BEANTWOORD


def test_leeg_antwoord_zonder_bestand_wordt_geweigerd(verzoek, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="  ", door=aanbieder_beheerder)
    assert fout.value.messages == ["Geef een antwoord of voeg een bestand toe."]
    verzoek.refresh_from_db()
    assert verzoek.status == Herstelverzoek.Status.OPEN
    assert not audit_regels("herstelverzoek.beantwoord").exists()


def test_bestand_van_een_andere_organisatie_telt_niet_mee(verzoek, andere_aanbieder, aanbieder_beheerder):
    vreemd = BewijsstukFactory(organisatie=andere_aanbieder)
    with pytest.raises(ValidationError):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="", bewijsstukken=[vreemd],
                                             door=aanbieder_beheerder)
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Zie toelichting.", bewijsstukken=[vreemd],
                                         door=aanbieder_beheerder)
    verzoek.refresh_from_db()
    assert not verzoek.bijlagen.exists()
    vreemd.refresh_from_db()
    assert not vreemd.gearchiveerd


def test_tweede_antwoord_wordt_geweigerd_het_eerste_blijft(verzoek, aanbieder_beheerder):
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Eerste.", door=aanbieder_beheerder)
    with pytest.raises(ValidationError):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Tweede.", door=aanbieder_beheerder)
    verzoek.refresh_from_db()
    assert verzoek.antwoord == "Eerste."
    assert audit_regels("herstelverzoek.beantwoord").count() == 1


def test_andere_organisatie_verandert_niets(verzoek, andere_beheerder):
    with pytest.raises(PermissionDenied):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="x", door=andere_beheerder)
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.antwoord) == (Herstelverzoek.Status.OPEN, "")
    assert not audit_regels("herstelverzoek.te_laat").exists()


def test_te_laat_antwoord_wordt_vastgelegd_en_het_verzoek_verloopt(verzoek, ingediend, aanbieder_beheerder, tijd):
    # deadline Mon 10-07-2023 23:59 (5 werkdagen from Mon 03-07)
    tijd(datetime(2023, 7, 10, 23, 59, tzinfo=TZ))
    with pytest.raises(ValidationError):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Te laat.", door=aanbieder_beheerder)
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.antwoord) == (Herstelverzoek.Status.VERLOPEN, "")
    regel = een_auditregel("herstelverzoek.te_laat", verzoek, door=aanbieder_beheerder)
    assert regel.toelichting == "Antwoordpoging op 10-07-2023 om 23:59"
    # a second late attempt is recorded too and the request stays verlopen
    tijd(datetime(2023, 7, 11, 8, 0, tzinfo=TZ))
    with pytest.raises(ValidationError):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Nog later.", door=aanbieder_beheerder)
    assert audit_regels("herstelverzoek.te_laat", verzoek).count() == 2
    ingediend.refresh_from_db()
    assert ingediend.status == Inschrijving.Status.HERSTEL


def test_om_235859_op_de_laatste_dag_is_nog_op_tijd(verzoek, aanbieder_beheerder, tijd):
    tijd(datetime(2023, 7, 10, 23, 58, 59, tzinfo=TZ))
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Net op tijd.", door=aanbieder_beheerder)
    verzoek.refresh_from_db()
    assert verzoek.status == Herstelverzoek.Status.BEANTWOORD
    assert not audit_regels("herstelverzoek.te_laat").exists()


# --- scheduled expiry ----------------------------------------------------------------------------------


def test_verlopen_laten_is_idempotent_en_schrijft_een_systeemregel(verzoek, aanbieder_beheerder, tijd):
    tijd(datetime(2023, 7, 10, 23, 58, tzinfo=TZ))
    assert services.herstelverzoeken_laten_verlopen() == 0
    tijd(datetime(2023, 7, 10, 23, 59, tzinfo=TZ))
    assert services.herstelverzoeken_laten_verlopen() == 1
    assert services.herstelverzoeken_laten_verlopen() == 0
    verzoek.refresh_from_db()
    assert verzoek.status == Herstelverzoek.Status.VERLOPEN
    regel = een_auditregel("herstelverzoek.verlopen", verzoek)
    assert regel.actor is None and regel.actor_weergave == "systeem"


def test_verlopen_laten_raakt_beantwoorde_verzoeken_niet(verzoek, ingediend, inkoper, aanbieder_beheerder, tijd):
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Klaar.", door=aanbieder_beheerder)
    tweede = services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Nog één ding.", door=inkoper)
    assert services.herstelverzoeken_laten_verlopen(datetime(2023, 7, 11, 0, 0, tzinfo=TZ)) == 1
    verzoek.refresh_from_db()
    tweede.refresh_from_db()
    assert (verzoek.status, tweede.status) == (Herstelverzoek.Status.BEANTWOORD, Herstelverzoek.Status.VERLOPEN)
    assert [r.object_id for r in audit_regels("herstelverzoek.verlopen")] == [str(tweede.pk)]
