"""After-commit mails of the signalen (issue 14; 000 r.737-749): the region's contract managers hear of a signal
at trap 3 or triaged as ernst hoog (once per signal), and the sender gets every terugkoppeling (once per step)."""

from __future__ import annotations

from celery import shared_task
from django.db.models import Q

from core.adressen import absolute_url
from core.mail import eenmalig_versturen
from organisaties.models import User
from organisaties.rollen import CONTRACTMANAGER

from ..models import Signaal, Signaalstap

_VELDEN = ("organisatie", "regio", "gemeente", "gemeld_door")


def contractmanagers(regio) -> list[str]:
    """The active contract managers of ``regio`` (a role there or in every region)."""
    rol = Q(regiorollen__rol=CONTRACTMANAGER) & (Q(regiorollen__regio=regio) | Q(regiorollen__regio__isnull=True))
    return sorted(set(User.objects.filter(rol, groups__name=CONTRACTMANAGER, is_active=True)
                      .values_list("email", flat=True)) - {""})


@shared_task
def signaal_contractmanagers_versturen(signaal_id: int) -> bool:
    """A serious signal (trap 3, or ernst hoog at triage): the region's contract managers are told once."""
    signaal = Signaal.objects.filter(pk=signaal_id).select_related(*_VELDEN).first()
    if signaal is None:
        return False
    redenen = []
    if signaal.trap == Signaal.Trap.CONTRACTMANAGEMENT:
        redenen.append("doorgegeven aan contractmanagement (trap 3)")
    if signaal.ernst == Signaal.Ernst.HOOG:
        redenen.append("ernst hoog")
    if not redenen:
        return False
    tekst = (
        f"Er is een signaal over {signaal.organisatie.naam} ({' en '.join(redenen)}).\n\n"
        f"Onderwerp: {signaal.onderwerp}\n"
        + (f"Gemeente: {signaal.gemeente.naam}\n" if signaal.gemeente_id else "")
        + f"Afkomstig van: {signaal.get_bron_display()}\n\nBekijk en behandel het signaal:\n"
        f"{absolute_url('contractbeheer_admin_signaal', signaal.pk)}"
    )
    return eenmalig_versturen(f"signaal:{signaal.pk}:contractmanagers", f"Signaal over {signaal.organisatie.naam}: "
                              f"{signaal.onderwerp}", tekst, contractmanagers(signaal.regio))


@shared_task
def signaal_terugkoppeling_versturen(stap_id: int) -> bool:
    """The bureau reported back on a signal: the sender reads it (and the status) under "Mijn signalen"."""
    stap = (Signaalstap.objects.filter(pk=stap_id, soort=Signaalstap.Soort.TERUGKOPPELING, intern=False)
            .select_related(*(f"signaal__{v}" for v in _VELDEN)).first())
    if stap is None or stap.signaal.gemeld_door is None or stap.signaal.gemeld_door_id == stap.door_id:
        return False
    signaal = stap.signaal
    r = signaal.regio
    tekst = (
        f"Het bureau heeft uw signaal over {signaal.organisatie.naam} (“{signaal.onderwerp}”"
        + (f", uw kenmerk {signaal.kenmerk_melder}" if signaal.kenmerk_melder else "")
        + f") behandeld. Status: {signaal.get_status_display()}.\n\nTerugkoppeling:\n{stap.tekst}\n\n"
        f"U vindt het signaal onder Mijn signalen:\n{absolute_url('contractbeheer_admin_mijn_signaal', signaal.pk)}"
        f"\n\n{r.weergavenaam_bureau}"
    )
    return eenmalig_versturen(f"signaalstap:{stap.pk}:terugkoppeling", f"Terugkoppeling op uw signaal: "
                              f"{signaal.onderwerp}", tekst, [signaal.gemeld_door.email])
