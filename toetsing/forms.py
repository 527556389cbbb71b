"""Forms of the staff screens: they parse input; the services decide."""

from django import forms
from django.contrib.auth import get_user_model

from aanbesteding.models import Eis, Toetredingsmoment

from .models import Oordeel, Rechtsmiddel, Toetsingsinstelling
from .selectors import staf_in_regio


def _staff_beoordelaars(regio_id):
    """Assessors and Inkopers of the procedure's region only (issue 17)."""
    return staf_in_regio(regio_id).order_by("last_name", "email")


class InstellingForm(forms.ModelForm):
    class Meta:
        model = Toetsingsinstelling
        fields = ["min_beoordelaars", "score_min", "score_max", "minimale_score", "standstill_dagen",
                  "uitsluiting_maanden", "behandeltermijn_dagen", "rechtsmiddel_tekst", "briefhoofd", "ondertekening"]


class CommissieForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=200)
    toetredingsmoment = forms.ModelChoiceField(
        label="Toetredingsmoment", queryset=Toetredingsmoment.objects.none(), required=False,
        help_text="Leeg = alle inschrijvingen van de procedure.",
    )
    voorzitter = forms.ModelChoiceField(label="Voorzitter", queryset=get_user_model().objects.none())
    leden = forms.ModelMultipleChoiceField(label="Beoordelaars", queryset=get_user_model().objects.none(),
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, aanbesteding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toetredingsmoment"].queryset = Toetredingsmoment.objects.filter(aanbesteding=aanbesteding)
        self.fields["voorzitter"].queryset = _staff_beoordelaars(aanbesteding.regio_id)
        self.fields["leden"].queryset = _staff_beoordelaars(aanbesteding.regio_id)


class ToewijzenForm(forms.Form):
    """Bulk assignment from the queue: the chosen inschrijvingen to the chosen members of the commissie."""

    inschrijvingen = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.MultipleHiddenInput,
        error_messages={"required": "Kies ten minste één inschrijving.",
                        "invalid_choice": "Een gekozen inschrijving hoort niet bij deze aanbesteding.",
                        "invalid_pk_value": "Een gekozen inschrijving bestaat niet."},
    )
    beoordelaars = forms.ModelMultipleChoiceField(
        label="Beoordelaars", queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies ten minste één beoordelaar.",
                        "invalid_choice": "Een gekozen beoordelaar zit niet in de beoordelingscommissie.",
                        "invalid_pk_value": "Een gekozen beoordelaar bestaat niet."},
    )
    # The queue's filter, so the inkoper returns to the same selection.
    terug = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, inschrijvingen, beoordelaars, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inschrijvingen"].queryset = inschrijvingen
        self.fields["beoordelaars"].queryset = beoordelaars


class VerklaringForm(forms.Form):
    geen_conflict = forms.TypedChoiceField(
        label="Verklaring", coerce=lambda v: v == "ja", widget=forms.RadioSelect,
        choices=[("ja", "Ik heb geen belangenconflict met deze aanbieder"),
                 ("nee", "Ik heb wel een (mogelijk) belangenconflict en trek mij terug")],
    )
    toelichting = forms.CharField(label="Toelichting (verplicht bij een conflict)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


MOTIVERING_VERPLICHT = (Oordeel.VOLDOET_NIET, Oordeel.HERSTEL)
MOTIVERING_LABEL = "Motivering (verplicht bij voldoet niet en herstel nodig)"


def _motivering_nodig(oordeel: str, motivering: str) -> str | None:
    """A "voldoet niet" or "herstel nodig" needs a motivation (the letter's reasons, the provider's repair); a
    "voldoet" does not (issue 12). The service checks the same (services._controleer_oordeel)."""
    if oordeel in MOTIVERING_VERPLICHT and not (motivering or "").strip():
        return f"Motiveer het oordeel '{Oordeel(oordeel).label.lower()}'."
    return None


class OordeelForm(forms.Form):
    """One verdict: the chair's eindoordeel on the consensus screen (and the single-eis route of the service)."""

    oordeel = forms.ChoiceField(label="Oordeel", choices=Oordeel.choices, widget=forms.RadioSelect, required=False)
    score = forms.CharField(label="Score", required=False, max_length=8)
    motivering = forms.CharField(label=MOTIVERING_LABEL, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # Set (hidden) on the chair's consensus screen: the verdict is the consensus (eindoordeel).
    consensus = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if not data.get("oordeel") and not data.get("score"):
            self.add_error("oordeel", "Kies een oordeel.")
        elif fout := _motivering_nodig(data.get("oordeel"), data.get("motivering")):
            self.add_error("motivering", fout)
        return data

    def oordeel_velden(self) -> dict:
        """The verdict for the service, without the consensus switch."""
        return {k: v for k, v in self.cleaned_data.items() if k != "consensus"}


class StapForm(forms.Form):
    """All verdicts of one step on one page (issue 12). Per eis ``oordeel_<id>`` (radio, optional), for a plan
    ``score_<id>`` (the verdict follows from the score when none is chosen) and ``motivering_<id>``; the button
    "Alles voldoet" (``alles_voldoet``) gives every eis of the step without a verdict "voldoet" in the same save."""

    alles_voldoet = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, regels, standaard_motivering: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.regels = list(regels)
        for r in self.regels:
            pk, eigen = r.eis.pk, r.eigen
            self.fields[f"oordeel_{pk}"] = forms.ChoiceField(
                label=f"Oordeel over {r.eis.code}", choices=Oordeel.choices, widget=forms.RadioSelect, required=False,
                initial=eigen.oordeel if eigen else None)
            if r.eis.antwoordtype == Eis.Antwoordtype.PLAN:
                self.fields[f"score_{pk}"] = forms.CharField(
                    label=f"Score voor {r.eis.code}", required=False, max_length=8,
                    initial="" if eigen is None or eigen.score is None else str(eigen.score).replace(".", ","),
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))
            # A stored standard motivation shows as empty: sent back blank it is the same verdict (not re-saved).
            motivering = eigen.motivering if eigen and eigen.motivering != standaard_motivering else ""
            self.fields[f"motivering_{pk}"] = forms.CharField(
                label=f"{MOTIVERING_LABEL} bij {r.eis.code}", required=False, initial=motivering,
                widget=forms.Textarea(attrs={"rows": 2}))
            r.velden = {"oordeel": self[f"oordeel_{pk}"], "motivering": self[f"motivering_{pk}"],
                        "score": self[f"score_{pk}"] if f"score_{pk}" in self.fields else None}

    def clean(self):
        data = super().clean()
        for r in self.regels:
            pk = r.eis.pk
            if fout := _motivering_nodig(data.get(f"oordeel_{pk}"), data.get(f"motivering_{pk}")):
                self.add_error(f"motivering_{pk}", f"{r.eis.code}: {fout}")
        return data

    def service_velden(self) -> dict:
        """``oordelen`` (eis id → oordeel, score, motivering) for every eis with a choice or a score, and the
        "Alles voldoet" switch, as ``services.stap_beoordelen`` takes them."""
        oordelen = {}
        for r in self.regels:
            pk = r.eis.pk
            oordeel = self.cleaned_data.get(f"oordeel_{pk}") or ""
            score = self.cleaned_data.get(f"score_{pk}") or ""
            if oordeel or score:
                oordelen[pk] = {"oordeel": oordeel, "score": score,
                                "motivering": self.cleaned_data.get(f"motivering_{pk}", "")}
        return {"oordelen": oordelen, "alles_voldoet": self.cleaned_data.get("alles_voldoet", False)}

    def foutoverzicht(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary at the top of the page (the gov.uk / NL Design System pattern):
        a field's error links to the field, a general one to the form."""
        uit = [("stapformulier", str(f)) for f in self.non_field_errors()]
        for naam, fouten in self.errors.items():
            if naam == "__all__":
                continue
            anker = f"id_{naam}_0" if naam.startswith("oordeel_") else f"id_{naam}"
            uit += [(anker, str(f)) for f in fouten]
        return uit


class HerstelForm(forms.Form):
    vraag = forms.CharField(label="Wat moet de aanbieder herstellen of toelichten?", widget=forms.Textarea(attrs={"rows": 3}))
    eisen = forms.ModelMultipleChoiceField(label="Betreft eisen", queryset=None, required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, eisen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eisen"].queryset = eisen


class RechtsmiddelForm(forms.Form):
    soort = forms.ChoiceField(label="Soort", choices=Rechtsmiddel.Soort.choices)
    ingediend_op = forms.DateField(label="Ingediend op", input_formats=["%d-%m-%Y", "%Y-%m-%d"],
                                   widget=forms.DateInput(attrs={"type": "date"}))
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AfhandelenForm(forms.Form):
    afloop = forms.ChoiceField(label="Afloop", choices=Rechtsmiddel.Afloop.choices)
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LotingHerzieningForm(forms.Form):
    reden = forms.CharField(label="Reden voor opnieuw loten", widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="Bijvoorbeeld: een deelnemer is ten onrechte niet meegenomen, of de rechter beveelt een nieuwe loting.")


class HerzieningBeslissingForm(forms.Form):
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LotingForm(forms.Form):
    toetredingsmoment = forms.ModelChoiceField(
        label="Ronde", queryset=Toetredingsmoment.objects.none(), required=False,
        help_text="Leeg = de ronde van de gekwalificeerde inschrijvers.",
    )

    def __init__(self, *args, perceel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toetredingsmoment"].queryset = Toetredingsmoment.objects.filter(aanbesteding_id=perceel.aanbesteding_id)


class BesluitProductenForm(forms.Form):
    """Per chosen product of a perceel with product choice (issue 19): ticked = admitted with its perceel,
    unticked = refused with a reason. Field names ``product_<id>`` and ``reden_<id>`` (the decision screen)."""

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.keuzes = list(keuzes)
        for k in self.keuzes:
            self.fields[f"product_{k.product_id}"] = forms.BooleanField(required=False, initial=True)
            self.fields[f"reden_{k.product_id}"] = forms.CharField(required=False, max_length=500)

    def geweigerd(self) -> dict[int, str]:
        """Product id → reason for every unticked product (the service asks for the reason where it matters)."""
        return {
            k.product_id: self.cleaned_data.get(f"reden_{k.product_id}", "")
            for k in self.keuzes if not self.cleaned_data.get(f"product_{k.product_id}")
        }
