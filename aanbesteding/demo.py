"""Demo data of aanbesteding (issue 3): the Gooi en Vechtstreek procedure "Jeugdhulp Voorzieningen"
(SD005, `003a`) and the MLO "Gespecialiseerde Jeugdhulp 2020" (`002`), from the extracted sources in
``bronnen``. Idempotent: natural keys (slug, codes) with update_or_create.

Runs after organisaties.demo (regions, municipalities, the regional bureaus exist). The eisen of both procedures
(003b §5, Programma van Eisen ch. 9, TD ch. 3; the MLO perceel entry requirements, 002 §5) are seeded here too:
Eis belongs to aanbesteding (one owner per table, ADR 0009); inschrijving's demo answers them.
"""

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db.models import Q

from bronnen import gooi, mlo
from bronnen.regio import REGIO_GOOI, REGIO_MLO
from core.kalender import TZ
from core.pdf import eenvoudige_pdf
from organisaties.models import Gemeente, Organisatie, Regio

from .models import (
    Aanbesteding,
    DeelnemendeGemeente,
    Documentsoort,
    DocumentVersie,
    Eis,
    Perceel,
    PerceelAfhankelijkheid,
    ProcedureDocument,
    ProcedureWijziging,
    Product,
    Tarief,
    Toetredingsmoment,
)

GOOI_SLUG = "gooi-jeugdhulp-voorzieningen"
MLO_SLUG = "mlo-gespecialiseerde-jeugdhulp-2020"

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


def _moment(d: date, uur: int = 0) -> datetime:
    return datetime.combine(d, time(uur), tzinfo=TZ)


def _procedure(slug, *, bron, regio_bron, titel, dossier, status, toetreding, start, einde, **extra) -> Aanbesteding:
    regio = Regio.objects.get(slug=regio_bron["code"])
    opdrachtgever = Organisatie.objects.get(naam=regio_bron["bureau"], soort=Organisatie.Soort.OPDRACHTGEVER)
    aanbesteding, _ = Aanbesteding.objects.update_or_create(
        slug=slug,
        defaults={
            "titel": titel, "dossiernummer": dossier, "regio": regio, "opdrachtgever": opdrachtgever,
            "status": status, "toetreding": toetreding, "looptijd_start": start, "looptijd_einde": einde, **extra,
        },
    )
    for g in regio_bron["gemeenten"]:
        if bron["domein"] in g["domeinen"]:
            DeelnemendeGemeente.objects.get_or_create(
                aanbesteding=aanbesteding, gemeente=Gemeente.objects.get(naam=g["naam"]), domein=bron["domein"]
            )
    return aanbesteding


def _tarieven(product: Product, reeksen: dict, bron: str):
    for variant, per_jaar in reeksen.items():
        for jaar, bedrag in per_jaar.items():
            Tarief.objects.update_or_create(
                product=product, intensiteit="" if variant == "standaard" else variant.replace("_", " "),
                geldig_van=date(jaar, 1, 1),
                defaults={"geldig_tot": date(jaar, 12, 31), "bedrag": bedrag, "bron": bron},
            )


def _document(aanbesteding, slug, soort, titel, versies, volgorde):
    """A document with its published versions [(date, reason, text lines)], published as on those dates.

    Demo only: the versions are published directly instead of through the four-eyes workflow, and get the
    publication dates of the source.
    """
    document, _ = ProcedureDocument.objects.update_or_create(
        aanbesteding=aanbesteding, slug=slug, defaults={"soort": soort, "titel": titel, "volgorde": volgorde}
    )
    if document.versies.exists():
        return document
    for datum, reden, regels in versies:
        versie = DocumentVersie(document=document, reden=reden, live=False)
        versie.bestand.save(f"{slug}.pdf", ContentFile(eenvoudige_pdf(titel, regels)), save=False)
        versie.save()
        versie.save_revision().publish(skip_permission_checks=True)
        moment = _moment(datum, 9)
        DocumentVersie.objects.filter(pk=versie.pk).update(first_published_at=moment, last_published_at=moment)
        ProcedureWijziging.objects.filter(versie=versie).update(datum=moment)
    return document


def _gooi(stdout) -> Aanbesteding:
    lt = gooi.LOOPTIJD
    a = _procedure(
        GOOI_SLUG, bron=gooi.PROCEDURE, regio_bron=REGIO_GOOI, titel=gooi.PROCEDURE["naam"], dossier=gooi.PROCEDURE["dossier"],
        status=Aanbesteding.Status.OPEN, toetreding=Aanbesteding.Toetreding.VENSTERS,
        # aanname: contracts since 1-1-2021 (003a §1.9: toetreding na peildatum 1-1-2021 alleen bij tekort).
        start=date(2021, 1, 1), einde=lt["einddatum"],
        samenvatting=(
            "Toelatingsprocedure (OpenHouse-methodiek) voor jeugdhulp met verblijf, ambulante jeugdhulp en vervoer "
            "in de regio Gooi en Vechtstreek. Geen gunning maar toelating tegen vaste tarieven; elke aanbieder die "
            "aan de eisen voldoet, wordt toegelaten (003a §1)."
        ),
        verlenging_jaren=lt["verlenging_jaren"], verlenging_max_keren=0,
        verlenging_aankondigen_dag=lt["verlenging_aankondigen_uiterlijk"]["dag"],
        verlenging_aankondigen_maand=lt["verlenging_aankondigen_uiterlijk"]["maand"],
        verlenging_bezwaar_dag=lt["bezwaar_opdrachtnemer_voor"]["dag"],
        verlenging_bezwaar_maand=lt["bezwaar_opdrachtnemer_voor"]["maand"],
        verlenging_toelichting=(
            "Telkens met twee jaar na wederzijdse instemming; bezwaar per aangetekend schrijven vóór 1 oktober, "
            "het eerst vóór 1 oktober 2028. Te late reactie geldt als instemming (003a §1.12)."
        ),
        # Vragen tot 5 werkdagen vóór sluiting van het laatste venster (30-06-2023 10:00, TD §2.9).
        vragen_tot=_moment(date(2023, 6, 23), 10),
        herstel_termijn_aantal=gooi.REGELS["herstel_termijn_werkdagen"], herstel_termijn_eenheid="werkdagen",
    )
    percelen = {}
    for volgorde, p in enumerate(gooi.PERCELEN):
        percelen[p["code"]], _ = Perceel.objects.update_or_create(
            aanbesteding=a, code=p["code"],
            defaults={
                "naam": p["naam"], "omschrijving": p["omschrijving"], "domein": "jeugd", "volgorde": volgorde,
                "quotum": p.get("max_aanbieders"),
                "hoofdperceel": percelen.get(p["bovenliggend"]) if p["bovenliggend"] else None,
            },
        )
    for afh in gooi.PERCEEL_AFHANKELIJKHEDEN:
        # "vereist één van" cannot be a plain requirement; only the "requires all" rules are recorded here.
        for code in afh["percelen"]:
            for vereist in afh["vereist_alle"]:
                PerceelAfhankelijkheid.objects.get_or_create(
                    perceel=percelen[code], vereist=percelen[vereist], defaults={"toelichting": afh["toelichting"][:255]}
                )
    for volgorde, p in enumerate(gooi.PRODUCTEN):
        for perceelcode in p.get("percelen") or (p["perceel"],):
            omschrijving = f"Vervangt: {p['voorganger']}." if p.get("voorganger") else ""
            product, _ = Product.objects.update_or_create(
                perceel=percelen[perceelcode], code=p["code"],
                defaults={
                    "categorie": p["categorie"], "naam": p["naam"], "eenheid": p["eenheid"], "frequentie": p["frequentie"],
                    "minimale_kwalificatie": p.get("min_kwalificatie") or "", "omschrijving": omschrijving,
                    "volgorde": volgorde,
                },
            )
            if p["code"] in gooi.TARIEVEN:
                _tarieven(product, gooi.TARIEVEN[p["code"]], "003 r. 5324-5345 (tarievenmail 2022-2025)")
    for m in gooi.TOETREDINGSMOMENTEN:
        if m["sluiting"]:
            moment, _ = Toetredingsmoment.objects.update_or_create(
                aanbesteding=a, naam=m["naam"],
                defaults={"soort": "venster", "opent_op": _moment(m["publicatiedatum"]), "sluit_op": m["sluiting"]},
            )
        else:
            moment, _ = Toetredingsmoment.objects.update_or_create(
                aanbesteding=a, naam=m["naam"], defaults={"soort": "continu", "opent_op": _moment(a.looptijd_start)}
            )
        moment.percelen.set([percelen[c] for c in m["percelen"] or ()])

    _document(a, "toelatingsdocument", ProcedureDocument.Soort.INKOOPDOCUMENT,
              "Geïntegreerd Toelatingsdocument Jeugdhulp Voorzieningen, Ambulant en Verblijf", [
                  (date(2022, 1, 27), "", [
                      "Kenmerk 22.0000557, versie 2022-1. De Nota van Inlichtingen van 4 september 2020 is in deze versie verwerkt.",
                      "Demodocument: de volledige tekst staat in de Woo-publicatie (003, r. 129-3963).",
                  ]),
              ], 1)
    _document(a, "perceelbeschrijving-tussenvoorziening", ProcedureDocument.Soort.PROGRAMMA_VAN_EISEN,
              "Opdrachtaankondiging en perceelbeschrijving Tussenvoorziening", [
                  (date(2023, 5, 23), "", [
                      "Sluitingstermijn inschrijving: 23-06-2023 10:00; opening 11:00 te Bussum (003 r. 4480-4504).",
                  ]),
                  (date(2023, 6, 13), "Rectificatie: de sluitingstermijn is verschoven van 23-06-2023 10:00 naar 30-06-2023 10:00 (003 r. 4806-4820).", [
                      "Sluitingstermijn inschrijving: 30-06-2023 10:00; opening 11:00 te Bussum (003 r. 4806-4820).",
                  ]),
              ], 2)
    ProcedureWijziging.objects.get_or_create(
        aanbesteding=a, soort=ProcedureWijziging.Soort.NVI,
        omschrijving="Nota van Inlichtingen van 4 september 2020 verwerkt in het Geïntegreerd Toelatingsdocument (versie 2022-1).",
        defaults={"datum": _moment(date(2020, 9, 4), 12)},
    )
    stdout.write(f"  aanbesteding: {a} met {a.percelen.count()} percelen en {Product.objects.filter(perceel__aanbesteding=a).count()} producten")
    return a


def _mlo(stdout) -> Aanbesteding:
    lt = mlo.LOOPTIJD
    a = _procedure(
        MLO_SLUG, bron=mlo.PROCEDURE, regio_bron=REGIO_MLO, titel=mlo.PROCEDURE["naam"], dossier=mlo.PROCEDURE["code"],
        status=Aanbesteding.Status.OPEN, toetreding=Aanbesteding.Toetreding.CONTINU,
        # 002: from 1-1-2020 "until 1-1-2021": the last day in force is 31-12-2020.
        start=lt["ingang"], einde=lt["einddatum"] - timedelta(days=1),
        samenvatting=(
            "Uitvoeringsovereenkomst Gespecialiseerde Jeugdhulp 2020 van de gemeenten Echt-Susteren, Maasgouw, "
            "Roerdalen en Roermond, onder de basisovereenkomst; doorlopend toetreden (002)."
        ),
        verlenging_jaren=lt["verlenging_jaren"],
        verlenging_toelichting="Telkens met één jaar, door de Gemeente drie maanden vóór het einde schriftelijk voorgelegd (002 art. 3).",
    )
    percelen = {}
    for volgorde, p in enumerate(mlo.PERCELEN):
        percelen[p["code"]], _ = Perceel.objects.update_or_create(
            aanbesteding=a, code=p["hoofdstuk"],
            defaults={"naam": p["naam"], "omschrijving": p["omschrijving"], "domein": "jeugd", "volgorde": volgorde},
        )
    for volgorde, p in enumerate(mlo.PRODUCTEN):
        Product.objects.update_or_create(
            perceel=percelen[p["perceel"]], code=p["code"],
            defaults={
                "categorie": p["categorie"], "naam": p["naam"], "eenheid": p["eenheid"], "frequentie": p["frequentie"],
                "minimale_kwalificatie": p.get("min_kwalificatie") or "", "volgorde": volgorde,
                "omschrijving": p.get("onderdeel") or "",
            },
        )
    for m in mlo.TOETREDINGSMOMENTEN:
        Toetredingsmoment.objects.update_or_create(
            aanbesteding=a, naam=m["naam"], defaults={"soort": "continu", "opent_op": _moment(lt["ingang"])}
        )
    stdout.write(f"  aanbesteding: {a} met {a.percelen.count()} percelen en {Product.objects.filter(perceel__aanbesteding=a).count()} producten")
    return a


# --- eisen (moved here from inschrijving's demo: aanbesteding owns Eis) -------------------------------------


def bron_aanbesteding(bron: dict, *titels: str) -> Aanbesteding | None:
    """The demo procedure that a source module describes (by dossier number, else by title); also used by the
    demo builders of the apps above aanbesteding."""
    dossier = bron.get("dossier") or bron.get("code")
    q = Q(dossiernummer=dossier) if dossier else Q(pk__in=[])
    for titel in titels:
        q |= Q(titel__icontains=titel)
    return Aanbesteding.objects.filter(q).order_by("pk").first()


def bron_perceel(aanbesteding: Aanbesteding, code: str, naam: str = "") -> Perceel | None:
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
    a = bron_aanbesteding(gooi.PROCEDURE, "Jeugdhulp Voorzieningen")
    if a is None:
        stdout.write("  aanbesteding: Gooi-procedure (SD005) niet gevonden; eisen overgeslagen.")
        return None
    aantal = 0
    for volgorde, bron in enumerate(gooi.EISEN, start=1):
        codes = bron.get("percelen") or (None,)
        for code in codes:
            perceel = bron_perceel(a, code) if code else None
            if code and perceel is None:
                stdout.write(f"  aanbesteding: perceel {code} ontbreekt in {a}; eis {bron['code']} overgeslagen.")
                continue
            _eis(a, perceel, bron, volgorde * 10, bron["code"] in PER_LID)
            aantal += 1
    stdout.write(f"  aanbesteding: {aantal} eisen voor {a} (003b §5).")
    return a


def _eisen_mlo(stdout) -> None:
    a = bron_aanbesteding(mlo.PROCEDURE, "Gespecialiseerde Jeugdhulp")
    if a is None:
        stdout.write("  aanbesteding: MLO-procedure niet gevonden; perceeleisen overgeslagen.")
        return
    namen = {p["code"]: p["naam"] for p in mlo.PERCELEN}
    aantal = 0
    for volgorde, bron in enumerate(mlo.PERCEEL_EISEN, start=1):
        perceel = None
        if bron["perceel"]:
            perceel = bron_perceel(a, bron["perceel"], namen.get(bron["perceel"], ""))
            if perceel is None:
                stdout.write(f"  aanbesteding: MLO-perceel {bron['perceel']} ontbreekt; eis {bron['code']} overgeslagen.")
                continue
        _eis(a, perceel, bron, volgorde * 10, False)
        aantal += 1
    stdout.write(f"  aanbesteding: {aantal} toegangseisen voor {a} (002 §5).")


def eisen_laden(stdout) -> None:
    """The eisen of the Gooi and MLO procedures, found by dossier number or title (idempotent by code)."""
    _eisen_gooi(stdout)
    _eisen_mlo(stdout)


def laad(stdout):
    _gooi(stdout)
    _mlo(stdout)
    eisen_laden(stdout)

