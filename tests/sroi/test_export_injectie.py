"""The SROI dashboard export (CSV and XLSX) never hands a spreadsheet a formula (OWASP CSV injection), while
amounts, negative ones included, stay numbers."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sroi import services
from sroi.selectors import Jaarcijfers
from tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.sroi.factories import OvereenkomstFactory

KWAAD = '=HYPERLINK("http://evil.example","klik") Zorgkracht'


@pytest.fixture
def adviseur_client(client, sroi_adviseur):
    client.force_login(sroi_adviseur)
    return client


@pytest.fixture
def kwade_aanbieder(mlo, monkeypatch):
    """A provider named like a formula, and a negative gap forced on the figures so the export must write a
    negative amount (the services never produce one)."""
    organisatie = OrganisatieFactory(naam=KWAAD)
    lid = LidmaatschapFactory(organisatie=organisatie).user
    ovk = OvereenkomstFactory(aanbesteding=mlo, organisatie=organisatie)
    services.omzet_vastleggen(overeenkomst=ovk, jaar=2020, omzet=D("400000"), door=lid)
    monkeypatch.setattr(Jaarcijfers, "tekort", property(lambda self: D("-150.00")))
    return ovk


def _export(client, aanbesteding, formaat):
    return client.get(reverse("sroi_admin_dashboard"), {"aanbesteding": aanbesteding.pk, "jaar": 2021, "formaat": formaat})


def test_csv_neutraliseert_de_naam_en_laat_een_negatief_bedrag_staan(adviseur_client, mlo, kwade_aanbieder):
    tekst = _export(adviseur_client, mlo, "csv").content.decode("utf-8-sig")
    regels = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    regel = next(r for r in regels[1:] if r and "HYPERLINK" in r[0])
    assert regel[0] == "'" + KWAAD
    assert regel[6] == "-150,00"


def test_xlsx_neutraliseert_de_naam_en_houdt_een_negatief_bedrag_numeriek(adviseur_client, mlo, kwade_aanbieder):
    wb = load_workbook(io.BytesIO(_export(adviseur_client, mlo, "xlsx").content))
    blad = wb.worksheets[0]
    rij = next(r for r in blad.iter_rows(min_row=2) if r[0].value and "HYPERLINK" in r[0].value)
    assert rij[0].value == "'" + KWAAD and rij[0].data_type == "s"
    assert rij[6].value == -150.0 and rij[6].data_type == "n"
