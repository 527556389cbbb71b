"""Informatieverzoeken (002 UOK 5.1) through the services: drafting, sending to one agreement or to a perceel,
the 10-werkdagen deadline across Christmas and New Year, answers on time and late, judging, extending, closing,
permissions, audits and mails."""

from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from contractbeheer import regels, services
from contractbeheer.models import Informatieverzoek, Verzoekontvanger
from core.kalender import TZ
from core.models import AuditRegel
from overeenkomst.models import Deelname, Overeenkomst
from tests.factories import LidmaatschapFactory
from tests.overeenkomst.factories import DeelnameFactory

from . import _verzoeken as v
from . import factories as f

pytestmark = pytest.mark.django_db

MAANDAG = date(2026, 12, 21)


def _acties(obj=None):
    qs = AuditRegel.objects.order_by("pk")
    if obj is not None:
        qs = qs.filter(object_id=str(obj.pk), object_weergave=str(obj)[:255])
    return [r.actie for r in qs]


# --- the clock ------------------------------------------------------------------------------------------


def test_tien_werkdagen_over_kerst_en_nieuwjaar():
    # Ma 21-12-2026 + 10 werkdagen: 22, 23, 24, (25 en 26 Kerstmis), 28, 29, 30, 31, (1-1 Nieuwjaar), 4, 5, 6.
    assert MAANDAG.weekday() == 0
    assert regels.informatieverzoek_uiterlijk(MAANDAG, 10) == date(2027, 1, 6)


@time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=TZ))
def test_verzonden_op_maandag_21_december_uiterlijk_6_januari(regio_a, contractmanager_a):
    ab, bhl, _, rijen = v.wereld(regio_a)
    verzoek = v.verzonden(ab, contractmanager_a, perceel=bhl)
    assert verzoek.status == Informatieverzoek.Status.VERZONDEN
    assert verzoek.uiterlijk == date(2027, 1, 6)
    assert verzoek.verzonden_op.astimezone(TZ).date() == MAANDAG
    assert {o.uiterlijk for o in verzoek.ontvangers.all()} == {date(2027, 1, 6)}
    assert {o.overeenkomst_id for o in verzoek.ontvangers.all()} == {ov.pk for ov, _ in rijen}


@pytest.mark.parametrize("moment, te_laat", [
    (datetime(2027, 1, 6, 9, 0, tzinfo=TZ), False),
    (datetime(2027, 1, 6, 23, 59, tzinfo=TZ), False),
    (datetime(2027, 1, 7, 0, 1, tzinfo=TZ), True),
    (datetime(2027, 1, 7, 10, 0, tzinfo=TZ), True),
])
def test_antwoord_op_6_januari_op_tijd_op_7_januari_te_laat(regio_a, contractmanager_a, moment, te_laat):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    with time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=TZ)):
        verzoek = v.verzonden(ab, contractmanager_a, perceel=bhl)
    ov, lid = rijen[0]
    ontvanger = verzoek.ontvangers.get()
    with time_machine.travel(moment):
        ontvanger = services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Gemiddeld 6 weken.", door=lid)
    assert ontvanger.status == Verzoekontvanger.Status.BEANTWOORD
    assert ontvanger.te_laat is te_laat
    assert ontvanger.beantwoord_door == lid
    regel = AuditRegel.objects.get(actie="contractbeheer.verzoek_beantwoord")
    assert regel.nieuwe_waarden["te_laat"] is te_laat


# --- drafting -------------------------------------------------------------------------------------------


def test_opstellen_met_bijlage_en_standaardtermijn(regio_a, contractmanager_a):
    ab, bhl, _, _ = v.wereld(regio_a)
    verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp=" Wachttijden ", vraag="Hoe lang?",
                                         door=contractmanager_a, perceel=bhl, bestand=v.pdf())
    assert verzoek.status == Informatieverzoek.Status.CONCEPT
    assert verzoek.termijn_werkdagen == 10 and verzoek.termijn_reden == ""
    assert verzoek.onderwerp == "Wachttijden"
    assert verzoek.originele_naam == "vragenlijst.pdf" and len(verzoek.sha256) == 64 and verzoek.grootte > 0
    assert verzoek.bestand.name
    assert not verzoek.ontvangers.exists()
    regel = AuditRegel.objects.get(actie="contractbeheer.verzoek_opgesteld")
    assert regel.nieuwe_waarden["termijn_werkdagen"] == 10
    assert regel.nieuwe_waarden["originele_naam"] == "vragenlijst.pdf"


def test_termijn_volgt_de_regels_van_de_procedure(regio_a, contractmanager_a):
    ab, bhl, _, _ = v.wereld(regio_a)
    regels_ab = services.beheerregels_van(ab)
    regels_ab.informatieverzoek_werkdagen = 15
    regels_ab.save()
    verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a,
                                         perceel=bhl)
    assert verzoek.termijn_werkdagen == 15


def test_afwijkende_termijn_vraagt_een_reden(regio_a, contractmanager_a):
    ab, bhl, _, _ = v.wereld(regio_a)
    with pytest.raises(ValidationError, match="partijen"):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a, perceel=bhl,
                                   termijn_werkdagen=20)
    verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a,
                                         perceel=bhl, termijn_werkdagen=20,
                                         termijn_reden="Afgesproken in het overleg van 1 december")
    assert (verzoek.termijn_werkdagen, verzoek.termijn_reden) == (20, "Afgesproken in het overleg van 1 december")
    # The standard term with a reason: the reason is not kept (nothing was agreed otherwise).
    gewoon = services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a,
                                        perceel=bhl, termijn_werkdagen=10, termijn_reden="overbodig")
    assert gewoon.termijn_reden == ""


@pytest.mark.parametrize("termijn", [0, services.verzoeken.MAX_WERKDAGEN + 1])
def test_termijn_binnen_grenzen(regio_a, contractmanager_a, termijn):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=0)
    with pytest.raises(ValidationError, match="werkdagen"):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a, perceel=bhl,
                                   termijn_werkdagen=termijn, termijn_reden="afgesproken")


def test_precies_een_van_perceel_en_overeenkomst(regio_a, contractmanager_a):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    with pytest.raises(ValidationError, match="niet allebei"):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a)
    with pytest.raises(ValidationError, match="niet allebei"):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a, perceel=bhl,
                                   overeenkomst=rijen[0][0])


def test_perceel_en_overeenkomst_van_dezelfde_procedure(regio_a, contractmanager_a):
    ab, _, _, _ = v.wereld(regio_a, aantal=0)
    ander, ander_bhl, _, andere_rijen = v.wereld(regio_a, aantal=1)
    with pytest.raises(ValidationError, match="perceel hoort niet"):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a,
                                   perceel=ander_bhl)
    with pytest.raises(ValidationError, match="overeenkomst hoort niet"):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a,
                                   overeenkomst=andere_rijen[0][0])


def test_onderwerp_en_vraag_verplicht(regio_a, contractmanager_a):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=0)
    with pytest.raises(ValidationError, match="onderwerp"):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="  ", vraag="Y", door=contractmanager_a, perceel=bhl)
    with pytest.raises(ValidationError, match="vraag"):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="", door=contractmanager_a, perceel=bhl)


def test_bijlage_wordt_op_inhoud_gecontroleerd(regio_a, contractmanager_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    ab, bhl, _, _ = v.wereld(regio_a, aantal=0)
    nep = SimpleUploadedFile("vragen.pdf", b"MZ\x90\x00 geen pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a, perceel=bhl,
                                   bestand=nep)
    assert not Informatieverzoek.objects.exists()


@pytest.mark.parametrize("persona", ["contractmanager_b", "beoordelaar_a", "redacteur_a", "sroi_adviseur_a"])
def test_opstellen_alleen_door_contractbeheer_van_de_regio(request, regio_a, persona):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=0)
    with pytest.raises(PermissionDenied):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=request.getfixturevalue(persona),
                                   perceel=bhl)


def test_inkoper_van_de_regio_mag_opstellen(regio_a, inkoper_a):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=0)
    assert services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=inkoper_a, perceel=bhl).pk


def test_aanbieder_mag_niet_opstellen(regio_a):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    with pytest.raises(PermissionDenied):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=rijen[0][1], perceel=bhl)


# --- sending --------------------------------------------------------------------------------------------


@time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=TZ))
def test_per_perceel_alleen_lopende_overeenkomsten_met_een_levende_deelname(regio_a, contractmanager_a):
    ab, bhl, dag, rijen = v.wereld(regio_a, aantal=1)
    welkom = rijen[0][0]
    # Cliëntenstop: takes no new clients, still serves its current ones and answers the bureau.
    stop, _ = f.overeenkomst(ab, bhl, naam="Met cliëntenstop")
    Deelname.objects.filter(overeenkomst=stop).update(status=Deelname.Status.CLIENTENSTOP)
    # Not addressed: another perceel, an ended deelname, a deelname from next year, an ended agreement, an
    # agreement starting next year.
    ander_perceel, _ = f.overeenkomst(ab, dag, naam="Ander perceel")
    deelname_weg, _ = f.overeenkomst(ab, bhl, naam="Deelname beëindigd")
    Deelname.objects.filter(overeenkomst=deelname_weg).update(status=Deelname.Status.BEEINDIGD,
                                                              einddatum=date(2026, 6, 30))
    deelname_later, _ = f.overeenkomst(ab, naam="Deelname volgend jaar")
    DeelnameFactory(overeenkomst=deelname_later, perceel=bhl, startdatum=date(2027, 1, 1))
    geeindigd, _ = f.overeenkomst(ab, bhl, naam="Overeenkomst beëindigd", einde=date(2026, 12, 1))
    Overeenkomst.objects.filter(pk=geeindigd.pk).update(status=Overeenkomst.Status.BEEINDIGD)
    toekomst, _ = f.overeenkomst(ab, bhl, naam="Start volgend jaar", start=date(2027, 1, 1))
    verzoek = v.verzonden(ab, contractmanager_a, perceel=bhl)
    assert {o.overeenkomst_id for o in verzoek.ontvangers.all()} == {welkom.pk, stop.pk}
    assert set(services.ontvangende_overeenkomsten(verzoek, date(2026, 12, 21)).values_list("pk", flat=True)) == {
        welkom.pk, stop.pk}
    assert {ander_perceel.pk, deelname_weg.pk, deelname_later.pk, geeindigd.pk, toekomst.pk}.isdisjoint(
        verzoek.ontvangers.values_list("overeenkomst_id", flat=True))


def test_aan_een_overeenkomst(regio_a, contractmanager_a):
    ab, _, _, rijen = v.wereld(regio_a, aantal=2)
    verzoek = v.verzonden(ab, contractmanager_a, overeenkomst=rijen[1][0])
    assert list(verzoek.ontvangers.values_list("overeenkomst_id", flat=True)) == [rijen[1][0].pk]


def test_niemand_zou_het_ontvangen(regio_a, contractmanager_a):
    ab, bhl, dag, _ = v.wereld(regio_a, aantal=1)
    verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a,
                                         perceel=dag)
    with pytest.raises(ValidationError, match="Niemand"):
        services.verzoek_verzenden(verzoek=verzoek, door=contractmanager_a)
    verzoek.refresh_from_db()
    assert verzoek.status == Informatieverzoek.Status.CONCEPT and not verzoek.ontvangers.exists()
    assert "contractbeheer.verzoek_verzonden" not in _acties()


def test_een_beeindigde_overeenkomst_ontvangt_niets(regio_a, contractmanager_a):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    ov = rijen[0][0]
    verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a,
                                         overeenkomst=ov)
    Overeenkomst.objects.filter(pk=ov.pk).update(status=Overeenkomst.Status.BEEINDIGD, einddatum=date(2025, 1, 1))
    with pytest.raises(ValidationError, match="met deze aanbieder"):
        services.verzoek_verzenden(verzoek=verzoek, door=contractmanager_a)


def test_niet_twee_keer_verzenden(regio_a, contractmanager_a):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=1)
    verzoek = v.verzonden(ab, contractmanager_a, perceel=bhl)
    with pytest.raises(ValidationError, match="al verzonden"):
        services.verzoek_verzenden(verzoek=verzoek, door=contractmanager_a)
    assert verzoek.ontvangers.count() == 1


def test_verzenden_in_een_vast_aantal_queries(regio_a, contractmanager_a, django_assert_num_queries):
    """Sending to 1 or to 6 providers costs the same number of queries (bulk insert; the mails after commit
    are left out by the on-commit capture)."""
    ab1, bhl1, _, _ = v.wereld(regio_a, aantal=1)
    ab6, bhl6, _, _ = v.wereld(regio_a, aantal=6)
    een = services.verzoek_opstellen(aanbesteding=ab1, onderwerp="X", vraag="Y", door=contractmanager_a, perceel=bhl1)
    zes = services.verzoek_opstellen(aanbesteding=ab6, onderwerp="X", vraag="Y", door=contractmanager_a, perceel=bhl6)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q1:
        services.verzoek_verzenden(verzoek=een, door=contractmanager_a)
    with CaptureQueriesContext(connection) as q6:
        services.verzoek_verzenden(verzoek=zes, door=contractmanager_a)
    assert len(q1) == len(q6)
    assert zes.ontvangers.count() == 6


def test_verzenden_audit_en_een_mail_per_aanbieder_aan_alle_leden(regio_a, contractmanager_a,
                                                                  django_capture_on_commit_callbacks):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=2)
    verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp="Wachttijden", vraag="Geheim: hoe lang?",
                                         door=contractmanager_a, perceel=bhl)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.verzoek_verzenden(verzoek=verzoek, door=contractmanager_a)
    assert len(mail.outbox) == 2
    assert {m.subject for m in mail.outbox} == {"Informatieverzoek: Wachttijden"}
    leden = {ov.pk: set(ov.organisatie.lidmaatschappen.values_list("user__email", flat=True)) for ov, _ in rijen}
    assert sorted(sorted(m.to) for m in mail.outbox) == sorted(sorted(x) for x in leden.values())
    assert all(len(m.to) == 2 for m in mail.outbox)
    # Confidential: the question itself is not in the mail, the link to the portal is.
    assert all("Geheim" not in m.body and "/informatieverzoeken/" in m.body for m in mail.outbox)
    regel = AuditRegel.objects.get(actie="contractbeheer.verzoek_verzonden")
    assert regel.nieuwe_waarden["ontvangers"] == 2 and regel.oude_waarden == {"status": "concept"}
    # Run again (a second delivery of the task): no second mail.
    from contractbeheer.tasks.verzoeken import verzoek_versturen

    assert verzoek_versturen(verzoek.pk) == 0
    assert len(mail.outbox) == 2


def test_mail_alleen_aan_actieve_leden(regio_a, contractmanager_a, django_capture_on_commit_callbacks):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    ov = rijen[0][0]
    weg = LidmaatschapFactory(organisatie=ov.organisatie).user
    weg.is_active = False
    weg.save()
    with django_capture_on_commit_callbacks(execute=True):
        v.verzonden(ab, contractmanager_a, overeenkomst=ov)
    assert len(mail.outbox) == 1 and weg.email not in mail.outbox[0].to


def test_verzenden_door_andere_regio_geweigerd(regio_a, contractmanager_a, contractmanager_b):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=1)
    verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a,
                                         perceel=bhl)
    with pytest.raises(PermissionDenied):
        services.verzoek_verzenden(verzoek=verzoek, door=contractmanager_b)


# --- answering ------------------------------------------------------------------------------------------


def _ontvanger(regio, door, **kw):
    ab, bhl, _, rijen = v.wereld(regio, aantal=kw.pop("aantal", 1))
    verzoek = v.verzonden(ab, door, perceel=bhl, **kw)
    return verzoek, verzoek.ontvangers.get(overeenkomst=rijen[0][0]), rijen


def test_beantwoorden_met_bestand(regio_a, contractmanager_a):
    _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    ontvanger = services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord=" Zes weken. ", door=rijen[0][1],
                                              bestand=v.pdf("wachttijden.pdf"))
    assert ontvanger.antwoord == "Zes weken."
    assert ontvanger.originele_naam == "wachttijden.pdf" and ontvanger.sha256
    assert not ontvanger.te_laat and ontvanger.beantwoord_op
    regel = AuditRegel.objects.get(actie="contractbeheer.verzoek_beantwoord")
    assert regel.oude_waarden["status"] == "open" and regel.nieuwe_waarden["status"] == "beantwoord"


def test_ander_lid_of_andere_aanbieder_mag_niet_antwoorden(regio_a, contractmanager_a, andere_beheerder):
    _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a, aantal=2)
    for wie in (rijen[1][1], andere_beheerder, contractmanager_a):
        with pytest.raises(PermissionDenied):
            services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Hallo", door=wie)


def test_medewerker_van_de_aanbieder_mag_antwoorden(regio_a, contractmanager_a):
    _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    medewerker = rijen[0][0].organisatie.lidmaatschappen.get(rol="medewerker").user
    assert services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Ja", door=medewerker).beantwoord_door == medewerker


@pytest.mark.parametrize("tekst", [
    "Het gaat om cliënt 123456782.",
    "BSN 1234.56.782 wacht nog",
    "bsn: 111 222 333",
])
def test_geen_bsn_in_een_antwoord(regio_a, contractmanager_a, tekst):
    _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    with pytest.raises(ValidationError, match="burgerservicenummer"):
        services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord=tekst, door=rijen[0][1])
    ontvanger.refresh_from_db()
    assert ontvanger.status == Verzoekontvanger.Status.OPEN


@pytest.mark.parametrize("tekst", [
    "Mevrouw Jansen wacht sinds maart op een intake.",
    "Het gaat om J. de Vries, geboren 12-03-2011.",
])
def test_geen_naam_of_geboortedatum_in_een_antwoord(regio_a, contractmanager_a, tekst):
    # The same refusal as meldingen and verantwoording (contractbeheer.clientgegevens): not only a BSN.
    _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    with pytest.raises(ValidationError, match="naam of geboortedatum"):
        services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord=tekst, door=rijen[0][1])
    ontvanger.refresh_from_db()
    assert (ontvanger.status, ontvanger.antwoord) == (Verzoekontvanger.Status.OPEN, "")


def test_gewone_getallen_mogen(regio_a, contractmanager_a):
    _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    antwoord = "In 2026 wachtten 12 cliënten gemiddeld 42 dagen; KvK 12345678 en telefoon 035-1234567."
    assert services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord=antwoord, door=rijen[0][1]).antwoord == antwoord


def test_leeg_antwoord_en_dubbel_antwoord_geweigerd(regio_a, contractmanager_a):
    _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    with pytest.raises(ValidationError, match="antwoord"):
        services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord=" ", door=rijen[0][1])
    services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Eerste", door=rijen[0][1])
    with pytest.raises(ValidationError, match="al beantwoord"):
        services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Tweede", door=rijen[0][1])
    ontvanger.refresh_from_db()
    assert ontvanger.antwoord == "Eerste"


# --- judging, extending, closing ------------------------------------------------------------------------


def test_akkoord_rondt_af(regio_a, contractmanager_a):
    _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Ja", door=rijen[0][1])
    ontvanger = services.antwoord_beoordelen(ontvanger=ontvanger, akkoord=True, reactie="", door=contractmanager_a)
    assert ontvanger.status == Verzoekontvanger.Status.AFGEROND
    regel = AuditRegel.objects.get(actie="contractbeheer.antwoord_beoordeeld")
    assert regel.nieuwe_waarden["status"] == "afgerond"
    with pytest.raises(ValidationError):
        services.antwoord_beoordelen(ontvanger=ontvanger, akkoord=False, reactie="Toch niet", door=contractmanager_a)


def test_niet_beoordelen_voor_er_een_antwoord_is(regio_a, contractmanager_a):
    _, ontvanger, _ = _ontvanger(regio_a, contractmanager_a)
    with pytest.raises(ValidationError, match="gegeven antwoord"):
        services.antwoord_beoordelen(ontvanger=ontvanger, akkoord=True, door=contractmanager_a)


def test_aanvulling_met_nieuwe_termijn_mail_en_tweede_antwoord(regio_a, contractmanager_a,
                                                              django_capture_on_commit_callbacks):
    with time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=TZ)):
        _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    lid = rijen[0][1]
    with time_machine.travel(datetime(2027, 1, 5, 9, 0, tzinfo=TZ)):
        services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Kort", door=lid)
        with pytest.raises(ValidationError, match="ontbreekt"):
            services.antwoord_beoordelen(ontvanger=ontvanger, akkoord=False, reactie=" ", door=contractmanager_a)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            ontvanger = services.antwoord_beoordelen(ontvanger=ontvanger, akkoord=False,
                                                     reactie="Graag per product.", door=contractmanager_a)
    assert ontvanger.status == Verzoekontvanger.Status.AANVULLING
    # Tue 5-1-2027 + 10 werkdagen = Tue 19-1-2027.
    assert ontvanger.uiterlijk == date(2027, 1, 19) and ontvanger.reactie == "Graag per product."
    assert [m.subject for m in mail.outbox] == ["Aanvulling gevraagd: Wachttijden 2026"]
    assert "19-01-2027" in mail.outbox[0].body
    with time_machine.travel(datetime(2027, 1, 19, 20, 0, tzinfo=TZ)):
        ontvanger = services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Per product: ...", door=lid)
    assert ontvanger.status == Verzoekontvanger.Status.BEANTWOORD and not ontvanger.te_laat
    tweede = AuditRegel.objects.filter(actie="contractbeheer.verzoek_beantwoord").order_by("pk").last()
    assert tweede.oude_waarden["antwoord"] == "Kort" and tweede.oude_waarden["status"] == "aanvulling"


def test_termijn_verlengen(regio_a, contractmanager_a, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=TZ)):
        _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    with pytest.raises(ValidationError, match="reden"):
        services.termijn_verlengen(ontvanger=ontvanger, uiterlijk=date(2027, 1, 20), reden="", door=contractmanager_a)
    with pytest.raises(ValidationError, match="na de huidige termijn"):
        services.termijn_verlengen(ontvanger=ontvanger, uiterlijk=date(2027, 1, 6), reden="afgesproken",
                                   door=contractmanager_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ontvanger = services.termijn_verlengen(ontvanger=ontvanger, uiterlijk=date(2027, 1, 20),
                                               reden="Telefonisch afgesproken", door=contractmanager_a)
    assert ontvanger.uiterlijk == date(2027, 1, 20)
    regel = AuditRegel.objects.get(actie="contractbeheer.verzoek_termijn_verlengd")
    assert regel.oude_waarden == {"uiterlijk": "2027-01-06"} and regel.toelichting == "Telefonisch afgesproken"
    assert [m.subject for m in mail.outbox] == ["Termijn verlengd: Wachttijden 2026"]
    # An answer on 7 January is now on time.
    with time_machine.travel(datetime(2027, 1, 7, 10, 0, tzinfo=TZ)):
        assert not services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Ja", door=rijen[0][1]).te_laat
    with pytest.raises(ValidationError, match="openstaande"):
        services.termijn_verlengen(ontvanger=ontvanger, uiterlijk=date(2027, 2, 1), reden="x", door=contractmanager_a)


def test_termijn_verlengen_alleen_in_eigen_regio(regio_a, contractmanager_a, contractmanager_b):
    _, ontvanger, _ = _ontvanger(regio_a, contractmanager_a)
    with pytest.raises(PermissionDenied):
        services.termijn_verlengen(ontvanger=ontvanger, uiterlijk=date(2030, 1, 1), reden="x", door=contractmanager_b)


def test_sluiten_laat_openstaande_vervallen(regio_a, contractmanager_a):
    verzoek, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a, aantal=3)
    services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Ja", door=rijen[0][1])
    tweede = verzoek.ontvangers.get(overeenkomst=rijen[1][0])
    services.verzoek_beantwoorden(ontvanger=tweede, antwoord="Kort", door=rijen[1][1])
    services.antwoord_beoordelen(ontvanger=tweede, akkoord=False, reactie="Meer", door=contractmanager_a)
    verzoek = services.verzoek_sluiten(verzoek=verzoek, door=contractmanager_a)
    assert verzoek.status == Informatieverzoek.Status.GESLOTEN
    statussen = dict(verzoek.ontvangers.values_list("overeenkomst_id", "status"))
    assert statussen == {rijen[0][0].pk: "beantwoord", rijen[1][0].pk: "vervallen", rijen[2][0].pk: "vervallen"}
    regel = AuditRegel.objects.get(actie="contractbeheer.verzoek_gesloten")
    assert regel.nieuwe_waarden["vervallen"] == 2
    # A given answer can still be judged; answering or asking more cannot.
    services.antwoord_beoordelen(ontvanger=ontvanger, akkoord=True, door=contractmanager_a)
    derde = verzoek.ontvangers.get(overeenkomst=rijen[2][0])
    with pytest.raises(ValidationError, match="gesloten"):
        services.verzoek_beantwoorden(ontvanger=derde, antwoord="Laat", door=rijen[2][1])
    with pytest.raises(ValidationError):
        services.verzoek_sluiten(verzoek=verzoek, door=contractmanager_a)


def test_concept_kan_niet_gesloten_worden(regio_a, contractmanager_a):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=0)
    verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a,
                                         perceel=bhl)
    with pytest.raises(ValidationError, match="verzonden verzoek"):
        services.verzoek_sluiten(verzoek=verzoek, door=contractmanager_a)


def test_aanvulling_na_sluiten_geweigerd(regio_a, contractmanager_a):
    verzoek, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Ja", door=rijen[0][1])
    services.verzoek_sluiten(verzoek=verzoek, door=contractmanager_a)
    with pytest.raises(ValidationError, match="gesloten"):
        services.antwoord_beoordelen(ontvanger=ontvanger, akkoord=False, reactie="Meer", door=contractmanager_a)


def test_aanvullingsmail_niet_als_de_status_intussen_veranderde(regio_a, contractmanager_a):
    from contractbeheer.tasks.verzoeken import aanvulling_versturen, termijn_versturen

    _, ontvanger, _ = _ontvanger(regio_a, contractmanager_a)
    assert aanvulling_versturen(ontvanger.pk, 1) is False
    assert aanvulling_versturen(0, 1) is False
    assert termijn_versturen(0, 1) is False


def test_beoordelen_door_beoordelaar_geweigerd(regio_a, contractmanager_a, beoordelaar_a):
    _, ontvanger, rijen = _ontvanger(regio_a, contractmanager_a)
    services.verzoek_beantwoorden(ontvanger=ontvanger, antwoord="Ja", door=rijen[0][1])
    with pytest.raises(PermissionDenied):
        services.antwoord_beoordelen(ontvanger=ontvanger, akkoord=True, door=beoordelaar_a)


# --- edges of "running today" and the table's own guard -------------------------------------------------


@time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=TZ))
def test_de_randen_van_vandaag_tellen_mee(regio_a, contractmanager_a):
    """An agreement or deelname that starts today or ends today runs today; one that ended yesterday or starts
    tomorrow does not."""
    ab, bhl, _, _ = v.wereld(regio_a, aantal=0)
    begint, _ = f.overeenkomst(ab, bhl, naam="Begint vandaag", start=MAANDAG)
    eindigt, _ = f.overeenkomst(ab, bhl, naam="Eindigt vandaag", einde=MAANDAG)
    Deelname.objects.filter(overeenkomst=eindigt).update(einddatum=MAANDAG)
    gisteren, _ = f.overeenkomst(ab, bhl, naam="Deelname eindigde gisteren")
    Deelname.objects.filter(overeenkomst=gisteren).update(einddatum=date(2026, 12, 20))
    morgen, _ = f.overeenkomst(ab, naam="Deelname begint morgen")
    DeelnameFactory(overeenkomst=morgen, perceel=bhl, startdatum=date(2026, 12, 22))
    verzoek = v.verzonden(ab, contractmanager_a, perceel=bhl)
    assert set(verzoek.ontvangers.values_list("overeenkomst_id", flat=True)) == {begint.pk, eindigt.pk}
    assert set(services.ontvangende_overeenkomsten(verzoek, date(2026, 12, 22)).values_list("pk", flat=True)) == {
        begint.pk, morgen.pk}


def test_de_tabel_weigert_perceel_en_overeenkomst_samen(regio_a):
    from django.db import IntegrityError, transaction

    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    for velden in ({"perceel": bhl, "overeenkomst": rijen[0][0]}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Informatieverzoek.objects.create(aanbesteding=ab, onderwerp="X", vraag="Y", **velden)


def test_verzoek_en_ontvanger_als_tekst(regio_a, contractmanager_a):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    verzoek = v.verzonden(ab, contractmanager_a, overeenkomst=rijen[0][0], onderwerp="Capaciteit 2027")
    assert str(verzoek) == "Capaciteit 2027"
    assert str(verzoek.ontvangers.get()) == "Capaciteit 2027 – Aanbieder 1"
