"""What one provider owes the bureaus it is contracted by, across its agreements in every region (issue 13):
the page /mijn/verplichtingen/, the duties on its overview and the messages in its inbox (issue 17).

Four queries whatever the number of agreements, years or regions: one per kind of duty (verantwoordingen,
informatieverzoeken, onderzoeken, questions on meldingen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import F, Max, OuterRef, Q, Subquery
from django.urls import reverse

from core import kalender
from core.kalender import TZ
from organisaties.portaal import TAKEN, Overzichtsregel

from ..models import (
    Gespreksactie,
    Informatieverzoek,
    InnovatieEvaluatie,
    Maatregel,
    Melding,
    Meldingsstap,
    Onderzoek,
    Verantwoording,
    Verzoekontvanger,
)

VERANTWOORDING = "verantwoording"
INFORMATIEVERZOEK = "informatieverzoek"
ONDERZOEK = "onderzoek"
MELDING = "melding"
ZIENSWIJZE = "zienswijze"
GESPREKSACTIE = "gespreksactie"
INNOVATIE_EVALUATIE = "innovatie_evaluatie"

SOORTEN = {
    VERANTWOORDING: "Verantwoording",
    INFORMATIEVERZOEK: "Informatieverzoek",
    ONDERZOEK: "Onderzoek",
    MELDING: "Melding",
    ZIENSWIJZE: "Zienswijze",
    GESPREKSACTIE: "Actie uit een contractgesprek",
    INNOVATIE_EVALUATIE: "Evaluatie innovatievoorstel",
}

# The duties a provider still has to act on (the rest waits for the bureau or is done).
OPEN_VERANTWOORDING = (Verantwoording.Status.OPEN, Verantwoording.Status.HERSTEL, Verantwoording.Status.AFGEWEZEN)
OPEN_VERZOEK = (Verzoekontvanger.Status.OPEN, Verzoekontvanger.Status.AANVULLING)

_ACTIE_VERANTWOORDING = {
    Verantwoording.Status.OPEN: "Indienen",
    Verantwoording.Status.HERSTEL: "Herstellen",
    Verantwoording.Status.AFGEWEZEN: "Opnieuw indienen",
}


@dataclass(frozen=True)
class Verplichting:
    """One thing the provider must do, with the deadline that counts now."""

    soort: str  # VERANTWOORDING | INFORMATIEVERZOEK | ONDERZOEK | MELDING
    pk: int
    titel: str
    procedure: str
    regio_id: int
    uiterlijk: date | None
    te_laat: bool
    dagen_te_laat: int
    status: str
    url: str
    actie: str
    toelichting: str = ""

    @property
    def soort_label(self) -> str:
        return SOORTEN[self.soort]


def _te_laat(uiterlijk: date | None, vandaag: date) -> tuple[bool, int]:
    """Late from the day after the last day on time: on 31 March a duty due 31 March is on time, on 1 April
    it is one day late (contractbeheer.regels.verantwoording_uiterlijk)."""
    if uiterlijk is None or uiterlijk >= vandaag:
        return False, 0
    return True, (vandaag - uiterlijk).days


def _volgorde(v: Verplichting):
    """Late first, then by deadline (no deadline last), then by title."""
    return (not v.te_laat, v.uiterlijk or date.max, v.titel, v.pk)


def verantwoording_titel(v: Verantwoording) -> str:
    titel = f"{v.eis.naam} {v.jaar}"
    return f"{titel} – {v.gemeente.naam}" if v.gemeente_id else titel


def open_vragen(meldingen):
    """``meldingen`` (a queryset) narrowed to those with a question to the provider after its last answer
    (a public VRAAG step later than the last ANTWOORD), with the question as ``open_vraag``; handled ones
    excluded. One query."""
    laatste_vraag = Meldingsstap.objects.filter(
        melding=OuterRef("pk"), soort=Meldingsstap.Soort.VRAAG, intern=False,
    ).order_by("-op", "-pk")
    return (
        meldingen.exclude(status=Melding.Status.AFGEHANDELD)
        .annotate(
            vraag_op=Max("stappen__op", filter=Q(stappen__soort=Meldingsstap.Soort.VRAAG, stappen__intern=False)),
            antwoord_op=Max("stappen__op", filter=Q(stappen__soort=Meldingsstap.Soort.ANTWOORD)),
            open_vraag=Subquery(laatste_vraag.values("tekst")[:1]),
        )
        .filter(vraag_op__isnull=False)
        .filter(Q(antwoord_op__isnull=True) | Q(vraag_op__gt=F("antwoord_op")))
    )


def _onderzoek_termijn(o: Onderzoek) -> tuple[str, date | None]:
    if o.status == Onderzoek.Status.RESULTAAT_GEMELD:
        return "Reageren op het resultaat van het onderzoek", o.resultaat_reactie_uiterlijk
    return "Reageren op het signaal (onderzoek)", o.reactie_uiterlijk


def wacht_op_aanbieder(onderzoeken):
    """Onderzoeken in one of the two 14-day windows of 002 B1 33 (33.2, 33.4) without the provider's reaction."""
    return onderzoeken.filter(
        Q(status=Onderzoek.Status.SIGNAAL_GEMELD, reactie_op__isnull=True)
        | Q(status=Onderzoek.Status.RESULTAAT_GEMELD, resultaat_reactie_op__isnull=True)
    )


def verplichtingen_van(organisatie, vandaag: date) -> list[Verplichting]:
    """Everything ``organisatie`` owes across its agreements in all regions, late first, then by deadline.

    - verantwoordingen still to submit, in herstel or rejected (deadline: ``geldende_termijn``, 002 B1 32-34);
    - informatieverzoeken open or asked to be completed (002 UOK 5.1);
    - onderzoeken waiting for its reaction (002 B1 33.2 and 33.4);
    - meldingen with a question from the bureau it has not answered yet (no deadline);
    - intended measures whose zienswijze period is still open (issue 14; a zienswijze is the provider's right,
      not a duty, so a passed period is not "te laat" and leaves the list);
    - open actions agreed for the provider in a contract talk (issue 14);
    - planned evaluations of an admitted innovatievoorstel, due 12 months after admission (002 r. 573, ADR 0022).
    Seven queries.
    """
    if organisatie is None:
        return []
    uit: list[Verplichting] = []
    for v in (Verantwoording.objects.filter(overeenkomst__organisatie=organisatie, status__in=OPEN_VERANTWOORDING)
              .select_related("eis", "gemeente", "overeenkomst__aanbesteding")):
        uiterlijk = v.geldende_termijn
        laat, dagen = _te_laat(uiterlijk, vandaag)
        uit.append(Verplichting(
            VERANTWOORDING, v.pk, verantwoording_titel(v), v.overeenkomst.aanbesteding.titel,
            v.overeenkomst.aanbesteding.regio_id, uiterlijk, laat, dagen, v.get_status_display(),
            reverse("contractbeheer:verantwoording", args=[v.pk]), _ACTIE_VERANTWOORDING[v.status],
            v.eis.toelichting,
        ))
    for r in (Verzoekontvanger.objects.filter(overeenkomst__organisatie=organisatie, status__in=OPEN_VERZOEK,
                                              verzoek__status=Informatieverzoek.Status.VERZONDEN)
              .select_related("verzoek__aanbesteding")):
        laat, dagen = _te_laat(r.uiterlijk, vandaag)
        uit.append(Verplichting(
            INFORMATIEVERZOEK, r.pk, r.verzoek.onderwerp, r.verzoek.aanbesteding.titel, r.verzoek.aanbesteding.regio_id,
            r.uiterlijk, laat, dagen, r.get_status_display(), reverse("contractbeheer:verzoek", args=[r.pk]),
            "Aanvullen" if r.status == Verzoekontvanger.Status.AANVULLING else "Beantwoorden",
            r.reactie if r.status == Verzoekontvanger.Status.AANVULLING else "",
        ))
    for o in wacht_op_aanbieder(Onderzoek.objects.filter(overeenkomst__organisatie=organisatie)).select_related(
            "overeenkomst__aanbesteding"):
        titel, uiterlijk = _onderzoek_termijn(o)
        laat, dagen = _te_laat(uiterlijk, vandaag)
        uit.append(Verplichting(
            ONDERZOEK, o.pk, titel, o.overeenkomst.aanbesteding.titel, o.overeenkomst.aanbesteding.regio_id,
            uiterlijk, laat, dagen, o.get_status_display(), reverse("contractbeheer:onderzoek", args=[o.pk]),
            "Reageren",
        ))
    for m in open_vragen(Melding.objects.filter(overeenkomst__organisatie=organisatie)).select_related(
            "soort", "overeenkomst__aanbesteding"):
        uit.append(Verplichting(
            MELDING, m.pk, f"Vraag over uw melding: {m.samenvatting}", m.overeenkomst.aanbesteding.titel,
            m.overeenkomst.aanbesteding.regio_id, None, False, 0, m.get_status_display(),
            reverse("contractbeheer:melding", args=[m.pk]), "Antwoorden", m.open_vraag or "",
        ))
    for mr in (Maatregel.objects.filter(overeenkomst__organisatie=organisatie, status=Maatregel.Status.VOORNEMEN,
                                        zienswijze_uiterlijk__gte=vandaag)
               .select_related("overeenkomst__aanbesteding")):
        uit.append(Verplichting(
            ZIENSWIJZE, mr.pk, f"Voornemen: {mr.get_trede_display()}", mr.overeenkomst.aanbesteding.titel,
            mr.overeenkomst.aanbesteding.regio_id, mr.zienswijze_uiterlijk, False, 0, mr.get_status_display(),
            reverse("contractbeheer:maatregel", args=[mr.pk]), "Zienswijze geven",
            "U kunt tot en met de uiterste datum uw zienswijze geven; daarna besluit het bureau.",
        ))
    for a in (Gespreksactie.objects.filter(gesprek__overeenkomst__organisatie=organisatie,
                                           eigenaar=Gespreksactie.Eigenaar.AANBIEDER,
                                           status=Gespreksactie.Status.OPEN)
              .select_related("gesprek__overeenkomst__aanbesteding")):
        laat, dagen = _te_laat(a.uiterlijk, vandaag)
        ab = a.gesprek.overeenkomst.aanbesteding
        uit.append(Verplichting(
            GESPREKSACTIE, a.pk, a.omschrijving[:120], ab.titel, ab.regio_id, a.uiterlijk, laat, dagen,
            a.get_status_display(), reverse("contractbeheer:gesprek", args=[a.gesprek_id]), "Bekijken en afronden",
        ))
    for e in (InnovatieEvaluatie.objects.filter(overeenkomst__organisatie=organisatie,
                                                status=InnovatieEvaluatie.Status.GEPLAND)
              .select_related("voorstel", "overeenkomst__aanbesteding")):
        laat, dagen = _te_laat(e.uiterlijk, vandaag)
        ab = e.overeenkomst.aanbesteding
        uit.append(Verplichting(
            INNOVATIE_EVALUATIE, e.pk, f"Evaluatie van {e.voorstel.productnaam}", ab.titel, ab.regio_id, e.uiterlijk,
            laat, dagen, e.get_status_display(), reverse("contractbeheer:innovatie_evaluatie", args=[e.pk]), "Bekijken",
            "Binnen een jaar na opname wordt het product geëvalueerd; daarna besluit de opdrachtgever het voort te "
            "zetten, aan te passen of te beëindigen (002 r. 573).",
        ))
    uit.sort(key=_volgorde)
    return uit


# --- the provider's overview and inbox across regions (issue 17) -------------------------------------------


def overzicht_regels(organisatie) -> list[Overzichtsregel]:
    """The duties of ``verplichtingen_van`` as lines of the overview (rubriek TAKEN), per region. Seven queries."""
    regels = []
    for v in verplichtingen_van(organisatie, kalender.vandaag()):
        toelichting = f"Bij {v.procedure}"
        if v.te_laat:
            toelichting += f"; {v.dagen_te_laat} dag{'en' if v.dagen_te_laat != 1 else ''} te laat"
        regels.append(Overzichtsregel(v.regio_id, TAKEN, f"{v.soort_label}: {v.titel}", v.url, v.status,
                                      v.uiterlijk, toelichting))
    return regels


def _moment(dag: date) -> datetime:
    return datetime.combine(dag, time.min, tzinfo=TZ)
