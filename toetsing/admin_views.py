"""Staff screens in the Wagtail admin: dashboard, queue, assessment, consensus, decision, timeline.

Every view checks permission itself: an assessor only reaches inschrijvingen assigned to them (else 404),
content only after the declaration and the opening; the Inkoper manages and decides.

Region (issue 17): every object is looked up within the user's regions (``organisaties.regios.object_of_404``):
another region's procedure, inschrijving, besluit or rechtsmiddel is a 404, exactly like an id that does not
exist. The Inkoper's rights hold in the regions where they are Inkoper; elsewhere they are at most an assessor.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from aanbesteding.models import Aanbesteding, Eis, Perceel, Toetredingsmoment
from core import kalender
from core.berichten import fout_melden
from core.views import formulierfouten_melden, stream_prive_bestand
from inschrijving import selectors as inschrijving_selectors
from inschrijving.models import Inschrijving
from inschrijving.permissions import is_verzegeld
from organisaties.regios import bereik_met_recht, binnen, in_bereik, object_of_404

from . import forms, permissions, selectors, services
from .models import (
    STAPPEN,
    Belangenverklaring,
    Beoordelingscommissie,
    Besluit,
    Loting,
    LotingHerziening,
    ProcesVerbaalBeoordeling,
    Rechtsmiddel,
    Toetsing,
    Toetsingsinstelling,
    Toewijzing,
)
from .pdf import proces_verbaal_pdf


def _eist_toegang(request):
    if not permissions.is_beoordelaar(request.user):
        raise PermissionDenied("Alleen voor inkopers en beoordelaars.")


def _eist_inkoper(request):
    if not permissions.mag_toetsing_beheren(request.user):
        raise PermissionDenied("Alleen voor inkopers.")


def _van_inkoper_of_404(request, qs, **lookup):
    """An object of a region where this user is Inkoper; any other region's is a 404 (issue 17)."""
    _eist_inkoper(request)
    return object_of_404(qs, permissions.inkopersbereik(request.user), **lookup)


def _aanbesteding_of_404(request, aanbesteding_id: int, qs=None) -> Aanbesteding:
    """A procedure of a region where this user is Inkoper or assessor."""
    _eist_toegang(request)
    return object_of_404(qs if qs is not None else Aanbesteding.objects.all(),
                         permissions.toetsingsbereik(request.user), pk=aanbesteding_id)


def _inschrijving_of_404(request, pk: int) -> Inschrijving:
    """An inschrijving this user may work on: the Inkoper of its region any submitted one, others only when
    involved; another region's is a 404."""
    _eist_toegang(request)
    inschrijving = object_of_404(
        Inschrijving.objects.select_related("organisatie", "aanbesteding", "toetredingsmoment"),
        permissions.toetsingsbereik(request.user), pk=pk, status__in=selectors.ZICHTBAAR,
    )
    if not (permissions.is_inkoper(request.user, inschrijving) or permissions.is_betrokken(request.user, inschrijving)):
        raise Http404
    if is_verzegeld(inschrijving):
        # Nothing before the opening of a sealed round, not even its existence (DOMAIN.md step 3).
        raise Http404
    return inschrijving


def _terug(inschrijving, anker=""):
    return redirect(reverse("toetsing_inschrijving", args=[inschrijving.pk]) + anker)


# --- overview, dashboard, queue ---------------------------------------------------------------------------


def overzicht(request):
    _eist_toegang(request)
    # Own regions only; in a region where the user is no Inkoper, only the procedures they work on.
    qs = binnen(Aanbesteding.objects.all(), permissions.toetsingsbereik(request.user))
    inkoper = permissions.inkopersbereik(request.user)
    if not inkoper.alle:
        qs = qs.filter(
            Q(regio_id__in=inkoper.ids)
            | Q(Exists(Toewijzing.objects.filter(toetsing__aanbesteding=OuterRef("pk"), beoordelaar=request.user,
                                                 status__in=Toewijzing.ACTIEF)))
            | Q(beoordelingscommissies__voorzitter=request.user)
        ).distinct()
    qs = qs.annotate(
        ingediend=Count("inschrijvingen", filter=Q(inschrijvingen__status__in=selectors.ZICHTBAAR)
                        & ~selectors.nog_verzegeld("inschrijvingen__"), distinct=True)
    ).order_by("-looptijd_start", "titel")
    return render(request, "toetsing/admin/overzicht.html", {"aanbestedingen": qs})


def dashboard(request, aanbesteding_id: int):
    aanbesteding = _aanbesteding_of_404(request, aanbesteding_id, Aanbesteding.objects.select_related("opdrachtgever"))
    if not permissions.is_inkoper(request.user, aanbesteding):
        return redirect("toetsing_wachtrij", aanbesteding_id)
    context = {
        "aanbesteding": aanbesteding,
        "d": selectors.dashboard(aanbesteding),
        "instelling": Toetsingsinstelling.voor(aanbesteding),
        "commissies": Beoordelingscommissie.objects.filter(aanbesteding=aanbesteding).select_related(
            "voorzitter", "toetredingsmoment").prefetch_related("leden"),
        "quotumpercelen": Perceel.objects.filter(aanbesteding=aanbesteding, quotum__isnull=False).order_by("volgorde", "code"),
        "momenten": Toetredingsmoment.objects.filter(aanbesteding=aanbesteding).order_by("opent_op"),
        "filters": selectors.FILTERS,
    }
    return render(request, "toetsing/admin/dashboard.html", context)


def wachtrij(request, aanbesteding_id: int):
    aanbesteding = _aanbesteding_of_404(request, aanbesteding_id)
    is_inkoper = permissions.is_inkoper(request.user, aanbesteding)
    filter_naam = request.GET.get("filter", "")
    if filter_naam not in selectors.FILTERS:
        filter_naam = ""
    qs = selectors.wachtrij(aanbesteding, request.user, filter_naam)
    pagina = Paginator(qs, 50).get_page(request.GET.get("p"))
    nu = kalender.nu()
    instelling = Toetsingsinstelling.voor(aanbesteding)
    for i in pagina.object_list:
        i.dagen = selectors.dagen_sinds(i.ingediend_op, nu)
        i.te_laat = i.dagen is not None and i.dagen > instelling.behandeltermijn_dagen and i.toetsstatus != "besloten"
        i.statuslabel = Toetsing.Status(i.toetsstatus).label
    verbonden = selectors.verbonden_inschrijvers(pagina.object_list)  # 003 r.647: one read for the whole page
    for i in pagina.object_list:
        i.verbonden = verbonden.get(i.pk, [])
    commissie = Beoordelingscommissie.objects.filter(aanbesteding=aanbesteding).order_by("toetredingsmoment_id").first()
    beoordelaars = (
        selectors.staf_in_regio(aanbesteding.regio_id, commissie.leden.all()).order_by("last_name")
        if commissie and is_inkoper else []
    )
    return render(request, "toetsing/admin/wachtrij.html", {
        "aanbesteding": aanbesteding, "pagina": pagina, "filter": filter_naam, "filters": selectors.FILTERS,
        "is_inkoper": is_inkoper, "beoordelaars": beoordelaars, "instelling": instelling,
    })


@require_POST
def toewijzen(request, aanbesteding_id: int):
    aanbesteding = _van_inkoper_of_404(request, Aanbesteding.objects.all(), pk=aanbesteding_id)
    form = forms.ToewijzenForm(
        request.POST,
        inschrijvingen=Inschrijving.objects.filter(aanbesteding=aanbesteding).select_related("organisatie"),
        # Members of any commissie of the procedure; the service checks the commissie of each inschrijving.
        beoordelaars=selectors.staf_in_regio(aanbesteding.regio_id, get_user_model().objects.filter(
            pk__in=Beoordelingscommissie.objects.filter(aanbesteding=aanbesteding).values("leden")
        )),
    )
    try:
        if not form.is_valid():
            raise ValidationError([e for veld, fouten in form.errors.items() if veld != "terug" for e in fouten])
        inschrijvingen = list(form.cleaned_data["inschrijvingen"])
        nieuw = services.toewijzen(inschrijvingen=inschrijvingen, beoordelaars=form.cleaned_data["beoordelaars"],
                                   door=request.user)
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, f"{len(nieuw)} toewijzing(en) gemaakt voor {len(inschrijvingen)} inschrijving(en).")
    return redirect(reverse("toetsing_wachtrij", args=[aanbesteding.pk]) + "?" + form.cleaned_data.get("terug", ""))


def instelling(request, aanbesteding_id: int):
    aanbesteding = _van_inkoper_of_404(request, Aanbesteding.objects.all(), pk=aanbesteding_id)
    form = forms.InstellingForm(request.POST or None, instance=Toetsingsinstelling.voor(aanbesteding))
    if request.method == "POST" and form.is_valid():
        try:
            services.instelling_opslaan(aanbesteding=aanbesteding, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Instellingen opgeslagen.")
            return redirect("toetsing_dashboard", aanbesteding.pk)
    return render(request, "toetsing/admin/formulier.html", {
        "form": form, "titel": f"Toetsingsinstellingen: {aanbesteding.titel}",
        "terug": reverse("toetsing_dashboard", args=[aanbesteding.pk]),
    })


def commissie(request, aanbesteding_id: int, commissie_id: int | None = None):
    aanbesteding = _van_inkoper_of_404(request, Aanbesteding.objects.all(), pk=aanbesteding_id)
    bestaand = get_object_or_404(Beoordelingscommissie, pk=commissie_id, aanbesteding=aanbesteding) if commissie_id else None
    begin = None
    if bestaand is not None:
        begin = {"naam": bestaand.naam, "toetredingsmoment": bestaand.toetredingsmoment_id,
                 "voorzitter": bestaand.voorzitter_id, "leden": list(bestaand.leden.values_list("pk", flat=True))}
    form = forms.CommissieForm(request.POST or None, initial=begin, aanbesteding=aanbesteding)
    if request.method == "POST" and form.is_valid():
        try:
            services.commissie_opslaan(aanbesteding=aanbesteding, commissie=bestaand, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Beoordelingscommissie opgeslagen.")
            return redirect("toetsing_dashboard", aanbesteding.pk)
    return render(request, "toetsing/admin/formulier.html", {
        "form": form, "titel": f"Beoordelingscommissie: {aanbesteding.titel}",
        "terug": reverse("toetsing_dashboard", args=[aanbesteding.pk]),
    })


@require_POST
def loting(request, perceel_id: int):
    perceel = _van_inkoper_of_404(request, Perceel.objects.all(), pk=perceel_id)
    form = forms.LotingForm(request.POST, perceel=perceel)
    if not form.is_valid():
        messages.error(request, "Kies een ronde van deze aanbesteding.")
        return redirect("toetsing_dashboard", perceel.aanbesteding_id)
    try:
        trekking = services.loting_uitvoeren(perceel=perceel, door=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, f"Loting uitgevoerd (seed {trekking.seed}): ingeloot {trekking.winnaars}.")
        return redirect("toetsing_loting_detail", trekking.pk)
    return redirect("toetsing_dashboard", perceel.aanbesteding_id)


def loting_detail(request, loting_id: int):
    """One lottery with its herzieningen and the draws before and after it (issue 18: the earlier draw stays
    visible with its seed and winners)."""
    gekozen = _van_inkoper_of_404(request, Loting.objects.all(), pk=loting_id)
    lotingen = list(
        Loting.objects.filter(perceel_id=gekozen.perceel_id, toetredingsmoment_id=gekozen.toetredingsmoment_id)
        .select_related("perceel", "toetredingsmoment", "uitgevoerd_door").order_by("uitgevoerd_op", "pk")
    )
    herzieningen = list(
        LotingHerziening.objects.filter(loting__in=lotingen).select_related("aangevraagd_door", "beoordeeld_door")
        .order_by("aangevraagd_op", "pk")
    )
    for lt in lotingen:
        lt.lijst_herzieningen = [h for h in herzieningen if h.loting_id == lt.pk]
    return render(request, "toetsing/admin/loting.html", {
        "loting": gekozen, "lotingen": lotingen, "aanbesteding": gekozen.aanbesteding,
        "herziening_form": forms.LotingHerzieningForm(), "beslissing_form": forms.HerzieningBeslissingForm(),
    })


@require_POST
def loting_herziening(request, loting_id: int):
    gekozen = _van_inkoper_of_404(request, Loting.objects.all(), pk=loting_id)
    form = forms.LotingHerzieningForm(request.POST)
    if form.is_valid():
        try:
            services.loting_herziening_aanvragen(loting=gekozen, door=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Herziening aangevraagd; een tweede inkoper beslist.")
    else:
        messages.error(request, "Geef de reden voor opnieuw loten.")
    return redirect("toetsing_loting_detail", gekozen.pk)


def _herziening_beslissen(request, herziening_id: int, *, goedkeuren: bool):
    herziening = _van_inkoper_of_404(request, LotingHerziening.objects.select_related("loting"), pk=herziening_id)
    form = forms.HerzieningBeslissingForm(request.POST)
    terug = herziening.loting_id
    if form.is_valid():
        try:
            if goedkeuren:
                herziening = services.loting_herziening_goedkeuren(herziening=herziening, door=request.user,
                                                                   **form.cleaned_data)
            else:
                services.loting_herziening_afwijzen(herziening=herziening, door=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            if goedkeuren and herziening.nieuwe_loting_id:
                messages.success(request, f"Goedgekeurd: opnieuw geloot (seed {herziening.nieuwe_loting.seed}).")
                terug = herziening.nieuwe_loting_id
            else:
                messages.success(request, "Goedgekeurd." if goedkeuren else "Herziening afgewezen; de loting blijft staan.")
    return redirect("toetsing_loting_detail", terug)


@require_POST
def herziening_goedkeuren(request, herziening_id: int):
    return _herziening_beslissen(request, herziening_id, goedkeuren=True)


@require_POST
def herziening_afwijzen(request, herziening_id: int):
    return _herziening_beslissen(request, herziening_id, goedkeuren=False)


def pv_ronde(request, toetredingsmoment_id: int):
    """The processen-verbaal van beoordeling of one round: the versions, and (POST) a new one on demand."""
    moment = _van_inkoper_of_404(request, Toetredingsmoment.objects.select_related("aanbesteding"), pk=toetredingsmoment_id)
    if request.method == "POST":
        try:
            pv = services.pv_beoordeling_opmaken(toetredingsmoment_id=moment.pk, door=request.user)
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, f"Proces-verbaal van beoordeling opgemaakt (versie {pv.volgnummer}), verzegeld.")
        return redirect("toetsing_pv_ronde", moment.pk)
    return render(request, "toetsing/admin/pv_ronde.html", {
        "moment": moment, "aanbesteding": moment.aanbesteding, "compleet": services.ronde_compleet(moment),
        "versies": ProcesVerbaalBeoordeling.objects.filter(toetredingsmoment=moment).select_related("opgemaakt_door"),
    })


def pv_ronde_download(request, pv_beoordeling_id: int):
    """The sealed PDF, for the Inkopers of the round's region only (another region's id is a 404)."""
    pv = _van_inkoper_of_404(request, ProcesVerbaalBeoordeling.objects.select_related("toetredingsmoment"),
                             pk=pv_beoordeling_id)
    with pv.bestand.open("rb") as f:
        response = HttpResponse(f.read(), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="proces-verbaal-beoordeling-ronde-{pv.toetredingsmoment_id}-v{pv.volgnummer}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- one inschrijving -------------------------------------------------------------------------------------


def inschrijving(request, pk: int):
    inschrijving = _inschrijving_of_404(request, pk)
    user = request.user
    toetsing = Toetsing.objects.filter(inschrijving=inschrijving).select_related("commissie__voorzitter").first()
    verzegeld = is_verzegeld(inschrijving)
    betrokken = permissions.is_betrokken(user, inschrijving)
    verklaring = Belangenverklaring.objects.filter(inschrijving=inschrijving, gebruiker=user).first()
    mag_inhoud = permissions.mag_inhoud_zien(user, inschrijving)
    context = {
        "inschrijving": inschrijving, "toetsing": toetsing, "verzegeld": verzegeld, "betrokken": betrokken,
        "verklaring": verklaring, "mag_inhoud": mag_inhoud, "is_inkoper": permissions.is_inkoper(user, inschrijving),
        "verklaring_form": forms.VerklaringForm(), "percelen": inschrijving.inschrijving_percelen.select_related("perceel"),
        "toewijzingen": toetsing.toewijzingen.select_related("beoordelaar").order_by("pk") if toetsing else [],
        "besluit": inschrijving.besluiten.exclude(status=Besluit.Status.INGETROKKEN).prefetch_related(
            "percelen__perceel", "rechtsmiddelen", "producten__product").first(),
        "productkeuzes": inschrijving_selectors.gekozen_producten(inschrijving),
        "rechtsmiddel_form": forms.RechtsmiddelForm(), "afhandelen_form": forms.AfhandelenForm(),
        "oordelen": forms.OordeelForm.base_fields["oordeel"].choices,
        "verbonden": [] if verzegeld else selectors.verbonden_inschrijvers([inschrijving])[inschrijving.pk],
    }
    eisen = selectors.eisen_voor(inschrijving)
    if context["is_inkoper"] or permissions.is_voorzitter(user, toetsing):
        # Issue 12: the chair (and the inkoper) follow the panel, not a counter of their own.
        context["paneel"] = selectors.paneelvoortgang(toetsing, eisen)
    if mag_inhoud:
        context.update(selectors.beoordelingsscherm(inschrijving, user))
        if context["is_voorzitter"] and toetsing.status == Toetsing.Status.CONSENSUS:
            context["consensus"] = selectors.consensusscherm(inschrijving)
        context["herstel_form"] = forms.HerstelForm(eisen=Eis.objects.filter(pk__in=[e.pk for e in eisen]))
        context["zoekterm"] = request.GET.get("q", "")
        context["zoekresultaten"] = selectors.zoek_in_bewijs(inschrijving, context["zoekterm"])
        context["herstelverzoeken"] = inschrijving.herstelverzoeken.prefetch_related("eisen").all()
    return render(request, "toetsing/admin/inschrijving.html", context)


@require_POST
def verklaren(request, pk: int):
    inschrijving = _inschrijving_of_404(request, pk)
    form = forms.VerklaringForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Kies een verklaring.")
        return _terug(inschrijving)
    try:
        services.belang_verklaren(inschrijving=inschrijving, door=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
        return _terug(inschrijving)
    if not form.cleaned_data["geen_conflict"]:
        messages.warning(request, "U heeft zich teruggetrokken; de inkoper wijst een andere beoordelaar toe.")
        return redirect("toetsing_overzicht")
    # An assessor goes straight to the first step to assess (issue 12: no click to find where to begin).
    eerste = next((s for s in selectors.beoordelingsscherm(inschrijving, request.user)["stappen"] if not s["compleet"]), None)
    if permissions.actieve_toewijzing(request.user, inschrijving) is not None and eerste is not None:
        return redirect(eerste["url"])
    return _terug(inschrijving)


def stap(request, pk: int, stap: str):
    """One step of the assessment on one page (issue 12): every eis of the step with answers and evidence, and one
    form for all verdicts of the step with "Alles voldoet"."""
    inschrijving = _inschrijving_of_404(request, pk)
    if stap not in STAPPEN:
        raise Http404
    if not permissions.mag_inhoud_zien(request.user, inschrijving):
        raise PermissionDenied("Verklaar eerst dat u geen belangenconflict heeft met deze aanbieder.")
    scherm = selectors.stapscherm(inschrijving, request.user, stap)
    if scherm is None:
        raise Http404
    form = forms.StapForm(request.POST if request.method == "POST" else None, regels=scherm["regels"],
                          standaard_motivering=services.STANDAARD_MOTIVERING)
    if request.method == "POST" and form.is_valid():
        try:
            opgeslagen = services.stap_beoordelen(inschrijving=inschrijving, stap=stap, door=request.user,
                                                  **form.service_velden())
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            aantal = len(opgeslagen)
            messages.success(request, f"{scherm['stap']['label']}: {aantal} {'oordeel' if aantal == 1 else 'oordelen'} opgeslagen.")
            volgende = scherm["volgende"]
            if volgende is not None:
                return redirect(volgende["url"])
            return _terug(inschrijving, "#afronden")
    return render(request, "toetsing/admin/stap.html", {"inschrijving": inschrijving, "form": form, **scherm})


@require_POST
def oordeel(request, pk: int, eis_id: int):
    inschrijving = _inschrijving_of_404(request, pk)
    eis = get_object_or_404(Eis, pk=eis_id, aanbesteding_id=inschrijving.aanbesteding_id)
    form = forms.OordeelForm(request.POST)
    if not form.is_valid():
        formulierfouten_melden(request, form)
        return _terug(inschrijving, f"#eis-{eis.pk}")
    consensus = form.cleaned_data["consensus"]
    functie = services.eindoordeel_vastleggen if consensus else services.oordeel_vastleggen
    try:
        functie(inschrijving=inschrijving, eis=eis, door=request.user, **form.oordeel_velden())
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, f"Oordeel over {eis.code} opgeslagen.")
    if consensus:
        return redirect(reverse("toetsing_consensus", args=[inschrijving.pk]) + f"#eis-{eis.pk}")
    return _terug(inschrijving, f"#eis-{eis.pk}")


@require_POST
def afronden(request, pk: int):
    inschrijving = _inschrijving_of_404(request, pk)
    try:
        services.beoordeling_afronden(inschrijving=inschrijving, door=request.user)
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, "Uw beoordeling is afgerond. U ziet nu de oordelen van de andere beoordelaars.")
    return _terug(inschrijving)


@require_POST
def herstel(request, pk: int):
    inschrijving = _inschrijving_of_404(request, pk)
    form = forms.HerstelForm(request.POST, eisen=Eis.objects.filter(aanbesteding_id=inschrijving.aanbesteding_id))
    if not form.is_valid():
        messages.error(request, "Omschrijf het herstelverzoek.")
        return _terug(inschrijving)
    try:
        verzoek = services.herstel_vragen(inschrijving=inschrijving, door=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, f"Herstelverzoek verstuurd; uiterlijk {verzoek.deadline.astimezone(kalender.TZ):%d-%m-%Y %H:%M}.")
    return _terug(inschrijving)


def consensus(request, pk: int):
    inschrijving = _inschrijving_of_404(request, pk)
    toetsing = Toetsing.objects.filter(inschrijving=inschrijving).select_related("commissie").first()
    if not permissions.is_voorzitter(request.user, toetsing):
        raise PermissionDenied("Alleen de voorzitter van de commissie.")
    if not permissions.mag_inhoud_zien(request.user, inschrijving):
        messages.error(request, "Verklaar eerst dat u geen belangenconflict heeft met deze aanbieder.")
        return _terug(inschrijving)
    context = {"inschrijving": inschrijving, "oordelen": forms.OordeelForm.base_fields["oordeel"].choices,
               "paneel": selectors.paneelvoortgang(toetsing, selectors.eisen_voor(inschrijving)),
               **selectors.consensusscherm(inschrijving)}
    return render(request, "toetsing/admin/consensus.html", context)


@require_POST
def consensus_vaststellen(request, pk: int):
    inschrijving = _inschrijving_of_404(request, pk)
    try:
        services.consensus_vaststellen(inschrijving=inschrijving, door=request.user)
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
        return redirect("toetsing_consensus", inschrijving.pk)
    messages.success(request, "Consensus vastgesteld. De inkoper kan nu besluiten.")
    return _terug(inschrijving)


@require_POST
def besluit_nemen(request, pk: int):
    _eist_inkoper(request)
    inschrijving = _inschrijving_of_404(request, pk)
    # Per chosen product (issue 19): ticked = admitted with its perceel; unticked = refused, with a reason.
    form = forms.BesluitProductenForm(request.POST, keuzes=inschrijving_selectors.gekozen_producten(inschrijving))
    if not form.is_valid():
        messages.error(request, "Een reden bij weigering is ten hoogste 500 tekens.")
        return _terug(inschrijving, "#besluit")
    geweigerd = form.geweigerd()
    try:
        services.besluit_nemen(inschrijving=inschrijving, door=request.user, geweigerde_producten=geweigerd)
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, "Besluit genomen. Controleer het en verzend het daarna.")
    return _terug(inschrijving, "#besluit")


def besluit_verzenden(request, besluit_id: int):
    """GET: the confirmation "Besluit verzenden?" with what sending does and the letter's preview (issue 12);
    POST (CSRF): send."""
    besluit = _van_inkoper_of_404(request, Besluit.objects.select_related("inschrijving__organisatie", "aanbesteding"),
                                  pk=besluit_id)
    if request.method != "POST":
        if besluit.status != Besluit.Status.GENOMEN:
            messages.info(request, "Dit besluit is al verzonden.")
            return _terug(besluit.inschrijving, "#besluit")
        return render(request, "toetsing/admin/besluit_verzenden.html",
                      {"besluit": besluit, "inschrijving": besluit.inschrijving, **selectors.verzendgevolgen(besluit)})
    try:
        services.besluit_verzenden(besluit=besluit, door=request.user)
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, "Besluit verzonden; de brief staat in het portaal van de aanbieder.")
    return _terug(besluit.inschrijving, "#besluit")


@xframe_options_sameorigin
def besluit_voorbeeld(request, besluit_id: int):
    """The letter the provider will get, as a PDF, unsealed and not sent (issue 12): shown on the confirmation page."""
    besluit = _van_inkoper_of_404(request, Besluit.objects.all(), pk=besluit_id)
    if besluit.status != Besluit.Status.GENOMEN:
        raise Http404("Dit besluit is verzonden; de verzonden brief staat bij het besluit.")
    response = HttpResponse(selectors.besluitbrief_voorbeeld(besluit), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="voorbeeld-besluit-{besluit.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    # Shown in a frame of the confirmation page: the same CSP as an evidence PDF shown inline (see bewijsstuk).
    response["Content-Security-Policy"] = "default-src 'none'; object-src 'self'; frame-ancestors 'self'"
    return response


@require_POST
def rechtsmiddel(request, besluit_id: int):
    besluit = _van_inkoper_of_404(request, Besluit.objects.all(), pk=besluit_id)
    form = forms.RechtsmiddelForm(request.POST)
    if form.is_valid():
        try:
            services.rechtsmiddel_registreren(besluit=besluit, door=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Geregistreerd; de standstill is opgeschort.")
    else:
        messages.error(request, "Vul soort en datum in.")
    return _terug(besluit.inschrijving, "#besluit")


@require_POST
def rechtsmiddel_afhandelen(request, rechtsmiddel_id: int):
    rm = _van_inkoper_of_404(request, Rechtsmiddel.objects.select_related("besluit"), pk=rechtsmiddel_id)
    form = forms.AfhandelenForm(request.POST)
    if form.is_valid():
        try:
            services.rechtsmiddel_afhandelen(rechtsmiddel=rm, door=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Afgehandeld.")
    else:
        messages.error(request, "Kies hoe het rechtsmiddel is afgelopen.")
    return _terug(rm.besluit.inschrijving, "#besluit")


@require_POST
def toewijzing_intrekken(request, toewijzing_id: int):
    toewijzing = _van_inkoper_of_404(request, Toewijzing.objects.select_related("toetsing"), pk=toewijzing_id)
    try:
        services.toewijzing_intrekken(toewijzing=toewijzing, door=request.user)
    except ValidationError as fout:
        fout_melden(request, fout)
    return redirect("toetsing_inschrijving", toewijzing.toetsing.inschrijving_id)


def bewijsstuk(request, pk: int, bewijsstuk_id: int):
    """Evidence inline or as download, only for who may see the content (declared, opened, involved)."""
    inschrijving = _inschrijving_of_404(request, pk)
    if not permissions.mag_inhoud_zien(request.user, inschrijving):
        raise PermissionDenied("U mag de inhoud van deze inschrijving (nog) niet zien.")
    stuk = selectors.bewijsstuk_van_inschrijving(inschrijving, bewijsstuk_id)
    if stuk is None:
        raise Http404
    inline = request.GET.get("bekijken") == "1" and stuk.mime_type == "application/pdf"
    response = stream_prive_bestand(stuk.bestand, stuk.originele_naam, als_bijlage=not inline, mime_type=stuk.mime_type)
    if inline:
        # Browsers refuse to run their PDF viewer in a CSP sandbox; a PDF shown inline gets a CSP without
        # 'sandbox' that still forbids scripts and outside resources (the upload was checked by pypdf).
        response["Content-Security-Policy"] = "default-src 'none'; object-src 'self'; frame-ancestors 'self'"
    return response


def tijdlijn(request, pk: int):
    inschrijving = _inschrijving_of_404(request, pk)
    auditbereik = bereik_met_recht(request.user, "core.view_auditregel")
    if not (permissions.is_inkoper(request.user, inschrijving) or in_bereik(inschrijving, auditbereik)):
        raise PermissionDenied
    return render(request, "toetsing/admin/tijdlijn.html",
                  {"inschrijving": inschrijving, "regels": selectors.tijdlijn(inschrijving)})


def proces_verbaal(request, pk: int):
    inschrijving = _inschrijving_of_404(request, pk)
    toetsing = get_object_or_404(Toetsing.objects.select_related("commissie__voorzitter", "vastgesteld_door"), inschrijving=inschrijving)
    if not (permissions.is_inkoper(request.user, inschrijving) or permissions.is_voorzitter(request.user, toetsing)):
        raise PermissionDenied
    response = HttpResponse(proces_verbaal_pdf(toetsing), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="proces-verbaal-beoordeling-{inschrijving.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
