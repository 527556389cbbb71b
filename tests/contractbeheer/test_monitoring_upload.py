"""The upload of KPI figures in detail (issue 14): XLSX cells as Excel stores them (numbers, formulas), a title
above the header, empty lines, missing columns, too many rows, corrections through the upload, and the checks
every figure passes whichever way it comes in (start of a period, size)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from contractbeheer.models import Kpiwaarde
from contractbeheer.services import monitoring as svc
from core.models import AuditRegel

from ._monitoring import HEDEN, vastleggen, wereld

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def _csv(tekst: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("cijfers.csv", tekst.encode("utf-8"), content_type="text/csv")


def _xlsx(rijen: list[list]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    wb = Workbook()
    blad = wb.active
    for rij in rijen:
        blad.append(rij)
    uit = io.BytesIO()
    wb.save(uit)
    return SimpleUploadedFile("cijfers.xlsx", uit.getvalue(), content_type=XLSX)


def _lezen(w, bestand):
    return svc.kpi_upload_lezen(overeenkomst=w.ovk, bestand=bestand, vandaag=date(2026, 4, 15))


class TestXlsx:
    def test_getallen_zoals_excel_ze_opslaat(self, w):
        cijfers = _lezen(w, _xlsx([["kpi_code", "perceel_code", "periode", "waarde"],
                                   ["uitval", None, "2026-K1", 8.25],
                                   ["instroom", "ambulant", "2025-K4", 14],
                                   ["kosten-per-jeugdige-t-o-v-2019", "ambulant", 2025, -26]]))
        assert [(c.kpi.code, c.perceel.code if c.perceel else None, c.periode_start, c.waarde) for c in cijfers] == [
            ("uitval", None, date(2026, 1, 1), Decimal("8.25")),
            ("instroom", "ambulant", date(2025, 10, 1), Decimal("14")),
            ("kosten-per-jeugdige-t-o-v-2019", "ambulant", date(2025, 1, 1), Decimal("-26")),
        ]

    def test_formule_in_een_cel_geweigerd(self, w):
        with pytest.raises(ValidationError) as fout:
            _lezen(w, _xlsx([["kpi_code", "perceel_code", "periode", "waarde"],
                             ["uitval", None, "2026-K1", "=B2*2"]]))
        assert fout.value.messages == ["Rij 2: de waarde is een formule. Vul een getal in; formules worden niet "
                                       "overgenomen."]

    def test_titel_boven_de_kop_en_lege_regels(self, w):
        cijfers = _lezen(w, _xlsx([["KPI-cijfers Zorgkracht Jeugd"], [],
                                   ["kpi_code", "perceel_code", "periode", "waarde", "toelichting"],
                                   [], ["uitval", None, "2026-K1", 9, "Na de nieuwe intake"], [None, None]]))
        assert len(cijfers) == 1 and cijfers[0].toelichting == "Na de nieuwe intake"

    def test_leeg_getal_en_boolean(self, w):
        with pytest.raises(ValidationError) as fout:
            _lezen(w, _xlsx([["kpi_code", "perceel_code", "periode", "waarde"],
                             ["uitval", None, "2026-K1", None], ["doelrealisatie", None, "2026-K1", True]]))
        assert fout.value.messages == ["Rij 2: vul een waarde in.", "Rij 3: de waarde is geen getal."]


class TestCsv:
    def test_kolom_ontbreekt(self, w):
        with pytest.raises(ValidationError, match="de kolom “waarde” ontbreekt"):
            _lezen(w, _csv("kpi_code;perceel_code;periode\nuitval;;2026-K1\n"))

    def test_te_veel_rijen(self, w, monkeypatch):
        monkeypatch.setattr(svc, "MAX_RIJEN", 3)
        rijen = "".join("uitval;;2026-K1;8\n" for _ in range(4))
        with pytest.raises(ValidationError, match="te veel rijen \\(ten hoogste 3\\)"):
            _lezen(w, _csv("kpi_code;perceel_code;periode;waarde\n" + rijen))

    def test_komma_als_scheidingsteken_en_per_perceel_zonder_perceel(self, w):
        with pytest.raises(ValidationError) as fout:
            _lezen(w, _csv("kpi_code,perceel_code,periode,waarde\ninstroom,,2026-K1,4\n"))
        assert fout.value.messages == ["Rij 2: Geef bij “Instroom van jeugdigen” het perceel: deze KPI wordt per "
                                       "perceel aangeleverd."]

    def test_correctie_via_upload_geaudit(self, w):
        vastleggen(w.ovk, w.lid, [svc.Cijfer(w.kpi("uitval"), None, date(2026, 1, 1), Decimal("8"))])
        with time_machine.travel(HEDEN, tick=False):
            telling = svc.kpi_upload_verwerken(overeenkomst=w.ovk, door=w.lid, bestand=_csv(
                "kpi_code;perceel_code;periode;waarde\nuitval;;2026-K1;11\ndoelrealisatie;;2026-K1;75\n"))
        assert telling == {"nieuw": 1, "gecorrigeerd": 1, "ongewijzigd": 0}
        uitval = Kpiwaarde.objects.get(kpi__code="uitval")
        assert (uitval.waarde, uitval.herkomst) == (Decimal("11.00"), "upload")
        correctie = AuditRegel.objects.get(actie="contractbeheer.kpiwaarde_gecorrigeerd")
        assert (correctie.oude_waarden["herkomst"], correctie.nieuwe_waarden["herkomst"]) == ("portaal", "upload")


class TestControles:
    def test_geen_begin_van_een_periode(self, w):
        with pytest.raises(ValidationError, match="01-02-2025 is niet het begin van een periode"):
            vastleggen(w.ovk, w.lid, [svc.Cijfer(w.kpi("uitval"), None, date(2025, 2, 1), Decimal("8"))])

    def test_te_groot(self, w):
        with pytest.raises(ValidationError, match="is te groot"):
            vastleggen(w.ovk, w.lid, [svc.Cijfer(w.kpi("uitval"), None, date(2026, 1, 1),
                                                 Decimal("1000000000000"))])

    def test_afronding_op_centen(self, w):
        vastleggen(w.ovk, w.lid, [svc.Cijfer(w.kpi("uitval"), None, date(2026, 1, 1), Decimal("8.125"))])
        assert Kpiwaarde.objects.get().waarde == Decimal("8.13")

    def test_bureau_corrigeert_cijfer_van_de_aanbieder(self, w, contractmanager_a):
        vastleggen(w.ovk, w.lid, [svc.Cijfer(w.kpi("uitval"), None, date(2026, 1, 1), Decimal("8"))])
        with time_machine.travel(HEDEN, tick=False):
            telling = svc.kpiwaarde_vastleggen_door_bureau(overeenkomst=w.ovk, door=contractmanager_a, cijfer=(
                svc.Cijfer(w.kpi("uitval"), None, date(2026, 1, 1), Decimal("18"), "Na controle bijgesteld")))
        assert telling["gecorrigeerd"] == 1
        waarde = Kpiwaarde.objects.get()
        assert (waarde.herkomst, waarde.vastgelegd_door, waarde.toelichting) == ("staf", contractmanager_a,
                                                                                 "Na controle bijgesteld")
        correctie = AuditRegel.objects.get(actie="contractbeheer.kpiwaarde_gecorrigeerd")
        assert correctie.actor == contractmanager_a
        assert (correctie.oude_waarden["waarde"], correctie.nieuwe_waarden["waarde"]) == ("8.00", "18.00")

    def test_wachttijd_zelfde_opgave_ongewijzigd(self, w):
        opgave = {w.perceel: {"wachttijd_dagen": 7, "wachtenden": 2, "capaciteit_vrij": 1,
                              "capaciteit_aangehouden": 0, "toelichting": "Stabiel"}}
        with time_machine.travel(HEDEN, tick=False):
            svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1), per_perceel=opgave, door=w.lid)
            telling = svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1), per_perceel=opgave,
                                                 door=w.lid)
        assert telling == {"nieuw": 0, "gecorrigeerd": 0, "ongewijzigd": 1}
        assert AuditRegel.objects.filter(actie__startswith="contractbeheer.wachttijd_").count() == 1
