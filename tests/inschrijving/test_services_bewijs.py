"""Evidence services: bewijsstuk_uploaden (the wallet), bewijsstuk_koppelen, bewijs_uploaden_voor_eis and
bewijsstuk_ontkoppelen. Files are judged by content (core.uploads), refused files store nothing, ages follow
the eis (003b §5: KvK ≤ 3 months at the closing day 30-06-2023), and every change has its audit row."""

import hashlib
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from aanbesteding.models import Eis
from inschrijving import services
from inschrijving.models import Bewijsstuk
from tests.core import slechte_bestanden as sb

from ._hulp import audit_regels, een_auditregel, indienen, prive_bestanden, toestand
from .conftest import pdf_upload
from .factories import BewijsstukFactory, EisFactory

VANDAAG = date(2023, 6, 20)  # the conftest freezes time at 20-06-2023 14:00


# --- bewijsstuk_uploaden -------------------------------------------------------------------------------


def test_upload_in_de_wallet_bewaart_hash_grootte_paginas_en_auditregel(aanbieder, aanbieder_medewerker, tijd,
                                                                        django_capture_on_commit_callbacks):
    inhoud = sb.geldige_pdf(4)
    voor = prive_bestanden()
    with django_capture_on_commit_callbacks(execute=False) as taken:
        stuk = services.bewijsstuk_uploaden(
            organisatie=aanbieder, bestand=SimpleUploadedFile("verzekering.pdf", inhoud), documentsoort="verzekering",
            afgiftedatum=date(2023, 1, 1), geldig_tot=date(2023, 12, 31), titel="Polis 2023", door=aanbieder_medewerker,
        )
    assert stuk.sha256 == hashlib.sha256(inhoud).hexdigest()
    assert stuk.grootte == len(inhoud)
    assert stuk.paginas == 4
    assert stuk.mime_type == "application/pdf"
    assert stuk.originele_naam == "verzekering.pdf"
    # private storage under a random name, never the provider's file name
    assert "verzekering" not in stuk.bestand.name
    with stuk.bestand.open("rb") as f:
        assert f.read() == inhoud
    assert prive_bestanden() - voor == {stuk.bestand.path}
    # the check runs after commit, so until then the document is "wordt gecontroleerd"
    assert stuk.controle == Bewijsstuk.Controle.BEZIG
    assert len(taken) == 1
    regel = een_auditregel("bewijsstuk.geupload", stuk, door=aanbieder_medewerker)
    assert regel.nieuwe_waarden == {"naam": "verzekering.pdf", "sha256": hashlib.sha256(inhoud).hexdigest(),
                                    "grootte": len(inhoud), "documentsoort": "verzekering", "afgiftedatum": "2023-01-01"}


def test_na_commit_wordt_het_bestand_in_orde_bevonden(aanbieder, aanbieder_beheerder, tijd, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stuk = services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=pdf_upload(), documentsoort="kvk_uittreksel",
                                            afgiftedatum=VANDAAG, door=aanbieder_beheerder)
    stuk.refresh_from_db()
    assert stuk.controle == Bewijsstuk.Controle.IN_ORDE


def test_upload_voor_een_andere_organisatie_wordt_geweigerd(aanbieder, andere_beheerder, tijd):
    voor = prive_bestanden()
    with pytest.raises(PermissionDenied):
        services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=pdf_upload(), documentsoort="kvk_uittreksel",
                                     afgiftedatum=VANDAAG, door=andere_beheerder)
    assert not Bewijsstuk.objects.exists()
    assert prive_bestanden() == voor


def test_afgiftedatum_vandaag_mag_morgen_niet(aanbieder, aanbieder_beheerder, tijd):
    with pytest.raises(ValidationError) as fout:
        services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=pdf_upload(), documentsoort="vog",
                                     afgiftedatum=date(2023, 6, 21), door=aanbieder_beheerder)
    assert fout.value.messages == ["De datum van afgifte ligt in de toekomst."]
    assert not Bewijsstuk.objects.exists()
    assert services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=pdf_upload(), documentsoort="vog",
                                        afgiftedatum=VANDAAG, door=aanbieder_beheerder)


def test_geldig_tot_voor_de_afgiftedatum_wordt_geweigerd(aanbieder, aanbieder_beheerder, tijd):
    with pytest.raises(ValidationError) as fout:
        services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=pdf_upload(), documentsoort="keurmerk",
                                     afgiftedatum=date(2023, 5, 1), geldig_tot=date(2023, 4, 30), door=aanbieder_beheerder)
    assert fout.value.messages == ["‘Geldig tot’ ligt vóór de datum van afgifte."]
    assert not Bewijsstuk.objects.exists()


@pytest.mark.parametrize(("naam", "maak", "verwacht"), [
    ("uittreksel.pdf", sb.platte_tekst, "niet toegestaan"),
    ("uittreksel.pdf", sb.png, "niet toegestaan"),
    ("uittreksel.pdf", sb.afgekapte_pdf, "beschadigd of onvolledig"),
    ("uittreksel.pdf", sb.versleutelde_pdf, "beveiligd met een wachtwoord"),
])
def test_nep_pdf_wordt_op_inhoud_geweigerd_en_niets_opgeslagen(aanbieder, aanbieder_beheerder, tijd, naam, maak, verwacht):
    voor = prive_bestanden()
    with pytest.raises(ValidationError) as fout:
        services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=SimpleUploadedFile(naam, maak(), "application/pdf"),
                                     documentsoort="kvk_uittreksel", afgiftedatum=VANDAAG, door=aanbieder_beheerder)
    assert verwacht in " ".join(fout.value.messages)
    assert "“uittreksel.pdf”" in " ".join(fout.value.messages)
    assert not Bewijsstuk.objects.exists()
    assert not audit_regels("bewijsstuk.geupload").exists()
    assert prive_bestanden() == voor


def test_afbeelding_alleen_waar_die_is_toegestaan(aanbieder, aanbieder_beheerder, tijd):
    with pytest.raises(ValidationError):
        services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=SimpleUploadedFile("foto.png", sb.png()),
                                     documentsoort="overig", afgiftedatum=VANDAAG, door=aanbieder_beheerder)
    stuk = services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=SimpleUploadedFile("foto.png", sb.png()),
                                        documentsoort="overig", afgiftedatum=VANDAAG, toegestaan=("pdf", "afbeelding"),
                                        door=aanbieder_beheerder)
    assert stuk.mime_type == "image/png"
    assert stuk.paginas is None


# --- bewijsstuk_koppelen -------------------------------------------------------------------------------


def test_koppelen_uit_de_wallet_met_auditregel(concept, procedure, aanbieder, aanbieder_medewerker):
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 6, 1), sha256="a" * 64, originele_naam="kvk-juni.pdf")
    antwoord = services.bewijsstuk_koppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=stuk, door=aanbieder_medewerker)
    assert list(antwoord.bewijsstukken.all()) == [stuk]
    assert antwoord.bijgewerkt_door == aanbieder_medewerker
    regel = een_auditregel("inschrijving.bewijs_gekoppeld", concept, door=aanbieder_medewerker)
    assert regel.nieuwe_waarden == {"eis": "TD 2.7", "lid": "", "bestand": "kvk-juni.pdf", "sha256": "a" * 64}


def test_hetzelfde_document_dient_voor_twee_eisen_van_dezelfde_soort(concept, procedure, aanbieder, aanbieder_beheerder):
    tweede = EisFactory(aanbesteding=procedure.aanbesteding, code="TD 2.8", antwoordtype=Eis.Antwoordtype.DOCUMENT,
                        documentsoort="kvk_uittreksel", max_leeftijd_maanden=6)
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 5, 1))
    services.bewijsstuk_koppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=stuk, door=aanbieder_beheerder)
    services.bewijsstuk_koppelen(inschrijving=concept, eis=tweede, bewijsstuk=stuk, door=aanbieder_beheerder)
    assert set(stuk.antwoorden.values_list("eis__code", flat=True)) == {"TD 2.7", "TD 2.8"}
    assert Bewijsstuk.objects.count() == 1


def test_document_van_een_andere_organisatie_wordt_geweigerd(concept, procedure, andere_aanbieder, aanbieder_beheerder):
    vreemd = BewijsstukFactory(organisatie=andere_aanbieder, afgiftedatum=date(2023, 6, 1))
    voor = toestand(concept)
    with pytest.raises(PermissionDenied):
        services.bewijsstuk_koppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=vreemd, door=aanbieder_beheerder)
    assert toestand(concept) == voor
    assert not audit_regels("inschrijving.bewijs_gekoppeld").exists()


def test_koppelen_door_een_andere_organisatie_wordt_geweigerd(concept, procedure, aanbieder, andere_beheerder):
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 6, 1))
    with pytest.raises(PermissionDenied):
        services.bewijsstuk_koppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=stuk, door=andere_beheerder)
    assert not concept.antwoorden.exists()


def test_verkeerde_documentsoort_noemt_wat_nodig_is(concept, procedure, aanbieder, aanbieder_beheerder):
    vog = BewijsstukFactory(organisatie=aanbieder, documentsoort="vog", originele_naam="vog.pdf", afgiftedatum=date(2023, 6, 1))
    with pytest.raises(ValidationError) as fout:
        services.bewijsstuk_koppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=vog, door=aanbieder_beheerder)
    assert fout.value.messages == [
        "“vog.pdf” is opgeslagen als “Verklaring omtrent het gedrag (VOG)”; voor “Uittreksel KvK, niet ouder dan drie maanden” is nodig: "
        "Uittreksel Kamer van Koophandel."
    ]
    assert not concept.antwoorden.exists()


def test_geweigerd_document_kan_niet_worden_gekoppeld(concept, procedure, aanbieder, aanbieder_beheerder):
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 6, 1), controle=Bewijsstuk.Controle.GEWEIGERD,
                             controle_melding="virus gevonden")
    with pytest.raises(ValidationError, match="bij de controle geweigerd: virus gevonden"):
        services.bewijsstuk_koppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=stuk, door=aanbieder_beheerder)
    assert not concept.antwoorden.exists()


def test_certificaat_dat_voor_de_peildatum_verloopt_wordt_geweigerd(concept, procedure, aanbieder, aanbieder_beheerder):
    # The peildatum is the closing day 30-06-2023: valid up to and including the 29th is too short.
    eis = EisFactory(aanbesteding=procedure.aanbesteding, code="TD 6.1", antwoordtype=Eis.Antwoordtype.DOCUMENT,
                     documentsoort="keurmerk")
    kort = BewijsstukFactory(organisatie=aanbieder, documentsoort="keurmerk", originele_naam="hkz.pdf",
                             afgiftedatum=date(2020, 7, 1), geldig_tot=date(2023, 6, 29))
    with pytest.raises(ValidationError) as fout:
        services.bewijsstuk_koppelen(inschrijving=concept, eis=eis, bewijsstuk=kort, door=aanbieder_beheerder)
    assert fout.value.messages == ["“hkz.pdf” was geldig tot en met 29-06-2023 en is op 30-06-2023 verlopen."]
    precies = BewijsstukFactory(organisatie=aanbieder, documentsoort="keurmerk", afgiftedatum=date(2020, 7, 1),
                                geldig_tot=date(2023, 6, 30))
    services.bewijsstuk_koppelen(inschrijving=concept, eis=eis, bewijsstuk=precies, door=aanbieder_beheerder)


def test_koppelen_na_indienen_wordt_geweigerd(compleet, procedure, aanbieder, aanbieder_beheerder):
    indienen(compleet, aanbieder_beheerder)
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 6, 1))
    voor = toestand(compleet)
    with pytest.raises(ValidationError):
        services.bewijsstuk_koppelen(inschrijving=compleet, eis=procedure.kvk, bewijsstuk=stuk, door=aanbieder_beheerder)
    assert toestand(compleet) == voor


# --- bewijs_uploaden_voor_eis --------------------------------------------------------------------------


def test_upload_voor_eis_zet_het_in_de_wallet_en_koppelt_in_een_keer(concept, procedure, aanbieder_medewerker):
    stuk = services.bewijs_uploaden_voor_eis(inschrijving=concept, eis=procedure.kvk, bestand=pdf_upload("kvk-2023.pdf"),
                                             afgiftedatum=date(2023, 3, 30), door=aanbieder_medewerker)
    # 30-06-2023 minus 3 months = 30-03-2023: exactly on the edge is young enough (ADR 0007 §4)
    assert stuk.documentsoort == "kvk_uittreksel"
    assert list(concept.antwoorden.get(eis=procedure.kvk).bewijsstukken.all()) == [stuk]
    een_auditregel("bewijsstuk.geupload", stuk, door=aanbieder_medewerker)
    regel = een_auditregel("inschrijving.bewijs_gekoppeld", concept, door=aanbieder_medewerker)
    assert regel.nieuwe_waarden["sha256"] == stuk.sha256


def test_upload_voor_eis_zonder_documentsoort_wordt_geweigerd(concept, procedure, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        services.bewijs_uploaden_voor_eis(inschrijving=concept, eis=procedure.formulier_e, bestand=pdf_upload(),
                                          afgiftedatum=date(2023, 6, 1), door=aanbieder_beheerder)
    assert fout.value.messages == ["Bij “Geen faillissement of surseance” hoort geen document."]
    assert not Bewijsstuk.objects.exists()


def test_nep_pdf_voor_eis_laat_het_concept_intact(compleet, procedure, aanbieder_beheerder):
    voor = toestand(compleet)
    bestanden = prive_bestanden()
    with pytest.raises(ValidationError):
        services.bewijs_uploaden_voor_eis(inschrijving=compleet, eis=procedure.kvk,
                                          bestand=SimpleUploadedFile("kvk.pdf", sb.pdf_rommel(), "application/pdf"),
                                          afgiftedatum=date(2023, 6, 1), door=aanbieder_beheerder)
    assert toestand(compleet) == voor
    assert Bewijsstuk.objects.count() == 2  # the two of maak_compleet
    assert prive_bestanden() == bestanden


def test_upload_voor_eis_na_indienen_slaat_ook_niets_in_de_wallet_op(compleet, procedure, aanbieder_beheerder):
    indienen(compleet, aanbieder_beheerder)
    with pytest.raises(ValidationError):
        services.bewijs_uploaden_voor_eis(inschrijving=compleet, eis=procedure.kvk, bestand=pdf_upload("nieuw.pdf"),
                                          afgiftedatum=date(2023, 6, 1), door=aanbieder_beheerder)
    assert not Bewijsstuk.objects.filter(originele_naam="nieuw.pdf").exists()


def test_upload_voor_eis_door_andere_organisatie(concept, procedure, andere_beheerder):
    with pytest.raises(PermissionDenied):
        services.bewijs_uploaden_voor_eis(inschrijving=concept, eis=procedure.kvk, bestand=pdf_upload(),
                                          afgiftedatum=date(2023, 6, 1), door=andere_beheerder)
    assert not Bewijsstuk.objects.exists()


def test_lid_bewijs_krijgt_kvk_en_naam_van_het_lid(concept, procedure, aanbieder_beheerder):
    lid = services.lid_toevoegen(inschrijving=concept, rol="combinant", naam="De Brug", kvk_nummer="99990022",
                                 door=aanbieder_beheerder)
    stuk = services.bewijs_uploaden_voor_eis(inschrijving=concept, eis=procedure.gedragsverklaring, lid=lid,
                                             bestand=pdf_upload("gva-brug.pdf"), afgiftedatum=date(2022, 1, 1),
                                             door=aanbieder_beheerder)
    assert (stuk.van_kvk_nummer, stuk.van_naam) == ("99990022", "De Brug")
    assert concept.antwoorden.get(eis=procedure.gedragsverklaring, lid=lid).bewijsstukken.get() == stuk


# --- bewijsstuk_ontkoppelen ----------------------------------------------------------------------------


def test_ontkoppelen_haalt_de_koppeling_weg_het_document_blijft(compleet, procedure, aanbieder_medewerker):
    stuk = compleet.antwoorden.get(eis=procedure.kvk).bewijsstukken.get()
    services.bewijsstuk_ontkoppelen(inschrijving=compleet, eis=procedure.kvk, bewijsstuk=stuk, door=aanbieder_medewerker)
    assert not compleet.antwoorden.get(eis=procedure.kvk).bewijsstukken.exists()
    assert Bewijsstuk.objects.filter(pk=stuk.pk).exists()
    regel = een_auditregel("inschrijving.bewijs_ontkoppeld", compleet, door=aanbieder_medewerker)
    assert regel.oude_waarden == {"eis": "TD 2.7", "bestand": "kvk-uittreksel.pdf"}


def test_ontkoppelen_zonder_antwoord_doet_niets(concept, procedure, aanbieder, aanbieder_beheerder):
    stuk = BewijsstukFactory(organisatie=aanbieder)
    services.bewijsstuk_ontkoppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=stuk, door=aanbieder_beheerder)
    assert not audit_regels("inschrijving.bewijs_ontkoppeld").exists()


def test_ontkoppelen_door_andere_organisatie_of_na_indienen_wordt_geweigerd(compleet, procedure, aanbieder_beheerder,
                                                                          andere_beheerder):
    stuk = compleet.antwoorden.get(eis=procedure.kvk).bewijsstukken.get()
    with pytest.raises(PermissionDenied):
        services.bewijsstuk_ontkoppelen(inschrijving=compleet, eis=procedure.kvk, bewijsstuk=stuk, door=andere_beheerder)
    indienen(compleet, aanbieder_beheerder)
    with pytest.raises(ValidationError):
        services.bewijsstuk_ontkoppelen(inschrijving=compleet, eis=procedure.kvk, bewijsstuk=stuk, door=aanbieder_beheerder)
    assert compleet.antwoorden.get(eis=procedure.kvk).bewijsstukken.get() == stuk
    assert not audit_regels("inschrijving.bewijs_ontkoppeld").exists()
