"""Woo staff screens in the Wagtail admin (issue 16), for staff with Woo rights in their regions (ADR 0011): every
list goes through ``binnen``, every lookup through ``object_of_404`` (another region's id is a 404). Thin: a form
parses, one service acts, a message says what happened."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from aanbesteding.models import Aanbesteding
from core import lakken
from core.berichten import fout_melden
from core.export import XLSX_TYPE
from core.views import formulierfouten_melden, stream_prive_bestand
from organisaties.regios import binnen, object_of_404

from . import inventaris, permissions, selectors, services
from .forms import (
    ActieForm,
    BeoordelingForm,
    BesluitForm,
    IntrekkenForm,
    MarkeringForm,
    MarkeringVerwijderenForm,
    MetadataForm,
    PublicerenForm,
    SelectieForm,
    VerzoekForm,
)
from .models import Lakmarkering, Verzoekstuk, Woometadata, Wooverzoek

PER_PAGINA = 50


def woo_staf(view):
    """Only staff with Woo rights somewhere; everyone else a 403 before any object is looked up."""
    @wraps(view)
    def inner(request, *args, **kwargs):
        if not permissions.is_woo(request.user):
            raise PermissionDenied(permissions.WEIGERING)
        return view(request, *args, **kwargs)

    return inner


def _bereik(request):
    return permissions.bereik(request.user)


# --- procedures and their dossier ------------------------------------------------------------------------------


@woo_staf
def procedures(request):
    """The procedures of the user's regions, with their Woo requests and actively published documents counted."""
    qs = (binnen(Aanbesteding.objects, _bereik(request)).select_related("regio")
          .annotate(aantal_verzoeken=Count("wooverzoeken", distinct=True),
                    aantal_openbaar=Count("woometadata", distinct=True,
                                          filter=Q(woometadata__status=Woometadata.Status.ACTIEF_OPENBAAR)))
          .order_by("titel"))
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "woo/admin/procedures.html", {"pagina": pagina})


@woo_staf
def dossier(request, pk: int):
    """The dossier of one procedure: every document with its Woo metadata; category, publish, withdraw."""
    aanbesteding = object_of_404(Aanbesteding.objects.select_related("regio"), _bereik(request), pk=pk)
    if request.method == "POST":
        actie = ActieForm(request.POST)
        if not actie.is_valid():
            formulierfouten_melden(request, actie)
            return redirect("woo_admin_dossier", pk=pk)
        soort = actie.cleaned_data["actie"]
        form = {"metadata": MetadataForm, "publiceren": PublicerenForm, "intrekken": IntrekkenForm}.get(soort)
        if form is None:
            raise Http404("Onbekende actie.")
        form = form(request.POST)
        if not form.is_valid():
            formulierfouten_melden(request, form)
            return redirect("woo_admin_dossier", pk=pk)
        gegevens = form.cleaned_data
        try:
            if soort == "metadata":
                services.metadata_vastleggen(aanbesteding=aanbesteding, sleutel=gegevens["sleutel"],
                                             informatiecategorie=gegevens["informatiecategorie"], door=request.user)
                messages.success(request, "De metadata is vastgelegd.")
            elif soort == "publiceren":
                services.actief_openbaar_maken(aanbesteding=aanbesteding, sleutel=gegevens["sleutel"],
                                               door=request.user)
                messages.success(request, "Het document wordt actief openbaar gemaakt, met de persoonsgegevens "
                                          "weggelakt (5.1.2.e).")
            else:
                metadata = object_of_404(Woometadata.objects, _bereik(request), aanbesteding=aanbesteding,
                                         sleutel=gegevens["sleutel"])
                services.openbaarmaking_intrekken(metadata=metadata, reden=gegevens["reden"], door=request.user)
                messages.success(request, "De openbaarmaking is ingetrokken.")
        except ValidationError as fout:
            fout_melden(request, fout)
        return redirect("woo_admin_dossier", pk=pk)
    return render(request, "woo/admin/dossier.html", {
        "aanbesteding": aanbesteding, "regels": selectors.dossier(aanbesteding),
        "categorieen": MetadataForm.base_fields["informatiecategorie"].choices,
    })


# --- requests --------------------------------------------------------------------------------------------------


@woo_staf
def verzoeken(request):
    qs = selectors.verzoeken(binnen(Wooverzoek.objects, _bereik(request)))
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "woo/admin/verzoeken.html", {"pagina": pagina})


@woo_staf
def verzoek_nieuw(request):
    form = VerzoekForm(request.POST or None, bereik=_bereik(request))
    if request.method == "POST" and form.is_valid():
        try:
            verzoek = services.verzoek_registreren(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Het Woo-verzoek is geregistreerd. Selecteer de documenten uit het dossier.")
            return redirect("woo_admin_verzoek", pk=verzoek.pk)
    return render(request, "woo/admin/verzoek_nieuw.html", {"form": form})


def _verzoek(request, pk: int) -> Wooverzoek:
    return object_of_404(Wooverzoek.objects.select_related("aanbesteding__regio", "besloten_door"),
                         _bereik(request), pk=pk)


@woo_staf
def verzoek(request, pk: int):
    """A request: the selection of documents from the dossier, the decision per document, and the decision."""
    v = _verzoek(request, pk)
    dossierstukken = selectors.dossierstukken(v.aanbesteding) if not v.besloten else []
    if request.method == "POST":
        actie = ActieForm(request.POST)
        if not actie.is_valid():
            formulierfouten_melden(request, actie)
            return redirect("woo_admin_verzoek", pk=pk)
        try:
            if actie.cleaned_data["actie"] == "selecteren":
                form = SelectieForm(request.POST, stukken=dossierstukken)
                if not form.is_valid():
                    formulierfouten_melden(request, form)
                    return redirect("woo_admin_verzoek", pk=pk)
                services.documenten_selecteren(verzoek=v, sleutels=form.cleaned_data["sleutels"], door=request.user)
                messages.success(request, "De selectie is vastgelegd; persoonsgegevens zijn automatisch gemarkeerd "
                                          "(5.1.2.e).")
            elif actie.cleaned_data["actie"] == "besluiten":
                form = BesluitForm(request.POST)
                if not form.is_valid():
                    formulierfouten_melden(request, form)
                    return redirect("woo_admin_verzoek", pk=pk)
                services.verzoek_besluiten(verzoek=v, besluitdatum=form.cleaned_data["besluitdatum"],
                                           door=request.user)
                messages.success(request, "Er is besloten. De export (inventarislijst en gelakte documenten) wordt "
                                          "gemaakt.")
            else:
                raise Http404("Onbekende actie.")
        except ValidationError as fout:
            fout_melden(request, fout)
        return redirect("woo_admin_verzoek", pk=pk)
    stukken = list(selectors.stukken_van(v))
    return render(request, "woo/admin/verzoek.html", {
        "v": v, "stukken": stukken,
        "selectie": SelectieForm(initial={"sleutels": [s.sleutel for s in stukken]}, stukken=dossierstukken),
        "besluit": BesluitForm(), "problemen": services.problemen(v) if not v.besloten else [],
        "regels": inventaris.regels(v, [s for s in stukken if s.beoordeling in inventaris.IN_LIJST]),
    })


def _stuk(request, pk: int) -> Verzoekstuk:
    return object_of_404(Verzoekstuk.objects.select_related("verzoek__aanbesteding__regio"), _bereik(request), pk=pk)


@woo_staf
def stuk(request, pk: int):
    """One selected document: its text per page, its marks (automatic ones locked), add a mark, the decision."""
    vs = _stuk(request, pk)
    if request.method == "POST":
        actie = ActieForm(request.POST)
        if not actie.is_valid():
            formulierfouten_melden(request, actie)
            return redirect("woo_admin_stuk", pk=pk)
        soort = actie.cleaned_data["actie"]
        try:
            if soort == "markeren":
                form = MarkeringForm(request.POST)
                if form.is_valid():
                    services.markering_toevoegen(verzoekstuk=vs, door=request.user, **form.cleaned_data)
                    messages.success(request, "De markering is toegevoegd.")
                else:
                    formulierfouten_melden(request, form)
            elif soort == "verwijderen":
                form = MarkeringVerwijderenForm(request.POST)
                if form.is_valid():
                    markering = object_of_404(Lakmarkering.objects, _bereik(request), verzoekstuk=vs,
                                              pk=form.cleaned_data["markering"])
                    services.markering_verwijderen(markering=markering, door=request.user)
                    messages.success(request, "De markering is verwijderd.")
                else:
                    formulierfouten_melden(request, form)
            elif soort == "beoordelen":
                form = BeoordelingForm(request.POST)
                if form.is_valid():
                    services.beoordeling_vastleggen(verzoekstuk=vs, door=request.user, **form.cleaned_data)
                    messages.success(request, "De beoordeling is vastgelegd.")
                else:
                    formulierfouten_melden(request, form)
            else:
                raise Http404("Onbekende actie.")
        except (ValidationError, PermissionDenied, lakken.LakFout) as fout:
            fout_melden(request, fout)
        return redirect("woo_admin_stuk", pk=pk)
    dossierstuk = selectors.dossierstuk(vs.verzoek.aanbesteding, vs.sleutel)
    paginas = lakken.tekst_per_pagina(dossierstuk.pdf()) if dossierstuk else []
    return render(request, "woo/admin/stuk.html", {
        "vs": vs, "v": vs.verzoek, "paginas": paginas,
        "markeringen": vs.markeringen.select_related("grond", "door").order_by("pagina", "pk"),
        "markering": MarkeringForm(), "beoordeling": BeoordelingForm(initial={"beoordeling": vs.beoordeling,
                                                                              "vindplaats": vs.vindplaats}),
    })


@woo_staf
def stuk_voorbeeld(request, pk: int):
    """The document as the export will have it: the marks burnt in (made now, never stored)."""
    vs = _stuk(request, pk)
    dossierstuk = selectors.dossierstuk(vs.verzoek.aanbesteding, vs.sleutel)
    if dossierstuk is None:
        raise Http404("Dit document is niet meer in het dossier.")
    try:
        inhoud = inventaris.geredigeerd(dossierstuk.pdf(), vs.markeringen.select_related("grond"))
    except lakken.LakFout as fout:
        messages.error(request, str(fout))
        return redirect("woo_admin_stuk", pk=pk)
    antwoord = HttpResponse(inhoud, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="voorbeeld-{inventaris.bestandsnaam(vs)}"'
    antwoord["Cache-Control"] = "private, no-store"
    return antwoord


@woo_staf
def export(request, pk: int):
    """The ZIP of a decided request (made after commit; a 404 until it exists)."""
    v = _verzoek(request, pk)
    if not v.export:
        raise Http404("De export is er nog niet.")
    return stream_prive_bestand(v.export, f"woo-{v.kenmerk}.zip", mime_type="application/zip")


@woo_staf
def inventarislijst(request, pk: int, formaat: str):
    """The inventarislijst of a request: XLSX or CSV (made now), or the sealed PDF once decided."""
    v = _verzoek(request, pk)
    naam = f"inventarislijst-{inventaris._veilig(v.kenmerk)}"
    if formaat == "pdf":
        if not v.inventarislijst_pdf:
            raise Http404("De inventarislijst wordt bij het besluit verzegeld gemaakt.")
        return stream_prive_bestand(v.inventarislijst_pdf, f"{naam}.pdf", mime_type="application/pdf")
    if formaat == "xlsx":
        antwoord = HttpResponse(inventaris.xlsx(v), content_type=XLSX_TYPE)
    elif formaat == "csv":
        antwoord = HttpResponse(inventaris.csv(v), content_type="text/csv; charset=utf-8")
    else:
        raise Http404("Onbekend formaat.")
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    antwoord["Cache-Control"] = "private, no-store"
    return antwoord
