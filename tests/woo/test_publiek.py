"""The public Woo pages (issue 16): only actively published documents of public procedures, personal data burnt
out of the download, and the public page cache (ADR 0021) retired when a publication changes."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from aanbesteding.models import Aanbesteding
from tests.factories import AanbestedingFactory
from woo import selectors, services
from woo.models import Woometadata

from .conftest import CONTACT, CONTACT_EMAIL, besluit_maken

pytestmark = pytest.mark.django_db


@pytest.fixture
def gepubliceerd(inkoper_a, aanbesteding_a, besluit_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        m = services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=f"besluit:{besluit_a.pk}",
                                           door=inkoper_a)
    m.refresh_from_db()
    return m


class TestLijsten:
    def test_index_noemt_procedure_met_publicaties(self, client, gepubliceerd, aanbesteding_a, aanbesteding_b):
        html = client.get(reverse("woo:index")).content.decode()
        assert aanbesteding_a.titel in html and "1 document" in html
        assert aanbesteding_b.titel not in html

    def test_procedure_toont_alleen_actief_openbaar(self, client, inkoper_a, gepubliceerd, aanbesteding_a,
                                                   zorgaanbieder):
        ander = besluit_maken(aanbesteding_a, zorgaanbieder, toelichting="Niet gepubliceerd.", dag=6)
        services.metadata_vastleggen(aanbesteding=aanbesteding_a, sleutel=f"besluit:{ander.pk}",
                                     informatiecategorie="beschikkingen", door=inkoper_a)
        html = client.get(reverse("woo:procedure", args=[aanbesteding_a.slug])).content.decode()
        assert reverse("woo:document", args=[aanbesteding_a.slug, gepubliceerd.pk]) in html
        assert "Beschikkingen" in html
        assert f"/{aanbesteding_a.slug}/{Woometadata.objects.get(sleutel=f'besluit:{ander.pk}').pk}/" not in html

    def test_ingetrokken_verdwijnt(self, client, inkoper_a, gepubliceerd, aanbesteding_a):
        services.openbaarmaking_intrekken(metadata=gepubliceerd, reden="fout", door=inkoper_a)
        assert client.get(reverse("woo:document", args=[aanbesteding_a.slug, gepubliceerd.pk])).status_code == 404
        html = client.get(reverse("woo:procedure", args=[aanbesteding_a.slug])).content.decode()
        assert "nog geen documenten" in html

    def test_procedure_in_voorbereiding_is_404(self, client, regio_a):
        ab = AanbestedingFactory(regio=regio_a, status=Aanbesteding.Status.IN_VOORBEREIDING)
        assert client.get(reverse("woo:procedure", args=[ab.slug])).status_code == 404

    def test_publicatie_zonder_kopie_nog_niet_zichtbaar(self, client, inkoper_a, aanbesteding_a, besluit_a):
        m = services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=f"besluit:{besluit_a.pk}",
                                           door=inkoper_a)  # the task has not run: no redacted copy yet
        assert not selectors.actief_openbaar(aanbesteding_a).exists()
        assert client.get(reverse("woo:document", args=[aanbesteding_a.slug, m.pk])).status_code == 404

    def test_aantal_queries_vast(self, client, inkoper_a, aanbesteding_a, zorgaanbieder, gepubliceerd,
                                 django_assert_max_num_queries, django_capture_on_commit_callbacks):
        url = reverse("woo:procedure", args=[aanbesteding_a.slug])
        with override_settings(PAGINACACHE=False):
            with django_assert_max_num_queries(6) as klein:
                client.get(url)
            for i in range(4):
                b = besluit_maken(aanbesteding_a, zorgaanbieder, toelichting="Toegelaten.", dag=10 + i)
                with django_capture_on_commit_callbacks(execute=True):
                    services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=f"besluit:{b.pk}",
                                                   door=inkoper_a)
            with django_assert_max_num_queries(len(klein.captured_queries)):
                html = client.get(url).content.decode()
        assert html.count("(pdf)") == 5


class TestDownload:
    def test_persoonsgegevens_weggelakt(self, client, gepubliceerd, aanbesteding_a):
        from tests.woo.test_export import tekst_van

        antwoord = client.get(reverse("woo:document", args=[aanbesteding_a.slug, gepubliceerd.pk]))
        assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
        tekst = tekst_van(antwoord.content)
        assert CONTACT not in tekst and CONTACT_EMAIL not in tekst and "Pieter Brandsma" not in tekst
        assert "5.1.2.e" in tekst

    def test_andere_procedure_in_het_pad_is_404(self, client, gepubliceerd, regio_a):
        ander = AanbestedingFactory(regio=regio_a)
        assert client.get(reverse("woo:document", args=[ander.slug, gepubliceerd.pk])).status_code == 404


class TestPaginacache:
    def test_wijziging_trekt_de_opgeslagen_pagina_in(self, client, inkoper_a, gepubliceerd, aanbesteding_a,
                                                     django_assert_max_num_queries):
        from core import paginacache

        url = reverse("woo:procedure", args=[aanbesteding_a.slug])
        eerste = client.get(url)
        assert eerste.status_code == 200
        with django_assert_max_num_queries(0):
            tweede = client.get(url)  # from the public page cache
        assert tweede.content == eerste.content
        generatie = paginacache.huidige_generatie()
        services.openbaarmaking_intrekken(metadata=gepubliceerd, reden="fout", door=inkoper_a)
        assert paginacache.huidige_generatie() != generatie
        assert "nog geen documenten" in client.get(url).content.decode()


class TestLegeEnLinks:
    def test_index_zonder_publicaties(self, client, db):
        assert "nog geen documenten actief openbaar" in client.get(reverse("woo:index")).content.decode()

    def test_onbekende_procedure_is_404(self, client, db):
        assert client.get(reverse("woo:procedure", args=["bestaat-niet"])).status_code == 404
        assert client.get(reverse("woo:document", args=["bestaat-niet", 1])).status_code == 404

    def test_verzoeken_zijn_nooit_openbaar(self, client, inkoper_a, aanbesteding_a, gepubliceerd):
        services.verzoek_registreren(aanbesteding=aanbesteding_a, kenmerk="DOC-GEHEIM",
                                     ontvangen_op=gepubliceerd.datum, onderwerp="Onderwerp-X",
                                     verzoeker="Verzoeker-Y", door=inkoper_a)
        for url in (reverse("woo:index"), reverse("woo:procedure", args=[aanbesteding_a.slug])):
            html = client.get(url).content.decode()
            assert "DOC-GEHEIM" not in html and "Verzoeker-Y" not in html
