"""The decision and its remedies: besluit_nemen, besluit_verzenden, rechtsmiddel_registreren,
rechtsmiddel_afhandelen and besluit_definitief_maken, with the sources' numbers: 20 kalenderdagen standstill
(003a §3.2), 6 maanden uitsluiting after a full rejection (003a §3.3, ADR 0005)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Aanbesteding, Perceel
from core.kalender import plus_maanden
from inschrijving.models import Inschrijving, InschrijvingPerceel
from toetsing import selectors, services
from toetsing.models import Besluit, BesluitPerceel, Oordeel, Rechtsmiddel, Toetsing
from toetsing.signals import definitief_toegelaten

from ._hulp import een_regel, om, regels, verzend_op

UTC = ZoneInfo("UTC")


@pytest.fixture
def vastgesteld(maak_inschrijving, volledig_beoordeeld, aanbieder):
    return volledig_beoordeeld(maak_inschrijving(organisatie=aanbieder))


@pytest.fixture
def verzonden(vastgesteld, inkoper, aanbieder_beheerder, django_capture_on_commit_callbacks):
    with time_machine.travel(om(2026, 3, 2, 9, 0), tick=False):
        besluit = services.besluit_nemen(inschrijving=vastgesteld, door=inkoper)
    return verzend_op(besluit, inkoper, om(2026, 3, 2, 10, 0), django_capture_on_commit_callbacks)


@pytest.fixture
def signalen():
    ontvangen = []

    def ontvanger(sender, **kwargs):
        ontvangen.append(kwargs)

    definitief_toegelaten.connect(ontvanger, dispatch_uid="test-besluit-ontvanger")
    yield ontvangen
    definitief_toegelaten.disconnect(dispatch_uid="test-besluit-ontvanger")


def _uitkomsten(besluit):
    return {bp.perceel.code: bp.uitkomst for bp in besluit.percelen.select_related("perceel")}


# --- besluit_nemen -------------------------------------------------------------------------------------------


def test_besluit_nemen_auditeert_op_besluit_en_inschrijving(vastgesteld, inkoper):
    besluit = services.besluit_nemen(inschrijving=vastgesteld, door=inkoper)
    op_besluit = een_regel(besluit, "toetsing.besluit_genomen")
    assert op_besluit.actor == inkoper
    assert op_besluit.nieuwe_waarden == {"percelen": {"5.1": "voorlopig"}, "uitgesloten_tot": None,
                                         "inschrijving": vastgesteld.pk}
    assert een_regel(vastgesteld, "toetsing.besluit_genomen").nieuwe_waarden == {"5.1": "voorlopig"}
    status = regels(vastgesteld, "inschrijving.status")[-1]
    assert (status.oude_waarden, status.nieuwe_waarden) == ({"status": "in_beoordeling"}, {"status": "besloten"})
    assert Toetsing.objects.get(inschrijving=vastgesteld).status == Toetsing.Status.BESLOTEN
    assert regels(vastgesteld, "inschrijving.uitgesloten") == []


def test_besluit_nemen_door_beoordelaar(vastgesteld, beoordelaar):
    with pytest.raises(PermissionDenied):
        services.besluit_nemen(inschrijving=vastgesteld, door=beoordelaar)
    assert not Besluit.objects.exists()
    assert Toetsing.objects.get(inschrijving=vastgesteld).status == Toetsing.Status.VASTGESTELD


def test_besluit_nemen_door_voorzitter_die_geen_inkoper_is(procedure, maak_inschrijving, inkoper, beoordelaar,
                                                           beoordelaar2):
    from .helpers import beoordeel, consensus

    services.commissie_opslaan(aanbesteding=procedure["aanbesteding"], naam="C", voorzitter=beoordelaar,
                               leden=[beoordelaar, beoordelaar2], door=inkoper)
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    beoordeel(i, beoordelaar)
    beoordeel(i, beoordelaar2)
    consensus(i, beoordelaar)
    with pytest.raises(PermissionDenied):
        services.besluit_nemen(inschrijving=i, door=beoordelaar)
    assert not Besluit.objects.exists()


def test_besluit_nemen_in_de_consensusfase(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2):
    from .helpers import beoordeel

    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    beoordeel(i, beoordelaar)
    beoordeel(i, beoordelaar2)
    with pytest.raises(ValidationError):
        services.besluit_nemen(inschrijving=i, door=inkoper)
    assert not Besluit.objects.exists()
    assert Toetsing.objects.get(inschrijving=i).status == Toetsing.Status.CONSENSUS


def test_besluit_is_eenmalig(vastgesteld, inkoper):
    services.besluit_nemen(inschrijving=vastgesteld, door=inkoper)
    with pytest.raises(ValidationError):
        services.besluit_nemen(inschrijving=vastgesteld, door=inkoper)
    assert Besluit.objects.filter(inschrijving=vastgesteld).count() == 1
    assert len(regels(vastgesteld, "toetsing.besluit_genomen")) == 1


def test_redenen_in_de_volgorde_van_de_drie_stappen(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(), {"X1": Oordeel.VOLDOET_NIET, "U1": Oordeel.VOLDOET_NIET,
                                                  "G2": (Oordeel.VOLDOET_NIET, "3")})
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    [bp] = besluit.percelen.all()
    assert bp.uitkomst == BesluitPerceel.Uitkomst.AFGEWEZEN
    assert [r["code"] for r in bp.redenen] == ["U1", "G2", "X1"]
    assert [r["score"] for r in bp.redenen] == [None, "3.00", None]
    assert bp.redenen[0]["soort"] == "Uitsluitingsgrond"


@pytest.mark.parametrize(("besloten_op", "verwacht"), [
    (om(2026, 8, 31, 11, 0), date(2027, 2, 28)),   # no 31 February: the month's last day
    (om(2026, 3, 2, 11, 0), date(2026, 9, 2)),
    (om(2027, 8, 31, 11, 0), date(2028, 2, 29)),   # leap year
])
def test_uitsluiting_zes_maanden_na_de_besluitdatum(maak_inschrijving, volledig_beoordeeld, inkoper, besloten_op, verwacht):
    i = volledig_beoordeeld(maak_inschrijving(), {"U1": Oordeel.VOLDOET_NIET})
    with time_machine.travel(besloten_op, tick=False):
        besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert besluit.uitgesloten_tot == verwacht
    i.refresh_from_db()
    assert i.uitgesloten_tot == verwacht
    regel = een_regel(i, "inschrijving.uitgesloten")
    assert regel.oude_waarden == {"uitgesloten_tot": None}
    assert regel.nieuwe_waarden == {"uitgesloten_tot": verwacht.isoformat()}


def test_uitsluiting_telt_vanaf_de_nederlandse_datum(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(), {"U1": Oordeel.VOLDOET_NIET})
    # 23:30 UTC on 31 August is 01:30 on 1 September in Amsterdam (summer time).
    with time_machine.travel(datetime(2026, 8, 31, 23, 30, tzinfo=UTC), tick=False):
        besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert besluit.uitgesloten_tot == plus_maanden(date(2026, 9, 1), 6) == date(2027, 3, 1)


def test_geen_uitsluiting_als_de_procedure_nul_maanden_zegt(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], uitsluiting_maanden=0, door=inkoper)
    i = volledig_beoordeeld(maak_inschrijving(), {"U1": Oordeel.VOLDOET_NIET})
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert _uitkomsten(besluit) == {"5.1": BesluitPerceel.Uitkomst.AFGEWEZEN}
    assert besluit.uitgesloten_tot is None
    assert regels(i, "inschrijving.uitgesloten") == []


def test_gesloten_perceel_zonder_wachtlijst_is_afwijzing_zonder_redenen(procedure, maak_inschrijving,
                                                                        volledig_beoordeeld, inkoper):
    Perceel.objects.filter(pk=procedure["ambulant"].pk).update(toetreding=Perceel.Toetreding.GESLOTEN, wachtlijst=False)
    i = volledig_beoordeeld(maak_inschrijving())
    [bp] = services.besluit_nemen(inschrijving=i, door=inkoper).percelen.all()
    assert bp.uitkomst == BesluitPerceel.Uitkomst.AFGEWEZEN
    assert bp.redenen == []
    assert InschrijvingPerceel.objects.get(inschrijving=i).toegelaten is False


def test_perceel_volgt_gesloten_procedure_geeft_wachtlijst(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    Aanbesteding.objects.filter(pk=procedure["aanbesteding"].pk).update(toetreding=Aanbesteding.Toetreding.GESLOTEN)
    i = volledig_beoordeeld(maak_inschrijving())
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert _uitkomsten(besluit) == {"5.1": BesluitPerceel.Uitkomst.WACHTLIJST}
    keuze = InschrijvingPerceel.objects.get(inschrijving=i)
    assert (keuze.toegelaten, keuze.op_wachtlijst) == (False, True)
    assert besluit.uitgesloten_tot is None


def test_knockout_gaat_voor_wachtlijst(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    Perceel.objects.filter(pk=procedure["ambulant"].pk).update(toetreding=Perceel.Toetreding.GESLOTEN)
    i = volledig_beoordeeld(maak_inschrijving(), {"G1": Oordeel.VOLDOET_NIET})
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert _uitkomsten(besluit) == {"5.1": BesluitPerceel.Uitkomst.AFGEWEZEN}
    # Rejected and not waitlisted: excluded.
    assert besluit.uitgesloten_tot is not None


def test_aanbieder_ziet_een_genomen_besluit_pas_na_verzenden(vastgesteld, inkoper, aanbieder):
    besluit = services.besluit_nemen(inschrijving=vastgesteld, door=inkoper)
    assert list(selectors.mijn_besluiten(aanbieder)) == []
    services.besluit_verzenden(besluit=besluit, door=inkoper)
    assert list(selectors.mijn_besluiten(aanbieder)) == [besluit]


# --- besluit_verzenden -----------------------------------------------------------------------------------------


def test_verzenden_start_twintig_kalenderdagen_standstill(verzonden, inkoper):
    assert verzonden.status == Besluit.Status.VERZONDEN
    assert verzonden.verzonden_op == om(2026, 3, 2, 10, 0)
    assert verzonden.standstill_einde == date(2026, 3, 2) + timedelta(days=20) == date(2026, 3, 22)
    regel = een_regel(verzonden, "toetsing.besluit_verzonden")
    assert regel.actor == inkoper
    assert regel.oude_waarden == {"status": "genomen"}
    assert regel.nieuwe_waarden == {"status": "verzonden", "standstill_einde": "2026-03-22"}
    assert een_regel(verzonden.inschrijving, "toetsing.besluit_verzonden").nieuwe_waarden == {
        "standstill_einde": "2026-03-22"}


def test_standstill_telt_vanaf_de_nederlandse_verzenddatum(vastgesteld, inkoper, django_capture_on_commit_callbacks):
    besluit = services.besluit_nemen(inschrijving=vastgesteld, door=inkoper)
    # 23:30 UTC on 2 March is 00:30 on 3 March in Amsterdam (winter time): the letter is dated 3 March.
    besluit = verzend_op(besluit, inkoper, datetime(2026, 3, 2, 23, 30, tzinfo=UTC), django_capture_on_commit_callbacks)
    assert besluit.standstill_einde == date(2026, 3, 23)


def test_standstilltermijn_per_procedure(procedure, vastgesteld, inkoper, django_capture_on_commit_callbacks):
    services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], standstill_dagen=30, door=inkoper)
    besluit = services.besluit_nemen(inschrijving=vastgesteld, door=inkoper)
    besluit = verzend_op(besluit, inkoper, om(2026, 3, 2, 10, 0), django_capture_on_commit_callbacks)
    assert besluit.standstill_einde == date(2026, 4, 1)


def test_verzenden_door_beoordelaar(vastgesteld, inkoper, beoordelaar):
    besluit = services.besluit_nemen(inschrijving=vastgesteld, door=inkoper)
    with pytest.raises(PermissionDenied):
        services.besluit_verzenden(besluit=besluit, door=beoordelaar)
    besluit.refresh_from_db()
    assert (besluit.status, besluit.verzonden_op, besluit.standstill_einde) == (Besluit.Status.GENOMEN, None, None)
    assert regels(besluit, "toetsing.besluit_verzonden") == []


def test_verzenden_is_eenmalig(verzonden, inkoper):
    with time_machine.travel(om(2026, 3, 5, 10, 0), tick=False), pytest.raises(ValidationError):
        services.besluit_verzenden(besluit=verzonden, door=inkoper)
    verzonden.refresh_from_db()
    assert verzonden.standstill_einde == date(2026, 3, 22)
    assert len(regels(verzonden, "toetsing.besluit_verzonden")) == 1


# --- rechtsmiddel_registreren ------------------------------------------------------------------------------------


def _registreer(besluit, door, soort=Rechtsmiddel.Soort.KORT_GEDING, op=date(2026, 3, 12), toelichting=""):
    return services.rechtsmiddel_registreren(besluit=besluit, soort=soort, ingediend_op=op, door=door,
                                             toelichting=toelichting)


def test_rechtsmiddel_schort_op_met_audit(verzonden, inkoper):
    _registreer(verzonden, inkoper, toelichting="Dagvaarding van 12 maart")
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.OPGESCHORT
    regel = een_regel(verzonden, "toetsing.rechtsmiddel")
    assert regel.oude_waarden == {"status": "verzonden"}
    assert regel.nieuwe_waarden == {"status": "opgeschort", "soort": "kort_geding", "ingediend_op": "2026-03-12"}
    assert regel.toelichting == "Dagvaarding van 12 maart"
    assert een_regel(verzonden.inschrijving, "toetsing.rechtsmiddel").nieuwe_waarden == {"soort": "kort_geding"}


def test_rechtsmiddel_door_beoordelaar(verzonden, beoordelaar):
    with pytest.raises(PermissionDenied):
        _registreer(verzonden, beoordelaar)
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.VERZONDEN
    assert not Rechtsmiddel.objects.exists()


def test_rechtsmiddel_tegen_niet_verzonden_besluit(vastgesteld, inkoper):
    besluit = services.besluit_nemen(inschrijving=vastgesteld, door=inkoper)
    with pytest.raises(ValidationError):
        _registreer(besluit, inkoper)
    besluit.refresh_from_db()
    assert besluit.status == Besluit.Status.GENOMEN
    assert not Rechtsmiddel.objects.exists()


def test_rechtsmiddel_van_onbekende_soort(verzonden, inkoper):
    with pytest.raises(ValidationError):
        _registreer(verzonden, inkoper, soort="klacht")
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.VERZONDEN
    assert not Rechtsmiddel.objects.exists()


def test_rechtsmiddel_tegen_definitief_besluit(verzonden, inkoper):
    assert services.besluit_definitief_maken(besluit_id=verzonden.pk, vandaag=date(2026, 3, 23))
    with pytest.raises(ValidationError):
        _registreer(verzonden, inkoper)
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.DEFINITIEF


# --- rechtsmiddel_afhandelen ------------------------------------------------------------------------------------


def test_afhandelen_met_audit(verzonden, inkoper):
    rm = _registreer(verzonden, inkoper)
    services.rechtsmiddel_afhandelen(rechtsmiddel=rm, afloop=Rechtsmiddel.Afloop.BESLUIT_BLIJFT, door=inkoper,
                                     toelichting="Vordering afgewezen")
    regel = een_regel(verzonden, "toetsing.rechtsmiddel_afgehandeld")
    assert regel.oude_waarden == {"status": "opgeschort"}
    assert regel.nieuwe_waarden == {"status": "verzonden", "afloop": "besluit_blijft"}
    assert regel.toelichting == "Vordering afgewezen"
    assert een_regel(verzonden.inschrijving, "toetsing.rechtsmiddel_afgehandeld").nieuwe_waarden == {
        "afloop": "besluit_blijft"}
    rm.refresh_from_db()
    assert not rm.is_open


def test_afhandelen_door_beoordelaar(verzonden, inkoper, beoordelaar):
    rm = _registreer(verzonden, inkoper)
    with pytest.raises(PermissionDenied):
        services.rechtsmiddel_afhandelen(rechtsmiddel=rm, afloop=Rechtsmiddel.Afloop.BESLUIT_BLIJFT, door=beoordelaar)
    rm.refresh_from_db()
    assert rm.is_open
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.OPGESCHORT


def test_afhandelen_met_onbekende_afloop(verzonden, inkoper):
    rm = _registreer(verzonden, inkoper)
    with pytest.raises(ValidationError):
        services.rechtsmiddel_afhandelen(rechtsmiddel=rm, afloop="geschikt", door=inkoper)
    rm.refresh_from_db()
    assert rm.is_open and rm.afloop == ""


def test_afhandelen_is_eenmalig(verzonden, inkoper):
    rm = _registreer(verzonden, inkoper)
    services.rechtsmiddel_afhandelen(rechtsmiddel=rm, afloop=Rechtsmiddel.Afloop.BESLUIT_BLIJFT, door=inkoper)
    with pytest.raises(ValidationError):
        services.rechtsmiddel_afhandelen(rechtsmiddel=rm, afloop=Rechtsmiddel.Afloop.BESLUIT_INGETROKKEN, door=inkoper)
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.VERZONDEN
    assert len(regels(verzonden, "toetsing.rechtsmiddel_afgehandeld")) == 1


def test_twee_rechtsmiddelen_de_standstill_blijft_opgeschort_tot_beide_af_zijn(verzonden, inkoper):
    kort_geding = _registreer(verzonden, inkoper)
    bezwaar = _registreer(verzonden, inkoper, soort=Rechtsmiddel.Soort.BEZWAAR, op=date(2026, 3, 14))
    services.rechtsmiddel_afhandelen(rechtsmiddel=kort_geding, afloop=Rechtsmiddel.Afloop.BESLUIT_BLIJFT, door=inkoper)
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.OPGESCHORT
    assert services.besluit_definitief_maken(besluit_id=verzonden.pk, vandaag=date(2026, 4, 30)) is False
    services.rechtsmiddel_afhandelen(rechtsmiddel=bezwaar, afloop=Rechtsmiddel.Afloop.BESLUIT_BLIJFT, door=inkoper)
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.VERZONDEN


def test_ingetrokken_besluit_zet_de_inschrijving_terug(maak_inschrijving, volledig_beoordeeld, inkoper,
                                                       django_capture_on_commit_callbacks):
    i = volledig_beoordeeld(maak_inschrijving(), {"U1": Oordeel.VOLDOET_NIET})
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    besluit = verzend_op(besluit, inkoper, om(2026, 3, 2, 10, 0), django_capture_on_commit_callbacks)
    rm = _registreer(besluit, inkoper)
    services.rechtsmiddel_afhandelen(rechtsmiddel=rm, afloop=Rechtsmiddel.Afloop.BESLUIT_INGETROKKEN, door=inkoper)
    besluit.refresh_from_db()
    assert besluit.status == Besluit.Status.INGETROKKEN
    i.refresh_from_db()
    assert (i.status, i.uitgesloten_tot) == (Inschrijving.Status.IN_BEOORDELING, None)
    assert InschrijvingPerceel.objects.get(inschrijving=i).toegelaten is None
    assert een_regel(besluit, "toetsing.rechtsmiddel_afgehandeld").nieuwe_waarden == {
        "status": "ingetrokken", "afloop": "besluit_ingetrokken"}
    # The withdrawn decision stays on record (legal records are never deleted).
    assert Besluit.objects.filter(inschrijving=i).count() == 1


# --- besluit_definitief_maken ------------------------------------------------------------------------------------


def test_definitief_met_audit_als_systeem(verzonden, signalen, django_capture_on_commit_callbacks):
    with time_machine.travel(om(2026, 3, 23, 2, 0), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.besluit_definitief_maken(besluit_id=verzonden.pk) is True
    regel = een_regel(verzonden, "toetsing.definitief")
    assert regel.actor is None and regel.actor_weergave == "systeem"
    assert regel.oude_waarden == {"status": "verzonden"}
    assert regel.nieuwe_waarden == {"status": "definitief", "definitief": ["5.1"]}
    assert een_regel(verzonden.inschrijving, "toetsing.definitief").nieuwe_waarden == {"definitief": ["5.1"]}
    verzonden.refresh_from_db()
    assert verzonden.definitief_op == om(2026, 3, 23, 2, 0)
    assert len(signalen) == 1


@pytest.mark.parametrize(("vandaag", "verwacht"), [
    (date(2026, 3, 21), False),
    (date(2026, 3, 22), False),  # the last day on which a kort geding can still be filed
    (date(2026, 3, 23), True),
])
def test_definitief_pas_de_dag_na_de_standstill(verzonden, vandaag, verwacht):
    assert services.besluit_definitief_maken(besluit_id=verzonden.pk, vandaag=vandaag) is verwacht
    verzonden.refresh_from_db()
    assert verzonden.status == (Besluit.Status.DEFINITIEF if verwacht else Besluit.Status.VERZONDEN)


def test_niet_verzonden_of_onbekend_besluit_wordt_niet_definitief(vastgesteld, inkoper):
    besluit = services.besluit_nemen(inschrijving=vastgesteld, door=inkoper)
    assert services.besluit_definitief_maken(besluit_id=besluit.pk, vandaag=date(2030, 1, 1)) is False
    assert services.besluit_definitief_maken(besluit_id=besluit.pk + 999, vandaag=date(2030, 1, 1)) is False
    besluit.refresh_from_db()
    assert besluit.status == Besluit.Status.GENOMEN
    assert regels(besluit, "toetsing.definitief") == []


def test_afwijzing_wordt_onherroepelijk_zonder_overdracht(maak_inschrijving, volledig_beoordeeld, inkoper, signalen,
                                                          django_capture_on_commit_callbacks):
    i = volledig_beoordeeld(maak_inschrijving(), {"U1": Oordeel.VOLDOET_NIET})
    besluit = verzend_op(services.besluit_nemen(inschrijving=i, door=inkoper), inkoper, om(2026, 3, 2, 10, 0),
                         django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.besluit_definitief_maken(besluit_id=besluit.pk, vandaag=date(2026, 3, 23)) is True
    assert _uitkomsten(besluit) == {"5.1": BesluitPerceel.Uitkomst.AFGEWEZEN}
    assert een_regel(besluit, "toetsing.definitief").nieuwe_waarden["definitief"] == []
    assert signalen == []


def test_startdatum_niet_voor_de_looptijd(procedure, verzonden, signalen, django_capture_on_commit_callbacks):
    Aanbesteding.objects.filter(pk=procedure["aanbesteding"].pk).update(looptijd_start=date(2026, 7, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.besluit_definitief_maken(besluit_id=verzonden.pk, vandaag=date(2026, 3, 23))
    assert signalen[0]["startdatum"] == date(2026, 7, 1)
    assert [p.code for p in signalen[0]["percelen"]] == ["5.1"]


def test_werklijst_bevat_alleen_verlopen_standstills_zonder_rechtsmiddel(verzonden, maak_inschrijving,
                                                                         volledig_beoordeeld, inkoper):
    ander = services.besluit_nemen(inschrijving=volledig_beoordeeld(maak_inschrijving()), door=inkoper)
    assert services.te_verwerken_besluiten(vandaag=date(2026, 3, 22)) == []
    assert services.te_verwerken_besluiten(vandaag=date(2026, 3, 23)) == [verzonden.pk]
    _registreer(verzonden, inkoper)
    assert services.te_verwerken_besluiten(vandaag=date(2026, 3, 23)) == []
    assert ander.pk not in services.te_verwerken_besluiten(vandaag=date(2030, 1, 1))
