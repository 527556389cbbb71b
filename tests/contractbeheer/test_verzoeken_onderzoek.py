"""Onderzoeken (002 B1 33) through the services: the two windows of 14 kalenderdagen, the refusal to start the
investigation before the first window ends, late reactions recorded and marked, the decision rules, audits,
mails and permissions."""

from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from contractbeheer import regels, services
from contractbeheer.models import Onderzoek
from core.kalender import TZ
from core.models import AuditRegel
from organisaties.models import Bericht
from overeenkomst.models import Overeenkomst

from . import _verzoeken as v

pytestmark = pytest.mark.django_db

KERSTAVOND = datetime(2026, 12, 24, 10, 0, tzinfo=TZ)


def _reis(jaar, maand, dag, uur=10):
    return time_machine.travel(datetime(jaar, maand, dag, uur, 0, tzinfo=TZ))


def _start(regio, door, **kw):
    ab, _, _, rijen = v.wereld(regio, aantal=kw.pop("aantal", 1))
    ov, lid = rijen[0]
    with time_machine.travel(KERSTAVOND):
        o = services.onderzoek_starten(overeenkomst=ov, signaal="Signaal: personeelsverloop 40%.", door=door, **kw)
    return o, ov, lid, rijen


def test_veertien_kalenderdagen():
    assert regels.onderzoek_reactie_uiterlijk(date(2026, 12, 24), 14) == date(2027, 1, 7)


def test_signaal_24_december_reactie_tot_7_januari(regio_a, contractmanager_a, django_capture_on_commit_callbacks):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    mail.outbox.clear()
    with time_machine.travel(KERSTAVOND), django_capture_on_commit_callbacks(execute=True):
        o = services.onderzoek_starten(overeenkomst=rijen[0][0], signaal="Signaal", door=contractmanager_a)
    assert (o.status, o.signaal_gemeld_op, o.reactie_uiterlijk) == (
        Onderzoek.Status.SIGNAAL_GEMELD, date(2026, 12, 24), date(2027, 1, 7))
    assert o.gestart_door == contractmanager_a
    regel = AuditRegel.objects.get(actie="contractbeheer.onderzoek_gestart")
    assert regel.nieuwe_waarden["reactie_uiterlijk"] == "2027-01-07"
    assert [m.subject for m in mail.outbox] == ["Schriftelijke melding van een signaal"]
    assert "07-01-2027" in mail.outbox[0].body and "Signaal" not in mail.outbox[0].body.split("\n")[-1]
    assert len(mail.outbox[0].to) == 2  # beheerder and medewerker


def test_gemeld_op_uit_een_brief_van_eerder(regio_a, contractmanager_a):
    o, *_ = _start(regio_a, contractmanager_a, gemeld_op=date(2026, 12, 20))
    assert o.reactie_uiterlijk == date(2027, 1, 3)


def test_gemeld_op_niet_in_de_toekomst_en_niet_voor_de_ingang(regio_a, contractmanager_a):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    with time_machine.travel(KERSTAVOND):
        with pytest.raises(ValidationError, match="toekomst"):
            services.onderzoek_starten(overeenkomst=rijen[0][0], signaal="S", door=contractmanager_a,
                                       gemeld_op=date(2026, 12, 25))
        with pytest.raises(ValidationError, match="lopende overeenkomst"):
            services.onderzoek_starten(overeenkomst=rijen[0][0], signaal="S", door=contractmanager_a,
                                       gemeld_op=date(2023, 1, 1))
        with pytest.raises(ValidationError, match="signaal"):
            services.onderzoek_starten(overeenkomst=rijen[0][0], signaal=" ", door=contractmanager_a)


def test_niet_bij_een_beeindigde_overeenkomst(regio_a, contractmanager_a):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    ov = rijen[0][0]
    Overeenkomst.objects.filter(pk=ov.pk).update(status=Overeenkomst.Status.BEEINDIGD, einddatum=date(2026, 1, 1))
    ov.refresh_from_db()
    with pytest.raises(ValidationError, match="lopende overeenkomst"):
        services.onderzoek_starten(overeenkomst=ov, signaal="S", door=contractmanager_a)


@pytest.mark.parametrize("persona", ["contractmanager_b", "beoordelaar_a", "sroi_adviseur_a"])
def test_starten_alleen_in_eigen_regio(request, regio_a, persona):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    with pytest.raises(PermissionDenied):
        services.onderzoek_starten(overeenkomst=rijen[0][0], signaal="S", door=request.getfixturevalue(persona))


def test_aanbieder_kan_geen_onderzoek_starten(regio_a):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    with pytest.raises(PermissionDenied):
        services.onderzoek_starten(overeenkomst=rijen[0][0], signaal="S", door=rijen[0][1])


# --- the first window -----------------------------------------------------------------------------------


@pytest.mark.parametrize("dag", [date(2026, 12, 24), date(2027, 1, 1), date(2027, 1, 7)])
def test_onderzoek_niet_instellen_binnen_het_venster(regio_a, contractmanager_a, dag):
    o, *_ = _start(regio_a, contractmanager_a)
    with _reis(dag.year, dag.month, dag.day, 22), pytest.raises(ValidationError, match="07-01-2027"):
        services.onderzoek_instellen(onderzoek=o, door=contractmanager_a)
    o.refresh_from_db()
    assert o.status == Onderzoek.Status.SIGNAAL_GEMELD and o.onderzoek_gestart_op is None


def test_onderzoek_instellen_na_het_venster(regio_a, contractmanager_a, django_capture_on_commit_callbacks):
    o, *_ = _start(regio_a, contractmanager_a)
    mail.outbox.clear()
    with _reis(2027, 1, 8, 0), django_capture_on_commit_callbacks(execute=True):
        o = services.onderzoek_instellen(onderzoek=o, door=contractmanager_a)
    assert o.status == Onderzoek.Status.ONDERZOEK and o.onderzoek_gestart_op == date(2027, 1, 8)
    regel = AuditRegel.objects.get(actie="contractbeheer.onderzoek_ingesteld")
    assert regel.oude_waarden == {"status": "signaal_gemeld"}
    assert [m.subject for m in mail.outbox] == ["Onderzoek ingesteld"]
    with _reis(2027, 1, 9), pytest.raises(ValidationError, match="al ingesteld"):
        services.onderzoek_instellen(onderzoek=o, door=contractmanager_a)


def test_na_een_reactie_mag_het_bureau_eerder_beginnen(regio_a, contractmanager_a):
    o, _, lid, _ = _start(regio_a, contractmanager_a)
    with _reis(2026, 12, 28):
        services.onderzoek_reageren(onderzoek=o, reactie="Het verloop is tijdelijk.", door=lid)
        o = services.onderzoek_instellen(onderzoek=o, door=contractmanager_a)
    assert o.onderzoek_gestart_op == date(2026, 12, 28)


def test_reactie_op_tijd_en_te_laat(regio_a, contractmanager_a):
    o, _, lid, _ = _start(regio_a, contractmanager_a)
    with _reis(2027, 1, 7, 23):
        o = services.onderzoek_reageren(onderzoek=o, reactie="Op tijd", door=lid)
    assert o.reactie == "Op tijd" and not services.reactie_te_laat(o.reactie_op, o.reactie_uiterlijk)
    assert AuditRegel.objects.get(actie="contractbeheer.onderzoek_reactie").nieuwe_waarden["te_laat"] is False
    with pytest.raises(ValidationError, match="al op het signaal"):
        services.onderzoek_reageren(onderzoek=o, reactie="Nog eens", door=lid)

    laat, _, lid2, _ = _start(regio_a, contractmanager_a)
    with _reis(2027, 1, 8, 9):
        laat = services.onderzoek_reageren(onderzoek=laat, reactie="Te laat, maar toch", door=lid2)
    assert services.reactie_te_laat(laat.reactie_op, laat.reactie_uiterlijk)
    regel = AuditRegel.objects.filter(actie="contractbeheer.onderzoek_reactie").order_by("pk").last()
    assert regel.nieuwe_waarden["te_laat"] is True


def test_reactie_te_laat_zonder_reactie():
    assert services.reactie_te_laat(None, date(2027, 1, 7)) is False
    assert services.reactie_te_laat(datetime(2027, 1, 7, 23, 59, tzinfo=TZ), None) is False


def test_reageren_niet_meer_als_het_onderzoek_loopt(regio_a, contractmanager_a):
    o, _, lid, _ = _start(regio_a, contractmanager_a)
    with _reis(2027, 1, 8):
        services.onderzoek_instellen(onderzoek=o, door=contractmanager_a)
        with pytest.raises(ValidationError, match="verder behandeld"):
            services.onderzoek_reageren(onderzoek=o, reactie="Laat", door=lid)


def test_reageren_alleen_door_de_aanbieder(regio_a, contractmanager_a, andere_beheerder):
    o, _, _, rijen = _start(regio_a, contractmanager_a, aantal=2)
    for wie in (rijen[1][1], andere_beheerder, contractmanager_a):
        with pytest.raises(PermissionDenied):
            services.onderzoek_reageren(onderzoek=o, reactie="x", door=wie)


def test_geen_bsn_in_een_reactie(regio_a, contractmanager_a):
    o, _, lid, _ = _start(regio_a, contractmanager_a)
    with pytest.raises(ValidationError, match="burgerservicenummer"):
        services.onderzoek_reageren(onderzoek=o, reactie="Zie dossier 123456782", door=lid)


# --- the result and the second window -------------------------------------------------------------------


def _met_resultaat(regio, door):
    o, ov, lid, rijen = _start(regio, door)
    with _reis(2027, 1, 8):
        services.onderzoek_instellen(onderzoek=o, door=door)
    with _reis(2027, 2, 1):
        o = services.onderzoek_resultaat(onderzoek=o, resultaat="Liquiditeit onvoldoende.", door=door)
    return o, lid


def test_resultaat_opent_het_tweede_venster(regio_a, contractmanager_a, django_capture_on_commit_callbacks):
    o, lid = _met_resultaat(regio_a, contractmanager_a)
    assert o.status == Onderzoek.Status.RESULTAAT_GEMELD
    assert (o.resultaat_gemeld_op, o.resultaat_reactie_uiterlijk) == (date(2027, 2, 1), date(2027, 2, 15))
    regel = AuditRegel.objects.get(actie="contractbeheer.onderzoek_resultaat_gemeld")
    assert regel.nieuwe_waarden["resultaat_reactie_uiterlijk"] == "2027-02-15"
    with pytest.raises(ValidationError, match="ingesteld onderzoek"):
        services.onderzoek_resultaat(onderzoek=o, resultaat="Nog een", door=contractmanager_a)


def test_resultaat_zonder_tekst_of_voor_het_onderzoek_geweigerd(regio_a, contractmanager_a):
    o, *_ = _start(regio_a, contractmanager_a)
    with pytest.raises(ValidationError, match="resultaat"):
        services.onderzoek_resultaat(onderzoek=o, resultaat="", door=contractmanager_a)
    with pytest.raises(ValidationError, match="ingesteld onderzoek"):
        services.onderzoek_resultaat(onderzoek=o, resultaat="Te vroeg", door=contractmanager_a)


def test_besluit_pas_na_het_tweede_venster(regio_a, contractmanager_a):
    o, lid = _met_resultaat(regio_a, contractmanager_a)
    with _reis(2027, 2, 15), pytest.raises(ValidationError, match="15-02-2027"):
        services.onderzoek_afsluiten(onderzoek=o, uitkomst="sanctie", toelichting="Boete", door=contractmanager_a)
    with _reis(2027, 2, 16):
        o = services.onderzoek_afsluiten(onderzoek=o, uitkomst="sanctie", toelichting="Boete volgens art. 35",
                                         door=contractmanager_a)
    assert o.status == Onderzoek.Status.AFGESLOTEN and o.uitkomst == "sanctie" and o.afgesloten_op
    regel = AuditRegel.objects.get(actie="contractbeheer.onderzoek_afgesloten")
    assert regel.nieuwe_waarden == {"status": "afgesloten", "uitkomst": "sanctie"}
    assert regel.toelichting == "Boete volgens art. 35"
    with pytest.raises(ValidationError, match="al afgesloten"):
        services.onderzoek_afsluiten(onderzoek=o, uitkomst="afgedaan", toelichting="x", door=contractmanager_a)


def test_na_de_reactie_op_het_resultaat_eerder_besluiten(regio_a, contractmanager_a,
                                                         django_capture_on_commit_callbacks):
    o, lid = _met_resultaat(regio_a, contractmanager_a)
    with _reis(2027, 2, 3):
        o = services.onderzoek_resultaat_reageren(onderzoek=o, reactie="Wij nemen maatregelen.", door=lid)
        assert AuditRegel.objects.get(actie="contractbeheer.onderzoek_resultaat_reactie").nieuwe_waarden[
            "te_laat"] is False
        with pytest.raises(ValidationError, match="al op het resultaat"):
            services.onderzoek_resultaat_reageren(onderzoek=o, reactie="Nog eens", door=lid)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            o = services.onderzoek_afsluiten(onderzoek=o, uitkomst="overleg", toelichting="Verbeterplan",
                                             door=contractmanager_a)
    assert o.uitkomst == "overleg"
    assert [m.subject for m in mail.outbox] == ["Besluit over het onderzoek"]
    assert "nader overleg voor verbetering" in mail.outbox[0].body


def test_late_reactie_op_het_resultaat_wordt_gemarkeerd(regio_a, contractmanager_a):
    o, lid = _met_resultaat(regio_a, contractmanager_a)
    with _reis(2027, 2, 20):
        o = services.onderzoek_resultaat_reageren(onderzoek=o, reactie="Laat", door=lid)
    assert services.reactie_te_laat(o.resultaat_reactie_op, o.resultaat_reactie_uiterlijk)


def test_reageren_op_resultaat_zonder_resultaat_geweigerd(regio_a, contractmanager_a):
    o, _, lid, _ = _start(regio_a, contractmanager_a)
    with pytest.raises(ValidationError, match="geen resultaat"):
        services.onderzoek_resultaat_reageren(onderzoek=o, reactie="x", door=lid)


# --- closing early --------------------------------------------------------------------------------------


def test_afgedaan_vanaf_het_signaal_alleen_na_reactie(regio_a, contractmanager_a):
    o, _, lid, _ = _start(regio_a, contractmanager_a)
    with pytest.raises(ValidationError, match="afgedaan"):
        services.onderzoek_afsluiten(onderzoek=o, uitkomst="afgedaan", toelichting="x", door=contractmanager_a)
    with _reis(2026, 12, 30):
        services.onderzoek_reageren(onderzoek=o, reactie="Het signaal betrof een andere aanbieder.", door=lid)
    with pytest.raises(ValidationError, match="afgedaan"):
        services.onderzoek_afsluiten(onderzoek=o, uitkomst="sanctie", toelichting="x", door=contractmanager_a)
    o = services.onderzoek_afsluiten(onderzoek=o, uitkomst="afgedaan", toelichting="Signaal klopte niet.",
                                     door=contractmanager_a)
    assert o.status == Onderzoek.Status.AFGESLOTEN


def test_lopend_onderzoek_alleen_afgedaan(regio_a, contractmanager_a):
    o, *_ = _start(regio_a, contractmanager_a)
    with _reis(2027, 1, 8):
        services.onderzoek_instellen(onderzoek=o, door=contractmanager_a)
    with pytest.raises(ValidationError, match="resultaat"):
        services.onderzoek_afsluiten(onderzoek=o, uitkomst="sanctie", toelichting="x", door=contractmanager_a)
    o = services.onderzoek_afsluiten(onderzoek=o, uitkomst="afgedaan", toelichting="Onderzoek gestaakt.",
                                     door=contractmanager_a)
    assert o.uitkomst == "afgedaan"


def test_besluit_vraagt_uitkomst_en_toelichting(regio_a, contractmanager_a):
    o, lid = _met_resultaat(regio_a, contractmanager_a)
    with pytest.raises(ValidationError, match="toelichting"):
        services.onderzoek_afsluiten(onderzoek=o, uitkomst="sanctie", toelichting="", door=contractmanager_a)
    with pytest.raises(ValidationError, match="Kies een besluit"):
        services.onderzoek_afsluiten(onderzoek=o, uitkomst="onbekend", toelichting="x", door=contractmanager_a)


@pytest.mark.parametrize("persona", ["contractmanager_b", "beoordelaar_a"])
def test_stappen_alleen_in_eigen_regio(request, regio_a, contractmanager_a, persona):
    o, *_ = _start(regio_a, contractmanager_a)
    wie = request.getfixturevalue(persona)
    with _reis(2027, 1, 8):
        for stap in (lambda: services.onderzoek_instellen(onderzoek=o, door=wie),
                     lambda: services.onderzoek_resultaat(onderzoek=o, resultaat="x", door=wie),
                     lambda: services.onderzoek_afsluiten(onderzoek=o, uitkomst="afgedaan", toelichting="x",
                                                          door=wie)):
            with pytest.raises(PermissionDenied):
                stap()


def test_onderzoeksmail_eenmaal_en_onbekende_stap(regio_a, contractmanager_a, django_capture_on_commit_callbacks):
    from contractbeheer.tasks.verzoeken import onderzoek_versturen

    with django_capture_on_commit_callbacks(execute=True):
        o, *_ = _start(regio_a, contractmanager_a)
    assert onderzoek_versturen(o.pk, "signaal") is False  # already sent
    # ADR 0028: once in the provider's inbox, linked to the onderzoek.
    (inbox,) = Bericht.objects.filter(sleutel=f"onderzoek:{o.pk}:signaal")
    assert (inbox.organisatie_id, inbox.soort, inbox.pad) == (
        o.overeenkomst.organisatie_id, "Onderzoek", f"/mijn/verplichtingen/onderzoeken/{o.pk}/")
    assert onderzoek_versturen(o.pk, "onbekend") is False
    assert onderzoek_versturen(0, "signaal") is False
