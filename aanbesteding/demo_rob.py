"""Demo data of the ROB Rijk van Nijmegen (issue 19): the four 2025 contracts of seed 000 (Jeugd ambulant,
Specialistische jeugdhulp, Essentiële Functies, Wmo-begeleiding) with their percelen, the product book as far as 000
gives codes (no tariffs: 000 has none), the samenloop rules and the published documents, from ``bronnen.rob``.

Idempotent: natural keys (slug, perceel code, product code, rule order) with update_or_create. Runs after
organisaties.demo (the region, its seven municipalities and the bureau exist) and aanbesteding.demo.
"""

from django.db.models import Q

from bronnen import rob

from .demo import _document, _moment, _procedure
from .models import (
    Aanbesteding,
    Bekostiging,
    Perceel,
    ProcedureDocument,
    Product,
    Samenloopregel,
    Toetredingsmoment,
)

TOETREDING = {
    "continu": Aanbesteding.Toetreding.CONTINU,
    "gesloten": Aanbesteding.Toetreding.GESLOTEN,
    "vensters": Aanbesteding.Toetreding.VENSTERS,
}
DOCUMENTSOORT = {
    "productenboek": ProcedureDocument.Soort.PRODUCTENBOEK,
    "inkoopdocument": ProcedureDocument.Soort.INKOOPDOCUMENT,
    "overig": ProcedureDocument.Soort.OVERIG,
}


def _procedures() -> dict[str, Aanbesteding]:
    procedures = {}
    for p in rob.PROCEDURES:
        procedures[p["slug"]] = _procedure(
            p["slug"], bron=p, regio_bron=rob.REGIO, titel=p["naam"], dossier=p["dossier"],
            status=Aanbesteding.Status.OPEN, toetreding=TOETREDING[p["toetreding"]], start=p["start"], einde=p["einde"],
            samenvatting=p["samenvatting"],
        )
    return procedures


def _percelen(procedures) -> dict[str, Perceel]:
    percelen = {}
    for volgorde, p in enumerate(rob.PERCELEN):
        percelen[p["code"]], _ = Perceel.objects.update_or_create(
            aanbesteding=procedures[p["procedure"]], code=p["code"],
            defaults={
                "naam": p["naam"], "omschrijving": p["omschrijving"], "domein": p.get("domein", "jeugd"),
                "volgorde": volgorde, "productkeuze": p.get("productkeuze", False),
            },
        )
    return percelen


def _omschrijving(p: dict) -> str:
    delen = [p.get("omschrijving") or ""]
    if p.get("naam_oud") and p["naam_oud"] not in delen[0]:
        delen.append(f"Tot en met 2024: {p['naam_oud']}.")
    return " ".join(d for d in delen if d)


def _producten(percelen) -> dict[tuple[str, str], Product]:
    """All products; the key is (perceel code, product code) because 02A03/02A05 sit in several percelen."""
    producten = {}
    for volgorde, p in enumerate(rob.PRODUCTEN):
        for perceelcode in p["percelen"]:
            perceel = percelen[perceelcode]
            # New in 2025: valid from the contract start; dropped: valid until 31-12-2024 (the 2024 book), so the
            # 2025 book lists it as dropped next to its successor.
            vanaf = p.get("geldig_vanaf") or (rob.START if p["status"] == "nieuw" else None)
            producten[perceelcode, p["code"]], _ = Product.objects.update_or_create(
                perceel=perceel, code=p["code"],
                defaults={
                    "categorie": p["code"][:2], "naam": p["naam"], "naam_bron": p.get("naam_bron") or "",
                    "eenheid": p["eenheid"], "frequentie": p["frequentie"], "omschrijving": _omschrijving(p),
                    "bekostiging": Bekostiging.PXQ, "beperking": p.get("beperking") or "",
                    "geldig_vanaf": vanaf, "geldig_tot": p.get("geldig_tot"),
                    "voorganger_code": p.get("voorganger_code") or "", "volgorde": volgorde,
                },
            )
    # Predecessors inside the same book (45A65 follows the dropped 35502, 000 r. 276), once all exist.
    for p in rob.PRODUCTEN:
        if p.get("voorganger"):
            for perceelcode in p["percelen"]:
                voorganger = producten.get((perceelcode, p["voorganger"])) or next(
                    v for (_, code), v in producten.items() if code == p["voorganger"]
                )
                Product.objects.filter(pk=producten[perceelcode, p["code"]].pk).update(voorganger=voorganger)
    return producten


def _zoek(procedures, producten, slug: str, codes) -> list[Product]:
    """The products with ``codes``: first in the rule's own procedure, else in another ROB procedure (45A04/45A05
    of Jeugd ambulant in a rule of Specialistische jeugdhulp)."""
    eigen = procedures[slug].pk
    gevonden = []
    for code in codes:
        kandidaten = [v for (_, c), v in producten.items() if c == code]
        in_eigen = [v for v in kandidaten if v.perceel.aanbesteding_id == eigen]
        gevonden.extend(in_eigen or kandidaten)
    return gevonden


def _samenloop(procedures, producten) -> int:
    for volgorde, r in enumerate(rob.SAMENLOOP, start=1):
        regel, _ = Samenloopregel.objects.update_or_create(
            aanbesteding=procedures[r["procedure"]], volgorde=volgorde,
            defaults={"soort": r["soort"], "voorwaarde": r["voorwaarde"], "toelichting": r["toelichting"],
                      "bron": r["bron"]},
        )
        regel.producten.set(_zoek(procedures, producten, r["procedure"], r["producten"]))
        regel.met_producten.set(_zoek(procedures, producten, r["procedure"], r["met"]))
    return len(rob.SAMENLOOP)


def _documenten(procedures) -> None:
    """The publications of 000 r. 16-24 on the procedures they belong to (demo PDFs, published on their date)."""
    jeugd = ("rob-jeugd-ambulant-2025", "rob-specialistische-jeugdhulp-2025")
    for slug, ab in procedures.items():
        for volgorde, pub in enumerate(rob.PUBLICATIES, start=1):
            if pub["soort"] == "productenboek" and slug not in jeugd:
                continue
            regels = [f"Gepubliceerd op de ROB-website ({pub['bron']}).",
                      "Demodocument: de volledige tekst staat op robregionijmegen.nl."]
            if pub.get("url"):
                regels.append(pub["url"])
            _document(ab, f"rob-{pub['soort']}-{volgorde}", DOCUMENTSOORT[pub["soort"]], pub["titel"],
                      [(pub["datum"], "", regels)], volgorde)


def _toetredingsmomenten(procedures) -> None:
    # Specialistische jeugdhulp: new providers and new offers during the term (000 r. 41-43, r. 221).
    for ab in procedures.values():
        if ab.toetreding == Aanbesteding.Toetreding.CONTINU:
            Toetredingsmoment.objects.update_or_create(
                aanbesteding=ab, naam="Doorlopende toetreding specialistische jeugdhulp",
                defaults={"soort": Toetredingsmoment.Soort.CONTINU, "opent_op": _moment(ab.looptijd_start)},
            )


def rob_procedures():
    """The ROB demo procedures (for the demo builders of the apps above aanbesteding)."""
    return Aanbesteding.objects.filter(slug__in=[p["slug"] for p in rob.PROCEDURES]).order_by("pk")


def laad(stdout):
    procedures = _procedures()
    percelen = _percelen(procedures)
    producten = _producten(percelen)
    regels = _samenloop(procedures, producten)
    _toetredingsmomenten(procedures)
    _documenten(procedures)
    aantal = Product.objects.filter(perceel__aanbesteding__in=procedures.values()).count()
    zonder_tarief = Product.objects.filter(perceel__aanbesteding__in=procedures.values()).filter(
        Q(tarieven__isnull=True)).count()
    stdout.write(f"  aanbesteding: ROB Rijk van Nijmegen, {len(procedures)} procedures, {len(percelen)} percelen, "
                 f"{aantal} producten ({zonder_tarief} zonder tarief: 000 noemt geen bedragen), {regels} samenloopregels")
    return procedures

