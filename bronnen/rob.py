"""ROB Rijk van Nijmegen: de regionale contracten Jeugd en Wmo 2025 en het bovenregionale contract
Essentiële Functies.

Bron: ``shared/seeds/000_5c734cfef9a6fe73.txt`` (naslagwerk voor consulenten, 756 regels, vermoedelijk
november 2024), Engelse lezing ``shared/domain/000.md``. De gemeenten van de regio komen uit
``shared/seeds/001_de897d8033ba4dc1.txt`` (regiobeeld "Kracht door verbinding", ``shared/domain/001.md``).
"000 r. N" / "001 r. N" = regelnummer in het seed-bestand.

000 is geen aanbestedingsdocument: het noemt geen tarieven (domain/000.md §5.3), geen einddatum van de
regionale contracten, geen inschrijf- of toetsingsregels. De producten staan hier dus zonder tarief (het
productenboek toont "geen tarief"); velden die niet in de bron staan, zijn ingevuld met ``# aanname:`` en
vermeld in ``aannames``.
"""

from datetime import date

EENHEDEN = ("minuut", "uur", "dagdeel", "etmaal", "stuks", "euro")
FREQUENTIES = ("week", "maand", "totaal")

# ---------------------------------------------------------------------------------------------------
# Regio en gemeenten. 001 r. 9-15 (omslag, "Druuten" is een tikfout voor Druten) en r. 114: Berg en Dal,
# Beuningen, Druten, Heumen, Mook en Middelaar, Nijmegen en Wijchen. Bureau: 000 r. 13, r. 16, r. 344
# ("ROB regio Nijmegen - Regionaal Ondersteuningsbureau Wmo & Jeugdhulp"); gastheer gemeente Nijmegen
# (001 r. 316). Contact voor vragen over de inkoop: aanbesteding@nijmegen.nl (000 r. 13).
# Wijchen: sinds 2018 op onderdelen uitgestapt, vanaf 2021 stapsgewijs terug (001 r. 116); in 2021 al
# aangesloten voor jeugdhulp met verblijf, nog niet voor ambulante jeugdhulp (001 r. 577).
# aanname: in 2025 doet Wijchen mee aan alle vier de contracten (000 noemt geen uitzondering; 001 r. 577
# noemt aansluiting "wenselijk"). Wmo: de regio koopt de "nieuwe Wmo taken" regionaal in (001 r. 36 e.v.),
# dus alle zeven gemeenten doen mee voor jeugd en Wmo.
# Adressen en KvK-nummers van de gemeenten staan in geen van beide bronnen.
# ---------------------------------------------------------------------------------------------------
REGIO = {
    "code": "rob",
    "naam": "Rijk van Nijmegen",
    "bureau": "ROB Regionaal Ondersteuningsbureau Wmo & Jeugdhulp",
    "rechtsvorm_bureau": None,  # geen rechtspersoon: privaatrechtelijke samenwerking (001 r. 331-333)
    "gastheer": "Gemeente Nijmegen",  # 001 r. 316
    "adres": None,  # aanname: niet in de bronnen; de demo gebruikt een fictief postadres in Nijmegen
    "telefoon": None,
    "email": "aanbesteding@nijmegen.nl",  # 000 r. 13
    "website": "https://robregionijmegen.nl",  # 000 r. 16, r. 24
    "nuts_code": None,
    "postadres": None,
    "gemeenten": [
        {"naam": "Berg en Dal", "domeinen": ("jeugd", "wmo"), "kvk": None, "adres": None},
        {"naam": "Beuningen", "domeinen": ("jeugd", "wmo"), "kvk": None, "adres": None},
        {"naam": "Druten", "domeinen": ("jeugd", "wmo"), "kvk": None, "adres": None},  # 001 r. 11 "Druuten"
        {"naam": "Heumen", "domeinen": ("jeugd", "wmo"), "kvk": None, "adres": None},
        {"naam": "Mook en Middelaar", "domeinen": ("jeugd", "wmo"), "kvk": None, "adres": None},
        # Globaal indiceren (02A03, 02A05, 45A04, 45A05; niet 45A01) alleen in Nijmegen (000 r. 702-703,
        # domain/000.md §3.12).
        {"naam": "Nijmegen", "domeinen": ("jeugd", "wmo"), "kvk": None, "adres": None, "globaal_indiceren": True},
        # aanname: Wijchen doet in 2025 overal mee (zie boven).
        {"naam": "Wijchen", "domeinen": ("jeugd", "wmo"), "kvk": None, "adres": None},
    ],
    "uitvoeringsdiensten": [],
    "aannames": ("adres", "deelname Wijchen"),
}

# ---------------------------------------------------------------------------------------------------
# De vier contracten. Jeugd ambulant: "niet tussentijds nieuwe aanbieders kunnen toetreden" (000 r. 37-39,
# domain/000.md §3.2); specialistische jeugdhulp: nieuwe aanbieders en nieuw aanbod tijdens de looptijd
# (000 r. 41-43, r. 221); Essentiële Functies: bovenregionaal, afspraken voor 7 jaar (000 r. 410),
# toetredingsdocumenten (000 r. 430); Wmo-begeleiding: Inkoopkader Wmo ambulant, dagbesteding & Kortdurend
# Verblijf 2025 (000 r. 483). Alle contracten gaan in op 1-1-2025 (000 r. 23, r. 537 "per 1-1-25").
# aanname: einde 31-12-2028 voor de drie regionale contracten: 000 noemt geen einddatum; het regioprogramma
# Jeugd waaraan de inkoop dienstbaar is, loopt 2023-2028 (000 r. 37).
# aanname: toetreding Wmo-begeleiding gesloten, zoals Jeugd ambulant: beide staan op hetzelfde tabblad
# "Ambulant hoofdaannemers (ambulante jeugdhulp en maatschappelijke ondersteuning)" (000 r. 27); 000 zegt het
# niet. aanname: Essentiële Functies gesloten: een samenwerkingsverband voor zeven jaar; de
# "toetredingsdocumenten" (000 r. 430) lezen we als de documenten van de oorspronkelijke toetreding.
# ---------------------------------------------------------------------------------------------------
START = date(2025, 1, 1)

PROCEDURES = [
    {
        "slug": "rob-jeugd-ambulant-2025",
        "dossier": "ROB-JA-2025",  # aanname: de bron geeft geen dossiernummer
        "naam": "Ambulante jeugdhulp 2025",
        "domein": "jeugd",
        "wet": "Jeugdwet",
        "toetreding": "gesloten",
        "start": START,
        "einde": date(2028, 12, 31),
        "samenvatting": (
            "Regionaal contract ambulante jeugdhulp van de regio Rijk van Nijmegen vanaf 1 januari 2025: "
            "begeleiding, vaktherapie als onderdeel van een behandeling, logeeropvang en dagbesteding/"
            "dagbehandeling. Nieuwe aanbieders kunnen tijdens de looptijd niet toetreden (000 deel A)."
        ),
        "bron": "000 r. 37-39, r. 120-175",
        "aannames": ("dossier", "einde"),
    },
    {
        "slug": "rob-specialistische-jeugdhulp-2025",
        "dossier": "ROB-SJ-2025",  # aanname
        "naam": "Specialistische jeugdhulp 2025",
        "domein": "jeugd",
        "wet": "Jeugdwet",
        "toetreding": "continu",
        "start": START,
        "einde": date(2028, 12, 31),
        "samenvatting": (
            "Regionaal contract specialistische jeugdhulp (jeugdhulp met verblijf en orthopedagogische "
            "behandeling) van de regio Rijk van Nijmegen vanaf 1 januari 2025. Nieuwe aanbieders en nieuw aanbod "
            "kunnen tijdens de looptijd worden gecontracteerd; toelating per product (000 deel A)."
        ),
        "bron": "000 r. 41-45, r. 177-384",
        "aannames": ("dossier", "einde"),
    },
    {
        "slug": "rob-essentiele-functies-2025",
        "dossier": "ROB-EF-2025",  # aanname
        "naam": "Essentiële Functies (bovenregionaal) 2025",
        "domein": "jeugd",
        "wet": "Jeugdwet",
        "toetreding": "gesloten",  # aanname, zie boven
        "start": START,
        "einde": date(2031, 12, 31),  # 7 jaar vanaf 1-1-2025 (000 r. 410)
        "bovenregionaal": True,  # met de andere Gelderse jeugdzorgregio's (000 r. 104, r. 410)
        "samenvatting": (
            "Bovenregionaal contract met de andere Gelderse jeugdzorgregio's voor hoog-specialistische jeugdhulp "
            "(essentiële functies): de mobiele brigade en integrale hoog-specialistische zorg met verblijf. "
            "Afspraken voor zeven jaar; de aanbieders zeggen geen nee (000 deel B)."
        ),
        "bron": "000 r. 402-430",
        "aannames": ("dossier", "toetreding"),
    },
    {
        "slug": "rob-wmo-begeleiding-2025",
        "dossier": "ROB-WMO-2025",  # aanname
        "naam": "Wmo-begeleiding 2025",
        "domein": "wmo",
        "wet": "Wmo 2015",
        "toetreding": "gesloten",  # aanname, zie boven
        "start": START,
        "einde": date(2028, 12, 31),
        "samenvatting": (
            "Regionaal contract Wmo-begeleiding van de regio Rijk van Nijmegen vanaf 1 januari 2025, onder het "
            "Inkoopkader Wmo ambulant, dagbesteding & Kortdurend Verblijf 2025. De inkoop van dagbesteding, "
            "vervoer en kortdurend verblijf is een jaar uitgesteld (000 deel C)."
        ),
        "bron": "000 r. 479-543",
        "aannames": ("dossier", "einde", "toetreding"),
    },
]

# ---------------------------------------------------------------------------------------------------
# Percelen. Specialistische jeugdhulp: het overzicht ingekochte producten (000 r. 282-321) heeft de kolommen
# Behandeling, In Verbindings Team met JIM, Gezinsvormen, Woongroepen en Residentieel Verblijf; de
# intensiteitentabel (000 r. 187-215) noemt de percelen "Residentieel verblijf" en "Woongroepen". Alle
# percelen van dit contract hebben toelating per product ("productkeuze"): een aanbieder wordt toegelaten
# voor een deel van de producten van een perceel (000 deel A, issue 19).
# Jeugd ambulant en Wmo: 000 noemt geen perceelindeling.  # aanname: één perceel per productgroep die 000
# noemt (000 r. 37, r. 122-175); Essentiële Functies: de twee diensten van 000 r. 415-417.
# ---------------------------------------------------------------------------------------------------
PERCELEN = [
    # Jeugd ambulant
    {"procedure": "rob-jeugd-ambulant-2025", "code": "JA1", "naam": "Begeleiding",
     "omschrijving": "Reguliere en specialistische begeleiding jeugd, inclusief Zorg Binnen Onderwijs (ZBO). "
                     "De begeleidingsproducten volgen de feitelijke declaraties van 2023 (000 r. 122-125).",
     "bron": "000 r. 122-159", "aannames": ("code",)},
    {"procedure": "rob-jeugd-ambulant-2025", "code": "JA2", "naam": "Vaktherapie",
     "omschrijving": "Vaktherapie als zelfstandig product, alleen voor aanbieders die niet zelf zijn "
                     "gecontracteerd voor een behandelproduct; altijd onder een regiebehandelaar. Het lokale team "
                     "zet geen vaktherapie in (000 r. 161-166).",
     "bron": "000 r. 161-166", "aannames": ("code",)},
    {"procedure": "rob-jeugd-ambulant-2025", "code": "JA3", "naam": "Logeeropvang",
     "omschrijving": "Respijtzorg: tijdelijk ontlasten van het gezin; ontwikkeldoelen zijn geen reden voor "
                     "logeeropvang (000 r. 168-175).",
     "bron": "000 r. 168-175", "aannames": ("code",)},
    {"procedure": "rob-jeugd-ambulant-2025", "code": "JA4", "naam": "Dagbesteding en dagbehandeling",
     "omschrijving": "Staat in het productenboek ambulant (000 r. 115); geen productcodes in 000.",
     "bron": "000 r. 115", "aannames": ("code",)},
    # Specialistische jeugdhulp (000 r. 285-321)
    {"procedure": "rob-specialistische-jeugdhulp-2025", "code": "SJ1", "naam": "Residentieel verblijf",
     "omschrijving": "Residentieel verblijf met en zonder terreinvoorziening en het Moeder Kind Huis, bekostigd "
                     "met het intensiteitenmodel; exclusief behandeling (000 r. 184-223).",
     "productkeuze": True, "bron": "000 r. 187-202, r. 292", "aannames": ("code",)},
    {"procedure": "rob-specialistische-jeugdhulp-2025", "code": "SJ2", "naam": "Woongroepen",
     "omschrijving": "Beschermd wonen jeugd, fasehuis naar zelfstandigheid en kamertraining, bekostigd met het "
                     "intensiteitenmodel; exclusief behandeling (000 r. 204-215).",
     "productkeuze": True, "bron": "000 r. 204-215, r. 291", "aannames": ("code",)},
    {"procedure": "rob-specialistische-jeugdhulp-2025", "code": "SJ3", "naam": "Gezinsvormen",
     "omschrijving": "Pleegzorg, deeltijdpleegzorg en gezinshuiszorg licht, midden en zwaar. Tarieven gezinshuis "
                     "volgens het tariefmodel van 2020, pleegzorg volgens de handreiking \"Tarifering en inkoop "
                     "pleegzorg 2023\" (000 r. 229).",
     "productkeuze": True, "bron": "000 r. 290, r. 301-319, r. 347-354", "aannames": ("code",)},
    {"procedure": "rob-specialistische-jeugdhulp-2025", "code": "SJ4", "naam": "Behandeling",
     "omschrijving": "Orthopedagogische behandeling basis en specialistisch (voorheen ambulante behandeling "
                     "J&O/LVB), MST en ambulante spoedhulp (000 r. 41, r. 246-257, r. 299-324).",
     "productkeuze": True, "bron": "000 r. 287, r. 299-324", "aannames": ("code",)},
    {"procedure": "rob-specialistische-jeugdhulp-2025", "code": "SJ5", "naam": "In Verbindings Team met JIM",
     "omschrijving": "Samenwerkingsverband van Entrea Lindenhout, Pluryn en Karakter; de gemeenten bekostigen het "
                     "team en consulenten zetten het rechtstreeks in (000 r. 338-345). Geen productcode.",
     "productkeuze": True, "bekostiging": "taakgericht", "bron": "000 r. 288, r. 338-345", "aannames": ("code",)},
    # Essentiële Functies (000 r. 415-417)
    {"procedure": "rob-essentiele-functies-2025", "code": "EF1", "naam": "Mobiele brigade",
     "omschrijving": "De \"voordeur\" van de essentiële functies: een team dat snel handelt om een onvrijwillige "
                     "overplaatsing te voorkomen (000 r. 416).",
     "bron": "000 r. 416", "aannames": ("code",)},
    {"procedure": "rob-essentiele-functies-2025", "code": "EF2", "naam": "Integrale hoog-specialistische zorg",
     "omschrijving": "Een integraal totaalpakket van zorg met verblijf, op maat aangevuld met ambulante expertise "
                     "van de samenwerkende aanbieders (000 r. 417).",
     "bron": "000 r. 417", "aannames": ("code",)},
    # Wmo-begeleiding (000 r. 529-537)
    {"procedure": "rob-wmo-begeleiding-2025", "code": "WB1", "naam": "Begeleiding",
     "omschrijving": "Individuele begeleiding en groepsbegeleiding Wmo. De eis van een zorggerelateerd mbo- of "
                     "hbo-diploma vervalt; de kwaliteit blijft gelijk (000 r. 524, r. 530).",
     "domein": "wmo", "bron": "000 r. 524-537", "aannames": ("code",)},
]

# ---------------------------------------------------------------------------------------------------
# Producten, zover 000 codes geeft (000 r. 187-215, r. 233-279, r. 347-351, r. 531-537).
#
# Status per jaar: nieuw = geldig_vanaf 1-1-2025; vervallen = geldig_tot 31-12-2024; hernoemd = dezelfde of
# een nieuwe code met de oude naam in "naam_oud" (voor een nieuwe code ook voorganger/voorganger_code).
# - 4565 Ambulante Behandeling J&O/LVB -> 45A65 (naam gewijzigd, 000 r. 246-248). "4565" heeft vier posities en
#   is geen geldige iJw-productcode; hij staat als voorganger_code (extern).
# - JW 35502 Netwerkonderzoek vervalt; de activiteiten vallen onder 45A65 (000 r. 273-279). 35502 staat als
#   vervallen product in het boek en is de voorganger van 45A65.
# - 03A03 Persoonlijke verzorging vervalt; de taken vallen onder begeleiding (000 r. 536).
# - Nieuw: 44A18 (000 r. 243), 45A66 (000 r. 250), 45A01 (000 r. 259); 01A06 is nieuw in het regionale
#   contract (voorheen lokaal onderhands ingekocht, 000 r. 531).
#
# Intensiteitenmodel (000 r. 184-227): de verblijfsproducten dragen een letter op de derde positie ("44x10");
# elke letter staat voor een verhouding begeleiders/kinderen op de groep. 000 noemt de letters, verhoudingen en
# tarieven niet. We bewaren daarom de familiecode met de letter X, zoals de bron zelf schrijft ("44X10", r. 383),
# en géén Productintensiteit-rijen: die vullen het bureau in (code = letter) zodra het productenboek de letters
# geeft. Een code alleen identificeert de familie niet: 44X29 Kamertraining met letter A is 44A29 Gezinshuis licht
# (zie CODEBOTSINGEN onderaan); daarom staan familie en letter apart.
#
# Eenheden en frequenties staan niet in 000.  # aanname: begeleiding en behandeling in uren per week (000 r. 150:
# "vaak 1-1,5 uur per contactmoment"; r. 279: netwerkonderzoek "is een ureninspanning"), verblijf, pleegzorg en
# gezinshuis per etmaal (35502 was een etmaalproduct, r. 279), 45A01 in uren per week.
# Bekostiging: inspanningsgericht (p × q) is in de regio de dominante vorm voor maatwerkvoorzieningen
# (001 r. 585); 000 noemt voor geen product een andere vorm.
# ---------------------------------------------------------------------------------------------------
_UIT = "Alleen voor het begeleiden van uitstromende jongeren naar zelfstandig (begeleid) wonen (000 r. 265-270)."
_VERBLIJF_PERCELEN = ("SJ1", "SJ2", "SJ3")

PRODUCTEN = [
    # --- Jeugd ambulant: begeleiding (000 r. 130-150) ---
    {"code": "45A04", "naam": "Reguliere begeleiding jeugd", "naam_bron": "Reguliere begeleiding Jeugd",
     "percelen": ("JA1",), "eenheid": "uur", "frequentie": "week", "status": "ongewijzigd",
     "omschrijving": "In nabijheid stabiliteit, structuur en ondersteuning bieden; regelmatige uren, veelal "
                     "geplande momenten; ook Zorg Binnen Onderwijs (ZBO) (000 r. 125, r. 133-142).",
     "bron": "000 r. 130-142", "aannames": ("eenheid", "frequentie")},
    {"code": "45A05", "naam": "Specialistische begeleiding jeugd", "naam_bron": "Specialistische begeleiding Jeugd",
     "percelen": ("JA1",), "eenheid": "uur", "frequentie": "week", "status": "ongewijzigd",
     "omschrijving": "Aanleren en inslijpen van (opvoed)vaardigheden, proactieve benadering; regelmatig in relatie "
                     "met behandeling, vaak 1-1,5 uur per contactmoment (000 r. 145-154).",
     "bron": "000 r. 131-154", "aannames": ("eenheid", "frequentie")},
    # --- Specialistische jeugdhulp: residentieel verblijf (intensiteitenmodel, 000 r. 192-202) ---
    {"code": "44X10", "naam": "Residentieel verblijf met terreinvoorziening",
     "naam_bron": "Residentieel met terreinvoorziening", "percelen": ("SJ1",), "eenheid": "etmaal",
     "frequentie": "totaal", "status": "ongewijzigd", "intensiteitenmodel": True,
     "bron": "000 r. 192-194, r. 383", "aannames": ("eenheid", "frequentie")},
    # 000 r. 197 "zonder verblijfsvoorziening", r. 313 "zonder terrein", r. 384 "zonder terreinvoorziening": de
    # bron is inconsistent; we volgen r. 384 (tegenhanger van 44X10) en bewaren r. 197 als naam_bron.
    {"code": "44X11", "naam": "Residentieel verblijf zonder terreinvoorziening",
     "naam_bron": "Residentieel zonder verblijfsvoorziening", "percelen": ("SJ1",), "eenheid": "etmaal",
     "frequentie": "totaal", "status": "ongewijzigd", "intensiteitenmodel": True,
     "bron": "000 r. 196-198, r. 313, r. 384", "aannames": ("eenheid", "frequentie")},
    {"code": "44X45", "naam": "Moeder Kind Huis", "naam_bron": "", "percelen": ("SJ1",), "eenheid": "etmaal",
     "frequentie": "totaal", "status": "ongewijzigd", "intensiteitenmodel": True,
     "bron": "000 r. 200-202", "aannames": ("eenheid", "frequentie")},
    {"code": "45A01", "naam": "1-op-1 begeleiding Verblijf", "naam_bron": "", "percelen": ("SJ1",),
     "eenheid": "uur", "frequentie": "week", "status": "nieuw",
     "beperking": "Alleen na een positief oordeel op de aanvraag meerzorg; niet bij globaal indiceren "
                  "(000 r. 259-263, r. 366).",
     "omschrijving": "Extra begeleiding op de groep; de aanbieder onderbouwt waarom 1-op-1 nodig is en hoe die "
                     "wordt afgeschaald (000 r. 260-261).",
     # aanname: perceel Residentieel verblijf; 000 noemt voor 45A01 geen perceel (stapelt op alle verblijf).
     "bron": "000 r. 259-263", "aannames": ("perceel", "eenheid", "frequentie")},
    # --- Woongroepen (000 r. 204-215) ---
    {"code": "44X52", "naam": "Beschermd wonen jeugd", "naam_bron": "Beschermd Wonen", "percelen": ("SJ2",),
     "eenheid": "etmaal", "frequentie": "totaal", "status": "ongewijzigd", "intensiteitenmodel": True,
     "bron": "000 r. 204-206, r. 303", "aannames": ("eenheid", "frequentie")},
    {"code": "44X28", "naam": "Fasehuis naar zelfstandigheid", "naam_bron": "Fasehuis", "percelen": ("SJ2",),
     "eenheid": "etmaal", "frequentie": "totaal", "status": "ongewijzigd", "intensiteitenmodel": True,
     "bron": "000 r. 208-211, r. 312", "aannames": ("eenheid", "frequentie")},
    {"code": "44X29", "naam": "Kamertraining", "naam_bron": "", "percelen": ("SJ2",), "eenheid": "etmaal",
     "frequentie": "totaal", "status": "ongewijzigd", "intensiteitenmodel": True,
     "bron": "000 r. 213-215, r. 320", "aannames": ("eenheid", "frequentie")},
    # --- Gezinsvormen (000 r. 243-244, r. 301-319, r. 347-351) ---
    {"code": "44A07", "naam": "Pleegzorg", "naam_bron": "", "percelen": ("SJ3",), "eenheid": "etmaal",
     "frequentie": "totaal", "status": "ongewijzigd", "bron": "000 r. 301, r. 369", "aannames": ("eenheid", "frequentie")},
    {"code": "44A18", "naam": "Deeltijd pleegzorg", "naam_bron": "deeltijd pleegzorg", "percelen": ("SJ3",),
     "eenheid": "etmaal", "frequentie": "totaal", "status": "nieuw",
     "omschrijving": "Nieuw: deeltijdpleegzorg werd al ingezet, een aparte code ontbrak; de landelijke richtlijn "
                     "tarifering pleegzorg vraagt een aparte regeling (000 r. 243-244).",
     "bron": "000 r. 243-244", "aannames": ("eenheid", "frequentie")},
    {"code": "44A29", "naam": "Gezinshuis met lichte begeleidingsintensiteit", "naam_bron": "", "percelen": ("SJ3",),
     "eenheid": "etmaal", "frequentie": "totaal", "status": "ongewijzigd",
     "omschrijving": "Keuze tussen 44A29, 44A30 en 44A31 met de Beslisboom Gezinshuiszorg (000 r. 353-354).",
     "bron": "000 r. 349", "aannames": ("eenheid", "frequentie")},
    {"code": "44A30", "naam": "Gezinshuis met gemiddelde begeleidingsintensiteit", "naam_bron": "", "percelen": ("SJ3",),
     "eenheid": "etmaal", "frequentie": "totaal", "status": "ongewijzigd",
     "omschrijving": "Keuze tussen 44A29, 44A30 en 44A31 met de Beslisboom Gezinshuiszorg (000 r. 353-354).",
     "bron": "000 r. 350", "aannames": ("eenheid", "frequentie")},
    {"code": "44A31", "naam": "Gezinshuis met zware begeleidingsintensiteit", "naam_bron": "", "percelen": ("SJ3",),
     "eenheid": "etmaal", "frequentie": "totaal", "status": "ongewijzigd",
     "omschrijving": "Keuze tussen 44A29, 44A30 en 44A31 met de Beslisboom Gezinshuiszorg (000 r. 353-354).",
     "bron": "000 r. 351", "aannames": ("eenheid", "frequentie")},
    # --- Behandeling (000 r. 246-257, r. 273-279) ---
    # aanname: 35502 staat bij Behandeling, naast zijn opvolger 45A65 (000 r. 276); geldig sinds 2017 (r. 279).
    {"code": "35502", "naam": "Netwerkonderzoek", "naam_bron": "JW 35502 Netwerkonderzoek", "percelen": ("SJ4",),
     "eenheid": "etmaal", "frequentie": "totaal", "status": "vervallen", "geldig_vanaf": date(2017, 1, 1),
     "geldig_tot": date(2024, 12, 31),
     "omschrijving": "Vervallen per 2025: zoeken naar of onderzoeken van een pleeggezin in het netwerk valt onder "
                     "45A65 Orthopedagogische Behandeling (000 r. 276-279).",
     "bron": "000 r. 275-279", "aannames": ("perceel", "geldig_vanaf")},
    {"code": "45A65", "naam": "Orthopedagogische Behandeling Basis", "naam_bron": "",
     "naam_oud": "Ambulante Behandeling J&O/LVB", "percelen": ("SJ4",), "eenheid": "uur", "frequentie": "week",
     "status": "hernoemd", "voorganger": "35502", "voorganger_code": "4565",
     "omschrijving": "Tot en met 2024: 4565 Ambulante Behandeling J&O/LVB, met dezelfde behandelinterventies; "
                     "omvat sinds 2025 ook netwerkonderzoek (vervallen 35502) (000 r. 246-248, r. 276).",
     "bron": "000 r. 246-248", "aannames": ("eenheid", "frequentie")},
    {"code": "45A66", "naam": "Orthopedagogische Behandeling Specialistisch", "naam_bron": "", "percelen": ("SJ4",),
     "eenheid": "uur", "frequentie": "week", "status": "nieuw",
     "beperking": "Nooit als enkelvoudige interventie; enkelvoudig is een GGZ-aanbieder voorliggend (000 r. 257).",
     "omschrijving": "Vier interventies met een hogere kostprijs: handelingsgerichte diagnostiek, cognitieve "
                     "gedragstherapie gericht op disfunctionele denkpatronen, systeemtherapie gericht op "
                     "disfunctionele interactiepatronen en therapie gericht op trauma en gehechtheid (000 r. 251-256).",
     "bron": "000 r. 250-257", "aannames": ("eenheid", "frequentie")},
    # --- Wmo gegund bij verblijf: alleen voor uitstromende jongeren (000 r. 265-270) ---
    {"code": "02A03", "naam": "Begeleiding", "naam_bron": "Wmo Begeleiding", "percelen": _VERBLIJF_PERCELEN,
     "eenheid": "uur", "frequentie": "week", "status": "hernoemd", "naam_oud": "Reguliere begeleiding",
     "beperking": _UIT, "bron": "000 r. 267-270", "aannames": ("eenheid", "frequentie", "percelen")},
    {"code": "02A05", "naam": "Begeleiding plus", "naam_bron": "Wmo Begeleiding Plus", "percelen": _VERBLIJF_PERCELEN,
     "eenheid": "uur", "frequentie": "week", "status": "hernoemd", "naam_oud": "Specialistische begeleiding",
     "beperking": _UIT, "bron": "000 r. 267-270", "aannames": ("eenheid", "frequentie", "percelen")},
    # --- Wmo-begeleiding (000 r. 531-537) ---
    {"code": "01A06", "naam": "Praktische begeleiding", "naam_bron": "", "percelen": ("WB1",), "eenheid": "uur",
     "frequentie": "week", "status": "nieuw", "beperking": "Alleen voor inwoners van 18 jaar en ouder (000 r. 531).",
     "omschrijving": "Nu regionaal ingekocht; voorheen lokaal onderhands (000 r. 531).",
     "bron": "000 r. 531", "aannames": ("eenheid", "frequentie")},
    {"code": "02A03", "naam": "Begeleiding", "naam_bron": "", "naam_oud": "Reguliere begeleiding", "percelen": ("WB1",),
     "eenheid": "uur", "frequentie": "week", "status": "hernoemd",
     "omschrijving": "Tot en met 2024: Reguliere begeleiding (000 r. 534).",
     "bron": "000 r. 534", "aannames": ("eenheid", "frequentie")},
    {"code": "02A05", "naam": "Begeleiding plus", "naam_bron": "", "naam_oud": "Specialistische begeleiding",
     "percelen": ("WB1",), "eenheid": "uur", "frequentie": "week", "status": "hernoemd",
     "omschrijving": "Tot en met 2024: Specialistische begeleiding (000 r. 535).",
     "bron": "000 r. 535", "aannames": ("eenheid", "frequentie")},
    # 000 r. 537 noemt beide codes "groepsbegeleiding"; aanname: de groepsvarianten van 02A03 en 02A05.
    {"code": "02A17", "naam": "Groepsbegeleiding", "naam_bron": "groepsbegeleiding", "percelen": ("WB1",),
     "eenheid": "uur", "frequentie": "week", "status": "ongewijzigd",
     "omschrijving": "Per 1-1-2025: de tijd van de begeleider(s) gedeeld door het aantal aanwezige cliënten met "
                     "indicatie; voorheen 1/3 van het individuele tarief (000 r. 537).",
     "bron": "000 r. 537", "aannames": ("naam", "eenheid", "frequentie")},
    {"code": "02A20", "naam": "Groepsbegeleiding plus", "naam_bron": "groepsbegeleiding", "percelen": ("WB1",),
     "eenheid": "uur", "frequentie": "week", "status": "ongewijzigd",
     "omschrijving": "Per 1-1-2025: de tijd van de begeleider(s) gedeeld door het aantal aanwezige cliënten met "
                     "indicatie; voorheen 1/3 van het individuele tarief (000 r. 537).",
     "bron": "000 r. 537", "aannames": ("naam", "eenheid", "frequentie")},
    {"code": "03A03", "naam": "Persoonlijke verzorging", "naam_bron": "", "percelen": ("WB1",), "eenheid": "uur",
     "frequentie": "week", "status": "vervallen", "geldig_tot": date(2024, 12, 31),
     "omschrijving": "Vervallen per 2025: de taken kunnen onder begeleiding worden uitgevoerd (000 r. 536).",
     "bron": "000 r. 536", "aannames": ("eenheid", "frequentie")},
]

# Producten zonder code in 000 (domain/000.md §5.2): genoemd in de perceelbeschrijvingen, niet als Product.
PRODUCTEN_ZONDER_CODE = (
    ("SJ4", "MST", "000 r. 299"),
    ("SJ4", "Ambulante Spoedhulp", "000 r. 324"),
    ("SJ5", "IVT met JIM", "000 r. 300, r. 338-345"),
    ("JA2", "Vaktherapie", "000 r. 161-166"),
    ("JA3", "Logeeropvang", "000 r. 168-175"),
    ("JA1", "BSO+", "000 r. 142, r. 159"),
    ("JA1", "Casemanagement", "000 r. 372"),
    ("JA4", "Dagbesteding/dagbehandeling", "000 r. 115"),
)

VERBLIJFSPRODUCTEN = ("44X10", "44X11", "44X45", "44X52", "44X28", "44X29", "44A07", "44A18", "44A29", "44A30", "44A31")
WMO_BEGELEIDING = ("01A06", "02A03", "02A05", "02A17", "02A20")

# ---------------------------------------------------------------------------------------------------
# Samenloop (000 r. 356-384 jeugd, r. 539-543 Wmo). "producten" en "met" zijn codes; "met" leeg = de
# producten onderling. Een code kan in twee contracten staan (02A03, 02A05): "procedure" zegt in welk
# productenboek de regel staat; de codes worden eerst in die procedure gezocht, dan in de andere
# ROB-procedures (45A04/45A05 staan in Jeugd ambulant).
# 54001 Basis GGZ en 54002 Specialistische GGZ ("564002" op r. 361 is een tikfout) vallen onder het
# jeugd-ggz-contract (001 r. 387), niet onder deze vier contracten: ze staan in de toelichting, niet als product.
# Casemanagement (r. 372) en Beschermd Wonen Wmo (r. 540) hebben geen code in 000: zie SAMENLOOP_ZONDER_CODE.
# ---------------------------------------------------------------------------------------------------
SAMENLOOP = [
    {"procedure": "rob-specialistische-jeugdhulp-2025", "soort": "wel", "producten": VERBLIJFSPRODUCTEN,
     "met": ("45A65", "45A66"), "voorwaarde": "",
     "toelichting": "Verblijfsproducten zijn exclusief behandeling. Behandeling op de verblijfslocatie wordt "
                    "gestapeld via 45A65, 45A66, 54001 Basis GGZ of 54002 Specialistische GGZ (jeugd-ggz-contract).",
     "bron": "000 r. 223, r. 231-236, r. 358-363"},
    {"procedure": "rob-specialistische-jeugdhulp-2025", "soort": "voorwaarde", "producten": ("45A01",),
     "met": tuple(c for c in VERBLIJFSPRODUCTEN if c not in ("44A07", "44A18")),
     "voorwaarde": "Alleen na een goedgekeurde aanvraag meerzorg.",
     "toelichting": "Extra begeleiding op de groep: 45A01 1-op-1 begeleiding Verblijf, na de aanvraagprocedure "
                    "meerzorg.", "bron": "000 r. 365-366"},
    {"procedure": "rob-specialistische-jeugdhulp-2025", "soort": "niet", "producten": ("45A01",),
     "met": ("44A07", "44A18"), "voorwaarde": "",
     "toelichting": "45A01 1-op-1 begeleiding Verblijf mag niet gestapeld worden bij pleegzorg of deeltijdpleegzorg.",
     "bron": "000 r. 367-370"},
    {"procedure": "rob-specialistische-jeugdhulp-2025", "soort": "voorwaarde", "producten": VERBLIJFSPRODUCTEN,
     "met": ("45A04", "45A05"),
     "voorwaarde": "Alleen als onderdeel van een aanpak terug naar huis.",
     "toelichting": "Ambulante begeleiding naast verblijf mag als onderdeel van een aanpak terug naar huis. Voor extra "
                    "begeleiding in de verblijfsvoorziening geldt de aanvraagprocedure meerzorg.",
     "bron": "000 r. 373-374"},
    {"procedure": "rob-specialistische-jeugdhulp-2025", "soort": "niet", "producten": VERBLIJFSPRODUCTEN, "met": (),
     "voorwaarde": "Behalve bij verhuizing of overplaatsing: 1 dag overlap.",
     "toelichting": "Er kunnen geen twee verblijfsproducten samenlopen.", "bron": "000 r. 377-378"},
    {"procedure": "rob-specialistische-jeugdhulp-2025", "soort": "wel", "producten": ("44A18",),
     "met": ("44A07", "44X10", "44X11"), "voorwaarde": "",
     "toelichting": "Uitzondering: deeltijdpleegzorg mag naast pleegzorg (ontlasting van het pleeggezin) en naast "
                    "residentieel verblijf met of zonder terreinvoorziening (doel: uitstroom naar pleegzorg).",
     "bron": "000 r. 379-384"},
    {"procedure": "rob-wmo-begeleiding-2025", "soort": "wel", "producten": WMO_BEGELEIDING, "met": (),
     "voorwaarde": "",
     "toelichting": "Binnen de Wmo mogen de begeleidingsproducten gestapeld worden: meerdere begeleidingsvormen "
                    "tegelijk. Niet met producten Beschermd Wonen: een cliënt heeft alles via Beschermd Wonen of "
                    "alles via de lokale productcodes.", "bron": "000 r. 539-540"},
    {"procedure": "rob-wmo-begeleiding-2025", "soort": "niet", "producten": WMO_BEGELEIDING,
     "met": ("45A04", "45A05"), "voorwaarde": "",
     "toelichting": "Stapelen met producten van de verlengde jeugdwet mag, met uitzondering van Jeugdwet "
                    "begeleiding.", "bron": "000 r. 542-543"},
]

SAMENLOOP_ZONDER_CODE = (
    {"regel": "Casemanagement is onderdeel van het aanbod op de verblijfsvoorziening; als product alleen bij "
              "ambulant aanbod.", "bron": "000 r. 372"},
    {"regel": "Wmo-begeleiding niet samen met producten Beschermd Wonen.", "bron": "000 r. 540"},
)

# ---------------------------------------------------------------------------------------------------
# Publicaties op de ROB-website (000 r. 16-24, r. 115): 18 november productenboeken, 19 november
# inkoopdocumenten en overzicht gecontracteerde aanbieders 2025.  # aanname: jaar 2024 (domain/000.md §1).
# ---------------------------------------------------------------------------------------------------
PUBLICATIES = [
    {"datum": date(2024, 11, 18), "titel": "Productenboeken ambulant en specialistische jeugdhulp 2025",
     "soort": "productenboek", "bron": "000 r. 21, r. 115", "aannames": ("jaar",)},
    {"datum": date(2024, 11, 19), "titel": "Inkoopdocument, standaard overeenkomst en Programma van Eisen",
     "soort": "inkoopdocument", "bron": "000 r. 16-19", "aannames": ("jaar",)},
    {"datum": date(2024, 11, 19), "titel": "Overzicht gecontracteerde aanbieders en productcodes 2025",
     "soort": "overig", "url": "https://robregionijmegen.nl/gecontracteerde-aanbieders-productcodes/",
     "bron": "000 r. 23-31", "aannames": ("jaar",)},
]

# ---------------------------------------------------------------------------------------------------
# AANBIEDERS: volledig fictieve demo-aanbieders (geen bron), in de nummerreeksen van bronnen.regio:
# KvK 9999xxxx, vestigingsnummer 00009999xxxx, AGB 7599xxxx. Bestaande plaatsen, verzonnen adressen.
# "overeenkomsten": (procedure-slug, perceelcodes) waarop de demo een overeenkomst maakt (perceelniveau).
# ---------------------------------------------------------------------------------------------------
AANBIEDERS = [
    {
        "naam": "Stichting Waalzicht Jeugd",
        "rechtsvorm": "stichting",
        "kvk": "99990071",
        "vestigingsnummer": "000099990711",
        "agb": "75990071",
        "adres": {"straat": "Waalkade 40", "postcode": "6511 XR", "plaats": "Nijmegen"},
        "regio": "rob",
        "domeinen": ("jeugd", "wmo"),
        "tekenbevoegde": {"naam": "J. (Jasper) van Dijk", "functie": "bestuurder"},
        "email": "info@waalzicht-jeugd.example",
        "fictief": True,
        "overeenkomsten": (("rob-specialistische-jeugdhulp-2025", ("SJ1", "SJ4")),),
        # Toelating per product (000 deel A; "Award" in 000 §5.1: beperking, locatie en groepsomvang bij verblijf):
        # 3 van de 6 producten van SJ1 en 1 van de 3 van SJ4. Fictief, zoals de aanbieder.
        "producten": (
            {"code": "44X10", "perceel": "SJ1", "locatie": "Nijmegen", "groepsomvang": 8, "leeftijd_van": 12, "leeftijd_tot": 17},
            {"code": "44X11", "perceel": "SJ1", "locatie": "Beuningen", "groepsomvang": 6, "leeftijd_van": 12, "leeftijd_tot": 17},
            {"code": "02A03", "perceel": "SJ1", "beperking": "alleen voor uitstromende jongeren (000 r. 265-270)"},
            {"code": "45A65", "perceel": "SJ4"},
        ),
    },
    {
        "naam": "Begeleidingspunt Ooijpolder B.V.",
        "rechtsvorm": "besloten vennootschap",
        "kvk": "99990072",
        "vestigingsnummer": "000099990722",
        "agb": "75990072",
        "adres": {"straat": "Dorpsstraat 12", "postcode": "6576 BG", "plaats": "Ooij"},
        "regio": "rob",
        "domeinen": ("jeugd", "wmo"),
        "tekenbevoegde": {"naam": "E. (Esther) Hendriks", "functie": "directeur"},
        "email": "contact@begeleidingspunt-ooij.example",
        "fictief": True,
        "overeenkomsten": (("rob-jeugd-ambulant-2025", ("JA1",)), ("rob-wmo-begeleiding-2025", ("WB1",))),
    },
    {
        "naam": "Gezinshuis De Maasoever",
        "rechtsvorm": "eenmanszaak",
        "kvk": "99990073",
        "vestigingsnummer": "000099990733",
        "agb": "75990073",
        "adres": {"straat": "Maasstraat 8", "postcode": "6602 AB", "plaats": "Wijchen"},
        "regio": "rob",
        "domeinen": ("jeugd",),
        "tekenbevoegde": {"naam": "H. (Hanneke) Peters", "functie": "eigenaar"},
        "email": "gezinshuis@maasoever.example",
        "fictief": True,
        "overeenkomsten": (("rob-specialistische-jeugdhulp-2025", ("SJ3",)),),
        "producten": ({"code": "44A30", "perceel": "SJ3", "locatie": "Wijchen", "groepsomvang": 4},),
    },
]

# ---------------------------------------------------------------------------------------------------
# Broninconsistenties.
# ---------------------------------------------------------------------------------------------------
BRONCONFLICTEN = [
    {"onderwerp": "Naam 44x11", "bron": "000 r. 197 vs r. 313, r. 384",
     "conflict": "'zonder verblijfsvoorziening', 'zonder terrein' en 'zonder terreinvoorziening'.",
     "keuze": "naam 'Residentieel verblijf zonder terreinvoorziening', r. 197 als naam_bron"},
    {"onderwerp": "Code Specialistische GGZ", "bron": "000 r. 236 vs r. 361",
     "conflict": "54002 en '564002'.", "keuze": "54002 (alleen in de toelichting: jeugd-ggz-contract)"},
    {"onderwerp": "Gemeentenaam", "bron": "001 r. 11 vs r. 114", "conflict": "'Druuten' en 'Druten'.",
     "keuze": "Druten"},
    {"onderwerp": "Groepsbegeleiding", "bron": "000 r. 537",
     "conflict": "02A17 en 02A20 heten beide 'groepsbegeleiding'.",
     "keuze": "02A17 Groepsbegeleiding, 02A20 Groepsbegeleiding plus (aanname)"},
]


def volledige_code(familie: str, letter: str) -> str:
    """De declaratiecode van een verblijfsproduct uit het intensiteitenmodel: de X van de familie vervangen door
    de intensiteitsletter (000 r. 226-227: "een andere letter op de plek van de x")."""
    if len(familie) != 5 or familie[2] != "X" or len(letter) != 1 or not letter.isalpha():
        raise ValueError(f"Geen familiecode met intensiteitsletter: {familie} / {letter}")
    return familie[:2] + letter.upper() + familie[3:]


# Codes die zowel een familie met een letter als een vast product zijn: 44X29 (Kamertraining) met letter A is
# 44A29 (Gezinshuis licht). Daarom bewaren we familie en letter apart en nooit alleen de samengestelde code.
_VASTE_CODES = {p["code"] for p in PRODUCTEN if p["code"][2] != "X"}
CODEBOTSINGEN = sorted(
    (p["code"], letter, volledige_code(p["code"], letter))
    for p in PRODUCTEN if p["code"][2] == "X"
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWYZ" if volledige_code(p["code"], letter) in _VASTE_CODES
)

# ---------------------------------------------------------------------------------------------------
# Consistentiecontroles.
# ---------------------------------------------------------------------------------------------------
_PROCEDURES = {p["slug"] for p in PROCEDURES}
_PERCEELCODES = {p["code"] for p in PERCELEN}
assert all(p["procedure"] in _PROCEDURES for p in PERCELEN)
assert len(_PERCEELCODES) == len(PERCELEN)
assert all(len(p["code"]) == 5 and p["code"][:2].isdigit() for p in PRODUCTEN)
assert all(p["eenheid"] in EENHEDEN and p["frequentie"] in FREQUENTIES for p in PRODUCTEN)
assert all(set(p["percelen"]) <= _PERCEELCODES for p in PRODUCTEN)
assert all(p["status"] in ("nieuw", "hernoemd", "vervallen", "ongewijzigd") for p in PRODUCTEN)
assert all((p["status"] == "vervallen") == bool(p.get("geldig_tot")) for p in PRODUCTEN)
_CODES = {p["code"] for p in PRODUCTEN}
assert all(set(r["producten"]) | set(r["met"]) <= _CODES for r in SAMENLOOP)
assert all(p.get("voorganger") in (None, *_CODES) for p in PRODUCTEN)
assert all(set(c) <= _PERCEELCODES for a in AANBIEDERS for _, c in a["overeenkomsten"])
assert all(len(a["kvk"]) == 8 and a["kvk"].isdigit() for a in AANBIEDERS)
assert all(
    any(pr["code"] == k["code"] and k["perceel"] in pr["percelen"] for pr in PRODUCTEN)
    for a in AANBIEDERS for k in a.get("producten", ())
)
assert CODEBOTSINGEN == [("44X29", "A", "44A29")]
