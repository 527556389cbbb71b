"""Settings, commissie, assignment and the declaration of (no) conflict of interest: every refusal and every
audit entry of instelling_opslaan, commissie_opslaan, toewijzen, toewijzing_intrekken and belang_verklaren."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Toetredingsmoment
from core.models import AuditRegel
from inschrijving.models import Inschrijving
from toetsing import permissions, services
from toetsing.models import (
    Belangenverklaring,
    Beoordelingscommissie,
    Toetsing,
    Toetsingsinstelling,
    Toewijzing,
)

from ._hulp import een_regel, nieuwe_beoordelaar, om, regels
from .factories import AanbestedingFactory
from .helpers import beoordeel, consensus

# --- instelling_opslaan ----------------------------------------------------------------------------------


def test_standaardinstellingen_volgen_de_bronnen(procedure):
    instelling = Toetsingsinstelling.voor(procedure["aanbesteding"])
    assert instelling.pk is None  # the defaults, not stored
    # Vier ogen (2 assessors), schaal 0-10 met minimum 6 (004 §3.2 d), 20 kalenderdagen standstill en
    # 6 maanden uitsluiting (003a §3.2/§3.3).
    assert (instelling.min_beoordelaars, instelling.score_min, instelling.score_max, instelling.minimale_score) == (
        2, 0, 10, 6)
    assert (instelling.standstill_dagen, instelling.uitsluiting_maanden) == (20, 6)


def test_instelling_opslaan_bewaart_en_auditeert_alleen_het_verschil(procedure, inkoper):
    instelling = services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], standstill_dagen=25,
                                             minimale_score=Decimal("5.5"), door=inkoper)
    instelling.refresh_from_db()
    assert (instelling.standstill_dagen, instelling.minimale_score) == (25, Decimal("5.5"))
    regel = een_regel(instelling, "toetsing.instelling_gewijzigd")
    assert regel.actor == inkoper
    assert (regel.oude_waarden["standstill_dagen"], regel.nieuwe_waarden["standstill_dagen"]) == (20, 25)
    assert Decimal(str(regel.oude_waarden["minimale_score"])) == 6
    assert Decimal(regel.nieuwe_waarden["minimale_score"]) == Decimal("5.5")


def test_tweede_wijziging_auditeert_alleen_het_verschil(procedure, inkoper):
    instelling = services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], door=inkoper)
    services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], uitsluiting_maanden=12, door=inkoper)
    laatste = regels(instelling, "toetsing.instelling_gewijzigd")[-1]
    assert (laatste.oude_waarden, laatste.nieuwe_waarden) == ({"uitsluiting_maanden": 6}, {"uitsluiting_maanden": 12})


def test_eerste_wijziging_auditeert_geen_ongewijzigde_schaal(procedure, inkoper):
    instelling = services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], standstill_dagen=25, door=inkoper)
    regel = een_regel(instelling, "toetsing.instelling_gewijzigd")
    assert set(regel.nieuwe_waarden) == {"standstill_dagen"}


def test_instelling_opslaan_is_voor_de_inkoper(procedure, beoordelaar):
    with pytest.raises(PermissionDenied):
        services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], standstill_dagen=5, door=beoordelaar)
    assert not Toetsingsinstelling.objects.filter(aanbesteding=procedure["aanbesteding"]).exists()


@pytest.mark.parametrize("velden", [
    {"score_min": Decimal("10"), "score_max": Decimal("5")},
    {"minimale_score": Decimal("11")},
    {"minimale_score": Decimal("-1")},
    {"min_beoordelaars": 0},
])
def test_instelling_buiten_de_schaal_wordt_geweigerd(procedure, inkoper, velden):
    services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], door=inkoper)
    with pytest.raises(ValidationError):
        services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], door=inkoper, **velden)
    instelling = Toetsingsinstelling.objects.get(aanbesteding=procedure["aanbesteding"])
    assert (instelling.score_min, instelling.score_max, instelling.minimale_score, instelling.min_beoordelaars) == (
        0, 10, 6, 2)


def test_instelling_met_onbekend_veld_wordt_geweigerd(procedure, inkoper):
    with pytest.raises(ValueError, match="geheim"):
        services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], geheim=1, door=inkoper)
    assert not AuditRegel.objects.filter(actie="toetsing.instelling_gewijzigd").exists()


# --- commissie_opslaan -----------------------------------------------------------------------------------


def test_commissie_opslaan_met_audit(procedure, inkoper, beoordelaar, beoordelaar2):
    commissie = services.commissie_opslaan(aanbesteding=procedure["aanbesteding"], naam="Commissie Jeugd",
                                           voorzitter=inkoper, leden=[beoordelaar, beoordelaar2], door=inkoper)
    assert set(commissie.leden.all()) == {beoordelaar, beoordelaar2}
    regel = een_regel(commissie, "toetsing.commissie_opgeslagen")
    assert regel.oude_waarden == {}
    assert regel.nieuwe_waarden["naam"] == "Commissie Jeugd"
    assert regel.nieuwe_waarden["leden"] == sorted([str(beoordelaar), str(beoordelaar2)])


def test_commissie_wijzigen_legt_oude_leden_vast(commissie, procedure, inkoper, beoordelaar, beoordelaar2):
    services.commissie_opslaan(aanbesteding=procedure["aanbesteding"], naam=commissie.naam, voorzitter=inkoper,
                               leden=[beoordelaar], door=inkoper, commissie=commissie)
    laatste = regels(commissie, "toetsing.commissie_opgeslagen")[-1]
    assert laatste.oude_waarden == {"leden": sorted([str(beoordelaar), str(beoordelaar2)])}
    assert laatste.nieuwe_waarden == {"leden": [str(beoordelaar)]}
    assert list(Beoordelingscommissie.objects.get(pk=commissie.pk).leden.all()) == [beoordelaar]


def test_commissie_opslaan_is_voor_de_inkoper(procedure, beoordelaar, beoordelaar2):
    with pytest.raises(PermissionDenied):
        services.commissie_opslaan(aanbesteding=procedure["aanbesteding"], naam="X", voorzitter=beoordelaar,
                                   leden=[beoordelaar, beoordelaar2], door=beoordelaar)
    assert not Beoordelingscommissie.objects.exists()


def test_voorzitter_is_inkoper_of_lid(procedure, inkoper, beoordelaar, beoordelaar2):
    with pytest.raises(ValidationError):
        services.commissie_opslaan(aanbesteding=procedure["aanbesteding"], naam="X", voorzitter=beoordelaar2,
                                   leden=[beoordelaar], door=inkoper)
    # A member may chair.
    commissie = services.commissie_opslaan(aanbesteding=procedure["aanbesteding"], naam="X", voorzitter=beoordelaar,
                                           leden=[beoordelaar, beoordelaar2], door=inkoper)
    assert commissie.voorzitter == beoordelaar


def test_lid_moet_beoordelaar_zijn(procedure, inkoper, beoordelaar, aanbieder_beheerder, redacteur):
    for buitenstaander in (aanbieder_beheerder, redacteur):
        with pytest.raises(ValidationError):
            services.commissie_opslaan(aanbesteding=procedure["aanbesteding"], naam="X", voorzitter=inkoper,
                                       leden=[beoordelaar, buitenstaander], door=inkoper)
    assert not Beoordelingscommissie.objects.exists()


def test_toetredingsmoment_van_een_andere_procedure_wordt_geweigerd(procedure, inkoper, beoordelaar):
    vreemd = Toetredingsmoment.objects.create(aanbesteding=AanbestedingFactory(), naam="Ronde elders",
                                              opent_op=om(2026, 1, 1), sluit_op=om(2026, 2, 1))
    with pytest.raises(ValidationError):
        services.commissie_opslaan(aanbesteding=procedure["aanbesteding"], naam="X", voorzitter=inkoper,
                                   leden=[beoordelaar], toetredingsmoment=vreemd, door=inkoper)
    assert not Beoordelingscommissie.objects.exists()


def test_commissie_van_het_moment_gaat_voor(procedure, commissie, maak_inschrijving, inkoper, beoordelaar2):
    moment = Toetredingsmoment.objects.create(aanbesteding=procedure["aanbesteding"], naam="Toetreding 2027",
                                              opent_op=om(2026, 1, 1), sluit_op=om(2026, 2, 1))
    eigen = services.commissie_opslaan(aanbesteding=procedure["aanbesteding"], naam="Commissie 2027",
                                       voorzitter=inkoper, leden=[beoordelaar2], toetredingsmoment=moment, door=inkoper)
    assert services.commissie_voor(maak_inschrijving(toetredingsmoment=moment)) == eigen
    assert services.commissie_voor(maak_inschrijving()) == commissie


# --- toewijzen -----------------------------------------------------------------------------------------------


def test_toewijzen_auditeert_per_beoordelaar_en_de_statussen(commissie, maak_inschrijving, inkoper, beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    toegewezen = regels(i, "toetsing.toegewezen")
    assert sorted(r.nieuwe_waarden["beoordelaar"] for r in toegewezen) == sorted([str(beoordelaar), str(beoordelaar2)])
    assert all(r.actor == inkoper for r in toegewezen)
    status = een_regel(i, "toetsing.status")
    assert (status.oude_waarden, status.nieuwe_waarden) == ({"toetsing": "nieuw"}, {"toetsing": "in_beoordeling"})
    insch = een_regel(i, "inschrijving.status")
    assert (insch.oude_waarden, insch.nieuwe_waarden) == ({"status": "ingediend"}, {"status": "in_beoordeling"})
    assert Toetsing.objects.get(inschrijving=i).commissie == commissie


def test_toewijzen_slaat_bestaande_paren_over(commissie, maak_inschrijving, inkoper, beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    nieuw = services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    assert [t.beoordelaar for t in nieuw] == [beoordelaar2]
    assert Toewijzing.objects.filter(toetsing__inschrijving=i).count() == 2
    assert len(regels(i, "toetsing.toegewezen")) == 2


def test_toewijzen_door_beoordelaar_slaat_niets_op(commissie, maak_inschrijving, beoordelaar):
    i = maak_inschrijving()
    with pytest.raises(PermissionDenied):
        services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=beoordelaar)
    assert not Toewijzing.objects.exists()
    assert regels(i, "toetsing.toegewezen") == []


def test_toewijzen_zonder_beoordelaars(commissie, maak_inschrijving, inkoper):
    with pytest.raises(ValidationError):
        services.toewijzen(inschrijvingen=[maak_inschrijving()], beoordelaars=[], door=inkoper)
    assert not Toewijzing.objects.exists()


def test_toewijzen_zonder_commissie(maak_inschrijving, inkoper, beoordelaar):
    i = maak_inschrijving()
    with pytest.raises(ValidationError):
        services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    assert not Toewijzing.objects.exists()
    i.refresh_from_db()
    assert i.status == Inschrijving.Status.INGEDIEND


@pytest.mark.parametrize("status", [Inschrijving.Status.CONCEPT, Inschrijving.Status.INGETROKKEN,
                                    Inschrijving.Status.BESLOTEN])
def test_alleen_ingediende_onbesliste_inschrijvingen_worden_toegewezen(commissie, maak_inschrijving, inkoper,
                                                                       beoordelaar, status):
    i = maak_inschrijving(status=status)
    with pytest.raises(ValidationError):
        services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    assert not Toewijzing.objects.exists()
    i.refresh_from_db()
    assert i.status == status


def test_toewijzen_is_alles_of_niets(commissie, maak_inschrijving, inkoper, beoordelaar):
    goed, concept = maak_inschrijving(), maak_inschrijving(status=Inschrijving.Status.CONCEPT)
    with pytest.raises(ValidationError):
        services.toewijzen(inschrijvingen=[goed, concept], beoordelaars=[beoordelaar], door=inkoper)
    # The first inschrijving's assignment is rolled back with the refusal of the second.
    assert not Toewijzing.objects.exists()
    assert regels(goed, "toetsing.toegewezen") == []


def test_toewijzing_wordt_eenmaal_gemaild(commissie, maak_inschrijving, inkoper, beoordelaar, mailoutbox,
                                          django_capture_on_commit_callbacks):
    i = maak_inschrijving()
    with django_capture_on_commit_callbacks(execute=True):
        services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    with django_capture_on_commit_callbacks(execute=True):
        services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [beoordelaar.email]
    assert Toewijzing.objects.get().gemaild_op is not None


def test_geen_nieuwe_toewijzing_na_vastgestelde_consensus(volledig_beoordeeld, maak_inschrijving, procedure, inkoper,
                                                          beoordelaar, beoordelaar2):
    i = volledig_beoordeeld(maak_inschrijving())
    derde = nieuwe_beoordelaar()
    commissie = Toetsing.objects.get(inschrijving=i).commissie
    commissie.leden.add(derde)
    with pytest.raises(ValidationError):
        services.toewijzen(inschrijvingen=[i], beoordelaars=[derde], door=inkoper)


# --- toewijzing_intrekken ----------------------------------------------------------------------------------


def test_intrekken_met_audit_en_terug_naar_nieuw(commissie, maak_inschrijving, inkoper, beoordelaar):
    i = maak_inschrijving()
    [toewijzing] = services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper)
    toewijzing.refresh_from_db()
    assert toewijzing.status == Toewijzing.Status.INGETROKKEN
    regel = een_regel(i, "toetsing.toewijzing_ingetrokken")
    assert regel.oude_waarden == {"beoordelaar": str(beoordelaar)}
    assert Toetsing.objects.get(inschrijving=i).status == Toetsing.Status.NIEUW
    assert [r.nieuwe_waarden for r in regels(i, "toetsing.status")][-1] == {"toetsing": "nieuw"}
    assert not permissions.is_betrokken(beoordelaar, i)


def test_intrekken_tweemaal_doet_niets_extra(commissie, maak_inschrijving, inkoper, beoordelaar):
    [toewijzing] = services.toewijzen(inschrijvingen=[maak_inschrijving()], beoordelaars=[beoordelaar], door=inkoper)
    services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper)
    services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper)
    assert len(regels(toewijzing.toetsing.inschrijving, "toetsing.toewijzing_ingetrokken")) == 1


def test_intrekken_is_voor_de_inkoper(commissie, maak_inschrijving, inkoper, beoordelaar):
    [toewijzing] = services.toewijzen(inschrijvingen=[maak_inschrijving()], beoordelaars=[beoordelaar], door=inkoper)
    with pytest.raises(PermissionDenied):
        services.toewijzing_intrekken(toewijzing=toewijzing, door=beoordelaar)
    toewijzing.refresh_from_db()
    assert toewijzing.status == Toewijzing.Status.TOEGEWEZEN


def test_intrekken_na_vastgestelde_consensus_wordt_geweigerd(volledig_beoordeeld, maak_inschrijving, inkoper, beoordelaar):
    i = volledig_beoordeeld(maak_inschrijving())
    toewijzing = Toewijzing.objects.get(toetsing__inschrijving=i, beoordelaar=beoordelaar)
    with pytest.raises(ValidationError):
        services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper)
    toewijzing.refresh_from_db()
    assert toewijzing.status == Toewijzing.Status.AFGEROND
    assert regels(i, "toetsing.toewijzing_ingetrokken") == []


def test_intrekken_van_een_van_drie_kan_consensus_openen(commissie, maak_inschrijving, inkoper, beoordelaar, beoordelaar2):
    derde = nieuwe_beoordelaar()
    commissie.leden.add(derde)
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2, derde], door=inkoper)
    beoordeel(i, beoordelaar)
    beoordeel(i, beoordelaar2)
    assert Toetsing.objects.get(inschrijving=i).status == Toetsing.Status.IN_BEOORDELING
    services.toewijzing_intrekken(toewijzing=Toewijzing.objects.get(toetsing__inschrijving=i, beoordelaar=derde),
                                  door=inkoper)
    # Two finished assessors remain: the procedure's minimum of 2 is met.
    assert Toetsing.objects.get(inschrijving=i).status == Toetsing.Status.CONSENSUS


# --- belang_verklaren ----------------------------------------------------------------------------------------


def test_verklaring_zonder_conflict_wordt_geaudit(commissie, maak_inschrijving, inkoper, beoordelaar):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    verklaring = services.belang_verklaren(inschrijving=i, geen_conflict=True, door=beoordelaar)
    assert verklaring.geen_conflict is True
    regel = een_regel(i, "toetsing.belangenverklaring")
    assert (regel.actor, regel.nieuwe_waarden) == (beoordelaar, {"geen_conflict": True})
    assert regels(i, "toetsing.teruggetrokken") == []


def test_conflict_trekt_terug_met_audit_en_toelichting(commissie, maak_inschrijving, inkoper, beoordelaar):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    services.belang_verklaren(inschrijving=i, geen_conflict=False, toelichting="Zus werkt bij deze aanbieder",
                              door=beoordelaar)
    assert een_regel(i, "toetsing.belangenverklaring").toelichting == "Zus werkt bij deze aanbieder"
    assert een_regel(i, "toetsing.teruggetrokken").oude_waarden == {"beoordelaar": str(beoordelaar)}
    assert Toewijzing.objects.get(toetsing__inschrijving=i).status == Toewijzing.Status.TERUGGETROKKEN
    # No active assessor left: the queue shows it needs a new one.
    assert Toetsing.objects.get(inschrijving=i).status == Toetsing.Status.NIEUW


def test_verklaring_is_eenmalig(commissie, maak_inschrijving, inkoper, beoordelaar):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    services.belang_verklaren(inschrijving=i, geen_conflict=True, door=beoordelaar)
    with pytest.raises(ValidationError):
        services.belang_verklaren(inschrijving=i, geen_conflict=False, toelichting="Toch wel", door=beoordelaar)
    assert Belangenverklaring.objects.get(inschrijving=i, gebruiker=beoordelaar).geen_conflict is True
    assert Toewijzing.objects.get(toetsing__inschrijving=i).status == Toewijzing.Status.TOEGEWEZEN
    assert len(regels(i, "toetsing.belangenverklaring")) == 1


def test_verklaring_van_niet_toegewezen_beoordelaar(commissie, maak_inschrijving, beoordelaar):
    i = maak_inschrijving()
    with pytest.raises(PermissionDenied):
        services.belang_verklaren(inschrijving=i, geen_conflict=True, door=beoordelaar)
    assert not Belangenverklaring.objects.exists()
    assert regels(i, "toetsing.belangenverklaring") == []


def test_voorzitter_verklaart_zonder_toewijzing(commissie, maak_inschrijving, inkoper, beoordelaar):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    services.belang_verklaren(inschrijving=i, geen_conflict=True, door=inkoper)
    assert permissions.mag_inhoud_zien(inkoper, i)


def test_conflict_van_voorzitter_laat_toewijzingen_staan(commissie, maak_inschrijving, inkoper, beoordelaar):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    services.belang_verklaren(inschrijving=i, geen_conflict=False, toelichting="Oud-collega", door=inkoper)
    assert regels(i, "toetsing.teruggetrokken") == []
    assert Toewijzing.objects.get(toetsing__inschrijving=i).status == Toewijzing.Status.TOEGEWEZEN
    assert not permissions.mag_inhoud_zien(inkoper, i)


def test_voorzitter_met_conflict_kan_geen_consensus_vastleggen(commissie, maak_inschrijving, inkoper, beoordelaar,
                                                               beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    beoordeel(i, beoordelaar)
    beoordeel(i, beoordelaar2)
    services.belang_verklaren(inschrijving=i, geen_conflict=False, toelichting="Oud-collega", door=inkoper)
    with pytest.raises(PermissionDenied):
        consensus(i, inkoper)
    assert not Toetsing.objects.get(inschrijving=i).eindoordelen.exists()
