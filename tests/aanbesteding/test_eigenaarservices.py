"""aanbesteding's owner services for the productenboek and the term (ADR 0009: other apps call these instead
of writing Tarief, Product or Aanbesteding themselves). Each refuses bad input and writes an audit entry."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from aanbesteding import services
from aanbesteding.models import Aanbesteding, Product, Tarief
from core.models import AuditRegel

from .factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory

pytestmark = pytest.mark.django_db


def _audit(actie, obj):
    return AuditRegel.objects.get(actie=actie, object_id=str(obj.pk))


@pytest.fixture
def product(db):
    return ProductFactory(categorie="43", code="43B03", naam="Behandelgroep", eenheid="etmaal")


class TestTariefVastleggen:
    def test_nieuw_jaar_sluit_het_lopende_tarief_de_dag_ervoor(self, product, contractmanager):
        oud = TariefFactory(product=product, intensiteit="zwaar", geldig_van=date(2025, 1, 1), geldig_tot=None, bedrag=Decimal("346.14"))
        nieuw = services.tarief_vastleggen(
            product=product, intensiteit="zwaar", geldig_van=date(2026, 1, 1), bedrag="354.79",
            bedrag_onafgerond="354.7935", bron="Addendum 3", door=contractmanager,
        )
        oud.refresh_from_db()
        assert oud.geldig_tot == date(2025, 12, 31)
        assert (nieuw.bedrag, nieuw.bedrag_onafgerond, nieuw.geldig_tot) == (Decimal("354.79"), Decimal("354.7935"), None)
        assert list(Tarief.objects.filter(product=product).geldig_op(date(2026, 1, 1))) == [nieuw]
        regel = _audit("tarief.vastgelegd", nieuw)
        assert regel.actor == contractmanager and regel.nieuwe_waarden["vorige_gesloten"] == 1

    def test_nogmaals_vastleggen_vervangt_dezelfde_rij(self, product):
        services.tarief_vastleggen(product=product, geldig_van=date(2026, 1, 1), bedrag="10.00")
        services.tarief_vastleggen(product=product, geldig_van=date(2026, 1, 1), bedrag="11.00")
        assert list(Tarief.objects.filter(product=product).values_list("bedrag", flat=True)) == [Decimal("11.00")]

    @pytest.mark.parametrize("bedrag", ["-1", "veel", None, "NaN"])
    def test_ongeldig_bedrag_geweigerd(self, product, bedrag):
        with pytest.raises(ValidationError) as fout:
            services.tarief_vastleggen(product=product, geldig_van=date(2026, 1, 1), bedrag=bedrag)
        assert "bedrag" in fout.value.message_dict
        assert not Tarief.objects.exists() and not AuditRegel.objects.filter(actie="tarief.vastgelegd").exists()

    def test_zonder_ingangsdatum_geweigerd(self, product):
        with pytest.raises(ValidationError, match="datum"):
            services.tarief_vastleggen(product=product, geldig_van=None, bedrag="1.00")


class TestProducten:
    def test_product_toevoegen(self, contractmanager):
        perceel = PerceelFactory()
        product = services.product_toevoegen(perceel=perceel, code="45A99", naam="Nieuw product", eenheid="uur", bron="Addendum 4",
                                             door=contractmanager)
        assert (product.categorie, product.naam) == ("45", "Nieuw product")
        assert _audit("product.toegevoegd", product).toelichting == "Addendum 4"
        assert services.product_toevoegen(perceel=perceel, code="45A99") == product  # idempotent
        assert AuditRegel.objects.filter(actie="product.toegevoegd").count() == 1

    @pytest.mark.parametrize(("code", "eenheid"), [("", "uur"), ("45a9", "uur"), ("45A99", "lichtjaar")])
    def test_ongeldig_product_geweigerd(self, code, eenheid):
        with pytest.raises(ValidationError):
            services.product_toevoegen(perceel=PerceelFactory(), code=code, eenheid=eenheid)
        assert not Product.objects.exists()

    def test_product_wijzigen(self, product, contractmanager):
        services.product_wijzigen(product=product, velden={"naam": "Behandelgroep verblijf"}, door=contractmanager)
        product.refresh_from_db()
        assert product.naam == "Behandelgroep verblijf"
        regel = _audit("product.gewijzigd", product)
        assert (regel.oude_waarden, regel.nieuwe_waarden) == ({"naam": "Behandelgroep"}, {"naam": "Behandelgroep verblijf"})

    @pytest.mark.parametrize("velden", [{"code": "43B04"}, {"perceel": 1}, {"eenheid": "lichtjaar"}])
    def test_identiteit_of_ongeldige_waarde_niet_te_wijzigen(self, product, velden):
        with pytest.raises(ValidationError):
            services.product_wijzigen(product=product, velden=velden)
        product.refresh_from_db()
        assert (product.code, product.eenheid) == ("43B03", "etmaal")
        assert not AuditRegel.objects.filter(actie="product.gewijzigd").exists()

    def test_product_laten_vervallen(self, product, contractmanager):
        lopend = TariefFactory(product=product, geldig_van=date(2026, 1, 1), geldig_tot=None)
        TariefFactory(product=product, geldig_van=date(2027, 1, 1), geldig_tot=None)
        services.product_laten_vervallen(product=product, per=date(2026, 7, 1), bron="Addendum 5", door=contractmanager)
        assert list(Tarief.objects.filter(product=product)) == [lopend]
        lopend.refresh_from_db()
        assert lopend.geldig_tot == date(2026, 6, 30)
        assert _audit("product.vervallen", product).nieuwe_waarden == {"per": "2026-07-01", "gesloten": 1, "verwijderd": 1}

    def test_vervallen_zonder_datum_geweigerd(self, product):
        TariefFactory(product=product, geldig_tot=None)
        with pytest.raises(ValidationError, match="vervalt"):
            services.product_laten_vervallen(product=product, per=None)
        assert Tarief.objects.get().geldig_tot is None


class TestLooptijd:
    def test_looptijd_verlengen(self, contractmanager):
        ab = AanbestedingFactory(looptijd_einde=date(2028, 12, 31))
        services.looptijd_verlengen(aanbesteding=ab, tot=date(2030, 12, 31), toelichting="Verlengingsronde", door=contractmanager)
        assert Aanbesteding.objects.get(pk=ab.pk).looptijd_einde == date(2030, 12, 31)
        regel = _audit("aanbesteding.looptijd_verlengd", ab)
        assert (regel.oude_waarden, regel.nieuwe_waarden) == ({"looptijd_einde": "2028-12-31"}, {"looptijd_einde": "2030-12-31"})

    @pytest.mark.parametrize("tot", [date(2028, 12, 31), date(2027, 1, 1), None])
    def test_niet_korter_of_gelijk(self, tot):
        ab = AanbestedingFactory(looptijd_einde=date(2028, 12, 31))
        with pytest.raises(ValidationError, match="31-12-2028"):
            services.looptijd_verlengen(aanbesteding=ab, tot=tot)
        assert Aanbesteding.objects.get(pk=ab.pk).looptijd_einde == date(2028, 12, 31)
        assert not AuditRegel.objects.filter(actie="aanbesteding.looptijd_verlengd").exists()


def test_publieke_url_is_het_pad_van_de_procedurepagina():
    ab = AanbestedingFactory(slug="gooi-jeugdhulp")
    assert services.publieke_url(ab) == "/procedures/gooi-jeugdhulp/"


def test_gepubliceerde_documentversie_wordt_geaudit(inkoper):
    from .factories import ProcedureDocumentFactory, gepubliceerde_versie

    versie = gepubliceerde_versie(ProcedureDocumentFactory(), user=inkoper)
    regel = _audit("documentversie.gepubliceerd", versie)
    assert regel.nieuwe_waarden["nummer"] == 1
