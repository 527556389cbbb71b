"""The form classes on their own: what they accept, what they refuse, and in which words (ADR 0009 §4)."""

from decimal import Decimal as D

import pytest

from sroi.forms import ActiviteitBeoordelingForm, OmzetForm, PlanBeoordelingForm, RapportageBeoordelingForm


@pytest.mark.parametrize(("besluit", "goedkeuren"), [("goedkeuren", True), ("afwijzen", False)])
def test_planbeoordeling_besluit(besluit, goedkeuren):
    form = PlanBeoordelingForm({"besluit": besluit, "reden": "  ruimte  "})
    assert form.is_valid()
    assert form.goedkeuren is goedkeuren
    assert form.cleaned_data["reden"] == "ruimte"  # Django strips; the service strips again for other callers


@pytest.mark.parametrize("gegevens", [{}, {"besluit": ""}, {"besluit": "GOEDKEUREN"}])
def test_planbeoordeling_zonder_geldig_besluit(gegevens):
    form = PlanBeoordelingForm(gegevens)
    assert not form.is_valid()
    assert form.errors["besluit"] == ["Kies goedkeuren of afwijzen."]


def test_activiteitbeoordeling_waarde_is_optioneel_en_wordt_een_bedrag():
    leeg = ActiviteitBeoordelingForm({"besluit": "goedkeuren", "waarde": "  "})
    assert leeg.is_valid() and leeg.cleaned_data["waarde"] is None
    gevuld = ActiviteitBeoordelingForm({"besluit": "goedkeuren", "waarde": "€ 1.250,75"})
    assert gevuld.is_valid() and gevuld.cleaned_data["waarde"] == D("1250.75")


@pytest.mark.parametrize(("waarde", "code"), [("abc", "geen_bedrag"), ("-0,01", "negatief")])
def test_activiteitbeoordeling_weigert_waarde(waarde, code):
    form = ActiviteitBeoordelingForm({"besluit": "goedkeuren", "waarde": waarde})
    assert not form.is_valid()
    assert form.errors.as_data()["waarde"][0].code == code


def test_rapportagebeoordeling_kent_twee_acties():
    assert RapportageBeoordelingForm({"actie": "verifieren"}).is_valid()
    assert RapportageBeoordelingForm({"actie": "bewijs", "verzoek": "Loonstroken"}).is_valid()
    fout = RapportageBeoordelingForm({"actie": "goedkeuren"})
    assert not fout.is_valid() and fout.errors["actie"] == ["Kies verifiëren of bewijs opvragen."]


def test_omzetformulier_terugjaar_hoort_niet_bij_de_omzet():
    form = OmzetForm({"jaar": "2021", "omzet": "412000.00", "terug_jaar": "2022"})
    assert form.is_valid()
    assert form.cleaned_data == {"jaar": 2021, "omzet": D("412000.00"), "terug_jaar": 2022}
    assert OmzetForm({"jaar": "2021", "omzet": "1"}).is_valid(), "the year to return to is optional"
    assert "terug_jaar" in OmzetForm({"jaar": "2021", "omzet": "1", "terug_jaar": "toen"}).errors


def test_rapportagebeoordeling_zonder_actie_houdt_de_rest():
    form = RapportageBeoordelingForm({"opmerking": "Akkoord"})
    assert not form.is_valid()
    assert form.errors["actie"] == ["Kies verifiëren of bewijs opvragen."]
    assert form.cleaned_data["opmerking"] == "Akkoord"


def test_afwijzen_zonder_reden_is_aan_de_service():
    """Whether a rejection needs a reason is the service's rule (one place); the form only parses."""
    form = PlanBeoordelingForm({"besluit": "afwijzen"})
    assert form.is_valid() and form.cleaned_data["reden"] == "" and form.goedkeuren is False
