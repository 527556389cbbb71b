"""After-commit mails of the meldingen (issue 13): the bureau hears of every melding made in the portal and of
every answer, the provider gets a confirmation of receipt with the deadline and whether it was in time, and every
question of the bureau. Each mail goes out once (core.mail.eenmalig_versturen with a stable key)."""

from __future__ import annotations

from celery import shared_task
from django.db.models import Q
from django.urls import reverse

from core import kalender
from core.adressen import absolute_url
from core.mail import eenmalig_versturen
from organisaties.models import Lidmaatschap, Rol, User
from organisaties.rollen import CONTRACTMANAGER
from organisaties.services import bericht_versturen

from ..models import Melding, Meldingsstap

_VELDEN = ("soort", "overeenkomst__organisatie", "overeenkomst__aanbesteding__regio", "gemeld_door")


def _aanbieder(melding: Melding) -> list[str]:
    """The provider's contact address, its beheerders and the member who made the melding."""
    org = melding.overeenkomst.organisatie
    adressen = {org.contact_email} if org.contact_email else set()
    adressen |= set(Lidmaatschap.objects.filter(organisatie=org, rol=Rol.BEHEERDER)
                    .values_list("user__email", flat=True))
    if melding.gemeld_door_id and melding.gemeld_door.email:
        adressen.add(melding.gemeld_door.email)
    return sorted(a for a in adressen if a)


def _bureau(melding: Melding) -> list[str]:
    """The region's contact address (organisaties.Regio.contact_email); a region without one: its contract
    managers (a role in that region or in every region)."""
    regio = melding.overeenkomst.aanbesteding.regio
    if regio.contact_email:
        return [regio.contact_email]
    rol = Q(regiorollen__rol=CONTRACTMANAGER) & (Q(regiorollen__regio=regio) | Q(regiorollen__regio__isnull=True))
    return sorted(set(User.objects.filter(rol, groups__name=CONTRACTMANAGER, is_active=True).values_list("email", flat=True)) - {""})


def _ondertekening(melding: Melding) -> str:
    r = melding.overeenkomst.aanbesteding.regio
    contact = " · ".join(x for x in (r.contact_email, r.contact_telefoon) if x)
    return "\n\n" + "\n".join(x for x in (r.weergavenaam_bureau, contact) if x)


def _klok(melding: Melding) -> str:
    """The three moments of a melding in Amsterdam time (the database gives them back in UTC)."""
    tijd = "Te laat gemeld" if melding.te_laat else "Op tijd gemeld"
    gebeurd, ontvangen, uiterlijk = (t.astimezone(kalender.TZ) for t in
                                     (melding.gebeurd_op, melding.ontvangen_op, melding.uiterlijk))
    return (
        f"Gebeurd op: {gebeurd:%d-%m-%Y %H:%M}\n"
        f"Ontvangen op: {ontvangen:%d-%m-%Y %H:%M} ({melding.get_kanaal_display().lower()})\n"
        f"Uiterlijk te melden: {uiterlijk:%d-%m-%Y %H:%M}\n{tijd}."
    )


@shared_task
def melding_ontvangen_versturen(melding_id: int) -> int:
    """A melding came in: a mail to the bureau (only for the portal; a recorded notice the bureau already has)
    and a confirmation to the provider. Returns the number of mails sent now."""
    melding = Melding.objects.filter(pk=melding_id).select_related(*_VELDEN).first()
    if melding is None:
        return 0
    org = melding.overeenkomst.organisatie
    aantal = 0
    if melding.kanaal == Melding.Kanaal.PORTAAL:
        tekst = (
            f"{org.naam} heeft een melding gedaan: {melding.soort.naam}.\n\n{melding.samenvatting}\n\n"
            f"{_klok(melding)}\n\nBekijk en behandel de melding:\n{absolute_url('contractbeheer_admin_melding', melding.pk)}"
        )
        onderwerp = f"Melding {melding.soort.naam} – {org.naam}" + (" (te laat)" if melding.te_laat else "")
        aantal += eenmalig_versturen(f"melding:{melding.pk}:bureau", onderwerp, tekst, _bureau(melding))
    tekst = (
        f"Beste {org.contactpersoon or org.naam},\n\nWij hebben uw melding ontvangen: {melding.soort.naam}.\n\n"
        f"{melding.samenvatting}\n\n{_klok(melding)}\n\nU volgt de behandeling op:\n"
        f"{absolute_url('contractbeheer:melding', melding.pk)}{_ondertekening(melding)}"
    )
    aantal += bericht_versturen(
        org, sleutel=f"melding:{melding.pk}:bevestiging", soort="Melding",
        onderwerp=f"Ontvangstbevestiging melding: {melding.soort.naam}", tekst=tekst, ontvangers=_aanbieder(melding),
        regio_id=melding.overeenkomst.aanbesteding.regio_id, pad=reverse("contractbeheer:melding", args=[melding.pk]),
    )
    return aantal


@shared_task
def melding_vraag_versturen(stap_id: int) -> bool:
    """The bureau asked the provider a question about a melding."""
    stap = (Meldingsstap.objects.filter(pk=stap_id, soort=Meldingsstap.Soort.VRAAG, intern=False)
            .select_related(*(f"melding__{v}" for v in _VELDEN)).first())
    if stap is None:
        return False
    melding = stap.melding
    tekst = (
        f"Het bureau heeft een vraag over uw melding “{melding.samenvatting}” ({melding.soort.naam}):\n\n"
        f"{stap.tekst}\n\nBeantwoord de vraag in het portaal:\n{absolute_url('contractbeheer:melding', melding.pk)}"
        f"{_ondertekening(melding)}"
    )
    return bericht_versturen(
        melding.overeenkomst.organisatie, sleutel=f"meldingsstap:{stap.pk}:vraag", soort="Vraag over een melding",
        onderwerp=f"Vraag over uw melding: {melding.soort.naam}", tekst=tekst, ontvangers=_aanbieder(melding),
        regio_id=melding.overeenkomst.aanbesteding.regio_id, pad=reverse("contractbeheer:melding", args=[melding.pk]),
    )


@shared_task
def melding_antwoord_versturen(stap_id: int) -> bool:
    """The provider answered the bureau's question."""
    stap = (Meldingsstap.objects.filter(pk=stap_id, soort=Meldingsstap.Soort.ANTWOORD)
            .select_related(*(f"melding__{v}" for v in _VELDEN)).first())
    if stap is None:
        return False
    melding = stap.melding
    org = melding.overeenkomst.organisatie
    tekst = (
        f"{org.naam} heeft uw vraag over de melding “{melding.samenvatting}” beantwoord:\n\n{stap.tekst}\n\n"
        f"{absolute_url('contractbeheer_admin_melding', melding.pk)}"
    )
    return eenmalig_versturen(f"meldingsstap:{stap.pk}:antwoord", f"Antwoord op uw vraag – {org.naam}", tekst,
                              _bureau(melding))
