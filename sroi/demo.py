"""Demo data for SROI: the sources' regimes on the demo procedures, and per demo agreement some turnover,
activities (with anonymised codes), a plan and the reports that are due. Idempotent."""

from datetime import date
from decimal import Decimal as D

from django.core.files.uploadedfile import SimpleUploadedFile

from aanbesteding.models import Aanbesteding
from core import kalender
from organisaties.models import Lidmaatschap

from . import bron, services
from .models import Doelgroep, SroiActiviteit, SroiPlan, Waarderingsregel


def _plan_pdf(titel: str) -> bytes:
    from core.pdf import PortaalPdf, pdf_tekst

    pdf = PortaalPdf()
    pdf.set_font("helvetica", size=11)
    for pagina in (1, 2):
        pdf.add_page()
        tekst = (f"{titel} - plan van aanpak maatschappelijke waarde, pagina {pagina}. "
                 "Wij bieden een BBL-plek en een werkplek voor een kandidaat uit de WWB, en besteden "
                 "schoonmaakwerk uit aan het SW-bedrijf. ") * 6
        pdf.multi_cell(w=0, text=pdf_tekst(tekst))
    return bytes(pdf.output())


def _activiteiten(code: str, jaar: int):
    """(regelcode, doelgroepcode, referentie, omschrijving, start, velden) per source, in the year ``jaar``."""
    if code == "mlo":
        return [
            ("a1", "langdurig_werkloos", f"K-{jaar}-001", "Medewerker facilitair, dienstverband", date(jaar, 2, 1),
             {"einddatum": date(jaar, 12, 31), "brutoloon": D("24500.00")}),
            ("b1", "scholieren", f"S-{jaar}-014", "Twee snuffelstages groepswerk", date(jaar, 3, 12), {"aantal": D("2")}),
            ("b4", "scholieren", f"S-{jaar}-015", "BPV-plek MBO Pedagogisch werk", date(jaar, 9, 1),
             {"einddatum": date(jaar, 12, 31), "maanden": D("4")}),
            ("c1", None, "", "Catering via Risse", date(jaar, 5, 6), {"bedrag": D("3450.00")}),
            ("d1", "scholieren", "", "Gastles jeugdzorg op het Connect College", date(jaar, 10, 8), {"aantal": D("3")}),
        ]
    return [
        ("wwb-lt2", "wwb", f"G-{jaar}-003", "Medewerker huishouding, 24 uur per week", date(jaar, 1, 1),
         {"einddatum": date(jaar, 6, 30), "uren_per_week": D("24"), "maanden": D("6")}),
        ("bbl", "bbl-bol-leerling", f"G-{jaar}-004", "BBL-leerling Maatschappelijke zorg", date(jaar, 2, 1),
         {"einddatum": date(jaar, 12, 31), "uren_per_week": D("32"), "maanden": D("11")}),
        ("mvo", None, "", "Vrijwillige inzet bij de voedselbank", date(jaar, 4, 15), {"aantal": D("16")}),
    ]


def laad(stdout):
    for code in bron.BRONCODES:
        aanbesteding = Aanbesteding.objects.filter(dossiernummer=bron.procedurecode(code)).first()
        if aanbesteding is None:
            stdout.write(f"  sroi: geen procedure {bron.procedurecode(code)}; regime {code} niet geladen")
            continue
        services.regime_laden(aanbesteding=aanbesteding,
                              bron=bron.laaddata(code, geldig_vanaf=aanbesteding.looptijd_start))
        vandaag = kalender.vandaag()
        for ovk in aanbesteding.overeenkomsten.select_related("organisatie")[:3]:
            lid = Lidmaatschap.objects.filter(organisatie=ovk.organisatie).select_related("user").first()
            if lid is None:
                continue
            jaar = min(max(ovk.startdatum.year, vandaag.year - 1), aanbesteding.looptijd_einde.year)
            for j, omzet in ((jaar - 1, D("412000.00")), (jaar, D("438500.00"))):
                if j >= ovk.startdatum.year - 1 and not ovk.sroi_omzetten.filter(jaar=j).exists():
                    services.omzet_vastleggen(overeenkomst=ovk, jaar=j, omzet=omzet, door=lid.user)
            for regelcode, doelgroepcode, ref, omschrijving, start, velden in _activiteiten(code, jaar):
                if start < ovk.startdatum or SroiActiviteit.objects.filter(overeenkomst=ovk, omschrijving=omschrijving,
                                                                           startdatum=start).exists():
                    continue
                regel = Waarderingsregel.objects.filter(tabel__aanbesteding=aanbesteding, code=regelcode).first()
                doelgroep = Doelgroep.objects.filter(aanbesteding=aanbesteding, code=doelgroepcode).first()
                services.activiteit_registreren(overeenkomst=ovk, regel=regel, door=lid.user, doelgroep=doelgroep,
                                                persoon_referentie=ref, omschrijving=omschrijving, startdatum=start,
                                                **velden)
            if not SroiPlan.objects.filter(overeenkomst=ovk).exists():
                services.plan_indienen(overeenkomst=ovk, door=lid.user,
                                       bestand=SimpleUploadedFile("plan-van-aanpak.pdf", _plan_pdf(ovk.organisatie.naam)))
            services.rapportages_bijwerken(ovk)
        stdout.write(f"  sroi: regime {code} op {aanbesteding}")
