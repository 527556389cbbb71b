"""The bureau's monitoring in the Wagtail admin (issue 14): the dashboard (providers × KPIs with the latest figure
and its traffic light, and the wachttijd per perceel against its norm), one provider's figures over time as SVG
line charts with the same figures in tables, recording a figure for a provider (herkomst "staf"), the export
(CSV/XLSX through core.export) and the steering information from the approved verantwoordingen (001 §4.6.1;
002 UOK 13.1). Contractmanager and Inkoper only, in their regions (ADR 0011): an agreement of another region is a
404, a procedure of another region an invalid choice."""

from __future__ import annotations

import io
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from wagtail.snippets.views.snippets import SnippetViewSet

from aanbesteding.models import Aanbesteding, Perceel
from core import kalender
from core.berichten import fout_melden
from core.export import XLSX_TYPE, csv_writer, xlsx_bytes
from organisaties.regios import RegioViewSetMixin, binnen, object_of_404
from overeenkomst.models import Overeenkomst

from .. import permissions, regels
from ..grafiek_monitoring import beschrijving, lijngrafiek
from ..models import Beheerregels, Kpi, Wachttijdnorm
from ..selectors import monitoring as sel
from ..services import monitoring as svc
from ._toegang import beheer_staf

PER_PAGINA = 100


class _PerceelKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.naam}"


class DashboardFilter(forms.Form):
    aanbesteding = forms.ModelChoiceField(queryset=Aanbesteding.objects.none(), required=False, label="Procedure",
                                          empty_label=None)
    perceel = _PerceelKeuze(queryset=Perceel.objects.none(), required=False, label="Perceel",
                            empty_label="Alle percelen")
    van = forms.DateField(label="Vanaf", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label="Tot en met", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = binnen(Aanbesteding.objects, bereik).order_by("-looptijd_start",
                                                                                             "titel")
        self.fields["perceel"].queryset = binnen(Perceel.objects, bereik).order_by("code")

    def waarden(self) -> dict:
        """The valid choices; the procedure defaults to the first of the user's regions, the range to the last
        24 months. A perceel of another procedure is dropped."""
        self.is_valid()
        d = getattr(self, "cleaned_data", {})
        vandaag = kalender.vandaag()
        ab = d.get("aanbesteding") or self.fields["aanbesteding"].queryset.first()
        perceel = d.get("perceel")
        if perceel is not None and (ab is None or perceel.aanbesteding_id != ab.pk):
            perceel = None
        van = d.get("van") or sel.begin_venster(vandaag)
        tot = d.get("tot") or vandaag
        if van > tot:
            van, tot = tot, van
        return {"aanbesteding": ab, "perceel": perceel, "van": van, "tot": tot}


def _filter(request):
    bereik = permissions.beheer_bereik(request.user)
    form = DashboardFilter(request.GET or None, bereik=bereik)
    return form, form.waarden(), bereik


def _overeenkomsten(bereik, w):
    return sel.dashboard_overeenkomsten(binnen(Overeenkomst.objects, bereik), aanbesteding=w["aanbesteding"],
                                        perceel=w["perceel"])


@beheer_staf
def dashboard(request):
    form, w, bereik = _filter(request)
    context = {"form": form, "w": w, "kpis": [], "pagina": None, "regels": []}
    if w["aanbesteding"] is not None:
        ab = w["aanbesteding"]
        kpis = list(Kpi.objects.filter(aanbesteding=ab))
        normen = list(Wachttijdnorm.objects.filter(aanbesteding=ab))
        pagina = Paginator(_overeenkomsten(bereik, w), PER_PAGINA).get_page(request.GET.get("p"))
        context.update(kpis=kpis, pagina=pagina, regels=sel.dashboard_regels(
            list(pagina), kpis, normen, van=w["van"], tot=w["tot"], perceel=w["perceel"]))
    zoek = request.GET.copy()
    zoek.pop("p", None)
    context["zoek"] = zoek.urlencode()
    return render(request, "contractbeheer/admin/monitoring_dashboard.html", context)


class StafCijferForm(forms.Form):
    kpi = forms.ModelChoiceField(queryset=Kpi.objects.none(), label="KPI")
    perceel = _PerceelKeuze(queryset=Perceel.objects.none(), required=False, label="Perceel",
                            empty_label="(niet per perceel)")
    periode = forms.CharField(label="Periode", max_length=10, help_text="Bijvoorbeeld 2026-K1, 2026-03 of 2026.")
    waarde = forms.DecimalField(label="Waarde", max_digits=14, decimal_places=2, localize=True)
    toelichting = forms.CharField(label="Toelichting (bijvoorbeeld: ontvangen per e-mail op …)", required=False,
                                  max_length=1000)

    def __init__(self, *args, overeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kpi"].queryset = Kpi.objects.filter(aanbesteding=overeenkomst.aanbesteding_id)
        self.fields["perceel"].queryset = Perceel.objects.filter(aanbesteding=overeenkomst.aanbesteding_id) \
            .order_by("code")

    def clean(self):
        data = super().clean()
        kpi, periode = data.get("kpi"), data.get("periode")
        if kpi and periode:
            try:
                soort, start = svc.periode_uit_code(periode)
            except ValueError:
                self.add_error("periode", "Schrijf de periode als 2026-K1 (kwartaal), 2026-03 (maand) of 2026 (jaar).")
                return data
            if soort != kpi.periode:
                self.add_error("periode", f"Deze KPI wordt {kpi.get_periode_display()} aangeleverd.")
            data["periode_start"] = start
        return data


@beheer_staf
def aanbieder(request, pk: int):
    """One provider's figures over time: a chart per KPI and for the wachttijden, each with its table."""
    bereik = permissions.beheer_bereik(request.user)
    ovk = object_of_404(Overeenkomst.objects.select_related("organisatie", "aanbesteding"), bereik, pk=pk)
    vandaag = kalender.vandaag()
    van, tot = sel.begin_venster(vandaag), vandaag
    form = StafCijferForm(request.POST if request.method == "POST" else None, overeenkomst=ovk)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            svc.kpiwaarde_vastleggen_door_bureau(overeenkomst=ovk, door=request.user, cijfer=svc.Cijfer(
                d["kpi"], d["perceel"], d["periode_start"], Decimal(d["waarde"]), d["toelichting"]))
        except ValidationError as fout:
            for tekst in fout.messages:
                form.add_error(None, tekst)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Het cijfer is vastgelegd.")
            return redirect("contractbeheer_admin_monitoring_aanbieder", pk=ovk.pk)
    reeksen = sel.aanbieder_reeksen(ovk, van=van, tot=tot)
    kpis = []
    for k, rs in reeksen["kpis"]:
        eenheid = k.get_eenheid_display()
        titel = f"{k.naam} ({eenheid}), {regels.periode_label(van, 'maand')} – {regels.periode_label(tot, 'maand')}"
        svg = lijngrafiek(id_=f"kpi-{k.pk}", titel=titel, beschrijving=beschrijving(k.naam, rs, eenheid, k.norm),
                          reeksen=rs, eenheid=eenheid, norm=k.norm, drempel=k.drempel_oranje)
        tabel = [(regels.periode_label(d, k.periode), r.naam, w, sel.kleur_kpi(k, w)) for r in rs for d, w in r.punten]
        kpis.append({"kpi": k, "svg": svg, "tabel": sorted(tabel, key=lambda t: t[1])})
    wacht = []
    for perceel, reeks, norm, rijen in reeksen["wachttijden"]:
        titel = f"Wachttijd perceel {perceel.code} (kalenderdagen)"
        normdagen = Decimal(norm.max_dagen) if norm else None
        svg = lijngrafiek(id_=f"wacht-{perceel.pk}", titel=titel, reeksen=[reeks], eenheid="dagen", norm=normdagen,
                          beschrijving=beschrijving(titel, [reeks], "dagen", normdagen))
        wacht.append({"perceel": perceel, "norm": norm, "svg": svg, "rijen": rijen})
    return render(request, "contractbeheer/admin/monitoring_aanbieder.html", {
        "ovk": ovk, "kpis": kpis, "wacht": wacht, "form": form, "van": van, "tot": tot,
    })


KOP_KPI = ["Aanbieder", "Procedure", "KPI", "Eenheid", "Perceel", "Periode", "Waarde", "Norm", "Stoplicht",
           "Herkomst", "Toelichting", "Vastgelegd op"]
KOP_WACHT = ["Aanbieder", "Procedure", "Perceel", "Maand", "Wachttijd (dagen)", "Norm (dagen)", "Stoplicht",
             "Wachtenden", "Capaciteit vrij", "Capaciteit aangehouden", "Toelichting"]


def _kpirijen(qs):
    for w in qs:
        yield [w.overeenkomst.organisatie.naam, w.overeenkomst.aanbesteding.titel, w.kpi.naam,
               w.kpi.get_eenheid_display(), w.perceel.code if w.perceel_id else "",
               regels.periode_label(w.periode_start, w.kpi.periode), w.waarde, w.kpi.norm,
               sel.KLEURLABEL[sel.kleur_kpi(w.kpi, w.waarde)], w.get_herkomst_display(), w.toelichting,
               w.vastgelegd_op.astimezone(kalender.TZ).strftime("%d-%m-%Y %H:%M")]


def _wachtrijen(qs, normen):
    for w in qs:
        norm = sel.norm_voor(normen, w.perceel_id)
        max_dagen = norm.max_dagen if norm else None
        yield [w.overeenkomst.organisatie.naam, w.overeenkomst.aanbesteding.titel, w.perceel.code,
               regels.periode_label(w.maand, "maand"), w.wachttijd_dagen, max_dagen,
               sel.KLEURLABEL[regels.wachttijd_stoplicht(w.wachttijd_dagen, max_dagen)], w.wachtenden,
               w.capaciteit_vrij, w.capaciteit_aangehouden, w.toelichting]


@beheer_staf
def export(request):
    """All figures of the dashboard's filter as CSV (``?gegevens=wachttijden`` for the wachttijden) or XLSX (both
    as sheets); every text cell passes core.export (formula injection)."""
    form, w, bereik = _filter(request)
    ab = w["aanbesteding"]
    if ab is None:
        raise PermissionDenied("Er is geen procedure in uw regio's.")
    ovks = _overeenkomsten(bereik, w)
    kpis = list(Kpi.objects.filter(aanbesteding=ab))
    normen = list(Wachttijdnorm.objects.filter(aanbesteding=ab))
    kpiqs = sel.export_kpiwaarden(ovks, kpis=kpis, van=w["van"], tot=w["tot"], perceel=w["perceel"])
    wachtqs = sel.export_wachttijden(ovks, van=w["van"], tot=w["tot"], perceel=w["perceel"])
    naam = f"monitoring-{ab.slug or ab.pk}-{w['van']:%Y-%m}-{w['tot']:%Y-%m}"
    if request.GET.get("formaat") == "xlsx":
        antwoord = HttpResponse(xlsx_bytes([("KPI-cijfers", KOP_KPI, _kpirijen(kpiqs)),
                                            ("Wachttijden", KOP_WACHT, _wachtrijen(wachtqs, normen))]),
                                content_type=XLSX_TYPE)
        antwoord["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
        return antwoord
    buffer = io.StringIO()
    schrijver = csv_writer(buffer)
    if request.GET.get("gegevens") == "wachttijden":
        schrijver.writerow(KOP_WACHT)
        schrijver.writerows(_wachtrijen(wachtqs, normen))
        naam += "-wachttijden"
    else:
        schrijver.writerow(KOP_KPI)
        schrijver.writerows(_kpirijen(kpiqs))
    antwoord = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.csv"'
    return antwoord


class StuurFilter(forms.Form):
    aanbesteding = forms.ModelChoiceField(queryset=Aanbesteding.objects.none(), required=False, label="Procedure",
                                          empty_label=None)
    jaar = forms.IntegerField(label="Jaar", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = binnen(Aanbesteding.objects, bereik).order_by("-looptijd_start",
                                                                                             "titel")


@beheer_staf
def stuurinformatie(request):
    """001 §4.6.1: turnover per municipality per year, units per product, the top ten providers and the
    comparison between years; and the providers with 80 % of the turnover (002 UOK 13.1)."""
    bereik = permissions.beheer_bereik(request.user)
    form = StuurFilter(request.GET or None, bereik=bereik)
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    ab = d.get("aanbesteding") or form.fields["aanbesteding"].queryset.first()
    context = {"form": form, "ab": ab}
    if ab is not None:
        vergelijking = sel.jaarvergelijking(ab)
        jaar = d.get("jaar") or (vergelijking[-1]["jaar"] if vergelijking else kalender.vandaag().year - 1)
        beheer = Beheerregels.objects.filter(aanbesteding=ab).first()
        context.update(
            jaar=jaar, vergelijking=vergelijking, per_gemeente=sel.omzet_per_gemeente(ab),
            per_product=sel.eenheden_per_product(ab), top=sel.top_aanbieders(ab, jaar),
            grootste=sel.grootste_aanbieders(ab, jaar), pct=beheer.gesprekken_omzetaandeel_pct if beheer else 80,
        )
    return render(request, "contractbeheer/admin/monitoring_stuurinformatie.html", context)


# --- snippets: KPIs and wachttijdnormen per procedure (loaded from the sources, then editable) -----------------


class KpiViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Kpi
    icon = "table"
    menu_label = "KPI's"
    list_display = ["naam", "aanbesteding", "eenheid", "periode", "richting", "norm", "drempel_oranje",
                    "per_perceel"]
    list_filter = ["aanbesteding", "periode"]


class WachttijdnormViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Wachttijdnorm
    icon = "time"
    menu_label = "Wachttijdnormen"
    list_display = ["naam", "aanbesteding", "perceel", "max_dagen"]
    list_filter = ["aanbesteding"]
