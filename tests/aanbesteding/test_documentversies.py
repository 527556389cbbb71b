"""Document versions (ADR 0006): every version is its own numbered row; the stable address serves the current
published version; earlier versions stay downloadable with their date and the reason of the rectification
(DOMAIN.md 'Publish': changes only by rectification with a visible history)."""

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from aanbesteding.models import DocumentVersie, ProcedureWijziging
from aanbesteding.selectors import openbare_documenten, openbare_versie
from core.kalender import TZ

from ._hulp import aantal_queries, auditregels, concept_versie
from .factories import AanbestedingFactory, ProcedureDocumentFactory, gepubliceerde_versie, pdf_inhoud

pytestmark = pytest.mark.django_db

# 003b r. 4862-4966: the perceelbeschrijving Tussenvoorziening was rectified ("gerectificeerd", version 2).
EERSTE = datetime(2023, 6, 1, 9, 0, tzinfo=TZ)
RECTIFICATIE = datetime(2023, 6, 13, 14, 30, tzinfo=TZ)
REDEN = "Rectificatie: leegstand tegen het tarief van een bezet bed (003b r. 4880)."


@pytest.fixture
def perceelbeschrijving(procedure):
    return ProcedureDocumentFactory(aanbesteding=procedure, titel="Perceelbeschrijving Tussenvoorziening",
                                    slug="perceelbeschrijving-tussenvoorziening")


@pytest.fixture
def twee_versies(perceelbeschrijving, inkoper):
    with time_machine.travel(EERSTE, tick=False):
        v1 = gepubliceerde_versie(perceelbeschrijving, inhoud=pdf_inhoud("versie een"), user=inkoper)
    with time_machine.travel(RECTIFICATIE, tick=False):
        v2 = gepubliceerde_versie(perceelbeschrijving, inhoud=pdf_inhoud("versie twee"), reden=REDEN, user=inkoper)
    return v1, v2


# --- numbering and the reason rule --------------------------------------------------------------------------

def test_versies_worden_per_document_doorgenummerd(procedure):
    a, b = ProcedureDocumentFactory(aanbesteding=procedure), ProcedureDocumentFactory(aanbesteding=procedure)
    a1 = gepubliceerde_versie(a)
    b1 = gepubliceerde_versie(b)
    a2 = gepubliceerde_versie(a, reden="Rectificatie")
    assert (a1.nummer, b1.nummer, a2.nummer) == (1, 1, 2)
    assert str(a2) == f"{a.titel} v2"


def test_concept_telt_mee_in_de_nummering(perceelbeschrijving):
    """A draft already holds its number, so the next draft does not collide with it."""
    gepubliceerde_versie(perceelbeschrijving)
    concept = concept_versie(perceelbeschrijving, reden="Rectificatie")
    assert concept.nummer == 2 and not concept.live
    assert concept_versie(perceelbeschrijving, reden="Nog een").nummer == 3


def test_eerste_versie_heeft_geen_reden_nodig(perceelbeschrijving):
    assert concept_versie(perceelbeschrijving, reden="").nummer == 1


@pytest.mark.parametrize("reden", ["", "   \n"])
def test_tweede_versie_zonder_reden_wordt_geweigerd_met_melding(perceelbeschrijving, reden):
    gepubliceerde_versie(perceelbeschrijving)
    with pytest.raises(ValidationError) as fout:
        concept_versie(perceelbeschrijving, reden=reden)
    assert "reden" in fout.value.message_dict
    assert DocumentVersie.objects.filter(document=perceelbeschrijving).count() == 1


def test_versienummer_is_uniek_per_document(perceelbeschrijving):
    gepubliceerde_versie(perceelbeschrijving)
    dubbel = DocumentVersie(document=perceelbeschrijving, nummer=1, live=False)
    dubbel.bestand.save("dubbel.pdf", ContentFile(pdf_inhoud()), save=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        dubbel.save()


def test_gepubliceerde_versie_verhuist_niet_naar_een_ander_document(perceelbeschrijving, procedure):
    versie = gepubliceerde_versie(perceelbeschrijving)
    versie.document = ProcedureDocumentFactory(aanbesteding=procedure)
    with pytest.raises(ValidationError):
        versie.full_clean()


def test_concept_mag_nog_een_ander_bestand_krijgen(perceelbeschrijving):
    concept = concept_versie(perceelbeschrijving)
    concept.bestand.save("beter.pdf", ContentFile(pdf_inhoud("beter")), save=False)
    concept.full_clean()
    concept.save()
    assert concept.bestandsnaam.startswith("beter")


def test_afbeelding_is_geen_publiek_document(perceelbeschrijving):
    """Public documents are PDF or office files, checked by content (core/uploads.py), not by the file name."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    versie = DocumentVersie(document=perceelbeschrijving, live=False)
    versie.bestand = SimpleUploadedFile("toelatingsdocument.pdf", png, "application/pdf")
    with pytest.raises(ValidationError) as fout:
        versie.full_clean()
    assert "bestand" in fout.value.message_dict
    assert not DocumentVersie.objects.exists()


def test_document_met_versies_wordt_niet_verwijderd(perceelbeschrijving):
    gepubliceerde_versie(perceelbeschrijving)
    with pytest.raises(ProtectedError):
        perceelbeschrijving.delete()


def test_documentslug_is_uniek_binnen_een_procedure(procedure):
    ProcedureDocumentFactory(aanbesteding=procedure, slug="programma-van-eisen")
    ProcedureDocumentFactory(aanbesteding=AanbestedingFactory(), slug="programma-van-eisen")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureDocumentFactory(aanbesteding=procedure, slug="programma-van-eisen")


# --- the public reads: current version at the stable address, earlier ones with date and reason -------------

def test_vast_adres_levert_de_hoogste_gepubliceerde_versie(twee_versies, procedure):
    v1, v2 = twee_versies
    assert openbare_versie(procedure, "perceelbeschrijving-tussenvoorziening") == v2
    assert openbare_versie(procedure, "perceelbeschrijving-tussenvoorziening", 1) == v1
    assert openbare_versie(procedure, "perceelbeschrijving-tussenvoorziening", 2) == v2


def test_concept_is_niet_openbaar_ook_niet_via_zijn_nummer(twee_versies, perceelbeschrijving, procedure):
    concept = concept_versie(perceelbeschrijving, reden="Derde versie in de maak")
    assert concept.nummer == 3
    assert openbare_versie(procedure, perceelbeschrijving.slug) == twee_versies[1]
    assert openbare_versie(procedure, perceelbeschrijving.slug, 3) is None


def test_document_van_een_andere_procedure_is_hier_niet_te_vinden(twee_versies, perceelbeschrijving):
    andere = AanbestedingFactory()
    assert openbare_versie(andere, perceelbeschrijving.slug) is None
    assert openbare_versie(andere, perceelbeschrijving.slug, 1) is None


def test_overzicht_toont_huidige_en_eerdere_versies_met_datum_en_reden(twee_versies, procedure):
    v1, v2 = twee_versies
    [regel] = openbare_documenten(procedure)
    assert regel.huidig == v2
    assert regel.eerdere == [v1]
    # The earlier version keeps its own publication date; the new one carries the reason of the rectification.
    assert regel.eerdere[0].first_published_at == EERSTE
    assert regel.huidig.first_published_at == RECTIFICATIE
    assert regel.huidig.reden == REDEN


def test_document_zonder_gepubliceerde_versie_staat_niet_in_het_overzicht(procedure):
    alleen_concept = ProcedureDocumentFactory(aanbesteding=procedure, titel="Concept")
    concept_versie(alleen_concept)
    ProcedureDocumentFactory(aanbesteding=procedure, titel="Leeg")
    assert openbare_documenten(procedure) == []


def test_overzicht_volgt_volgorde_en_titel(procedure):
    for titel, volgorde in [("Modelovereenkomst", 2), ("Toelatingsdocument", 1), ("Bijlage A", 2)]:
        gepubliceerde_versie(ProcedureDocumentFactory(aanbesteding=procedure, titel=titel, volgorde=volgorde))
    assert [r.document.titel for r in openbare_documenten(procedure)] == ["Toelatingsdocument", "Bijlage A", "Modelovereenkomst"]


def test_overzicht_kost_twee_queries_ongeacht_het_aantal_documenten(procedure):
    """ARCHITECTURE.md rule 9: no N+1. Documents, then all their live versions in one prefetch."""
    gepubliceerde_versie(ProcedureDocumentFactory(aanbesteding=procedure))
    klein = aantal_queries(lambda: openbare_documenten(procedure))
    for _ in range(4):
        document = ProcedureDocumentFactory(aanbesteding=procedure)
        gepubliceerde_versie(document)
        gepubliceerde_versie(document, reden="Rectificatie")
    groot = aantal_queries(lambda: [r.eerdere for r in openbare_documenten(procedure)])
    assert klein == groot == 2


# --- the change log and the audit trail follow publication -------------------------------------------------

def test_publicatie_komt_met_datum_in_het_wijzigingslog(twee_versies, perceelbeschrijving):
    v1, v2 = twee_versies
    eerste, tweede = ProcedureWijziging.objects.get(versie=v1), ProcedureWijziging.objects.get(versie=v2)
    assert eerste.soort == tweede.soort == ProcedureWijziging.Soort.DOCUMENT
    assert eerste.datum == EERSTE and tweede.datum == RECTIFICATIE
    assert eerste.omschrijving == "Perceelbeschrijving Tussenvoorziening: versie 1 gepubliceerd."
    assert tweede.omschrijving == (
        f"Perceelbeschrijving Tussenvoorziening: versie 2 vervangt versie 1. Reden: {REDEN}"
    )


def test_publicatie_schrijft_auditregel_met_nummer_en_reden(twee_versies):
    v1, v2 = twee_versies
    assert auditregels("documentversie.gepubliceerd", v1).get().nieuwe_waarden == {"nummer": 1, "reden": ""}
    assert auditregels("documentversie.gepubliceerd", v2).get().nieuwe_waarden == {"nummer": 2, "reden": REDEN}


def test_opnieuw_publiceren_van_dezelfde_versie_is_geen_nieuwe_versie(twee_versies, inkoper):
    _, v2 = twee_versies
    v2.save_revision(user=inkoper).publish(user=inkoper, skip_permission_checks=True)
    assert ProcedureWijziging.objects.filter(versie=v2).count() == 1
    assert auditregels("documentversie.gepubliceerd", v2).count() == 1
    assert DocumentVersie.objects.get(pk=v2.pk).nummer == 2


def test_concept_staat_niet_in_het_wijzigingslog(perceelbeschrijving):
    concept = concept_versie(perceelbeschrijving)
    assert not ProcedureWijziging.objects.filter(versie=concept).exists()
    assert not auditregels("documentversie.gepubliceerd", concept).exists()
