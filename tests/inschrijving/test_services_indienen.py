"""inschrijving_indienen, inschrijving_intrekken, kan_intrekken and proces_verbaal_opvragen.

The closing time binds to the minute in Europe/Amsterdam (ADR 0007 §1; 003 r. 4806: "uiterlijk 30 juni 2023
om 10:00"), also across the change between summer and winter time; late attempts are recorded before the
refusal; only a beheerder of the organisation itself submits or withdraws.
"""

import hashlib
from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Aanbesteding
from core.kalender import TZ
from inschrijving import services
from inschrijving.models import Bewijsstuk, Inschrijving
from tests.core.slechte_bestanden import geldige_pdf

from ._hulp import SLUITING, audit_regels, een_auditregel, indienen, toestand
from .conftest import maak_compleet, pdf_upload
from .factories import ToetredingsmomentFactory

# --- submitting ----------------------------------------------------------------------------------------


def test_indienen_schrijft_status_tijdstip_en_bestandshashes_in_de_audit(compleet, aanbieder_beheerder):
    insch = services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert insch.status == Inschrijving.Status.INGEDIEND
    assert insch.ingediend_door == aanbieder_beheerder
    regel = een_auditregel("inschrijving.ingediend", compleet, door=aanbieder_beheerder)
    assert regel.oude_waarden == {"status": "concept"}
    # both files of maak_compleet are the same two-page demo PDF: one distinct hash
    assert regel.nieuwe_waarden == {
        "status": "ingediend", "ingediend_op": "2023-06-20T14:00:00+02:00",
        "bestanden": [hashlib.sha256(geldige_pdf(2)).hexdigest()],
    }


def test_indienen_archiveert_alleen_de_gebruikte_bestanden(compleet, aanbieder, aanbieder_beheerder):
    los = services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=pdf_upload("los.pdf"), documentsoort="overig",
                                       afgiftedatum=datetime(2023, 6, 1).date(), door=aanbieder_beheerder)
    indienen(compleet, aanbieder_beheerder)
    assert set(Bewijsstuk.objects.filter(gearchiveerd=True).values_list("originele_naam", flat=True)) == {
        "kvk-uittreksel.pdf", "gva.pdf"}
    los.refresh_from_db()
    assert not los.gearchiveerd


def test_medewerker_mag_niet_indienen_en_er_komt_geen_auditregel(compleet, aanbieder_medewerker):
    voor = toestand(compleet)
    with pytest.raises(PermissionDenied):
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_medewerker)
    assert toestand(compleet) == voor
    assert not audit_regels("inschrijving.ingediend").exists()
    assert not audit_regels("inschrijving.te_laat").exists()


def test_beheerder_van_een_andere_organisatie_mag_niet_indienen(compleet, andere_beheerder):
    voor = toestand(compleet)
    with pytest.raises(PermissionDenied):
        services.inschrijving_indienen(inschrijving=compleet, door=andere_beheerder)
    assert toestand(compleet) == voor


@pytest.mark.parametrize(("moment", "op_tijd"), [
    (datetime(2023, 6, 30, 9, 59, 0, tzinfo=TZ), True),
    (datetime(2023, 6, 30, 9, 59, 59, 999999, tzinfo=TZ), True),
    (datetime(2023, 6, 30, 10, 0, 0, tzinfo=TZ), False),
    # 10:00 in Amsterdam in summer (CEST, UTC+2) is 08:00 UTC
    (datetime(2023, 6, 30, 7, 59, 59, tzinfo=UTC), True),
    (datetime(2023, 6, 30, 8, 0, 0, tzinfo=UTC), False),
])
def test_sluiting_op_de_minuut_in_amsterdamse_tijd(compleet, aanbieder_beheerder, tijd, moment, op_tijd):
    tijd(moment)
    if op_tijd:
        assert indienen(compleet, aanbieder_beheerder).status == Inschrijving.Status.INGEDIEND
    else:
        with pytest.raises(ValidationError) as fout:
            services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
        assert fout.value.code == "te_laat"
        compleet.refresh_from_db()
        assert compleet.status == Inschrijving.Status.CONCEPT


def test_winterse_sluiting_om_tien_uur_is_negen_uur_utc(procedure, aanbieder, aanbieder_beheerder, tijd):
    # A winter round: closes Friday 15-12-2023 10:00 CET (UTC+1), i.e. 09:00 UTC, not 08:00 UTC.
    ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, naam="Winterronde",
                             opent_op=datetime(2023, 12, 1, 9, 0, tzinfo=TZ), sluit_op=datetime(2023, 12, 15, 10, 0, tzinfo=TZ))
    tijd(datetime(2023, 12, 4, 10, 0, tzinfo=TZ))
    insch = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    services.percelen_kiezen(inschrijving=insch, percelen=[procedure.p5_1], door=aanbieder_beheerder)
    maak_compleet(procedure, insch, aanbieder_beheerder, kvk_afgifte=datetime(2023, 11, 1).date())
    tijd(datetime(2023, 12, 15, 9, 0, 0, tzinfo=UTC))
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=insch, door=aanbieder_beheerder)
    assert fout.value.code == "te_laat"
    tijd(datetime(2023, 12, 15, 8, 59, 59, tzinfo=UTC))
    assert indienen(insch, aanbieder_beheerder).ingediend_op == datetime(2023, 12, 15, 9, 59, 59, tzinfo=TZ)


def test_te_late_poging_wordt_vastgelegd_met_het_tijdstip(compleet, aanbieder_beheerder, tijd):
    tijd(datetime(2023, 6, 30, 10, 0, 30, tzinfo=TZ))
    with pytest.raises(ValidationError):
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    tijd(datetime(2023, 7, 2, 16, 15, tzinfo=TZ))
    with pytest.raises(ValidationError):
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    regels = audit_regels("inschrijving.te_laat", compleet).order_by("pk")
    assert [r.toelichting for r in regels] == ["Indienpoging op 30-06-2023 om 10:00", "Indienpoging op 02-07-2023 om 16:15"]
    assert all(r.actor == aanbieder_beheerder for r in regels)
    assert not audit_regels("inschrijving.ingediend").exists()


def test_te_laat_en_onvolledig_telt_als_te_laat(concept, aanbieder_beheerder, tijd):
    # The deadline is judged first: an incomplete late attempt is still an irregularity for the proces-verbaal.
    tijd(SLUITING)
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=concept, door=aanbieder_beheerder)
    assert fout.value.code == "te_laat"
    een_auditregel("inschrijving.te_laat", concept, door=aanbieder_beheerder)


def test_onvolledig_binnen_de_termijn_geeft_geen_te_laat_regel(concept, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=concept, door=aanbieder_beheerder)
    assert fout.value.messages[0] == "De inschrijving is nog niet compleet:"
    assert not audit_regels("inschrijving.te_laat").exists()
    concept.refresh_from_db()
    assert concept.status == Inschrijving.Status.CONCEPT and concept.bevroren_inhoud == {}


def test_onvolledig_draagt_de_code_onvolledig(concept, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=concept, door=aanbieder_beheerder)
    assert getattr(fout.value, "code", None) == "onvolledig"
    assert {e.code for e in fout.value.error_list} == {"onvolledig"}


def test_meer_dan_twintig_ontbrekende_punten_worden_samengevat(concept, procedure, aanbieder_beheerder):
    from .factories import EisFactory

    for n in range(25):
        EisFactory(aanbesteding=procedure.aanbesteding, code=f"X{n:02d}")
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=concept, door=aanbieder_beheerder)
    berichten = fout.value.messages
    # 25 extra eisen + Formulier E + KvK + Gedragsverklaring = 28 missing; 20 shown, then "… en nog 8 punten."
    assert berichten[0] == "De inschrijving is nog niet compleet:"
    assert len(berichten) == 1 + 20 + 1
    assert berichten[-1] == "… en nog 8 punten."


def test_indienen_als_de_aanbesteding_niet_meer_open_is(compleet, procedure, aanbieder_beheerder):
    Aanbesteding.objects.filter(pk=procedure.aanbesteding.pk).update(status=Aanbesteding.Status.GESLOTEN)
    compleet.refresh_from_db()
    voor = toestand(compleet)
    with pytest.raises(ValidationError):
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert toestand(compleet) == voor
    assert not audit_regels("inschrijving.ingediend").exists()


def _naar_najaarsronde(procedure, insch):
    later = ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, naam="Najaar",
                                     opent_op=datetime(2023, 9, 1, 9, 0, tzinfo=TZ), sluit_op=datetime(2023, 9, 29, 10, 0, tzinfo=TZ))
    Inschrijving.objects.filter(pk=insch.pk).update(toetredingsmoment=later)
    insch.refresh_from_db()
    return later


def test_concept_dat_op_een_latere_ronde_wacht_gaat_mee_met_de_open_ronde(compleet, procedure, aanbieder_beheerder):
    _naar_najaarsronde(procedure, compleet)
    indienen(compleet, aanbieder_beheerder)
    assert compleet.toetredingsmoment == procedure.moment
    regel = een_auditregel("inschrijving.ander_moment", compleet, door=aanbieder_beheerder)
    assert regel.nieuwe_waarden == {"toetredingsmoment": str(procedure.moment)}


def test_concept_aan_een_moment_dat_nog_niet_open_is(compleet, procedure, aanbieder_beheerder, tijd):
    later = _naar_najaarsronde(procedure, compleet)
    tijd(datetime(2023, 7, 10, 12, 0, tzinfo=TZ))  # the summer window has closed, the autumn one is not open yet
    with pytest.raises(ValidationError):
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.CONCEPT
    assert compleet.toetredingsmoment == later
    assert not audit_regels("inschrijving.te_laat").exists()


def test_verhuizing_naar_het_gerectificeerde_venster_staat_in_de_audit(procedure, compleet, aanbieder_beheerder, tijd):
    oud = procedure.moment
    oud.sluit_op = datetime(2023, 6, 23, 10, 0, tzinfo=TZ)
    oud.save()
    nieuw = ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, naam="Rectificatie",
                                     opent_op=datetime(2023, 6, 23, 10, 0, tzinfo=TZ), sluit_op=SLUITING)
    tijd(datetime(2023, 6, 26, 11, 0, tzinfo=TZ))
    indienen(compleet, aanbieder_beheerder)
    regel = een_auditregel("inschrijving.ander_moment", compleet, door=aanbieder_beheerder)
    assert regel.oude_waarden == {"toetredingsmoment": str(oud)}
    assert regel.nieuwe_waarden == {"toetredingsmoment": str(nieuw)}
    assert compleet.toetredingsmoment == nieuw


def test_nieuw_venster_dat_de_percelen_niet_dekt_neemt_het_concept_niet_mee(procedure, compleet, aanbieder_beheerder, tijd):
    oud = procedure.moment
    oud.sluit_op = datetime(2023, 6, 23, 10, 0, tzinfo=TZ)
    oud.save()
    nieuw = ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, naam="Alleen 5.10.1",
                                     opent_op=datetime(2023, 6, 23, 10, 0, tzinfo=TZ), sluit_op=SLUITING)
    nieuw.percelen.set([procedure.p5_10_1])  # the draft chose 5.1
    tijd(datetime(2023, 6, 26, 11, 0, tzinfo=TZ))
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert fout.value.code == "te_laat"
    compleet.refresh_from_db()
    assert (compleet.status, compleet.toetredingsmoment) == (Inschrijving.Status.CONCEPT, oud)
    assert not audit_regels("inschrijving.ander_moment").exists()


def test_doorlopend_toetreden_kent_geen_sluitingstermijn(procedure, aanbieder, aanbieder_beheerder, tijd):
    procedure.moment.soort, procedure.moment.sluit_op = procedure.moment.Soort.CONTINU, None
    procedure.moment.save()
    insch = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    services.percelen_kiezen(inschrijving=insch, percelen=[procedure.p5_1], door=aanbieder_beheerder)
    maak_compleet(procedure, insch, aanbieder_beheerder)
    # Two weeks later the KvK extract (02-05-2023) is still younger than 3 months on the submission day.
    tijd(datetime(2023, 7, 14, 16, 0, tzinfo=TZ))
    assert indienen(insch, aanbieder_beheerder).status == Inschrijving.Status.INGEDIEND
    assert insch.bevroren_inhoud["toetredingsmoment"] == str(procedure.moment)


# --- withdrawing ---------------------------------------------------------------------------------------


def test_intrekken_na_indienen_met_toelichting_in_de_audit(compleet, aanbieder_beheerder, tijd):
    indienen(compleet, aanbieder_beheerder)
    tijd(datetime(2023, 6, 28, 15, 30, tzinfo=TZ))
    insch = services.inschrijving_intrekken(inschrijving=compleet, door=aanbieder_beheerder, toelichting="Fusie")
    assert insch.status == Inschrijving.Status.INGETROKKEN
    assert insch.ingetrokken_op == datetime(2023, 6, 28, 15, 30, tzinfo=TZ)
    regel = een_auditregel("inschrijving.ingetrokken", compleet, door=aanbieder_beheerder)
    assert regel.oude_waarden == {"status": "ingediend"}
    assert regel.nieuwe_waarden == {"status": "ingetrokken"}
    assert regel.toelichting == "Fusie"
    # the frozen record stays: a withdrawn inschrijving is a legal record too
    assert insch.bevroren_inhoud["antwoorden"]


def test_concept_intrekken_kan_ook_na_de_sluiting(concept, aanbieder_beheerder, tijd):
    tijd(datetime(2023, 7, 10, 9, 0, tzinfo=TZ))
    assert services.kan_intrekken(concept)
    services.inschrijving_intrekken(inschrijving=concept, door=aanbieder_beheerder)
    regel = een_auditregel("inschrijving.ingetrokken", concept)
    assert regel.oude_waarden == {"status": "concept"}


@pytest.mark.parametrize("wie", ["aanbieder_medewerker", "andere_beheerder"])
def test_intrekken_alleen_door_een_eigen_beheerder(request, compleet, aanbieder_beheerder, wie):
    indienen(compleet, aanbieder_beheerder)
    with pytest.raises(PermissionDenied):
        services.inschrijving_intrekken(inschrijving=compleet, door=request.getfixturevalue(wie))
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.INGEDIEND
    assert not audit_regels("inschrijving.ingetrokken").exists()


def test_ingetrokken_inschrijving_kan_niet_nog_eens_worden_ingetrokken_of_ingediend(compleet, aanbieder_beheerder):
    services.inschrijving_intrekken(inschrijving=compleet, door=aanbieder_beheerder)
    for dienst in (services.inschrijving_intrekken, services.inschrijving_indienen):
        with pytest.raises(ValidationError):
            dienst(inschrijving=compleet, door=aanbieder_beheerder)
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.INGETROKKEN
    assert audit_regels("inschrijving.ingetrokken").count() == 1


@pytest.mark.parametrize("status", [Inschrijving.Status.IN_BEOORDELING, Inschrijving.Status.HERSTEL,
                                    Inschrijving.Status.BESLOTEN, Inschrijving.Status.INGETROKKEN])
def test_kan_intrekken_alleen_concept_of_ingediend(compleet, aanbieder_beheerder, status):
    indienen(compleet, aanbieder_beheerder)
    assert services.kan_intrekken(compleet)
    Inschrijving.objects.filter(pk=compleet.pk).update(status=status)
    compleet.refresh_from_db()
    assert not services.kan_intrekken(compleet)
    with pytest.raises(ValidationError):
        services.inschrijving_intrekken(inschrijving=compleet, door=aanbieder_beheerder)
    compleet.refresh_from_db()
    assert compleet.status == status


def test_kan_intrekken_met_een_meegegeven_moment(compleet, aanbieder_beheerder):
    indienen(compleet, aanbieder_beheerder)
    assert services.kan_intrekken(compleet, datetime(2023, 6, 30, 9, 59, 59, tzinfo=TZ))
    assert not services.kan_intrekken(compleet, SLUITING)


# --- proces-verbaal op verzoek -------------------------------------------------------------------------


def test_proces_verbaal_opvragen_eenmaal_vastgelegd(compleet, aanbieder_medewerker, aanbieder_beheerder, tijd):
    indienen(compleet, aanbieder_beheerder)
    tijd(datetime(2023, 7, 4, 11, 0, tzinfo=TZ))
    services.proces_verbaal_opvragen(inschrijving=compleet, door=aanbieder_medewerker)
    tijd(datetime(2023, 7, 5, 11, 0, tzinfo=TZ))
    insch = services.proces_verbaal_opvragen(inschrijving=compleet, door=aanbieder_beheerder)
    # the first request counts; the second changes nothing
    assert insch.pv_opgevraagd_op == datetime(2023, 7, 4, 11, 0, tzinfo=TZ)
    een_auditregel("inschrijving.pv_opgevraagd", compleet, door=aanbieder_medewerker)


def test_proces_verbaal_opvragen_zonder_indiening_of_door_een_ander(compleet, aanbieder_beheerder, andere_beheerder):
    with pytest.raises(ValidationError):
        services.proces_verbaal_opvragen(inschrijving=compleet, door=aanbieder_beheerder)
    indienen(compleet, aanbieder_beheerder)
    with pytest.raises(PermissionDenied):
        services.proces_verbaal_opvragen(inschrijving=compleet, door=andere_beheerder)
    compleet.refresh_from_db()
    assert compleet.pv_opgevraagd_op is None
    assert not audit_regels("inschrijving.pv_opgevraagd").exists()
