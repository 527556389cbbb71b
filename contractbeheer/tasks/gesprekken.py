"""After-commit mails of the contract talks (issue 14; 002 UOK 13.1): the provider hears when a talk is planned
(with the agenda) and when the minutes are there. Each mail goes out once and is in the provider's inbox
(organisaties.services.bericht_versturen)."""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse

from core import kalender
from core.adressen import absolute_url
from organisaties.models import Lidmaatschap, Rol
from organisaties.services import bericht_versturen

from ..models import Contractgesprek

_VELDEN = ("overeenkomst__organisatie", "overeenkomst__aanbesteding__regio")


def _aanbieder(gesprek: Contractgesprek) -> list[str]:
    """The provider's contact address and its beheerders."""
    org = gesprek.overeenkomst.organisatie
    adressen = {org.contact_email} if org.contact_email else set()
    adressen |= set(Lidmaatschap.objects.filter(organisatie=org, rol=Rol.BEHEERDER)
                    .values_list("user__email", flat=True))
    return sorted(a for a in adressen if a)


def _ondertekening(gesprek: Contractgesprek) -> str:
    r = gesprek.overeenkomst.aanbesteding.regio
    contact = " · ".join(x for x in (r.contact_email, r.contact_telefoon) if x)
    return "\n\n" + "\n".join(x for x in (r.weergavenaam_bureau, contact) if x)


@shared_task
def gesprek_gepland_versturen(gesprek_id: int) -> bool:
    """A talk was planned: the provider gets the moment, the place and the agenda."""
    gesprek = (Contractgesprek.objects.filter(pk=gesprek_id, status=Contractgesprek.Status.GEPLAND)
               .select_related(*_VELDEN).first())
    if gesprek is None:
        return False
    org, ab = gesprek.overeenkomst.organisatie, gesprek.overeenkomst.aanbesteding
    moment = gesprek.gepland_op.astimezone(kalender.TZ)
    tekst = (
        f"Beste {org.contactpersoon or org.naam},\n\nHet bureau heeft een contractgesprek met u gepland over de "
        f"overeenkomst {ab.titel}.\n\nWanneer: {moment:%d-%m-%Y om %H:%M}\n"
        + (f"Waar: {gesprek.locatie}\n" if gesprek.locatie else "")
        + f"\nAgenda:\n{gesprek.onderwerpen}\n\nU vindt het gesprek ook in het portaal:\n"
        f"{absolute_url('contractbeheer:gesprek', gesprek.pk)}{_ondertekening(gesprek)}"
    )
    return bericht_versturen(org, sleutel=f"contractgesprek:{gesprek.pk}:gepland", soort="Contractgesprek",
                             onderwerp=f"Contractgesprek op {moment:%d-%m-%Y} – {ab.titel}", tekst=tekst,
                             ontvangers=_aanbieder(gesprek), regio_id=ab.regio_id,
                             pad=reverse("contractbeheer:gesprek", args=[gesprek.pk]))


@shared_task
def gesprek_verslag_versturen(gesprek_id: int) -> bool:
    """The minutes of a talk are there: the provider is told where to read them and its actions."""
    gesprek = (Contractgesprek.objects.filter(pk=gesprek_id, status=Contractgesprek.Status.GEHOUDEN)
               .select_related(*_VELDEN).first())
    if gesprek is None:
        return False
    org, ab = gesprek.overeenkomst.organisatie, gesprek.overeenkomst.aanbesteding
    moment = gesprek.gehouden_op.astimezone(kalender.TZ)
    tekst = (
        f"Beste {org.contactpersoon or org.naam},\n\nHet verslag van het contractgesprek van {moment:%d-%m-%Y} "
        f"over de overeenkomst {ab.titel} staat in het portaal, met de afgesproken acties:\n"
        f"{absolute_url('contractbeheer:gesprek', gesprek.pk)}{_ondertekening(gesprek)}"
    )
    return bericht_versturen(org, sleutel=f"contractgesprek:{gesprek.pk}:verslag", soort="Contractgesprek",
                             onderwerp=f"Verslag contractgesprek {moment:%d-%m-%Y} – {ab.titel}", tekst=tekst,
                             ontvangers=_aanbieder(gesprek), regio_id=ab.regio_id,
                             pad=reverse("contractbeheer:gesprek", args=[gesprek.pk]))
