"""Demo data for inschrijving (issue 4): the Gooi eisen (003b §5, Programma van Eisen ch. 9, TD ch. 3), the MLO
perceel entry requirements (002 §5) and a draft inschrijving of Zorgkracht Gooi B.V. with evidence in its wallet.

Idempotent: eisen by (aanbesteding, perceel, code), documents by sha256, the draft by (aanbesteding, organisatie).
The procedures and percelen come from aanbesteding/demo.py, which runs first; when absent this module says so
and skips.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db.models import Q

from aanbesteding.models import Aanbesteding, Documentsoort, Eis, Perceel
from bronnen import gooi, mlo
from core.kalender import nu
from core.pdf import eenvoudige_pdf
from organisaties.models import Organisatie, User

from . import selectors, services
from .models import Antwoord, Bewijsstuk, Inschrijving, InschrijvingPerceel

# The sources name document kinds more finely than Documentsoort; map them to the wallet's kinds.
DOCUMENTSOORTEN = {
    "eigen_verklaring": Documentsoort.OVERIG,
    "aanvullende_eigen_verklaring": Documentsoort.OVERIG,
    "gedragsverklaring_aanbesteden": Documentsoort.GEDRAGSVERKLARING,
    "kvk_uittreksel": Documentsoort.KVK_UITTREKSEL,
    "referenties": Documentsoort.OVERIG,
    "inspectierapport": Documentsoort.INSPECTIERAPPORT,
    "keurmerk": Documentsoort.KEURMERK,
    "keurmerk_meldcode": Documentsoort.MELDCODE,
    "plan_van_aanpak_sroi": Documentsoort.SROI_PLAN,
    "klachtenregeling": Documentsoort.KLACHTENREGELING,
    "registratie_skj_big": Documentsoort.REGISTRATIE,
    "jaardocument_jeugd": Documentsoort.JAARVERSLAG,
    "medezeggenschapsregeling": Documentsoort.OVERIG,
    "licentie_mst": Documentsoort.KEURMERK,
    "interventiebeschrijving": Documentsoort.PLAN,
    "profielbeschrijving_gezinshuis": Documentsoort.PLAN,
    "vog": Documentsoort.VOG,
    "basisovereenkomst": Documentsoort.OVERIG,
    "certificaat_informatiebeveiliging": Documentsoort.KEURMERK,
    "bewijs_verbinding_kinderarts": Documentsoort.OVERIG,
    "bewijs_ervaring_ambulant_alternatief": Documentsoort.PLAN,
}
# 003 r. 701-703: the Eigen Verklaring is given "één per combinant"; the KvK extract and the Gedragsverklaring
# likewise belong to each member.
PER_LID = {"Formulier E", "Formulier E / art. 2.86", "Formulier E / art. 2.87", "TD 3.1 bewijs", "TD 2.7"}


def _aanbesteding(bron: dict, *titels: str) -> Aanbesteding | None:
    dossier = bron.get("dossier") or bron.get("code")
    q = Q(dossiernummer=dossier) if dossier else Q(pk__in=[])
    for titel in titels:
        q |= Q(titel__icontains=titel)
    return Aanbesteding.objects.filter(q).order_by("pk").first()


def _perceel(aanbesteding: Aanbesteding, code: str, naam: str = "") -> Perceel | None:
    qs = aanbesteding.percelen.all()
    return qs.filter(code__iexact=code).first() or (qs.filter(naam__iexact=naam).first() if naam else None)


def _eis(aanbesteding, perceel, bron: dict, volgorde: int, per_lid: bool) -> Eis:
    documentsoort = DOCUMENTSOORTEN.get(bron.get("documentsoort") or "", "")
    toelichting = f"Bron: {bron.get('bron', '')}."
    if bron.get("op_verzoek"):
        toelichting = "Het bewijs wordt op verzoek gevraagd; u kunt het nu al meesturen. " + toelichting
    if bron.get("peilmoment") == "indiensttreding":
        toelichting = "De leeftijd geldt bij indiensttreding van de medewerker. " + toelichting
    eis, _ = Eis.objects.update_or_create(
        aanbesteding=aanbesteding, perceel=perceel, code=bron["code"],
        defaults={
            "tekst": bron["tekst"], "toelichting": toelichting, "soort": bron["soort"],
            "antwoordtype": bron["antwoordtype"], "knock_out": bron.get("knock_out", True),
            "max_woorden": bron.get("max_woorden"), "documentsoort": documentsoort,
            "max_leeftijd_maanden": bron.get("max_leeftijd_maanden"), "per_lid": per_lid, "volgorde": volgorde,
        },
    )
    return eis


def _eisen_gooi(stdout) -> Aanbesteding | None:
    a = _aanbesteding(gooi.PROCEDURE, "Jeugdhulp Voorzieningen")
    if a is None:
        stdout.write("  inschrijving: Gooi-procedure (SD005) niet gevonden; eisen en concept overgeslagen.")
        return None
    aantal = 0
    for volgorde, bron in enumerate(gooi.EISEN, start=1):
        codes = bron.get("percelen") or (None,)
        for code in codes:
            perceel = _perceel(a, code) if code else None
            if code and perceel is None:
                stdout.write(f"  inschrijving: perceel {code} ontbreekt in {a}; eis {bron['code']} overgeslagen.")
                continue
            _eis(a, perceel, bron, volgorde * 10, bron["code"] in PER_LID)
            aantal += 1
    stdout.write(f"  inschrijving: {aantal} eisen voor {a} (003b §5).")
    return a


def _eisen_mlo(stdout) -> None:
    a = _aanbesteding(mlo.PROCEDURE, "Gespecialiseerde Jeugdhulp")
    if a is None:
        stdout.write("  inschrijving: MLO-procedure niet gevonden; perceeleisen overgeslagen.")
        return
    namen = {p["code"]: p["naam"] for p in mlo.PERCELEN}
    aantal = 0
    for volgorde, bron in enumerate(mlo.PERCEEL_EISEN, start=1):
        perceel = None
        if bron["perceel"]:
            perceel = _perceel(a, bron["perceel"], namen.get(bron["perceel"], ""))
            if perceel is None:
                stdout.write(f"  inschrijving: MLO-perceel {bron['perceel']} ontbreekt; eis {bron['code']} overgeslagen.")
                continue
        _eis(a, perceel, bron, volgorde * 10, False)
        aantal += 1
    stdout.write(f"  inschrijving: {aantal} toegangseisen voor {a} (002 §5).")


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
    percelen = [p for p in (_perceel(a, "5.2"), _perceel(a, "5.13")) if p is not None]
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


def laad(stdout):
    gooi_aanbesteding = _eisen_gooi(stdout)
    _eisen_mlo(stdout)
    if gooi_aanbesteding is not None:
        _concept_zorgkracht(stdout, gooi_aanbesteding)
