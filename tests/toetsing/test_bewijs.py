"""Evidence inline for the assessors: permission-checked download and text search over the extracted text."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from inschrijving.models import Antwoord, Bewijsstuk
from toetsing import selectors, services


@pytest.fixture
def met_bewijs(maak_inschrijving, commissie, inkoper, beoordelaar):
    i = maak_inschrijving()
    stuk = Bewijsstuk(
        organisatie=i.organisatie, documentsoort="kvk_uittreksel", originele_naam="KvK-uittreksel.pdf", grootte=9,
        sha256="0" * 64, mime_type="application/pdf", afgiftedatum=date(2026, 1, 2),
        tekst="Uittreksel Handelsregister Kamer van Koophandel. Zorgaanbieder B.V., statutair gevestigd te Hilversum.",
    )
    stuk.bestand.save("kvk.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    stuk.save()
    Antwoord.objects.get(inschrijving=i, eis__code="G1").bewijsstukken.add(stuk)
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    return i, stuk


def test_download_pas_na_verklaring(client, met_bewijs, beoordelaar):
    i, stuk = met_bewijs
    url = reverse("toetsing_bewijsstuk", args=[i.pk, stuk.pk])
    client.force_login(beoordelaar)
    assert client.get(url).status_code == 302  # PermissionDenied → Wagtail redirects with a message
    services.belang_verklaren(inschrijving=i, geen_conflict=True, door=beoordelaar)
    r = client.get(url + "?bekijken=1")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert "inline" in r["Content-Disposition"]
    assert "sandbox" not in r["Content-Security-Policy"] and "script" not in r["Content-Security-Policy"]
    assert b"".join(r.streaming_content).startswith(b"%PDF")


def test_geen_download_voor_niet_toegewezen_beoordelaar(client, met_bewijs, beoordelaar2):
    i, stuk = met_bewijs
    client.force_login(beoordelaar2)
    assert client.get(reverse("toetsing_bewijsstuk", args=[i.pk, stuk.pk])).status_code == 404


def test_ander_bewijsstuk_via_deze_inschrijving_is_404(client, met_bewijs, maak_inschrijving, beoordelaar):
    i, _ = met_bewijs
    ander = maak_inschrijving()
    vreemd = Bewijsstuk.objects.create(
        organisatie=ander.organisatie, documentsoort="vog", originele_naam="VOG.pdf", grootte=1, sha256="1" * 64,
        mime_type="application/pdf", afgiftedatum=date(2026, 1, 2), bestand="x.pdf",
    )
    services.belang_verklaren(inschrijving=i, geen_conflict=True, door=beoordelaar)
    client.force_login(beoordelaar)
    assert client.get(reverse("toetsing_bewijsstuk", args=[i.pk, vreemd.pk])).status_code == 404


def test_zoeken_in_de_tekst_van_het_bewijs(client, met_bewijs, beoordelaar):
    i, stuk = met_bewijs
    assert [r["bewijsstuk"] for r in selectors.zoek_in_bewijs(i, "handelsregister")] == [stuk]
    assert selectors.zoek_in_bewijs(i, "Rotterdam") == []
    services.belang_verklaren(inschrijving=i, geen_conflict=True, door=beoordelaar)
    client.force_login(beoordelaar)
    html = client.get(reverse("toetsing_inschrijving", args=[i.pk]), {"q": "Hilversum"}).content.decode()
    assert "statutair gevestigd te Hilversum" in html
    assert "KvK-uittreksel.pdf" in html


@pytest.mark.parametrize(("gescand_op", "verwacht"), [
    (None, "In orde – niet op virussen gescand"),
    ("2026-01-05T10:30:00+01:00", "In orde – gescand op 05-01-2026 10:30"),
])
def test_beoordelaar_ziet_eerlijke_scanstatus(client, met_bewijs, beoordelaar, gescand_op, verwacht):
    """Issue 11: the assessor sees whether a virus scan ran, not just "in orde"."""
    from django.utils.dateparse import parse_datetime

    i, stuk = met_bewijs
    stuk.controle = Bewijsstuk.Controle.IN_ORDE
    stuk.gescand_op = parse_datetime(gescand_op) if gescand_op else None
    stuk.opgeschoond = "JavaScript"
    stuk.save()
    services.belang_verklaren(inschrijving=i, geen_conflict=True, door=beoordelaar)
    client.force_login(beoordelaar)

    # Issue 12: the evidence is shown on the page of its step (G1: the geschiktheidseisen).
    html = client.get(reverse("toetsing_stap", args=[i.pk, "geschiktheidseis"])).content.decode()

    assert verwacht in html
    assert "opgeschoonde kopie, verwijderd: JavaScript" in html
