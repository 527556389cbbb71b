"""The provider's pages under mijn/overeenkomsten/: its agreements, addenda to answer, change requests and
notice. Another organisation's agreement is a 404, never a 403 (no hint that it exists)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from aanbesteding.models import Product, Tarief
from core import kalender
from core.berichten import fout_melden
from core.geld import formatteer_euro
from core.views import stream_prive_bestand
from organisaties.portaal import actieve_organisatie_of_404, kruimelpad

from . import regels, selectors, services
from .forms import ReactieForm, UittredingForm, WijzigingsverzoekForm
from .models import (
    AddendumReactie,
    Brief,
    Contractregels,
    Deelname,
    Overeenkomst,
    Uittreding,
    Wijzigingsverzoek,
)
from .permissions import mag_namens_aanbieder_handelen


def _eigen_overeenkomst(request, pk) -> Overeenkomst:
    return get_object_or_404(
        Overeenkomst.objects.select_related("aanbesteding__opdrachtgever", "organisatie"), pk=pk, organisatie=actieve_organisatie_of_404(request)
    )


def _kruimels(ovk, huidige: str | None = None) -> list:
    """Mijn omgeving › Overeenkomsten › the agreement › the page itself (issue 12)."""
    pad = [("Overeenkomsten", reverse("overeenkomst:lijst"))]
    if huidige is None:
        return kruimelpad(*pad, (f"Overeenkomst {ovk.aanbesteding.titel}", None))
    return kruimelpad(*pad, (f"Overeenkomst {ovk.aanbesteding.titel}", reverse("overeenkomst:detail", args=[ovk.pk])),
                      (huidige, None))


@login_required
def lijst(request):
    org = actieve_organisatie_of_404(request)
    return render(request, "overeenkomst/lijst.html", {
        "overeenkomsten": selectors.overeenkomsten_van_organisatie(org),
        "open_addenda": selectors.open_addenda_van_organisatie(org),
        "kruimelpad": kruimelpad(("Overeenkomsten", None)),
    })


@login_required
def detail(request, pk):
    ovk = _eigen_overeenkomst(request, pk)
    vandaag = kalender.vandaag()
    deelnames = ovk.deelnames.select_related("perceel").prefetch_related(
        Prefetch("perceel__producten", queryset=Product.objects.prefetch_related(
            Prefetch("tarieven", queryset=Tarief.objects.geldig_op(vandaag), to_attr="tarieven_nu")
        )),
        "onderaannemers", "clientenstops", "producten",
    )
    deelnames = list(deelnames)
    for d in deelnames:
        d.productregels = selectors.productregels(d, vandaag)
    return render(request, "overeenkomst/detail.html", {
        "ovk": ovk, "deelnames": deelnames, "vandaag": vandaag, "kruimelpad": _kruimels(ovk),
        "geschiedenis": selectors.geschiedenis_van(ovk),
        "verzoeken": ovk.wijzigingsverzoeken.all(),
        "uittredingen": ovk.uittredingen.prefetch_related("deelnames__perceel"),
        "brieven": ovk.brieven.all(),
        "soorten": Wijzigingsverzoek.Soort.choices,
        "mag_handelen": mag_namens_aanbieder_handelen(request.user, ovk.organisatie),
    })


@login_required
def addendum(request, pk):
    reactie = get_object_or_404(
        AddendumReactie.objects.select_related("addendum__aanbesteding", "overeenkomst__organisatie"),
        pk=pk, overeenkomst__organisatie=actieve_organisatie_of_404(request),
    )
    form = ReactieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.addendum_beantwoorden(
                reactie=reactie, aanvaard=form.cleaned_data["besluit"] == "aanvaard",
                toelichting=form.cleaned_data["toelichting"], door=request.user,
            )
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Uw reactie is vastgelegd.")
            return redirect("overeenkomst:detail", reactie.overeenkomst_id)
    return render(request, "overeenkomst/addendum.html", {
        "reactie": reactie, "addendum": reactie.addendum, "onderdelen": reactie.addendum.onderdelen.select_related("product", "perceel"),
        "form": form, "mag_handelen": mag_namens_aanbieder_handelen(request.user, reactie.overeenkomst.organisatie),
        "kruimelpad": _kruimels(reactie.overeenkomst, f"Addendum {reactie.addendum}"),
    })


@login_required
def wijziging(request, pk, soort):
    ovk = _eigen_overeenkomst(request, pk)
    if soort not in Wijzigingsverzoek.Soort.values:
        raise Http404
    regels_ = Contractregels.voor(ovk.aanbesteding)
    form = WijzigingsverzoekForm(request.POST or None, soort=soort)
    if request.method == "POST" and form.is_valid():
        try:
            verzoek = services.wijzigingsverzoek_indienen(
                overeenkomst=ovk, soort=soort, wijzigingsdatum=form.cleaned_data["wijzigingsdatum"],
                gegevens=form.gegevens(), toelichting=form.cleaned_data.get("toelichting", ""), door=request.user,
            )
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            tekst = "Uw wijzigingsverzoek is ingediend."
            if verzoek.vergoeding:
                tekst += f" De vergoeding bedraagt {formatteer_euro(verzoek.vergoeding)} excl. btw."
            if verzoek.te_laat:
                tekst += " Let op: het verzoek is buiten de termijn gemeld."
            messages.success(request, tekst)
            return redirect("overeenkomst:detail", ovk.pk)
    ingang, op_tijd = regels.capaciteit_ingangsdatum(kalender.vandaag(), regels_.peildatum_capaciteit_maand, regels_.peildatum_capaciteit_dag)
    return render(request, "overeenkomst/wijziging.html", {
        "ovk": ovk, "form": form, "soort": Wijzigingsverzoek.Soort(soort), "regels": regels_,
        "vergoeding_tekst": services.rechtsvorm_vergoeding_tekst(regels_), "kvk_uitleg": services.KVK_UITLEG,
        "capaciteit_ingang": ingang, "capaciteit_op_tijd": op_tijd,
        "kruimelpad": _kruimels(ovk, Wijzigingsverzoek.Soort(soort).label),
    })


@login_required
def opzeggen(request, pk):
    ovk = _eigen_overeenkomst(request, pk)
    regels_ = Contractregels.voor(ovk.aanbesteding)
    opties = services.toegestane_opties(regels_)
    deelnames = list(ovk.deelnames.filter(status__in=services.LOPEND).select_related("perceel"))
    form = UittredingForm(request.POST or None, opties=opties, deelnames=deelnames)
    vandaag = kalender.vandaag()
    # What each option means if notice is received today (the portal shows the date and fee before submitting).
    berekening = []
    aantal_getypt = form.aantal_voor_berekening()
    for optie in opties:
        aantal = aantal_getypt if optie == Uittreding.Optie.GOOI_2 else None
        einde, vergoeding = services.uittreding_berekenen(regels_, optie, vandaag, aantal)
        berekening.append({"optie": Uittreding.Optie(optie).label, "einde": einde, "vergoeding": vergoeding})
    if request.method == "POST" and form.is_valid():
        percelen = [d.perceel for d in deelnames if str(d.perceel_id) in form.cleaned_data["percelen"]]
        try:
            u = services.uittreding_melden(
                overeenkomst=ovk, optie=form.cleaned_data["optie"], door=request.user, percelen=percelen or None,
                aantal_clienten=form.cleaned_data.get("aantal_clienten"),
                continuiteit_toelichting=form.cleaned_data.get("continuiteit_toelichting", ""),
                toelichting=form.cleaned_data.get("toelichting", ""),
            )
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            tekst = f"Uw opzegging is ontvangen. Vroegst mogelijke einddatum: {u.vroegste_einddatum:%d-%m-%Y}."
            if u.vergoeding is not None:
                tekst += f" Vergoeding: {formatteer_euro(u.vergoeding)} excl. btw; de uittreding gaat in na betaling."
            messages.success(request, tekst)
            return redirect("overeenkomst:detail", ovk.pk)
    return render(request, "overeenkomst/opzeggen.html", {
        "ovk": ovk, "form": form, "berekening": berekening, "regels": regels_, "vandaag": vandaag,
        "deelname_status": Deelname.Status, "kruimelpad": _kruimels(ovk, "Opzeggen"),
    })


@login_required
def ontvangstbevestiging(request, pk):
    """The sealed receipt of a notice or answer (issue 18), for every member of the provider; another
    organisation's letter is a 404."""
    brief = get_object_or_404(Brief, pk=pk, overeenkomst__organisatie=actieve_organisatie_of_404(request))
    if not brief.bevestiging:
        raise Http404("De ontvangstbevestiging wordt nog gemaakt.")
    return stream_prive_bestand(brief.bevestiging, f"ontvangstbevestiging-{brief.pk}.pdf", mime_type="application/pdf")
