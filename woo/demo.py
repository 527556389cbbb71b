"""Demo data of the Woo (issue 16), on the Gooi procedure (dossier SD005), shaped like the Woo decision of seed 003
(kenmerk DOC-26015854, 003a r. 1-107; received four weeks ago, decided today): a request with documents from the dossier, the
decision letters deels openbaar (personal data pre-marked 5.1.2.e, an amount withheld 5.1.2.b), one document niet
openbaar, decided and exported; and the decisions and agreements actively published. Idempotent: a request with
the kenmerk and a published document are left alone."""

from __future__ import annotations

import re

from aanbesteding.models import Aanbesteding
from core import kalender, lakken
from organisaties.models import User

from . import selectors, services
from .models import Verzoekstuk, Woogrond, Woometadata, Wooverzoek

DOSSIER = "SD005"
INKOPER = "inkoper@gooi.example"
KENMERK = "DOC-26015854"
# An amount in a letter or agreement: the economic interest of the Regio withheld (003a r. 91-92).
BEDRAG = re.compile(r"€\s?\d[\d.]*,\d{2}")
# The reasons in an enforcement letter (contractbeheer's letter: "Motivering:" and the text on the next line).
MOTIVERING = re.compile(r"Motivering:\s*\n([^\n]+)")
GEPUBLICEERD = ("besluit", "overeenkomst", "addendum", "indexatie", "handhaving_besluit")


def _kies(stukken, soort: str, aantal: int = 1) -> list:
    return [s for s in stukken if s.soort == soort][:aantal]


def _verzoek(aanbesteding, door, stdout) -> None:
    if Wooverzoek.objects.filter(aanbesteding=aanbesteding, kenmerk=KENMERK).exists():
        return
    stukken = selectors.dossierstukken(aanbesteding)
    gekozen = (_kies(stukken, "aankondiging") + _kies(stukken, "documentversie", 2)
               + _kies(stukken, "nota_van_inlichtingen") + _kies(stukken, "besluit", 2)
               + _kies(stukken, "overeenkomst", 2) + _kies(stukken, "addendum")
               + _kies(stukken, "handhaving_voornemen") + _kies(stukken, "handhaving_besluit", 4)
               + _kies(stukken, "pv_beoordeling"))
    # In the order of the dossier (by date), as 003 numbers its inventarislijst (20210401 ... 20250205).
    gekozen.sort(key=lambda s: (s.datum, s.sleutel))
    vandaag = kalender.vandaag()
    verzoek = services.verzoek_registreren(
        aanbesteding=aanbesteding, kenmerk=KENMERK, ontvangen_op=kalender.plus_kalenderdagen(vandaag, -28),
        onderwerp="Tussenvoorziening: bezetting, financiën, besluiten en inkooptraject",
        omschrijving="Verzoek om alle documenten over de Tussenvoorziening (003 r. 1-30).",
        verzoeker="(demo) verzoeker", door=door,
    )
    services.documenten_selecteren(verzoek=verzoek, sleutels=[s.sleutel for s in gekozen], door=door)
    per_sleutel = {s.sleutel: s for s in gekozen}
    economisch = Woogrond.objects.get(code="5.1.2.b")
    for vs in verzoek.stukken.order_by("volgnummer"):
        stuk = per_sleutel[vs.sleutel]
        if stuk.soort in ("pv_beoordeling", "handhaving_voornemen"):
            # The assessors' deliberation (art. 5.2, personal policy views in internal deliberation), an intended
            # measure while supervision runs (art. 5.1, second paragraph, under d): not public.
            grond = "5.2" if stuk.soort == "pv_beoordeling" else "5.1.2.d"
            services.beoordeling_vastleggen(verzoekstuk=vs, beoordeling=Verzoekstuk.Beoordeling.NIET_OPENBAAR,
                                            grond=Woogrond.objects.get(code=grond), door=door)
            continue
        tekst = "\n".join(lakken.tekst_per_pagina(stuk.pdf()))
        bedrag = BEDRAG.search(tekst)
        if bedrag and stuk.soort in ("besluit", "overeenkomst", "addendum", "handhaving_besluit"):
            services.markering_toevoegen(verzoekstuk=vs, grond=economisch, tekst=bedrag.group(0), door=door)
        motivering = MOTIVERING.search(tekst)
        if motivering and stuk.soort == "handhaving_besluit":
            # The reasons of a fine touch the Regio's claim (5.1.2.b); of another measure, running supervision
            # (5.1.2.d).
            grond = economisch if "boete" in stuk.titel.lower() else Woogrond.objects.get(code="5.1.2.d")
            services.markering_toevoegen(verzoekstuk=vs, grond=grond, tekst=motivering.group(1).strip(), door=door)
    services.verzoek_besluiten(verzoek=verzoek, besluitdatum=vandaag, door=door)
    # The task runs after commit; run it here too so the demo has its ZIP whatever the broker (idempotent).
    services.export_maken(verzoek_id=verzoek.pk)
    stdout.write(f"  woo: Woo-verzoek {KENMERK} met {len(gekozen)} documenten besloten en geëxporteerd")


def _actief_openbaar(aanbesteding, door, stdout) -> None:
    al = set(Woometadata.objects.filter(aanbesteding=aanbesteding).exclude(
        status=Woometadata.Status.NIET_GEPUBLICEERD).values_list("sleutel", flat=True))
    aantal = 0
    for stuk in selectors.dossierstukken(aanbesteding):
        if stuk.soort not in GEPUBLICEERD or stuk.sleutel in al:
            continue
        metadata = services.actief_openbaar_maken(aanbesteding=aanbesteding, sleutel=stuk.sleutel, door=door)
        services.publicatie_opslaan(metadata_id=metadata.pk)
        aantal += 1
    if aantal:
        stdout.write(f"  woo: {aantal} besluiten en overeenkomsten actief openbaar gemaakt")


def laad(stdout):
    aanbesteding = Aanbesteding.objects.filter(dossiernummer=DOSSIER).select_related("regio").first()
    door = User.objects.filter(email=INKOPER).first()
    if aanbesteding is None or door is None:
        stdout.write(f"  woo: procedure {DOSSIER} of {INKOPER} ontbreekt; overgeslagen")
        return
    _verzoek(aanbesteding, door, stdout)
    _actief_openbaar(aanbesteding, door, stdout)
