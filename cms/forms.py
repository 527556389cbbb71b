from django import forms

from aanbesteding.models import Perceel, ProcedureDocument


class VraagForm(forms.Form):
    tekst = forms.CharField(label="Uw vraag", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                            help_text="Noem geen namen van cliënten. De vraag wordt geanonimiseerd gepubliceerd.")
    perceel = forms.ModelChoiceField(label="Over perceel (optioneel)", queryset=Perceel.objects.none(), required=False)
    document = forms.ModelChoiceField(label="Over document (optioneel)", queryset=ProcedureDocument.objects.none(), required=False)

    def __init__(self, *args, aanbesteding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perceel"].queryset = aanbesteding.percelen.order_by("volgorde", "code")
        self.fields["document"].queryset = aanbesteding.documenten.order_by("volgorde", "titel")
