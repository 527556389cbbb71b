"""Demo data for inschrijving (issue 4): a draft inschrijving of Zorgkracht Gooi B.V. with evidence in its wallet,
and ``ingediende_inschrijving`` for the demo of the assessment (toetsing calls it: one owner per table).

Idempotent: documents by sha256, the draft by (aanbesteding, organisatie). The procedures, percelen and eisen come
from aanbesteding/demo.py, which runs first; when absent this module says so and skips.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.base import ContentFile

from aanbesteding import services as aanbesteding_services
from aanbesteding.demo import bron_aanbesteding, bron_perceel
from aanbesteding.models import Aanbesteding, Documentsoort
from bronnen import gooi
from core.kalender import nu
from core.pdf import eenvoudige_pdf
from core.taken import na_commit
from organisaties.models import Organisatie, User

from . import selectors, services, tasks
from .models import Antwoord, Bewijsstuk, Inschrijving, InschrijvingPerceel


def _wallet_document(org, door, soort, naam, titel, regels, afgifte, geldig_tot=None) -> Bewijsstuk:
    inhoud = eenvoudige_pdf(titel, [*regels, "DEMODOCUMENT - fictieve gegevens, geen echt bewijsstuk."])
    import hashlib

    bestaand = Bewijsstuk.objects.filter(organisatie=org, sha256=hashlib.sha256(inhoud).hexdigest()).first()
    if bestaand is not None:
        return bestaand
    return services.bewijsstuk_uploaden(
        organisatie=org, bestand=ContentFile(inhoud, name=naam), documentsoort=soort, afgiftedatum=afgifte,
        geldig_tot=geldig_tot, titel=titel, door=door,
    )


def _concept_zorgkracht(stdout, a: Aanbesteding) -> None:
    org = Organisatie.objects.filter(naam="Zorgkracht Gooi B.V.").first()
    door = User.objects.filter(email="beheerder@zorgkracht.example").first()
    if org is None or door is None:
        stdout.write("  inschrijving: Zorgkracht Gooi B.V. of haar beheerder ontbreekt; concept overgeslagen.")
        return
    vandaag = nu().date()
    kvk = _wallet_document(org, door, Documentsoort.KVK_UITTREKSEL, "KvK-uittreksel Zorgkracht Gooi.pdf",
                           "Uittreksel Handelsregister Kamer van Koophandel",
                           ["Zorgkracht Gooi B.V., KvK 99990011, Havenstraat 12, 1211 KL Hilversum."],
                           vandaag - timedelta(days=40))
    keurmerk = _wallet_document(org, door, Documentsoort.KEURMERK, "HKZ-certificaat.pdf", "Certificaat HKZ Zorg en Welzijn",
                                ["Zorgkracht Gooi B.V. voldoet aan de HKZ-norm Zorg en Welzijn."],
                                date(vandaag.year - 1, 3, 1), date(vandaag.year + 2, 2, 28))
    _wallet_document(org, door, Documentsoort.GEDRAGSVERKLARING, "Gedragsverklaring aanbesteden 2024.pdf",
                     "Gedragsverklaring aanbesteden (Justis)", ["Afgegeven aan Zorgkracht Gooi B.V."], date(2024, 3, 12))

    insch = Inschrijving.objects.actief().filter(aanbesteding=a, organisatie=org).first()
    if insch is None:
        moment = selectors.open_toetredingsmoment(a)
        if moment is not None:
            insch = services.inschrijving_starten(aanbesteding=a, organisatie=org, door=door)
        else:
            # No joining moment open now in the demo: keep a draft anyway so the pages can be shown.
            insch = Inschrijving.objects.create(aanbesteding=a, organisatie=org, aangemaakt_door=door,
                                                toetredingsmoment=a.toetredingsmomenten.order_by("-opent_op").first())
            stdout.write("  inschrijving: geen open toetredingsmoment; concept zonder open moment aangemaakt.")
    if insch.status != Inschrijving.Status.CONCEPT:
        return
    # 5.2 Ambulante Jeugdhulp has the vervoersplicht, so 5.13 Vervoer comes along (003 r. 526, r. 2149).
    percelen = [p for p in (bron_perceel(a, "5.2"), bron_perceel(a, "5.13")) if p is not None]
    for p in percelen:
        InschrijvingPerceel.objects.get_or_create(inschrijving=insch, perceel=p)
    for code, ja in (("Formulier E / art. 2.86", True), ("Formulier E / art. 2.87", True), ("Eis 2", True)):
        eis = a.eisen.filter(code=code, perceel__isnull=True).first()
        if eis is not None:
            Antwoord.objects.update_or_create(inschrijving=insch, eis=eis, lid=None, defaults={"ja_nee": ja, "bijgewerkt_door": door})
    eis = a.eisen.filter(code="TD 2.11", perceel__isnull=True).first()
    if eis is not None:
        Antwoord.objects.update_or_create(inschrijving=insch, eis=eis, lid=None, defaults={
            "tekst": "Zorgkracht Gooi B.V. is niet verbonden met een andere inschrijver in de zin van art. 2:24b BW.",
            "bijgewerkt_door": door,
        })
    for code, stuk in (("TD 2.7", kvk), ("Eis 55", keurmerk)):
        eis = a.eisen.filter(code=code, perceel__isnull=True).first()
        if eis is not None:
            antwoord, _ = Antwoord.objects.get_or_create(inschrijving=insch, eis=eis, lid=None)
            antwoord.bewijsstukken.add(stuk)
    lijst = selectors.checklist(insch)
    stdout.write(f"  inschrijving: concept van {org.naam} ({len(percelen)} percelen, nog {lijst.aantal_ontbrekend} punten open).")


def ingediende_inschrijving(aanbesteding: Aanbesteding, organisatie: Organisatie, *, dagen_geleden: int,
                            perceelcode: str = "5.2", aantal_antwoorden: int = 12) -> Inschrijving:
    """A submitted inschrijving (demo only: created as submitted ``dagen_geleden`` days ago, answers filled in),
    for the assessment queue of toetsing's demo. Idempotent by (aanbesteding, organisatie)."""
    inschrijving = Inschrijving.objects.filter(aanbesteding=aanbesteding, organisatie=organisatie).first()
    if inschrijving is None:
        inschrijving = Inschrijving.objects.create(
            aanbesteding=aanbesteding, organisatie=organisatie, status=Inschrijving.Status.INGEDIEND,
            ingediend_op=nu() - timedelta(days=dagen_geleden),
            toetredingsmoment=aanbesteding.toetredingsmomenten.order_by("-opent_op").first(),
            eisenversie=aanbesteding.eisenversie,
        )
        # A submission freezes the eisen, as inschrijving_indienen does (issue 18, ADR 0014).
        aanbesteding_services.eisen_bevriezen(aanbesteding=aanbesteding, door=None, moment=inschrijving.ingediend_op)
    perceel = aanbesteding.percelen.filter(code=perceelcode).first() or aanbesteding.percelen.order_by("volgorde").first()
    if perceel is not None:
        InschrijvingPerceel.objects.get_or_create(inschrijving=inschrijving, perceel=perceel)
    for eis in aanbesteding.eisen.filter(perceel__isnull=True).order_by("volgorde")[:aantal_antwoorden]:
        Antwoord.objects.get_or_create(
            inschrijving=inschrijving, eis=eis, lid=None,
            defaults={"ja_nee": True if eis.antwoordtype == "ja_nee" else None,
                      "tekst": "" if eis.antwoordtype == "ja_nee" else f"Toelichting van {organisatie.naam} op {eis.code}."},
        )
    if not inschrijving.bevroren_inhoud:
        # Frozen as inschrijving_indienen freezes it, so the sealed receipt (and its catch-up task) works on demo
        # rows too; the receipt itself follows through the outbox like a real one.
        inschrijving.bevroren_inhoud = services.bevroren_inhoud(inschrijving, inschrijving.ingediend_op,
                                                                 inschrijving.eisenversie)
        inschrijving.save(update_fields=["bevroren_inhoud"])
        na_commit(tasks.ontvangstbewijs_versturen, inschrijving.pk)
    return inschrijving


def laad(stdout):
    a = bron_aanbesteding(gooi.PROCEDURE, "Jeugdhulp Voorzieningen")
    if a is None:
        stdout.write("  inschrijving: Gooi-procedure (SD005) niet gevonden; concept overgeslagen.")
        return
    _concept_zorgkracht(stdout, a)
