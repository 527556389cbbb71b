"""The contract manager's work list across providers (issue 13), limited to the regions where the user is
Contractmanager or Inkoper (ADR 0011).

Three sections:

- **deze week te doen**: duties of providers whose deadline falls within the coming seven days;
- **te laat**: duties whose deadline has passed without the provider acting;
- **wacht op beoordeling**: the bureau's turn: submitted verantwoordingen, answered informatieverzoeken,
  meldingen received and not yet handled, reactions in an onderzoek.

A fixed number of queries whatever the number of providers: one aggregate per kind for the counts, one UNION
over the kinds for the page (ordered and sliced in the database), and one query per kind for the rows on the
page. The export reads the same sources without the slice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    F,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from organisaties.regios import binnen

from .. import permissions
from ..models import Informatieverzoek, Melding, Onderzoek, Verantwoording, Verzoekontvanger
from .verplichtingen import (
    INFORMATIEVERZOEK,
    MELDING,
    ONDERZOEK,
    OPEN_VERANTWOORDING,
    OPEN_VERZOEK,
    SOORTEN,
    VERANTWOORDING,
    verantwoording_titel,
)

DEZE_WEEK = "deze_week"
TE_LAAT = "te_laat"
BEOORDELING = "beoordeling"
SECTIES = {
    DEZE_WEEK: "Deze week te doen",
    TE_LAAT: "Te laat",
    BEOORDELING: "Wacht op beoordeling",
}
WEEK = 7  # "deze week": the deadline lies today or within the next seven days
PER_PAGINA = 25


@dataclass(frozen=True)
class WerklijstRegel:
    sectie: str
    soort: str
    pk: int
    titel: str
    organisatie: str
    procedure: str
    regio_id: int
    termijn: date | None  # the provider's deadline (for the bureau's turn: the deadline that applied)
    ontvangen: datetime | None  # when the submission, answer, melding or reaction came in
    dagen_te_laat: int
    status: str
    url: str

    @property
    def soort_label(self) -> str:
        return SOORTEN[self.soort]

    @property
    def sectie_label(self) -> str:
        return SECTIES[self.sectie]

    @property
    def te_laat(self) -> bool:
        return self.dagen_te_laat > 0


@dataclass
class Werklijst:
    secties: list[tuple[str, str, int]]  # (key, label, count)
    sectie: str
    regels: list[WerklijstRegel]
    pagina: int
    aantal_paginas: int
    totaal: int
    extra: dict = field(default_factory=dict)

    @property
    def vorige(self) -> int | None:
        return self.pagina - 1 if self.pagina > 1 else None

    @property
    def volgende(self) -> int | None:
        return self.pagina + 1 if self.pagina < self.aantal_paginas else None


@dataclass(frozen=True)
class _Bron:
    """One kind of duty: its region-limited queryset annotated with ``_termijn`` (date, the provider's
    deadline) and ``_ontvangen`` (datetime, when the bureau's turn began), and what belongs where."""

    soort: str
    qs: object
    aanbieder: Q  # the provider's turn (te laat / deze week are counted on _termijn)
    bureau: Q  # waiting for the bureau


def _bronnen(bereik, filters) -> list[_Bron]:
    def beperkt(model):
        qs = binnen(model.objects.all(), bereik)
        if filters.get("aanbesteding"):
            qs = qs.filter(overeenkomst__aanbesteding=filters["aanbesteding"])
        if filters.get("regio"):
            qs = qs.filter(overeenkomst__aanbesteding__regio=filters["regio"])
        return qs

    geen_datum = Value(None, output_field=DateField())
    bronnen = [
        _Bron(
            VERANTWOORDING,
            beperkt(Verantwoording).annotate(
                _termijn=Case(
                    When(status=Verantwoording.Status.HERSTEL, herstel_uiterlijk__isnull=False,
                         then=F("herstel_uiterlijk")),
                    default=F("uiterlijk"), output_field=DateField(),
                ),
                _ontvangen=Coalesce("status_sinds", "aangemaakt_op", output_field=DateTimeField()),
            ),
            Q(status__in=OPEN_VERANTWOORDING),
            Q(status=Verantwoording.Status.INGEDIEND),
        ),
        _Bron(
            INFORMATIEVERZOEK,
            beperkt(Verzoekontvanger).filter(verzoek__status=Informatieverzoek.Status.VERZONDEN).annotate(
                _termijn=F("uiterlijk"), _ontvangen=F("beantwoord_op"),
            ),
            Q(status__in=OPEN_VERZOEK),
            Q(status=Verzoekontvanger.Status.BEANTWOORD),
        ),
        _Bron(
            ONDERZOEK,
            beperkt(Onderzoek).annotate(
                _termijn=Case(
                    When(status=Onderzoek.Status.RESULTAAT_GEMELD, then=F("resultaat_reactie_uiterlijk")),
                    default=F("reactie_uiterlijk"), output_field=DateField(),
                ),
                _ontvangen=Case(
                    When(status=Onderzoek.Status.RESULTAAT_GEMELD, then=F("resultaat_reactie_op")),
                    default=F("reactie_op"), output_field=DateTimeField(),
                ),
            ),
            # 002 B1 33.2 and 33.4: the provider's two windows of 14 kalenderdagen.
            Q(status=Onderzoek.Status.SIGNAAL_GEMELD, reactie_op__isnull=True)
            | Q(status=Onderzoek.Status.RESULTAAT_GEMELD, resultaat_reactie_op__isnull=True),
            Q(status=Onderzoek.Status.SIGNAAL_GEMELD, reactie_op__isnull=False)
            | Q(status=Onderzoek.Status.RESULTAAT_GEMELD, resultaat_reactie_op__isnull=False),
        ),
        _Bron(
            MELDING,
            beperkt(Melding).annotate(_termijn=geen_datum, _ontvangen=F("ontvangen_op")),
            Q(pk__in=[]),  # a melding is the provider's own notice: nothing for it to do on the bureau's list
            Q(status__in=[Melding.Status.ONTVANGEN, Melding.Status.IN_BEHANDELING]),
        ),
    ]
    if filters.get("soort"):
        bronnen = [b for b in bronnen if b.soort == filters["soort"]]
    return bronnen


def _sectiefilter(bron: _Bron, sectie: str, vandaag: date) -> Q:
    if sectie == TE_LAAT:
        return bron.aanbieder & Q(_termijn__lt=vandaag)
    if sectie == DEZE_WEEK:
        return bron.aanbieder & Q(_termijn__gte=vandaag, _termijn__lte=vandaag + timedelta(days=WEEK))
    return bron.bureau


def _tellingen(bronnen, vandaag) -> dict[str, int]:
    """One aggregate query per kind for the three counts."""
    totaal = dict.fromkeys(SECTIES, 0)
    for bron in bronnen:
        if bron.soort == MELDING:
            totaal[BEOORDELING] += bron.qs.filter(bron.bureau).count()
            continue
        uitkomst = bron.qs.aggregate(**{
            sectie: Count("pk", filter=_sectiefilter(bron, sectie, vandaag)) for sectie in SECTIES
        })
        for sectie in SECTIES:
            totaal[sectie] += uitkomst[sectie] or 0
    return totaal


def _sleutels(bronnen, sectie, vandaag):
    """One UNION query over the kinds: (soort, pk) of the section's rows in the order of the list.

    Te laat and deze week by deadline (the longest late first), the bureau's turn by arrival (oldest first)."""
    delen = []
    for bron in bronnen:
        if sectie != BEOORDELING and bron.soort == MELDING:
            continue
        datum = F("_ontvangen") if sectie == BEOORDELING else F("_termijn")
        delen.append(
            bron.qs.filter(_sectiefilter(bron, sectie, vandaag)).order_by()
            .annotate(_s=Value(bron.soort, output_field=CharField()),
                      _d=datum,
                      _n=F("overeenkomst__organisatie__naam"))
            .values_list("_s", "pk", "_d", "_n")
        )
    if not delen:
        return None
    eerste, *rest = delen
    return eerste.union(*rest, all=True).order_by("_d", "_n", "_s", "pk") if rest else eerste.order_by("_d", "_n", "pk")


_SELECT = {
    VERANTWOORDING: ("eis", "gemeente", "overeenkomst__organisatie", "overeenkomst__aanbesteding"),
    INFORMATIEVERZOEK: ("verzoek", "overeenkomst__organisatie", "overeenkomst__aanbesteding"),
    ONDERZOEK: ("overeenkomst__organisatie", "overeenkomst__aanbesteding"),
    MELDING: ("soort", "overeenkomst__organisatie", "overeenkomst__aanbesteding"),
}
_MODEL = {VERANTWOORDING: Verantwoording, INFORMATIEVERZOEK: Verzoekontvanger, ONDERZOEK: Onderzoek,
          MELDING: Melding}


def _regel(sectie, soort, obj, vandaag) -> WerklijstRegel:
    ovk = obj.overeenkomst
    ontvangen = None
    if soort == VERANTWOORDING:
        titel, termijn, ontvangen = verantwoording_titel(obj), obj.geldende_termijn, obj.status_sinds
        url = reverse("contractbeheer_admin_verantwoording", args=[obj.pk])
    elif soort == INFORMATIEVERZOEK:
        titel, termijn, ontvangen = obj.verzoek.onderwerp, obj.uiterlijk, obj.beantwoord_op
        url = (reverse("contractbeheer_admin_antwoord", args=[obj.pk]) if sectie == BEOORDELING
               else reverse("contractbeheer_admin_verzoek", args=[obj.verzoek_id]))
    elif soort == ONDERZOEK:
        resultaat = obj.status == Onderzoek.Status.RESULTAAT_GEMELD
        titel = "Reactie op het resultaat van het onderzoek" if resultaat else "Reactie op het signaal (onderzoek)"
        termijn = obj.resultaat_reactie_uiterlijk if resultaat else obj.reactie_uiterlijk
        ontvangen = obj.resultaat_reactie_op if resultaat else obj.reactie_op
        url = reverse("contractbeheer_admin_onderzoek", args=[obj.pk])
    else:
        titel, termijn, ontvangen = f"{obj.soort}: {obj.samenvatting}", None, obj.ontvangen_op
        url = reverse("contractbeheer_admin_melding", args=[obj.pk])
    dagen = (vandaag - termijn).days if sectie == TE_LAAT and termijn and termijn < vandaag else 0
    return WerklijstRegel(sectie, soort, obj.pk, titel, ovk.organisatie.naam, ovk.aanbesteding.titel,
                          ovk.aanbesteding.regio_id, termijn, ontvangen, dagen, obj.get_status_display(), url)


def _regels(sectie, sleutels, vandaag) -> list[WerklijstRegel]:
    """The rows for ``sleutels`` [(soort, pk), ...] in that order: one query per kind present."""
    per_soort: dict[str, list[int]] = {}
    for soort, pk in sleutels:
        per_soort.setdefault(soort, []).append(pk)
    objecten = {
        (soort, obj.pk): obj
        for soort, pks in per_soort.items()
        for obj in _MODEL[soort].objects.filter(pk__in=pks).select_related(*_SELECT[soort])
    }
    return [_regel(sectie, soort, objecten[(soort, pk)], vandaag) for soort, pk in sleutels if (soort, pk) in objecten]


def werklijst(user, vandaag: date, filters: dict | None = None) -> Werklijst:
    """The work list of ``user`` in their regions (``permissions.beheer_bereik``).

    ``filters``: ``sectie`` (DEZE_WEEK, TE_LAAT or BEOORDELING; default the first non-empty one), ``pagina`` (from 1),
    ``aanbesteding`` and ``regio`` (objects or ids, already limited to the user's regions by the form),
    ``soort`` (one of SOORTEN). A fixed number of queries.
    """
    filters = filters or {}
    bronnen = _bronnen(permissions.beheer_bereik(user), filters)
    tellingen = _tellingen(bronnen, vandaag)
    # Without a chosen section: the first one with work in it, so the page never opens on an empty tab while
    # eighteen duties are late.
    sectie = filters.get("sectie") if filters.get("sectie") in SECTIES else next(
        (s for s in SECTIES if tellingen[s]), DEZE_WEEK)
    totaal = tellingen[sectie]
    aantal_paginas = max(1, -(-totaal // PER_PAGINA))
    pagina = min(max(int(filters.get("pagina") or 1), 1), aantal_paginas)
    regels = []
    union = _sleutels(bronnen, sectie, vandaag)
    if totaal and union is not None:
        start = (pagina - 1) * PER_PAGINA
        sleutels = [(s, pk) for s, pk, _d, _n in union[start:start + PER_PAGINA]]
        regels = _regels(sectie, sleutels, vandaag)
    return Werklijst([(s, label, tellingen[s]) for s, label in SECTIES.items()], sectie, regels, pagina,
                     aantal_paginas, totaal)


def werklijst_tellingen(user, vandaag: date) -> list[tuple[str, str, int]]:
    """The three counts of the work list without filters, as its tabs show them: (key, label, count). For the staff
    start page (contractbeheer.wagtail_hooks); one aggregate query per kind, like the page."""
    tellingen = _tellingen(_bronnen(permissions.beheer_bereik(user), {}), vandaag)
    return [(s, label, tellingen[s]) for s, label in SECTIES.items()]


def werklijst_regels(user, vandaag: date, filters: dict | None = None) -> list[WerklijstRegel]:
    """Every row of every section (or of ``filters["sectie"]``) for the export, in the list's order. One UNION
    and one query per kind per section."""
    filters = filters or {}
    bronnen = _bronnen(permissions.beheer_bereik(user), filters)
    secties = [filters["sectie"]] if filters.get("sectie") in SECTIES else list(SECTIES)
    uit = []
    for sectie in secties:
        union = _sleutels(bronnen, sectie, vandaag)
        if union is not None:
            uit += _regels(sectie, [(s, pk) for s, pk, _d, _n in union], vandaag)
    return uit


# --- issue 14: what waits for the bureau in monitoring and enforcement --------------------------------------


@dataclass(frozen=True)
class Handhavingstelling:
    label: str
    aantal: int
    url: str


def handhaving_tellingen(user, vandaag: date) -> list[Handhavingstelling]:
    """The bureau's turn in the streams of issue 14, as counts with a link to the filtered list (one query per
    kind, in the user's regions): signals not yet triaged or in behandeling, intended measures whose zienswijze
    came in or whose period has passed (a decision is due), bed overviews to approve, and actions agreed in
    contract talks that passed their date."""
    from ..models import Beddenoverzicht, Gespreksactie, Maatregel, Signaal

    b = permissions.beheer_bereik(user)
    signalen = binnen(Signaal.objects, b).filter(
        status__in=[Signaal.Status.ONTVANGEN, Signaal.Status.IN_BEHANDELING]).count()
    besluiten = binnen(Maatregel.objects, b).filter(
        Q(status=Maatregel.Status.ZIENSWIJZE)
        | Q(status=Maatregel.Status.VOORNEMEN, zienswijze_uiterlijk__lt=vandaag)).count()
    overzichten = binnen(Beddenoverzicht.objects, b).filter(status=Beddenoverzicht.Status.INGEDIEND).count()
    acties = binnen(Gespreksactie.objects, b).filter(status=Gespreksactie.Status.OPEN, uiterlijk__lt=vandaag).count()
    return [
        Handhavingstelling("Signalen te behandelen", signalen, reverse("contractbeheer_admin_signalen")),
        Handhavingstelling("Maatregelen waarover een besluit nodig is", besluiten,
                           reverse("contractbeheer_admin_maatregelen")),
        Handhavingstelling("Beddenoverzichten te beoordelen", overzichten, reverse("contractbeheer_admin_leegstand")),
        Handhavingstelling("Acties uit contractgesprekken over de datum", acties,
                           reverse("contractbeheer_admin_gesprekken") + "?te_laat=on"),
    ]
