from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from wagtail.admin.auth import require_admin_access

from . import gezondheid as gezondheidscontroles
from . import zegel
from .audit import zichtbare_regels
from .forms import VerifierenForm
from .kalender import TZ
from .models import AuditRegel
from .regio import bereik
from .uploads import veilige_bestandsnaam


def formulierfouten_melden(request, form) -> None:
    """A staff screen that redirects after a refused form (the list it came from) shows each error as a message,
    prefixed with the field's label."""
    for veld, fouten in form.errors.items():
        label = form.fields[veld].label if veld in form.fields else ""
        for fout in fouten:
            messages.error(request, f"{label}: {fout}" if label else fout)


def admin_login_doorsturen(request):
    doel = reverse("account_login")
    volgende = request.GET.get("next") or "/admin/"
    return redirect(f"{doel}?{urlencode({'next': volgende})}")


def stream_prive_bestand(veld, originele_naam: str, *, als_bijlage: bool = True, mime_type: str | None = None):
    """Serve a private file. Callers check permission first; this only streams, without exposing the path."""
    try:
        handle = veld.storage.open(veld.name, "rb")
    except (FileNotFoundError, OSError) as fout:
        raise Http404("Het bestand is niet gevonden.") from fout
    # Cleaned again on the way out: names stored before issue 11 may still hold bidi overrides or an
    # extension that does not match the type the file is served as.
    response = FileResponse(handle, as_attachment=als_bijlage, filename=veilige_bestandsnaam(originele_naam, mime_type),
                            content_type=mime_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _in_eigen_regios(user, regels):
    """Only the entries of the regions where ``user`` may read the trail (issue 17); entries without a region
    (accounts, organisations) only for who may read every region."""
    alle, ids = bereik(user, "core.view_auditregel")
    return regels if alle else regels.filter(regio_id__in=ids)


@permission_required("core.view_auditregel", raise_exception=True)
def audit_object(request, app_label: str, model: str, pk: str):
    """The audit trail of one object, as a timeline, for staff (issue 2)."""
    try:
        ct = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist as fout:
        raise Http404 from fout
    regels = _in_eigen_regios(request.user, AuditRegel.objects.filter(content_type=ct, object_id=str(pk)))
    regels = regels.select_related("actor", "content_type")[:500]
    regels = zichtbare_regels(request.user, regels)
    return render(request, "core/audit_object.html", {"regels": regels, "ct": ct, "pk": pk})


@permission_required("core.view_auditregel", raise_exception=True)
def audit_overzicht(request):
    regels = _in_eigen_regios(request.user, AuditRegel.objects.select_related("actor", "content_type"))
    actie = request.GET.get("actie", "").strip()
    if actie:
        regels = regels.filter(actie__startswith=actie)
    # Fetch more than shown: entries about confidential objects (sealed inschrijvingen) drop out.
    return render(request, "core/audit_overzicht.html", {"regels": zichtbare_regels(request.user, regels[:400])[:200], "actie": actie})


@require_admin_access
def wagtail_rapporten(request, pad: str):
    """Wagtail's reports span every region (a Gooi inkoper would read MLO's log lines): only for a superuser
    (an operator account, never a bureau's), who reaches Wagtail's own view; everyone else a 404 (issue 17)."""
    from django.urls import Resolver404, get_resolver

    if not getattr(request.user, "is_superuser", False):
        raise Http404("Niet gevonden.")
    try:
        match = get_resolver("wagtail.admin.urls.reports").resolve("/" + pad)
    except Resolver404 as fout:
        raise Http404("Niet gevonden.") from fout
    return match.func(request, *match.args, **match.kwargs)


def gezondheid(request):
    """Readiness: database, cache, broker and the age of beat's heartbeat, as JSON (core.gezondheid); 503 when
    the database, the cache or the broker fails. Never cached: a proxy must not answer it for the portal."""
    gegevens, status = gezondheidscontroles.rapport()
    antwoord = JsonResponse(gegevens, status=status, json_dumps_params={"ensure_ascii": False})
    antwoord["Cache-Control"] = "no-store"
    return antwoord


def gezondheid_live(request):
    """Liveness: the database check of ``/gezondheid/`` (one ``SELECT 1``) and nothing else. The benchmarks use
    it as their floor (the cheapest view that still reaches the database), so it stays exactly this cheap."""
    uitslag = gezondheidscontroles.database()
    antwoord = JsonResponse(uitslag, status=200 if uitslag["status"] == "ok" else 503,
                            json_dumps_params={"ensure_ascii": False})
    antwoord["Cache-Control"] = "no-store"
    return antwoord


# --- /verifieren/ (issue 18, ADR 0015) ---------------------------------------------------------------------

# Per client address: enough for a lawyer checking a file of documents, not for a validator farm.
VERIFIEER_LIMIET = 30
VERIFIEER_VENSTER = 600  # seconds

SOORT_NAMEN = {
    "ontvangstbewijs": "ontvangstbewijs van een inschrijving",
    "proces_verbaal_opening": "proces-verbaal van opening",
    "proces_verbaal_beoordeling": "proces-verbaal van beoordeling",
    "besluitbrief": "besluitbrief",
    "nota_van_inlichtingen": "Nota van Inlichtingen",
    "ontvangstbevestiging": "ontvangstbevestiging",
}


def _te_vaak(request) -> bool:
    sleutel = f"verifieren:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(sleutel, 0, VERIFIEER_VENSTER)
    try:
        return cache.incr(sleutel) > VERIFIEER_LIMIET
    except ValueError:  # expired between add and incr
        return False


@require_http_methods(["GET", "POST"])
def verifieren(request):
    """Anyone uploads a PDF of the portal and learns whether it is authentic and unchanged, who sealed it, when,
    and for whom it was issued. Nothing uploaded is stored: the file is read in memory (or Django's temporary
    upload file, removed after the request) and only its sha256 is looked up in the register."""
    uitslag = None
    status = 200
    form = VerifierenForm()
    if request.method == "POST":
        form = VerifierenForm(request.POST, request.FILES)
        if _te_vaak(request):
            form.add_error(None, "U heeft in korte tijd veel bestanden gecontroleerd. Probeer het over tien "
                                 "minuten opnieuw.")
            status = 429
        elif form.is_valid():
            bestand = form.cleaned_data["bestand"]
            bestand.seek(0)
            uitslag = zegel.controleren(bestand.read())
            form = VerifierenForm()
    registratie = uitslag.registratie if uitslag else None
    moment = (registratie.verzegeld_op if registratie else None) or (uitslag.ondertekend_op if uitslag else None)
    return render(request, "core/verifieren.html", {
        "form": form, "uitslag": uitslag, "registratie": registratie,
        "moment": timezone.localtime(moment, TZ) if moment else None,
        "soort": SOORT_NAMEN.get(registratie.soort, registratie.soort.replace("_", " ")) if registratie else "",
    }, status=status)
