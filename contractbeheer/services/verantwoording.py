"""The yearly verantwoording (issue 13): a provider submits a part (figures, statements, reports), the contract
manager judges each submission once (approve, reject with reasons, or ask for herstel with a deadline).

Sources: productverantwoording by 1 March and financial verantwoording by 1 April, per municipality, with a
controleverklaring above € 50.000 per municipality and a bestuursverklaring below it (002 B1 32.1-32.2,
r.446-447); the complaints and innovation report (002 B1 34); jaardocument and prestatieverklaring (003 Eis 53,
§2.5.7). The figures come from a form or from the published template (XLSX, or CSV in the same layout).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q

from aanbesteding.models import Product
from core import kalender
from core.audit import audit
from core.export import xlsx_rij
from core.geld import formatteer_euro
from core.taken import na_commit
from core.uploads import XLSX, valideer_upload
from overeenkomst.models import Deelname
from sroi.berekening import WaarderingsFout, lees_bedrag
from sroi.models import SroiOmzet

from ..clientgegevens import valideer_vrije_tekst
from ..models import Omzetregel, Verantwoording, Verantwoordingseis, Verantwoordingsinzending
from ..regels import dag_op_tijd, verklaring_voor
from ._gemeen import bijlage_zetten, vereis_aanbieder, vereis_beheer
from .regels import beheerregels_van

Soort = Verantwoordingseis.Soort
# The parts whose turnover is compared with the SROI turnover of the same year.
OMZETSOORTEN = (Soort.PRODUCTVERANTWOORDING, Soort.FINANCIEEL)
# A statement is a PDF (signed by an accountant or the board); a jaardocument may be an office document too.
BESTANDSOORTEN = {
    Soort.FINANCIEEL: ("pdf",),
    Soort.PRESTATIEVERKLARING: ("pdf",),
    Soort.JAARDOCUMENT: ("pdf", "office"),
}
STANDAARD_BESTANDSOORTEN = ("pdf", "office")
# Differences up to one euro are rounding, not a discrepancy.
SROI_MARGE = Decimal("1.00")
CENT = Decimal("0.01")
MAX_BEDRAG = Decimal("999999999999.99")
UITKOMSTEN = {
    "goedkeuren": (Verantwoordingsinzending.Status.GOEDGEKEURD, Verantwoording.Status.GOEDGEKEURD),
    "afwijzen": (Verantwoordingsinzending.Status.AFGEWEZEN, Verantwoording.Status.AFGEWEZEN),
    "herstel": (Verantwoordingsinzending.Status.HERSTEL, Verantwoording.Status.HERSTEL),
}
# Template and import: at most this many data rows (a procedure has tens of products, not thousands).
MAX_RIJEN = 2000
MAX_IMPORT_BYTES = 5 * 1024 * 1024
KOLOMMEN = ("productcode", "productnaam", "eenheid", "aantal", "omzet")
BLADNAAM = "Verantwoording"


def _taken():
    # Late: the tasks package is loaded by Celery, and the services must import without it.
    from ..tasks import verantwoording as taken

    return taken


# --- what a provider may report on ------------------------------------------------------------------------


def producten_voor(verantwoording: Verantwoording) -> list[Product]:
    """The products a provider reports on for ``verantwoording``: those of the agreement's procedure, on the
    percelen the agreement took part in at any moment of the year (its Deelnames). One product per code (the
    first by the procedure's order), so a code in the template is never ambiguous."""
    jaar = verantwoording.jaar
    percelen = (Deelname.objects.filter(overeenkomst_id=verantwoording.overeenkomst_id,
                                        startdatum__lte=date(jaar, 12, 31))
                .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=date(jaar, 1, 1)))
                .values("perceel_id"))
    producten, codes = [], set()
    for product in (Product.objects.filter(perceel__aanbesteding_id=verantwoording.overeenkomst.aanbesteding_id,
                                           perceel_id__in=percelen)
                    .select_related("perceel").order_by("perceel__volgorde", "perceel__code", "volgorde", "code")):
        if product.code not in codes:
            codes.add(product.code)
            producten.append(product)
    return producten


def verklaring_bij(verantwoording: Verantwoording, omzet: Decimal | None) -> str:
    """The statement a financial verantwoording with ``omzet`` asks for (002 B1 32.2); empty for other parts or
    without an amount."""
    if verantwoording.eis.soort != Soort.FINANCIEEL or omzet is None:
        return ""
    drempel = beheerregels_van(verantwoording.overeenkomst.aanbesteding).drempel_controleverklaring
    return verklaring_voor(omzet, drempel)


# --- submitting -----------------------------------------------------------------------------------------------


@dataclass
class _Fouten:
    """Errors per form field, raised together so the provider sees everything at once."""

    per_veld: dict

    def voeg_toe(self, veld: str, bericht: str) -> None:
        self.per_veld.setdefault(veld, []).append(bericht)

    def opwerpen(self) -> None:
        if self.per_veld:
            raise ValidationError(self.per_veld)


def _bedrag(waarde) -> Decimal | None:
    if waarde is None or waarde == "":
        return None
    return Decimal(str(waarde)).quantize(CENT, rounding=ROUND_HALF_UP)


def _regels_controleren(verantwoording, regels, fouten: _Fouten) -> list[tuple[Product, Decimal, Decimal]]:
    toegestaan = {p.pk: p for p in producten_voor(verantwoording)}
    uit, gezien = [], set()
    for product, aantal, omzet in regels or ():
        product_id = getattr(product, "pk", product)
        p = toegestaan.get(product_id)
        naam = getattr(product, "code", None) or str(product_id)
        if p is None:
            fouten.voeg_toe("regels", f"Product {naam} hoort niet bij de percelen van uw overeenkomst in deze "
                                      "procedure.")
            continue
        if product_id in gezien:
            fouten.voeg_toe("regels", f"Product {p.code} staat twee keer in de verantwoording.")
            continue
        gezien.add(product_id)
        aantal, omzet = _bedrag(aantal) or Decimal("0.00"), _bedrag(omzet) or Decimal("0.00")
        if aantal < 0 or omzet < 0:
            fouten.voeg_toe("regels", f"Product {p.code}: aantal en omzet kunnen niet negatief zijn.")
            continue
        if omzet > MAX_BEDRAG or aantal > Decimal("9999999999.99"):
            fouten.voeg_toe("regels", f"Product {p.code}: het bedrag of aantal is te groot.")
            continue
        uit.append((p, aantal, omzet))
    if not uit and not fouten.per_veld.get("regels"):
        fouten.voeg_toe("regels", "Vul ten minste één product in. Had u in dit jaar geen omzet (in deze gemeente), "
                                  "vul dan bij één product 0 in.")
    return uit


def _jaartotaal(verantwoording: Verantwoording, omzet: Decimal) -> Decimal | None:
    """The provider's total of this part over the year: ``omzet`` plus, for every other municipality's duty of
    the same part, the turnover of its latest non-rejected submission. None while one of them is not in yet
    (then nothing can be compared)."""
    andere = list(Verantwoording.objects.filter(overeenkomst_id=verantwoording.overeenkomst_id,
                                                eis_id=verantwoording.eis_id, jaar=verantwoording.jaar)
                  .exclude(pk=verantwoording.pk).exclude(status=Verantwoording.Status.VERVALLEN)
                  .values_list("pk", flat=True))
    laatste: dict[int, Decimal | None] = {}
    for v_id, bedrag in (Verantwoordingsinzending.objects.filter(verantwoording_id__in=andere)
                         .exclude(status=Verantwoordingsinzending.Status.AFGEWEZEN)
                         .order_by("verantwoording_id", "-ingediend_op", "-pk")
                         .values_list("verantwoording_id", "omzet")):
        laatste.setdefault(v_id, bedrag)
    if any(laatste.get(v_id) is None for v_id in andere):
        return None
    return omzet + sum(laatste.values(), Decimal("0"))


def _sroi_omzet(verantwoording: Verantwoording) -> Decimal | None:
    # Read-only: the SROI turnover belongs to sroi (one owner per table).
    return (SroiOmzet.objects.filter(overeenkomst_id=verantwoording.overeenkomst_id, jaar=verantwoording.jaar)
            .values_list("omzet", flat=True).first())


def verantwoording_indienen(*, verantwoording: Verantwoording, door, regels=None, omzet=None, bestand=None,
                            aantal_klachten=None, klachtenanalyse="", innovatie="", toelichting="",
                            afwijking_toelichting="") -> Verantwoordingsinzending:
    """Submit one part of the yearly verantwoording as a member of the provider.

    ``regels``: (product, aantal, omzet) per product for a part per product (002 B1 32.1); the turnover is then
    their sum. Raises PermissionDenied for anyone else, ValidationError (a dict per form field, in Dutch) for
    what is missing or wrong. The duty moves to INGEDIEND; the contract manager judges the submission.
    """
    vereis_aanbieder(door, verantwoording.overeenkomst)
    nu = kalender.nu()
    with transaction.atomic():
        v = (Verantwoording.objects.select_for_update(of=("self",))
             .select_related("eis", "overeenkomst__aanbesteding", "gemeente").get(pk=verantwoording.pk))
        eis = v.eis
        if not Verantwoording.OVERGANGEN.toegestaan(v.status, Verantwoording.Status.INGEDIEND):
            raise ValidationError(
                {NON_FIELD_ERRORS: [f"Deze verantwoording kan nu niet worden ingediend: zij staat op "
                                    f"'{v.get_status_display()}'."]})
        if kalender.vandaag() < date(v.jaar + 1, 1, 1):
            raise ValidationError({NON_FIELD_ERRORS: [
                f"De verantwoording over {v.jaar} kunt u indienen vanaf 1 januari {v.jaar + 1}, als het jaar "
                "voorbij is."]})
        fouten = _Fouten({})
        # No client-identifying data in free text (ADR 0019): the SROI BSN refusal and the name patterns.
        for veld, tekst in (("toelichting", toelichting), ("klachtenanalyse", klachtenanalyse),
                            ("innovatie", innovatie), ("afwijking_toelichting", afwijking_toelichting)):
            try:
                valideer_vrije_tekst(tekst or "")
            except ValidationError as fout:
                fouten.voeg_toe(veld, fout.messages[0])

        regels_ok: list[tuple[Product, Decimal, Decimal]] = []
        omzet = _bedrag(omzet)
        if omzet is not None and omzet < 0:
            fouten.voeg_toe("omzet", "De omzet kan niet negatief zijn.")
        if eis.per_product:
            regels_ok = _regels_controleren(v, regels, fouten)
            som = sum((o for _, _, o in regels_ok), Decimal("0.00"))
            if omzet is not None and regels_ok and omzet != som:
                fouten.voeg_toe("omzet", f"De totale omzet ({formatteer_euro(omzet)}) is niet gelijk aan de som van "
                                         f"de producten ({formatteer_euro(som)}).")
            omzet = som if regels_ok else omzet
        elif regels:
            fouten.voeg_toe("regels", "Voor dit onderdeel vult u geen omzet per product in.")

        if eis.soort == Soort.FINANCIEEL and omzet is None:
            fouten.voeg_toe("omzet", "Vul de omzet (excl. btw) over het jaar in" +
                            (" voor deze gemeente." if v.gemeente_id else "."))
        verklaring = verklaring_bij(v, omzet) if omzet is not None and omzet >= 0 else ""

        if eis.soort == Soort.KLACHTEN_INNOVATIE:
            # 002 B1 34: the number of complaints with an analysis (nature, trends, measures), and innovation.
            if aantal_klachten is None:
                fouten.voeg_toe("aantal_klachten", "Vul het aantal klachten in (0 als er geen waren).")
            elif aantal_klachten < 0:
                fouten.voeg_toe("aantal_klachten", "Het aantal klachten kan niet negatief zijn.")
            if not (klachtenanalyse or "").strip():
                fouten.voeg_toe("klachtenanalyse", "Geef een analyse van de klachten: aard, trends en "
                                                   "verbetermaatregelen.")
            if not (innovatie or "").strip():
                fouten.voeg_toe("innovatie", "Beschrijf uw bijdrage aan transformatie en innovatie.")

        bestand_nodig = eis.bestand_verplicht or eis.soort in (Soort.JAARDOCUMENT, Soort.PRESTATIEVERKLARING)
        if bestand_nodig and not bestand:
            wat = {Soort.FINANCIEEL: f"de {verklaring or 'verklaring'} (PDF)",
                   Soort.JAARDOCUMENT: "het jaardocument", Soort.PRESTATIEVERKLARING: "de prestatieverklaring (PDF)"}
            fouten.voeg_toe("bestand", f"Voeg {wat.get(eis.soort, 'het document')} toe.")

        sroi = _sroi_omzet(v) if eis.soort in OMZETSOORTEN else None
        totaal = verschil = None
        if eis.soort in OMZETSOORTEN and omzet is not None and omzet >= 0:
            totaal = _jaartotaal(v, omzet)
            if totaal is not None and sroi is not None:
                verschil = totaal - sroi
                if abs(verschil) > SROI_MARGE and not (afwijking_toelichting or "").strip():
                    alle = " (alle gemeenten samen)" if v.gemeente_id else ""
                    fouten.voeg_toe("afwijking_toelichting", (
                        f"Uw totale omzet over {v.jaar} in de {eis.naam.lower()}{alle} is "
                        f"{formatteer_euro(totaal)}; als SROI-omzet over {v.jaar} hebt u {formatteer_euro(sroi)} "
                        f"gemeld. Dat is {formatteer_euro(abs(verschil))} verschil. Licht het verschil toe."))

        inzending = Verantwoordingsinzending(
            verantwoording=v, omzet=omzet, verklaring=verklaring, aantal_klachten=aantal_klachten,
            klachtenanalyse=(klachtenanalyse or "").strip(), innovatie=(innovatie or "").strip(),
            toelichting=(toelichting or "").strip(), sroi_omzet=sroi, omzet_jaartotaal=totaal,
            sroi_verschil=verschil, afwijking_toelichting=(afwijking_toelichting or "").strip(),
            ingediend_door=door, ingediend_op=nu, te_laat=not dag_op_tijd(nu, v.geldende_termijn),
        )
        if bestand:
            try:
                bijlage_zetten(inzending, bestand,
                               toegestaan=BESTANDSOORTEN.get(eis.soort, STANDAARD_BESTANDSOORTEN))
            except ValidationError as fout:
                for bericht in fout.messages:
                    fouten.voeg_toe("bestand", bericht)
        fouten.opwerpen()

        inzending.save()
        Omzetregel.objects.bulk_create([Omzetregel(inzending=inzending, product=p, aantal=a, omzet=o)
                                        for p, a, o in regels_ok])
        oud = Verantwoording.OVERGANGEN.zet(v, Verantwoording.Status.INGEDIEND)
        v.status_sinds = nu
        v.save(update_fields=["status", "status_sinds"])
        audit("contractbeheer.verantwoording_ingediend", v, door=door, oud={"status": oud}, nieuw={
            "status": v.status, "inzending": inzending.pk, "omzet": omzet, "verklaring": verklaring,
            "te_laat": inzending.te_laat, "sroi_omzet": sroi, "sroi_verschil": verschil,
            "regels": len(regels_ok), "bestand": inzending.originele_naam, "sha256": inzending.sha256,
        })
    return inzending


# --- judging ----------------------------------------------------------------------------------------------------


def verantwoording_beoordelen(*, inzending: Verantwoordingsinzending, door, uitkomst: str, reden: str = "",
                              herstel_uiterlijk: date | None = None) -> Verantwoordingsinzending:
    """The contract manager (or inkoper) of the region approves a submission, rejects it with a reason, or asks
    for herstel with a reason and a deadline (by default ``herstel_werkdagen`` working days from today). The
    submission is judged once; the duty follows it. The provider's members get one mail after commit."""
    vereis_beheer(door, inzending)
    if uitkomst not in UITKOMSTEN:
        raise ValidationError({"uitkomst": ["Kies goedkeuren, afwijzen of herstel vragen."]})
    reden = (reden or "").strip()
    with transaction.atomic():
        inz = (Verantwoordingsinzending.objects.select_for_update(of=("self",))
               .select_related("verantwoording__overeenkomst__aanbesteding").get(pk=inzending.pk))
        v = Verantwoording.objects.select_for_update().get(pk=inz.verantwoording_id)
        if inz.status != Verantwoordingsinzending.Status.INGEDIEND or v.status != Verantwoording.Status.INGEDIEND:
            raise ValidationError({NON_FIELD_ERRORS: ["Deze inzending is al beoordeeld."]})
        if uitkomst != "goedkeuren" and not reden:
            raise ValidationError({"reden": [
                "Geef de reden van de afwijzing." if uitkomst == "afwijzen" else
                "Geef aan wat de aanbieder moet herstellen."]})
        vandaag = kalender.vandaag()
        if uitkomst == "herstel":
            if herstel_uiterlijk is None:
                werkdagen = beheerregels_van(inz.verantwoording.overeenkomst.aanbesteding).herstel_werkdagen
                herstel_uiterlijk = kalender.plus_werkdagen(vandaag, werkdagen)
            if herstel_uiterlijk <= vandaag:
                raise ValidationError({"herstel_uiterlijk": ["De hersteltermijn moet na vandaag liggen."]})
        else:
            herstel_uiterlijk = None
        inz_status, v_status = UITKOMSTEN[uitkomst]
        Verantwoordingsinzending.OVERGANGEN.zet(inz, inz_status)
        inz.reden, inz.herstel_uiterlijk = reden, herstel_uiterlijk
        inz.beoordeeld_door, inz.beoordeeld_op = door, kalender.nu()
        inz.save(update_fields=["status", "reden", "herstel_uiterlijk", "beoordeeld_door", "beoordeeld_op"])
        oud = Verantwoording.OVERGANGEN.zet(v, v_status)
        v.herstel_uiterlijk, v.status_sinds = herstel_uiterlijk, inz.beoordeeld_op
        v.save(update_fields=["status", "herstel_uiterlijk", "status_sinds"])
        # On the duty, like the submission, so the duty's audit trail tells its whole story.
        audit("contractbeheer.verantwoording_beoordeeld", v, door=door, oud={"status": oud},
              nieuw={"status": v.status, "inzending": inz.pk, "herstel_uiterlijk": herstel_uiterlijk},
              toelichting=reden)
        na_commit(_taken().verantwoording_beoordeeld_melden, inz.pk)
    return inz


# --- the template and the import ---------------------------------------------------------------------------------


def sjabloon(verantwoording: Verantwoording) -> bytes:
    """The published template (002 B1 32.3: "het verplichte format"): one row per product of the provider's
    percelen in the procedure, with columns productcode, productnaam, eenheid, aantal, omzet (the last two for
    the provider to fill). Every cell goes through core.export."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    blad = wb.active
    blad.title = BLADNAAM
    xlsx_rij(blad, list(KOLOMMEN))
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for product in producten_voor(verantwoording):
        xlsx_rij(blad, [product.code, product.naam, product.get_eenheid_display(), None, None])
    for rij in blad.iter_rows(min_row=2, min_col=4, max_col=5):
        rij[0].number_format = "#,##0.00"
        rij[1].number_format = '"€" #,##0.00'
    for kolom, breedte in zip("ABCDE", (12, 45, 12, 14, 16), strict=True):
        blad.column_dimensions[kolom].width = breedte
    uitleg = wb.create_sheet("Toelichting")
    ov = verantwoording.overeenkomst
    for regel in (
        ["Verantwoording", str(verantwoording.eis)],
        ["Aanbieder", ov.organisatie.naam],
        ["Procedure", ov.aanbesteding.titel],
        ["Jaar", verantwoording.jaar],
        ["Gemeente", verantwoording.gemeente.naam if verantwoording.gemeente_id else "alle gemeenten"],
        [],
        ["Vul per product het aantal geleverde eenheden en de omzet (excl. btw, in euro's) in."],
        ["Laat een product leeg als u het niet hebt geleverd. Gebruik geen formules."],
        ["Upload het bestand als XLSX, of als CSV (puntkomma, decimale komma) met dezelfde kolommen."],
    ):
        xlsx_rij(uitleg, regel)
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


class _Cel:
    """One read cell: its value and whether the spreadsheet stored a formula there."""

    __slots__ = ("waarde", "formule")

    def __init__(self, waarde, formule=False):
        self.waarde, self.formule = waarde, formule


def _xlsx_rijen(bestand) -> list[list[_Cel]]:
    from openpyxl import load_workbook

    info = valideer_upload(bestand, toegestaan=("office",), max_bytes=MAX_IMPORT_BYTES)
    if info.mime_type != XLSX:
        raise ValidationError("Upload het ingevulde sjabloon als XLSX- of CSV-bestand.", code="geen_sjabloon")
    try:
        wb = load_workbook(bestand, read_only=True, data_only=False)
    except Exception as fout:  # openpyxl raises many kinds on a damaged or foreign workbook
        raise ValidationError("Het spreadsheet kan niet worden gelezen. Sla het opnieuw op als XLSX en probeer "
                              "het nog eens.", code="onleesbaar") from fout
    try:
        blad = wb[BLADNAAM] if BLADNAAM in wb.sheetnames else wb.worksheets[0]
        rijen = []
        for rij in blad.iter_rows():
            if len(rijen) > MAX_RIJEN + 10:
                break
            rijen.append([_Cel(c.value, getattr(c, "data_type", None) == "f") for c in rij])
        return rijen
    finally:
        wb.close()


def _csv_rijen(bestand) -> list[list[_Cel]]:
    ruw = bestand.read(MAX_IMPORT_BYTES + 1)
    bestand.seek(0)
    if len(ruw) > MAX_IMPORT_BYTES:
        raise ValidationError("Het bestand is te groot (ten hoogste 5 MB).", code="te_groot")
    if b"\x00" in ruw or ruw.lstrip().startswith(b"%PDF"):
        raise ValidationError("Upload het ingevulde sjabloon als XLSX- of CSV-bestand.", code="geen_sjabloon")
    try:
        tekst = ruw.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = ruw.decode("cp1252", errors="replace")  # Excel's "CSV (puntkomma)" on Windows
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if ";" in eerste else ("\t" if "\t" in eerste else ",")
    return [[_Cel(w) for w in rij] for rij in csv.reader(io.StringIO(tekst), delimiter=scheiding)]


def _is_formule(cel: _Cel) -> bool:
    if cel.formule:
        return True
    w = cel.waarde
    if not isinstance(w, str):
        return False
    w = w.strip()
    return w.startswith(("=", "@")) or (w.startswith(("+", "-")) and not re.fullmatch(r"[+-][\d.,\s€]+", w))


def _getal(cel: _Cel, rijnummer: int, kolom: str, fouten: list[str]) -> Decimal | None:
    w = cel.waarde
    if w is None or (isinstance(w, str) and not w.strip()):
        return None
    if _is_formule(cel):
        fouten.append(f"Rij {rijnummer}: de kolom {kolom} bevat een formule. Vul een getal in; formules worden "
                      "niet overgenomen.")
        return None
    if isinstance(w, bool):
        fouten.append(f"Rij {rijnummer}: de kolom {kolom} bevat geen getal.")
        return None
    try:
        getal = Decimal(str(w)) if isinstance(w, (int, float, Decimal)) else lees_bedrag(str(w))
    except (WaarderingsFout, ArithmeticError):
        fouten.append(f"Rij {rijnummer}: “{str(w)[:40]}” in de kolom {kolom} is geen getal.")
        return None
    if not getal.is_finite():
        fouten.append(f"Rij {rijnummer}: de kolom {kolom} bevat geen getal.")
        return None
    if getal < 0:
        fouten.append(f"Rij {rijnummer}: {kolom} kan niet negatief zijn.")
        return None
    if getal > MAX_BEDRAG:
        fouten.append(f"Rij {rijnummer}: {kolom} is te groot.")
        return None
    return getal.quantize(CENT, rounding=ROUND_HALF_UP)


def verantwoording_importeren(*, verantwoording: Verantwoording, bestand) -> list[tuple[Product, Decimal, Decimal]]:
    """Read the filled template (XLSX, or CSV with ";" and a decimal comma) into (product, aantal, omzet) lines
    for ``verantwoording_indienen``. Writes nothing. Raises ValidationError listing every wrong row by number
    (unknown or duplicate product codes, negative or non-numeric amounts, formulas)."""
    kop = bestand.read(4)
    bestand.seek(0)
    rijen = _xlsx_rijen(bestand) if kop.startswith(b"PK\x03\x04") else _csv_rijen(bestand)
    # The header is the first row naming "productcode" (a provider may put a title above it).
    kopregel = next((i for i, rij in enumerate(rijen[:10])
                     if any(str(c.waarde or "").strip().lower() == "productcode" for c in rij)), None)
    if kopregel is None:
        raise ValidationError("Dit is niet het sjabloon: de kolom “productcode” ontbreekt. Download het sjabloon "
                              "en vul dat in.", code="geen_sjabloon")
    namen = [str(c.waarde or "").strip().lower() for c in rijen[kopregel]]
    ontbreekt = [k for k in ("productcode", "aantal", "omzet") if k not in namen]
    if ontbreekt:
        raise ValidationError(f"Dit is niet het sjabloon: de kolom(men) {', '.join(ontbreekt)} ontbreken.",
                              code="geen_sjabloon")
    index = {k: namen.index(k) for k in ("productcode", "aantal", "omzet")}
    producten = {p.code.upper(): p for p in producten_voor(verantwoording)}
    fouten: list[str] = []
    regels, gezien = [], {}
    data = rijen[kopregel + 1:]
    if len(data) > MAX_RIJEN:
        raise ValidationError(f"Het bestand heeft meer dan {MAX_RIJEN} rijen; het sjabloon heeft er veel minder.",
                              code="te_veel_rijen")
    for i, rij in enumerate(data, start=kopregel + 2):
        cellen = {k: (rij[n] if n < len(rij) else _Cel(None)) for k, n in index.items()}
        if all(c.waarde is None or str(c.waarde).strip() == "" for c in rij):
            continue
        code_cel = cellen["productcode"]
        code = str(code_cel.waarde or "").strip().upper()
        aantal = _getal(cellen["aantal"], i, "aantal", fouten)
        omzet = _getal(cellen["omzet"], i, "omzet", fouten)
        leeg = all(cellen[k].waarde is None or str(cellen[k].waarde).strip() == "" for k in ("aantal", "omzet"))
        if _is_formule(code_cel):
            fouten.append(f"Rij {i}: de productcode is een formule. Vul de code zelf in.")
            continue
        if not code:
            if not leeg:
                fouten.append(f"Rij {i}: vul de productcode in.")
            continue
        product = producten.get(code)
        if product is None:
            fouten.append(f"Rij {i}: productcode “{code[:20]}” is onbekend of hoort niet bij uw percelen in deze "
                          "procedure.")
            continue
        if code in gezien:
            fouten.append(f"Rij {i}: productcode {code} staat ook in rij {gezien[code]}.")
            continue
        gezien[code] = i
        if leeg:
            continue  # a product not delivered
        regels.append((product, aantal or Decimal("0.00"), omzet or Decimal("0.00")))
    if fouten:
        raise ValidationError(fouten, code="rijen")
    if not regels:
        raise ValidationError("Het bestand bevat geen product met een aantal of omzet. Vul ten minste één "
                              "product in (0 als u geen omzet had).", code="leeg")
    return regels
