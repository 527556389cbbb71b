"""Custom Wagtail admin views: publishing the answered questions as the next Nota van Inlichtingen."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render

from .models import Aanbesteding, Vraag
from .selectors import beantwoorde_vragen
from .services import nvi_publiceren as publiceer


@permission_required("aanbesteding.add_notavaninlichtingen", raise_exception=True)
def nvi_overzicht(request):
    aanbestedingen = Aanbesteding.objects.annotate(
        klaar=Count("vragen", filter=Q(vragen__status=Vraag.Status.BEANTWOORD)),
        open=Count("vragen", filter=Q(vragen__status=Vraag.Status.NIEUW)),
        aantal_nvi=Count("nota_van_inlichtingen", distinct=True),
    ).order_by("titel")
    return render(request, "aanbesteding/admin/nvi_overzicht.html", {"aanbestedingen": aanbestedingen})


@permission_required("aanbesteding.add_notavaninlichtingen", raise_exception=True)
def nvi_publiceren(request, pk):
    aanbesteding = get_object_or_404(Aanbesteding, pk=pk)
    vragen = list(beantwoorde_vragen(aanbesteding))
    fout = None
    if request.method == "POST":
        try:
            ids = [int(i) for i in request.POST.getlist("vragen")]
            nvi = publiceer(aanbesteding=aanbesteding, vragen=ids, inleiding=request.POST.get("inleiding", ""), door=request.user)
        except (ValueError, ValidationError) as e:
            fout = "; ".join(e.messages) if isinstance(e, ValidationError) else "Ongeldige keuze."
        else:
            messages.success(request, f"Nota van Inlichtingen {nvi.nummer} is gepubliceerd; aanbieders krijgen een e-mail.")
            return redirect("aanbesteding_nvi_overzicht")
    return render(request, "aanbesteding/admin/nvi_publiceren.html", {"aanbesteding": aanbesteding, "vragen": vragen, "fout": fout})
