"""Admin screen for the XLSX import of a productenboek (issue 19): upload → preview → "Importeren".

The screen only parses input and calls ``aanbesteding.productimport`` (reading, preview and the import are
services there). Between the preview and the confirmation the rows read from the file (text only, no file) are
kept in the session under the file's sha256; the import recomputes the preview against the database of that
moment. Scoped to the regions where the user may change products (issue 17): another region's procedure is a
404, like an id that does not exist.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from core.berichten import fout_melden
from core.uploads import accept_attribuut
from organisaties.regios import bereik_met_recht, binnen, object_of_404

from . import productimport
from .models import Aanbesteding

SESSIESLEUTEL = "productimport"


class UploadForm(forms.Form):
    bestand = forms.FileField(label="Productenboek (.xlsx)", error_messages={"required": "Kies een XLSX-bestand."})


class BevestigForm(forms.Form):
    sha256 = forms.CharField(max_length=64, min_length=64)


def _bereik(request):
    return bereik_met_recht(request.user, productimport.RECHT)


@permission_required(productimport.RECHT, raise_exception=True)
def overzicht(request):
    aanbestedingen = binnen(Aanbesteding.objects.all(), _bereik(request)).order_by("titel")
    return render(request, "aanbesteding/admin/productimport_overzicht.html", {"aanbestedingen": aanbestedingen})


@permission_required(productimport.RECHT, raise_exception=True)
def sjabloon(request):
    antwoord = HttpResponse(productimport.sjabloon(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    antwoord["Content-Disposition"] = 'attachment; filename="productenboek-sjabloon.xlsx"'
    return antwoord


def _bewaard(request, aanbesteding) -> dict | None:
    bewaard = request.session.get(SESSIESLEUTEL)
    return bewaard if bewaard and bewaard.get("aanbesteding") == aanbesteding.pk else None


@permission_required(productimport.RECHT, raise_exception=True)
def importeren(request, pk):
    aanbesteding = object_of_404(Aanbesteding.objects.all(), _bereik(request), pk=pk)
    context = {"aanbesteding": aanbesteding, "form": UploadForm(), "accept": accept_attribuut(["office"]),
               "max": productimport.MAX_BYTES // (1024 * 1024), "kolommen": productimport.KOLOMMEN}
    if request.method == "POST" and request.POST.get("actie") != "importeren":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            try:
                inlezing = productimport.lees_xlsx(form.cleaned_data["bestand"])
            except ValidationError as fout:
                fout_melden(request, fout)
            else:
                request.session[SESSIESLEUTEL] = {
                    "aanbesteding": aanbesteding.pk, "sha256": inlezing.sha256, "naam": inlezing.bestandsnaam,
                    "rijen": inlezing.rijen,
                }
                context |= {"voorbeeld": productimport.voorbeeld(aanbesteding, inlezing.rijen), "inlezing": inlezing}
        else:
            for fout in form.errors.get("bestand", []):
                messages.error(request, fout)
        return render(request, "aanbesteding/admin/productimport.html", context)
    if request.method == "POST":
        form, bewaard = BevestigForm(request.POST), _bewaard(request, aanbesteding)
        if not form.is_valid() or bewaard is None or bewaard["sha256"] != form.cleaned_data["sha256"]:
            messages.error(request, "Het voorbeeld is verlopen of hoort bij een ander bestand; upload het bestand opnieuw.")
            return redirect("aanbesteding_productimport", aanbesteding.pk)
        try:
            aantallen = productimport.importeren(
                aanbesteding=aanbesteding, rijen=bewaard["rijen"], door=request.user, bestandsnaam=bewaard["naam"],
                sha256=bewaard["sha256"],
            )
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
            return redirect("aanbesteding_productimport", aanbesteding.pk)
        del request.session[SESSIESLEUTEL]
        messages.success(request, f"Productenboek geïmporteerd: {aantallen['nieuw']} nieuw, {aantallen['gewijzigd']} gewijzigd, "
                                  f"{aantallen['ongewijzigd']} ongewijzigd.")
        return redirect("aanbesteding_productimport", aanbesteding.pk)
    return render(request, "aanbesteding/admin/productimport.html", context)
