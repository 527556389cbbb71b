"""Reads of the Woo app: the dossier of a procedure with its Woo metadata, requests, and the public list of
actively published documents (issue 16). Staff reads are scoped by region by the caller (organisaties.regios)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

import aanbesteding.selectors as aanbesteding_selectors
import contractbeheer.selectors as contractbeheer_selectors
import inschrijving.selectors as inschrijving_selectors
import overeenkomst.selectors as overeenkomst_selectors
import toetsing.selectors as toetsing_selectors
from core.dossier import Dossierstuk
from organisaties.regios import binnen

from . import permissions
from .models import Lakmarkering, Verzoekstuk, Woometadata, Wooverzoek, standaardcategorie

# The owners of the documents of a procedure dossier, in the order of the procedure (core/dossier.py): each lists
# its own with ``dossierstukken(aanbesteding)``.
BRONNEN = (aanbesteding_selectors, inschrijving_selectors, toetsing_selectors, overeenkomst_selectors,
           contractbeheer_selectors)


def dossierstukken(aanbesteding) -> list[Dossierstuk]:
    """Every document of ``aanbesteding``'s dossier, by date, then key."""
    stukken: list[Dossierstuk] = []
    for bron in BRONNEN:
        stukken.extend(bron.dossierstukken(aanbesteding))
    return sorted(stukken, key=lambda s: (s.datum, s.sleutel))


def dossierstuk(aanbesteding, sleutel: str) -> Dossierstuk | None:
    """The document with ``sleutel`` in ``aanbesteding``'s dossier, or None."""
    return next((s for s in dossierstukken(aanbesteding) if s.sleutel == sleutel), None)


@dataclass(frozen=True)
class Dossierregel:
    """A document with its Woo metadata; ``metadata`` is unsaved (the defaults) until staff first save it."""

    stuk: Dossierstuk
    metadata: Woometadata

    @property
    def opgeslagen(self) -> bool:
        return self.metadata.pk is not None


def standaardmetadata(aanbesteding, stuk: Dossierstuk) -> Woometadata:
    """The metadata a document has before anyone saved it: its own title, kind and date, the default category."""
    return Woometadata(aanbesteding=aanbesteding, sleutel=stuk.sleutel, titel=stuk.titel[:300], soort=stuk.soort,
                       datum=stuk.datum, informatiecategorie=standaardcategorie(stuk.soort))


def dossier(aanbesteding) -> list[Dossierregel]:
    """The dossier of ``aanbesteding``: the owning apps' documents merged with the saved metadata (one query for
    the metadata beyond the owners' own)."""
    opgeslagen = {m.sleutel: m for m in Woometadata.objects.filter(aanbesteding=aanbesteding)
                  .select_related("openbaar_gemaakt_door")}
    return [Dossierregel(stuk, opgeslagen.get(stuk.sleutel) or standaardmetadata(aanbesteding, stuk))
            for stuk in dossierstukken(aanbesteding)]


def verzoeken(qs=None):
    """Requests with their procedure and counts per decision, for the list screen (one query)."""
    B = Verzoekstuk.Beoordeling
    qs = Wooverzoek.objects.all() if qs is None else qs
    return (qs.select_related("aanbesteding", "aanbesteding__regio")
            .annotate(aantal_stukken=Count("stukken", distinct=True),
                      aantal_niet=Count("stukken", filter=Q(stukken__beoordeling=B.NIET_OPENBAAR), distinct=True),
                      aantal_deels=Count("stukken", filter=Q(stukken__beoordeling=B.DEELS_OPENBAAR), distinct=True))
            .order_by("-ontvangen_op", "-pk"))


def stukken_van(verzoek):
    """The selected documents of ``verzoek`` in inventarislijst order, each with its marks and grounds."""
    return (verzoek.stukken.order_by("volgnummer")
            .prefetch_related(Prefetch("markeringen",
                                       queryset=Lakmarkering.objects.select_related("grond", "door")
                                       .order_by("pagina", "pk"))))


def actief_openbaar(aanbesteding=None):
    """The actively published documents (of ``aanbesteding``, or of every public procedure), newest first."""
    qs = (Woometadata.objects.filter(status=Woometadata.Status.ACTIEF_OPENBAAR)
          .exclude(publicatie="")
          .filter(aanbesteding__in=aanbesteding_selectors.openbare_aanbestedingen())
          .select_related("aanbesteding"))
    if aanbesteding is not None:
        qs = qs.filter(aanbesteding=aanbesteding)
    return qs.order_by("-datum", "titel", "pk")


def openbare_procedures_met_publicaties():
    """The public procedures with at least one actively published document, with that count (one query)."""
    return (aanbesteding_selectors.openbare_aanbestedingen()
            .filter(woometadata__status=Woometadata.Status.ACTIEF_OPENBAAR, woometadata__publicatie__gt="")
            .annotate(aantal_woo=Count("woometadata", distinct=True,
                                       filter=Q(woometadata__status=Woometadata.Status.ACTIEF_OPENBAAR,
                                                woometadata__publicatie__gt="")))
            .order_by("titel"))


def open_verzoeken(user, hoeveel: int = 5) -> tuple[int, list[Wooverzoek]]:
    """The Woo requests not yet decided in ``user``'s Woo regions: how many, and the ``hoeveel`` oldest (the staff
    start page, woo.wagtail_hooks). Two queries."""
    qs = binnen(Wooverzoek.objects.exclude(status=Wooverzoek.Status.BESLOTEN), permissions.bereik(user))
    return qs.count(), list(qs.select_related("aanbesteding").order_by("ontvangen_op", "pk")[:hoeveel])
