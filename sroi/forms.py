from django import forms

from core import kalender
from core.uploads import accept_attribuut

from . import berekening, selectors
from .models import SroiBewijsstuk, Waarderingsregel, Waarderingstabel
from .validators import valideer_persoon_referentie

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OmzetForm(forms.Form):
    jaar = forms.IntegerField(min_value=2000, max_value=2100)
    omzet = forms.DecimalField(label="Omzet (excl. btw)", min_value=0, max_digits=14, decimal_places=2,
                               help_text="De gerealiseerde omzet onder deze overeenkomst in dat jaar, in euro's.")
    # The year the page showed, to return to it; not part of the turnover.
    terug_jaar = forms.IntegerField(required=False, min_value=2000, max_value=2100, widget=forms.HiddenInput)


class PlanForm(forms.Form):
    bestand = forms.FileField(label="Plan van aanpak (PDF)", widget=forms.ClearableFileInput(attrs={"accept": accept_attribuut(["pdf"])}))
    verwachte_opdrachtsom = forms.DecimalField(label="(Verwachte) opdrachtsom", required=False, min_value=0,
                                               max_digits=14, decimal_places=2)


class RegelKeuze(forms.ModelChoiceField):
    def label_from_instance(self, regel):
        goedkeuring = " – telt pas na goedkeuring" if regel.vereist_goedkeuring else ""
        return f"{regel.categorie} · {regel.naam} ({regel.get_methode_display().lower()}){goedkeuring}"


class ActiviteitForm(forms.Form):
    regel = RegelKeuze(label="Categorie of bouwblok", queryset=Waarderingsregel.objects.none())
    doelgroep = forms.ModelChoiceField(label="Doelgroep", queryset=None, required=False)
    persoon_referentie = forms.CharField(
        label="Persoonsreferentie", required=False, max_length=30, validators=[valideer_persoon_referentie],
        help_text="Uw eigen code voor de persoon, zoals K-2024-017. Nooit een naam of BSN.",
    )
    omschrijving = forms.CharField(label="Omschrijving", max_length=255)
    startdatum = forms.DateField(label="Startdatum", widget=_DATUM,
                                 help_text="De waarde volgt uit de waarderingstabel die op deze datum geldt.")
    einddatum = forms.DateField(label="Einddatum", widget=_DATUM, required=False)
    aantal = forms.DecimalField(label="Aantal (deelnemers, uren of dagdelen)", required=False, min_value=0,
                                help_text="Voor stages per deelnemer, gastles per uur (2-3 uur, zonder reistijd), bezoek per dagdeel.")
    maanden = forms.DecimalField(label="Aantal maanden", required=False, min_value=0, max_value=120)
    uren_per_week = forms.DecimalField(label="Uren per week", required=False, min_value=0, max_value=60,
                                       help_text="Voor bouwblokken: naar rato van een voltijd week.")
    brutoloon = forms.DecimalField(label="Uitbetaald brutoloon", required=False, min_value=0, max_digits=12, decimal_places=2)
    bedrag = forms.DecimalField(label="Bedrag (factuur of storting)", required=False, min_value=0, max_digits=12, decimal_places=2)
    vijfenvijftig_plus = forms.BooleanField(label="De persoon is 55 jaar of ouder", required=False)

    def __init__(self, *args, aanbesteding, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer the rows of the table in force today; the service values each activity with the row of the
        # same code in the table in force on its start date.
        tabel = Waarderingstabel.objects.geldig_op(aanbesteding, kalender.vandaag()) or (
            Waarderingstabel.objects.filter(aanbesteding=aanbesteding).order_by("geldig_vanaf").first()
        )
        self.fields["regel"].queryset = (
            tabel.regels.select_related("tabel") if tabel else Waarderingsregel.objects.none()
        )
        self.fields["doelgroep"].queryset = selectors.doelgroepen_van(aanbesteding)


class BewijsForm(forms.Form):
    soort = forms.ChoiceField(label="Soort bewijs", choices=SroiBewijsstuk.Soort.choices)
    bestand = forms.FileField(label="Bestand", help_text="PDF, afbeelding of Office-document.",
                              widget=forms.ClearableFileInput(attrs={"accept": accept_attribuut(["pdf", "afbeelding", "office"])}))


class IndienenForm(forms.Form):
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}))


# --- the SROI-adviseur's forms (admin_views) -----------------------------------------------------------------

_BESLUITEN = [("goedkeuren", "Goedkeuren"), ("afwijzen", "Afwijzen")]
_KIES_BESLUIT = {"required": "Kies goedkeuren of afwijzen.", "invalid_choice": "Kies goedkeuren of afwijzen."}


class PlanBeoordelingForm(forms.Form):
    """Approve or reject a plan. Whether a rejection has a reason is the service's rule, not repeated here."""

    besluit = forms.ChoiceField(label="Besluit", choices=_BESLUITEN, error_messages=_KIES_BESLUIT)
    reden = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @property
    def goedkeuren(self) -> bool:
        return self.cleaned_data["besluit"] == "goedkeuren"


class BedragVeld(forms.CharField):
    """An amount typed the Dutch way ("1.250,00") or plainly ("1250.00"); empty is None."""

    def to_python(self, value):
        tekst = super().to_python(value).strip()
        if not tekst:
            return None
        try:
            return berekening.lees_bedrag(tekst)
        except berekening.WaarderingsFout as fout:
            raise forms.ValidationError("Vul de waarde in als bedrag, bijvoorbeeld 1250,00.", code="geen_bedrag") from fout


class ActiviteitBeoordelingForm(PlanBeoordelingForm):
    """Also the value the contactpersoon sets for an MLO D "overig" activity (002 B4 D)."""

    waarde = BedragVeld(label="Vastgestelde waarde", required=False)

    def clean_waarde(self):
        waarde = self.cleaned_data["waarde"]
        if waarde is not None and waarde < 0:
            raise forms.ValidationError("De waarde kan niet negatief zijn.", code="negatief")
        return waarde


class RapportageBeoordelingForm(forms.Form):
    """Verify a submitted report, or ask for evidence (002 B4 Fase II b). One form, two buttons."""

    VERIFIEREN, BEWIJS = "verifieren", "bewijs"

    actie = forms.ChoiceField(
        choices=[(VERIFIEREN, "Verifiëren"), (BEWIJS, "Bewijs opvragen")],
        error_messages={"required": "Kies verifiëren of bewijs opvragen.", "invalid_choice": "Kies verifiëren of bewijs opvragen."},
    )
    opmerking = forms.CharField(label="Opmerking", required=False)
    verzoek = forms.CharField(label="Welk bewijs vraagt u op?", required=False)
