"""The public register of contracted providers, read from overeenkomst (issue 3; DOMAIN.md step 6: main
contractors and subcontractors on separate tabs, as the ROB site publishes them). Paged in SQL (issue 15):
overeenkomst.selectors.registerlijst counts and slices, this module formats only the lines it is given."""

from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from aanbesteding.models import DeelnemendeGemeente
from overeenkomst.selectors import (
    HOOFDAANNEMER,
    ONDERAANNEMER,
    SPECIALISTISCH,
    registerjaren,
    registerlijst,
    registerwijzigingen_van,
    standaardjaar,
)

VELDEN = [
    "soort", "naam", "vestigingsplaats", "agb_code", "kvk_nummer", "hoofdaannemer", "percelen", "productcodes",
    "producten", "startdatum", "einddatum", "status", "contact_email", "contact_telefoon", "jaar",
]
PER_PAGINA = 50
# 000 r.25-31: the ROB overview has tabs for the main contractors, the subcontractors and Specialistische
# jeugdhulp "met groepsomvang en vestigingsplaatsen van verblijfslocaties".
TABS = (("hoofdaannemers", "Hoofdaannemers", HOOFDAANNEMER), ("onderaannemers", "Onderaannemers", ONDERAANNEMER),
        ("specialistisch", "Specialistische jeugdhulp (verblijf)", SPECIALISTISCH))


def jaar_uit(waarde, aanbesteding) -> int:
    """The ?jaar= of a register request: a year (2000-2100) or, when empty, ``standaardjaar``. ValueError with a
    Dutch message otherwise."""
    if waarde in (None, ""):
        return standaardjaar(aanbesteding)
    try:
        jaar = int(str(waarde).strip())
    except ValueError:
        jaar = 0
    if not 2000 <= jaar <= 2100:
        raise ValueError("jaar is een jaartal, bijv. 2025.")
    return jaar


def jaren(aanbesteding) -> list[int]:
    """The years with a link on the register page."""
    return registerjaren(aanbesteding)


def producten_tekst(regel) -> str:
    """Every product of a line with its restrictions, for the CSV: "43A52 (12 t/m 17 jaar; locatie Nijmegen
    (groep van 8)) | 43A56"."""
    delen = []
    for perceel in regel.percelen:
        for p in perceel.producten:
            beperking = p.beperking_tekst
            delen.append(f"{p.code} ({beperking})" if beperking else p.code)
    return " | ".join(delen)


def als_dict(regel, jaar: int | None = None) -> dict:
    """A register line as the CSV and the API give it (``soort`` is the line's role)."""
    return {
        "soort": regel.rol,
        "naam": regel.naam,
        "vestigingsplaats": regel.vestigingsplaats,
        "agb_code": regel.agb_code,
        "kvk_nummer": regel.kvk_nummer,
        "hoofdaannemer": regel.hoofdaannemer or "",
        "percelen": " ".join(p.code for p in regel.percelen),
        "productcodes": " ".join(regel.productcodes),
        "startdatum": regel.startdatum.isoformat() if regel.startdatum else "",
        "einddatum": regel.einddatum.isoformat() if regel.einddatum else "",
        "status": regel.status_label,
        "producten": producten_tekst(regel),
        "contact_email": regel.contact_email,
        "contact_telefoon": regel.contact_telefoon,
        "jaar": jaar or "",
    }


class _Regel:
    """A register line with its display texts computed once (a line with ~50 product codes would otherwise cost
    the template hundreds of lookups and escapes)."""

    def __init__(self, regel):
        self._regel = regel
        self.percelen_tekst = ", ".join(
            p.code if p.status == "actief" else f"{p.code} ({p.status_label})" for p in regel.percelen
        )
        self.productcodes_tekst = ", ".join(regel.productcodes)
        # Products with a restriction (issue 19): shown on their own line under the codes.
        self.beperkingen = [
            f"{p.code}: {p.beperking_tekst}" for perceel in regel.percelen for p in perceel.producten if p.beperking_tekst
        ]

    def __getattr__(self, naam):
        return getattr(self._regel, naam)


class PaginaBestaatNiet(Exception):
    """A page number beyond the register (or not a number); the message is Dutch and fit for the visitor."""

    def __init__(self, melding: str, aantal_paginas: int):
        super().__init__(melding)
        self.aantal_paginas = aantal_paginas


@dataclass
class Registerpagina:
    tab: str
    aantallen: dict  # tab code -> number of lines under the filters
    pagina: object  # django.core.paginator.Page of _Regel
    rijen: list


def registerpagina(aanbesteding, *, tab: str, pagina, zoek: str = "", gemeente: str = "", productcode: str = "",
                   jaar: int | None = None, per_pagina: int = PER_PAGINA) -> Registerpagina:
    """One page of one tab of the register under the filters, as it stood in ``jaar``: a COUNT query per tab
    and the queries of the page's lines, whatever the number of providers. ``PaginaBestaatNiet`` for a page
    beyond the end."""
    lijst = registerlijst(aanbesteding, zoek=zoek or None, gemeente=gemeente or None, productcode=productcode or None,
                          jaar=jaar)
    soort = {code: soort for code, _, soort in TABS}[tab]
    aantallen = {code: lijst.aantal(s) for code, _, s in TABS}
    paginator = Paginator(lijst.van_soort(soort), per_pagina)
    try:
        pagina_ = paginator.page(pagina)
    except PageNotAnInteger as fout:
        raise PaginaBestaatNiet("Het paginanummer is geen getal.", paginator.num_pages) from fout
    except EmptyPage as fout:
        paginas = "1 pagina" if paginator.num_pages == 1 else f"{paginator.num_pages} pagina's"
        raise PaginaBestaatNiet(f"Pagina {pagina} bestaat niet: dit overzicht heeft {paginas}.", paginator.num_pages) from fout
    return Registerpagina(tab, aantallen, pagina_, [_Regel(r) for r in pagina_.object_list])


def register_export(aanbesteding, *, zoek: str = "", gemeente: str = "", productcode: str = "", jaar: int | None = None):
    """Every line of the register under the filters (as it stood in ``jaar``) as CSV dicts, main contractors
    first: read from the database in chunks while the download streams."""
    lijst = registerlijst(aanbesteding, zoek=zoek or None, gemeente=gemeente or None, productcode=productcode or None,
                          jaar=jaar)
    return (als_dict(r, jaar) for r in lijst)


def gemeenten(aanbesteding) -> list[str]:
    """Names of the participating municipalities, for the municipality filter."""
    return sorted(set(
        DeelnemendeGemeente.objects.filter(aanbesteding=aanbesteding).values_list("gemeente__naam", flat=True)
    ))


def wijzigingen(aanbesteding) -> list:
    """The register's change history: name and address changes of its contracted providers (issue 11)."""
    return registerwijzigingen_van(aanbesteding)
