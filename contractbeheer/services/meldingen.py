"""Meldingen with clocks (issue 13, ADR 0019): the notices a provider owes the bureau (002 B1 27.1 r.429,
B1 29 r.434, B1 30.2 r.438-441; 000 r.717; 003 Eis 82-84 r.3088-3090, Eis 88 r.3095).

A melding records three moments: the event (``gebeurd_op``, given by the provider), the receipt (``ontvangen_op``:
the server's clock for the portal; the real receipt of a notice by e-mail, phone or post, recorded by staff) and
the deadline computed from the kind (``regels.melding_uiterlijk``). Whether it came late is decided at receipt
and never changed afterwards. The bureau's follow-up is a timeline of ``Meldingsstap`` rows; internal notes are
never shown to the provider. No client-identifying data is stored (``contractbeheer.clientgegevens``).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import kalender
from core.audit import audit, momentopname
from core.taken import na_commit
from overeenkomst.models import Overeenkomst

from .. import regels
from ..clientgegevens import valideer_velden
from ..models import Melding, Meldingsoort, Meldingsstap
from ._gemeen import vereis_aanbieder, vereis_beheer

#: The channels by which a notice can reach the bureau outside the portal (recorded by staff).
BUITEN_PORTAAL = (Melding.Kanaal.EMAIL, Melding.Kanaal.TELEFOON, Melding.Kanaal.POST)

_AUDITVELDEN = ["soort", "gebeurd_op", "ontvangen_op", "uiterlijk", "te_laat", "kanaal", "samenvatting"]


def _taken():
    # Late: the task package is loaded by Celery, the services by the views; neither needs the other at import.
    from ..tasks import meldingen

    return meldingen


def termijn_tekst(aantal: int, eenheid: str) -> str:
    """The clock of a kind in words, as the provider reads it: "binnen 2 werkdagen", "binnen 1 werkdag",
    "binnen 24 uur", "binnen 3 kalenderdagen"."""
    if eenheid == Meldingsoort.Eenheid.UREN:
        return f"binnen {aantal} uur"
    if aantal == 1:
        return f"binnen 1 {eenheid[:-2]}"  # werkdag, kalenderdag
    return f"binnen {aantal} {eenheid}"


def vraag_open(stappen) -> bool:
    """A question to the provider is open when no answer came after the latest question (``stappen`` in time
    order, as ``Meldingsstap.Meta.ordering`` gives them)."""
    open_ = False
    for stap in stappen:
        if stap.soort == Meldingsstap.Soort.VRAAG:
            open_ = True
        elif stap.soort == Meldingsstap.Soort.ANTWOORD:
            open_ = False
    return open_


def _bewust(moment: datetime, veld: str) -> datetime:
    """An aware moment; a naive one is read as Amsterdam wall-clock time (what a form field gives)."""
    if not isinstance(moment, datetime):
        raise ValidationError({veld: "Geef een datum en tijd."})
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, kalender.TZ)
    return moment


def _soort_controleren(overeenkomst, soort) -> None:
    if soort.aanbesteding_id != overeenkomst.aanbesteding_id or not soort.actief:
        raise ValidationError({"soort": "Kies een soort melding van de procedure van deze overeenkomst."})


def _vastleggen(*, overeenkomst, soort, gebeurd_op, ontvangen_op, kanaal, samenvatting, omschrijving,
                ook_gemeld_aan, maatregelen, gemeld_door, vastgelegd_door) -> Melding:
    """The common part of both ways in: deadline and lateness from the kind, frozen at receipt."""
    if gebeurd_op > ontvangen_op:
        raise ValidationError({"gebeurd_op": "Het moment van de gebeurtenis ligt na de ontvangst van de melding."})
    samenvatting, omschrijving = samenvatting.strip(), omschrijving.strip()
    if not samenvatting or not omschrijving:
        raise ValidationError("Vul een samenvatting en een omschrijving in.")
    valideer_velden(samenvatting=samenvatting, omschrijving=omschrijving, ook_gemeld_aan=ook_gemeld_aan,
                    maatregelen=maatregelen)
    uiterlijk = regels.melding_uiterlijk(gebeurd_op, soort.termijn_aantal, soort.termijn_eenheid)
    melding = Melding(
        overeenkomst=overeenkomst, soort=soort, gebeurd_op=gebeurd_op, ontvangen_op=ontvangen_op,
        uiterlijk=uiterlijk, te_laat=not regels.op_tijd(ontvangen_op, uiterlijk), kanaal=kanaal,
        samenvatting=samenvatting, omschrijving=omschrijving, ook_gemeld_aan=ook_gemeld_aan.strip(),
        maatregelen=maatregelen.strip(), gemeld_door=gemeld_door, vastgelegd_door=vastgelegd_door,
    )
    melding.save()
    return melding


@transaction.atomic
def melding_doen(*, overeenkomst, soort, gebeurd_op, samenvatting, omschrijving, ook_gemeld_aan="", maatregelen="",
                 door) -> Melding:
    """A member of the provider makes a melding in the portal. The moment of receipt is the server's clock, not
    a date the provider chooses; the deadline counts from the event (ADR 0019)."""
    vereis_aanbieder(door, overeenkomst)
    ontvangen_op = kalender.nu()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    if overeenkomst.status != Overeenkomst.Status.ACTIEF:
        raise ValidationError("Deze overeenkomst loopt niet meer; neem contact op met het bureau.")
    _soort_controleren(overeenkomst, soort)
    gebeurd_op = _bewust(gebeurd_op, "gebeurd_op")
    if gebeurd_op > ontvangen_op:
        raise ValidationError({"gebeurd_op": "Het moment van de gebeurtenis ligt in de toekomst."})
    melding = _vastleggen(
        overeenkomst=overeenkomst, soort=soort, gebeurd_op=gebeurd_op, ontvangen_op=ontvangen_op,
        kanaal=Melding.Kanaal.PORTAAL, samenvatting=samenvatting, omschrijving=omschrijving,
        ook_gemeld_aan=ook_gemeld_aan, maatregelen=maatregelen, gemeld_door=door, vastgelegd_door=None,
    )
    audit("contractbeheer.melding_ontvangen", melding, door=door, nieuw=momentopname(melding, _AUDITVELDEN))
    na_commit(_taken().melding_ontvangen_versturen, melding.pk)
    return melding


@transaction.atomic
def melding_vastleggen(*, overeenkomst, soort, gebeurd_op, ontvangen_op, kanaal, samenvatting, omschrijving,
                       ook_gemeld_aan="", maatregelen="", door) -> Melding:
    """Staff record a notice that reached the bureau by e-mail, phone or post, with the real moment of receipt:
    the clock counts from that moment, not from the day it was typed in."""
    vereis_beheer(door, overeenkomst)
    if kanaal not in BUITEN_PORTAAL:
        raise ValidationError({"kanaal": "Kies e-mail, telefoon of post."})
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    _soort_controleren(overeenkomst, soort)
    gebeurd_op, ontvangen_op = _bewust(gebeurd_op, "gebeurd_op"), _bewust(ontvangen_op, "ontvangen_op")
    if ontvangen_op > kalender.nu():
        raise ValidationError({"ontvangen_op": "Het moment van ontvangst ligt in de toekomst."})
    melding = _vastleggen(
        overeenkomst=overeenkomst, soort=soort, gebeurd_op=gebeurd_op, ontvangen_op=ontvangen_op, kanaal=kanaal,
        samenvatting=samenvatting, omschrijving=omschrijving, ook_gemeld_aan=ook_gemeld_aan,
        maatregelen=maatregelen, gemeld_door=None, vastgelegd_door=door,
    )
    audit("contractbeheer.melding_vastgelegd", melding, door=door, nieuw=momentopname(melding, _AUDITVELDEN))
    na_commit(_taken().melding_ontvangen_versturen, melding.pk)
    return melding


def _stap(melding, soort, tekst, door, *, intern=False) -> Meldingsstap:
    return Meldingsstap.objects.create(melding=melding, soort=soort, tekst=tekst, door=door, op=kalender.nu(),
                                       intern=intern)


def _tekst(tekst: str) -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": "Vul een tekst in."})
    valideer_velden(tekst=tekst)
    return tekst


@transaction.atomic
def stap_toevoegen(*, melding, soort, tekst, door) -> Meldingsstap:
    """Staff add an internal note (never shown to the provider) or ask the provider a question (mailed once)."""
    vereis_beheer(door, melding)
    S = Meldingsstap.Soort
    if soort not in (S.NOTITIE, S.VRAAG):
        raise ValidationError({"soort": "Kies een interne notitie of een vraag aan de aanbieder."})
    tekst = _tekst(tekst)
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if soort == S.VRAAG and melding.status == Melding.Status.AFGEHANDELD:
        raise ValidationError("Deze melding is afgehandeld; heropen haar eerst om een vraag te stellen.")
    stap = _stap(melding, soort, tekst, door, intern=soort == S.NOTITIE)
    audit("contractbeheer.melding_stap", melding, door=door, nieuw={"soort": soort, "stap": stap.pk})
    if soort == S.VRAAG:
        na_commit(_taken().melding_vraag_versturen, stap.pk)
    return stap


@transaction.atomic
def melding_beantwoorden(*, melding, tekst, door) -> Meldingsstap:
    """A member of the provider answers the bureau's open question; the bureau is told by mail."""
    vereis_aanbieder(door, melding.overeenkomst)
    tekst = _tekst(tekst)
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if not vraag_open(melding.stappen.all()):
        raise ValidationError("Er staat geen vraag van het bureau open bij deze melding.")
    stap = _stap(melding, Meldingsstap.Soort.ANTWOORD, tekst, door)
    audit("contractbeheer.melding_beantwoord", melding, door=door, nieuw={"stap": stap.pk})
    na_commit(_taken().melding_antwoord_versturen, stap.pk)
    return stap


@transaction.atomic
def melding_status(*, melding, status, toelichting="", door) -> Melding:
    """Staff move a melding: in behandeling, afgehandeld, or reopened (afgehandeld → in behandeling, with a
    reason). Each move is a step on the timeline the provider sees."""
    vereis_beheer(door, melding)
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    toelichting = (toelichting or "").strip()
    heropenen = melding.status == Melding.Status.AFGEHANDELD and status == Melding.Status.IN_BEHANDELING
    if status not in Melding.Status.values:
        raise ValidationError({"status": "Onbekende status."})
    if heropenen and not toelichting:
        raise ValidationError({"toelichting": "Geef aan waarom de melding weer in behandeling gaat."})
    if toelichting:
        valideer_velden(toelichting=toelichting)
    oud = Melding.OVERGANGEN.zet(melding, status)
    melding.save(update_fields=["status"])
    label = "Heropend" if heropenen else melding.get_status_display()
    _stap(melding, Meldingsstap.Soort.STATUS, f"{label}. {toelichting}".strip() if toelichting else f"{label}.", door)
    audit("contractbeheer.melding_status", melding, door=door, oud={"status": oud}, nieuw={"status": status},
          toelichting=toelichting)
    return melding
