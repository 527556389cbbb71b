"""Region scoping of inschrijving's staff side (issue 17): the inschrijvingen of a Gooi procedure (region A)
are opened, downloaded, sent for herstel and moved by Gooi's staff only; the staff of Midden-Limburg Oost
(region B) get a 404 or a PermissionDenied, and the processen-verbaal screen lists only their own rounds.

Each refusal (staff of B) stands next to its control (staff of A on the very same inschrijving).
"""

from datetime import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse

from aanbesteding.models import Aanbesteding
from core.audit import zichtbare_regels
from core.kalender import TZ
from core.models import AuditRegel
from inschrijving import permissions, services
from inschrijving.models import Bewijsstuk, Herstelverzoek, Inschrijving, ProcesVerbaalOpening
from organisaties.rollen import BEOORDELAAR
from tests.conftest import TOTP_GEHEIM
from tests.factories import UserFactory
from tests.inschrijving.factories import AanbestedingFactory, ToetredingsmomentFactory

from ._hulp import audit_regels

pytestmark = pytest.mark.django_db

NA_SLUITING = datetime(2023, 6, 30, 10, 0, tzinfo=TZ)


@pytest.fixture
def ingediend(procedure, compleet, aanbieder_beheerder, regio_a, tijd):
    """A submitted inschrijving for a procedure of region A, after the window closed (the kluis is open)."""
    Aanbesteding.objects.filter(pk=procedure.aanbesteding.pk).update(regio=regio_a)
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    tijd(NA_SLUITING)
    return Inschrijving.objects.get(pk=compleet.pk)


def _beoordelaar(regio):
    user = UserFactory(groepen=[BEOORDELAAR], groepen__regios=[regio])
    TOTP.activate(user, TOTP_GEHEIM)
    return user


# --- who may see the contents ----------------------------------------------------------------------------------


def test_staff_van_de_eigen_regio_ziet_de_inhoud_de_andere_regio_niet(ingediend, inkoper_a, inkoper_b, inkoper):
    assert permissions.staff_mag_inhoud_zien(inkoper_a, ingediend)
    assert permissions.staff_mag_inhoud_zien(inkoper, ingediend)  # an inkoper of all regions
    assert not permissions.staff_mag_inhoud_zien(inkoper_b, ingediend)
    assert not permissions.staff_mag_toegang(inkoper_b, ingediend)


def test_staff_bereik_noemt_de_regios_met_inzagerecht(inkoper_a, regio_a, regio_b, beoordelaar_a, platformbeheerder):
    assert regio_a.pk in permissions.staff_bereik(inkoper_a)
    assert regio_b.pk not in permissions.staff_bereik(inkoper_a)
    assert permissions.staff_bereik(beoordelaar_a).leeg  # a beoordelaar sees only through toetsing's rule
    assert permissions.staff_bereik(platformbeheerder).leeg


def test_toegangsregel_reikt_niet_over_de_regiogrens(ingediend, staffgroepen, regio_a, regio_b):
    """toetsing registers 'assigned to the commissie'; even a rule that says yes does not open another bureau's."""
    eigen, vreemd = _beoordelaar(regio_a), _beoordelaar(regio_b)
    regel = lambda user, insch: user in (eigen, vreemd)  # noqa: E731
    permissions.registreer_staff_toegangsregel(regel)
    try:
        assert permissions.staff_mag_inhoud_zien(eigen, ingediend)
        assert not permissions.staff_mag_inhoud_zien(vreemd, ingediend)
    finally:
        permissions._STAFF_TOEGANGSREGELS.remove(regel)


def test_bewijsstuk_downloaden_alleen_door_staff_van_de_eigen_regio(client, ingediend, inkoper_a, inkoper_b):
    stuk = Bewijsstuk.objects.get(originele_naam="kvk-uittreksel.pdf")
    url = reverse("inschrijving:bewijsstuk_download", args=[stuk.pk])
    client.force_login(inkoper_a)
    antwoord = client.get(url)
    assert antwoord.status_code == 200 and b"".join(antwoord.streaming_content).startswith(b"%PDF")
    client.force_login(inkoper_b)
    assert client.get(url).status_code == 404


def test_auditspoor_toont_de_inschrijving_alleen_aan_de_eigen_regio(ingediend, inkoper_a, inkoper_b):
    regels = list(AuditRegel.objects.filter(object_id=str(ingediend.pk), actie="inschrijving.ingediend"))
    assert regels and zichtbare_regels(inkoper_a, regels) == regels
    assert zichtbare_regels(inkoper_b, regels) == []


# --- services staff call ------------------------------------------------------------------------------------------


def test_herstelverzoek_versturen_weigert_staff_van_de_andere_regio(ingediend, inkoper_a, inkoper_b,
                                                                   django_capture_on_commit_callbacks):
    with pytest.raises(PermissionDenied):
        services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Stuur een recent KvK-uittreksel.", door=inkoper_b)
    assert not Herstelverzoek.objects.filter(inschrijving=ingediend).exists()
    with django_capture_on_commit_callbacks(execute=False):
        verzoek = services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Stuur een recent KvK-uittreksel.",
                                                    door=inkoper_a)
    assert verzoek.verstuurd_door == inkoper_a
    assert audit_regels("herstelverzoek.verstuurd", verzoek).count() == 1


def test_status_volgen_uit_toetsing_weigert_staff_van_de_andere_regio(ingediend, inkoper_a, inkoper_b):
    with pytest.raises(PermissionDenied, match="niet behandelen"):
        services.status_volgen_uit_toetsing(inschrijving=ingediend, status=Inschrijving.Status.IN_BEOORDELING,
                                            door=inkoper_b)
    ingediend.refresh_from_db()
    assert ingediend.status == Inschrijving.Status.INGEDIEND
    services.status_volgen_uit_toetsing(inschrijving=ingediend, status=Inschrijving.Status.IN_BEOORDELING, door=inkoper_a)
    ingediend.refresh_from_db()
    assert ingediend.status == Inschrijving.Status.IN_BEOORDELING


@pytest.mark.parametrize("service", ["toelating_per_perceel_vastleggen", "uitsluiting_vastleggen",
                                     "besluit_intrekking_verwerken"])
def test_besluitservices_weigeren_staff_van_de_andere_regio(ingediend, inkoper_b, service):
    kwargs = {"toelating_per_perceel_vastleggen": {"toegelaten": []},
              "uitsluiting_vastleggen": {"tot": datetime(2024, 1, 1).date()}}.get(service, {})
    with pytest.raises(PermissionDenied, match="niet behandelen"):
        getattr(services, service)(inschrijving=ingediend, door=inkoper_b, **kwargs)


# --- processen-verbaal van opening (Wagtail admin) --------------------------------------------------------------


def _met_pv(regio, naam):
    moment = ToetredingsmomentFactory(aanbesteding=AanbestedingFactory(regio=regio, titel=f"Procedure {naam}"),
                                      naam=f"Ronde {naam}")
    pv = ProcesVerbaalOpening(toetredingsmoment=moment, sha256="0" * 64, aantal_inschrijvingen=3)
    pv.bestand.save(f"pv-{naam}.pdf", ContentFile(b"%PDF-1.4 proces-verbaal\n%%EOF"), save=False)
    pv.save()
    return moment, pv


@pytest.fixture
def twee_rondes(regio_a, regio_b):
    return _met_pv(regio_a, "Gooi"), _met_pv(regio_b, "Midden-Limburg")


def test_processen_verbaal_lijst_toont_alleen_de_eigen_regio(staff_client, inkoper_a, twee_rondes,
                                                             django_assert_max_num_queries):
    (moment_a, _), (moment_b, _) = twee_rondes
    client = staff_client(inkoper_a)
    with django_assert_max_num_queries(20):
        antwoord = client.get(reverse("inschrijving_processen_verbaal"))
    assert antwoord.status_code == 200
    assert [m.pk for m in antwoord.context["momenten"]] == [moment_a.pk]
    inhoud = antwoord.content.decode()
    assert "Ronde Gooi" in inhoud and "Ronde Midden-Limburg" not in inhoud


def test_processen_verbaal_lijst_kost_evenveel_queries_bij_meer_rondes(staff_client, inkoper_a, regio_a, twee_rondes):
    from tests.aanbesteding._hulp import aantal_queries

    client = staff_client(inkoper_a)
    url = reverse("inschrijving_processen_verbaal")
    client.get(url)
    voor = aantal_queries(lambda: client.get(url))
    _met_pv(regio_a, "Gooi 2")
    _met_pv(regio_a, "Gooi 3")
    assert aantal_queries(lambda: client.get(url)) == voor


def test_proces_verbaal_van_de_andere_regio_is_404(staff_client, inkoper_a, twee_rondes):
    (_, pv_a), (_, pv_b) = twee_rondes
    client = staff_client(inkoper_a)
    eigen = client.get(reverse("inschrijving_pv_download", args=[pv_a.pk]))
    assert eigen.status_code == 200 and b"".join(eigen.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("inschrijving_pv_download", args=[pv_b.pk])).status_code == 404


def test_inkoper_van_regio_b_ziet_alleen_de_ronde_van_regio_b(staff_client, inkoper_b, twee_rondes):
    (_, pv_a), (moment_b, pv_b) = twee_rondes
    client = staff_client(inkoper_b)
    assert [m.pk for m in client.get(reverse("inschrijving_processen_verbaal")).context["momenten"]] == [moment_b.pk]
    assert client.get(reverse("inschrijving_pv_download", args=[pv_b.pk])).status_code == 200
    assert client.get(reverse("inschrijving_pv_download", args=[pv_a.pk])).status_code == 404


def test_platformbeheerder_ziet_geen_processen_verbaal(staff_client, platformbeheerder, twee_rondes):
    (_, pv_a), _ = twee_rondes
    client = staff_client(platformbeheerder)
    assert client.get(reverse("inschrijving_processen_verbaal")).status_code in (302, 403)
    assert client.get(reverse("inschrijving_pv_download", args=[pv_a.pk])).status_code == 404
