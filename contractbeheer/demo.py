"""Demo data for contract management (issue 13): the sources' rules on the Gooi (003) and MLO (002) demo
procedures, last year's verantwoordingen of the running agreements in several states (approved, submitted, in
herstel, rejected, late), per procedure two meldingen (one late, one with a question of the bureau) and one open
informatieverzoek.
Everything goes through the services, as a user would; idempotent (skips what is there). Runs after sroi/demo.py
(cms demo_data command), so the SROI turnover the verantwoording is checked against exists."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal as D

from django.core.files.uploadedfile import SimpleUploadedFile

from aanbesteding.models import Aanbesteding
from bronnen.contractbeheer import BRONNEN
from core import kalender
from organisaties.models import Lidmaatschap, User

from . import demo_gesprekken, demo_handhaving, demo_leegstand, demo_monitoring, demo_signalen, services
from .models import Informatieverzoek, Melding, Meldingsoort, Verantwoording, Verantwoordingsinzending

PROCEDURES = {"gooi": "SD005", "mlo": "MLO-GJH-2020"}
CONTRACTMANAGER = "contractmanager@regio.example"


def _pdf(titel: str) -> SimpleUploadedFile:
    from core.pdf import PortaalPdf, pdf_tekst

    pdf = PortaalPdf()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(w=0, text=pdf_tekst(f"{titel}\n\nDemodocument van het portaal: geen echte verantwoording."))
    return SimpleUploadedFile(f"{titel.lower().replace(' ', '-')}.pdf", bytes(pdf.output()),
                              content_type="application/pdf")


def _lid(overeenkomst) -> User | None:
    lid = (Lidmaatschap.objects.filter(organisatie=overeenkomst.organisatie).select_related("user")
           .order_by("rol", "pk").first())
    return lid.user if lid else None


def _indienen(plicht: Verantwoording, door, omzet: D) -> Verantwoordingsinzending:
    """Submit one part with plausible content for its kind."""
    soort = plicht.eis.soort
    velden: dict = {"afwijking_toelichting": "De SROI-omzet is vóór de creditnota's van december gemeld."}
    if plicht.eis.per_product:
        producten = services.producten_voor(plicht)[:3]
        deel = (omzet / max(len(producten), 1)).quantize(D("0.01"))
        velden["regels"] = [(p, D("120"), deel) for p in producten]
        omzet = deel * len(producten)
    if soort == "financieel":
        velden["omzet"] = omzet
    if soort == "klachten_innovatie":
        velden.update(aantal_klachten=4, klachtenanalyse="Drie klachten over wachttijd, één over bereikbaarheid; "
                      "het intakeproces is aangepast.", innovatie="Samen met het CJG een kortere route naar "
                      "ambulante hulp ingericht.")
    if plicht.eis.bestand_verplicht:
        velden["bestand"] = _pdf(f"{plicht.eis.naam} {plicht.jaar}")
    inzending = services.verantwoording_indienen(verantwoording=plicht, door=door, **velden)
    # Demo: the submission is dated a week before the deadline, as a punctual provider would have sent it
    # (the demo is loaded long after that day). Only this app's own rows are touched.
    op = datetime.combine(plicht.geldende_termijn - timedelta(days=7), time(10, 0), tzinfo=kalender.TZ)
    Verantwoordingsinzending.objects.filter(pk=inzending.pk).update(ingediend_op=op, te_laat=False)
    return inzending


# What happens to the parts of a demo agreement, in order (None: never submitted, so late). Gooi has three
# parts (approved, in herstel, awaiting review); MLO nine (per municipality), so every state shows up.
PLAN = ("goedkeuren", "herstel", "ingediend", "goedkeuren", "afwijzen", None, "goedkeuren", None, "ingediend")
REDENEN = {
    "herstel": "De verklaring is niet ondertekend; stuur de getekende versie.",
    "afwijzen": "Dit is de verklaring over het verkeerde jaar.",
}


def _verantwoordingen(aanbesteding, staf, jaar: int) -> int:
    """Last year's parts of every demo agreement that has a user (the providers the personas log in to); the
    others submitted nothing and show as late in the work list."""
    gedaan = 0
    for ovk in aanbesteding.overeenkomsten.select_related("organisatie").order_by("startdatum", "pk"):
        door = _lid(ovk)
        if door is None or Verantwoordingsinzending.objects.filter(verantwoording__overeenkomst=ovk).exists():
            continue
        plichten = list(Verantwoording.objects.filter(overeenkomst=ovk, jaar=jaar)
                        .select_related("eis", "gemeente").order_by("eis__volgorde", "gemeente__naam"))
        for i, (plicht, stap) in enumerate(zip(plichten, PLAN, strict=False)):
            if stap is None:
                continue
            inzending = _indienen(plicht, door, D("48250.00") if i % 2 else D("61375.40"))
            if stap != "ingediend":
                services.verantwoording_beoordelen(inzending=inzending, door=staf, uitkomst=stap,
                                                   reden=REDENEN.get(stap, ""))
            gedaan += 1
    return gedaan


def _meldingen(aanbesteding, staf) -> None:
    ovk = aanbesteding.overeenkomsten.order_by("startdatum", "pk").first()
    door = _lid(ovk) if ovk else None
    if door is None or Melding.objects.filter(overeenkomst=ovk).exists():
        return
    soorten = list(Meldingsoort.objects.filter(aanbesteding=aanbesteding, actief=True).order_by("volgorde"))
    if len(soorten) < 2:
        return
    nu = kalender.nu()
    # On time: an event of two hours ago, reported now.
    op_tijd = services.melding_doen(
        overeenkomst=ovk, soort=soorten[0], gebeurd_op=nu - timedelta(hours=2),
        samenvatting="Agressie van een jeugdige tegen een groepsleider",
        omschrijving="Op de leefgroep werd een medewerker geslagen. De politie is ingelicht; de medewerker is "
                     "opgevangen. Er is geen letsel van betekenis.",
        ook_gemeld_aan=soorten[0].ook_melden_aan, maatregelen="Nabespreking met het team en extra bezetting.",
        door=door,
    )
    services.stap_toevoegen(melding=op_tijd, soort="vraag", door=staf,
                            tekst="Wilt u ons het verslag van de nabespreking sturen zodra het er is?")
    # Late: the inspection's letter came in ten days ago.
    services.melding_doen(
        overeenkomst=ovk, soort=soorten[1], gebeurd_op=nu - timedelta(days=10),
        samenvatting="Aankondiging van een onderzoek door de inspectie",
        omschrijving="De inspectie kondigde een onderzoek naar de dagbehandeling aan.", door=door,
    )


def _informatieverzoek(aanbesteding, staf) -> None:
    if Informatieverzoek.objects.filter(aanbesteding=aanbesteding).exists():
        return
    # To the perceel of the first agreement with a user, so the persona finds the request on its page.
    ovk = next((o for o in aanbesteding.overeenkomsten.order_by("startdatum", "pk") if _lid(o)), None)
    deelname = ovk.deelnames.select_related("perceel").order_by("pk").first() if ovk else None
    if deelname is None:
        return
    verzoek = services.verzoek_opstellen(
        aanbesteding=aanbesteding, perceel=deelname.perceel, door=staf,
        onderwerp="Wachttijden en capaciteit per 1 december",
        vraag="Wilt u per product de actuele wachttijd in weken en de vrije capaciteit opgeven? We gebruiken "
              "het voor de regionale wachtlijstaanpak (002 UOK 5.1).",
    )
    services.verzoek_verzenden(verzoek=verzoek, door=staf)


def laad(stdout):
    staf = User.objects.filter(email=CONTRACTMANAGER).first()
    jaar = kalender.vandaag().year - 1
    for code, dossier in PROCEDURES.items():
        aanbesteding = Aanbesteding.objects.filter(dossiernummer=dossier).first()
        if aanbesteding is None or staf is None:
            stdout.write(f"  contractbeheer: procedure {dossier} of contractmanager ontbreekt; overgeslagen")
            continue
        services.regels_laden(aanbesteding=aanbesteding, bron=BRONNEN[code])
        services.verantwoordingen_aanmaken(jaar, aanbesteding=aanbesteding)
        aantal = _verantwoordingen(aanbesteding, staf, jaar)
        _meldingen(aanbesteding, staf)
        _informatieverzoek(aanbesteding, staf)
        stdout.write(f"  contractbeheer: regels {code}, verantwoordingen {jaar} ({aantal} ingediend), "
                     f"meldingen en een informatieverzoek op {aanbesteding}")
        # Issue 14 (ADR 0020). Leegstand first: it admits providers to 5.10.1, and the monitoring demo gives every
        # running perceel its wachttijden, so the other order would add rows on a second run.
        demo_leegstand.laad(aanbesteding, code, staf, stdout, jaar=jaar)
        demo_monitoring.laad(aanbesteding, code, staf, stdout)
        demo_gesprekken.laad(aanbesteding, code, staf, stdout)
        demo_signalen.laad(aanbesteding, code, staf, stdout)
        demo_handhaving.laad(aanbesteding, code, staf, stdout)
