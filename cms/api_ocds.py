"""The OCDS endpoints of the open data API (issue 16, docs/ocds-profiel.md): release packages (the whole feed, paged,
and per procedure as a download), record packages per ocid, and the local extension. Public procedures only
(never 'in voorbereiding'), published events only. Served and invalidated like the rest of /api/v1/ by the public
page cache (core/paginacache.py, ADR 0021): every model these packages read bumps the publication generation."""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from aanbesteding import selectors as aselectors
from aanbesteding.services import publieke_url

from . import ocds
from .api import _SLUG, _fout, _json, _pagineer, _regio, _slug
from .selectors import ocds_gegevens


def _basis(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _releases(request, aanbestedingen) -> list[dict]:
    aanbestedingen = list(aanbestedingen)
    return ocds.alle_releases(aanbestedingen, ocds_gegevens(aanbestedingen), _basis(request), publieke_url)


@require_GET
def releases(request):
    """All releases of all public procedures, oldest first, paged (?pagina=, ?per_pagina=); ?regio= and
    ?procedure= narrow it. The page's links are in ``links`` (next/prev), as the OCDS API guidance has them."""
    regio, fout = _regio(request)
    if fout:
        return fout
    qs = aselectors.openbare_aanbestedingen().order_by("pk")
    if regio is not None:
        qs = qs.filter(regio=regio)
    slug = _slug(request, "procedure")
    if slug:
        # "\x00" is _slug's answer to something that cannot be a slug: never sent to the database.
        qs = qs.filter(slug=slug) if slug != "\x00" else qs.none()
        if not qs.exists():
            return _fout("Onbekende procedure.", status=404)
    alle = _releases(request, qs)
    pagina, fout = _pagineer(request, alle)
    if fout:
        return fout
    pakket = ocds.releasepakket(request.build_absolute_uri(), _basis(request), pagina["resultaten"])
    links = {k: v for k, v in (("next", pagina["volgende"]), ("prev", pagina["vorige"])) if v}
    return _json(pakket | ({"links": links} if links else {}))


@require_GET
def procedure(request, slug):
    """Every release of one procedure as one release package, to download (the bulk file of a procedure)."""
    a = aselectors.openbare_aanbesteding(slug)
    if a is None:
        return _fout("Onbekende procedure.", status=404)
    alle = _releases(request, [a])
    response = _json(ocds.releasepakket(request.build_absolute_uri(), _basis(request), alle))
    response["Content-Disposition"] = f'attachment; filename="{ocds.ocid(a)}.json"'
    return response


@require_GET
def record(request, ocid):
    """The record of one procedure: its releases and the compiled release (ocdsmerge)."""
    voorvoegsel = f"{settings.OCDS_OCID_PREFIX}-"
    slug = ocid[len(voorvoegsel):] if ocid.startswith(voorvoegsel) else ""
    a = aselectors.openbare_aanbesteding(slug) if _SLUG.match(slug) else None
    if a is None:
        return _fout("Onbekende ocid.", status=404)
    alle = _releases(request, [a])
    return _json(ocds.recordpakket(request.build_absolute_uri(), _basis(request), alle))


@require_GET
def extensie(request, naam):
    inhoud = ocds.extensiebestand(naam, _basis(request))
    if inhoud is None:
        return _fout("Onbekend bestand van de extensie.", status=404)
    return _json(inhoud)


@require_GET
def profiel(request):
    """The profile's documentation (docs/ocds-profiel.md), including the publication policy."""
    response = HttpResponse(ocds.documentatie(), content_type="text/plain; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response
