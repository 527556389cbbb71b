"""Signalen in the Wagtail admin (issue 14; 000 r.737-749, 001 r.352-361).

- Municipal staff (role Gemeente) see only their own part: "Signaal doorgeven", "Mijn signalen" (what they
  reported, with its status and the terugkoppeling, never the bureau's internal steps) and a link list to the
  public register of contracted providers. Their menu is its own top-level submenu (``GemeenteSubmenu``): the
  bureau's menus only show to Contractmanager and Inkoper.
- The bureau (Contractmanager, Inkoper, in their regions) records signals too and works them: the list with
  filters (status, trap, ernst, provider, overdue triage), the detail with the timeline, triage, niet
  ontvankelijk, notes, "besproken met de aanbieder", a link to an onderzoek, the terugkoppeling and closing, and
  the measures that came of it (read-only; made by the handhaving screens).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path, reverse
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from aanbesteding.models import Aanbesteding
from aanbesteding.services import publieke_url
from core.berichten import fout_melden
from organisaties.models import Gemeente, Organisatie, User
from organisaties.regios import binnen, object_of_404
from organisaties.rollen import CONTRACTMANAGER, INKOPER
from overeenkomst.models import Overeenkomst

from .. import permissions
from ..models import Onderzoek, Signaal
from ..services import signalen as services
from ._toegang import eis_staf

_BEHEERROLLEN = (CONTRACTMANAGER, INKOPER)
AANWIJZING = ("Vermeld geen gegevens waarmee een cliënt te herkennen is: geen namen, initialen, geboortedata of "
              "BSN. Beschrijf wat er gebeurde en wat u al deed.")
# 000 r.741-749, in the source's words: the three steps before a signal reaches contractmanagement.
TRAP_HULP = (
    "1) Medewerker van zorgaanbieder handelt niet conform afspraken uit het contract: de consulent/verwijzer wijst "
    "de medewerker op de afspraken. 2) Bij herhaling: de consulent/verwijzer schaalt op binnen het eigen team of de "
    "eigen organisatie, volgens de lokale afspraken. 3) Bij herhaling/na aanspreken niet conform contractafspraken: "
    "signaal doorgeven aan contractmanagement."
)


def _eis_doorgever(request):
    if not services.mag_doorgeven(request.user):
        raise PermissionDenied("Alleen voor medewerkers van een gemeente of van het bureau.")
    return services.doorgeef_bereik(request.user)


class _OrganisatieKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.naam


class _OvereenkomstKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organisatie.naam} – {obj.aanbesteding.titel}"


class DoorgevenForm(forms.Form):
    organisatie = _OrganisatieKeuze(queryset=Organisatie.objects.none(), label="Aanbieder")
    overeenkomst = _OvereenkomstKeuze(queryset=Overeenkomst.objects.none(), required=False,
                                      label="Overeenkomst (optioneel)",
                                      help_text="Als u weet om welke overeenkomst of welk perceel het gaat.")
    gemeente = forms.ModelChoiceField(queryset=Gemeente.objects.none(), label="Gemeente")
    bron = forms.ChoiceField(label="Afkomstig van")
    trap = forms.TypedChoiceField(label="Welke stap is gezet?", coerce=int, choices=Signaal.Trap.choices,
                                  initial=Signaal.Trap.CONTRACTMANAGEMENT, widget=forms.RadioSelect,
                                  help_text=TRAP_HULP)
    onderwerp = forms.CharField(label="Onderwerp", max_length=200)
    omschrijving = forms.CharField(label="Omschrijving", widget=forms.Textarea(attrs={"rows": 6}),
                                   help_text=AANWIJZING)
    kenmerk_melder = forms.CharField(
        label="Uw kenmerk", max_length=100, required=False,
        help_text="Het dossier- of zaaknummer in uw eigen systeem, zodat de aanbieder weet om wie het gaat (000: "
                  "“om wie het signaal gaat”) zonder dat het portaal cliëntgegevens bewaart. Geen BSN of naam.",
    )

    def __init__(self, *args, user, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        ovk = binnen(Overeenkomst.objects, bereik)
        self.fields["organisatie"].queryset = (Organisatie.objects.filter(pk__in=ovk.values("organisatie"))
                                               .order_by("naam"))
        self.fields["overeenkomst"].queryset = (ovk.select_related("organisatie", "aanbesteding")
                                                .order_by("organisatie__naam", "aanbesteding__titel"))
        self.fields["gemeente"].queryset = binnen(Gemeente.objects, bereik).order_by("naam")
        self.beheer = permissions.is_beheer(user)
        bronnen = Signaal.Bron.choices if self.beheer else [
            (k, v) for k, v in Signaal.Bron.choices if k in services.BRONNEN_GEMEENTE]
        self.fields["bron"].choices = bronnen
        if self.beheer:
            self.fields["gemeente"].required = False
            self.fields["gemeente"].help_text = "Leeg bij een eigen waarneming van het bureau; kies dan de overeenkomst."

    def clean(self):
        data = super().clean()
        org, ovk = data.get("organisatie"), data.get("overeenkomst")
        if org and ovk and ovk.organisatie_id != org.pk:
            self.add_error("overeenkomst", "Deze overeenkomst is van een andere aanbieder.")
        return data


def doorgeven(request):
    b = _eis_doorgever(request)
    form = DoorgevenForm(request.POST or None, user=request.user, bereik=b)
    if request.method == "POST" and form.is_valid():
        try:
            signaal = services.signaal_doorgeven(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Het signaal is doorgegeven aan contractmanagement. U ziet de behandeling "
                                      "onder Mijn signalen.")
            if form.beheer and permissions.mag_beheren(request.user, signaal):
                return redirect("contractbeheer_admin_signaal", pk=signaal.pk)
            return redirect("contractbeheer_admin_mijn_signaal", pk=signaal.pk)
    return render(request, "contractbeheer/admin/signalen_doorgeven.html", {"form": form})


def mijn_signalen(request):
    b = _eis_doorgever(request)
    qs = (binnen(Signaal.objects.filter(gemeld_door=request.user), b)
          .select_related("organisatie", "gemeente").order_by("-ontvangen_op", "-pk"))
    pagina = Paginator(qs, 50).get_page(request.GET.get("p"))
    return render(request, "contractbeheer/admin/signalen_mijn.html", {"pagina": pagina})


def mijn_signaal(request, pk: int):
    b = _eis_doorgever(request)
    # The sender's own signals; the bureau may open this view of any signal of its regions too (to see what the
    # sender sees).
    eigen = Q(gemeld_door=request.user)
    bureau = permissions.beheer_bereik(request.user)
    if bureau.alle:
        eigen |= Q(pk__isnull=False)
    elif bureau.ids:
        eigen |= Q(regio__in=bureau.ids)
    s = object_of_404(Signaal.objects.filter(eigen)
                      .select_related("organisatie", "gemeente", "overeenkomst__aanbesteding"), b, pk=pk)
    # Only what the sender may see: never the internal notes, the triage or the talk with the provider.
    stappen = list(s.stappen.filter(intern=False).order_by("op", "pk"))
    return render(request, "contractbeheer/admin/signalen_mijn_signaal.html", {"s": s, "stappen": stappen})


def register(request):
    """Links to the public register of contracted providers of each procedure in the user's regions."""
    b = _eis_doorgever(request)
    procedures = (binnen(Aanbesteding.objects, b).filter(overeenkomsten__isnull=False).distinct()
                  .select_related("regio").order_by("regio__naam", "titel"))
    return render(request, "contractbeheer/admin/signalen_register.html", {
        "procedures": [(a, publieke_url(a) + "register/") for a in procedures],
    })


# --- the bureau ---------------------------------------------------------------------------------------------


class FilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Alle")] + Signaal.Status.choices, required=False, label="Status")
    trap = forms.ChoiceField(choices=[("", "Alle")] + [(str(k), v) for k, v in Signaal.Trap.choices],
                             required=False, label="Trap")
    ernst = forms.ChoiceField(choices=[("", "Alle"), ("-", "Nog niet beoordeeld")] + Signaal.Ernst.choices,
                              required=False, label="Ernst")
    organisatie = _OrganisatieKeuze(queryset=Organisatie.objects.none(), required=False, label="Aanbieder",
                                    empty_label="Alle aanbieders")
    te_laat = forms.BooleanField(required=False, label=f"Alleen triage te laat (> {services.TRIAGE_WERKDAGEN} "
                                                       "werkdagen ontvangen)")

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = (Organisatie.objects.filter(
            pk__in=binnen(Signaal.objects, bereik).values("organisatie")).order_by("naam"))

    def filteren(self, qs):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["trap"]:
            qs = qs.filter(trap=int(d["trap"]))
        if d["ernst"]:
            qs = qs.filter(ernst="" if d["ernst"] == "-" else d["ernst"])
        if d["organisatie"]:
            qs = qs.filter(organisatie=d["organisatie"])
        if d["te_laat"]:
            qs = met_triagegrens(qs)
        return qs


def met_triagegrens(qs):
    """Still ONTVANGEN and received on or before the last day whose triage is overdue (one bound, one query)."""
    grens = services.triage_grens()
    return qs.filter(status=Signaal.Status.ONTVANGEN, ontvangen_op__date__lte=grens)


def signalen(request):
    b = eis_staf(request)
    filters = FilterForm(request.GET or None, bereik=b)
    qs = filters.filteren(
        binnen(Signaal.objects, b).select_related("organisatie", "gemeente", "behandelaar")
    ).order_by("-ontvangen_op", "-pk")
    pagina = Paginator(qs, 50).get_page(request.GET.get("p"))
    for s in pagina:
        s.triage_te_laat = services.triage_te_laat(s)
    zoek = request.GET.copy()
    zoek.pop("p", None)
    return render(request, "contractbeheer/admin/signalen_lijst.html", {
        "pagina": pagina, "filters": filters, "zoek": zoek.urlencode(),
    })


class _BehandelaarKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class TriageForm(forms.Form):
    ernst = forms.ChoiceField(label="Ernst", choices=Signaal.Ernst.choices)
    behandelaar = _BehandelaarKeuze(queryset=User.objects.none(), label="Behandelaar")
    toelichting = forms.CharField(label="Toelichting (intern)", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, signaal, **kwargs):
        super().__init__(*args, **kwargs)
        # A Contractmanager or Inkoper with that role in the signal's region or in every region (the service
        # checks again with permissions.mag_beheren).
        rol = Q(regiorollen__rol__in=_BEHEERROLLEN, groups__name__in=_BEHEERROLLEN) & (
            Q(regiorollen__regio=signaal.regio_id) | Q(regiorollen__regio__isnull=True))
        self.fields["behandelaar"].queryset = (User.objects.filter(rol, is_active=True).distinct()
                                               .order_by("first_name", "last_name", "email"))


class RedenForm(forms.Form):
    reden = forms.CharField(label="Reden (gaat als terugkoppeling naar de melder)",
                            widget=forms.Textarea(attrs={"rows": 3}))


class TekstForm(forms.Form):
    tekst = forms.CharField(label="Tekst (intern)", widget=forms.Textarea(attrs={"rows": 3}))


class OnderzoekForm(forms.Form):
    onderzoek = forms.ModelChoiceField(queryset=Onderzoek.objects.none(), label="Onderzoek")

    def __init__(self, *args, signaal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderzoek"].queryset = Onderzoek.objects.filter(
            overeenkomst__organisatie=signaal.organisatie_id,
            overeenkomst__aanbesteding__regio=signaal.regio_id).order_by("-signaal_gemeld_op")


class TerugkoppelForm(forms.Form):
    terugkoppeling = forms.CharField(label="Terugkoppeling aan de melder", widget=forms.Textarea(attrs={"rows": 4}),
                                     help_text="De melder krijgt deze tekst per e-mail en ziet hem bij Mijn signalen.")
    afhandelen = forms.BooleanField(label="Het signaal hiermee afhandelen", required=False)


_FORMULIEREN = {
    "triage": (TriageForm, True), "niet_ontvankelijk": (RedenForm, False), "notitie": (TekstForm, False),
    "besproken": (TekstForm, False), "onderzoek": (OnderzoekForm, True), "terugkoppeling": (TerugkoppelForm, False),
}
_SERVICES = {
    "triage": (services.signaal_triage, "Het signaal is in behandeling genomen."),
    "niet_ontvankelijk": (services.signaal_niet_ontvankelijk, "Het signaal is niet in behandeling genomen; de melder "
                                                              "krijgt de reden."),
    "notitie": (services.signaal_notitie, "De notitie is toegevoegd."),
    "besproken": (services.signaal_besproken, "Het gesprek met de aanbieder is vastgelegd."),
    "onderzoek": (services.signaal_onderzoek_koppelen, "Het signaal is aan het onderzoek gekoppeld."),
    "terugkoppeling": (services.signaal_terugkoppelen, "De terugkoppeling is verstuurd aan de melder."),
}


def _formulier(soort, s, data=None):
    klasse, met_signaal = _FORMULIEREN[soort]
    kwargs = {"signaal": s} if met_signaal else {}
    return klasse(data, prefix=soort, **kwargs)


def signaal(request, pk: int):
    b = eis_staf(request)
    s = object_of_404(Signaal.objects.select_related(
        "organisatie", "gemeente", "overeenkomst__aanbesteding", "gemeld_door", "behandelaar", "onderzoek"), b, pk=pk)
    S = Signaal.Status
    open_ = s.status in (S.IN_BEHANDELING, S.MAATREGEL)
    zichtbaar = {
        "triage": s.status == S.ONTVANGEN, "niet_ontvankelijk": s.status == S.ONTVANGEN,
        "notitie": True, "besproken": open_, "onderzoek": s.status == S.ONTVANGEN or open_,
        "terugkoppeling": open_,
    }
    formulieren = {k: _formulier(k, s) for k, v in zichtbaar.items() if v}
    if request.method == "POST":
        soort = request.POST.get("actie_soort")
        if soort in formulieren:
            form = formulieren[soort] = _formulier(soort, s, request.POST)
            if form.is_valid():
                functie, tekst = _SERVICES[soort]
                try:
                    functie(signaal=s, door=request.user, **form.cleaned_data)
                except ValidationError as fout:
                    form.add_error(None, fout)
                except PermissionDenied as fout:
                    fout_melden(request, fout)
                else:
                    messages.success(request, tekst)
                    return redirect("contractbeheer_admin_signaal", pk=s.pk)
    return render(request, "contractbeheer/admin/signalen_signaal.html", {
        "s": s, "stappen": list(s.stappen.select_related("door")), "formulieren": formulieren,
        "maatregelen": list(s.maatregelen.select_related("overeenkomst__aanbesteding")),
        "triage_te_laat": services.triage_te_laat(s), "triage_uiterlijk": services.triage_uiterlijk(
            s.ontvangen_op.astimezone(services.kalender.TZ).date()),
        "titels": {"triage": "Triage", "niet_ontvankelijk": "Niet in behandeling nemen", "notitie": "Interne notitie",
                   "besproken": "Besproken met de aanbieder", "onderzoek": "Koppelen aan een onderzoek",
                   "terugkoppeling": "Terugkoppeling aan de melder"},
    })


# --- URLs and the municipal menu ------------------------------------------------------------------------------

# Included under admin/contractbeheer/signalen/ by wagtail_hooks.py (Wagtail adds its admin access check).
urlpatterns = [
    path("", signalen, name="contractbeheer_admin_signalen"),
    path("<int:pk>/", signaal, name="contractbeheer_admin_signaal"),
    path("doorgeven/", doorgeven, name="contractbeheer_admin_signaal_doorgeven"),
    path("mijn/", mijn_signalen, name="contractbeheer_admin_mijn_signalen"),
    path("mijn/<int:pk>/", mijn_signaal, name="contractbeheer_admin_mijn_signaal"),
    path("register/", register, name="contractbeheer_admin_signalen_register"),
]


class DoorgeverMenuItem(MenuItem):
    def is_shown(self, request):
        return services.mag_doorgeven(request.user)


class GemeenteSubmenu(SubmenuMenuItem):
    """The municipal staff's own top-level menu; the bureau reaches the same screens from its Signalen list."""

    def is_shown(self, request):
        return services.is_gemeente(request.user) and not permissions.is_beheer(request.user)


def gemeente_menu() -> GemeenteSubmenu:
    items = [
        DoorgeverMenuItem("Signaal doorgeven", reverse("contractbeheer_admin_signaal_doorgeven"), icon_name="warning",
                          order=10),
        DoorgeverMenuItem("Mijn signalen", reverse("contractbeheer_admin_mijn_signalen"), icon_name="list-ul",
                          order=20),
        DoorgeverMenuItem("Register gecontracteerde aanbieders", reverse("contractbeheer_admin_signalen_register"),
                          icon_name="doc-full", order=30),
    ]
    return GemeenteSubmenu("Signalen", Menu(items=items), icon_name="warning", order=640)

