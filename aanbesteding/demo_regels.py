"""Demo: Gooi's lot rules and subcontracting caps (issue 19), from bronnen/gooi.py. Runs after aanbesteding/demo.py
(cms demo_data command); idempotent: rules are found by (perceel, soort, toelichting), fields are set to the
source's values, so a second run changes nothing.

- "één van": inschrijvers voor Verblijf also bid on 5.1 and/or 5.2 (003 r.512; PERCEEL_AFHANKELIJKHEDEN
  "vereist_een_van");
- "minimaal": 5.3 needs >= 2 extra ambulant and >= 2 residential lots (003 r.514-520; "min_aantal_uit");
- "locatie": 5.3 "een standplaats binnen de regiogemeenten" (003 r.514) and 5.10.1 "binnen de gemeentegrenzen van
  Hilversum, Huizen, Blaricum, Laren, Wijdemeren of Gooise Meren" (003 r.4632; "locatie_in_gemeenten");
- caps: at most 3 derden, 2 onderaannemers (none on 5.3; 5.7, 5.8 and 5.9 exempt), zzp 10 %, onderaanneming
  20 % (003 r.665-691; REGELS).
"""

from __future__ import annotations

from decimal import Decimal

from bronnen import gooi

from .demo import bron_aanbesteding
from .models import Aanbesteding, Perceel, Perceelregel

# 003 r.514: "dat Opdrachtnemer een standplaats binnen de regiogemeenten heeft" (bronnen/gooi.py records it only in
# the toelichting of the 5.3 entry, not as locatie_in_gemeenten).
STANDPLAATS_IN_REGIO = {"5.3": "003 r.514"}

# How a group of lots is named in the messages, by the main lot of bronnen/gooi.py PERCELEN ("hoofdperceel").
_GROEPSNAAM = {"ambulant": "ambulante percelen", "verblijf": "verblijfspercelen"}


def _groepsnaam(perceelcode: str, groep: tuple[str, ...]) -> str:
    hoofd = {p["code"]: p.get("hoofdperceel") for p in gooi.PERCELEN}
    soorten = {hoofd.get(c) for c in groep}
    if len(soorten) != 1 or next(iter(soorten)) not in _GROEPSNAAM:
        return ""
    soort = next(iter(soorten))
    # "minimaal twee (2) extra ambulante" (r.514): extra when the lot itself belongs to the same main lot.
    return ("extra " if hoofd.get(perceelcode) == soort else "") + _GROEPSNAAM[soort]


def _regel(perceel: Perceel, soort: str, groep: list[Perceel], *, aantal: int = 1, toelichting: str = "",
           bron: str = "") -> bool:
    """Create or align one rule; True when something changed."""
    regel, nieuw = Perceelregel.objects.get_or_create(
        perceel=perceel, soort=soort, toelichting=toelichting[:255], defaults={"aantal": aantal, "bron": bron[:100]}
    )
    gewijzigd = nieuw
    if (regel.aantal, regel.bron) != (aantal, bron[:100]):
        regel.aantal, regel.bron = aantal, bron[:100]
        regel.save(update_fields=["aantal", "bron"])
        gewijzigd = True
    if set(regel.percelen.values_list("pk", flat=True)) != {p.pk for p in groep}:
        regel.percelen.set(groep)
        gewijzigd = True
    return gewijzigd


def _caps(a: Aanbesteding, percelen: dict[str, Perceel]) -> int:
    r = gooi.REGELS
    waarden = {
        "max_derden": r["max_derden"], "max_onderaannemers": r["max_onderaannemers"],
        "max_zzp_pct": Decimal(r["max_zzp_pct_fte"]), "max_onderaanneming_pct": Decimal(r["max_onderaanneming_pct_productie"]),
    }
    gewijzigd = 0
    if any(getattr(a, veld) != waarde for veld, waarde in waarden.items()):
        Aanbesteding.objects.filter(pk=a.pk).update(**waarden)
        gewijzigd += 1
    for codes, stand in ((r["onderaannemers_niet_toegestaan_percelen"], Perceel.Onderaanneming.VERBODEN),
                         (r["onderaannemers_limiet_uitgezonderd_percelen"], Perceel.Onderaanneming.VRIJ)):
        pks = [percelen[c].pk for c in codes if c in percelen and percelen[c].onderaanneming != stand]
        gewijzigd += Perceel.objects.filter(pk__in=pks).update(onderaanneming=stand)
    return gewijzigd


def _perceelregels(percelen: dict[str, Perceel], stdout) -> int:
    gewijzigd = 0
    for afh in gooi.PERCEEL_AFHANKELIJKHEDEN:
        for code in afh["percelen"]:
            perceel = percelen.get(code)
            if perceel is None:
                continue
            if afh["vereist_een_van"]:
                groep = [percelen[c] for c in afh["vereist_een_van"] if c in percelen]
                gewijzigd += _regel(perceel, Perceelregel.Soort.EEN_VAN, groep, toelichting=afh["toelichting"],
                                    bron=afh["bron"])
            for minimum in afh["min_aantal_uit"]:
                groep = [percelen[c] for c in minimum["percelen"] if c in percelen and c != code]
                gewijzigd += _regel(perceel, Perceelregel.Soort.MINIMAAL, groep, aantal=minimum["minimaal"],
                                    toelichting=_groepsnaam(code, minimum["percelen"]), bron="003 r.514-520")
            if afh.get("locatie_in_gemeenten"):
                gewijzigd += _regel(perceel, Perceelregel.Soort.LOCATIE, [], bron=afh["bron"].split(",")[0])
                _controleer_gemeenten(perceel, afh["locatie_in_gemeenten"], stdout)
    for code, bron in STANDPLAATS_IN_REGIO.items():
        if code in percelen:
            gewijzigd += _regel(percelen[code], Perceelregel.Soort.LOCATIE, [], bron=bron)
    return gewijzigd


def _controleer_gemeenten(perceel: Perceel, namen, stdout) -> None:
    """The location rule accepts the region's municipalities of the perceel's domain; say so when the source's
    list differs (for 5.10.1 it is exactly Gooi's six Jeugd municipalities: Eemnes buys Wmo only, 003 r.5070)."""
    from organisaties.models import Gemeente

    regio = Gemeente.objects.filter(regio_id=perceel.aanbesteding.regio_id, doet_mee_jeugd=True)
    if set(regio.values_list("naam", flat=True)) != set(namen):
        stdout.write(f"  let op: de locatie-eis van {perceel.code} noemt {', '.join(namen)}; de regel accepteert de "
                     f"Jeugd-gemeenten van de regio.")


def laad(stdout) -> None:
    a = bron_aanbesteding(gooi.PROCEDURE, "Jeugdhulp Voorzieningen")
    if a is None:
        stdout.write("  perceelregels: Gooi-procedure (SD005) niet gevonden; overgeslagen.")
        return
    percelen = {p.code: p for p in a.percelen.all()}
    gewijzigd = _caps(a, percelen) + _perceelregels(percelen, stdout)
    stdout.write(f"  perceelregels: {Perceelregel.objects.filter(perceel__aanbesteding=a).count()} regels en de grenzen "
                 f"voor onderaanneming in {a} ({gewijzigd} gewijzigd).")
