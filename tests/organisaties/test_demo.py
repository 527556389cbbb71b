"""The demo data of issue 17: real bureau details per region, staff logins per region, a platform administrator."""

import io

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from aanbesteding.models import Aanbesteding
from core.models import AuditRegel
from organisaties import demo
from organisaties.models import Regio, Regiorol, User
from organisaties.regios import bereik, binnen
from organisaties.rollen import CONTRACTMANAGER, INKOPER, PLATFORMBEHEERDER, heeft_staffgroep
from tests.conftest import log_in_met_mfa
from tests.gedeeld import fixtures

pytestmark = pytest.mark.django_db


def _laden():
    from aanbesteding import demo as aanbesteding_demo

    demo.laad(io.StringIO())
    aanbesteding_demo.laad(io.StringIO())


# Loaded once for the module; each test runs in its own savepoint (tests/gedeeld.py).
_gedeeld, geladen = fixtures(_laden)


def _user(email):
    return User.objects.get(email=email)


def test_regios_krijgen_de_gegevens_van_het_bureau_uit_de_bronnen(geladen):
    gooi = Regio.objects.get(slug="gooi")
    assert gooi.bureau_naam == "Regio Gooi en Vechtstreek"
    assert gooi.postadres == "Postbus 251, 1400 AG Bussum"
    assert gooi.contact_email == "contractbeheer@regiogv.nl"
    assert gooi.contact_telefoon == "+31 356926414"
    assert gooi.website == "https://www.regiogv.nl"
    mlo = Regio.objects.get(slug="mlo")
    assert mlo.bureau_naam == "Gemeenten Midden-Limburg Oost"
    # The sources give MLO no contact details: nothing is made up.
    assert (mlo.contact_email, mlo.contact_telefoon, mlo.website, mlo.postadres) == ("", "", "", "")
    assert {gooi.kleur_primair, mlo.kleur_primair} == {"#00587C", "#7B2C3F"}
    gooi.full_clean()
    mlo.full_clean()


def test_rob_rijk_van_nijmegen_uit_000_en_001(geladen):
    """Issue 19: the third region of the sources, with the bureau's published contact (000 r. 13) and nothing
    invented: no telephone or postal address (the sources give none)."""
    rob = Regio.objects.get(slug="rob")
    assert (rob.naam, rob.bureau_naam) == ("Rijk van Nijmegen", "ROB Regionaal Ondersteuningsbureau Wmo & Jeugdhulp")
    assert (rob.contact_email, rob.website, rob.contact_telefoon, rob.postadres) == (
        "aanbesteding@nijmegen.nl", "https://robregionijmegen.nl", "", "")
    assert sorted(rob.gemeenten.values_list("naam", flat=True)) == [
        "Berg en Dal", "Beuningen", "Druten", "Heumen", "Mook en Middelaar", "Nijmegen", "Wijchen"]
    assert rob.kleur_primair == "#0B5E3B"
    rob.full_clean()
    inkoper = _user("inkoper@rob.example")
    assert list(inkoper.regiorollen.values_list("regio__slug", flat=True)) == ["rob"]
    assert Aanbesteding.objects.filter(regio=rob).count() == 0  # the ROB procedures come from aanbesteding.demo_rob


def test_laden_is_idempotent_en_laat_wijzigingen_in_het_beheer_staan(geladen):
    aantallen = (Regio.objects.count(), User.objects.count(), Regiorol.objects.count(), AuditRegel.objects.count())
    Regio.objects.filter(slug="gooi").update(kleur_primair="#003366", intro="Eigen tekst")
    demo.laad(io.StringIO())
    assert (Regio.objects.count(), User.objects.count(), Regiorol.objects.count(),
            AuditRegel.objects.count()) == aantallen
    gooi = Regio.objects.get(slug="gooi")
    assert (gooi.kleur_primair, gooi.intro) == ("#003366", "Eigen tekst")


@pytest.mark.parametrize("email, rol, slug", [
    (e, rol, code) for e, _, _, rol, code in demo.REGIONALE_STAFF
])
def test_staf_per_regio_heeft_een_rol_in_een_regio(geladen, email, rol, slug):
    user = _user(email)
    assert list(user.regiorollen.values_list("regio__slug", "rol")) == [(slug, rol)]
    assert user.groups.filter(name=rol).exists()
    assert user.check_password(demo.DEMO_WACHTWOORD)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert user.emailaddress_set.get().verified


def test_alle_vijftien_regionale_logins_bestaan(geladen):
    verwacht = {f"{rol}@{code}.example" for code in ("gooi", "mlo", "rob")
                for rol in ("inkoper", "contractmanager", "beoordelaar", "sroi", "redacteur")}
    assert verwacht <= set(User.objects.values_list("email", flat=True))


def test_bestaande_logins_zijn_staf_van_alle_demoregios(geladen):
    regio_ids = set(Regio.objects.filter(slug__in=["gooi", "mlo", "rob"]).values_list("pk", flat=True))
    for email, _, _, rol in demo.STAFF:
        user = _user(email)
        assert set(user.regiorollen.filter(rol=rol).values_list("regio_id", flat=True)) == regio_ids, email
        assert bereik(user, rol).ids == regio_ids
        assert user.check_password(demo.DEMO_WACHTWOORD)


def test_rollen_zijn_toegekend_door_de_platformbeheerder(geladen):
    platform = _user("platform@portaal.example")
    assert heeft_staffgroep(platform, PLATFORMBEHEERDER)
    assert not platform.regiorollen.exists()
    assert set(Regiorol.objects.values_list("toegekend_door", flat=True)) == {platform.pk}
    assert AuditRegel.objects.filter(actie="regiorol.toegekend", actor=platform).count() == Regiorol.objects.count()
    assert Authenticator.objects.filter(user=platform, type=Authenticator.Type.TOTP).exists()


def test_inkoper_gooi_ziet_alleen_gooi_procedures(geladen, client):
    inkoper_gooi = _user("inkoper@gooi.example")
    gooi_procedures = set(Aanbesteding.objects.filter(regio__slug="gooi"))
    mlo_procedures = set(Aanbesteding.objects.filter(regio__slug="mlo"))
    assert gooi_procedures and mlo_procedures
    assert set(binnen(Aanbesteding.objects.all(), bereik(inkoper_gooi, INKOPER))) == gooi_procedures
    log_in_met_mfa(client, inkoper_gooi)
    lijst = client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:list")).content.decode()
    for a in gooi_procedures:
        assert a.titel in lijst
    for a in mlo_procedures:
        assert a.titel not in lijst
        assert client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[a.pk])).status_code == 404


def test_contractmanager_mlo_ziet_alleen_mlo_en_oude_inkoper_alles(geladen):
    alle = set(Aanbesteding.objects.all())
    mlo = set(Aanbesteding.objects.filter(regio__slug="mlo"))
    cm_mlo = _user("contractmanager@mlo.example")
    assert set(binnen(Aanbesteding.objects.all(), bereik(cm_mlo, CONTRACTMANAGER))) == mlo
    assert set(binnen(Aanbesteding.objects.all(), bereik(_user("inkoper@regio.example"), INKOPER))) == alle


def test_platformbeheerder_ziet_geen_inhoud(geladen, client):
    platform = _user("platform@portaal.example")
    assert bereik(platform).leeg
    assert not binnen(Aanbesteding.objects.all(), bereik(platform)).exists()
    log_in_met_mfa(client, platform)
    assert client.get(reverse("wagtailsnippets_organisaties_regio:list")).status_code == 200
    assert client.get(reverse("organisaties_regio_medewerkers")).status_code == 200
    assert client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:list")).status_code in (302, 403)
    assert client.get(reverse("core_audit")).status_code in (302, 403)


def test_demo_maakt_een_zegelsleutel_per_bureau(geladen, settings):
    """`make run` shows sealed PDFs (issue 18): demo_data made each demo bureau's seal key, issued by the demo CA
    that /verifieren/ trusts."""
    from pathlib import Path

    from core import zegel
    from core.pdf import eenvoudige_pdf

    for regio in Regio.objects.all():
        assert (Path(settings.ZEGEL_MAP) / f"{regio.slug}.key.pem").exists(), regio.slug
        assert (Path(settings.ZEGEL_MAP) / f"{regio.slug}.crt.pem").exists(), regio.slug
    gooi = Regio.objects.get(slug="gooi")
    verzegeld = zegel.verzegelen(eenvoudige_pdf("Demo", ["tekst"]), regio_slug="gooi", bureau=gooi.bureau_naam,
                                 reden="demo")
    uitslag = zegel.controleren(verzegeld)
    # (The test process may have made the "gooi" key earlier under another bureau name: only the seal is checked.)
    assert uitslag.echt and uitslag.ondertekenaar
