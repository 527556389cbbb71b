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
from django.urls import reverse
from django.utils.safestring import mark_safe

from aanbesteding import selectors as aselectors
from aanbesteding.models import EENHEID_CODES, FREQUENTIE_CODES, Bekostiging, Product
from aanbesteding.services import vraag_stellen
from aanbesteding.tasks import nvi_pdf_maken
from core import kalender
from core.export import dict_regels
from core.geld import formatteer_euro
from inschrijving import selectors as iselectors
from inschrijving.models import Inschrijving
from organisaties.rollen import is_staff_gebruiker
from overeenkomst.selectors import lopende_overeenkomst, mededelingen_van

from . import register as registermodule
from .forms import VraagForm
from .templatetags.publiek import procent


def _openbare_aanbesteding(page, request=None):
    aanbesteding = page.aanbesteding
    # Staff preview a page before the procedure is public (Wagtail sets is_preview in serve_preview).
    if not aanbesteding.is_openbaar and not getattr(request, "is_preview", False):
        raise Http404("Deze procedure is niet openbaar.")
    return aanbesteding


def _aanbiederactie(request, aanbesteding) -> dict:
    """What the procedure page offers its visitor (issue 12): an anonymous visitor reads how to start; a logged-in
    provider gets "Inschrijven" (a POST to inschrijving:starten) while a window is open and it has none, "Ga verder met
    uw inschrijving" for a draft, its submission, or "U bent toegelaten" with its agreement.

    Only the anonymous version is the same for everyone, and only it is cached: the public page cache
    (core/paginacache.py, ADR 0021) never serves or stores a request with a session cookie, and the provider's
    version holds a CSRF token, which the cache refuses to store as well."""
    moment = iselectors.open_toetredingsmoment(aanbesteding)
    if not request.user.is_authenticated:
        return {"soort": "anoniem", "moment": moment}
    organisatie = getattr(request, "organisatie", None)
    if organisatie is None:
        return {"soort": "" if is_staff_gebruiker(request.user) else "geen_organisatie"}
    overeenkomst = lopende_overeenkomst(organisatie, aanbesteding)
    if overeenkomst is not None:
        return {"soort": "toegelaten", "url": reverse("overeenkomst:detail", args=[overeenkomst.pk]), "organisatie": organisatie}
    inschrijving = iselectors.actieve_inschrijving(organisatie, aanbesteding)
    if inschrijving is not None:
        if inschrijving.status == Inschrijving.Status.CONCEPT:
            return {"soort": "concept", "url": reverse("inschrijving:detail", args=[inschrijving.pk]),
                    "inschrijving": inschrijving, "deadline": iselectors.deadline(inschrijving), "organisatie": organisatie}
        return {"soort": "ingediend", "url": reverse("inschrijving:bevestiging", args=[inschrijving.pk]),
                "inschrijving": inschrijving, "organisatie": organisatie}
    if moment is not None:
        return {"soort": "inschrijven", "url": reverse("inschrijving:starten", args=[aanbesteding.pk]), "moment": moment,
                "organisatie": organisatie}
    return {"soort": "gesloten", "organisatie": organisatie}


def procedure(request, page):
    aanbesteding = _openbare_aanbesteding(page, request)
    context = {
        "aanbesteding": aanbesteding,
        "actie": _aanbiederactie(request, aanbesteding),
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
    return aselectors.productenboek_standaardjaar(aanbesteding, kalender.vandaag().year)


def productenboek_huidig(request, page):
    aanbesteding = _openbare_aanbesteding(page)
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return redirect(f"{page.url}productenboek/{_standaardjaar(aanbesteding)}/{query}")


def _jaar_geldig(jaar, aanbesteding=None):
    """A year the procedure has a book for at all: within its term (a 2020 procedure has no book of 2026)."""
    if not 2000 <= jaar <= 2100:
        raise Http404
    if aanbesteding is not None and not aselectors.in_looptijd(aanbesteding, jaar):
        raise Http404(f"Deze procedure loopt niet in {jaar}; er is geen productenboek voor dat jaar.")


def _budgetplafonds(aanbesteding, jaar):
    from contractbeheer.selectors.budget import openbare_plafonds

    return openbare_plafonds(aanbesteding, jaar)


def productenboek(request, page, jaar):
    _jaar_geldig(jaar)
    aanbesteding = _openbare_aanbesteding(page)
    _jaar_geldig(jaar, aanbesteding)
    perceel = request.GET.get("perceel", "").strip()
    zoek = request.GET.get("q", "").strip()
    groepen = aselectors.productenboek(aanbesteding, jaar, perceel_code=perceel, zoek=zoek)
    regels = aselectors.productregels(aanbesteding)
    jaren = aselectors.productenboek_jaren(aanbesteding)
    vervallen = aselectors.vervallen_producten(aanbesteding, jaar, perceel_code=perceel, zoek=zoek)
    return page.render(
        request, template="cms/productenboek.html",
        context_overrides={
            "aanbesteding": aanbesteding, "jaar": jaar, "perceel": perceel, "zoek": zoek,
            "groepen": _weergave(groepen, regels, page.url, _budgetplafonds(aanbesteding, jaar),
                                 f"{page.url}productenboek/{jaar}/"),
            "boek_url": f"{page.url}productenboek/{jaar}/",
            "percelen": list(aanbesteding.percelen.order_by("volgorde", "code").values_list("code", "naam")),
            "jaren": jaren, "vorig_jaar": jaar - 1 if aselectors.in_looptijd(aanbesteding, jaar - 1) else None,
            "aantal": sum(len(g.producten) for g in groepen),
            "vervallen": vervallen, "regels": _regels_weergave(regels),
        },
    )


def _link(page_url, jaar, product_id, tekst):
    return f'<a href="{escape(page_url)}productenboek/{jaar}/#product-{product_id}">{escape(tekst)}</a>'


def _voorganger_html(regel, page_url) -> str:
    v = regel.voorganger
    if v is None:
        return ""
    tekst = f"{v.code} {v.naam}".strip()
    # A predecessor within the book links to its row in the book of its last year; a code from outside it
    # (voorganger_code) is plain text.
    doel = _link(page_url, v.jaar, v.product_id, tekst) if v.product_id else escape(tekst)
    return f'<br><span class="helptekst">Vervangt {doel}</span>'


def _notities_html(notitie, boek_url="") -> str:
    """The rules a product is in, as short links; a product link goes to the unfiltered book of the year (the
    product may be outside the current filter)."""
    if notitie is None:
        return ""
    boek_url = escape(boek_url)
    delen = []
    if notitie.samenloop:
        links = ", ".join(f'<a href="#samenloop-{r.pk}">regel {r.volgorde or r.pk}</a>' for r in notitie.samenloop)
        delen.append(f"Samenloop: {links}")
    if notitie.vereist:
        links = ", ".join(f'<a href="{boek_url}#product-{p.pk}">{escape(p.code)}</a>' for p in notitie.vereist)
        delen.append(f"Vereist ook: {links}")
    if notitie.vereist_door:
        delen.append("Vereist door: " + ", ".join(
            f'<a href="{boek_url}#product-{p.pk}">{escape(p.code)}</a>' for p in notitie.vereist_door))
    if notitie.omrekentabellen:
        links = ", ".join(f'<a href="#omrekentabel-{t.pk}">{escape(t.naam)}</a>' for t in notitie.omrekentabellen)
        delen.append(f"Omrekentabel: {links}")
    return "".join(f'<br><span class="helptekst">{d}</span>' for d in delen)


def _soort_plafond(p) -> str:
    return {"per_client": "per cliënt", "per_aanbieder": "per aanbieder per jaar", "totaal": "totaal per jaar"}.get(p.soort, "")


def _weergave(groepen, regels=None, page_url="", plafonds=None, boek_url=""):
    """Per perceel its table rows as ready HTML: a product book of 300 products would otherwise cost the
    template some 20,000 variable lookups, escapes and localisations (bench/bench_publiek.py). Every text is
    escaped here; the markup is the same the template wrote before."""
    # The display texts of the choices once, not get_FOO_display() per product.
    eenheden = dict(Product._meta.get_field("eenheid").flatchoices)
    frequenties = dict(Product._meta.get_field("frequentie").flatchoices)
    bekostigingen = dict(Product._meta.get_field("bekostiging").flatchoices)
    plafonds = plafonds or {}
    uitkomst = []
    for groep in groepen:
        rijen = []
        for regel in groep.producten:
            p = regel.product
            rowspan = max(len(regel.tarieven), 1)
            naam = escape(p.naam)
            if regel.status != aselectors.ONGEWIJZIGD:
                naam += f' <span class="status status-{regel.status}">{escape(regel.status_label)}</span>'
            if p.naam_bron and p.naam_bron != p.naam:
                naam += f'<br><span class="helptekst">In de bron: {escape(p.naam_bron)}</span>'
            if p.minimale_kwalificatie:
                naam += f'<br><span class="helptekst">Minimaal: {escape(p.minimale_kwalificatie)}</span>'
            if p.beperking:
                naam += f'<br><span class="helptekst">Beperking: {escape(p.beperking)}</span>'
            naam += _voorganger_html(regel, page_url)
            if p.bekostiging != Bekostiging.PXQ:  # the page says once that p x q is the rule (template)
                naam += f'<br><span class="helptekst">Bekostiging: {escape(str(bekostigingen[p.bekostiging]))}</span>'
            if p.geldig_tot:
                naam += f'<br><span class="helptekst">Geldig tot en met {p.geldig_tot:%d-%m-%Y}</span>'
            if regels is not None:
                naam += _notities_html(regels.notitie(p.pk), boek_url)
            kop = (
                f'<td rowspan="{rowspan}">{escape(p.code)}</td>\n<td rowspan="{rowspan}">{naam}</td>\n'
                f'<td rowspan="{rowspan}">{escape(str(eenheden.get(p.eenheid, p.eenheid)))}</td>\n'
                f'<td rowspan="{rowspan}">{escape(str(frequenties.get(p.frequentie, p.frequentie)))}</td>'
            )
            anker = f' id="product-{p.pk}"'
            if not regel.tarieven:
                rijen.append(mark_safe(f'<tr{anker}>{kop}<td></td><td class="getal">geen tarief</td><td class="getal"></td></tr>'))
            for i, t in enumerate(regel.tarieven):
                rijen.append(mark_safe(  # every text in it went through escape()
                    f'<tr{anker if i == 0 else ""}>{kop if i == 0 else ""}<td>{_intensiteit_html(t)}</td>'
                    f'<td class="getal">{_tarief_html(t)}</td>'
                    f'<td class="getal">{escape(procent(t.verandering_pct))}</td></tr>'
                ))
        eigen_plafonds = [
            {"code": pl.code, "naam": pl.naam, "bedrag": pl.bedrag, "soort": _soort_plafond(pl),
             "product": pl.product.code if pl.product_id else ""}
            for pl in plafonds.get(groep.perceel.pk, [])
        ]
        uitkomst.append({"perceel": groep.perceel, "rijen": rijen, "aantal": len(groep.producten),
                         "plafonds": eigen_plafonds})
    return uitkomst


def _intensiteit_html(t) -> str:
    if not t.intensiteit:
        return ""
    if t.gegevens is None:
        return escape(t.intensiteit)
    html = escape(t.gegevens.naam)
    if t.gegevens.omvang:
        html += f'<br><span class="helptekst">{escape(t.gegevens.omvang)}</span>'
    return html


def _tarief_html(t) -> str:
    # The general tariff first; a tariff agreed with one provider is only ever a labelled line under it.
    html = escape(formatteer_euro(t.bedrag)) if t.bedrag is not None else '<span class="helptekst">geen algemeen tarief</span>'
    for a in t.aanbieders:
        bedrag = formatteer_euro(a.bedrag) if a.bedrag is not None else ""
        html += f'<br><span class="helptekst">tarief per aanbieder: {escape(a.aanbieder)} {escape(bedrag)}</span>'
    return html


def _regels_weergave(regels):
    """The rule sections of the book: the conversion tables with their rows in words."""
    tabellen = []
    for tabel in regels.omrekentabellen:
        rijen = []
        for rij in tabel.rijen:
            delen = []
            if rij.get("etmalen"):
                delen.append(f"{rij['etmalen']} etmaal" if rij["etmalen"] == 1 else f"{rij['etmalen']} etmalen")
            if rij.get("dagdelen"):
                delen.append(f"{rij['dagdelen']} dagdeel" if rij["dagdelen"] == 1 else f"{rij['dagdelen']} dagdelen")
            rijen.append({"uur": rij.get("tot_en_met_uur"), "uitkomst": " + ".join(delen)})
        tabellen.append({"tabel": tabel, "rijen": rijen})
    return {"samenloop": regels.samenloop, "afhankelijkheden": regels.afhankelijkheden, "tabellen": tabellen,
            "leeg": regels.leeg}


def _aanbieders_tekst(t) -> str:
    return " | ".join(f"{a.aanbieder}: {a.bedrag}" for a in t.aanbieders) if t else ""


def productenboek_rijen(groepen, regels=None, *, gestructureerd=False):
    """Flat rows of a product book (CSV, JSON and the API share them): one per product and intensity. The unit
    and frequency carry their iStandaarden code (WJ756 / WMO757) next to the word. ``gestructureerd`` (JSON, API)
    adds the intensity and the provider tariffs as objects and the product's rules."""
    for groep in groepen:
        for regel in groep.producten:
            p = regel.product
            notitie = regels.notitie(p.pk) if regels is not None else None
            for t in regel.tarieven or [None]:
                g = t.gegevens if t else None
                rij = {
                    "perceel": groep.perceel.code,
                    "perceel_naam": groep.perceel.naam,
                    "productcategorie": p.categorie,
                    "productcode": p.code,
                    "naam": p.naam,
                    "naam_bron": p.naam_bron,
                    "status": regel.status,
                    "eenheid": p.eenheid,
                    "eenheid_code": EENHEID_CODES.get(p.eenheid, ""),
                    "frequentie": p.frequentie,
                    "frequentie_code": FREQUENTIE_CODES.get(p.frequentie, ""),
                    "bekostiging": p.bekostiging,
                    "beperking": p.beperking,
                    "minimale_kwalificatie": p.minimale_kwalificatie,
                    "intensiteit": t.intensiteit if t else "",
                    "intensiteit_naam": g.naam if g else "",
                    "intensiteit_omvang_min": str(g.omvang_min) if g and g.omvang_min is not None else None,
                    "intensiteit_omvang_max": str(g.omvang_max) if g and g.omvang_max is not None else None,
                    "intensiteit_omvang_eenheid": g.omvang_eenheid if g else "",
                    "tarief": str(t.bedrag) if t and t.bedrag is not None else None,
                    "tarief_vorig_jaar": str(t.vorig) if t and t.vorig is not None else None,
                    "verandering_pct": str(t.verandering_pct) if t and t.verandering_pct is not None else None,
                    "geldig_van": t.geldig_van.isoformat() if t and t.geldig_van else None,
                    "geldig_tot": t.geldig_tot.isoformat() if t and t.geldig_tot else None,
                    "product_geldig_vanaf": p.geldig_vanaf.isoformat() if p.geldig_vanaf else None,
                    "product_geldig_tot": p.geldig_tot.isoformat() if p.geldig_tot else None,
                    "vervangt": regel.voorganger.code if regel.voorganger else "",
                    "tarief_per_aanbieder": _aanbieders_tekst(t),
                }
                if gestructureerd:
                    rij |= {
                        "intensiteit_gegevens": g.als_dict() if g else None,
                        "aanbiedertarieven": [
                            {"aanbieder": a.aanbieder, "tarief": str(a.bedrag) if a.bedrag is not None else None,
                             "tarief_vorig_jaar": str(a.vorig) if a.vorig is not None else None,
                             "verandering_pct": str(a.verandering_pct) if a.verandering_pct is not None else None}
                            for a in (t.aanbieders if t else [])
                        ],
                        "samenloopregels": [r.pk for r in notitie.samenloop] if notitie else [],
                        "vereist_ook": [v.code for v in notitie.vereist] if notitie else [],
                        "omrekentabellen": [tab.pk for tab in notitie.omrekentabellen] if notitie else [],
                    }
                yield rij


def productregels_dict(regels) -> dict:
    """The product rules as JSON (the JSON download and /api/v1/procedures/<slug>/productregels)."""
    return {
        "samenloop": [
            {"id": r.pk, "soort": r.soort, "soort_omschrijving": r.get_soort_display(),
             "producten": [p.code for p in r.producten.all()], "met_producten": [p.code for p in r.met_producten.all()],
             "voorwaarde": r.voorwaarde, "toelichting": r.toelichting, "bron": r.bron}
            for r in regels.samenloop
        ],
        "productafhankelijkheden": [
            {"id": a.pk, "als_een_van": [p.code for p in a.producten.all()], "vereist": [p.code for p in a.vereist.all()],
             "toelichting": a.toelichting, "bron": a.bron}
            for a in regels.afhankelijkheden
        ],
        "omrekentabellen": [
            {"id": t.pk, "naam": t.naam, "producten": [p.code for p in t.producten.all()], "rijen": t.rijen,
             "toelichting": t.toelichting, "bron": t.bron}
            for t in regels.omrekentabellen
        ],
    }


def _csv_response(naam, velden, rijen):
    """A CSV download that streams: ``rijen`` (dicts) may be a generator that reads the database in chunks."""
    # Every cell goes through core.export: a provider's name like '=HYPERLINK(...)' must stay text (OWASP). The BOM
    # first, so spreadsheet programs read UTF-8.
    response = StreamingHttpResponse(chain(["\ufeff"], dict_regels(velden, rijen)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


PRODUCT_VELDEN = [
    "perceel", "perceel_naam", "productcategorie", "productcode", "naam", "naam_bron", "status", "eenheid",
    "eenheid_code", "frequentie", "frequentie_code", "bekostiging", "beperking", "minimale_kwalificatie",
    "intensiteit", "intensiteit_naam", "intensiteit_omvang_min", "intensiteit_omvang_max",
    "intensiteit_omvang_eenheid", "tarief", "tarief_vorig_jaar", "verandering_pct", "geldig_van", "geldig_tot",
    "product_geldig_vanaf", "product_geldig_tot", "vervangt", "tarief_per_aanbieder",
]


def _boek(request, page, jaar):
    _jaar_geldig(jaar)
    aanbesteding = _openbare_aanbesteding(page)
    _jaar_geldig(jaar, aanbesteding)
    groepen = aselectors.productenboek(aanbesteding, jaar, perceel_code=request.GET.get("perceel", ""), zoek=request.GET.get("q", ""))
    return aanbesteding, groepen


def productenboek_csv(request, page, jaar):
    aanbesteding, groepen = _boek(request, page, jaar)
    return _csv_response(f"productenboek-{aanbesteding.slug}-{jaar}.csv", PRODUCT_VELDEN, productenboek_rijen(groepen))


def productenboek_json(request, page, jaar):
    aanbesteding, groepen = _boek(request, page, jaar)
    regels = aselectors.productregels(aanbesteding)
    vervallen = aselectors.vervallen_producten(aanbesteding, jaar)
    plafonds = _budgetplafonds(aanbesteding, jaar)
    data = {
        "procedure": aanbesteding.slug, "jaar": jaar,
        "producten": list(productenboek_rijen(groepen, regels, gestructureerd=True)),
        "vervallen": [
            {"perceel": p.perceel.code, "productcode": p.code, "naam": p.naam, "geldig_tot": p.geldig_tot.isoformat(),
             "opvolgers": [o.code for o in p.opvolgers.all()]}
            for p in vervallen
        ],
        "productregels": productregels_dict(regels),
        "budgetplafonds": [
            {"perceel": g.perceel.code, "code": pl.code, "naam": pl.naam, "soort": pl.soort, "bedrag": str(pl.bedrag),
             "product": pl.product.code if pl.product_id else None}
            for g in groepen for pl in plafonds.get(g.perceel.pk, [])
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="productenboek-{aanbesteding.slug}-{jaar}.json"'
    return response


# --- Year-on-year difference ---------------------------------------------------------------------------------

def productenboek_verschil(request, page, jaar):
    _jaar_geldig(jaar)
    aanbesteding = _openbare_aanbesteding(page)
    _jaar_geldig(jaar, aanbesteding)
    verschil = aselectors.productenboek_verschil(aanbesteding, jaar)
    return page.render(
        request, template="cms/productenboek_verschil.html",
        context_overrides={"aanbesteding": aanbesteding, "jaar": jaar, "vorig_jaar": jaar - 1, "verschil": verschil,
                           "jaren": aselectors.productenboek_jaren(aanbesteding)},
    )


VERSCHIL_VELDEN = ["soort", "perceel", "productcode", "naam", "vervangt", "intensiteit", "aanbieder", "tarief_oud",
                   "tarief_nieuw", "verandering_pct"]


def verschil_rijen(verschil):
    for soort, regels in (("nieuw", verschil.nieuw), ("vervangt", verschil.vervangen)):
        for r in regels:
            yield {"soort": r.status if soort == "vervangt" else soort, "perceel": r.product.perceel.code,
                   "productcode": r.product.code, "naam": r.product.naam,
                   "vervangt": r.voorganger.code if r.voorganger else ""}
    for p in verschil.vervallen:
        yield {"soort": "vervallen", "perceel": p.perceel.code, "productcode": p.code, "naam": p.naam}
    for w in verschil.tarieven:
        yield {"soort": "tarief", "perceel": w.product.perceel.code, "productcode": w.product.code, "naam": w.product.naam,
               "intensiteit": w.intensiteit, "aanbieder": w.aanbieder,
               "tarief_oud": str(w.oud) if w.oud is not None else "", "tarief_nieuw": str(w.nieuw) if w.nieuw is not None else "",
               "verandering_pct": str(w.verandering_pct) if w.verandering_pct is not None else ""}


def productenboek_verschil_csv(request, page, jaar):
    _jaar_geldig(jaar)
    aanbesteding = _openbare_aanbesteding(page)
    _jaar_geldig(jaar, aanbesteding)
    verschil = aselectors.productenboek_verschil(aanbesteding, jaar)
    return _csv_response(f"productenboek-{aanbesteding.slug}-{jaar}-verschil.csv", VERSCHIL_VELDEN, verschil_rijen(verschil))


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
