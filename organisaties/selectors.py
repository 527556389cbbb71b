"""Reads of organisations and members, scoped by user."""

from django.db.models import F

from .models import Lidmaatschap, Organisatie, Uitnodiging


def organisaties_van(user):
    """The organisations ``user`` belongs to, with the user's role annotated as ``mijn_rol``."""
    if not user.is_authenticated:
        return Organisatie.objects.none()
    return Organisatie.objects.filter(lidmaatschappen__user=user).annotate(mijn_rol=F("lidmaatschappen__rol"))


def leden_van(organisatie):
    return Lidmaatschap.objects.filter(organisatie=organisatie).select_related("user").order_by("user__email")


def open_uitnodigingen_van(organisatie):
    return Uitnodiging.objects.open().filter(organisatie=organisatie).select_related("uitgenodigd_door")
