"""Background work of the inschrijving app. Every task takes ids, is idempotent and works from state, so a
lost or repeated run does no harm and a scheduled run catches up on what was missed (ARCHITECTURE rule 6)."""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from aanbesteding.models import Toetredingsmoment
from core import kalender, zegel
from core.adressen import absolute_url
from core.audit import audit
from core.kalender import TZ
from core.models import AuditRegel
from organisaties.models import Lidmaatschap, Rol
from organisaties.regios import verzegeld_document
from organisaties.services import bericht_versturen

from . import pdf
from .clamd import ClamdFout, scan_stream
from .models import Bewijsstuk, Herstelverzoek, Inschrijving, ProcesVerbaalOpening

logger = logging.getLogger(__name__)

# Text for the assessors' search; capped so one huge PDF cannot fill the database.
MAX_TEKST = 500_000


def _ontvangers(organisatie, extra=None) -> list[str]:
    adressen = list(
        Lidmaatschap.objects.filter(organisatie=organisatie, rol=Rol.BEHEERDER).values_list("user__email", flat=True)
    )
    if extra and extra not in adressen:
        adressen.append(extra)
    if not adressen and organisatie.contact_email:
        adressen.append(organisatie.contact_email)
    return adressen


@shared_task
def bewijsstuk_controleren(bewijsstuk_id: int) -> str:
    """Text extraction (pypdf) and, when settings.CLAMD_SOCKET is set, a virus scan; then "in orde" or
    "geweigerd". Runs after commit; a clamd outage leaves the status "wordt gecontroleerd" and the scheduled
    nacontrole tries again."""
    stuk = Bewijsstuk.objects.filter(pk=bewijsstuk_id).first()
    if stuk is None or stuk.controle != Bewijsstuk.Controle.BEZIG:
        return "overgeslagen"
    socket_pad = getattr(settings, "CLAMD_SOCKET", "")
    if socket_pad:
        try:
            with stuk.bestand.open("rb") as f:
                uitslag = scan_stream(socket_pad, f)
        except ClamdFout as fout:
            logger.warning("Virusscan bewijsstuk %s niet gelukt: %s", bewijsstuk_id, fout)
            Bewijsstuk.objects.filter(pk=stuk.pk).update(controle_melding="De virusscan wordt opnieuw geprobeerd.")
            return "opnieuw"
        if not uitslag.schoon:
            with transaction.atomic():
                Bewijsstuk.objects.filter(pk=stuk.pk).update(
                    controle=Bewijsstuk.Controle.GEWEIGERD,
                    controle_melding=f"Het bestand bevat een virus of schadelijke inhoud ({uitslag.virus}).",
                )
                audit("bewijsstuk.geweigerd", stuk, door=None, nieuw={"virus": uitslag.virus})
            return "geweigerd"
    tekst = ""
    if stuk.mime_type == "application/pdf":
        tekst = _pdf_tekst(stuk)
    with transaction.atomic():
        # gescand_op only when clamd actually answered "OK": "in orde" without it reads "niet op virussen
        # gescand" to provider and staff (issue 11).
        Bewijsstuk.objects.filter(pk=stuk.pk, controle=Bewijsstuk.Controle.BEZIG).update(
            controle=Bewijsstuk.Controle.IN_ORDE, controle_melding="", tekst=tekst,
            gescand_op=kalender.nu() if socket_pad else None,
        )
    return "in_orde"


def _pdf_tekst(stuk) -> str:
    from pypdf import PdfReader

    delen: list[str] = []
    lengte = 0
    try:
        with stuk.bestand.open("rb") as f:
            for pagina in PdfReader(f, strict=False).pages:
                deel = pagina.extract_text() or ""
                delen.append(deel)
                lengte += len(deel)
                if lengte >= MAX_TEKST:
                    break
    except Exception as fout:  # a PDF that passed validation but trips the text extractor: keep it, no text
        logger.info("Geen tekst uit bewijsstuk %s: %r", stuk.pk, fout)
    return "\n".join(delen)[:MAX_TEKST].replace("\x00", "")


@shared_task
def bewijsstukken_nacontroleren() -> int:
    """Scheduled: re-run the check for files still "wordt gecontroleerd" after 5 minutes (lost task, clamd down)."""
    grens = kalender.nu() - timedelta(minutes=5)
    ids = list(Bewijsstuk.objects.filter(controle=Bewijsstuk.Controle.BEZIG, geupload_op__lt=grens).values_list("pk", flat=True)[:200])
    for pk in ids:
        bewijsstuk_controleren.delay(pk)
    return len(ids)


@shared_task
def ontvangstbewijs_versturen(inschrijving_id: int) -> str:
    """Make the receipt PDF (once) and mail the confirmation with it (once)."""
    insch = Inschrijving.objects.select_related("organisatie", "ingediend_door", "aanbesteding__regio").get(pk=inschrijving_id)
    if not insch.ingediend_op:
        return "niet ingediend"
    if not insch.ontvangstbewijs:
        # Sealed for the provider (issue 18, ADR 0015). A seal that fails leaves the receipt unmade: the mail
        # needs it, and the next run of this idempotent task makes both.
        regio = insch.aanbesteding.regio
        try:
            inhoud = verzegeld_document(
                regio, pdf.ontvangstbewijs(insch.bevroren_inhoud), soort="ontvangstbewijs",
                titel=f"Ontvangstbewijs inschrijving {insch.pk} - {insch.aanbesteding.titel}",
                uitgegeven_aan=f"{insch.organisatie.naam} (KvK {insch.organisatie.kvk_nummer})",
            )
        except zegel.ZegelFout:
            logger.exception("Ontvangstbewijs inschrijving %s niet verzegeld; volgende run probeert opnieuw", insch.pk)
            raise  # the outbox row stays open: the relay and ontvangstbewijzen_inhalen run this again
        insch.ontvangstbewijs.save(f"ontvangstbewijs-{insch.pk}.pdf", ContentFile(inhoud), save=False)
        Inschrijving.objects.filter(pk=insch.pk).update(ontvangstbewijs=insch.ontvangstbewijs.name)
    if insch.bevestiging_verstuurd_op:
        return "al verstuurd"
    context = {"inschrijving": insch, "url": absolute_url("inschrijving:bevestiging", insch.pk),
               "ingediend_op": insch.ingediend_op.astimezone(TZ)}
    with insch.ontvangstbewijs.open("rb") as f:
        bijlage = (f"ontvangstbewijs-inschrijving-{insch.pk}.pdf", f.read(), "application/pdf")
    # Recorded before sending (core.mail): a redelivered task finds the key and sends nothing; the mark below
    # is then still set, so the catch-up stops asking.
    bericht_versturen(
        insch.organisatie, sleutel=f"ontvangstbewijs:{insch.pk}", soort="Ontvangstbevestiging",
        onderwerp=f"Ontvangstbevestiging inschrijving {insch.aanbesteding.titel}",
        tekst=render_to_string("inschrijving/email/ontvangst.txt", context),
        ontvangers=_ontvangers(insch.organisatie, getattr(insch.ingediend_door, "email", None)), bijlagen=[bijlage],
        regio_id=insch.aanbesteding.regio_id, pad=reverse("inschrijving:bevestiging", args=[insch.pk]),
    )
    Inschrijving.objects.filter(pk=insch.pk, bevestiging_verstuurd_op__isnull=True).update(bevestiging_verstuurd_op=kalender.nu())
    return "verstuurd"


@shared_task
def ontvangstbewijzen_inhalen() -> int:
    """Scheduled: the receipt of every submission whose confirmation has not gone out after 5 minutes (a task lost
    with the broker or a worker, issue 18). Works from state (``bevestiging_verstuurd_op``), so it catches up."""
    grens = kalender.nu() - timedelta(minutes=5)
    ids = list(Inschrijving.objects.filter(ingediend_op__isnull=False, ingediend_op__lt=grens,
                                           bevestiging_verstuurd_op__isnull=True).values_list("pk", flat=True)[:200])
    for pk in ids:
        ontvangstbewijs_versturen.delay(pk)
    return len(ids)


@shared_task
def herstelverzoek_mailen(herstelverzoek_id: int) -> str:
    """Mail the provider the herstelverzoek, once: ``gemaild_op`` records that it went out."""
    verzoek = Herstelverzoek.objects.select_related("inschrijving__organisatie", "inschrijving__aanbesteding").get(pk=herstelverzoek_id)
    if verzoek.gemaild_op is not None:
        return "al verstuurd"
    insch = verzoek.inschrijving
    context = {"verzoek": verzoek, "inschrijving": insch, "deadline": verzoek.deadline.astimezone(TZ),
               "url": absolute_url("inschrijving:herstel", insch.pk, verzoek.pk)}
    ontvangers = _ontvangers(insch.organisatie)
    bericht_versturen(
        insch.organisatie, sleutel=f"herstelverzoek:{verzoek.pk}", soort="Herstelverzoek",
        onderwerp=f"Herstelverzoek bij uw inschrijving {insch.aanbesteding.titel}",
        tekst=render_to_string("inschrijving/email/herstel.txt", context), ontvangers=ontvangers,
        regio_id=insch.aanbesteding.regio_id, pad=reverse("inschrijving:herstel", args=[insch.pk, verzoek.pk]),
    )
    # Marked only after sending, so a failed send leaves it to a retry; the conditional update lets only one of
    # two concurrent runs record (and audit) it.
    if Herstelverzoek.objects.filter(pk=verzoek.pk, gemaild_op__isnull=True).update(gemaild_op=kalender.nu()):
        audit("herstelverzoek.gemaild", verzoek, door=None, nieuw={"ontvangers": sorted(ontvangers)})
    return "verstuurd"


@shared_task
def herstelverzoeken_verlopen() -> int:
    from .services import herstelverzoeken_laten_verlopen

    return herstelverzoeken_laten_verlopen()


def _om(moment) -> str:
    return f"{moment.astimezone(TZ):%d-%m-%Y} om {moment.astimezone(TZ):%H:%M}"


def onregelmatigheden(moment: Toetredingsmoment) -> list[str]:
    """Every irregularity of this round that the record shows, in order of time (issue 18: the PV once said
    "Geen" for a bid dated years after the deadline). A deadline of 10:00 means 10:00:00 is already late
    (kalender.is_voor_deadline, 003 r. 4806):

    - a submission after the closing moment (a staff action or data change; the submit service refuses it);
    - a submission before the round opened;
    - a submission without its "inschrijving.ingediend" audit entry (not made through the submit service);
    - a late attempt (the submit service records "inschrijving.te_laat" when it refuses for lateness);
    - a withdrawn inschrijving that had been submitted, before or after the closing moment.
    """
    sluit = moment.sluit_op
    inschrijvingen = list(Inschrijving.objects.filter(toetredingsmoment=moment).select_related("organisatie").order_by("pk"))
    namen = {i.pk: i.organisatie.naam for i in inschrijvingen}
    ct = ContentType.objects.get_for_model(Inschrijving)
    regels: list[tuple] = []
    ingediend = [i for i in inschrijvingen if i.ingediend_op is not None]
    met_indienregel = set(
        AuditRegel.objects.filter(content_type=ct, object_id__in=[str(i.pk) for i in ingediend], actie="inschrijving.ingediend")
        .values_list("object_id", flat=True)
    )
    for i in ingediend:
        naam = namen[i.pk]
        if sluit is not None and not kalender.is_voor_deadline(i.ingediend_op, sluit):
            regels.append((i.ingediend_op, f"Inschrijving van {naam} staat als ingediend op {_om(i.ingediend_op)}, "
                                           f"ná de sluiting op {_om(sluit)}."))
        if i.ingediend_op < moment.opent_op:
            regels.append((i.ingediend_op, f"Inschrijving van {naam} staat als ingediend op {_om(i.ingediend_op)}, "
                                           f"vóór de opening op {_om(moment.opent_op)}."))
        if str(i.pk) not in met_indienregel:
            regels.append((i.ingediend_op, f"Inschrijving van {naam} staat als ingediend zonder indiening via het "
                                           "portaal in het logboek."))
    # Late attempts: recorded on the draft with the round they were for (older entries: the draft's round).
    pogingen = AuditRegel.objects.filter(
        content_type=ct, actie="inschrijving.te_laat",
        object_id__in=[str(pk) for pk in Inschrijving.objects.filter(aanbesteding_id=moment.aanbesteding_id).values_list("pk", flat=True)],
    ).order_by("tijdstip", "pk")
    andere_namen = dict(
        Inschrijving.objects.filter(pk__in=[int(r.object_id) for r in pogingen]).values_list("pk", "organisatie__naam")
    )
    for r in pogingen:
        ronde = (r.nieuwe_waarden or {}).get("toetredingsmoment")
        if (ronde is None and int(r.object_id) not in namen) or (ronde is not None and ronde != moment.pk):
            continue
        regels.append((r.tijdstip, f"Te late indienpoging door {andere_namen.get(int(r.object_id), 'onbekend')}: {r.toelichting}."))
    for i in inschrijvingen:
        if i.status == Inschrijving.Status.INGETROKKEN and i.ingediend_op is not None and i.ingetrokken_op is not None:
            wanneer = "vóór" if sluit is None or kalender.is_voor_deadline(i.ingetrokken_op, sluit) else "ná"
            regels.append((i.ingetrokken_op, f"{namen[i.pk]} heeft de inschrijving {wanneer} de sluiting ingetrokken "
                                             f"op {i.ingetrokken_op.astimezone(TZ):%d-%m-%Y %H:%M}."))
    return [tekst for _, tekst in sorted(regels, key=lambda r: r[0])]


def _ontvangstbewijs_sha256(inschrijvingen) -> dict[int, str]:
    """sha256 of each stored (sealed) receipt, as the provider received it; printed in the PV van opening."""
    uit = {}
    for i in inschrijvingen:
        if i.ontvangstbewijs:
            try:
                with i.ontvangstbewijs.open("rb") as f:
                    uit[i.pk] = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                logger.warning("Ontvangstbewijs van inschrijving %s niet leesbaar voor het proces-verbaal", i.pk)
    return uit


def proces_verbaal_opmaken(moment_id: int) -> ProcesVerbaalOpening | None:
    """Make the proces-verbaal van opening of one closed window, once."""
    with transaction.atomic():
        moment = Toetredingsmoment.objects.select_for_update(of=("self",)).select_related("aanbesteding__regio").get(pk=moment_id)
        if moment.soort != Toetredingsmoment.Soort.VENSTER or moment.sluit_op is None or kalender.nu() < moment.sluit_op:
            return None
        bestaand = ProcesVerbaalOpening.objects.filter(toetredingsmoment=moment).first()
        if bestaand is not None:
            return bestaand
        inschrijvingen = list(
            Inschrijving.objects.filter(toetredingsmoment=moment, ingediend_op__isnull=False)
            .exclude(status=Inschrijving.Status.INGETROKKEN)
            .select_related("organisatie")
            .order_by("ingediend_op")
        )
        nu = kalender.nu()
        lijst = onregelmatigheden(moment)
        regio = moment.aanbesteding.regio
        try:
            inhoud = verzegeld_document(
                regio, pdf.proces_verbaal_opening(
                    aanbesteding=moment.aanbesteding, moment=moment, inschrijvingen=inschrijvingen,
                    onregelmatigheden=lijst, opgemaakt_op=nu, ontvangstbewijzen=_ontvangstbewijs_sha256(inschrijvingen),
                ),
                soort="proces_verbaal_opening", titel=f"Proces-verbaal van opening {moment.naam} - {moment.aanbesteding}",
                uitgegeven_aan=regio.weergavenaam_bureau,
            )
        except zegel.ZegelFout:
            # No PV without a seal (issue 18): the scheduled processen_verbaal_opening_maken tries again.
            logger.exception("Proces-verbaal van opening %s niet verzegeld; volgende run probeert opnieuw", moment.pk)
            return None
        pv = ProcesVerbaalOpening(
            toetredingsmoment=moment, sha256=hashlib.sha256(inhoud).hexdigest(),
            aantal_inschrijvingen=len(inschrijvingen), onregelmatigheden="\n".join(lijst),
        )
        pv.bestand.save(f"proces-verbaal-opening-{moment.pk}.pdf", ContentFile(inhoud), save=False)
        pv.save()
        audit("proces_verbaal_opening.opgemaakt", pv, door=None,
              nieuw={"aantal": len(inschrijvingen), "sha256": pv.sha256})
    return pv


@shared_task
def processen_verbaal_opening_maken() -> int:
    """Scheduled every few minutes: a PV for every closed window that has none yet (catches up missed runs)."""
    te_doen = Toetredingsmoment.objects.filter(
        soort=Toetredingsmoment.Soort.VENSTER, sluit_op__lte=kalender.nu(), proces_verbaal_opening__isnull=True
    ).values_list("pk", flat=True)
    aantal = 0
    for pk in list(te_doen):
        if proces_verbaal_opmaken(pk) is not None:
            aantal += 1
    return aantal


@shared_task
def rectificatie_melden(rectificatie_id: int) -> int:
    """Tell every provider with a draft or a submitted inschrijving of the procedure that its eisen were rectified
    (issue 18, ADR 0014), with the aanvultermijn where a submitted inschrijving may complete new eisen.

    Once per inschrijving and rectificatie: the mail goes through ``core.mail.eenmalig_versturen`` under the key
    ``rectificatie:<id>:inschrijving:<id>``, so a redelivered or concurrent run sends nothing twice and a failed
    send is retried by the next run (the outbox re-publishes this task until it finishes, ADR 0013);
    ``rectificatie_gemeld`` is raised afterwards so later runs skip the inschrijving."""
    from aanbesteding.models import Rectificatie

    from . import selectors

    rectificatie = Rectificatie.objects.select_related("aanbesteding").filter(
        pk=rectificatie_id, gepubliceerd_op__isnull=False).first()
    if rectificatie is None:
        return 0
    statussen = (Inschrijving.Status.CONCEPT, *Inschrijving.INGEDIENDE_STATUSSEN, Inschrijving.Status.BESLOTEN)
    kandidaten = (
        Inschrijving.objects.filter(aanbesteding=rectificatie.aanbesteding, status__in=statussen,
                                    rectificatie_gemeld__lt=rectificatie.nummer)
        .select_related("organisatie", "aanbesteding", "toetredingsmoment").order_by("pk")
    )
    verstuurd = 0
    for insch in kandidaten:
        aanvulling = selectors.aanvulling(insch)
        context = {
            "inschrijving": insch, "rectificatie": rectificatie, "aanvulling": aanvulling,
            "deadline": aanvulling.deadline.astimezone(TZ) if aanvulling else None,
            "url": absolute_url("inschrijving:aanvullen" if aanvulling else "inschrijving:overzicht", insch.pk),
        }
        ontvangers = _ontvangers(insch.organisatie)
        nu_verstuurd = bericht_versturen(
            insch.organisatie, sleutel=f"rectificatie:{rectificatie.pk}:inschrijving:{insch.pk}", soort="Rectificatie",
            onderwerp=f"Rectificatie {rectificatie.nummer} van de eisen: {rectificatie.aanbesteding.titel}",
            tekst=render_to_string("inschrijving/email/rectificatie.txt", context), ontvangers=ontvangers,
            regio_id=rectificatie.aanbesteding.regio_id,
            pad=reverse("inschrijving:aanvullen" if aanvulling else "inschrijving:overzicht", args=[insch.pk]),
        )
        Inschrijving.objects.filter(pk=insch.pk, rectificatie_gemeld__lt=rectificatie.nummer).update(
            rectificatie_gemeld=rectificatie.nummer)
        if nu_verstuurd:
            audit("inschrijving.rectificatie_gemeld", insch, door=None,
                  nieuw={"rectificatie": rectificatie.nummer, "ontvangers": sorted(ontvangers)})
            verstuurd += 1
    return verstuurd
