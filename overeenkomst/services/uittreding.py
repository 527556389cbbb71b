"""Uittreding (002 art. 8; 003a §3.5): the provider's notice, the opdrachtgever's termination on a recorded
ground, and the conditions (accepted, clients transferred, fee paid) before the deelnames end."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core import kalender
from core.audit import audit, momentopname
from organisaties.regios import in_bereik

from .. import regels
from ..models import Brief, Contractregels, Kanaal, Overeenkomst, Uittreding
from ..permissions import contractbeheer_bereik, is_contractbeheer, mag_namens_aanbieder_handelen
from ._gemeen import (
    LOPEND,
    _deelnames_beeindigen,
    _eis_contractbeheer,
    _eis_contractbeheer_persoon,
)
from .brieven import brief_registreren, ontvangst_bepalen, scan_controleren


def uittreding_berekenen(regels_: Contractregels, optie: str, ontvangen_op: date, aantal_clienten: int | None) -> tuple[date, Decimal | None]:
    """(earliest end date, fee) for a notice received on ``ontvangen_op``."""
    Opt = Uittreding.Optie
    if optie == Opt.MLO:
        return regels.vroegste_einde_mlo(ontvangen_op, regels_.opzegtermijn_maanden), None
    if optie == Opt.GOOI_1:
        return ontvangen_op, None  # 003a §3.5 option 1: on request, when there are no clients
    if optie == Opt.GOOI_2:
        maanden = max(regels_.opzegtermijn_maanden, 3)
        return regels.vroegste_einde_gooi_optie2(ontvangen_op, maanden), regels.uittreedvergoeding(aantal_clienten or 0, regels_.vergoeding_per_client)
    raise ValidationError("Onbekende uittredingsoptie.")


def toegestane_opties(regels_: Contractregels) -> list[str]:
    if regels_.uittredingsregime == Contractregels.Uittredingsregime.MLO:
        return [Uittreding.Optie.MLO]
    return [Uittreding.Optie.GOOI_1, Uittreding.Optie.GOOI_2]


@transaction.atomic
def uittreding_melden(*, overeenkomst, optie, door, ontvangen_op=None, kanaal=Kanaal.PORTAAL, scan=None, percelen=None,
                      aantal_clienten=None, continuiteit_toelichting="", toelichting="") -> Uittreding:
    """The provider gives notice. The earliest end and the fee are computed from the moment of receipt; the
    deelnames stay active until staff confirm the clients were transferred (002 art. 8.4) and, for option 2, the
    fee is paid (003a §3.5).

    Through the portal (``kanaal`` portaal) the provider's beheerder submits and the notice is received now. A
    registered letter that arrived by post or e-mail is recorded by a contractmanager of the region with its real
    ``ontvangen_op`` and an optional ``scan``; the notice period then counts from that moment (issue 18)."""
    moment = ontvangst_bepalen(overeenkomst=overeenkomst, kanaal=kanaal, ontvangen_op=ontvangen_op, door=door)
    scan_info = scan_controleren(scan)
    ovk = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    r = Contractregels.voor(ovk.aanbesteding)
    if optie not in toegestane_opties(r):
        raise ValidationError("Deze uittredingsoptie geldt niet voor deze aanbesteding.")
    deelnames = ovk.deelnames.filter(status__in=LOPEND)
    if percelen:
        deelnames = deelnames.filter(perceel__in=percelen)
    deelnames = list(deelnames)
    if not deelnames:
        raise ValidationError("Er is geen lopende deelname om op te zeggen.")
    if Uittreding.objects.filter(deelnames__in=deelnames, status__in=[Uittreding.Status.INGEDIEND, Uittreding.Status.LOPEND]).exists():
        raise ValidationError("Voor (een van) deze percelen loopt al een uittreding.")
    if aantal_clienten is not None and aantal_clienten < 0:
        # The form guards this too, but the service is the last word (and the fee rule would raise ValueError).
        raise ValidationError("Het aantal cliënten kan niet negatief zijn.")
    Opt = Uittreding.Optie
    if optie == Opt.GOOI_1 and aantal_clienten:
        raise ValidationError("Optie 1 geldt alleen zonder cliënten; kies optie 2 (003a §3.5).")
    if optie == Opt.GOOI_2:
        if aantal_clienten is None:
            raise ValidationError("Geef het aantal cliënten één maand vóór de opzegging (003a §3.5).")
        if not continuiteit_toelichting.strip():
            raise ValidationError("Laat schriftelijk zien hoe de continuïteit van zorg is geborgd (003a §3.5).")
    # 002 art. 8.1 / 003a §3.5: the notice period runs from receipt, in the bureau's time zone.
    ontvangen_dag = moment.astimezone(kalender.TZ).date()
    vroegste, vergoeding = uittreding_berekenen(r, optie, ontvangen_dag, aantal_clienten)
    uittreding = Uittreding.objects.create(
        overeenkomst=ovk, aanleiding=Uittreding.Aanleiding.OPZEGGING_AANBIEDER, optie=optie, ontvangen_op=ontvangen_dag,
        kanaal=kanaal, vroegste_einddatum=vroegste, aantal_clienten=aantal_clienten, vergoeding=vergoeding,
        continuiteit_toelichting=continuiteit_toelichting, toelichting=toelichting, ingediend_door=door,
    )
    uittreding.deelnames.set(deelnames)
    audit("uittreding.gemeld", ovk, door=door, nieuw=momentopname(uittreding, ["optie", "ontvangen_op", "vroegste_einddatum", "vergoeding"]))
    per_portaal = kanaal == Kanaal.PORTAAL
    brief_registreren(
        overeenkomst=ovk, soort=Brief.Soort.UITTREDING, kanaal=kanaal, ontvangen_op=moment,
        door=door if per_portaal else None, vastgelegd_door=None if per_portaal else door, scan=scan, scan_info=scan_info,
        samenvatting=_samenvatting(uittreding, deelnames), uittreding=uittreding,
    )
    return uittreding


def _samenvatting(u: Uittreding, deelnames) -> str:
    tekst = f"{u.get_optie_display() or u.get_aanleiding_display()}; percelen {', '.join(str(d.perceel) for d in deelnames)}; "
    tekst += f"vroegst mogelijke einddatum {u.vroegste_einddatum:%d-%m-%Y}"
    if u.vergoeding is not None:
        tekst += f"; vergoeding € {u.vergoeding} excl. btw"
    return tekst + "."


@transaction.atomic
def overeenkomst_beeindigen(*, overeenkomst, grond, einddatum, toelichting, door, percelen=None) -> Uittreding:
    """The opdrachtgever ends the agreement on a recorded ground (002 art. 8.3/8.5, 003a §3.5). The transfer of
    clients still has to be confirmed before the deelnames end (002 art. 8.4)."""
    _eis_contractbeheer_persoon(door, "Alleen een contractmanager of inkoper kan een overeenkomst beëindigen.", overeenkomst)
    if grond not in Uittreding.Grond.values:
        raise ValidationError("Kies een van de vastgelegde gronden.")
    if einddatum is None:
        raise ValidationError("Geef de einddatum.")
    if not toelichting.strip():
        raise ValidationError("Leg de onderbouwing van de beëindiging vast.")
    ovk = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    deelnames = ovk.deelnames.filter(status__in=LOPEND)
    if percelen:
        deelnames = deelnames.filter(perceel__in=percelen)
    deelnames = list(deelnames)
    if not deelnames:
        raise ValidationError("Er is geen lopende deelname.")
    uittreding = Uittreding.objects.create(
        overeenkomst=ovk, aanleiding=Uittreding.Aanleiding.BEEINDIGING_OPDRACHTGEVER, grond=grond,
        ontvangen_op=kalender.vandaag(), vroegste_einddatum=einddatum, toelichting=toelichting,
        status=Uittreding.Status.LOPEND, ingediend_door=door,
    )
    uittreding.deelnames.set(deelnames)
    audit("overeenkomst.beeindiging", ovk, door=door, nieuw={"grond": grond, "einddatum": einddatum}, toelichting=toelichting)
    brief_registreren(
        overeenkomst=ovk, soort=Brief.Soort.BEEINDIGING, kanaal=Kanaal.PORTAAL, ontvangen_op=kalender.nu(), door=door,
        samenvatting=f"Beëindiging op grond van {uittreding.get_grond_display().lower()} per {einddatum:%d-%m-%Y}.",
        uittreding=uittreding,
    )
    return uittreding


def _eis_lopende_uittreding(uittreding_pk):
    u = Uittreding.objects.select_for_update().get(pk=uittreding_pk)
    if u.status not in (Uittreding.Status.INGEDIEND, Uittreding.Status.LOPEND):
        raise ValidationError("Deze uittreding is al afgerond of ingetrokken.")
    return u


@transaction.atomic
def uittreding_aanvaarden(*, uittreding, door) -> Uittreding:
    """Staff accept the provider's notice; it ends once the other conditions are met."""
    _eis_contractbeheer(door, uittreding)
    u = _eis_lopende_uittreding(uittreding.pk)
    Uittreding.OVERGANGEN.zet(u, Uittreding.Status.LOPEND)
    u.save(update_fields=["status"])
    audit("uittreding.aanvaard", u, door=door)
    _aanvaarding_bevestigen(u, door)
    return uittreding_afronden_indien_klaar(uittreding_id=u.pk)


def _aanvaarding_bevestigen(u: Uittreding, door) -> None:
    """The bureau's answer to a provider's notice is a letter too, with its own ontvangstbevestiging (issue 18)."""
    if u.aanleiding != Uittreding.Aanleiding.OPZEGGING_AANBIEDER:
        return
    brief_registreren(
        overeenkomst=u.overeenkomst, soort=Brief.Soort.UITTREDING_AANVAARD, kanaal=Kanaal.PORTAAL, ontvangen_op=kalender.nu(),
        door=door, uittreding=u,
        samenvatting=f"De opzegging ontvangen op {u.ontvangen_op:%d-%m-%Y} is aanvaard; vroegst mogelijke einddatum "
        f"{u.vroegste_einddatum:%d-%m-%Y}.",
    )


@transaction.atomic
def uittreding_intrekken(*, uittreding, door, toelichting="") -> Uittreding:
    """The provider (or staff on its behalf) withdraws a notice that staff did not accept yet; the deelnames
    simply continue."""
    u = Uittreding.objects.select_for_update(of=("self",)).select_related("overeenkomst__organisatie").get(pk=uittreding.pk)
    namens_bureau = is_contractbeheer(door) and in_bereik(u, contractbeheer_bereik(door))
    if not (namens_bureau or mag_namens_aanbieder_handelen(door, u.overeenkomst.organisatie)):
        raise PermissionDenied("Alleen de aanbieder of een contractmanager kan deze opzegging intrekken.")
    oud = Uittreding.OVERGANGEN.zet(u, Uittreding.Status.INGETROKKEN)
    u.save(update_fields=["status"])
    audit("uittreding.ingetrokken", u, door=door, oud={"status": oud}, nieuw={"status": u.status}, toelichting=toelichting)
    return u


@transaction.atomic
def uittreding_overdracht_bevestigen(*, uittreding, overgedragen_op, door) -> Uittreding:
    """Staff confirm the clients were transferred (002 art. 8.4); the deelnames can end from then on."""
    _eis_contractbeheer_persoon(door, "Alleen een contractmanager bevestigt de overdracht van cliënten.", uittreding)
    u = _eis_lopende_uittreding(uittreding.pk)
    u.clienten_overgedragen_op = overgedragen_op
    aanvaard = u.status == Uittreding.Status.INGEDIEND
    if aanvaard:
        Uittreding.OVERGANGEN.zet(u, Uittreding.Status.LOPEND)  # confirming the transfer accepts the notice
    u.save(update_fields=["clienten_overgedragen_op", "status"])
    if aanvaard:
        _aanvaarding_bevestigen(u, door)
    audit("uittreding.overdracht_bevestigd", u, door=door, nieuw={"clienten_overgedragen_op": overgedragen_op})
    return uittreding_afronden_indien_klaar(uittreding_id=u.pk)


@transaction.atomic
def uittreding_vergoeding_betaald(*, uittreding, betaald_op, door) -> Uittreding:
    """003a §3.5 option 2: termination takes effect once the fee is paid."""
    _eis_contractbeheer_persoon(door, "Alleen een contractmanager registreert de betaling.", uittreding)
    u = _eis_lopende_uittreding(uittreding.pk)
    u.vergoeding_betaald_op = betaald_op
    u.save(update_fields=["vergoeding_betaald_op"])
    audit("uittreding.vergoeding_betaald", u, door=door, nieuw={"vergoeding_betaald_op": betaald_op})
    return uittreding_afronden_indien_klaar(uittreding_id=u.pk)


@transaction.atomic
def uittreding_afronden_indien_klaar(*, uittreding_id: int, op: date | None = None) -> Uittreding:
    """End the deelnames once every condition is met: accepted by staff, clients transferred, fee paid (option 2)
    and the earliest end date reached. The end date is the latest of these. Idempotent (also run daily)."""
    op = op or kalender.vandaag()
    u = Uittreding.objects.select_for_update().get(pk=uittreding_id)
    if u.status != Uittreding.Status.LOPEND or u.clienten_overgedragen_op is None:
        return u
    if u.optie == Uittreding.Optie.GOOI_2 and u.vergoeding and u.vergoeding_betaald_op is None:
        return u
    einde = regels.werkelijke_einddatum(u.vroegste_einddatum, u.clienten_overgedragen_op, u.vergoeding_betaald_op)
    if op < einde:
        return u
    Uittreding.OVERGANGEN.zet(u, Uittreding.Status.AFGEROND)
    u.einddatum = einde
    u.save(update_fields=["einddatum", "status"])
    _deelnames_beeindigen(list(u.deelnames.filter(status__in=LOPEND)), einde, f"{u.get_aanleiding_display()}" + (f" ({u.get_grond_display()})" if u.grond else ""))
    audit("uittreding.afgerond", u, nieuw={"einddatum": einde})
    return u
