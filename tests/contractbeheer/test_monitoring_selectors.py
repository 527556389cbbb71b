"""Reads of monitoring (contractbeheer/selectors/monitoring.py) and their edges: the provider's periods on the
two procedures' KPIs, the dashboard's perceel filter and per-perceel cells, the series for the charts, the export
querysets, and the template filters. Fixed query counts where a page depends on them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contractbeheer.models import Kpi, Kpiwaarde, Wachttijdnorm
from contractbeheer.selectors import monitoring as sel
from contractbeheer.services import monitoring as svc
from contractbeheer.templatetags import monitoring_tags
from overeenkomst.models import Deelname, Overeenkomst
from tests.overeenkomst.factories import DeelnameFactory

from . import factories as f
from ._monitoring import HEDEN, kosten_2019, vastleggen, wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def _wacht(dagen):
    return {"wachttijd_dagen": dagen, "wachtenden": 1, "capaciteit_vrij": 0, "capaciteit_aangehouden": 0}


class TestAanbiederOverzicht:
    def test_gooi_twee_percelen_en_kwartaal_kpis_zonder_perceel(self, regio_a):
        gooi, bhl, dag = f.gooi(regio_a)
        ovk, lid = f.overeenkomst(gooi, bhl, naam="Gooise Zorg")
        DeelnameFactory(overeenkomst=ovk, perceel=dag, startdatum=date(2024, 1, 1))
        assert [p.code for p in svc.lopende_percelen(ovk)] == ["5.10", "5.4"]
        o = sel.aanbieder_overzicht(ovk, date(2026, 4, 15))
        # 003 has two quarterly KPIs, neither per perceel: two figures per quarter, no yearly periods.
        assert {p.soort for p in o.perioden} == {"kwartaal"}
        assert all(p.verwacht == 2 for p in o.perioden)
        assert len(o.percelen) == 2

    def test_clientenstop_telt_mee_beeindigd_niet(self, w):
        deelname = Deelname.objects.get(overeenkomst=w.ovk)
        Deelname.objects.filter(pk=deelname.pk).update(status=Deelname.Status.CLIENTENSTOP)
        assert svc.lopende_percelen(w.ovk) == [w.perceel]
        Deelname.objects.filter(pk=deelname.pk).update(status=Deelname.Status.BEEINDIGD)
        o = sel.aanbieder_overzicht(w.ovk, date(2026, 4, 15))
        # Without a perceel only the KPIs that are not per perceel remain: uitval, doelrealisatie (quarterly)
        # and tevredenheid (yearly).
        assert {p.verwacht for p in o.perioden if p.soort == "kwartaal"} == {2}
        assert {p.verwacht for p in o.perioden if p.soort == "jaar"} == {1}

    def test_compleet_na_alle_cijfers(self, w):
        cijfers = [svc.Cijfer(k, w.perceel if k.per_perceel else None, date(2025, 1, 1), Decimal("7"))
                   for k in w.mlo.kpis.filter(periode="jaar")]
        vastleggen(w.ovk, w.lid, cijfers)
        per = {p.label: p for p in sel.aanbieder_overzicht(w.ovk, date(2026, 4, 15)).perioden}
        assert per["2025"].compleet and not per["2025"].te_laat
        assert per["2024"].te_laat  # nothing over 2024, due 30-01-2025

    def test_geschiedenis_met_kleur_en_herkomst(self, w):
        kosten_2019(w, w.ovk, w.lid, "-20")
        o = sel.aanbieder_overzicht(w.ovk, date(2026, 4, 15))
        (periode, cellen), = o.geschiedenis
        assert periode.label == "2025"
        cel = next(c for c in cellen if c.waarde is not None)
        assert (cel.kleur, cel.herkomst, cel.perceel) == ("oranje", "Ingevuld in het portaal", w.perceel)
        leeg = next(c for c in cellen if c.waarde is None)
        assert leeg.kleur == "geen"

    def test_wachttijd_maanden_met_kleur(self, w):
        with time_machine.travel(HEDEN, tick=False):
            svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 2, 1), door=w.lid,
                                       per_perceel={w.perceel: _wacht(15)})
        o = sel.aanbieder_overzicht(w.ovk, date(2026, 4, 15))
        maand, label, per = o.maanden[2]
        assert (maand, label) == (date(2026, 2, 1), "februari 2026")
        assert per[w.perceel.pk].kleur == "rood"  # 15 > 14 (002 B1 17.2)
        assert o.maanden[0][2] == {}

    def test_vaste_queries(self, w):
        with CaptureQueriesContext(connection) as weinig:
            sel.aanbieder_overzicht(w.ovk, date(2026, 4, 15))
        for jaar in (2024, 2025):
            kosten_2019(w, w.ovk, w.lid, "-26", jaar=jaar)
        with time_machine.travel(HEDEN, tick=False):
            for maand in range(1, 4):
                svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, maand, 1), door=w.lid,
                                           per_perceel={w.perceel: _wacht(maand)})
        with CaptureQueriesContext(connection) as veel:
            sel.aanbieder_overzicht(w.ovk, date(2026, 4, 15))
        assert len(weinig) == len(veel) <= 6


class TestDashboard:
    def test_perceelfilter_houdt_kpis_zonder_perceel(self, regio_a):
        gooi, bhl, dag = f.gooi(regio_a)
        ovk, lid = f.overeenkomst(gooi, bhl, naam="Gooise Zorg")
        DeelnameFactory(overeenkomst=ovk, perceel=dag, startdatum=date(2024, 1, 1))
        per_perceel = Kpi.objects.create(aanbesteding=gooi, code="bezetting", naam="Bezetting", eenheid="percentage",
                                         periode="kwartaal", richting="hoger", norm=Decimal("80"),
                                         drempel_oranje=Decimal("70"), per_perceel=True)
        klachten = Kpi.objects.get(aanbesteding=gooi, code="gegronde-klachten")
        vastleggen(ovk, lid, [svc.Cijfer(per_perceel, bhl, date(2025, 10, 1), Decimal("85")),
                              svc.Cijfer(per_perceel, dag, date(2025, 10, 1), Decimal("60")),
                              svc.Cijfer(klachten, None, date(2025, 10, 1), Decimal("1"))])
        kpis = [klachten, per_perceel]
        alles = sel.dashboard_regels([ovk], kpis, [], van=date(2024, 4, 1), tot=date(2026, 4, 15))
        assert alles[0].cellen == [[(None, Decimal("1.00"), "K4 2025", "oranje")],
                                   [("5.10", Decimal("85.00"), "K4 2025", "groen"),
                                    ("5.4", Decimal("60.00"), "K4 2025", "rood")]]
        assert alles[0].rood == 1
        alleen_bhl = sel.dashboard_regels([ovk], kpis, [], van=date(2024, 4, 1), tot=date(2026, 4, 15),
                                          perceel=bhl)
        assert alleen_bhl[0].cellen == [[(None, Decimal("1.00"), "K4 2025", "oranje")],
                                        [("5.10", Decimal("85.00"), "K4 2025", "groen")]]

    def test_overeenkomsten_alleen_lopend_en_in_perceel(self, w):
        Overeenkomst.objects.filter(pk=w.andere_ovk.pk).update(status=Overeenkomst.Status.BEEINDIGD)
        qs = sel.dashboard_overeenkomsten(Overeenkomst.objects.all(), aanbesteding=w.mlo)
        assert list(qs) == [w.ovk]
        assert list(sel.dashboard_overeenkomsten(Overeenkomst.objects.all(), aanbesteding=w.gooi,
                                                 perceel=w.perceel)) == []

    def test_wachttijd_zonder_norm_geen_stoplicht(self, w):
        Wachttijdnorm.objects.filter(aanbesteding=w.mlo).delete()
        with time_machine.travel(HEDEN, tick=False):
            svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1), door=w.lid,
                                       per_perceel={w.perceel: _wacht(90)})
        regel, = sel.dashboard_regels([w.ovk], [], [], van=date(2024, 4, 1), tot=date(2026, 4, 15))
        assert regel.wachttijden == [("ambulant", 90, "maart 2026", "geen", None)] and regel.rood == 0

    def test_laatste_wachttijd_telt(self, w):
        with time_machine.travel(HEDEN, tick=False):
            for maand, dagen in ((1, 30), (2, 5)):
                svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, maand, 1), door=w.lid,
                                           per_perceel={w.perceel: _wacht(dagen)})
        normen = list(w.mlo.wachttijdnormen.all())
        regel, = sel.dashboard_regels([w.ovk], [], normen, van=date(2024, 4, 1), tot=date(2026, 4, 15))
        assert regel.wachttijden == [("ambulant", 5, "februari 2026", "groen", 14)]


class TestReeksen:
    def test_reeksen_per_perceel_en_totaal(self, w):
        kosten_2019(w, w.ovk, w.lid, "-20", jaar=2024)
        kosten_2019(w, w.ovk, w.lid, "-26", jaar=2025)
        vastleggen(w.ovk, w.lid, [svc.Cijfer(w.kpi("uitval"), None, date(2025, 10, 1), Decimal("9"))])
        with time_machine.travel(HEDEN, tick=False):
            svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1), door=w.lid,
                                       per_perceel={w.perceel: _wacht(12)})
        r = sel.aanbieder_reeksen(w.ovk, van=date(2024, 4, 1), tot=date(2026, 4, 15))
        per_code = {k.code: rs for k, rs in r["kpis"]}
        doel = per_code["kosten-per-jeugdige-t-o-v-2019"]
        # The 2024 yearly figure counts although the window starts in April 2024.
        assert [(x.naam, x.punten) for x in doel] == [("Perceel ambulant", [
            (date(2024, 1, 1), Decimal("-20.00")), (date(2025, 1, 1), Decimal("-26.00"))])]
        assert [(x.naam, x.punten) for x in per_code["uitval"]] == [("Totaal", [(date(2025, 10, 1),
                                                                                 Decimal("9.00"))])]
        assert per_code["instroom"] == []
        (perceel, reeks, norm, rijen), = r["wachttijden"]
        assert (perceel, reeks.punten, norm.max_dagen, rijen[0].kleur) == (
            w.perceel, [(date(2026, 3, 1), Decimal(12))], 14, "oranje")

    def test_export_querysets(self, w):
        kosten_2019(w, w.ovk, w.lid, "-20", jaar=2025)
        vastleggen(w.ovk, w.lid, [svc.Cijfer(w.kpi("uitval"), None, date(2025, 10, 1), Decimal("9"))])
        ovks = Overeenkomst.objects.filter(aanbesteding=w.mlo)
        kpis = list(w.mlo.kpis.all())
        alles = sel.export_kpiwaarden(ovks, kpis=kpis, van=date(2025, 1, 1), tot=date(2026, 4, 15))
        assert alles.count() == 2
        assert sel.export_kpiwaarden(ovks, kpis=kpis, van=date(2025, 6, 1), tot=date(2026, 4, 15)).count() == 1
        assert sel.export_kpiwaarden(ovks, kpis=kpis, van=date(2025, 1, 1), tot=date(2026, 4, 15),
                                     perceel=w.perceel).count() == 2
        assert sel.export_wachttijden(ovks, van=date(2025, 1, 1), tot=date(2026, 4, 15)).count() == 0


class TestFilters:
    def test_stoplicht_en_getal(self):
        assert "rood</span>" in monitoring_tags.stoplicht("rood")
        assert monitoring_tags.getal(Decimal("-25.00")) == "-25"
        assert monitoring_tags.getal(Decimal("12.50")) == "12,5"

    def test_uit(self):
        assert monitoring_tags.uit({3: "x"}, 3) == "x"
        assert monitoring_tags.uit({}, 3) is None and monitoring_tags.uit(None, 3) is None

    def test_kleurlabel(self):
        assert sel.KLEURLABEL == {"groen": "groen", "oranje": "oranje", "rood": "rood", "geen": "geen norm"}

    def test_begin_venster(self):
        assert sel.begin_venster(date(2026, 4, 15)) == date(2024, 4, 1)
        assert sel.begin_venster(date(2026, 4, 15), 3) == date(2026, 1, 1)


def test_kpiwaarde_str(w):
    kosten_2019(w, w.ovk, w.lid, "-26")
    assert str(Kpiwaarde.objects.get()) == "Kosten per jeugdige t.o.v. 2019 01-2025: -26.00"
