"""Every provider upload goes through core.uploads.valideer_upload: a file that only claims to be a PDF (an
HTML page named .pdf, served later it could run script) is refused and nothing is stored. A real PDF through
the same form is stored: the control that proves the refusal comes from the content check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inschrijving.models import Bewijsstuk
from sroi.models import SroiBewijsstuk, SroiPlan
from tests.core import slechte_bestanden as sb
from tests.core.slechte_bestanden import geldige_pdf

NEP_PDF = b"<html><script>alert(document.cookie)</script></html>"

UPLOADS = {
    "inschrijving:bewijsstukken": (lambda w: [], lambda: {"documentsoort": "kvk_uittreksel", "afgiftedatum": "2023-05-01"},
                                   lambda w: Bewijsstuk.objects.filter(organisatie=w.org).count()),
    "sroi:activiteit": (lambda w: [w.activiteit.pk], lambda: {"soort": "contract"},
                        lambda w: SroiBewijsstuk.objects.filter(activiteit=w.activiteit).count()),
    "sroi:plan": (lambda w: [w.overeenkomst.pk], lambda: {},
                  lambda w: SroiPlan.objects.filter(overeenkomst=w.overeenkomst).count()),
}


@pytest.fixture
def wereld(wereld):
    """Without a plan awaiting assessment, so a new plan may be submitted (sroi.services.plan_indienen)."""
    SroiPlan.objects.filter(pk=wereld.plan.pk).update(status=SroiPlan.Status.GOEDGEKEURD)
    return wereld


@pytest.mark.parametrize("naam", UPLOADS)
def test_nep_pdf_geweigerd(client, wereld, naam):
    args, data, aantal = UPLOADS[naam]
    client.force_login(wereld.beheerder)
    voor = aantal(wereld)
    bestand = SimpleUploadedFile("kvk-uittreksel.pdf", NEP_PDF, content_type="application/pdf")
    client.post(reverse(naam, args=args(wereld)), {**data(), "bestand": bestand})
    assert aantal(wereld) == voor


@pytest.mark.parametrize("naam", UPLOADS)
def test_echte_pdf_wel_opgeslagen(client, wereld, naam):
    args, data, aantal = UPLOADS[naam]
    client.force_login(wereld.beheerder)
    voor = aantal(wereld)
    bestand = SimpleUploadedFile("kvk-uittreksel.pdf", geldige_pdf(1), content_type="application/pdf")
    client.post(reverse(naam, args=args(wereld)), {**data(), "bestand": bestand})
    assert aantal(wereld) == voor + 1


@pytest.mark.parametrize(("maak", "tekst"), [
    (sb.pdf_met_openaction_javascript,
     "bevat actieve inhoud (JavaScript) en wordt daarom geweigerd"),
    (sb.pdf_met_zip_erachter,
     "bevat naast de PDF nog een ander bestand"),
], ids=["javascript", "zip-erachter"])
def test_pdf_met_actieve_inhoud_of_aanhangsel_niet_in_de_kluis(client, wereld, maak, tekst):
    """Issue 11: a real PDF that carries script or a hidden archive is refused in Dutch and not stored."""
    client.force_login(wereld.beheerder)
    voor = Bewijsstuk.objects.filter(organisatie=wereld.org).count()
    bestand = SimpleUploadedFile("kvk-uittreksel.pdf", maak(), content_type="application/pdf")
    antwoord = client.post(reverse("inschrijving:bewijsstukken"),
                           {"documentsoort": "kvk_uittreksel", "afgiftedatum": "2023-05-01", "bestand": bestand})
    assert tekst in antwoord.content.decode()
    assert Bewijsstuk.objects.filter(organisatie=wereld.org).count() == voor


def test_kluis_bewaart_naam_zonder_bidi_en_met_extensie_van_de_inhoud(client, wereld):
    """Issue 11: "factuur<RLO>gpj.exe" looks like "factuurexe.jpg"; stored and offered as "factuurgpj.pdf"."""
    client.force_login(wereld.beheerder)
    bestand = SimpleUploadedFile("factuur\u202egpj.exe", geldige_pdf(1), content_type="application/pdf")
    client.post(reverse("inschrijving:bewijsstukken"),
                {"documentsoort": "kvk_uittreksel", "afgiftedatum": "2023-05-01", "bestand": bestand})
    stuk = Bewijsstuk.objects.filter(organisatie=wereld.org).latest("pk")
    assert stuk.originele_naam == "factuurgpj.pdf"
    assert not stuk.bestand.name.endswith(".exe")


def test_opschoonmodus_beoordelaar_krijgt_nooit_het_origineel(client, wereld, settings):
    """Issue 11, ADR 0012: with UPLOAD_ACTIEVE_INHOUD = "opschonen" the wallet keeps a clean copy (served) and the
    original (kept for the record, with its own sha256); every download gives the clean copy, without script."""
    import hashlib

    settings.UPLOAD_ACTIEVE_INHOUD = "opschonen"
    client.force_login(wereld.beheerder)
    data = sb.pdf_met_openaction_javascript()
    antwoord = client.post(reverse("inschrijving:bewijsstukken"), {
        "documentsoort": "kvk_uittreksel", "afgiftedatum": "2023-05-01",
        "bestand": SimpleUploadedFile("kvk-uittreksel.pdf", data, content_type="application/pdf"),
    }, follow=True)
    stuk = Bewijsstuk.objects.filter(organisatie=wereld.org).latest("pk")

    assert "Uit dit bestand is actieve inhoud verwijderd (JavaScript)" in antwoord.content.decode()
    assert stuk.origineel_sha256 == hashlib.sha256(data).hexdigest()
    gediend = b"".join(client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk.pk])).streaming_content)
    assert hashlib.sha256(gediend).hexdigest() == stuk.sha256 != stuk.origineel_sha256
    assert b"/JavaScript" not in gediend and b"/OpenAction" not in gediend
