"""Generated PDFs: the decision letter (besluitbrief) and the proces-verbaal van beoordeling (fpdf2, core fonts).

The letter never names assessors or shows individual verdicts: only the outcome per perceel and the reasons
from the chair's consensus (issue 5, permissions). The proces-verbaal is staff-only and records everything
(003b r. 4988-5008: "Proces-verbaal van beoordeling", status per inschrijving).
"""

from __future__ import annotations

from django.utils import timezone
from fpdf.enums import XPos, YPos

from core import kalender
from core.pdf import PortaalPdf, echtheidsregel
from core.pdf import pdf_tekst as _t

from .models import STANDAARD_RECHTSMIDDEL, STAPPEN, Besluit, BesluitPerceel, Toetsingsinstelling, Toewijzing

STANDAARD_ONDERTEKENING = Toetsingsinstelling._meta.get_field("ondertekening").default


def _datum(d) -> str:
    if d is None:
        return "-"
    if hasattr(d, "tzinfo"):
        d = timezone.localtime(d) if getattr(d, "tzinfo", None) else d
    return d.strftime("%d-%m-%Y")


def _tijd(d) -> str:
    return f"{d.astimezone(kalender.TZ):%d-%m-%Y %H:%M}" if d is not None else "-"


class _Pdf(PortaalPdf):
    def __init__(self, voettekst: str, *, verzegeld: bool = False):
        super().__init__(format="A4")
        self.voettekst = voettekst
        self.verzegeld = verzegeld
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(20, 18, 20)

    def footer(self):
        self.set_y(-14 if self.verzegeld else -12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, _t(f"{self.voettekst} - pagina {self.page_no()}/{{nb}}"), align="C",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.verzegeld:  # a sealed document says where to check it (issue 18, ADR 0015)
            self.cell(0, 4, _t(echtheidsregel()), align="C")

    def regel(self, tekst, *, grootte=10, stijl="", hoogte=5):
        self.set_font("Helvetica", stijl, grootte)
        self.multi_cell(0, hoogte, _t(tekst), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def kop(self, tekst, grootte=12):
        self.ln(2)
        self.regel(tekst, grootte=grootte, stijl="B", hoogte=6)


def briefteksten(aanbesteding, instelling: Toetsingsinstelling | None = None) -> dict[str, str]:
    """The texts of a letter or mail of this procedure, from the most specific source that has one (issue 17):
    the procedure's own settings (when changed from the default), then its region (``Regio``: bureau, postal
    address, contact, signature, legal remedies), then the portal's default text.

    Keys: ``hoofd`` (letterhead, lines), ``afzender`` (the bureau under the greeting), ``ondertekening``,
    ``rechtsmiddel``, ``contact`` (e-mail and telephone of the bureau, or empty).
    """
    instelling = instelling or Toetsingsinstelling.voor(aanbesteding)
    regio = aanbesteding.regio
    opdrachtgever = aanbesteding.opdrachtgever
    afzender = regio.bureau_naam.strip() or opdrachtgever.naam
    adres = regio.postadres.strip() or "\n".join(x for x in [
        getattr(opdrachtgever, "straat", ""),
        f"{getattr(opdrachtgever, 'postcode', '')} {getattr(opdrachtgever, 'plaats', '')}".strip(),
    ] if x)
    contact = " - ".join(x for x in [
        f"e-mail {regio.contact_email}" if regio.contact_email else "",
        f"telefoon {regio.contact_telefoon}" if regio.contact_telefoon else "",
    ] if x)
    hoofd = instelling.briefhoofd.strip() or "\n".join(x for x in [afzender, adres, contact] if x)
    ondertekening = instelling.ondertekening
    if ondertekening == STANDAARD_ONDERTEKENING and regio.ondertekening.strip():
        ondertekening = regio.ondertekening.strip()
    rechtsmiddel = instelling.rechtsmiddel_tekst
    if rechtsmiddel.strip() == STANDAARD_RECHTSMIDDEL and regio.rechtsmiddelen.strip():
        rechtsmiddel = regio.rechtsmiddelen.strip()
    return {"hoofd": hoofd, "afzender": afzender, "ondertekening": ondertekening, "rechtsmiddel": rechtsmiddel,
            "contact": contact}


def _briefhoofd(pdf: _Pdf, aanbesteding, instelling: Toetsingsinstelling):
    hoofd = briefteksten(aanbesteding, instelling)["hoofd"]
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 7, _t(hoofd.splitlines()[0]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for rij in hoofd.splitlines()[1:]:
        pdf.regel(rij, grootte=9, hoogte=4)
    pdf.regel(f"{aanbesteding.titel}" + (f" - dossier {aanbesteding.dossiernummer}" if aanbesteding.dossiernummer else ""),
              grootte=9, hoogte=4)
    pdf.set_draw_color(0, 80, 140)
    pdf.line(20, pdf.get_y() + 2, 190, pdf.get_y() + 2)
    pdf.ln(6)


def besluitbrief_pdf(besluit: Besluit, *, voorbeeld: dict | None = None) -> bytes:
    """The decision letter of one besluit: outcome per perceel, reasons, exclusion, standstill and remedy.

    ``voorbeeld`` (issue 12, before "Besluit verzenden"): the letter as it would be sent, with the ``datum`` and
    ``standstill_einde`` given, marked as a preview and without the seal's verification line (it is not sealed)."""
    besluit = Besluit.objects.select_related(
        "inschrijving__organisatie", "aanbesteding__opdrachtgever", "aanbesteding__regio"
    ).get(pk=besluit.pk)
    aanbesteding = besluit.aanbesteding
    organisatie = besluit.inschrijving.organisatie
    instelling = Toetsingsinstelling.voor(aanbesteding)
    teksten = briefteksten(aanbesteding, instelling)
    percelen = list(besluit.percelen.select_related("perceel"))
    # Issue 19: per perceel with product choice, the products admitted (with their restrictions) and refused.
    producten: dict[int, list] = {}
    for bp in besluit.producten.select_related("product"):
        producten.setdefault(bp.product.perceel_id, []).append(bp)
    voettekst = f"Besluit {besluit.pk} - {aanbesteding.titel}"
    pdf = _Pdf(f"VOORBEELD - {voettekst}" if voorbeeld else voettekst, verzegeld=not voorbeeld)
    pdf.alias_nb_pages()
    pdf.add_page()
    if voorbeeld:
        pdf.set_text_color(180, 0, 0)
        pdf.regel("VOORBEELD - dit besluit is nog niet verzonden. Zo ziet de aanbieder de brief als u vandaag verzendt.",
                  stijl="B")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(2)
    verzenddatum = voorbeeld["datum"] if voorbeeld else (besluit.verzonden_op or besluit.genomen_op)
    laatste_dag = voorbeeld["standstill_einde"] if voorbeeld else besluit.standstill_einde
    _briefhoofd(pdf, aanbesteding, instelling)
    pdf.regel(organisatie.naam, stijl="B")
    adres = [getattr(organisatie, "straat", ""), f"{getattr(organisatie, 'postcode', '')} {getattr(organisatie, 'plaats', '')}".strip()]
    for rij in adres:
        if rij:
            pdf.regel(rij)
    pdf.regel(f"KvK-nummer {organisatie.kvk_nummer}")
    pdf.ln(4)
    pdf.regel(f"Datum: {_datum(verzenddatum)}")
    pdf.regel(f"Kenmerk: besluit {besluit.pk} / inschrijving {besluit.inschrijving_id}")
    pdf.regel(f"Betreft: besluit op uw inschrijving voor {aanbesteding.titel}", stijl="B")
    pdf.ln(3)
    pdf.regel("Geachte heer, mevrouw,")
    pdf.ln(1)
    ingediend = _datum(besluit.inschrijving.ingediend_op)
    pdf.regel(
        f"Op {ingediend} heeft u zich ingeschreven voor de toelatingsprocedure {aanbesteding.titel}. De "
        "beoordelingscommissie heeft uw inschrijving getoetst aan de uitsluitingsgronden, de geschiktheidseisen en "
        "de uitvoeringseisen. Hieronder leest u per perceel ons besluit."
    )
    toegelaten = any(bp.uitkomst in BesluitPerceel.TOEGELATEN for bp in percelen)
    for bp in percelen:
        pdf.kop(f"Perceel {bp.perceel.code} {bp.perceel.naam}: {bp.get_uitkomst_display()}", grootte=11)
        if bp.toelichting:
            pdf.regel(bp.toelichting)
        if bp.uitkomst == BesluitPerceel.Uitkomst.AFGEWEZEN and bp.redenen:
            pdf.regel("Redenen van afwijzing:", stijl="B")
            for reden in bp.redenen:
                score = f" (score {reden['score']})" if reden.get("score") else ""
                pdf.regel(f"- Eis {reden['code']} ({reden['soort']}){score}: {reden['eis']}")
                pdf.set_x(26)
                pdf.set_font("Helvetica", "I", 10)
                pdf.multi_cell(0, 5, _t(f"Motivering: {reden['motivering']}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        eigen = producten.get(bp.perceel_id, [])
        if eigen and bp.uitkomst in BesluitPerceel.TOEGELATEN:
            pdf.regel("U wordt in dit perceel toegelaten voor deze producten:", stijl="B")
            for bprod in (p for p in eigen if p.toegelaten):
                beperking = bprod.beperking_tekst
                pdf.regel(f"- {bprod.product.code} {bprod.product.naam}" + (f" ({beperking})" if beperking else ""))
            geweigerd = [p for p in eigen if not p.toegelaten]
            if geweigerd:
                pdf.regel("Niet toegelaten voor:", stijl="B")
                for bprod in geweigerd:
                    pdf.regel(f"- {bprod.product.code} {bprod.product.naam}" + (f": {bprod.reden}" if bprod.reden else ""))
        if bp.loting_id:
            pdf.regel(f"Loting uitgevoerd op {_datum(bp.loting.uitgevoerd_op)} met seed {bp.loting.seed}; de uitslag "
                      "is reproduceerbaar en op verzoek in te zien.", grootte=9)
    if besluit.uitgesloten_tot:
        pdf.kop("Uitsluiting", grootte=11)
        pdf.regel(
            f"U kunt tot {_datum(besluit.uitgesloten_tot)} geen nieuwe inschrijving doen voor deze procedure "
            f"({instelling.uitsluiting_maanden} maanden na de datum van dit besluit)."
        )
    pdf.kop("Standstilltermijn", grootte=11)
    if toegelaten:
        definitief = laatste_dag
        pdf.regel(
            f"De toelating is voorlopig. Als binnen {instelling.standstill_dagen} kalenderdagen na de datum van deze "
            f"brief, dus uiterlijk op {_datum(definitief)}, geen kort geding aanhangig is gemaakt, wordt de toelating "
            "de dag daarna definitief. U ontvangt dan de overeenkomst in het portaal."
        )
    else:
        pdf.regel(f"Dit besluit wordt onherroepelijk als binnen {instelling.standstill_dagen} kalenderdagen na de "
                  f"datum van deze brief (uiterlijk {_datum(laatste_dag)}) geen kort geding aanhangig is gemaakt.")
    pdf.kop("Rechtsbescherming", grootte=11)
    pdf.regel(teksten["rechtsmiddel"])
    pdf.ln(6)
    pdf.regel("Met vriendelijke groet,")
    pdf.regel(teksten["afzender"])
    pdf.regel(teksten["ondertekening"])
    return bytes(pdf.output())


def proces_verbaal_pdf(toetsing) -> bytes:
    """The proces-verbaal van beoordeling of one inschrijving: assessors, declarations, every verdict, the
    consensus, the outcome and the dates. Staff only."""
    from . import selectors

    inschrijving = toetsing.inschrijving
    aanbesteding = inschrijving.aanbesteding
    instelling = Toetsingsinstelling.voor(aanbesteding)
    pdf = _Pdf(f"Proces-verbaal van beoordeling - inschrijving {inschrijving.pk}")
    pdf.alias_nb_pages()
    pdf.add_page()
    _briefhoofd(pdf, aanbesteding, instelling)
    pdf.kop("Proces-verbaal van beoordeling", grootte=14)
    pdf.regel(f"Aanbieder: {inschrijving.organisatie.naam} (KvK {inschrijving.organisatie.kvk_nummer})")
    pdf.regel(f"Inschrijving {inschrijving.pk}, ingediend op {_datum(inschrijving.ingediend_op)}"
              + (f", toetredingsmoment {inschrijving.toetredingsmoment.naam}" if inschrijving.toetredingsmoment_id else ""))
    pdf.regel("Percelen: " + ", ".join(f"{k.perceel.code} {k.perceel.naam}" for k in inschrijving.inschrijving_percelen.select_related("perceel")))
    if toetsing.commissie_id:
        pdf.regel(f"Commissie: {toetsing.commissie.naam}; voorzitter {toetsing.commissie.voorzitter}")
    toewijzingen = list(toetsing.toewijzingen.select_related("beoordelaar").order_by("pk"))
    verklaringen = {v.gebruiker_id: v for v in inschrijving.belangenverklaringen.all()}
    pdf.kop("Beoordelaars en belangenverklaringen", grootte=11)
    for t in toewijzingen:
        v = verklaringen.get(t.beoordelaar_id)
        verklaring = ("geen belangenconflict verklaard op " + _datum(v.verklaard_op)) if v and v.geen_conflict else (
            f"belangenconflict gemeld: {v.toelichting}" if v else "geen verklaring")
        pdf.regel(f"- {t.beoordelaar} ({t.get_status_display().lower()}; toegewezen {_datum(t.toegewezen_op)}"
                  f"{', afgerond ' + _datum(t.afgerond_op) if t.afgerond_op else ''}): {verklaring}")
    scherm = selectors.consensusscherm(inschrijving) if toewijzingen else {"regels": [], "toewijzingen": []}
    actief = scherm["toewijzingen"]
    huidige_stap = None
    for regel in scherm["regels"]:
        eis = regel["eis"]
        if eis.soort != huidige_stap:
            huidige_stap = eis.soort
            pdf.kop(f"Stap {STAPPEN.index(eis.soort) + 1}: {eis.get_soort_display()}", grootte=11)
        pdf.regel(f"Eis {eis.code}: {eis.tekst[:300]}", stijl="B", grootte=9, hoogte=4)
        for t, b in zip(actief, regel["oordelen"], strict=False):
            if b is None:
                pdf.regel(f"  {t.beoordelaar}: geen oordeel", grootte=9, hoogte=4)
            else:
                score = f", score {b.score}" if b.score is not None else ""
                pdf.regel(f"  {t.beoordelaar}: {b.get_oordeel_display()}{score} - {b.motivering}", grootte=9, hoogte=4)
        e = regel["eindoordeel"]
        if e is not None:
            score = f", score {e.score}" if e.score is not None else ""
            pdf.regel(f"  Consensus: {e.get_oordeel_display()}{score} - {e.motivering}", grootte=9, hoogte=4, stijl="I")
    pdf.kop("Consensus en besluit", grootte=11)
    pdf.regel(f"Consensus vastgesteld op {_datum(toetsing.vastgesteld_op)} door {toetsing.vastgesteld_door or '-'}.")
    for besluit in inschrijving.besluiten.prefetch_related("percelen__perceel", "percelen__loting").order_by("genomen_op"):
        pdf.regel(f"Besluit {besluit.pk} ({besluit.get_status_display().lower()}): genomen {_datum(besluit.genomen_op)}, "
                  f"verzonden {_datum(besluit.verzonden_op)}, einde standstill {_datum(besluit.standstill_einde)}, "
                  f"definitief {_datum(besluit.definitief_op)}.")
        for bp in besluit.percelen.all():
            loting = f" (loting {bp.loting_id}, seed {bp.loting.seed})" if bp.loting_id else ""
            pdf.regel(f"  Perceel {bp.perceel.code}: {bp.get_uitkomst_display()}{loting}")
        if besluit.uitgesloten_tot:
            pdf.regel(f"  Uitgesloten tot {_datum(besluit.uitgesloten_tot)}")
    pdf.ln(4)
    pdf.regel(f"Opgemaakt op {_datum(kalender.nu())}. Toewijzingen die zijn ingetrokken of teruggetrokken staan "
              f"hierboven met hun status; alleen actieve beoordelaars ({Toewijzing.Status.TOEGEWEZEN.label.lower()} "
              "of afgerond) tellen mee in de consensus.", grootte=8, hoogte=4)
    return bytes(pdf.output())


def proces_verbaal_ronde_pdf(moment, *, versie: int, opgemaakt_op) -> bytes:
    """The proces-verbaal van beoordeling of one round (issue 18): every submitted inschrijving of the
    toetredingsmoment with its panel, the consensus and the outcome per perceel; every lottery of the round with
    seed, participants and winners, vervallen draws and herzieningen included. Individual verdicts per eis stay in
    the proces-verbaal per inschrijving (``proces_verbaal_pdf``), to which this one refers."""
    from inschrijving.models import Inschrijving

    from .models import Loting

    aanbesteding = moment.aanbesteding
    instelling = Toetsingsinstelling.voor(aanbesteding)
    inschrijvingen = list(
        Inschrijving.objects.filter(toetredingsmoment=moment, ingediend_op__isnull=False)
        .select_related("organisatie", "toetsing__commissie__voorzitter", "toetsing__vastgesteld_door")
        .prefetch_related("inschrijving_percelen__perceel", "belangenverklaringen", "toetsing__toewijzingen__beoordelaar",
                          "toetsing__eindoordelen__eis", "besluiten__percelen__perceel")
        .order_by("ingediend_op", "pk")
    )
    pdf = _Pdf(f"Proces-verbaal van beoordeling - {moment.naam} - versie {versie}")
    pdf.alias_nb_pages()
    pdf.add_page()
    _briefhoofd(pdf, aanbesteding, instelling)
    pdf.kop("Proces-verbaal van beoordeling per ronde", grootte=14)
    pdf.regel(f"Aanbesteding: {aanbesteding.titel}")
    sluit = f", gesloten op {_tijd(moment.sluit_op)}" if moment.sluit_op else " (doorlopend)"
    pdf.regel(f"Toetredingsmoment: {moment.naam}, geopend op {_tijd(moment.opent_op)}{sluit}")
    pdf.regel(f"Versie {versie}, opgemaakt op {_tijd(opgemaakt_op)}. Aantal ingediende inschrijvingen: "
              f"{len(inschrijvingen)}.")
    for inschrijving in inschrijvingen:
        org = inschrijving.organisatie
        pdf.kop(f"Inschrijving {inschrijving.pk}: {org.naam} (KvK {org.kvk_nummer})", grootte=11)
        pdf.regel(f"Ingediend op {_tijd(inschrijving.ingediend_op)}; status: "
                  f"{inschrijving.get_status_display().lower()}.", grootte=9, hoogte=4)
        if inschrijving.status == Inschrijving.Status.INGETROKKEN:
            pdf.regel("Ingetrokken; niet beoordeeld.", grootte=9, hoogte=4)
            continue
        toetsing = getattr(inschrijving, "toetsing", None)
        if toetsing is None:
            pdf.regel("Nog niet in beoordeling genomen.", grootte=9, hoogte=4)
            continue
        verklaringen = {v.gebruiker_id: v for v in inschrijving.belangenverklaringen.all()}
        if toetsing.commissie_id:
            pdf.regel(f"Commissie: {toetsing.commissie.naam}; voorzitter {toetsing.commissie.voorzitter}.", grootte=9, hoogte=4)
        for t in sorted(toetsing.toewijzingen.all(), key=lambda t: t.pk):
            v = verklaringen.get(t.beoordelaar_id)
            verklaring = "geen belangenconflict" if v and v.geen_conflict else ("belangenconflict gemeld" if v else "geen verklaring")
            pdf.regel(f"  Beoordelaar {t.beoordelaar} ({t.get_status_display().lower()}; {verklaring})", grootte=9, hoogte=4)
        pdf.regel(f"Toetsing: {toetsing.get_status_display().lower()}"
                  + (f"; consensus vastgesteld op {_datum(toetsing.vastgesteld_op)} door {toetsing.vastgesteld_door}"
                     if toetsing.vastgesteld_op else "") + ".", grootte=9, hoogte=4)
        for e in sorted(toetsing.eindoordelen.all(), key=lambda e: (STAPPEN.index(e.eis.soort), e.eis.volgorde, e.eis.code)):
            if e.oordeel == "voldoet_niet":
                pdf.regel(f"  Niet voldaan aan {e.eis.code}: {e.motivering}", grootte=9, hoogte=4)
        for besluit in sorted(inschrijving.besluiten.all(), key=lambda b: b.genomen_op):
            pdf.regel(f"Besluit {besluit.pk} ({besluit.get_status_display().lower()}), genomen op {_datum(besluit.genomen_op)}:",
                      grootte=9, hoogte=4)
            for bp in besluit.percelen.all():
                loting = f" (loting {bp.loting_id})" if bp.loting_id else ""
                pdf.regel(f"  Perceel {bp.perceel.code} {bp.perceel.naam}: {bp.get_uitkomst_display()}{loting}", grootte=9, hoogte=4)
    lotingen = list(
        Loting.objects.filter(toetredingsmoment=moment).select_related("perceel", "uitgevoerd_door")
        .prefetch_related("herzieningen__aangevraagd_door", "herzieningen__beoordeeld_door").order_by("uitgevoerd_op", "pk")
    )
    pdf.kop("Lotingen", grootte=12)
    if not lotingen:
        pdf.regel("In deze ronde is niet geloot.")
    for loting in lotingen:
        pdf.regel(f"Loting {loting.pk}, perceel {loting.perceel.code} {loting.perceel.naam}: "
                  f"{loting.get_status_display().lower()}; uitgevoerd op {_tijd(loting.uitgevoerd_op)} door "
                  f"{loting.uitgevoerd_door or '-'}; {loting.plaatsen} plaats(en).", stijl="B", grootte=9, hoogte=4)
        pdf.regel(f"  Seed: {loting.seed}", grootte=9, hoogte=4)
        pdf.regel("  Deelnemers (vaste volgorde): " + "; ".join(
            f"{d['inschrijving']} {d.get('naam', '')} (KvK {d.get('kvk', '')})" for d in loting.deelnemers), grootte=9, hoogte=4)
        pdf.regel("  Ingeloot: " + (", ".join(str(w) for w in loting.winnaars) or "-"), grootte=9, hoogte=4)
        if loting.status == Loting.Status.VERVALLEN:
            pdf.regel(f"  Vervallen op {_tijd(loting.vervallen_op)}: {loting.vervallen_reden}", grootte=9, hoogte=4)
        for h in sorted(loting.herzieningen.all(), key=lambda h: h.aangevraagd_op):
            beslissing = (f"; {h.get_status_display().lower()} door {h.beoordeeld_door} op {_tijd(h.beoordeeld_op)}"
                          if h.beoordeeld_op else "; nog niet beslist")
            nieuw = f"; nieuwe loting {h.nieuwe_loting_id}" if h.nieuwe_loting_id else ""
            pdf.regel(f"  Herziening aangevraagd door {h.aangevraagd_door} op {_tijd(h.aangevraagd_op)} "
                      f"(reden: {h.reden}){beslissing}{nieuw}.", grootte=9, hoogte=4)
    pdf.ln(4)
    pdf.regel("Elke loting is na te rekenen: de deelnemers in vaste volgorde (KvK-nummer, dan inschrijving), geschud met "
              "random.Random(seed); de eersten zijn ingeloot (ADR 0005). De oordelen per eis en per beoordelaar staan in het "
              "proces-verbaal per inschrijving.", grootte=8, hoogte=4)
    return bytes(pdf.output())
