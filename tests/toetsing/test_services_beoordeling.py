"""Verdicts and consensus: oordeel_vastleggen, beoordeling_afronden, eindoordeel_vastleggen and
consensus_vaststellen, with the scale 0-10 and minimum 6 (004 §3.2 d), the three steps, the sealed round and
the chair's role; every refusal leaves nothing behind, every success leaves its audit entry."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Eis, Toetredingsmoment
from core import kalender
from toetsing import services
from toetsing.models import Beoordeling, Eindoordeel, Oordeel, Toetsing, Toewijzing

from ._hulp import een_regel, eis, om, regels, verklaar
from .factories import AanbestedingFactory, EisFactory
from .helpers import beoordeel, consensus


@pytest.fixture
def toegewezen(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    return i


@pytest.fixture
def klaar_voor_consensus(toegewezen, beoordelaar, beoordelaar2):
    beoordeel(toegewezen, beoordelaar)
    beoordeel(toegewezen, beoordelaar2)
    return toegewezen


def _leg_vast(i, user, code, oordeel=Oordeel.VOLDOET, score=None, motivering="Gemotiveerd"):
    return services.oordeel_vastleggen(inschrijving=i, eis=eis(i, code), oordeel=oordeel, score=score,
                                       motivering=motivering, door=user)


def _stappen_een_en_twee_behalve_plan(i, user):
    verklaar(i, user)
    _leg_vast(i, user, "U1")
    _leg_vast(i, user, "G1")


# --- oordeel_vastleggen: who -------------------------------------------------------------------------------


def test_oordeel_wordt_geaudit_met_eis(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    _leg_vast(toegewezen, beoordelaar, "U1", motivering="  Eigen Verklaring getekend  ")
    regel = een_regel(toegewezen, "toetsing.oordeel")
    assert regel.actor == beoordelaar
    assert regel.oude_waarden == {}
    assert regel.nieuwe_waarden == {"oordeel": "voldoet", "score": None, "motivering": "Eigen Verklaring getekend",
                                    "eis": "U1"}
    assert regel.toelichting == "Eis U1"


def test_niet_toegewezen_commissielid_mag_geen_oordeel_geven(maak_inschrijving, commissie, inkoper, beoordelaar,
                                                             beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    with pytest.raises(PermissionDenied):
        _leg_vast(i, beoordelaar2, "U1")
    assert not Beoordeling.objects.exists()
    assert regels(i, "toetsing.oordeel") == []


def test_geen_oordeel_voor_de_belangenverklaring(toegewezen, beoordelaar):
    with pytest.raises(PermissionDenied):
        _leg_vast(toegewezen, beoordelaar, "U1")
    assert not Beoordeling.objects.exists()


def test_geen_oordeel_na_gemeld_conflict(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar, geen_conflict=False, toelichting="Vorige werkgever")
    with pytest.raises(PermissionDenied):
        _leg_vast(toegewezen, beoordelaar, "U1")
    assert not Beoordeling.objects.exists()


def test_voorzitter_zonder_toewijzing_geeft_geen_eigen_oordeel(toegewezen, inkoper):
    verklaar(toegewezen, inkoper)
    with pytest.raises(PermissionDenied):
        _leg_vast(toegewezen, inkoper, "U1")
    assert not Beoordeling.objects.exists()


def test_geen_oordeel_zolang_de_ronde_verzegeld_is(procedure, commissie, maak_inschrijving, inkoper, beoordelaar):
    sluit = kalender.nu() + timedelta(days=3)
    moment = Toetredingsmoment.objects.create(aanbesteding=procedure["aanbesteding"], naam="Ronde september",
                                              opent_op=sluit - timedelta(days=30), sluit_op=sluit)
    i = maak_inschrijving(toetredingsmoment=moment)
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    verklaar(i, beoordelaar)
    with pytest.raises(PermissionDenied):
        _leg_vast(i, beoordelaar, "U1")
    assert not Beoordeling.objects.exists()
    # One minute after the closing time the vault is open.
    with time_machine.travel(sluit + timedelta(minutes=1)):
        _leg_vast(i, beoordelaar, "U1")
    assert Beoordeling.objects.count() == 1


def test_geen_oordeel_na_afronden(klaar_voor_consensus, beoordelaar):
    with pytest.raises(ValidationError):
        _leg_vast(klaar_voor_consensus, beoordelaar, "U1", oordeel=Oordeel.VOLDOET_NIET)
    b = Beoordeling.objects.get(toewijzing__beoordelaar=beoordelaar, eis__code="U1")
    assert b.oordeel == Oordeel.VOLDOET


# --- oordeel_vastleggen: what ------------------------------------------------------------------------------


def test_eis_van_niet_gekozen_perceel_hoort_er_niet_bij(toegewezen, procedure, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    with pytest.raises(ValidationError):
        services.oordeel_vastleggen(inschrijving=toegewezen, eis=procedure["eisen"]["S6G1"], oordeel=Oordeel.VOLDOET,
                                    motivering="MST-licentie", door=beoordelaar)
    assert not Beoordeling.objects.exists()


def test_eis_van_andere_procedure_hoort_er_niet_bij(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    vreemd = EisFactory(aanbesteding=AanbestedingFactory(), soort=Eis.Soort.UITSLUITINGSGROND)
    with pytest.raises(ValidationError):
        services.oordeel_vastleggen(inschrijving=toegewezen, eis=vreemd, oordeel=Oordeel.VOLDOET, motivering="x",
                                    door=beoordelaar)
    assert not Beoordeling.objects.exists()


def test_onbekend_oordeel(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    with pytest.raises(ValidationError):
        _leg_vast(toegewezen, beoordelaar, "U1", oordeel="misschien")
    assert not Beoordeling.objects.exists()


def test_geen_score_bij_een_ja_nee_eis(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    with pytest.raises(ValidationError):
        _leg_vast(toegewezen, beoordelaar, "U1", score="8")
    assert not Beoordeling.objects.exists()


def test_stap_drie_pas_na_stap_twee(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    _leg_vast(toegewezen, beoordelaar, "U1")
    _leg_vast(toegewezen, beoordelaar, "G1")
    # G2 (step 2) has no verdict yet: X1 (step 3) is closed.
    with pytest.raises(ValidationError):
        _leg_vast(toegewezen, beoordelaar, "X1")
    _leg_vast(toegewezen, beoordelaar, "G2", score="7")
    _leg_vast(toegewezen, beoordelaar, "X1")
    assert Beoordeling.objects.filter(toewijzing__beoordelaar=beoordelaar).count() == 4


def test_binnen_een_stap_is_de_volgorde_vrij(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    _leg_vast(toegewezen, beoordelaar, "U1")
    _leg_vast(toegewezen, beoordelaar, "G2", score="8")
    _leg_vast(toegewezen, beoordelaar, "G1")
    assert Beoordeling.objects.count() == 3


@pytest.mark.parametrize(("score", "oordeel"), [
    ("6", Oordeel.VOLDOET),          # exactly the minimum passes
    ("6,0", Oordeel.VOLDOET),        # Dutch decimal comma
    ("5,99", Oordeel.VOLDOET_NIET),  # just below fails
    ("0", Oordeel.VOLDOET_NIET),     # bottom of the scale
    ("10", Oordeel.VOLDOET),         # top of the scale
])
def test_plan_score_op_de_schaal_met_minimum_zes(toegewezen, beoordelaar, score, oordeel):
    _stappen_een_en_twee_behalve_plan(toegewezen, beoordelaar)
    b = _leg_vast(toegewezen, beoordelaar, "G2", oordeel=oordeel, score=score)
    b.refresh_from_db()
    assert b.score == Decimal(score.replace(",", "."))
    assert b.oordeel == oordeel


@pytest.mark.parametrize(("score", "oordeel"), [
    ("6", Oordeel.VOLDOET_NIET),   # at the minimum "voldoet niet" contradicts the score
    ("5,99", Oordeel.VOLDOET),     # below the minimum "voldoet" contradicts the score
    ("-0,5", Oordeel.VOLDOET_NIET),
    ("10,01", Oordeel.VOLDOET),
    ("", Oordeel.VOLDOET),         # a plan needs a score
    ("zeven", Oordeel.VOLDOET),
])
def test_plan_score_buiten_de_regels_wordt_geweigerd(toegewezen, beoordelaar, score, oordeel):
    _stappen_een_en_twee_behalve_plan(toegewezen, beoordelaar)
    with pytest.raises(ValidationError):
        _leg_vast(toegewezen, beoordelaar, "G2", oordeel=oordeel, score=score)
    assert not Beoordeling.objects.filter(eis__code="G2").exists()


def test_plan_mag_herstel_krijgen_zonder_score(toegewezen, beoordelaar):
    _stappen_een_en_twee_behalve_plan(toegewezen, beoordelaar)
    b = _leg_vast(toegewezen, beoordelaar, "G2", oordeel=Oordeel.HERSTEL)
    assert (b.oordeel, b.score) == (Oordeel.HERSTEL, None)


def test_plan_zonder_eigen_minimum_volgt_de_procedure(procedure, toegewezen, inkoper, beoordelaar):
    services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], minimale_score=Decimal("7"), door=inkoper)
    EisFactory(aanbesteding=procedure["aanbesteding"], code="P9", soort=Eis.Soort.UITVOERINGSEIS,
               antwoordtype=Eis.Antwoordtype.PLAN, min_score=None, max_score=None, volgorde=9)
    _stappen_een_en_twee_behalve_plan(toegewezen, beoordelaar)
    _leg_vast(toegewezen, beoordelaar, "G2", score="7")
    # 6,5 passes the default 6 but not this procedure's 7.
    with pytest.raises(ValidationError):
        _leg_vast(toegewezen, beoordelaar, "P9", oordeel=Oordeel.VOLDOET, score="6,5")
    _leg_vast(toegewezen, beoordelaar, "P9", oordeel=Oordeel.VOLDOET_NIET, score="6,5")
    # Without a maximum on the eis the procedure's top of the scale (10) applies.
    with pytest.raises(ValidationError):
        _leg_vast(toegewezen, beoordelaar, "P9", oordeel=Oordeel.VOLDOET, score="10,5")
    assert Beoordeling.objects.get(eis__code="P9").score == Decimal("6.5")


def test_wijziging_bewaart_een_beoordeling_per_eis(toegewezen, beoordelaar):
    _stappen_een_en_twee_behalve_plan(toegewezen, beoordelaar)
    _leg_vast(toegewezen, beoordelaar, "G2", oordeel=Oordeel.VOLDOET_NIET, score="5")
    _leg_vast(toegewezen, beoordelaar, "G2", oordeel=Oordeel.VOLDOET, score="7,5", motivering="Na herlezing")
    assert Beoordeling.objects.filter(eis__code="G2").count() == 1
    laatste = [r for r in regels(toegewezen, "toetsing.oordeel") if r.toelichting == "Eis G2"][-1]
    assert laatste.oude_waarden == {"oordeel": "voldoet_niet", "score": "5.00", "motivering": "Gemotiveerd"}
    assert laatste.nieuwe_waarden == {"oordeel": "voldoet", "score": "7.5", "motivering": "Na herlezing", "eis": "G2"}


# --- beoordeling_afronden -------------------------------------------------------------------------------------


def test_afronden_met_audit_en_tijdstip(toegewezen, beoordelaar):
    beoordeel(toegewezen, beoordelaar, afronden=False)
    with time_machine.travel(om(2026, 2, 3, 14, 5), tick=False):
        toewijzing = services.beoordeling_afronden(inschrijving=toegewezen, door=beoordelaar)
    assert toewijzing.status == Toewijzing.Status.AFGEROND
    assert toewijzing.afgerond_op == om(2026, 2, 3, 14, 5)
    assert een_regel(toegewezen, "toetsing.beoordeling_afgerond").nieuwe_waarden == {"beoordelaar": str(beoordelaar)}
    # One of two: still with the assessors.
    assert Toetsing.objects.get(inschrijving=toegewezen).status == Toetsing.Status.IN_BEOORDELING


def test_tweede_afronding_opent_de_consensus(toegewezen, beoordelaar, beoordelaar2):
    beoordeel(toegewezen, beoordelaar)
    beoordeel(toegewezen, beoordelaar2)
    assert Toetsing.objects.get(inschrijving=toegewezen).status == Toetsing.Status.CONSENSUS
    laatste = regels(toegewezen, "toetsing.status")[-1]
    assert (laatste.oude_waarden, laatste.nieuwe_waarden) == ({"toetsing": "in_beoordeling"}, {"toetsing": "consensus"})
    assert laatste.actor == beoordelaar2


def test_afronden_zonder_alle_eisen(toegewezen, beoordelaar):
    beoordeel(toegewezen, beoordelaar, afronden=False, eisen=[eis(toegewezen, "U1"), eis(toegewezen, "G1")])
    with pytest.raises(ValidationError):
        services.beoordeling_afronden(inschrijving=toegewezen, door=beoordelaar)
    assert Toewijzing.objects.get(beoordelaar=beoordelaar).status == Toewijzing.Status.TOEGEWEZEN
    assert regels(toegewezen, "toetsing.beoordeling_afgerond") == []


def test_afronden_door_niet_toegewezene(toegewezen, inkoper):
    with pytest.raises(PermissionDenied):
        services.beoordeling_afronden(inschrijving=toegewezen, door=inkoper)
    assert regels(toegewezen, "toetsing.beoordeling_afgerond") == []


def test_afronden_is_eenmalig(toegewezen, beoordelaar):
    beoordeel(toegewezen, beoordelaar)
    with pytest.raises(PermissionDenied):
        services.beoordeling_afronden(inschrijving=toegewezen, door=beoordelaar)
    assert len(regels(toegewezen, "toetsing.beoordeling_afgerond")) == 1


def test_herstel_nodig_telt_als_oordeel_bij_afronden(toegewezen, beoordelaar):
    beoordeel(toegewezen, beoordelaar, {"G1": Oordeel.HERSTEL})
    assert Toewijzing.objects.get(beoordelaar=beoordelaar).status == Toewijzing.Status.AFGEROND


# --- eindoordeel_vastleggen -----------------------------------------------------------------------------------


def test_eindoordeel_met_audit(klaar_voor_consensus, inkoper):
    verklaar(klaar_voor_consensus, inkoper)
    services.eindoordeel_vastleggen(inschrijving=klaar_voor_consensus, eis=eis(klaar_voor_consensus, "U1"),
                                    oordeel=Oordeel.VOLDOET, motivering="Beide beoordelaars eens", door=inkoper)
    regel = een_regel(klaar_voor_consensus, "toetsing.eindoordeel")
    assert regel.actor == inkoper
    assert regel.nieuwe_waarden["eis"] == "U1" and regel.nieuwe_waarden["oordeel"] == "voldoet"
    assert regel.toelichting == "Consensus eis U1"
    assert Eindoordeel.objects.get().vastgesteld_door == inkoper


def test_eindoordeel_door_een_beoordelaar_die_geen_voorzitter_is(klaar_voor_consensus, beoordelaar):
    with pytest.raises(PermissionDenied):
        services.eindoordeel_vastleggen(inschrijving=klaar_voor_consensus, eis=eis(klaar_voor_consensus, "U1"),
                                        oordeel=Oordeel.VOLDOET, motivering="x", door=beoordelaar)
    assert not Eindoordeel.objects.exists()


def test_eindoordeel_pas_na_de_verklaring_van_de_voorzitter(klaar_voor_consensus, inkoper):
    with pytest.raises(PermissionDenied):
        services.eindoordeel_vastleggen(inschrijving=klaar_voor_consensus, eis=eis(klaar_voor_consensus, "U1"),
                                        oordeel=Oordeel.VOLDOET, motivering="x", door=inkoper)
    assert not Eindoordeel.objects.exists()


def test_eindoordeel_niet_tijdens_de_beoordeling(toegewezen, inkoper, beoordelaar):
    beoordeel(toegewezen, beoordelaar)
    verklaar(toegewezen, inkoper)
    with pytest.raises(ValidationError):
        services.eindoordeel_vastleggen(inschrijving=toegewezen, eis=eis(toegewezen, "U1"), oordeel=Oordeel.VOLDOET,
                                        motivering="x", door=inkoper)
    assert not Eindoordeel.objects.exists()


def test_eindoordeel_volgt_dezelfde_schaal(klaar_voor_consensus, inkoper):
    verklaar(klaar_voor_consensus, inkoper)
    with pytest.raises(ValidationError):
        services.eindoordeel_vastleggen(inschrijving=klaar_voor_consensus, eis=eis(klaar_voor_consensus, "G2"),
                                        oordeel=Oordeel.VOLDOET, score="5,5", motivering="x", door=inkoper)
    with pytest.raises(ValidationError, match="Motiveer"):  # a "voldoet niet" needs its reasons (issue 12)
        services.eindoordeel_vastleggen(inschrijving=klaar_voor_consensus, eis=eis(klaar_voor_consensus, "G2"),
                                        oordeel=Oordeel.VOLDOET_NIET, score="5", motivering=" ", door=inkoper)
    assert not Eindoordeel.objects.exists()


def test_eindoordeel_over_eis_buiten_de_inschrijving(klaar_voor_consensus, procedure, inkoper):
    verklaar(klaar_voor_consensus, inkoper)
    with pytest.raises(ValidationError):
        services.eindoordeel_vastleggen(inschrijving=klaar_voor_consensus, eis=procedure["eisen"]["S6G1"],
                                        oordeel=Oordeel.VOLDOET, motivering="x", door=inkoper)
    assert not Eindoordeel.objects.exists()


def test_beoordelaar_als_voorzitter_stelt_consensus_vast(procedure, maak_inschrijving, inkoper, beoordelaar, beoordelaar2):
    services.commissie_opslaan(aanbesteding=procedure["aanbesteding"], naam="Commissie", voorzitter=beoordelaar,
                               leden=[beoordelaar, beoordelaar2], door=inkoper)
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    beoordeel(i, beoordelaar)
    beoordeel(i, beoordelaar2)
    consensus(i, beoordelaar)
    toetsing = Toetsing.objects.get(inschrijving=i)
    assert (toetsing.status, toetsing.vastgesteld_door) == (Toetsing.Status.VASTGESTELD, beoordelaar)
    # The inkoper is not the chair of this commissie.
    assert een_regel(i, "toetsing.consensus_vastgesteld").actor == beoordelaar


# --- consensus_vaststellen ------------------------------------------------------------------------------------


def test_consensus_vaststellen_met_audit_en_tijdstip(klaar_voor_consensus, inkoper):
    consensus(klaar_voor_consensus, inkoper, vaststellen=False)
    with time_machine.travel(om(2026, 2, 10, 16, 30), tick=False):
        toetsing = services.consensus_vaststellen(inschrijving=klaar_voor_consensus, door=inkoper)
    assert toetsing.status == Toetsing.Status.VASTGESTELD
    assert toetsing.vastgesteld_op == om(2026, 2, 10, 16, 30)
    regel = een_regel(klaar_voor_consensus, "toetsing.consensus_vastgesteld")
    assert (regel.oude_waarden, regel.nieuwe_waarden) == ({"toetsing": "consensus"}, {"toetsing": "vastgesteld"})


def test_consensus_vaststellen_door_niet_voorzitter(klaar_voor_consensus, inkoper, beoordelaar2):
    consensus(klaar_voor_consensus, inkoper, vaststellen=False)
    with pytest.raises(PermissionDenied):
        services.consensus_vaststellen(inschrijving=klaar_voor_consensus, door=beoordelaar2)
    assert Toetsing.objects.get(inschrijving=klaar_voor_consensus).status == Toetsing.Status.CONSENSUS
    assert regels(klaar_voor_consensus, "toetsing.consensus_vastgesteld") == []


def test_consensus_vaststellen_tijdens_de_beoordeling(toegewezen, inkoper):
    with pytest.raises(ValidationError):
        services.consensus_vaststellen(inschrijving=toegewezen, door=inkoper)
    assert Toetsing.objects.get(inschrijving=toegewezen).status == Toetsing.Status.IN_BEOORDELING


def test_consensus_is_eenmalig(klaar_voor_consensus, inkoper):
    consensus(klaar_voor_consensus, inkoper)
    with pytest.raises(ValidationError):
        services.consensus_vaststellen(inschrijving=klaar_voor_consensus, door=inkoper)
    assert len(regels(klaar_voor_consensus, "toetsing.consensus_vastgesteld")) == 1


def test_na_vaststellen_geen_eindoordeel_meer(klaar_voor_consensus, inkoper):
    consensus(klaar_voor_consensus, inkoper)
    with pytest.raises(ValidationError):
        services.eindoordeel_vastleggen(inschrijving=klaar_voor_consensus, eis=eis(klaar_voor_consensus, "U1"),
                                        oordeel=Oordeel.VOLDOET_NIET, motivering="Toch niet", door=inkoper)
    assert Eindoordeel.objects.get(eis__code="U1").oordeel == Oordeel.VOLDOET
