"""Regio's, gemeenten (met deelname per domein) en fictieve demo-aanbieders.

Domeinsleutels: ``"jeugd"`` (Jeugdwet) en ``"wmo"`` (Wmo 2015). Deelname is per gemeente per domein.
"""

# ---------------------------------------------------------------------------------------------------
# Regio Gooi en Vechtstreek
# Bron 003 (Woo-besluit Tussenvoorziening met Toelatingsdocument SD005):
# - gemeenschappelijke regeling en sociaal domein incl. Jeugdwet en Wmo 2015: 003 r. 5054;
#   voetnoot "De gemeente Eemnes werkt niet samen op gebied van de jeugdzorg": 003 r. 5070.
# - Eemnes neemt (nog) geen Jeugdwet-voorzieningen af, kan via addendum toetreden: 003 r. 284, r. 483.
# - Opdrachtgever = zeven gemeenten vertegenwoordigd door de Regio: 003 r. 3114, r. 3118.
# - Adres, telefoon, NUTS van de Regio: TED-aankondiging 003 r. 4332-4348; e-mail contractbeheer r. 138.
# - Gemeentelijke adressen en KvK-nummers: conceptovereenkomst Bijlage IV, 003 r. 3148-3160.
# - Uitvoeringsdiensten: Tabel 11, 003 r. 2530-2548 en Inkooprapportage 2023, 003 r. 5106-5112.
# Spelling: de bron schrijft ook "Wijdemeeren" (r. 282) en "Wijdmeren" (r. 459, 2545, 5054); hier de
# officiële spelling "Wijdemeren" (r. 3140, 3160).
# ---------------------------------------------------------------------------------------------------
REGIO_GOOI = {
    "code": "gooi",
    "naam": "Gooi en Vechtstreek",
    "bureau": "Regio Gooi en Vechtstreek",
    "rechtsvorm_bureau": "gemeenschappelijke regeling",
    "adres": {"straat": "Burg. de Bordesstraat 80", "postcode": "1404 GZ", "plaats": "Bussum"},
    "telefoon": "+31 356926414",
    "email": "contractbeheer@regiogv.nl",
    "website": "https://www.regiogv.nl",
    "nuts_code": "NL327",
    # Postadres (Klachtenmeldpunt): 003 r. 2799; bezwaar Woo-besluit bij het Dagelijks Bestuur: 003 r. 60.
    "postadres": {"straat": "Postbus 251", "postcode": "1400 AG", "plaats": "Bussum"},
    "gemeenten": [
        {
            "naam": "Blaricum",
            "domeinen": ("jeugd", "wmo"),
            "kvk": "32168837",
            "adres": {"straat": "Kerklaan 16", "postcode": "1261 JB", "plaats": "Blaricum"},
            "uitvoeringsdienst": "HBEL",
        },
        {
            # Eemnes: alleen Wmo (003 r. 284, 483, 5070); Jeugd later mogelijk via addendum.
            "naam": "Eemnes",
            "domeinen": ("wmo",),
            "kvk": "32170038",
            "adres": {"straat": "Zuidersingel 1", "postcode": "3755 AZ", "plaats": "Eemnes"},
            "uitvoeringsdienst": "HBEL",
        },
        {
            "naam": "Gooise Meren",
            "domeinen": ("jeugd", "wmo"),
            "kvk": "64935345",
            "adres": {"straat": "Brinklaan 35", "postcode": "1404 EP", "plaats": "Bussum"},
            "uitvoeringsdienst": "Gooise Meren",
        },
        {
            # KvK-nummer van Hilversum ontbreekt: de tekst is op 003 r. 3154 verminkt (weggevallen).
            # Postcode van Dudokpark 1 staat niet in de bron.
            "naam": "Hilversum",
            "domeinen": ("jeugd", "wmo"),
            "kvk": None,
            "adres": {"straat": "Dudokpark 1", "postcode": None, "plaats": "Hilversum"},
            "uitvoeringsdienst": "Hilversum (Sociaal Plein)",
        },
        {
            "naam": "Huizen",
            "domeinen": ("jeugd", "wmo"),
            "kvk": "32166112",
            "adres": {"straat": "Graaf Wichman 10", "postcode": "1276 KB", "plaats": "Huizen"},
            "uitvoeringsdienst": "HBEL",
        },
        {
            "naam": "Laren",
            "domeinen": ("jeugd", "wmo"),
            "kvk": "32169164",
            "adres": {"straat": "Eemnesserweg 19", "postcode": "1251 NA", "plaats": "Laren"},
            "uitvoeringsdienst": "HBEL",
        },
        {
            "naam": "Wijdemeren",
            "domeinen": ("jeugd", "wmo"),
            "kvk": "32165063",
            "adres": {"straat": "Rading 1", "postcode": "1231 KB", "plaats": "Loosdrecht"},
            "uitvoeringsdienst": "Wijdemeren",
        },
    ],
    # Tabel 11 (003 r. 2530-2548) noemt "Huizen, Blaricum, Laren (Maatschappelijke zaken HBL)";
    # de Inkooprapportage 2023 (003 r. 5106) noemt "HBEL (Huizen, Blaricum, Eemnes en Laren)".
    # Voor de Jeugdwet valt Eemnes erbuiten, dus Tabel 11 laat de E weg; hier de ruimere HBEL-indeling.
    "uitvoeringsdiensten": [
        {
            "naam": "HBEL",
            "gemeenten": ("Huizen", "Blaricum", "Eemnes", "Laren"),
            "telefoon": "(035) 528 12 47",
            "email": "hbel@sociaalplein.info",
            "adres": {"straat": "Graaf Wichman 10", "postcode": "1276 KB", "plaats": "Huizen"},
        },
        {
            "naam": "Hilversum (Sociaal Plein)",
            "gemeenten": ("Hilversum",),
            "telefoon": "(035) 629 25 55",
            "email": "sociaalplein@hilversum.nl",
            "adres": {"straat": "Wilhelminastraat 1-19", "postcode": "1211 RH", "plaats": "Hilversum"},
        },
        {
            "naam": "Gooise Meren",
            "gemeenten": ("Gooise Meren",),
            "telefoon": "(035) 20 70 000",
            "email": "sociaaldomein@gooisemeren.nl",
            "adres": {"straat": "Brinklaan 35", "postcode": "1404 EP", "plaats": "Bussum"},
        },
        {
            "naam": "Wijdemeren",
            "gemeenten": ("Wijdemeren",),
            "telefoon": "14 035",
            "email": "info@wijdmeren.nl",  # zo gespeld in de bron, 003 r. 2546
            "adres": {"straat": "Rading 1", "postcode": "1231 KB", "plaats": "Loosdrecht"},
        },
    ],
    # Leegstand-verdeelsleutel Tussenvoorziening naar inwonertal (003 r. 4198-4207); Eemnes ontbreekt.
    "verdeelsleutel_tussenvoorziening_pct": {
        "Hilversum": 38,
        "Gooise Meren": 24,
        "Huizen": 18,
        "Wijdemeren": 10,
        "Blaricum": 5,
        "Laren": 5,
    },
    # "circa 5.300 van de 250.000 inwoners" gebruiken jaarlijks jeugdhulp: 003 r. 282.
    "inwoners_circa": 250_000,
}

# ---------------------------------------------------------------------------------------------------
# Regio Midden-Limburg Oost
# Bron 002 (Uitvoeringsovereenkomst MLO Gespecialiseerde Jeugdhulp 2020), r. 1-12: de gemeenten
# Echt-Susteren, Maasgouw, Roerdalen en Roermond, samen "Gemeente". De overeenkomst regelt alleen de
# Jeugdwet (productenboek r. 483-1272 bevat geen Wmo-producten); Wmo-deelname staat niet in 002.
# Adressen en KvK-nummers zijn in 002 placeholders ("[naam], gevestigd [adres]", r. 8).
# ---------------------------------------------------------------------------------------------------
REGIO_MLO = {
    "code": "mlo",
    "naam": "Midden-Limburg Oost",
    # aanname: 002 noemt geen regionaal bureau; de vier gemeenten treden samen op als "Gemeente" en
    # worden vertegenwoordigd door een inkoopadviseur (002 r. 8; collegebesluiten 3/10 juli 2018).
    "bureau": "Gemeenten Midden-Limburg Oost",
    "rechtsvorm_bureau": None,
    "adres": None,
    "telefoon": None,
    "email": None,
    "website": None,
    "nuts_code": None,
    "postadres": None,
    # Toegang: CJG Midden-Limburg (002 Bijlage 1 art. 1; productenboek r. 915).
    "toegang": "Centrum voor Jeugd en Gezin Midden-Limburg (CJG)",
    "gemeenten": [
        {"naam": "Echt-Susteren", "domeinen": ("jeugd",), "kvk": None, "adres": None},
        {"naam": "Maasgouw", "domeinen": ("jeugd",), "kvk": None, "adres": None},
        {"naam": "Roerdalen", "domeinen": ("jeugd",), "kvk": None, "adres": None},
        {"naam": "Roermond", "domeinen": ("jeugd",), "kvk": None, "adres": None},
    ],
    "uitvoeringsdiensten": [],
}

REGIOS = (REGIO_GOOI, REGIO_MLO)

# ---------------------------------------------------------------------------------------------------
# AANBIEDERS: volledig fictieve demo-aanbieders (geen bron). Alle nummers zijn nep:
# - KvK: 8 cijfers, reeks 9999xxxx;
# - vestigingsnummer: 12 cijfers, reeks 00009999xxxx;
# - AGB: 8 cijfers, reeks 7599xxxx, naar het patroon van het fictieve factuurvoorbeeld in 003
#   Tabel 15 (AGB 75750001, zie domain/003b.md §6).
# Adressen: bestaande plaatsen in de regio met verzonnen huisnummers. Namen "Zorgkracht Gooi B.V." en
# "Jeugdpunt Midden-Limburg" zijn op verzoek exact zo gespeld.
# ---------------------------------------------------------------------------------------------------
AANBIEDERS = [
    {
        "naam": "Zorgkracht Gooi B.V.",
        "rechtsvorm": "besloten vennootschap",
        "kvk": "99990011",
        "vestigingsnummer": "000099990111",
        "agb": "75990011",
        "adres": {"straat": "Havenstraat 12", "postcode": "1211 KL", "plaats": "Hilversum"},
        "regio": "gooi",
        "domeinen": ("jeugd", "wmo"),
        "tekenbevoegde": {"naam": "M. (Marieke) Verhoef", "functie": "directeur"},
        "email": "info@zorgkracht-gooi.example",
        "fictief": True,
    },
    {
        "naam": "De Brug Jeugdhulp",
        "rechtsvorm": "vennootschap onder firma",
        "kvk": "99990022",
        "vestigingsnummer": "000099990222",
        "agb": "75990022",
        "adres": {"straat": "Oude Haven 7", "postcode": "1271 AB", "plaats": "Huizen"},
        "regio": "gooi",
        "domeinen": ("jeugd",),
        "tekenbevoegde": {"naam": "S. (Sander) de Bruin", "functie": "vennoot"},
        "email": "contact@debrugjeugdhulp.example",
        "fictief": True,
    },
    {
        "naam": "Stichting Gezinshuis Eemland",
        "rechtsvorm": "stichting",
        "kvk": "99990033",
        "vestigingsnummer": "000099990333",
        "agb": "75990033",
        "adres": {"straat": "Naarderstraat 45", "postcode": "1251 BC", "plaats": "Laren"},
        "regio": "gooi",
        "domeinen": ("jeugd",),
        "tekenbevoegde": {"naam": "A. (Anouk) Hilhorst", "functie": "bestuurder"},
        "email": "gezinshuis@eemland.example",
        "fictief": True,
    },
    {
        "naam": "Jeugdpunt Midden-Limburg",
        "rechtsvorm": "stichting",
        "kvk": "99990044",
        "vestigingsnummer": "000099990444",
        "agb": "75990044",
        "adres": {"straat": "Godsweerdersingel 12", "postcode": "6041 GK", "plaats": "Roermond"},
        "regio": "mlo",
        "domeinen": ("jeugd",),
        "tekenbevoegde": {"naam": "R. (Rob) Janssen", "functie": "directeur-bestuurder"},
        "email": "info@jeugdpunt-ml.example",
        "fictief": True,
    },
    {
        "naam": "Dyslexiepraktijk Maaskant",
        "rechtsvorm": "eenmanszaak",
        "kvk": "99990055",
        "vestigingsnummer": "000099990555",
        "agb": "75990055",
        "adres": {"straat": "Markt 3", "postcode": "6051 DZ", "plaats": "Maasbracht"},
        "regio": "mlo",
        "domeinen": ("jeugd",),
        "tekenbevoegde": {"naam": "L. (Lotte) Maaskant", "functie": "eigenaar"},
        "email": "praktijk@maaskant-dyslexie.example",
        "fictief": True,
    },
    {
        "naam": "Stichting Kompas Jeugd",
        "rechtsvorm": "stichting",
        "kvk": "99990066",
        "vestigingsnummer": "000099990666",
        "agb": "75990066",
        "adres": {"straat": "Plats 5", "postcode": "6101 AR", "plaats": "Echt"},
        "regio": "mlo",
        "domeinen": ("jeugd",),
        "tekenbevoegde": {"naam": "P. (Peter) Smeets", "functie": "bestuurder"},
        "email": "info@kompasjeugd.example",
        "fictief": True,
    },
]

# Vormcontroles, zodat een tikfout in de nepnummers meteen opvalt.
assert all(len(a["kvk"]) == 8 and a["kvk"].isdigit() for a in AANBIEDERS)
assert all(len(a["vestigingsnummer"]) == 12 and a["vestigingsnummer"].isdigit() for a in AANBIEDERS)
assert all(len(a["agb"]) == 8 and a["agb"].isdigit() for a in AANBIEDERS)
assert len({a["kvk"] for a in AANBIEDERS}) == len(AANBIEDERS)
