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

from . import mlo

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

BRONNEN = {"mlo": MLO, "gooi": GOOI}
