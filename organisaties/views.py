"""The provider's own environment ("Mijn omgeving"): organisations, members, invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.berichten import fout_melden

from . import permissions, selectors, services
from .eherkenning import SESSIE_KVK
from .forms import BerichtenFilterForm, OrganisatieForm, OrganisatieWisselenForm, RolForm, UitnodigingForm
from .middleware import SESSIE_SLEUTEL, organisaties_van_sessie
from .models import Lidmaatschap, Organisatie, Uitnodiging
from .portaal import actieve_organisatie_of_404, kruimelpad, portaal_links


@login_required
def mijn(request):
    lidmaatschappen = request.user.lidmaatschappen.select_related("organisatie").order_by("organisatie__naam")
    if request.session.get(SESSIE_KVK):
        lidmaatschappen = lidmaatschappen.filter(organisatie__kvk_nummer=request.session[SESSIE_KVK])
    return render(request, "organisaties/mijn.html", {
        "lidmaatschappen": lidmaatschappen, "portaal_links": portaal_links(),
        "regio_overzichten": selectors.overzicht_per_regio(request.organisatie),
        "kruimelpad": [("Mijn omgeving", None)],
    })


@login_required
def berichten(request):
    """One inbox for every region the organisation works in (issue 17), every message the portal mailed it
    (issue 12, ADR 0028), optionally narrowed to one region, paginated."""
    org = actieve_organisatie_of_404(request)
    form = BerichtenFilterForm(request.GET)
    gegevens = form.cleaned_data if form.is_valid() else {}
    inbox = selectors.inbox(org, request.user, regio_slug=gegevens.get("regio") or "",
                            pagina=gegevens.get("pagina") or 1)
    return render(request, "organisaties/berichten.html", {"inbox": inbox, "kruimelpad": kruimelpad(("Berichten", None))})


@login_required
def bericht(request, pk):
    """One message, as it was mailed, with a link to what it is about; opening it marks it read for this
    member. Another organisation's message is not there (404)."""
    org = actieve_organisatie_of_404(request)
    gevonden = selectors.bericht_van(org, request.user, pk)
    if gevonden is None:
        raise Http404("Dit bericht bestaat niet.")
    services.bericht_gelezen_markeren(user=request.user, bericht=gevonden)
    return render(request, "organisaties/bericht.html", {"bericht": gevonden, "kruimelpad": kruimelpad(
        ("Berichten", reverse("organisaties:berichten")), ("Bericht", None))})


@login_required
@require_POST
def berichten_gelezen(request):
    """"Markeer alles als gelezen" (a form without fields: the CSRF token is all it sends)."""
    org = actieve_organisatie_of_404(request)
    try:
        aantal = services.alles_gelezen_markeren(user=request.user, organisatie=org)
    except (PermissionDenied, ValidationError) as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, "Alle berichten zijn als gelezen gemarkeerd." if aantal else
                         "Er waren geen ongelezen berichten.")
    return redirect("organisaties:berichten")


def registratie_afhandelen(request, form, *, titel: str):
    """Register the organisation of a bound OrganisatieForm with the one service both routes use (password
    account and eHerkenning), make it the active organisation and go to the portal; else show the form again."""
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisatie_registreren(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            request.session[SESSIE_SLEUTEL] = org.pk
            messages.success(request, f"{org.naam} is geregistreerd. U bent beheerder van deze organisatie.")
            return redirect("organisaties:mijn")
    return render(request, "organisaties/organisatie_form.html", {"form": form, "titel": titel,
                                                                   "kruimelpad": kruimelpad((titel, None))})


@login_required
def organisatie_registreren(request):
    return registratie_afhandelen(request, OrganisatieForm(request.POST or None), titel="Organisatie registreren")


@login_required
def organisatie_bewerken(request):
    org = actieve_organisatie_of_404(request)
    if not permissions.is_beheerder(request.user, org):
        raise PermissionDenied("Alleen een beheerder mag de organisatiegegevens wijzigen.")
    form = OrganisatieForm(request.POST or None, instance=Organisatie.objects.get(pk=org.pk))
    if request.method == "POST" and form.is_valid():
        try:
            gegevens = {veld: form.cleaned_data[veld] for veld in form.changed_data}
            services.organisatie_bijwerken(organisatie=org, door=request.user, **gegevens)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De organisatiegegevens zijn opgeslagen.")
            return redirect("organisaties:mijn")
    return render(request, "organisaties/organisatie_form.html", {
        "form": form, "titel": "Organisatiegegevens wijzigen", "kruimelpad": kruimelpad(("Organisatiegegevens wijzigen", None))})


@login_required
@require_POST
def organisatie_wisselen(request, pk: int):
    # Only to an organisation the user belongs to; any other id is simply not found (no IDOR).
    # After an eHerkenning login only the asserted KvK number's organisation (issue 16).
    org = get_object_or_404(organisaties_van_sessie(request, Organisatie.objects.all()), pk=pk,
                            lidmaatschappen__user=request.user)
    request.session[SESSIE_SLEUTEL] = org.pk
    messages.success(request, f"U werkt nu voor {org.naam}.")
    form = OrganisatieWisselenForm(request.POST)
    volgende = form.cleaned_data["next"] if form.is_valid() else ""
    # Only back into the portal: an external "next" would make this an open redirect (phishing).
    veilig = url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return redirect(volgende if veilig else "organisaties:mijn")


@login_required
def leden(request):
    org = actieve_organisatie_of_404(request)
    beheerder = permissions.kan_leden_beheren(request.user, org)
    return render(request, "organisaties/leden.html", {
        "organisatie": org, "kruimelpad": kruimelpad(("Gebruikers van de organisatie", None)),
        "leden": selectors.leden_van(org),
        "uitnodigingen": selectors.open_uitnodigingen_van(org) if beheerder else [],
        "mag_beheren": beheerder,
        "uitnodiging_form": UitnodigingForm(),
    })


@login_required
@require_POST
def lid_uitnodigen(request):
    org = actieve_organisatie_of_404(request)
    form = UitnodigingForm(request.POST)
    if form.is_valid():
        try:
            services.lid_uitnodigen(organisatie=org, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, f"Uitnodiging verstuurd aan {form.cleaned_data['email']}.")
    else:
        fout_melden(request, ValidationError(form.errors.as_data()))
    return redirect("organisaties:leden")


@login_required
@require_POST
def lid_rol_wijzigen(request, pk: int):
    org = actieve_organisatie_of_404(request)
    lid = get_object_or_404(Lidmaatschap, pk=pk, organisatie=org)
    form = RolForm(request.POST)
    if form.is_valid():
        try:
            services.lid_rol_wijzigen(lid=lid, rol=form.cleaned_data["rol"], door=request.user)
        except ValidationError as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, f"De rol van {lid.user.email} is gewijzigd.")
    return redirect("organisaties:leden")


@login_required
@require_POST
def lid_verwijderen(request, pk: int):
    org = actieve_organisatie_of_404(request)
    lid = get_object_or_404(Lidmaatschap, pk=pk, organisatie=org)
    try:
        services.lid_verwijderen(lid=lid, door=request.user)
    except ValidationError as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, f"{lid.user.email} is geen lid meer van {org.naam}.")
    return redirect("organisaties:leden")


@login_required
@require_POST
def uitnodiging_intrekken(request, pk: int):
    org = actieve_organisatie_of_404(request)
    uitnodiging = get_object_or_404(Uitnodiging, pk=pk, organisatie=org)
    services.uitnodiging_intrekken(uitnodiging=uitnodiging, door=request.user)
    messages.success(request, f"De uitnodiging voor {uitnodiging.email} is ingetrokken.")
    return redirect("organisaties:leden")


@login_required
def uitnodiging(request, token: str):
    uitnodiging = Uitnodiging.objects.select_related("organisatie").filter(token=token).first()
    if uitnodiging is None:
        raise Http404("Deze uitnodiging bestaat niet.")
    if request.method == "POST":
        try:
            lid = services.uitnodiging_accepteren(token=token, door=request.user)
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            request.session[SESSIE_SLEUTEL] = lid.organisatie_id
            messages.success(request, f"Welkom bij {lid.organisatie.naam}.")
            return redirect("organisaties:mijn")
    return render(request, "organisaties/uitnodiging.html", {"uitnodiging": uitnodiging})
