"""XLSX import of a productenboek (issue 19): read, preview, import. Service functions only; the admin screen is
``aanbesteding/admin_import.py``.

One row is one product of a perceel with (optionally) one tariff: columns ``KOLOMMEN``. Several rows for the same
product carry its intensities (one tariff each) and must agree on the product's own fields. ``geldig van`` /
``geldig tot`` are the period of the row's tariff; a new product starts on the first ``geldig van`` of its rows.
Empty optional cells leave an existing product's value as it is (the import never blanks a field); dropping a
product is an addendum (``product_laten_vervallen``), not an import.

Decisions:
- **All or nothing.** "Importeren" is refused while any row has an error: a productenboek is one consistent
  publication, and importing only the good rows would publish half a book (a tariff without its intensities, a
  product whose predecessor was refused). The preview lists every error with its row and reason; fix the file
  and upload it again.
- The upload is checked by ``core.uploads.valideer_upload`` (size, real XLSX by content) and read with openpyxl
  without evaluating anything: a cell holding a formula is read as its text (``=A1*2``), which is then not a
  valid amount, date or code and is refused with a reason.
- Nothing is written before ``importeren``; it recomputes the preview against the database of that moment
  (someone may have changed the book since the preview) and writes in one transaction with one audit line per
  changed record and one for the import.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from core import kalender
from core.audit import audit, momentopname
from core.uploads import XLSX, valideer_upload
from organisaties.regios import bereik_met_recht, in_bereik

from .models import (
    EENHEID_CODES,
    FREQUENTIE_CODES,
    Aanbesteding,
    Bekostiging,
    Eenheid,
    Frequentie,
    Product,
    Tarief,
)

RECHT = "aanbesteding.change_product"
MAX_BYTES = 2 * 1024 * 1024  # a productenboek of a few thousand rows is well under 1 MB
MAX_RIJEN = 5000
KOLOMMEN = (
    "perceel", "productcode", "naam", "naam in de bron", "eenheid", "frequentie", "bekostiging", "intensiteit",
    "tarief", "geldig van", "geldig tot", "vervangt",
)
VERPLICHT = ("perceel", "productcode")
CODE = re.compile(r"^[0-9]{2}[0-9A-Z]{3}$")  # aanbesteding.models.product_code_validator (iStandaard productcode)
PRODUCTVELDEN = ("naam", "naam_bron", "eenheid", "frequentie", "bekostiging", "voorganger_code")
VELDLABELS = {
    "naam": "naam", "naam_bron": "naam in de bron", "eenheid": "eenheid", "frequentie": "frequentie",
    "bekostiging": "bekostiging", "voorganger_code": "vervangt",
}
BRON = "Import productenboek"


class Uitkomst:
    NIEUW = "nieuw"
    GEWIJZIGD = "gewijzigd"
    ONGEWIJZIGD = "ongewijzigd"
    FOUT = "fout"


@dataclass
class Inlezing:
    """What was read from the file: per row the cells as text (JSON-safe, kept between preview and import)."""

    rijen: list[dict]
    bestandsnaam: str
    sha256: str
    genegeerde_kolommen: list[str] = field(default_factory=list)


@dataclass
class Importregel:
    """One row of an import sheet and what it becomes (shared by this import and aanbesteding.eisimport)."""

    nummer: int  # the row number in the sheet (the header is row 1)
    waarden: dict
    uitkomst: str = Uitkomst.ONGEWIJZIGD
    fouten: list[str] = field(default_factory=list)
    wijzigingen: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)
    velden: dict = field(default_factory=dict)  # the parsed values, for the import


@dataclass
class Regel(Importregel):
    product: Product | None = None


@dataclass
class Voorbeeld:
    regels: list[Regel]

    @property
    def fouten(self) -> list[Regel]:
        return [r for r in self.regels if r.uitkomst == Uitkomst.FOUT]

    @property
    def aantallen(self) -> dict[str, int]:
        tel = dict.fromkeys((Uitkomst.NIEUW, Uitkomst.GEWIJZIGD, Uitkomst.ONGEWIJZIGD, Uitkomst.FOUT), 0)
        for r in self.regels:
            tel[r.uitkomst] += 1
        return tel

    @property
    def kan_importeren(self) -> bool:
        return bool(self.regels) and not self.fouten and any(
            r.uitkomst in (Uitkomst.NIEUW, Uitkomst.GEWIJZIGD) for r in self.regels
        )


# --- Permission -------------------------------------------------------------------------------------------


def mag_importeren(user, aanbesteding: Aanbesteding) -> bool:
    """Staff with the right to change products in the procedure's region (issue 17)."""
    return user is not None and user.is_authenticated and in_bereik(aanbesteding, bereik_met_recht(user, RECHT))


def _eis_recht(door, aanbesteding):
    if not mag_importeren(door, aanbesteding):
        raise PermissionDenied("U mag het productenboek van deze procedure niet wijzigen.")


# --- Reading ----------------------------------------------------------------------------------------------


def cel_tekst(waarde) -> str:
    """A cell as text. Dates become ISO dates, whole numbers lose ".0"; a formula is its own text (never run)."""
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, bool):
        return str(waarde)
    if isinstance(waarde, float):
        return str(Decimal(repr(waarde)).normalize()) if waarde != int(waarde) else str(int(waarde))
    return str(waarde).strip()


def lees_xlsx(bestand) -> Inlezing:
    """Check the upload (size, real XLSX) and read the first sheet. Raises ValidationError with a Dutch reason."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    info = valideer_upload(bestand, toegestaan=("office",), max_bytes=MAX_BYTES)
    if info.mime_type != XLSX:
        raise ValidationError(f"Het bestand “{info.originele_naam}” is geen Excel-bestand (.xlsx). Gebruik het sjabloon.")
    try:
        # read_only streams the sheet; data_only=False: a formula cell gives its formula text, nothing is computed
        # (and no cached result of someone else's computation is trusted).
        boek = load_workbook(io.BytesIO(bestand.read()), read_only=True, data_only=False)
    except (InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ValidationError(f"Het bestand “{info.originele_naam}” kan niet als Excel-bestand worden gelezen.") from exc
    finally:
        bestand.seek(0)
    try:
        blad = boek.worksheets[0]
        rijen_iter = blad.iter_rows(values_only=True)
        kop = next(rijen_iter, None)
        if kop is None:
            raise ValidationError("Het bestand is leeg: de eerste rij moet de kolomnamen bevatten.")
        namen = [cel_tekst(k).lower() for k in kop]
        ontbreekt = [k for k in VERPLICHT if k not in namen]
        if ontbreekt:
            raise ValidationError(
                f"De kolom(men) {', '.join(ontbreekt)} ontbreken in de eerste rij. Verwachte kolommen: {', '.join(KOLOMMEN)}."
            )
        dubbel = sorted({n for n in namen if n and namen.count(n) > 1})
        if dubbel:
            raise ValidationError(f"De kolom(men) {', '.join(dubbel)} staan meer dan eens in de eerste rij.")
        index = {n: i for i, n in enumerate(namen) if n in KOLOMMEN}
        genegeerd = [n for n in namen if n and n not in KOLOMMEN]
        rijen = []
        for nummer, cellen in enumerate(rijen_iter, start=2):
            waarden = {k: cel_tekst(cellen[i]) if i < len(cellen) else "" for k, i in index.items()}
            if not any(waarden.values()):
                continue  # an empty row (Excel keeps formatted empty rows)
            if len(rijen) >= MAX_RIJEN:
                raise ValidationError(f"Het bestand heeft meer dan {MAX_RIJEN} rijen; splits het op.")
            rijen.append({"rij": nummer, **{k: waarden.get(k, "") for k in KOLOMMEN}})
    finally:
        boek.close()
    if not rijen:
        raise ValidationError("Het bestand bevat geen productregels onder de kolomnamen.")
    return Inlezing(rijen=rijen, bestandsnaam=info.originele_naam, sha256=info.sha256, genegeerde_kolommen=genegeerd)


# --- Preview ----------------------------------------------------------------------------------------------


def _datum(tekst: str) -> date:
    for formaat in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(tekst, formaat).date()
        except ValueError:
            continue
    raise ValueError(tekst)


_EENHEDEN = {**{w: w for w in Eenheid.values}, **{c: w for w, c in EENHEID_CODES.items()}}
_FREQUENTIES = {
    **{w: w for w in Frequentie.values}, **{lbl.lower(): w for w, lbl in Frequentie.choices},
    **{c: w for w, c in FREQUENTIE_CODES.items()},
}
_BEKOSTIGING = {**{w: w for w in Bekostiging.values}, **{lbl.lower(): w for w, lbl in Bekostiging.choices}, "p x q": "pxq", "pxq": "pxq"}


def _keuze(tekst, tabel, soort, toegestaan, fouten):
    if not tekst:
        return None
    waarde = tabel.get(tekst.strip().lower())
    if waarde is None:
        fouten.append(f"Onbekende {soort} “{tekst}”; kies uit: {toegestaan}.")
    return waarde


def _ontleed(w: dict, percelen: dict, fouten: list[str]) -> dict:
    """The row's values, parsed; every problem appended to ``fouten`` as a Dutch reason."""
    v: dict = {}
    perceelcode = w["perceel"].strip()
    v["perceel"] = percelen.get(perceelcode)
    if not perceelcode:
        fouten.append("Het perceel ontbreekt.")
    elif v["perceel"] is None:
        fouten.append(f"Onbekend perceel “{perceelcode}”; deze procedure heeft: {', '.join(sorted(percelen)) or 'geen percelen'}.")
    code = w["productcode"].strip().upper()
    v["code"] = code
    if not code:
        fouten.append("De productcode ontbreekt.")
    elif not CODE.match(code):
        fouten.append(f"Productcode “{code}” klopt niet: 5 posities, 2 cijfers en 3 cijfers of hoofdletters (bijv. 43B03).")
    v["naam"], v["naam_bron"] = w["naam"][:255], w["naam in de bron"][:255]
    for veld in ("naam", "naam_bron"):
        if v[veld].startswith("="):
            fouten.append(f"De {VELDLABELS[veld]} begint met “=”: formules worden niet uitgevoerd; typ de tekst zelf.")
    v["eenheid"] = _keuze(w["eenheid"], _EENHEDEN, "eenheid", ", ".join(Eenheid.values), fouten)
    v["frequentie"] = _keuze(w["frequentie"], _FREQUENTIES, "frequentie", ", ".join(Frequentie.values), fouten)
    v["bekostiging"] = _keuze(w["bekostiging"], _BEKOSTIGING, "bekostiging", ", ".join(Bekostiging.values), fouten)
    v["intensiteit"] = w["intensiteit"].strip()[:100]
    v["voorganger_code"] = w["vervangt"].strip().upper()[:20]
    v["tarief"] = None
    if w["tarief"]:
        try:
            bedrag = Decimal(w["tarief"].replace("€", "").replace(" ", "").replace(",", "."))
            if not bedrag.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            fouten.append(f"Het tarief “{w['tarief']}” is geen bedrag.")
        else:
            if bedrag < 0:
                fouten.append(f"Het tarief is negatief ({bedrag}); een tarief is € 0 of meer.")
            elif bedrag.as_tuple().exponent < -2 or bedrag >= Decimal("1e8"):
                fouten.append(f"Het tarief {bedrag} heeft meer dan 2 decimalen of is te groot.")
            else:
                v["tarief"] = bedrag
    for kolom, veld in (("geldig van", "van"), ("geldig tot", "tot")):
        v[veld] = None
        if w[kolom]:
            try:
                v[veld] = _datum(w[kolom])
            except ValueError:
                fouten.append(f"“{w[kolom]}” in {kolom} is geen datum (dd-mm-jjjj).")
    if v["van"] and v["tot"] and v["tot"] < v["van"]:
        fouten.append(f"Geldig tot ({v['tot']:%d-%m-%Y}) ligt vóór geldig van ({v['van']:%d-%m-%Y}).")
    if v["tarief"] is not None and v["van"] is None and not any("geldig van" in f for f in fouten):
        fouten.append("Bij een tarief hoort de datum geldig van.")
    if w["tarief"] == "" and v["intensiteit"]:
        fouten.append("Een intensiteit zonder tarief: vul het tarief in of laat de intensiteit leeg.")
    return v


def _fmt(waarde) -> str:
    if waarde in (None, ""):
        return "–"
    if isinstance(waarde, date):
        return f"{waarde:%d-%m-%Y}"
    return str(waarde)


def voorbeeld(aanbesteding: Aanbesteding, rijen: list[dict]) -> Voorbeeld:
    """Per row: nieuw / gewijzigd (which fields, old → new) / ongewijzigd / fout (with the reasons). Reads only."""
    percelen = {p.code: p for p in aanbesteding.percelen.all()}
    producten = {
        (p.perceel_id, p.code): p for p in Product.objects.filter(perceel__aanbesteding=aanbesteding).select_related("voorganger")
    }
    tarieven = {
        (t.product_id, t.intensiteit, t.geldig_van): t
        for t in Tarief.objects.filter(product__perceel__aanbesteding=aanbesteding, organisatie__isnull=True)
    }
    regels, gezien, productwaarden = [], {}, {}
    for w in rijen:
        regel = Regel(nummer=int(w["rij"]), waarden=w)
        v = _ontleed(w, percelen, regel.fouten)
        regel.velden = v
        sleutel = (w["perceel"].strip(), v["code"], v["intensiteit"], v["van"])
        if v["code"] and sleutel in gezien:
            regel.fouten.append(f"Dubbele rij: hetzelfde product, dezelfde intensiteit en ingangsdatum staan ook op rij {gezien[sleutel]}.")
        gezien.setdefault(sleutel, regel.nummer)
        product = producten.get((v["perceel"].pk, v["code"])) if v["perceel"] else None
        regel.product = product
        # The product's own fields must agree across its rows (several rows = several intensities).
        pkey = (w["perceel"].strip(), v["code"])
        eigen = {k: v[k] for k in PRODUCTVELDEN if v[k] not in (None, "")}
        if pkey in productwaarden:
            eerste_rij, eerder = productwaarden[pkey]
            strijdig = [VELDLABELS[k] for k in eigen if k in eerder and eerder[k] != eigen[k]]
            if strijdig:
                regel.fouten.append(f"Tegenstrijdig met rij {eerste_rij} voor hetzelfde product: {', '.join(strijdig)}.")
            eerder.update({k: x for k, x in eigen.items() if k not in eerder})
        else:
            productwaarden[pkey] = (regel.nummer, dict(eigen))
        if product is None and not regel.fouten:
            if not v["naam"] and not productwaarden[pkey][1].get("naam"):
                regel.fouten.append("Een nieuw product heeft een naam nodig.")
            if not v["eenheid"] and not productwaarden[pkey][1].get("eenheid"):
                regel.fouten.append("Een nieuw product heeft een eenheid nodig.")
        if regel.fouten:
            regel.uitkomst = Uitkomst.FOUT
        elif product is None:
            regel.uitkomst = Uitkomst.NIEUW
        else:
            regel.wijzigingen = _wijzigingen(product, v, tarieven)
            regel.uitkomst = Uitkomst.GEWIJZIGD if regel.wijzigingen else Uitkomst.ONGEWIJZIGD
        regels.append(regel)
    # A product's fields may be spread over its rows (one row per intensity): each row gets them all.
    for regel in regels:
        samen = productwaarden.get((regel.waarden["perceel"].strip(), regel.velden["code"]), (0, {}))[1]
        for k, x in samen.items():
            if regel.velden[k] in (None, ""):
                regel.velden[k] = x
    return Voorbeeld(regels=regels)


def _wijzigingen(product: Product, v: dict, tarieven: dict) -> list[tuple[str, str, str]]:
    uit = []
    huidige_voorganger = product.voorganger.code if product.voorganger_id else product.voorganger_code
    for veld in PRODUCTVELDEN:
        nieuw = v[veld]
        if nieuw in (None, ""):
            continue  # an empty cell keeps the current value
        oud = huidige_voorganger if veld == "voorganger_code" else getattr(product, veld)
        if oud != nieuw:
            uit.append((VELDLABELS[veld], _fmt(oud), _fmt(nieuw)))
    if v["tarief"] is not None:
        t = tarieven.get((product.pk, v["intensiteit"], v["van"]))
        label = f"tarief{' ' + v['intensiteit'] if v['intensiteit'] else ''} vanaf {v['van']:%d-%m-%Y}"
        if t is None:
            uit.append((label, "–", _fmt(v["tarief"])))
        else:
            if t.bedrag != v["tarief"]:
                uit.append((label, _fmt(t.bedrag), _fmt(v["tarief"])))
            if v["tot"] is not None and t.geldig_tot != v["tot"]:
                uit.append((f"{label}: geldig tot", _fmt(t.geldig_tot), _fmt(v["tot"])))
    return uit


# --- Import -----------------------------------------------------------------------------------------------


@transaction.atomic
def importeren(*, aanbesteding: Aanbesteding, rijen: list[dict], door, bestandsnaam: str = "", sha256: str = "") -> dict:
    """Write the previewed rows in one transaction, only when no row has an error (all or nothing, see the
    module docstring). Returns the counts per status."""
    _eis_recht(door, aanbesteding)
    aanbesteding = Aanbesteding.objects.select_for_update().get(pk=aanbesteding.pk)  # one import at a time
    vb = voorbeeld(aanbesteding, rijen)
    if vb.fouten:
        nummers = ", ".join(str(r.nummer) for r in vb.fouten[:20])
        raise ValidationError(
            f"Er is niets geïmporteerd: {len(vb.fouten)} rij(en) bevatten fouten (rij {nummers}). "
            "Verbeter het bestand en upload het opnieuw."
        )
    if not vb.kan_importeren:
        raise ValidationError("Er is niets te importeren: alle rijen zijn gelijk aan het productenboek.")
    bron = f"{BRON} {bestandsnaam}".strip()[:255]
    producten: dict[tuple, Product] = {}
    codes = {p.code: p for p in Product.objects.filter(perceel__aanbesteding=aanbesteding)}
    for regel in vb.regels:
        if regel.uitkomst == Uitkomst.ONGEWIJZIGD:
            continue
        v = regel.velden
        sleutel = (v["perceel"].pk, v["code"])
        product = producten.get(sleutel) or regel.product
        if product is None:
            product = _product_nieuw(v, codes, door, bron)
            codes[product.code] = product
        elif sleutel not in producten:
            _product_bijwerken(product, v, codes, door, bron)
        producten[sleutel] = product
        if v["tarief"] is not None:
            _tarief(product, v, door, bron)
    aantallen = vb.aantallen
    audit("productenboek.geimporteerd", aanbesteding, door=door, nieuw={
        "bestand": bestandsnaam, "sha256": sha256, "nieuw": aantallen[Uitkomst.NIEUW],
        "gewijzigd": aantallen[Uitkomst.GEWIJZIGD], "ongewijzigd": aantallen[Uitkomst.ONGEWIJZIGD],
    })
    return aantallen


def _voorganger_velden(v: dict, codes: dict, product: Product | None) -> dict:
    if not v["voorganger_code"]:
        return {}
    binnen = codes.get(v["voorganger_code"])
    if binnen is not None and binnen != product:
        return {"voorganger": binnen, "voorganger_code": ""}
    return {"voorganger": None, "voorganger_code": v["voorganger_code"]}  # a code outside this productenboek


def _product_nieuw(v, codes, door, bron) -> Product:
    product = Product(
        perceel=v["perceel"], code=v["code"], categorie=v["code"][:2], naam=v["naam"], naam_bron=v["naam_bron"],
        eenheid=v["eenheid"], frequentie=v["frequentie"] or Frequentie.TOTAAL, bekostiging=v["bekostiging"] or Bekostiging.PXQ,
        geldig_vanaf=v["van"], volgorde=0, **_voorganger_velden(v, codes, None),
    )
    product.full_clean()
    product.save()
    audit("product.toegevoegd", product, door=door, nieuw=momentopname(product, [
        "code", "naam", "naam_bron", "eenheid", "frequentie", "bekostiging", "geldig_vanaf", "voorganger_code",
    ]), toelichting=bron)
    return product


def _product_bijwerken(product, v, codes, door, bron) -> None:
    velden = {k: v[k] for k in ("naam", "naam_bron", "eenheid", "frequentie", "bekostiging") if v[k] not in (None, "")}
    velden |= _voorganger_velden(v, codes, product)
    product = Product.objects.select_for_update().get(pk=product.pk)
    oud = momentopname(product, velden)
    for k, x in velden.items():
        setattr(product, k, x)
    nieuw = momentopname(product, velden)
    if oud == nieuw:
        return
    product.full_clean()
    product.save(update_fields=list(velden))
    audit("product.gewijzigd", product, door=door, oud=oud, nieuw=nieuw, toelichting=bron)


def _tarief(product, v, door, bron) -> Tarief:
    """The tariff from ``van`` (to ``tot``, else up to the next tariff or open); a tariff still running on ``van``
    closes the day before, as in ``services.tarief_vastleggen``."""
    van, intensiteit = v["van"], v["intensiteit"]
    eigen = Tarief.objects.filter(product=product, intensiteit=intensiteit, organisatie__isnull=True)
    eigen.filter(geldig_van__lt=van).filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=van)).update(
        geldig_tot=kalender.plus_kalenderdagen(van, -1)
    )
    tot = v["tot"]
    if tot is None:
        volgende = eigen.filter(geldig_van__gt=van).order_by("geldig_van").first()
        tot = kalender.plus_kalenderdagen(volgende.geldig_van, -1) if volgende else None
    bestaand = eigen.filter(geldig_van=van).first()
    oud = momentopname(bestaand, ["bedrag", "geldig_tot"]) if bestaand else {}
    tarief, _ = Tarief.objects.update_or_create(
        product=product, intensiteit=intensiteit, geldig_van=van, organisatie=None,
        defaults={"bedrag": v["tarief"], "geldig_tot": tot, "bron": bron},
    )
    audit("tarief.vastgelegd", tarief, door=door, oud=oud, nieuw={
        "product": product.code, "intensiteit": intensiteit, "geldig_van": van, "bedrag": tarief.bedrag, "geldig_tot": tot,
    }, toelichting=bron)
    return tarief


# --- Template ---------------------------------------------------------------------------------------------

VOORBEELDRIJEN = (  # real Gooi codes (bronnen/gooi.py; 003 r.5330-5340 for the 43B03 tariffs)
    ("5.10.1", "43B03", "Tussenvoorziening", "", "etmaal", "totaal", "pxq", "extra_zwaar", "440.76", "01-01-2025", "31-12-2025", ""),
    ("5.11", "43B19", "Driemilieuvoorziening", "", "etmaal", "week", "pxq", "", "372.99", "01-01-2022", "", ""),
)


def sjabloon() -> bytes:
    """An XLSX with the column names, two example rows and a sheet explaining the allowed values."""
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.title = "Productenboek"
    blad.append(list(KOLOMMEN))
    for rij in VOORBEELDRIJEN:
        blad.append(list(rij))
    uitleg = boek.create_sheet("Toelichting")
    for regel in (
        ("Kolom", "Betekenis"),
        ("perceel", "De code van het perceel in deze procedure, bijv. 5.10.1."),
        ("productcode", "5 posities: 2 cijfers en 3 cijfers of hoofdletters (iStandaard), bijv. 43B03."),
        ("eenheid", f"Eén van {', '.join(Eenheid.values)} of de WJ756-code ({', '.join(EENHEID_CODES.values())})."),
        ("frequentie", f"Eén van {', '.join(Frequentie.values)} of de WJ757-code ({', '.join(FREQUENTIE_CODES.values())})."),
        ("bekostiging", f"Eén van {', '.join(Bekostiging.values)}."),
        ("intensiteit", "Leeg bij één tarief; anders één rij per intensiteit (bijv. zwaar, extra_zwaar)."),
        ("tarief", "Bedrag in euro, ten hoogste 2 decimalen, niet negatief."),
        ("geldig van / geldig tot", "De periode van het tarief (dd-mm-jjjj); een nieuw product begint op geldig van."),
        ("vervangt", "De productcode die dit product vervangt (in of buiten dit productenboek)."),
        ("Formules", "Worden niet uitgevoerd: een cel die met = begint is tekst en wordt als fout gemeld."),
    ):
        uitleg.append(list(regel))
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
