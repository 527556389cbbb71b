"""The Woo demo (issue 16): on the Gooi procedure a decided request like 003 with its export, and the decisions
and agreements actively published; loading it again changes nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import call_command

from woo import demo
from woo.models import Lakmarkering, Verzoekstuk, Woometadata, Wooverzoek

pytestmark = pytest.mark.django_db


def _tellingen():
    return (Wooverzoek.objects.count(), Verzoekstuk.objects.count(), Lakmarkering.objects.count(),
            Woometadata.objects.count(), list(Wooverzoek.objects.values_list("export_sha256", flat=True)))


def test_demo_woo_zoals_003_en_idempotent():
    call_command("demo_data", stdout=io.StringIO())
    v = Wooverzoek.objects.get(kenmerk=demo.KENMERK)
    assert (v.status, v.aanbesteding.dossiernummer) == (Wooverzoek.Status.BESLOTEN, "SD005")
    beoordelingen = set(v.stukken.values_list("beoordeling", flat=True))
    assert {"openbaar", "deels_openbaar", "niet_openbaar"} <= beoordelingen
    codes = set(Lakmarkering.objects.filter(verzoekstuk__verzoek=v).values_list("grond__code", flat=True))
    assert {"5.1.2.e", "5.1.2.b"} <= codes
    # Numbered in the order of the dossier (by date), as 003.
    datums = list(v.stukken.order_by("volgnummer").values_list("datum", flat=True))
    assert datums == sorted(datums)
    with v.export.open("rb") as f:
        namen = zipfile.ZipFile(io.BytesIO(f.read())).namelist()
    assert f"inventarislijst-{demo.KENMERK}.pdf" in namen
    gepubliceerd = Woometadata.objects.filter(status=Woometadata.Status.ACTIEF_OPENBAAR).exclude(publicatie="")
    assert set(gepubliceerd.values_list("soort", flat=True)) >= {"overeenkomst", "handhaving_besluit"}
    eerste = _tellingen()
    demo.laad(io.StringIO())
    assert _tellingen() == eerste
