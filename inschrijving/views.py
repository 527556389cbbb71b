"""The provider's pages: list, the wizard-like steps, evidence wallet, herstel, downloads.

Every view resolves the inschrijving through the active organisation, so another organisation's id is a 404.
Views parse input, call one service and render; the rules live in services, selectors and permissions.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from aanbesteding.models import Aanbesteding, Eis, Perceel
from core.berichten import fout_melden
from core.kalender import nu
from core.views import stream_prive_bestand
from organisaties.permissions import is_beheerder
from organisaties.portaal import actieve_organisatie_of_404
from organisaties.portaal import kruimelpad as portaal_kruimelpad

from . import permissions, regels, selectors, services
from .forms import (
    AanvullenForm,
    ActieForm,
    AntwoordForm,
    BewijsForm,
    HerstelForm,
    IndienenForm,
    InnovatievoorstelForm,
    IntrekkenForm,
    LidForm,
    LidKeuzeForm,
    OpgaveForm,
    PercelenForm,
    ProductenForm,
    StapForm,
    VestigingForm,
    VormForm,
    WalletFilterForm,
    WalletUploadForm,
    is_kort,
)
from .models import Bewijsstuk, Herstelverzoek, Inschrijving, Lid, ProcesVerbaalOpening
from .vervolg import vervolgstappen


def _insch(request, pk) -> Inschrijving:
    return selectors.inschrijving_van_organisatie(actieve_organisatie_of_404(request), pk)


def _is_xhr(request) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _stappen(insch: Inschrijving, actief: str) -> list[dict]:
    stappen = [
        ("overzicht", "Takenlijst", reverse("inschrijving:overzicht", args=[insch.pk])),
        ("percelen", "1. Percelen", reverse("inschrijving:percelen", args=[insch.pk])),
        ("verklaring", "2. Eigen verklaring", reverse("inschrijving:verklaring", args=[insch.pk])),
        ("eisen", "3. Eisen", reverse("inschrijving:eisen", args=[insch.pk])),
        ("leden", "4. Combinanten en onderaannemers", reverse("inschrijving:leden", args=[insch.pk])),
        ("controleren", "5. Controleren en indienen", reverse("inschrijving:controleren", args=[insch.pk])),
    ]
    return [{"code": c, "titel": t, "url": u, "actief": c == actief} for c, t, u in stappen]


# The last crumb of each step page (issue 12: breadcrumbs on every provider page).
_STAPTITELS = {
    "percelen": "Percelen en producten", "verklaring": "Eigen verklaring", "eisen": "Eisen",
    "leden": "Combinanten, onderaannemers en opgave", "innovatievoorstel": "Innovatievoorstel",
    "controleren": "Controleren en indienen",
}


def kruimelpad(insch: Inschrijving, huidige: str | None = None) -> list[tuple[str, str | None]]:
    """Mijn omgeving › Mijn inschrijvingen › the inschrijving (its task list) › the page itself (no link)."""
    pad = portaal_kruimelpad(("Mijn inschrijvingen", reverse("inschrijving:lijst")))
    titel = f"Inschrijving {insch.aanbesteding.titel}"
    if huidige is None:
        return [*pad, (titel, None)]
    return [*pad, (titel, reverse("inschrijving:detail", args=[insch.pk])), (huidige, None)]


def _context(insch, actief, **extra):
    return {
        "inschrijving": insch, "stappen": _stappen(insch, actief), "deadline": selectors.deadline(insch),
        "bewerkbaar": insch.status == Inschrijving.Status.CONCEPT,
        "kruimelpad": kruimelpad(insch, None if actief == "overzicht" else _STAPTITELS.get(actief, "")), **extra,
    }


# --- list and start ------------------------------------------------------------------------------------


@login_required
def lijst(request):
    org = actieve_organisatie_of_404(request)
    inschrijvingen = list(selectors.inschrijvingen_van(org))
    actief = {i.aanbesteding_id for i in inschrijvingen if i.status in Inschrijving.ACTIEVE_STATUSSEN}
    open_aanbestedingen = [a for a in selectors.aanbestedingen_open_voor_inschrijving() if a.pk not in actief]
    return render(request, "inschrijving/lijst.html", {
        "inschrijvingen": inschrijvingen, "open_aanbestedingen": open_aanbestedingen,
        "herstelverzoeken": [h for i in inschrijvingen for h in i.herstelverzoeken.all()],
        "kruimelpad": portaal_kruimelpad(("Mijn inschrijvingen", None)),
    })


@login_required
@require_POST
def starten(request, aanbesteding_pk: int):
    aanbesteding = get_object_or_404(Aanbesteding, pk=aanbesteding_pk)
    try:
        insch = services.inschrijving_starten(aanbesteding=aanbesteding, organisatie=actieve_organisatie_of_404(request), door=request.user)
    except ValidationError as fout:
        fout_melden(request, fout)
        return redirect("inschrijving:lijst")
    messages.success(request, "Uw inschrijving is aangemaakt. Alles wat u invult wordt direct bewaard.")
    return redirect("inschrijving:percelen", insch.pk)


@login_required
def detail(request, pk: int):
    insch = _insch(request, pk)
    if insch.status != Inschrijving.Status.CONCEPT:
        return redirect("inschrijving:bevestiging", insch.pk)
    # The task list is the hub of a draft (issue 12): it says what is done and what is next, from the first visit.
    return redirect("inschrijving:overzicht", insch.pk)


# --- steps ---------------------------------------------------------------------------------------------


@login_required
def percelen(request, pk: int):
    insch = _insch(request, pk)
    kiesbaar = selectors.kiesbare_percelen(insch)
    form = PercelenForm(request.POST or None, kiesbaar=kiesbaar,
                        initial={"percelen": [p.pk for p in selectors.gekozen_percelen(insch)]})
    # The vestiging is posted with the percelen: a location rule (issue 19) is judged on it when choosing.
    vestiging_form = VestigingForm(request.POST or None, gemeenten=selectors.regiogemeenten(insch), initial={
        "vestiging_gemeente": insch.vestiging_gemeente_id, "vestiging_adres": insch.vestiging_adres})
    # Percelen with product choice (issue 19): their products on the same page, chosen in the same post.
    per_perceel = selectors.kiesbare_producten(list(kiesbaar))
    bestaand = {k.product_id: k for k in insch.inschrijving_producten.all()}
    producten_form = ProductenForm(request.POST or None, producten=[(p, per_perceel[p.pk]) for p in kiesbaar if p.pk in per_perceel],
                                   bestaand=bestaand)
    if request.method == "POST" and form.is_valid() and vestiging_form.is_valid() and producten_form.is_valid():
        gekozen = form.cleaned_data["percelen"]
        try:
            # The vestiging first and on its own: a location rule is judged on it, and it stays recorded when the
            # choice of percelen is refused. One transaction for percelen and products: a refused product choice
            # leaves the percelen as they were.
            services.vestiging_vastleggen(inschrijving=insch, gemeente=vestiging_form.cleaned_data["vestiging_gemeente"],
                                          adres=vestiging_form.cleaned_data["vestiging_adres"], door=request.user)
            with transaction.atomic():
                meldingen = services.percelen_kiezen(inschrijving=insch, percelen=gekozen, door=request.user)
                if per_perceel:
                    services.producten_kiezen(inschrijving=insch, keuzes=producten_form.keuzes(gekozen), door=request.user)
        except ValidationError as fout:
            buiten_regio = getattr(fout, "code", None) == "gemeente_buiten_regio"
            doel, veld = (vestiging_form, "vestiging_gemeente") if buiten_regio else (form, "percelen")
            for bericht in fout.messages:
                doel.add_error(veld, bericht)
        except PermissionDenied:
            raise
        else:
            for m in meldingen:
                messages.info(request, m)
            messages.success(request, "De percelen zijn opgeslagen." if not per_perceel else "De percelen en producten zijn opgeslagen.")
            return redirect("inschrijving:verklaring", insch.pk)
    afhankelijkheden = {p.pk: [(a.vereist, a.toelichting) for a in p.afhankelijkheden.all()] for p in kiesbaar}
    return render(request, "inschrijving/percelen.html", _context(
        insch, "percelen", form=form, vestiging_form=vestiging_form, producten_form=producten_form,
        kiesbaar=[(p, afhankelijkheden[p.pk], [regels.regel_tekst(p, r) for r in p.regels.all()]) for p in kiesbaar]))


def _eisenlijst(insch, eisen, percelen=None, regels=None) -> list[dict]:
    """The rows of an eisen page: the checklist of only the eisen shown, with each row's texts and link made once
    here, so the template does one lookup per cell instead of a chain per attribute (bench/bench_portaal.py).
    Providers see the eis's readable title, never its internal code (issue 12)."""
    if regels is None:
        regels = [r for g in selectors.checklist(insch, eisen=eisen, percelen=percelen).groepen for r in g.regels]
    rijen = []
    for r in regels:
        eis_obj = r.eis
        rijen.append({
            "titel": eis_obj.weergavetitel, "lid": r.lid.naam if r.lid else "",
            "tekst": Truncator(eis_obj.tekst).words(40, truncate=" …"),
            "max_leeftijd": eis_obj.max_leeftijd_maanden, "antwoordtype": eis_obj.get_antwoordtype_display(),
            "kort": is_kort(eis_obj) and r.lid is None, "document": bool(eis_obj.documentsoort),
            "ok": r.ok, "melding": r.melding, "waarschuwing": r.waarschuwing, "url": _eis_url(insch, eis_obj, r.lid),
        })
    return rijen


def _stap_regels(insch, stap, gekozen):
    return [r for g in selectors.checklist(insch, eisen=stap.eisen, percelen=gekozen).groepen for r in g.regels]


def _na_de_eisen(insch) -> str:
    """Where the provider goes after the last step of eisen: the members for a combinatie, else the overview."""
    if insch.vorm == Inschrijving.Vorm.COMBINATIE:
        return reverse("inschrijving:leden", args=[insch.pk])
    return reverse("inschrijving:overzicht", args=[insch.pk])


def _volgende(insch, gekozen, sleutel, *, na=None) -> tuple[str, str]:
    """Where "Opslaan en volgende" leads (issue 12) and what to say: the next open eis of this step after ``na``
    (an (eis pk, lid pk) pair; the open ones before it come last), the step page when what is open is answered
    there, or, when the step is complete, the next step with eisen (then the members or the overview)."""
    stappen = selectors.eisstappen(insch, gekozen)
    index = next((i for i, s in enumerate(stappen) if s.sleutel == sleutel), None)
    if index is not None:
        stap = stappen[index]
        regels = _stap_regels(insch, stap, gekozen)
        posities = [(r.eis.pk, r.lid.pk if r.lid else None) for r in regels]
        start = posities.index(na) + 1 if na in posities else 0
        for r in regels[start:] + regels[:start]:
            if r.ok or (r.eis.pk, r.lid.pk if r.lid else None) == na:
                continue
            if is_kort(r.eis) and r.lid is None:
                return stap.url, ""
            return _eis_url(insch, r.eis, r.lid), ""
        if index + 1 < len(stappen):
            volgende = stappen[index + 1]
            return volgende.url, f"Alle eisen van deze stap zijn beantwoord. Verder met: {volgende.titel}."
    return _na_de_eisen(insch), "Alle eisen zijn beantwoord."


def _volgende_stap_url(insch, gekozen, sleutel) -> str:
    """The next step with eisen after ``sleutel`` (one query: the eisen), else the members or the overview."""
    stappen = selectors.eisstappen(insch, gekozen, ook_leeg=True)
    sleutels = [s.sleutel for s in stappen]
    start = sleutels.index(sleutel) + 1 if sleutel in sleutels else len(stappen)
    return next((s.url for s in stappen[start:] if s.eisen), _na_de_eisen(insch))


def _stap_pagina(request, insch, gekozen, stap, *, actief, uitleg="", extra=None):
    """A step of eisen (issue 12): the short eisen (declarations, numbers) in one form saved at once; the long ones
    (texts, plans, documents, answers per member) listed with their status and a link to their own page."""
    regels = _stap_regels(insch, stap, gekozen)
    kort = [e for e in stap.eisen if is_kort(e)]
    antwoorden = {r.eis.pk: r.antwoord for r in regels if r.lid is None and r.antwoord is not None}
    groep = stap.sleutel == ("verklaring", None)
    form = StapForm(request.POST or None, eisen=kort, antwoorden=antwoorden, groep=groep) if kort else None
    actie = ActieForm(request.POST or None)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.stap_opslaan(inschrijving=insch, antwoorden=form.antwoorden_voor_service(), door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Uw antwoorden zijn opgeslagen.")
            if not actie.wil_verder():
                return redirect(stap.url)
            url, melding = _volgende(insch, gekozen, stap.sleutel)
            if melding:
                messages.info(request, melding)
            return redirect(url)
    rijen = _eisenlijst(insch, None, regels=regels)
    lang = [r for r in rijen if not r["kort"]]
    eerste_open = next((r["url"] for r in lang if not r["ok"]), None)
    status = 400 if request.method == "POST" and form is not None and form.errors else 200
    return render(request, "inschrijving/eisen.html", _context(
        insch, actief, titel=stap.titel, uitleg=uitleg, stap=stap, form=form,
        groep=form.groep if form is not None else [], lang=lang, eerste_open=eerste_open,
        aantal_open=sum(1 for r in rijen if not r["ok"]), aantal=len(rijen),
        # Always read (one query), so the page costs the same whether or not something is still open.
        verder_url=_volgende_stap_url(insch, gekozen, stap.sleutel),
        foutsamenvatting=_foutoverzicht(form) if form is not None else [], **(extra or {}),
    ), status=status)


def _foutoverzicht(*forms) -> list[tuple[str, str]]:
    """(anchor, message) for the error summary at the top of a page: each field's errors link to the field."""
    fouten = []
    for form in forms:
        if form is None or not form.is_bound:
            continue
        for naam, lijst in form.errors.items():
            anker = f"#{form[naam].auto_id}" if naam in form.fields else ""
            fouten.extend((anker, str(e)) for e in lijst)
    return fouten


@login_required
def verklaring(request, pk: int):
    insch = _insch(request, pk)
    gekozen = selectors.gekozen_percelen(insch)
    stap = next(s for s in selectors.eisstappen(insch, gekozen, ook_leeg=True) if s.sleutel == ("verklaring", None))
    return _stap_pagina(request, insch, gekozen, stap, actief="verklaring", uitleg=(
        "Verklaar dat er geen uitsluitingsgronden op uw organisatie van toepassing zijn. Combinanten en onderaannemers "
        "leveren waar gevraagd hun eigen bewijs."))


@login_required
def eisen(request, pk: int, perceel_pk: int | None = None):
    insch = _insch(request, pk)
    gekozen = selectors.gekozen_percelen(insch)
    if perceel_pk is not None and not any(p.pk == perceel_pk for p in gekozen):
        raise Http404("Dit perceel is niet gekozen.")
    sleutel = ("perceel", perceel_pk) if perceel_pk is not None else ("eisen", None)
    stap = next(s for s in selectors.eisstappen(insch, gekozen, ook_leeg=True) if s.sleutel == sleutel)
    return _stap_pagina(request, insch, gekozen, stap, actief="eisen", extra={
        "percelen": gekozen, "perceel": stap.perceel, "toon_perceeltabs": True})


def _lid_uit(request, insch) -> Lid | None:
    """The member from the posted form, else from ?lid= in the URL; another inschrijving's member is a 404."""
    for data in (request.POST, request.GET):
        form = LidKeuzeForm(data, inschrijving=insch)
        if not form.is_valid():
            raise Http404("Dit lid hoort niet bij deze inschrijving.")
        if form.cleaned_data["lid"] is not None:
            return form.cleaned_data["lid"]
    return None


def _eis_van(insch, eis_pk) -> Eis:
    return get_object_or_404(Eis, pk=eis_pk, aanbesteding_id=insch.aanbesteding_id)


def _eis_url(insch, eis, lid) -> str:
    url = reverse("inschrijving:eis", args=[insch.pk, eis.pk])
    return f"{url}?lid={lid.pk}" if lid else url


def _bewijs_form(request, insch, eis_obj, lid, gekoppeld, *, post=True):
    if not eis_obj.documentsoort:
        return None
    # The whole wallet, whichever region it was uploaded for, judged by this procedure's maximum age.
    al = {b.pk for b in gekoppeld}
    aanbod = selectors.aanbod_voor_eis(insch, eis_obj, lid)
    form = BewijsForm(request.POST if post and request.method == "POST" else None,
                      request.FILES if post and request.method == "POST" else None,
                      organisatie=insch.organisatie, keuzes=[b for b in aanbod.bruikbaar if b.pk not in al],
                      toegestaan=eis_obj.bestandssoorten or ("pdf",))
    form.niet_aangeboden = [(b, reden) for b, reden in aanbod.niet_aangeboden if b.pk not in al]
    return form


@login_required
def eis(request, pk: int, eis_pk: int):
    """One eis on one page (issue 12): the answer, its explanation and the evidence (a new file or documents from the
    wallet) in one form, saved together; "Opslaan en volgende" goes on to the next open eis of the step. A refused
    file never costs what was typed: the answer is saved, the page comes back with the text still in the fields and
    says that only the file was refused."""
    insch = _insch(request, pk)
    eis_obj = _eis_van(insch, eis_pk)
    lid = _lid_uit(request, insch)
    antwoord = selectors.antwoord_met_bewijs(insch, eis_obj, lid)
    # Bound on every POST: a post with only a file has an empty request.POST, and "or None" would leave the form
    # unbound and the page answering 400 without saying why.
    form = AntwoordForm(request.POST if request.method == "POST" else None, eis=eis_obj, antwoord=antwoord)
    bewijs = _bewijs_form(request, insch, eis_obj, lid, antwoord.bewijsstukken.all() if antwoord else [])
    if request.method == "POST" and form.is_valid():
        if bewijs is not None and not bewijs.is_valid() and bewijs.vreemd_bewijsstuk():
            raise Http404("Dit bewijsstuk bestaat niet of is niet van uw organisatie.")
        try:
            uitkomst = services.eis_beantwoorden(
                inschrijving=insch, eis=eis_obj, lid=lid, door=request.user, **form.velden(),
                **(bewijs.velden() if bewijs is not None and bewijs.is_valid() else {}))
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            for bericht in uitkomst.bewijsfouten:
                bewijs.add_error("bestand" if bewijs.cleaned_data.get("bestand") else "bewijsstukken", bericht)
            if bewijs is not None and bewijs.errors:
                antwoord = selectors.antwoord_met_bewijs(insch, eis_obj, lid)
                return _eis_pagina(request, insch, eis_obj, lid, antwoord, form=form, bewijs=bewijs, status=400,
                                   antwoord_opgeslagen=True)
            for stuk in uitkomst.gekoppeld:
                # The honest state after the commit (ADR 0012): "wordt gecontroleerd" until the scan ran, and what was
                # stripped from the file when active content was removed.
                stuk.refresh_from_db(fields=["controle", "gescand_op"])
                bericht = f"“{stuk.originele_naam}” is toegevoegd ({stuk.controle_tekst.lower()})."
                messages.success(request, f"{bericht} {stuk.opschoning_melding}" if stuk.opgeschoond else bericht)
            messages.success(request, f"Uw antwoord op “{eis_obj.weergavetitel}” is opgeslagen.")
            if not ActieForm(request.POST).wil_verder():
                return redirect(_eis_url(insch, eis_obj, lid))
            url, melding = _volgende(insch, selectors.gekozen_percelen(insch), selectors.stap_sleutel(eis_obj),
                                     na=(eis_obj.pk, lid.pk if lid else None))
            if melding:
                messages.info(request, melding)
            return redirect(url)
    return _eis_pagina(request, insch, eis_obj, lid, antwoord, form=form, bewijs=bewijs,
                       status=400 if request.method == "POST" else 200)


def _eis_pagina(request, insch, eis_obj, lid, antwoord, *, form=None, bewijs=None, fouten=(), status=200,
                antwoord_opgeslagen=False):
    peil = selectors.peildatum(insch)
    gekoppeld = []
    if antwoord is not None:
        gekoppeld = [(b, selectors.document_probleem(b, eis_obj, peil, lid)) for b in antwoord.bewijsstukken.all()]
    if bewijs is None:
        bewijs = _bewijs_form(request, insch, eis_obj, lid, [b for b, _ in gekoppeld], post=False)
    leden = list(insch.leden.all()) if eis_obj.per_lid else []
    extra = {}
    if insch.status != Inschrijving.Status.CONCEPT:
        # A new eis of a rectificatie may be answered in a submitted inschrijving while the aanvulling is open.
        aanvulling = selectors.aanvulling(insch)
        extra["bewerkbaar"] = bool(aanvulling and aanvulling.open and eis_obj.pk in {e.pk for e in aanvulling.eisen})
    form = form or AntwoordForm(eis=eis_obj, antwoord=antwoord)
    sleutel = selectors.stap_sleutel(eis_obj)
    terug = (reverse("inschrijving:eisen_perceel", args=[insch.pk, sleutel[1]]) if sleutel[0] == "perceel"
             else reverse(f"inschrijving:{sleutel[0]}", args=[insch.pk]))
    return render(request, "inschrijving/eis.html", _context(
        insch, "verklaring" if sleutel[0] == "verklaring" else "eisen", eis=eis_obj, lid=lid, leden=leden,
        antwoord=antwoord, form=form, bewijs=bewijs, gekoppeld=gekoppeld, peildatum=peil, terug=terug,
        oudste=selectors.oudste_afgiftedatum(eis_obj, peil), antwoord_opgeslagen=antwoord_opgeslagen,
        foutsamenvatting=[*(("", f) for f in fouten), *_foutoverzicht(form, bewijs)], **extra,
    ), status=status)






@login_required
@require_POST
def ontkoppelen(request, pk: int, eis_pk: int, bewijsstuk_pk: int):
    insch = _insch(request, pk)
    eis_obj = _eis_van(insch, eis_pk)
    lid = _lid_uit(request, insch)
    stuk = get_object_or_404(Bewijsstuk, pk=bewijsstuk_pk, organisatie=insch.organisatie)
    try:
        services.bewijsstuk_ontkoppelen(inschrijving=insch, eis=eis_obj, bewijsstuk=stuk, lid=lid, door=request.user)
    except ValidationError as fout:
        fout_melden(request, fout)
    return redirect(_eis_url(insch, eis_obj, lid))


@login_required
def leden(request, pk: int):
    insch = _insch(request, pk)
    gekozen = Perceel.objects.filter(pk__in=[p.pk for p in selectors.gekozen_percelen(insch)])
    form = LidForm(request.POST or None, percelen=gekozen)
    opgave_initial = {veld: getattr(insch, veld) for veld in services.OPGAVE_VELDEN}
    opgave_form = OpgaveForm(request.POST or None, aanbesteding=insch.aanbesteding, initial=opgave_initial)
    if not opgave_form.is_verstuurd():
        # Another form of this page was posted: show the declared figures as recorded, unbound.
        opgave_form = OpgaveForm(aanbesteding=insch.aanbesteding, initial=opgave_initial)
    if opgave_form.is_verstuurd():
        form = LidForm(percelen=gekozen)  # the member form was not posted: no errors on it
        if opgave_form.is_valid():
            try:
                services.opgave_vastleggen(inschrijving=insch, door=request.user, **{
                    veld: opgave_form.cleaned_data[veld] for veld in services.OPGAVE_VELDEN})
            except ValidationError as fout:
                opgave_form.add_error(None, fout)
            else:
                messages.success(request, "Uw opgave van fte en onderaanneming is opgeslagen.")
                return redirect("inschrijving:leden", insch.pk)
    elif request.method == "POST":
        vorm_form = VormForm(request.POST)
        if vorm_form.is_verstuurd():
            if not vorm_form.is_valid():
                for fouten in vorm_form.errors.values():
                    for bericht in fouten:
                        messages.error(request, bericht)
                return redirect("inschrijving:leden", insch.pk)
            try:
                services.vorm_wijzigen(inschrijving=insch, vorm=vorm_form.cleaned_data["vorm"], door=request.user)
            except ValidationError as fout:
                fout_melden(request, fout)
            return redirect("inschrijving:leden", insch.pk)
        if form.is_valid():
            try:
                services.lid_toevoegen(inschrijving=insch, door=request.user, **form.cleaned_data)
            except ValidationError as fout:
                form.add_error(None, fout)
            else:
                messages.success(request, f"{form.cleaned_data['naam']} is toegevoegd.")
                return redirect("inschrijving:leden", insch.pk)
    per_lid = selectors.toepasselijke_eisen(insch).filter(per_lid=True)
    return render(request, "inschrijving/leden.html", _context(
        insch, "leden", form=form, leden=insch.leden.prefetch_related("percelen"), per_lid_eisen=per_lid,
        vormen=Inschrijving.Vorm.choices, opgave_form=opgave_form, grenzen=regels.grenzen(insch.aanbesteding, list(gekozen)),
    ))


@login_required
@require_POST
def lid_verwijderen(request, pk: int, lid_pk: int):
    insch = _insch(request, pk)
    lid = get_object_or_404(Lid, pk=lid_pk, inschrijving=insch)
    try:
        services.lid_verwijderen(lid=lid, door=request.user)
    except ValidationError as fout:
        fout_melden(request, fout)
    return redirect("inschrijving:leden", insch.pk)


@login_required
def overzicht(request, pk: int):
    """The task list (issue 12, the gov.uk / NL Design System pattern): every part with its status, each a link."""
    insch = _insch(request, pk)
    return render(request, "inschrijving/overzicht.html", _context(
        insch, "overzicht", taken=selectors.takenlijst(insch), nu=nu(),
    ))


def _antwoordtekst(regel) -> str:
    """What the check page shows as the answer to one eis: the declaration as a sentence, a text shortened, a
    number, or that nothing is given yet. The linked files are listed next to it."""
    eis_obj, antwoord = regel.eis, regel.antwoord
    if antwoord is None:
        return "Nog niet beantwoord"
    if eis_obj.antwoordtype == Eis.Antwoordtype.JA_NEE:
        if antwoord.ja_nee is None:
            return "Nog niet gekozen"
        if antwoord.ja_nee == eis_obj.verwacht_antwoord_ja:
            return eis_obj.verklaringstekst
        return "Ja" if antwoord.ja_nee else "Nee"
    if eis_obj.antwoordtype in (Eis.Antwoordtype.TEKST, Eis.Antwoordtype.PLAN):
        return Truncator(antwoord.tekst).words(30, truncate=" …") or "Nog geen tekst"
    if eis_obj.antwoordtype == Eis.Antwoordtype.GETAL:
        return regels.getal(antwoord.getal) if antwoord.getal is not None else "Nog geen getal"
    return ""


def _samenvatting(insch, taken) -> list[dict]:
    """Per eisen task of the check page, its rows: title, answer, files, whether complete, and the link to change it."""
    blokken = []
    for taak in taken.invultaken:
        if not taak.regels:
            continue
        rijen = []
        for r in taak.regels:
            rijen.append({
                "titel": r.eis.weergavetitel + (f" – {r.lid.naam}" if r.lid else ""), "ok": r.ok, "melding": r.melding,
                "waarschuwing": r.waarschuwing, "antwoord": _antwoordtekst(r), "url": _eis_url(insch, r.eis, r.lid),
                "bestanden": [b.originele_naam for b in r.antwoord.bewijsstukken.all()] if r.antwoord else [],
            })
        blokken.append({"taak": taak, "rijen": rijen})
    return blokken


def _controleren_pagina(request, insch, form, *, status=200):
    taken = selectors.takenlijst(insch)
    percelen = taken.percelen
    route = next((p for p in percelen if p.innovatieroute), None)
    return render(request, "inschrijving/controleren.html", _context(
        insch, "controleren", taken=taken, form=form, blokken=_samenvatting(insch, taken),
        producten=selectors.gekozen_producten(insch, percelen), leden=taken.checklist.leden,
        voorstel=selectors.innovatievoorstel_van(insch) if route else None,
        mag_indienen=is_beheerder(request.user, insch.organisatie),
    ), status=status)


@login_required
def controleren(request, pk: int):
    """"Controleer uw inschrijving" (issue 12): everything entered per part with "Wijzigen" links, the points that
    still block submitting, and the binding declaration the beheerder ticks before submitting."""
    insch = _insch(request, pk)
    if insch.status != Inschrijving.Status.CONCEPT:
        return redirect("inschrijving:bevestiging", insch.pk)
    return _controleren_pagina(request, insch, IndienenForm(organisatie=insch.organisatie))


@login_required
def innovatievoorstel(request, pk: int):
    """The figures of an innovatievoorstel (002 PB 1.2, ADR 0022); the twelve texts are answered as the eisen of the
    perceel, linked from this page."""
    insch = _insch(request, pk)
    perceel = next((p for p in selectors.gekozen_percelen(insch) if p.innovatieroute), None)
    if perceel is None:
        raise Http404("Deze inschrijving heeft geen perceel met een innovatieroute.")
    voorstel = selectors.innovatievoorstel_van(insch)
    form = InnovatievoorstelForm(request.POST or None, instance=voorstel)
    if request.method == "POST" and form.is_valid():
        velden = {v: form.cleaned_data[v] for v in services.INNOVATIE_VELDEN}
        try:
            services.innovatievoorstel_opslaan(inschrijving=insch, perceel=perceel, door=request.user, **velden)
        except ValidationError as fout:
            for bericht in fout.messages:
                form.add_error(None, bericht)
        else:
            messages.success(request, "Het innovatievoorstel is opgeslagen.")
            return redirect("inschrijving:innovatievoorstel", insch.pk)
    eisen = [e for e in selectors.toepasselijke_eisen(insch, [perceel]) if e.perceel_id == perceel.pk]
    return render(request, "inschrijving/innovatievoorstel.html", _context(
        insch, "eisen", form=form, perceel=perceel, voorstel=voorstel, eisen=_eisenlijst(insch, eisen, [perceel]),
        ontbrekend=selectors.innovatie_ontbrekend(insch, [perceel], voorstel) if voorstel else [],
        kruimelpad=kruimelpad(insch, "Innovatievoorstel"),
    ))


@login_required
@require_POST
def indienen(request, pk: int):
    insch = _insch(request, pk)
    form = IndienenForm(request.POST, organisatie=insch.organisatie)
    if not form.is_valid():
        if insch.status != Inschrijving.Status.CONCEPT:
            return redirect("inschrijving:bevestiging", insch.pk)
        # Not ticked: the check page again, with the error summary on top (issue 12).
        return _controleren_pagina(request, insch, form)
    try:
        services.inschrijving_indienen(inschrijving=insch, door=request.user)
    except PermissionDenied as fout:
        fout_melden(request, fout)
        return redirect("inschrijving:controleren", insch.pk)
    except ValidationError as fout:
        if getattr(fout, "code", None) == "al_ingediend":
            # A double click: the first request submitted; the second just shows the confirmation.
            messages.info(request, "Deze inschrijving was al ingediend.")
            return redirect("inschrijving:bevestiging", insch.pk)
        fout_melden(request, fout)
        return redirect("inschrijving:controleren", insch.pk)
    messages.success(request, "Uw inschrijving is ingediend. U ontvangt een bevestiging per e-mail.")
    return redirect("inschrijving:bevestiging", insch.pk)


@login_required
def bevestiging(request, pk: int):
    insch = _insch(request, pk)
    if not insch.ingediend_op:
        return redirect("inschrijving:overzicht", insch.pk)
    pv = ProcesVerbaalOpening.objects.filter(toetredingsmoment_id=insch.toetredingsmoment_id).first()
    return render(request, "inschrijving/bevestiging.html", {
        "inschrijving": insch, "inhoud": insch.bevroren_inhoud, "kan_intrekken": services.kan_intrekken(insch),
        "mag_intrekken": permissions.mag_intrekken(request.user, insch), "deadline": selectors.deadline(insch),
        "pv": pv, "herstelverzoeken": insch.herstelverzoeken.prefetch_related("eisen"),
        "aanvulling": selectors.aanvulling(insch), "kruimelpad": kruimelpad(insch),
        # "Wat gebeurt er nu" with this procedure's dates (issue 12); toetsing registers the source (vervolg.py).
        "vervolg": vervolgstappen(insch),
    })


@login_required
def aanvullen(request, pk: int):
    """The eisen a rectificatie added that this submitted inschrijving may complete, and the confirmation
    (ADR 0014). Answers go through the ordinary eis pages; confirming moves it to the new version."""
    insch = _insch(request, pk)
    aanvulling = selectors.aanvulling(insch)
    if aanvulling is None:
        messages.info(request, "Uw inschrijving hoeft niet te worden aangevuld.")
        return redirect("inschrijving:detail", insch.pk)
    form = AanvullenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.inschrijving_aanvullen(inschrijving=insch, door=request.user)
        except PermissionDenied:
            raise
        except ValidationError as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Uw inschrijving is aangevuld; de nieuwe antwoorden zijn vastgelegd.")
            return redirect("inschrijving:bevestiging", insch.pk)
    return render(request, "inschrijving/aanvullen.html", {
        "inschrijving": insch, "aanvulling": aanvulling, "form": form,
        "regels": selectors.aanvulling_checklist(insch, aanvulling.eisen),
        "mag_bevestigen": permissions.mag_aanvullen(request.user, insch), "kruimelpad": kruimelpad(insch, "Aanvullen"),
    })


@login_required
def ontvangstbewijs(request, pk: int):
    insch = _insch(request, pk)
    if not insch.ontvangstbewijs:
        raise Http404("Het ontvangstbewijs wordt nog gemaakt.")
    return stream_prive_bestand(insch.ontvangstbewijs, f"ontvangstbewijs-inschrijving-{insch.pk}.pdf", mime_type="application/pdf")


@login_required
@require_POST
def intrekken(request, pk: int):
    insch = _insch(request, pk)
    form = IntrekkenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for fouten in form.errors.values() for e in fouten])
        services.inschrijving_intrekken(inschrijving=insch, door=request.user, toelichting=form.cleaned_data["toelichting"])
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
        return redirect("inschrijving:detail", insch.pk)
    messages.success(request, "De inschrijving is ingetrokken.")
    return redirect("inschrijving:lijst")


@login_required
def proces_verbaal(request, pk: int):
    """On request, a submitter sees the proces-verbaal van opening of its round (issue 4)."""
    insch = _insch(request, pk)
    if request.method == "POST":
        try:
            services.proces_verbaal_opvragen(inschrijving=insch, door=request.user)
        except ValidationError as fout:
            fout_melden(request, fout)
        return redirect("inschrijving:proces_verbaal", insch.pk)
    pv = ProcesVerbaalOpening.objects.filter(toetredingsmoment_id=insch.toetredingsmoment_id).first()
    if pv is None or insch.pv_opgevraagd_op is None or insch.ingediend_op is None:
        raise Http404("Het proces-verbaal is (nog) niet beschikbaar.")
    return stream_prive_bestand(pv.bestand, f"proces-verbaal-opening-{pv.toetredingsmoment_id}.pdf", mime_type="application/pdf")


# --- herstel -------------------------------------------------------------------------------------------


@login_required
def herstel(request, pk: int, herstel_pk: int):
    insch = _insch(request, pk)
    verzoek = get_object_or_404(Herstelverzoek.objects.prefetch_related("eisen", "bijlagen"), pk=herstel_pk, inschrijving=insch)
    form = HerstelForm(request.POST or None, request.FILES or None, organisatie=insch.organisatie)
    if request.method == "POST" and form.is_valid():
        try:
            stukken = list(form.cleaned_data["bewijsstukken"])
            if form.cleaned_data.get("bestand"):
                stukken.append(services.bewijsstuk_uploaden(
                    organisatie=insch.organisatie, bestand=form.cleaned_data["bestand"],
                    documentsoort=form.cleaned_data["documentsoort"],
                    afgiftedatum=form.cleaned_data.get("afgiftedatum") or nu().date(), door=request.user,
                    titel=f"Herstel {verzoek.pk}",
                ))
            services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord=form.cleaned_data["antwoord"],
                                                 bewijsstukken=stukken, door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Uw antwoord op het herstelverzoek is ontvangen.")
            return redirect("inschrijving:herstel", insch.pk, verzoek.pk)
    return render(request, "inschrijving/herstel.html", {
        "inschrijving": insch, "verzoek": verzoek, "form": form,
        "open": verzoek.status == Herstelverzoek.Status.OPEN and nu() < verzoek.deadline,
        "kruimelpad": kruimelpad(insch, "Herstelverzoek"),
    })


# --- wallet and downloads ------------------------------------------------------------------------------

# Documents per page of the wallet: a wallet of hundreds of documents is read a page at a time, so the page costs
# the same at 20 documents as at 2,000 (issue 15, bench/bench_portaal.py).
WALLET_PER_PAGINA = 50

_CONTROLE_KLASSE = {Bewijsstuk.Controle.IN_ORDE: "label--ok", Bewijsstuk.Controle.GEWEIGERD: "label--fout"}


def _wallet_weergave(regels) -> list[dict]:
    """The wallet rows with their texts and links made once (like cms.views._weergave), so the template does
    one lookup per cell instead of a chain of attribute and property lookups per document and procedure."""
    rijen = []
    for r in regels:
        b = r.bewijsstuk
        rijen.append({
            "soort": b.get_documentsoort_display(), "naam": b.originele_naam, "titel": b.titel,
            "download_url": reverse("inschrijving:bewijsstuk_download", args=[b.pk]),
            "status_url": reverse("inschrijving:bewijsstuk_status", args=[b.pk]),
            "van": b.van_naam or "eigen organisatie", "afgegeven": f"{b.afgiftedatum:%d-%m-%Y}",
            "bruikbaar_tot": f"{r.bruikbaar_tot:%d-%m-%Y}" if r.bruikbaar_tot else "", "verlopen": r.verlopen,
            "verloopt_binnenkort": r.verloopt_binnenkort, "grond": r.grond,
            "gebruik": [(f"Regio {g.regio_naam} – {g.aanbesteding}: ", g.uitleg, g.verlopen) for g in r.gebruik],
            "controle_klasse": _CONTROLE_KLASSE.get(b.controle, "label--waarschuwing"),
            "controle_tekst": b.controle_tekst, "controle_melding": b.controle_melding,
            "opschoning": b.opschoning_melding, "gearchiveerd": b.gearchiveerd,
        })
    return rijen


@login_required
def bewijsstukken(request):
    org = actieve_organisatie_of_404(request)
    form = WalletUploadForm(request.POST or None, request.FILES or None, toegestaan=("pdf", "afbeelding", "office"))
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                stuk = services.bewijsstuk_uploaden(
                    organisatie=org, bestand=d["bestand"], documentsoort=d["documentsoort"], afgiftedatum=d["afgiftedatum"],
                    geldig_tot=d["geldig_tot"], titel=d["titel"], toegestaan=("pdf", "afbeelding", "office"), door=request.user,
                )
            except ValidationError as fout:
                form.add_error(None, fout)
            else:
                if _is_xhr(request):
                    return JsonResponse({"ok": True, "redirect": reverse("inschrijving:bewijsstukken")})
                messages.success(request, f"“{stuk.originele_naam}” staat in uw bewijsstukken. {stuk.opschoning_melding}".strip())
                return redirect("inschrijving:bewijsstukken")
        if _is_xhr(request):
            return JsonResponse({"ok": False, "fouten": [e for f in form.errors.values() for e in f]}, status=400)
    filter_form = WalletFilterForm(request.GET)
    soort = filter_form.gekozen_soort()
    pagina = Paginator(selectors.wallet_documenten(org, documentsoort=soort), WALLET_PER_PAGINA).get_page(request.GET.get("p"))
    return render(request, "inschrijving/bewijsstukken.html", {
        "rijen": _wallet_weergave(selectors.wallet_regels(pagina.object_list)), "pagina": pagina, "form": form,
        "filter_form": filter_form, "soort": soort, "zoek": urlencode({"soort": soort}) if soort else "",
        "kruimelpad": portaal_kruimelpad(("Bewijsstukken", None)),
    }, status=400 if request.method == "POST" else 200)


@login_required
def bewijsstuk_download(request, pk: int):
    """Permission-checked download: own organisation's users, staff who may see the inschrijving's contents.
    Everyone else gets a 404, so ids cannot be probed."""
    stuk = Bewijsstuk.objects.filter(pk=pk).select_related("organisatie").first()
    if stuk is None or not permissions.mag_bewijsstuk_zien(request.user, stuk):
        raise Http404("Bestand niet gevonden.")
    if stuk.controle == Bewijsstuk.Controle.GEWEIGERD:
        raise Http404("Dit bestand is bij de controle geweigerd en wordt niet aangeboden.")
    return stream_prive_bestand(stuk.bestand, stuk.originele_naam, mime_type=stuk.mime_type)


@login_required
def bewijsstuk_status(request, pk: int):
    stuk = get_object_or_404(Bewijsstuk, pk=pk, organisatie=actieve_organisatie_of_404(request))
    return JsonResponse({"controle": stuk.controle, "label": stuk.controle_tekst, "melding": stuk.controle_melding,
                         "gescand": stuk.gescand_op is not None})
