"""Generated PDFs of the inschrijving app (fpdf2, core font Helvetica): the receipt and the proces-verbaal
van opening, both sealed by the task that makes them (core.zegel, ADR 0015)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from core.kalender import TZ
from core.pdf import PortaalPdf, echtheidsregel
from core.pdf import pdf_tekst as _t


def _tijd(waarde) -> str:
    if isinstance(waarde, str):
        waarde = datetime.fromisoformat(waarde)
    return f"{waarde.astimezone(TZ):%d-%m-%Y %H:%M:%S}"


class _Pdf(PortaalPdf):
    def __init__(self, kop: str):
        super().__init__()
        self.kop = kop
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(_t(kop))
        self.set_creator("Open House portaal")

    def header(self):
        self.set_font("helvetica", "B", 9)
        self.cell(0, 6, _t(f"Open House portaal - {self.kop}"), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-14)
        self.set_font("helvetica", "", 8)
        self.cell(0, 4, f"Pagina {self.page_no()}/{{nb}}", align="C", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, _t(echtheidsregel()), align="C")

    def titel(self, tekst):
        self.set_font("helvetica", "B", 14)
        self.multi_cell(0, 7, _t(tekst), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def kopje(self, tekst):
        self.ln(2)
        self.set_font("helvetica", "B", 11)
        self.multi_cell(0, 6, _t(tekst), new_x="LMARGIN", new_y="NEXT")

    def regel(self, label, waarde=""):
        self.set_font("helvetica", "B", 9)
        self.cell(45, 5, _t(label))
        self.set_font("helvetica", "", 9)
        self.multi_cell(0, 5, _t(waarde), new_x="LMARGIN", new_y="NEXT")

    def tekst(self, tekst, grootte=9):
        self.set_font("helvetica", "", grootte)
        self.multi_cell(0, 5, _t(tekst), new_x="LMARGIN", new_y="NEXT")


def inhoud_sha256(inhoud: dict) -> str:
    """The sha256 of the frozen answers (canonical JSON: sorted keys, no spaces), printed on the receipt and in the
    proces-verbaal van opening: whoever holds ``bevroren_inhoud`` can recompute it (issue 18)."""
    tekst = json.dumps(inhoud or {}, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(tekst.encode()).hexdigest()


def ontvangstbewijs(inhoud: dict) -> bytes:
    """The receipt: every answer and every file with its sha256, and the submission time (issue 4)."""
    pdf = _Pdf("Ontvangstbewijs inschrijving")
    pdf.add_page()
    pdf.titel("Ontvangstbewijs van uw inschrijving")
    a = inhoud["aanbesteding"]
    pdf.regel("Aanbesteding", f"{a['titel']}" + (f" ({a['dossiernummer']})" if a.get("dossiernummer") else ""))
    pdf.regel("Toetredingsmoment", inhoud.get("toetredingsmoment") or "-")
    pdf.regel("Inschrijver", f"{inhoud['organisatie']['naam']} (KvK {inhoud['organisatie']['kvk']})")
    pdf.regel("Ingediend op", f"{_tijd(inhoud['ingediend_op'])} (Europe/Amsterdam)")
    pdf.regel("Vorm", "Combinatie (penvoerder)" if inhoud.get("vorm") == "combinatie" else "Zelfstandig")
    pdf.regel("Percelen", "; ".join(
        f"{p['code']} {p['naam']}" + (" (wachtlijst)" if p.get("op_wachtlijst") else "") for p in inhoud["percelen"]
    ) or "-")
    if inhoud.get("leden"):
        pdf.kopje("Combinanten en onderaannemers")
        for lid in inhoud["leden"]:
            pdf.tekst(f"{lid['naam']} - KvK {lid['kvk']} - {lid['rol']}" + (f" - {lid['plaats']}" if lid.get("plaats") else ""))
    pdf.kopje("Antwoorden")
    for r in inhoud["antwoorden"]:
        wie = f" - {r['lid']['naam']}" if r.get("lid") else ""
        perceel = f" [perceel {r['perceel']}]" if r.get("perceel") else ""
        pdf.set_font("helvetica", "B", 9)
        # The provider's receipt names the eis by the title it answered, not the internal code (issue 12); a record
        # frozen before titles existed still has only the code.
        pdf.multi_cell(0, 5, _t(f"{r.get('titel') or r['eis']}{perceel}{wie}"), new_x="LMARGIN", new_y="NEXT")
        if r.get("verklaring"):
            pdf.tekst(f"{'Verklaard' if r['verklaard'] else 'Niet verklaard'}: {r['verklaring']}")
        elif r.get("ja_nee") is not None:
            pdf.tekst(f"Antwoord: {'ja' if r['ja_nee'] else 'nee'}")
        if r.get("getal") is not None:
            pdf.tekst(f"Antwoord: {r['getal']}")
        if r.get("tekst"):
            pdf.tekst(r["tekst"])
        for b in r.get("bestanden", []):
            pdf.set_font("courier", "", 7)
            pdf.multi_cell(0, 4, _t(f"{b['naam']} ({b['grootte']} bytes, afgegeven {b['afgiftedatum']})\nsha256 {b['sha256']}"),
                           new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.kopje("Vingerafdruk van de ingediende antwoorden")
    pdf.set_font("courier", "", 7)
    pdf.multi_cell(0, 4, f"sha256 {inhoud_sha256(inhoud)}", new_x="LMARGIN", new_y="NEXT")
    pdf.kopje("Verklaring")
    pdf.tekst(
        "Dit ontvangstbewijs is automatisch opgemaakt bij de indiening en verzegeld door het bureau. De "
        "sha256-waarden identificeren de ingediende bestanden en antwoorden: een bestand met dezelfde waarde is bit "
        "voor bit hetzelfde bestand. " + echtheidsregel() + "."
    )
    return bytes(pdf.output())


def proces_verbaal_opening(*, aanbesteding, moment, inschrijvingen, onregelmatigheden: list[str], opgemaakt_op,
                           ontvangstbewijzen: dict[int, str] | None = None) -> bytes:
    """The proces-verbaal van opening: procedure, moment, each submitter with date and time, irregularities
    (modelled on the processen-verbaal in 003 r. 4968-4978)."""
    pdf = _Pdf("Proces-verbaal van opening")
    pdf.add_page()
    pdf.titel("Proces-verbaal van opening")
    pdf.regel("Aanbesteding", str(aanbesteding))
    pdf.regel("Toetredingsmoment", moment.naam)
    pdf.regel("Sluitingstermijn", _tijd(moment.sluit_op))
    pdf.regel("Geopend op", _tijd(opgemaakt_op))
    pdf.regel("Aantal inschrijvingen", str(len(inschrijvingen)))
    pdf.kopje("Ontvangen inschrijvingen")
    if not inschrijvingen:
        pdf.tekst("Er zijn geen inschrijvingen ontvangen.")
    for nr, i in enumerate(inschrijvingen, 1):
        percelen = ", ".join(p["code"] for p in (i.bevroren_inhoud or {}).get("percelen", []))
        pdf.tekst(f"{nr}. {i.organisatie.naam} (KvK {i.organisatie.kvk_nummer}) - ingediend op {_tijd(i.ingediend_op)}"
                  + (f" - percelen {percelen}" if percelen else ""))
        # The receipt the provider holds and the answers it covers, so the PV and the receipt can be matched
        # byte for byte (issue 18).
        bewijs = ontvangstbewijzen.get(i.pk) if ontvangstbewijzen else None
        pdf.set_font("courier", "", 7)
        pdf.multi_cell(0, 4, (f"ontvangstbewijs sha256 {bewijs}" if bewijs else "ontvangstbewijs nog niet opgemaakt")
                       + f"\nantwoorden sha256 {inhoud_sha256(i.bevroren_inhoud)}", new_x="LMARGIN", new_y="NEXT")
    pdf.kopje("Onregelmatigheden")
    if onregelmatigheden:
        for o in onregelmatigheden:
            pdf.tekst(f"- {o}")
    else:
        pdf.tekst("Geen.")
    pdf.kopje("Verklaring")
    pdf.tekst(
        "De inschrijvingen waren tot de sluitingstermijn verzegeld; niemand van de opdrachtgever kon de inhoud "
        "inzien. Dit proces-verbaal is na de sluitingstermijn automatisch opgemaakt en verzegeld door het bureau. "
        + echtheidsregel() + "."
    )
    return bytes(pdf.output())
