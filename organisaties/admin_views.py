"""The platform administrator's screen "Medewerkers per regio" in the Wagtail admin (issue 17).

Who works for which bureau in which role: the list of regional roles grouped by region, a form to grant one
(creating the account when needed) and a button to revoke one. Only the platform administrator (and a superuser)
reaches it; it shows accounts and roles, never a region's content.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .forms import RegiorolToekennenForm
from .models import Regiorol
from .rollen import PLATFORMBEHEERDER, heeft_staffgroep


def mag_regio_medewerkers_beheren(user) -> bool:
    return heeft_staffgroep(user, PLATFORMBEHEERDER)


def _eist_platformbeheerder(request):
    if not mag_regio_medewerkers_beheren(request.user):
        raise PermissionDenied("Alleen voor de platformbeheerder.")


def _groepen():
    """Roles grouped by region, "Alle regio's" first; one query (regions and users joined)."""
    rollen = Regiorol.objects.select_related("user", "regio").order_by(
        F("regio__naam").asc(nulls_first=True), "user__email", "rol")
    return [(sleutel, list(rijen)) for sleutel, rijen in
            groupby(rollen, key=lambda r: r.regio.naam if r.regio else "Alle regio's")]


def _fout_in_formulier(form, fout: ValidationError) -> None:
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, lijst)
    else:
        form.add_error(None, fout)


def regio_medewerkers(request):
    _eist_platformbeheerder(request)
    form = RegiorolToekennenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            regiorol = services.medewerker_toevoegen(
                email=d["email"], rol=d["rol"], regio=d["regio"], door=request.user,
                voornaam=d["voornaam"], achternaam=d["achternaam"],
            )
        except ValidationError as fout:
            _fout_in_formulier(form, fout)
        else:
            messages.success(request, f"{regiorol.user.email} is nu {regiorol.get_rol_display()} in "
                                      f"{regiorol.regio or 'alle regio’s'}.")
            return redirect("organisaties_regio_medewerkers")
    return render(request, "organisaties/admin/regio_medewerkers.html", {"form": form, "groepen": _groepen()})


@require_POST
def regiorol_intrekken(request, pk: int):
    _eist_platformbeheerder(request)
    regiorol = Regiorol.objects.select_related("user", "regio").filter(pk=pk).first()
    if regiorol is None:
        messages.error(request, "Deze rol bestaat niet (meer).")
        return redirect("organisaties_regio_medewerkers")
    services.regiorol_intrekken(regiorol=regiorol, door=request.user)
    messages.success(request, f"De rol {regiorol.get_rol_display()} van {regiorol.user.email} in "
                              f"{regiorol.regio or 'alle regio’s'} is ingetrokken.")
    return redirect("organisaties_regio_medewerkers")
