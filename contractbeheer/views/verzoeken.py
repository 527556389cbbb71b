"""The provider's informatieverzoeken (002 UOK 5.1) and onderzoeken (002 B1 33) under /mijn/verplichtingen/.

Every object is looked up through the user's active organisation: the pk of a Verzoekontvanger or an Onderzoek of
another provider is a 404, like one that does not exist. A draft request is not there at all."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from core import kalender
from core.berichten import fout_melden
from core.models import AuditRegel
from core.views import stream_prive_bestand
from organisaties.portaal import actieve_organisatie_of_404

from .. import permissions, services
from ..forms_verzoeken import AntwoordForm, OnderzoekReactieForm
from ..models import Informatieverzoek, Onderzoek, Verzoekontvanger

# What the provider's history of one request shows (the audit trail of the addressee, in the provider's words).
_GESCHIEDENIS = {
    "contractbeheer.verzoek_beantwoord": "Antwoord gegeven",
    "contractbeheer.antwoord_beoordeeld": "Beoordeeld door het bureau",
    "contractbeheer.verzoek_termijn_verlengd": "Termijn verlengd",
}


def _eigen_ontvanger(request, pk) -> Verzoekontvanger:
    return get_object_or_404(
        Verzoekontvanger.objects.select_related("verzoek__aanbesteding", "verzoek__perceel", "overeenkomst"),
        pk=pk, overeenkomst__organisatie=actieve_organisatie_of_404(request),
        verzoek__status__in=[Informatieverzoek.Status.VERZONDEN, Informatieverzoek.Status.GESLOTEN],
    )


def _datum(iso) -> str:
    try:
        return date.fromisoformat(iso).strftime("%d-%m-%Y")
    except (TypeError, ValueError):
        return ""


def geschiedenis(ontvanger: Verzoekontvanger) -> list[dict]:
    """Sent, answered, judged, extended: the steps of one addressee, oldest first (one query)."""
    regels = AuditRegel.objects.filter(
        content_type__app_label="contractbeheer", content_type__model="verzoekontvanger",
        object_id=str(ontvanger.pk), actie__in=list(_GESCHIEDENIS),
    ).order_by("tijdstip", "pk")
    stappen = [{"op": ontvanger.verzoek.verzonden_op, "wat": "Verzoek ontvangen", "tekst": ""}]
    for r in regels:
        nieuw = r.nieuwe_waarden or {}
        tekst = ""
        if r.actie == "contractbeheer.antwoord_beoordeeld":
            tekst = ("Afgerond" if nieuw.get("status") == "afgerond" else
                     f"Aanvulling gevraagd, uiterlijk {_datum(nieuw.get('uiterlijk'))}: {nieuw.get('reactie', '')}")
        elif r.actie == "contractbeheer.verzoek_termijn_verlengd":
            tekst = f"Nieuwe termijn: uiterlijk {_datum(nieuw.get('uiterlijk'))}"
        elif nieuw.get("te_laat"):
            tekst = "Na de termijn"
        stappen.append({"op": r.tijdstip, "wat": _GESCHIEDENIS[r.actie], "tekst": tekst})
    return stappen


@login_required
def verzoek(request, pk: int):
    ontvanger = _eigen_ontvanger(request, pk)
    kan_antwoorden = (ontvanger.status in services.verzoeken.OPEN_STATUSSEN
                      and ontvanger.verzoek.status == Informatieverzoek.Status.VERZONDEN
                      and permissions.mag_indienen(request.user, ontvanger.overeenkomst))
    form = AntwoordForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not kan_antwoorden:
            raise PermissionDenied("Dit verzoek kunt u niet (meer) beantwoorden.")
        if form.is_valid():
            try:
                services.verzoek_beantwoorden(ontvanger=ontvanger, door=request.user, **form.cleaned_data)
            except ValidationError as fout:
                form.add_error(None, fout)
            else:
                messages.success(request, "Uw antwoord is verzonden aan het bureau.")
                return redirect("contractbeheer:verzoek", pk=ontvanger.pk)
    return render(request, "contractbeheer/verzoeken_verzoek.html", {
        "ontvanger": ontvanger, "verzoek": ontvanger.verzoek, "form": form, "kan_antwoorden": kan_antwoorden,
        "geschiedenis": geschiedenis(ontvanger), "vandaag": kalender.vandaag(),
        "te_laat_nu": ontvanger.status in services.verzoeken.OPEN_STATUSSEN and kalender.vandaag() > ontvanger.uiterlijk,
    })


@login_required
def verzoek_bijlage(request, pk: int):
    """The bureau's attachment, for the addressed provider only (through its own Verzoekontvanger)."""
    ontvanger = _eigen_ontvanger(request, pk)
    if not ontvanger.verzoek.bestand:
        raise Http404("Dit verzoek heeft geen bijlage.")
    return stream_prive_bestand(ontvanger.verzoek.bestand, ontvanger.verzoek.originele_naam)


@login_required
def onderzoek(request, pk: int):
    o = get_object_or_404(Onderzoek.objects.select_related("overeenkomst__aanbesteding", "overeenkomst__organisatie"),
                          pk=pk, overeenkomst__organisatie=actieve_organisatie_of_404(request))
    mag = permissions.mag_indienen(request.user, o.overeenkomst)
    stap = None
    if o.status == Onderzoek.Status.SIGNAAL_GEMELD and not o.reactie_op:
        stap = "signaal"
    elif o.status == Onderzoek.Status.RESULTAAT_GEMELD and not o.resultaat_reactie_op:
        stap = "resultaat"
    form = OnderzoekReactieForm(request.POST or None)
    if request.method == "POST":
        if stap is None or not mag:
            raise PermissionDenied("U kunt nu niet reageren.")
        if form.is_valid():
            dienst = services.onderzoek_reageren if stap == "signaal" else services.onderzoek_resultaat_reageren
            try:
                dienst(onderzoek=o, reactie=form.cleaned_data["reactie"], door=request.user)
            except ValidationError as fout:
                fout_melden(request, fout)
            else:
                messages.success(request, "Uw reactie is vastgelegd.")
                return redirect("contractbeheer:onderzoek", pk=o.pk)
    return render(request, "contractbeheer/verzoeken_onderzoek.html", {
        "o": o, "form": form, "stap": stap if mag else None, "vandaag": kalender.vandaag(),
        "reactie_te_laat": services.reactie_te_laat(o.reactie_op, o.reactie_uiterlijk),
        "resultaat_reactie_te_laat": services.reactie_te_laat(o.resultaat_reactie_op, o.resultaat_reactie_uiterlijk),
    })
