"""Background work after an NvI is published: its PDF and the e-mail to providers. Idempotent."""

import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from core import kalender, zegel
from core.adressen import absoluut
from organisaties.models import Organisatie, User
from organisaties.regios import verzegeld_document
from organisaties.services import bericht_rondsturen

from .models import NotaVanInlichtingen
from .pdf import nvi_pdf
from .selectors import nvi_vragen
from .services import publieke_url

logger = logging.getLogger(__name__)


@shared_task
def nvi_pdf_maken(nvi_id: int) -> bool:
    """Store the PDF of the NvI. A second run leaves an existing PDF alone (a published NvI never changes)."""
    nvi = NotaVanInlichtingen.objects.select_related("aanbesteding__regio").filter(pk=nvi_id).first()
    if nvi is None or nvi.pdf:
        return False
    regio = nvi.aanbesteding.regio
    try:
        # Public document, sealed by the bureau and issued to everyone (issue 18, ADR 0015).
        inhoud = verzegeld_document(
            regio, nvi_pdf(nvi, nvi_vragen(nvi)), soort="nota_van_inlichtingen", titel=str(nvi),
            uitgegeven_aan="openbaar",
        )
    except zegel.ZegelFout:
        logger.exception("NvI %s niet verzegeld; de PDF volgt bij een volgende run", nvi.pk)
        raise  # the outbox row stays open: the relay runs this again
    nvi.pdf.save(f"nvi-{nvi.aanbesteding.slug}-{nvi.nummer}.pdf", ContentFile(inhoud), save=False)
    NotaVanInlichtingen.objects.filter(pk=nvi.pk, pdf="").update(pdf=nvi.pdf.name)
    return True


def ontvangers_nvi():
    """Every verified e-mail address of a member of a provider organisation (providers with an account)."""
    return list(
        User.objects.filter(
            is_active=True,
            lidmaatschappen__organisatie__soort=Organisatie.Soort.AANBIEDER,
            emailaddress__verified=True,
        ).values_list("email", flat=True).distinct().order_by("email")
    )


@shared_task
def nvi_aanbieders_mailen(nvi_id: int) -> int:
    """Tell every provider with an account that a new NvI is out. Sent once: gemaild_op marks it."""
    nvi = NotaVanInlichtingen.objects.select_related("aanbesteding").filter(pk=nvi_id).first()
    if nvi is None or nvi.gemaild_op is not None:
        return 0
    pad = f"{publieke_url(nvi.aanbesteding)}nvi/{nvi.nummer}/"
    tekst = render_to_string("aanbesteding/email/nvi.txt", {"nvi": nvi, "url": absoluut(pad)})
    onderwerp = f"Nota van Inlichtingen {nvi.nummer} gepubliceerd: {nvi.aanbesteding.titel}"
    # In the inbox of every provider organisation with an account, and one mail per address (no provider sees the
    # others), each recorded before it goes out (core.mail), so a redelivered or interrupted run sends only the
    # ones still missing.
    organisaties = Organisatie.objects.filter(
        soort=Organisatie.Soort.AANBIEDER, lidmaatschappen__user__is_active=True,
        lidmaatschappen__user__emailaddress__verified=True,
    ).distinct()
    aantal = bericht_rondsturen(organisaties, sleutel=f"nvi:{nvi.pk}", soort="Nota van Inlichtingen",
                                onderwerp=onderwerp, tekst=tekst, adressen=ontvangers_nvi(),
                                regio_id=nvi.aanbesteding.regio_id, pad=pad)
    NotaVanInlichtingen.objects.filter(pk=nvi.pk, gemaild_op__isnull=True).update(gemaild_op=kalender.nu())
    return aantal
