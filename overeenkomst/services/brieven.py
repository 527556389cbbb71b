"""The digital registered letter (issue 18, ADR 0017): every notice of a provider and every answer of the bureau is
registered as a ``Brief`` with its moment of receipt and its channel, and gets a sealed ontvangstbevestiging.

The moment of receipt is the date the rules count from (002 art. 8.1 "de maand na ontvangst", 003a §3.5 "vanaf
ontvangst", 003a §3.6 "bezwaar vóór 1 oktober binnen"). A portal notice is received at the server's moment of
submission (``core.kalender.nu()``); the provider cannot choose it. A letter that arrived by post or e-mail is
recorded by a contractmanager of the agreement's region with its real moment of receipt, which is never in the
future and never before the agreement started.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import ValidationError

from core import kalender
from core.audit import audit
from core.taken import na_commit
from core.uploads import valideer_upload

from ..models import Brief, Kanaal
from ._gemeen import _eis_aanbieder, _eis_contractbeheer_persoon, _taken

# A scan of a paper letter: a PDF or a photo of it (core.uploads checks the content, not the name).
SCAN_SOORTEN = ("pdf", "afbeelding")


def _als_moment(waarde: date | datetime) -> datetime:
    """A date of receipt without a time counts from the start of that day (Europe/Amsterdam): a letter received on
    15 March was received on 15 March, whatever hour staff type it in."""
    if isinstance(waarde, datetime):
        return waarde if waarde.tzinfo else waarde.replace(tzinfo=kalender.TZ)
    return datetime.combine(waarde, time(0, 0), tzinfo=kalender.TZ)


def ontvangst_bepalen(*, overeenkomst, kanaal: str, ontvangen_op, door, zonder_vastlegger: bool = False) -> datetime:
    """The moment a notice on ``overeenkomst`` counts from, after the check who may register it.

    Portal: a provider's beheerder, at the server's moment (``ontvangen_op`` must be empty: a provider never dates
    its own notice). Post or e-mail: a contractmanager/inkoper of the region records the real moment of receipt,
    which must not lie in the future nor before the agreement started. ``zonder_vastlegger`` is for the system
    (``door=None``): trusted code that already holds the moment (tests of old rounds, imports)."""
    if kanaal not in Kanaal.values:
        raise ValidationError("Onbekend kanaal van ontvangst.")
    if kanaal == Kanaal.PORTAAL:
        _eis_aanbieder(door, overeenkomst.organisatie)
        if ontvangen_op is not None:
            raise ValidationError(
                "Een melding via het portaal telt vanaf het moment van indienen; alleen een contractmanager legt een "
                "brief met een eerdere datum van ontvangst vast."
            )
        return kalender.nu()
    if not (zonder_vastlegger and door is None):
        _eis_contractbeheer_persoon(
            door, "Alleen een contractmanager of inkoper legt een brief per post of e-mail vast.", overeenkomst
        )
    if ontvangen_op is None:
        raise ValidationError("Geef de datum waarop de brief is ontvangen.")
    moment = _als_moment(ontvangen_op)
    if moment > kalender.nu():
        raise ValidationError("De datum van ontvangst kan niet in de toekomst liggen.")
    if moment.astimezone(kalender.TZ).date() < overeenkomst.startdatum:
        raise ValidationError(
            f"De datum van ontvangst ligt vóór de ingangsdatum van de overeenkomst "
            f"({overeenkomst.startdatum:%d-%m-%Y}); controleer de datum op de brief."
        )
    return moment


def scan_controleren(scan):
    """Check the scan of a paper letter like any other upload (core.uploads): PDF or image, not broken, no
    active content. Returns the ``UploadInfo`` or None without a scan."""
    if not scan:
        return None
    return valideer_upload(scan, toegestaan=SCAN_SOORTEN)


def brief_registreren(*, overeenkomst, soort: str, kanaal: str, ontvangen_op: datetime, door, vastgelegd_door=None,
                      scan=None, scan_info=None, samenvatting: str = "", uittreding=None, wijzigingsverzoek=None,
                      verlengingsbezwaar=None) -> Brief:
    """Register one notice or answer as a letter (inside the caller's transaction, after its own checks) and make
    its sealed ontvangstbevestiging after commit. One letter per notice or answer (``sleutel``): a second call for
    the same notice returns the first letter unchanged."""
    gekoppeld = uittreding or wijzigingsverzoek or verlengingsbezwaar
    sleutel = f"{soort}:{gekoppeld.pk}"
    bestaand = Brief.objects.filter(sleutel=sleutel).first()
    if bestaand is not None:
        return bestaand
    brief = Brief(
        overeenkomst=overeenkomst, soort=soort, kanaal=kanaal, ontvangen_op=ontvangen_op, door=door,
        vastgelegd_door=vastgelegd_door, samenvatting=samenvatting[:2000], uittreding=uittreding,
        wijzigingsverzoek=wijzigingsverzoek, verlengingsbezwaar=verlengingsbezwaar, sleutel=sleutel,
    )
    if scan and scan_info is not None:
        brief.scan_naam, brief.scan_sha256, brief.scan_mime_type = scan_info.originele_naam, scan_info.sha256, scan_info.mime_type
        brief.scan.save(scan_info.originele_naam, scan, save=False)
    brief.save()
    audit("brief.ontvangen", brief, door=vastgelegd_door or door, oud=None, nieuw={
        "soort": soort, "kanaal": kanaal, "ontvangen_op": ontvangen_op.astimezone(kalender.TZ).isoformat(),
        "vastgelegd_door": getattr(vastgelegd_door, "email", None), "scan_sha256": brief.scan_sha256 or None,
    })
    na_commit(_taken().ontvangstbevestiging_maken, brief.pk)
    return brief
