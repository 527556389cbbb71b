"""Mails of informatieverzoeken and onderzoeken (after commit). Each mail goes out once (core.mail key), and is in the provider's inbox
(organisaties.services.bericht_versturen), to every member of the provider's organisation. The question, answers and findings are confidential (002 UOK 5.1): the mail
says that something is waiting and links to the portal, it never carries the text."""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse

from core.adressen import absolute_url
from organisaties.services import bericht_versturen

from ..models import Onderzoek, Verzoekontvanger
from ._adressen import leden_per_organisatie


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
            f"{absolute_url('contractbeheer:verzoek', o.pk)}\n\n"
            "De vraag en uw antwoord staan alleen in het portaal; ze worden vertrouwelijk behandeld."
        )
        if bericht_versturen(o.overeenkomst.organisatie_id, sleutel=f"informatieverzoek:{o.pk}:verzonden",
                             soort="Informatieverzoek", onderwerp=f"Informatieverzoek: {v.onderwerp}", tekst=tekst,
                             ontvangers=leden.get(o.overeenkomst.organisatie_id, []), regio_id=v.aanbesteding.regio_id,
                             pad=reverse("contractbeheer:verzoek", args=[o.pk])):
            verstuurd += 1
    return verstuurd


def _ontvanger(ontvanger_id):
    return (Verzoekontvanger.objects.filter(pk=ontvanger_id)
            .select_related("verzoek__aanbesteding__regio", "verzoek__aanbesteding__opdrachtgever", "overeenkomst")
            .first())


def _aan_ontvanger(o, sleutel: str, onderwerp: str, tekst: str) -> bool:
    org_id = o.overeenkomst.organisatie_id
    return bericht_versturen(org_id, sleutel=sleutel, soort="Informatieverzoek", onderwerp=onderwerp, tekst=tekst,
                             ontvangers=leden_per_organisatie([org_id]).get(org_id, []),
                             regio_id=o.verzoek.aanbesteding.regio_id, pad=reverse("contractbeheer:verzoek", args=[o.pk]))


@shared_task
def aanvulling_versturen(ontvanger_id: int, regel_id: int) -> bool:
    """The bureau asks for more: one mail per request for aanvulling (keyed by its audit entry)."""
    o = _ontvanger(ontvanger_id)
    if o is None or o.status != Verzoekontvanger.Status.AANVULLING:
        return False
    tekst = (
        f"{_bureau(o.verzoek.aanbesteding)} vraagt een aanvulling op uw antwoord op het informatieverzoek "
        f"“{o.verzoek.onderwerp}”. Vul het aan uiterlijk {o.uiterlijk:%d-%m-%Y}:\n{absolute_url('contractbeheer:verzoek', o.pk)}"
    )
    return _aan_ontvanger(o, f"informatieverzoek:{o.pk}:aanvulling:{regel_id}",
                          f"Aanvulling gevraagd: {o.verzoek.onderwerp}", tekst)


@shared_task
def termijn_versturen(ontvanger_id: int, regel_id: int) -> bool:
    """Confirm an agreed later deadline (keyed by its audit entry)."""
    o = _ontvanger(ontvanger_id)
    if o is None:
        return False
    tekst = (
        f"De termijn van het informatieverzoek “{o.verzoek.onderwerp}” is zoals afgesproken verlengd tot en met "
        f"{o.uiterlijk:%d-%m-%Y}:\n{absolute_url('contractbeheer:verzoek', o.pk)}"
    )
    return _aan_ontvanger(o, f"informatieverzoek:{o.pk}:termijn:{regel_id}",
                          f"Termijn verlengd: {o.verzoek.onderwerp}", tekst)


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
    tekst += f"\n\nDe stukken staan in het portaal:\n{absolute_url('contractbeheer:onderzoek', onderzoek.pk)}"
    return bericht_versturen(ovk.organisatie, sleutel=f"onderzoek:{onderzoek.pk}:{stap}", soort="Onderzoek",
                             onderwerp=onderwerp, tekst=tekst,
                             ontvangers=leden_per_organisatie([ovk.organisatie_id]).get(ovk.organisatie_id, []),
                             regio_id=ovk.aanbesteding.regio_id, pad=reverse("contractbeheer:onderzoek", args=[onderzoek.pk]))
