"""The Woo models: the seeded grounds, one spelling of a code, the database constraints, the default category
per kind of document, and the two state machines walked move by move (legal moves pass, illegal ones are refused)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from core.toestand import OngeldigeOvergang
from woo.gronden import GEEN_GROND, gronden_tekst, normaliseer_code
from woo.models import (
    Informatiecategorie,
    Lakmarkering,
    Verzoekstuk,
    Woogrond,
    Woometadata,
    Wooverzoek,
    standaardcategorie,
)


class TestNormaliseren:
    @pytest.mark.parametrize(("ruw", "code"), [
        ("5.1.2.b", "5.1.2.b"), ("5.1.2b", "5.1.2.b"), ("5.1.2 e", "5.1.2.e"), ("5.1.2 E", "5.1.2.e"),
        (" 5.1.2.e ", "5.1.2.e"), ("5.1 lid 2 onder e", "5.1.2.e"), ("art. 5.1.2e", "5.1.2.e"),
        ("5.1.1.c", "5.1.1.c"), ("5.2", "5.2"), ("Reikwijdte", "reikwijdte"), ("", ""), ("5.1.2.e Woo", "5.1.2.e"),
    ])
    def test_een_schrijfwijze(self, ruw, code):
        assert normaliseer_code(ruw) == code

    def test_gronden_tekst_uniek_en_op_volgorde(self):
        assert gronden_tekst(["5.1.2 e", "reikwijdte", "5.1.2b", "5.1.2.e", "5.1.1.c"]) == (
            "5.1.1.c, 5.1.2.b, 5.1.2.e, reikwijdte")

    def test_geen_grond_een_teken(self):
        assert gronden_tekst([]) == GEEN_GROND == "–"
        assert gronden_tekst(["", None]) == GEEN_GROND


@pytest.mark.django_db
class TestGronden:
    def test_gezaaid_als_in_003(self):
        codes = set(Woogrond.objects.values_list("code", flat=True))
        assert {"5.1.2.b", "5.1.2.e", "reikwijdte"} <= codes
        assert {"5.1.1.c", "5.1.1.d", "5.1.1.e", "5.1.2.a", "5.1.2.c", "5.1.2.d", "5.1.2.f", "5.1.2.h", "5.1.2.i",
                "5.2"} <= codes
        e = Woogrond.objects.get(code="5.1.2.e")
        assert (e.artikel, e.soort) == ("art. 5.1, tweede lid, onder e, Woo", Woogrond.Soort.RELATIEF)
        assert Woogrond.objects.get(code="5.1.1.d").soort == Woogrond.Soort.ABSOLUUT
        assert Woogrond.objects.get(code="reikwijdte").soort == Woogrond.Soort.OVERIG

    def test_opslaan_normaliseert(self):
        g = Woogrond.objects.create(code="5.1.2 g", artikel="art. 5.1, tweede lid, onder g, Woo",
                                    omschrijving="het voorkomen van onevenredige bevoordeling", soort="relatief")
        assert g.code == "5.1.2.g"
        with pytest.raises(IntegrityError):
            Woogrond.objects.create(code="5.1.2g", artikel="x", omschrijving="y", soort="relatief")

    def test_str(self):
        assert str(Woogrond.objects.get(code="5.1.2.e")) == "5.1.2.e: de eerbiediging van de persoonlijke levenssfeer"


class TestStandaardcategorie:
    @pytest.mark.parametrize(("soort", "categorie"), [
        ("besluit", Informatiecategorie.BESCHIKKINGEN), ("overeenkomst", Informatiecategorie.OVEREENKOMSTEN),
        ("addendum", Informatiecategorie.OVEREENKOMSTEN),
        ("aankondiging", Informatiecategorie.BESLUITEN_ALGEMENE_STREKKING),
        ("nota_van_inlichtingen", Informatiecategorie.BESLUITEN_ALGEMENE_STREKKING),
        ("pv_opening", Informatiecategorie.ONDERZOEKSRAPPORTEN), ("handhaving_besluit", Informatiecategorie.BESCHIKKINGEN),
        ("iets_nieuws", Informatiecategorie.BESLUITEN_ALGEMENE_STREKKING),
    ])
    def test_per_soort(self, soort, categorie):
        assert standaardcategorie(soort) == categorie


@pytest.fixture
def verzoek(aanbesteding_a):
    return Wooverzoek.objects.create(aanbesteding=aanbesteding_a, kenmerk="DOC-1", ontvangen_op=date(2026, 3, 2),
                                     onderwerp="x", verzoeker="y")


def _stuk(verzoek, nr, sleutel, **velden):
    return Verzoekstuk.objects.create(verzoek=verzoek, sleutel=sleutel, volgnummer=nr, titel="Stuk", soort="besluit",
                                      datum=date(2026, 1, 5), **velden)


@pytest.mark.django_db
class TestBeperkingen:
    def test_kenmerk_uniek_per_procedure(self, verzoek, aanbesteding_b):
        with transaction.atomic(), pytest.raises(IntegrityError):
            Wooverzoek.objects.create(aanbesteding=verzoek.aanbesteding, kenmerk="DOC-1",
                                      ontvangen_op=date(2026, 3, 2), onderwerp="x", verzoeker="y")
        Wooverzoek.objects.create(aanbesteding=aanbesteding_b, kenmerk="DOC-1", ontvangen_op=date(2026, 3, 2),
                                  onderwerp="x", verzoeker="y")

    def test_besloten_vraagt_besluitdatum(self, verzoek):
        with transaction.atomic(), pytest.raises(IntegrityError):
            Wooverzoek.objects.filter(pk=verzoek.pk).update(status="besloten")

    def test_volgnummer_uniek(self, verzoek):
        _stuk(verzoek, 1, "besluit:1")
        with transaction.atomic(), pytest.raises(IntegrityError):
            _stuk(verzoek, 1, "besluit:2")

    def test_sleutel_uniek(self, verzoek):
        _stuk(verzoek, 1, "besluit:1")
        with transaction.atomic(), pytest.raises(IntegrityError):
            _stuk(verzoek, 2, "besluit:1")

    def test_volgnummer_positief(self, verzoek):
        with transaction.atomic(), pytest.raises(IntegrityError):
            _stuk(verzoek, 0, "besluit:1")

    def test_reeds_openbaar_vraagt_vindplaats(self, verzoek):
        with transaction.atomic(), pytest.raises(IntegrityError):
            _stuk(verzoek, 1, "besluit:1", beoordeling="reeds_openbaar")
        _stuk(verzoek, 1, "besluit:1", beoordeling="reeds_openbaar", vindplaats="https://x.example/")

    def test_markering_uniek_ook_voor_alle_paginas(self, verzoek):
        stuk = _stuk(verzoek, 1, "besluit:1")
        grond = Woogrond.objects.get(code="5.1.2.e")
        Lakmarkering.objects.create(verzoekstuk=stuk, grond=grond, tekst="Jan")
        with transaction.atomic(), pytest.raises(IntegrityError):
            Lakmarkering.objects.create(verzoekstuk=stuk, grond=grond, tekst="Jan")
        Lakmarkering.objects.create(verzoekstuk=stuk, grond=grond, tekst="Jan", pagina=2)

    def test_metadata_een_per_stuk(self, aanbesteding_a):
        velden = {"aanbesteding": aanbesteding_a, "sleutel": "besluit:1", "titel": "t", "soort": "besluit",
                  "datum": date(2026, 1, 1), "informatiecategorie": "beschikkingen"}
        Woometadata.objects.create(**velden)
        with transaction.atomic(), pytest.raises(IntegrityError):
            Woometadata.objects.create(**velden)

    def test_actief_openbaar_vraagt_moment(self, aanbesteding_a):
        with transaction.atomic(), pytest.raises(IntegrityError):
            Woometadata.objects.create(aanbesteding=aanbesteding_a, sleutel="besluit:1", titel="t", soort="besluit",
                                       datum=date(2026, 1, 1), informatiecategorie="beschikkingen",
                                       status="actief_openbaar")


@pytest.mark.django_db
class TestWeergave:
    def test_documentnaam_begint_met_datum(self, verzoek):
        stuk = _stuk(verzoek, 3, "besluit:1")
        assert stuk.documentnaam == "20260105 Stuk"
        assert str(stuk) == "3. Stuk"
        assert str(verzoek) == "Woo-verzoek DOC-1"

    def test_omvang_van_een_markering(self, verzoek):
        stuk = _stuk(verzoek, 1, "besluit:1")
        grond = Woogrond.objects.get(code="5.1.2.b")
        assert Lakmarkering(verzoekstuk=stuk, grond=grond, tekst="€ 12,00", pagina=2).omvang == "“€ 12,00” (pagina 2)"
        assert Lakmarkering(verzoekstuk=stuk, grond=grond, pagina=2).omvang == "pagina 2"
        heel = Lakmarkering(verzoekstuk=stuk, grond=grond)
        assert (heel.omvang, heel.heel_document) == ("het hele document", True)
        assert str(heel) == "5.1.2.b: het hele document"


class TestToestandsmachines:
    VERZOEK_LEGAAL = {("ontvangen", "in_behandeling"), ("ontvangen", "besloten"), ("in_behandeling", "besloten")}
    METADATA_LEGAAL = {("niet_gepubliceerd", "actief_openbaar"), ("actief_openbaar", "ingetrokken"),
                       ("ingetrokken", "actief_openbaar")}

    def test_verzoek_tabel(self):
        assert set(Wooverzoek.OVERGANGEN.overgangen()) == self.VERZOEK_LEGAAL
        assert Wooverzoek.OVERGANGEN.eindtoestanden == {"besloten"}  # a decision is final (rule 14)

    def test_metadata_tabel(self):
        assert set(Woometadata.OVERGANGEN.overgangen()) == self.METADATA_LEGAAL

    @pytest.mark.parametrize(("model", "legaal"), [(Wooverzoek, VERZOEK_LEGAAL), (Woometadata, METADATA_LEGAAL)])
    def test_elke_zet_legaal_of_geweigerd(self, model, legaal):
        machine = model.OVERGANGEN
        for van in machine.toestanden:
            for naar in machine.toestanden - {van}:
                obj = model(status=van)
                if (van, naar) in legaal:
                    assert machine.zet(obj, naar) == van
                    assert obj.status == naar
                else:
                    with pytest.raises(OngeldigeOvergang):
                        machine.zet(obj, naar)
                    assert obj.status == van


@pytest.mark.django_db
class TestZaaien:
    def test_nogmaals_zaaien_verandert_niets_en_laat_bewerkingen_staan(self):
        import importlib

        from django.apps import apps as echte_apps

        migratie = importlib.import_module("woo.migrations.0002_woogronden")
        e = Woogrond.objects.get(code="5.1.2.e")
        e.toelichting = "Eigen tekst van het bureau."
        e.save()
        aantal = Woogrond.objects.count()
        migratie.zaaien(echte_apps, None)
        assert Woogrond.objects.count() == aantal == len(migratie.GRONDEN)
        assert Woogrond.objects.get(code="5.1.2.e").toelichting == "Eigen tekst van het bureau."

    def test_elke_gezaaide_code_is_genormaliseerd(self):
        for code in Woogrond.objects.values_list("code", flat=True):
            assert normaliseer_code(code) == code


@pytest.mark.django_db
class TestPaginacacheKoppeling:
    def test_metadata_en_gronden_trekken_pagina_in(self, aanbesteding_a):
        from core import paginacache

        voor = paginacache.huidige_generatie()
        Woometadata.objects.create(aanbesteding=aanbesteding_a, sleutel="besluit:1", titel="t", soort="besluit",
                                   datum=date(2026, 1, 1), informatiecategorie="beschikkingen")
        na_metadata = paginacache.huidige_generatie()
        assert na_metadata != voor
        g = Woogrond.objects.get(code="5.1.2.e")
        g.omschrijving = "persoonlijke levenssfeer"
        g.save()
        assert paginacache.huidige_generatie() != na_metadata

    def test_verzoeken_zijn_niet_openbaar_en_raken_de_cache_niet(self, aanbesteding_a):
        from core import paginacache

        voor = paginacache.huidige_generatie()
        Wooverzoek.objects.create(aanbesteding=aanbesteding_a, kenmerk="DOC-1", ontvangen_op=date(2026, 3, 2),
                                  onderwerp="x", verzoeker="y")
        assert paginacache.huidige_generatie() == voor


class TestMeerSchrijfwijzen:
    @pytest.mark.parametrize(("ruw", "code"), [
        ("5.1.2.B", "5.1.2.b"), ("5.1.2  e", "5.1.2.e"), ("5 . 1 . 2 . e", "5.1.2.e"), ("5.1.1e", "5.1.1.e"),
        ("5.1 lid 1 sub d", "5.1.1.d"), ("artikel 5.2", "5.2"), ("geen", "geen"),
    ])
    def test_varianten(self, ruw, code):
        assert normaliseer_code(ruw) == code

    def test_volgorde_numeriek_niet_alfabetisch(self):
        assert gronden_tekst(["5.1.10.a", "5.1.2.a"]) == "5.1.2.a, 5.1.10.a"
