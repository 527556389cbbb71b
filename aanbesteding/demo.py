"""Demo data of aanbesteding (issue 3): the Gooi en Vechtstreek procedure "Jeugdhulp Voorzieningen"
(SD005, `003a`) and the MLO "Gespecialiseerde Jeugdhulp 2020" (`002`), from the extracted sources in
``bronnen``. Idempotent: natural keys (slug, codes) with update_or_create.

Runs after organisaties.demo (regions, municipalities, the regional bureaus exist). The eisen of both procedures
(003b §5, Programma van Eisen ch. 9, TD ch. 3; the MLO perceel entry requirements, 002 §5) are seeded here too:
Eis belongs to aanbesteding (one owner per table, ADR 0009); inschrijving's demo answers them.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db.models import Q

from bronnen import gooi, mlo
from bronnen.regio import REGIO_GOOI, REGIO_MLO
from core.kalender import TZ
from core.pdf import eenvoudige_pdf
from organisaties.models import Gemeente, Organisatie, Regio, User
from organisaties.rollen import rollen_met_recht

from . import eisimport
from .models import (
    Aanbesteding,
    DeelnemendeGemeente,
    Documentsoort,
    DocumentVersie,
    Eis,
    Omrekentabel,
    Perceel,
    PerceelAfhankelijkheid,
    ProcedureDocument,
    ProcedureWijziging,
    Product,
    Productafhankelijkheid,
    Productintensiteit,
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
# likewise belong to each member. (The Programma van Eisen, "Eis 1" ... "Eis 90", comes through the import.)
PER_LID = {"Formulier E", "Formulier E / art. 2.86", "Formulier E / art. 2.87", "TD 3.1 bewijs", "TD 2.7"}


# The sources' own spelling where the demo keeps a tidy name (issue 19). MLO: the product tables of 002 write
# "Begeleiding individueel- licht" (bronnen.mlo strips the hyphen); the lines are those of the tables.
MLO_NAAM_BRON = {
    "45A04": "Begeleiding individueel- licht",  # 002 r.695
    "45A05": "Begeleiding individueel- midden",  # 002 r.696
    "45A06": "Begeleiding individueel- zwaar",  # 002 r.697
    "45A66": "Behandeling individueel- licht",  # 002 r.785
    "45A67": "Behandeling individueel- midden",  # 002 r.786
    "45A68": "Behandeling individueel- zwaar",  # 002 r.787
    "54001": "Behandeling individueel- licht JGGZ",  # 002 r.788
    "54002": "Behandeling individueel- zwaar JGGZ",  # 002 r.789
    "54003": "Behandeling individueel- Diagnostiek",  # 002 r.790
    "41A11": "Behandeling groep- licht",  # 002 r.791
    "41A12": "Behandeling groep- midden",  # 002 r.792
    "41A13": "Behandeling groep- zwaar",  # 002 r.793
    "41A15": "Behandeling groep- midden JGGZ",  # 002 r.794
    "41A16": "Behandeling groep- zwaar JGGZ",  # 002 r.795
    "41A22": "Begeleiding groep- licht",  # 002 r.943
    "41A18": "Begeleiding groep- licht LZA",  # 002 r.944
    "41A23": "Begeleiding groep- midden",  # 002 r.945
    "41A24": "Begeleiding groep- zwaar",  # 002 r.946
    "54004": "Behandeling individueel Dyslexie diagnose",  # 002 r.979
    "54005": "Behandeling individueel Dyslexie behandeling",  # 002 r.980
    "43A51": "Verblijf behandeling- licht VG",  # 002 r.1037
    "43A54": "Verblijf behandeling- licht LVG",  # 002 r.1038
    "43A52": "Verblijf behandeling- midden",  # 002 r.1039
    "43A56": "Verblijf behandeling- zwaar JmB",  # 002 r.1040
    "45A58": "Verblijf behandeling- Zwaar MFC",  # 002 r.1041
    "54010": "Verblijf behandeling- licht JGGZ",  # 002 r.1042
    "54012": "Verblijf behandeling- midden JGGZ",  # 002 r.1043
    "54013": "Verblijf behandeling- Zwaar JGGZ",  # 002 r.1044
    "54014": "Verblijf behandeling- Zwaar extra intensief JGGZ",  # 002 r.1045
    "54015": "Verblijf behandeling- Zwaar zeer intensief JGGZ",  # 002 r.1046
    "43A41": "Logeren- Licht/ midden etmaal",  # 002 r.1151
    "44A33": "Logeren- Licht/ midden dagdeel",  # 002 r.1152
    "43A42": "Logeren- Zwaar etmaal",  # 002 r.1153
    "44A34": "Logeren- Zwaar dagdeel",  # 002 r.1154
    "43A35": "Verblijf begeleiding- licht JmB",  # 002 r.1184
    "43A36": "Verblijf begeleiding- midden JmB",  # 002 r.1185
    "43A37": "Verblijf begeleiding- Zwaar Beschermd Wonen",  # 002 r.1186
    "43A38": "Verblijf begeleiding- Zwaar Beschermd Wonen Plus",  # 002 r.1187
    "43A20": "Verblijf begeleiding- licht JGGZ",  # 002 r.1188
    "43A21": "Verblijf begeleiding- midden JGGZ",  # 002 r.1189
    "43A15": "Verblijf begeleiding- Licht Pleegzorg J&O",  # 002 r.1190
    "43A16": "Verblijf begeleiding- Midden Kamer training centrum J&O",  # 002 r.1191
    "43A17": "Verblijf begeleiding- Midden gezinshuis J&O",  # 002 r.1192
    "43A18": "Verblijf begeleiding- Zwaar leefgroep J&O",  # 002 r.1193
    "43A19": "Verblijf begeleiding- Zwaar fasehuis J&O",  # 002 r.1194
}
# Gooi: where 003 names a product otherwise than the tidy demo name.
GOOI_NAAM_BRON = {
    "42A06": "Vervoer: outputgericht (middel)",  # 003 r.2149
    "44A18": "toeslag crisis",  # 003 r.2358
    "44A19": "toeslag jeugdige met beperking",  # 003 r.2360
    "44A20": "toeslag > 3 kinderen",  # 003 r.2362
}
# Gooi intensities that its tariffs use (bronnen.gooi.TARIEVEN keys, "_" read as a space as _tarieven does).
GOOI_INTENSITEITEN = {
    "43B03": [
        # 003 r.5328: "gelijk aan het product Behandelen en Leefgroepen (Intensiteit: zwaar) en ... (Extra zwaar)".
        ("zwaar", "Zwaar", "Gelijk aan Behandelen en Leefgroepen, intensiteit zwaar (003 r.5328)."),
        ("extra zwaar", "Extra zwaar", "Gelijk aan Behandelen en Leefgroepen, intensiteit extra zwaar (003 r.5328)."),
    ],
    "43B19": [
        # 003 r.1800: the day tariff is built from the basic provision and the supporting treatment.
        ("basis", "Basisvoorziening", "Het dagtarief van de basisvoorziening (003 r.1800)."),
        ("ondersteunende behandeling", "Ondersteunende behandeling", "Toeslag voor ondersteunende behandeling (003 r.1800)."),
    ],
}
# The MLO logeren products (002 PB 7.1, r.1151-1154) that the conversion table concerns.
MLO_LOGEREN = ("43A41", "44A33", "43A42", "44A34")


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
                    "volgorde": volgorde, "naam_bron": GOOI_NAAM_BRON.get(p["code"], ""),
                    # 43B03 exists from 1-1-2024 (003b r.207); the others from the start of the procedure.
                    "geldig_vanaf": p.get("geldig_vanaf"),
                },
            )
            for volgorde_i, (code, naam, toelichting) in enumerate(GOOI_INTENSITEITEN.get(p["code"], ())):
                Productintensiteit.objects.update_or_create(
                    product=product, code=code, defaults={"naam": naam, "omschrijving": toelichting, "volgorde": volgorde_i},
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
    producten = {}
    for volgorde, p in enumerate(mlo.PRODUCTEN):
        producten[p["code"]], _ = Product.objects.update_or_create(
            perceel=percelen[p["perceel"]], code=p["code"],
            defaults={
                "categorie": p["categorie"], "naam": p["naam"], "eenheid": p["eenheid"], "frequentie": p["frequentie"],
                "minimale_kwalificatie": p.get("min_kwalificatie") or "", "volgorde": volgorde,
                "omschrijving": p.get("onderdeel") or "", "naam_bron": MLO_NAAM_BRON.get(p["code"], ""),
            },
        )
    _mlo_productregels(a, producten)
    for m in mlo.TOETREDINGSMOMENTEN:
        Toetredingsmoment.objects.update_or_create(
            aanbesteding=a, naam=m["naam"], defaults={"soort": "continu", "opent_op": _moment(lt["ingang"])}
        )
    stdout.write(f"  aanbesteding: {a} met {a.percelen.count()} percelen en {Product.objects.filter(perceel__aanbesteding=a).count()} producten")
    return a


def _mlo_productregels(a: Aanbesteding, producten: dict[str, Product]) -> None:
    """The MLO product rules (issue 19), idempotent by their source line: "zwaar" needs "midden" (002 r.1033,
    bronnen.mlo.PRODUCT_AFHANKELIJKHEDEN) and the logeren conversion table with the four logeren products
    (002 r.1143-1155, bronnen.mlo.LOGEREN_OMREKENING)."""
    for regel in mlo.PRODUCT_AFHANKELIJKHEDEN:
        afh, _ = Productafhankelijkheid.objects.update_or_create(
            aanbesteding=a, bron=regel["bron"],
            defaults={"toelichting": "Een aanbieder die verblijf met behandeling zwaar levert, levert ook midden "
                                     "(002 r.1033: 'behandelgroep zwaar' vereist 'behandelgroep midden')."},
        )
        afh.producten.set([producten[c] for c in regel["als_een_van"]])
        afh.vereist.set([producten[c] for c in regel["vereist"]])
    tabel, _ = Omrekentabel.objects.update_or_create(
        aanbesteding=a, bron="002 r.1143-1155",
        defaults={
            "naam": "Logeren: duur in etmalen en dagdelen", "rijen": mlo.LOGEREN_OMREKENING,
            "toelichting": "Logeren etmaal is 24 uur; logeren dagdeel verlengt een etmaal met 4 uur. Tot en met 26 "
                           "uur valt onder één etmaal (bij een logeerperiode langer dan een etmaal geldt de + 2 uur "
                           "eenmaal voor de hele periode).",
        },
    )
    tabel.producten.set([producten[c] for c in MLO_LOGEREN])


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
    # The source reference is for staff only (issue 12): in ``bron``, not in the toelichting a provider reads.
    toelichting = ""
    if bron.get("op_verzoek"):
        toelichting = "Het bewijs wordt op verzoek gevraagd; u kunt het nu al meesturen. " + toelichting
    if bron.get("peilmoment") == "indiensttreding":
        toelichting = "De leeftijd geldt bij indiensttreding van de medewerker. " + toelichting
    toelichting = toelichting.strip()
    eis, _ = Eis.objects.update_or_create(
        aanbesteding=aanbesteding, perceel=perceel, code=bron["code"],
        defaults={
            "tekst": bron["tekst"], "toelichting": toelichting, "bron": bron.get("bron", "")[:100],
            "titel": bron.get("titel", ""), "verklaring": bron.get("verklaring", ""), "soort": bron["soort"],
            "antwoordtype": bron["antwoordtype"], "knock_out": bron.get("knock_out", True),
            "max_woorden": bron.get("max_woorden"), "documentsoort": documentsoort,
            "max_leeftijd_maanden": bron.get("max_leeftijd_maanden"), "per_lid": per_lid, "volgorde": volgorde,
        },
    )
    return eis


def _importeur(a: Aanbesteding) -> User | None:
    """The staff member who imports the demo's eisen: one whose role may change eisen in the procedure's region
    (the regional inkoper, inkoper@gooi.example, sorts first). The import checks that right itself."""
    rollen = rollen_met_recht(eisimport.RECHT) & rollen_met_recht("aanbesteding.add_eis")
    return (User.objects.filter(is_active=True, regiorollen__rol__in=rollen)
            .filter(Q(regiorollen__regio=a.regio) | Q(regiorollen__regio__isnull=True)).order_by("email").first())


def _pve_importeren(a: Aanbesteding, stdout) -> None:
    """The 90 eisen of the Gooi Programma van Eisen (003 r.2981-3097), loaded through the bulk import as a bureau
    would load them (issue 12): one row per eis and per perceel for the accommodation eisen 76-79. Idempotent:
    the import matches perceel + code, so a second run finds every row unchanged and writes nothing."""
    door = _importeur(a)
    if door is None:
        stdout.write("  aanbesteding: geen inkoper met rechten op de eisen in de regio; Programma van Eisen overgeslagen.")
        return
    with gooi.PVE_EISEN_CSV.open("rb") as f:
        inlezing = eisimport.lees_bestand(File(f, name=gooi.PVE_EISEN_CSV.name))
    try:
        aantallen = eisimport.eisen_importeren(
            aanbesteding=a, rijen=inlezing.rijen, kolommen=inlezing.kolommen, door=door,
            bestandsnaam=inlezing.bestandsnaam, sha256=inlezing.sha256,
        )
    except ValidationError as fout:  # e.g. a demo database whose eisen were frozen before this file changed
        stdout.write(f"  aanbesteding: Programma van Eisen niet geïmporteerd: {' '.join(fout.messages)}")
        return
    codes = len({r["code"] for r in inlezing.rijen})
    stdout.write(f"  aanbesteding: Programma van Eisen geïmporteerd ({codes} eisen, {len(inlezing.rijen)} rijen): "
                 f"{aantallen['nieuw']} nieuw, {aantallen['gewijzigd']} gewijzigd, {aantallen['ongewijzigd']} ongewijzigd.")


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
    stdout.write(f"  aanbesteding: {aantal} eisen uit het Toelatingsdocument voor {a} (003 hoofdstuk 3 en 5).")
    _pve_importeren(a, stdout)
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

