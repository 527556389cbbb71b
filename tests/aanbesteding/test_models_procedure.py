"""The procedure's own data: term settings, percelen and sub-percelen, dependencies, joining moments, products,
tariffs and requirements. Invariants live in the database (ARCHITECTURE.md rule 3), so most tests here prove
a constraint refuses the bad row and keeps the good one."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from aanbesteding.models import (
    Aanbesteding,
    DeelnemendeGemeente,
    Eis,
    PerceelAfhankelijkheid,
    Product,
    Toetredingsmoment,
)
from core import kalender
from core.kalender import TZ, Termijn
from tests.factories import GemeenteFactory

from ._hulp import SLUITING_WINTER, SLUITING_ZOMER
from .factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory

pytestmark = pytest.mark.django_db


def weigert(maak):
    """The database refuses the row: IntegrityError inside its own savepoint."""
    with pytest.raises(IntegrityError), transaction.atomic():
        maak()


# --- Aanbesteding: term, herstel period, questions period ---------------------------------------------------

def test_looptijd_mag_niet_eindigen_voor_de_start():
    weigert(lambda: AanbestedingFactory(looptijd_start=date(2023, 1, 1), looptijd_einde=date(2022, 12, 31)))
    assert not Aanbesteding.objects.exists()


def test_looptijd_van_een_dag_is_toegestaan():
    procedure = AanbestedingFactory(looptijd_start=date(2023, 1, 1), looptijd_einde=date(2023, 1, 1))
    assert procedure.looptijd_einde == procedure.looptijd_start


def test_slug_is_uniek_over_alle_procedures():
    AanbestedingFactory(slug="gooi-jeugdhulp-voorzieningen")
    weigert(lambda: AanbestedingFactory(slug="gooi-jeugdhulp-voorzieningen"))


def test_standaard_hersteltermijn_is_vijf_werkdagen_van_003():
    """003a r. 717-719: evidence not delivered within 5 working days may lead to exclusion (DOMAIN.md step 4)."""
    procedure = AanbestedingFactory()
    assert procedure.hersteltermijn == Termijn(5, kalender.WERKDAGEN)
    # Friday 24 April 2026 + 5 werkdagen: Monday 27 April is Koningsdag (DOMAIN.md 'Time'), so the days are
    # 28, 29, 30 April, 1 May and Monday 4 May.
    assert procedure.hersteltermijn.bereken(date(2026, 4, 24)) == date(2026, 5, 4)


def test_hersteltermijn_volgens_vng_is_veertien_kalenderdagen():
    """The VNG model allows 14 calendar days for herstel (DOMAIN.md step 4): a setting on the procedure."""
    procedure = AanbestedingFactory(herstel_termijn_aantal=14, herstel_termijn_eenheid=kalender.KALENDERDAGEN)
    start = date(2026, 4, 24)
    assert procedure.hersteltermijn.bereken(start) == start + timedelta(days=14)
    assert str(procedure.hersteltermijn) == "14 kalenderdagen"


def test_onbekende_eenheid_van_hersteltermijn_faalt_luid():
    procedure = AanbestedingFactory.build(herstel_termijn_eenheid="weken")
    with pytest.raises(ValueError):
        procedure.hersteltermijn  # noqa: B018 - the property validates on construction
    with pytest.raises(ValidationError) as fout:
        procedure.full_clean(exclude=["regio", "opdrachtgever"])
    assert "herstel_termijn_eenheid" in fout.value.message_dict


@pytest.mark.parametrize("status,openbaar", [
    (Aanbesteding.Status.IN_VOORBEREIDING, False),
    (Aanbesteding.Status.GEPUBLICEERD, True),
    (Aanbesteding.Status.OPEN, True),
    (Aanbesteding.Status.GESLOTEN, True),
    (Aanbesteding.Status.BEEINDIGD, True),
])
def test_alleen_een_procedure_in_voorbereiding_is_niet_openbaar(status, openbaar):
    assert AanbestedingFactory.build(status=status).is_openbaar is openbaar


@pytest.mark.parametrize("deadline", [SLUITING_ZOMER, SLUITING_WINTER], ids=["zomertijd", "wintertijd"])
def test_vragenperiode_sluit_op_de_minuut_in_amsterdamse_tijd(deadline):
    """A deadline of 10:00 means 10:00:00 is already too late (core/kalender.py), in summer and winter time."""
    procedure = AanbestedingFactory(vragen_tot=deadline)
    assert procedure.vragen_open(deadline - timedelta(seconds=1))
    assert not procedure.vragen_open(deadline)
    # The same instant written in UTC is the same moment: 08:00 UTC in summer, 09:00 UTC in winter.
    utc_uur = 8 if deadline.month == 6 else 9
    assert deadline.astimezone(TZ).utcoffset() == timedelta(hours=10 - utc_uur)


def test_vragen_open_volgt_de_klok_zonder_moment():
    procedure = AanbestedingFactory(vragen_tot=SLUITING_ZOMER)
    with time_machine.travel(SLUITING_ZOMER - timedelta(minutes=1)):
        assert procedure.vragen_open()
    with time_machine.travel(SLUITING_ZOMER):
        assert not procedure.vragen_open()


def test_zonder_einde_vragenperiode_zijn_vragen_gesloten():
    procedure = AanbestedingFactory(vragen_tot=None)
    assert not procedure.vragen_open(datetime(2000, 1, 1, tzinfo=TZ))


def test_procedure_in_voorbereiding_heeft_geen_open_vragenperiode():
    procedure = AanbestedingFactory(status=Aanbesteding.Status.IN_VOORBEREIDING, vragen_tot=SLUITING_ZOMER)
    assert not procedure.vragen_open(SLUITING_ZOMER - timedelta(days=7))


def test_str_toont_dossiernummer_als_dat_er_is():
    assert str(AanbestedingFactory.build(titel="Jeugdhulp Voorzieningen", dossiernummer="SD005")) == (
        "Jeugdhulp Voorzieningen (SD005)"
    )
    assert str(AanbestedingFactory.build(titel="Jeugdhulp Voorzieningen", dossiernummer="")) == "Jeugdhulp Voorzieningen"


# --- Deelnemende gemeenten: per municipality, per domain ---------------------------------------------------

def test_gemeente_neemt_per_domein_eenmaal_deel():
    """Eemnes buys Wmo but not Jeugd (DOMAIN.md, Actors): one row per gemeente and domain."""
    procedure = AanbestedingFactory()
    eemnes = GemeenteFactory(naam="Eemnes", regio=procedure.regio)
    DeelnemendeGemeente.objects.create(aanbesteding=procedure, gemeente=eemnes, domein="wmo")
    DeelnemendeGemeente.objects.create(aanbesteding=procedure, gemeente=eemnes, domein="jeugd")
    weigert(lambda: DeelnemendeGemeente.objects.create(aanbesteding=procedure, gemeente=eemnes, domein="wmo"))
    assert procedure.deelnemende_gemeenten.count() == 2


# --- Percelen, sub-percelen and dependencies -----------------------------------------------------------------

def test_perceelcode_is_uniek_binnen_een_procedure_maar_niet_daarbuiten():
    """The sources number lots 5.1-5.13 per procedure (003a r. 28); another procedure may reuse 5.10."""
    gooi, mlo = AanbestedingFactory(), AanbestedingFactory()
    PerceelFactory(aanbesteding=gooi, code="5.10")
    PerceelFactory(aanbesteding=mlo, code="5.10")
    weigert(lambda: PerceelFactory(aanbesteding=gooi, code="5.10"))


def test_subperceel_hangt_onder_zijn_hoofdperceel():
    procedure = AanbestedingFactory()
    hoofd = PerceelFactory(aanbesteding=procedure, code="5.10", naam="Behandel- en leefgroepen")
    sub = PerceelFactory(aanbesteding=procedure, code="5.10.1", naam="Tussenvoorziening", hoofdperceel=hoofd)
    assert list(hoofd.subpercelen.all()) == [sub]
    assert str(sub) == "5.10.1 Tussenvoorziening"


def test_hoofdperceel_met_subpercelen_kan_niet_worden_verwijderd():
    """PROTECT: removing a main lot would orphan the sub-lots a provider may hold a contract for."""
    from django.db.models import ProtectedError

    procedure = AanbestedingFactory()
    hoofd = PerceelFactory(aanbesteding=procedure, code="5.10")
    PerceelFactory(aanbesteding=procedure, code="5.10.1", hoofdperceel=hoofd)
    with pytest.raises(ProtectedError):
        hoofd.delete()


def test_hoofdperceel_hoort_bij_dezelfde_procedure():
    hoofd_elders = PerceelFactory(code="5.10")
    sub = PerceelFactory.build(aanbesteding=AanbestedingFactory(), code="5.10.1", hoofdperceel=hoofd_elders)
    with pytest.raises(ValidationError):
        sub.full_clean()


def test_afhankelijkheid_residentieel_vereist_ambulant():
    """003a r. 284: residential lots require 5.1/5.2 (DOMAIN.md step 2: a residential lot needs an ambulant lot)."""
    procedure = AanbestedingFactory()
    ambulant = PerceelFactory(aanbesteding=procedure, code="5.2", naam="Ambulante Jeugdhulp")
    verblijf = PerceelFactory(aanbesteding=procedure, code="5.10", naam="Behandel- en leefgroepen")
    regel = PerceelAfhankelijkheid.objects.create(perceel=verblijf, vereist=ambulant, toelichting="003a r. 284")
    assert list(verblijf.vereiste_percelen.all()) == [ambulant]
    assert list(ambulant.vereist_door.all()) == [verblijf]
    # Not symmetrical: the ambulant lot does not require the residential one.
    assert not ambulant.vereiste_percelen.exists()
    assert str(regel) == "5.10 vereist 5.2"


def test_afhankelijkheid_is_uniek_en_nooit_naar_zichzelf():
    procedure = AanbestedingFactory()
    a = PerceelFactory(aanbesteding=procedure, code="5.6", naam="Multi Systeem Therapie")
    b = PerceelFactory(aanbesteding=procedure, code="5.1", naam="Ambulante Jeugd GGZ")
    PerceelAfhankelijkheid.objects.create(perceel=a, vereist=b)
    weigert(lambda: PerceelAfhankelijkheid.objects.create(perceel=a, vereist=b))
    weigert(lambda: PerceelAfhankelijkheid.objects.create(perceel=a, vereist=a))
    assert PerceelAfhankelijkheid.objects.count() == 1


def test_quotum_leeg_betekent_geen_maximum():
    """003a r. 153-154: 5.3 at most 4 providers, MST at most 1; other lots have none."""
    procedure = AanbestedingFactory()
    sih = PerceelFactory(aanbesteding=procedure, code="5.3", quotum=4)
    mst = PerceelFactory(aanbesteding=procedure, code="5.6", quotum=1)
    ggz = PerceelFactory(aanbesteding=procedure, code="5.1")
    assert (sih.quotum, mst.quotum, ggz.quotum) == (4, 1, None)
    assert ggz.wachtlijst is True


def test_quotum_mag_niet_negatief_zijn():
    weigert(lambda: PerceelFactory(quotum=-1))


# --- Toetredingsmomenten -------------------------------------------------------------------------------------

def venster(procedure, opent=None, sluit=SLUITING_ZOMER):
    return Toetredingsmoment.objects.create(
        aanbesteding=procedure, naam="Toetredingsronde juni 2023", soort=Toetredingsmoment.Soort.VENSTER,
        opent_op=opent or sluit - timedelta(days=17), sluit_op=sluit,
    )


def test_venster_is_open_tot_het_sluitingsmoment_en_niet_daarna():
    moment = venster(AanbestedingFactory())
    assert not moment.is_open(moment.opent_op - timedelta(seconds=1))
    assert moment.is_open(moment.opent_op)
    assert moment.is_open(SLUITING_ZOMER - timedelta(seconds=1))
    assert not moment.is_open(SLUITING_ZOMER)


def test_venster_blijft_verzegeld_tot_de_sluiting():
    """DOMAIN.md step 3: submissions of a windowed round stay sealed ('digitale kluis') until the deadline."""
    moment = venster(AanbestedingFactory())
    with time_machine.travel(SLUITING_ZOMER - timedelta(seconds=1)):
        assert moment.is_verzegeld
    with time_machine.travel(SLUITING_ZOMER):
        assert not moment.is_verzegeld


def test_doorlopend_moment_is_nooit_verzegeld_en_blijft_open():
    moment = Toetredingsmoment.objects.create(
        aanbesteding=AanbestedingFactory(), naam="Doorlopend", soort=Toetredingsmoment.Soort.CONTINU,
        opent_op=datetime(2023, 1, 1, tzinfo=TZ),
    )
    assert moment.is_open(datetime(2028, 12, 31, 23, 59, tzinfo=TZ))
    assert not moment.is_verzegeld
    assert str(moment) == "Doorlopend (doorlopend)"


def test_venster_zonder_sluitingsmoment_wordt_geweigerd():
    weigert(lambda: Toetredingsmoment.objects.create(
        aanbesteding=AanbestedingFactory(), naam="Ronde", soort=Toetredingsmoment.Soort.VENSTER,
        opent_op=SLUITING_ZOMER,
    ))


@pytest.mark.parametrize("sluit_na", [timedelta(0), timedelta(minutes=-1)], ids=["gelijk", "ervoor"])
def test_sluitingsmoment_ligt_na_de_opening(sluit_na):
    weigert(lambda: venster(AanbestedingFactory(), opent=SLUITING_ZOMER - sluit_na, sluit=SLUITING_ZOMER))


def test_str_van_venster_toont_het_uur_in_amsterdamse_tijd():
    """Stored in UTC (08:00), shown as the published 30-06-2023 10:00 (003b r. 4644)."""
    moment = venster(AanbestedingFactory())
    moment.refresh_from_db()
    assert str(moment) == "Toetredingsronde juni 2023 (sluit 30-06-2023 10:00)"


# --- Products and tariffs ------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["45A04", "43A61", "43B03", "54001"])
def test_productcodes_uit_de_bronnen_zijn_geldig(code):
    """DOMAIN.md 'Product book': category of 2 digits and a code of 5 positions."""
    product = ProductFactory.build(perceel=PerceelFactory(), categorie=code[:2], code=code)
    product.full_clean()


@pytest.mark.parametrize("code", ["45a04", "4504", "45A044", "A5A04", "JW355"])
def test_ongeldige_productcode_geeft_een_nederlandse_melding(code):
    product = ProductFactory.build(perceel=PerceelFactory(), categorie="45", code=code)
    with pytest.raises(ValidationError) as fout:
        product.full_clean()
    assert "5 posities" in " ".join(fout.value.message_dict["code"])


def test_productcode_begint_met_de_categorie():
    weigert(lambda: ProductFactory(categorie="43", code="45A04"))


def test_productcode_is_uniek_per_perceel():
    perceel = PerceelFactory()
    ProductFactory(perceel=perceel, categorie="45", code="45A04")
    ProductFactory(perceel=PerceelFactory(aanbesteding=perceel.aanbesteding), categorie="45", code="45A04")
    weigert(lambda: ProductFactory(perceel=perceel, categorie="45", code="45A04"))


def test_voorganger_blijft_bij_verwijderen_opvolger_gewoon_bestaan():
    """45A65 replaced JW 35502 (DOMAIN.md): the link is SET_NULL, so a removed predecessor leaves the successor."""
    perceel = PerceelFactory()
    oud = ProductFactory(perceel=perceel, categorie="45", code="45A05")
    nieuw = ProductFactory(perceel=perceel, categorie="45", code="45A65", voorganger=oud, voorganger_code="JW 35502")
    assert list(oud.opvolgers.all()) == [nieuw]
    oud.delete()
    nieuw.refresh_from_db()
    assert nieuw.voorganger is None and nieuw.voorganger_code == "JW 35502"


def test_tarief_mag_niet_negatief_zijn_en_einde_niet_voor_begin():
    product = ProductFactory()
    weigert(lambda: TariefFactory(product=product, bedrag=Decimal("-0.01")))
    weigert(lambda: TariefFactory(product=product, geldig_van=date(2025, 1, 1), geldig_tot=date(2024, 12, 31)))
    TariefFactory(product=product, bedrag=Decimal("0"))


def test_een_tarief_per_product_intensiteit_en_startdatum():
    product = ProductFactory()
    TariefFactory(product=product, intensiteit="zwaar", geldig_van=date(2025, 1, 1))
    TariefFactory(product=product, intensiteit="extra zwaar", geldig_van=date(2025, 1, 1))
    weigert(lambda: TariefFactory(product=product, intensiteit="zwaar", geldig_van=date(2025, 1, 1)))


def test_tarief_geldig_op_een_dag_en_in_een_jaar():
    from aanbesteding.models import Tarief

    product = ProductFactory()
    t2024 = TariefFactory(product=product, geldig_van=date(2024, 1, 1), geldig_tot=date(2024, 12, 31))
    t2025 = TariefFactory(product=product, geldig_van=date(2025, 1, 1), geldig_tot=None)
    assert list(Tarief.objects.geldig_op(date(2024, 12, 31))) == [t2024]
    assert list(Tarief.objects.geldig_op(date(2025, 1, 1))) == [t2025]
    assert list(Tarief.objects.geldig_op(date(2030, 6, 1))) == [t2025]
    assert not Tarief.objects.geldig_op(date(2023, 12, 31)).exists()
    assert set(Tarief.objects.voor_jaar(2024)) == {t2024}
    assert set(Tarief.objects.voor_jaar(2026)) == {t2025}


def test_str_van_tarief_noemt_intensiteit_en_datum():
    tarief = TariefFactory(
        product=ProductFactory(categorie="43", code="43B03"), intensiteit="zwaar",
        geldig_van=date(2025, 1, 1), bedrag=Decimal("346.14"),
    )
    assert str(tarief) == "43B03 (zwaar) vanaf 01-01-2025: € 346.14"


# --- Eisen -------------------------------------------------------------------------------------------------

def eis(procedure, **kwargs):
    velden = {"code": "G1", "tekst": "Uittreksel KvK", "soort": Eis.Soort.GESCHIKTHEIDSEIS,
              "antwoordtype": Eis.Antwoordtype.JA_NEE} | kwargs
    return Eis.objects.create(aanbesteding=procedure, **velden)


def test_documenteis_moet_een_documentsoort_hebben():
    procedure = AanbestedingFactory()
    weigert(lambda: eis(procedure, antwoordtype=Eis.Antwoordtype.DOCUMENT, documentsoort=""))
    kvk = eis(procedure, antwoordtype=Eis.Antwoordtype.DOCUMENT, documentsoort="kvk_uittreksel", max_leeftijd_maanden=3)
    assert kvk.max_leeftijd_maanden == 3


def test_minimale_score_ligt_niet_boven_de_maximale():
    """`004`: a plan is scored against a minimum ('minimale score'); the minimum cannot exceed the maximum."""
    procedure = AanbestedingFactory()
    weigert(lambda: eis(procedure, code="P1", antwoordtype="plan", min_score=Decimal("7"), max_score=Decimal("6")))
    plan = eis(procedure, code="P2", antwoordtype="plan", min_score=Decimal("6"), max_score=Decimal("6"))
    assert plan.min_score == plan.max_score


def test_eiscode_is_uniek_per_procedure_en_perceel():
    procedure = AanbestedingFactory()
    perceel = PerceelFactory(aanbesteding=procedure)
    eis(procedure, code="Eis 21", perceel=perceel)
    eis(procedure, code="Eis 21", perceel=PerceelFactory(aanbesteding=procedure))
    weigert(lambda: eis(procedure, code="Eis 21", perceel=perceel))


def test_bestandssoorten_worden_uit_de_kommalijst_gelezen():
    assert Eis(toegestane_bestanden="pdf, afbeelding,,office ").bestandssoorten == ("pdf", "afbeelding", "office")
    assert Eis(toegestane_bestanden="").bestandssoorten == ()


def test_product_wordt_niet_stil_verwijderd_met_zijn_perceel():
    """Product.perceel is PROTECT: a published product book cannot lose products by removing a lot."""
    from django.db.models import ProtectedError

    product = ProductFactory()
    with pytest.raises(ProtectedError):
        product.perceel.delete()
    assert Product.objects.filter(pk=product.pk).exists()
