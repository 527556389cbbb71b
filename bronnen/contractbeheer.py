"""Contractbeheer (issue 13): wat een gecontracteerde aanbieder tijdens de looptijd moet aanleveren en melden,
als data per procedure. Geladen door ``contractbeheer.services.regels_laden``.

- ``MLO``: ``seeds/002_87273fa9af0f0a6f.txt`` Basisovereenkomst B1 art. 27 (r. 428-431), 29 (r. 434), 30.2
  (r. 437-441), 32-34 (r. 445-461), UOK art. 5.1 (r. 89-90); ``seeds/000_*.txt`` r. 717 (calamiteiten bij IGJ
  en gemeente).
- ``GOOI``: ``seeds/003_5d07a6ba2ca5bb74.txt`` Eis 53 (r. 3049), Eis 82-84 (r. 3088-3090), Eis 88 (r. 3095),
  Overeenkomst §13 (r. 3276-3278) en §2.5.7 Prestatieverklaring (r. 5185-5187).

Lezingen (ADR 0019):
- "vóór 1 april" is opgeslagen als de datum uit de bron (``voor``); de laatste dag op tijd is de dag ervoor.
- "onmiddellijk" (002 B1 27.1) en "direct" (003 Eis 88) lezen we als binnen 24 uur; "zo spoedig mogelijk ...
  in ieder geval indien surseance ... is aangevraagd" (002 B1 29) als uiterlijk de volgende werkdag.
- "uiterlijk op de volgende werkdag" (003 Eis 82-84) is 1 werkdag; "binnen twee (2) werkdagen" is 2 werkdagen.
- Precies € 50.000 valt in 002 B1 32.2 tussen "groter dan" en "kleiner dan"; we lezen "groter dan" strikt:
  € 50.000,00 → bestuursverklaring.
"""

from decimal import Decimal

from . import gooi, mlo

_PV = mlo.DREMPELS["productverantwoording_uiterlijk"]
_FV = mlo.DREMPELS["verantwoording_uiterlijk"]

MLO = {
    "regels": {
        "drempel_controleverklaring": mlo.DREMPELS["controleverklaring_omzet_per_gemeente"],  # B1 32.2 r. 447
        "informatieverzoek_werkdagen": 10,  # UOK 5.1 r. 89-90
        "onderzoek_reactie_kalenderdagen": 14,  # B1 33.2 en 33.4
        "bron": "002 B1 32-34, UOK 5.1",
    },
    "verantwoording": [
        {
            "soort": "productverantwoording", "naam": "Productverantwoording", "voor": (_PV["dag"], _PV["maand"]),
            "per_gemeente": True, "per_product": True, "bestand_verplicht": False,
            "toelichting": "Omzet en aantallen per product, specifiek voor de gemeente (het verplichte format "
                           "van B1 32.3 is het invulformulier of de sjabloonspreadsheet van het portaal).",
            "bron": "002 B1 32.1 r. 446",
        },
        {
            "soort": "financieel", "naam": "Verantwoording met controle- of bestuursverklaring",
            "voor": (_FV["dag"], _FV["maand"]),
            "per_gemeente": True, "per_product": False, "bestand_verplicht": True,
            "toelichting": "Boven € 50.000 omzet per gemeente een controleverklaring van een accountant (met een "
                           "paragraaf over informatiebeveiliging en privacy, B1 27.2), anders een "
                           "bestuursverklaring.",
            "bron": "002 B1 32.2 r. 447, B1 27.2",
        },
        {
            "soort": "klachten_innovatie", "naam": "Klachten en innovatie", "voor": (1, 4),
            "per_gemeente": False, "per_product": False, "bestand_verplicht": False,
            "toelichting": "Aantal klachten met een analyse van aard, trends en verbetermaatregelen, en uw "
                           "bijdrage aan transformatie en innovatie; hoort bij de jaarverantwoording.",
            "bron": "002 B1 34.1-34.3 r. 456-460",
        },
    ],
    "meldingen": [
        {
            "code": "calamiteit", "naam": "Calamiteit of geweld in de zorgrelatie", "termijn": (2, "werkdagen"),
            "ook_melden_aan": "Inspectie Gezondheidszorg en Jeugd (IGJ)",
            "toelichting": "Een melding aan de inspectie op grond van art. 4.1.8 Jeugdwet, met aard en inhoud.",
            "bron": "002 B1 30.2 r. 438; 000 r. 717",
        },
        {
            "code": "inspectie", "naam": "Verscherpt toezicht, aanwijzing of sanctie van de inspectie",
            "termijn": (2, "werkdagen"), "ook_melden_aan": "",
            "toelichting": "Ook een aanwijzing van de minister (art. 9.3 Jeugdwet) of een voornemen daartoe.",
            "bron": "002 B1 30.2 r. 439-441",
        },
        {
            "code": "informatiebeveiliging", "naam": "Informatiebeveiligings- of privacyincident",
            "termijn": (24, "uren"), "ook_melden_aan": "Autoriteit Persoonsgegevens (als dat wettelijk moet)",
            "toelichting": "Onmiddellijk melden; wij lezen dat als binnen 24 uur.",
            "bron": "002 B1 27.1 r. 429",
        },
        {
            "code": "continuiteit", "naam": "Surseance, faillissement of gevaar voor de continuïteit",
            "termijn": (1, "werkdagen"), "ook_melden_aan": "",
            "toelichting": "Zo spoedig mogelijk, in ieder geval zodra surseance of faillissement is aangevraagd.",
            "bron": "002 B1 29 r. 434",
        },
        {
            "code": "zeggenschap", "naam": "Wijziging van zeggenschap (fusie, overname, aanmerkelijk belang)",
            "termijn": (1, "werkdagen"), "ook_melden_aan": "",
            "toelichting": "Een fusie of overname kan gevolgen hebben voor de overeenkomst (B1 art. 8 a).",
            "bron": "002 r. 106",
        },
    ],
}

GOOI = {
    "regels": {
        # 003 kent geen omzetdrempel: ieder jaar een verantwoording volgens het controleprotocol (§13).
        "drempel_controleverklaring": None,
        "informatieverzoek_werkdagen": 10,
        "onderzoek_reactie_kalenderdagen": 14,
        "bron": "003 §13 r. 3276, §2.5.7, Eis 53, 82-84, 88",
    },
    "verantwoording": [
        {
            "soort": "financieel", "naam": "Verantwoording volgens het controleprotocol", "voor": (1, 4),
            "per_gemeente": False, "per_product": True, "bestand_verplicht": True,
            "toelichting": "Volgens het Controle- en verantwoordingsprotocol Regio Gooi en Vechtstreek. Te laat "
                           "aanleveren kost € 250 per kalenderdag.",
            "bron": "003 §13 r. 3276-3278",
        },
        {
            "soort": "prestatieverklaring", "naam": "Prestatieverklaring", "voor": (1, 4),
            "per_gemeente": False, "per_product": False, "bestand_verplicht": True,
            "toelichting": "U verklaart dat de gefactureerde ondersteuning geleverd is volgens de afspraken, "
                           "ook als u geen toewijzingen had.",
            "bron": "003 §2.5.7 r. 5185-5187",
        },
        {
            "soort": "jaardocument", "naam": "Jaardocument Jeugd", "voor": (1, 7),
            "per_gemeente": False, "per_product": False, "bestand_verplicht": True,
            "toelichting": "Met inzicht in de opbrengsten uit inschakeling van derden.",
            "bron": "003 Eis 53 r. 3049",
        },
    ],
    "meldingen": [
        {
            "code": "calamiteit", "naam": "Calamiteit of ernstig incident", "termijn": (1, "werkdagen"),
            "ook_melden_aan": "Aangewezen toezichthoudend ambtenaar",
            "toelichting": "Uiterlijk op de volgende werkdag na het optreden.",
            "bron": "003 Eis 82 r. 3088",
        },
        {
            "code": "inspectie", "naam": "Melding aan of onderzoek door de IGJ", "termijn": (1, "werkdagen"),
            "ook_melden_aan": "",
            "toelichting": "Aard en inhoud van elke melding aan de IGJ, (de aankondiging van) een onderzoek, de "
                           "uitkomst en de verbeteracties.",
            "bron": "003 Eis 83-84 r. 3089-3090",
        },
        {
            "code": "verscherpt_toezicht", "naam": "Verscherpt toezicht door de IGJ", "termijn": (2, "werkdagen"),
            "ook_melden_aan": "", "toelichting": "",
            "bron": "003 Eis 83 r. 3089",
        },
        {
            "code": "continuiteit", "naam": "Overname of andere omstandigheid die de continuïteit raakt",
            "termijn": (24, "uren"), "ook_melden_aan": "",
            "toelichting": "Direct melden; wij lezen dat als binnen 24 uur. Een wijziging van zeggenschap kan "
                           "tot ontbinding leiden.",
            "bron": "003 Eis 88 r. 3095; r. 3242",
        },
    ],
}


# ---------------------------------------------------------------------------------------------------------------
# Issue 14 (ADR 0020): monitoring, handhaving, boetes, leegstand en budgetplafonds.
# Normen die de bron niet noemt staan met "aanname" in hun bron: het bureau stelt ze bij in het beheerscherm.
# ---------------------------------------------------------------------------------------------------------------

_GEEN_NORM = "de bron noemt geen norm; aanname van het bureau, aan te passen"

MLO["kpis"] = [
    # 002 B1 13.7 r.360-366 (VmB+): ieder kwartaal kosten per jeugdige en instroom; doel -25 % t.o.v. 2019.
    {"code": "kosten-per-jeugdige", "naam": "Kosten per jeugdige", "eenheid": "euro", "periode": "kwartaal",
     "richting": "lager", "norm": None, "drempel_oranje": None, "per_perceel": True,
     "toelichting": "Totale kosten in het perceel gedeeld door het aantal unieke jeugdigen in het kwartaal.",
     "bron": "002 B1 13.7 r. 362"},
    {"code": "kosten-per-jeugdige-t-o-v-2019", "naam": "Kosten per jeugdige t.o.v. 2019",
     "eenheid": "percentage", "periode": "jaar", "richting": "lager",
     "norm": mlo.VMB_PLUS_KOSTENDOELSTELLING_PCT, "drempel_oranje": Decimal("-15"), "per_perceel": True,
     "toelichting": "Ontwikkeldoel: de kosten per jeugdige in 2020 25 % lager dan in 2019, gemiddeld over alle "
                    "aanbieders samen.",
     "bron": "002 B1 13.7 r. 366-367; oranje grens: " + _GEEN_NORM},
    {"code": "instroom", "naam": "Instroom van jeugdigen", "eenheid": "aantal", "periode": "kwartaal",
     "richting": "hoger", "norm": None, "drempel_oranje": None, "per_perceel": True,
     "toelichting": "Aantal jeugdigen dat in het kwartaal instroomde.", "bron": "002 B1 13.7 r. 363"},
    # 002 B1 35.1 r.464-468: tevredenheid, wachttijden (apart, per maand), uitval, doelrealisatie.
    {"code": "tevredenheid", "naam": "Tevredenheid van jeugdigen", "eenheid": "cijfer", "periode": "jaar",
     "richting": "hoger", "norm": Decimal("7.0"), "drempel_oranje": Decimal("6.0"), "per_perceel": False,
     "toelichting": "Gemiddeld rapportcijfer uit het tevredenheidsonderzoek.",
     "bron": "002 B1 35.1 r. 465; norm: " + _GEEN_NORM},
    {"code": "uitval", "naam": "Uitval", "eenheid": "percentage", "periode": "kwartaal", "richting": "lager",
     "norm": Decimal("10"), "drempel_oranje": Decimal("15"), "per_perceel": False,
     "toelichting": "Aandeel trajecten dat voortijdig eindigde zonder overeenstemming.",
     "bron": "002 B1 35.1 r. 467; norm: " + _GEEN_NORM},
    {"code": "doelrealisatie", "naam": "Doelrealisatie", "eenheid": "percentage", "periode": "kwartaal",
     "richting": "hoger", "norm": Decimal("70"), "drempel_oranje": Decimal("60"), "per_perceel": False,
     "toelichting": "Aandeel afgesloten trajecten waarin de doelen (grotendeels) zijn bereikt (NJI-handreiking, "
                    "B1 35.4).",
     "bron": "002 B1 35.1 r. 468; norm: " + _GEEN_NORM},
]
# 002 B1 17.2 r.387: "niet binnen tien (10) werkdagen kan leveren" -> terugkoppelen. Tien werkdagen zijn twee
# kalenderweken (een week heeft vijf werkdagen; feestdagen maken het langer, niet korter): 14 kalenderdagen.
MLO["wachttijdnormen"] = [
    {"perceel": None, "naam": "Levering binnen tien werkdagen", "max_dagen": 14, "bron": "002 B1 17.2 r. 387"},
]
MLO["boetes"] = []  # 002 kent geen boeteschema (alleen de SROI-boete, r. 1330: zie sroi).
MLO["budgetplafonds"] = []
MLO["leegstand"] = None

GOOI["kpis"] = [
    # 003 kent geen KPI-lijst; wel klachten met een termijn (§7.8, §7.11 lid 4 a en c) en wachttijden (§1.15.5).
    {"code": "gegronde-klachten", "naam": "Gegronde klachten", "eenheid": "aantal", "periode": "kwartaal",
     "richting": "lager", "norm": Decimal("0"), "drempel_oranje": Decimal("2"), "per_perceel": False,
     "toelichting": "Elke gegronde klacht kan een boete van € 25 opleveren (003 §7.11 lid 4a).",
     "bron": "003 r. 2876; oranje grens: " + _GEEN_NORM},
    {"code": "klachten-op-tijd", "naam": "Klachten binnen tien werkdagen afgehandeld", "eenheid": "percentage",
     "periode": "kwartaal", "richting": "hoger", "norm": Decimal("100"), "drempel_oranje": Decimal("90"),
     "per_perceel": False, "toelichting": "Een klacht die later is afgehandeld kost € 50 (003 §7.11 lid 4c).",
     "bron": "003 r. 2878; oranje grens: " + _GEEN_NORM},
]
# 003 §1.15.5 r.546: "vier (4) weken of de geldende Treeknormen"; de Treeknormen per fase (r. 550-556) gaan over
# de weg van aanmelding tot behandeling; de aanbieder meldt hier de totale wachttijd na opdrachtverstrekking.
GOOI["wachttijdnormen"] = [
    {"perceel": None, "naam": "Vier weken na opdrachtverstrekking",
     "max_dagen": 7 * gooi.REGELS["wachttijd_max_weken"], "bron": "003 §1.15.5 r. 546"},
]


def _boete(b: dict) -> dict:
    """``per`` of bronnen.gooi.BOETES ("medewerker per week", "klacht", ...) as unit and period."""
    eenheid, _, per_periode = b["per"].partition(" per ")
    return {"code": b["code"].replace("_", "-"), "omschrijving": b["omschrijving"], "bedrag": b["bedrag"],
            "percentage": b["percentage_budget"], "eenheid": eenheid, "per_periode": per_periode, "bron": b["bron"]}


GOOI["boetes"] = [_boete(b) for b in gooi.BOETES]
GOOI["budgetplafonds"] = [
    {"perceel": p["perceel"], "code": p["code"], "naam": p["naam"], "soort": "per_client", "bedrag": p["bedrag"],
     "bron": p["bron"]}
    for p in gooi.BUDGETPLAFONDS
]
_LEEGSTAND = next(v for v in gooi.VERGOEDINGEN if v["code"] == "leegstand_tussenvoorziening_v2")
GOOI["leegstand"] = {
    "perceel": _LEEGSTAND["perceel"],
    "product": "43B03",
    "max_per_aanbieder_per_jaar": _LEEGSTAND["max_per_aanbieder_per_jaar"],
    "max_totaal_per_jaar": _LEEGSTAND["max_totaal_per_jaar"],
    # 003 r.4198-4206 "Verdeelsleutel leegstandsvergoeding" (de bron spelt "Wijdmeren": Wijdemeren).
    "verdeling": [
        ("Hilversum", Decimal("38"), Decimal("133000")),
        ("Gooise Meren", Decimal("24"), Decimal("84000")),
        ("Huizen", Decimal("18"), Decimal("63000")),
        ("Wijdemeren", Decimal("10"), Decimal("35000")),
        ("Blaricum", Decimal("5"), Decimal("17500")),
        ("Laren", Decimal("5"), Decimal("17500")),
    ],
    "bron": "003 r. 4140-4207, r. 4259-4319, r. 4878-4884",
}

BRONNEN = {"mlo": MLO, "gooi": GOOI}
