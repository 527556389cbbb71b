"""Reads of the leegstandsvergoeding (issue 14; 003 r.4140-4207, r.4259-4319; services/leegstand.py has the
readings of the source). Every function runs a fixed number of queries whatever the number of providers or
months: the overviews of a regeling-year are read once, with their agreement and organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .. import regels
from ..models import Beddenoverzicht, Leegstandsregeling

NUL = Decimal("0.00")


def overzichten(regeling: Leegstandsregeling, jaar: int):
    return (Beddenoverzicht.objects.filter(regeling=regeling, maand__year=jaar)
            .select_related("overeenkomst__organisatie").order_by("maand", "overeenkomst__organisatie__naam", "pk"))


@dataclass
class Maandrij:
    maand: date
    cellen: list  # per provider (same order as ``aanbieders``): the live overview, else the latest rejected, or None


def maandstaat(regeling: Leegstandsregeling, jaar: int) -> tuple[list, list[Maandrij]]:
    """Months × providers of one year: ([agreements], [Maandrij ×12]). A provider appears once it has
    submitted an overview in the year."""
    lijst = list(overzichten(regeling, jaar))
    aanbieders = sorted({o.overeenkomst for o in lijst}, key=lambda ovk: (ovk.organisatie.naam, ovk.pk))
    kolom = {ovk.pk: i for i, ovk in enumerate(aanbieders)}
    rijen = [Maandrij(date(jaar, m, 1), [None] * len(aanbieders)) for m in range(1, 13)]
    for o in lijst:
        cellen = rijen[o.maand.month - 1].cellen
        huidig = cellen[kolom[o.overeenkomst_id]]
        # The live overview wins over a rejected one; among rejected ones the latest.
        if huidig is None or huidig.status == Beddenoverzicht.Status.AFGEWEZEN:
            cellen[kolom[o.overeenkomst_id]] = o
    return aanbieders, rijen


@dataclass
class Jaarregel:
    """One provider's year as in the source's "Financieel overzicht" (003 r.4300-4316): the maximum fee, the
    occupied etmalen and the leegstand with its amount. Occupation is paid by the normal declarations (003
    r.4188): no amount here."""

    overeenkomst: object
    max_vergoeding: Decimal
    etmalen_capaciteit: int = 0
    etmalen_bezet: int = 0
    etmalen_leegstand: int = 0
    bedrag_berekend: Decimal = NUL
    bedrag_uit_te_betalen: Decimal = NUL
    maanden_goedgekeurd: int = 0
    maanden_open: int = 0

    @property
    def resterend(self) -> Decimal:
        return max(self.max_vergoeding - self.bedrag_uit_te_betalen, NUL)

    @property
    def boven_plafond(self) -> Decimal:
        return self.bedrag_berekend - self.bedrag_uit_te_betalen


def jaaroverzicht(regeling: Leegstandsregeling, jaar: int) -> tuple[list[Jaarregel], Jaarregel | None]:
    """Per provider the approved months of ``jaar`` (submitted ones counted as open), and the total over all
    providers against the cap for all together (``max_totaal_per_jaar``)."""
    per: dict[int, Jaarregel] = {}
    for o in overzichten(regeling, jaar):
        r = per.setdefault(o.overeenkomst_id, Jaarregel(o.overeenkomst, regeling.max_per_aanbieder_per_jaar))
        if o.status == Beddenoverzicht.Status.INGEDIEND:
            r.maanden_open += 1
        if o.status != Beddenoverzicht.Status.GOEDGEKEURD:
            continue
        r.maanden_goedgekeurd += 1
        r.etmalen_capaciteit += o.etmalen_capaciteit
        r.etmalen_bezet += o.etmalen_bezet
        r.etmalen_leegstand += o.etmalen_capaciteit - o.etmalen_bezet
        r.bedrag_berekend += o.bedrag_berekend
        r.bedrag_uit_te_betalen += o.bedrag_uit_te_betalen or NUL
    regels_ = sorted(per.values(), key=lambda r: r.overeenkomst.organisatie.naam)
    if not regels_:
        return [], None
    totaal = Jaarregel(None, regeling.max_totaal_per_jaar)
    for r in regels_:
        for veld in ("etmalen_capaciteit", "etmalen_bezet", "etmalen_leegstand", "bedrag_berekend",
                     "bedrag_uit_te_betalen", "maanden_goedgekeurd", "maanden_open"):
            setattr(totaal, veld, getattr(totaal, veld) + getattr(r, veld))
    return regels_, totaal


@dataclass
class Verdeling:
    """The split of the approved payments of one year over the municipalities (003 r.4198-4206)."""

    gemeenten: list  # Leegstandsverdeling rows, largest share first
    regels: list = field(default_factory=list)  # [(overzicht, {gemeente_id: bedrag})] in the order of the months
    totaal_per_gemeente: dict = field(default_factory=dict)
    niet_gedekt: dict = field(default_factory=dict)  # above a municipality's max_bijdrage: not charged
    fout: str = ""

    @property
    def totaal(self) -> Decimal:
        return sum(self.totaal_per_gemeente.values(), NUL)


def verdeling(regeling: Leegstandsregeling, jaar: int) -> Verdeling:
    """Each approved month's payment split with ``regels.verdeel_over_gemeenten`` (the parts add up to the
    cent), in the order of the months, each municipality's part capped at what is left of its maximale bijdrage
    per jaar (003 r.4200-4206). Reading: with the source's key (38/24/18/10/5/5 of € 350.000) that cap only
    bites when staff lower a maximum; the part above it is shown as not covered rather than moved to another
    municipality (the source gives no rule for that)."""
    gemeenten = list(regeling.verdeling.select_related("gemeente").order_by("-percentage", "gemeente__naam"))
    uit = Verdeling(gemeenten=gemeenten)
    uit.totaal_per_gemeente = {v.gemeente_id: NUL for v in gemeenten}
    uit.niet_gedekt = {v.gemeente_id: NUL for v in gemeenten}
    som = sum((v.percentage for v in gemeenten), Decimal(0))
    if som != 100:
        uit.fout = f"De verdeelsleutel telt op tot {som}% in plaats van 100%; de verdeling is niet te maken."
        return uit
    aandelen = [(v.gemeente_id, v.percentage) for v in gemeenten]
    maxima = {v.gemeente_id: v.max_bijdrage for v in gemeenten}
    goedgekeurd = [o for o in overzichten(regeling, jaar) if o.status == Beddenoverzicht.Status.GOEDGEKEURD]
    goedgekeurd.sort(key=lambda o: (o.maand, o.beoordeeld_op or o.ingediend_op, o.pk))
    for o in goedgekeurd:
        delen = regels.verdeel_over_gemeenten(o.bedrag_uit_te_betalen or NUL, aandelen)
        gedekt = {}
        for g, deel in delen.items():
            ruimte = max(maxima[g] - uit.totaal_per_gemeente[g], NUL)
            gedekt[g] = min(deel, ruimte)
            uit.niet_gedekt[g] += deel - gedekt[g]
            uit.totaal_per_gemeente[g] += gedekt[g]
        uit.regels.append((o, gedekt))
    return uit


EXPORTKOP = ["Jaar", "Maand", "Aanbieder", "KvK", "Gemeente", "Aandeel (%)", "Etmalen capaciteit", "Etmalen bezet",
             "Etmalen leegstand", "Tarief", "Berekend (aanbieder)", "Uit te betalen (aanbieder)", "Bijdrage gemeente"]


def exportregels(regeling: Leegstandsregeling, jaar: int):
    """Month × provider × municipality for finance (the approved months). Payment is settled yearly on the
    January invoice (003 r.4190); these are the computed monthly parts."""
    v = verdeling(regeling, jaar)
    namen = {g.gemeente_id: g for g in v.gemeenten}
    for o, delen in v.regels:
        org = o.overeenkomst.organisatie
        for g_id, bedrag in delen.items():
            yield [jaar, o.maand.strftime("%m-%Y"), org.naam, org.kvk_nummer or "", namen[g_id].gemeente.naam,
                   namen[g_id].percentage, o.etmalen_capaciteit, o.etmalen_bezet,
                   o.etmalen_capaciteit - o.etmalen_bezet, o.tarief, o.bedrag_berekend, o.bedrag_uit_te_betalen,
                   bedrag]
