"""Forms of aanbesteding's own staff screens (every POST goes through a form, ADR 0009)."""

from django import forms

from .models import Vraag


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
