"""The read-only open data API (issue 3): JSON, no login, paginated; cached by the public page cache
(core/paginacache.py, ADR 0021), which retires an answer on every change of what it shows. Amounts are decimal
strings in euro; dates ISO 8601. Described by /api/v1/openapi.json."""

import re

from django.core.paginator import EmptyPage, Paginator
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from aanbesteding import selectors as aselectors
from aanbesteding.services import publieke_url
from core import kalender
from overeenkomst.selectors import registerlijst

from . import register as registermodule
from .views import productenboek_rijen, productregels_dict

PER_PAGINA = 50
MAX_PER_PAGINA = 500


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _fout(melding, status=400):
    return _json({"fout": melding}, status=status)


def _pagineer(request, items, als=None):
    """Page ``items`` by ?pagina= (1-based) and ?per_pagina= (max 500); ``als`` turns each item of the page
    into its JSON form (so a lazy ``items`` that slices in SQL only builds the page)."""
    try:
        per_pagina = min(max(int(request.GET.get("per_pagina", PER_PAGINA)), 1), MAX_PER_PAGINA)
        nummer = max(int(request.GET.get("pagina", 1)), 1)
    except ValueError:
        return None, _fout("pagina en per_pagina zijn gehele getallen.")
    paginator = Paginator(items, per_pagina)
    try:
        pagina = paginator.page(nummer)
    except EmptyPage:
        return None, _fout("Deze pagina bestaat niet.", status=404)

    def link(n):
        params = request.GET.copy()
        params["pagina"] = n
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "aantal": paginator.count,
        "pagina": nummer,
        "per_pagina": per_pagina,
        "volgende": link(nummer + 1) if pagina.has_next() else None,
        "vorige": link(nummer - 1) if pagina.has_previous() else None,
        "resultaten": [als(i) for i in pagina.object_list] if als else list(pagina.object_list),
    }, None


_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")


def _slug(request, naam: str) -> str:
    """A slug parameter as text, or "" when it cannot be a slug at all (a NUL byte, for one, would reach the
    database and PostgreSQL refuses it with an error: a 500, found by the schemathesis run)."""
    waarde = request.GET.get(naam, "").strip()
    return waarde if _SLUG.match(waarde) else ("\x00" if waarde else "")


def _regio(request):
    """The region of ``?regio=<slug>`` (issue 17): (None, None) without one, (None, error) for an unknown slug."""
    from .selectors import regio

    slug = _slug(request, "regio")
    if not slug:
        return None, None
    gevonden = None if slug == "\x00" else regio(slug)
    if gevonden is None:
        getoond = request.GET.get("regio", "").strip()[:50].replace("\x00", "")
        return None, _fout(f"Onbekende regio '{getoond}'. De regio's staan in /api/v1/procedures (regio_slug).")
    return gevonden, None


def _procedure_voor(request):
    """The public procedure of ``?procedure=<slug>``, within ``?regio=`` when given; or an error response."""
    regio, fout = _regio(request)
    if fout:
        return None, fout
    slug = _slug(request, "procedure")
    a = None if slug in ("", "\x00") else aselectors.openbare_aanbesteding(slug)
    if a is not None and regio is not None and a.regio_id != regio.pk:
        a = None
    if a is None:
        melding = "Geef een bestaande procedure op: ?procedure=<slug>."
        if regio is not None:
            melding = f"Geef een bestaande procedure van regio '{regio.slug}' op: ?procedure=<slug>."
        return None, _fout(melding, status=404 if slug else 400)
    return a, None


def _met_regio(a, rij):
    """Every item names its procedure and region, so rows stay meaningful outside their response."""
    return rij | {"procedure": a.slug, "regio": a.regio.naam, "regio_slug": a.regio.slug}


def _procedure_kort(request, a):
    return {
        "slug": a.slug,
        "titel": a.titel,
        "dossiernummer": a.dossiernummer,
        "regio": a.regio.naam,
        "regio_slug": a.regio.slug,
        "opdrachtgever": a.opdrachtgever.naam,
        "status": a.status,
        "status_omschrijving": a.get_status_display(),
        "toetreding": a.toetreding,
        "looptijd_start": a.looptijd_start.isoformat(),
        "looptijd_einde": a.looptijd_einde.isoformat(),
        "vragen_tot": timezone.localtime(a.vragen_tot).isoformat() if a.vragen_tot else None,
        "url": request.build_absolute_uri(publieke_url(a)),
        "api_url": request.build_absolute_uri(f"/api/v1/procedures/{a.slug}"),
    }


@require_GET
def procedures(request):
    regio, fout = _regio(request)
    if fout:
        return fout
    qs = aselectors.openbare_aanbestedingen()
    if regio is not None:
        qs = qs.filter(regio=regio)
    items = [_procedure_kort(request, a) for a in qs.order_by("titel")]
    data, fout = _pagineer(request, items)
    return fout or _json(data)


@require_GET
def procedure(request, slug):
    a = aselectors.openbare_aanbesteding(slug)
    if a is None:
        return _fout("Onbekende procedure.", status=404)
    details = aselectors.procedure_details(a)
    basis = request.build_absolute_uri(publieke_url(a))
    data = _procedure_kort(request, a) | {
        "samenvatting": a.samenvatting,
        "verlenging": {
            "jaren_per_keer": a.verlenging_jaren, "maximaal_keren": a.verlenging_max_keren,
            "toelichting": a.verlenging_toelichting,
        },
        "gemeenten": details["gemeenten"],
        "percelen": [
            {
                "code": p.code, "naam": p.naam, "omschrijving": p.omschrijving, "domein": p.domein, "quotum": p.quotum,
                "subpercelen": [{"code": s.code, "naam": s.naam, "omschrijving": s.omschrijving} for s in subs],
            }
            for p, subs in details["percelen"]
        ],
        "toetredingsmomenten": [
            {
                "naam": m.naam, "soort": m.soort, "opent_op": timezone.localtime(m.opent_op).isoformat(),
                "sluit_op": timezone.localtime(m.sluit_op).isoformat() if m.sluit_op else None,
                "percelen": [p.code for p in m.percelen.all()],
            }
            for m in details["toetredingsmomenten"]
        ],
        "documenten": [
            {
                "titel": d.document.titel, "soort": d.document.soort, "url": f"{basis}documenten/{d.document.slug}/",
                "versies": [
                    {
                        "nummer": v.nummer, "datum": timezone.localtime(v.first_published_at).date().isoformat(),
                        "reden": v.reden, "url": f"{basis}documenten/{d.document.slug}/v{v.nummer}/",
                    }
                    for v in [d.huidig, *d.eerdere]
                ],
            }
            for d in details["documenten"]
        ],
        "nota_van_inlichtingen": [
            {
                "nummer": n.nummer, "datum": timezone.localtime(n.gepubliceerd_op).date().isoformat(),
                "url": f"{basis}nvi/{n.nummer}/", "pdf": f"{basis}nvi/{n.nummer}/pdf/",
            }
            for n in details["nota_van_inlichtingen"]
        ],
        "wijzigingen": [
            {"datum": timezone.localtime(w.datum).isoformat(), "soort": w.soort, "omschrijving": w.omschrijving}
            for w in details["wijzigingen"]
        ],
    }
    return _json(data)


@require_GET
def producten(request):
    a, fout = _procedure_voor(request)
    if fout:
        return fout
    try:
        jaar = int(request.GET.get("jaar") or aselectors.productenboek_standaardjaar(a, kalender.vandaag().year))
    except ValueError:
        return _fout("jaar is een jaartal, bijv. 2025.")
    if not 2000 <= jaar <= 2100:
        return _fout("jaar is een jaartal, bijv. 2025.")
    # A year outside the procedure's term has no book (issue 19): an empty list, the years that do are named.
    groepen = aselectors.productenboek(a, jaar) if aselectors.in_looptijd(a, jaar) else []
    regels = aselectors.productregels(a) if groepen else None
    rijen = [_met_regio(a, r) for r in productenboek_rijen(groepen, regels, gestructureerd=True)]
    data, fout = _pagineer(request, rijen)
    return fout or _json({
        "procedure": a.slug, "regio": a.regio.naam, "regio_slug": a.regio.slug, "jaar": jaar,
        "jaren": aselectors.productenboek_jaren(a),
        "productregels_url": request.build_absolute_uri(f"/api/v1/procedures/{a.slug}/productregels"), **data,
    })


@require_GET
def productregels(request, slug):
    """The product rules of a procedure (issue 19): stacking rules (000 r.356-377), product dependencies
    (002 r.1033) and conversion tables with the products they concern (002 r.1143-1155)."""
    a = aselectors.openbare_aanbesteding(slug)
    if a is None:
        return _fout("Onbekende procedure.", status=404)
    return _json({"procedure": a.slug, "regio": a.regio.naam, "regio_slug": a.regio.slug,
                  **productregels_dict(aselectors.productregels(a))})


@require_GET
def aanbieders(request):
    a, fout = _procedure_voor(request)
    if fout:
        return fout
    # ?jaar=: the register as it stood in that year (issue 19); default the current year, as on the page.
    try:
        jaar = registermodule.jaar_uit(request.GET.get("jaar"), a)
    except ValueError as fout:
        return _fout(str(fout))
    # Paged in SQL (issue 15): the register counts and reads just the requested page.
    data, fout = _pagineer(request, registerlijst(a, jaar=jaar), als=lambda r: _aanbieder(a, r, jaar))
    return fout or _json({"procedure": a.slug, "regio": a.regio.naam, "regio_slug": a.regio.slug, "jaar": jaar, **data})


def _aanbieder(a, regel, jaar):
    return _met_regio(a, registermodule.als_dict(regel, jaar) | {
        "percelen": _percelen(regel), "productcodes": regel.productcodes, "jaar": jaar,
    })


def _percelen(regel):
    return [
        {"code": p.code, "naam": p.naam, "status": p.status, "startdatum": p.startdatum.isoformat(),
         "einddatum": p.einddatum.isoformat() if p.einddatum else None,
         # Exactly the products the provider is admitted for, with their restrictions (issue 19).
         "producten": [
             {"code": prod.code, "naam": prod.naam, "beperking": prod.beperking, "leeftijd_van": prod.leeftijd_van,
              "leeftijd_tot": prod.leeftijd_tot, "locatie": prod.locatie, "groepsomvang": prod.groepsomvang,
              "verblijf": prod.verblijf}
             for prod in p.producten
         ]}
        for p in regel.percelen
    ]


def _lijst(schema_ref):
    return {
        "type": "object",
        "properties": {
            "aantal": {"type": "integer"}, "pagina": {"type": "integer"}, "per_pagina": {"type": "integer"},
            "volgende": {"type": ["string", "null"], "format": "uri"}, "vorige": {"type": ["string", "null"], "format": "uri"},
            "resultaten": {"type": "array", "items": {"$ref": schema_ref}},
        },
    }


PAGINA_PARAMS = [
    {"name": "pagina", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_pagina", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGINA, "default": PER_PAGINA}},
]
REGIO_PARAM = {
    "name": "regio", "in": "query", "required": False, "schema": {"type": "string"},
    "description": "Slug van een regio (zie regio_slug), bijv. 'gooi'. Een onbekende regio geeft 400.",
}
REGIO_VELDEN = {
    "procedure": {"type": "string", "description": "Slug van de procedure."},
    "regio": {"type": "string", "description": "Naam van de regio."},
    "regio_slug": {"type": "string", "description": "Slug van de regio; de regiopagina is /regio/<regio_slug>/."},
}
PROCEDURE_PARAM = {"name": "procedure", "in": "query", "required": True, "schema": {"type": "string"}, "description": "Slug van de procedure."}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {
        "title": "Open House portaal – open data",
        # 1.1: ?regio= on the lists and the region on every item (issue 17); additions only, nothing removed.
        # 1.2: the product book per year with status, iStandaarden codes, intensities, provider tariffs and the
        # product rules (issue 19); additions only.
        # 1.2: ?jaar= on the register, products with restrictions per perceel, contact details (issue 19).
        # 1.3: OCDS release and record packages, the bulk file per procedure and the local extension (issue 16).
        "version": "1.3.0",
        "description": "Openbare gegevens van toelatingsprocedures (Open House): procedures, productenboek met tarieven "
                       "en het register van gecontracteerde aanbieders, van alle regio's in dit portaal (filter met "
                       "?regio=<slug>). Alleen lezen, zonder login. Bedragen zijn decimale strings in euro.",
        "license": {"name": "CC0 1.0", "identifier": "CC0-1.0"},
    },
    "paths": {
        "/api/v1/procedures": {"get": {
            "summary": "Openbare procedures, van alle regio's of van één (?regio=)", "parameters": [REGIO_PARAM, *PAGINA_PARAMS],
            "responses": {"200": {"description": "Lijst", "content": {"application/json": {"schema": _lijst("#/components/schemas/ProcedureKort")}}},
                          "400": {"description": "Ongeldige parameters of onbekende regio"}},
        }},
        "/api/v1/procedures/{slug}": {"get": {
            "summary": "Eén procedure met percelen, toetredingsmomenten, documenten, NvI's en wijzigingen",
            "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "Procedure", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Procedure"}}}},
                          "404": {"description": "Onbekend"}},
        }},
        "/api/v1/producten": {"get": {
            "summary": "Productenboek van een procedure in een jaar",
            "parameters": [PROCEDURE_PARAM, REGIO_PARAM, {"name": "jaar", "in": "query", "schema": {"type": "integer"}}, *PAGINA_PARAMS],
            "responses": {"200": {"description": "Producten met tarief", "content": {"application/json": {"schema": _lijst("#/components/schemas/Product")}}},
                          "400": {"description": "Ongeldige parameters of onbekende regio"},
                          "404": {"description": "Onbekende procedure, of een procedure van een andere regio dan ?regio="}},
        }},
        "/api/v1/procedures/{slug}/productregels": {"get": {
            "summary": "Productregels van een procedure: samenloop, productafhankelijkheden en omrekentabellen",
            "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "Productregels", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Productregels"}}}},
                          "404": {"description": "Onbekend"}},
        }},
        "/api/v1/aanbieders": {"get": {
            "summary": "Register van gecontracteerde aanbieders (hoofd- en onderaannemers)",
            "parameters": [PROCEDURE_PARAM, REGIO_PARAM, {
                "name": "jaar", "in": "query", "schema": {"type": "integer", "minimum": 2000, "maximum": 2100},
                "description": "Het register zoals het in dat jaar gold (standaard het huidige jaar, binnen de looptijd).",
            }, *PAGINA_PARAMS],
            "responses": {"200": {"description": "Aanbieders", "content": {"application/json": {"schema": _lijst("#/components/schemas/Aanbieder")}}},
                          "400": {"description": "Ongeldige parameters of onbekende regio"},
                          "404": {"description": "Onbekende procedure, of een procedure van een andere regio dan ?regio="}},
        }},
        "/api/v1/ocds/releases": {"get": {
            "summary": "OCDS-releasepakket (OCDS 1.1): één release per gebeurtenis van alle openbare procedures, oudste eerst",
            "description": "Zie /api/v1/ocds/profiel voor het Open House-profiel. Links naar de volgende en vorige pagina "
                           "staan in links.next en links.prev.",
            "parameters": [REGIO_PARAM, {**PROCEDURE_PARAM, "required": False}, *PAGINA_PARAMS],
            "responses": {"200": {"description": "Releasepakket", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OCDSReleasepakket"}}}},
                          "400": {"description": "Ongeldige parameters of onbekende regio"},
                          "404": {"description": "Onbekende procedure of pagina"}},
        }},
        "/api/v1/ocds/records/{ocid}": {"get": {
            "summary": "OCDS-recordpakket van één procedure: alle releases en de samengestelde release (ocdsmerge)",
            "parameters": [{"name": "ocid", "in": "path", "required": True, "schema": {"type": "string"},
                            "description": "<OCDS_OCID_PREFIX>-<slug van de procedure>"}],
            "responses": {"200": {"description": "Recordpakket", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OCDSRecordpakket"}}}},
                          "404": {"description": "Onbekende ocid"}},
        }},
        "/api/v1/ocds/procedures/{slug}.json": {"get": {
            "summary": "Alle OCDS-releases van één procedure als releasepakket om te downloaden",
            "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "Releasepakket (Content-Disposition: attachment)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OCDSReleasepakket"}}}},
                          "404": {"description": "Onbekend"}},
        }},
        "/api/v1/ocds/extension/{naam}": {"get": {
            "summary": "De lokale OCDS-extensie van het profiel: extension.json of release-schema.json",
            "parameters": [{"name": "naam", "in": "path", "required": True,
                            "schema": {"type": "string", "enum": ["extension.json", "release-schema.json"]}}],
            "responses": {"200": {"description": "Extensiebestand", "content": {"application/json": {"schema": {"type": "object"}}}},
                          "404": {"description": "Onbekend bestand"}},
        }},
        "/api/v1/ocds/profiel": {"get": {
            "summary": "Documentatie van het OCDS-profiel, met het publicatiebeleid (Markdown)",
            "responses": {"200": {"description": "Tekst", "content": {"text/plain": {"schema": {"type": "string"}}}}},
        }},
    },
    "components": {"schemas": {
        "OCDSReleasepakket": {"type": "object", "required": ["uri", "publisher", "publishedDate", "releases", "version"],
                              "description": "Een OCDS 1.1 release package; de releases volgen het OCDS release-schema met de extensies uit 'extensions'.",
                              "properties": {
            "uri": {"type": "string", "format": "uri"}, "version": {"type": "string", "const": "1.1"},
            "extensions": {"type": "array", "items": {"type": "string", "format": "uri"}},
            "publisher": {"type": "object"}, "license": {"type": "string", "format": "uri"},
            "publicationPolicy": {"type": "string", "format": "uri"}, "publishedDate": {"type": "string", "format": "date-time"},
            "releases": {"type": "array", "items": {"type": "object", "required": ["ocid", "id", "date", "tag", "initiationType"]}},
            "links": {"type": "object", "properties": {"next": {"type": "string", "format": "uri"}, "prev": {"type": "string", "format": "uri"}}},
        }},
        "OCDSRecordpakket": {"type": "object", "required": ["uri", "publisher", "publishedDate", "records", "version"], "properties": {
            "uri": {"type": "string", "format": "uri"}, "version": {"type": "string", "const": "1.1"},
            "extensions": {"type": "array", "items": {"type": "string", "format": "uri"}},
            "publisher": {"type": "object"}, "license": {"type": "string", "format": "uri"},
            "publicationPolicy": {"type": "string", "format": "uri"}, "publishedDate": {"type": "string", "format": "date-time"},
            "records": {"type": "array", "items": {"type": "object", "required": ["ocid", "releases"], "properties": {
                "ocid": {"type": "string"}, "releases": {"type": "array", "items": {"type": "object"}},
                "compiledRelease": {"type": "object"}}}},
        }},
        "ProcedureKort": {"type": "object", "properties": {
            k: {"type": "string"} for k in ("slug", "titel", "dossiernummer", "regio", "regio_slug", "opdrachtgever", "status",
                                             "status_omschrijving", "toetreding", "looptijd_start", "looptijd_einde", "url", "api_url")
        } | {"vragen_tot": {"type": ["string", "null"], "format": "date-time"}}},
        "Procedure": {"allOf": [{"$ref": "#/components/schemas/ProcedureKort"}, {"type": "object", "properties": {
            "percelen": {"type": "array", "items": {"type": "object"}},
            "toetredingsmomenten": {"type": "array", "items": {"type": "object"}},
            "documenten": {"type": "array", "items": {"type": "object"}},
            "nota_van_inlichtingen": {"type": "array", "items": {"type": "object"}},
            "wijzigingen": {"type": "array", "items": {"type": "object"}},
            "gemeenten": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        }}]},
        "Product": {"type": "object", "properties": {
            "perceel": {"type": "string"}, "perceel_naam": {"type": "string"},
            "productcategorie": {"type": "string", "pattern": "^[0-9]{2}$"},
            "productcode": {"type": "string", "pattern": "^[0-9]{2}[0-9A-Z]{3}$"}, "naam": {"type": "string"},
            "eenheid": {"type": "string", "enum": ["minuut", "uur", "dagdeel", "etmaal", "stuks", "euro"]},
            "frequentie": {"type": "string", "enum": ["week", "maand", "totaal"]},
            "minimale_kwalificatie": {"type": "string"}, "intensiteit": {"type": "string"},
            "tarief": {"type": ["string", "null"], "description": "Decimaal in euro, bijv. \"71.38\""},
            "tarief_vorig_jaar": {"type": ["string", "null"]}, "verandering_pct": {"type": ["string", "null"]},
            "geldig_van": {"type": ["string", "null"], "format": "date"}, "geldig_tot": {"type": ["string", "null"], "format": "date"},
            "vervangt": {"type": "string"}, **REGIO_VELDEN,
            "naam_bron": {"type": "string", "description": "De naam zoals de bron hem spelt, als die afwijkt."},
            "status": {"type": "string", "enum": ["nieuw", "vervangt", "hernoemd", "ongewijzigd"]},
            "eenheid_code": {"type": "string", "description": "iStandaarden WJ756/WMO756, bijv. \"04\" (uur)"},
            "frequentie_code": {"type": "string", "description": "iStandaarden WJ757/WMO757, bijv. \"2\" (per week)"},
            "bekostiging": {"type": "string", "enum": ["pxq", "taakgericht", "lumpsum"]}, "beperking": {"type": "string"},
            "intensiteit_naam": {"type": "string"}, "intensiteit_omvang_min": {"type": ["string", "null"]},
            "intensiteit_omvang_max": {"type": ["string", "null"]}, "intensiteit_omvang_eenheid": {"type": "string"},
            "intensiteit_gegevens": {"type": ["object", "null"]},
            "product_geldig_vanaf": {"type": ["string", "null"], "format": "date"},
            "product_geldig_tot": {"type": ["string", "null"], "format": "date"},
            "tarief_per_aanbieder": {"type": "string"},
            "aanbiedertarieven": {"type": "array", "items": {"type": "object", "properties": {
                "aanbieder": {"type": "string"}, "tarief": {"type": ["string", "null"]},
                "tarief_vorig_jaar": {"type": ["string", "null"]}, "verandering_pct": {"type": ["string", "null"]}}},
                "description": "Tarieven die met één aanbieder zijn afgesproken; nooit het algemene tarief."},
            "samenloopregels": {"type": "array", "items": {"type": "integer"}},
            "vereist_ook": {"type": "array", "items": {"type": "string"}},
            "omrekentabellen": {"type": "array", "items": {"type": "integer"}},
        }},
        "Productregels": {"type": "object", "properties": {
            "procedure": {"type": "string"}, "regio": {"type": "string"}, "regio_slug": {"type": "string"},
            "samenloop": {"type": "array", "items": {"type": "object"}},
            "productafhankelijkheden": {"type": "array", "items": {"type": "object"}},
            "omrekentabellen": {"type": "array", "items": {"type": "object"}},
        }},
        "Aanbieder": {"type": "object", "properties": {
            "soort": {"type": "string", "enum": ["hoofdaannemer", "onderaannemer"]}, "naam": {"type": "string"},
            "vestigingsplaats": {"type": "string"}, "kvk_nummer": {"type": "string"}, "agb_code": {"type": "string"},
            "hoofdaannemer": {"type": "string"}, "percelen": {"type": "array", "items": {"type": "object"}},
            "productcodes": {"type": "array", "items": {"type": "string"}},
            "startdatum": {"type": "string", "format": "date"}, "einddatum": {"type": "string"}, "status": {"type": "string"},
            "producten": {"type": "string", "description": "Producten met beperkingen, als tekst (de percelen geven ze gestructureerd)."},
            "contact_email": {"type": "string", "description": "Alleen waar de procedure contactgegevens publiceert (002 art. 23)."},
            "contact_telefoon": {"type": "string"}, "jaar": {"type": "integer"},
            **REGIO_VELDEN,
        }},
    }},
}


@require_GET
def openapi(request):
    return _json(OPENAPI)
