"""Every provider upload goes through core.uploads.valideer_upload: a file that only claims to be a PDF (an
HTML page named .pdf, served later it could run script) is refused and nothing is stored. A real PDF through
the same form is stored: the control that proves the refusal comes from the content check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inschrijving.models import Bewijsstuk
from sroi.models import SroiBewijsstuk, SroiPlan
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
