"""Lot rules and subcontracting caps that a choice of percelen or members must meet (issue 19).

Pure reads: every function returns Dutch messages that say what is missing, and writes nothing. The services call
them where the provider chooses (``controleer_percelen``, ``lid_toevoegen``, ``opgave_vastleggen``) and again when
submitting (``inschrijving_indienen``); the overview page shows the same messages before the provider submits.

Sources: Perceelregel (aanbesteding) with 003 r.512 ("één van"), r.514-520 ("minimaal N", "standplaats binnen de
regiogemeenten"), r.4632 (Tussenvoorziening: "locatie binnen de gemeentegrenzen van ..."); the caps of 003 §2.13
r.665-691 on Aanbesteding and Perceel.onderaanneming.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from aanbesteding.models import Aanbesteding, DeelnemendeGemeente, Perceel, Perceelregel
from organisaties.models import Domein, Gemeente

from .models import Inschrijving, InschrijvingPerceel, Lid

# --- formatting ------------------------------------------------------------------------------------------


def getal(waarde: Decimal | int | float) -> str:
    """A number as Dutch text: 12,5 / 10 / 4,25 (no trailing zeros)."""
    d = Decimal(str(waarde)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    tekst = f"{d:f}"
    return tekst.replace(".", ",")


def opsomming(delen: list[str], voegwoord: str = "en") -> str:
    """"a", "a en b", "a, b en c"."""
    delen = list(delen)
    if len(delen) <= 1:
        return "".join(delen)
    return f"{', '.join(delen[:-1])} {voegwoord} {delen[-1]}"


def _bron(regel: Perceelregel) -> str:
    return f" ({regel.bron})" if regel.bron else ""


def _codes(percelen) -> str:
    return ", ".join(p.code for p in percelen)


# --- which percelen a choice may count on ----------------------------------------------------------------


def toegelaten_percelen(organisatie, aanbesteding) -> set[int]:
    """The percelen ``organisatie`` is admitted to in this procedure (a running admission meets a requirement
    as a choice in the same inschrijving does, issue 4)."""
    return set(
        InschrijvingPerceel.objects.filter(
            inschrijving__organisatie=organisatie, inschrijving__aanbesteding=aanbesteding, toegelaten=True
        ).values_list("perceel_id", flat=True)
    )


# --- location --------------------------------------------------------------------------------------------


def toegestane_gemeenten(aanbesteding: Aanbesteding, domein: str) -> list[Gemeente]:
    """The municipalities a "locatie" rule accepts for a perceel of ``domein``: the procedure's participating
    municipalities of that domain when it names them, otherwise the region's municipalities that take part in
    the domain. For Gooi Jeugd this is Blaricum, Gooise Meren, Hilversum, Huizen, Laren and Wijdemeren (Eemnes
    buys Wmo only, 003 r.5070): exactly the list of 5.10.1 (003 r.4632) and the "regiogemeenten" of 5.3 (r.514)."""
    deelnemend = list(
        Gemeente.objects.filter(
            pk__in=DeelnemendeGemeente.objects.filter(aanbesteding=aanbesteding, domein=domein).values("gemeente_id")
        ).order_by("naam")
    )
    if deelnemend:
        return deelnemend
    qs = Gemeente.objects.filter(regio_id=aanbesteding.regio_id)
    if domein == Domein.JEUGD:
        qs = qs.filter(doet_mee_jeugd=True)
    elif domein == Domein.WMO:
        qs = qs.filter(doet_mee_wmo=True)
    return list(qs.order_by("naam"))


def _locatie_fout(inschrijving: Inschrijving, perceel: Perceel, regel: Perceelregel, gemeenten: list[Gemeente]) -> str:
    namen = opsomming([g.naam for g in gemeenten], "of")
    gekozen = inschrijving.vestiging_gemeente
    if gekozen is None:
        return (f"Voor perceel {perceel} is een vestiging binnen de regio vereist{_bron(regel)}: geef bij de percelen "
                f"uw vestigingsgemeente op ({namen}); u gaf er nog geen op.")
    if gekozen.pk in {g.pk for g in gemeenten}:
        return ""
    return (f"Voor perceel {perceel} moet uw vestiging liggen in {namen}{_bron(regel)}; u gaf {gekozen.naam} op.")


# --- perceel rules ---------------------------------------------------------------------------------------


def perceelregel_fouten(inschrijving: Inschrijving, percelen: list[Perceel], beschikbaar: set[int]) -> list[str]:
    """The Perceelregels of the chosen ``percelen`` that ``beschikbaar`` (the chosen percelen plus the running
    admissions, as ``controleer_percelen`` computes it for PerceelAfhankelijkheid) or the recorded location do
    not meet. One message per rule, naming what is chosen and what is missing."""
    fouten: list[str] = []
    gemeenten_per_domein: dict[str, list[Gemeente]] = {}
    for p in percelen:
        for regel in p.regels.all():
            groep = [g for g in regel.percelen.all() if g.pk != p.pk]
            groep.sort(key=lambda g: (g.volgorde, g.code))
            if regel.soort == Perceelregel.Soort.EEN_VAN:
                if groep and not any(g.pk in beschikbaar for g in groep):
                    opties = opsomming([str(g) for g in groep], "of")
                    reden = f" ({regel.toelichting.rstrip('.')})" if regel.toelichting else ""
                    fouten.append(
                        f"Voor perceel {p} moet u ook inschrijven op {opties}{reden}{_bron(regel)}; u koos geen van "
                        f"deze. Een lopende toelating voor een van deze percelen telt ook."
                    )
            elif regel.soort == Perceelregel.Soort.MINIMAAL:
                gekozen = [g for g in groep if g.pk in beschikbaar]
                if len(gekozen) < regel.aantal:
                    wat = regel.toelichting or ("percelen uit " + _codes(groep))
                    keuze = f"u koos er {len(gekozen)} ({_codes(gekozen)})" if gekozen else "u koos er geen"
                    over = [g for g in groep if g.pk not in beschikbaar]
                    fouten.append(
                        f"Voor perceel {p.code} moet u ook op minimaal {regel.aantal} {wat} inschrijven; {keuze}. "
                        f"Kies er nog {regel.aantal - len(gekozen)} uit: {_codes(over)}{_bron(regel)}."
                    )
            elif regel.soort == Perceelregel.Soort.LOCATIE:
                if p.domein not in gemeenten_per_domein:
                    gemeenten_per_domein[p.domein] = toegestane_gemeenten(inschrijving.aanbesteding, p.domein)
                fout = _locatie_fout(inschrijving, p, regel, gemeenten_per_domein[p.domein])
                if fout:
                    fouten.append(fout)
    return fouten


def regel_tekst(perceel: Perceel, regel: Perceelregel) -> str:
    """A rule as the percelen page lists it, e.g. "minimaal 2 verblijfspercelen (5.7, 5.8, 5.9, 5.10, 5.11,
    5.12)"."""
    groep = sorted((g for g in regel.percelen.all() if g.pk != perceel.pk), key=lambda g: (g.volgorde, g.code))
    if regel.soort == Perceelregel.Soort.EEN_VAN:
        return f"ook één van: {opsomming([g.code for g in groep], 'of')}"
    if regel.soort == Perceelregel.Soort.MINIMAAL:
        wat = regel.toelichting or "percelen uit"
        return f"ook minimaal {regel.aantal} {wat} ({_codes(groep)})"
    return "een vestiging in de regio" + (f" ({regel.toelichting})" if regel.toelichting else "")


def heeft_locatieregel(percelen) -> bool:
    return any(r.soort == Perceelregel.Soort.LOCATIE for p in percelen for r in p.regels.all())


def grenzen(aanbesteding: Aanbesteding, percelen: list[Perceel]) -> list[str]:
    """The subcontracting caps of the procedure in words, for the leden page (003 r.665-691)."""
    regels_: list[str] = []
    verboden = [p.code for p in percelen if p.onderaanneming == Perceel.Onderaanneming.VERBODEN]
    vrij = [p.code for p in percelen if p.onderaanneming == Perceel.Onderaanneming.VRIJ]
    if aanbesteding.max_onderaannemers is not None:
        tekst = f"Maximaal {aanbesteding.max_onderaannemers} onderaannemer{'s' if aanbesteding.max_onderaannemers != 1 else ''}"
        if vrij:
            tekst += f"; onderaannemers die alleen voor {opsomming(vrij)} werken, tellen niet mee"
        regels_.append(tekst + ".")
    if verboden:
        regels_.append(f"Geen onderaannemers op {opsomming(verboden)}.")
    if aanbesteding.max_derden is not None:
        regels_.append(f"Een beroep op maximaal {aanbesteding.max_derden} derden.")
    if aanbesteding.max_zzp_pct is not None:
        regels_.append(f"Zzp'ers maximaal {getal(aanbesteding.max_zzp_pct)} % van de uitvoerende fte (uw opgave hieronder).")
    if aanbesteding.max_onderaanneming_pct is not None:
        regels_.append(f"Onderaanneming maximaal {getal(aanbesteding.max_onderaanneming_pct)} % van de productie, "
                       f"alle onderaannemers samen.")
    return regels_


# --- subcontracting caps (003 §2.13, r.665-691) --------------------------------------------------------


def _lid_percelen(lid: Lid, percelen: list[Perceel]) -> list[Perceel]:
    """The chosen percelen a member works on: those named, or every chosen perceel when none is named."""
    eigen = {p.pk for p in lid.percelen.all()}
    return [p for p in percelen if p.pk in eigen] if eigen else list(percelen)


def leden_fouten(aanbesteding: Aanbesteding, leden: list[Lid], percelen: list[Perceel]) -> list[str]:
    """Subcontractors and third parties against the caps of the procedure:

    - none on a perceel with onderaanneming "verboden" (5.3 Snelle Inzetbare Hulp, 003 r.687);
    - at most ``max_onderaannemers`` (Gooi: 2, r.687), not counting a subcontractor that works only on percelen
      exempt from the cap (onderaanneming "vrij": 5.7, 5.8 and 5.9, r.687);
    - at most ``max_derden`` third parties relied upon (Gooi: 3, r.671)."""
    fouten: list[str] = []
    onderaannemers = [lid for lid in leden if lid.rol == Lid.Rol.ONDERAANNEMER]
    tellend = []
    for lid in onderaannemers:
        werk = _lid_percelen(lid, percelen)
        verboden = [p for p in werk if p.onderaanneming == Perceel.Onderaanneming.VERBODEN]
        for p in verboden:
            waar = "voor dit perceel" if lid.percelen.all() else "voor alle gekozen percelen (u koos er geen)"
            fouten.append(
                f"Op perceel {p} zijn geen onderaannemers toegestaan; {lid.naam} staat als onderaannemer {waar}. "
                f"Kies bij {lid.naam} alleen de percelen waarvoor deze onderaannemer werkt."
            )
        if not werk or any(p.onderaanneming != Perceel.Onderaanneming.VRIJ for p in werk):
            tellend.append(lid)
    maximum = aanbesteding.max_onderaannemers
    if maximum is not None and len(tellend) > maximum:
        vrij = [p for p in percelen if p.onderaanneming == Perceel.Onderaanneming.VRIJ]
        uitzondering = (f" Onderaannemers die alleen voor {_codes(vrij)} werken, tellen niet mee." if vrij else "")
        fouten.append(
            f"U mag maximaal {maximum} onderaannemer{'s' if maximum != 1 else ''} inschakelen; deze inschrijving noemt "
            f"er {len(tellend)}: {opsomming([lid.naam for lid in tellend])}.{uitzondering}"
        )
    derden = [lid for lid in leden if lid.rol == Lid.Rol.DERDE]
    if aanbesteding.max_derden is not None and len(derden) > aanbesteding.max_derden:
        fouten.append(
            f"U mag een beroep doen op maximaal {aanbesteding.max_derden} derde{'n' if aanbesteding.max_derden != 1 else ''}; "
            f"deze inschrijving noemt er {len(derden)}: {opsomming([lid.naam for lid in derden])}."
        )
    return fouten


def opgave_fouten(aanbesteding: Aanbesteding, *, fte_uitvoerend, fte_zzp, onderaanneming_pct,
                  heeft_onderaannemers: bool = False, volledig: bool = False) -> list[str]:
    """The declared figures against the caps: zzp'ers at most ``max_zzp_pct`` % of the executing FTE (Gooi 10 %,
    003 r.689), all subcontracting together at most ``max_onderaanneming_pct`` % of production (Gooi 20 %, r.691).
    ``volledig`` (at submission): the figures a cap is judged on must be filled in."""
    fouten: list[str] = []
    max_zzp, max_oa = aanbesteding.max_zzp_pct, aanbesteding.max_onderaanneming_pct
    for naam, waarde in (("uitvoerende fte", fte_uitvoerend), ("fte aan zzp'ers", fte_zzp),
                         ("aandeel onderaanneming", onderaanneming_pct)):
        if waarde is not None and waarde < 0:
            fouten.append(f"Het {naam} kan niet negatief zijn; u vulde {getal(waarde)} in.")
    if fouten:
        return fouten
    if onderaanneming_pct is not None and onderaanneming_pct > 100:
        fouten.append(f"Het aandeel onderaanneming is een percentage van 0 tot 100; u vulde {getal(onderaanneming_pct)} in.")
    if max_zzp is not None:
        if volledig and (fte_uitvoerend is None or fte_zzp is None):
            fouten.append(
                f"Vul bij ‘Combinanten en onderaannemers’ het aantal uitvoerende fte en het aantal fte aan zzp'ers in "
                f"(0 als u geen zzp'ers inzet): zzp'ers mogen maximaal {getal(max_zzp)} % van de uitvoerende fte zijn "
                f"en uw opgave is daarvoor het uitgangspunt."
            )
        elif fte_zzp is not None and fte_zzp > 0:
            if not fte_uitvoerend:
                fouten.append(
                    f"U vulde {getal(fte_zzp)} fte aan zzp'ers in maar geen uitvoerende fte; zzp'ers mogen maximaal "
                    f"{getal(max_zzp)} % van de uitvoerende fte zijn. Vul het aantal uitvoerende fte in."
                )
            else:
                aandeel = Decimal(fte_zzp) * 100 / Decimal(fte_uitvoerend)
                if aandeel > max_zzp:
                    toegestaan = Decimal(fte_uitvoerend) * max_zzp / 100
                    fouten.append(
                        f"Het aandeel zzp'ers is {getal(aandeel)} % van de uitvoerende fte ({getal(fte_zzp)} van "
                        f"{getal(fte_uitvoerend)} fte); het maximum is {getal(max_zzp)} %. Bij {getal(fte_uitvoerend)} "
                        f"uitvoerende fte mag u maximaal {getal(toegestaan)} fte aan zzp'ers inzetten."
                    )
    if max_oa is not None:
        if volledig and heeft_onderaannemers and onderaanneming_pct is None:
            fouten.append(
                f"U noemt onderaannemers: vul bij ‘Combinanten en onderaannemers’ het aandeel onderaanneming in "
                f"(% van de productie voor de opdrachtgever, maximaal {getal(max_oa)} % voor alle onderaannemers samen)."
            )
        elif onderaanneming_pct is not None and onderaanneming_pct > max_oa and onderaanneming_pct <= 100:
            fouten.append(
                f"Het aandeel onderaanneming is {getal(onderaanneming_pct)} % van de productie; het maximum is "
                f"{getal(max_oa)} % voor alle onderaannemers samen."
            )
    return fouten


# --- everything at once (submission and the overview page) -------------------------------------------


def percelen_met_regels(inschrijving: Inschrijving) -> list[Perceel]:
    """The chosen percelen in page order with their rules prefetched (also what ``selectors.checklist`` takes)."""
    return [
        ip.perceel for ip in inschrijving.inschrijving_percelen.select_related("perceel")
        .prefetch_related("perceel__regels__percelen").order_by("perceel__volgorde", "perceel__code")
    ]


def regelfouten_per_onderdeel(inschrijving: Inschrijving, percelen: list[Perceel] | None = None) -> dict[str, list[str]]:
    """``regelfouten`` split by the task that fixes them (issue 12, the task list): "percelen" (lot rules: choose
    another perceel or give a vestiging) and "leden" (caps on subcontractors and derden, the declared figures).
    Same queries as ``regelfouten``."""
    if percelen is None:
        percelen = percelen_met_regels(inschrijving)
    beschikbaar = {p.pk for p in percelen}
    groepsregel = (Perceelregel.Soort.EEN_VAN, Perceelregel.Soort.MINIMAAL)
    if any(r.soort in groepsregel for p in percelen for r in p.regels.all()):
        beschikbaar |= toegelaten_percelen(inschrijving.organisatie_id, inschrijving.aanbesteding_id)
    # Combinanten are bound by no cap here: only subcontractors and derden are read.
    leden = list(inschrijving.leden.exclude(rol=Lid.Rol.COMBINANT).prefetch_related("percelen").order_by("naam"))
    a = inschrijving.aanbesteding
    return {
        "percelen": perceelregel_fouten(inschrijving, percelen, beschikbaar),
        "leden": [
            *leden_fouten(a, leden, percelen),
            *opgave_fouten(a, fte_uitvoerend=inschrijving.fte_uitvoerend, fte_zzp=inschrijving.fte_zzp,
                           onderaanneming_pct=inschrijving.onderaanneming_pct,
                           heeft_onderaannemers=any(lid.rol == Lid.Rol.ONDERAANNEMER for lid in leden), volledig=True),
        ],
    }


def regelfouten(inschrijving: Inschrijving, percelen: list[Perceel] | None = None) -> list[str]:
    """Every lot rule and cap the inschrijving does not meet now, with the declared figures required: what
    ``inschrijving_indienen`` refuses on and the overview lists. ``percelen`` as ``percelen_met_regels`` gives them
    (the overview shares them with the checklist). A fixed number of queries, fewer when nothing needs them: the
    running admissions only for a group rule, the members' percelen only for subcontractors and derden."""
    per_onderdeel = regelfouten_per_onderdeel(inschrijving, percelen)
    return [*per_onderdeel["percelen"], *per_onderdeel["leden"]]
