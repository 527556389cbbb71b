"""The monitoring demo (contractbeheer/demo_monitoring.py): two years of KPI figures with some orange and red,
24 months of wachttijden, through the services; running it twice changes nothing."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
import time_machine

from contractbeheer import demo_monitoring
from contractbeheer.models import Kpiwaarde, Wachttijd
from contractbeheer.selectors import monitoring as sel
from core.kalender import TZ
from core.models import AuditRegel

from . import factories as f

pytestmark = pytest.mark.django_db


def test_demo_twee_jaar_met_rood_en_oranje_en_idempotent(regio_a):
    mlo, perceel, _ = f.mlo(regio=regio_a)
    ovk, _ = f.overeenkomst(mlo, perceel, naam="Demo Zorg", start=date(2023, 1, 1))
    f.overeenkomst(mlo, perceel, naam="Tweede Zorg", start=date(2023, 1, 1))
    uit = io.StringIO()
    with time_machine.travel(datetime(2026, 4, 15, 10, 0, tzinfo=TZ), tick=False):
        demo_monitoring.laad(mlo, "mlo", None, uit)
        aantallen = (Kpiwaarde.objects.count(), Wachttijd.objects.count(), AuditRegel.objects.count())
        demo_monitoring.laad(mlo, "mlo", None, uit)
    assert (Kpiwaarde.objects.count(), Wachttijd.objects.count(), AuditRegel.objects.count()) == aantallen
    # Per agreement: 8 quarters × 4 quarterly figures (2 per perceel, 2 without) + 2 years × 2 yearly ones.
    assert Kpiwaarde.objects.filter(overeenkomst=ovk).count() == 8 * 4 + 2 * 2
    assert Wachttijd.objects.filter(overeenkomst=ovk).count() == 24
    assert Kpiwaarde.objects.filter(overeenkomst=ovk, periode_start=date(2024, 4, 1)).exists()
    assert not Kpiwaarde.objects.filter(periode_start__gte=date(2026, 4, 1)).exists()
    kleuren = {sel.kleur_kpi(w.kpi, w.waarde) for w in Kpiwaarde.objects.select_related("kpi")}
    assert {"groen", "oranje", "rood"} <= kleuren
    assert "monitoring mlo: 72 KPI-cijfers en 48 wachttijden" in uit.getvalue()
    # The MLO target KPI (002 B1 13.7: -25 %) sees every colour across the two providers and years.
    doel = {sel.kleur_kpi(w.kpi, w.waarde) for w in Kpiwaarde.objects.filter(
        kpi__code="kosten-per-jeugdige-t-o-v-2019").select_related("kpi")}
    assert len(doel) >= 2


def test_gooi_aantallen_blijven_niet_negatief(regio_a):
    gooi, bhl, _ = f.gooi(regio_a)
    for i in range(7):
        f.overeenkomst(gooi, bhl, naam=f"Gooi {i}", start=date(2023, 1, 1))
    with time_machine.travel(datetime(2026, 4, 15, 10, 0, tzinfo=TZ), tick=False):
        demo_monitoring.laad(gooi, "gooi", None, io.StringIO())
    klachten = list(Kpiwaarde.objects.filter(kpi__code="gegronde-klachten").values_list("waarde", flat=True))
    assert klachten and min(klachten) >= 0 and all(k == k.to_integral_value() for k in klachten)
    op_tijd = list(Kpiwaarde.objects.filter(kpi__code="klachten-op-tijd").values_list("waarde", flat=True))
    assert max(op_tijd) <= 100
    assert {sel.kleur_kpi(w.kpi, w.waarde) for w in Kpiwaarde.objects.select_related("kpi")} >= {
        "groen", "oranje", "rood"}
