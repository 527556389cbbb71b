"""Issue 17, contract management per region: staff of region A see, count and act on the agreements of A only.

Every test has its control (the own region's staff DOES see it / may do it) next to the refusal (staff of the
other region get a 404 on a screen, an invalid choice in a form, a PermissionDenied from a service, and no rows in
lists, counts or mails). Region A is Gooi en Vechtstreek (``regio_a``), region B Midden-Limburg Oost (``regio_b``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core import kalender
from organisaties.models import Rol
from overeenkomst import services, tasks
from overeenkomst.models import (
    Addendum,
    Contractregels,
    Indexatieronde,
    Mededeling,
    Uittreding,
    Wijzigingsverzoek,
)
from overeenkomst.permissions import BUITEN_REGIO, contractbeheer_bereik
from overeenkomst.selectors import verlopende_bewijsstukken
from tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.inschrijving.factories import BewijsstukFactory

from ._hulp import contracteer
from .factories import gooi_procedure

VANDAAG = date(2026, 9, 15)  # before 1 October: an index addendum for 1 January is still on time

LIJSTEN = ["overeenkomst_admin_dashboard", "overeenkomst_admin_lijst", "overeenkomst_admin_addenda", "overeenkomst_admin_indexatie",
           "overeenkomst_admin_verzoeken", "overeenkomst_admin_uittredingen", "overeenkomst_admin_bewijsstukken"]


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(VANDAAG, tick=False):
        yield


def _regio_opzet(regio, naam: str, contractmanager, inkoper) -> SimpleNamespace:
    """One region's contract management: a procedure, an agreement with a provider, a draft addendum, an open
    change request, a notice for one perceel, an index round, a cliëntenstop and expiring evidence. All markers
    carry ``naam`` so a page shows at a glance which region it leaks."""
    ab, bhl, dag = gooi_procedure(regio=regio, titel=f"Jeugdhulp {naam}")
    org = OrganisatieFactory(naam=f"Zorgaanbieder {naam}", plaats=naam)
    beheerder = LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER).user
    ovk = contracteer(ab, org, [bhl, dag])
    addendum = services.addendum_opstellen(
        aanbesteding=ab, titel=f"Addendum {naam}", tekst="Artikel 8.1 luidt voortaan: ...", ingangsdatum=date(2027, 9, 1),
        percelen=[bhl], door=contractmanager,
    )
    verzoek = services.wijzigingsverzoek_indienen(
        overeenkomst=ovk, soort=Wijzigingsverzoek.Soort.ADRES, wijzigingsdatum=VANDAAG,
        gegevens={"straat": f"{naam}straat 1", "postcode": "1221 CN", "plaats": naam}, door=beheerder,
    )
    uittreding = services.uittreding_melden(
        overeenkomst=ovk, optie=Uittreding.Optie.GOOI_1, aantal_clienten=0, percelen=[bhl], door=beheerder,
    )
    ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2027, percentage=Decimal("2.5"), door=inkoper)
    deelname = ovk.deelnames.get(perceel=dag)
    [stop] = services.clientenstop_opleggen(deelnames=[deelname], van=VANDAAG, reden="Wachtlijst", door=contractmanager)
    bewijs = BewijsstukFactory(organisatie=org, titel=f"Keurmerk {naam}", geldig_tot=date(2026, 10, 20))
    return SimpleNamespace(
        regio=regio, naam=naam, ab=ab, bhl=bhl, dag=dag, org=org, beheerder=beheerder, ovk=ovk, addendum=addendum,
        verzoek=verzoek, uittreding=uittreding, ronde=ronde, deelname=deelname, stop=stop, bewijs=bewijs,
    )


@pytest.fixture
def a(regio_a, contractmanager, inkoper):
    return _regio_opzet(regio_a, "Gooi", contractmanager, inkoper)


@pytest.fixture
def b(regio_b, contractmanager, inkoper):
    return _regio_opzet(regio_b, "Limburg", contractmanager, inkoper)


def _html(client, url, **params) -> str:
    antwoord = client.get(url, params)
    assert antwoord.status_code == 200, url
    return antwoord.content.decode()


# --- screens -------------------------------------------------------------------------------------------------


class TestLijsten:
    @pytest.mark.parametrize("naam", LIJSTEN)
    def test_eigen_regio_wel_andere_niet(self, client, a, b, contractmanager_a, naam):
        client.force_login(contractmanager_a)
        html = _html(client, reverse(naam))
        assert "Limburg" not in html  # nothing of region B: no procedure, provider, addendum or evidence
        eigen = {
            "overeenkomst_admin_dashboard": a.ab.titel, "overeenkomst_admin_lijst": a.org.naam,
            "overeenkomst_admin_addenda": a.addendum.titel, "overeenkomst_admin_indexatie": a.ab.titel,
            "overeenkomst_admin_verzoeken": a.org.naam, "overeenkomst_admin_uittredingen": a.org.naam,
            "overeenkomst_admin_bewijsstukken": a.bewijs.titel,
        }[naam]
        assert eigen in html

    @pytest.mark.parametrize("naam", LIJSTEN)
    def test_andersom_ziet_b_alleen_b(self, client, a, b, contractmanager_b, naam):
        client.force_login(contractmanager_b)
        html = _html(client, reverse(naam))
        assert "Gooi" not in html

    def test_staf_van_alle_regios_ziet_beide(self, client, a, b, contractmanager):
        client.force_login(contractmanager)
        html = _html(client, reverse("overeenkomst_admin_lijst"))
        assert a.org.naam in html and b.org.naam in html

    def test_dashboardtellingen_alleen_eigen_regio(self, client, a, b, contractmanager_a, contractmanager):
        services.addendum_ter_goedkeuring(addendum=b.addendum, door=contractmanager)
        client.force_login(contractmanager_a)
        context = client.get(reverse("overeenkomst_admin_dashboard")).context
        assert (context["ter_goedkeuring"], context["verzoeken"], context["uittredingen"], context["bewijs"]) == (0, 1, 1, 1)
        assert [x.pk for x in context["aanbestedingen"]] == [a.ab.pk]
        client.force_login(contractmanager)  # control: staff of every region count both
        context = client.get(reverse("overeenkomst_admin_dashboard")).context
        assert (context["ter_goedkeuring"], context["verzoeken"], context["uittredingen"], context["bewijs"]) == (1, 2, 2, 2)

    def test_filter_op_procedure_van_andere_regio_geeft_niets(self, client, a, b, contractmanager_a):
        client.force_login(contractmanager_a)
        assert b.org.naam not in _html(client, reverse("overeenkomst_admin_lijst"), aanbesteding=b.ab.pk)
        assert a.org.naam in _html(client, reverse("overeenkomst_admin_lijst"), aanbesteding=a.ab.pk)

    def test_zonder_regiorol_leeg(self, client, a, b, contractmanager_a):
        """A Contractmanager whose region role was revoked (group kept) sees nothing."""
        contractmanager_a.regiorollen.all().delete()
        client.force_login(contractmanager_a)
        html = _html(client, reverse("overeenkomst_admin_lijst"))
        assert a.org.naam not in html and b.org.naam not in html


class TestDetailschermen:
    def _urls(self, x):
        return [
            reverse("overeenkomst_admin_detail", args=[x.ovk.pk]),
            reverse("overeenkomst_admin_addendum", args=[x.addendum.pk]),
            reverse("overeenkomst_admin_indexatie") + f"?ronde={x.ronde.pk}",
        ]

    def test_eigen_regio_200_andere_404(self, client, a, b, contractmanager_a):
        client.force_login(contractmanager_a)
        for url in self._urls(a):
            assert client.get(url).status_code == 200, url
        for url in self._urls(b):
            assert client.get(url).status_code == 404, url

    def test_andere_regio_is_niet_te_onderscheiden_van_onbekend_id(self, client, a, b, contractmanager_a):
        client.force_login(contractmanager_a)
        vreemd = client.get(reverse("overeenkomst_admin_detail", args=[b.ovk.pk]))
        onbekend = client.get(reverse("overeenkomst_admin_detail", args=[b.ovk.pk + 1000]))
        assert vreemd.status_code == onbekend.status_code == 404
        assert vreemd.content == onbekend.content

    def test_post_op_andere_regio_is_404_en_verandert_niets(self, client, a, b, contractmanager_a):
        client.force_login(contractmanager_a)
        antwoord = client.post(reverse("overeenkomst_admin_detail", args=[b.ovk.pk]), {
            "actie": "opheffen", "stop": b.stop.pk, "toelichting": "Opgelost",
        })
        assert antwoord.status_code == 404
        b.stop.refresh_from_db()
        assert b.stop.opgeheven_op is None
        # control: the same action on the own region works
        client.post(reverse("overeenkomst_admin_detail", args=[a.ovk.pk]), {"actie": "opheffen", "stop": a.stop.pk, "toelichting": "Opgelost"})
        a.stop.refresh_from_db()
        assert a.stop.opgeheven_op == VANDAAG

    def test_addendum_van_andere_regio_niet_aan_te_bieden(self, client, a, b, contractmanager_a):
        client.force_login(contractmanager_a)
        assert client.post(reverse("overeenkomst_admin_addendum", args=[b.addendum.pk]), {"actie": "ter_goedkeuring"}).status_code == 404
        b.addendum.refresh_from_db()
        assert b.addendum.status == Addendum.Status.CONCEPT
        client.post(reverse("overeenkomst_admin_addendum", args=[a.addendum.pk]), {"actie": "ter_goedkeuring"})
        a.addendum.refresh_from_db()
        assert a.addendum.status == Addendum.Status.TER_GOEDKEURING

    def test_verlenging_aankondigen_andere_regio_404(self, client, regio_a, regio_b, contractmanager_a):
        ab_a, _, _ = gooi_procedure(regio=regio_a)
        ab_b, _, _ = gooi_procedure(regio=regio_b)
        with time_machine.travel(date(2028, 8, 20), tick=False):
            client.force_login(contractmanager_a)  # in the travelled time, or the session has long expired
            assert client.post(reverse("overeenkomst_admin_verlenging", args=[ab_b.pk])).status_code == 404
            assert not ab_b.verlengingsrondes.exists()
            assert client.post(reverse("overeenkomst_admin_verlenging", args=[ab_a.pk])).status_code == 302
            assert ab_a.verlengingsrondes.count() == 1

    def test_afwijken_alleen_voor_inkoper_van_de_regio(self, client, a, regio_b, inkoper_a, inkoper_b, contractmanager_a):
        client.force_login(inkoper_a)
        assert client.get(reverse("overeenkomst_admin_addendum", args=[a.addendum.pk])).context["mag_afwijken"] is True
        client.force_login(inkoper_b)
        assert client.get(reverse("overeenkomst_admin_addendum", args=[a.addendum.pk])).status_code == 404
        client.force_login(contractmanager_a)
        assert client.get(reverse("overeenkomst_admin_addendum", args=[a.addendum.pk])).context["mag_afwijken"] is False


class TestLijstformulieren:
    """The list screens' forms pick objects by id: one of another region is an invalid choice (nothing happens)."""

    def test_verzoek_beoordelen(self, client, a, b, contractmanager_a):
        client.force_login(contractmanager_a)
        client.post(reverse("overeenkomst_admin_verzoeken"), {"verzoek": b.verzoek.pk, "actie": "goedkeuren", "reden": ""})
        b.verzoek.refresh_from_db()
        b.org.refresh_from_db()
        assert b.verzoek.status == Wijzigingsverzoek.Status.INGEDIEND and b.org.straat != "Limburgstraat 1"
        client.post(reverse("overeenkomst_admin_verzoeken"), {"verzoek": a.verzoek.pk, "actie": "goedkeuren", "reden": ""})
        a.verzoek.refresh_from_db()
        a.org.refresh_from_db()
        assert a.verzoek.status == Wijzigingsverzoek.Status.GOEDGEKEURD and a.org.straat == "Gooistraat 1"

    def test_uittreding_aanvaarden(self, client, a, b, contractmanager_a):
        client.force_login(contractmanager_a)
        client.post(reverse("overeenkomst_admin_uittredingen"), {"uittreding": b.uittreding.pk, "actie": "aanvaarden"})
        b.uittreding.refresh_from_db()
        assert b.uittreding.status == Uittreding.Status.INGEDIEND
        client.post(reverse("overeenkomst_admin_uittredingen"), {"uittreding": a.uittreding.pk, "actie": "aanvaarden"})
        a.uittreding.refresh_from_db()
        assert a.uittreding.status != Uittreding.Status.INGEDIEND

    def test_addendum_opstellen_voor_andere_regio(self, client, a, b, contractmanager_a):
        client.force_login(contractmanager_a)
        velden = {"actie": "nieuw", "titel": "Nieuw", "tekst": "Tekst", "ingangsdatum": "2027-09-01"}
        client.post(reverse("overeenkomst_admin_addenda"), {**velden, "aanbesteding": b.ab.pk})
        assert not Addendum.objects.filter(aanbesteding=b.ab, titel="Nieuw").exists()
        client.post(reverse("overeenkomst_admin_addenda"), {**velden, "aanbesteding": a.ab.pk})
        assert Addendum.objects.filter(aanbesteding=a.ab, titel="Nieuw").exists()

    def test_indexatie_opstellen_voor_andere_regio(self, client, a, b, inkoper_a):
        client.force_login(inkoper_a)
        velden = {"actie": "opstellen", "jaar": "2028", "methode": "percentage", "percentage": "2,0"}
        client.post(reverse("overeenkomst_admin_indexatie"), {**velden, "aanbesteding": b.ab.pk})
        assert not Indexatieronde.objects.filter(aanbesteding=b.ab, jaar=2028).exists()
        client.post(reverse("overeenkomst_admin_indexatie"), {**velden, "aanbesteding": a.ab.pk})
        assert Indexatieronde.objects.filter(aanbesteding=a.ab, jaar=2028).exists()

    def test_indexatie_als_addendum_van_andere_regio(self, client, a, b, inkoper_a):
        client.force_login(inkoper_a)
        assert client.post(f"{reverse('overeenkomst_admin_indexatie')}?ronde={b.ronde.pk}", {"actie": "addendum"}).status_code == 404
        b.ronde.refresh_from_db()
        assert b.ronde.addendum_id is None
        client.post(f"{reverse('overeenkomst_admin_indexatie')}?ronde={a.ronde.pk}", {"actie": "addendum"})
        a.ronde.refresh_from_db()
        assert a.ronde.addendum_id is not None


class TestSnippets:
    def test_contractregels_en_mededelingen(self, client, a, b, contractmanager_a):
        mededeling_b = Mededeling.objects.create(aanbesteding=b.ab, titel="Mededeling Limburg", tekst="...", soort="addendum",
                                                 gepubliceerd_op=kalender.nu(), sleutel="regiotest-b")
        mededeling_a = Mededeling.objects.create(aanbesteding=a.ab, titel="Mededeling Gooi", tekst="...", soort="addendum",
                                                 gepubliceerd_op=kalender.nu(), sleutel="regiotest-a")
        regels_a, regels_b = Contractregels.voor(a.ab), Contractregels.voor(b.ab)
        client.force_login(contractmanager_a)
        assert client.get(reverse("wagtailsnippets_overeenkomst_contractregels:edit", args=[regels_b.pk])).status_code == 404
        assert client.get(reverse("wagtailsnippets_overeenkomst_contractregels:edit", args=[regels_a.pk])).status_code == 200
        lijst = _html(client, reverse("wagtailsnippets_overeenkomst_mededeling:list"))
        assert mededeling_a.titel in lijst and mededeling_b.titel not in lijst
        # the filter drop-down offers only the own region's procedures, and refuses the other's id
        assert a.ab.titel in lijst and b.ab.titel not in lijst
        gefilterd = _html(client, reverse("wagtailsnippets_overeenkomst_mededeling:list"), aanbesteding=b.ab.pk)
        assert mededeling_b.titel not in gefilterd


class TestAantalQueries:
    @pytest.mark.parametrize("naam", LIJSTEN)
    def test_lijst_constant_in_de_eigen_regio(self, client, a, regio_a, contractmanager, contractmanager_a, django_assert_max_num_queries, naam):
        client.force_login(contractmanager_a)
        client.get(reverse(naam))  # warm the session and Wagtail's caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as een:
            client.get(reverse(naam))
        for i in range(3):
            extra = OrganisatieFactory(naam=f"Extra {i}")
            ovk = contracteer(a.ab, extra, [a.bhl])
            services.wijzigingsverzoek_indienen(
                overeenkomst=ovk, soort=Wijzigingsverzoek.Soort.CAPACITEIT, wijzigingsdatum=VANDAAG, gegevens={"capaciteit": "8"},
                door=LidmaatschapFactory(organisatie=extra, rol=Rol.BEHEERDER).user,
            )
            BewijsstukFactory(organisatie=extra, geldig_tot=date(2026, 10, 20))
        with django_assert_max_num_queries(len(een.captured_queries)):
            assert client.get(reverse(naam)).status_code == 200


# --- services ------------------------------------------------------------------------------------------------


def _geweigerd(actie):
    with pytest.raises(PermissionDenied) as fout:
        actie()
    assert BUITEN_REGIO in str(fout.value)


class TestServices:
    """Every staff service refuses an object of another region with a Dutch PermissionDenied."""

    def test_addendum_opstellen(self, a, b, contractmanager_a):
        _geweigerd(lambda: services.addendum_opstellen(aanbesteding=b.ab, titel="X", tekst="Y", ingangsdatum=date(2027, 9, 1),
                                                       door=contractmanager_a))
        assert services.addendum_opstellen(aanbesteding=a.ab, titel="X", tekst="Y", ingangsdatum=date(2027, 9, 1),
                                           door=contractmanager_a).aanbesteding == a.ab

    def test_addendum_onderdeel_toevoegen(self, a, b, contractmanager_a):
        from overeenkomst.models import AddendumOnderdeel

        _geweigerd(lambda: services.addendum_onderdeel_toevoegen(
            addendum=b.addendum, soort=AddendumOnderdeel.Soort.CLAUSULE, bepaling="8.1", tekst="...", door=contractmanager_a))
        assert services.addendum_onderdeel_toevoegen(
            addendum=a.addendum, soort=AddendumOnderdeel.Soort.CLAUSULE, bepaling="8.1", tekst="...", door=contractmanager_a).pk

    def test_addendum_ter_goedkeuring_en_publiceren(self, a, b, contractmanager_a, inkoper_a, contractmanager):
        _geweigerd(lambda: services.addendum_ter_goedkeuring(addendum=b.addendum, door=contractmanager_a))
        services.addendum_ter_goedkeuring(addendum=b.addendum, door=contractmanager)
        _geweigerd(lambda: services.addendum_publiceren(addendum=b.addendum, door=contractmanager_a))
        assert Addendum.objects.get(pk=b.addendum.pk).status == Addendum.Status.TER_GOEDKEURING
        services.addendum_ter_goedkeuring(addendum=a.addendum, door=contractmanager_a)
        assert services.addendum_publiceren(addendum=a.addendum, door=inkoper_a).status == Addendum.Status.GEPUBLICEERD

    def test_addendum_termijn_afwijken_alleen_inkoper_van_de_regio(self, a, b, inkoper_a, inkoper_b):
        _geweigerd(lambda: services.addendum_termijn_afwijken(addendum=a.addendum, reden="Spoed", door=inkoper_b))
        assert services.addendum_termijn_afwijken(addendum=a.addendum, reden="Spoed", door=inkoper_a).termijn_afwijking_reden == "Spoed"

    def test_addendum_intrekken(self, a, b, contractmanager_a):
        _geweigerd(lambda: services.addendum_intrekken(addendum=b.addendum, reden="Fout", door=contractmanager_a))
        assert services.addendum_intrekken(addendum=a.addendum, reden="Fout", door=contractmanager_a).status == Addendum.Status.INGETROKKEN

    def test_indexatie(self, a, b, inkoper_a):
        _geweigerd(lambda: services.indexatie_opstellen(aanbesteding=b.ab, jaar=2028, percentage=Decimal("2"), door=inkoper_a))
        _geweigerd(lambda: services.indexatie_als_addendum(ronde=b.ronde, door=inkoper_a))
        assert services.indexatie_opstellen(aanbesteding=a.ab, jaar=2028, percentage=Decimal("2"), door=inkoper_a).pk
        assert services.indexatie_als_addendum(ronde=a.ronde, door=inkoper_a).pk

    def test_verlenging_en_bezwaar(self, regio_a, regio_b, contractmanager_a, aanbieder):
        ab_a, bhl_a, _ = gooi_procedure(regio=regio_a)
        ab_b, bhl_b, _ = gooi_procedure(regio=regio_b)
        ovk_a, ovk_b = contracteer(ab_a, aanbieder, [bhl_a]), contracteer(ab_b, aanbieder, [bhl_b])
        with time_machine.travel(date(2028, 8, 20), tick=False):
            _geweigerd(lambda: services.verlenging_aankondigen(aanbesteding=ab_b, door=contractmanager_a))
            ronde_a = services.verlenging_aankondigen(aanbesteding=ab_a, door=contractmanager_a)
            ronde_b = services.verlenging_aankondigen(aanbesteding=ab_b, door=None)
            _geweigerd(lambda: services.verlengingsbezwaar_vastleggen(
                ronde=ronde_b, overeenkomst=ovk_b, ontvangen_op=date(2028, 8, 19), door=contractmanager_a))
            assert services.verlengingsbezwaar_vastleggen(
                ronde=ronde_a, overeenkomst=ovk_a, ontvangen_op=date(2028, 8, 19), door=contractmanager_a).pk

    def test_wijzigingsverzoek_beoordelen_raakt_organisatie_van_andere_regio_niet(self, a, b, contractmanager_a):
        _geweigerd(lambda: services.wijzigingsverzoek_beoordelen(verzoek=b.verzoek, goedkeuren=True, door=contractmanager_a))
        b.org.refresh_from_db()
        assert b.org.straat != "Limburgstraat 1"
        services.wijzigingsverzoek_beoordelen(verzoek=a.verzoek, goedkeuren=True, door=contractmanager_a)
        a.org.refresh_from_db()
        assert a.org.straat == "Gooistraat 1"

    def test_uittreding(self, a, b, contractmanager_a):
        _geweigerd(lambda: services.uittreding_aanvaarden(uittreding=b.uittreding, door=contractmanager_a))
        _geweigerd(lambda: services.uittreding_overdracht_bevestigen(uittreding=b.uittreding, overgedragen_op=VANDAAG, door=contractmanager_a))
        _geweigerd(lambda: services.uittreding_vergoeding_betaald(uittreding=b.uittreding, betaald_op=VANDAAG, door=contractmanager_a))
        assert Uittreding.objects.get(pk=b.uittreding.pk).status == Uittreding.Status.INGEDIEND
        assert services.uittreding_aanvaarden(uittreding=a.uittreding, door=contractmanager_a).status != Uittreding.Status.INGEDIEND

    def test_uittreding_intrekken(self, a, b, contractmanager_a):
        with pytest.raises(PermissionDenied):
            services.uittreding_intrekken(uittreding=b.uittreding, door=contractmanager_a)
        assert services.uittreding_intrekken(uittreding=a.uittreding, door=contractmanager_a).status == Uittreding.Status.INGETROKKEN
        # the provider itself still withdraws its own notice, whatever the region
        assert services.uittreding_intrekken(uittreding=b.uittreding, door=b.beheerder).status == Uittreding.Status.INGETROKKEN

    def test_overeenkomst_beeindigen(self, a, b, contractmanager_a):
        velden = {"grond": Uittreding.Grond.values[0], "einddatum": date(2027, 6, 30), "toelichting": "Onderbouwd", "door": contractmanager_a}
        _geweigerd(lambda: services.overeenkomst_beeindigen(overeenkomst=b.ovk, percelen=[b.dag], **velden))
        assert services.overeenkomst_beeindigen(overeenkomst=a.ovk, percelen=[a.dag], **velden).pk

    def test_clientenstop(self, a, b, contractmanager_a):
        _geweigerd(lambda: services.clientenstop_opleggen(deelnames=[b.ovk.deelnames.get(perceel=b.bhl)], van=VANDAAG, reden="X",
                                                          door=contractmanager_a))
        _geweigerd(lambda: services.clientenstop_opheffen(clientenstop=b.stop, toelichting="X", door=contractmanager_a))
        assert services.clientenstop_opleggen(deelnames=[a.ovk.deelnames.get(perceel=a.bhl)], van=VANDAAG, reden="X",
                                              door=contractmanager_a)
        assert services.clientenstop_opheffen(clientenstop=a.stop, toelichting="X", door=contractmanager_a).opgeheven_op

    def test_overeenkomst_uit_toelating_door_staf(self, a, b, contractmanager_a):
        nieuw = OrganisatieFactory(naam="Nieuwkomer")
        _geweigerd(lambda: services.overeenkomst_uit_toelating(organisatie=nieuw, aanbesteding=b.ab, percelen=[b.bhl],
                                                               startdatum=VANDAAG, door=contractmanager_a))
        assert services.overeenkomst_uit_toelating(organisatie=nieuw, aanbesteding=a.ab, percelen=[a.bhl],
                                                   startdatum=VANDAAG, door=contractmanager_a).pk

    def test_bereik(self, regio_a, regio_b, contractmanager_a, inkoper_a, contractmanager, sroi_adviseur_a):
        assert contractbeheer_bereik(contractmanager_a).ids == {regio_a.pk}
        assert contractbeheer_bereik(inkoper_a).ids == {regio_a.pk}
        assert contractbeheer_bereik(contractmanager).alle
        assert contractbeheer_bereik(sroi_adviseur_a).leeg


class TestSelectors:
    def test_verlopende_bewijsstukken_per_regio(self, a, b, contractmanager_a):
        eigen = list(verlopende_bewijsstukken(bereik=contractbeheer_bereik(contractmanager_a)))
        assert eigen == [a.bewijs]
        assert set(verlopende_bewijsstukken()) == {a.bewijs, b.bewijs}  # the reminder task: every region


# --- mails ---------------------------------------------------------------------------------------------------


class TestMails:
    def test_verlengingsherinnering_alleen_naar_contractmanagers_van_de_regio(self, regio_a, regio_b, contractmanager_a,
                                                                             contractmanager_b, contractmanager, settings):
        ab_a, _, _ = gooi_procedure(regio=regio_a, titel="Jeugdhulp Gooi")
        with time_machine.travel(date(2028, 8, 2), tick=False):  # 30 days before 1 September
            tasks.verlengingen()
        [bericht] = [m for m in mail.outbox if "Jeugdhulp Gooi" in m.subject]
        assert contractmanager_a.email in bericht.to
        assert contractmanager.email in bericht.to  # a role in every region includes region A
        assert contractmanager_b.email not in bericht.to

    def test_addendummail_met_gegevens_van_de_regio(self, a, regio_a, contractmanager, inkoper, django_capture_on_commit_callbacks):
        regio_a.bureau_naam = "Regionaal Inkoopbureau Gooi"
        regio_a.ondertekening = "Namens het Dagelijks Bestuur van de Regio Gooi en Vechtstreek"
        regio_a.postadres = "Postbus 251, 1400 AG Bussum"
        regio_a.contact_email = "inkoop@gooi.example"
        regio_a.save()
        with django_capture_on_commit_callbacks(execute=True):
            services.addendum_ter_goedkeuring(addendum=a.addendum, door=contractmanager)
            services.addendum_publiceren(addendum=a.addendum, door=inkoper)
        [bericht] = [m for m in mail.outbox if a.addendum.titel in m.subject]
        assert "Regionaal Inkoopbureau Gooi heeft" in bericht.body
        # The region's signature closes the letter; the portal's line on where to find it follows (ADR 0028).
        hoofd, _, voet = bericht.body.rstrip().rpartition("\n\n")
        assert hoofd.endswith("Postbus 251, 1400 AG Bussum\ninkoop@gooi.example")
        assert voet.startswith("U vindt dit bericht ook in het portaal onder Berichten: ")
        assert "Namens het Dagelijks Bestuur van de Regio Gooi en Vechtstreek" in bericht.body

    def test_addendummail_zonder_regiogegevens_zoals_voorheen(self, b, contractmanager, inkoper, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            services.addendum_ter_goedkeuring(addendum=b.addendum, door=contractmanager)
            services.addendum_publiceren(addendum=b.addendum, door=inkoper)
        [bericht] = [m for m in mail.outbox if b.addendum.titel in m.subject]
        assert f"{b.ab.opdrachtgever} heeft" in bericht.body
        assert bericht.body.rstrip().rpartition("\n\n")[0].endswith("percelen op de ingangsdatum.")

    def test_clientenstopmail_met_ondertekening(self, a, regio_a, contractmanager, django_capture_on_commit_callbacks):
        regio_a.ondertekening = "Met vriendelijke groet, het Inkoopbureau"
        regio_a.save()
        with django_capture_on_commit_callbacks(execute=True):
            services.clientenstop_opleggen(deelnames=[a.ovk.deelnames.get(perceel=a.bhl)], van=VANDAAG, reden="Vol",
                                           door=contractmanager)
        [bericht] = [m for m in mail.outbox if "Cliëntenstop perceel 5.10" in m.subject]
        assert "Met vriendelijke groet, het Inkoopbureau" in bericht.body
