"""Views of the public procedure pages (routes of ProcedurePage) and site search. Thin: read via selectors,
write via aanbesteding.services."""

from html import escape  # the stdlib one: Django's lazy-aware wrapper costs more than the escaping
from itertools import chain
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from aanbesteding import selectors as aselectors
from aanbesteding.models import Product
from aanbesteding.services import vraag_stellen
from aanbesteding.tasks import nvi_pdf_maken
from core import kalender
from core.export import dict_regels
from core.geld import formatteer_euro
from overeenkomst.selectors import mededelingen_van

from . import register as registermodule
from .forms import VraagForm
from .templatetags.publiek import procent


def _openbare_aanbesteding(page, request=None):
    aanbesteding = page.aanbesteding
    # Staff preview a page before the procedure is public (Wagtail sets is_preview in serve_preview).
    if not aanbesteding.is_openbaar and not getattr(request, "is_preview", False):
        raise Http404("Deze procedure is niet openbaar.")
    return aanbesteding


def procedure(request, page):
    aanbesteding = _openbare_aanbesteding(page, request)
    context = {
        "aanbesteding": aanbesteding,
        **aselectors.procedure_details(aanbesteding),
        "vragen_open": aanbesteding.vragen_open(),
        "huidig_jaar": _standaardjaar(aanbesteding),
        # New providers, addenda, new tariffs and extensions are announced here (002 UOK 7.2, 003a §3.7).
        "mededelingen": mededelingen_van(aanbesteding),
    }
    return page.render(request, context_overrides=context, template="cms/procedure_page.html")


def document(request, page, document_slug, nummer):
    """Serve the current version (stable URL) or a numbered earlier version of a public document."""
    aanbesteding = _openbare_aanbesteding(page)
    versie = aselectors.openbare_versie(aanbesteding, document_slug, nummer)
    if versie is None or not versie.bestand:
        raise Http404("Dit document of deze versie bestaat niet.")
    try:
        handle = versie.bestand.open("rb")
    except (FileNotFoundError, OSError) as fout:
        raise Http404("Het bestand is niet gevonden.") from fout
    response = FileResponse(handle, filename=versie.bestandsnaam, as_attachment=False)
    response["X-Content-Type-Options"] = "nosniff"
    # The stable URL changes when a new version is published; a numbered version never changes.
    response["Cache-Control"] = "public, max-age=300" if nummer is None else "public, max-age=31536000, immutable"
    return response


def nvi(request, page, nummer):
    aanbesteding = _openbare_aanbesteding(page)
    nota = aselectors.openbare_nvi(aanbesteding, nummer)
    if nota is None:
        raise Http404
    return page.render(
        request, template="cms/nvi.html",
        context_overrides={"aanbesteding": aanbesteding, "nvi": nota, "vragen": aselectors.nvi_vragen(nota)},
    )


def nvi_pdf(request, page, nummer):
    aanbesteding = _openbare_aanbesteding(page)
    nota = aselectors.openbare_nvi(aanbesteding, nummer)
    if nota is None:
        raise Http404
    naam = f"nota-van-inlichtingen-{nota.nummer}-{aanbesteding.slug}.pdf"
    if not nota.pdf:
        # The task that stores the sealed PDF may not have run yet: run it now (idempotent), so the public only
        # ever gets the sealed NvI (issue 18).
        nvi_pdf_maken(nota.pk)
        nota.refresh_from_db(fields=["pdf"])
    if nota.pdf:
        try:
            return FileResponse(nota.pdf.open("rb"), filename=naam, content_type="application/pdf")
        except (FileNotFoundError, OSError):
            pass
    response = HttpResponse("De PDF van deze Nota van Inlichtingen wordt nog gemaakt. Probeer het over enkele "
                            "minuten opnieuw.", content_type="text/plain; charset=utf-8", status=503)
    response["Retry-After"] = "120"
    return response


def vragen(request, page):
    """Providers ask questions until the end of the questions period (enforced in the service)."""
    aanbesteding = _openbare_aanbesteding(page)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisatie = getattr(request, "organisatie", None)
    form = VraagForm(request.POST or None, aanbesteding=aanbesteding)
    if request.method == "POST" and form.is_valid():
        try:
            vraag_stellen(
                aanbesteding=aanbesteding, organisatie=organisatie, door=request.user, tekst=form.cleaned_data["tekst"],
                perceel=form.cleaned_data["perceel"], document=form.cleaned_data["document"],
            )
        except PermissionDenied as fout:
            form.add_error(None, str(fout) or "U kunt geen vragen stellen.")
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.message_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(None, fout.messages)
        else:
            from django.contrib import messages

            messages.success(request, "Uw vraag is ontvangen. Het antwoord verschijnt geanonimiseerd in een Nota van Inlichtingen.")
            return redirect(page.url + "vragen/")
    return page.render(
        request, template="cms/vragen.html",
        context_overrides={
            "aanbesteding": aanbesteding, "form": form, "vragen_open": aanbesteding.vragen_open(),
            "eigen_vragen": list(aselectors.vragen_van_organisatie(aanbesteding, organisatie)),
            "organisatie": organisatie,
        },
    )


# --- Productenboek ---------------------------------------------------------------------------------------

def _standaardjaar(aanbesteding) -> int:
    jaren = aselectors.productenboek_jaren(aanbesteding)
    dit_jaar = kalender.vandaag().year
    if not jaren or dit_jaar in jaren:
        return dit_jaar
    return max(j for j in jaren if j <= dit_jaar) if any(j <= dit_jaar for j in jaren) else jaren[0]


def productenboek_huidig(request, page):
    aanbesteding = _openbare_aanbesteding(page)
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return redirect(f"{page.url}productenboek/{_standaardjaar(aanbesteding)}/{query}")


def _jaar_geldig(jaar):
    if not 2000 <= jaar <= 2100:
        raise Http404


def productenboek(request, page, jaar):
    _jaar_geldig(jaar)
    aanbesteding = _openbare_aanbesteding(page)
    perceel = request.GET.get("perceel", "").strip()
    zoek = request.GET.get("q", "").strip()
    groepen = aselectors.productenboek(aanbesteding, jaar, perceel_code=perceel, zoek=zoek)
    return page.render(
        request, template="cms/productenboek.html",
        context_overrides={
            "aanbesteding": aanbesteding, "jaar": jaar, "groepen": _weergave(groepen), "perceel": perceel, "zoek": zoek,
            "percelen": list(aanbesteding.percelen.order_by("volgorde", "code").values_list("code", "naam")),
            "jaren": aselectors.productenboek_jaren(aanbesteding),
            "aantal": sum(len(g.producten) for g in groepen),
        },
    )


def _weergave(groepen):
    """Per perceel its table rows as ready HTML: a product book of 300 products would otherwise cost the
    template some 20,000 variable lookups, escapes and localisations (bench/bench_publiek.py). Every text is
    escaped here; the markup is the same the template wrote before."""
    # The display texts of the choices once, not get_FOO_display() per product.
    eenheden = dict(Product._meta.get_field("eenheid").flatchoices)
    frequenties = dict(Product._meta.get_field("frequentie").flatchoices)
    uitkomst = []
    for groep in groepen:
        rijen = []
        for regel in groep.producten:
            p = regel.product
            rowspan = max(len(regel.tarieven), 1)
            naam = escape(p.naam)
            if p.minimale_kwalificatie:
                naam += f'<br><span class="helptekst">Minimaal: {escape(p.minimale_kwalificatie)}</span>'
            if p.voorganger_code:
                naam += f'<br><span class="helptekst">Vervangt {escape(p.voorganger_code)}</span>'
            kop = (
                f'<td rowspan="{rowspan}">{escape(p.code)}</td>\n<td rowspan="{rowspan}">{naam}</td>\n'
                f'<td rowspan="{rowspan}">{escape(str(eenheden.get(p.eenheid, p.eenheid)))}</td>\n'
                f'<td rowspan="{rowspan}">{escape(str(frequenties.get(p.frequentie, p.frequentie)))}</td>'
            )
            if not regel.tarieven:
                rijen.append(mark_safe(f'<tr>{kop}<td class="getal">geen tarief</td><td class="getal"></td></tr>'))
            for i, t in enumerate(regel.tarieven):
                tarief = formatteer_euro(t.bedrag) if t.bedrag is not None else ""
                tarief = f"{t.intensiteit}: {tarief}" if t.intensiteit else tarief
                rijen.append(mark_safe(  # every text in it went through escape()
                    f'<tr>{kop if i == 0 else ""}<td class="getal">{escape(tarief)}</td>'
                    f'<td class="getal">{escape(procent(t.verandering_pct))}</td></tr>'
                ))
        uitkomst.append({"perceel": groep.perceel, "rijen": rijen, "aantal": len(groep.producten)})
    return uitkomst


def productenboek_rijen(groepen):
    """Flat rows of a product book (CSV, JSON and the API share them)."""
    for groep in groepen:
        for regel in groep.producten:
            p = regel.product
            for t in regel.tarieven or [None]:
                yield {
                    "perceel": groep.perceel.code,
                    "perceel_naam": groep.perceel.naam,
                    "productcategorie": p.categorie,
                    "productcode": p.code,
                    "naam": p.naam,
                    "eenheid": p.eenheid,
                    "frequentie": p.frequentie,
                    "minimale_kwalificatie": p.minimale_kwalificatie,
                    "intensiteit": t.intensiteit if t else "",
                    "tarief": str(t.bedrag) if t and t.bedrag is not None else None,
                    "tarief_vorig_jaar": str(t.vorig) if t and t.vorig is not None else None,
                    "verandering_pct": str(t.verandering_pct) if t and t.verandering_pct is not None else None,
                    "geldig_van": t.geldig_van.isoformat() if t and t.geldig_van else None,
                    "geldig_tot": t.geldig_tot.isoformat() if t and t.geldig_tot else None,
                    "vervangt": p.voorganger_code or "",
                }


def _csv_response(naam, velden, rijen):
    """A CSV download that streams: ``rijen`` (dicts) may be a generator that reads the database in chunks."""
    # Every cell goes through core.export: a provider's name like '=HYPERLINK(...)' must stay text (OWASP). The BOM
    # first, so spreadsheet programs read UTF-8.
    response = StreamingHttpResponse(chain(["\ufeff"], dict_regels(velden, rijen)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


PRODUCT_VELDEN = [
    "perceel", "perceel_naam", "productcategorie", "productcode", "naam", "eenheid", "frequentie",
    "minimale_kwalificatie", "intensiteit", "tarief", "tarief_vorig_jaar", "verandering_pct", "geldig_van",
    "geldig_tot", "vervangt",
]


def productenboek_csv(request, page, jaar):
    _jaar_geldig(jaar)
    aanbesteding = _openbare_aanbesteding(page)
    groepen = aselectors.productenboek(aanbesteding, jaar, perceel_code=request.GET.get("perceel", ""), zoek=request.GET.get("q", ""))
    return _csv_response(f"productenboek-{aanbesteding.slug}-{jaar}.csv", PRODUCT_VELDEN, productenboek_rijen(groepen))


def productenboek_json(request, page, jaar):
    _jaar_geldig(jaar)
    aanbesteding = _openbare_aanbesteding(page)
    groepen = aselectors.productenboek(aanbesteding, jaar, perceel_code=request.GET.get("perceel", ""), zoek=request.GET.get("q", ""))
    data = {"procedure": aanbesteding.slug, "jaar": jaar, "producten": list(productenboek_rijen(groepen))}
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="productenboek-{aanbesteding.slug}-{jaar}.json"'
    return response


# --- Register --------------------------------------------------------------------------------------------

def _register_filters(request):
    return {
        "zoek": request.GET.get("q", "").strip(),
        "gemeente": request.GET.get("gemeente", "").strip(),
        "productcode": request.GET.get("productcode", "").strip().upper(),
    }


def register(request, page):
    """One page (50 lines) of one tab of the register as it stood in ``?jaar=`` (default: the current year); the
    filters, the year, the tab and the page number are in the query string, so every pager link keeps them (issue
    15, 19). A page beyond the end, or a year that is not one, answers 404 or 400 with a Dutch message, as
    /api/v1/aanbieders does."""
    aanbesteding = _openbare_aanbesteding(page)
    tab = request.GET.get("tab", "hoofdaannemers")
    if tab not in {code for code, _, _ in registermodule.TABS}:
        tab = "hoofdaannemers"
    filters = _register_filters(request)
    jaarfout = ""
    try:
        jaar = registermodule.jaar_uit(request.GET.get("jaar"), aanbesteding)
    except ValueError as fout:
        jaar, jaarfout = registermodule.jaar_uit(None, aanbesteding), str(fout)
    context = {
        "aanbesteding": aanbesteding, "tab": tab, "tabs": registermodule.TABS, **filters, "jaar": jaar,
        "jaren": registermodule.jaren(aanbesteding),
        "gemeenten": registermodule.gemeenten(aanbesteding),
        "wijzigingen": registermodule.wijzigingen(aanbesteding),
        "zonder_jaar": urlencode({"q": filters["zoek"], "gemeente": filters["gemeente"], "productcode": filters["productcode"]}),
        "filter_query": urlencode({"q": filters["zoek"], "gemeente": filters["gemeente"], "productcode": filters["productcode"],
                                   "jaar": jaar}),
    }
    if jaarfout:
        context |= {"pagina_fout": jaarfout, "rijen": [], "aantallen": None}
        response = page.render(request, template="cms/register.html", context_overrides=context)
        response.status_code = 400
        return response
    try:
        uitkomst = registermodule.registerpagina(aanbesteding, tab=tab, pagina=request.GET.get("pagina") or 1, jaar=jaar,
                                                 **filters)
    except registermodule.PaginaBestaatNiet as fout:
        context |= {"pagina_fout": str(fout), "rijen": [], "aantallen": None}
        response = page.render(request, template="cms/register.html", context_overrides=context)
        response.status_code = 404
        return response
    context |= {"rijen": uitkomst.rijen, "pagina": uitkomst.pagina, "aantallen": uitkomst.aantallen}
    return page.render(request, template="cms/register.html", context_overrides=context)


def register_csv(request, page):
    """The whole register under the filters, as it stood in ``?jaar=`` (default: the current year), streamed:
    read in chunks, written row by row (issue 15, 19)."""
    aanbesteding = _openbare_aanbesteding(page)
    try:
        jaar = registermodule.jaar_uit(request.GET.get("jaar"), aanbesteding)
    except ValueError as fout:
        return HttpResponseBadRequest(str(fout), content_type="text/plain; charset=utf-8")
    rijen = registermodule.register_export(aanbesteding, jaar=jaar, **_register_filters(request))
    return _csv_response(f"register-{aanbesteding.slug}-{jaar}.csv", registermodule.VELDEN, rijen)


# --- Site search -----------------------------------------------------------------------------------------

def zoeken(request):
    """Search over procedure pages, documents and products (Wagtail search; PostgreSQL backend on PostgreSQL)."""
    from .zoeken import zoek

    q = request.GET.get("q", "").strip()[:200]
    resultaten = zoek(q) if q else None
    return render(request, "cms/zoeken.html", {"q": q, "resultaten": resultaten})



# --- Regions (issue 17) ------------------------------------------------------------------------------------

def regio(request, slug):
    """The landing page of one region: its bureau, municipalities per domain and public procedures."""
    from .selectors import gemeenten_per_domein, openbare_procedurepaginas
    from .selectors import regio as regio_selector

    gevonden = regio_selector(slug)
    if gevonden is None:
        raise Http404("Deze regio bestaat niet.")
    paginas = openbare_procedurepaginas(regio=gevonden)
    return render(request, "cms/regio.html", {
        "regio": gevonden,
        "gemeenten": gemeenten_per_domein(gevonden),
        "lopend": [p for p in paginas if p.aanbesteding.status != "beeindigd"],
        "beeindigd": [p for p in paginas if p.aanbesteding.status == "beeindigd"],
    })


def huisstijl(request, slug):
    """The region's colours as CSS custom properties (cms/huisstijl.py): no inline styles under a strict CSP."""
    from . import huisstijl as hs
    from .selectors import regio as regio_selector

    gevonden = regio_selector(slug)
    if gevonden is None:
        raise Http404("Deze regio bestaat niet.")
    response = HttpResponse(hs.stylesheet(gevonden), content_type="text/css; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    # The URL carries a version of the colours (?v=), so a long cache never shows stale colours.
    response["Cache-Control"] = "public, max-age=86400"
    return response
