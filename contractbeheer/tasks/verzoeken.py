"""Mails of informatieverzoeken and onderzoeken (after commit). Each mail goes out once (core.mail key) to every
member of the provider's organisation. The question, answers and findings are confidential (002 UOK 5.1): the mail
says that something is waiting and links to the portal, it never carries the text."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from core.mail import eenmalig_versturen

from ..models import Onderzoek, Verzoekontvanger
from ._adressen import leden_per_organisatie


def _url(naam: str, *args) -> str:
    return getattr(settings, "SITE_URL", "") + reverse(naam, args=args)


def _bureau(aanbesteding) -> str:
    return aanbesteding.regio.bureau_naam or str(aanbesteding.opdrachtgever)


@shared_task
def verzoek_versturen(verzoek_id: int) -> int:
    """Tell each addressed provider that an informatieverzoek is waiting (once per addressee)."""
    ontvangers = list(Verzoekontvanger.objects.filter(verzoek_id=verzoek_id)
                      .select_related("verzoek__aanbesteding__regio", "verzoek__aanbesteding__opdrachtgever",
                                      "overeenkomst"))
    leden = leden_per_organisatie({o.overeenkomst.organisatie_id for o in ontvangers})
    verstuurd = 0
    for o in ontvangers:
        v = o.verzoek
        tekst = (
            f"{_bureau(v.aanbesteding)} stelt u een informatieverzoek over {v.aanbesteding}: “{v.onderwerp}”.\n\n"
            f"Beantwoord het uiterlijk {o.uiterlijk:%d-%m-%Y} (002 UOK 5.1) in het portaal:\n"
            f"{_url('contractbeheer:verzoek', o.pk)}\n\n"
            "De vraag en uw antwoord staan alleen in het portaal; ze worden vertrouwelijk behandeld."
        )
        if eenmalig_versturen(f"informatieverzoek:{o.pk}:verzonden", f"Informatieverzoek: {v.onderwerp}", tekst,
                              leden.get(o.overeenkomst.organisatie_id, [])):
            verstuurd += 1
    return verstuurd


def _ontvanger(ontvanger_id):
    return (Verzoekontvanger.objects.filter(pk=ontvanger_id)
            .select_related("verzoek__aanbesteding__regio", "verzoek__aanbesteding__opdrachtgever", "overeenkomst")
            .first())


@shared_task
def aanvulling_versturen(ontvanger_id: int, regel_id: int) -> bool:
    """The bureau asks for more: one mail per request for aanvulling (keyed by its audit entry)."""
    o = _ontvanger(ontvanger_id)
    if o is None or o.status != Verzoekontvanger.Status.AANVULLING:
        return False
    tekst = (
        f"{_bureau(o.verzoek.aanbesteding)} vraagt een aanvulling op uw antwoord op het informatieverzoek "
        f"“{o.verzoek.onderwerp}”. Vul het aan uiterlijk {o.uiterlijk:%d-%m-%Y}:\n{_url('contractbeheer:verzoek', o.pk)}"
    )
    return eenmalig_versturen(f"informatieverzoek:{o.pk}:aanvulling:{regel_id}",
                              f"Aanvulling gevraagd: {o.verzoek.onderwerp}", tekst,
                              leden_per_organisatie([o.overeenkomst.organisatie_id]).get(o.overeenkomst.organisatie_id, []))


@shared_task
def termijn_versturen(ontvanger_id: int, regel_id: int) -> bool:
    """Confirm an agreed later deadline (keyed by its audit entry)."""
    o = _ontvanger(ontvanger_id)
    if o is None:
        return False
    tekst = (
        f"De termijn van het informatieverzoek “{o.verzoek.onderwerp}” is zoals afgesproken verlengd tot en met "
        f"{o.uiterlijk:%d-%m-%Y}:\n{_url('contractbeheer:verzoek', o.pk)}"
    )
    return eenmalig_versturen(f"informatieverzoek:{o.pk}:termijn:{regel_id}",
                              f"Termijn verlengd: {o.verzoek.onderwerp}", tekst,
                              leden_per_organisatie([o.overeenkomst.organisatie_id]).get(o.overeenkomst.organisatie_id, []))


_ONDERZOEK_BERICHTEN = {
    "signaal": ("Schriftelijke melding van een signaal",
                "{bureau} meldt u schriftelijk een signaal over de continuïteit van de zorg onder {ovk} "
                "(002 B1 33.2). U kunt binnen 14 kalenderdagen reageren, uiterlijk {onderzoek.reactie_uiterlijk:%d-%m-%Y}."),
    "onderzoek": ("Onderzoek ingesteld",
                  "{bureau} laat naar aanleiding van het gemelde signaal een onderzoek uitvoeren (002 B1 33.3)."),
    "resultaat": ("Resultaat van het onderzoek",
                  "{bureau} meldt u het resultaat van het onderzoek (002 B1 33.4). U kunt binnen 14 kalenderdagen "
                  "reageren, uiterlijk {onderzoek.resultaat_reactie_uiterlijk:%d-%m-%Y}."),
    "besluit": ("Besluit over het onderzoek",
                "{bureau} heeft over het onderzoek besloten: {besluit} (002 B1 33.5)."),
}


@shared_task
def onderzoek_versturen(onderzoek_id: int, stap: str) -> bool:
    """One mail per step of an onderzoek to every member of the provider; the findings stay in the portal."""
    onderzoek = (Onderzoek.objects.filter(pk=onderzoek_id)
                 .select_related("overeenkomst__aanbesteding__regio", "overeenkomst__aanbesteding__opdrachtgever",
                                 "overeenkomst__organisatie").first())
    if onderzoek is None or stap not in _ONDERZOEK_BERICHTEN:
        return False
    ovk = onderzoek.overeenkomst
    onderwerp, sjabloon = _ONDERZOEK_BERICHTEN[stap]
    tekst = sjabloon.format(bureau=_bureau(ovk.aanbesteding), ovk=ovk.aanbesteding, onderzoek=onderzoek,
                            besluit=onderzoek.get_uitkomst_display().lower())
    tekst += f"\n\nDe stukken staan in het portaal:\n{_url('contractbeheer:onderzoek', onderzoek.pk)}"
    return eenmalig_versturen(f"onderzoek:{onderzoek.pk}:{stap}", onderwerp, tekst,
                              leden_per_organisatie([ovk.organisatie_id]).get(ovk.organisatie_id, []))
