"""Staff screens in the Wagtail admin (Contractmanager, Inkoper): agreements, addenda (draft, lead-time
override, four-eyes publication), indexation rounds, change requests, exits, cliëntenstops, extension and the
list of expiring evidence. Every view checks is_contractbeheer; every action goes through a service."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render

from aanbesteding.models import Aanbesteding, Perceel, Product

from . import selectors, services
from .models import (
    Addendum,
    AddendumOnderdeel,
    Clientenstop,
    Deelname,
    Indexatieronde,
    Overeenkomst,
    Uittreding,
    Verlengingsronde,
    Wijzigingsverzoek,
)
from .permissions import is_contractbeheer, is_inkoper


def _eis_staf(request):
    if not is_contractbeheer(request.user):
        raise PermissionDenied("Alleen voor contractmanagers en inkopers.")


def _datum(waarde, standaard=None):
    try:
        return date.fromisoformat(waarde) if waarde else standaard
    except ValueError as exc:
        raise ValidationError("Ongeldige datum.") from exc


def _uitvoeren(request, functie, succes: str):
    try:
        functie()
    except (ValidationError, PermissionDenied) as fout:
        for bericht in (fout.messages if isinstance(fout, ValidationError) else [str(fout)]):
            messages.error(request, bericht)
        return False
    messages.success(request, succes)
    return True


def dashboard(request):
    _eis_staf(request)
    return render(request, "overeenkomst/admin/dashboard.html", {
        "aanbestedingen": Aanbesteding.objects.annotate(
            actief=Count("overeenkomsten", filter=Q(overeenkomsten__status="actief")),
        ).order_by("titel"),
        "ter_goedkeuring": Addendum.objects.filter(status=Addendum.Status.TER_GOEDKEURING).count(),
        "verzoeken": Wijzigingsverzoek.objects.filter(status=Wijzigingsverzoek.Status.INGEDIEND).count(),
        "uittredingen": Uittreding.objects.filter(status__in=[Uittreding.Status.INGEDIEND, Uittreding.Status.LOPEND]).count(),
        "bewijs": selectors.verlopende_bewijsstukken().count(),
        "rondes": Verlengingsronde.objects.filter(status=Verlengingsronde.Status.AANGEKONDIGD).select_related("aanbesteding"),
    })


def overeenkomsten(request):
    _eis_staf(request)
    qs = Overeenkomst.objects.select_related("organisatie", "aanbesteding").prefetch_related(
        Prefetch("deelnames", queryset=Deelname.objects.select_related("perceel"))
    )
    if request.GET.get("aanbesteding", "").isdigit():
        qs = qs.filter(aanbesteding_id=request.GET["aanbesteding"])
    if request.GET.get("q"):
        qs = qs.filter(organisatie__naam__icontains=request.GET["q"])
    pagina = Paginator(qs.order_by("organisatie__naam", "pk"), 50).get_page(request.GET.get("p"))
    return render(request, "overeenkomst/admin/overeenkomsten.html", {
        "overeenkomsten": pagina, "pagina": pagina, "q": request.GET.get("q", ""),
        "aanbesteding": request.GET.get("aanbesteding", ""),
    })


def overeenkomst(request, pk):
    _eis_staf(request)
    ovk = get_object_or_404(Overeenkomst.objects.select_related("organisatie", "aanbesteding"), pk=pk)
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "clientenstop":
            deelnames = list(ovk.deelnames.filter(pk__in=request.POST.getlist("deelnames")))
            _uitvoeren(request, lambda: services.clientenstop_opleggen(
                deelnames=deelnames, van=_datum(request.POST.get("van"), services.vandaag()), tot=_datum(request.POST.get("tot")),
                reden=request.POST.get("reden", ""), door=request.user), "Cliëntenstop vastgelegd.")
        elif actie == "opheffen":
            stop = get_object_or_404(Clientenstop, pk=request.POST.get("stop"), deelname__overeenkomst=ovk)
            _uitvoeren(request, lambda: services.clientenstop_opheffen(
                clientenstop=stop, toelichting=request.POST.get("toelichting", ""), door=request.user), "Cliëntenstop opgeheven.")
        elif actie == "beeindigen":
            _uitvoeren(request, lambda: services.overeenkomst_beeindigen(
                overeenkomst=ovk, grond=request.POST.get("grond", ""), einddatum=_datum(request.POST.get("einddatum")),
                toelichting=request.POST.get("toelichting", ""), door=request.user),
                "Beëindiging vastgelegd; bevestig de overdracht van cliënten onder Uittredingen.")
        elif actie == "bezwaar":
            ronde = get_object_or_404(Verlengingsronde, pk=request.POST.get("ronde"), aanbesteding=ovk.aanbesteding)
            _uitvoeren(request, lambda: services.verlengingsbezwaar_vastleggen(
                ronde=ronde, overeenkomst=ovk, ontvangen_op=_datum(request.POST.get("ontvangen_op")), door=request.user),
                "Bezwaar tegen verlenging vastgelegd.")
        return redirect("overeenkomst_admin_detail", ovk.pk)
    return render(request, "overeenkomst/admin/overeenkomst.html", {
        "ovk": ovk,
        "deelnames": ovk.deelnames.select_related("perceel").prefetch_related("clientenstops", "onderaannemers"),
        "geschiedenis": selectors.geschiedenis_van(ovk),
        "uittredingen": ovk.uittredingen.all(),
        "verzoeken": ovk.wijzigingsverzoeken.all(),
        "gronden": Uittreding.Grond.choices,
        "rondes": ovk.aanbesteding.verlengingsrondes.filter(status=Verlengingsronde.Status.AANGEKONDIGD),
    })


def addenda(request):
    _eis_staf(request)
    if request.method == "POST" and request.POST.get("actie") == "nieuw":
        ab = get_object_or_404(Aanbesteding, pk=request.POST.get("aanbesteding"))
        percelen = list(Perceel.objects.filter(aanbesteding=ab, pk__in=request.POST.getlist("percelen")))
        resultaat = {}

        def opstellen():
            resultaat["addendum"] = services.addendum_opstellen(
                aanbesteding=ab, titel=request.POST.get("titel", "").strip(), tekst=request.POST.get("tekst", "").strip(),
                soort=request.POST.get("soort", Addendum.Soort.NIET_WEZENLIJK), ingangsdatum=_datum(request.POST.get("ingangsdatum")),
                percelen=percelen, door=request.user,
                onderdelen=[{"soort": "clausule", "bepaling": request.POST.get("bepaling", ""), "tekst": request.POST["clausule"]}]
                if request.POST.get("clausule") else [],
            )

        if _uitvoeren(request, opstellen, "Concept-addendum opgesteld."):
            return redirect("overeenkomst_admin_addendum", resultaat["addendum"].pk)
        return redirect("overeenkomst_admin_addenda")
    return render(request, "overeenkomst/admin/addenda.html", {
        "addenda": Addendum.objects.select_related("aanbesteding", "opgesteld_door", "goedgekeurd_door").annotate(
            open=Count("reacties", filter=Q(reacties__status="open")),
            geweigerd=Count("reacties", filter=Q(reacties__status__in=["geweigerd", "stilzwijgend_geweigerd"])),
        ).order_by("-opgesteld_op")[:200],
        "aanbestedingen": Aanbesteding.objects.prefetch_related("percelen").order_by("titel"),
        "soorten": Addendum.Soort.choices,
    })


def addendum(request, pk):
    _eis_staf(request)
    add = get_object_or_404(Addendum.objects.select_related("aanbesteding", "opgesteld_door", "goedgekeurd_door"), pk=pk)
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "ter_goedkeuring":
            _uitvoeren(request, lambda: services.addendum_ter_goedkeuring(addendum=add, door=request.user), "Ter goedkeuring aangeboden.")
        elif actie == "afwijking":
            _uitvoeren(request, lambda: services.addendum_termijn_afwijken(addendum=add, reden=request.POST.get("reden", ""), door=request.user),
                       "Afwijking van de aankondigingstermijn vastgelegd.")
        elif actie == "onderdeel":
            _uitvoeren(request, lambda: _onderdeel_uit_formulier(add, request), "Onderdeel toegevoegd.")
        elif actie == "publiceren":
            _uitvoeren(request, lambda: services.addendum_publiceren(addendum=add, door=request.user),
                       "Addendum gepubliceerd en verstuurd aan de betrokken aanbieders.")
        return redirect("overeenkomst_admin_addendum", add.pk)
    maanden = services.termijn_maanden(add)
    return render(request, "overeenkomst/admin/addendum.html", {
        "addendum": add, "onderdelen": add.onderdelen.select_related("product", "perceel"),
        "reacties": add.reacties.select_related("overeenkomst__organisatie", "beantwoord_door"),
        "percelen": add.percelen.all(), "termijn_gehaald": services.termijn_gehaald(add), "maanden": maanden,
        "uiterlijk": services.regels.uiterste_aankondiging(add.ingangsdatum, maanden),
        "mag_afwijken": is_inkoper(request.user), "mag_publiceren": request.user.pk != add.opgesteld_door_id,
        "soorten": AddendumOnderdeel.Soort.choices,
        "producten": Product.objects.filter(perceel__aanbesteding=add.aanbesteding).order_by("code"),
        "alle_percelen": add.aanbesteding.percelen.all(),
    })


def _onderdeel_uit_formulier(add, request):
    """One structured change from the staff form: a product added/changed/removed, a tariff table for a year
    (lines "productcode;intensiteit;bedrag") or a changed clause."""
    p = request.POST
    soort = p.get("soort", "")
    producten = Product.objects.filter(perceel__aanbesteding=add.aanbesteding)
    velden = {"tekst": p.get("tekst", "").strip(), "bepaling": p.get("bepaling", "").strip()}
    if soort in (AddendumOnderdeel.Soort.PRODUCT_GEWIJZIGD, AddendumOnderdeel.Soort.PRODUCT_VERWIJDERD):
        velden["product"] = producten.filter(pk=p.get("product") or 0).first()
        velden["gegevens"] = {k: p[k].strip() for k in ("naam", "omschrijving") if p.get(k, "").strip()}
    elif soort == AddendumOnderdeel.Soort.PRODUCT_TOEGEVOEGD:
        velden["perceel"] = Perceel.objects.filter(aanbesteding=add.aanbesteding, pk=p.get("perceel") or 0).first()
        velden["gegevens"] = {k: p[k].strip() for k in ("code", "naam", "eenheid", "bedrag") if p.get(k, "").strip()}
    elif soort == AddendumOnderdeel.Soort.TARIEVEN:
        per_code = {prod.code: prod for prod in producten}
        tarieven = []
        for nummer, regel in enumerate(p.get("tabel", "").splitlines(), start=1):
            if not regel.strip():
                continue
            delen = [d.strip() for d in regel.split(";")]
            if len(delen) != 3 or delen[0] not in per_code:
                raise ValidationError(f"Regel {nummer}: gebruik productcode;intensiteit;bedrag met een bestaande productcode.")
            try:
                bedrag = Decimal(delen[2].replace(",", "."))
            except InvalidOperation as exc:
                raise ValidationError(f"Regel {nummer}: ongeldig bedrag.") from exc
            tarieven.append({"product": per_code[delen[0]].pk, "code": delen[0], "intensiteit": delen[1], "bedrag": str(bedrag)})
        velden["jaar"] = int(p["jaar"]) if p.get("jaar", "").isdigit() else None
        velden["gegevens"] = {"tarieven": tarieven}
    services.addendum_onderdeel_toevoegen(addendum=add, soort=soort, door=request.user, volgorde=add.onderdelen.count(), **velden)


def indexatie(request):
    _eis_staf(request)
    ronde = None
    if request.GET.get("ronde", "").isdigit():
        ronde = get_object_or_404(Indexatieronde, pk=request.GET["ronde"])
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "opstellen":
            ab = get_object_or_404(Aanbesteding, pk=request.POST.get("aanbesteding"))
            resultaat = {}

            def opstellen():
                try:
                    percentage = Decimal(request.POST.get("percentage", "").replace(",", ".")) if request.POST.get("percentage") else None
                    componenten = [
                        {"naam": naam, "percentage": request.POST.get(f"pct_{i}", "0").replace(",", "."),
                         "gewicht_ambulant": request.POST.get(f"amb_{i}", "0"), "gewicht_verblijf": request.POST.get(f"verb_{i}", "0")}
                        for i, naam in enumerate(("Lonen (CBS gezondheidszorg)", "Materiële kosten (CPI)", "Kapitaallasten (NZa)"))
                    ]
                except InvalidOperation as exc:
                    raise ValidationError("Ongeldig percentage.") from exc
                methode = request.POST.get("methode", Indexatieronde.Methode.PERCENTAGE)
                resultaat["ronde"] = services.indexatie_opstellen(
                    aanbesteding=ab, jaar=int(request.POST.get("jaar", "0") or 0), methode=methode, percentage=percentage,
                    componenten=componenten if methode == Indexatieronde.Methode.GEWOGEN else [], door=request.user,
                )

            if _uitvoeren(request, opstellen, "Indexatieronde opgeslagen; controleer het voorbeeld."):
                return redirect(f"{request.path}?ronde={resultaat['ronde'].pk}")
        elif actie == "addendum" and ronde is not None and _uitvoeren(
            request, lambda: services.indexatie_als_addendum(ronde=ronde, door=request.user),
            "Addendum aangemaakt en ter goedkeuring aangeboden; een tweede persoon publiceert het.",
        ):
            ronde.refresh_from_db()
            return redirect("overeenkomst_admin_addendum", ronde.addendum_id)
        return redirect(request.get_full_path())
    return render(request, "overeenkomst/admin/indexatie.html", {
        "ronde": ronde, "rijen": services.indexatie_voorbeeld(ronde) if ronde else [],
        "rondes": Indexatieronde.objects.select_related("aanbesteding", "addendum")[:50],
        "aanbestedingen": Aanbesteding.objects.order_by("titel"), "gewichten": services.regels.GOOI_GEWICHTEN,
        "volgend_jaar": services.vandaag().year + 1,
    })


def verzoeken(request):
    _eis_staf(request)
    if request.method == "POST":
        verzoek = get_object_or_404(Wijzigingsverzoek, pk=request.POST.get("verzoek"))
        goedkeuren = request.POST.get("actie") == "goedkeuren"
        _uitvoeren(request, lambda: services.wijzigingsverzoek_beoordelen(
            verzoek=verzoek, goedkeuren=goedkeuren, reden=request.POST.get("reden", ""), door=request.user),
            "Verzoek goedgekeurd en doorgevoerd." if goedkeuren else "Verzoek afgewezen.")
        return redirect("overeenkomst_admin_verzoeken")
    return render(request, "overeenkomst/admin/verzoeken.html", {
        "verzoeken": Wijzigingsverzoek.objects.select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding", "beoordeeld_door")
        .order_by("status", "-ingediend_op")[:300],
    })


def uittredingen(request):
    _eis_staf(request)
    if request.method == "POST":
        u = get_object_or_404(Uittreding, pk=request.POST.get("uittreding"))
        actie = request.POST.get("actie")
        if actie == "aanvaarden":
            _uitvoeren(request, lambda: services.uittreding_aanvaarden(uittreding=u, door=request.user), "Uittreding aanvaard.")
        elif actie == "overdracht":
            _uitvoeren(request, lambda: services.uittreding_overdracht_bevestigen(
                uittreding=u, overgedragen_op=_datum(request.POST.get("datum"), services.vandaag()), door=request.user),
                "Overdracht van cliënten bevestigd.")
        elif actie == "betaald":
            _uitvoeren(request, lambda: services.uittreding_vergoeding_betaald(
                uittreding=u, betaald_op=_datum(request.POST.get("datum"), services.vandaag()), door=request.user), "Betaling geregistreerd.")
        return redirect("overeenkomst_admin_uittredingen")
    return render(request, "overeenkomst/admin/uittredingen.html", {
        "uittredingen": Uittreding.objects.select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding", "addendum")
        .prefetch_related("deelnames__perceel").order_by("status", "-ontvangen_op")[:300],
    })


def bewijsstukken(request):
    _eis_staf(request)
    dagen = int(request.GET["dagen"]) if request.GET.get("dagen", "").isdigit() else 42
    return render(request, "overeenkomst/admin/bewijsstukken.html", {
        "bewijsstukken": selectors.verlopende_bewijsstukken(binnen_dagen=dagen), "dagen": dagen, "vandaag": services.vandaag(),
    })


def verlenging(request, pk):
    _eis_staf(request)
    ab = get_object_or_404(Aanbesteding, pk=pk)
    if request.method == "POST":
        _uitvoeren(request, lambda: services.verlenging_aankondigen(aanbesteding=ab, door=request.user), "Verlenging aangekondigd.")
    return redirect("overeenkomst_admin_dashboard")
