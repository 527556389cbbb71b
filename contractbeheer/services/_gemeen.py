"""Shared plumbing of the contractbeheer services: refusals and attachments."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from core.uploads import valideer_upload

from .. import permissions

# What a provider may attach to a verantwoording, a melding follow-up or an answer (core.uploads checks the
# content, not the name). Spreadsheets for figures; PDF for statements. The kinds are core.uploads.SOORTEN
# ("office" = DOCX, XLSX, ODT, ODS); a file extension is not a kind.
DOCUMENTEN = ("pdf", "office")


def vereis(voorwaarde: bool, bericht: str) -> None:
    if not voorwaarde:
        raise PermissionDenied(bericht)


def vereis_beheer(door, obj) -> None:
    """Staff act only in the regions where they are Contractmanager or Inkoper (ADR 0011)."""
    vereis(permissions.is_beheer(door), "Alleen een contractmanager of inkoper van het bureau doet dit.")
    permissions.eis_beheer_regio(door, obj)


def vereis_aanbieder(door, overeenkomst) -> None:
    vereis(permissions.mag_indienen(door, overeenkomst),
           "Alleen een medewerker van de aanbieder van deze overeenkomst doet dit.")


def bijlage_zetten(obj, bestand, *, toegestaan=DOCUMENTEN) -> None:
    """Validate ``bestand`` (type by content, size, active PDF content: core.uploads) and set it with its name,
    size and sha256 on ``obj`` (a contractbeheer.models.Bijlage); the caller saves. Raises ValidationError with a
    Dutch message the form shows next to the field."""
    info = valideer_upload(bestand, toegestaan=toegestaan)
    obj.originele_naam, obj.grootte, obj.sha256 = info.originele_naam, info.grootte, info.sha256
    obj.bestand.save(info.originele_naam, bestand, save=False)
