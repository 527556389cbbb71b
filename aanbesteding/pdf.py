"""Generated PDF of a Nota van Inlichtingen (fpdf2, DejaVu embedded); sealed by ``tasks.nvi_pdf_maken``."""

from django.utils import timezone

from core.pdf import PortaalPdf, echtheidsregel
from core.pdf import pdf_tekst as _latin1


class _NviPdf(PortaalPdf):
    def footer(self):
        # The NvI is sealed (issue 18, ADR 0015): every page says where to check it.
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, _latin1(f"{echtheidsregel()} - pagina {self.page_no()}/{{nb}}"), align="C")


def nvi_pdf(nvi, vragen) -> bytes:
    """The NvI as PDF: number, date, procedure, introduction and the anonymised questions with answers."""
    pdf = _NviPdf()
    pdf.set_title(_latin1(str(nvi)))
    pdf.set_author("Open House portaal")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    breedte = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(breedte, 8, _latin1(f"Nota van Inlichtingen {nvi.nummer}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    aanbesteding = nvi.aanbesteding
    kop = aanbesteding.titel + (f" (dossier {aanbesteding.dossiernummer})" if aanbesteding.dossiernummer else "")
    pdf.multi_cell(breedte, 6, _latin1(kop), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(
        breedte, 6, _latin1(f"Gepubliceerd op {timezone.localtime(nvi.gepubliceerd_op):%d-%m-%Y}"),
        new_x="LMARGIN", new_y="NEXT",
    )
    pdf.ln(4)
    if nvi.inleiding:
        pdf.multi_cell(breedte, 6, _latin1(nvi.inleiding), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.multi_cell(
        breedte, 6,
        _latin1("De vragen zijn geanonimiseerd. De antwoorden maken deel uit van de aanbestedingsstukken en zijn bindend."),
        new_x="LMARGIN", new_y="NEXT",
    )
    for vraag in vragen:
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 11)
        betreft = []
        if vraag.perceel_id:
            betreft.append(f"perceel {vraag.perceel.code}")
        if vraag.document_id:
            betreft.append(vraag.document.titel)
        suffix = f" ({', '.join(betreft)})" if betreft else ""
        pdf.multi_cell(breedte, 6, _latin1(f"Vraag {vraag.volgnummer}{suffix}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(breedte, 6, _latin1(vraag.vraag_publiek), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(breedte, 6, "Antwoord", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(breedte, 6, _latin1(vraag.antwoord), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
