"""The Woo forms and the after-commit tasks: choices narrowed to the user's regions, the confirmation of a
decision, the marks' fields; tasks that take an id, call a service and can run twice."""

from __future__ import annotations

from datetime import date

import pytest

from core.kalender import vandaag
from core.models import AuditRegel
from woo import forms, services, tasks
from woo.models import Woogrond, Woometadata
from woo.permissions import bereik

pytestmark = pytest.mark.django_db


class TestVerzoekForm:
    def _gegevens(self, aanbesteding, **extra):
        return {"aanbesteding": aanbesteding.pk, "kenmerk": "DOC-1", "ontvangen_op": "2026-03-02",
                "onderwerp": "Tussenvoorziening", "verzoeker": "A. Verzoeker", **extra}

    def test_eigen_regio_geldig(self, inkoper_a, aanbesteding_a):
        form = forms.VerzoekForm(self._gegevens(aanbesteding_a), bereik=bereik(inkoper_a))
        assert form.is_valid(), form.errors
        assert form.cleaned_data["ontvangen_op"] == date(2026, 3, 2)

    def test_andere_regio_ongeldig(self, inkoper_a, aanbesteding_b):
        form = forms.VerzoekForm(self._gegevens(aanbesteding_b), bereik=bereik(inkoper_a))
        assert not form.is_valid() and "aanbesteding" in form.errors

    def test_verzoeker_verplicht(self, inkoper_a, aanbesteding_a):
        form = forms.VerzoekForm(self._gegevens(aanbesteding_a, verzoeker=""), bereik=bereik(inkoper_a))
        assert not form.is_valid() and "verzoeker" in form.errors

    def test_ontvangen_op_standaard_vandaag(self, inkoper_a):
        assert forms.VerzoekForm(bereik=bereik(inkoper_a)).fields["ontvangen_op"].initial == vandaag()


class TestBesluitForm:
    def test_bevestiging_verplicht(self):
        assert not forms.BesluitForm({"besluitdatum": "2026-04-16"}).is_valid()
        assert forms.BesluitForm({"besluitdatum": "2026-04-16", "bevestig": "on"}).is_valid()


class TestMarkeringForm:
    def test_alleen_actieve_gronden(self):
        Woogrond.objects.filter(code="5.1.2.a").update(actief=False)
        codes = {g.code for g in forms.MarkeringForm().fields["grond"].queryset}
        assert "5.1.2.a" not in codes and "5.1.2.e" in codes

    def test_pagina_vanaf_een(self):
        grond = Woogrond.objects.get(code="5.1.2.b")
        assert not forms.MarkeringForm({"grond": grond.pk, "pagina": 0}).is_valid()
        form = forms.MarkeringForm({"grond": grond.pk, "pagina": "", "tekst": ""})
        assert form.is_valid() and form.cleaned_data["pagina"] is None

    def test_beoordeling_keuzes(self):
        assert not forms.BeoordelingForm({"beoordeling": "geheim"}).is_valid()
        form = forms.BeoordelingForm({"beoordeling": "reeds_openbaar", "vindplaats": "portaal.example/x"})
        assert form.is_valid() and form.cleaned_data["vindplaats"] == "https://portaal.example/x"


class TestSelectieForm:
    def test_alleen_stukken_uit_het_dossier(self, aanbesteding_a, besluit_a):
        from woo.selectors import dossierstukken

        stukken = dossierstukken(aanbesteding_a)
        goed = forms.SelectieForm({"sleutels": [f"besluit:{besluit_a.pk}"]}, stukken=stukken)
        assert goed.is_valid()
        assert not forms.SelectieForm({"sleutels": ["besluit:999"]}, stukken=stukken).is_valid()
        labels = dict(goed.fields["sleutels"].choices)
        assert labels[f"besluit:{besluit_a.pk}"].startswith("20260202 ")


class TestTaken:
    def test_publicatie_maken_twee_keer(self, inkoper_a, aanbesteding_a, besluit_a):
        m = services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=f"besluit:{besluit_a.pk}",
                                           door=inkoper_a)
        tasks.publicatie_maken(m.pk)
        tasks.publicatie_maken(m.pk)
        m.refresh_from_db()
        assert m.publicatie and AuditRegel.objects.filter(actie="woo.publicatie_opslaan").count() == 1

    def test_publicatie_maken_van_ingetrokken_stuk_doet_niets(self, inkoper_a, aanbesteding_a, besluit_a):
        m = services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=f"besluit:{besluit_a.pk}",
                                           door=inkoper_a)
        services.openbaarmaking_intrekken(metadata=m, reden="fout", door=inkoper_a)
        tasks.publicatie_maken(m.pk)
        m.refresh_from_db()
        assert (m.status, bool(m.publicatie)) == (Woometadata.Status.INGETROKKEN, False)

    def test_export_maken_twee_keer(self, inkoper_a, aanbesteding_a, besluit_a):
        v = services.verzoek_registreren(aanbesteding=aanbesteding_a, kenmerk="DOC-1", ontvangen_op=date(2026, 3, 2),
                                         onderwerp="x", verzoeker="y", door=inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[f"besluit:{besluit_a.pk}"], door=inkoper_a)
        services.verzoek_besluiten(verzoek=v, besluitdatum=date(2026, 4, 16), door=inkoper_a)
        tasks.export_maken(v.pk)
        v.refresh_from_db()
        sha = v.export_sha256
        tasks.export_maken(v.pk)
        v.refresh_from_db()
        assert v.export_sha256 == sha and AuditRegel.objects.filter(actie="woo.export_maken").count() == 1


class TestKleineFormulieren:
    def test_actie_verplicht(self):
        assert not forms.ActieForm({}).is_valid()
        form = forms.ActieForm({"actie": "selecteren"})
        assert form.is_valid() and form.cleaned_data == {"actie": "selecteren"}

    def test_metadata_alleen_bekende_categorie(self):
        assert forms.MetadataForm({"sleutel": "besluit:1", "informatiecategorie": "beschikkingen"}).is_valid()
        assert not forms.MetadataForm({"sleutel": "besluit:1", "informatiecategorie": "geheim"}).is_valid()

    def test_intrekken_vraagt_reden(self):
        assert not forms.IntrekkenForm({"sleutel": "besluit:1", "reden": ""}).is_valid()
        assert forms.IntrekkenForm({"sleutel": "besluit:1", "reden": "Verkeerde versie"}).is_valid()

    def test_markering_verwijderen_vraagt_getal(self):
        assert not forms.MarkeringVerwijderenForm({"markering": "abc"}).is_valid()
        form = forms.MarkeringVerwijderenForm({"markering": "12"})
        assert form.is_valid() and form.cleaned_data == {"markering": 12}
