"""Every legal status move of Inschrijving and Herstelverzoek walked through the services (status and audit
entry), every illegal one tried through the service that would make it (refused, status unchanged), and the
owner services that toetsing calls (ADR 0009: one owner per table)."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.kalender import TZ
from core.models import AuditRegel
from core.toestand import OngeldigeOvergang
from inschrijving import services
from inschrijving.models import Herstelverzoek, Inschrijving
from inschrijving.signals import herstel_afgerond

from .factories import InschrijvingFactory

S = Inschrijving.Status
H = Herstelverzoek.Status
# The window of the procedure fixture closes 30-06-2023 10:00; the Monday after, the kluis is open.
NA_OPENING = datetime(2023, 7, 3, 9, 0, tzinfo=TZ)


def _audit(actie, obj):
    return AuditRegel.objects.voor_object(obj).filter(actie=actie)


def _status(obj):
    obj.refresh_from_db()
    return obj.status


@pytest.fixture
def ingediend(compleet, aanbieder_beheerder, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    compleet.refresh_from_db()
    return compleet


@pytest.fixture
def geopend(ingediend, tijd):
    tijd(NA_OPENING)
    return ingediend


@pytest.fixture
def in_staat(procedure, aanbieder, tijd):
    """An inschrijving put straight into ``status`` (test set-up), in the opened round."""
    tijd(NA_OPENING)

    def _maak(status):
        ingediend_op = None if status in (S.CONCEPT, S.INGETROKKEN) else datetime(2023, 6, 20, 14, 0, tzinfo=TZ)
        insch = InschrijvingFactory(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, status=status,
                                    toetredingsmoment=procedure.moment, ingediend_op=ingediend_op)
        insch.inschrijving_percelen.create(perceel=procedure.p5_1)
        return insch

    return _maak


@pytest.fixture
def herstel_signalen():
    ontvangen = []

    def ontvanger(sender, **kwargs):
        ontvangen.append(kwargs)

    herstel_afgerond.connect(ontvanger, dispatch_uid="test-herstel-afgerond")
    yield ontvangen
    herstel_afgerond.disconnect(dispatch_uid="test-herstel-afgerond")


# --- Inschrijving: every legal move ----------------------------------------------------------------------


def test_tabel_van_inschrijving():
    assert set(Inschrijving.OVERGANGEN.overgangen()) == {
        (S.BESLOTEN, S.IN_BEOORDELING), (S.CONCEPT, S.INGEDIEND), (S.CONCEPT, S.INGETROKKEN),
        (S.HERSTEL, S.IN_BEOORDELING), (S.IN_BEOORDELING, S.BESLOTEN), (S.IN_BEOORDELING, S.HERSTEL),
        (S.INGEDIEND, S.HERSTEL), (S.INGEDIEND, S.IN_BEOORDELING), (S.INGEDIEND, S.INGETROKKEN),
    }
    assert Inschrijving.INGEDIENDE_STATUSSEN == (S.INGEDIEND, S.IN_BEOORDELING, S.HERSTEL)


def test_concept_naar_ingediend(compleet, aanbieder_beheerder, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert _status(compleet) == S.INGEDIEND
    regel = _audit("inschrijving.ingediend", compleet).get()
    assert (regel.oude_waarden["status"], regel.nieuwe_waarden["status"]) == ("concept", "ingediend")


def test_concept_naar_ingetrokken(concept, aanbieder_beheerder):
    services.inschrijving_intrekken(inschrijving=concept, door=aanbieder_beheerder, toelichting="Vergissing")
    assert _status(concept) == S.INGETROKKEN
    regel = _audit("inschrijving.ingetrokken", concept).get()
    assert (regel.oude_waarden["status"], regel.nieuwe_waarden["status"]) == ("concept", "ingetrokken")


def test_ingediend_naar_ingetrokken_voor_de_sluiting(ingediend, aanbieder_beheerder):
    services.inschrijving_intrekken(inschrijving=ingediend, door=aanbieder_beheerder)
    assert _status(ingediend) == S.INGETROKKEN
    assert _audit("inschrijving.ingetrokken", ingediend).get().oude_waarden["status"] == "ingediend"


def test_ingediend_naar_herstel(geopend, inkoper):
    services.herstelverzoek_versturen(inschrijving=geopend, vraag="Stuur een recent KvK-uittreksel.", door=inkoper)
    assert _status(geopend) == S.HERSTEL
    assert _audit("inschrijving.herstel", geopend).get().nieuwe_waarden["status"] == "herstel"


def test_ingediend_naar_in_beoordeling_door_de_toetsing(geopend, inkoper):
    services.status_volgen_uit_toetsing(inschrijving=geopend, status=S.IN_BEOORDELING, door=inkoper)
    assert _status(geopend) == S.IN_BEOORDELING
    regel = _audit("inschrijving.status", geopend).get()
    assert (regel.oude_waarden["status"], regel.nieuwe_waarden["status"], regel.toelichting) == ("ingediend", "in_beoordeling", "Door de toetsing")
    assert regel.actor == inkoper


def test_in_beoordeling_naar_herstel_en_terug_door_het_antwoord(in_staat, inkoper, aanbieder_beheerder, herstel_signalen,
                                                                django_capture_on_commit_callbacks):
    insch = in_staat(S.IN_BEOORDELING)
    verzoek = services.herstelverzoek_versturen(inschrijving=insch, vraag="Licht Formulier E toe.", door=inkoper)
    assert _status(insch) == S.HERSTEL
    assert _audit("inschrijving.herstel", insch).get().oude_waarden["status"] == "in_beoordeling"
    with django_capture_on_commit_callbacks(execute=True):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Zie toelichting.", door=aanbieder_beheerder)
    assert _status(insch) == S.IN_BEOORDELING
    regel = _audit("inschrijving.herstel_beantwoord", insch).get()
    assert (regel.oude_waarden["status"], regel.nieuwe_waarden["status"]) == ("herstel", "in_beoordeling")
    assert herstel_signalen == [{"signal": herstel_afgerond, "inschrijving_id": insch.pk,
                                 "herstelverzoek_id": verzoek.pk, "status": "beantwoord"}]


def test_herstel_naar_in_beoordeling_door_de_toetsing(in_staat):
    insch = in_staat(S.HERSTEL)
    services.status_volgen_uit_toetsing(inschrijving=insch, status=S.IN_BEOORDELING, door=None)  # the scheduled task
    assert _status(insch) == S.IN_BEOORDELING
    regel = _audit("inschrijving.status", insch).get()
    assert regel.actor is None and regel.oude_waarden["status"] == "herstel"


def test_in_beoordeling_naar_besloten(in_staat, inkoper):
    insch = in_staat(S.IN_BEOORDELING)
    services.status_volgen_uit_toetsing(inschrijving=insch, status=S.BESLOTEN, door=inkoper)
    assert _status(insch) == S.BESLOTEN
    assert _audit("inschrijving.status", insch).get().nieuwe_waarden["status"] == "besloten"


def test_besloten_naar_in_beoordeling_na_intrekking_van_het_besluit(in_staat, procedure, inkoper):
    insch = in_staat(S.BESLOTEN)
    services.toelating_per_perceel_vastleggen(inschrijving=insch, toegelaten=[procedure.p5_1.pk], door=inkoper)
    services.uitsluiting_vastleggen(inschrijving=insch, tot=date(2024, 1, 3), door=inkoper)
    services.besluit_intrekking_verwerken(inschrijving=insch, door=inkoper)
    insch.refresh_from_db()
    assert insch.status == S.IN_BEOORDELING
    assert insch.uitgesloten_tot is None
    assert list(insch.inschrijving_percelen.values_list("toegelaten", flat=True)) == [None]
    regel = _audit("inschrijving.besluit_ingetrokken", insch).get()
    assert (regel.oude_waarden["status"], regel.nieuwe_waarden["status"]) == ("besloten", "in_beoordeling")
    assert regel.oude_waarden["uitgesloten_tot"] == "2024-01-03"


# --- Inschrijving: every illegal move, through the service that would make it ------------------------------


def _probeer(naar, insch, *, beheerder, inkoper):
    """Ask the service that leads to ``naar``; returns the refusal."""
    if naar == S.INGEDIEND:
        aanroep = lambda: services.inschrijving_indienen(inschrijving=insch, door=beheerder)  # noqa: E731
    elif naar == S.INGETROKKEN:
        aanroep = lambda: services.inschrijving_intrekken(inschrijving=insch, door=beheerder)  # noqa: E731
    elif naar == S.HERSTEL:
        aanroep = lambda: services.herstelverzoek_versturen(inschrijving=insch, vraag="Herstel?", door=inkoper)  # noqa: E731
    else:  # concept, in beoordeling, besloten: only the assessment moves it (concept: nothing does)
        aanroep = lambda: services.status_volgen_uit_toetsing(inschrijving=insch, status=naar, door=inkoper)  # noqa: E731
    with pytest.raises((ValidationError, PermissionDenied)) as fout:
        aanroep()
    return fout.value


@pytest.mark.parametrize(("van", "naar"), list(Inschrijving.OVERGANGEN.verboden()))
def test_verboden_stap_van_inschrijving(van, naar, in_staat, aanbieder_beheerder, inkoper):
    insch = in_staat(van)
    _probeer(naar, insch, beheerder=aanbieder_beheerder, inkoper=inkoper)
    assert _status(insch) == van
    assert not Herstelverzoek.objects.filter(inschrijving=insch).exists()


def test_ingediend_kan_na_de_sluiting_niet_meer_worden_ingetrokken(geopend, aanbieder_beheerder):
    with pytest.raises(ValidationError, match="termijn is verstreken"):
        services.inschrijving_intrekken(inschrijving=geopend, door=aanbieder_beheerder)
    assert _status(geopend) == S.INGEDIEND


# --- the owner services toetsing calls --------------------------------------------------------------------


def test_status_volgen_is_idempotent(in_staat, inkoper):
    insch = in_staat(S.IN_BEOORDELING)
    services.status_volgen_uit_toetsing(inschrijving=insch, status=S.IN_BEOORDELING, door=inkoper)
    assert not _audit("inschrijving.status", insch).exists()


def test_status_volgen_weigert_een_status_van_de_aanbieder(in_staat, inkoper):
    insch = in_staat(S.INGEDIEND)
    with pytest.raises(ValidationError) as fout:
        services.status_volgen_uit_toetsing(inschrijving=insch, status=S.INGETROKKEN, door=inkoper)
    assert fout.value.code == "geen_toetsingsstatus"
    assert _status(insch) == S.INGEDIEND


def test_status_volgen_verboden_stap_geeft_nederlandse_melding(in_staat, inkoper):
    insch = in_staat(S.HERSTEL)
    with pytest.raises(OngeldigeOvergang, match="Herstel gevraagd.*Besluit genomen"):
        services.status_volgen_uit_toetsing(inschrijving=insch, status=S.BESLOTEN, door=inkoper)
    assert _status(insch) == S.HERSTEL


@pytest.mark.parametrize("service", ["status", "toelating", "uitsluiting", "intrekking"])
def test_eigenaarsdiensten_weigeren_wie_geen_toegang_heeft(service, in_staat, procedure, aanbieder_beheerder, beoordelaar):
    insch = in_staat(S.BESLOTEN if service != "status" else S.IN_BEOORDELING)
    aanroepen = {
        "status": lambda door: services.status_volgen_uit_toetsing(inschrijving=insch, status=S.BESLOTEN, door=door),
        "toelating": lambda door: services.toelating_per_perceel_vastleggen(
            inschrijving=insch, toegelaten=[procedure.p5_1.pk], door=door),
        "uitsluiting": lambda door: services.uitsluiting_vastleggen(inschrijving=insch, tot=date(2024, 1, 3), door=door),
        "intrekking": lambda door: services.besluit_intrekking_verwerken(inschrijving=insch, door=door),
    }
    # The provider itself, and an assessor who is not assigned to it (no registered rule lets them in).
    for door in (aanbieder_beheerder, beoordelaar):
        with pytest.raises(PermissionDenied):
            aanroepen[service](door)
    insch.refresh_from_db()
    assert (insch.status, insch.uitgesloten_tot) == (S.BESLOTEN if service != "status" else S.IN_BEOORDELING, None)
    assert not AuditRegel.objects.filter(object_id=str(insch.pk), actie__startswith="inschrijving.").exists()


@pytest.mark.parametrize("van", [S.CONCEPT, S.INGEDIEND, S.IN_BEOORDELING, S.HERSTEL, S.INGETROKKEN])
def test_besluitgevolgen_alleen_bij_een_besloten_inschrijving(van, in_staat, procedure, inkoper):
    insch = in_staat(van)
    for aanroep in (
        lambda: services.toelating_per_perceel_vastleggen(inschrijving=insch, toegelaten=[procedure.p5_1.pk], door=inkoper),
        lambda: services.uitsluiting_vastleggen(inschrijving=insch, tot=date(2024, 1, 3), door=inkoper),
        lambda: services.besluit_intrekking_verwerken(inschrijving=insch, door=inkoper),
    ):
        with pytest.raises(ValidationError) as fout:
            aanroep()
        assert fout.value.code == "niet_besloten"
    insch.refresh_from_db()
    assert (insch.status, insch.uitgesloten_tot) == (van, None)
    assert list(insch.inschrijving_percelen.values_list("toegelaten", flat=True)) == [None]


def test_toelating_per_perceel_vastleggen(in_staat, procedure, inkoper):
    insch = in_staat(S.BESLOTEN)
    insch.inschrijving_percelen.create(perceel=procedure.p5_6)
    insch.inschrijving_percelen.create(perceel=procedure.p5_3)
    services.toelating_per_perceel_vastleggen(inschrijving=insch, toegelaten=[procedure.p5_1.pk],
                                              wachtlijst=[procedure.p5_6.pk], door=inkoper)
    keuzes = {k.perceel.code: (k.toegelaten, k.op_wachtlijst) for k in insch.inschrijving_percelen.select_related("perceel")}
    assert keuzes == {"5.1": (True, False), "5.6": (False, True), "5.3": (False, False)}
    regel = _audit("inschrijving.toelating", insch).get()
    assert regel.nieuwe_waarden == {"5.1": "toegelaten", "5.6": "wachtlijst", "5.3": "niet toegelaten"}
    assert regel.actor == inkoper


def test_uitsluiting_vastleggen_weert_een_nieuwe_inschrijving(in_staat, procedure, aanbieder, aanbieder_beheerder, inkoper):
    insch = in_staat(S.BESLOTEN)
    services.uitsluiting_vastleggen(inschrijving=insch, tot=date(2024, 1, 3), door=inkoper)
    insch.refresh_from_db()
    assert insch.uitgesloten_tot == date(2024, 1, 3)
    regel = _audit("inschrijving.uitgesloten", insch).get()
    assert (regel.oude_waarden["uitgesloten_tot"], regel.nieuwe_waarden["uitgesloten_tot"]) == (None, "2024-01-03")
    with pytest.raises(ValidationError, match="vanaf 03-01-2024"):
        services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)


# --- Herstelverzoek ------------------------------------------------------------------------------------------


def test_tabel_van_herstelverzoek():
    assert set(Herstelverzoek.OVERGANGEN.overgangen()) == {(H.OPEN, H.BEANTWOORD), (H.OPEN, H.VERLOPEN)}
    assert Herstelverzoek.OVERGANGEN.eindtoestanden == {H.BEANTWOORD, H.VERLOPEN}


@pytest.fixture
def verzoek(geopend, inkoper):
    return services.herstelverzoek_versturen(inschrijving=geopend, vraag="Licht Formulier E toe.", door=inkoper)


def test_open_naar_beantwoord(verzoek, aanbieder_beheerder):
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Zie toelichting.", door=aanbieder_beheerder)
    assert _status(verzoek) == H.BEANTWOORD
    assert _audit("herstelverzoek.beantwoord", verzoek).get().nieuwe_waarden["antwoord"] == "Zie toelichting."


def test_open_naar_verlopen_door_de_taak_met_signaal(verzoek, tijd, herstel_signalen, django_capture_on_commit_callbacks):
    tijd(verzoek.deadline + timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.herstelverzoeken_laten_verlopen() == 1
    assert _status(verzoek) == H.VERLOPEN
    assert _audit("herstelverzoek.verlopen", verzoek).count() == 1
    assert [s["status"] for s in herstel_signalen] == ["verlopen"]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.herstelverzoeken_laten_verlopen() == 0, "idempotent"
    assert len(herstel_signalen) == 1


def test_open_naar_verlopen_bij_een_te_laat_antwoord(verzoek, tijd, aanbieder_beheerder, herstel_signalen,
                                                     django_capture_on_commit_callbacks):
    tijd(verzoek.deadline)  # 23:59 itself is already too late
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError, match="verstreken"):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Te laat.", door=aanbieder_beheerder)
    assert _status(verzoek) == H.VERLOPEN
    assert _audit("herstelverzoek.te_laat", verzoek).exists()
    assert [s["status"] for s in herstel_signalen] == ["verlopen"]


def test_beantwoord_kan_niet_verlopen_of_opnieuw_worden_beantwoord(verzoek, tijd, aanbieder_beheerder):
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Zie toelichting.", door=aanbieder_beheerder)
    with pytest.raises(ValidationError, match="al beantwoord"):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Nog eens.", door=aanbieder_beheerder)
    tijd(verzoek.deadline + timedelta(days=1))
    assert services.herstelverzoeken_laten_verlopen() == 0
    assert _status(verzoek) == H.BEANTWOORD


def test_verlopen_kan_niet_meer_worden_beantwoord(verzoek, tijd, aanbieder_beheerder):
    tijd(verzoek.deadline + timedelta(seconds=1))
    services.herstelverzoeken_laten_verlopen()
    tijd(verzoek.deadline - timedelta(hours=1))  # even with the clock back inside the deadline
    with pytest.raises(ValidationError, match="staat niet meer open"):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Alsnog.", door=aanbieder_beheerder)
    assert _status(verzoek) == H.VERLOPEN


def test_een_tweede_verzoek_laat_het_eerste_en_de_status_staan(verzoek, geopend, inkoper):
    tweede = services.herstelverzoek_versturen(inschrijving=geopend, vraag="En de referenties?", door=inkoper)
    assert (_status(verzoek), _status(tweede), _status(geopend)) == (H.OPEN, H.OPEN, S.HERSTEL)
    assert _audit("inschrijving.herstel", geopend).count() == 1


def test_alleen_een_lid_beantwoordt(verzoek, inkoper):
    with pytest.raises(PermissionDenied):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Ik niet.", door=inkoper)
    assert _status(verzoek) == H.OPEN
