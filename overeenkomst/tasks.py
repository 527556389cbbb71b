"""Scheduled and after-commit work. Every task takes ids, is idempotent (a mail key in core.mail or a status
guards each effect) and catches up: a run looks at everything due up to today, not only at today."""

from __future__ import annotations

import hashlib
import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from core import kalender
from core.adressen import absolute_url
from core.mail import eenmalig_versturen, overslaan
from organisaties.models import Lidmaatschap, Rol, User
from organisaties.regios import verzegeld_document
from organisaties.rollen import CONTRACTMANAGER
from organisaties.services import bericht_versturen

from . import pdf, services
from .models import (
    Addendum,
    AddendumReactie,
    Brief,
    Contractregels,
    Overeenkomst,
    Uittreding,
    Verlengingsronde,
    Wijzigingsverzoek,
)

log = logging.getLogger(__name__)


def _ontvangers(organisatie) -> list[str]:
    adressen = {organisatie.contact_email} if organisatie.contact_email else set()
    adressen |= set(
        Lidmaatschap.objects.filter(organisatie=organisatie, rol=Rol.BEHEERDER).values_list("user__email", flat=True)
    )
    return sorted(a for a in adressen if a)


def _contractmanagers(regio_id: int) -> list[str]:
    """The contractmanagers of one region (issue 17): a role in that region, or in every region."""
    rol = Q(regiorollen__rol=CONTRACTMANAGER) & (Q(regiorollen__regio_id=regio_id) | Q(regiorollen__regio__isnull=True))
    return sorted(set(
        User.objects.filter(rol, groups__name=CONTRACTMANAGER, is_active=True).values_list("email", flat=True)
    ))


def _bureau(aanbesteding) -> str:
    """The name of the bureau in a letter: the region's bureau name; empty → the procedure's opdrachtgever."""
    return aanbesteding.regio.bureau_naam or str(aanbesteding.opdrachtgever)


def _ondertekening(aanbesteding) -> str:
    """The closing lines of a mail to a provider from the procedure's region (signature, postal address, contact);
    a region without them adds nothing, so the mail reads as before."""
    r = aanbesteding.regio
    contact = " · ".join(x for x in (r.contact_email, r.contact_telefoon) if x)
    if not (r.ondertekening or r.postadres or contact):
        return ""
    return "\n\n" + "\n".join(x for x in (r.ondertekening, r.weergavenaam_bureau, r.postadres, contact) if x)


# --- after-commit ----------------------------------------------------------------------------------------

@shared_task
def addendum_versturen(addendum_id: int) -> int:
    """Send a published addendum to each provider that must answer it."""
    addendum = Addendum.objects.filter(pk=addendum_id).select_related("aanbesteding__regio", "aanbesteding__opdrachtgever").first()
    if addendum is None:
        return 0
    verstuurd = 0
    for reactie in addendum.reacties.filter(status=AddendumReactie.Status.OPEN).select_related("overeenkomst__organisatie"):
        org = reactie.overeenkomst.organisatie
        tekst = (
            f"Beste {org.contactpersoon},\n\n{_bureau(addendum.aanbesteding)} heeft {addendum} gepubliceerd. "
            f"Het gaat in op {addendum.ingangsdatum:%d-%m-%Y}. Aanvaard of weiger het vóór die datum:\n"
            f"{absolute_url('overeenkomst:addendum', reactie.pk)}\n\nEen weigering beëindigt uw deelname aan de betrokken "
            "percelen op de ingangsdatum."
            f"{_ondertekening(addendum.aanbesteding)}"
        )
        if bericht_versturen(org, sleutel=f"addendum:{reactie.pk}:verstuurd", soort="Addendum",
                             onderwerp=f"{addendum} – reactie gevraagd", tekst=tekst, ontvangers=_ontvangers(org),
                             regio_id=addendum.aanbesteding.regio_id, pad=reverse("overeenkomst:addendum", args=[reactie.pk])):
            AddendumReactie.objects.filter(pk=reactie.pk).update(verstuurd_op=kalender.nu())
            verstuurd += 1
    return verstuurd


@shared_task
def wijzigingsverzoek_besluit_versturen(verzoek_id: int) -> bool:
    verzoek = Wijzigingsverzoek.objects.filter(pk=verzoek_id).select_related(
        "overeenkomst__organisatie", "overeenkomst__aanbesteding__regio"
    ).first()
    if verzoek is None or verzoek.status == Wijzigingsverzoek.Status.INGEDIEND:
        return False
    org = verzoek.overeenkomst.organisatie
    tekst = (
        f"Uw wijzigingsverzoek ({verzoek.get_soort_display()}) is {verzoek.get_status_display().lower()}.\n{verzoek.reden}"
        f"{_ondertekening(verzoek.overeenkomst.aanbesteding)}"
    )
    return bericht_versturen(
        org, sleutel=f"wijzigingsverzoek:{verzoek.pk}:besluit", soort="Besluit wijzigingsverzoek",
        onderwerp=f"Besluit wijzigingsverzoek {verzoek.get_soort_display()}", tekst=tekst, ontvangers=_ontvangers(org),
        regio_id=verzoek.overeenkomst.aanbesteding.regio_id, pad=reverse("overeenkomst:detail", args=[verzoek.overeenkomst_id]),
    )


@shared_task
def verlenging_versturen(ronde_id: int) -> int:
    """Tell every provider with a running agreement that the term will be extended and until when it can
    object (003a §3.6: silence counts as consent)."""
    ronde = Verlengingsronde.objects.filter(pk=ronde_id).select_related("aanbesteding__regio").first()
    if ronde is None:
        return 0
    aantal = 0
    for ovk in Overeenkomst.objects.filter(aanbesteding=ronde.aanbesteding, status=Overeenkomst.Status.ACTIEF).select_related("organisatie"):
        tekst = (
            f"De looptijd van {ronde.aanbesteding} wordt verlengd tot {ronde.nieuwe_einddatum:%d-%m-%Y}. Wilt u niet "
            f"verlengen, maak dan per aangetekende brief bezwaar vóór {ronde.bezwaar_tot:%d-%m-%Y}. Zonder (tijdig) bezwaar "
            "stemt u in met de verlenging (003a §3.6)."
            f"{_ondertekening(ronde.aanbesteding)}"
        )
        aantal += bericht_versturen(
            ovk.organisatie, sleutel=f"verlenging:{ronde.pk}:{ovk.pk}", soort="Verlenging",
            onderwerp=f"Verlenging {ronde.aanbesteding}", tekst=tekst, ontvangers=_ontvangers(ovk.organisatie),
            regio_id=ronde.aanbesteding.regio_id, pad=reverse("overeenkomst:detail", args=[ovk.pk]),
        )
    return aantal


@shared_task
def clientenstop_melden(clientenstop_id: int) -> bool:
    from .models import Clientenstop

    stop = Clientenstop.objects.filter(pk=clientenstop_id).select_related(
        "deelname__perceel", "deelname__overeenkomst__organisatie", "deelname__overeenkomst__aanbesteding__regio"
    ).first()
    if stop is None:
        return False
    org = stop.deelname.overeenkomst.organisatie
    tot = f" tot en met {stop.tot:%d-%m-%Y}" if stop.tot else " tot opheffing"
    tekst = (
        f"Voor perceel {stop.deelname.perceel} geldt vanaf {stop.van:%d-%m-%Y}{tot} een cliëntenstop: {stop.reden}"
        f"{_ondertekening(stop.deelname.overeenkomst.aanbesteding)}"
    )
    return bericht_versturen(
        org, sleutel=f"clientenstop:{stop.pk}", soort="Cliëntenstop", onderwerp=f"Cliëntenstop perceel {stop.deelname.perceel.code}",
        tekst=tekst, ontvangers=_ontvangers(org), regio_id=stop.deelname.overeenkomst.aanbesteding.regio_id,
        pad=reverse("overeenkomst:detail", args=[stop.deelname.overeenkomst_id]),
    )


@shared_task
def ontvangstbevestiging_maken(brief_id: int) -> bool:
    """Make, seal (core.zegel, register "ontvangstbevestiging") and store the receipt of one letter, then mail the
    provider a link to it (issue 18, ADR 0017). Idempotent: the row lock and the stored file make a redelivery or
    a parallel worker reuse the first receipt, and the mail goes once per letter (``core.mail.eenmalig_versturen``)."""
    with transaction.atomic():
        brief = Brief.objects.select_for_update(of=("self",)).select_related(
            "overeenkomst__organisatie", "overeenkomst__aanbesteding__regio", "door", "vastgelegd_door"
        ).filter(pk=brief_id).first()
        if brief is None:
            return False
        ab, org = brief.overeenkomst.aanbesteding, brief.overeenkomst.organisatie
        if not brief.bevestiging:
            inhoud = verzegeld_document(
                ab.regio, pdf.ontvangstbevestiging(brief), soort="ontvangstbevestiging",
                titel=f"Ontvangstbevestiging {brief.get_soort_display().lower()} ({brief.sleutel})",
                uitgegeven_aan=f"{org.naam} (KvK {org.kvk_nummer})",
            )
            brief.bevestiging.save(f"ontvangstbevestiging-{brief.pk}.pdf", ContentFile(inhoud), save=False)
            Brief.objects.filter(pk=brief.pk).update(
                bevestiging=brief.bevestiging.name, bevestiging_sha256=hashlib.sha256(inhoud).hexdigest(),
                bevestigd_op=kalender.nu(),
            )
    moment = brief.ontvangen_op.astimezone(kalender.TZ)
    tekst = (
        f"Beste {org.contactpersoon or org.naam},\n\n"
        f"{_bureau(ab)} bevestigt: {brief.get_soort_display().lower()} ({brief.get_kanaal_display().lower()}), ontvangen "
        f"op {moment:%d-%m-%Y om %H:%M}. Termijnen tellen vanaf dat moment.\n{brief.samenvatting}\n\n"
        f"De verzegelde ontvangstbevestiging (PDF) staat in uw portaal:\n"
        f"{absolute_url('overeenkomst:ontvangstbevestiging', brief.pk)}"
        f"{_ondertekening(ab)}"
    )
    bericht_versturen(
        org, sleutel=f"brief:{brief.pk}:bevestiging", soort="Ontvangstbevestiging",
        onderwerp=f"Ontvangstbevestiging: {brief.get_soort_display()}", tekst=tekst, ontvangers=_ontvangers(org),
        regio_id=ab.regio_id, pad=reverse("overeenkomst:ontvangstbevestiging", args=[brief.pk]),
    )
    return True


@shared_task
def ontvangstbevestigingen_inhalen() -> int:
    """Catch-up: every letter without a receipt yet (a lost task, a failed seal) gets one."""
    ids = list(Brief.objects.filter(bevestiging="").values_list("pk", flat=True)[:500])
    return sum(1 for pk in ids if ontvangstbevestiging_maken(pk))


# --- daily (Celery beat) ----------------------------------------------------------------------------------

@shared_task
def addenda_herinneren() -> int:
    """Remind providers that have not answered, N days before the effective date (Contractregels). A missed
    run sends only the most recent reminder that is due and marks the earlier ones as passed."""
    vandaag = kalender.vandaag()
    aantal = 0
    reacties = AddendumReactie.objects.filter(
        status=AddendumReactie.Status.OPEN, addendum__status=Addendum.Status.GEPUBLICEERD, addendum__ingangsdatum__gt=vandaag
    ).select_related("addendum__aanbesteding__regio", "overeenkomst__organisatie")
    for reactie in reacties:
        r = Contractregels.voor(reactie.addendum.aanbesteding)
        due = [n for n in r.addendum_herinneringen if vandaag >= kalender.plus_kalenderdagen(reactie.addendum.ingangsdatum, -n)]
        if not due:
            continue
        laatste = min(due)
        for n in due:
            if n != laatste:
                overslaan(f"addendum:{reactie.pk}:{n}d")
        org = reactie.overeenkomst.organisatie
        tekst = (
            f"Herinnering: {reactie.addendum} gaat in op {reactie.addendum.ingangsdatum:%d-%m-%Y} en u heeft nog niet "
            f"gereageerd.\n{absolute_url('overeenkomst:addendum', reactie.pk)}{_ondertekening(reactie.addendum.aanbesteding)}"
        )
        aantal += bericht_versturen(
            org, sleutel=f"addendum:{reactie.pk}:{laatste}d", soort="Herinnering", onderwerp=f"Herinnering: {reactie.addendum}",
            tekst=tekst, ontvangers=_ontvangers(org), regio_id=reactie.addendum.aanbesteding.regio_id,
            pad=reverse("overeenkomst:addendum", args=[reactie.pk]),
        )
    return aantal


@shared_task
def addenda_in_werking() -> int:
    """Every published addendum whose effective date has come (also after a missed run)."""
    ids = Addendum.objects.filter(status=Addendum.Status.GEPUBLICEERD, ingangsdatum__lte=kalender.vandaag()).values_list("pk", flat=True)
    return sum(1 for pk in list(ids) if services.addendum_in_werking(addendum_id=pk))


@shared_task
def uittredingen_afronden() -> int:
    ids = Uittreding.objects.filter(status=Uittreding.Status.LOPEND, clienten_overgedragen_op__isnull=False).values_list("pk", flat=True)
    return sum(
        1 for pk in list(ids)
        if services.uittreding_afronden_indien_klaar(uittreding_id=pk).status == Uittreding.Status.AFGEROND
    )


@shared_task
def clientenstops_bijwerken() -> int:
    return services.clientenstops_bijwerken()


@shared_task
def verlengingen() -> int:
    """Remind contractmanagers before the announcement date (003a §3.6: 1 September) and process rounds whose
    objection date has passed."""
    from aanbesteding.models import Aanbesteding

    vandaag = kalender.vandaag()
    aantal = 0
    for ab in Aanbesteding.objects.filter(verlenging_jaren__gt=0).exclude(status=Aanbesteding.Status.BEEINDIGD).select_related("contractregels", "regio"):
        uiterlijk, _ = services.verlengingsdata(ab)
        if uiterlijk is None or ab.verlengingsrondes.filter(oude_einddatum=ab.looptijd_einde).exists():
            continue
        r = Contractregels.voor(ab)
        if kalender.plus_kalenderdagen(uiterlijk, -r.verlenging_herinnering_dagen) <= vandaag <= uiterlijk:
            tekst = (
                f"De looptijd van {ab} eindigt op {ab.looptijd_einde:%d-%m-%Y}. Een verlenging met {ab.verlenging_jaren} "
                f"jaar moet uiterlijk {uiterlijk:%d-%m-%Y} worden aangekondigd (003a §3.6)."
            )
            aantal += eenmalig_versturen(f"verlenging:{ab.pk}:{ab.looptijd_einde}", f"Verlenging {ab} aankondigen", tekst, _contractmanagers(ab.regio_id))
    for pk in list(Verlengingsronde.objects.filter(status=Verlengingsronde.Status.AANGEKONDIGD, bezwaar_tot__lte=vandaag).values_list("pk", flat=True)):
        aantal += bool(services.verlenging_verwerken(ronde_id=pk))
    # Term over without extension: the deelnames end on the last day of the term.
    for pk in list(Aanbesteding.objects.filter(looptijd_einde__lt=vandaag, overeenkomsten__deelnames__status__in=services.LOPEND)
                   .distinct().values_list("pk", flat=True)):
        aantal += bool(services.looptijd_beeindigen(aanbesteding_id=pk, op=vandaag))
    return aantal


@shared_task
def bewijsstukken_herinneren() -> int:
    """Remind providers 6 and 2 weeks (Contractregels) before evidence expires; catch up without repeating."""
    from .selectors import verlopende_bewijsstukken

    vandaag = kalender.vandaag()
    weken_per_org = {}
    for ovk in Overeenkomst.objects.filter(status=Overeenkomst.Status.ACTIEF).select_related("aanbesteding__contractregels"):
        weken = Contractregels.voor(ovk.aanbesteding).bewijs_herinneringen
        weken_per_org[ovk.organisatie_id] = sorted(set(weken_per_org.get(ovk.organisatie_id, [])) | set(weken), reverse=True)
    maximum = max((w[0] for w in weken_per_org.values() if w), default=6)
    aantal = 0
    for bewijs in verlopende_bewijsstukken(binnen_dagen=7 * maximum, op=vandaag).filter(geldig_tot__gte=vandaag):
        weken = weken_per_org.get(bewijs.organisatie_id, [])
        due = [w for w in weken if vandaag >= kalender.plus_kalenderdagen(bewijs.geldig_tot, -7 * w)]
        if not due:
            continue
        laatste = min(due)
        for w in due:
            if w != laatste:
                overslaan(f"bewijs:{bewijs.pk}:{bewijs.geldig_tot}:{w}w")
        tekst = (
            f"Uw {bewijs.get_documentsoort_display()} ({bewijs.titel or bewijs.originele_naam}) is geldig tot "
            f"{bewijs.geldig_tot:%d-%m-%Y}. Upload tijdig een nieuwe versie in uw portaal."
        )
        # The wallet is the organisation's, not a region's: the message has no region.
        aantal += bericht_versturen(
            bewijs.organisatie, sleutel=f"bewijs:{bewijs.pk}:{bewijs.geldig_tot}:{laatste}w", soort="Herinnering",
            onderwerp=f"Bewijsstuk verloopt op {bewijs.geldig_tot:%d-%m-%Y}", tekst=tekst,
            ontvangers=_ontvangers(bewijs.organisatie), pad=reverse("inschrijving:bewijsstukken"),
        )
    return aantal


@shared_task
def toelatingen_inhalen() -> int:
    """Catch-up for the hand-over from toetsing: definitive admissions without an agreement (a lost signal or
    a failed receiver). See overeenkomst.koppeling."""
    from .koppeling import openstaande_toelatingen_verwerken

    return openstaande_toelatingen_verwerken()


@shared_task
def dagelijks() -> dict:
    """All daily work in a fixed order (stops before effective dates before endings)."""
    return {
        "toelatingen": toelatingen_inhalen(),
        "ontvangstbevestigingen": ontvangstbevestigingen_inhalen(),
        "clientenstops": clientenstops_bijwerken(),
        "addenda_in_werking": addenda_in_werking(),
        "uittredingen": uittredingen_afronden(),
        "verlengingen": verlengingen(),
        "addenda_herinnerd": addenda_herinneren(),
        "bewijs_herinnerd": bewijsstukken_herinneren(),
    }
