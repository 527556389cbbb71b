"""Term and extension (003a §3.6) and evidence expiry reminders (6 and 2 weeks before)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from aanbesteding.models import Aanbesteding
from inschrijving.models import Bewijsstuk
from organisaties.models import Bericht
from overeenkomst import services, tasks
from overeenkomst.models import Deelname, Uittreding, Verlengingsronde
from overeenkomst.selectors import verlopende_bewijsstukken
from tests.factories import OrganisatieFactory


@pytest.fixture
def twee_overeenkomsten(gooi, aanbieder, andere_aanbieder):
    ab, bhl, dag = gooi
    a = services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2025, 1, 1))
    b = services.overeenkomst_uit_toelating(organisatie=andere_aanbieder, aanbesteding=ab, percelen=[dag], startdatum=date(2025, 1, 1))
    return ab, a, b


def test_herinnering_aan_staf_voor_1_september(twee_overeenkomsten, contractmanager):
    with time_machine.travel(date(2028, 8, 1)):
        assert tasks.verlengingen() == 0
    with time_machine.travel(date(2028, 8, 2)):  # 30 days before 1 September
        assert tasks.verlengingen() == 1
        assert tasks.verlengingen() == 0
    assert mail.outbox[-1].to == [contractmanager.email]


def test_aankondiging_na_1_september_geweigerd(twee_overeenkomsten, contractmanager):
    ab, _, _ = twee_overeenkomsten
    with time_machine.travel(date(2028, 9, 2)), pytest.raises(ValidationError, match="01-09-2028"):
        services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)


def test_bezwaar_op_1_oktober_te_laat(twee_overeenkomsten, contractmanager):
    ab, a, _ = twee_overeenkomsten
    with time_machine.travel(date(2028, 8, 20)):
        ronde = services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
    assert (ronde.nieuwe_einddatum, ronde.bezwaar_tot) == (date(2030, 12, 31), date(2028, 10, 1))
    with pytest.raises(ValidationError, match="instemming"):
        services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=a, ontvangen_op=date(2028, 10, 1), door=contractmanager)


def test_verwerking_verlengt_en_bezwaarmaker_stopt_op_oude_einddatum(twee_overeenkomsten, contractmanager):
    ab, a, b = twee_overeenkomsten
    with time_machine.travel(date(2028, 8, 20)):
        ronde = services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
    with time_machine.travel(date(2028, 9, 30)):
        services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=a, ontvangen_op=date(2028, 9, 30), door=contractmanager)
    with time_machine.travel(date(2028, 9, 30)):
        tasks.verlengingen()
        assert Verlengingsronde.objects.get().status == Verlengingsronde.Status.AANGEKONDIGD
    with time_machine.travel(date(2028, 10, 3)):  # missed 1 October: catches up
        tasks.verlengingen()
    assert Aanbesteding.objects.get(pk=ab.pk).looptijd_einde == date(2030, 12, 31)
    u = Uittreding.objects.get(overeenkomst=a)
    assert (u.aanleiding, u.vroegste_einddatum) == (Uittreding.Aanleiding.VERLENGING_BEZWAAR, date(2028, 12, 31))
    services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2028, 12, 1), door=contractmanager)
    with time_machine.travel(date(2028, 12, 31)):
        tasks.uittredingen_afronden()
    assert a.deelnames.get().status == Deelname.Status.BEEINDIGD
    assert b.deelnames.get().status == Deelname.Status.ACTIEF


def _bewijs(org, geldig_tot):
    return Bewijsstuk.objects.create(
        organisatie=org, documentsoort="keurmerk", titel="HKZ-certificaat", originele_naam="hkz.pdf", sha256="0" * 64,
        mime_type="application/pdf", grootte=1234, afgiftedatum=date(2023, 6, 1), geldig_tot=geldig_tot, bestand="x/hkz.pdf",
    )


def test_bewijs_herinneringen_6_en_2_weken_voor_verlopen(twee_overeenkomsten, aanbieder):
    _bewijs(aanbieder, date(2026, 6, 30))
    mail.outbox.clear()
    with time_machine.travel(date(2026, 5, 18)):  # 43 days before
        assert tasks.bewijsstukken_herinneren() == 0
    with time_machine.travel(date(2026, 5, 19)):  # 6 weeks before
        assert tasks.bewijsstukken_herinneren() == 1
        assert tasks.bewijsstukken_herinneren() == 0
    with time_machine.travel(date(2026, 6, 16)):  # 2 weeks before
        assert tasks.bewijsstukken_herinneren() == 1
    assert len(mail.outbox) == 2 and "30-06-2026" in mail.outbox[0].subject
    # ADR 0028: both reminders in the organisation's inbox, linked to its wallet (no region: the wallet has none).
    assert list(Bericht.objects.filter(organisatie=aanbieder).values_list("soort", "pad", "regio")) == [
        ("Herinnering", "/mijn/inschrijvingen/bewijsstukken/", None)] * 2


def test_geen_herinnering_zonder_lopende_overeenkomst(db):
    org = OrganisatieFactory()
    _bewijs(org, date(2026, 6, 30))
    with time_machine.travel(date(2026, 6, 16)):
        assert tasks.bewijsstukken_herinneren() == 0


def test_lijst_voor_contractmanager(twee_overeenkomsten, aanbieder, andere_aanbieder):
    binnenkort = _bewijs(aanbieder, date(2026, 6, 30))
    verlopen = _bewijs(andere_aanbieder, date(2026, 5, 1))
    _bewijs(aanbieder, date(2027, 6, 30))
    with time_machine.travel(date(2026, 5, 19)):
        assert list(verlopende_bewijsstukken()) == [verlopen, binnenkort]
        assert date(2026, 5, 19) + timedelta(days=42) == date(2026, 6, 30)


def test_zonder_verlenging_eindigen_deelnames_op_einde_looptijd(twee_overeenkomsten):
    ab, a, b = twee_overeenkomsten
    with time_machine.travel(date(2028, 12, 31)):
        tasks.verlengingen()
        assert a.deelnames.get().status == Deelname.Status.ACTIEF
    with time_machine.travel(date(2029, 1, 2)):
        tasks.verlengingen()
        tasks.verlengingen()  # idempotent
    assert set(Deelname.objects.values_list("status", "einddatum")) == {(Deelname.Status.BEEINDIGD, date(2028, 12, 31))}
    assert Uittreding.objects.filter(aanleiding=Uittreding.Aanleiding.EINDE_LOOPTIJD).count() == 2


def test_aangekondigde_verlenging_voorkomt_einde(twee_overeenkomsten, contractmanager):
    ab, a, _ = twee_overeenkomsten
    with time_machine.travel(date(2028, 8, 20)):
        services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
    with time_machine.travel(date(2029, 1, 2)):
        tasks.verlengingen()
    assert a.deelnames.get().status == Deelname.Status.ACTIEF
    assert Aanbesteding.objects.get(pk=ab.pk).looptijd_einde == date(2030, 12, 31)


def test_aanbieders_krijgen_bericht_over_verlenging(twee_overeenkomsten, contractmanager, django_capture_on_commit_callbacks):
    ab, _, _ = twee_overeenkomsten
    mail.outbox.clear()
    with time_machine.travel(date(2028, 8, 20)), django_capture_on_commit_callbacks(execute=True):
        services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
    assert len(mail.outbox) == 2 and "vóór 01-10-2028" in mail.outbox[0].body
