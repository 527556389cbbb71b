"""Every legal status move of Toetsing, Toewijzing and Besluit walked through the services (status and audit
entry), and every illegal one tried through the service that would make it (refused, status unchanged)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditRegel
from inschrijving import services as inschrijving_services
from inschrijving.models import Inschrijving
from tests.factories import LidmaatschapFactory
from toetsing import services
from toetsing.models import Belangenverklaring, Besluit, Oordeel, Rechtsmiddel, Toetsing, Toewijzing

from .factories import TZ
from .helpers import beoordeel, consensus

T = Toetsing.Status
W = Toewijzing.Status
B = Besluit.Status
I = Inschrijving.Status  # noqa: E741


def _toetsing(inschrijving) -> Toetsing:
    return Toetsing.objects.get(inschrijving=inschrijving)


def _regels(actie, obj):
    return list(AuditRegel.objects.voor_object(obj).filter(actie=actie).order_by("pk"))


def _statusstappen(inschrijving) -> list[tuple[str, str]]:
    """The toetsing's moves as its audit trail ("toetsing.status") records them."""
    return [(r.oude_waarden["toetsing"], r.nieuwe_waarden["toetsing"]) for r in _regels("toetsing.status", inschrijving)]


def _beantwoord(inschrijving, capture):
    """The provider answers every open herstelverzoek through inschrijving's service (signal after commit)."""
    lid = LidmaatschapFactory(organisatie=inschrijving.organisatie).user
    for verzoek in inschrijving.herstelverzoeken.filter(status="open"):
        with capture(execute=True):
            inschrijving_services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Hersteld.", door=lid)


@pytest.fixture
def een_beoordelaar(procedure, inkoper):
    """One assessor suffices (003b: one inkoper signs), so a single assessor reaches the consensus."""
    services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], door=inkoper, min_beoordelaars=1)


# --- Toetsing: the table and every legal move --------------------------------------------------------------


def test_tabel_van_toetsing():
    assert set(Toetsing.OVERGANGEN.overgangen()) == {
        (T.NIEUW, T.IN_BEOORDELING), (T.NIEUW, T.HERSTEL),
        (T.IN_BEOORDELING, T.NIEUW), (T.IN_BEOORDELING, T.HERSTEL), (T.IN_BEOORDELING, T.CONSENSUS),
        (T.HERSTEL, T.NIEUW), (T.HERSTEL, T.IN_BEOORDELING), (T.HERSTEL, T.CONSENSUS),
        (T.CONSENSUS, T.NIEUW), (T.CONSENSUS, T.IN_BEOORDELING), (T.CONSENSUS, T.HERSTEL), (T.CONSENSUS, T.VASTGESTELD),
        (T.VASTGESTELD, T.BESLOTEN), (T.BESLOTEN, T.VASTGESTELD),
    }
    assert Toetsing.OVERGANGEN.begin == {T.NIEUW}


def test_nieuw_naar_in_beoordeling_door_toewijzen(maak_inschrijving, commissie, inkoper, beoordelaar):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    assert _toetsing(i).status == T.IN_BEOORDELING
    assert _statusstappen(i) == [(T.NIEUW, T.IN_BEOORDELING)]
    assert _regels("toetsing.toegewezen", i)[0].nieuwe_waarden == {"beoordelaar": str(beoordelaar)}
    i.refresh_from_db()
    assert i.status == I.IN_BEOORDELING  # through inschrijving's own service
    assert _regels("inschrijving.status", i)[0].toelichting == "Door de toetsing"


def test_nieuw_naar_herstel_en_terug_naar_nieuw(maak_inschrijving, commissie, inkoper, django_capture_on_commit_callbacks):
    i = maak_inschrijving()
    services.herstel_vragen(inschrijving=i, vraag="Lever het uittreksel.", eisen=[], door=inkoper)
    assert _toetsing(i).status == T.HERSTEL
    regel = _regels("toetsing.herstel_gevraagd", i)[0]
    assert (regel.oude_waarden["toetsing"], regel.nieuwe_waarden["toetsing"]) == (T.NIEUW, T.HERSTEL)
    _beantwoord(i, django_capture_on_commit_callbacks)
    assert _toetsing(i).status == T.NIEUW
    assert _statusstappen(i) == [(T.HERSTEL, T.NIEUW)]
    assert _regels("toetsing.hervat", i)[0].nieuwe_waarden == {"toetsing": T.NIEUW}


def test_in_beoordeling_naar_herstel_en_terug(maak_inschrijving, commissie, inkoper, beoordelaar,
                                              django_capture_on_commit_callbacks):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    services.herstel_vragen(inschrijving=i, vraag="Licht het plan toe.", eisen=[], door=inkoper)
    assert _toetsing(i).status == T.HERSTEL
    _beantwoord(i, django_capture_on_commit_callbacks)
    assert _toetsing(i).status == T.IN_BEOORDELING
    assert _statusstappen(i)[-1] == (T.HERSTEL, T.IN_BEOORDELING)


def test_in_beoordeling_naar_consensus_door_afronden(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    beoordeel(i, beoordelaar)
    assert _toetsing(i).status == T.IN_BEOORDELING, "the second assessor has not finished"
    beoordeel(i, beoordelaar2)
    assert _toetsing(i).status == T.CONSENSUS
    assert _statusstappen(i)[-1] == (T.IN_BEOORDELING, T.CONSENSUS)


def test_in_beoordeling_naar_nieuw_als_alle_toewijzingen_vervallen(maak_inschrijving, commissie, inkoper, beoordelaar):
    i = maak_inschrijving()
    (toewijzing,) = services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper)
    assert _toetsing(i).status == T.NIEUW
    assert _statusstappen(i)[-1] == (T.IN_BEOORDELING, T.NIEUW)


def test_consensus_naar_in_beoordeling_bij_een_extra_beoordelaar(een_beoordelaar, maak_inschrijving, commissie, inkoper,
                                                                beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    beoordeel(i, beoordelaar)
    assert _toetsing(i).status == T.CONSENSUS
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar2], door=inkoper)
    assert _toetsing(i).status == T.IN_BEOORDELING
    assert _statusstappen(i)[-1] == (T.CONSENSUS, T.IN_BEOORDELING)


def test_consensus_naar_nieuw_als_de_enige_toewijzing_vervalt(een_beoordelaar, maak_inschrijving, commissie, inkoper,
                                                             beoordelaar):
    i = maak_inschrijving()
    (toewijzing,) = services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    beoordeel(i, beoordelaar)
    services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper)
    assert _toetsing(i).status == T.NIEUW
    assert _statusstappen(i)[-1] == (T.CONSENSUS, T.NIEUW)


def test_consensus_naar_herstel_en_terug_naar_consensus(een_beoordelaar, maak_inschrijving, commissie, inkoper, beoordelaar,
                                                       django_capture_on_commit_callbacks):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    beoordeel(i, beoordelaar)
    services.herstel_vragen(inschrijving=i, vraag="Eén vraag van de voorzitter.", eisen=[], door=inkoper)
    assert _toetsing(i).status == T.HERSTEL
    assert _regels("toetsing.herstel_gevraagd", i)[0].oude_waarden == {"toetsing": T.CONSENSUS}
    _beantwoord(i, django_capture_on_commit_callbacks)
    assert _toetsing(i).status == T.CONSENSUS
    assert _statusstappen(i)[-1] == (T.HERSTEL, T.CONSENSUS)


def test_consensus_naar_vastgesteld_naar_besloten(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2,
                                                  procedure):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    beoordeel(i, beoordelaar)
    beoordeel(i, beoordelaar2)
    consensus(i, inkoper)
    assert _toetsing(i).status == T.VASTGESTELD
    regel = _regels("toetsing.consensus_vastgesteld", i)[0]
    assert (regel.oude_waarden, regel.nieuwe_waarden) == ({"toetsing": T.CONSENSUS}, {"toetsing": T.VASTGESTELD})
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert _toetsing(i).status == T.BESLOTEN
    assert _regels("toetsing.besluit_genomen", besluit)[0].nieuwe_waarden["percelen"] == {"5.1": "voorlopig"}
    i.refresh_from_db()
    assert i.status == I.BESLOTEN
    assert list(i.inschrijving_percelen.values_list("toegelaten", flat=True)) == [True]
    assert _regels("inschrijving.toelating", i)[0].nieuwe_waarden == {"5.1": "toegelaten"}


def test_besloten_naar_vastgesteld_als_het_besluit_wordt_ingetrokken(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(), {"G1": Oordeel.VOLDOET_NIET})
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    i.refresh_from_db()
    assert i.uitgesloten_tot is not None  # everything rejected: excluded (through inschrijving's service)
    assert _regels("inschrijving.uitgesloten", i)[0].nieuwe_waarden == {"uitgesloten_tot": i.uitgesloten_tot.isoformat()}
    services.besluit_verzenden(besluit=besluit, door=inkoper)
    rm = services.rechtsmiddel_registreren(besluit=besluit, soort=Rechtsmiddel.Soort.KORT_GEDING,
                                           ingediend_op=date(2026, 3, 5), door=inkoper)
    services.rechtsmiddel_afhandelen(rechtsmiddel=rm, afloop=Rechtsmiddel.Afloop.BESLUIT_INGETROKKEN, door=inkoper)
    assert _toetsing(i).status == T.VASTGESTELD
    i.refresh_from_db()
    assert (i.status, i.uitgesloten_tot) == (I.IN_BEOORDELING, None)
    assert list(i.inschrijving_percelen.values_list("toegelaten", flat=True)) == [None]
    assert _regels("inschrijving.besluit_ingetrokken", i)[0].nieuwe_waarden["status"] == I.IN_BEOORDELING
    # A redo is a new, recorded decision.
    nieuw = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert nieuw.pk != besluit.pk and _toetsing(i).status == T.BESLOTEN


# --- Toetsing: every illegal move, through the service that would make it -----------------------------------

_INSCHRIJVINGSSTATUS = {T.NIEUW: I.INGEDIEND, T.IN_BEOORDELING: I.IN_BEOORDELING, T.HERSTEL: I.HERSTEL,
                        T.CONSENSUS: I.IN_BEOORDELING, T.VASTGESTELD: I.IN_BEOORDELING, T.BESLOTEN: I.BESLOTEN}


@pytest.mark.parametrize(("van", "naar"), list(Toetsing.OVERGANGEN.verboden()))
def test_verboden_stap_van_toetsing(van, naar, maak_inschrijving, commissie, inkoper, beoordelaar):
    i = maak_inschrijving(status=_INSCHRIJVINGSSTATUS[van])
    toetsing = Toetsing.objects.create(inschrijving=i, aanbesteding=i.aanbesteding, commissie=commissie, status=van)
    toewijzing = None
    if van != T.NIEUW:
        toewijzing = Toewijzing.objects.create(toetsing=toetsing, beoordelaar=beoordelaar, toegewezen_door=inkoper)
    aanroepen = {
        T.NIEUW: lambda: services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper),
        T.IN_BEOORDELING: lambda: services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper),
        T.HERSTEL: lambda: services.herstel_vragen(inschrijving=i, vraag="Herstel?", eisen=[], door=inkoper),
        T.CONSENSUS: lambda: services.beoordeling_afronden(inschrijving=i, door=beoordelaar),
        T.VASTGESTELD: lambda: services.consensus_vaststellen(inschrijving=i, door=inkoper),
        T.BESLOTEN: lambda: services.besluit_nemen(inschrijving=i, door=inkoper),
    }
    with pytest.raises((ValidationError, PermissionDenied)):
        aanroepen[naar]()
    assert _toetsing(i).status == van
    assert not i.herstelverzoeken.exists() and not i.besluiten.exists()


def test_alleen_de_voorzitter_stelt_de_consensus_vast(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    beoordeel(i, beoordelaar)
    beoordeel(i, beoordelaar2)
    with pytest.raises(PermissionDenied):
        services.consensus_vaststellen(inschrijving=i, door=beoordelaar)
    assert _toetsing(i).status == T.CONSENSUS


# --- Toewijzing -------------------------------------------------------------------------------------------------


def test_tabel_van_toewijzing():
    assert set(Toewijzing.OVERGANGEN.overgangen()) == {
        (W.TOEGEWEZEN, W.AFGEROND), (W.TOEGEWEZEN, W.TERUGGETROKKEN), (W.TOEGEWEZEN, W.INGETROKKEN),
        (W.AFGEROND, W.INGETROKKEN),
    }


@pytest.fixture
def toegewezen_aan(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    return i


def _toewijzing(i, user) -> Toewijzing:
    return Toewijzing.objects.filter(toetsing__inschrijving=i, beoordelaar=user).latest("pk")


def test_toegewezen_naar_afgerond(toegewezen_aan, beoordelaar):
    beoordeel(toegewezen_aan, beoordelaar)
    assert _toewijzing(toegewezen_aan, beoordelaar).status == W.AFGEROND
    assert _regels("toetsing.beoordeling_afgerond", toegewezen_aan)[0].nieuwe_waarden == {"beoordelaar": str(beoordelaar)}


def test_toegewezen_naar_teruggetrokken_bij_een_belangenconflict(toegewezen_aan, beoordelaar):
    services.belang_verklaren(inschrijving=toegewezen_aan, geen_conflict=False, toelichting="Oud-collega.", door=beoordelaar)
    assert _toewijzing(toegewezen_aan, beoordelaar).status == W.TERUGGETROKKEN
    assert _regels("toetsing.teruggetrokken", toegewezen_aan)[0].toelichting == "Belangenconflict: toewijzing vervalt"
    assert _regels("toetsing.belangenverklaring", toegewezen_aan)[0].nieuwe_waarden == {"geen_conflict": False}


@pytest.mark.parametrize("afgerond", [False, True])
def test_toegewezen_of_afgerond_naar_ingetrokken(afgerond, toegewezen_aan, inkoper, beoordelaar):
    if afgerond:
        beoordeel(toegewezen_aan, beoordelaar)
    toewijzing = _toewijzing(toegewezen_aan, beoordelaar)
    services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper)
    assert _toewijzing(toegewezen_aan, beoordelaar).status == W.INGETROKKEN
    assert _regels("toetsing.toewijzing_ingetrokken", toegewezen_aan)[0].oude_waarden == {"beoordelaar": str(beoordelaar)}
    services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper)  # a second click changes nothing
    assert len(_regels("toetsing.toewijzing_ingetrokken", toegewezen_aan)) == 1


@pytest.mark.parametrize(("van", "naar"), list(Toewijzing.OVERGANGEN.verboden()))
def test_verboden_stap_van_toewijzing(van, naar, toegewezen_aan, inkoper, beoordelaar):
    toewijzing = _toewijzing(toegewezen_aan, beoordelaar)
    # Set-up consistent with ``van``: finishing needs a declaration first, withdrawing after a conflict too.
    if van in (W.AFGEROND, W.TERUGGETROKKEN):
        Belangenverklaring.objects.create(inschrijving=toegewezen_aan, gebruiker=beoordelaar,
                                          geen_conflict=van == W.AFGEROND)
    Toewijzing.objects.filter(pk=toewijzing.pk).update(status=van)
    aanroepen = {
        W.AFGEROND: lambda: services.beoordeling_afronden(inschrijving=toegewezen_aan, door=beoordelaar),
        W.TERUGGETROKKEN: lambda: services.belang_verklaren(inschrijving=toegewezen_aan, geen_conflict=False,
                                                             toelichting="Conflict.", door=beoordelaar),
        W.INGETROKKEN: lambda: services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper),
        # Nothing returns to 'toegewezen': assigning again makes a new row (or is refused after a conflict).
        W.TOEGEWEZEN: lambda: services.toewijzen(inschrijvingen=[toegewezen_aan], beoordelaars=[beoordelaar], door=inkoper),
    }
    if naar == W.TOEGEWEZEN and van != W.TERUGGETROKKEN:
        aanroepen[naar]()
    else:
        with pytest.raises((ValidationError, PermissionDenied)):
            aanroepen[naar]()
    toewijzing.refresh_from_db()
    assert toewijzing.status == van


def test_alleen_de_inkoper_trekt_een_toewijzing_in(toegewezen_aan, beoordelaar, beoordelaar2):
    toewijzing = _toewijzing(toegewezen_aan, beoordelaar)
    with pytest.raises(PermissionDenied):
        services.toewijzing_intrekken(toewijzing=toewijzing, door=beoordelaar2)
    toewijzing.refresh_from_db()
    assert toewijzing.status == W.TOEGEWEZEN


# --- Besluit ----------------------------------------------------------------------------------------------------


def test_tabel_van_besluit():
    assert set(Besluit.OVERGANGEN.overgangen()) == {
        (B.GENOMEN, B.VERZONDEN), (B.VERZONDEN, B.OPGESCHORT), (B.VERZONDEN, B.DEFINITIEF),
        (B.OPGESCHORT, B.VERZONDEN), (B.OPGESCHORT, B.INGETROKKEN),
    }
    assert Besluit.OVERGANGEN.eindtoestanden == {B.DEFINITIEF, B.INGETROKKEN}


@pytest.fixture
def genomen(maak_inschrijving, volledig_beoordeeld, inkoper):
    return services.besluit_nemen(inschrijving=volledig_beoordeeld(maak_inschrijving()), door=inkoper)


def _verzend(besluit, inkoper):
    return services.besluit_verzenden(besluit=besluit, door=inkoper)


def test_genomen_naar_verzonden_met_standstill_uit_de_kalender(genomen, inkoper):
    with time_machine.travel(datetime(2026, 12, 10, 9, 0, tzinfo=TZ), tick=False):
        besluit = _verzend(genomen, inkoper)
    assert besluit.status == B.VERZONDEN
    # 20 calendar days from the date of sending (003a §3.2), over the new year.
    assert besluit.standstill_einde == date(2026, 12, 30)
    regel = _regels("toetsing.besluit_verzonden", besluit)[0]
    assert (regel.oude_waarden, regel.nieuwe_waarden) == (
        {"status": B.GENOMEN}, {"status": B.VERZONDEN, "standstill_einde": "2026-12-30"})


def test_verzonden_naar_opgeschort_naar_verzonden(genomen, inkoper):
    besluit = _verzend(genomen, inkoper)
    rm = services.rechtsmiddel_registreren(besluit=besluit, soort=Rechtsmiddel.Soort.BEZWAAR,
                                           ingediend_op=date(2026, 3, 5), door=inkoper)
    besluit.refresh_from_db()
    assert besluit.status == B.OPGESCHORT
    assert _regels("toetsing.rechtsmiddel", besluit)[0].oude_waarden == {"status": B.VERZONDEN}
    tweede = services.rechtsmiddel_registreren(besluit=besluit, soort=Rechtsmiddel.Soort.KORT_GEDING,
                                               ingediend_op=date(2026, 3, 6), door=inkoper)
    besluit.refresh_from_db()
    assert besluit.status == B.OPGESCHORT, "a second remedy keeps it suspended"
    services.rechtsmiddel_afhandelen(rechtsmiddel=rm, afloop=Rechtsmiddel.Afloop.BESLUIT_BLIJFT, door=inkoper)
    besluit.refresh_from_db()
    assert besluit.status == B.OPGESCHORT, "still one remedy open"
    services.rechtsmiddel_afhandelen(rechtsmiddel=tweede, afloop=Rechtsmiddel.Afloop.BESLUIT_BLIJFT, door=inkoper)
    besluit.refresh_from_db()
    assert besluit.status == B.VERZONDEN
    regel = _regels("toetsing.rechtsmiddel_afgehandeld", besluit)[-1]
    assert (regel.oude_waarden["status"], regel.nieuwe_waarden["status"]) == (B.OPGESCHORT, B.VERZONDEN)


def test_opgeschort_naar_ingetrokken(genomen, inkoper):
    besluit = _verzend(genomen, inkoper)
    rm = services.rechtsmiddel_registreren(besluit=besluit, soort=Rechtsmiddel.Soort.KORT_GEDING,
                                           ingediend_op=date(2026, 3, 5), door=inkoper)
    services.rechtsmiddel_afhandelen(rechtsmiddel=rm, afloop=Rechtsmiddel.Afloop.BESLUIT_INGETROKKEN, door=inkoper)
    besluit.refresh_from_db()
    assert besluit.status == B.INGETROKKEN
    assert _regels("toetsing.rechtsmiddel_afgehandeld", besluit)[0].nieuwe_waarden["status"] == B.INGETROKKEN


def test_verzonden_naar_definitief_na_de_standstill(genomen, inkoper):
    besluit = _verzend(genomen, inkoper)
    assert not services.besluit_definitief_maken(besluit_id=besluit.pk, vandaag=besluit.standstill_einde)
    assert services.besluit_definitief_maken(besluit_id=besluit.pk, vandaag=besluit.standstill_einde + timedelta(days=1))
    besluit.refresh_from_db()
    assert besluit.status == B.DEFINITIEF
    regel = _regels("toetsing.definitief", besluit)[0]
    assert (regel.oude_waarden, regel.nieuwe_waarden) == ({"status": B.VERZONDEN}, {"status": B.DEFINITIEF, "definitief": ["5.1"]})


@pytest.mark.parametrize(("van", "naar"), list(Besluit.OVERGANGEN.verboden()))
def test_verboden_stap_van_besluit(van, naar, genomen, inkoper):
    besluit = genomen
    if van != B.GENOMEN:
        Besluit.objects.filter(pk=besluit.pk).update(status=van, verzonden_op=datetime(2026, 3, 2, 10, 0, tzinfo=TZ),
                                                     standstill_einde=date(2026, 3, 22))
    rm = Rechtsmiddel.objects.create(besluit=besluit, soort=Rechtsmiddel.Soort.BEZWAAR, ingediend_op=date(2026, 3, 5))
    aanroepen = {
        B.GENOMEN: lambda: services.besluit_nemen(inschrijving=besluit.inschrijving, door=inkoper),
        B.VERZONDEN: lambda: services.besluit_verzenden(besluit=besluit, door=inkoper),
        B.OPGESCHORT: lambda: services.rechtsmiddel_registreren(besluit=besluit, soort=Rechtsmiddel.Soort.BEZWAAR,
                                                                 ingediend_op=date(2026, 3, 6), door=inkoper),
        B.INGETROKKEN: lambda: services.rechtsmiddel_afhandelen(rechtsmiddel=rm, door=inkoper,
                                                                 afloop=Rechtsmiddel.Afloop.BESLUIT_INGETROKKEN),
    }
    if naar == B.DEFINITIEF:  # the scheduled task: a no-op for anything but a sent decision
        assert services.besluit_definitief_maken(besluit_id=besluit.pk, vandaag=date(2027, 1, 1)) is False
    else:
        with pytest.raises(ValidationError):
            aanroepen[naar]()
    besluit.refresh_from_db()
    assert besluit.status == van
    rm.refresh_from_db()
    assert rm.afloop == ""


def test_alleen_de_inkoper_verzendt(genomen, beoordelaar):
    with pytest.raises(PermissionDenied):
        services.besluit_verzenden(besluit=genomen, door=beoordelaar)
    genomen.refresh_from_db()
    assert genomen.status == B.GENOMEN


def test_herstel_na_de_termijn_zonder_inhaaltaak_laat_de_inschrijving_volgen(een_beoordelaar, maak_inschrijving, commissie,
                                                                           inkoper, beoordelaar):
    """The deadline passed and the catch-up has not run yet; the assessor finishes: the toetsing leaves herstel
    and the inschrijving follows, so the decision later finds it in beoordeling."""
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    services.herstel_vragen(inschrijving=i, vraag="Licht het plan toe.", eisen=[], door=inkoper)
    with time_machine.travel(i.herstelverzoeken.get().deadline + timedelta(minutes=1), tick=False):
        beoordeel(i, beoordelaar)
    assert _toetsing(i).status == T.CONSENSUS
    i.refresh_from_db()
    assert i.status == I.IN_BEOORDELING
