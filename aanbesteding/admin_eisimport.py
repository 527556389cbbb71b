"""Admin screen for the bulk import of eisen (issue 12): step 1 upload, step 2 preview of every row, step 3
"Importeren" → ``eisimport.eisen_importeren`` (all rows in one transaction through ``eis_opslaan``).

The screen only parses input and calls the service. Between the preview and the confirmation the cells read from
the file (text only; the file itself is never stored) live in the session under the file's sha256, and are removed
after the import. Scoped to the regions where the user may change eisen (ADR 0011): another region's procedure is
a 404, like an id that does not exist, and is not listed.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.berichten import fout_melden
from core.uploads import leesbare_grootte
from organisaties.regios import bereik_met_recht, binnen, object_of_404

from . import eisimport
from .models import Aanbesteding
from .services import bevroren_melding

SESSIESLEUTEL = "eisimport"
ACCEPT = ".xlsx,.csv,text/csv"


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand met eisen (.xlsx of .csv)",
        help_text=f"Excel (.xlsx) of CSV (UTF-8, gescheiden door ; of ,), ten hoogste "
                  f"{leesbare_grootte(eisimport.MAX_BYTES)}.",
        error_messages={"required": "Kies een XLSX- of CSV-bestand met de eisen."},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class BevestigForm(forms.Form):
    sha256 = forms.CharField(max_length=64, min_length=64)


def _bereik(request):
    return bereik_met_recht(request.user, eisimport.RECHT)


@permission_required(eisimport.RECHT, raise_exception=True)
def overzicht(request):
    aanbestedingen = binnen(Aanbesteding.objects.select_related("regio"), _bereik(request)).order_by("titel")
    return render(request, "aanbesteding/admin/eisimport_overzicht.html", {"aanbestedingen": aanbestedingen})


@permission_required(eisimport.RECHT, raise_exception=True)
def sjabloon(request, formaat):
    if formaat == "xlsx":
        antwoord = HttpResponse(eisimport.sjabloon_xlsx(),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    elif formaat == "csv":
        antwoord = HttpResponse(eisimport.sjabloon_csv(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404("Onbekend formaat.")
    antwoord["Content-Disposition"] = f'attachment; filename="eisen-sjabloon.{formaat}"'
    return antwoord


def _bewaard(request, aanbesteding) -> dict | None:
    bewaard = request.session.get(SESSIESLEUTEL)
    return bewaard if bewaard and bewaard.get("aanbesteding") == aanbesteding.pk else None


def _context(aanbesteding, form, **extra) -> dict:
    return {"aanbesteding": aanbesteding, "form": form, "uitleg": list(eisimport.UITLEG.items()),
            "verplicht": eisimport.VERPLICHT,
            "bevroren": bevroren_melding(aanbesteding) if aanbesteding.eisen_zijn_bevroren() else "", **extra}


@permission_required(eisimport.RECHT, raise_exception=True)
def importeren(request, pk):
    aanbesteding = object_of_404(Aanbesteding.objects.all(), _bereik(request), pk=pk)
    if request.method != "POST":
        request.session.pop(SESSIESLEUTEL, None)  # a fresh start forgets an earlier, unconfirmed preview
        return render(request, "aanbesteding/admin/eisimport.html", _context(aanbesteding, UploadForm()))
    form = UploadForm(request.POST, request.FILES)
    context = _context(aanbesteding, form)
    if form.is_valid():
        try:
            inlezing = eisimport.lees_bestand(form.cleaned_data["bestand"])
        except ValidationError as fout:
            form.add_error("bestand", fout)
        else:
            request.session[SESSIESLEUTEL] = {"aanbesteding": aanbesteding.pk, **inlezing.bewaarbaar()}
            context |= {"voorbeeld": eisimport.voorbeeld(aanbesteding, inlezing.rijen, inlezing.kolommen),
                        "inlezing": inlezing, "bevestig": BevestigForm(initial={"sha256": inlezing.sha256})}
    return render(request, "aanbesteding/admin/eisimport.html", context)


@require_POST
@permission_required(eisimport.RECHT, raise_exception=True)
def bevestigen(request, pk):
    """Step 3: import the previewed rows of the file with this sha256 (kept in the session)."""
    aanbesteding = object_of_404(Aanbesteding.objects.all(), _bereik(request), pk=pk)
    form, bewaard = BevestigForm(request.POST), _bewaard(request, aanbesteding)
    if not form.is_valid() or bewaard is None or bewaard["sha256"] != form.cleaned_data["sha256"]:
        messages.error(request, "Het voorbeeld is verlopen of hoort bij een ander bestand; upload het bestand opnieuw.")
        return redirect("aanbesteding_eisimport", aanbesteding.pk)
    try:
        aantallen = eisimport.eisen_importeren(
            aanbesteding=aanbesteding, rijen=bewaard["rijen"], kolommen=bewaard["kolommen"], door=request.user,
            bestandsnaam=bewaard["naam"], sha256=bewaard["sha256"],
        )
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
        return redirect("aanbesteding_eisimport", aanbesteding.pk)
    request.session.pop(SESSIESLEUTEL, None)
    messages.success(request, f"Eisen geïmporteerd in “{aanbesteding.titel}”: {aantallen['nieuw']} nieuw, "
                              f"{aantallen['gewijzigd']} gewijzigd, {aantallen['ongewijzigd']} ongewijzigd.")
    return redirect("aanbesteding_eisimport", aanbesteding.pk)
