"""Reads of informatieverzoeken and onderzoeken for other screens (the provider's obligations page, the work
list): what a provider still has to answer, and the onderzoeken that wait for its reaction. One query each."""

from __future__ import annotations

from django.db.models import Q

from .models import Informatieverzoek, Onderzoek, Verzoekontvanger


def open_verzoeken_van(organisatie):
    """The addressees of sent requests the provider still has to answer (open or aanvulling), earliest first;
    link each to ``contractbeheer:verzoek`` with its pk."""
    return (Verzoekontvanger.objects
            .filter(overeenkomst__organisatie=organisatie, verzoek__status=Informatieverzoek.Status.VERZONDEN,
                    status__in=[Verzoekontvanger.Status.OPEN, Verzoekontvanger.Status.AANVULLING])
            .select_related("verzoek__aanbesteding").order_by("uiterlijk", "pk"))


def onderzoeken_van(organisatie):
    """The provider's onderzoeken that are not closed, with the window that runs now (link:
    ``contractbeheer:onderzoek``)."""
    return (Onderzoek.objects.filter(overeenkomst__organisatie=organisatie)
            .exclude(status=Onderzoek.Status.AFGESLOTEN)
            .filter(Q(status=Onderzoek.Status.SIGNAAL_GEMELD, reactie_op__isnull=True)
                    | Q(status=Onderzoek.Status.RESULTAAT_GEMELD, resultaat_reactie_op__isnull=True)
                    | Q(status=Onderzoek.Status.ONDERZOEK))
            .select_related("overeenkomst__aanbesteding").order_by("signaal_gemeld_op", "pk"))
