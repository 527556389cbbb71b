"""Generated PDF of a Nota van Inlichtingen (fpdf2, DejaVu embedded); sealed by ``tasks.nvi_pdf_maken``."""

from django.utils import timezone

from core.dossier import dag
from core.geld import formatteer_euro
from core.pdf import PortaalPdf, echtheidsregel, eenvoudige_pdf
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


# --- the dossier documents the portal keeps as text only (issue 16, Woo) --------------------------------------
# Rendered on demand with the plain house layout (core.pdf.eenvoudige_pdf: fixed creation date, so the same record
# gives the same bytes and the same sha256 in every Woo export). They show what the public procedure page shows.


def _procedurekop(aanbesteding) -> str:
    return aanbesteding.titel + (f" (dossier {aanbesteding.dossiernummer})" if aanbesteding.dossiernummer else "")


def aankondiging_pdf(aanbesteding, percelen, momenten) -> bytes:
    """The notice of the procedure as published on its public page: who buys, the term, how providers join, the
    percelen and the toetredingsmomenten (DOMAIN.md 'Publish')."""
    regels = [
        f"Opdrachtgever: {aanbesteding.opdrachtgever.naam}",
        f"Looptijd: {aanbesteding.looptijd_start:%d-%m-%Y} tot en met {aanbesteding.looptijd_einde:%d-%m-%Y}",
        f"Toetreding: {aanbesteding.get_toetreding_display()}",
    ]
    if aanbesteding.verlenging_jaren and aanbesteding.verlenging_max_keren:
        regels.append(f"Verlenging: {aanbesteding.verlenging_max_keren} keer met {aanbesteding.verlenging_jaren} jaar")
    if aanbesteding.vragen_tot:
        regels.append(f"Vragen stellen tot: {timezone.localtime(aanbesteding.vragen_tot):%d-%m-%Y %H:%M}")
    if aanbesteding.samenvatting:
        regels += ["", aanbesteding.samenvatting]
    if percelen:
        regels += ["", "Percelen:"] + [f"- {p.code} {p.naam}" for p in percelen]
    if momenten:
        regels += ["", "Toetredingsmomenten:"] + [f"- {m}" for m in momenten]
    return eenvoudige_pdf(f"Aankondiging: {_procedurekop(aanbesteding)}", regels)


def rectificatie_pdf(rectificatie, wijzigingen: dict[str, list[str]]) -> bytes:
    """A published rectificatie of the eisen (ADR 0014): its number, date, reason and the eisen it adds, changes
    and withdraws, as the notice on the procedure page."""
    regels = [
        _procedurekop(rectificatie.aanbesteding),
        f"Gepubliceerd op {dag(rectificatie.gepubliceerd_op):%d-%m-%Y}",
        "",
        f"Reden: {rectificatie.reden}",
    ]
    for sleutel, kop in (("toegevoegd", "Nieuwe eisen"), ("gewijzigd", "Gewijzigde eisen"), ("ingetrokken", "Ingetrokken eisen")):
        if wijzigingen.get(sleutel):
            regels.append(f"{kop}: {', '.join(wijzigingen[sleutel])}")
    return eenvoudige_pdf(f"Rectificatie {rectificatie.nummer} van de eisen", regels)


def procedurewijziging_pdf(wijziging) -> bytes:
    """One entry of the public change log of a procedure (issue 3)."""
    return eenvoudige_pdf(
        f"Wijziging van de procedure: {wijziging.get_soort_display()}",
        [_procedurekop(wijziging.aanbesteding), f"Datum: {timezone.localtime(wijziging.datum):%d-%m-%Y}", "",
         wijziging.omschrijving],
    )


def productenboek_pdf(aanbesteding, jaar: int, groepen) -> bytes:
    """The product book of one year as the public productenboek page shows it (issue 19): per perceel each product
    with its code, unit and general tariffs. Tariffs agreed with one provider are not in it (ADR 0023: shown only
    to that provider). ``groepen``: selectors.productenboek(aanbesteding, jaar)."""
    regels = [_procedurekop(aanbesteding)]
    for groep in groepen:
        regels += ["", f"Perceel {groep.perceel.code} {groep.perceel.naam}"]
        for regel in groep.producten:
            p = regel.product
            tarieven = "; ".join(
                f"{t.intensiteit_naam + ' ' if t.intensiteit else ''}{formatteer_euro(t.bedrag)}" for t in regel.tarieven
                if t.bedrag is not None
            )
            regels.append(f"- {p.code} {p.naam} (per {p.get_eenheid_display()})" + (f": {tarieven}" if tarieven else ""))
    return eenvoudige_pdf(f"Productenboek {jaar}", regels)
