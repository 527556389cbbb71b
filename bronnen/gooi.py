"""Toelatingsprocedure "Jeugdhulp Voorzieningen" van Regio Gooi en Vechtstreek (dossier SD005).

Bron: ``shared/seeds/003_5d07a6ba2ca5bb74.txt`` (Woo-besluit "Tussenvoorziening", 16-04-2026), met daarin
het "Geïntegreerd Toelatingsdocument Jeugdhulp Voorzieningen, Ambulant en Verblijf" (TD, r. 129-3963),
de aankondigingen en perceelbeschrijving Tussenvoorziening 2023 (r. 4320-4966), de processen-verbaal
(r. 4968-5008), de tarievenmail (r. 5324-5345) en de verantwoordingsrapportage 2024 (r. 5346-5411).
Engelse lezing: ``shared/domain/003a.md`` en ``003b.md``. "r. N" = regelnummer in het seed-bestand.

Eenheden (iStandaard WJ756): minuut, uur, dagdeel, etmaal, stuks, euro. Frequenties: week, maand, totaal.
Velden die niet in de bron staan zijn ingevuld met ``# aanname:`` en vermeld in ``aannames``.
"""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

AMS = ZoneInfo("Europe/Amsterdam")

EENHEDEN = ("minuut", "uur", "dagdeel", "etmaal", "stuks", "euro")
FREQUENTIES = ("week", "maand", "totaal")

# ---------------------------------------------------------------------------------------------------
# Procedure. Voorblad TD r. 129-138; OpenHouse-methodiek r. 571-577; werkgebied r. 280-284;
# Nota van Inlichtingen d.d. 4 september 2020 (Eis 6, r. 2990); gebruik ABK r. 577, r. 605-615.
# ---------------------------------------------------------------------------------------------------
PROCEDURE = {
    "dossier": "SD005",
    "naam": "Jeugdhulp Voorzieningen",
    "titel": "Geïntegreerd Toelatingsdocument Jeugdhulp Voorzieningen, Ambulant en Verblijf",
    "kenmerk": "22.0000557",
    "versie": "2022-1",
    "datum_document": date(2022, 1, 27),
    "regio": "gooi",
    "opdrachtgever": "Regio Gooi en Vechtstreek (namens de deelnemende gemeenten)",
    "domein": "jeugd",
    "wet": "Jeugdwet",
    "soort": "toelatingsprocedure",  # "OpenHouse methodiek", buiten de aanbestedingswet (r. 573)
    "prijsvorm": "vaste tarieven door opdrachtgever, geen prijsconcurrentie",  # r. 575, Eis 16 r. 3001
    "platform": "https://www.aanbestedingskalender.nl",
    "contact_email": "contractbeheer@regiogv.nl",
    "nota_van_inlichtingen_datum": date(2020, 9, 4),  # geïntegreerd in versie 2022-1 (r. 595-603)
    "hoofdpercelen": ("ambulant", "verblijf", "vervoer"),  # r. 353, Tabellen 6-8 r. 768-791
    # Uitgesloten van de procedure: PGB, Wmo-maatwerk voor jeugdigen, EED-dyslexie (r. 355, r. 473-481).
    "uitgesloten": (
        "PGB",
        "Maatwerkvoorziening Maatschappelijke Ondersteuning",
        "Ernstige Enkelvoudige Dyslexie",
    ),
}

# ---------------------------------------------------------------------------------------------------
# Looptijd en verlenging. TD §1.8 r. 365-375 en §1.12 r. 430-436; Tussenvoorziening-aankondiging
# r. 4442-4448 (01/01/2023-31/12/2028, verlengbaar).
# ---------------------------------------------------------------------------------------------------
LOOPTIJD = {
    "ingang": "bij definitieve toelating",  # r. 367, Tabel 1 r. 374
    "einddatum": date(2028, 12, 31),
    "verlenging_jaren": 2,  # "telkens met een duur van twee (2) jaar", na wederzijdse instemming
    "verlenging_aankondigen_uiterlijk": {"dag": 1, "maand": 9},  # 1 september van het voorgaande jaar
    "bezwaar_opdrachtnemer_voor": {"dag": 1, "maand": 10},  # aangetekend schrijven vóór 1 oktober
    "bezwaar_vorm": "aangetekend schrijven",
    "eerste_bezwaardatum": date(2028, 10, 1),  # "het eerste vóór 1 oktober 2028" (r. 432)
    "stilzwijgen_is_instemming": True,  # te late reactie = instemming; later uittreden via optie 2 (r. 436)
    "volumegarantie": False,  # r. 382
}

# ---------------------------------------------------------------------------------------------------
# Procedureregels (inschrijving, toetsing, besluit). Bronregels per sleutel.
# ---------------------------------------------------------------------------------------------------
REGELS = {
    # Herstel/navraag: bewijsstukken binnen vijf (5) werkdagen na verzoek (§3.1 r. 703, §3.4 r. 719).
    # §2.10 (r. 642) geeft een herstelmogelijkheid bij geringe manco's zonder eigen termijn; voor herstel
    # wordt dezelfde 5-werkdagentermijn gehanteerd.  # aanname: koppeling herstel aan §3.4-termijn
    "herstel_termijn_werkdagen": 5,
    "bewijsstukken_termijn_werkdagen": 5,
    "vragen_uiterlijk_werkdagen_voor_sluiting": 5,  # §2.9 r. 627, via ABK
    "standstill_kalenderdagen": 20,  # kort geding binnen 20 kalenderdagen na toelatingsvoornemen, r. 697
    "rechtbank": "Rechtbank Midden-Nederland",  # r. 695, r. 4520
    "uitsluiting_na_afwijzing_min_maanden": 6,  # r. 399, r. 613, r. 645
    "uitsluiting_mededinging_jaren": 2,  # "eerste contractperiode van twee (2) jaar", r. 659
    "verwerking_latere_inschrijving_maanden": (3, 6),  # r. 393
    "toetreding_na_peildatum_alleen_bij_tekort": date(2021, 1, 1),  # r. 395; anders wachtlijst r. 397
    "kvk_uittreksel_max_maanden": 3,  # digitaal gewaarmerkt, r. 609
    "handtekening": "met de hand (nat), niet digitaal",  # r. 584
    "varianten_toegestaan": False,  # r. 585
    "indiening": "digitale kluis op aanbestedingskalender.nl",  # r. 607, r. 615
    "opening": "besloten, met proces-verbaal van opening; op verzoek aan inschrijvers",  # r. 619-621
    "eigen_verklaring_per_combinant": True,  # r. 703
    "samenwerkingsvormen": ("zelfstandig", "combinatie", "derden"),  # r. 667
    "max_derden": 3,  # r. 671
    "max_onderaannemers": 2,  # r. 687
    "onderaannemers_niet_toegestaan_percelen": ("5.3",),  # r. 687, r. 520
    "onderaannemers_limiet_uitgezonderd_percelen": ("5.7", "5.8", "5.9"),  # r. 687
    "onderaannemers_opgeven_voor": {"dag": 1, "maand": 10},  # ingang begin kalenderjaar na toestemming
    "max_zzp_pct_fte": 10,  # r. 689
    "max_onderaanneming_pct_productie": 20,  # r. 691
    "kerncompetenties_referenties": 2,  # op verzoek; niet bij contractering in 2020 (r. 711-715)
    "kerncompetenties_periode_jaren": 3,
    "capaciteit_wijzigen_voor": {"dag": 1, "maand": 10},  # vanaf tweede contractjaar, r. 540
    "capaciteit_garantie_jaren": 2,  # r. 540
    "on_hold_na_melding_werkdagen": 5,  # r. 540
    "wachttijd_max_weken": 4,  # of de Treeknormen, r. 544-546
    "wachttijd_bijwerken": "minimaal maandelijks per sub-perceel",  # r. 557
    # Treeknormen §1.15.6 r. 548-555.
    "treeknormen": {
        "contact_na_aanmelding_werkdagen": 5,
        "screening_weken": 2,
        "screening_tot_planning_weken": 4,
        "start_ambulante_jeugd_ggz_weken": 6,
        "start_extramuraal_weken": 7,
    },
    "contact_na_toewijzing_werkdagen": 5,  # §7.7.1 r. 2702, Eis 27 r. 3015
    "interventiebeschrijving_beoordeling_maanden_circa": 3,  # r. 1044, r. 1096, r. 1162
    "indexatie_publicatie": "medio februari",  # o.a. r. 813
}

# ---------------------------------------------------------------------------------------------------
# Wijzigingen. Door opdrachtgever: §1.8 r. 369-378. Door opdrachtnemer: §1.10 r. 401-405, §2.3 r. 589,
# §2.13.2 r. 679, Bijlage XIII r. 3666-3695, Eis 65 r. 3062, Eis 89 r. 3096.
# ---------------------------------------------------------------------------------------------------
WIJZIGINGEN = {
    "opdrachtgever": {
        "niet_wezenlijk_min_maanden_vooraf": 3,
        "wezenlijk_min_maanden_vooraf": 9,
        "voorkeur_ingang": "begin kalenderjaar",
        "tussentijdse_opzegging_min_maanden": 9,
        "gemeenten_toevoegen_is_wezenlijk": True,
        "aankondiging_via": ("aanbestedingskalender.nl", "DigitaalLeefPlein.nl"),
        "vorm": "addendum",  # conceptovereenkomst art. 14.5, r. 3286
    },
    "opdrachtnemer": {
        "organisatievorm_min_maanden_vooraf": 3,
        "organisatievorm_vergoeding_excl_btw": Decimal("3000.00"),
        "organisatievorm_uurtarief_excl_btw": Decimal("75.00"),
        "organisatievorm_uren_inbegrepen": 40,
        "organisatievorm_te_laat_of_twijfel": "uittreding optie 2",  # r. 403-405
        "ontbinding_combinatie_min_maanden_vooraf": 3,  # geldt als wijziging organisatievorm, r. 679
        "contactpersoon_melden_werkdagen": 5,  # wijzigingsformulier, r. 589
        "wijzigingsformulier": "Bijlage XIII; PDF met natte handtekening naar contractbeheer@regiogv.nl",
        "nieuwe_naam_of_kvk": "nieuwe inschrijving (nieuwe rechtspersoon)",  # Bijlage XIII, 003b §3.6
        "agb_wijziging_uurtarief": Decimal("75.00"),  # Eis 65
        "agb_wijziging_max_uren_begin_jaar": 6,  # € 450
        "agb_wijziging_max_uren_tijdens_jaar": 10,  # € 750
        "accountmanager_opvolging_min_maanden_vooraf": 1,  # Eis 89
        "plaatsen_verblijf_wijzigen": "vooraf toestemming opdrachtgever",  # r. 1464
    },
}

# ---------------------------------------------------------------------------------------------------
# Uittreding. TD §1.11 r. 407-428; sanctie Eis 20 r. 3005.
# ---------------------------------------------------------------------------------------------------
UITTREDING = {
    "optie_1": {
        "voorwaarde": "geen Cliënten die ondersteuning afnemen",
        "wijze": "op verzoek van opdrachtnemer",
        "eenzijdig_door_opdrachtgever_na_kalendermaanden_zonder_levering": 12,
        "bron": "003 r. 411-415",
    },
    "optie_2": {
        "voorwaarde": "continuïteit van zorg schriftelijk en overtuigend aangetoond",
        "opzegtermijn_min_maanden": 3,
        "vergoeding_per_client_excl_btw": Decimal("150.00"),
        "telmoment": "aantal Cliënten één (1) maand vóór de opzegging",
        "geldig_na": "betaling van de factuur",
        "zonder_continuiteit_pas_na_maanden": 12,
        "instemming": "uitsluitend ter beoordeling van opdrachtgever, niet onderhandelbaar",
        "bron": "003 r. 417-428",
    },
    # Eis 20 verwijst naar "artikel 1.10 optie 2"; de opties staan in §1.11 (zie BRONCONFLICTEN).
    "sanctie_normatief_kader": "ontbinding plus minimaal het bedrag van uittreding optie 2",
}

# ---------------------------------------------------------------------------------------------------
# Publicaties (documenten met datum). Inventarislijst Woo r. 62-83; vooraankondiging r. 109-127;
# aankondigingen r. 4534-4536 en r. 4858-4860; processen-verbaal r. 4968-5008; Woo-besluit r. 1-56.
# ---------------------------------------------------------------------------------------------------
PUBLICATIES = [
    {
        "datum": date(2020, 9, 4),
        "titel": "Nota van Inlichtingen",
        "soort": "nota_van_inlichtingen",
        "kenmerk": None,
        "bron": "003 r. 2990 (Eis 6); geïntegreerd in het TD (r. 595-603)",
    },
    {
        "datum": date(2021, 4, 1),
        "titel": "Vooraankondiging Pilot Tussenvoorziening Jeugdhulp Voorzieningen",
        "soort": "vooraankondiging",
        "kenmerk": "21.0002645",
        "bezwaartermijn_dagen": 30,  # "fatale vervaltermijn", r. 125
        "bezwaar_email": "inkoop@regiogv.nl",
        "bron": "003 r. 109-127",
    },
    {
        "datum": date(2022, 1, 27),
        "titel": "Geïntegreerd Toelatingsdocument Jeugdhulp Voorzieningen 2022",
        "soort": "toelatingsdocument",
        "kenmerk": "22.0000557",
        "bron": "003 r. 66, r. 129-136",
    },
    {
        "datum": date(2023, 5, 23),
        "titel": "Opdrachtaankondiging en perceelbeschrijving Tussenvoorziening",
        "soort": "aankondiging",
        "kenmerk": None,
        "bron": "003 r. 71-72, r. 4320-4642",
    },
    {
        "datum": date(2023, 6, 13),
        "titel": "Rectificatie opdrachtaankondiging en perceelbeschrijving Tussenvoorziening",
        "soort": "rectificatie",
        "kenmerk": None,
        "bron": "003 r. 73-74, r. 4644-4966",
    },
    {
        "datum": date(2023, 6, 30),
        "titel": "Proces-verbaal kluisopening Tussenvoorziening",
        "soort": "proces_verbaal_opening",
        "kenmerk": None,
        "bron": "003 r. 75, r. 4968-4986",
    },
    {
        "datum": date(2023, 7, 12),
        "titel": "Proces-verbaal van beoordeling Tussenvoorziening",
        "soort": "proces_verbaal_beoordeling",
        "kenmerk": None,
        "bron": "003 r. 76, r. 4988-5008",
    },
    {
        "datum": date(2025, 1, 1),
        "titel": "Mail tarieven Tussenvoorziening 2022-2025 (prijslijst verblijf)",
        "soort": "tarievenlijst",
        "kenmerk": None,
        "bron": "003 r. 80, r. 5324-5345",
    },
    {
        "datum": date(2026, 4, 16),
        "titel": "Woo-besluit Tussenvoorziening",
        "soort": "woo_besluit",
        "kenmerk": "DOC-26015854",
        "bezwaartermijn_weken": 6,  # r. 60
        "bron": "003 r. 1-60",
    },
]

# ---------------------------------------------------------------------------------------------------
# Vragenperiode: vragen en gemelde inconsistenties via ABK tot uiterlijk vijf (5) werkdagen vóór de
# sluitingsdatum (§2.9 r. 627). §2.4-2.6 (planning, bijeenkomsten, inlichtingen) zijn vervallen bij de
# integratie met de Nota van Inlichtingen (r. 593-603). Niet gemelde punten worden bindend (r. 629).
# ---------------------------------------------------------------------------------------------------
VRAGENPERIODE = {
    "kanaal": "aanbestedingskalender.nl",
    "uiterlijk_werkdagen_voor_sluiting": 5,
    "procedurevragen_email": "contractbeheer@regiogv.nl",  # r. 591
    "nota_van_inlichtingen_bindend": True,
}

# ---------------------------------------------------------------------------------------------------
# Toetredingsmomenten. De enige vensters met sluitdatum en -uur in de bron zijn de twee aankondigingen
# van de Tussenvoorziening (TED-formulier, Richtlijn 2014/24/EU):
# - versie 1, verzonden 23/05/2023: termijn 23/06/2023 10:00, opening 11:00 Bussum (r. 4480-4504, 4536);
# - versie 2 (rectificatie), verzonden 13/06/2023: termijn 30/06/2023 10:00, opening 11:00 (r. 4806-4820,
#   4860). Kluis geopend 30 juni 2023 (r. 4970), beoordeling 12 juli 2023 (r. 5004).
# "vragen_uiterlijk" is afgeleid: 5 werkdagen vóór sluiting (§2.9); geen feestdagen in die weken.
# Daarnaast heropent de Regio periodiek (r. 623), zonder data in de bron.
# ---------------------------------------------------------------------------------------------------
TOETREDINGSMOMENTEN = [
    {
        "code": "TV-2023-1",
        "naam": "Tussenvoorziening (aankondiging 23-05-2023)",
        "percelen": ("5.10.1",),
        "publicatiedatum": date(2023, 5, 23),
        "vragen_uiterlijk": date(2023, 6, 16),  # afgeleid
        "sluiting": datetime(2023, 6, 23, 10, 0, tzinfo=AMS),
        "opening": datetime(2023, 6, 23, 11, 0, tzinfo=AMS),
        "openingsplaats": "Bussum (digitale kluis)",
        "status": "gerectificeerd",
        "vervangen_door": "TV-2023-2",
        "bron": "003 r. 4320-4536",
        "aannames": ("vragen_uiterlijk",),
        "proces_verbaal_opening": None,
        "proces_verbaal_beoordeling": None,
    },
    {
        "code": "TV-2023-2",
        "naam": "Tussenvoorziening (rectificatie 13-06-2023)",
        "percelen": ("5.10.1",),
        "publicatiedatum": date(2023, 6, 13),
        "vragen_uiterlijk": date(2023, 6, 23),  # afgeleid
        "sluiting": datetime(2023, 6, 30, 10, 0, tzinfo=AMS),
        "opening": datetime(2023, 6, 30, 11, 0, tzinfo=AMS),
        "openingsplaats": "Bussum (digitale kluis)",
        "status": "afgerond",
        "vervangen_door": None,
        "proces_verbaal_opening": date(2023, 6, 30),
        "proces_verbaal_beoordeling": date(2023, 7, 12),
        "bron": "003 r. 4644-4860, r. 4968-5008",
        "aannames": ("vragen_uiterlijk",),
    },
    {
        # Doorlopende toetreding: alleen bij capaciteitstekort of wezenlijk innovatief aanbod (§1.9
        # r. 384-399); wachtlijst bij geen tekort (r. 397). Periodieke heropening r. 623.
        "code": "SD005-periodiek",
        "naam": "Periodieke heropening Jeugdhulp Voorzieningen (bij capaciteitstekort)",
        "percelen": None,  # alle percelen
        "publicatiedatum": None,
        "vragen_uiterlijk": None,
        "sluiting": None,  # aanname: bron noemt geen concrete vensters
        "opening": None,
        "openingsplaats": "digitale kluis ABK",
        "status": "doorlopend",
        "vervangen_door": None,
        "bron": "003 r. 384-399, r. 623",
        "aannames": ("sluiting",),
        "proces_verbaal_opening": None,
        "proces_verbaal_beoordeling": None,
    },
]

# Inschrijvingen in venster TV-2023-2, volgens de processen-verbaal (r. 4976-4978, r. 5000-5002).
# Echte namen uit het openbare Woo-document; tijden Europe/Amsterdam.
INSCHRIJVINGEN_TUSSENVOORZIENING = [
    {
        "inschrijver": "Leger des Heils Midden-Nederland",
        "ingediend": datetime(2023, 6, 29, 12, 45, tzinfo=AMS),
        "status_na_opening": "in_behandeling",
        "status_na_beoordeling": "definitief_toegelaten",
        "bedden": 2,  # vanaf 10-03-2024 tijdelijk 1 bed (r. 5385-5389)
        # aanname: koppeling aan intensiteit "zwaar" afgeleid uit het geredigeerde financieel overzicht
        # 2024 (r. 5393-5401: blok "BHL intensiteit zwaar" met "Correctie in verband met niet-levering").
        "intensiteit_locatie": "zwaar",
        "locatie": "de Amethist",  # r. 5389
        "aannames": ("intensiteit_locatie",),
    },
    {
        "inschrijver": "Youké Sterke Jeugd",
        "ingediend": datetime(2023, 6, 29, 14, 26, tzinfo=AMS),
        "status_na_opening": "in_behandeling",
        "status_na_beoordeling": "definitief_toegelaten",
        "bedden": 2,
        "intensiteit_locatie": "extra_zwaar",  # aanname: zie hierboven (r. 5405)
        "locatie": None,
        "aannames": ("intensiteit_locatie",),
    },
]

# ---------------------------------------------------------------------------------------------------
# Percelen. Tabellen 2-4 (r. 485-508) en 6-8 (r. 768-791); beschrijvingen hoofdstuk 5 (r. 762-2184);
# aanvullende voorwaarden hoofdstuk 6 (r. 2206-2482). Regelbereiken per perceel in 003a §1.
# "omschrijving" is een korte samenvatting van de "Korte omschrijving" in de bron.
# Tussenvoorziening: perceelbeschrijving 2023 (r. 4538-4642, gerectificeerd r. 4862-4966). De bron
# nummert dit perceel niet.  # aanname: code "5.10.1" onder 5.10 (doorontwikkeling van de noodbedden in
# perceel 5.10, r. 4394; contract voor 5.10 vereist, r. 4634); het PV (r. 4996) noemt het een
# "subperceel ... van het hoofdperceel Verblijf".
# ---------------------------------------------------------------------------------------------------
PERCELEN = [
    {
        "code": "5.1",
        "naam": "Ambulante Jeugd GGZ",
        "hoofdperceel": "ambulant",
        "bovenliggend": None,
        "omschrijving": (
            "Generalistische basis (BGGZ) en specialistische jeugd-ggz (SGGZ) voor Cliënten met een "
            "psychische aandoening of ernstig emotioneel probleem."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "uur per functiegroep (Bijlage XIV)",
        "eenheid_berichtenverkeer": "minuut",
        "max_functiegroep": "J6",
        "intensiteiten": ("BGGZ", "SGGZ"),
        "productcodes": ("45C47",),  # ORT; functiegerichte codes staan in Bijlage XIV (niet in bron)
        "verhouding_direct_indirect": {"BGGZ": (75, 25), "SGGZ": (65, 35), "SGGZ_comorbiditeit": (60, 40)},
        "min_kwalificatie": "regiebehandelaar post-master vanaf J4 (bv. GZ-psycholoog BIG)",  # r. 870
        "max_aanbieders": None,
        "interventiebeschrijving": None,
        "ort_toegestaan": True,
        "vervoersplicht": True,
        "voorheen": None,
        "bron": "003 r. 808-884, r. 2241-2251",
        "aannames": (),
    },
    {
        "code": "5.2",
        "naam": "Ambulante Jeugdhulp",
        "hoofdperceel": "ambulant",
        "bovenliggend": None,
        "omschrijving": (
            "Hulp aan Cliënten en gezinnen met ernstige opgroei-, opvoed- of gedragsproblemen, thuis of op "
            "een andere locatie; inclusief pleegzorgbegeleiding."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "uur per functiegroep (Bijlage XIV)",
        "eenheid_berichtenverkeer": "minuut",
        "max_functiegroep": "J4",
        "intensiteiten": ("IBP 1", "IBP 3", "IBP 4", "IBP 5", "IBP 6"),  # geen IBP 2 in de bron (r. 892-896)
        "productcodes": ("45C47",),
        "verhouding_direct_indirect": {"standaard": (70, 30), "comorbiditeit": (60, 40)},
        "min_kwalificatie": None,
        "max_aanbieders": None,
        "interventiebeschrijving": None,
        "ort_toegestaan": True,
        "vervoersplicht": True,
        "voorheen": None,
        "bron": "003 r. 885-941, r. 2253-2265",
        "aannames": (),
    },
    {
        "code": "5.3",
        "naam": "Snelle Inzetbare Hulp",
        "hoofdperceel": "ambulant",
        "bovenliggend": None,
        "omschrijving": (
            "Kort en intensief traject van maximaal vier weken, gestart binnen twee werkdagen, om "
            "uithuisplaatsing of een gedwongen maatregel te voorkomen."
        ),
        "bekostiging": "inspanningsgericht, deels taakgerichte bekostiging",  # voetnoot 5, r. 804
        "tariefeenheid": "uur per functiegroep (Bijlage XIV)",
        "eenheid_berichtenverkeer": "minuut",
        "max_functiegroep": "J4",
        "intensiteiten": (),
        "productcodes": ("45C47",),
        "verhouding_direct_indirect": {"standaard": (60, 40)},
        "min_kwalificatie": None,
        "max_aanbieders": 4,  # r. 514
        "interventiebeschrijving": None,
        "ort_toegestaan": True,
        "vervoersplicht": True,
        "voorheen": None,
        "bron": "003 r. 943-995, r. 2267-2269",
        "aannames": (),
    },
    {
        "code": "5.4",
        "naam": "Dagbehandeling Groep",
        "hoofdperceel": "ambulant",
        "bovenliggend": None,
        "omschrijving": (
            "Behandelprogramma in een groep op de locatie, 2 tot 6,5 uur per dag zonder overnachting, in "
            "vier groepsintensiteiten."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "uur",
        "eenheid_berichtenverkeer": "minuut",
        "max_functiegroep": None,
        "intensiteiten": ("licht", "middel", "zwaar", "extra_zwaar"),
        "productcodes": ("41A11", "41A12", "41A13", "41A16"),
        "verhouding_direct_indirect": {"standaard": (70, 30)},
        "min_kwalificatie": None,
        "max_aanbieders": None,
        "interventiebeschrijving": "Bijlage XIX",
        "ort_toegestaan": False,
        "vervoersplicht": True,
        "voorheen": None,
        "bron": "003 r. 997-1045, r. 2271-2275",
        "aannames": (),
    },
    {
        "code": "5.4A",
        "naam": "Dagbehandeling groep 1:3",
        "hoofdperceel": "ambulant",
        "bovenliggend": None,
        "omschrijving": (
            "Aanvulling op 5.4 met de intensiteit extra zwaar intensief (1 groepsleiding op 3 Cliënten) voor "
            "jonge kinderen van 0-7 jaar; alleen ambulante jeugdhulp."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "uur",
        "eenheid_berichtenverkeer": "minuut",
        "max_functiegroep": None,
        "intensiteiten": ("extra_zwaar_intensief",),
        "productcodes": ("41A17",),
        "verhouding_direct_indirect": {"standaard": (70, 30)},
        "min_kwalificatie": None,
        "max_aanbieders": None,
        "interventiebeschrijving": "Bijlage XIX",
        "ort_toegestaan": False,
        "vervoersplicht": True,
        "voorheen": None,
        "bron": "003 r. 1047-1097",
        "aannames": (),
    },
    {
        "code": "5.5",
        "naam": "Groepsbehandeling binnen Onderwijs of Kinderopvang",
        "hoofdperceel": "ambulant",
        "bovenliggend": None,
        "omschrijving": (
            "Groepsbehandeling binnen school of kinderopvang, maximaal 5,5 uur per dag, in vier "
            "groepsintensiteiten."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "uur",
        "eenheid_berichtenverkeer": "minuut",
        "max_functiegroep": None,
        "intensiteiten": ("licht", "middel", "zwaar", "extra_zwaar"),
        "productcodes": ("41A32", "41A33", "41A34", "41A35"),
        "verhouding_direct_indirect": {"standaard": (70, 30)},
        "min_kwalificatie": None,
        "max_aanbieders": None,
        "interventiebeschrijving": "Bijlage XX",
        "ort_toegestaan": False,
        "vervoersplicht": True,
        # Voetnoot 12 (r. 1105): "Voormalig: behandelingsgerichte dagbesteding en Verblijf zonder
        # overnachting (VZO)".
        "voorheen": "behandelingsgerichte dagbesteding en Verblijf zonder overnachting (VZO)",
        "bron": "003 r. 1099-1163, r. 2277-2279",
        "aannames": (),
    },
    {
        "code": "5.6",
        "naam": "Multi Systeem Therapie",
        "hoofdperceel": "ambulant",
        "bovenliggend": None,
        "omschrijving": (
            "Intensieve behandeling thuis (3-5 maanden, 2-4 keer per week) van jongeren van 12-18 jaar met "
            "ernstig antisociaal gedrag, ter voorkoming van (gesloten) uithuisplaatsing."
        ),
        "bekostiging": "inspanningsgericht plus beschikbaarheidsvergoeding",
        "tariefeenheid": "uur per functiegroep (Bijlage XIV)",
        "eenheid_berichtenverkeer": "minuut",
        "max_functiegroep": "J6",
        "intensiteiten": (),
        "productcodes": ("45A01",),
        "verhouding_direct_indirect": {"standaard": (60, 40)},
        "min_kwalificatie": None,
        "max_aanbieders": 1,  # loting bij meer gegadigden, r. 522
        "interventiebeschrijving": None,
        "ort_toegestaan": False,  # r. 1170 (zie BRONCONFLICTEN over §6.23)
        "vervoersplicht": True,
        "voorheen": None,
        "bron": "003 r. 1165-1182",
        "aannames": (),
    },
    {
        "code": "5.7",
        "naam": "Pleegzorg",
        "hoofdperceel": "verblijf",
        "bovenliggend": None,
        "omschrijving": (
            "Verblijf in een pleeggezin, kortdurend, tijdelijk of permanent tot 21 jaar "
            "(verlengbaar tot 23), "
            "met landelijke pleegzorgvergoeding plus 10% organisatiekosten."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "etmaal",
        "eenheid_berichtenverkeer": "etmaal",
        "max_functiegroep": None,
        "intensiteiten": (),
        "productcodes": ("43A61", "44A18", "44A19", "44A20", "44A03"),
        "verhouding_direct_indirect": None,
        "min_kwalificatie": None,
        "max_aanbieders": None,
        "interventiebeschrijving": None,
        "ort_toegestaan": False,
        "vervoersplicht": False,
        "voorheen": None,
        "bron": "003 r. 1184-1231, r. 2340-2366",
        "aannames": (),
    },
    {
        "code": "5.8",
        "naam": "Pleegzorg Aanvullend",
        "hoofdperceel": "verblijf",
        "bovenliggend": None,
        "omschrijving": (
            "Pleegzorg voor een beperkt aantal dagen per week naast een andere verblijfsvoorziening; "
            "maximaal drie etmalen per week."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "etmaal",
        "eenheid_berichtenverkeer": "etmaal",
        "max_functiegroep": None,
        "intensiteiten": (),
        "productcodes": ("43A62", "44A03"),
        "verhouding_direct_indirect": None,
        "min_kwalificatie": None,
        "max_aanbieders": None,
        "interventiebeschrijving": None,
        "ort_toegestaan": False,
        "vervoersplicht": False,
        "voorheen": None,
        "bron": "003 r. 1232-1313, r. 2368-2370",
        "aannames": (),
    },
    {
        "code": "5.9",
        "naam": "Gezinshuizen",
        "hoofdperceel": "verblijf",
        "bovenliggend": None,
        "omschrijving": (
            "Kleinschalig verblijf in het gezin van gezinshuisouders, van wie minimaal één professioneel "
            "opvoeder is."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "etmaal",
        "eenheid_berichtenverkeer": "etmaal",
        "max_functiegroep": None,
        "intensiteiten": (),
        "productcodes": ("43A10",),
        "verhouding_direct_indirect": None,
        "min_kwalificatie": "gezinshuisouder hbo-werk- en denkniveau, SKJ of onder SKJ-supervisie",  # r. 1421
        "max_aanbieders": None,
        "interventiebeschrijving": "Bijlage XXI (profielbeschrijving bij inschrijving)",
        "ort_toegestaan": False,
        "vervoersplicht": False,
        "voorheen": None,
        "bron": "003 r. 1314-1432, r. 2372-2376",
        "aannames": (),
    },
    {
        "code": "5.10",
        "naam": "Behandel- en leefgroepen",
        "hoofdperceel": "verblijf",
        "bovenliggend": None,
        "omschrijving": (
            "Verblijf in een behandel- of leefgroep van maximaal acht Cliënten, in vijf intensiteiten; "
            "één noodbed per groep, maximaal negen dagen achtereen."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "etmaal",
        "eenheid_berichtenverkeer": "etmaal",
        "max_functiegroep": None,
        "intensiteiten": ("licht", "middel", "middelzwaar", "zwaar", "extra_zwaar"),
        # VOV-staf per week bij een groep van 8 (r. 1441, 1531, 1590, 1680, 1736; 003a §6.4).
        "vov_uren_per_week_groep_van_8": {
            "licht": 56,
            "middel": 115,
            "middelzwaar": 171,
            "zwaar": 227,
            "extra_zwaar": 283,
        },
        "productcodes": (),  # bron noemt geen codes voor de intensiteiten van 5.10
        "verhouding_direct_indirect": None,
        "min_kwalificatie": None,
        "max_aanbieders": None,
        "interventiebeschrijving": "Bijlage XXII",
        "ort_toegestaan": False,
        "vervoersplicht": False,
        "voorheen": None,
        "bron": "003 r. 1433-1785, r. 2378-2386",
        "aannames": (),
    },
    {
        "code": "5.10.1",  # aanname: bron nummert het subperceel niet (zie kop van dit blok)
        "naam": "Tussenvoorziening",
        "hoofdperceel": "verblijf",
        "bovenliggend": "5.10",
        "omschrijving": (
            "Crisisbed voor maximaal 28 etmalen bij niet-planbare crisis en uithuisplaatsing, bij maximaal "
            "twee opdrachtnemers met elk twee bedden op een bestaande groep; leegstand wordt vergoed."
        ),
        "bekostiging": "inspanningsgericht plus leegstandvergoeding",
        "tariefeenheid": "etmaal",
        "eenheid_berichtenverkeer": "etmaal",
        "max_functiegroep": None,
        "intensiteiten": ("zwaar", "extra_zwaar"),  # tarief volgt de groepsintensiteit van de locatie
        "productcodes": ("43B03",),
        "verhouding_direct_indirect": None,
        "min_kwalificatie": None,
        "max_aanbieders": 2,
        "max_bedden_per_aanbieder": 2,
        "max_verblijf_etmalen": 28,
        "interventiebeschrijving": None,
        "ort_toegestaan": False,
        "vervoersplicht": False,
        "toegevoegd_op": date(2023, 7, 12),  # definitieve toelating via addendum (r. 4996, r. 5004)
        "overeenkomst_looptijd": (date(2023, 1, 1), date(2028, 12, 31)),  # r. 4444-4446
        "voorheen": "noodbedden in perceel 5.10 (pilot Tussenvoorziening 2021-2022)",  # r. 117, r. 4394
        "bron": "003 r. 4538-4642, r. 4862-4966, r. 4988-5008",
        "aannames": ("code",),
    },
    {
        "code": "5.11",
        "naam": "Driemilieuvoorziening",
        "hoofdperceel": "verblijf",
        "bovenliggend": None,
        "omschrijving": (
            "Voorziening met de drie leefsferen zorg, school/werk en vrije tijd op één terrein, meestal voor "
            "Cliënten ouder dan twaalf jaar; één intensiteit."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "etmaal",
        "eenheid_berichtenverkeer": "etmaal",
        "max_functiegroep": None,
        "intensiteiten": (),
        "productcodes": ("43B19",),
        "verhouding_direct_indirect": None,
        "min_kwalificatie": None,
        "max_aanbieders": None,
        "interventiebeschrijving": "Bijlage XXII",
        "ort_toegestaan": False,
        "vervoersplicht": False,
        "voorheen": None,
        "bron": "003 r. 1786-1860, r. 2388-2392",
        "aannames": (),
    },
    {
        "code": "5.12",
        "naam": "Klinische Jeugd GGZ",
        "hoofdperceel": "verblijf",
        "bovenliggend": None,
        "omschrijving": (
            "Klinische behandelsetting voor Cliënten met psychische of psychiatrische problematiek, in "
            "principe kortdurend en altijd onderdeel van ambulante behandeling; inclusief crisisopnames."
        ),
        "bekostiging": "inspanningsgericht",
        "tariefeenheid": "etmaal",
        "eenheid_berichtenverkeer": "etmaal",
        "max_functiegroep": None,
        "intensiteiten": ("licht", "middel", "middelzwaar", "zwaar", "extra_zwaar", "zeer_intensief"),
        # VOV-staf per week bij een groep van 8 (r. 1887, 1926, 2005, 2051, 2084, 2109).
        "vov_uren_per_week_groep_van_8": {
            "licht": 56,
            "middel": 115,
            "middelzwaar": 171,
            "zwaar": 227,
            "extra_zwaar": 283,
            "zeer_intensief": 339,
        },
        "productcodes": (),  # bron noemt geen codes voor 5.12
        "verhouding_direct_indirect": None,
        "min_kwalificatie": None,
        "max_aanbieders": None,
        "interventiebeschrijving": "Bijlage XXII",
        "ort_toegestaan": False,
        "vervoersplicht": False,
        "voorheen": None,
        "bron": "003 r. 1861-2145, r. 2394-2398",
        "aannames": (),
    },
    {
        "code": "5.13",
        "naam": "Vervoer middel (Jeugdwet)",
        "hoofdperceel": "vervoer",
        "bovenliggend": None,
        "omschrijving": (
            "Vergoeding per aanwezigheidsdag voor noodzakelijk vervoer naar en van dagbehandeling, voor "
            "Cliënten die rolstoelgebonden zijn of tijdens de rit extra toezicht nodig hebben."
        ),
        "bekostiging": "outputgericht",
        "tariefeenheid": "stuks (aanwezigheidsdag)",
        "eenheid_berichtenverkeer": "stuks",
        "max_functiegroep": None,
        "intensiteiten": ("middel",),
        "productcodes": ("42A06",),
        "verhouding_direct_indirect": None,
        "min_kwalificatie": "chauffeur met EHBO-certificaat",  # r. 2173
        "max_aanbieders": None,
        "interventiebeschrijving": None,
        "ort_toegestaan": False,
        "vervoersplicht": False,
        "max_ritduur_uur": 1,  # r. 2174
        "voorheen": None,
        "bron": "003 r. 2146-2184",
        "aannames": (),
    },
]

# ---------------------------------------------------------------------------------------------------
# Perceelafhankelijkheden (bij inschrijving). "vereist_een_van": minstens één van de genoemde percelen.
# ---------------------------------------------------------------------------------------------------
PERCEEL_AFHANKELIJKHEDEN = [
    {
        # §1.15.1 r. 512: inschrijvers voor Verblijf moeten inschrijven op 5.1 en/of 5.2.
        "percelen": ("5.7", "5.8", "5.9", "5.10", "5.11", "5.12"),
        "vereist_een_van": ("5.1", "5.2"),
        "vereist_alle": (),
        "toelichting": "Inschrijving op Verblijf vereist Ambulante Jeugd GGZ en/of Ambulante Jeugdhulp.",
        "bron": "003 r. 512",
        "locatie_in_gemeenten": None,
        "min_aantal_uit": (),
    },
    {
        # r. 514-520: standplaats in de regio, inschrijving op >= 2 extra ambulante en >= 2 verblijf
        # sub-percelen, infrastructurele instelling; geen onderaannemers (r. 687).
        "percelen": ("5.3",),
        "vereist_een_van": (),
        "vereist_alle": (),
        "min_aantal_uit": (
            {"percelen": ("5.1", "5.2", "5.4", "5.4A", "5.5", "5.6"), "minimaal": 2},
            {"percelen": ("5.7", "5.8", "5.9", "5.10", "5.11", "5.12"), "minimaal": 2},
        ),
        "toelichting": "Standplaats in de regiogemeenten en status van infrastructurele instelling.",
        "bron": "003 r. 514-520, r. 687",
        "locatie_in_gemeenten": None,
    },
    {
        # r. 1181: gecontracteerd voor 5.1 en aangesloten bij MST-Nederland met licentie.
        "percelen": ("5.6",),
        "vereist_een_van": (),
        "vereist_alle": ("5.1",),
        "toelichting": "MST vereist een contract voor 5.1 en een MST-licentie.",
        "bron": "003 r. 1181",
        "locatie_in_gemeenten": None,
        "min_aantal_uit": (),
    },
    {
        # r. 524 noemt "5.8 (Pleegzorg) ... 5.9 (pleegzorg aanvullend)"; op naam = 5.7 met 5.8.
        "percelen": ("5.7",),
        "vereist_een_van": (),
        "vereist_alle": ("5.8",),
        "toelichting": "Pleegzorg altijd in combinatie met Pleegzorg Aanvullend.",
        "bron": "003 r. 524",
        "locatie_in_gemeenten": None,
        "min_aantal_uit": (),
    },
    {
        # Vervoersplicht: r. 526 ("5.1 t/m 5.7" -> "5.14") en r. 2149 ("percelen 5.1 t/m 5.6"); zie
        # BRONCONFLICTEN. Gekozen: 5.1 t/m 5.6 inclusief 5.4A, vervoersperceel 5.13.
        "percelen": ("5.1", "5.2", "5.3", "5.4", "5.4A", "5.5", "5.6"),
        "vereist_een_van": (),
        "vereist_alle": ("5.13",),
        "toelichting": "Percelen met vervoersplicht vereisen inschrijving op Vervoer middel.",
        "bron": "003 r. 526, r. 2149, Eis 71 r. 3072",
        "locatie_in_gemeenten": None,
        "min_aantal_uit": (),
    },
    {
        # Tussenvoorziening: contract voor 5.10 (SD005), infrastructurele partner, locatie in Hilversum,
        # Huizen, Blaricum, Laren, Wijdemeren of Gooise Meren (r. 4632-4637; herhaald r. 5359-5363).
        "percelen": ("5.10.1",),
        "vereist_een_van": (),
        "vereist_alle": ("5.10",),
        "locatie_in_gemeenten": ("Hilversum", "Huizen", "Blaricum", "Laren", "Wijdemeren", "Gooise Meren"),
        "toelichting": "Alleen voor infrastructurele partners met een contract voor 5.10.",
        "bron": "003 r. 4632-4637, r. 5359-5363",
        "min_aantal_uit": (),
    },
]

# Quota per perceel. r. 514 (max 4, geen selectiemethode genoemd), r. 522 (max 1, loting, wachtlijst),
# r. 4432 / r. 4572 (max 2 opdrachtnemers x max 2 bedden).
PERCEEL_QUOTA = [
    {
        "perceel": "5.3",
        "max_aanbieders": 4,
        "bij_overschrijding": None,
        "bron": "003 r. 514",
    },
    {
        "perceel": "5.6",
        "max_aanbieders": 1,
        "bij_overschrijding": "loting; overigen op wachtlijst",
        "bron": "003 r. 522",
    },
    {
        "perceel": "5.10.1",
        "max_aanbieders": 2,
        "max_bedden_per_aanbieder": 2,
        "bij_overschrijding": None,
        "bron": "003 r. 4432, r. 4572",
    },
]

# ---------------------------------------------------------------------------------------------------
# Producten. Code = 5 posities, categorie = eerste 2 tekens. "eenheid" = eenheid berichtenverkeer
# (WJ756); "tariefeenheid" = eenheid waarin het tarief is uitgedrukt, zoals de bron schrijft.
# Codes per perceel: zie "bron". Niet in de bron: codes voor de functiegerichte uren van 5.1-5.3 en 5.6
# (Bijlage XIV is alleen downloadbaar, r. 3697-3699), voor nazorg (r. 2283 "aparte codes") en voor de
# intensiteiten van 5.10 en 5.12.
# Frequentie: alleen voor 43A62 ("drie (3) etmalen per week", r. 1249) en 42A06 ("per stuk per week",
# r. 2151) staat zij in de bron; 5.4/5.4A/5.5 noemen een bovengrens "per week" in de beschikking
# (r. 1042, 1094, 1160). De overige frequenties zijn aannames.
# ---------------------------------------------------------------------------------------------------
PRODUCTEN = [
    # Perceel 5.4 Dagbehandeling Groep, r. 1002; groepsverhoudingen r. 1041.
    {
        "code": "41A11",
        "categorie": "41",
        "naam": "Dagbehandeling groep Licht",
        "perceel": "5.4",
        "percelen": ("5.4",),
        "intensiteit": "licht",
        "eenheid": "minuut",
        "tariefeenheid": "uur",
        "frequentie": "week",
        "max_per_dag_uren": Decimal("6.5"),  # §6.6 r. 2275
        "groepsverhouding": "1:7",
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1002, r. 1041-1042",
        "aannames": (),
        "max_per_frequentie": None,
    },
    {
        "code": "41A12",
        "categorie": "41",
        "naam": "Dagbehandeling groep Middel",
        "perceel": "5.4",
        "percelen": ("5.4",),
        "intensiteit": "middel",
        "eenheid": "minuut",
        "tariefeenheid": "uur",
        "frequentie": "week",
        "max_per_dag_uren": Decimal("6.5"),
        "groepsverhouding": "1:6",
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1002 (daar gespeld '41A 12'), r. 1041",
        "aannames": (),
        "max_per_frequentie": None,
    },
    {
        "code": "41A13",
        "categorie": "41",
        "naam": "Dagbehandeling groep Zwaar",
        "perceel": "5.4",
        "percelen": ("5.4",),
        "intensiteit": "zwaar",
        "eenheid": "minuut",
        "tariefeenheid": "uur",
        "frequentie": "week",
        "max_per_dag_uren": Decimal("6.5"),
        "groepsverhouding": "1:5",
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1002, r. 1041",
        "aannames": (),
        "max_per_frequentie": None,
    },
    {
        "code": "41A16",
        "categorie": "41",
        "naam": "Dagbehandeling groep Extra Zwaar",
        "perceel": "5.4",
        "percelen": ("5.4",),
        "intensiteit": "extra_zwaar",
        "eenheid": "minuut",
        "tariefeenheid": "uur",
        "frequentie": "week",
        "max_per_dag_uren": Decimal("6.5"),
        "groepsverhouding": "1:4",
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1002, r. 1041",
        "aannames": (),
        "max_per_frequentie": None,
    },
    # Perceel 5.4A, r. 1052, r. 1093.
    {
        "code": "41A17",
        "categorie": "41",
        "naam": "Dagbehandeling groep Extra Zwaar Intensief",
        "perceel": "5.4A",
        "percelen": ("5.4A",),
        "intensiteit": "extra_zwaar_intensief",
        "eenheid": "minuut",
        "tariefeenheid": "uur",
        "frequentie": "week",
        "max_per_dag_uren": Decimal("6.5"),
        "groepsverhouding": "1:3",
        "leeftijd": (0, 7),
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1052, r. 1058, r. 1093",
        "aannames": (),
        "max_per_frequentie": None,
    },
    # Perceel 5.5, r. 1109-1125; groepsverhoudingen r. 1151-1159; max 5,5 uur per dag r. 1143, r. 2279.
    {
        "code": "41A32",
        "categorie": "41",
        "naam": "Groepsbehandeling binnen onderwijs of kinderopvang Licht",
        "perceel": "5.5",
        "percelen": ("5.5",),
        "intensiteit": "licht",
        "eenheid": "minuut",
        "tariefeenheid": "uur",
        "frequentie": "week",
        "max_per_dag_uren": Decimal("5.5"),
        "groepsverhouding": "1:7",
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1109, r. 1119",
        "aannames": (),
        "max_per_frequentie": None,
    },
    {
        "code": "41A33",
        "categorie": "41",
        "naam": "Groepsbehandeling binnen onderwijs of kinderopvang Middel",
        "perceel": "5.5",
        "percelen": ("5.5",),
        "intensiteit": "middel",
        "eenheid": "minuut",
        "tariefeenheid": "uur",
        "frequentie": "week",
        "max_per_dag_uren": Decimal("5.5"),
        "groepsverhouding": "1:6",
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1111, r. 1121",
        "aannames": (),
        "max_per_frequentie": None,
    },
    {
        "code": "41A34",
        "categorie": "41",
        "naam": "Groepsbehandeling binnen onderwijs of kinderopvang Zwaar",
        "perceel": "5.5",
        "percelen": ("5.5",),
        "intensiteit": "zwaar",
        "eenheid": "minuut",
        "tariefeenheid": "uur",
        "frequentie": "week",
        "max_per_dag_uren": Decimal("5.5"),
        "groepsverhouding": "1:5",
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1113, r. 1123",
        "aannames": (),
        "max_per_frequentie": None,
    },
    {
        "code": "41A35",
        "categorie": "41",
        "naam": "Groepsbehandeling binnen onderwijs of kinderopvang Extra Zwaar",
        "perceel": "5.5",
        "percelen": ("5.5",),
        "intensiteit": "extra_zwaar",
        "eenheid": "minuut",
        "tariefeenheid": "uur",
        "frequentie": "week",
        "max_per_dag_uren": Decimal("5.5"),
        "groepsverhouding": "1:4",
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1115, r. 1125",
        "aannames": (),
        "max_per_frequentie": None,
    },
    # Perceel 5.6 MST: "Code berichtenverkeer: 45A01" (r. 1172); budgetplafond 6 (r. 1170).
    {
        "code": "45A01",
        "categorie": "45",
        "naam": "Multi Systeem Therapie",
        "perceel": "5.6",
        "percelen": ("5.6",),
        "intensiteit": None,
        "eenheid": "minuut",
        "tariefeenheid": "uur per functiegroep (max J6)",
        "frequentie": "totaal",  # aanname: inzet binnen budgetplafond 6 per opdracht
        "max_duur_maanden": 6,  # beschikbaarheidsvergoeding max 6 maanden, r. 1170
        "leeftijd": (12, 18),
        "min_kwalificatie": "licentie MST-Nederland (organisatie)",  # r. 1181
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1170-1174, r. 1181",
        "aannames": ("frequentie",),
        "max_per_frequentie": None,
    },
    # Perceel 5.7 Pleegzorg, "Code 43A61" (r. 1189); toeslagen 44A18-44A20 (r. 2356-2362).
    {
        "code": "43A61",
        "categorie": "43",
        "naam": "Pleegzorg",
        "perceel": "5.7",
        "percelen": ("5.7",),
        "intensiteit": None,
        "eenheid": "etmaal",
        "tariefeenheid": "etmaal",
        "frequentie": "week",  # aanname
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1189, r. 2342-2350",
        "aannames": ("frequentie",),
        "max_per_frequentie": None,
    },
    {
        "code": "44A18",
        "categorie": "44",
        "naam": "Toeslag crisis (pleegzorg)",
        "perceel": "5.7",
        "percelen": ("5.7", "5.8"),  # §6.13 r. 2370: voorwaarden 5.8 gelijk aan 5.7
        "intensiteit": None,
        "eenheid": "etmaal",
        "tariefeenheid": "etmaal",
        "frequentie": "week",  # aanname
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 2356-2358",
        "aannames": ("frequentie",),
        "max_per_frequentie": None,
    },
    {
        "code": "44A19",
        "categorie": "44",
        "naam": "Toeslag jeugdige met beperking (pleegzorg)",
        "perceel": "5.7",
        "percelen": ("5.7", "5.8"),
        "intensiteit": None,
        "eenheid": "etmaal",
        "tariefeenheid": "etmaal",
        "frequentie": "week",  # aanname
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 2356, r. 2360",
        "aannames": ("frequentie",),
        "max_per_frequentie": None,
    },
    {
        "code": "44A20",
        "categorie": "44",
        "naam": "Toeslag meer dan 3 kinderen (pleegzorg)",
        "perceel": "5.7",
        "percelen": ("5.7", "5.8"),
        "intensiteit": None,
        "eenheid": "etmaal",
        "tariefeenheid": "etmaal",
        "frequentie": "week",  # aanname
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 2356, r. 2362",
        "aannames": ("frequentie",),
        "max_per_frequentie": None,
    },
    # Perceel 5.8, "Code 43A62" (r. 1241), max 3 etmalen per week (r. 1249); 44A03 (r. 1243, r. 2366).
    {
        "code": "43A62",
        "categorie": "43",
        "naam": "Pleegzorg Aanvullend",
        "perceel": "5.8",
        "percelen": ("5.8",),
        "intensiteit": None,
        "eenheid": "etmaal",
        "tariefeenheid": "etmaal",
        "frequentie": "week",
        "max_per_frequentie": 3,
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1241, r. 1249",
        "aannames": (),
    },
    {
        "code": "44A03",
        "categorie": "44",
        "naam": "Bijzondere pleegzorgkosten",
        "perceel": "5.8",
        "percelen": ("5.7", "5.8"),  # altijd toegewezen bij pleegzorg (r. 1201, r. 2366)
        "intensiteit": None,
        "eenheid": "euro",
        "tariefeenheid": "euro (werkelijke uitgaven)",
        "frequentie": "totaal",  # aanname: plafond € 1.500 incl. btw per jaar (r. 2366)
        "max_bedrag_per_jaar_incl_btw": Decimal("1500.00"),
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1243, r. 2366, Bijlage XVI r. 3771-3855",
        "aannames": ("frequentie",),
        "max_per_frequentie": None,
    },
    # Perceel 5.9 Gezinshuizen, "Code: 43A10" (r. 1326).
    {
        "code": "43A10",
        "categorie": "43",
        "naam": "Gezinshuizen",
        "perceel": "5.9",
        "percelen": ("5.9",),
        "intensiteit": None,
        "eenheid": "etmaal",
        "tariefeenheid": "etmaal",
        "frequentie": "week",  # aanname
        "min_kwalificatie": "gezinshuisouder hbo-werk- en denkniveau, SKJ of onder SKJ-supervisie",
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1326, r. 1421-1422",
        "aannames": ("frequentie",),
        "max_per_frequentie": None,
    },
    # Perceel 5.10.1 Tussenvoorziening, "Code Tussenvoorziening: 43B03" (r. 4558, r. 4882); declaratie
    # via 43B03 per 1-1-2024 (r. 5328, r. 5383). Daarvoor via het BHL-product van de locatie.
    {
        "code": "43B03",
        "categorie": "43",
        "naam": "Tussenvoorziening",
        "perceel": "5.10.1",
        "percelen": ("5.10.1",),
        "intensiteit": None,  # tarief per intensiteit van de locatie, zie TARIEVEN
        "eenheid": "etmaal",
        "tariefeenheid": "etmaal",
        "frequentie": "totaal",  # aanname: maximaal 28 etmalen per plaatsing (r. 4588)
        "max_per_frequentie": 28,
        "min_kwalificatie": None,
        "voorganger": "Behandel- en leefgroepen (intensiteit van de locatie), declaratie tot 31-12-2023",
        "geldig_vanaf": date(2024, 1, 1),
        "bron": "003 r. 4558, r. 4882, r. 5328, r. 5383",
        "aannames": ("frequentie",),
    },
    # Perceel 5.11 Driemilieu, "Code: 43B19" (r. 1804).
    {
        "code": "43B19",
        "categorie": "43",
        "naam": "Driemilieuvoorziening",
        "perceel": "5.11",
        "percelen": ("5.11",),
        "intensiteit": None,
        "eenheid": "etmaal",
        "tariefeenheid": "etmaal",
        "frequentie": "week",  # aanname
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 1800-1804",
        "aannames": ("frequentie",),
        "max_per_frequentie": None,
    },
    # Perceel 5.13 Vervoer middel: "Tarief berichtenverkeer 42A06: per stuk per week" (r. 2149-2151).
    {
        "code": "42A06",
        "categorie": "42",
        "naam": "Vervoer middel",
        "perceel": "5.13",
        "percelen": ("5.13",),
        "intensiteit": "middel",
        "eenheid": "stuks",
        "tariefeenheid": "stuks (aanwezigheidsdag)",
        "frequentie": "week",
        "min_kwalificatie": "chauffeur met EHBO-certificaat",
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 2149-2153, r. 2169-2175",
        "aannames": (),
        "max_per_frequentie": None,
    },
    # Onregelmatigheidstoeslag §6.23, "Code berichtenverkeer: 45C47" (r. 2478).
    {
        "code": "45C47",
        "categorie": "45",
        "naam": "Onregelmatigheidstoeslag (ORT)",
        "perceel": "5.2",
        "percelen": ("5.1", "5.2", "5.3"),  # zie BRONCONFLICTEN: §6.23 noemt ook 5.6
        "intensiteit": None,
        "eenheid": "minuut",
        "tariefeenheid": "uur",
        "frequentie": "totaal",  # aanname
        "venster": {
            "5.1": "werkdagen 20:00-22:00, zaterdag 12:00-22:00",  # r. 815
            "5.2": "werkdagen 18:00-22:00, zaterdag 08:00-22:00",  # r. 909
            # r. 970: venster afhankelijk van de cao van de opdrachtnemer
            "5.3": "werkdagen 18:00-22:00 of 20:00-22:00, zaterdag 08:00-22:00 of 12:00-22:00",
        },
        "min_kwalificatie": None,
        "voorganger": None,
        "geldig_vanaf": None,
        "bron": "003 r. 2472-2482, r. 815, r. 909, r. 970, r. 2265",
        "aannames": ("frequentie",),
        "max_per_frequentie": None,
    },
]

# ---------------------------------------------------------------------------------------------------
# Tarieven per product en jaar, in euro excl. btw. Vorm: {productcode: {variant: {jaar: Decimal}}};
# "variant" is de intensiteit of "standaard".
# - 43B03: e-mail "tarieven Tussenvoorziening 2022-2025" (r. 5326-5340): tarief = BHL-tarief van de
#   intensiteit van de locatie; bevestigd in rapportage 2024 (r. 5395 € 322,46; r. 5405 € 410,61).
#   De bedragen 2022 en 2023 golden vóór de eigen code (43B03 per 1-1-2024) via het BHL-product.
# - 43B19: per 01-07-2021 € 363,43 basis + € 25,20 ondersteunende behandeling; basistarief 2022
#   € 372,99, op te hogen met ondersteunende behandeling tegen het geïndexeerde J3-tarief (bedrag niet
#   in de bron) (r. 1800-1802).
# - 44A18/44A19/44A20: "etmaal tarief van € 3,77 per toeslag" (r. 2356).  # aanname: jaar 2022 =
#   versiejaar van het TD (2022-1); de bron noemt geen jaar.
# Alle andere tarieven staan op de website / in Bijlage XIV en zijn niet in de bron opgenomen.
# ---------------------------------------------------------------------------------------------------
TARIEVEN = {
    "43B03": {
        "zwaar": {
            2022: Decimal("294.94"),
            2023: Decimal("306.98"),
            2024: Decimal("322.46"),
            2025: Decimal("346.14"),
        },
        "extra_zwaar": {
            2022: Decimal("375.57"),
            2023: Decimal("390.90"),
            2024: Decimal("410.61"),
            2025: Decimal("440.76"),
        },
    },
    "43B19": {
        "basis": {2021: Decimal("363.43"), 2022: Decimal("372.99")},
        "ondersteunende_behandeling": {2021: Decimal("25.20")},
    },
    "44A18": {"standaard": {2022: Decimal("3.77")}},
    "44A19": {"standaard": {2022: Decimal("3.77")}},
    "44A20": {"standaard": {2022: Decimal("3.77")}},
}

# BHL-tarieven per intensiteit zonder eigen productcode (perceel 5.10), zelfde e-mail r. 5330-5340.
TARIEVEN_ZONDER_CODE = {
    ("5.10", "zwaar"): {
        2022: Decimal("294.94"),
        2023: Decimal("306.98"),
        2024: Decimal("322.46"),
        2025: Decimal("346.14"),
    },
    ("5.10", "extra_zwaar"): {
        2022: Decimal("375.57"),
        2023: Decimal("390.90"),
        2024: Decimal("410.61"),
        2025: Decimal("440.76"),
    },
}

# ---------------------------------------------------------------------------------------------------
# Vergoedingen en plafonds die geen producttarief zijn.
# ---------------------------------------------------------------------------------------------------
VERGOEDINGEN = [
    {
        "code": "mst_beschikbaarheid",
        "perceel": "5.6",
        "omschrijving": "Beschikbaarheidsvergoeding per opdracht per maand, maximaal zes maanden",
        "bedrag": Decimal("600.00"),
        "per": "maand",
        "max_maanden": 6,
        "bron": "003 r. 1170",
    },
    {
        "code": "pleegzorg_organisatiekosten",
        "perceel": "5.7",
        "omschrijving": "Opslag organisatiekosten op de pleegoudervergoeding (hoogste leeftijdscategorie)",
        "opslag_pct": Decimal("10"),
        "bron": "003 r. 1189, r. 2350, r. 2364",
    },
    {
        "code": "bijzondere_pleegzorgkosten_max",
        "perceel": "5.7",
        "omschrijving": "Bijzondere pleegzorgkosten, werkelijke uitgaven (44A03)",
        "bedrag": Decimal("1500.00"),
        "per": "jaar, incl. btw",
        "bron": "003 r. 1243, r. 2366",
    },
    {
        "code": "bedplassen",
        "perceel": "5.7",
        "omschrijving": "Dagvergoeding bij bedplassen (Bijlage XVI)",
        "bedrag": Decimal("0.50"),
        "per": "dag",
        "bron": "003 r. 3815",
    },
    {
        # Versie 1: € 239,73 per etmaal, max € 175.000 per inschrijver per jaar (r. 4556).
        "code": "leegstand_tussenvoorziening_v1",
        "perceel": "5.10.1",
        "omschrijving": "Leegstandvergoeding per etmaal (perceelbeschrijving versie 1, vervangen)",
        "bedrag": Decimal("239.73"),
        "per": "etmaal leegstand",
        "max_per_aanbieder_per_jaar": Decimal("175000.00"),
        "geldig": False,
        "bron": "003 r. 4554-4556",
    },
    {
        # Versie 2 (rectificatie): hetzelfde tarief als bij een bezet bed, max € 175.000 (r. 4880);
        # jaarlijks achteraf per factuur (r. 4884); totaal max € 350.000 excl. indexatie (r. 4103-4227).
        "code": "leegstand_tussenvoorziening_v2",
        "perceel": "5.10.1",
        "omschrijving": "Leegstandvergoeding tegen het tarief van een bezet bed (gerectificeerd)",
        "bedrag": None,  # = TARIEVEN["43B03"][intensiteit][jaar]
        "per": "etmaal leegstand",
        "max_per_aanbieder_per_jaar": Decimal("175000.00"),
        "max_totaal_per_jaar": Decimal("350000.00"),
        "max_etmalen_per_aanbieder_per_jaar": 730,  # 2 bedden x 365 (r. 5385)
        "geldig": True,
        "bron": "003 r. 4878-4884, r. 5373, r. 5385",
    },
]

# Persoonsvolgende budgetplafonds die de bron met bedrag noemt (overige in Bijlage XIV).
BUDGETPLAFONDS = [
    {
        "perceel": "5.1",
        "code": "niveau 0",
        "naam": "Ambulante jeugd GGZ niveau 0 (BGGZ)",
        "bedrag": Decimal("1250.00"),
        "bron": "003 r. 868",
    },
    {
        "perceel": "5.1",
        "code": "niveau 2",
        "naam": "Ambulante jeugd GGZ niveau 2 (SGGZ)",
        "bedrag": Decimal("5000.00"),
        "bron": "003 r. 869, r. 1841",
    },
    {
        "perceel": "5.2",
        "code": "IBP 1",
        "naam": "Ambulante Jeugdhulp budgetplafond 1 (6 maanden)",
        "bedrag": Decimal("2500.00"),
        "bron": "003 r. 1842",
    },
]

# Indexatie §6.22 r. 2438-2470.
INDEXATIE = {
    "eerste_indexatie": date(2022, 1, 1),
    "voorlopig": "50% van de voorlopige OVA, bekend uiterlijk 1 oktober",
    "definitief_reeksen": ("CBS Gezondheidszorg", "CPI", "NZa kapitaallasten"),
    "gewichten_pct": {"ambulant": (90, 8, 2), "verblijf": (82, 8, 10)},
    "afronding": "minuutbedrag op 2 decimalen; onafgerond bedrag is basis voor volgend jaar",
    "nacalculatie": False,
}

# Functietabel Jeugd (Bijlage XV, versie 5.0 per 1-1-2019), r. 3709-3769.
FUNCTIEGROEPEN = [
    {
        "code": "J1",
        "niveau": "MBO",
        "registratie": None,
        "voorbeelden": ("Pedagogisch medewerker Jeugdzorg (MBO)", "Stagiair"),
    },
    {
        "code": "J2",
        "niveau": "HBO",
        "registratie": "SKJ",
        "voorbeelden": ("HBO-pedagoog", "Maatschappelijk werker"),
    },
    {
        "code": "J3",
        "niveau": "WO master",
        "registratie": "SKJ",
        "voorbeelden": ("(basis) Psycholoog (WO Master)", "Gedragswetenschapper B"),
    },
    {
        "code": "J4",
        "niveau": "post-master",
        "registratie": "BIG/NIP/NVO",
        "voorbeelden": ("GZ Psycholoog BIG", "NVO Orthopedagoog Generalist"),
    },
    {
        "code": "J5",
        "niveau": "specialist",
        "registratie": "BIG",
        "voorbeelden": ("Psychotherapeut BIG", "Klinisch Psycholoog BIG"),
    },
    {
        "code": "J6",
        "niveau": "medisch specialist",
        "registratie": "BIG",
        "voorbeelden": ("Psychiater", "Kinderarts"),
    },
]

# ---------------------------------------------------------------------------------------------------
# Eisen. Hoofdstuk 3 TD (uitsluitingsgronden via Formulier E, geschiktheidseisen via Formulier F,
# kerncompetenties; r. 699-740), §2.7 (KvK-uittreksel, r. 609), §2.11 (mededinging, r. 647-659) en
# perceel-specifieke eisen uit hoofdstuk 5, hoofdstuk 8 en de perceelbeschrijving Tussenvoorziening.
# De 90 eisen van het Programma van Eisen (hoofdstuk 9, "Eis 1" ... "Eis 90", r. 2981-3097; Engelse lezing
# 003b §5) staan niet hier maar in PVE_EISEN_CSV (bronnen/gooi_pve_eisen.csv): de demo laadt ze via de
# eisenimport (aanbesteding.eisimport, issue 12), zoals een bureau een toelatingsdocument laadt; de kolom
# "aannames" van dat bestand zegt per eis wat de portal zelf heeft ingedeeld.
# soort: uitsluitingsgrond / geschiktheidseis / uitvoeringseis. antwoordtype: ja_nee / tekst / getal / document.
# titel: wat aanbieders en publiek lezen (de code is alleen voor medewerkers); verklaring: de zin die een
# aanbieder bij een ja/nee-eis aanvinkt. Toetsing is pass/fail: elke eis is knock-out.
# max_leeftijd_maanden met peilmoment: "indiening" of "indiensttreding".
# ---------------------------------------------------------------------------------------------------

PVE_EISEN_CSV = Path(__file__).with_name("gooi_pve_eisen.csv")

EISEN = [
    # --- Uitsluitingsgronden (TD §3.1, §2.11) ---
    {
        "code": "Formulier E",
        "titel": "Eigen Verklaring (formulier E)",
        "tekst": (
            "Eigen Verklaring: geen uitsluitingsgronden (art. 2.86 en 2.87 Aanbestedingswet 2012), "
            "ondertekend door de rechtsgeldige vertegenwoordiger; één per combinant."
        ),
        "soort": "uitsluitingsgrond",
        "antwoordtype": "document",
        "knock_out": True,
        "documentsoort": "eigen_verklaring",
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": None,
        "bron": "003 r. 701-703",
        "aannames": (),
    },
    # aanname: opsomming van de gronden uit de Aanbestedingswet 2012; 003 r. 703 verwijst alleen
    # naar art. 2.86 en 2.87.
    {
        "code": "Formulier E / art. 2.86",
        "titel": "Verplichte uitsluitingsgronden",
        "verklaring": "Ik verklaar dat geen van deze verplichte uitsluitingsgronden op onze organisatie van toepassing is.",
        "tekst": (
            "Verplichte uitsluitingsgronden: geen onherroepelijke veroordeling voor o.a. deelneming aan een "
            "criminele organisatie, omkoping, fraude, witwassen, terrorisme, kinderarbeid of mensenhandel."
        ),
        "soort": "uitsluitingsgrond",
        "antwoordtype": "ja_nee",
        "knock_out": True,
        "documentsoort": None,
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": None,
        "bron": "003 r. 703",
        "aannames": ("tekst",),
    },
    {
        "code": "Formulier E / art. 2.87",
        "titel": "Facultatieve uitsluitingsgronden",
        "verklaring": "Ik verklaar dat geen van deze facultatieve uitsluitingsgronden op onze organisatie van toepassing is.",
        "tekst": (
            "Facultatieve uitsluitingsgronden: o.a. geen faillissement of surseance, geen ernstige "
            "beroepsfout, geen vervalsing van de mededinging, geen belangenconflict, geen ernstige "
            "tekortkoming bij een eerdere opdracht, geen valse verklaringen."
        ),
        "soort": "uitsluitingsgrond",
        "antwoordtype": "ja_nee",
        "knock_out": True,
        "documentsoort": None,
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": None,
        "bron": "003 r. 703",
        "aannames": ("tekst",),
    },
    # aanname: 003 noemt geen Gedragsverklaring aanbesteden; wel kunnen officiële bewijsstukken later
    # worden opgevraagd (r. 703, binnen 5 werkdagen). Maximale leeftijd 24 maanden volgens de
    # VNG-contractstandaard (domain/peers-and-standards.md r. 366).
    {
        "code": "TD 3.1 bewijs",
        "titel": "Gedragsverklaring aanbesteden",
        "tekst": (
            "Gedragsverklaring aanbesteden als bewijs bij de Eigen Verklaring, op verzoek binnen vijf "
            "werkdagen."
        ),
        "soort": "uitsluitingsgrond",
        "antwoordtype": "document",
        "knock_out": True,
        "documentsoort": "gedragsverklaring_aanbesteden",
        "max_leeftijd_maanden": 24,
        "peilmoment": "indiening",
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": True,
        "percelen": None,
        "bron": "003 r. 703, r. 719",
        "aannames": ("documentsoort", "max_leeftijd_maanden"),
    },
    {
        "code": "TD 2.11",
        "titel": "Geen verbondenheid met een andere inschrijver",
        "tekst": (
            "Geen groepsverbondenheid (art. 2:24b BW) of organisatorische/personele verbondenheid met een "
            "andere inschrijver, tenzij maatregelen (zoals Chinese walls, aparte IT) zijn aangetoond."
        ),
        "soort": "uitsluitingsgrond",
        "antwoordtype": "tekst",
        "knock_out": True,
        "documentsoort": None,
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": 300,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": None,
        "bron": "003 r. 655-659",
        "aannames": ("max_woorden",),
    },
    # --- Geschiktheidseisen (TD §2.7, §3.2, §3.3) ---
    {
        "code": "TD 2.7",
        "titel": "Uittreksel Kamer van Koophandel",
        "tekst": (
            "Digitaal gewaarmerkt uittreksel uit het Handelsregister van de KvK, uitvaardatum niet ouder dan"
            " drie maanden."
        ),
        "soort": "geschiktheidseis",
        "antwoordtype": "document",
        "knock_out": True,
        "documentsoort": "kvk_uittreksel",
        "max_leeftijd_maanden": 3,
        "peilmoment": "indiening",
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": None,
        "bron": "003 r. 607-609",
        "aannames": (),
    },
    {
        "code": "Formulier F",
        "titel": "Aanvullende Eigen Verklaring (formulier F)",
        "tekst": (
            "Aanvullende Eigen Verklaring: voldoet aan de geschiktheidseisen, ondertekend door de "
            "rechtsgeldige vertegenwoordiger."
        ),
        "soort": "geschiktheidseis",
        "antwoordtype": "document",
        "knock_out": True,
        "documentsoort": "aanvullende_eigen_verklaring",
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": None,
        "bron": "003 r. 705-707",
        "aannames": (),
    },
    {
        "code": "TD 3.3",
        "titel": "Referenties van vergelijkbare opdrachten",
        "tekst": (
            "Kerncompetenties: twee relevante referenties over vergelijkbare opdrachten in de afgelopen drie"
            " jaar (niet voor inschrijvers die in 2020 al gecontracteerd waren)."
        ),
        "soort": "geschiktheidseis",
        "antwoordtype": "document",
        "knock_out": True,
        "documentsoort": "referenties",
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": True,
        "percelen": None,
        "bron": "003 r. 709-715",
        "aannames": (),
    },
    # --- Uitvoeringseisen bij inschrijving (formulieren uit het Invulsjabloon, Bijlage III) ---
    {
        "code": "Formulier D",
        "titel": "Minimale capaciteit (formulier D)",
        "tekst": "Opgave minimale capaciteit in uren per jaar en verdeling uitvoerende FTE vast/tijdelijk.",
        "soort": "uitvoeringseis",
        "antwoordtype": "getal",
        "knock_out": True,
        "documentsoort": None,
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": None,
        "bron": "003 r. 536-540",
        "aannames": (),
    },
    {
        "code": "Formulier K",
        "titel": "Bijdrage aan de transformatiedoelen (formulier K)",
        "tekst": "Beschrijving hoe de opdrachtnemer de transformatiedoelen (§1.4) verwacht te realiseren.",
        "soort": "uitvoeringseis",
        "antwoordtype": "tekst",
        "knock_out": True,
        "documentsoort": None,
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": 500,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": None,
        "bron": "003 r. 317",
        "aannames": ("max_woorden",),
    },
    # --- Perceel-specifieke eisen (hoofdstuk 5, hoofdstuk 8, perceelbeschrijving Tussenvoorziening) ---
    {
        "code": "5.3 standplaats",
        "titel": "Standplaats in de regio en infrastructurele instelling",
        "tekst": (
            "Standplaats binnen de regiogemeenten en voldoen aan de voorwaarden van een infrastructurele "
            "instelling (taakgerichte financiering)."
        ),
        "soort": "geschiktheidseis",
        "antwoordtype": "tekst",
        "knock_out": True,
        "documentsoort": None,
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": 200,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": ("5.3",),
        "bron": "003 r. 514-520",
        "aannames": ("max_woorden",),
    },
    {
        "code": "5.6 licentie",
        "titel": "Licentie van MST-Nederland",
        "tekst": "Aangesloten bij MST-Nederland met een licentie voor MST.",
        "soort": "geschiktheidseis",
        "antwoordtype": "document",
        "knock_out": True,
        "documentsoort": "licentie_mst",
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": ("5.6",),
        "bron": "003 r. 1181",
        "aannames": (),
    },
    {
        "code": "H8 interventiebeschrijving",
        "titel": "Interventiebeschrijving",
        "tekst": (
            "Interventiebeschrijving per groep/voorziening volgens Bijlage XIX-XXII, vooraf goed te keuren "
            "(beoordeling circa drie maanden)."
        ),
        "soort": "uitvoeringseis",
        "antwoordtype": "document",
        "knock_out": True,
        "documentsoort": "interventiebeschrijving",
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": ("5.4", "5.4A", "5.5", "5.10", "5.11", "5.12"),
        "bron": "003 r. 2915-2926, r. 1044, r. 1096, r. 1162",
        "aannames": (),
    },
    {
        "code": "5.9 profiel",
        "titel": "Profielbeschrijving van het gezinshuis",
        "tekst": "Profielbeschrijving van het gezinshuis bij inschrijving (Bijlage XXI).",
        "soort": "uitvoeringseis",
        "antwoordtype": "document",
        "knock_out": True,
        "documentsoort": "profielbeschrijving_gezinshuis",
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": ("5.9",),
        "bron": "003 r. 1420",
        "aannames": (),
    },
    {
        "code": "5.9 gezinshuisouder",
        "titel": "Professionele gezinshuisouder",
        "tekst": (
            "Minimaal één gezinshuisouder is professioneel opvoeder met hbo-werk- en denkniveau en SKJ-"
            "registratie (of onder supervisie van een SKJ-geregistreerde)."
        ),
        "soort": "uitvoeringseis",
        "antwoordtype": "document",
        "knock_out": True,
        "documentsoort": "registratie_skj_big",
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": ("5.9",),
        "bron": "003 r. 1421-1422",
        "aannames": (),
    },
    {
        "code": "TV 1",
        "titel": "Ook gecontracteerd voor Behandel- en leefgroepen",
        "verklaring": "Ik verklaar dat onze organisatie ook is gecontracteerd voor perceel 5.10 Behandel- en leefgroepen.",
        "tekst": "Tevens gecontracteerd voor perceel 5.10 Behandel- en leefgroepen (SD005).",
        "soort": "geschiktheidseis",
        "antwoordtype": "ja_nee",
        "knock_out": True,
        "documentsoort": None,
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": ("5.10.1",),
        "bron": "003 r. 4634",
        "aannames": (),
    },
    {
        "code": "TV 2",
        "titel": "Infrastructurele partner",
        "verklaring": "Ik verklaar dat onze organisatie infrastructurele partner is met taakgerichte bekostiging.",
        "tekst": "Infrastructurele partner (taakgerichte bekostiging).",
        "soort": "geschiktheidseis",
        "antwoordtype": "ja_nee",
        "knock_out": True,
        "documentsoort": None,
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": None,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": ("5.10.1",),
        "bron": "003 r. 4636, r. 4642",
        "aannames": (),
    },
    {
        "code": "TV 3",
        "titel": "Locatie in de regio",
        "tekst": "Locatie binnen Hilversum, Huizen, Blaricum, Laren, Wijdemeren of Gooise Meren.",
        "soort": "geschiktheidseis",
        "antwoordtype": "tekst",
        "knock_out": True,
        "documentsoort": None,
        "max_leeftijd_maanden": None,
        "peilmoment": None,
        "max_woorden": 50,
        "max_paginas": None,
        "op_verzoek": False,
        "percelen": ("5.10.1",),
        "bron": "003 r. 4637",
        "aannames": ("max_woorden",),
    },
]

# ---------------------------------------------------------------------------------------------------
# Sancties. §7.11 r. 2862-2883 (maatregelen en boetes); §7.7.1 r. 2702 (75% budget); conceptovereenkomst
# € 2.500 bij niet melden faillissement e.d. (art. 9.6, r. 3236); Inkooprapportage vier-trapsysteem
# r. 5176-5183.
# ---------------------------------------------------------------------------------------------------
BOETES = [
    {
        "code": "klacht_gegrond",
        "omschrijving": "Gegronde klacht van een Cliënt",
        "bedrag": Decimal("25.00"),
        "per": "klacht",
        "bron": "003 r. 2876",
        "percentage_budget": None,
    },
    {
        "code": "personeelseisen",
        "omschrijving": "Niet voldoen aan personeelseisen",
        "bedrag": Decimal("250.00"),
        "per": "medewerker per week",
        "bron": "003 r. 2877",
        "percentage_budget": None,
    },
    {
        "code": "klacht_termijn",
        "omschrijving": "Klacht niet binnen tien werkdagen afgehandeld",
        "bedrag": Decimal("50.00"),
        "per": "klacht",
        "bron": "003 r. 2878",
        "percentage_budget": None,
    },
    {
        "code": "administratief_herstel",
        "omschrijving": "Administratieve herstelwerkzaamheden",
        "bedrag": Decimal("75.00"),
        "per": "uur",
        "bron": "003 r. 2879",
        "percentage_budget": None,
    },
    {
        "code": "verantwoording_te_laat",
        "omschrijving": "Financiële verantwoording na de deadline",
        "bedrag": Decimal("250.00"),
        "per": "dag",
        "bron": "003 r. 2880",
        "percentage_budget": None,
    },
    {
        "code": "faillissement_niet_gemeld",
        "omschrijving": "Faillissement, surseance of beslag niet gemeld",
        "bedrag": Decimal("2500.00"),
        "per": "geval",
        "bron": "003 r. 3236 (conceptovereenkomst art. 9.6)",
        "percentage_budget": None,
    },
    {
        "code": "capaciteit_niet_geleverd",
        "omschrijving": "Geen contact binnen 5 werkdagen ondanks opgegeven capaciteit",
        "percentage_budget": Decimal("75"),
        "per": "periode",
        "bron": "003 r. 2702",
        "bedrag": None,
    },
]

MAATREGELEN = (
    "waarschuwing",
    "stop verwijzing nieuwe Cliënten",
    "stop verwijzing bestaande Cliënten bij herbeoordeling",
    "boete",
    "boete per dag (verantwoording)",
    "terugvordering",
    "aangifte bij het Openbaar Ministerie",
    "opzegging",
)  # §7.11 r. 2872-2883

# ---------------------------------------------------------------------------------------------------
# Broninconsistenties en hoe ze hier zijn opgelost (ook in het rapport). Zie 003a §6.8 en 003b slot.
# ---------------------------------------------------------------------------------------------------
BRONCONFLICTEN = [
    {
        "onderwerp": "Nummer MST",
        "bron": "r. 493, 776, 1165 vs r. 522",
        "conflict": "MST is 5.6 in de tabellen en §5.6, maar 'perceel 5.7' in §1.15.1.",
        "keuze": "5.6",
    },
    {
        "onderwerp": "Pleegzorg-combinatie",
        "bron": "r. 524 vs r. 498-499",
        "conflict": "'5.8 (Pleegzorg) ... 5.9 (pleegzorg aanvullend)' tegenover 5.7/5.8 in de tabellen.",
        "keuze": "op naam: 5.7 Pleegzorg vereist 5.8 Pleegzorg Aanvullend",
    },
    {
        "onderwerp": "Nummer vervoersperceel",
        "bron": "r. 508, 483, 526, 791, 2146",
        "conflict": (
            "'5.1 Vervoer middel' (Tabel 4), '5.1 t/m 5.14', 'perceel 5.14' en 5.13 (Tabel 8, §5.13)."
        ),
        "keuze": "5.13",
    },
    {
        "onderwerp": "Percelen met vervoersplicht",
        "bron": "r. 526 vs r. 2149",
        "conflict": "'5.1 t/m 5.7' in §1.15.1 tegenover 'percelen 5.1 t/m 5.6' bij 42A06.",
        "keuze": "5.1 t/m 5.6 inclusief 5.4A (productbeschrijving; 5.7 is pleegzorg)",
    },
    {
        "onderwerp": "ORT bij MST",
        "bron": "r. 2474 vs r. 1170",
        "conflict": (
            "§6.23 staat ORT toe bij '5.6 (forensische ondersteuning)'; §5.6 zegt ORT niet van toepassing."
        ),
        "keuze": "45C47 alleen bij 5.1, 5.2, 5.3",
    },
    {
        "onderwerp": "Nummering in hoofdstuk 8",
        "bron": "r. 2915-2926",
        "conflict": "§8 noemt 5.10 gezinshuizen, 5.11 BHL, 5.12 driemilieu, 5.13 klinisch (één verschoven).",
        "keuze": "op naam gekoppeld: 5.9, 5.10, 5.11, 5.12",
    },
    {
        "onderwerp": "Duur noodbed",
        "bron": "r. 1447, r. 1683, r. 117",
        "conflict": (
            "'negentien (9) dagen' (r. 1683), 9 dagen (r. 1447) en 'maximaal tien (10) dagen' "
            "(vooraankondiging)."
        ),
        "keuze": "9 dagen",
    },
    {
        "onderwerp": "Bedden Tussenvoorziening",
        "bron": "r. 117 vs r. 4432, r. 5365",
        "conflict": "Vooraankondiging 2021: 3 bedden; aankondiging 2023 en rapportage: 2 x 2 = 4 bedden.",
        "keuze": "max 2 aanbieders x 2 bedden",
    },
    {
        "onderwerp": "Productcode Tussenvoorziening",
        "bron": "r. 4558 vs r. 5328, r. 5383",
        "conflict": "43B03 staat al in de perceelbeschrijving 2023; declaratie via 43B03 pas per 1-1-2024.",
        "keuze": "43B03 geldig_vanaf 2024-01-01; 2022-2023 via BHL-product",
    },
    {
        "onderwerp": "Plaats Tussenvoorziening",
        "bron": "r. 4514, r. 4542 vs r. 4996",
        "conflict": (
            "'apart perceel' tegenover 'subperceel ... van het hoofdperceel Verblijf'; nummer ontbreekt."
        ),
        "keuze": "code 5.10.1, hoofdperceel verblijf, bovenliggend 5.10",
    },
    {
        "onderwerp": "Leegstandtarief",
        "bron": "r. 4556 vs r. 4880",
        "conflict": "Versie 1: € 239,73 per etmaal; rectificatie: tarief van een bezet bed.",
        "keuze": "versie 2 geldig; versie 1 bewaard als vervangen",
    },
    {
        "onderwerp": "Kop klinisch zwaar",
        "bron": "r. 2021-2022",
        "conflict": "Kop 'intensiteit zwaar', voorziening 'intensiteit middel'.",
        "keuze": "zwaar",
    },
    {
        "onderwerp": "Kruisverwijzingen",
        "bron": "r. 679, r. 3005, r. 522, r. 1095",
        "conflict": (
            "Combinatie verwijst naar 'artikel 1.5' (bedoeld 1.10); Eis 20 naar 'artikel 1.10 optie 2' "
            "(opties staan in 1.11); wachtlijst MST naar 'artikel acht (8) uit hoofdstuk één' (bedoeld 1.9);"
            " 5.4A voorliggend naar Bijlage XIV (bedoeld VIII)."
        ),
        "keuze": "inhoudelijk bedoelde artikelen gebruikt",
    },
    {
        "onderwerp": "Procedurekarakter in TED",
        "bron": "r. 4436-4438, r. 4470 vs r. 573, r. 4245",
        "conflict": (
            "TED-formulier: 'openbare procedure' met gunningscriteria; TD: OpenHouse, geen gunning maar "
            "toelating."
        ),
        "keuze": "toelatingsprocedure",
    },
    {
        "onderwerp": "Herstel-termijn",
        "bron": "r. 642 vs r. 703, r. 719",
        "conflict": "§2.10 herstelmogelijkheid zonder termijn; bewijsstukken binnen 5 werkdagen.",
        "keuze": "herstel_termijn_werkdagen = 5 (aanname)",
    },
    {
        "onderwerp": "Spelling Wijdemeren en HBEL",
        "bron": "r. 282, 459, 2545, 2541 vs r. 5106",
        "conflict": (
            "'Wijdemeeren'/'Wijdmeren'; uitvoeringsdienst 'HBL' (Tabel 11) vs 'HBEL' (Inkooprapportage)."
        ),
        "keuze": "Wijdemeren; HBEL",
    },
]

# ---------------------------------------------------------------------------------------------------
# Consistentiecontroles op de data zelf.
# ---------------------------------------------------------------------------------------------------
_PERCEELCODES = {p["code"] for p in PERCELEN}
assert len(_PERCEELCODES) == len(PERCELEN) == 15  # 5.1-5.13, 5.4A en 5.10.1
assert all(len(p["code"]) == 5 and p["categorie"] == p["code"][:2] for p in PRODUCTEN)
assert all(p["eenheid"] in EENHEDEN and p["frequentie"] in FREQUENTIES for p in PRODUCTEN)
assert all(set(p["percelen"]) <= _PERCEELCODES and p["perceel"] in p["percelen"] for p in PRODUCTEN)
assert len({p["code"] for p in PRODUCTEN}) == len(PRODUCTEN)
assert set(TARIEVEN) <= {p["code"] for p in PRODUCTEN}
assert all(
    set(p["productcodes"]) <= {q["code"] for q in PRODUCTEN if p["code"] in q["percelen"]} for p in PERCELEN
)
assert all(e["soort"] in ("uitsluitingsgrond", "geschiktheidseis", "uitvoeringseis") for e in EISEN)
assert all(e["antwoordtype"] in ("ja_nee", "tekst", "getal", "document") for e in EISEN)
assert all(e["percelen"] is None or set(e["percelen"]) <= _PERCEELCODES for e in EISEN)
assert len({e["code"] for e in EISEN}) == len(EISEN)
