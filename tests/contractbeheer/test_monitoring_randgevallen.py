"""Edges of the monitoring pages (issue 14): empty states, an ended agreement, paging and ranges on the
dashboard, the steering information's year choice and region scoping, uploads that are not a template, the
bureau's form on a per-perceel KPI, and the menu shown only to the bureau."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from contractbeheer.admin_views import monitoring as admin_monitoring
from contractbeheer.models import Kpiwaarde
from contractbeheer.wagtail_hooks import _handhaving_items
from overeenkomst.models import Deelname, Overeenkomst

from . import factories as f
from ._monitoring import HEDEN, goedgekeurde_omzet, kosten_2019, wereld

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("contractbeheer_admin_monitoring")
STUUR = reverse("contractbeheer_admin_stuurinformatie")


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


@pytest.fixture(autouse=True)
def _heden():
    with time_machine.travel(HEDEN, tick=False):
        yield


def _tekst(antwoord) -> str:
    return antwoord.content.decode()


class TestAanbiederRanden:
    def test_geen_lopende_overeenkomst(self, client, w):
        Overeenkomst.objects.filter(organisatie=w.ovk.organisatie).update(status=Overeenkomst.Status.BEEINDIGD)
        client.force_login(w.lid)
        antwoord = client.get(reverse("contractbeheer:monitoring"))
        assert antwoord.status_code == 200 and "geen lopende overeenkomst" in _tekst(antwoord)

    def test_beeindigde_overeenkomst_alleen_lezen(self, client, w):
        kosten_2019(w, w.ovk, w.lid, "-26")
        Overeenkomst.objects.filter(pk=w.ovk.pk).update(status=Overeenkomst.Status.BEEINDIGD)
        client.force_login(w.lid)
        tekst = _tekst(client.get(reverse("contractbeheer:monitoring_overzicht", args=[w.ovk.pk])))
        assert "Geschiedenis" in tekst and "-26" in tekst
        assert reverse("contractbeheer:monitoring_upload", args=[w.ovk.pk]) not in tekst
        assert reverse("contractbeheer:monitoring_cijfers", args=[w.ovk.pk, "2026-K1"]) not in tekst
        kpi = w.kpi("uitval")
        antwoord = client.post(reverse("contractbeheer:monitoring_cijfers", args=[w.ovk.pk, "2026-K1"]),
                               {f"k{kpi.pk}_p0": "8"})
        assert "loopt niet meer" in _tekst(antwoord)
        assert Kpiwaarde.objects.count() == 1

    def test_wachttijden_zonder_percelen(self, client, w):
        Deelname.objects.filter(overeenkomst=w.ovk).update(status=Deelname.Status.BEEINDIGD)
        client.force_login(w.lid)
        antwoord = client.get(reverse("contractbeheer:monitoring_wachttijden", args=[w.ovk.pk, "2026-03"]))
        assert "U neemt aan geen perceel meer deel." in _tekst(antwoord)

    def test_maand_voor_de_start_op_de_pagina(self, client, w):
        client.force_login(w.lid)
        antwoord = client.get(reverse("contractbeheer:monitoring_wachttijden", args=[w.ovk.pk, "2023-11"]))
        assert "november 2023 ligt vóór de ingangsdatum" in _tekst(antwoord)

    def test_kpi_formulier_gooi_per_kwartaal(self, client, w):
        client.force_login(w.gooi_lid)
        url = reverse("contractbeheer:monitoring_cijfers", args=[w.gooi_ovk.pk, "2026-K1"])
        form = client.get(url).context["form"]
        klachten = w.kpi("gegronde-klachten", w.gooi)
        op_tijd = w.kpi("klachten-op-tijd", w.gooi)
        assert set(form.fields) == {f"k{klachten.pk}_p0", f"k{klachten.pk}_p0_t", f"k{op_tijd.pk}_p0",
                                    f"k{op_tijd.pk}_p0_t"}
        client.post(url, {f"k{klachten.pk}_p0": "3", f"k{op_tijd.pk}_p0": "95"})
        waarden = dict(Kpiwaarde.objects.values_list("kpi__code", "waarde"))
        assert waarden == {"gegronde-klachten": Decimal("3.00"), "klachten-op-tijd": Decimal("95.00")}
        assert client.get(reverse("contractbeheer:monitoring_cijfers", args=[w.gooi_ovk.pk, "2025"])).status_code \
            == 404  # 003 has no yearly KPIs

    def test_upload_pdf_is_geen_sjabloon(self, client, w):
        client.force_login(w.lid)
        pdf = SimpleUploadedFile("k.csv", b"%PDF-1.4\n1 0 obj\n", content_type="text/csv")
        antwoord = client.post(reverse("contractbeheer:monitoring_upload", args=[w.ovk.pk]), {"bestand": pdf})
        assert "Upload het ingevulde sjabloon als XLSX- of CSV-bestand." in _tekst(antwoord)
        assert not Kpiwaarde.objects.exists()

    def test_upload_zonder_bestand(self, client, w):
        client.force_login(w.lid)
        antwoord = client.post(reverse("contractbeheer:monitoring_upload", args=[w.ovk.pk]), {})
        assert antwoord.status_code == 200 and antwoord.context["form"].errors["bestand"]


class TestDashboardRanden:
    def test_bladeren(self, client, w, contractmanager_a, monkeypatch):
        monkeypatch.setattr(admin_monitoring, "PER_PAGINA", 1)
        client.force_login(contractmanager_a)
        eerste = client.get(DASHBOARD, {"aanbesteding": w.mlo.pk})
        tweede = client.get(DASHBOARD, {"aanbesteding": w.mlo.pk, "p": 2})
        assert [r.overeenkomst for r in eerste.context["regels"]] == [w.andere_ovk]  # by name: Andere < Zorgkracht
        assert [r.overeenkomst for r in tweede.context["regels"]] == [w.ovk]
        assert "p=2" in _tekst(eerste) and "Pagina 1 van 2" in _tekst(eerste)

    def test_periode_omgedraaid_en_standaard(self, client, w, contractmanager_a):
        client.force_login(contractmanager_a)
        antwoord = client.get(DASHBOARD, {"aanbesteding": w.mlo.pk, "van": "2026-01-01", "tot": "2025-01-01"})
        assert (antwoord.context["w"]["van"], antwoord.context["w"]["tot"]) == (date(2025, 1, 1), date(2026, 1, 1))
        standaard = client.get(DASHBOARD)
        assert (standaard.context["w"]["van"], standaard.context["w"]["tot"]) == (date(2024, 4, 1),
                                                                                  date(2026, 4, 15))
        assert standaard.context["w"]["aanbesteding"] is not None

    def test_zonder_procedure_in_de_regio(self, client, contractmanager_b, regio_b):
        client.force_login(contractmanager_b)
        assert "Er is geen procedure in uw regio's." in _tekst(client.get(DASHBOARD))
        assert client.get(reverse("contractbeheer_admin_monitoring_export")).status_code in (302, 403)
        assert "Er is geen procedure in uw regio's." in _tekst(client.get(STUUR))

    def test_bureau_formulier_per_perceel_zonder_perceel(self, client, w, contractmanager_a):
        client.force_login(contractmanager_a)
        url = reverse("contractbeheer_admin_monitoring_aanbieder", args=[w.ovk.pk])
        kpi = w.kpi("kosten-per-jeugdige-t-o-v-2019")
        antwoord = client.post(url, {"kpi": kpi.pk, "periode": "2025", "waarde": "-26"})
        assert "het perceel: deze KPI wordt per perceel aangeleverd" in _tekst(antwoord)
        antwoord = client.post(url, {"kpi": kpi.pk, "perceel": w.perceel.pk, "periode": "2025", "waarde": "-26"})
        assert antwoord.status_code == 302
        assert Kpiwaarde.objects.get().herkomst == "staf"

    def test_bureau_formulier_kpi_van_andere_procedure(self, client, w, contractmanager_a):
        client.force_login(contractmanager_a)
        url = reverse("contractbeheer_admin_monitoring_aanbieder", args=[w.ovk.pk])
        antwoord = client.post(url, {"kpi": w.kpi("gegronde-klachten", w.gooi).pk, "periode": "2026-K1",
                                     "waarde": "1"})
        assert antwoord.context["form"].errors["kpi"]
        assert not Kpiwaarde.objects.exists()

    def test_menu_alleen_voor_het_bureau(self, w, contractmanager_a, beoordelaar_a):
        verzoek = RequestFactory().get("/admin/")
        items = [i for i in _handhaving_items() if i.label in ("Monitoring", "Stuurinformatie")]
        assert len(items) == 2
        verzoek.user = contractmanager_a
        assert all(i.is_shown(verzoek) for i in items)
        verzoek.user = beoordelaar_a
        assert not any(i.is_shown(verzoek) for i in items)


class TestStuurinformatieRanden:
    def test_jaar_kiezen(self, client, w, contractmanager_a):
        gemeente = w.mlo.deelnemende_gemeenten.select_related("gemeente").first().gemeente
        product = w.perceel.producten.get()
        goedgekeurde_omzet(w.ovk, 2024, {gemeente: "100000"}, product)
        goedgekeurde_omzet(w.andere_ovk, 2025, {gemeente: "200000"}, product)
        client.force_login(contractmanager_a)
        standaard = client.get(STUUR, {"aanbesteding": w.mlo.pk})
        assert standaard.context["jaar"] == 2025  # the latest year with approved turnover
        assert [o.pk for o in standaard.context["top"]] == [w.andere_ovk.pk]
        vorig = client.get(STUUR, {"aanbesteding": w.mlo.pk, "jaar": 2024})
        assert [o.pk for o in vorig.context["top"]] == [w.ovk.pk]
        assert [r["verschil_pct"] for r in vorig.context["vergelijking"]] == [None, Decimal("100.0")]

    def test_zonder_omzet(self, client, w, contractmanager_a):
        client.force_login(contractmanager_a)
        antwoord = client.get(STUUR, {"aanbesteding": w.gooi.pk})
        tekst = _tekst(antwoord)
        assert "Nog geen goedgekeurde verantwoordingen." in tekst and antwoord.context["top"] == []
        assert antwoord.context["jaar"] == 2025  # last year

    def test_procedure_van_andere_regio_niet_te_kiezen(self, client, w, contractmanager_b, regio_b):
        ander, _, _ = f.mlo(regio=regio_b)
        client.force_login(contractmanager_b)
        antwoord = client.get(STUUR, {"aanbesteding": w.mlo.pk})
        assert antwoord.context["ab"] == ander
        assert "aanbesteding" in antwoord.context["form"].errors


def test_snippets_in_de_instellingengroep_met_audit():
    from contractbeheer.models import Kpi, Wachttijdnorm
    from contractbeheer.wagtail_hooks import ContractbeheerInstellingenGroep
    from core.audit_schermen import AuditViewSetMixin
    from organisaties.regios import RegioViewSetMixin

    modellen = [v.model for v in ContractbeheerInstellingenGroep.items]
    assert Kpi in modellen and Wachttijdnorm in modellen
    for viewset in (admin_monitoring.KpiViewSet, admin_monitoring.WachttijdnormViewSet):
        assert issubclass(viewset, RegioViewSetMixin) and issubclass(viewset, AuditViewSetMixin)
