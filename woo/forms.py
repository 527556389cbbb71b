"""Forms of the Woo staff screens (issue 16). Choices of a procedure are narrowed to the user's regions (ADR 0011):
another region's procedure is an invalid choice."""

from __future__ import annotations

from django import forms

from aanbesteding.models import Aanbesteding
from core import kalender
from organisaties.regios import binnen

from .models import Informatiecategorie, Verzoekstuk, Woogrond

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActieForm(forms.Form):
    """Which button of a screen with several forms was pressed."""

    actie = forms.CharField(max_length=30)


class MetadataForm(forms.Form):
    sleutel = forms.CharField(max_length=80, widget=forms.HiddenInput)
    informatiecategorie = forms.ChoiceField(label="Informatiecategorie", choices=Informatiecategorie.choices)


class PublicerenForm(forms.Form):
    sleutel = forms.CharField(max_length=80, widget=forms.HiddenInput)


class IntrekkenForm(forms.Form):
    sleutel = forms.CharField(max_length=80, widget=forms.HiddenInput)
    reden = forms.CharField(label="Reden van intrekken", max_length=500)


class VerzoekForm(forms.Form):
    aanbesteding = forms.ModelChoiceField(label="Procedure", queryset=Aanbesteding.objects.order_by("titel"))
    kenmerk = forms.CharField(label="Kenmerk", max_length=50, help_text="Bijvoorbeeld DOC-26015854.")
    ontvangen_op = forms.DateField(label="Ontvangen op", widget=DATUM)
    onderwerp = forms.CharField(label="Onderwerp", max_length=300)
    omschrijving = forms.CharField(label="Omschrijving van het verzoek", required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    verzoeker = forms.CharField(label="Verzoeker", max_length=200,
                                help_text="Persoonsgegeven: alleen zichtbaar voor medewerkers, nooit in de export.")

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = binnen(self.fields["aanbesteding"].queryset, bereik)
        self.fields["ontvangen_op"].initial = kalender.vandaag()


class SelectieForm(forms.Form):
    sleutels = forms.MultipleChoiceField(label="Documenten", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, stukken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sleutels"].choices = [(s.sleutel, f"{s.datum:%Y%m%d} {s.titel}") for s in stukken]


def _gronden():
    return Woogrond.objects.filter(actief=True).order_by("volgorde", "code")


class MarkeringForm(forms.Form):
    grond = forms.ModelChoiceField(label="Grond", queryset=Woogrond.objects.none())
    tekst = forms.CharField(label="Passage", max_length=500, required=False,
                            help_text="Letterlijk zoals in het document. Leeg: de hele pagina of het hele document.")
    pagina = forms.IntegerField(label="Pagina", min_value=1, required=False,
                                help_text="Leeg: op alle pagina's.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grond"].queryset = _gronden()


class MarkeringVerwijderenForm(forms.Form):
    markering = forms.IntegerField(widget=forms.HiddenInput)


class BeoordelingForm(forms.Form):
    beoordeling = forms.ChoiceField(label="Beoordeling", choices=Verzoekstuk.Beoordeling.choices)
    grond = forms.ModelChoiceField(label="Grond (bij niet openbaar)", queryset=Woogrond.objects.none(), required=False)
    vindplaats = forms.URLField(label="Vindplaats (bij reeds openbaar)", required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grond"].queryset = _gronden()


class BesluitForm(forms.Form):
    besluitdatum = forms.DateField(label="Besluitdatum", widget=DATUM)
    bevestig = forms.BooleanField(
        label="Ik begrijp dat het besluit definitief is: de selectie, beoordelingen en markeringen liggen daarna vast.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["besluitdatum"].initial = kalender.vandaag()
