"""SROI-regimes (Social Return / maatschappelijke waarde) als data per procedure.

- ``REGIME_MLO``: Midden-Limburg Oost, bron ``seeds/002_87273fa9af0f0a6f.txt`` art. 17 (r. 153-157) en
  Bijlage 4 "Procesbeschrijving Social Return" (r. 1273-1331).
- ``REGIME_GOOI``: Gooi en Vechtstreek, bron ``seeds/003_5d07a6ba2ca5bb74.txt`` TD §3.6 (r. 738-740),
  Eis 56 (r. 3052) en Bijlage VII "Inspanningsverplichting maatschappelijke waarde" (r. 3343-3427).

Elke waardering is een dict met: code, naam, categorie, waarderingswijze, bedrag, opslag_pct,
extra_per_maand, vooraf_goedkeuren (plus is_toeslag, duur, bewijs, opmerking, bron).
"""

from decimal import Decimal

WAARDERINGSWIJZEN = (
    "vast_per_fte_jaar",  # vast bedrag per fulltime jaarcontract, naar rato bij deeltijd/deel van het jaar
    "vast_bedrag",  # vast bedrag per geval (bv. per stagiaire)
    "per_maand",
    "per_uur",
    "per_dagdeel",
    "loon_plus_opslag",  # uitbetaald brutoloon + opslag_pct (+ extra_per_maand)
    "factuurwaarde",  # werkelijk betaald bedrag volgens factuur of bankafschrift
)

# ---------------------------------------------------------------------------------------------------
# MLO, categorieën A-E: B4 r. 1291-1302; "geen verschil in waardering" r. 1292, r. 1324.
# ---------------------------------------------------------------------------------------------------
CATEGORIEEN_MLO = {
    "A": "Werkplek bieden",
    "B": "Werkervaring / stageplek bieden",
    "C": "Inkoop diensten / producten",
    "D": "Inbrengen eigen expertise / diensten / kapitaal",
    "E": "Bijdrage in het scholingsfonds",
}

# MLO-doelgroepen: B4 r. 1280-1286.
DOELGROEPEN_MLO = [
    {
        "code": "langdurig_werkloos",
        # aanname: het eerste woord is in de bron geanonimiseerd ("Xxxxxxxxx werklozen", r. 1282);
        # uit de omschrijving (> 6 maanden werkloos) gelezen als "Langdurig".
        "naam": "Langdurig werklozen",
        "omschrijving": (
            "aantoonbaar langer dan 6 maanden werkloos werkzoekend en ingeschreven als werkzoekende"
        ),
        "bron": "002 r. 1282",
    },
    {
        "code": "jongeren",
        "naam": "Jongeren",
        "omschrijving": "werkzoekenden van 18 tot 27 jaar",
        "leeftijd": (18, 27),
        "bron": "002 r. 1283",
    },
    {
        "code": "arbeidsbeperking",
        "naam": "Mensen met een arbeidsbeperking",
        "omschrijving": (
            "indicatie sociale werkvoorziening en/of arbeidsongeschiktheidsuitkering (WIA, Wajong, WAZ), of "
            "doelgroep loonkostensubsidie Participatiewet"
        ),
        "bron": "002 r. 1284",
    },
    {
        "code": "vsv",
        "naam": "Vroegtijdige schoolverlaters",
        "omschrijving": "vroegtijdige schoolverlaters",
        "bron": "002 r. 1285",
    },
    {
        "code": "scholieren",
        "naam": "Scholieren en studenten",
        "omschrijving": "scholieren van VO, Praktijkonderwijs of VSO en studenten van het MBO",
        "bron": "002 r. 1286",
    },
]

# MLO-waarderingstabel: B4 Fase I (e), r. 1311-1324. Vooraf goedkeuren door de contactpersoon Social
# Return: categorie C (r. 1319) en D (r. 1320-1322).
WAARDERINGEN_MLO = [
    {
        "code": "A1",
        "naam": "Dienstverband",
        "categorie": "A",
        "waarderingswijze": "loon_plus_opslag",
        "bedrag": None,
        "opslag_pct": Decimal("30"),
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": None,
        "bewijs": "kopie loonspecificaties",
        "opmerking": "uitbetaald bruto loon plus 30% werkgeverslasten",
        "bron": "002 r. 1313",
    },
    {
        "code": "B1",
        "naam": "Snuffelstage",
        "categorie": "B",
        "waarderingswijze": "vast_bedrag",
        "bedrag": Decimal("300.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "1 dag",
        "bewijs": None,
        "opmerking": "per stagiaire",
        "bron": "002 r. 1314",
    },
    {
        "code": "B2",
        "naam": "Oriëntatiestage",
        "categorie": "B",
        "waarderingswijze": "vast_bedrag",
        "bedrag": Decimal("400.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "1 week",
        "bewijs": None,
        "opmerking": "per stagiaire",
        "bron": "002 r. 1315",
    },
    {
        "code": "B3",
        "naam": "Stageplek scholieren Praktijkonderwijs (PrO) en Voortgezet Speciaal Onderwijs (VSO)",
        "categorie": "B",
        "waarderingswijze": "per_maand",
        "bedrag": Decimal("750.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "afhankelijk van opleiding en niveau",
        "bewijs": None,
        "opmerking": "per stagiaire per maand",
        "bron": "002 r. 1316",
    },
    {
        "code": "B4",
        "naam": "Beroepspraktijkvorming (BPV-plek)",
        "categorie": "B",
        "waarderingswijze": "per_maand",
        "bedrag": Decimal("500.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "afhankelijk van opleiding en niveau",
        "bewijs": None,
        "opmerking": "per stagiaire per maand",
        "bron": "002 r. 1317",
    },
    {
        "code": "B5",
        "naam": "BBL",
        "categorie": "B",
        "waarderingswijze": "loon_plus_opslag",
        "bedrag": None,
        "opslag_pct": Decimal("30"),
        "extra_per_maand": Decimal("500.00"),
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "afhankelijk van opleiding en niveau",
        "bewijs": "kopie loonspecificaties",
        "opmerking": "bruto loon plus 30% werkgeverslasten plus € 500 per maand begeleidingskosten",
        "bron": "002 r. 1318",
    },
    {
        "code": "C1",
        "naam": (
            "Ingekochte dienst bij bedrijf of instelling met sociale doelstelling (bijv. Risse of Westrom)"
        ),
        "categorie": "C",
        "waarderingswijze": "factuurwaarde",
        "bedrag": None,
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": True,
        "is_toeslag": False,
        "duur": None,
        "bewijs": "kopie factuur",
        "opmerking": "waarde van de dienst; alleen na goedkeuring contactpersoon Social Return",
        "bron": "002 r. 1319",
    },
    {
        "code": "D1",
        "naam": "Verzorgen gastles over bedrijf, branche of sector",
        "categorie": "D",
        "waarderingswijze": "per_uur",
        "bedrag": Decimal("100.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": True,
        "is_toeslag": False,
        "duur": "2 tot 3 uur; reistijd mag niet worden opgevoerd",
        "min_uren": 2,
        "max_uren": 3,
        "bewijs": None,
        "opmerking": None,
        "bron": "002 r. 1320",
    },
    {
        "code": "D2",
        "naam": "Organiseren bedrijfsbezoek doelgroep social return",
        "categorie": "D",
        "waarderingswijze": "per_dagdeel",
        "bedrag": Decimal("250.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": True,
        "is_toeslag": False,
        "duur": None,
        "bewijs": None,
        "opmerking": None,
        "bron": "002 r. 1321",
    },
    {
        # Geen van de waarderingswijzen past precies: de waarde wordt per geval vastgesteld door de
        # contactpersoon Social Return.  # aanname: vastgelegd als vast_bedrag zonder bedrag.
        "code": "D3",
        "naam": "Overig (inbreng eigen ideeën aanbieder)",
        "categorie": "D",
        "waarderingswijze": "vast_bedrag",
        "bedrag": None,
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": True,
        "is_toeslag": False,
        "duur": None,
        "bewijs": None,
        "opmerking": "waarde vastgesteld door contactpersoon Social Return naar aard en omvang",
        "bron": "002 r. 1322",
        "aannames": ("waarderingswijze",),
    },
    {
        # "Netto storting", bewijs kopie bankafschrift.  # aanname: als factuurwaarde (werkelijk bedrag).
        "code": "E1",
        "naam": "Bijdrage Scholingsfonds Social Return",
        "categorie": "E",
        "waarderingswijze": "factuurwaarde",
        "bedrag": None,
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": None,
        "bewijs": "kopie bankafschrift",
        "opmerking": "netto storting",
        "bron": "002 r. 1323",
        "aannames": ("waarderingswijze",),
    },
]

# ---------------------------------------------------------------------------------------------------
# Regime MLO. Drempel en percentage UOK 17.1-17.2 (r. 154-155) en B4 r. 1274-1275; overschot/tekort
# 17.3-17.4 (r. 156-157); contracteis en akkoord bij inschrijving Fase I (a) r. 1306; afspraak binnen
# 7 dagen na gunning r. 1307; kwartaalrapportage Fase II (a) r. 1328; verificatie en eindrapportage
# binnen een maand na einde looptijd r. 1329; boete r. 1330-1331.
# ---------------------------------------------------------------------------------------------------
REGIME_MLO = {
    "code": "mlo",
    "procedure": "MLO-GJH-2020",
    "soort": "contracteis",  # "geen gunningscriterium, maar betreft een contracteis" (r. 1306)
    "drempel_omzet_excl_btw": Decimal("250000.00"),
    "drempel_strikt_groter": True,  # "vanaf een omzetwaarde boven € 250.000" (r. 154)
    "drempel_grondslag": (
        "gerealiseerde omzet van het voorafgaande jaar uit alle Uitvoeringsovereenkomsten Gespecialiseerde "
        "jeugdhulp onder de Basisovereenkomst"
    ),
    "percentage": Decimal("5"),
    # 17.2: "5% van de totale omzetwaarde, die gerelateerd is aan de uitvoering van deze overeenkomst";
    # B4 r. 1275: "5% van de totale waarde van een opdracht". Of de grondslag het vorige of het lopende
    # jaar is, zegt de bron niet.  # aanname: configureerbaar, standaard omzet voorgaand jaar.
    "percentage_grondslag": "omzet voorgaand jaar gerelateerd aan deze overeenkomst",
    "overschot": "in mindering op het SROI-bedrag van het volgende jaar",
    "tekort": "partijen treden in overleg; Gemeente kan een boete opleggen naar de mate van niet-nakoming",
    "eerste_afspraak_binnen_dagen_na_gunning": 7,
    "afspraken_vastleggen": "schriftelijk, onlosmakelijk onderdeel van de overeenkomst",  # Fase I (f)
    "plan": "plan van aanpak, SMART; na goedkeuring standaardformat voor registratie",  # r. 1303, r. 1326
    "rapportage_frequentie": "kwartaal",
    "rapportage_aan": "contractbeheerder",
    "eindrapportage_binnen_maanden_na_einde": 1,
    "verificatie": (
        "contactpersoon Social Return en contractbeheerder mogen contracten en loonstroken opvragen"
    ),
    "categorieen": CATEGORIEEN_MLO,
    "categorieen_gelijk_gewaardeerd": True,
    "gratis_ondersteuning": ("Risse", "Westrom"),  # r. 1309
    "voorkeur": "directe plaatsing van werkzoekenden of uitkeringsgerechtigden",  # r. 1277
    "doelgroepen": DOELGROEPEN_MLO,
    "waarderingen": WAARDERINGEN_MLO,
    "bron": "002 r. 153-157, r. 1273-1331",
    "aannames": ("percentage_grondslag",),
}

# ---------------------------------------------------------------------------------------------------
# Gooi: bouwblokken "Waarde Social Return (op basis van een jaarcontract fulltime)", Bijlage VII B,
# r. 3363-3377. BBL/BOL alleen als de arbeidsovereenkomst past bij de eisen van de opleiding (r. 3377).
# Waarde van MVO-/maatschappelijke activiteiten wordt vóór de start door de SRO bepaald (r. 3393).
# ---------------------------------------------------------------------------------------------------
WAARDERINGEN_GOOI = [
    {
        "code": "WWB_LT2",
        "naam": "WWB, korter dan 2 jaar",
        "categorie": "social_return",
        "waarderingswijze": "vast_per_fte_jaar",
        "bedrag": Decimal("30000.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "fulltime jaarcontract",
        "bewijs": None,
        "opmerking": None,
        "bron": "003 r. 3364",
    },
    {
        "code": "WWB_GT2",
        "naam": "WWB, langer dan 2 jaar",
        "categorie": "social_return",
        "waarderingswijze": "vast_per_fte_jaar",
        "bedrag": Decimal("40000.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "fulltime jaarcontract",
        "bewijs": None,
        "opmerking": None,
        "bron": "003 r. 3365",
    },
    {
        "code": "WW_LT1",
        "naam": "WW, korter dan 1 jaar",
        "categorie": "social_return",
        "waarderingswijze": "vast_per_fte_jaar",
        "bedrag": Decimal("10000.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "fulltime jaarcontract",
        "bewijs": None,
        "opmerking": None,
        "bron": "003 r. 3366",
    },
    {
        "code": "WW_GT1",
        "naam": "WW, langer dan 1 jaar",
        "categorie": "social_return",
        "waarderingswijze": "vast_per_fte_jaar",
        "bedrag": Decimal("15000.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "fulltime jaarcontract",
        "bewijs": None,
        "opmerking": None,
        "bron": "003 r. 3367",
    },
    {
        "code": "WIA_WAO",
        "naam": "WIA / WAO",
        "categorie": "social_return",
        "waarderingswijze": "vast_per_fte_jaar",
        "bedrag": Decimal("30000.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "fulltime jaarcontract",
        "bewijs": None,
        "opmerking": None,
        "bron": "003 r. 3368",
    },
    {
        "code": "WAJONG",
        "naam": "Wajong",
        "categorie": "social_return",
        "waarderingswijze": "vast_per_fte_jaar",
        "bedrag": Decimal("35000.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "fulltime jaarcontract",
        "bewijs": None,
        "opmerking": None,
        "bron": "003 r. 3369",
    },
    {
        "code": "55_PLUS",
        "naam": "55+ (extra op bovenstaand bedrag)",
        "categorie": "social_return",
        "waarderingswijze": "vast_per_fte_jaar",
        "bedrag": Decimal("5000.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": True,  # "€ 5.000,= extra op bovenstaand bedrag"
        "duur": "fulltime jaarcontract",
        "bewijs": None,
        "opmerking": "toeslag bovenop een van de uitkeringsbouwblokken",
        "bron": "003 r. 3370",
    },
    {
        "code": "BBL",
        "naam": "BBL-traject",
        "categorie": "social_return",
        "waarderingswijze": "vast_per_fte_jaar",
        "bedrag": Decimal("10000.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "duur arbeidsovereenkomst conform eisen van de opleiding",
        "bewijs": None,
        "opmerking": None,
        "bron": "003 r. 3372, r. 3377",
    },
    {
        "code": "BOL",
        "naam": "BOL-traject",
        "categorie": "social_return",
        "waarderingswijze": "vast_per_fte_jaar",
        "bedrag": Decimal("5000.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": "duur arbeidsovereenkomst conform eisen van de opleiding",
        "bewijs": None,
        "opmerking": None,
        "bron": "003 r. 3373, r. 3377",
    },
    {
        "code": "WSW",
        "naam": "WSW-inzet",
        "categorie": "social_return",
        "waarderingswijze": "factuurwaarde",
        "bedrag": None,
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": False,
        "is_toeslag": False,
        "duur": None,
        "bewijs": "betaalde rekeningen aan het SW-bedrijf",
        "opmerking": None,
        "bron": "003 r. 3374",
    },
    {
        "code": "MVO",
        "naam": "MVO-activiteiten",
        "categorie": "social_return",
        "waarderingswijze": "per_uur",
        "bedrag": Decimal("100.00"),
        "opslag_pct": None,
        "extra_per_maand": None,
        "vooraf_goedkeuren": True,  # waarde vooraf door de SRO bepaald (r. 3393)
        "is_toeslag": False,
        "duur": None,
        "bewijs": None,
        "opmerking": "P.M. (€ 100 per besteed uur)",
        "bron": "003 r. 3375, r. 3393",
    },
]

# ---------------------------------------------------------------------------------------------------
# Regime Gooi. Eis 56 (r. 3052): inspanningsverplichting van ten minste 5% van de daadwerkelijk
# geleverde jaaromzet; Bijlage VII A (r. 3347-3357): plan van aanpak max 2 A4, marginale toetsing, vrij te
# verdelen over social return, duurzaamheid en innovatie, nieuwe en aanvullende activiteiten; proces
# r. 3387-3401 (contact binnen 2 weken na ondertekening, driehoeksgesprek met SRO, goedkeuring binnen
# 3 weken, tussen- en eindevaluatie); duurzaamheid en innovatie zonder bouwblokken (r. 3421-3427);
# voorbeeld € 300.000 x 5% = € 15.000 (r. 3381).
# ---------------------------------------------------------------------------------------------------
REGIME_GOOI = {
    "code": "gooi",
    "procedure": "SD005",
    "soort": "inspanningsverplichting",  # bijzondere uitvoeringsvoorwaarde (r. 3349)
    "drempel_omzet_excl_btw": None,  # geen drempel in de bron
    "drempel_strikt_groter": None,
    "percentage": Decimal("5"),
    "percentage_minimaal": True,  # "voor tenminste vijf (5) %"
    "percentage_grondslag": "daadwerkelijk geleverde jaaromzet",
    "onderdelen": ("social_return", "duurzaamheid", "innovatie"),
    "verdeling_onderdelen": "vrij naar eigen inzicht",
    "activiteit_voorwaarden": (
        "nieuwe, aanvullende activiteit",
        "alleen bij deze opdrachtgever opgegeven",
        "in de opdracht of in de bedrijfsvoering van de opdrachtnemer",
    ),
    "formulier_bij_inschrijving": "Formulier H Opgave plan van aanpak maatschappelijke waarde",
    "plan_max_paginas_a4": 2,
    "plan_toetsing": "marginaal",
    "contact_binnen_weken_na_ondertekening": 2,
    "driehoeksgesprek": ("opdrachtnemer", "opdrachtgever", "Social Return Officer"),
    "plan_onderdelen": (
        "(te verwachten) opdrachtsom",
        "keuze bouwblokken",
        "waarde maatschappelijke activiteiten, vooraf bepaald door de SRO",
        "tijdstip(pen) tussenevaluatie met bewijsstukken",
        "tijdstip eindevaluatie",
    ),
    "goedkeuring_binnen_weken": 3,
    "evaluaties": ("tussenevaluatie", "eindevaluatie"),
    "wijzigingen_plan": "altijd goedkeuring opdrachtgever",
    "omzetafwijking": "bij grote verschillen tussen werkelijke en geschatte omzet treden partijen in gesprek",
    # Naar rato: de bouwblokken gelden per fulltime jaarcontract; het voorbeeld rekent een half jaar.
    # aanname: deeltijd en deel van het jaar naar rato (afgeleid uit r. 3363 en r. 3381).
    "naar_rato": True,
    "duurzaamheid": "geen bouwblokkenmethode; bijvoorbeeld CO2-prestatieladder",
    "innovatie": "geen bouwblokkenmethode; besparing t.o.v. reguliere werkwijze in de branche",
    "onderaannemers": "SROI-verplichting opnemen in contracten met onderaannemers (tip, r. 3407)",
    "voorbeeld": {
        "opdrachtsom": Decimal("300000.00"),
        "verplichting": Decimal("15000.00"),
        "invulling": "WWB < 2 jaar voor een half jaar, of WW > 1 jaar voor een jaar",
    },
    # Doelgroepen volgen uit de bouwblokken (uitkeringssoort en -duur, leeftijd, BBL/BOL, WSW).
    "doelgroepen": ("WWB", "WW", "WIA/WAO", "Wajong", "55+", "BBL/BOL-leerling", "WSW"),
    "waarderingen": WAARDERINGEN_GOOI,
    "bron": "003 r. 738-740, r. 3052, r. 3343-3427",
    "aannames": ("naar_rato",),
}

REGIMES = (REGIME_MLO, REGIME_GOOI)

# ---------------------------------------------------------------------------------------------------
# Consistentiecontroles op de data.
# ---------------------------------------------------------------------------------------------------
_VERPLICHT = (
    "code",
    "naam",
    "categorie",
    "waarderingswijze",
    "bedrag",
    "opslag_pct",
    "extra_per_maand",
    "vooraf_goedkeuren",
)
for _regime in REGIMES:
    for _w in _regime["waarderingen"]:
        assert all(k in _w for k in _VERPLICHT), _w["code"]
        assert _w["waarderingswijze"] in WAARDERINGSWIJZEN, _w["code"]
    assert len({w["code"] for w in _regime["waarderingen"]}) == len(_regime["waarderingen"])
assert {w["categorie"] for w in WAARDERINGEN_MLO} == set(CATEGORIEEN_MLO)
# Alleen C en D vooraf goed te keuren in MLO (B4 r. 1319-1322).
assert {w["categorie"] for w in WAARDERINGEN_MLO if w["vooraf_goedkeuren"]} == {"C", "D"}
# Voorbeeld Bijlage VII: € 300.000 x 5% = € 15.000 = een half jaar WWB < 2 = een jaar WW > 1.
_vb = REGIME_GOOI["voorbeeld"]
assert _vb["opdrachtsom"] * REGIME_GOOI["percentage"] / 100 == _vb["verplichting"]
assert WAARDERINGEN_GOOI[0]["bedrag"] / 2 == _vb["verplichting"] == WAARDERINGEN_GOOI[3]["bedrag"]
