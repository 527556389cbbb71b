"""The daily task of contract management (contractbeheer.tasks.herinneringen.dagelijks) with real dates.

The Gooi rules (003 §13, §2.5.7) make the verantwoording over 2025 due "vóór 1 april 2026": the last day on time
is Tuesday 31-03-2026; the jaardocument (003 Eis 53) "vóór 1 juli": 30-06-2026. Reminders go 30 and 7 days
before (Beheerregels.herinnering_dagen "30,7"), on 01-03 and 24-03-2026.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core import mail

from contractbeheer.models import Beheerregels, Verantwoording
from contractbeheer.tasks import herinneringen as taken
from contractbeheer.tasks.herinneringen import dagelijks
from core.kalender import TZ
from core.models import VerstuurdeMail
from organisaties.models import Bericht, Rol
from tests.factories import LidmaatschapFactory

from . import factories as f

pytestmark = pytest.mark.django_db

SITE = "https://portaal.regio.example"
HERINNERING_31_03 = "Herinnering: verantwoording uiterlijk 31-03-2026"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def op(dag: date, uur: int = 6, minuut: int = 41):
    """Travel to the beat's moment on ``dag`` (Amsterdam time), frozen."""
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, uur, minuut, tzinfo=TZ), tick=False)


def draai(dag: date) -> dict:
    with op(dag):
        return dagelijks()


def onderwerpen(prefix: str = "") -> list[str]:
    return [m.subject for m in mail.outbox if m.subject.startswith(prefix)]


@pytest.fixture
def gooi(regio_a):
    """A Gooi procedure in region A with one running agreement (beheerder and medewerker of the provider)."""
    ab, bhl, _ = f.gooi(regio_a)
    ovk, lid = f.overeenkomst(ab, bhl, naam="Zorgkracht Gooi")
    medewerker = LidmaatschapFactory(organisatie=ovk.organisatie, rol=Rol.MEDEWERKER).user
    draai(date(2026, 1, 2))  # the first run of the year creates the 2025 duties, before any deadline
    mail.outbox.clear()
    return ovk, lid, medewerker


def _plichten(ovk, *soorten):
    qs = Verantwoording.objects.filter(overeenkomst=ovk, jaar=2025)
    return qs.filter(eis__soort__in=soorten) if soorten else qs


def _zet(qs, *stappen):
    for stap in stappen:
        Verantwoording.OVERGANGEN.bijwerken(qs, stap)


# --- (a) the duties of last year ------------------------------------------------------------------------------


def test_maakt_de_plichten_van_vorig_jaar_en_niet_van_dit_jaar(regio_a):
    ab, bhl, _ = f.gooi(regio_a)
    ovk, _ = f.overeenkomst(ab, bhl, naam="Zorgkracht Gooi")
    uitslag = draai(date(2026, 1, 5))
    assert uitslag["aangemaakt"] == 3
    assert set(Verantwoording.objects.filter(overeenkomst=ovk).values_list("jaar", flat=True)) == {2025}
    assert draai(date(2026, 1, 6))["aangemaakt"] == 0
    assert Verantwoording.objects.filter(overeenkomst=ovk).count() == 3


def test_eerste_run_na_de_termijn_maakt_geen_plicht_die_meteen_te_laat_is(regio_a):
    """Going live on 02-04-2026: the 2025 verantwoording and prestatieverklaring (due 31-03) are not created, the
    jaardocument (due 30-06) is; so no provider gets a late notice for a duty the portal never announced."""
    ab, bhl, _ = f.gooi(regio_a)
    ovk, _ = f.overeenkomst(ab, bhl, naam="Zorgkracht Gooi")
    assert draai(date(2026, 4, 2))["aangemaakt"] == 1
    assert list(Verantwoording.objects.filter(overeenkomst=ovk).values_list("eis__soort", flat=True)) == ["jaardocument"]
    assert onderwerpen("Te laat") == []


# --- (b) reminders before the deadline -------------------------------------------------------------------------


def test_herinneringen_30_en_7_dagen_voor_31_maart_elk_eenmaal(gooi):
    ovk, lid, medewerker = gooi
    draai(date(2026, 2, 28))  # 31 days before: nothing yet
    assert onderwerpen(HERINNERING_31_03) == []
    draai(date(2026, 3, 1))  # 30 days before
    assert len(onderwerpen(HERINNERING_31_03)) == 1
    bericht = mail.outbox[-1]
    # One mail for both parts due that day, to every member of the provider (and its contact address).
    assert set(bericht.to) == {lid.email, medewerker.email, ovk.organisatie.contact_email}
    assert "Verantwoording volgens het controleprotocol 2025" in bericht.body
    assert "Prestatieverklaring 2025" in bericht.body
    assert "Jaardocument" not in bericht.body  # due 30-06: not yet
    assert "Over 30 dagen, op 31-03-2026" in bericht.body
    assert "Open House portaal" in bericht.body
    for v in _plichten(ovk, "financieel", "prestatieverklaring"):
        assert f"{SITE}/mijn/verplichtingen/verantwoording/{v.pk}/" in bericht.body
    assert f"{SITE}/mijn/verplichtingen/" in bericht.body
    # ADR 0028: the reminder is also in the provider's inbox, and the mail says where.
    (inbox,) = Bericht.objects.filter(organisatie=ovk.organisatie)
    assert (inbox.soort, inbox.onderwerp, inbox.pad, inbox.regio_id) == (
        "Herinnering", bericht.subject, "/mijn/verplichtingen/", ovk.aanbesteding.regio_id)
    assert bericht.body.rstrip().endswith(f"onder Berichten: {SITE}/mijn/berichten/{inbox.pk}/")
    for dag in (date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 23)):
        draai(dag)
    assert len(onderwerpen(HERINNERING_31_03)) == 1
    draai(date(2026, 3, 24))  # 7 days before
    assert len(onderwerpen(HERINNERING_31_03)) == 2
    assert "Over 7 dagen, op 31-03-2026" in mail.outbox[-1].body
    for dag in (date(2026, 3, 24), date(2026, 3, 25), date(2026, 3, 31)):
        draai(dag)
    assert len(onderwerpen(HERINNERING_31_03)) == 2
    assert Bericht.objects.filter(organisatie=ovk.organisatie, soort="Herinnering").count() == 2


def test_gemiste_run_op_24_maart_stuurt_de_7_dagenherinnering_op_25_maart(gooi):
    draai(date(2026, 3, 1))
    draai(date(2026, 3, 23))
    assert len(onderwerpen(HERINNERING_31_03)) == 1
    # no run on 24-03 (beat down)
    assert draai(date(2026, 3, 25))["verantwoording_herinnerd"] == 1
    assert len(onderwerpen(HERINNERING_31_03)) == 2
    assert "Over 6 dagen, op 31-03-2026" in mail.outbox[-1].body
    assert VerstuurdeMail.objects.filter(sleutel__contains=":7:2026-03-31").count() == 1
    draai(date(2026, 3, 26))
    assert len(onderwerpen(HERINNERING_31_03)) == 2


def test_gemiste_30_dagenherinnering_gaat_alsnog_maar_niet_na_de_7_dagengrens(gooi):
    draai(date(2026, 3, 10))  # first run ever: 21 days before, the 30-day reminder is caught up
    assert len(onderwerpen(HERINNERING_31_03)) == 1
    assert VerstuurdeMail.objects.filter(sleutel__contains=":30:2026-03-31").count() == 1
    draai(date(2026, 3, 24))
    assert len(onderwerpen(HERINNERING_31_03)) == 2


def test_eerste_run_binnen_7_dagen_stuurt_alleen_de_laatste_herinnering(gooi):
    draai(date(2026, 3, 30))
    assert len(onderwerpen(HERINNERING_31_03)) == 1
    assert "Morgen, op 31-03-2026" in mail.outbox[-1].body
    assert not VerstuurdeMail.objects.filter(sleutel__contains=":30:2026-03-31").exists()
    draai(date(2026, 3, 31))
    assert len(onderwerpen(HERINNERING_31_03)) == 1


def test_op_de_laatste_dag_zelf_heet_het_vandaag(gooi):
    draai(date(2026, 3, 31))
    assert "Vandaag, op 31-03-2026" in mail.outbox[-1].body


def test_niets_na_goedkeuring(gooi):
    ovk, _, _ = gooi
    draai(date(2026, 3, 1))
    _zet(_plichten(ovk, "financieel", "prestatieverklaring"), Verantwoording.Status.INGEDIEND,
         Verantwoording.Status.GOEDGEKEURD)
    aantal = len(mail.outbox)
    for dag in (date(2026, 3, 24), date(2026, 4, 1), date(2026, 4, 8)):
        draai(dag)
    assert len(mail.outbox) == aantal


def test_niets_terwijl_de_inzending_op_beoordeling_wacht(gooi):
    ovk, _, _ = gooi
    draai(date(2026, 3, 1))
    _zet(_plichten(ovk, "financieel", "prestatieverklaring"), Verantwoording.Status.INGEDIEND)
    aantal = len(mail.outbox)
    draai(date(2026, 3, 24))
    draai(date(2026, 4, 1))
    assert len(mail.outbox) == aantal


def test_afgewezen_wordt_weer_herinnerd(gooi):
    ovk, _, _ = gooi
    draai(date(2026, 3, 1))
    _zet(_plichten(ovk, "financieel"), Verantwoording.Status.INGEDIEND, Verantwoording.Status.AFGEWEZEN)
    _zet(_plichten(ovk, "prestatieverklaring"), Verantwoording.Status.INGEDIEND)
    draai(date(2026, 3, 24))
    bericht = mail.outbox[-1]
    assert bericht.subject.startswith(HERINNERING_31_03)
    assert "Verantwoording volgens het controleprotocol 2025 (afgewezen, opnieuw indienen)" in bericht.body
    assert "Prestatieverklaring" not in bericht.body


def test_herstel_telt_vanaf_de_hersteltermijn(gooi):
    ovk, _, _ = gooi
    draai(date(2026, 3, 1))
    plicht = _plichten(ovk, "financieel")
    _zet(plicht, Verantwoording.Status.INGEDIEND, Verantwoording.Status.HERSTEL)
    # Herstel asked on 31-03 with a deadline 21-04: the 30-day reminder day (22-03) lies before the request.
    plicht.update(herstel_uiterlijk=date(2026, 4, 21), status_sinds=datetime(2026, 3, 31, 15, tzinfo=TZ))
    _zet(_plichten(ovk, "prestatieverklaring"), Verantwoording.Status.INGEDIEND, Verantwoording.Status.GOEDGEKEURD)
    aantal = len(mail.outbox)
    draai(date(2026, 4, 1))  # the yearly deadline has passed, but the repair deadline counts: not late
    assert len(mail.outbox) == aantal
    assert not VerstuurdeMail.objects.filter(sleutel__contains=":30:2026-04-21").exists()
    draai(date(2026, 4, 14))
    assert onderwerpen("Herinnering: verantwoording uiterlijk 21-04-2026")
    assert "(herstel gevraagd)" in mail.outbox[-1].body
    draai(date(2026, 4, 22))
    assert onderwerpen("Te laat: verantwoording")


@pytest.mark.parametrize(("gevraagd", "verwacht"), [
    (datetime(2026, 3, 15, 10, tzinfo=TZ), 1),  # asked before the 30-day reminder day (22-03): it goes
    (datetime(2026, 3, 23, 10, tzinfo=TZ), 0),  # asked after it: never applied, not caught up
    (None, 1),  # moment unknown: caught up like a yearly deadline
])
def test_herstel_herinnering_alleen_als_de_termijn_al_gold(gooi, gevraagd, verwacht):
    ovk, _, _ = gooi
    draai(date(2026, 1, 5))
    plicht = _plichten(ovk, "financieel")
    _zet(plicht, Verantwoording.Status.INGEDIEND, Verantwoording.Status.HERSTEL)
    plicht.update(herstel_uiterlijk=date(2026, 4, 21), status_sinds=gevraagd)
    _zet(_plichten(ovk, "prestatieverklaring"), Verantwoording.Status.INGEDIEND)
    draai(date(2026, 3, 23))
    assert len(onderwerpen("Herinnering: verantwoording uiterlijk 21-04-2026")) == verwacht


def test_eigen_herinneringsdagen_van_de_procedure(gooi):
    ovk, _, _ = gooi
    Beheerregels.objects.filter(aanbesteding=ovk.aanbesteding).update(herinnering_dagen="14, 1, x")
    draai(date(2026, 3, 1))
    draai(date(2026, 3, 16))
    assert onderwerpen(HERINNERING_31_03) == []
    draai(date(2026, 3, 17))  # 14 days before
    draai(date(2026, 3, 24))
    assert len(onderwerpen(HERINNERING_31_03)) == 1
    draai(date(2026, 3, 30))  # 1 day before
    assert len(onderwerpen(HERINNERING_31_03)) == 2
    assert VerstuurdeMail.objects.filter(sleutel__contains=":14:2026-03-31").count() == 1
    assert VerstuurdeMail.objects.filter(sleutel__contains=":1:2026-03-31").count() == 1


def test_procedure_zonder_beheerregels_gebruikt_30_en_7(gooi):
    ovk, _, _ = gooi
    draai(date(2026, 1, 5))
    Beheerregels.objects.filter(aanbesteding=ovk.aanbesteding).delete()
    assert taken.STANDAARD_DAGEN == [30, 7]
    draai(date(2026, 3, 1))
    draai(date(2026, 3, 24))
    assert len(onderwerpen(HERINNERING_31_03)) == 2


def test_twee_keer_draaien_stuurt_niets_nieuws(gooi, regio_a, contractmanager_a):
    ovk, _, _ = gooi
    _verzoek(ovk, date(2026, 4, 2))
    _onderzoek(ovk, gemeld=date(2026, 3, 10))
    eerste = draai(date(2026, 4, 1))
    aantal = len(mail.outbox)
    assert aantal == sum(v for k, v in eerste.items() if k != "aangemaakt") > 3
    tweede = draai(date(2026, 4, 1))
    assert len(mail.outbox) == aantal
    assert all(v == 0 for v in tweede.values())


def test_andere_aanbieder_krijgt_andermans_herinnering_niet(gooi):
    ovk, lid, _ = gooi
    ander, ander_lid = f.overeenkomst(ovk.aanbesteding, naam="Jeugdpunt")
    draai(date(2026, 3, 1))
    berichten = [m for m in mail.outbox if m.subject.startswith(HERINNERING_31_03)]
    assert len(berichten) == 2
    for m in berichten:
        assert not ({lid.email, ander_lid.email} <= set(m.to))
        eigen = ovk if lid.email in m.to else ander
        assert all(f"/verantwoording/{v.pk}/" in m.body for v in _plichten(eigen, "financieel"))
        vreemd = ander if eigen is ovk else ovk
        assert not any(f"/verantwoording/{v.pk}/" in m.body for v in _plichten(vreemd))


def test_mlo_per_gemeente_in_een_mail_per_termijn(regio_a):
    ab, perceel, gemeenten = f.mlo(regio_a)
    ovk, lid = f.overeenkomst(ab, perceel)
    draai(date(2026, 1, 29))  # 30 days before 28-02-2026 (productverantwoording, "vóór 1 maart")
    [bericht] = onderwerpen("Herinnering: verantwoording uiterlijk 28-02-2026")
    tekst = mail.outbox[-1].body
    assert all(f"Productverantwoording 2025 – {g.naam}" in tekst for g in gemeenten)
    assert "controleverklaring" not in tekst.lower()


# --- (c) late -----------------------------------------------------------------------------------------------------


def test_te_laat_op_1_april_en_weer_de_volgende_isoweek_maar_niet_twee_keer_per_week(gooi):
    ovk, lid, _ = gooi
    draai(date(2026, 3, 24))
    draai(date(2026, 4, 1))  # Wednesday, ISO week 14
    te_laat = [m for m in mail.outbox if m.subject.startswith("Te laat: verantwoording")]
    assert len(te_laat) == 1
    assert lid.email in te_laat[0].to
    assert "uiterlijk 31-03-2026" in te_laat[0].body
    assert "elke week" in te_laat[0].body
    for dag in (date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 5)):  # Thursday to Sunday: still week 14
        draai(dag)
    assert len(onderwerpen("Te laat: verantwoording")) == 1
    draai(date(2026, 4, 6))  # Monday, ISO week 15
    assert len(onderwerpen("Te laat: verantwoording")) == 2
    draai(date(2026, 4, 7))
    assert len(onderwerpen("Te laat: verantwoording")) == 2
    assert VerstuurdeMail.objects.filter(sleutel=f"verantwoording-te-laat:{ovk.pk}:2026-W15").exists()


def test_te_laat_stopt_na_indienen(gooi):
    ovk, _, _ = gooi
    draai(date(2026, 4, 1))
    _zet(_plichten(ovk, "financieel", "prestatieverklaring"), Verantwoording.Status.INGEDIEND)
    draai(date(2026, 4, 6))
    assert len(onderwerpen("Te laat: verantwoording")) == 1


def test_isoweek_over_de_jaargrens(gooi):
    ovk, _, _ = gooi
    draai(date(2026, 12, 31))  # Thursday of ISO week 2026-W53
    draai(date(2027, 1, 3))  # Sunday: still 2026-W53
    assert len(onderwerpen("Te laat: verantwoording")) == 1
    draai(date(2027, 1, 4))  # 2027-W01
    assert len(onderwerpen("Te laat: verantwoording")) == 2


@pytest.fixture
def twee_regios(regio_a, regio_b, contractmanager_a, contractmanager_b, contractmanager):
    """Gooi in region A and in region B, one agreement each; a contract manager per region and one for all."""
    a, bhl_a, _ = f.gooi(regio_a)
    b, bhl_b, _ = f.gooi(regio_b)
    ovk_a, _ = f.overeenkomst(a, bhl_a, naam="Aanbieder in Gooi")
    ovk_b, _ = f.overeenkomst(b, bhl_b, naam="Aanbieder in Limburg")
    draai(date(2026, 1, 2))  # the first run of the year creates the 2025 duties, before any deadline
    mail.outbox.clear()
    return ovk_a, ovk_b


def test_overzicht_per_regio_alleen_aan_de_contractmanagers_van_die_regio(
        twee_regios, contractmanager_a, contractmanager_b, contractmanager, inkoper_a, regio_a, regio_b):
    ovk_a, ovk_b = twee_regios
    draai(date(2026, 4, 1))
    overzichten = {m.subject: m for m in mail.outbox if m.subject.startswith("Contractbeheer ")}
    assert set(overzichten) == {f"Contractbeheer {regio_a}: 2 te laat per 01-04-2026",
                                f"Contractbeheer {regio_b}: 2 te laat per 01-04-2026"}
    van_a = overzichten[f"Contractbeheer {regio_a}: 2 te laat per 01-04-2026"]
    van_b = overzichten[f"Contractbeheer {regio_b}: 2 te laat per 01-04-2026"]
    assert set(van_a.to) == {contractmanager_a.email, contractmanager.email}
    assert set(van_b.to) == {contractmanager_b.email, contractmanager.email}
    assert inkoper_a.email not in van_a.to
    assert "Aanbieder in Gooi" in van_a.body and "Aanbieder in Limburg" not in van_a.body
    assert "Aanbieder in Limburg" in van_b.body and "Aanbieder in Gooi" not in van_b.body
    for v in _plichten(ovk_a, "financieel", "prestatieverklaring"):
        assert f"{SITE}/admin/contractbeheer/verantwoordingen/{v.pk}/" in van_a.body
    assert f"{SITE}/admin/contractbeheer/" in van_a.body


def test_overzicht_eenmaal_per_dag_en_alleen_wat_nieuw_te_laat_is(twee_regios, regio_a):
    ovk_a, _ = twee_regios
    draai(date(2026, 4, 1))
    draai(date(2026, 4, 1))
    draai(date(2026, 4, 2))  # nothing became late since yesterday's digest
    assert len(onderwerpen(f"Contractbeheer {regio_a}")) == 1
    draai(date(2026, 7, 1))  # the jaardocument (30-06) became late
    [_, laatste] = [m for m in mail.outbox if m.subject.startswith(f"Contractbeheer {regio_a}")]
    assert laatste.subject == f"Contractbeheer {regio_a}: 1 te laat per 01-07-2026"
    assert "Jaardocument Jeugd 2025" in laatste.body
    assert "controleprotocol" not in laatste.body


def test_overzicht_haalt_een_gemiste_dag_in(twee_regios, regio_a):
    draai(date(2026, 3, 30))
    draai(date(2026, 4, 3))  # the runs of 31-03 to 02-04 were missed
    [overzicht] = [m for m in mail.outbox if m.subject.startswith(f"Contractbeheer {regio_a}")]
    assert "2 te laat" in overzicht.subject


def test_eerste_overzicht_kijkt_beperkt_terug(twee_regios, regio_a):
    draai(date(2026, 4, 20))  # became late 20 days ago, before the first digest's window of 14 days
    assert onderwerpen(f"Contractbeheer {regio_a}") == []
    assert onderwerpen("Te laat: verantwoording")  # the provider is still told


# --- (d) informatieverzoeken -------------------------------------------------------------------------------------


def _verzoek(ovk, uiterlijk, *, status="verzonden", onderwerp="Wachttijden per product"):
    from contractbeheer.models import Informatieverzoek, Verzoekontvanger

    verzoek = Informatieverzoek.objects.create(aanbesteding=ovk.aanbesteding, overeenkomst=ovk, onderwerp=onderwerp,
                                               vraag="Wat zijn uw wachttijden?", status=status,
                                               verzonden_op=datetime(2026, 1, 1, 9, tzinfo=TZ), uiterlijk=uiterlijk)
    return Verzoekontvanger.objects.create(verzoek=verzoek, overeenkomst=ovk, uiterlijk=uiterlijk)


def test_verzoek_twee_werkdagen_voor_de_termijn_over_kerst(gooi):
    """Deadline Tuesday 29-12-2026: the 2nd werkdag before it is Thursday 24-12 (25 and 26 December are
    feestdagen, 27 December a Sunday)."""
    ovk, lid, _ = gooi
    ontvanger = _verzoek(ovk, date(2026, 12, 29))
    draai(date(2026, 12, 23))
    assert onderwerpen("Herinnering informatieverzoek") == []
    assert draai(date(2026, 12, 24))["verzoek_herinnerd"] == 1
    [bericht] = [m for m in mail.outbox if m.subject.startswith("Herinnering informatieverzoek")]
    assert lid.email in bericht.to
    assert "op 29-12-2026" in bericht.body and "002 UOK 5.1" in bericht.body
    assert f"{SITE}/mijn/verplichtingen/informatieverzoeken/{ontvanger.pk}/" in bericht.body
    for dag in (date(2026, 12, 24), date(2026, 12, 28), date(2026, 12, 29)):
        draai(dag)
    assert len(onderwerpen("Herinnering informatieverzoek")) == 1
    assert onderwerpen("Te laat: informatieverzoek") == []
    draai(date(2026, 12, 30))
    draai(date(2026, 12, 31))
    assert onderwerpen("Te laat: informatieverzoek") == ["Te laat: informatieverzoek Wachttijden per product"]


def test_verzoek_over_koningsdag(gooi):
    """Deadline Wednesday 29-04-2026: Monday 27-04 is Koningsdag, so the reminder goes on Friday 24-04."""
    ovk, _, _ = gooi
    _verzoek(ovk, date(2026, 4, 29))
    draai(date(2026, 4, 23))
    assert onderwerpen("Herinnering informatieverzoek") == []
    draai(date(2026, 4, 24))
    assert len(onderwerpen("Herinnering informatieverzoek")) == 1


def test_beantwoord_of_concept_verzoek_krijgt_geen_herinnering(gooi):
    from contractbeheer.models import Verzoekontvanger

    ovk, _, _ = gooi
    beantwoord = _verzoek(ovk, date(2026, 12, 29), onderwerp="Al beantwoord")
    Verzoekontvanger.OVERGANGEN.bijwerken(Verzoekontvanger.objects.filter(pk=beantwoord.pk),
                                          Verzoekontvanger.Status.BEANTWOORD)
    _verzoek(ovk, date(2026, 12, 29), status="concept", onderwerp="Nog niet verzonden")
    draai(date(2026, 12, 28))
    draai(date(2026, 12, 30))
    assert [s for s in onderwerpen() if "informatieverzoek" in s] == []


def test_laat_antwoord_in_het_overzicht_van_de_regio(gooi, contractmanager_a, regio_a):
    ovk, _, _ = gooi
    ontvanger = _verzoek(ovk, date(2026, 5, 12))
    draai(date(2026, 5, 13))
    [overzicht] = [m for m in mail.outbox if m.subject.startswith(f"Contractbeheer {regio_a}")]
    assert overzicht.to == [contractmanager_a.email]
    assert "Antwoorden op informatieverzoeken" in overzicht.body and "Wachttijden per product" in overzicht.body
    assert f"{SITE}/admin/contractbeheer/antwoorden/{ontvanger.pk}/" in overzicht.body


# --- (e) onderzoeken (002 B1 33) --------------------------------------------------------------------------------


def _onderzoek(ovk, *, gemeld, status="signaal_gemeld", door=None, **velden):
    from contractbeheer import regels
    from contractbeheer.models import Onderzoek

    return Onderzoek.objects.create(overeenkomst=ovk, signaal="Signaal over de continuïteit", status=status,
                                    signaal_gemeld_op=gemeld, gestart_door=door,
                                    reactie_uiterlijk=regels.onderzoek_reactie_uiterlijk(gemeld, 14), **velden)


def test_onderzoek_venster_voorbij_eenmaal_aan_de_staf(gooi, contractmanager_a, contractmanager_b, inkoper_a):
    ovk, lid, _ = gooi
    onderzoek = _onderzoek(ovk, gemeld=date(2026, 3, 2), door=inkoper_a)  # window through 16-03
    draai(date(2026, 3, 16))
    assert onderwerpen("Onderzoek ") == []
    assert draai(date(2026, 3, 17))["onderzoeken"] == 1
    [bericht] = [m for m in mail.outbox if m.subject.startswith("Onderzoek ")]
    assert set(bericht.to) == {contractmanager_a.email, inkoper_a.email}
    assert lid.email not in bericht.to
    assert "002 B1 33.3" in bericht.body and "16-03-2026" in bericht.body
    assert "niet gereageerd" in bericht.body
    assert f"{SITE}/admin/contractbeheer/onderzoeken/{onderzoek.pk}/" in bericht.body
    draai(date(2026, 3, 18))
    assert len(onderwerpen("Onderzoek ")) == 1


def test_onderzoek_na_het_resultaat_en_niet_terwijl_het_loopt(gooi, contractmanager_a):
    ovk, _, _ = gooi
    _onderzoek(ovk, gemeld=date(2026, 1, 5), status="onderzoek", onderzoek_gestart_op=date(2026, 1, 20))
    _onderzoek(ovk, gemeld=date(2026, 1, 5), status="resultaat_gemeld", resultaat_gemeld_op=date(2026, 3, 2),
               resultaat_reactie_uiterlijk=date(2026, 3, 16), resultaat_reactie="Wij zijn het oneens.")
    draai(date(2026, 3, 17))
    [bericht] = [m for m in mail.outbox if m.subject.startswith("Onderzoek ")]
    assert "002 B1 33.4" in bericht.body and "heeft gereageerd" in bericht.body


# --- queries ----------------------------------------------------------------------------------------------------

# Reads of one run whatever the number of providers (duties of last year, the rules, the duties due, the
# answers due, the onderzoeken, members, contract managers, the digests and the keys sent), and per mail sent
# the savepoint, insert and release of core.mail.eenmalig_versturen plus, for a provider's mail, its message in
# the inbox (organisaties.services.bericht_versturen: the lookup, savepoint, insert and release; ADR 0028).
BASIS = 20
PER_MAIL = 3 + 4


@pytest.mark.parametrize("aantal", [5, 50])
def test_vaste_aantal_queries_voor_5_en_50_aanbieders(regio_a, contractmanager_a, aantal,
                                                       django_assert_max_num_queries):
    ab, bhl, _ = f.gooi(regio_a)
    for i in range(aantal):
        ovk, _ = f.overeenkomst(ab, bhl, naam=f"Aanbieder {i}")
        _verzoek(ovk, date(2026, 4, 2))  # reminder due (2 werkdagen)
        _onderzoek(ovk, gemeld=date(2026, 3, 17))  # window through 31-03
    with op(date(2026, 3, 30)):
        dagelijks()  # the duties exist, the 7-day reminders went
    mail.outbox.clear()
    mails = 3 * aantal + 1  # late notice, answer reminder and onderzoek notice per provider; one digest
    with op(date(2026, 4, 1)), django_assert_max_num_queries(BASIS + PER_MAIL * mails):
        dagelijks()
    assert len(mail.outbox) == mails
    with op(date(2026, 4, 1)), django_assert_max_num_queries(BASIS):
        assert sum(dagelijks().values()) == 0
    assert len(mail.outbox) == mails


def test_zonder_ontvangers_wordt_niets_vastgelegd_en_later_alsnog_verstuurd(regio_a):
    ab, bhl, _ = f.gooi(regio_a)
    ovk, lid = f.overeenkomst(ab, bhl)
    lid.is_active = False
    lid.save(update_fields=["is_active"])
    ovk.organisatie.contact_email = ""
    ovk.organisatie.save(update_fields=["contact_email"])
    draai(date(2026, 3, 1))
    assert mail.outbox == []
    lid.is_active = True
    lid.save(update_fields=["is_active"])
    draai(date(2026, 3, 2))
    assert onderwerpen(HERINNERING_31_03)
