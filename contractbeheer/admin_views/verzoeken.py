"""Staff screens of informatieverzoeken (002 UOK 5.1) and onderzoeken (002 B1 33) in the Wagtail admin, for the
Contractmanager and the Inkoper in their regions (ADR 0011): every list goes through ``binnen``, every lookup
through ``object_of_404`` (another region's id is a 404), every form's choices are narrowed to the regions.
Thin: a form parses, one service acts, a message says what happened."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render

from core import kalender
from core.berichten import fout_melden
from core.views import formulierfouten_melden, stream_prive_bestand
from organisaties.regios import binnen, object_of_404

from .. import permissions, services
from ..forms_verzoeken import (
    AntwoordActieForm,
    BeoordelingForm,
    OnderzoekForm,
    OnderzoekStapForm,
    VerlengForm,
    VerzoekActieForm,
    VerzoekForm,
)
from ..models import Informatieverzoek, Onderzoek, Verzoekontvanger
from ._toegang import beheer_staf

PER_PAGINA = 50
_BEANTWOORD = [Verzoekontvanger.Status.BEANTWOORD, Verzoekontvanger.Status.AFGEROND]



def _bereik(request):
    return permissions.beheer_bereik(request.user)


# --- informatieverzoeken --------------------------------------------------------------------------------


@beheer_staf
def verzoeken(request):
    """Every request of the user's regions with its counts per addressee, in a fixed number of queries."""
    qs = (binnen(Informatieverzoek.objects, _bereik(request))
          .select_related("aanbesteding", "perceel", "overeenkomst__organisatie")
          .annotate(aantal=Count("ontvangers"),
                    beantwoord=Count("ontvangers", filter=Q(ontvangers__status__in=_BEANTWOORD)),
                    te_laat=Count("ontvangers", filter=Q(ontvangers__te_laat=True)),
                    open=Count("ontvangers", filter=Q(ontvangers__status__in=services.verzoeken.OPEN_STATUSSEN)))
          .order_by("-opgesteld_op", "-pk"))
    status = request.GET.get("status", "")
    if status in Informatieverzoek.Status.values:
        qs = qs.filter(status=status)
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "contractbeheer/admin/verzoeken_lijst.html", {
        "pagina": pagina, "statussen": Informatieverzoek.Status.choices, "status": status,
    })


@beheer_staf
def verzoek_nieuw(request):
    form = VerzoekForm(request.POST or None, request.FILES or None, bereik=_bereik(request))
    if request.method == "POST" and form.is_valid():
        try:
            verzoek = services.verzoek_opstellen(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Het informatieverzoek is opgesteld. Controleer het en verzend het.")
            return redirect("contractbeheer_admin_verzoek", pk=verzoek.pk)
    return render(request, "contractbeheer/admin/verzoeken_nieuw.html", {"form": form})


@beheer_staf
def verzoek(request, pk: int):
    v = object_of_404(Informatieverzoek.objects.select_related("aanbesteding", "perceel", "overeenkomst__organisatie",
                                                               "opgesteld_door"), _bereik(request), pk=pk)
    if request.method == "POST":
        form = VerzoekActieForm(request.POST)
        if not form.is_valid():
            formulierfouten_melden(request, form)
            return redirect("contractbeheer_admin_verzoek", pk=v.pk)
        try:
            if form.cleaned_data["actie"] == "verzenden":
                v = services.verzoek_verzenden(verzoek=v, door=request.user)
                messages.success(request, f"Het verzoek is verzonden aan {v.ontvangers.count()} aanbieder(s); "
                                          f"uiterlijk {v.uiterlijk:%d-%m-%Y}.")
            else:
                services.verzoek_sluiten(verzoek=v, door=request.user)
                messages.success(request, "Het verzoek is gesloten.")
        except ValidationError as fout:
            fout_melden(request, fout)
        return redirect("contractbeheer_admin_verzoek", pk=v.pk)
    ontvangers = v.ontvangers.select_related("overeenkomst__organisatie").order_by("overeenkomst__organisatie__naam")
    vandaag = kalender.vandaag()
    return render(request, "contractbeheer/admin/verzoeken_verzoek.html", {
        "v": v, "vandaag": vandaag,
        "ontvangers": [(o, o.status in services.verzoeken.OPEN_STATUSSEN and vandaag > o.uiterlijk) for o in ontvangers],
        "bereik_nu": (list(services.ontvangende_overeenkomsten(v, vandaag).select_related("organisatie"))
                      if v.status == Informatieverzoek.Status.CONCEPT else []),
    })


@beheer_staf
def verzoek_bijlage(request, pk: int):
    v = object_of_404(Informatieverzoek.objects, _bereik(request), pk=pk)
    if not v.bestand:
        raise Http404("Dit verzoek heeft geen bijlage.")
    return stream_prive_bestand(v.bestand, v.originele_naam)


@beheer_staf
def antwoord(request, pk: int):
    o = object_of_404(Verzoekontvanger.objects.select_related("verzoek__aanbesteding", "overeenkomst__organisatie",
                                                              "beantwoord_door"), _bereik(request), pk=pk)
    beoordeling, verleng = BeoordelingForm(prefix="b"), VerlengForm(prefix="t")
    if request.method == "POST":
        actie = AntwoordActieForm(request.POST)
        if not actie.is_valid():
            formulierfouten_melden(request, actie)
            return redirect("contractbeheer_admin_antwoord", pk=o.pk)
        if actie.cleaned_data["actie"] == "beoordelen":
            beoordeling = BeoordelingForm(request.POST, prefix="b")
            if beoordeling.is_valid():
                try:
                    services.antwoord_beoordelen(ontvanger=o, akkoord=beoordeling.akkoord,
                                                 reactie=beoordeling.cleaned_data["reactie"], door=request.user)
                except ValidationError as fout:
                    beoordeling.add_error(None, fout)
                else:
                    messages.success(request, "Het antwoord is beoordeeld.")
                    return redirect("contractbeheer_admin_antwoord", pk=o.pk)
        else:
            verleng = VerlengForm(request.POST, prefix="t")
            if verleng.is_valid():
                try:
                    services.termijn_verlengen(ontvanger=o, door=request.user, **verleng.cleaned_data)
                except ValidationError as fout:
                    verleng.add_error(None, fout)
                else:
                    messages.success(request, "De termijn is verlengd.")
                    return redirect("contractbeheer_admin_antwoord", pk=o.pk)
    return render(request, "contractbeheer/admin/verzoeken_antwoord.html", {
        "o": o, "v": o.verzoek, "beoordeling": beoordeling, "verleng": verleng,
        "kan_verlengen": o.status in services.verzoeken.OPEN_STATUSSEN
        and o.verzoek.status == Informatieverzoek.Status.VERZONDEN,
        "termijn_verstreken": o.status in services.verzoeken.OPEN_STATUSSEN and kalender.vandaag() > o.uiterlijk,
    })


@beheer_staf
def antwoord_bestand(request, pk: int):
    o = object_of_404(Verzoekontvanger.objects, _bereik(request), pk=pk)
    if not o.bestand:
        raise Http404("Bij dit antwoord hoort geen document.")
    return stream_prive_bestand(o.bestand, o.originele_naam)


# --- onderzoeken ----------------------------------------------------------------------------------------


@beheer_staf
def onderzoeken(request):
    qs = (binnen(Onderzoek.objects, _bereik(request))
          .select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding")
          .order_by("-signaal_gemeld_op", "-pk"))
    status = request.GET.get("status", "")
    if status in Onderzoek.Status.values:
        qs = qs.filter(status=status)
    return render(request, "contractbeheer/admin/verzoeken_onderzoeken.html", {
        "pagina": Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina")),
        "statussen": Onderzoek.Status.choices, "status": status, "vandaag": kalender.vandaag(),
    })


@beheer_staf
def onderzoek_nieuw(request):
    form = OnderzoekForm(request.POST or None, bereik=_bereik(request))
    if request.method == "POST" and form.is_valid():
        try:
            o = services.onderzoek_starten(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"Het signaal is vastgelegd; de aanbieder kan reageren tot en met "
                                      f"{o.reactie_uiterlijk:%d-%m-%Y}.")
            return redirect("contractbeheer_admin_onderzoek", pk=o.pk)
    return render(request, "contractbeheer/admin/verzoeken_onderzoek_nieuw.html", {"form": form})


@beheer_staf
def onderzoek(request, pk: int):
    o = object_of_404(Onderzoek.objects.select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding",
                                                       "gestart_door"), _bereik(request), pk=pk)
    if request.method == "POST":
        form = OnderzoekStapForm(request.POST)
        if not form.is_valid():
            formulierfouten_melden(request, form)
            return redirect("contractbeheer_admin_onderzoek", pk=o.pk)
        gegevens = form.cleaned_data
        try:
            if gegevens["actie"] == "instellen":
                services.onderzoek_instellen(onderzoek=o, door=request.user)
                messages.success(request, "Het onderzoek is ingesteld.")
            elif gegevens["actie"] == "resultaat":
                services.onderzoek_resultaat(onderzoek=o, resultaat=gegevens["resultaat"], door=request.user)
                messages.success(request, "Het resultaat is gemeld aan de aanbieder.")
            else:
                services.onderzoek_afsluiten(onderzoek=o, uitkomst=gegevens["uitkomst"],
                                             toelichting=gegevens["toelichting"], door=request.user)
                messages.success(request, "Het besluit is vastgelegd.")
        except ValidationError as fout:
            fout_melden(request, fout)
        return redirect("contractbeheer_admin_onderzoek", pk=o.pk)
    vandaag = kalender.vandaag()
    return render(request, "contractbeheer/admin/verzoeken_onderzoek.html", {
        "o": o, "vandaag": vandaag, "uitkomsten": Onderzoek.Uitkomst.choices,
        "reactie_te_laat": services.reactie_te_laat(o.reactie_op, o.reactie_uiterlijk),
        "resultaat_reactie_te_laat": services.reactie_te_laat(o.resultaat_reactie_op, o.resultaat_reactie_uiterlijk),
        "venster_open": o.status == Onderzoek.Status.SIGNAAL_GEMELD and not o.reactie_op
        and vandaag <= o.reactie_uiterlijk,
        "resultaatvenster_open": o.status == Onderzoek.Status.RESULTAAT_GEMELD and not o.resultaat_reactie_op
        and vandaag <= o.resultaat_reactie_uiterlijk,
    })
