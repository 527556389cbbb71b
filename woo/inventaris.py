"""The output of a Woo decision (003a r. 62-107): the inventarislijst (XLSX, CSV, sealed PDF) with its toelichting,
and the redacted PDF set, in one ZIP.

Columns as in 003: nr, document (the title starting with its date YYYYMMDD), datum, beoordeling (openbaar / deels
openbaar / niet openbaar / reeds openbaar), gronden (the normalised codes, ``gronden.GEEN_GROND`` when none).
Documents judged outside the request's scope are not part of the decision and left out of the list and the set.
Redaction is burnt in (core.lakken): the withheld text is gone from the PDF, a black bar with the code remains.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime

from core import lakken
from core.export import csv_bytes, xlsx_bytes
from core.kalender import TZ
from core.pdf import LETTERTYPE, PortaalPdf, echtheidsregel, pdf_tekst

from .gronden import gronden_tekst
from .models import Lakmarkering, Verzoekstuk, Woogrond

KOP = ["Nr.", "Document", "Datum", "Beoordeling", "Gronden"]
# What the export contains: a document judged outside the scope is no part of the decision.
IN_LIJST = (Verzoekstuk.Beoordeling.OPENBAAR, Verzoekstuk.Beoordeling.DEELS_OPENBAAR,
            Verzoekstuk.Beoordeling.NIET_OPENBAAR, Verzoekstuk.Beoordeling.REEDS_OPENBAAR)
# The documents whose (redacted) PDF goes into the set.
IN_SET = (Verzoekstuk.Beoordeling.OPENBAAR, Verzoekstuk.Beoordeling.DEELS_OPENBAAR)


@dataclass(frozen=True)
class Inventarisregel:
    nr: int
    document: str
    datum: str
    beoordeling: str
    gronden: str

    def als_rij(self) -> list:
        return [self.nr, self.document, self.datum, self.beoordeling, self.gronden]


def _stukken(verzoek) -> list[Verzoekstuk]:
    # The caller may pass prefetched stukken (woo.selectors.stukken_van); otherwise one query plus one for marks.
    from .selectors import stukken_van

    return [s for s in stukken_van(verzoek) if s.beoordeling in IN_LIJST]


def regels(verzoek, stukken: list[Verzoekstuk] | None = None) -> list[Inventarisregel]:
    """The rows of the inventarislijst in the order of their number."""
    stukken = _stukken(verzoek) if stukken is None else stukken
    uit = []
    for stuk in stukken:
        document = stuk.documentnaam
        if stuk.beoordeling == Verzoekstuk.Beoordeling.REEDS_OPENBAAR and stuk.vindplaats:
            document = f"{document} (vindplaats: {stuk.vindplaats})"
        uit.append(Inventarisregel(
            nr=stuk.volgnummer, document=document, datum=f"{stuk.datum:%d-%m-%Y}",
            beoordeling=stuk.get_beoordeling_display(),
            gronden=gronden_tekst(m.grond.code for m in _gronden_van(stuk)),
        ))
    return uit


def _gronden_van(stuk: Verzoekstuk) -> list[Lakmarkering]:
    """The marks whose ground the row prints: of a document withheld as a whole only the grounds it is withheld
    on (003a r. 79-82: the invoices show 5.1.2.b alone), otherwise every mark."""
    marks = list(stuk.markeringen.all())
    if stuk.beoordeling == Verzoekstuk.Beoordeling.NIET_OPENBAAR:
        return [m for m in marks if m.heel_document] or marks
    return marks


def gebruikte_gronden(stukken: list[Verzoekstuk]) -> list[Woogrond]:
    """Every ground used in the decision, once, in the order of the ground list."""
    gezien: dict[int, Woogrond] = {}
    for stuk in stukken:
        for m in _gronden_van(stuk):
            gezien.setdefault(m.grond_id, m.grond)
    return sorted(gezien.values(), key=lambda g: (g.volgorde, g.code))


def toelichting(stukken: list[Verzoekstuk]) -> list[tuple[str, str]]:
    """The "toelichting op de inventarislijst" (003a r. 85-107): per ground used, its code with article and the
    explanation; and what the sign for "no ground" means."""
    regels_ = [(g.code, f"{g.artikel}: {g.omschrijving}. {g.toelichting}".strip()) for g in gebruikte_gronden(stukken)]
    regels_.append(("–", "Geen uitzonderingsgrond: het document is zonder weglakkingen openbaar."))
    return regels_


def xlsx(verzoek, stukken=None) -> bytes:
    stukken = _stukken(verzoek) if stukken is None else stukken
    return xlsx_bytes([
        ("Inventarislijst", KOP, [r.als_rij() for r in regels(verzoek, stukken)]),
        ("Toelichting", ["Grond", "Toelichting"], toelichting(stukken)),
    ])


def csv(verzoek, stukken=None) -> bytes:
    stukken = _stukken(verzoek) if stukken is None else stukken
    return csv_bytes(KOP, [r.als_rij() for r in regels(verzoek, stukken)])


def pdf(verzoek, stukken=None) -> bytes:
    """The inventarislijst with its toelichting as a PDF (unsealed: woo.tasks seals it as a legal document)."""
    stukken = _stukken(verzoek) if stukken is None else stukken
    doc = PortaalPdf()
    doc.set_creation_date(datetime.combine(verzoek.besluitdatum or verzoek.ontvangen_op, datetime.min.time(), TZ))
    doc.add_page()
    doc.set_font(LETTERTYPE, "B", 14)
    doc.multi_cell(0, 8, pdf_tekst(f"Inventarislijst Woo-verzoek {verzoek.kenmerk}"), new_x="LMARGIN", new_y="NEXT")
    doc.set_font(LETTERTYPE, "", 10)
    doc.multi_cell(0, 6, pdf_tekst(f"{verzoek.aanbesteding.titel} – onderwerp: {verzoek.onderwerp}"),
                   new_x="LMARGIN", new_y="NEXT")
    if verzoek.besluitdatum:
        doc.multi_cell(0, 6, pdf_tekst(f"Besluit van {verzoek.besluitdatum:%d-%m-%Y}"), new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    with doc.table(col_widths=(10, 85, 25, 30, 30), text_align="LEFT", line_height=5) as tabel:
        kop = tabel.row()
        for k in KOP:
            kop.cell(k)
        for r in regels(verzoek, stukken):
            rij = tabel.row()
            for waarde in r.als_rij():
                rij.cell(pdf_tekst(str(waarde)))
    doc.ln(5)
    doc.set_font(LETTERTYPE, "B", 12)
    doc.multi_cell(0, 7, "Toelichting op de inventarislijst", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(LETTERTYPE, "", 10)
    for code, tekst in toelichting(stukken):
        doc.multi_cell(0, 5, pdf_tekst(f"{code}: {tekst}"), new_x="LMARGIN", new_y="NEXT")
        doc.ln(1)
    doc.ln(3)
    doc.set_font(LETTERTYPE, "I", 8)
    doc.multi_cell(0, 4, pdf_tekst(echtheidsregel()), new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def lakmarkeringen(markeringen) -> list[lakken.Lakmarkering]:
    """The marks of one document in core.lakken's terms (pagina 0 = every page)."""
    return [lakken.Lakmarkering(grond=m.grond.code, tekst=m.tekst, pagina=m.pagina or None) for m in markeringen]


# On every page of a redacted copy. The copy is a new file without the original's seal, while the sealed letter's
# own text still says how to check its seal: a reader must not take the copy for the sealed original.
KOPIEVERMELDING = ("Gelakte kopie voor openbaarmaking (Woo). Niet verzegeld: alleen het origineel draagt het zegel "
                   "van het inkoopbureau.")


def gelakt(pdf_bytes: bytes, markeringen: list[lakken.Lakmarkering]) -> bytes:
    """``pdf_bytes`` with ``markeringen`` (core.lakken's) burnt in and the copy marked as such on every page; a
    document withheld as a whole is the one-page notice, which claims no seal and stays as it is."""
    gelakte = lakken.weglakken(pdf_bytes, markeringen)
    if any(m.hele_document for m in markeringen):
        return gelakte
    return lakken.met_vermelding(gelakte, KOPIEVERMELDING)


def geredigeerd(pdf_bytes: bytes, markeringen) -> bytes:
    """``pdf_bytes`` with ``markeringen`` burnt in; without marks the document as it is."""
    markeringen = list(markeringen)
    if not markeringen:
        return pdf_bytes
    return gelakt(pdf_bytes, lakmarkeringen(markeringen))


def bestandsnaam(stuk: Verzoekstuk) -> str:
    """"<nr>-<YYYYMMDD>-<titel>.pdf" with a title safe on every file system."""
    titel = re.sub(r"[^A-Za-z0-9À-ÿ._ -]+", "", stuk.titel).strip().replace(" ", "-")[:80] or "document"
    return f"{stuk.volgnummer}-{stuk.datum:%Y%m%d}-{titel}.pdf"


def zip_bytes(verzoek, stukken: list[Verzoekstuk], pdfs: dict[str, bytes], inventaris_pdf: bytes) -> bytes:
    """The export: each (partly) public document redacted, and the inventarislijst as PDF, XLSX and CSV.
    ``pdfs`` maps a ``sleutel`` to the document's bytes as issued. Fixed timestamps: the same decision gives the
    same ZIP."""
    uit = io.BytesIO()
    moment = (verzoek.besluitdatum or verzoek.ontvangen_op).timetuple()[:6]
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as z:
        def schrijf(naam: str, inhoud: bytes) -> None:
            z.writestr(zipfile.ZipInfo(naam, date_time=moment), inhoud)

        for stuk in stukken:
            if stuk.beoordeling in IN_SET:
                markeringen: list[Lakmarkering] = list(stuk.markeringen.all())
                schrijf(bestandsnaam(stuk), geredigeerd(pdfs[stuk.sleutel], markeringen))
        schrijf(f"inventarislijst-{_veilig(verzoek.kenmerk)}.pdf", inventaris_pdf)
        schrijf(f"inventarislijst-{_veilig(verzoek.kenmerk)}.xlsx", xlsx(verzoek, stukken))
        schrijf(f"inventarislijst-{_veilig(verzoek.kenmerk)}.csv", csv(verzoek, stukken))
    return uit.getvalue()


def _veilig(tekst: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", tekst).strip("-") or "verzoek"
