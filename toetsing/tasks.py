"""Celery tasks: take ids, are idempotent, and catch up on missed runs (they work from state, not from 'now')."""

import hashlib
import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from core import kalender, zegel
from core.adressen import absolute_url
from core.audit import audit
from core.mail import eenmalig_versturen
from organisaties.regios import verzegeld_document
from organisaties.services import bericht_versturen

logger = logging.getLogger(__name__)


@shared_task
def besluitbrief_maken_en_aankondigen(besluit_id: int) -> bool:
    """Generate the decision letter (once) and announce it by e-mail (once)."""
    from organisaties.models import Lidmaatschap, Rol

    from .models import Besluit
    from .pdf import besluitbrief_pdf, briefteksten

    with transaction.atomic():
        besluit = Besluit.objects.select_for_update().filter(pk=besluit_id, verzonden_op__isnull=False).first()
        if besluit is None:
            return False
        if not besluit.brief:
            # Sealed for the provider (issue 18, ADR 0015). A failed seal leaves the letter unmade and the mail
            # unsent (the mail announces the letter): the next run of this idempotent task does both.
            organisatie = besluit.inschrijving.organisatie
            regio = besluit.aanbesteding.regio
            try:
                inhoud = verzegeld_document(
                    regio, besluitbrief_pdf(besluit), soort="besluitbrief",
                    titel=f"Besluit {besluit.pk} op inschrijving {besluit.inschrijving_id} - {besluit.aanbesteding.titel}",
                    uitgegeven_aan=f"{organisatie.naam} (KvK {organisatie.kvk_nummer})",
                )
            except zegel.ZegelFout:
                logger.exception("Besluitbrief %s niet verzegeld; volgende run probeert opnieuw", besluit.pk)
                raise  # the outbox row stays open: the relay runs this again
            besluit.brief.save(f"besluit-{besluit.pk}.pdf", ContentFile(inhoud), save=False)
            besluit.brief_sha256 = hashlib.sha256(inhoud).hexdigest()
            besluit.save(update_fields=["brief", "brief_sha256"])
            audit("toetsing.brief_gemaakt", besluit, nieuw={"sha256": besluit.brief_sha256})
    if besluit.gemaild_op is not None:
        return False
    organisatie = besluit.inschrijving.organisatie
    ontvangers = set(
        Lidmaatschap.objects.filter(organisatie=organisatie, rol=Rol.BEHEERDER).values_list("user__email", flat=True)
    )
    if organisatie.contact_email:
        ontvangers.add(organisatie.contact_email)
    context = {"besluit": besluit, "organisatie": organisatie, "teksten": briefteksten(besluit.aanbesteding),
               "url": absolute_url("toetsing:mijn_besluit", besluit.pk)}
    bericht_versturen(
        organisatie, sleutel=f"besluit:{besluit.pk}", soort="Besluit",
        onderwerp=f"Besluit op uw inschrijving voor {besluit.aanbesteding.titel}",
        tekst=render_to_string("toetsing/email/besluit.txt", context), ontvangers=sorted(ontvangers),
        regio_id=besluit.aanbesteding.regio_id, pad=reverse("toetsing:mijn_besluit", args=[besluit.pk]),
    )
    # Marked only after sending, so a crash before it leaves the mail to a re-run.
    if Besluit.objects.filter(pk=besluit.pk, gemaild_op__isnull=True).update(gemaild_op=kalender.nu()):
        audit("toetsing.besluit_gemaild", besluit, nieuw={"ontvangers": sorted(ontvangers)})
    return True


@shared_task
def standstill_verwerken() -> int:
    """Make every toelating definitief whose standstill passed without a kort geding/bezwaar (catches up)."""
    from . import services

    aantal = 0
    for besluit_id in services.te_verwerken_besluiten():
        aantal += bool(services.besluit_definitief_maken(besluit_id=besluit_id))
    return aantal


@shared_task
def herstel_hervatten_inhalen() -> int:
    """Catch-up for the ``inschrijving.signals.herstel_afgerond`` signal (ADR 0009): resume every assessment
    waiting for herstel whose inschrijving has no open herstelverzoek anymore (answered, expired, or past its
    deadline). Idempotent: herstel_hervatten leaves an assessment alone that is not waiting or still waits."""
    from . import services
    from .models import Toetsing

    aantal = 0
    for inschrijving_id in Toetsing.objects.filter(status=Toetsing.Status.HERSTEL).values_list("inschrijving_id", flat=True):
        aantal += bool(services.herstel_hervatten(inschrijving_id=inschrijving_id))
    return aantal


@shared_task
def toewijzing_aankondigen(toewijzing_id: int) -> bool:
    """Tell the assessor there is an inschrijving to assess. The mail names only the procedure and a link:
    the provider's name and content appear after the declaration of no conflict of interest."""
    from .models import Toewijzing

    toewijzing = (
        Toewijzing.objects.select_related("beoordelaar", "toetsing__aanbesteding__regio")
        .filter(pk=toewijzing_id, gemaild_op__isnull=True, status=Toewijzing.Status.TOEGEWEZEN).first()
    )
    if toewijzing is None:
        return False
    context = {"toewijzing": toewijzing, "afzender": toewijzing.toetsing.aanbesteding.regio.bureau_naam.strip(),
               "url": absolute_url("toetsing_inschrijving", toewijzing.toetsing.inschrijving_id)}
    eenmalig_versturen(
        f"toewijzing:{toewijzing.pk}", f"Nieuwe inschrijving te beoordelen: {toewijzing.toetsing.aanbesteding.titel}",
        render_to_string("toetsing/email/toewijzing.txt", context), [toewijzing.beoordelaar.email],
    )
    Toewijzing.objects.filter(pk=toewijzing.pk, gemaild_op__isnull=True).update(gemaild_op=kalender.nu())
    return True


@shared_task
def pv_beoordeling_ronde_maken(toetredingsmoment_id: int) -> bool:
    """Make the round's proces-verbaal van beoordeling once its assessment is complete (issue 18). Idempotent:
    a round not complete yet, or with a PV already, is left alone; a later decision in the round calls it again."""
    from . import services

    return services.pv_beoordeling_opmaken(toetredingsmoment_id=toetredingsmoment_id) is not None
