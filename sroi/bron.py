"""Turn the extracted source data (bronnen/sroi.py: REGIME_MLO from 002, REGIME_GOOI from 003b) into what
services.regime_laden stores. Data, not code: the values live in the bronnen module; this only maps names.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.text import slugify

from bronnen import sroi as _bron

from . import berekening as b

_METHODEN = {
    "vast_per_fte_jaar": b.JAARBEDRAG,
    "vast_bedrag": b.PER_STUK,
    "per_maand": b.PER_MAAND,
    "per_uur": b.PER_UUR,
    "per_dagdeel": b.PER_DAGDEEL,
    "loon_plus_opslag": b.LOON_OPSLAG,
    "factuurwaarde": b.FACTUURWAARDE,
}
# The bouwblokken the 55+ supplement is added to: "€ 5.000,= extra op bovenstaand bedrag" (003b Bijlage VII B),
# i.e. the benefit rows above it in the table, not BBL/BOL/WSW/MVO below it.
_MET_55_PLUS = {"WWB_LT2", "WWB_GT2", "WW_LT1", "WW_GT1", "WIA_WAO", "WAJONG"}

# Regime settings per source. Where a source is silent the value is marked "aanname".
_REGIME_INSTELLINGEN = {
    "mlo": {
        "naam": "Social Return MLO (Uitvoeringsovereenkomst art. 17, Bijlage 4)",
        "is_inspanningsverplichting": False,
        "grondslag": b.GRONDSLAG_VORIG_JAAR,  # aanname: 002 §4 "Ambiguity"; the inferred worked example uses it
        "overschot_verrekenen": True,  # 002 art. 17.3
        "tekort_gevolg": "overleg_boete",  # 002 art. 17.4, B4 Fase II c
        "rapportage_ritme": "kwartaal",  # B4 Fase II a
        "afspraak_termijn_dagen": 7,  # B4 Fase I b: binnen 7 dagen na gunning
        "plan_goedkeuren_dagen": None,
        "plan_max_paginas": None,
    },
    "gooi": {
        "naam": "Maatschappelijke waarde Gooi en Vechtstreek (Eis 56, Bijlage VII)",
        "is_inspanningsverplichting": True,  # Bijlage VII A
        "grondslag": b.GRONDSLAG_WERKELIJK,  # "daadwerkelijk geleverde jaaromzet" (Eis 56)
        "overschot_verrekenen": False,  # not in the source
        "tekort_gevolg": "overleg",  # "treden partijen met elkaar in gesprek" (Bijlage VII A)
        "rapportage_ritme": "halfjaar",  # tussen- en eindevaluatie
        "afspraak_termijn_dagen": 14,  # contact binnen 2 weken na ondertekening
        "plan_goedkeuren_dagen": 21,  # goedkeuring binnen 3 weken
        "plan_max_paginas": 2,  # maximaal 2 A4-tjes
    },
}


def _regel(w: dict, *, mlo: bool) -> dict:
    methode = _METHODEN[w["waarderingswijze"]]
    if methode == b.PER_STUK and w["bedrag"] is None:
        # MLO D "overig": the value is set by the contactpersoon (002 B4 D); the provider states an amount,
        # the SROI-adviseur confirms or sets it on approval.
        methode = b.FACTUURWAARDE
    return {
        "code": slugify(w["code"].replace("_", "-")),
        "categorie": w["categorie"] if mlo else w["naam"],
        "naam": w["naam"],
        "methode": methode,
        "bedrag": w["bedrag"] or Decimal("0"),
        "opslag_percentage": w.get("opslag_pct") or Decimal("0"),
        "maandbedrag": w.get("extra_per_maand") or Decimal("0"),
        "min_aantal": w.get("min_uren"),
        "max_aantal": w.get("max_uren"),
        "vereist_goedkeuring": w["vooraf_goedkeuren"],
        "toeslag_55_plus_mogelijk": w["code"] in _MET_55_PLUS,
        "bewijs": w.get("bewijs") or "",
        "toelichting": " ".join(x for x in (w.get("duur") or "", w.get("opmerking") or "", w.get("bron") or "") if x)[:500],
    }


def laaddata(code: str, *, geldig_vanaf: date, versie: str | None = None) -> dict:
    """The regime, target groups and valuation table of source ``code`` ("mlo" or "gooi") for regime_laden."""
    bron = {r["code"]: r for r in _bron.REGIMES}[code]
    mlo = code == "mlo"
    waarderingen = bron["waarderingen"]
    toeslag = next((w["bedrag"] for w in waarderingen if w.get("is_toeslag")), None)
    regime = {
        **_REGIME_INSTELLINGEN[code],
        "versie": versie or str(geldig_vanaf.year),
        "geldig_vanaf": geldig_vanaf,
        "bron": bron["bron"],
        "drempel": bron["drempel_omzet_excl_btw"],
        "percentage": bron["percentage"],
        "eind_termijn_aantal": bron.get("eindrapportage_binnen_maanden_na_einde") or 1,  # Gooi: aanname
        "eind_termijn_eenheid": "maanden",
        "toelichting": f"Grondslag: {bron['percentage_grondslag']}.",
    }
    if mlo:
        doelgroepen = [{"code": d["code"], "naam": d["naam"], "omschrijving": d["omschrijving"]} for d in bron["doelgroepen"]]
    else:
        doelgroepen = [{"code": slugify(d.replace("/", "-").replace("+", "plus")), "naam": d} for d in bron["doelgroepen"]]
    tabel = {
        "naam": f"Waarderingstabel {'MLO' if mlo else 'bouwblokken Gooi'}",
        "versie": versie or str(geldig_vanaf.year),
        "geldig_vanaf": geldig_vanaf,
        "bron": bron["bron"],
        "toeslag_55_plus": toeslag,
        "regels": [_regel(w, mlo=mlo) for w in waarderingen if not w.get("is_toeslag")],
    }
    return {"regime": regime, "doelgroepen": doelgroepen, "tabellen": [tabel]}


BRONCODES = tuple(_REGIME_INSTELLINGEN)


def procedurecode(code: str) -> str:
    """The procedure's dossier number the source regime belongs to (MLO-GJH-2020, SD005)."""
    return {r["code"]: r for r in _bron.REGIMES}[code]["procedure"]
