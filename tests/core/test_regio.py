"""The region of a record (core/regio.py) and the region-scoped audit screens (issue 17)."""

import pytest
from django.urls import reverse

from core import regio as core_regio
from core.audit import audit
from core.models import AuditRegel
from core.regio import regio_id_van, regio_pad
from organisaties.models import Organisatie
from tests.factories import (
    AanbestedingFactory,
    GemeenteFactory,
    OrganisatieFactory,
    PerceelFactory,
    ProductFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedures(regio_a, regio_b):
    return (AanbestedingFactory(regio=regio_a, titel="Wmo Gooi"), AanbestedingFactory(regio=regio_b, titel="Jeugd MLO"))


def test_regio_pad_van_model():
    from aanbesteding.models import Aanbesteding, Product

    assert regio_pad(Aanbesteding) == "regio"
    assert regio_pad(Product) == "perceel__aanbesteding__regio"
    assert regio_pad(Organisatie) is None


def test_regio_id_volgt_het_pad(procedures, regio_a, regio_b):
    gooi, mlo = procedures
    product = ProductFactory(perceel=PerceelFactory(aanbesteding=mlo))
    assert regio_id_van(gooi) == regio_a.pk
    assert regio_id_van(product) == regio_b.pk
    assert regio_id_van(GemeenteFactory(regio=regio_a)) == regio_a.pk


def test_geen_regio_zonder_pad_of_object(db):
    assert regio_id_van(None) is None
    assert regio_id_van(OrganisatieFactory()) is None


def test_regio_id_zonder_tussenliggend_object(regio_a):
    from aanbesteding.models import Perceel

    assert regio_id_van(Perceel(aanbesteding=None)) is None


def test_audit_vult_regio_id(procedures, inkoper_a, regio_a, regio_b):
    gooi, mlo = procedures
    assert audit("test.gooi", gooi, door=inkoper_a).regio_id == regio_a.pk
    assert audit("test.mlo", PerceelFactory(aanbesteding=mlo)).regio_id == regio_b.pk
    assert audit("test.organisatie", OrganisatieFactory()).regio_id is None
    assert audit("test.systeem").regio_id is None


def test_core_bereik_zonder_registratie_geeft_niets(monkeypatch, inkoper):
    monkeypatch.setattr(core_regio, "_BEREIK", [])
    assert core_regio.bereik(inkoper, "core.view_auditregel") == (False, frozenset())


def test_core_bereik_vraagt_organisaties(inkoper_a, regio_a):
    assert core_regio.bereik(inkoper_a, "core.view_auditregel") == (False, frozenset({regio_a.pk}))


def _regels(procedures):
    gooi, mlo = procedures
    audit("aanbesteding.gewijzigd", gooi, nieuw={"titel": "Wmo Gooi"})
    audit("aanbesteding.gewijzigd", mlo, nieuw={"titel": "Jeugd MLO"})
    audit("organisatie.bijgewerkt", OrganisatieFactory(naam="Zonder Regio B.V."))


def test_auditoverzicht_toont_alleen_eigen_regio(staff_client, inkoper_a, procedures):
    _regels(procedures)
    inhoud = staff_client(inkoper_a).get(reverse("core_audit")).content.decode()
    assert "Wmo Gooi" in inhoud
    assert "Jeugd MLO" not in inhoud
    # Entries without a region (accounts, organisations) only for who reads every region.
    assert "Zonder Regio B.V." not in inhoud


def test_auditoverzicht_andere_regio_omgekeerd(staff_client, inkoper_b, procedures):
    _regels(procedures)
    inhoud = staff_client(inkoper_b).get(reverse("core_audit")).content.decode()
    assert "Jeugd MLO" in inhoud and "Wmo Gooi" not in inhoud


def test_auditoverzicht_inkoper_van_alle_regios_ziet_alles(staff_client, inkoper, procedures):
    _regels(procedures)
    inhoud = staff_client(inkoper).get(reverse("core_audit")).content.decode()
    assert "Wmo Gooi" in inhoud and "Jeugd MLO" in inhoud and "Zonder Regio B.V." in inhoud


def test_audit_per_object_van_andere_regio_is_leeg(staff_client, inkoper_a, procedures):
    gooi, mlo = procedures
    _regels(procedures)
    client = staff_client(inkoper_a)
    eigen = client.get(reverse("core_audit_object", args=["aanbesteding", "aanbesteding", gooi.pk])).content.decode()
    assert "aanbesteding.gewijzigd" in eigen
    ander = client.get(reverse("core_audit_object", args=["aanbesteding", "aanbesteding", mlo.pk])).content.decode()
    assert "aanbesteding.gewijzigd" not in ander and "Jeugd MLO" not in ander
    assert AuditRegel.objects.filter(regio_id=mlo.regio_id).exists()


def test_platformbeheerder_ziet_geen_audittrail(staff_client, platformbeheerder, procedures):
    _regels(procedures)
    antwoord = staff_client(platformbeheerder).get(reverse("core_audit"))
    assert antwoord.status_code in (302, 403)
    assert "Wmo Gooi" not in antwoord.content.decode()


RAPPORTEN = ["site-history/", "site-history/results/", "workflow/", "workflow_tasks/", "locked/", "aging-pages/",
             "page-types-usage/"]


@pytest.mark.parametrize("pad", RAPPORTEN)
def test_wagtail_rapporten_niet_voor_staf_van_een_regio(client, inkoper_a, pad):
    """Wagtail's reports list every region's log lines and workflows: a bureau's staff get a 404 (issue 17)."""
    client.force_login(inkoper_a)
    sessie = client.session
    sessie["mfa_ok_voor"] = inkoper_a.pk
    sessie.save()
    assert client.get(f"/admin/reports/{pad}").status_code == 404


@pytest.mark.parametrize("pad", ["site-history/", "workflow/", "locked/"])
def test_wagtail_rapporten_wel_voor_een_superuser(client, pad):
    """Control: an operator account (superuser) still reaches Wagtail's own report."""
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.conftest import TOTP_GEHEIM
    from tests.factories import UserFactory

    beheer = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(beheer, TOTP_GEHEIM)
    client.force_login(beheer)
    sessie = client.session
    sessie["mfa_ok_voor"] = beheer.pk
    sessie.save()
    assert client.get(f"/admin/reports/{pad}").status_code == 200


def test_rapportenmenu_leeg_voor_staf(client, inkoper_a):
    client.force_login(inkoper_a)
    sessie = client.session
    sessie["mfa_ok_voor"] = inkoper_a.pk
    sessie.save()
    html = client.get("/admin/").content.decode()
    assert "/admin/reports/site-history/" not in html
