"""Bulk import of the eisen of one procedure from XLSX or CSV (issue 12): read, preview, import. Service
functions only; the admin screen is ``aanbesteding/admin_eisimport.py``.

A bureau loads a toelatingsdocument's ~90 eisen in one go (the Gooi Programma van Eisen has 90, 003 r.2981-3097)
instead of typing them one by one in the 'Eisen' screen. One row is one eis; an eis that holds for several
percelen is one row per perceel (as in the database: an eis belongs to the procedure or to one perceel).

Decisions:
- **Matched by perceel + code** among the eisen in force (not withdrawn): importing the same file again updates
  nothing, a changed row updates that eis, a new code adds one. The import never deletes: an eis missing from the
  file stays (delete it in the 'Eisen' screen, or withdraw it by rectificatie once frozen).
- **A column left out of the file is not touched**; a column that is there but empty means "empty" (or the
  model's default: knock-out ja, voldoet bij ja, pdf, niet per lid). The file describes the eis, so re-importing
  it makes the eis what the file says.
- **All or nothing.** "Importeren" is refused while any row has an error: a toelatingsdocument's eisen are one
  publication, and half of them would be a different document. Every write goes through ``services.eis_opslaan``
  in one transaction: the service checks the right and region per eis, refuses once the eisen are frozen (first
  submission or opened round, ADR 0014; then the whole import rolls back with its message), validates the model
  and writes the audit line per eis; the import adds one line for the file.
- **The upload is checked as every upload of the portal is** (``core.uploads.valideer_upload`` for XLSX: size and
  real content; for CSV the same size limit, UTF-8 text without NUL bytes and not a binary file by its signature)
  and read into memory only; the file itself is never stored. Between the preview and the confirmation only the
  cells, as text, live in the staff member's session. Cells are data, never formulas: openpyxl reads a formula as
  its text and a cell that begins with "=" is refused with a reason; the downloaded template writes its cells
  through ``core.export`` (no formula injection).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.audit import audit
from core.export import csv_writer, xlsx_rij
from core.uploads import XLSX, leesbare_grootte, valideer_upload, veilige_bestandsnaam
from organisaties.regios import bereik_met_recht, in_bereik

from . import productimport
from .models import Aanbesteding, Documentsoort, Eis
from .productimport import Uitkomst, cel_tekst
from .services import bevroren_melding, eis_opslaan

RECHT = "aanbesteding.change_eis"
MAX_BYTES = 2 * 1024 * 1024  # 90 eisen with their full texts are some 60 kB
MAX_RIJEN = 2000
KOLOMMEN = (
    "code", "titel", "tekst", "toelichting", "bron", "soort", "antwoordtype", "verklaring", "knock_out",
    "verwacht_antwoord_ja", "max_woorden", "documentsoort", "max_leeftijd_maanden", "toegestane_bestanden", "per_lid",
    "perceel", "volgorde",
)
VERPLICHT = ("code", "tekst", "soort", "antwoordtype")
BESTANDSSOORTEN = ("pdf", "afbeelding", "office")  # Eis.toegestane_bestanden, core.uploads.SOORTEN
JA = {"ja", "j", "waar", "true", "1", "x", "yes", "y"}
NEE = {"nee", "n", "onwaar", "false", "0", "no"}

# What the screen and the template say about each column (the documentation of the format).
UITLEG = {
    "code": "Verplicht. De code van de eis in het aanbestedingsdocument, bijv. “Eis 21” of “G1”. Alleen voor "
            "medewerkers. Samen met het perceel de sleutel: dezelfde code opnieuw importeren wijzigt de eis.",
    "titel": "Leesbare titel voor aanbieders en publiek, bijv. “Positief rapport Inspectie”. Leeg = het begin van de tekst.",
    "tekst": "Verplicht. De eis zoals de aanbieder haar leest.",
    "toelichting": "Uitleg voor de aanbieder (optioneel).",
    "bron": "Vindplaats in het aanbestedingsdocument, bijv. “003 r. 3006”. Alleen voor medewerkers (max. 100 tekens).",
    "soort": "Verplicht: " + ", ".join(Eis.Soort.values) + ".",
    "antwoordtype": "Verplicht: " + ", ".join(Eis.Antwoordtype.values) + ".",
    "verklaring": "Alleen bij ja_nee: de zin die de aanbieder aanvinkt, bijv. “Ik verklaar dat geen van deze "
                  "uitsluitingsgronden op ons van toepassing is.”",
    "knock_out": "ja of nee (leeg = ja): voldoet de aanbieder niet, dan valt hij af.",
    "verwacht_antwoord_ja": "Bij ja_nee: ja als ‘ja’ aan de eis voldoet, nee als ‘nee’ voldoet (leeg = ja).",
    "max_woorden": "Bij tekst of plan: het maximum aantal woorden (geheel getal, optioneel).",
    "documentsoort": "Verplicht bij antwoordtype document: " + ", ".join(Documentsoort.values) + ".",
    "max_leeftijd_maanden": "Maximale leeftijd van het document in maanden, bijv. 3 voor een KvK-uittreksel (optioneel).",
    "toegestane_bestanden": "Kommagescheiden: pdf, afbeelding, office (leeg = pdf).",
    "per_lid": "ja of nee (leeg = nee): combinanten en onderaannemers leveren hun eigen bewijs.",
    "perceel": "Code van een perceel van deze procedure, bijv. 5.10.1. Leeg = de eis geldt voor de hele inschrijving.",
    "volgorde": "Geheel getal voor de volgorde op het scherm (leeg = de rijvolgorde van het bestand).",
}


@dataclass
class Inlezing(productimport.Inlezing):
    """As the product import's reading, plus the known columns present in the file: a column left out is not
    touched (Uitkomst and the reading are shared with aanbesteding/productimport.py)."""

    kolommen: list[str] = field(default_factory=list)

    def bewaarbaar(self) -> dict:
        return {"rijen": self.rijen, "naam": self.bestandsnaam, "sha256": self.sha256, "kolommen": self.kolommen}


@dataclass
class Regel(productimport.Importregel):
    eis: Eis | None = None

    @property
    def meldingen(self) -> list[str]:
        """The errors as the summary shows them: “Rij 14: …”."""
        return [f"Rij {self.nummer}: {f}" for f in self.fouten]


@dataclass
class Voorbeeld(productimport.Voorbeeld):
    """The product import's preview (errors and counts per outcome), plus the freeze refusal of the procedure."""

    regels: list[Regel]
    bevroren: str = ""  # the refusal eis_opslaan will give, when the procedure's eisen are frozen

    @property
    def te_schrijven(self) -> list[Regel]:
        return [r for r in self.regels if r.uitkomst in (Uitkomst.NIEUW, Uitkomst.GEWIJZIGD)]

    @property
    def kan_importeren(self) -> bool:
        return not self.fouten and not self.bevroren and bool(self.te_schrijven)


# --- Permission -------------------------------------------------------------------------------------------


def mag_importeren(user, aanbesteding: Aanbesteding) -> bool:
    """Staff who may change eisen in the procedure's region (ADR 0011)."""
    return (user is not None and user.is_authenticated and user.has_perm(RECHT)
            and in_bereik(aanbesteding, bereik_met_recht(user, RECHT)))


# --- Reading ----------------------------------------------------------------------------------------------


def _weiger(naam: str, reden: str) -> ValidationError:
    return ValidationError(f"Het bestand “{naam}” {reden}", code="bestand")


def _controleer_grootte(bestand, naam: str) -> None:
    grootte = getattr(bestand, "size", None)
    if grootte == 0:
        raise _weiger(naam, "is leeg.")
    if grootte is not None and grootte > MAX_BYTES:
        raise _weiger(naam, f"is te groot ({leesbare_grootte(grootte, omhoog=True)}); het maximum is "
                            f"{leesbare_grootte(MAX_BYTES)}.")


def lees_bestand(bestand) -> Inlezing:
    """Check the upload and read its first sheet (XLSX) or its rows (CSV, UTF-8 with or without BOM, separated by
    ``;`` or ``,``). The kind is decided by the content, never by the name. Raises ValidationError in Dutch."""
    naam = veilige_bestandsnaam(getattr(bestand, "name", None))
    _controleer_grootte(bestand, naam)
    bestand.seek(0)
    kop = bestand.read(8)
    bestand.seek(0)
    if kop.startswith(b"PK\x03\x04"):
        return _lees_xlsx(bestand)
    return _lees_csv(bestand, naam)


def _lees_xlsx(bestand) -> Inlezing:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    info = valideer_upload(bestand, toegestaan=("office",), max_bytes=MAX_BYTES)
    if info.mime_type != XLSX:
        raise _weiger(info.originele_naam, "is geen Excel-bestand (.xlsx) of CSV-bestand. Gebruik het sjabloon.")
    try:
        # data_only=False: a formula cell gives its formula text; nothing is computed, no cached result trusted.
        boek = load_workbook(io.BytesIO(bestand.read()), read_only=True, data_only=False)
    except (InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise _weiger(info.originele_naam, "kan niet als Excel-bestand worden gelezen.") from exc
    finally:
        bestand.seek(0)
    try:
        rijen = [[cel_tekst(c) for c in r] for r in boek.worksheets[0].iter_rows(values_only=True)]
    finally:
        boek.close()
    return _verwerk(rijen, info.originele_naam, info.sha256)


def _lees_csv(bestand, naam: str) -> Inlezing:
    import hashlib

    data = bestand.read(MAX_BYTES + 1)
    bestand.seek(0)
    if len(data) > MAX_BYTES:
        raise _weiger(naam, f"is te groot; het maximum is {leesbare_grootte(MAX_BYTES)}.")
    # A PDF, image or other binary renamed to .csv: recognised by its signature or a NUL byte, never parsed.
    if data.startswith(b"%PDF") or filetype.guess(data[:8192]) is not None or b"\x00" in data:
        raise _weiger(naam, "is geen CSV- of Excel-bestand. Gebruik het sjabloon (.xlsx of .csv).")
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _weiger(naam, "is geen UTF-8-tekst. Sla het in Excel op als “CSV UTF-8 (door komma's gescheiden)” "
                            "of gebruik het sjabloon.") from exc
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    try:
        rijen = [[c.strip() for c in r] for r in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)]
    except csv.Error as exc:
        raise _weiger(naam, f"kan niet als CSV worden gelezen ({exc}).") from exc
    return _verwerk(rijen, naam, hashlib.sha256(data).hexdigest())


def _verwerk(rijen: list[list[str]], naam: str, sha256: str) -> Inlezing:
    if not rijen:
        raise _weiger(naam, "is leeg: de eerste rij moet de kolomnamen bevatten.")
    namen = [k.strip().lower().replace(" ", "_").replace("-", "_") for k in rijen[0]]
    ontbreekt = [k for k in VERPLICHT if k not in namen]
    if ontbreekt:
        raise ValidationError(
            f"De kolom(men) {', '.join(ontbreekt)} ontbreken in de eerste rij. Verwachte kolommen: {', '.join(KOLOMMEN)}."
        )
    dubbel = sorted({n for n in namen if n and namen.count(n) > 1})
    if dubbel:
        raise ValidationError(f"De kolom(men) {', '.join(dubbel)} staan meer dan eens in de eerste rij.")
    index = {n: i for i, n in enumerate(namen) if n in KOLOMMEN}
    uit = []
    for nummer, cellen in enumerate(rijen[1:], start=2):
        waarden = {k: cellen[i] if i < len(cellen) else "" for k, i in index.items()}
        if not any(waarden.values()):
            continue  # an empty row (Excel keeps formatted empty rows)
        if len(uit) >= MAX_RIJEN:
            raise ValidationError(f"Het bestand heeft meer dan {MAX_RIJEN} rijen; splits het op.")
        uit.append({"rij": nummer, **waarden})
    if not uit:
        raise _weiger(naam, "bevat geen eisen onder de kolomnamen.")
    return Inlezing(rijen=uit, bestandsnaam=naam, sha256=sha256, kolommen=[k for k in KOLOMMEN if k in index],
                    genegeerde_kolommen=[n for n in namen if n and n not in KOLOMMEN])


# --- Preview ----------------------------------------------------------------------------------------------


def _keuze(tekst: str, kolom: str, keuzes, fouten: list[str]) -> str:
    """A choice by its value or its label, case-insensitive; the refusal names every allowed value."""
    zoek = tekst.strip().lower()
    for waarde, label in keuzes:
        if zoek in (waarde, label.lower()):
            return waarde
    waarden = [w for w, _ in keuzes]
    fouten.append(f"{kolom} ‘{tekst}’ bestaat niet; kies {', '.join(waarden[:-1])} of {waarden[-1]}")
    return ""


def _janee(tekst: str, kolom: str, standaard: bool, fouten: list[str]) -> bool:
    zoek = tekst.strip().lower()
    if not zoek:
        return standaard
    if zoek in JA:
        return True
    if zoek in NEE:
        return False
    fouten.append(f"{kolom} ‘{tekst}’ is geen ja of nee")
    return standaard


def _getal(tekst: str, kolom: str, fouten: list[str], *, maximum: int) -> int | None:
    tekst = tekst.strip()
    if not tekst:
        return None
    if not tekst.isascii() or not tekst.isdigit() or not 0 <= int(tekst) <= maximum:
        fouten.append(f"{kolom} ‘{tekst}’ is geen geheel getal van 0 tot en met {maximum}")
        return None
    return int(tekst)


def _ontleed(w: dict, kolommen: list[str], percelen: dict, fouten: list[str]) -> dict:
    """The row's values for the model, for the columns present; each problem appended to ``fouten`` in Dutch."""
    v: dict = {}
    for k in kolommen:
        if w.get(k, "").startswith("="):
            fouten.append(f"{k} begint met ‘=’: formules worden niet uitgevoerd; typ de waarde zelf")
    tekstvelden = {"code": 30, "titel": 200, "bron": 100, "tekst": None, "toelichting": None, "verklaring": None}
    for k, maximum in tekstvelden.items():
        if k in kolommen:
            v[k] = w.get(k, "").strip()
            if maximum and len(v[k]) > maximum:
                fouten.append(f"{k} is {len(v[k])} tekens lang; het maximum is {maximum}")
    for k in VERPLICHT[:2]:
        if not v.get(k):
            fouten.append(f"de {k} ontbreekt")
    if "soort" in kolommen:
        v["soort"] = _keuze(w["soort"], "soort", Eis.Soort.choices, fouten) if w["soort"] else ""
        if not w["soort"]:
            fouten.append("de soort ontbreekt; kies " + ", ".join(Eis.Soort.values))
    if "antwoordtype" in kolommen:
        v["antwoordtype"] = _keuze(w["antwoordtype"], "antwoordtype", Eis.Antwoordtype.choices, fouten) if w["antwoordtype"] else ""
        if not w["antwoordtype"]:
            fouten.append("het antwoordtype ontbreekt; kies " + ", ".join(Eis.Antwoordtype.values))
    for k, standaard in (("knock_out", True), ("verwacht_antwoord_ja", True), ("per_lid", False)):
        if k in kolommen:
            v[k] = _janee(w[k], k, standaard, fouten)
    if "max_woorden" in kolommen:
        v["max_woorden"] = _getal(w["max_woorden"], "max_woorden", fouten, maximum=100_000)
    if "max_leeftijd_maanden" in kolommen:
        v["max_leeftijd_maanden"] = _getal(w["max_leeftijd_maanden"], "max_leeftijd_maanden", fouten, maximum=600)
    if "documentsoort" in kolommen:
        v["documentsoort"] = _keuze(w["documentsoort"], "documentsoort", Documentsoort.choices, fouten) if w["documentsoort"] else ""
    if "toegestane_bestanden" in kolommen:
        soorten = [s.strip().lower() for s in w["toegestane_bestanden"].replace(";", ",").split(",") if s.strip()]
        onbekend = [s for s in soorten if s not in BESTANDSSOORTEN]
        if onbekend:
            fouten.append(f"toegestane_bestanden ‘{', '.join(onbekend)}’ bestaat niet; kies pdf, afbeelding of office")
        v["toegestane_bestanden"] = ",".join(s for s in BESTANDSSOORTEN if s in soorten) or "pdf"
    if "perceel" in kolommen:
        code = w["perceel"].strip()
        v["perceel"] = percelen.get(code) if code else None
        if code and v["perceel"] is None:
            fouten.append(f"perceel ‘{code}’ bestaat niet in deze procedure; kies "
                          f"{', '.join(sorted(percelen)) or 'geen (de procedure heeft geen percelen)'} of laat het leeg")
    if "volgorde" in kolommen:
        v["volgorde"] = _getal(w["volgorde"], "volgorde", fouten, maximum=1_000_000)
        if v["volgorde"] is None and not w["volgorde"].strip():
            v["volgorde"] = (int(w["rij"]) - 1) * 10  # the file's order
    return v


def _samenhang(v: dict, eis: Eis | None, fouten: list[str]) -> None:
    """Rules across columns, on the values the eis will have (the file's, else the current ones)."""
    def waarde(k, standaard=""):
        return v[k] if k in v else (getattr(eis, k) if eis is not None else standaard)

    antwoordtype = waarde("antwoordtype")
    if antwoordtype == Eis.Antwoordtype.DOCUMENT and not waarde("documentsoort"):
        fouten.append("bij antwoordtype document hoort een documentsoort; kies " + ", ".join(Documentsoort.values))
    if waarde("verklaring") and antwoordtype and antwoordtype != Eis.Antwoordtype.JA_NEE:
        fouten.append(f"een verklaring hoort alleen bij antwoordtype ja_nee, niet bij {antwoordtype}")


def _weergave(k: str, x) -> str:
    if x is None or x == "":
        return "–"
    if isinstance(x, bool):
        return "ja" if x else "nee"
    if k == "perceel":
        return x.code
    tekst = str(x)
    return tekst if len(tekst) <= 80 else tekst[:77] + "…"


def voorbeeld(aanbesteding: Aanbesteding, rijen: list[dict], kolommen: list[str]) -> Voorbeeld:
    """Per row: nieuw / gewijzigd (which columns, old → new) / ongewijzigd / fout (with the reasons). Reads only:
    one query for the percelen and one for the eisen in force."""
    percelen = {p.code: p for p in aanbesteding.percelen.all()}
    # Eisen in force: not withdrawn. A changed eis keeps its code in its new version (Eis.Meta eiscode_uniek).
    bestaand = {(e.perceel_id, e.code): e
                for e in aanbesteding.eisen.filter(ingetrokken_in__isnull=True).select_related("perceel")}
    regels, gezien = [], {}
    for w in rijen:
        regel = Regel(nummer=int(w["rij"]), waarden=w)
        v = _ontleed(w, kolommen, percelen, regel.fouten)
        perceel = v.get("perceel")
        sleutel = (perceel.pk if perceel else None, v.get("code", ""))
        if "perceel" in kolommen and w["perceel"].strip() and perceel is None:
            sleutel = None  # an unknown perceel: already an error, no match
        if sleutel and sleutel[1]:
            if sleutel in gezien:
                regel.fouten.append(f"dezelfde code en hetzelfde perceel staan ook op rij {gezien[sleutel]}")
            gezien.setdefault(sleutel, regel.nummer)
        regel.eis = bestaand.get(sleutel) if sleutel else None
        _samenhang(v, regel.eis, regel.fouten)
        regel.velden = v
        if regel.fouten:
            regel.uitkomst = Uitkomst.FOUT
        elif regel.eis is None:
            regel.uitkomst = Uitkomst.NIEUW
        else:
            regel.wijzigingen = [
                (k, _weergave(k, getattr(regel.eis, k)), _weergave(k, x)) for k, x in v.items() if getattr(regel.eis, k) != x
            ]
            regel.uitkomst = Uitkomst.GEWIJZIGD if regel.wijzigingen else Uitkomst.ONGEWIJZIGD
        regels.append(regel)
    bevroren = bevroren_melding(aanbesteding) if aanbesteding.eisen_zijn_bevroren() else ""
    return Voorbeeld(regels=regels, bevroren=bevroren)


# --- Import -----------------------------------------------------------------------------------------------


@transaction.atomic
def eisen_importeren(*, aanbesteding: Aanbesteding, rijen: list[dict], kolommen: list[str], door,
                     bestandsnaam: str = "", sha256: str = "") -> dict[str, int]:
    """Write the previewed rows in one transaction through ``eis_opslaan``, only when no row has an error (all or
    nothing, see the module docstring). The preview is recomputed against the database of this moment. Returns the
    counts per outcome; raises ValidationError (rows with errors, frozen eisen) or PermissionDenied."""
    if not mag_importeren(door, aanbesteding):
        raise PermissionDenied("U mag de eisen van deze procedure niet wijzigen.")
    aanbesteding = Aanbesteding.objects.select_for_update().get(pk=aanbesteding.pk)  # one import at a time
    kolommen = [k for k in KOLOMMEN if k in kolommen]
    vb = voorbeeld(aanbesteding, rijen, kolommen)
    if vb.fouten:
        nummers = ", ".join(str(r.nummer) for r in vb.fouten[:20])
        raise ValidationError(
            f"Er is niets geïmporteerd: {len(vb.fouten)} rij(en) bevatten fouten (rij {nummers}). "
            "Verbeter het bestand en upload het opnieuw.", code="fouten",
        )
    for regel in vb.te_schrijven:
        eis = regel.eis or Eis(aanbesteding=aanbesteding)
        for k, x in regel.velden.items():
            setattr(eis, k, x)
        # Refuses (and so rolls the whole import back) once the eisen are frozen: the message names the
        # rectificatie, the only way to change eisen from then on (ADR 0014).
        eis_opslaan(eis=eis, door=door)
    aantallen = vb.aantallen
    if vb.te_schrijven:
        audit("eisen.geimporteerd", aanbesteding, door=door, nieuw={
            "bestand": bestandsnaam, "sha256": sha256, "nieuw": aantallen[Uitkomst.NIEUW],
            "gewijzigd": aantallen[Uitkomst.GEWIJZIGD], "ongewijzigd": aantallen[Uitkomst.ONGEWIJZIGD],
        })
    return aantallen


# --- Template ---------------------------------------------------------------------------------------------

# Two real Gooi eisen (003 r.3006 and r.2996), so the template shows a document eis and a declaration.
VOORBEELDRIJEN = (
    {"code": "Eis 21", "titel": "Positief rapport van de Inspectie", "soort": "geschiktheidseis",
     "tekst": "Opdrachtnemer dient in het bezit te zijn van een positief rapport van de Inspectie Jeugdzorg. Een "
              "negatief resultaat leidt tot uitsluiting van de Inschrijving of Overeenkomst.",
     "bron": "003 r. 3006", "antwoordtype": "document", "knock_out": "ja", "documentsoort": "inspectierapport",
     "toegestane_bestanden": "pdf", "per_lid": "nee", "volgorde": "10"},
    {"code": "Eis 11", "titel": "Meldcode huiselijk geweld en kindermishandeling", "soort": "uitvoeringseis",
     "tekst": "Opdrachtnemer voldoet aan de Wet verplichte meldcode huiselijk geweld en kindermishandeling.",
     "bron": "003 r. 2996", "antwoordtype": "ja_nee", "knock_out": "ja", "verwacht_antwoord_ja": "ja",
     "verklaring": "Ik verklaar dat onze organisatie voldoet aan de Wet verplichte meldcode huiselijk geweld en "
                   "kindermishandeling.", "volgorde": "20"},
)


def sjabloon_csv() -> bytes:
    """The template as CSV: UTF-8 with BOM (so Excel reads the accents), separated by ';' (Dutch Excel)."""
    uit = io.StringIO()
    w = csv_writer(uit)
    w.writerow(KOLOMMEN)
    for rij in VOORBEELDRIJEN:
        w.writerow([rij.get(k, "") for k in KOLOMMEN])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def sjabloon_xlsx() -> bytes:
    """The template as XLSX: the columns with two example rows, and a sheet explaining every column."""
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.title = "Eisen"
    xlsx_rij(blad, KOLOMMEN)
    for rij in VOORBEELDRIJEN:
        xlsx_rij(blad, [rij.get(k, "") for k in KOLOMMEN])
    uitleg = boek.create_sheet("Toelichting")
    xlsx_rij(uitleg, ("Kolom", "Betekenis"))
    for k in KOLOMMEN:
        xlsx_rij(uitleg, (k, UITLEG[k]))
    xlsx_rij(uitleg, ("Formules", "Worden niet uitgevoerd: een cel die met = begint, wordt als fout gemeld."))
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
