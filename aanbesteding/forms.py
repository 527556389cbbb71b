"""Forms of aanbesteding's own staff screens (every POST goes through a form, ADR 0009)."""

from django import forms

from .models import Eis, Perceel, Vraag
from .services import EISVELDEN


class NviPublicerenForm(forms.Form):
    vragen = forms.ModelMultipleChoiceField(
        label="Vragen", queryset=Vraag.objects.none(),
        error_messages={
            "required": "Kies ten minste één beantwoorde vraag.",
            "invalid_choice": "Een gekozen vraag is niet (meer) beantwoord of hoort niet bij deze procedure.",
            "invalid_pk_value": "Ongeldige keuze.",
        },
    )
    inleiding = forms.CharField(label="Inleiding", required=False)
    # Issue 18: a text that may name the asker is only published after this explicit confirmation.
    lek_bevestigd = forms.BooleanField(
        label="Ik heb de vondsten gezien: de tekst verraadt niet wie de vraag stelde. Toch publiceren.",
        required=False,
    )

    def __init__(self, *args, vragen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vragen"].queryset = vragen


class RectificatieEisForm(forms.ModelForm):
    """A new or changed eis in the concept rectificatie (ADR 0014). The procedure is the screen's; the perceel is
    one of its percelen."""

    class Meta:
        model = Eis
        fields = list(EISVELDEN)

    def __init__(self, *args, aanbesteding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perceel"].queryset = Perceel.objects.filter(aanbesteding=aanbesteding).order_by("volgorde", "code")


class RectificatiePublicerenForm(forms.Form):
    reden = forms.CharField(
        label="Reden van de rectificatie", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
        help_text="Wordt gepubliceerd op de procedurepagina en gemaild aan de aanbieders.",
        error_messages={"required": "Geef de reden van de rectificatie; die wordt gepubliceerd."},
    )


class BevestigForm(forms.Form):
    """A POST without fields of its own (withdraw, undo): still through a form (ADR 0009)."""
