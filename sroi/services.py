"""Every SROI write: permission check -> lock -> change -> audit -> after-commit task (ARCHITECTURE.md)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from core import kalender
from core.audit import audit, momentopname
from core.kalender import laatste_dag_maand, termijn
from core.taken import na_commit
from core.uploads import valideer_of_opschonen, valideer_upload
from overeenkomst.models import Overeenkomst

from . import berekening as b
from . import permissions, selectors
from .models import (
    Doelgroep,
    SroiActiviteit,
    SroiBewijsstuk,
    SroiOmzet,
    SroiPlan,
    SroiRapportage,
    SroiRegime,
    Waarderingsregel,
    Waarderingstabel,
)
from .validators import valideer_persoon_referentie

MAX_JAAR_VOORUIT = 1


def _vereis(voorwaarde: bool, bericht: str) -> None:
    if not voorwaarde:
        raise PermissionDenied(bericht)


def _vereis_regio(door, obj) -> None:
    """Staff act only on ``obj`` of a region where they are SROI-adviseur (issue 17)."""
    _vereis(permissions.mag_beoordelen_in(door, obj), permissions.BUITEN_REGIO)


# ------------------------------------------------------------------------------------------- regime as data


def regime_laden(*, aanbesteding, bron: dict, door=None) -> SroiRegime:
    """Create or update a procedure's SROI regime, target groups and valuation tables from source data
    (bronnen/sroi.py: MLO 002 art. 17 + Bijlage 4, Gooi 003b Bijlage VII). Idempotent by natural keys.

    ``door`` None = a system load (demo data, migration); otherwise the user must be SROI staff.
    """
    if door is not None:
        _vereis(permissions.mag_beoordelen(door), "Alleen een SROI-adviseur stelt het SROI-regime in.")
        _vereis_regio(door, aanbesteding)
    r = bron["regime"]
    with transaction.atomic():
        regime, nieuw = SroiRegime.objects.update_or_create(
            aanbesteding=aanbesteding, geldig_vanaf=r["geldig_vanaf"],
            defaults={k: v for k, v in r.items() if k != "geldig_vanaf"},
        )
        for i, d in enumerate(bron.get("doelgroepen", ())):
            Doelgroep.objects.update_or_create(
                aanbesteding=aanbesteding, code=d["code"],
                defaults={"naam": d["naam"], "omschrijving": d.get("omschrijving", ""), "volgorde": i},
            )
        for t in bron.get("tabellen", ()):
            tabel, _ = Waarderingstabel.objects.update_or_create(
                aanbesteding=aanbesteding, versie=t["versie"],
                defaults={k: v for k, v in t.items() if k not in ("versie", "regels")},
            )
            for i, regel in enumerate(t["regels"]):
                Waarderingsregel.objects.update_or_create(
                    tabel=tabel, code=regel["code"], defaults={**{k: v for k, v in regel.items() if k != "code"}, "volgorde": i}
                )
        audit("sroi.regime_geladen" if nieuw else "sroi.regime_bijgewerkt", regime, door=door,
              nieuw=momentopname(regime, ["naam", "versie", "drempel", "percentage", "grondslag"]),
              toelichting=r.get("bron", ""))
    return regime


# ------------------------------------------------------------------------------------------------- turnover


def _controleer_jaar(overeenkomst, jaar: int, *, vorig_toegestaan: bool) -> None:
    eerste = overeenkomst.startdatum.year - (1 if vorig_toegestaan else 0)
    laatste = min(selectors.contract_einde(overeenkomst).year, kalender.vandaag().year + MAX_JAAR_VOORUIT)
    if not eerste <= jaar <= laatste:
        raise ValidationError(f"Het jaar {jaar} valt buiten de looptijd van de overeenkomst ({eerste}-{laatste}).")


def omzet_vastleggen(*, overeenkomst: Overeenkomst, jaar: int, omzet: Decimal, door, bron=SroiOmzet.Bron.AANBIEDER) -> SroiOmzet:
    """Record the turnover of one year (excl. VAT). The year before the start may be entered too: the MLO
    threshold is tested on the previous year's turnover (002 art. 17.1)."""
    if bron == SroiOmzet.Bron.IMPORT:
        _vereis(permissions.mag_beoordelen(door), "Alleen het inkoopbureau importeert omzetten.")
        _vereis_regio(door, overeenkomst)
    else:
        _vereis(permissions.mag_registreren(door, overeenkomst), "U mag de omzet van deze overeenkomst niet invullen.")
    if omzet is None or omzet < 0:
        raise ValidationError("De omzet kan niet negatief zijn.")
    _controleer_jaar(overeenkomst, jaar, vorig_toegestaan=True)
    with transaction.atomic():
        bestaand = SroiOmzet.objects.select_for_update().filter(overeenkomst=overeenkomst, jaar=jaar).first()
        oud = momentopname(bestaand, ["omzet", "bron"]) if bestaand else {}
        rij, _ = SroiOmzet.objects.update_or_create(
            overeenkomst=overeenkomst, jaar=jaar, defaults={"omzet": b.euro(omzet), "bron": bron, "ingevoerd_door": door}
        )
        audit("sroi.omzet_vastgelegd", rij, door=door, oud=oud, nieuw=momentopname(rij, ["omzet", "bron"]))
    return rij


@dataclass
class ImportUitkomst:
    verwerkt: int
    fouten: list[str]


MAX_IMPORT_BYTES = 2 * 1024 * 1024


def omzet_importeren(*, aanbesteding, bestand, door) -> ImportUitkomst:
    """Import turnover from CSV (columns kvk_nummer, jaar, omzet; ; or , separated) for this procedure's
    agreements. All or nothing: with any error nothing is stored and every error is reported."""
    _vereis(permissions.mag_beoordelen(door), "Alleen een SROI-adviseur importeert omzetten.")
    _vereis_regio(door, aanbesteding)
    # A turnover list is a few hundred lines; refuse anything near the upload limit before reading it in.
    if (getattr(bestand, "size", 0) or 0) > MAX_IMPORT_BYTES:
        raise ValidationError(f"Het importbestand is te groot; het maximum is {MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
    ruw = bestand.read(MAX_IMPORT_BYTES + 1)
    if len(ruw) > MAX_IMPORT_BYTES:
        raise ValidationError(f"Het importbestand is te groot; het maximum is {MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
    try:
        tekst = ruw.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = ruw.decode("latin-1")
    try:
        dialect = csv.Sniffer().sniff(tekst.splitlines()[0] if tekst else "", delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    lezer = csv.DictReader(io.StringIO(tekst), dialect=dialect)
    kolommen = {(k or "").strip().lower() for k in (lezer.fieldnames or [])}
    ontbrekend = {"kvk_nummer", "jaar", "omzet"} - kolommen
    if ontbrekend:
        raise ValidationError(f"Kolommen ontbreken: {', '.join(sorted(ontbrekend))}. Verwacht: kvk_nummer;jaar;omzet.")
    per_kvk = {o.organisatie.kvk_nummer: o for o in aanbesteding.overeenkomsten.select_related("organisatie", "aanbesteding")}
    regels, fouten = [], []
    for nummer, rij in enumerate(lezer, start=2):
        rij = {(k or "").strip().lower(): (v or "").strip() for k, v in rij.items()}
        ovk = per_kvk.get(rij["kvk_nummer"])
        try:
            if ovk is None:
                raise ValueError(f"geen overeenkomst met KvK-nummer {rij['kvk_nummer']} in deze procedure")
            jaar = int(rij["jaar"])
            omzet = b.lees_bedrag(rij["omzet"])
            if omzet < 0:
                raise ValueError("omzet is negatief")
            _controleer_jaar(ovk, jaar, vorig_toegestaan=True)
        except (ValueError, ValidationError) as fout:
            melding = fout.messages[0] if isinstance(fout, ValidationError) else str(fout)
            fouten.append(f"Regel {nummer}: {melding}.")
            continue
        regels.append((ovk, jaar, omzet))
    if fouten:
        return ImportUitkomst(0, fouten)
    with transaction.atomic():
        for ovk, jaar, omzet in regels:
            omzet_vastleggen(overeenkomst=ovk, jaar=jaar, omzet=omzet, door=door, bron=SroiOmzet.Bron.IMPORT)
    return ImportUitkomst(len(regels), [])


# ------------------------------------------------------------------------------------------------------ plan


def plan_indienen(*, overeenkomst: Overeenkomst, bestand, door, verwachte_opdrachtsom=None) -> SroiPlan:
    """Submit the plan van aanpak as PDF; refused above the regime's page limit (Gooi: 2 A4, 003b Bijlage VII A)."""
    _vereis(permissions.mag_registreren(door, overeenkomst), "U mag voor deze overeenkomst geen plan indienen.")
    regime = selectors.regime_op(overeenkomst.aanbesteding, kalender.vandaag())
    info = valideer_upload(bestand, toegestaan=("pdf",))
    if regime and regime.plan_max_paginas and info.paginas and info.paginas > regime.plan_max_paginas:
        raise ValidationError(
            f"Het plan telt {info.paginas} pagina's; voor deze procedure is het plan van aanpak ten hoogste "
            f"{regime.plan_max_paginas} pagina's (A4). Kort het plan in en upload het opnieuw.",
            code="te_veel_paginas",
        )
    with transaction.atomic():
        Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
        if SroiPlan.objects.filter(overeenkomst=overeenkomst, status=SroiPlan.Status.INGEDIEND).exists():
            raise ValidationError("Er ligt al een plan ter beoordeling. Wacht op de beoordeling voordat u een nieuw plan indient.")
        plan = SroiPlan(
            overeenkomst=overeenkomst, originele_naam=info.originele_naam, grootte=info.grootte, sha256=info.sha256,
            paginas=info.paginas, verwachte_opdrachtsom=verwachte_opdrachtsom, ingediend_door=door,
        )
        plan.bestand.save(info.originele_naam, bestand, save=False)
        plan.save()
        audit("sroi.plan_ingediend", plan, door=door, nieuw=momentopname(plan, ["originele_naam", "paginas", "sha256"]))
    return plan


def plan_beoordelen(*, plan: SroiPlan, goedkeuren: bool, reden: str = "", door) -> SroiPlan:
    _vereis(permissions.mag_beoordelen(door), "Alleen een SROI-adviseur beoordeelt plannen.")
    _vereis_regio(door, plan)
    if not goedkeuren and not reden.strip():
        raise ValidationError("Geef bij een afwijzing de reden op.")
    with transaction.atomic():
        plan = SroiPlan.objects.select_for_update().get(pk=plan.pk)
        oud = momentopname(plan, ["status"])
        naar = SroiPlan.Status.GOEDGEKEURD if goedkeuren else SroiPlan.Status.AFGEWEZEN
        SroiPlan.OVERGANGEN.zet(plan, naar, melding="Dit plan is al beoordeeld.")
        plan.reden, plan.beoordeeld_door, plan.beoordeeld_op = reden.strip(), door, kalender.nu()
        plan.save()
        audit("sroi.plan_beoordeeld", plan, door=door, oud=oud, nieuw=momentopname(plan, ["status"]), toelichting=plan.reden)
    return plan


# ------------------------------------------------------------------------------------------------ activities


def _regel_in_tabel_op(overeenkomst, regel: Waarderingsregel, datum: date) -> Waarderingsregel:
    """The row to value with: the same row (by code) of the table in force on ``datum``. A table change on
    1 January therefore values December and January activities differently."""
    tabel = selectors.tabel_op(overeenkomst.aanbesteding, datum)
    if tabel is None:
        raise ValidationError(f"Op {datum:%d-%m-%Y} geldt nog geen waarderingstabel voor deze procedure.")
    if regel.tabel_id == tabel.pk:
        return regel
    gelijk = tabel.regels.filter(code=regel.code).first()
    if gelijk is None:
        raise ValidationError(
            f"“{regel.naam}” staat niet in de waarderingstabel die op {datum:%d-%m-%Y} geldt ({tabel.versie})."
        )
    return gelijk


def _waardeer(overeenkomst, regel: Waarderingsregel, gegevens: dict) -> Decimal:
    regime = selectors.regime_op(overeenkomst.aanbesteding, gegevens["startdatum"])
    toeslag = Decimal("0")
    if gegevens.get("vijfenvijftig_plus"):
        if not (regel.toeslag_55_plus_mogelijk and regel.tabel.toeslag_55_plus):
            raise ValidationError("De 55+-toeslag geldt niet voor deze categorie.")
        toeslag = regel.tabel.toeslag_55_plus
    invoer = b.Invoer(
        aantal=gegevens.get("aantal"), maanden=gegevens.get("maanden"), uren_per_week=gegevens.get("uren_per_week"),
        brutoloon=gegevens.get("brutoloon"), bedrag=gegevens.get("bedrag"), toeslag=toeslag,
    )
    try:
        return b.waarde(regel.als_regel(), invoer, voltijd_uren=regime.voltijd_uren if regime else Decimal("36"))
    except b.WaarderingsFout as fout:
        raise ValidationError(str(fout)) from fout


_ACTIVITEIT_VELDEN = (
    "doelgroep", "persoon_referentie", "omschrijving", "startdatum", "einddatum", "aantal", "maanden",
    "uren_per_week", "brutoloon", "bedrag", "vijfenvijftig_plus",
)


def activiteit_registreren(*, overeenkomst: Overeenkomst, regel: Waarderingsregel, door, **gegevens) -> SroiActiviteit:
    """Register an activity, valued with the table in force on its start date (issue 7)."""
    _vereis(permissions.mag_registreren(door, overeenkomst), "U mag voor deze overeenkomst geen activiteiten registreren.")
    onbekend = set(gegevens) - set(_ACTIVITEIT_VELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    start = gegevens["startdatum"]
    if gegevens.get("einddatum") and gegevens["einddatum"] < start:
        raise ValidationError("De einddatum ligt vóór de startdatum.")
    _controleer_jaar(overeenkomst, start.year, vorig_toegestaan=False)
    valideer_persoon_referentie(gegevens.get("persoon_referentie") or "")
    doelgroep = gegevens.get("doelgroep")
    if doelgroep is not None and doelgroep.aanbesteding_id != overeenkomst.aanbesteding_id:
        raise ValidationError("Deze doelgroep hoort niet bij deze procedure.")
    if regel.tabel.aanbesteding_id != overeenkomst.aanbesteding_id:
        raise ValidationError("Deze categorie hoort niet bij deze procedure.")
    regel = _regel_in_tabel_op(overeenkomst, regel, start)
    waarde = _waardeer(overeenkomst, regel, gegevens)
    with transaction.atomic():
        Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
        act = SroiActiviteit.objects.create(
            overeenkomst=overeenkomst, regel=regel, jaar=start.year, waarde=waarde, geregistreerd_door=door,
            **{**gegevens, "persoon_referentie": gegevens.get("persoon_referentie") or ""},
        )
        audit("sroi.activiteit_geregistreerd", act, door=door,
              nieuw=momentopname(act, ["regel", "startdatum", "waarde", "persoon_referentie"]))
    return act


def activiteit_verwijderen(*, activiteit: SroiActiviteit, door) -> None:
    """Withdraw an activity entered by mistake: only while no report holds it and it is not judged."""
    _vereis(permissions.mag_registreren(door, activiteit.overeenkomst), "U mag deze activiteit niet verwijderen.")
    with transaction.atomic():
        act = SroiActiviteit.objects.select_for_update().get(pk=activiteit.pk)
        if act.rapportage_id or act.status != SroiActiviteit.Status.GEREGISTREERD:
            raise ValidationError("Deze activiteit is al gerapporteerd of beoordeeld en kan niet meer worden verwijderd.")
        if act.bewijsstukken.exists():
            raise ValidationError(
                "Bij deze activiteit zijn bewijsstukken bewaard; vraag de SROI-adviseur haar af te wijzen."
            )
        audit("sroi.activiteit_verwijderd", act, door=door, oud=momentopname(act, ["regel", "startdatum", "waarde"]))
        act.delete()


def bewijs_toevoegen(*, activiteit: SroiActiviteit, bestand, soort: str, door) -> SroiBewijsstuk:
    """Add evidence (payslip, contract, invoice, bank statement; 002 B4) in private storage. Allowed also after
    the activity was reported: the SROI-adviseur may ask for it (002 B4 Fase II b)."""
    _vereis(permissions.mag_registreren(door, activiteit.overeenkomst), "U mag bij deze activiteit geen bewijs toevoegen.")
    uitkomst = valideer_of_opschonen(bestand, toegestaan=("pdf", "afbeelding", "office"))
    info, schoon = uitkomst.info, uitkomst.opgeschoond
    with transaction.atomic():
        SroiActiviteit.objects.select_for_update().get(pk=activiteit.pk)
        stuk = SroiBewijsstuk(
            activiteit=activiteit, soort=soort, originele_naam=info.originele_naam, grootte=info.grootte,
            sha256=info.sha256, mime_type=info.mime_type, geupload_door=door,
        )
        if schoon is None:
            stuk.bestand.save(info.originele_naam, bestand, save=False)
        else:
            # Strip mode (ADR 0012): the SROI-adviseur gets the clean copy; the original is kept for the record.
            stuk.bestand.save(info.originele_naam, ContentFile(schoon.inhoud), save=False)
            stuk.origineel.save(info.originele_naam, bestand, save=False)
            stuk.origineel_sha256 = schoon.origineel_sha256
            stuk.opgeschoond = ", ".join(schoon.verwijderd)
        stuk.save()
        velden = ["originele_naam", "soort", "sha256"] + (["origineel_sha256", "opgeschoond"] if schoon else [])
        audit("sroi.bewijs_toegevoegd", stuk, door=door, nieuw=momentopname(stuk, velden))
        from .tasks import bewijs_scannen

        na_commit(bewijs_scannen, stuk.pk)
    return stuk


def activiteit_beoordelen(*, activiteit: SroiActiviteit, goedkeuren: bool, reden: str = "", door, waarde=None) -> SroiActiviteit:
    """Approve or reject an activity with a reason. For "other" D activities the contactpersoon sets the value
    (002 B4 D "waarde wordt vastgesteld door de contactpersoon"), hence the optional ``waarde``."""
    _vereis(permissions.mag_beoordelen(door), "Alleen een SROI-adviseur beoordeelt activiteiten.")
    _vereis_regio(door, activiteit)
    if not goedkeuren and not reden.strip():
        raise ValidationError("Geef bij een afwijzing de reden op.")
    if goedkeuren and waarde is not None and waarde < 0:
        raise ValidationError("De waarde kan niet negatief zijn.")
    with transaction.atomic():
        act = SroiActiviteit.objects.select_for_update().get(pk=activiteit.pk)
        oud = momentopname(act, ["status", "waarde"])
        naar = SroiActiviteit.Status.GOEDGEKEURD if goedkeuren else SroiActiviteit.Status.AFGEWEZEN
        SroiActiviteit.OVERGANGEN.zet(act, naar, melding="Deze activiteit is al beoordeeld.")
        if goedkeuren and waarde is not None:
            act.waarde = b.euro(waarde)
        act.reden, act.beoordeeld_door, act.beoordeeld_op = reden.strip(), door, kalender.nu()
        act.save()
        audit("sroi.activiteit_beoordeeld", act, door=door, oud=oud, nieuw=momentopname(act, ["status", "waarde"]),
              toelichting=act.reden)
    return act


# --------------------------------------------------------------------------------------------------- reports


def perioden(regime: SroiRegime, jaar: int) -> list[tuple[str, int, date, date]]:
    """The reporting periods of a year under the regime's rhythm: quarters (002 B4 Fase II) or half years (the
    interim and final evaluation of 003b Bijlage VII, taken per half year)."""
    if regime.rapportage_ritme == SroiRegime.Ritme.KWARTAAL:
        return [
            (SroiRapportage.Soort.KWARTAAL, k, date(jaar, 3 * k - 2, 1), laatste_dag_maand(date(jaar, 3 * k, 1)))
            for k in range(1, 5)
        ]
    return [
        (SroiRapportage.Soort.HALFJAAR, 1, date(jaar, 1, 1), date(jaar, 6, 30)),
        (SroiRapportage.Soort.HALFJAAR, 2, date(jaar, 7, 1), date(jaar, 12, 31)),
    ]


def rapportages_bijwerken(overeenkomst: Overeenkomst, vandaag: date | None = None) -> int:
    """Create the reports that are due by now (periods that have started) and the final report. Idempotent:
    safe to run from a page view and from the daily task; a missed day is caught up on the next run."""
    vandaag = vandaag or kalender.vandaag()
    regimes = list(SroiRegime.objects.filter(aanbesteding_id=overeenkomst.aanbesteding_id))
    if not regimes:
        return 0
    einde = selectors.contract_einde(overeenkomst)
    bestaand = set(SroiRapportage.objects.filter(overeenkomst=overeenkomst).values_list("soort", "jaar", "volgnummer"))
    nieuw = []
    for jaar in range(overeenkomst.startdatum.year, min(einde.year, vandaag.year) + 1):
        regime = selectors.regime_voor_jaar(regimes, jaar)
        if regime is None:
            continue
        for soort, nummer, start, eind in perioden(regime, jaar):
            if start > vandaag or eind < overeenkomst.startdatum or start > einde or (soort, jaar, nummer) in bestaand:
                continue
            start, eind = max(start, overeenkomst.startdatum), min(eind, einde)
            deadline = termijn(eind, regime.periode_termijn_aantal, regime.periode_termijn_eenheid)
            nieuw.append(SroiRapportage(overeenkomst=overeenkomst, soort=soort, jaar=jaar, volgnummer=nummer,
                                        periode_start=start, periode_einde=eind, deadline=deadline))
    regime = selectors.regime_voor_jaar(regimes, einde.year) or regimes[0]
    # 002 B4 Fase II: "binnen een maand na het einde van de looptijd" een eindrapportage.
    deadline = termijn(einde, regime.eind_termijn_aantal, regime.eind_termijn_eenheid)
    eind = SroiRapportage.objects.filter(overeenkomst=overeenkomst, soort=SroiRapportage.Soort.EIND).first()
    if eind is None:
        nieuw.append(SroiRapportage(overeenkomst=overeenkomst, soort=SroiRapportage.Soort.EIND, jaar=einde.year,
                                    volgnummer=1, periode_start=overeenkomst.startdatum, periode_einde=einde,
                                    deadline=deadline))
    elif eind.status == SroiRapportage.Status.OPEN and eind.periode_einde != einde:
        # The agreement ended early (uittreding) or was extended: the final report follows the new end. The
        # deadline moves with it, which the provider is held to, so the move is on the trail (rule 4).
        oud = momentopname(eind, ["jaar", "periode_einde", "deadline"])
        SroiRapportage.objects.filter(pk=eind.pk).update(jaar=einde.year, periode_einde=einde, deadline=deadline)
        audit("sroi.eindrapportage_verschoven", eind, door=None, oud=oud,
              nieuw={"jaar": einde.year, "periode_einde": einde, "deadline": deadline})
    SroiRapportage.objects.bulk_create(nieuw, ignore_conflicts=True)
    return len(nieuw)


def _inhoud(rapportage: SroiRapportage, activiteiten: list[SroiActiviteit]) -> dict:
    return {
        "activiteiten": [
            {
                "id": a.pk, "categorie": a.regel.categorie, "regel": a.regel.naam, "tabel": a.regel.tabel.versie,
                "doelgroep": a.doelgroep.naam if a.doelgroep else "", "persoon_referentie": a.persoon_referentie,
                "omschrijving": a.omschrijving, "startdatum": a.startdatum.isoformat(),
                "einddatum": a.einddatum.isoformat() if a.einddatum else None, "waarde": str(a.waarde),
                "status": a.status, "telt_mee": a.telt_mee,
            }
            for a in activiteiten
        ],
        "totaal_periode": str(sum((a.waarde for a in activiteiten if a.telt_mee), Decimal("0"))),
    }


def rapportage_indienen(*, rapportage: SroiRapportage, door, toelichting: str = "", vandaag: date | None = None) -> SroiRapportage:
    """Submit a report: assemble the activities of its period, freeze them with the totals. A report sent back
    for evidence is re-submitted with an explanation only; its content stays as frozen.

    The final report compares, per year, the obligation with what was realised and flags each shortfall for
    consultation or a fine, as the regime says (002 art. 17.4, B4 Fase II c; 003b Bijlage VII A)."""
    ovk = rapportage.overeenkomst
    _vereis(permissions.mag_registreren(door, ovk), "U mag deze rapportage niet indienen.")
    vandaag = vandaag or kalender.vandaag()
    with transaction.atomic():
        rap = SroiRapportage.objects.select_for_update().get(pk=rapportage.pk)
        if rap.status == SroiRapportage.Status.BEWIJS_GEVRAAGD:
            van = SroiRapportage.OVERGANGEN.zet(rap, SroiRapportage.Status.INGEDIEND, melding="Deze rapportage is al ingediend.")
            rap.toelichting = toelichting.strip() or rap.toelichting
            rap.save(update_fields=["status", "toelichting"])
            audit("sroi.rapportage_aangevuld", rap, door=door, oud={"status": van}, nieuw={"status": rap.status},
                  toelichting=rap.toelichting)
            return rap
        van = SroiRapportage.OVERGANGEN.zet(rap, SroiRapportage.Status.INGEDIEND, melding="Deze rapportage is al ingediend.")
        if rap.soort != SroiRapportage.Soort.EIND and rap.periode_einde > vandaag:
            raise ValidationError(f"De periode loopt nog tot en met {rap.periode_einde:%d-%m-%Y}; dien daarna in.")
        qs = SroiActiviteit.objects.select_related("regel__tabel", "doelgroep").filter(overeenkomst=ovk)
        if rap.soort != SroiRapportage.Soort.EIND:
            qs = qs.filter(startdatum__gte=rap.periode_start, startdatum__lte=rap.periode_einde)
        activiteiten = list(qs.order_by("startdatum", "pk"))
        inhoud = _inhoud(rap, activiteiten)
        if rap.soort == SroiRapportage.Soort.EIND:
            jaren = list(range(ovk.startdatum.year, rap.periode_einde.year + 1))
            per_jaar = [selectors.jaarcijfers([ovk], j)[ovk.pk] for j in jaren]
            inhoud["jaren"] = [
                {"jaar": c.jaar, "verplichting": str(c.verplicht_bedrag), "gerealiseerd": str(c.gerealiseerd),
                 "tekort": str(c.tekort)} for c in per_jaar
            ]
            rap.verplichting = sum((c.verplicht_bedrag for c in per_jaar), Decimal("0"))
            rap.gerealiseerd = sum((c.gerealiseerd for c in per_jaar), Decimal("0"))
            rap.tekort = sum((c.tekort for c in per_jaar), Decimal("0"))
            rap.tekort_gesignaleerd = rap.tekort > 0
            regime = selectors.regime_voor_jaar(list(SroiRegime.objects.filter(aanbesteding_id=ovk.aanbesteding_id)), rap.jaar)
            if rap.tekort_gesignaleerd and regime:
                inhoud["gevolg_tekort"] = regime.get_tekort_gevolg_display()
        else:
            c = selectors.jaarcijfers([ovk], rap.jaar)[ovk.pk]
            rap.verplichting, rap.gerealiseerd, rap.tekort = c.verplicht_bedrag, c.gerealiseerd, c.tekort
        rap.bevroren_inhoud = inhoud
        rap.ingediend_door, rap.ingediend_op = door, kalender.nu()
        rap.toelichting = toelichting.strip()
        rap.save()
        SroiActiviteit.objects.filter(pk__in=[a.pk for a in activiteiten], rapportage__isnull=True).update(rapportage=rap)
        audit("sroi.rapportage_ingediend", rap, door=door, oud={"status": van},
              nieuw=momentopname(rap, ["status", "verplichting", "gerealiseerd", "tekort", "tekort_gesignaleerd"]),
              toelichting="te laat" if rap.is_te_laat(vandaag) else "")
    return rap


def rapportage_bewijs_vragen(*, rapportage: SroiRapportage, verzoek: str, door) -> SroiRapportage:
    """Ask for contracts, payslips or other documents (002 B4 Fase II b)."""
    _vereis(permissions.mag_beoordelen(door), "Alleen een SROI-adviseur vraagt bewijs op.")
    _vereis_regio(door, rapportage)
    if not verzoek.strip():
        raise ValidationError("Beschrijf welk bewijs u vraagt.")
    with transaction.atomic():
        rap = SroiRapportage.objects.select_for_update().get(pk=rapportage.pk)
        van = SroiRapportage.OVERGANGEN.zet(rap, SroiRapportage.Status.BEWIJS_GEVRAAGD, melding="Alleen bij een ingediende rapportage kunt u bewijs opvragen.")
        rap.bewijsverzoek = verzoek.strip()
        rap.save(update_fields=["status", "bewijsverzoek"])
        audit("sroi.rapportage_bewijs_gevraagd", rap, door=door, oud={"status": van}, nieuw={"status": rap.status},
              toelichting=rap.bewijsverzoek)
    return rap


def rapportage_verifieren(*, rapportage: SroiRapportage, door, opmerking: str = "") -> SroiRapportage:
    _vereis(permissions.mag_beoordelen(door), "Alleen een SROI-adviseur verifieert rapportages.")
    _vereis_regio(door, rapportage)
    with transaction.atomic():
        rap = SroiRapportage.objects.select_for_update().get(pk=rapportage.pk)
        van = SroiRapportage.OVERGANGEN.zet(rap, SroiRapportage.Status.GEVERIFIEERD, melding="Alleen een ingediende rapportage kan worden geverifieerd.")
        rap.opmerking = opmerking.strip()
        rap.beoordeeld_door, rap.beoordeeld_op = door, kalender.nu()
        rap.save()
        audit("sroi.rapportage_geverifieerd", rap, door=door, oud={"status": van}, nieuw={"status": rap.status},
              toelichting=rap.opmerking)
    return rap
