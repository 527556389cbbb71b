"""overeenkomst.selectors.dossierstukken (issue 16, Woo): the agreements, the published addenda and indexations and
the exits of a procedure as documents of its dossier, rendered from their data, by date, with the provider's
contact person pre-marked, in a constant number of queries."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from core.kalender import TZ
from overeenkomst.models import (
    Addendum,
    AddendumOnderdeel,
    Brief,
    DeelnameProduct,
    Indexatieronde,
    Uittreding,
)
from overeenkomst.selectors import dossierstukken
from tests.factories import OrganisatieFactory, UserFactory

from .factories import DeelnameFactory, OvereenkomstFactory, gooi_procedure

pytestmark = pytest.mark.django_db


def tekst_van(inhoud: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)


@pytest.fixture
def procedure(db):
    return gooi_procedure()


@pytest.fixture
def staf():
    return UserFactory(first_name="Sanne", last_name="Staf", email="sanne@bureau.example")


def aanbieder(i=0):
    return OrganisatieFactory(naam=f"Zorgkracht {i} B.V.", contactpersoon=f"J. de Vries {i}",
                              contact_email=f"jdv{i}@zorgkracht.example", contact_telefoon=f"035-12345{i:02d}")


def overeenkomst(procedure, i=0, *, start=date(2025, 1, 1)):
    ab, bhl, dag = procedure
    ovk = OvereenkomstFactory(aanbesteding=ab, organisatie=aanbieder(i), startdatum=start, bron=f"Besluit {i}")
    DeelnameFactory(overeenkomst=ovk, perceel=dag, startdatum=start)
    bhl_deelname = DeelnameFactory(overeenkomst=ovk, perceel=bhl, startdatum=start)
    DeelnameProduct.objects.create(deelname=bhl_deelname, product=bhl.producten.get(), startdatum=start,
                                   leeftijd_van=12, leeftijd_tot=17)
    return ovk


def addendum(procedure, nummer, staf, *, status=Addendum.Status.GEPUBLICEERD, gepubliceerd=None):
    ab, bhl, _ = procedure
    a = Addendum.objects.create(
        aanbesteding=ab, nummer=nummer if status in (Addendum.Status.GEPUBLICEERD, Addendum.Status.VERWERKT) else None,
        titel=f"Wijziging artikel {nummer}", tekst=f"Artikel 8.{nummer} luidt voortaan anders.",
        ingangsdatum=date(2025, 7, 1), status=status, opgesteld_door=staf,
        goedgekeurd_door=staf if status != Addendum.Status.CONCEPT else None, gepubliceerd_op=gepubliceerd,
    )
    a.percelen.add(bhl)
    AddendumOnderdeel.objects.create(addendum=a, soort=AddendumOnderdeel.Soort.CLAUSULE, bepaling=f"artikel 8.{nummer}",
                                     tekst="De opzegtermijn is drie maanden.")
    return a


def indexatie(procedure, jaar, staf):
    ab = procedure[0]
    a = addendum(procedure, 100 + jaar - 2000, staf, gepubliceerd=datetime(jaar - 1, 11, 1, 9, 0, tzinfo=TZ))
    return Indexatieronde.objects.create(aanbesteding=ab, jaar=jaar, percentage=Decimal("3.2500"),
                                         status=Indexatieronde.Status.GEPUBLICEERD, addendum=a, toelichting="OVA 2026.")


def uittreding(ovk, door, ontvangen=date(2025, 9, 1)):
    u = Uittreding.objects.create(
        overeenkomst=ovk, aanleiding=Uittreding.Aanleiding.OPZEGGING_AANBIEDER, optie=Uittreding.Optie.GOOI_2,
        ontvangen_op=ontvangen, vroegste_einddatum=date(2025, 12, 1), vergoeding=Decimal("1500.00"), ingediend_door=door,
        toelichting="Wij stoppen met verblijf.",
    )
    u.deelnames.add(*ovk.deelnames.all())
    return u


def test_alle_soorten_op_datum(procedure, staf):
    ovk = overeenkomst(procedure)
    a = addendum(procedure, 1, staf, gepubliceerd=datetime(2025, 4, 1, 9, 0, tzinfo=TZ))
    ronde = indexatie(procedure, 2026, staf)
    u = uittreding(ovk, UserFactory(first_name="Piet", last_name="Indiener", email="piet@zorgkracht.example"))
    stukken = dossierstukken(procedure[0])
    assert [(s.soort, s.datum) for s in stukken] == [
        ("overeenkomst", date(2025, 1, 1)), ("addendum", date(2025, 4, 1)), ("uittreding", date(2025, 9, 1)),
        ("addendum", date(2025, 11, 1)), ("indexatie", date(2025, 11, 1)),
    ]
    sleutels = [s.sleutel for s in stukken]
    assert sleutels[:3] == [f"overeenkomst:{ovk.pk}", f"addendum:{a.pk}", f"uittreding:{u.pk}"]
    assert sleutels[4] == f"indexatie:{ronde.pk}"
    assert [s.titel for s in stukken][:3] == [
        f"Overeenkomst {ovk.pk} met Zorgkracht 0 B.V.", "Addendum 1: Wijziging artikel 1",
        f"Uittreding {u.pk}: Opzegging door de aanbieder",
    ]
    assert stukken[4].titel == "Indexatie van de tarieven 2026"
    assert {(s.aanbesteding_id, s.regio_id) for s in stukken} == {(procedure[0].pk, procedure[0].regio_id)}


def test_openbaar_wat_het_portaal_publiceert(procedure, staf):
    ovk = overeenkomst(procedure)
    addendum(procedure, 1, staf, gepubliceerd=datetime(2025, 4, 1, 9, 0, tzinfo=TZ))
    indexatie(procedure, 2026, staf)
    uittreding(ovk, None)
    openbaar = {s.soort: s.openbaar for s in dossierstukken(procedure[0])}
    assert openbaar == {"overeenkomst": True, "addendum": True, "indexatie": True, "uittreding": False}


def test_overeenkomst_pdf_met_partijen_percelen_en_producten(procedure):
    ovk = overeenkomst(procedure)
    [stuk] = dossierstukken(procedure[0])
    tekst = tekst_van(stuk.pdf())
    assert f"Overeenkomst {ovk.pk}: Jeugdhulp Voorzieningen" in tekst
    assert "Aanbieder: Zorgkracht 0 B.V." in tekst and f"KvK {ovk.organisatie.kvk_nummer}" in tekst
    assert "Contactpersoon aanbieder: J. de Vries 0, jdv0@zorgkracht.example, 035-1234500" in tekst
    assert "Perceel 5.10 Behandelgroep (BHL)" in tekst and "Perceel 5.4 Dagbehandeling groep" in tekst
    assert "43B03 Behandelgroep (12 t/m 17 jaar)" in tekst  # admitted per product, with its restriction
    assert "41A11 Dagbehandeling groep Licht" in tekst  # admitted for the whole perceel
    assert "Looptijd: vanaf 01-01-2025" in tekst and "Grondslag: Besluit 0" in tekst


def test_overeenkomst_pdf_zonder_extra_queries(procedure, django_assert_num_queries):
    overeenkomst(procedure)
    [stuk] = dossierstukken(procedure[0])
    with django_assert_num_queries(0):
        stuk.pdf()


def test_overeenkomst_noemt_de_contactpersoon_niet_de_organisatie(procedure):
    ovk = overeenkomst(procedure)
    [stuk] = dossierstukken(procedure[0])
    assert stuk.persoonsgegevens == ("J. de Vries 0", "jdv0@zorgkracht.example", "035-1234500")
    assert ovk.organisatie.naam not in stuk.persoonsgegevens and ovk.organisatie.kvk_nummer not in stuk.persoonsgegevens


def test_addendum_pdf_met_tekst_percelen_en_onderdelen(procedure, staf):
    addendum(procedure, 3, staf, gepubliceerd=datetime(2025, 4, 1, 9, 0, tzinfo=TZ))
    [stuk] = dossierstukken(procedure[0])
    tekst = tekst_van(stuk.pdf())
    assert "Addendum 3: Wijziging artikel 3" in tekst
    assert "Artikel 8.3 luidt voortaan anders." in tekst
    assert "Betreft percelen: 5.10 Behandelgroep (BHL)" in tekst
    assert "Gewijzigde bepaling (artikel 8.3)" in tekst and "De opzegtermijn is drie maanden." in tekst
    assert "gaat in op 01-07-2025" in tekst
    assert stuk.persoonsgegevens == ()  # the published addendum names nobody


def test_addendum_met_tarieftabel(procedure, staf):
    a = addendum(procedure, 4, staf, gepubliceerd=datetime(2025, 4, 1, 9, 0, tzinfo=TZ))
    AddendumOnderdeel.objects.create(addendum=a, soort=AddendumOnderdeel.Soort.TARIEVEN, jaar=2026, volgorde=2,
                                     gegevens={"tarieven": [{"code": "43B03", "intensiteit": "zwaar", "oud": "346.14",
                                                             "bedrag": "357.39"}]})
    [stuk] = dossierstukken(procedure[0])
    tekst = tekst_van(stuk.pdf())
    assert "Tarieftabel voor een jaar" in tekst and "43B03 zwaar: € 346,14 -> € 357,39" in tekst


@pytest.mark.parametrize("status", [Addendum.Status.CONCEPT, Addendum.Status.TER_GOEDKEURING, Addendum.Status.INGETROKKEN])
def test_niet_uitgegeven_addenda_ontbreken(procedure, staf, status):
    addendum(procedure, 5, staf, status=status)
    assert dossierstukken(procedure[0]) == []


def test_verwerkt_addendum_blijft_erin(procedure, staf):
    a = addendum(procedure, 6, staf, status=Addendum.Status.VERWERKT, gepubliceerd=datetime(2025, 4, 1, 9, 0, tzinfo=TZ))
    assert [s.sleutel for s in dossierstukken(procedure[0])] == [f"addendum:{a.pk}"]


def test_concept_indexatie_ontbreekt(procedure, staf):
    Indexatieronde.objects.create(aanbesteding=procedure[0], jaar=2027, percentage=Decimal("2"))
    assert dossierstukken(procedure[0]) == []


def test_tarieftabel_met_een_onleesbaar_bedrag(procedure, staf):
    a = addendum(procedure, 7, staf, gepubliceerd=datetime(2025, 4, 1, 9, 0, tzinfo=TZ))
    AddendumOnderdeel.objects.create(addendum=a, soort=AddendumOnderdeel.Soort.TARIEVEN, jaar=2026, volgorde=2,
                                     gegevens={"tarieven": [{"code": "43B03", "oud": None, "bedrag": "n.v.t."}]})
    [stuk] = dossierstukken(procedure[0])
    assert "43B03 : - -> n.v.t." in tekst_van(stuk.pdf())


def test_indexatie_pdf(procedure, staf):
    indexatie(procedure, 2026, staf)
    stuk = next(s for s in dossierstukken(procedure[0]) if s.soort == "indexatie")
    tekst = tekst_van(stuk.pdf())
    assert "Indexatie van de tarieven 2026" in tekst
    assert "Indexpercentage: 3.2500 %" in tekst and "Methode: Eén percentage" in tekst
    assert "OVA 2026." in tekst and "Gepubliceerd als Addendum 126" in tekst


def test_indexatie_met_componenten(procedure, staf):
    ronde = indexatie(procedure, 2026, staf)
    ronde.methode = Indexatieronde.Methode.GEWOGEN
    ronde.componenten = [{"naam": "Lonen (CBS)", "gewicht": "90", "percentage": "3.1"}]
    ronde.save()
    stuk = next(s for s in dossierstukken(procedure[0]) if s.soort == "indexatie")
    assert "naam Lonen (CBS), gewicht 90, percentage 3.1" in tekst_van(stuk.pdf())


def test_uittreding_pdf_en_persoonsgegevens(procedure):
    ovk = overeenkomst(procedure)
    indiener = UserFactory(first_name="Piet", last_name="Indiener", email="piet@zorgkracht.example")
    uittreding(ovk, indiener)
    stuk = next(s for s in dossierstukken(procedure[0]) if s.soort == "uittreding")
    tekst = tekst_van(stuk.pdf())
    assert "Opzegging door de aanbieder" in tekst and "Optie 2" in tekst
    assert "Vroegst mogelijke einddatum: 01-12-2025" in tekst and "Vergoeding: € 1.500,00" in tekst
    assert "5.10 Behandelgroep (BHL)" in tekst and "Wij stoppen met verblijf." in tekst
    assert set(stuk.persoonsgegevens) == {"J. de Vries 0", "jdv0@zorgkracht.example", "035-1234500", "Piet Indiener",
                                          "piet@zorgkracht.example"}


def test_brieven_en_ontvangstbevestigingen_horen_er_niet_bij(procedure):
    """A registered letter and its receipt are one provider's correspondence, not a document of the procedure."""
    ovk = overeenkomst(procedure)
    Brief.objects.create(overeenkomst=ovk, soort=Brief.Soort.choices[0][0], kanaal="portaal",
                         ontvangen_op=datetime(2025, 9, 1, 9, 0, tzinfo=TZ), sleutel="brief:test:1")
    assert [s.soort for s in dossierstukken(procedure[0])] == ["overeenkomst"]


def test_andere_procedure_telt_niet_mee(procedure, staf):
    overeenkomst(procedure)
    assert dossierstukken(gooi_procedure()[0]) == []


@pytest.mark.parametrize("n", [1, 3])
def test_aantal_queries_is_vast(procedure, staf, n, django_assert_num_queries):
    for i in range(n):
        ovk = overeenkomst(procedure, i)
        addendum(procedure, i + 1, staf, gepubliceerd=datetime(2025, 4, 1 + i, 9, 0, tzinfo=TZ))
        indexatie(procedure, 2026 + i, staf)
        uittreding(ovk, staf)
    # Overeenkomsten (+ deelnames, producten van het perceel, deelnameproducten), addenda (+ percelen, onderdelen),
    # indexatierondes, uittredingen (+ deelnames, hun percelen).
    with django_assert_num_queries(11):
        stukken = dossierstukken(procedure[0])
    assert len(stukken) == 5 * n
