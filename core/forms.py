"""Forms of the shared kernel: the public seal check (/verifieren/, issue 18)."""

from django import forms
from django.core.exceptions import ValidationError

from .uploads import accept_attribuut, leesbare_grootte, valideer_upload

# A sealed receipt or NvI is a few hundred KB; 20 MB leaves room for a long proces-verbaal and refuses abuse.
VERIFIEER_MAX_BYTES = 20 * 1024 * 1024


class VerifierenForm(forms.Form):
    """One PDF to check. Validated as any upload (type by content, size) but never stored."""

    bestand = forms.FileField(
        label="PDF-bestand",
        help_text=f"Een PDF van het portaal (ontvangstbewijs, proces-verbaal, besluitbrief, Nota van Inlichtingen), "
                  f"hoogstens {leesbare_grootte(VERIFIEER_MAX_BYTES)}. Het bestand wordt niet bewaard.",
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribuut(("pdf",))}),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        try:
            valideer_upload(bestand, toegestaan=("pdf",), max_bytes=VERIFIEER_MAX_BYTES)
        except ValidationError as fout:
            # A PDF whose seal was broken by a change may still open; one pypdf cannot read is "onleesbaar".
            if fout.code in ("te_groot", "leeg", "type_niet_toegestaan"):
                raise
        return bestand
