"""Issue 17: a sent decision reaches the provider's one inbox, labelled with the region of the procedure."""

from datetime import datetime

from django.urls import reverse

from core.kalender import TZ
from toetsing import selectors
from toetsing.models import Besluit

from .factories import AanbestedingFactory, InschrijvingFactory

VERZONDEN = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)


def _besluit(regio, organisatie, *, verzonden=True):
    ab = AanbestedingFactory(regio=regio, titel=f"Jeugdhulp {regio.slug}")
    insch = InschrijvingFactory(aanbesteding=ab, organisatie=organisatie)
    return Besluit.objects.create(inschrijving=insch, aanbesteding=ab, genomen_op=VERZONDEN,
                                  status=Besluit.Status.VERZONDEN if verzonden else Besluit.Status.GENOMEN,
                                  verzonden_op=VERZONDEN if verzonden else None)


def test_verzonden_besluiten_van_alle_regios(regio_a, regio_b, aanbieder, andere_aanbieder, django_assert_num_queries):
    gooi = _besluit(regio_a, aanbieder)
    _besluit(regio_b, aanbieder)
    _besluit(regio_b, aanbieder, verzonden=False)  # taken, not yet sent: not a message
    _besluit(regio_a, andere_aanbieder)
    with django_assert_num_queries(1):
        berichten = selectors.berichten(aanbieder)
    assert sorted((b.regio_id, b.onderwerp) for b in berichten) == sorted([
        (regio_a.pk, "Besluit op uw inschrijving op Jeugdhulp gooi"), (regio_b.pk, "Besluit op uw inschrijving op Jeugdhulp mlo"),
    ])
    (b,) = [b for b in berichten if b.regio_id == regio_a.pk]
    assert (b.soort, b.moment, b.url) == ("Besluit", VERZONDEN, reverse("toetsing:mijn_besluit", args=[gooi.pk]))
