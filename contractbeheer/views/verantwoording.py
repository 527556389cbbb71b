"""The provider's yearly verantwoording under /mijn/verplichtingen/verantwoording/ (issue 13; 002 B1 32-34; 003 §13,
§2.5.7, Eis 53). Thin: parse with a form, call one service, render. Every duty and submission is looked up
through the user's active organisation, so another organisation's id is a 404 (no IDOR). A refused submission
re-renders the bound form: nothing typed is lost (a browser never refills a file input, the page says so)."""

from __future__ import annotations

import mimetypes
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from core import kalender
from core.berichten import fout_melden
from core.export import XLSX_TYPE
from core.geld import formatteer_euro
from core.uploads import accept_attribuut
from core.views import stream_prive_bestand
from organisaties.portaal import actieve_organisatie_of_404
from sroi.forms import BedragVeld

from .. import services
from ..clientgegevens import valideer_vrije_tekst
from ..models import Omzetregel, Verantwoording, Verantwoordingseis, Verantwoordingsinzending
from ..services.verantwoording import BESTANDSOORTEN, STANDAARD_BESTANDSOORTEN

Soort = Verantwoordingseis.Soort
AANWIJZING = ("Vermeld geen gegevens waarmee een cliënt te herkennen is: geen namen, initialen, geboortedata of "
              "BSN.")
INDIENBAAR = (Verantwoording.Status.OPEN, Verantwoording.Status.HERSTEL, Verantwoording.Status.AFGEWEZEN)


class _NietNegatief(BedragVeld):
    """An amount or number as typed the Dutch way ("1.250,50"); empty is None; never negative."""

    def to_python(self, value):
        waarde = super().to_python(value)
        if waarde is not None and waarde < 0:
            raise forms.ValidationError("Vul een getal van 0 of meer in.", code="negatief")
        return waarde


class VerantwoordingForm(forms.Form):
    """One form for every part; the fields follow the part (the service decides what is required)."""

    def __init__(self, *args, verantwoording: Verantwoording, producten, **kwargs):
        super().__init__(*args, **kwargs)
        eis = verantwoording.eis
        self.producten = producten
        if eis.per_product:
            for p in producten:
                self.fields[f"aantal_{p.pk}"] = _NietNegatief(label=f"Aantal {p.code}", required=False)
                self.fields[f"omzet_{p.pk}"] = _NietNegatief(label=f"Omzet {p.code}", required=False)
            self.fields["sjabloon_bestand"] = forms.FileField(
                label="Of: het ingevulde sjabloon (XLSX of CSV)", required=False,
                help_text="Vult u het sjabloon in, dan gelden de cijfers uit het bestand in plaats van de tabel.",
                widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
            )
        elif eis.soort == Soort.FINANCIEEL:
            self.fields["omzet"] = _NietNegatief(
                label="Omzet (excl. btw) over het jaar" + (" in deze gemeente" if verantwoording.gemeente_id else ""),
                help_text="In euro's, bijvoorbeeld 48.250,00. Geen omzet: vul 0 in.",
            )
        if eis.soort == Soort.KLACHTEN_INNOVATIE:
            self.fields["aantal_klachten"] = forms.IntegerField(label="Aantal klachten", min_value=0,
                                                                help_text="0 als er geen klachten waren.")
            self.fields["klachtenanalyse"] = forms.CharField(
                label="Analyse van de klachten", widget=forms.Textarea(attrs={"rows": 5}),
                help_text="Aard, trends en verbetermaatregelen (002 B1 34). " + AANWIJZING,
            )
            self.fields["innovatie"] = forms.CharField(
                label="Bijdrage aan transformatie en innovatie", widget=forms.Textarea(attrs={"rows": 5}),
                help_text=AANWIJZING,
            )
        if eis.bestand_verplicht or eis.soort in (Soort.JAARDOCUMENT, Soort.PRESTATIEVERKLARING, Soort.FINANCIEEL):
            soorten = BESTANDSOORTEN.get(eis.soort, STANDAARD_BESTANDSOORTEN)
            label = {Soort.FINANCIEEL: "Controle- of bestuursverklaring (PDF)", Soort.JAARDOCUMENT: "Jaardocument",
                     Soort.PRESTATIEVERKLARING: "Prestatieverklaring (PDF)"}.get(eis.soort, "Document")
            self.fields["bestand"] = forms.FileField(
                label=label, required=eis.bestand_verplicht,
                widget=forms.ClearableFileInput(attrs={"accept": accept_attribuut(soorten)}),
            )
        if eis.soort in services.verantwoording.OMZETSOORTEN:
            self.fields["afwijking_toelichting"] = forms.CharField(
                label="Toelichting op een verschil met uw SROI-omzet", required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Alleen nodig als uw totale omzet meer dan € 1 afwijkt van de SROI-omzet die u voor dit "
                          "jaar hebt gemeld.",
            )
        self.fields["toelichting"] = forms.CharField(label="Toelichting", required=False,
                                                     widget=forms.Textarea(attrs={"rows": 3}), help_text=AANWIJZING)
        for veld in ("toelichting", "klachtenanalyse", "innovatie", "afwijking_toelichting"):
            if veld in self.fields:
                self.fields[veld].validators.append(valideer_vrije_tekst)

    @property
    def productrijen(self):
        """(product, aantal field, omzet field) for the table."""
        return [(p, self[f"aantal_{p.pk}"], self[f"omzet_{p.pk}"]) for p in self.producten]

    @property
    def overige_velden(self):
        """Every field but the table's (those are drawn in the table)."""
        return [self[n] for n in self.fields if n == "aantal_klachten" or not n.startswith(("aantal_", "omzet_"))]

    def regels(self) -> list:
        """The lines typed in the table: every product with an aantal or an omzet (empty rows are left out)."""
        uit = []
        for p in self.producten:
            aantal, omzet = self.cleaned_data.get(f"aantal_{p.pk}"), self.cleaned_data.get(f"omzet_{p.pk}")
            if aantal is not None or omzet is not None:
                uit.append((p, aantal or 0, omzet or 0))
        return uit

    def fout_toevoegen(self, fout: ValidationError, *, regels_veld: str | None = None) -> None:
        """Put a service refusal next to the field it is about; what has no field goes to the top."""
        if not hasattr(fout, "error_dict"):
            self.add_error(None, fout)
            return
        for veld, berichten in fout.message_dict.items():
            if veld == "regels" and regels_veld:
                veld = regels_veld
            self.add_error(veld if veld in self.fields and veld != NON_FIELD_ERRORS else None, berichten)


def _eigen_verantwoording(request, pk) -> Verantwoording:
    org = actieve_organisatie_of_404(request)
    return get_object_or_404(
        Verantwoording.objects.select_related("eis", "gemeente", "overeenkomst__aanbesteding",
                                              "overeenkomst__organisatie"),
        pk=pk, overeenkomst__organisatie=org,
    )


def _verklaring_tekst(v: Verantwoording, omzet) -> str:
    soort = services.verklaring_bij(v, omzet)
    if not soort:
        return ""
    naam = dict(Verantwoordingsinzending.Verklaring.choices)[soort].lower()
    return f"Bij een omzet van {formatteer_euro(omzet)} hoort een {naam}."


@login_required
def verantwoording(request, pk: int):
    v = _eigen_verantwoording(request, pk)
    eis = v.eis
    producten = services.producten_voor(v) if eis.per_product else []
    vandaag = kalender.vandaag()
    open_vanaf = date(v.jaar + 1, 1, 1)
    kan_indienen = v.status in INDIENBAAR and vandaag >= open_vanaf
    post = request.method == "POST"  # an empty POST is still a submission (its errors must show)
    form = VerantwoordingForm(request.POST if post else None, request.FILES if post else None, verantwoording=v,
                              producten=producten)
    if request.method == "POST":
        if not kan_indienen:
            messages.error(request, "Deze verantwoording kan nu niet worden ingediend.")
            return redirect("contractbeheer:verantwoording", pk=v.pk)
        if form.is_valid():
            d = form.cleaned_data
            regels, regels_veld = None, None
            try:
                if eis.per_product and d.get("sjabloon_bestand"):
                    regels_veld = "sjabloon_bestand"
                    regels = services.verantwoording_importeren(verantwoording=v, bestand=d["sjabloon_bestand"])
                elif eis.per_product:
                    regels = form.regels()
                services.verantwoording_indienen(
                    verantwoording=v, door=request.user, regels=regels, omzet=d.get("omzet"),
                    bestand=d.get("bestand"), aantal_klachten=d.get("aantal_klachten"),
                    klachtenanalyse=d.get("klachtenanalyse", ""), innovatie=d.get("innovatie", ""),
                    toelichting=d.get("toelichting", ""), afwijking_toelichting=d.get("afwijking_toelichting", ""),
                )
            except ValidationError as fout:
                if regels_veld and not hasattr(fout, "error_dict"):
                    form.add_error(regels_veld, fout)  # the rows of the uploaded template
                else:
                    form.fout_toevoegen(fout, regels_veld=regels_veld)
            except PermissionDenied as fout:
                fout_melden(request, fout)
                return redirect("contractbeheer:verantwoording", pk=v.pk)
            else:
                messages.success(request, f"Uw {eis.naam.lower()} over {v.jaar} is ingediend. Het bureau "
                                          "beoordeelt haar; u krijgt bericht per e-mail.")
                return redirect("contractbeheer:verantwoording", pk=v.pk)
    inzendingen = list(v.inzendingen.select_related("ingediend_door").prefetch_related(
        Prefetch("regels", queryset=Omzetregel.objects.select_related("product"))))
    omzet = form.cleaned_data.get("omzet") if form.is_bound and hasattr(form, "cleaned_data") else None
    if omzet is None and inzendingen:
        omzet = inzendingen[0].omzet
    drempel = services.beheerregels_van(v.overeenkomst.aanbesteding).drempel_controleverklaring
    return render(request, "contractbeheer/verantwoording_detail.html", {
        "v": v, "eis": eis, "form": form, "inzendingen": inzendingen, "kan_indienen": kan_indienen,
        "open_vanaf": open_vanaf, "te_laat": v.status in INDIENBAAR and vandaag > v.geldende_termijn,
        "verklaring_tekst": _verklaring_tekst(v, omzet) if omzet is not None else "",
        "drempel": drempel, "herstel": inzendingen[0] if inzendingen and v.status == v.Status.HERSTEL else None,
        "laatste_reden": next((i for i in inzendingen if i.reden), None),
    })


@login_required
def sjabloon(request, pk: int):
    v = _eigen_verantwoording(request, pk)
    if not v.eis.per_product:
        raise Http404("Voor dit onderdeel is er geen sjabloon.")
    antwoord = HttpResponse(services.sjabloon(v), content_type=XLSX_TYPE)
    naam = slugify(f"verantwoording {v.eis.soort} {v.jaar} {v.gemeente.naam if v.gemeente_id else ''}")
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
    antwoord["Cache-Control"] = "private, no-store"
    return antwoord


@login_required
def inzending_bestand(request, pk: int):
    org = actieve_organisatie_of_404(request)
    inz = get_object_or_404(Verantwoordingsinzending, pk=pk, verantwoording__overeenkomst__organisatie=org)
    if not inz.bestand:
        raise Http404("Bij deze inzending hoort geen bestand.")
    return stream_prive_bestand(inz.bestand, inz.originele_naam,
                                mime_type=mimetypes.guess_type(inz.originele_naam)[0] or "application/octet-stream")
