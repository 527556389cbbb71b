"""Uitvoeringsovereenkomst "MLO Gespecialiseerde Jeugdhulp 2020" (Midden-Limburg Oost).

Bron: ``shared/seeds/002_87273fa9af0f0a6f.txt`` (1.331 regels), Engelse lezing ``shared/domain/002.md``.
"r. N" = regelnummer in het seed-bestand. Afkortingen: UOK = hoofdtekst van de uitvoeringsovereenkomst,
B1 = Bijlage 1 Dienstverlening, PB = Bijlage 3 Productenboek, B4 = Bijlage 4 Social Return.
De SROI-regeling staat in ``sroi.py``.

Het productenboek (PB) telt precies 50 productcodes (tabellen r. 632-1194); zie de assert onderaan.
Bijlage 2 (producten, eenheden en tarieven) is in de bron leeg: "[TOE TE VOEGEN DOOR DE AANBIEDER VANUIT
DE GUNNING]" (r. 481-482); er staat dus geen enkel tarief in 002.
"""

from datetime import date
from decimal import Decimal

EENHEDEN = ("minuut", "uur", "dagdeel", "etmaal", "stuks", "euro")
FREQUENTIES = ("week", "maand", "totaal")

# ---------------------------------------------------------------------------------------------------
# Overeenkomst. Titel r. 1-6; partijen r. 8-12 (B&W-besluit "24 september '19"); ondertekening r. 168;
# overwegingen r. 13-19 (Basisovereenkomst al gesloten); rangorde UOK 4.6 r. 80-87; algemene
# voorwaarden UOK 4.1-4.4 r. 74-78; informatieverzoeken UOK 5.1 r. 89-90.
# ---------------------------------------------------------------------------------------------------
PROCEDURE = {
    "code": "MLO-GJH-2020",  # aanname: de bron kent geen dossiernummer
    "naam": "Gespecialiseerde Jeugdhulp 2020",
    "titel": "Uitvoeringsovereenkomst MLO Gespecialiseerde Jeugdhulp 2020",
    "regio": "mlo",
    "opdrachtgever": "Gemeenten Echt-Susteren, Maasgouw, Roerdalen en Roermond (samen 'Gemeente')",
    "domein": "jeugd",
    "wet": "Jeugdwet",
    "soort": "toelatingsprocedure",  # doorlopende toetreding onder een Basisovereenkomst (UOK 7)
    "vereist_basisovereenkomst": True,  # UOK 7.1 r. 100
    "besluit_college": date(2019, 9, 24),  # r. 8
    "collegebesluiten_mandaat": (date(2018, 7, 3), date(2018, 7, 10)),  # "3 en/of 10 juli 2018", r. 168
    "rangorde": ("Basisovereenkomst incl. bijlagen", "Uitvoeringsovereenkomst", "bijlagen bij de UOK"),
    "bijlagen": (
        "Bijlage 1 Dienstverlening",
        "Bijlage 2 Producten, eenheden en tarieven",
        "Bijlage 3 Productenboek",
        "Bijlage 4 Procesbeschrijving Social Return",
    ),
    "aanbieder_ook_verwijzer_toegestaan": False,  # UOK 4.4 r. 77-78
    "algemene_voorwaarden_aanbieder_van_toepassing": False,  # UOK 4.2 r. 75
    "informatieverzoek_termijn_werkdagen": 10,  # UOK 5.1 r. 89-90
}

# ---------------------------------------------------------------------------------------------------
# Looptijd en verlenging. UOK art. 6, r. 93-97.
# ---------------------------------------------------------------------------------------------------
LOOPTIJD = {
    "ingang": date(2020, 1, 1),  # of de datum van ondertekening als die later is (6.1)
    "ingang_bij_latere_ondertekening": "datum van ondertekening",
    "einddatum": date(2021, 1, 1),  # "eindigt van rechtswege op 1 januari 2021" (6.2)
    "eindigt_met_basisovereenkomst": True,  # 6.3
    "verlenging_jaren": 1,  # 6.4: telkens voor de duur van één (1) jaar
    "verlenging_aanbieden_maanden_voor_einde": 3,  # 6.4: schriftelijk, drie (3) maanden vóór het aflopen
    "verlenging_vorm": "schriftelijk voorleggen door de Gemeente",
    # Afgeleid: 3 maanden vóór 1-1-2021. Niet letterlijk in de bron.
    "verlenging_eerste_aanbieddatum": date(2020, 10, 1),
    "aannames": ("verlenging_eerste_aanbieddatum",),
}

# ---------------------------------------------------------------------------------------------------
# Toetreding. UOK art. 7, r. 99-101. Geen vensters, geen beoordelingstermijn in de bron.
# ---------------------------------------------------------------------------------------------------
TOETREDING = {
    "voorwaarde": "in bezit van de Basisovereenkomst Gespecialiseerde Jeugdhulp",
    "toetsing": "Gemeente toetst of de aanbieder voldoet aan de eisen van de overeenkomst",
    "overeenkomst_inclusief": "alle bijlagen en eerder met aanbieders gemaakte afspraken (addenda)",
    "publicatie": "toetreding wordt gecommuniceerd via de daarvoor bestemde webpagina",  # 7.2
    "vensters": None,  # aanname: doorlopend open; 002 noemt geen inschrijfmomenten
    "beoordelingstermijn": None,
    "aannames": ("vensters",),
}

TOETREDINGSMOMENTEN = [
    {
        "code": "MLO-2020-doorlopend",
        "naam": "Doorlopende toetreding Gespecialiseerde Jeugdhulp 2020",
        "percelen": None,
        "publicatiedatum": None,
        "vragen_uiterlijk": None,
        "opening": None,
        "sluiting": None,  # aanname: geen sluitdatum in de bron; uiterlijk einde looptijd
        "status": "doorlopend",
        "bron": "002 r. 99-101",
        "aannames": ("sluiting",),
    },
]

# ---------------------------------------------------------------------------------------------------
# Opzegging (uittreding). UOK art. 8, r. 102-110; koppeling UOK 6.3 r. 96; dossieroverdracht B1 22.4.
# ---------------------------------------------------------------------------------------------------
OPZEGGING = {
    "door_aanbieder": {
        "vorm": "aangetekende brief",
        "opzegtermijn_min_kalendermaanden": 1,
        "ingang_opzegtermijn": (
            "eerste dag van de kalendermaand volgend op de maand van ontvangst door de Gemeente"
        ),
        "eindigt_niet_voor": "succesvolle afronding van de overdrachtsprocedure (8.4)",
        "bron": "002 r. 103",
    },
    "door_gemeente": {
        "vorm": "aangetekende brief",
        "opzegtermijn_min_kalendermaanden": 1,
        "ingang_opzegtermijn": "eerste dag van de kalendermaand volgend op de maand van ontvangst",
        "eindigt_niet_voor": "succesvolle afronding van de overdrachtsprocedure (8.4)",
        "overige_aanbieders": (
            "overeenkomst loopt door met de overige aanbieders, tenzij allen tegelijk opgezegd"
        ),
        "bron": "002 r. 104",
    },
    "per_direct_gronden": (
        ("8.3a", "fusie, overname of aanmerkelijk belang van een derde met aantoonbaar negatieve gevolgen"),
        ("8.3b", "aanbieder voldoet niet (meer) aan de voorwaarden"),
        ("8.3c", "ernstige fout in de uitoefening van het beroep"),
        ("8.5", "onvoldoende informatiebeveiliging of onrechtmatige gegevensverwerking (ontbinding)"),
    ),
    "per_direct_vorm": "aangetekende brief (buitengerechtelijke verklaring)",
    # 8.5: ten minste één van deze drie normen
    "informatiebeveiliging_normen": ("NEN-ISO-IEC 27001", "NEN-ISO-IEC 27002", "NEN 7510"),
    "overdracht": "direct overleg over overdracht van verplichtingen; volledige medewerking en continuïteit",
    "bron": "002 r. 102-110",
}

# Rekenvoorbeeld bij UOK 8.1 (afgeleid, niet uit de bron): brief ontvangen 17 maart 2020.
VOORBEELD_OPZEGGING = {
    "brief_ontvangen": date(2020, 3, 17),
    "opzegtermijn_vanaf": date(2020, 4, 1),
    "opzegtermijn_tot_en_met": date(2020, 4, 30),
    "vroegst_beeindigd_per": date(2020, 5, 1),  # mits de overdracht (8.4) dan is afgerond
    "aannames": ("brief_ontvangen",),
}

# ---------------------------------------------------------------------------------------------------
# Wijzigingen. UOK art. 15 r. 143-146; schriftelijkheid art. 20.1 (002.md §3.4). Geen aankondigings-
# termijnen in de bron.
# ---------------------------------------------------------------------------------------------------
WIJZIGINGEN = {
    "vorm": "addendum",  # 15.1
    "producten_wijzigen": "in onderling overleg uitbreiden, wijzigen of verwijderen (Bijlage 2)",  # 15.2
    "nieuwe_overeenkomst_nodig": "Gemeente zegt op conform 8.2",  # 15.3
    "min_maanden_vooraf": None,  # niet genoemd
    "toetreders_erven_addenda": True,  # 7.1
}

# ---------------------------------------------------------------------------------------------------
# Percelen. De perceellijst in de inleiding van het productenboek is leeg ("onderkend per 1-1-2020 de
# volgende percelen:" r. 517, gevolgd door niets); de percelen volgen uit de hoofdstukken 2-7 (r. 617,
# 643, 930, 964, 987, 1125). Codes zijn slugs (aanname: de bron nummert alleen hoofdstukken).
# ---------------------------------------------------------------------------------------------------
PERCELEN = [
    {
        "code": "adhd",
        "hoofdstuk": "2",
        "naam": "ADHD",
        "omschrijving": (
            "Diagnostiek en (medicatie)behandeling van ADHD en andere psychiatrische stoornissen door een "
            "kinderarts; diagnostiek altijd multidisciplinair."
        ),
        "onderdelen": ("2.1 Behandeling",),
        "bron": "002 r. 617-642",
        "aannames": (),
    },
    {
        "code": "ambulant",
        "hoofdstuk": "3",
        "naam": "Ambulant",
        "omschrijving": (
            "Begeleiding en behandeling, individueel of in groep, in het gezin of bij de aanbieder, zonder "
            "overnachting; plus persoonlijke verzorging en vervoer."
        ),
        "onderdelen": ("3.1 Persoonlijke verzorging", "3.2 Begeleiding", "3.3 Behandeling", "3.4 Vervoer"),
        "bron": "002 r. 643-929",
        "aannames": (),
    },
    {
        "code": "dagbesteding",
        "hoofdstuk": "4",
        "naam": "Dagbesteding",
        "omschrijving": (
            "Begeleiding groep in drie zwaartes plus een variant voor langdurig zorg afhankelijken (LZA)."
        ),
        "onderdelen": ("4 Begeleiding groep",),
        "bron": "002 r. 930-963",
        "aannames": (),
    },
    {
        "code": "dyslexie",
        "hoofdstuk": "5",
        "naam": "Dyslexiezorg",
        "omschrijving": (
            "Diagnostiek en behandeling van ernstige enkelvoudige dyslexie (EED) bij kinderen van 7 tot en "
            "met 12 jaar in het primair onderwijs, zonder comorbiditeit; trajectprijs sinds 2018."
        ),
        "onderdelen": ("5.1 Dyslexiezorg",),
        "bron": "002 r. 964-986",
        "aannames": (),
    },
    {
        "code": "vmb_plus",
        "hoofdstuk": "6",
        "naam": "Verblijf met behandeling +",
        "omschrijving": (
            "Verblijf met behandeling (7 x 24 uur) in licht, midden en zwaar, plus ambulante alternatieven "
            "die plaatsing voorkomen of verkorten."
        ),
        "onderdelen": ("6.1 Ambulante alternatieven", "6.2 Verblijf met behandeling"),
        # Ambulante alternatieven zonder productcode (r. 1008-1014); één naam is in de bron geanonimiseerd
        # ("In Verbinding / XXX-xxxxx", r. 1009).
        "ambulante_alternatieven": (
            "In Verbinding / JIM-aanpak",  # aanname: "XXX-xxxxx" gelezen als JIM (B1 5.1 r. 273)
            "Back on Track",
            "MST + varianten",
            "MDFT + varianten",
            "Multifocus",
            "IHT",
        ),
        "bron": "002 r. 987-1124",
        "aannames": ("ambulante_alternatieven",),
    },
    {
        "code": "wonen",
        "hoofdstuk": "7",
        "naam": "Wonen",
        "omschrijving": (
            "Dag- en nachtverblijf elders dan thuis met begeleiding en zonder behandeling: logeren "
            "(respijtzorg) en verblijf met begeleiding."
        ),
        "onderdelen": ("7.1 Logeren", "7.2 Verblijf met begeleiding"),
        "bron": "002 r. 1125-1272",
        "aannames": (),
    },
]

# ---------------------------------------------------------------------------------------------------
# Toegangseisen per perceel (bij inschrijving) en uitvoeringseisen per perceel. B1 art. 13 r. 320-374
# en de "Eisen"-paragrafen van het productenboek. soort/antwoordtype als in gooi.EISEN.
# ---------------------------------------------------------------------------------------------------
PERCEEL_EISEN = [
    {
        "code": "UOK 7.1",
        "perceel": None,
        "tekst": "In bezit van de Basisovereenkomst Gespecialiseerde Jeugdhulp.",
        "soort": "geschiktheidseis",
        "antwoordtype": "document",
        "documentsoort": "basisovereenkomst",
        "knock_out": True,
        "bron": "002 r. 100",
    },
    {
        "code": "UOK 4.4",
        "perceel": None,
        "tekst": "Aanbieder is nooit tegelijk Aanbieder en Verwijzer binnen dezelfde dienstverlening.",
        "soort": "uitsluitingsgrond",
        "antwoordtype": "ja_nee",
        "documentsoort": None,
        "knock_out": True,
        "bron": "002 r. 77-78",
    },
    {
        "code": "UOK 8.5",
        "perceel": None,
        "tekst": "Informatiebeveiliging ten minste volgens NEN-ISO-IEC 27001, NEN-ISO-IEC 27002 of NEN 7510.",
        "soort": "uitvoeringseis",
        "antwoordtype": "document",
        "documentsoort": "certificaat_informatiebeveiliging",
        "knock_out": True,
        "bron": "002 r. 110",
    },
    {
        "code": "B1 13.1",
        "perceel": None,
        "tekst": (
            "Werken met geregistreerde professionals (SKJ of BIG) volgens de Norm van verantwoorde "
            "werktoedeling."
        ),
        "soort": "uitvoeringseis",
        "antwoordtype": "ja_nee",
        "documentsoort": None,
        "knock_out": True,
        "bron": "002 r. 321-323",
    },
    {
        "code": "B1 13.3",
        "perceel": "adhd",
        "tekst": (
            "Behandeling alleen door een kinderarts verbonden aan een algemeen of universitair ziekenhuis "
            "of een "
            "zelfstandig behandelcentrum voor medisch specialistische zorg."
        ),
        "soort": "geschiktheidseis",
        "antwoordtype": "document",
        "documentsoort": "bewijs_verbinding_kinderarts",
        "knock_out": True,
        "bron": "002 r. 339-340, r. 627",
    },
    {
        "code": "B1 13.4",
        "perceel": "ambulant",
        "tekst": (
            "Gedragswetenschapper bij alle behandelproducten; deelname werkgroep behandeling individueel "
            "zwaar "
            "JGGZ op verzoek; Gedragswetenschapper in dienst voor Begeleiding individueel zwaar."
        ),
        "soort": "uitvoeringseis",
        "antwoordtype": "ja_nee",
        "documentsoort": None,
        "knock_out": True,
        "bron": "002 r. 341-347",
    },
    {
        "code": "B1 13.5",
        "perceel": "dagbesteding",
        "tekst": (
            "Deelname werkgroep Begeleiding Groep op verzoek; Gedragswetenschapper in dienst voor "
            "Begeleiding "
            "groep zwaar."
        ),
        "soort": "uitvoeringseis",
        "antwoordtype": "ja_nee",
        "documentsoort": None,
        "knock_out": True,
        "bron": "002 r. 348-353",
    },
    {
        "code": "B1 13.6",
        "perceel": "dyslexie",
        "tekst": "In bezit van het Keurmerk Kwaliteitsinstituut Dyslexie.",
        "soort": "geschiktheidseis",
        "antwoordtype": "document",
        "documentsoort": "keurmerk",
        "knock_out": True,
        "bron": "002 r. 354-355",
    },
    {
        "code": "PB 5 eis 4",
        "perceel": "dyslexie",
        "tekst": "Iedere medewerker die diagnostiek of behandeling uitvoert is geregistreerd bij het NKD.",
        "soort": "uitvoeringseis",
        "antwoordtype": "ja_nee",
        "documentsoort": None,
        "knock_out": True,
        "bron": "002 r. 975",
    },
    {
        "code": "B1 13.7",
        "perceel": "vmb_plus",
        "tekst": (
            "Aantoonbare ervaring met de inzet van ten minste één ambulant alternatief (§6.1) om te mogen "
            "inschrijven; deelname aan het instroom- en uitstroomteam; kwartaalmonitoring van KPI's."
        ),
        "soort": "geschiktheidseis",
        "antwoordtype": "document",
        "documentsoort": "bewijs_ervaring_ambulant_alternatief",
        "knock_out": True,
        "bron": "002 r. 356-361, r. 995-998",
    },
    {
        "code": "PB 6.2 bodemeisen",
        "perceel": "vmb_plus",
        "tekst": (
            "Verblijf voldoet aan de drie bodemeisen van de Inspectie Jeugdzorg (geen vrijheidsbeneming of "
            "vrijheidsbeperking zonder machtiging, behalve in noodsituaties; geen getuige van zware "
            "maatregelen)."
        ),
        "soort": "uitvoeringseis",
        "antwoordtype": "ja_nee",
        "documentsoort": None,
        "knock_out": True,
        "bron": "002 r. 1021-1024",
    },
    {
        "code": "PB 7 groepsgrootte",
        "perceel": "wonen",
        "tekst": (
            "Een woon-, leef- of behandelgroep heeft minimaal ruimte voor 6 personen, tenzij anders "
            "afgesproken."
        ),
        "soort": "uitvoeringseis",
        "antwoordtype": "ja_nee",
        "documentsoort": None,
        "knock_out": True,
        "bron": "002 r. 1131",
    },
    {
        "code": "B1 13.8",
        "perceel": "wonen",
        "tekst": "Deelname werkgroep Logeer producten op verzoek (voor aanbieders van logeerproducten).",
        "soort": "uitvoeringseis",
        "antwoordtype": "ja_nee",
        "documentsoort": None,
        "knock_out": False,
        "bron": "002 r. 371-372",
    },
]

# ---------------------------------------------------------------------------------------------------
# Producten: alle 50 codes uit de tabellen van het productenboek (kolommen Code | Productomschrijving |
# Eenheden | Frequentie). Frequentie "beschikking" in de bron is vertaald naar "totaal" (binnen de
# geldigheid van de beschikking); het origineel staat in "frequentie_bron". Namen zonder het
# koppelteken uit de bron ("Begeleiding individueel- licht" -> "Begeleiding individueel licht").
# min_kwalificatie: "Eisen aan de professional" per product; None waar de bron niets noemt.
# ---------------------------------------------------------------------------------------------------
PRODUCTEN = [
    # Perceel ADHD, PB §2.1 (tabel r. 632-635; omschrijvingen r. 636-642; eis kinderarts r. 627,
    # B1 13.3 r. 340).
    {
        "code": "53A02",
        "categorie": "53",
        "naam": "Behandeling Psychiatrie licht",
        "perceel": "adhd",
        "onderdeel": "2.1 Behandeling",
        "niveau": "licht",
        "doelgroep": None,
        "eenheid": "stuks",
        "frequentie": "totaal",
        "frequentie_bron": "beschikking",
        "min_kwalificatie": "kinderarts verbonden aan ziekenhuis of zelfstandig behandelcentrum",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 633, r. 636-637",
        "aannames": (),
    },
    {
        "code": "53A04",
        "categorie": "53",
        "naam": "Behandeling Psychiatrie midden",
        "perceel": "adhd",
        "onderdeel": "2.1 Behandeling",
        "niveau": "midden",
        "doelgroep": None,
        "eenheid": "stuks",
        "frequentie": "totaal",
        "frequentie_bron": "beschikking",
        "min_kwalificatie": "kinderarts verbonden aan ziekenhuis of zelfstandig behandelcentrum",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 634, r. 638-639",
        "aannames": (),
    },
    {
        "code": "53A05",
        "categorie": "53",
        "naam": "Behandeling Psychiatrie zwaar",
        "perceel": "adhd",
        "onderdeel": "2.1 Behandeling",
        "niveau": "zwaar",
        "doelgroep": None,
        "eenheid": "stuks",
        "frequentie": "totaal",
        "frequentie_bron": "beschikking",
        "min_kwalificatie": "kinderarts verbonden aan ziekenhuis of zelfstandig behandelcentrum",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 635, r. 640-642",
        "aannames": (),
    },
    # Perceel Ambulant, PB §3.1 Persoonlijke verzorging (tabel r. 663-664); geen opleidingseis genoemd.
    {
        "code": "40A04",
        "categorie": "40",
        "naam": "Persoonlijke verzorging",
        "perceel": "ambulant",
        "onderdeel": "3.1 Persoonlijke verzorging",
        "niveau": None,
        "doelgroep": None,
        "eenheid": "uur",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": None,
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 664",
        "aannames": (),
    },
    # Perceel Ambulant, PB §3.2 Begeleiding individueel (tabel r. 694-697; eisen professional r. 718-719,
    # r. 737, r. 759-760; GW in dienst ook B1 13.4 r. 346-347).
    {
        "code": "45A04",
        "categorie": "45",
        "naam": "Begeleiding individueel licht",
        "perceel": "ambulant",
        "onderdeel": "3.2 Begeleiding",
        "niveau": "licht",
        "doelgroep": None,
        "eenheid": "uur",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "MBO-4; terugval op geregistreerde jeugdzorgwerker (HBO) wenselijk",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 695, r. 718-719",
        "aannames": (),
    },
    {
        "code": "45A05",
        "categorie": "45",
        "naam": "Begeleiding individueel midden",
        "perceel": "ambulant",
        "onderdeel": "3.2 Begeleiding",
        "niveau": "midden",
        "doelgroep": None,
        "eenheid": "uur",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "MBO-4; terugval op geregistreerde jeugdzorgwerker (HBO)",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 696, r. 737",
        "aannames": (),
    },
    {
        "code": "45A06",
        "categorie": "45",
        "naam": "Begeleiding individueel zwaar",
        "perceel": "ambulant",
        "onderdeel": "3.2 Begeleiding",
        "niveau": "zwaar",
        "doelgroep": None,
        "eenheid": "uur",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "HBO, geregistreerd; geregistreerde Gedragswetenschapper (WO) in dienst betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 697, r. 759-760",
        "aannames": (),
    },
    # Perceel Ambulant, PB §3.3 Behandeling (tabel r. 784-795; eisen professional r. 773, r. 810, r. 828-829,
    # r. 854, r. 872-873, r. 881, r. 896-897, r. 904-905). Indirecte tijd declarabel alleen bij
    # behandeling individueel Jeugd GGZ (B1 19.3 r. 397).  # aanname: dat zijn 54001, 54002 en 54003.
    {
        "code": "45A66",
        "categorie": "45",
        "naam": "Behandeling individueel licht",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": "licht",
        "doelgroep": None,
        "eenheid": "uur",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "HBO, geregistreerd; geregistreerde WO-opgeleide Regiebehandelaar of Gedragswetenschapper "
            "betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 785, r. 810",
        "aannames": (),
    },
    {
        "code": "45A67",
        "categorie": "45",
        "naam": "Behandeling individueel midden",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": "midden",
        "doelgroep": None,
        "eenheid": "uur",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "HBO-plus of WO, geregistreerd; geregistreerde WO-opgeleide Regiebehandelaar of "
            "Gedragswetenschapper betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 786, r. 828-829, B1 13.2 r. 335-338",
        "aannames": (),
    },
    {
        "code": "45A68",
        "categorie": "45",
        "naam": "Behandeling individueel zwaar",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": "zwaar",
        "doelgroep": None,
        "eenheid": "uur",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "WO of WO-plus, geregistreerd; WO-plus Regiebehandelaar of Gedragswetenschapper in dienst"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 787, r. 854",
        "aannames": (),
    },
    {
        "code": "54001",
        "categorie": "54",
        "naam": "Behandeling individueel licht JGGZ",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": "licht",
        "doelgroep": "JGGZ",
        "eenheid": "uur",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "WO-opgeleide Regiebehandelaar conform Model Kwaliteitsstatuut GGZ, in dienst",
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": True,
        "bron": "002 r. 788, r. 773, B1 13.2 r. 325",
        "aannames": ("indirecte_tijd_declarabel",),
    },
    {
        "code": "54002",
        "categorie": "54",
        "naam": "Behandeling individueel zwaar JGGZ",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": "zwaar",
        "doelgroep": "JGGZ",
        "eenheid": "uur",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "WO-opgeleide Regiebehandelaar conform Model Kwaliteitsstatuut GGZ, in dienst",
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": True,
        "bron": "002 r. 789, r. 773, B1 13.2 r. 325",
        "aannames": ("indirecte_tijd_declarabel",),
    },
    {
        "code": "54003",
        "categorie": "54",
        "naam": "Behandeling individueel diagnostiek",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": None,
        "doelgroep": "JGGZ",
        "eenheid": "uur",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "WO-opgeleide Regiebehandelaar conform Model Kwaliteitsstatuut GGZ, in dienst",
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": True,
        "bron": "002 r. 790, r. 864-865",
        "aannames": ("indirecte_tijd_declarabel",),
    },
    {
        "code": "41A11",
        "categorie": "41",
        "naam": "Behandeling groep licht",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": "licht",
        "doelgroep": None,
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "HBO (begeleidingsdeel MBO-4); geregistreerde WO-opgeleide Regiebehandelaar of "
            "Gedragswetenschapper betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 791, r. 872-873",
        "aannames": (),
    },
    {
        "code": "41A12",
        "categorie": "41",
        "naam": "Behandeling groep midden",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": "midden",
        "doelgroep": None,
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "HBO-plus of WO (begeleidingsdeel MBO-4); geregistreerde WO-opgeleide Regiebehandelaar of "
            "Gedragswetenschapper betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 792, r. 881, B1 13.2 r. 335-338",
        "aannames": (),
    },
    {
        "code": "41A13",
        "categorie": "41",
        "naam": "Behandeling groep zwaar",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": "zwaar",
        "doelgroep": None,
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "WO-plus (begeleidingsdeel HBO); WO-plus Regiebehandelaar of Gedragswetenschapper"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 793, r. 896-897, B1 13.2 r. 335-338",
        "aannames": (),
    },
    {
        "code": "41A15",
        "categorie": "41",
        "naam": "Behandeling groep midden JGGZ",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": "midden",
        "doelgroep": "JGGZ",
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "VOV onder supervisie van een Regiebehandelaar; minimaal 1 uur behandeling per dag"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 794, r. 904-905",
        "aannames": (),
    },
    {
        "code": "41A16",
        "categorie": "41",
        "naam": "Behandeling groep zwaar JGGZ",
        "perceel": "ambulant",
        "onderdeel": "3.3 Behandeling",
        "niveau": "zwaar",
        "doelgroep": "JGGZ",
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "WO-opgeleide Regiebehandelaar conform Model Kwaliteitsstatuut GGZ, in dienst",
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 795, r. 773, r. 906-912",
        "aannames": (),
    },
    # Perceel Ambulant, PB §3.4 Vervoer (tabel r. 928-929: eenheid 'etmaal', zo in de bron).
    {
        "code": "42A03",
        "categorie": "42",
        "naam": "Vervoer",
        "perceel": "ambulant",
        "onderdeel": "3.4 Vervoer",
        "niveau": None,
        "doelgroep": None,
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": None,
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 929, r. 913-926",
        "aannames": (),
    },
    # Perceel Dagbesteding, PB §4 (tabel r. 942-946; groepsgrootte en eisen r. 947-963).
    {
        "code": "41A22",
        "categorie": "41",
        "naam": "Begeleiding groep licht",
        "perceel": "dagbesteding",
        "onderdeel": "4 Begeleiding groep",
        "niveau": "licht",
        "doelgroep": None,
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "minimaal één begeleider MBO-4; terugval op jeugdzorgwerker (HBO) wenselijk",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 943, r. 948-950",
        "aannames": (),
    },
    {
        "code": "41A18",
        "categorie": "41",
        "naam": "Begeleiding groep licht LZA",
        "perceel": "dagbesteding",
        "onderdeel": "4 Begeleiding groep",
        "niveau": "licht",
        "doelgroep": "LZA",
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": None,
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 944, r. 951-954",
        "aannames": (),
    },
    {
        "code": "41A23",
        "categorie": "41",
        "naam": "Begeleiding groep midden",
        "perceel": "dagbesteding",
        "onderdeel": "4 Begeleiding groep",
        "niveau": "midden",
        "doelgroep": None,
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "minimaal één begeleider MBO-4; terugval op jeugdzorgwerker (HBO)",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 945, r. 956-958",
        "aannames": (),
    },
    {
        "code": "41A24",
        "categorie": "41",
        "naam": "Begeleiding groep zwaar",
        "perceel": "dagbesteding",
        "onderdeel": "4 Begeleiding groep",
        "niveau": "zwaar",
        "doelgroep": None,
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "minimaal één begeleider HBO, geregistreerd; Gedragswetenschapper (WO) in dienst betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 946, r. 960-963",
        "aannames": (),
    },
    # Perceel Dyslexiezorg, PB §5.1 (tabel r. 978-980; NKD-registratie r. 975; trajectprijs r. 986).
    {
        "code": "54004",
        "categorie": "54",
        "naam": "Behandeling individueel dyslexie diagnose",
        "perceel": "dyslexie",
        "onderdeel": "5.1 Dyslexiezorg",
        "niveau": None,
        "doelgroep": None,
        "eenheid": "euro",
        "frequentie": "totaal",
        "frequentie_bron": "beschikking",
        "min_kwalificatie": "medewerker geregistreerd bij het NKD",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 979, r. 975, r. 981-982",
        "aannames": (),
    },
    {
        "code": "54005",
        "categorie": "54",
        "naam": "Behandeling individueel dyslexie behandeling",
        "perceel": "dyslexie",
        "onderdeel": "5.1 Dyslexiezorg",
        "niveau": None,
        "doelgroep": None,
        "eenheid": "euro",
        "frequentie": "totaal",
        "frequentie_bron": "beschikking",
        "min_kwalificatie": "medewerker geregistreerd bij het NKD",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 980, r. 975, r. 983-986",
        "aannames": (),
    },
    # Perceel Verblijf met behandeling +, PB §6.2 (tabel r. 1036-1046; eisen professional r. 1030;
    # fte per bed JGGZ r. 1091-1124; MFC r. 1074-1082).
    {
        "code": "43A51",
        "categorie": "43",
        "naam": "Verblijf behandeling licht VG",
        "perceel": "vmb_plus",
        "onderdeel": "6.2 Verblijf met behandeling",
        "niveau": "licht",
        "doelgroep": "VG",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "behandelaars HBO (begeleidingsdeel MBO); Regiebehandelaar of Gedragswetenschapper (WO) direct "
            "betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1037, r. 1030, r. 1047-1052",
        "aannames": (),
    },
    {
        "code": "43A54",
        "categorie": "43",
        "naam": "Verblijf behandeling licht LVG",
        "perceel": "vmb_plus",
        "onderdeel": "6.2 Verblijf met behandeling",
        "niveau": "licht",
        "doelgroep": "LVG",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "behandelaars HBO (begeleidingsdeel MBO); Regiebehandelaar of Gedragswetenschapper (WO) direct "
            "betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1038, r. 1030, r. 1053",
        "aannames": (),
    },
    {
        "code": "43A52",
        "categorie": "43",
        "naam": "Verblijf behandeling midden",
        "perceel": "vmb_plus",
        "onderdeel": "6.2 Verblijf met behandeling",
        "niveau": "midden",
        "doelgroep": None,
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "behandelaars HBO (begeleidingsdeel MBO); Regiebehandelaar of Gedragswetenschapper (WO) direct "
            "betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1039, r. 1030, r. 1058-1064, B1 13.2 r. 335-338",
        "aannames": (),
    },
    {
        "code": "43A56",
        "categorie": "43",
        "naam": "Verblijf behandeling zwaar JmB",
        "perceel": "vmb_plus",
        "onderdeel": "6.2 Verblijf met behandeling",
        "niveau": "zwaar",
        "doelgroep": "JmB",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "behandelaars HBO (begeleidingsdeel MBO); Regiebehandelaar of Gedragswetenschapper (WO) direct "
            "betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1040, r. 1030, r. 1066-1071, B1 13.2 r. 335-338",
        "aannames": (),
    },
    {
        "code": "45A58",
        "categorie": "45",
        "naam": "Verblijf behandeling zwaar MFC",
        "perceel": "vmb_plus",
        "onderdeel": "6.2 Verblijf met behandeling",
        "niveau": "zwaar",
        "doelgroep": "MFC",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "behandelaars HBO (begeleidingsdeel MBO); Regiebehandelaar of Gedragswetenschapper (WO) direct "
            "betrokken"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1041, r. 1074-1082, B1 13.2 r. 335-338",
        "aannames": (),
    },
    {
        "code": "54010",
        "categorie": "54",
        "naam": "Verblijf behandeling licht JGGZ",
        "perceel": "vmb_plus",
        "onderdeel": "6.2 Verblijf met behandeling",
        "niveau": "licht",
        "doelgroep": "JGGZ",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "behandelaars HBO; Regiebehandelaar (WO) direct betrokken; >0,3-0,5 netto fte per bed"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1042, r. 1084-1091, B1 13.2 r. 325",
        "aannames": (),
    },
    {
        "code": "54012",
        "categorie": "54",
        "naam": "Verblijf behandeling midden JGGZ",
        "perceel": "vmb_plus",
        "onderdeel": "6.2 Verblijf met behandeling",
        "niveau": "midden",
        "doelgroep": "JGGZ",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "behandelaars HBO; Regiebehandelaar (WO) direct betrokken; >0,7-1,0 netto fte per bed"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1043, r. 1092-1099, B1 13.2 r. 325",
        "aannames": (),
    },
    {
        "code": "54013",
        "categorie": "54",
        "naam": "Verblijf behandeling zwaar JGGZ",
        "perceel": "vmb_plus",
        "onderdeel": "6.2 Verblijf met behandeling",
        "niveau": "zwaar",
        "doelgroep": "JGGZ",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "behandelaars HBO; Regiebehandelaar (WO) direct betrokken; >1,0-1,3 netto fte per bed"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1044, r. 1100-1106, B1 13.2 r. 325",
        "aannames": (),
    },
    {
        "code": "54014",
        "categorie": "54",
        "naam": "Verblijf behandeling zwaar extra intensief JGGZ",
        "perceel": "vmb_plus",
        "onderdeel": "6.2 Verblijf met behandeling",
        "niveau": "zwaar_extra_intensief",
        "doelgroep": "JGGZ",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "behandelaars HBO; Regiebehandelaar (WO) direct betrokken; >1,3-1,7 netto fte per bed"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1045, r. 1107-1115, B1 13.2 r. 325",
        "aannames": (),
    },
    {
        "code": "54015",
        "categorie": "54",
        "naam": "Verblijf behandeling zwaar zeer intensief JGGZ",
        "perceel": "vmb_plus",
        "onderdeel": "6.2 Verblijf met behandeling",
        "niveau": "zwaar_zeer_intensief",
        "doelgroep": "JGGZ",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "behandelaars HBO; Regiebehandelaar (WO) direct betrokken; >1,7 netto fte per bed"
        ),
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1046, r. 1116-1124, B1 13.2 r. 325",
        "aannames": (),
    },
    # Perceel Wonen, PB §7.1 Logeren (tabel r. 1150-1154; etmaal/dagdeel r. 1143-1155; eisen r. 1162-1166).
    {
        "code": "43A41",
        "categorie": "43",
        "naam": "Logeren licht/midden etmaal",
        "perceel": "wonen",
        "onderdeel": "7.1 Logeren",
        "niveau": "licht_midden",
        "doelgroep": None,
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "MBO",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1151, r. 1164",
        "aannames": (),
    },
    {
        "code": "44A33",
        "categorie": "44",
        "naam": "Logeren licht/midden dagdeel",
        "perceel": "wonen",
        "onderdeel": "7.1 Logeren",
        "niveau": "licht_midden",
        "doelgroep": None,
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "MBO",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1152, r. 1164",
        "aannames": (),
    },
    {
        "code": "43A42",
        "categorie": "43",
        "naam": "Logeren zwaar etmaal",
        "perceel": "wonen",
        "onderdeel": "7.1 Logeren",
        "niveau": "zwaar",
        "doelgroep": None,
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "HBO",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1153, r. 1166",
        "aannames": (),
    },
    {
        "code": "44A34",
        "categorie": "44",
        "naam": "Logeren zwaar dagdeel",
        "perceel": "wonen",
        "onderdeel": "7.1 Logeren",
        "niveau": "zwaar",
        "doelgroep": None,
        "eenheid": "dagdeel",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "HBO",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1154, r. 1166",
        "aannames": (),
    },
    # Perceel Wonen, PB §7.2 Verblijf met begeleiding (tabel r. 1183-1194; algemene eis MBO met
    # consultatieve WO-behandelaar r. 1181; specifieke eisen r. 1215-1216, 1224-1225, 1247, 1259-1260,
    # 1269-1272).
    {
        "code": "43A35",
        "categorie": "43",
        "naam": "Verblijf begeleiding licht JmB",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "licht",
        "doelgroep": "JmB",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "MBO (brancherelevant); behandelaar (WO) consultatief",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1184, r. 1181, r. 1195-1200",
        "aannames": (),
    },
    {
        "code": "43A36",
        "categorie": "43",
        "naam": "Verblijf begeleiding midden JmB",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "midden",
        "doelgroep": "JmB",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "MBO (brancherelevant); behandelaar (WO) consultatief",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1185, r. 1181, r. 1201-1207",
        "aannames": (),
    },
    {
        "code": "43A37",
        "categorie": "43",
        "naam": "Verblijf begeleiding zwaar Beschermd Wonen",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "zwaar",
        "doelgroep": "JGGZ",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "minimaal één begeleider HBO, geregistreerd; Gedragswetenschapper (WO) in dienst",
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1186, r. 1208-1216",
        "aannames": (),
    },
    {
        "code": "43A38",
        "categorie": "43",
        "naam": "Verblijf begeleiding zwaar Beschermd Wonen Plus",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "zwaar",
        "doelgroep": "JGGZ",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "minimaal één begeleider HBO, geregistreerd; Gedragswetenschapper (WO) in dienst",
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1187, r. 1217-1225",
        "aannames": (),
    },
    {
        "code": "43A20",
        "categorie": "43",
        "naam": "Verblijf begeleiding licht JGGZ",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "licht",
        "doelgroep": "JGGZ",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "MBO (brancherelevant); behandelaar (WO) consultatief",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1188, r. 1181, r. 1226-1233",
        "aannames": (),
    },
    {
        "code": "43A21",
        "categorie": "43",
        "naam": "Verblijf begeleiding midden JGGZ",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "midden",
        "doelgroep": "JGGZ",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "MBO (brancherelevant); behandelaar (WO) consultatief",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1189, r. 1181, r. 1234-1241",
        "aannames": (),
    },
    {
        "code": "43A15",
        "categorie": "43",
        "naam": "Verblijf begeleiding licht Pleegzorg J&O",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "licht",
        "doelgroep": "J&O",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": (
            "minimaal één begeleider HBO, geregistreerd; Gedragswetenschapper (WO) geconsulteerd"
        ),
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1190, r. 1242-1247",
        "aannames": (),
    },
    {
        "code": "43A16",
        "categorie": "43",
        "naam": "Verblijf begeleiding midden Kamertrainingscentrum J&O",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "midden",
        "doelgroep": "J&O",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "MBO (brancherelevant); behandelaar (WO) consultatief",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1191, r. 1181, r. 1248-1253",
        "aannames": (),
    },
    {
        "code": "43A17",
        "categorie": "43",
        "naam": "Verblijf begeleiding midden Gezinshuis J&O",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "midden",
        "doelgroep": "J&O",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "minimaal één begeleider MBO-4; kwaliteitscriteria gezinshuizen versie mei 2019",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1192, r. 1254-1260",
        "aannames": (),
    },
    {
        "code": "43A18",
        "categorie": "43",
        "naam": "Verblijf begeleiding zwaar Leefgroep J&O",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "zwaar",
        "doelgroep": "J&O",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "MBO (brancherelevant); behandelaar (WO) consultatief",
        "regiebehandelaar_of_gw_in_dienst": False,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1193, r. 1181, r. 1261-1265",
        "aannames": (),
    },
    {
        "code": "43A19",
        "categorie": "43",
        "naam": "Verblijf begeleiding zwaar Fasehuis J&O",
        "perceel": "wonen",
        "onderdeel": "7.2 Verblijf met begeleiding",
        "niveau": "zwaar",
        "doelgroep": "J&O",
        "eenheid": "etmaal",
        "frequentie": "week",
        "frequentie_bron": "week",
        "min_kwalificatie": "minimaal één begeleider HBO, geregistreerd; Gedragswetenschapper (WO) in dienst",
        "regiebehandelaar_of_gw_in_dienst": True,
        "indirecte_tijd_declarabel": False,
        "bron": "002 r. 1194, r. 1266-1272",
        "aannames": (),
    },
]

# Productafhankelijkheden. PB 6.2 r. 1033: "Een Aanbieder die het product behandelgroep zwaar wil
# leveren moet tevens het product behandelgroep midden leveren."  # aanname: in §6.2 gelezen als
# verblijf met behandeling zwaar (43A56, 45A58) vereist midden (43A52); de bron noemt geen codes.
PRODUCT_AFHANKELIJKHEDEN = [
    {"als_een_van": ("43A56", "45A58"), "vereist": ("43A52",), "bron": "002 r. 1033", "aannames": ("codes",)},
]

# Nieuwe aanbieders in VmB+ alleen met een innovatief product binnen de ambulante alternatieven (r. 1034).
VMB_PLUS_NIEUWE_AANBIEDER = (
    "alleen innovatief product dat binnen de ambulante alternatieven past (oordeel Gemeente)"
)

# Kostendoelstelling VmB+: kosten per jeugdige 2020 -25% t.o.v. 2019 (B1 13.7 r. 366; in PB r. 1003 als
# "[25%]"), gemiddeld over alle aanbieders samen.
VMB_PLUS_KOSTENDOELSTELLING_PCT = Decimal("-25")

# ---------------------------------------------------------------------------------------------------
# Innovatieroute "Overige Jeugdhulp" (PB 1.2, r. 569-616): beoordelingscommissie, evaluatie binnen een
# jaar; aanvullende voorwaarden ambulante alternatieven VmB+ met maximaal 25% afwijking van de duur.
# ---------------------------------------------------------------------------------------------------
INNOVATIEROUTE = {
    "naam": "Overige Jeugdhulp",
    "beoordeling": "beoordelingscommissie",
    "evaluatie_binnen_maanden": 12,
    "max_afwijking_duur_pct": 25,  # r. 602
    "indienvelden": (
        "omschrijving product",
        "doelstelling product",
        "aansluiting bij criteria en vragen",
        "aard en omvang activiteiten",
        "bereik product",
        "aantoonbare en duurzame behoefte",
        "samenwerking tussen aanbieders",
        "doelgroep deelnemers",
        "minimum en maximum aantal deelnemers per groep",
        "tarief per uur of per traject per jeugdige",
        "opleidingsniveau uitvoerenden",
        "evaluatiewijze na een jaar",
    ),  # r. 604-616
    "bron": "002 r. 569-616",
}

# Logeren: omrekening van verblijfsduur naar etmalen en dagdelen (PB 7.1 r. 1143-1155).
LOGEREN_OMREKENING = [
    {"tot_en_met_uur": 26, "etmalen": 1, "dagdelen": 0},
    {"tot_en_met_uur": 30, "etmalen": 1, "dagdelen": 1},
    {"tot_en_met_uur": 34, "etmalen": 1, "dagdelen": 2},
    {"tot_en_met_uur": 38, "etmalen": 1, "dagdelen": 3},
    {"tot_en_met_uur": 50, "etmalen": 2, "dagdelen": 0},
]

# ---------------------------------------------------------------------------------------------------
# Tarieven: Bijlage 2 is leeg (r. 481-482); tarieven komen "vanuit de gunning", mogelijk per aanbieder.
# Er is geen indexatieclausule. Bedragen die 002 wel noemt, staan in DREMPELS en in sroi.py.
# ---------------------------------------------------------------------------------------------------
TARIEVEN = {}

DREMPELS = {
    # B1 32.2 r. 447: omzet uit deze overeenkomst > € 50.000 per jaar per gemeente -> verantwoording met
    # controleverklaring vóór 1 april; < € 50.000 -> bestuursverklaring. Precies € 50.000 is niet geregeld.
    "controleverklaring_omzet_per_gemeente": Decimal("50000.00"),
    "productverantwoording_uiterlijk": {"dag": 1, "maand": 3},  # B1 32.1 r. 446
    "verantwoording_uiterlijk": {"dag": 1, "maand": 4},  # B1 32.2 r. 447
    "factuur_vervaltermijn": {"dag": 1, "maand": 4, "jaar": "volgend op het dienstjaar"},  # B1 20.4 r. 403
    "betaaltermijn_kalenderdagen": 30,  # B1 20.6 r. 405
    "wachtlijst_na_werkdagen": 10,  # UOK 1 r. 52
}

# ---------------------------------------------------------------------------------------------------
# Broninconsistenties (zie 002.md §1 "Defects in the text").
# ---------------------------------------------------------------------------------------------------
BRONCONFLICTEN = [
    {
        "onderwerp": "Perceellijst leeg",
        "bron": "r. 517",
        "conflict": "'onderkend per 1-1-2020 de volgende percelen:' zonder opsomming.",
        "keuze": "percelen afgeleid uit hoofdstukken 2-7",
    },
    {
        "onderwerp": "Duur dyslexiebehandeling",
        "bron": "B1 4.8 r. 271 vs PB r. 986",
        "conflict": "B1: maximaal 1,5 jaar; PB: geen beperking in aantal en duur.",
        "keuze": "niet als productveld vastgelegd; beide in het rapport",
    },
    {
        "onderwerp": "Kostendoelstelling VmB+",
        "bron": "B1 13.7 r. 366 vs PB r. 1003",
        "conflict": "25% zonder haken in B1, '[25%]' (placeholder-stijl) in het PB.",
        "keuze": "-25%",
    },
    {
        "onderwerp": "Eenheid vervoer",
        "bron": "r. 929",
        "conflict": "42A03 Vervoer heeft eenheid 'etmaal' (ongebruikelijk voor vervoer).",
        "keuze": "overgenomen zoals in de bron",
    },
    {
        "onderwerp": "Frequentie 'beschikking'",
        "bron": "r. 633-635, r. 979-980",
        "conflict": "Frequentie 'beschikking' past niet in week/maand/totaal.",
        "keuze": (
            "frequentie 'totaal' (binnen de geldigheid van de beschikking); origineel in frequentie_bron"
        ),
    },
    {
        "onderwerp": "Bijzondere pleegzorgkosten",
        "bron": "r. 1245",
        "conflict": (
            "In MLO zitten bijzondere pleegzorgkosten in het pleegzorgtarief (43A15), in Gooi apart (44A03)."
        ),
        "keuze": "geen apart product in MLO",
    },
]

# ---------------------------------------------------------------------------------------------------
# Consistentiecontroles. Het productenboek van 002 telt precies 50 productcodes.
# ---------------------------------------------------------------------------------------------------
assert len(PRODUCTEN) == 50
assert len({p["code"] for p in PRODUCTEN}) == 50
assert all(len(p["code"]) == 5 and p["categorie"] == p["code"][:2] for p in PRODUCTEN)
assert all(p["eenheid"] in EENHEDEN and p["frequentie"] in FREQUENTIES for p in PRODUCTEN)
assert {p["perceel"] for p in PRODUCTEN} == {p["code"] for p in PERCELEN}
assert all(e["perceel"] is None or e["perceel"] in {p["code"] for p in PERCELEN} for e in PERCEEL_EISEN)
_PRODUCTCODES = {p["code"] for p in PRODUCTEN}
assert all(set(r["als_een_van"]) | set(r["vereist"]) <= _PRODUCTCODES for r in PRODUCT_AFHANKELIJKHEDEN)
