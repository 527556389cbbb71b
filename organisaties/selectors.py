"""Reads of organisations and members, scoped by user."""


from .models import Lidmaatschap, Uitnodiging


def leden_van(organisatie):
    return Lidmaatschap.objects.filter(organisatie=organisatie).select_related("user").order_by("user__email")


def open_uitnodigingen_van(organisatie):
    return Uitnodiging.objects.open().filter(organisatie=organisatie).select_related("uitgenodigd_door")
