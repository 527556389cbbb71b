"""Provider pages under mijn/overeenkomsten/ and the staff screens in the Wagtail admin."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from core import kalender
from overeenkomst import services
from overeenkomst.models import AddendumReactie, Uittreding, Wijzigingsverzoek
from tests.factories import OrganisatieFactory

from .helpers import gepubliceerd_addendum


@pytest.fixture
def ovk(gooi, aanbieder, aanbieder_beheerder):
    ab, bhl, dag = gooi
    return services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2025, 1, 1))


@pytest.fixture
def andere_ovk(gooi, andere_aanbieder):
    ab, bhl, _ = gooi
    return services.overeenkomst_uit_toelating(organisatie=andere_aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2025, 1, 1))


def test_lijst_toont_eigen_overeenkomst(client, ovk, andere_ovk, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    html = client.get(reverse("overeenkomst:lijst")).content.decode()
    assert "Jeugdhulp Voorzieningen" in html and reverse("overeenkomst:detail", args=[ovk.pk]) in html
    assert reverse("overeenkomst:detail", args=[andere_ovk.pk]) not in html


def test_mijn_omgeving_linkt_naar_overeenkomsten(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert reverse("overeenkomst:lijst") in client.get(reverse("organisaties:mijn")).content.decode()


@time_machine.travel(date(2025, 6, 1))
def test_detail_toont_tarieven_die_nu_gelden(client, ovk, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    html = client.get(reverse("overeenkomst:detail", args=[ovk.pk])).content.decode()
    assert "€ 346,14" in html and "€ 322,46" not in html  # 43B03 zwaar 2025, not 2024


def test_overeenkomst_van_andere_organisatie_geeft_404(client, andere_ovk, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse("overeenkomst:detail", args=[andere_ovk.pk])).status_code == 404
    assert client.get(reverse("overeenkomst:opzeggen", args=[andere_ovk.pk])).status_code == 404
    assert client.get(reverse("overeenkomst:wijziging", args=[andere_ovk.pk, "adres"])).status_code == 404


def test_addendum_van_andere_organisatie_geeft_404(client, gooi, ovk, andere_ovk, inkoper, contractmanager, aanbieder_beheerder):
    ab, _, _ = gooi
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
    client.force_login(aanbieder_beheerder)
    andere = addendum.reacties.get(overeenkomst=andere_ovk)
    assert client.get(reverse("overeenkomst:addendum", args=[andere.pk])).status_code == 404


def test_addendum_weigeren_via_portaal(client, gooi, ovk, inkoper, contractmanager, aanbieder_beheerder):
    ab, _, _ = gooi
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
        client.force_login(aanbieder_beheerder)
        reactie = addendum.reacties.get()
        url = reverse("overeenkomst:addendum", args=[reactie.pk])
        assert client.post(url, {"besluit": "geweigerd", "toelichting": ""}).status_code == 200  # reason required
        assert client.post(url, {"besluit": "geweigerd", "toelichting": "Niet akkoord met art. 8"}).status_code == 302
    assert AddendumReactie.objects.get(pk=reactie.pk).status == AddendumReactie.Status.GEWEIGERD


@time_machine.travel(date(2026, 3, 15))
def test_opzeggen_toont_vroegste_einde_en_vergoeding(client, ovk, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    url = reverse("overeenkomst:opzeggen", args=[ovk.pk])
    html = client.get(url).content.decode()
    assert "14-06-2026" in html  # Gooi option 2: 3 months
    antwoord = client.post(url, {"optie": "gooi_2", "aantal_clienten": "12", "continuiteit_toelichting": "Overdracht naar Kompaan"})
    assert antwoord.status_code == 302
    assert Uittreding.objects.get().vergoeding == 1800


def test_kvk_wijziging_geweigerd_met_uitleg(client, ovk, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("overeenkomst:wijziging", args=[ovk.pk, "kvk"]), {"wijzigingsdatum": "2026-12-01", "kvk_nummer": "99999999"})
    assert antwoord.status_code == 200 and "nieuwe rechtspersoon" in antwoord.content.decode()
    assert not Wijzigingsverzoek.objects.exists()


@time_machine.travel(date(2026, 9, 1))
def test_rechtsvorm_toont_vergoeding(client, ovk, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    url = reverse("overeenkomst:wijziging", args=[ovk.pk, "rechtsvorm"])
    assert "€ 3.000,00" in client.get(url).content.decode()
    client.post(url, {"wijzigingsdatum": "2026-12-01", "rechtsvorm": "bv"})
    assert Wijzigingsverzoek.objects.get().vergoeding == 3000


@pytest.mark.parametrize("aantal", [1, 15])
def test_lijst_aantal_queries_constant(client, gooi, aanbieder, aanbieder_beheerder, django_assert_max_num_queries, aantal):
    from tests.overeenkomst.factories import gooi_procedure

    for _ in range(aantal):
        ab, bhl, dag = gooi_procedure()
        services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2025, 1, 1))
    client.force_login(aanbieder_beheerder)
    client.get(reverse("overeenkomst:lijst"))  # warm session/middleware caches
    with django_assert_max_num_queries(12):
        assert client.get(reverse("overeenkomst:lijst")).status_code == 200


class TestStaf:
    def test_aanbieder_komt_niet_in_contractbeheer(self, client, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        assert client.get(reverse("overeenkomst_admin_dashboard")).status_code in (302, 403)

    def test_beoordelaar_komt_niet_in_contractbeheer(self, client, beoordelaar):
        client.force_login(beoordelaar)
        antwoord = client.get(reverse("overeenkomst_admin_dashboard"))
        # Wagtail turns PermissionDenied into a redirect to the admin home with a message.
        assert antwoord.status_code in (302, 403) and antwoord.get("Location", "/admin/") == "/admin/"

    @pytest.mark.parametrize("naam", ["overeenkomst_admin_dashboard", "overeenkomst_admin_lijst", "overeenkomst_admin_addenda",
                                      "overeenkomst_admin_indexatie", "overeenkomst_admin_verzoeken",
                                      "overeenkomst_admin_uittredingen", "overeenkomst_admin_bewijsstukken"])
    def test_schermen_openen(self, client, ovk, contractmanager, naam):
        client.force_login(contractmanager)
        assert client.get(reverse(naam)).status_code == 200

    def test_detail_en_clientenstop_via_scherm(self, client, ovk, contractmanager):
        client.force_login(contractmanager)
        url = reverse("overeenkomst_admin_detail", args=[ovk.pk])
        assert client.get(url).status_code == 200
        d = ovk.deelnames.get(perceel__code="5.10")
        client.post(url, {"actie": "clientenstop", "deelnames": [d.pk], "van": kalender.vandaag().isoformat(), "reden": "Inspectie"})
        d.refresh_from_db()
        assert d.status == "clientenstop"

    def test_vier_ogen_via_scherm(self, client, gooi, ovk, inkoper, contractmanager):
        ab, _, _ = gooi
        client.force_login(inkoper)
        with time_machine.travel(date(2026, 1, 5)):
            client.post(reverse("overeenkomst_admin_addenda"), {"actie": "nieuw", "aanbesteding": ab.pk, "titel": "Nieuwe bepaling",
                                                               "soort": "niet_wezenlijk", "ingangsdatum": "2026-07-01", "tekst": "Tekst"})
            from overeenkomst.models import Addendum

            addendum = Addendum.objects.get()
            url = reverse("overeenkomst_admin_addendum", args=[addendum.pk])
            client.post(url, {"actie": "ter_goedkeuring"})
            client.post(url, {"actie": "publiceren"})
            assert Addendum.objects.get().status == "ter_goedkeuring"  # the drafter cannot publish
            client.force_login(contractmanager)
            client.post(url, {"actie": "publiceren"})
        assert Addendum.objects.get().status == "gepubliceerd"

    def test_indexatie_voorbeeld_scherm(self, client, gooi, inkoper):
        ab, _, _ = gooi
        client.force_login(inkoper)
        with time_machine.travel(date(2025, 9, 15)):
            antwoord = client.post(reverse("overeenkomst_admin_indexatie"), {"actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2026",
                                                                            "methode": "percentage", "percentage": "2,5"})
            assert antwoord.status_code == 302
            assert "€ 354,79" in client.get(antwoord["Location"]).content.decode()

    def test_overeenkomsten_lijst_queries(self, client, gooi, contractmanager, django_assert_max_num_queries):
        ab, bhl, dag = gooi
        for _ in range(10):
            services.overeenkomst_uit_toelating(organisatie=OrganisatieFactory(), aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2025, 1, 1))
        client.force_login(contractmanager)
        client.get(reverse("overeenkomst_admin_lijst"))
        with django_assert_max_num_queries(15):
            client.get(reverse("overeenkomst_admin_lijst"))


def test_tarieftabel_als_onderdeel_via_scherm(client, gooi, inkoper):
    from overeenkomst.models import Addendum

    ab, _, _ = gooi
    client.force_login(inkoper)
    addendum = services.addendum_opstellen(aanbesteding=ab, titel="Tarieven 2027", tekst="...", ingangsdatum=date(2027, 1, 1), door=inkoper)
    url = reverse("overeenkomst_admin_addendum", args=[addendum.pk])
    client.post(url, {"actie": "onderdeel", "soort": "tarieven", "jaar": "2027", "tabel": "43B03;zwaar;360,00\nONBEKEND;x;1"})
    assert not addendum.onderdelen.exists()  # a wrong line refuses the whole table
    client.post(url, {"actie": "onderdeel", "soort": "tarieven", "jaar": "2027", "tabel": "43B03;zwaar;360,00\n43B03;extra_zwaar;455,10"})
    onderdeel = Addendum.objects.get().onderdelen.get()
    assert [(t["code"], t["intensiteit"], t["bedrag"]) for t in onderdeel.gegevens["tarieven"]] == [
        ("43B03", "zwaar", "360.00"), ("43B03", "extra_zwaar", "455.10")
    ]


@pytest.mark.parametrize("aantal", [1, 12])
def test_detail_aantal_queries_constant(client, aanbieder, aanbieder_beheerder, django_assert_max_num_queries, aantal):
    from tests.overeenkomst.factories import (
        AanbestedingFactory,
        PerceelFactory,
        ProductFactory,
        TariefFactory,
    )

    ab = AanbestedingFactory()
    percelen = [PerceelFactory(aanbesteding=ab) for _ in range(aantal)]
    for perceel in percelen:
        for _ in range(3):
            TariefFactory(product=ProductFactory(perceel=perceel), geldig_van=date(2025, 1, 1), geldig_tot=None)
    ovk = services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=percelen, startdatum=date(2025, 1, 1))
    client.force_login(aanbieder_beheerder)
    url = reverse("overeenkomst:detail", args=[ovk.pk])
    client.get(url)
    # 16 + the admitted products per deelname (issue 19), one query, + the unread count in the navigation (ADR 0028).
    with django_assert_max_num_queries(18):
        assert client.get(url).status_code == 200


def test_mededelingen_voor_procedurepagina(gooi, aanbieder):
    from overeenkomst.selectors import mededelingen_van

    ab, bhl, _ = gooi
    services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1))
    assert [m.titel for m in mededelingen_van(ab)] == [f"Nieuwe aanbieder toegetreden: {aanbieder.naam}"]
