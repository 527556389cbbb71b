"""The enforcement ladder and the fines ledger in the Wagtail admin (issue 14; 003 §7.11 r.2862-2885): the list of
measures with filters, a new intention (voornemen), the detail with its timeline and the actions (zienswijze
received by post, besluit, intrekken, fines and their payment), the sealed letters, and the fines ledger with its
export for finance. Contractmanager and Inkoper see the screens in their regions (404 outside them); only the
Contractmanager acts (the services refuse the Inkoper)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from wagtail.snippets.views.snippets import SnippetViewSet

from aanbesteding.models import Aanbesteding
from core import kalender
from core.berichten import fout_melden
from core.export import export_antwoord
from organisaties.models import Organisatie
from organisaties.regios import RegioViewSetMixin, binnen, object_of_404
from overeenkomst.models import Overeenkomst, Uittreding

from .. import permissions
from ..models import Boete, Boetesoort, Maatregel, Onderzoek, Signaal, Trede, Verantwoording
from ..selectors import handhaving as lezen
from ..services import handhaving as services
from ..views.handhaving import brief_antwoord
from ._toegang import beheer_staf

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")



def _bereik(request):
    return permissions.beheer_bereik(request.user)


class _OvereenkomstKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organisatie.naam} – {obj.aanbesteding.titel}"


class _BoetesoortKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj}: {services.tarief_tekst(obj)} ({obj.bron})"


# --- forms ----------------------------------------------------------------------------------------------------


class FilterForm(forms.Form):
    aanbesteding = forms.ModelChoiceField(queryset=Aanbesteding.objects.none(), required=False, label="Procedure",
                                          empty_label="Alle procedures")
    organisatie = forms.ModelChoiceField(queryset=Organisatie.objects.none(), required=False, label="Aanbieder",
                                         empty_label="Alle aanbieders")
    trede = forms.TypedChoiceField(choices=[("", "Alle")] + Trede.choices, required=False, coerce=int,
                                   empty_value=None, label="Maatregel")
    status = forms.ChoiceField(choices=[("", "Alle")] + Maatregel.Status.choices, required=False, label="Status")

    def __init__(self, *args, bereik, statussen=Maatregel.Status.choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = binnen(Aanbesteding.objects, bereik).order_by("titel")
        self.fields["organisatie"].queryset = Organisatie.objects.filter(
            pk__in=binnen(Overeenkomst.objects, bereik).values("organisatie")).order_by("naam")
        self.fields["status"].choices = [("", "Alle"), *statussen]

    def filteren(self, qs):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d["aanbesteding"]:
            qs = qs.filter(overeenkomst__aanbesteding=d["aanbesteding"])
        if d["organisatie"]:
            qs = qs.filter(overeenkomst__organisatie=d["organisatie"])
        if d.get("trede"):
            qs = qs.filter(trede=d["trede"]) if qs.model is Maatregel else qs.filter(maatregel__trede=d["trede"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        return qs


class VoornemenForm(forms.Form):
    overeenkomst = _OvereenkomstKeuze(queryset=Overeenkomst.objects.none(), label="Overeenkomst")
    trede = forms.TypedChoiceField(choices=Trede.choices, coerce=int, label="Maatregel (trede van de ladder)")
    gronden = forms.CharField(label="Gronden", widget=forms.Textarea(attrs={"rows": 6}),
                              help_text="De feiten en overwegingen. Geen namen, initialen, geboortedata of BSN van "
                                        "cliënten.")
    grondslag = forms.CharField(label="Grondslag", max_length=255, required=False,
                                help_text="Leeg: de grondslag van de procedure bij deze trede (Gooi: 003 §7.11 lid N).")
    sprong_reden = forms.CharField(label="Reden om een trede over te slaan", required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}),
                                   help_text="Verplicht als de maatregel zwaarder is dan de volgende trede.")
    signaal = forms.ModelChoiceField(queryset=Signaal.objects.none(), required=False, label="Naar aanleiding van signaal")
    onderzoek = forms.ModelChoiceField(queryset=Onderzoek.objects.none(), required=False,
                                       label="Naar aanleiding van onderzoek")

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overeenkomst"].queryset = (
            binnen(Overeenkomst.objects.exclude(status=Overeenkomst.Status.BEEINDIGD), bereik)
            .select_related("organisatie", "aanbesteding").order_by("organisatie__naam", "aanbesteding__titel"))
        self.fields["signaal"].queryset = (
            binnen(Signaal.objects.filter(status__in=[Signaal.Status.IN_BEHANDELING, Signaal.Status.MAATREGEL]),
                   bereik).select_related("organisatie").order_by("-ontvangen_op"))
        self.fields["onderzoek"].queryset = (binnen(Onderzoek.objects, bereik)
                                             .select_related("overeenkomst__organisatie"))

    def clean(self):
        data = super().clean()
        ovk, trede = data.get("overeenkomst"), data.get("trede")
        if ovk and trede and not (data.get("grondslag") or "").strip():
            data["grondslag"] = services.grondslag_voorstel(ovk.aanbesteding, trede)
            if not data["grondslag"]:
                self.add_error("grondslag", "Vul de grondslag in: deze procedure kent voor deze trede geen "
                                            "vaste grondslag.")
        return data


class ActieForm(forms.Form):
    actie = forms.ChoiceField(choices=[(a, a) for a in ("zienswijze", "besluit", "intrekken", "boete", "betaald",
                                                         "kwijtschelden")])


class ZienswijzeForm(forms.Form):
    tekst = forms.CharField(label="Zienswijze (of de kern ervan)", widget=forms.Textarea(attrs={"rows": 5}))
    ontvangen_op = forms.DateField(label="Ontvangen op", widget=_DATUM)
    kanaal = forms.ChoiceField(label="Ontvangen per", choices=[("post", "Per post"), ("email", "Per e-mail")])


class BesluitForm(forms.Form):
    opleggen = forms.TypedChoiceField(label="Besluit", coerce=lambda v: v == "ja", widget=forms.RadioSelect,
                                      choices=[("ja", "Maatregel opleggen"), ("nee", "Afzien van de maatregel")])
    motivering = forms.CharField(label="Motivering", widget=forms.Textarea(attrs={"rows": 5}))
    ingangsdatum = forms.DateField(label="Ingangsdatum", widget=_DATUM, required=False,
                                   help_text="Bij een cliëntenstop en bij opzegging verplicht.")
    einddatum = forms.DateField(label="Tot en met", widget=_DATUM, required=False,
                                help_text="Leeg: tot opheffing.")
    deelnames = forms.ModelMultipleChoiceField(queryset=None, required=False, label="Percelen (cliëntenstop)",
                                               widget=forms.CheckboxSelectMultiple)
    uittreding_grond = forms.ChoiceField(label="Grond van de opzegging", choices=Uittreding.Grond.choices,
                                         initial=Uittreding.Grond.WANPRESTATIE)

    def __init__(self, *args, maatregel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnames"].queryset = services.lopende_deelnames(maatregel.overeenkomst).select_related("perceel")
        self.fields["deelnames"].label_from_instance = lambda d: f"{d.perceel.code} {d.perceel.naam}"
        if maatregel.trede not in services.STOPTREDEN:
            del self.fields["deelnames"]
        if maatregel.trede != Trede.OPZEGGING:
            del self.fields["uittreding_grond"]
        if maatregel.trede not in (*services.STOPTREDEN, Trede.OPZEGGING):
            del self.fields["einddatum"]


class IntrekkenForm(forms.Form):
    reden = forms.CharField(label="Reden van de intrekking", widget=forms.Textarea(attrs={"rows": 3}))


class BoeteForm(forms.Form):
    soort = _BoetesoortKeuze(queryset=Boetesoort.objects.none(), label="Boete uit het schema")
    aantal = forms.DecimalField(label="Aantal (klachten, medewerkers, uren, gevallen)", required=False, min_value=0,
                                max_digits=10, decimal_places=2)
    perioden = forms.IntegerField(label="Aantal weken (bij een boete per week)", required=False, min_value=1)
    grondslag = forms.DecimalField(label="Grondslag in euro (bij een percentage)", required=False, min_value=0,
                                   max_digits=14, decimal_places=2)
    verantwoording = forms.ModelChoiceField(queryset=Verantwoording.objects.none(), required=False,
                                            label="Te late verantwoording (bij de boete per dag)")

    def __init__(self, *args, maatregel, **kwargs):
        super().__init__(*args, **kwargs)
        ovk = maatregel.overeenkomst
        self.fields["soort"].queryset = Boetesoort.objects.filter(aanbesteding_id=ovk.aanbesteding_id)
        self.fields["verantwoording"].queryset = (Verantwoording.objects.filter(overeenkomst=ovk)
                                                  .select_related("eis", "gemeente").order_by("-jaar", "uiterlijk"))
        self.fields["verantwoording"].label_from_instance = lambda v: f"{v} (uiterlijk {v.uiterlijk:%d-%m-%Y})"


class BoeteKeuzeForm(forms.Form):
    boete = forms.ModelChoiceField(queryset=Boete.objects.none())

    def __init__(self, *args, maatregel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["boete"].queryset = maatregel.boetes.all()


class BetaaldForm(BoeteKeuzeForm):
    betaald_op = forms.DateField(label="Betaald of verrekend op", widget=_DATUM)


class KwijtscheldenForm(BoeteKeuzeForm):
    reden = forms.CharField(label="Reden kwijtschelding", widget=forms.Textarea(attrs={"rows": 2}))


# --- views ----------------------------------------------------------------------------------------------------


def _zoek(request) -> str:
    zoek = request.GET.copy()
    zoek.pop("p", None)
    return zoek.urlencode()


@beheer_staf
def maatregelen(request):
    b = _bereik(request)
    filters = FilterForm(request.GET or None, bereik=b)
    pagina = Paginator(filters.filteren(lezen.maatregelen(b)), 50).get_page(request.GET.get("p"))
    return render(request, "contractbeheer/admin/handhaving_lijst.html", {
        "pagina": pagina, "filters": filters, "zoek": _zoek(request),
    })


@beheer_staf
def maatregel_nieuw(request):
    b = _bereik(request)
    if request.method == "POST":
        form = VoornemenForm(request.POST, bereik=b)
    else:
        initieel = {k: request.GET[k] for k in ("overeenkomst", "trede", "signaal", "onderzoek")
                    if request.GET.get(k, "").isdigit()}
        form = VoornemenForm(initial=initieel, bereik=b)
    ladder = None
    ovk_pk, trede = form["overeenkomst"].value(), form["trede"].value()
    ovk = form.fields["overeenkomst"].queryset.filter(pk=ovk_pk).first() if str(ovk_pk or "").isdigit() else None
    if ovk is not None:
        opgelegd = services.opgelegde_treden(ovk)
        huidig = max(opgelegd, default=None)
        volgende = Trede(services.regels.volgende_trede(opgelegd))
        ladder = {"huidig": Trede(huidig).label if huidig else None, "volgende": volgende.label,
                  "volgende_nr": int(volgende)}
        if request.method != "POST" and str(trede or "").isdigit() and int(trede) in Trede.values:
            form.initial["grondslag"] = services.grondslag_voorstel(ovk.aanbesteding, int(trede))
    if request.method == "POST" and form.is_valid():
        try:
            m = services.voornemen(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, f"Het voornemen is vastgelegd. De zienswijzetermijn loopt tot en met "
                                      f"{m.zienswijze_uiterlijk:%d-%m-%Y}; de brief wordt verzegeld en de aanbieder "
                                      f"krijgt bericht.")
            return redirect("contractbeheer_admin_maatregel", pk=m.pk)
    return render(request, "contractbeheer/admin/handhaving_nieuw.html", {
        "form": form, "ladder": ladder,
        "mag_handelen": services.heeft_staffgroep(request.user, services.CONTRACTMANAGER),
    })


def _tijdlijn(m: Maatregel) -> list[tuple]:
    """(moment, wat, toelichting) in time order."""
    regels = [(m.voornemen_op, "Voornemen verzonden", f"Zienswijze uiterlijk {m.zienswijze_uiterlijk:%d-%m-%Y}")]
    if m.zienswijze_op:
        regels.append((m.zienswijze_op, "Zienswijze ontvangen", m.get_zienswijze_kanaal_display()))
    if m.besluit_op:
        regels.append((m.besluit_op, "Besluit: " + ("afgezien" if m.status == Maatregel.Status.AFGEZIEN
                                                    else "opgelegd"), m.besluit_toelichting))
    for boete in m.boetes.all():
        regels.append((kalender.deadline_op(boete.opgelegd_op, 12, 0), f"Boete {boete.soort}", boete.berekening))
    if m.ingetrokken_op:
        regels.append((m.ingetrokken_op, "Ingetrokken", m.intrekking_reden))
    return sorted(regels, key=lambda r: r[0])


_ACTIES = {
    "zienswijze": (ZienswijzeForm, "zienswijze_vastleggen", "De zienswijze is vastgelegd."),
    "besluit": (BesluitForm, "besluiten", "Het besluit is vastgelegd; de besluitbrief wordt verzegeld."),
    "intrekken": (IntrekkenForm, "intrekken", "De maatregel is ingetrokken."),
    "boete": (BoeteForm, "boete_opleggen", "De boete is geboekt."),
    "betaald": (BetaaldForm, "boete_betaald", "De boete staat als betaald."),
    "kwijtschelden": (KwijtscheldenForm, "boete_kwijtschelden", "De boete is kwijtgescholden."),
}
_MET_MAATREGEL = {"besluit", "boete", "betaald", "kwijtschelden"}


def _formulier(actie: str, m: Maatregel, data=None):
    klasse = _ACTIES[actie][0]
    extra = {"maatregel": m} if actie in _MET_MAATREGEL else {}
    return klasse(data, prefix=actie, **extra)


@beheer_staf
def maatregel(request, pk: int):
    b = _bereik(request)
    m = object_of_404(Maatregel.objects.select_related(
        "overeenkomst__organisatie", "overeenkomst__aanbesteding", "signaal", "onderzoek", "uittreding",
        "opgesteld_door", "besloten_door", "ingetrokken_door"), b, pk=pk)
    formulieren = {a: _formulier(a, m) for a in _ACTIES}
    if request.method == "POST":
        keuze = ActieForm(request.POST)
        actie = keuze.cleaned_data["actie"] if keuze.is_valid() else None
        if actie:
            form = formulieren[actie] = _formulier(actie, m, request.POST)
            if form.is_valid():
                data = dict(form.cleaned_data)
                try:
                    if actie in ("betaald", "kwijtschelden"):
                        getattr(services, _ACTIES[actie][1])(door=request.user, **data)
                    else:
                        getattr(services, _ACTIES[actie][1])(maatregel=m, door=request.user, **data)
                except ValidationError as fout:
                    form.add_error(None, fout)
                except PermissionDenied as fout:
                    fout_melden(request, fout)
                else:
                    messages.success(request, _ACTIES[actie][2])
                    return redirect("contractbeheer_admin_maatregel", pk=m.pk)
    return render(request, "contractbeheer/admin/handhaving_maatregel.html", {
        "m": m, "f": formulieren, "tijdlijn": _tijdlijn(m), "boetes": list(m.boetes.select_related("soort")),
        "stops": list(m.clientenstops.select_related("deelname__perceel")),
        "besluit_mogelijk": services.besluit_mogelijk(m), "vandaag": kalender.vandaag(),
        "kan_handelen": services.is_contractmanager_van(request.user, m),
        "boetetrede": m.trede in services.BOETETREDEN,
    })


@beheer_staf
def brief_voornemen(request, pk: int):
    return brief_antwoord(object_of_404(Maatregel.objects.all(), _bereik(request), pk=pk), "brief_voornemen")


@beheer_staf
def brief_besluit(request, pk: int):
    return brief_antwoord(object_of_404(Maatregel.objects.all(), _bereik(request), pk=pk), "brief_besluit")


# --- the ledger -----------------------------------------------------------------------------------------------


def _boetes_gefilterd(request):
    b = _bereik(request)
    filters = FilterForm(request.GET or None, bereik=b, statussen=Boete.Status.choices)
    return filters, filters.filteren(lezen.boetes(b))


@beheer_staf
def boetes(request):
    filters, qs = _boetes_gefilterd(request)
    pagina = Paginator(qs, 100).get_page(request.GET.get("p"))
    return render(request, "contractbeheer/admin/handhaving_boetes.html", {
        "pagina": pagina, "filters": filters, "zoek": _zoek(request), "totalen": lezen.totalen(qs),
    })


KOP = ["Aanbieder", "KvK", "Procedure", "Maatregel", "Boete", "Berekening", "Bedrag", "Status", "Opgelegd op",
       "Betaald op", "Reden kwijtschelding", "Bron"]


def _exportregels(qs):
    for x in qs:
        yield [x.overeenkomst.organisatie.naam, x.overeenkomst.organisatie.kvk_nummer, x.overeenkomst.aanbesteding.titel,
               x.maatregel_id, x.soort.omschrijving, x.berekening, x.bedrag, x.get_status_display(),
               f"{x.opgelegd_op:%d-%m-%Y}", f"{x.betaald_op:%d-%m-%Y}" if x.betaald_op else "",
               x.kwijtschelding_reden, x.soort.bron]


@beheer_staf
def boetes_export(request):
    """The ledger with the page's filters as CSV or XLSX for finance; every cell passes core.export."""
    _, qs = _boetes_gefilterd(request)
    naam = f"boetes-{kalender.vandaag():%Y-%m-%d}"
    rijen = list(_exportregels(qs))
    # The amount (column 7) as a number in the XLSX, with a decimal comma in the CSV.
    return export_antwoord(naam, KOP, rijen, formaat=request.GET.get("formaat", ""), blad="Boetes",
                           csv_rijen=([*r[:6], str(r[6]).replace(".", ","), *r[7:]] for r in rijen))


# --- the schedule as a snippet (003 §7.11 r.2876-2880; loaded by "Regels uit bron laden") -----------------------


class BoetesoortViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Boetesoort
    icon = "form"
    menu_label = "Boeteschema"
    list_display = ["omschrijving", "aanbesteding", "bedrag", "eenheid", "per_periode", "percentage", "bron"]
    list_filter = ["aanbesteding"]

