"""Rules loaded from the sources and the yearly duties created from them (contractbeheer.services)."""

from datetime import date

import pytest

from bronnen import contractbeheer as bron
from contractbeheer import services
from contractbeheer.models import Beheerregels, Meldingsoort, Verantwoording, Verantwoordingseis
from core.models import AuditRegel

from . import factories as f

pytestmark = pytest.mark.django_db


def test_regels_laden_mlo_uit_de_bron():
    ab, _, _ = f.mlo()
    regels = Beheerregels.objects.get(aanbesteding=ab)
    assert str(regels.drempel_controleverklaring) == "50000.00"
    assert regels.informatieverzoek_werkdagen == 10
    eisen = {e.soort: e for e in Verantwoordingseis.objects.filter(aanbesteding=ab)}
    assert set(eisen) == {"productverantwoording", "financieel", "klachten_innovatie"}
    assert (eisen["productverantwoording"].voor_dag, eisen["productverantwoording"].voor_maand) == (1, 3)
    assert eisen["financieel"].per_gemeente and eisen["productverantwoording"].per_product
    soorten = {s.code: (s.termijn_aantal, s.termijn_eenheid) for s in Meldingsoort.objects.filter(aanbesteding=ab)}
    assert soorten["calamiteit"] == (2, "werkdagen")
    assert soorten["informatiebeveiliging"] == (24, "uren")
    assert AuditRegel.objects.filter(actie="contractbeheer.regels_geladen").count() == 1


def test_regels_laden_is_idempotent():
    ab, _, _ = f.mlo()
    services.regels_laden(aanbesteding=ab, bron=bron.MLO)
    assert Verantwoordingseis.objects.filter(aanbesteding=ab).count() == len(bron.MLO["verantwoording"])
    assert Meldingsoort.objects.filter(aanbesteding=ab).count() == len(bron.MLO["meldingen"])
    assert AuditRegel.objects.filter(actie="contractbeheer.regels_bijgewerkt").count() == 1


def test_regels_laden_door_contractmanager_van_een_andere_regio_geweigerd(contractmanager_b):
    from django.core.exceptions import PermissionDenied

    ab, _, _ = f.mlo()
    with pytest.raises(PermissionDenied):
        services.regels_laden(aanbesteding=ab, bron=bron.MLO, door=contractmanager_b)


def test_gooi_zonder_drempel():
    ab, _, _ = f.gooi()
    assert Beheerregels.objects.get(aanbesteding=ab).drempel_controleverklaring is None
    assert services.beheerregels_van(ab).pk == Beheerregels.objects.get(aanbesteding=ab).pk


def test_beheerregels_van_maakt_standaardregels():
    from tests.overeenkomst.factories import AanbestedingFactory

    ab = AanbestedingFactory()
    regels = services.beheerregels_van(ab)
    assert (regels.informatieverzoek_werkdagen, regels.onderzoek_reactie_kalenderdagen) == (10, 14)


def test_verantwoordingen_per_gemeente_en_per_overeenkomst():
    ab, perceel, gemeenten = f.mlo()
    ov, _ = f.overeenkomst(ab, perceel, start=date(2024, 6, 1))
    aantal = services.verantwoordingen_aanmaken(2025)
    # Twee delen per gemeente (product, financieel) × 2 gemeenten + klachten en innovatie.
    assert aantal == 5
    rijen = Verantwoording.objects.filter(overeenkomst=ov, jaar=2025)
    pv = rijen.filter(eis__soort="productverantwoording")
    assert {r.gemeente_id for r in pv} == {g.pk for g in gemeenten}
    assert {r.uiterlijk for r in pv} == {date(2026, 2, 28)}
    assert rijen.get(eis__soort="klachten_innovatie").gemeente is None
    assert {r.uiterlijk for r in rijen.filter(eis__soort="financieel")} == {date(2026, 3, 31)}
    assert all(r.status == Verantwoording.Status.OPEN for r in rijen)
    # Again: nothing new.
    assert services.verantwoordingen_aanmaken(2025) == 0
    assert Verantwoording.objects.filter(jaar=2025).count() == 5


def test_alleen_overeenkomsten_die_in_het_jaar_liepen():
    ab, perceel, _ = f.mlo()
    f.overeenkomst(ab, perceel, naam="Later gestart", start=date(2026, 1, 1))
    f.overeenkomst(ab, perceel, naam="Eerder geeindigd", start=date(2022, 1, 1), einde=date(2024, 12, 31))
    loopt, _ = f.overeenkomst(ab, perceel, naam="Eindigde in het jaar", start=date(2022, 1, 1),
                              einde=date(2025, 1, 1))
    services.verantwoordingen_aanmaken(2025)
    assert set(Verantwoording.objects.values_list("overeenkomst_id", flat=True)) == {loopt.pk}


def test_aanmaken_in_vaste_aantal_queries(django_assert_max_num_queries):
    ab, perceel, _ = f.mlo()
    for i in range(12):
        f.overeenkomst(ab, perceel, naam=f"Aanbieder {i}")
    with django_assert_max_num_queries(10):
        assert services.verantwoordingen_aanmaken(2025) == 12 * 5
    assert AuditRegel.objects.filter(actie="contractbeheer.verantwoordingen_aangemaakt").count() == 1


def test_gooi_een_verantwoording_per_jaar_zonder_gemeente():
    ab, bhl, _ = f.gooi()
    ov, _ = f.overeenkomst(ab, bhl)
    services.verantwoordingen_aanmaken(2025)
    rijen = Verantwoording.objects.filter(overeenkomst=ov)
    assert {(r.eis.soort, r.uiterlijk) for r in rijen} == {
        ("financieel", date(2026, 3, 31)), ("prestatieverklaring", date(2026, 3, 31)),
        ("jaardocument", date(2026, 6, 30)),
    }


def test_geen_plichten_die_al_verlopen_zijn_bij_de_eerste_run():
    """Going live in December 2026: the 2025 parts due on 28-02 and 31-03-2026 are not created by the task (they
    were never announced, so a provider cannot be late for them); created on purpose they do exist."""
    ab, perceel, _ = f.mlo()
    f.overeenkomst(ab, perceel)
    assert services.verantwoordingen_aanmaken(2025, niet_verlopen_op=date(2026, 12, 3)) == 0
    # On 1 March 2026 the productverantwoording (due 28-02) is past, the other parts (31-03) are not.
    assert services.verantwoordingen_aanmaken(2025, niet_verlopen_op=date(2026, 3, 1)) == 3
    assert not Verantwoording.objects.filter(eis__soort="productverantwoording").exists()
    assert services.verantwoordingen_aanmaken(2025) == 2
