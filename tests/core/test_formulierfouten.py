"""core.views.formulierfouten_melden: a refused form on a staff screen that redirects shows every error as a
message, with the field's label in front; errors of the whole form without one."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from core.views import formulierfouten_melden


class _Form(forms.Form):
    reden = forms.CharField(label="Reden", max_length=5)

    def clean(self):
        raise forms.ValidationError("Dit kan nu niet.")


def _verzoek():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_elke_fout_een_melding_met_het_label_van_het_veld():
    request = _verzoek()
    form = _Form({"reden": "veel te lang"})
    assert not form.is_valid()
    formulierfouten_melden(request, form)
    meldingen = [str(m) for m in get_messages(request)]
    assert "Reden: Zorg dat deze waarde niet meer dan 5 tekens bevat (het zijn er nu 12)." in meldingen
    assert "Dit kan nu niet." in meldingen
    assert len(meldingen) == 2


def test_een_geldig_formulier_geeft_geen_meldingen():
    request = _verzoek()
    form = forms.Form({})
    assert form.is_valid()
    formulierfouten_melden(request, form)
    assert list(get_messages(request)) == []
