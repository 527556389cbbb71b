"""aanbesteding.selectors.dossierstukken: the procedure's own documents of its dossier for the Woo (issue 16): the
notice, the published document versions, the rectificaties, the change log and the NvI's, by date, each with a
PDF that opens and reads as its title, in a constant number of queries."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.base import ContentFile
from pypdf import PdfReader

from aanbesteding.models import NotaVanInlichtingen, ProcedureWijziging, Rectificatie, Toetredingsmoment
from aanbesteding.selectors import dossierstukken
from core.dossier import Dossierstuk, dag, uit_opslag
from core.kalender import TZ

from ._hulp import aantal_queries, concept_versie
from .factories import (
    AanbestedingFactory,
    PerceelFactory,
    ProcedureDocumentFactory,
    ProductFactory,
    TariefFactory,
    gepubliceerde_versie,
    pdf_inhoud,
)

pytestmark = pytest.mark.django_db


def tekst_van(inhoud: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)


def moment(dag_, uur=10):
    return datetime(2023, 6, dag_, uur, 0, tzinfo=TZ)


@pytest.fixture
def procedure(db):
    ab = AanbestedingFactory(titel="Jeugdhulp Voorzieningen", dossiernummer="SD005", samenvatting="Toelating jeugdhulp.")
    PerceelFactory(aanbesteding=ab, code="5.10", naam="Behandelgroep Verblijf")
    Toetredingsmoment.objects.create(
        aanbesteding=ab, naam="Toetredingsronde juni 2023", opent_op=moment(1), sluit_op=moment(30),
    )
    return ab


def vul(ab, n: int):
    """n of each kind, dated through June 2023: document versions, rectificaties, log entries and NvI's."""
    for i in range(1, n + 1):
        document = ProcedureDocumentFactory(aanbesteding=ab, titel=f"Programma van eisen {i}", slug=f"pve-{i}")
        with time_machine.travel(moment(2 + i), tick=False):
            gepubliceerde_versie(document, inhoud=pdf_inhoud(f"PvE {i}"))
        Rectificatie.objects.create(aanbesteding=ab, nummer=i, reden=f"Eis {i} verduidelijkt.", gepubliceerd_op=moment(10 + i))
        ProcedureWijziging.objects.create(aanbesteding=ab, datum=moment(15 + i), omschrijving=f"Sluitingsdatum {i} verschoven.")
        NotaVanInlichtingen.objects.create(aanbesteding=ab, nummer=i, inleiding=f"Inleiding {i}.", gepubliceerd_op=moment(20 + i))


def test_alle_soorten_op_datum_met_titels_en_sleutels(procedure):
    vul(procedure, 1)
    stukken = dossierstukken(procedure)
    assert [s.soort for s in stukken] == [
        "aankondiging", "documentversie", "rectificatie", "procedurewijziging", "nota_van_inlichtingen",
    ]
    assert [s.datum for s in stukken] == [date(2023, 6, 1), date(2023, 6, 3), date(2023, 6, 11), date(2023, 6, 16),
                                         date(2023, 6, 21)]
    assert [s.titel for s in stukken] == [
        "Aankondiging: Jeugdhulp Voorzieningen", "Programma van eisen 1 (versie 1)", "Rectificatie 1 van de eisen",
        "Wijziging van de procedure: Sluitingsdatum 1 verschoven.", "Nota van Inlichtingen 1",
    ]
    rectificatie = Rectificatie.objects.get()
    assert stukken[2].sleutel == f"rectificatie:{rectificatie.pk}"
    assert stukken[0].sleutel == f"aankondiging:{procedure.pk}"
    assert all(isinstance(s, Dossierstuk) for s in stukken)
    assert {(s.aanbesteding_id, s.regio_id) for s in stukken} == {(procedure.pk, procedure.regio_id)}


def test_alles_is_openbaar_en_noemt_niemand(procedure):
    vul(procedure, 1)
    stukken = dossierstukken(procedure)
    assert all(s.openbaar for s in stukken)
    assert all(s.persoonsgegevens == () for s in stukken)


def test_aankondiging_van_een_procedure_in_voorbereiding_is_niet_openbaar(procedure):
    procedure.status = "in_voorbereiding"
    [aankondiging] = dossierstukken(procedure)
    assert not aankondiging.openbaar


def test_aankondiging_zonder_toetredingsmoment_heeft_de_dag_van_invoer():
    with time_machine.travel(datetime(2022, 11, 30, 23, 30, tzinfo=TZ), tick=False):
        ab = AanbestedingFactory()
    [aankondiging] = dossierstukken(ab)
    assert aankondiging.datum == date(2022, 11, 30)


def test_aankondiging_pdf_toont_de_openbare_gegevens(procedure):
    [aankondiging] = dossierstukken(procedure)
    tekst = tekst_van(aankondiging.pdf())
    assert "Aankondiging: Jeugdhulp Voorzieningen (dossier SD005)" in tekst
    assert "Looptijd: 01-01-2023 tot en met 31-12-2028" in tekst
    assert "5.10 Behandelgroep Verblijf" in tekst
    assert "Toetredingsronde juni 2023" in tekst
    assert "Toelating jeugdhulp." in tekst
    assert f"Opdrachtgever: {procedure.opdrachtgever.naam}" in tekst


def test_documentversie_geeft_het_geuploade_bestand(procedure):
    vul(procedure, 1)
    versie = next(s for s in dossierstukken(procedure) if s.soort == "documentversie")
    inhoud = versie.pdf()
    assert inhoud.startswith(b"%PDF")
    assert "PvE 1" in tekst_van(inhoud)


def test_concepten_en_ingetrokken_versies_ontbreken(procedure):
    document = ProcedureDocumentFactory(aanbesteding=procedure, titel="Toelatingsdocument", slug="toelating")
    with time_machine.travel(moment(2), tick=False):
        eerste = gepubliceerde_versie(document, inhoud=pdf_inhoud("versie een"))
    concept = concept_versie(document, reden="Nieuwe bijlage.", tekst="concept twee")
    teruggetrokken = ProcedureDocumentFactory(aanbesteding=procedure, titel="Ingetrokken", slug="weg")
    weg = gepubliceerde_versie(teruggetrokken)
    weg.unpublish(user=None)
    Rectificatie.objects.create(aanbesteding=procedure, nummer=1)  # a concept rectificatie: no document yet
    sleutels = [s.sleutel for s in dossierstukken(procedure)]
    assert f"documentversie:{eerste.pk}" in sleutels
    assert f"documentversie:{concept.pk}" not in sleutels
    assert f"documentversie:{weg.pk}" not in sleutels
    assert not any(s.startswith("rectificatie:") for s in sleutels)


def test_tweede_gepubliceerde_versie_is_een_eigen_stuk(procedure):
    document = ProcedureDocumentFactory(aanbesteding=procedure, titel="Toelatingsdocument", slug="toelating")
    with time_machine.travel(moment(2), tick=False):
        gepubliceerde_versie(document, inhoud=pdf_inhoud("een"))
    with time_machine.travel(moment(5), tick=False):
        gepubliceerde_versie(document, inhoud=pdf_inhoud("twee"), reden="Rectificatie.")
    versies = [s for s in dossierstukken(procedure) if s.soort == "documentversie"]
    assert [(s.titel, s.datum) for s in versies] == [
        ("Toelatingsdocument (versie 1)", date(2023, 6, 2)), ("Toelatingsdocument (versie 2)", date(2023, 6, 5)),
    ]
    assert "twee" in tekst_van(versies[1].pdf())


def test_rectificatie_pdf_met_reden_en_gewijzigde_eisen(procedure):
    vul(procedure, 1)
    stuk = next(s for s in dossierstukken(procedure) if s.soort == "rectificatie")
    tekst = tekst_van(stuk.pdf())
    assert "Rectificatie 1 van de eisen" in tekst
    assert "Reden: Eis 1 verduidelijkt." in tekst
    assert "Gepubliceerd op 11-06-2023" in tekst


def test_wijziging_pdf_met_omschrijving(procedure):
    vul(procedure, 1)
    stuk = next(s for s in dossierstukken(procedure) if s.soort == "procedurewijziging")
    tekst = tekst_van(stuk.pdf())
    assert "Wijziging van de procedure: Wijziging procedure" in tekst  # the kind, as the public log shows it
    assert "Sluitingsdatum 1 verschoven." in tekst and "Datum: 16-06-2023" in tekst


def test_nvi_zonder_pdf_wordt_gerenderd(procedure):
    vul(procedure, 1)
    stuk = next(s for s in dossierstukken(procedure) if s.soort == "nota_van_inlichtingen")
    tekst = tekst_van(stuk.pdf())
    assert "Nota van Inlichtingen 1" in tekst and "Inleiding 1." in tekst


def test_nvi_met_pdf_geeft_de_verzegelde_bytes(procedure):
    nvi = NotaVanInlichtingen.objects.create(aanbesteding=procedure, nummer=1, gepubliceerd_op=moment(20))
    inhoud = pdf_inhoud("verzegelde nota")
    nvi.pdf.save("nvi-1.pdf", ContentFile(inhoud))
    stuk = next(s for s in dossierstukken(procedure) if s.soort == "nota_van_inlichtingen")
    assert stuk.pdf() == inhoud


def test_pdf_is_lui(procedure):
    """Listing reads no file and renders nothing: only the woo app's call to pdf() does."""
    vul(procedure, 1)
    stukken = dossierstukken(procedure)
    aankondiging = stukken[0]
    assert aantal_queries(aankondiging.pdf) == 2  # the percelen and the toetredingsmomenten


def test_wijzigingslog_van_een_ander_stuk_staat_er_niet_dubbel_in(procedure):
    """Publishing a version, an NvI or a rectificatie writes a log entry too; the dossier lists the document once."""
    vul(procedure, 1)
    assert ProcedureWijziging.objects.filter(aanbesteding=procedure, soort="document").exists()
    wijzigingen = [s for s in dossierstukken(procedure) if s.soort == "procedurewijziging"]
    assert len(wijzigingen) == 1


def test_lange_omschrijving_wordt_een_korte_titel(procedure):
    ProcedureWijziging.objects.create(aanbesteding=procedure, datum=moment(5), omschrijving="Lang " * 40)
    stuk = next(s for s in dossierstukken(procedure) if s.soort == "procedurewijziging")
    assert len(stuk.titel) == len("Wijziging van de procedure: ") + 80 and stuk.titel.endswith("…")


def test_andere_procedure_telt_niet_mee(procedure):
    vul(procedure, 1)
    ander = AanbestedingFactory()
    assert [s.soort for s in dossierstukken(ander)] == ["aankondiging"]


def test_datum_in_amsterdam():
    """22:30 UTC on 20 June is the 21st in Amsterdam (+02:00)."""
    assert dag(datetime(2023, 6, 20, 22, 30, tzinfo=UTC)) == date(2023, 6, 21)
    assert dag(date(2023, 6, 20)) == date(2023, 6, 20)


def test_uit_opslag_leest_via_de_opslag(procedure):
    nvi = NotaVanInlichtingen.objects.create(aanbesteding=procedure, nummer=1, gepubliceerd_op=moment(20))
    nvi.pdf.save("nvi-1.pdf", ContentFile(b"%PDF-1.4 inhoud"))
    lezer = uit_opslag(nvi.pdf)
    assert lezer() == b"%PDF-1.4 inhoud"
    assert lezer() == b"%PDF-1.4 inhoud"  # read again: a fresh handle every call


@pytest.mark.parametrize("n", [1, 4])
def test_aantal_queries_is_vast(procedure, n, django_assert_num_queries):
    vul(procedure, n)
    # Toetredingsmoment, versies, rectificaties, wijzigingen, NvI's, tariefperioden, productperioden.
    with django_assert_num_queries(7):
        stukken = dossierstukken(procedure)
    assert len(stukken) == 1 + 4 * n  # no products: no product book


# --- the product book per year ---------------------------------------------------------------------------------


@pytest.fixture
def met_tarieven(procedure):
    perceel = procedure.percelen.get()
    product = ProductFactory(perceel=perceel, categorie="43", code="43B03", naam="Behandelgroep", eenheid="etmaal")
    TariefFactory(product=product, intensiteit="zwaar", geldig_van=date(2024, 1, 1), geldig_tot=date(2024, 12, 31),
                  bedrag=Decimal("322.46"))
    TariefFactory(product=product, intensiteit="zwaar", geldig_van=date(2025, 1, 1), geldig_tot=date(2025, 12, 31),
                  bedrag=Decimal("1346.14"))
    return product


def test_productenboek_per_jaar_met_tarieven(procedure, met_tarieven):
    boeken = [s for s in dossierstukken(procedure) if s.soort == "productenboek"]
    assert [(s.titel, s.datum, s.sleutel) for s in boeken] == [
        ("Productenboek 2024", date(2024, 1, 1), f"productenboek:{procedure.pk}-2024"),
        ("Productenboek 2025", date(2025, 1, 1), f"productenboek:{procedure.pk}-2025"),
    ]
    assert all(s.openbaar and s.persoonsgegevens == () for s in boeken)


def test_productenboek_pdf_met_algemene_tarieven(procedure, met_tarieven):
    boek = next(s for s in dossierstukken(procedure) if s.titel == "Productenboek 2025")
    tekst = tekst_van(boek.pdf())
    assert "Productenboek 2025" in tekst and "Perceel 5.10 Behandelgroep Verblijf" in tekst
    assert "43B03 Behandelgroep (per etmaal)" in tekst and "€ 1.346,14" in tekst
    assert "322,46" not in tekst  # the tariff of 2024 is in the book of 2024


def test_tarief_van_een_aanbieder_staat_niet_in_het_productenboek(procedure, met_tarieven):
    from tests.factories import OrganisatieFactory

    TariefFactory(product=met_tarieven, intensiteit="zwaar", geldig_van=date(2025, 1, 1), geldig_tot=date(2025, 12, 31),
                  bedrag=Decimal("999.99"), organisatie=OrganisatieFactory(naam="Eigen Tarief B.V."))
    boek = next(s for s in dossierstukken(procedure) if s.titel == "Productenboek 2025")
    tekst = tekst_van(boek.pdf())
    assert "999,99" not in tekst and "Eigen Tarief" not in tekst
