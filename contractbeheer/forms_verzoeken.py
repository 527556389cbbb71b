"""Forms of informatieverzoeken and onderzoeken (provider and staff). Staff choices are narrowed to the user's
regions (issue 17): a procedure, perceel or agreement of another region is an invalid choice."""

from __future__ import annotations

from django import forms

from aanbesteding.models import Aanbesteding, Perceel
from core import kalender
from core.uploads import accept_attribuut
from organisaties.regios import binnen
from overeenkomst.models import Overeenkomst

from .models import Onderzoek
from .services._gemeen import DOCUMENTEN

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
GEEN_CLIENTGEGEVENS = ("Noem geen namen of burgerservicenummers van cliënten; gebruik zo nodig een eigen code, "
                       "zoals “K-2024-017”.")


def _bestand(label: str) -> forms.FileField:
    return forms.FileField(label=label, required=False, help_text="PDF of Office-document (optioneel).",
                           widget=forms.ClearableFileInput(attrs={"accept": accept_attribuut(DOCUMENTEN)}))


class _Bereik(forms.Form):
    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            if isinstance(veld, forms.ModelChoiceField):
                veld.queryset = binnen(veld.queryset, bereik)


class _OvereenkomstKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organisatie.naam} – {obj.aanbesteding.titel}"


class _PerceelKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.aanbesteding.titel} – {obj.code} {obj.naam}"


# --- staff ----------------------------------------------------------------------------------------------


class VerzoekForm(_Bereik):
    aanbesteding = forms.ModelChoiceField(label="Procedure", queryset=Aanbesteding.objects.order_by("titel"))
    perceel = _PerceelKeuze(
        label="Aan alle aanbieders van perceel", required=False,
        queryset=Perceel.objects.select_related("aanbesteding").order_by("aanbesteding__titel", "volgorde", "code"),
    )
    overeenkomst = _OvereenkomstKeuze(
        label="Of aan één aanbieder", required=False,
        queryset=Overeenkomst.objects.filter(status=Overeenkomst.Status.ACTIEF)
        .select_related("organisatie", "aanbesteding").order_by("organisatie__naam"),
    )
    onderwerp = forms.CharField(label="Onderwerp", max_length=200)
    vraag = forms.CharField(label="Vraag", widget=forms.Textarea(attrs={"rows": 6}))
    bestand = _bestand("Bijlage")
    termijn_werkdagen = forms.IntegerField(
        label="Termijn (werkdagen)", required=False, min_value=1,
        help_text="Leeg: de termijn van de procedure (002 UOK 5.1: tien werkdagen).",
    )
    termijn_reden = forms.CharField(
        label="Reden afwijkende termijn", required=False, max_length=255,
        help_text="Alleen bij een andere termijn: wat is met de aanbieder(s) afgesproken?",
    )

    def clean(self):
        gegevens = super().clean()
        if bool(gegevens.get("perceel")) == bool(gegevens.get("overeenkomst")):
            raise forms.ValidationError("Kies een perceel of één aanbieder, niet allebei.")
        return gegevens


class VerzoekActieForm(forms.Form):
    actie = forms.ChoiceField(choices=[("verzenden", "Verzenden"), ("sluiten", "Sluiten")])


class AntwoordActieForm(forms.Form):
    actie = forms.ChoiceField(choices=[("beoordelen", "Beoordelen"), ("verlengen", "Termijn verlengen")])


class BeoordelingForm(forms.Form):
    besluit = forms.ChoiceField(label="Beoordeling", widget=forms.RadioSelect, choices=[
        ("akkoord", "Akkoord: het antwoord is compleet"), ("aanvulling", "Aanvulling vragen")])
    reactie = forms.CharField(label="Reactie aan de aanbieder", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="Verplicht bij een aanvulling: wat ontbreekt er?")

    @property
    def akkoord(self) -> bool:
        return self.cleaned_data["besluit"] == "akkoord"


class VerlengForm(forms.Form):
    uiterlijk = forms.DateField(label="Nieuwe termijn (uiterlijk)", widget=DATUM)
    reden = forms.CharField(label="Wat is met de aanbieder afgesproken?", max_length=1000,
                            widget=forms.Textarea(attrs={"rows": 2}))


class OnderzoekForm(_Bereik):
    overeenkomst = _OvereenkomstKeuze(
        label="Overeenkomst", queryset=Overeenkomst.objects.filter(status=Overeenkomst.Status.ACTIEF)
        .select_related("organisatie", "aanbesteding").order_by("organisatie__naam"),
    )
    signaal = forms.CharField(label="Signaal (zoals schriftelijk gemeld)", widget=forms.Textarea(attrs={"rows": 5}))
    gemeld_op = forms.DateField(label="Schriftelijk gemeld op", widget=DATUM, required=False,
                                help_text="De datum van de brief of e-mail aan de aanbieder; leeg is vandaag.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeld_op"].initial = kalender.vandaag()


class OnderzoekStapForm(forms.Form):
    actie = forms.ChoiceField(choices=[("instellen", "Onderzoek instellen"), ("resultaat", "Resultaat melden"),
                                       ("afsluiten", "Besluiten")])
    resultaat = forms.CharField(label="Resultaat van het onderzoek", required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    uitkomst = forms.ChoiceField(label="Besluit", required=False,
                                 choices=[("", "---------"), *Onderzoek.Uitkomst.choices])
    toelichting = forms.CharField(label="Toelichting bij het besluit", required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


# --- provider -------------------------------------------------------------------------------------------


class AntwoordForm(forms.Form):
    antwoord = forms.CharField(label="Uw antwoord", widget=forms.Textarea(attrs={"rows": 8}),
                               help_text=GEEN_CLIENTGEGEVENS)
    bestand = _bestand("Document bij uw antwoord")


class OnderzoekReactieForm(forms.Form):
    reactie = forms.CharField(label="Uw reactie", widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=GEEN_CLIENTGEGEVENS)
