"""Staff screens in the Wagtail admin (Contractmanager, Inkoper): agreements, addenda (draft, lead-time
override, four-eyes publication, withdrawal), indexation rounds, change requests, exits, cliëntenstops,
extension and the list of expiring evidence. Every view checks is_contractbeheer; every POST is parsed by a
form (overeenkomst/forms.py) and goes to one service (ARCHITECTURE.md: form → service → message → redirect).

Issue 17: every list, count and lookup is narrowed to the regions where the user is Contractmanager or Inkoper
(``_bereik``); an object of another region is a 404 like a missing id, and form choices of another region are
invalid choices."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from aanbesteding.models import Aanbesteding, Product
from core import kalender
from core.berichten import fout_melden, geheel_getal
from core.views import stream_prive_bestand
from organisaties.regios import binnen, in_bereik, object_of_404

from . import regels, selectors, services
from .forms import (
    ActieForm,
    AddendumNieuwForm,
    AfwijkingForm,
    BeeindigenForm,
    BezwaarForm,
    ClientenstopForm,
    IndexatieForm,
    OnderdeelForm,
    OntvangstForm,
    OpheffenForm,
    PostbriefForm,
    RedenForm,
    UittredingActieForm,
    WijzigingsverzoekBesluitForm,
    WijzigingsverzoekForm,
    componenten_formset,
    definitief_formset,
)
from .models import (
    Addendum,
    AddendumOnderdeel,
    Brief,
    Contractregels,
    Deelname,
    Indexatieronde,
    Overeenkomst,
    Uittreding,
    Verlengingsronde,
    Wijzigingsverzoek,
)
from .permissions import contractbeheer_bereik, inkoper_bereik, is_contractbeheer, is_inkoper
from .services.indexatie import termijn_verstreken


def _eis_staf(request):
    if not is_contractbeheer(request.user):
        raise PermissionDenied("Alleen voor contractmanagers en inkopers.")
    return contractbeheer_bereik(request.user)


def _formulierfouten(request, *formulieren) -> None:
    """Each form error as a message, prefixed with the field's label so the user knows which input is wrong."""
    for form in formulieren:
        # A formset's errors are a list per form (reported through its forms); only its own errors count here.
        for veld, fouten in (form.errors.items() if isinstance(form.errors, dict) else ()):
            label = form.fields[veld].label if veld in form.fields and form.fields[veld].label else ""
            for fout in fouten:
                messages.error(request, f"{label}: {fout}" if label else fout)
        for fout in getattr(form, "non_form_errors", list)():
            messages.error(request, fout)


def _uitvoeren(request, form, actie, succes: str):
    """Validate ``form``; when valid call ``actie(cleaned_data)`` (one service). Returns its result, or None
    when the form or the service refused (the messages say why)."""
    if not form.is_valid():
        _formulierfouten(request, form)
        return None
    try:
        resultaat = actie(form.cleaned_data)
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
        return None
    messages.success(request, succes)
    return resultaat if resultaat is not None else True


def _actie(request, *acties) -> str | None:
    form = ActieForm(request.POST, acties=acties)
    if not form.is_valid():
        _formulierfouten(request, form)
        return None
    return form.cleaned_data["actie"]


def dashboard(request):
    b = _eis_staf(request)
    return render(request, "overeenkomst/admin/dashboard.html", {
        "aanbestedingen": binnen(Aanbesteding.objects, b).annotate(
            actief=Count("overeenkomsten", filter=Q(overeenkomsten__status="actief")),
        ).order_by("titel"),
        "ter_goedkeuring": binnen(Addendum.objects.filter(status=Addendum.Status.TER_GOEDKEURING), b).count(),
        "verzoeken": binnen(Wijzigingsverzoek.objects.filter(status=Wijzigingsverzoek.Status.INGEDIEND), b).count(),
        "uittredingen": binnen(
            Uittreding.objects.filter(status__in=[Uittreding.Status.INGEDIEND, Uittreding.Status.LOPEND]), b
        ).count(),
        "bewijs": selectors.verlopende_bewijsstukken(bereik=b).count(),
        "rondes": binnen(Verlengingsronde.objects.filter(status=Verlengingsronde.Status.AANGEKONDIGD), b)
        .select_related("aanbesteding"),
    })


def overeenkomsten(request):
    b = _eis_staf(request)
    qs = binnen(Overeenkomst.objects, b).select_related("organisatie", "aanbesteding").prefetch_related(
        Prefetch("deelnames", queryset=Deelname.objects.select_related("perceel"))
    )
    if (aanbesteding_id := geheel_getal(request.GET.get("aanbesteding"))) is not None:
        qs = qs.filter(aanbesteding_id=aanbesteding_id)
    if request.GET.get("q"):
        qs = qs.filter(organisatie__naam__icontains=request.GET["q"])
    pagina = Paginator(qs.order_by("organisatie__naam", "pk"), 50).get_page(request.GET.get("p"))
    return render(request, "overeenkomst/admin/overeenkomsten.html", {
        "overeenkomsten": pagina, "pagina": pagina, "q": request.GET.get("q", ""),
        "aanbesteding": request.GET.get("aanbesteding", ""),
    })


def overeenkomst(request, pk):
    b = _eis_staf(request)
    ovk = object_of_404(Overeenkomst.objects.select_related("organisatie", "aanbesteding"), b, pk=pk)
    if request.method == "POST":
        door = request.user
        actie = _actie(request, "clientenstop", "opheffen", "beeindigen", "bezwaar")
        if actie == "clientenstop":
            _uitvoeren(request, ClientenstopForm(request.POST, overeenkomst=ovk), lambda d: services.clientenstop_opleggen(
                deelnames=list(d["deelnames"]), van=d["van"] or kalender.vandaag(), tot=d["tot"], reden=d["reden"], door=door,
            ), "Cliëntenstop vastgelegd.")
        elif actie == "opheffen":
            _uitvoeren(request, OpheffenForm(request.POST, overeenkomst=ovk), lambda d: services.clientenstop_opheffen(
                clientenstop=d["stop"], toelichting=d["toelichting"], door=door,
            ), "Cliëntenstop opgeheven.")
        elif actie == "beeindigen":
            _uitvoeren(request, BeeindigenForm(request.POST), lambda d: services.overeenkomst_beeindigen(
                overeenkomst=ovk, grond=d["grond"], einddatum=d["einddatum"], toelichting=d["toelichting"], door=door,
            ), "Beëindiging vastgelegd; bevestig de overdracht van cliënten onder Uittredingen.")
        elif actie == "bezwaar":
            _uitvoeren(request, BezwaarForm(request.POST, aanbesteding=ovk.aanbesteding), lambda d: services.verlengingsbezwaar_vastleggen(
                ronde=d["ronde"], overeenkomst=ovk, ontvangen_op=d["ontvangen_op"], door=door,
            ), "Bezwaar tegen verlenging vastgelegd.")
        return redirect("overeenkomst_admin_detail", ovk.pk)
    return render(request, "overeenkomst/admin/overeenkomst.html", {
        "ovk": ovk,
        "deelnames": ovk.deelnames.select_related("perceel").prefetch_related("clientenstops", "onderaannemers"),
        "geschiedenis": selectors.geschiedenis_van(ovk),
        "uittredingen": ovk.uittredingen.all(),
        "verzoeken": ovk.wijzigingsverzoeken.all(),
        "brieven": ovk.brieven.select_related("vastgelegd_door", "door"),
        "gronden": Uittreding.Grond.choices,
        "rondes": ovk.aanbesteding.verlengingsrondes.filter(status=Verlengingsronde.Status.AANGEKONDIGD),
    })


def addenda(request):
    b = _eis_staf(request)
    if request.method == "POST":
        if _actie(request, "nieuw") == "nieuw":
            addendum = _uitvoeren(request, AddendumNieuwForm(request.POST, bereik=b), lambda d: services.addendum_opstellen(
                aanbesteding=d["aanbesteding"], titel=d["titel"].strip(), tekst=d["tekst"].strip(),
                soort=d["soort"] or Addendum.Soort.NIET_WEZENLIJK, ingangsdatum=d["ingangsdatum"],
                percelen=list(d["percelen"]), door=request.user,
                onderdelen=[{"soort": AddendumOnderdeel.Soort.CLAUSULE, "bepaling": d["bepaling"], "tekst": d["clausule"]}]
                if d["clausule"] else [],
            ), "Concept-addendum opgesteld.")
            if addendum:
                return redirect("overeenkomst_admin_addendum", addendum.pk)
        return redirect("overeenkomst_admin_addenda")
    return render(request, "overeenkomst/admin/addenda.html", {
        "addenda": binnen(Addendum.objects, b).select_related("aanbesteding", "opgesteld_door", "goedgekeurd_door").annotate(
            open=Count("reacties", filter=Q(reacties__status="open")),
            geweigerd=Count("reacties", filter=Q(reacties__status__in=["geweigerd", "stilzwijgend_geweigerd"])),
        ).order_by("-opgesteld_op")[:200],
        "aanbestedingen": binnen(Aanbesteding.objects, b).prefetch_related("percelen").order_by("titel"),
        "soorten": Addendum.Soort.choices,
    })


def addendum(request, pk):
    b = _eis_staf(request)
    add = object_of_404(Addendum.objects.select_related("aanbesteding", "opgesteld_door", "goedgekeurd_door"), b, pk=pk)
    if request.method == "POST":
        door = request.user
        actie = _actie(request, "ter_goedkeuring", "afwijking", "onderdeel", "publiceren", "intrekken")
        if actie in ("ter_goedkeuring", "publiceren"):
            service = services.addendum_ter_goedkeuring if actie == "ter_goedkeuring" else services.addendum_publiceren
            succes = ("Ter goedkeuring aangeboden." if actie == "ter_goedkeuring"
                      else "Addendum gepubliceerd en verstuurd aan de betrokken aanbieders.")
            _uitvoeren(request, ActieForm(request.POST, acties=[actie]), lambda d: service(addendum=add, door=door), succes)
        elif actie == "afwijking":
            _uitvoeren(request, RedenForm(request.POST), lambda d: services.addendum_termijn_afwijken(
                addendum=add, reden=d["reden"], door=door), "Afwijking van de aankondigingstermijn vastgelegd.")
        elif actie == "intrekken":
            _uitvoeren(request, RedenForm(request.POST), lambda d: services.addendum_intrekken(
                addendum=add, reden=d["reden"], door=door), "Addendum ingetrokken.")
        elif actie == "onderdeel":
            form = OnderdeelForm(request.POST, addendum=add)
            _uitvoeren(request, form, lambda d: services.addendum_onderdeel_toevoegen(
                addendum=add, door=door, volgorde=add.onderdelen.count(), **form.velden()), "Onderdeel toegevoegd.")
        return redirect("overeenkomst_admin_addendum", add.pk)
    maanden = services.termijn_maanden(add)
    return render(request, "overeenkomst/admin/addendum.html", {
        "addendum": add, "onderdelen": add.onderdelen.select_related("product", "perceel"),
        "reacties": add.reacties.select_related("overeenkomst__organisatie", "beantwoord_door"),
        "percelen": add.percelen.all(), "termijn_gehaald": services.termijn_gehaald(add), "maanden": maanden,
        "uiterlijk": regels.uiterste_aankondiging(add.ingangsdatum, maanden),
        "mag_afwijken": is_inkoper(request.user) and in_bereik(add, inkoper_bereik(request.user)), "mag_publiceren": request.user.pk != add.opgesteld_door_id,
        "mag_intrekken": Addendum.OVERGANGEN.toegestaan(add.status, Addendum.Status.INGETROKKEN),
        "soorten": AddendumOnderdeel.Soort.choices,
        "producten": Product.objects.filter(perceel__aanbesteding=add.aanbesteding).order_by("code"),
        "alle_percelen": add.aanbesteding.percelen.all(),
    })


def _indexatie_post(request, b, ronde):
    """One button of the indexation screen → one service. Returns a redirect target or None (stay)."""
    door = request.user
    actie = _actie(request, "opstellen", "wijzigen", "verwijderen", "definitief", "addendum", "afwijking")
    if actie in ("opstellen", "wijzigen"):
        form, componenten = IndexatieForm(request.POST, bereik=b), componenten_formset(request.POST)
        gewogen = form.is_valid() and form.cleaned_data["methode"] == Indexatieronde.Methode.GEWOGEN
        if gewogen and not componenten.is_valid():
            _formulierfouten(request, *componenten.forms, componenten)
            return None
        rijen = [c.rij() for c in componenten.forms] if gewogen else []
        if actie == "opstellen":
            nieuw = _uitvoeren(request, form, lambda d: services.indexatie_opstellen(
                aanbesteding=d["aanbesteding"], jaar=d["jaar"], door=door, **form.velden(rijen),
            ), "Indexatieronde opgeslagen; controleer het voorbeeld.")
        elif ronde is not None:
            nieuw = _uitvoeren(request, form, lambda d: services.indexatie_wijzigen(
                ronde=ronde, door=door, **form.velden(rijen)), "Concept gewijzigd; controleer het voorbeeld.")
        else:
            nieuw = None
        return f"{request.path}?ronde={nieuw.pk}" if nieuw else None
    if ronde is None:
        return None
    if actie == "verwijderen":
        if _uitvoeren(request, ActieForm(request.POST, acties=["verwijderen"]), lambda d: services.indexatie_verwijderen(
                ronde=ronde, door=door), f"Het concept voor {ronde.jaar} is verwijderd."):
            return request.path
    elif actie == "definitief":
        formset = definitief_formset(request.POST)
        if not formset.is_valid():
            _formulierfouten(request, *formset.forms, formset)
            return None
        _uitvoeren(request, ActieForm(request.POST, acties=["definitief"]), lambda d: services.indexatie_definitief_vastleggen(
            ronde=ronde, componenten=[f.rij() for f in formset.forms], door=door), f"Definitieve index over {ronde.jaar} vastgelegd.")
    elif actie in ("addendum", "afwijking"):
        form = AfwijkingForm(request.POST) if actie == "afwijking" else ActieForm(request.POST, acties=["addendum"])
        addendum = _uitvoeren(request, form, lambda d: services.indexatie_als_addendum(
            ronde=ronde, door=door, afwijking_reden=d.get("reden", "")),
            "Addendum aangemaakt en ter goedkeuring aangeboden; een tweede persoon publiceert het.")
        if addendum:
            return reverse("overeenkomst_admin_addendum", args=[addendum.pk])
    return None


def indexatie(request):
    b = _eis_staf(request)
    ronde = None
    if (ronde_id := geheel_getal(request.GET.get("ronde"))) is not None:
        ronde = object_of_404(Indexatieronde.objects.select_related("aanbesteding", "aangemaakt_door", "definitief_vastgelegd_door"), b, pk=ronde_id)
    if request.method == "POST":
        return redirect(_indexatie_post(request, b, ronde) or request.get_full_path())
    rijen, voorbeeld_fout = [], ""
    if ronde is not None:
        try:
            rijen = services.indexatie_voorbeeld(ronde)
        except ValidationError as fout:
            voorbeeld_fout = " ".join(fout.messages)
    concept = ronde is not None and ronde.status == Indexatieronde.Status.CONCEPT and not ronde.addendum_id
    bron = ronde is not None and ronde.methode == Indexatieronde.Methode.VOORLOPIG_DEFINITIEF
    return render(request, "overeenkomst/admin/indexatie.html", {
        "ronde": ronde, "rijen": rijen, "voorbeeld_fout": voorbeeld_fout, "concept": concept, "bron": bron,
        "rondes": binnen(Indexatieronde.objects, b).select_related("aanbesteding", "addendum")[:50],
        "aanbestedingen": binnen(Aanbesteding.objects, b).order_by("titel"),
        "componenten": componenten_formset(initial=ronde.componenten if concept else None),
        "definitief": definitief_formset(), "volgend_jaar": kalender.vandaag().year + 1,
        "termijn_verstreken": concept and termijn_verstreken(ronde),
        "mag_afwijken": ronde is not None and is_inkoper(request.user) and in_bereik(ronde, inkoper_bereik(request.user)),
        "vorige": ronde is not None and bron and Indexatieronde.objects.filter(
            aanbesteding=ronde.aanbesteding, jaar=ronde.jaar - 1, methode=Indexatieronde.Methode.VOORLOPIG_DEFINITIEF,
            status=Indexatieronde.Status.GEPUBLICEERD).first(),
    })


def verzoeken(request):
    b = _eis_staf(request)
    if request.method == "POST":
        form = WijzigingsverzoekBesluitForm(request.POST, bereik=b)
        goedkeuren = form.is_valid() and form.cleaned_data["actie"] == "goedkeuren"
        _uitvoeren(request, form, lambda d: services.wijzigingsverzoek_beoordelen(
            verzoek=d["verzoek"], goedkeuren=goedkeuren, reden=d["reden"], door=request.user),
            "Verzoek goedgekeurd en doorgevoerd." if goedkeuren else "Verzoek afgewezen.")
        return redirect("overeenkomst_admin_verzoeken")
    return render(request, "overeenkomst/admin/verzoeken.html", {
        "verzoeken": binnen(Wijzigingsverzoek.objects, b).select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding", "beoordeeld_door")
        .order_by("status", "-ingediend_op")[:300],
    })


def _uittreding_actie(d, door):
    u, datum = d["uittreding"], d["datum"] or kalender.vandaag()
    if d["actie"] == "aanvaarden":
        return services.uittreding_aanvaarden(uittreding=u, door=door)
    if d["actie"] == "overdracht":
        return services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=datum, door=door)
    return services.uittreding_vergoeding_betaald(uittreding=u, betaald_op=datum, door=door)


UITTREDING_MELDINGEN = {
    "aanvaarden": "Uittreding aanvaard.", "overdracht": "Overdracht van cliënten bevestigd.", "betaald": "Betaling geregistreerd.",
}


def uittredingen(request):
    b = _eis_staf(request)
    if request.method == "POST":
        form = UittredingActieForm(request.POST, bereik=b)
        succes = UITTREDING_MELDINGEN.get(form.cleaned_data["actie"], "") if form.is_valid() else ""
        _uitvoeren(request, form, lambda d: _uittreding_actie(d, request.user), succes)
        return redirect("overeenkomst_admin_uittredingen")
    return render(request, "overeenkomst/admin/uittredingen.html", {
        "uittredingen": binnen(Uittreding.objects, b).select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding", "addendum")
        .prefetch_related("deelnames__perceel").order_by("status", "-ontvangen_op")[:300],
    })


def bewijsstukken(request):
    b = _eis_staf(request)
    dagen = geheel_getal(request.GET.get("dagen"), standaard=42)
    return render(request, "overeenkomst/admin/bewijsstukken.html", {
        "bewijsstukken": selectors.verlopende_bewijsstukken(binnen_dagen=dagen, bereik=b), "dagen": dagen, "vandaag": kalender.vandaag(),
    })


def verlenging(request, pk):
    b = _eis_staf(request)
    ab = object_of_404(Aanbesteding.objects, b, pk=pk)
    if request.method == "POST":
        try:
            services.verlenging_aankondigen(aanbesteding=ab, door=request.user)
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Verlenging aangekondigd.")
    return redirect("overeenkomst_admin_dashboard")


def _postbrief_vastleggen(ovk, d, door):
    """One service per kind of letter, with the moment of receipt from the letter itself (issue 18)."""
    if d["soort"] == Brief.Soort.VERLENGINGSBEZWAAR:
        return services.verlengingsbezwaar_vastleggen(
            ronde=d["ronde"], overeenkomst=ovk, ontvangen_op=d["ontvangen_op"], kanaal=d["kanaal"], scan=d["scan"],
            toelichting=d["toelichting"], door=door,
        )
    return services.uittreding_melden(
        overeenkomst=ovk, optie=d["optie"], kanaal=d["kanaal"], ontvangen_op=d["ontvangen_op"], scan=d["scan"],
        aantal_clienten=d["aantal_clienten"], continuiteit_toelichting=d["continuiteit_toelichting"],
        toelichting=d["toelichting"], door=door,
    )


def brief(request, pk):
    """Record a registered letter that arrived on paper or by e-mail, with its real date of receipt and a scan."""
    b = _eis_staf(request)
    ovk = object_of_404(Overeenkomst.objects.select_related("organisatie", "aanbesteding"), b, pk=pk)
    form = PostbriefForm(request.POST or None, request.FILES or None, overeenkomst=ovk,
                         opties=services.toegestane_opties(Contractregels.voor(ovk.aanbesteding)))
    if request.method == "POST" and _uitvoeren(
        request, form, lambda d: _postbrief_vastleggen(ovk, d, request.user),
        "Brief vastgelegd; de verzegelde ontvangstbevestiging wordt gemaakt en aan de aanbieder gemaild.",
    ):
        return redirect("overeenkomst_admin_detail", ovk.pk)
    return render(request, "overeenkomst/admin/brief.html", {
        "ovk": ovk, "form": form, "wijzigingssoorten": _papieren_wijzigingssoorten(),
    })


def _papieren_wijzigingssoorten():
    # A KvK change is not a wijzigingsverzoek (003a §3.7: a new inschrijving), so it has no paper form either.
    return [s for s in Wijzigingsverzoek.Soort if s != Wijzigingsverzoek.Soort.KVK]


def brief_wijziging(request, pk, soort):
    """Record a wijzigingsverzoek that arrived as a letter or e-mail, with its real moment of receipt: the same
    change form the provider fills in, plus when and how it arrived (issue 18, ADR 0017)."""
    b = _eis_staf(request)
    ovk = object_of_404(Overeenkomst.objects.select_related("organisatie", "aanbesteding"), b, pk=pk)
    if soort not in _papieren_wijzigingssoorten():
        raise Http404
    form = WijzigingsverzoekForm(request.POST or None, soort=soort)
    ontvangst = OntvangstForm(request.POST or None, request.FILES or None, overeenkomst=ovk)
    if request.method == "POST":
        geldig = form.is_valid() & ontvangst.is_valid()  # both, so every error shows at once
        if not geldig:
            _formulierfouten(request, form)
            _formulierfouten(request, ontvangst)
        elif _uitvoeren(
            request, ontvangst, lambda d: services.wijzigingsverzoek_indienen(
                overeenkomst=ovk, soort=soort, wijzigingsdatum=form.cleaned_data["wijzigingsdatum"],
                gegevens=form.gegevens(), toelichting=form.cleaned_data.get("toelichting", ""), door=request.user,
                kanaal=d["kanaal"], ontvangen_op=d["ontvangen_op"], scan=d["scan"],
            ),
            "Wijzigingsverzoek vastgelegd met de datum van ontvangst; de verzegelde ontvangstbevestiging wordt "
            "gemaakt en aan de aanbieder gemaild.",
        ):
            return redirect("overeenkomst_admin_detail", ovk.pk)
    return render(request, "overeenkomst/admin/brief_wijziging.html", {
        "ovk": ovk, "form": form, "ontvangst": ontvangst, "soort": Wijzigingsverzoek.Soort(soort),
    })


def _brief_van_regio(request, pk) -> Brief:
    return object_of_404(Brief.objects.select_related("overeenkomst"), _eis_staf(request), pk=pk)


def ontvangstbevestiging(request, pk):
    brief_ = _brief_van_regio(request, pk)
    if not brief_.bevestiging:
        raise Http404("De ontvangstbevestiging wordt nog gemaakt.")
    return stream_prive_bestand(brief_.bevestiging, f"ontvangstbevestiging-{brief_.pk}.pdf", mime_type="application/pdf")


def scan(request, pk):
    brief_ = _brief_van_regio(request, pk)
    if not brief_.scan:
        raise Http404("Bij deze brief is geen scan bewaard.")
    return stream_prive_bestand(brief_.scan, brief_.scan_naam or f"brief-{brief_.pk}", mime_type=brief_.scan_mime_type or None)
