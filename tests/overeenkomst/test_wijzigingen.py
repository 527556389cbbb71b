"""Wijzigingsverzoeken with the rules of 003a §3.4/§3.7."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from core import kalender
from organisaties.models import Organisatie
from overeenkomst import services
from overeenkomst.models import Onderaannemer, Wijzigingsverzoek

S = Wijzigingsverzoek.Soort


@pytest.fixture
def ovk(gooi, aanbieder):
    ab, bhl, dag = gooi
    return services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2026, 1, 1))


@time_machine.travel(date(2026, 5, 4))
def test_contactpersoon_op_de_vijfde_werkdag_op_tijd(ovk, aanbieder_beheerder):
    v = services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.CONTACTPERSOON, wijzigingsdatum=date(2026, 4, 24), door=aanbieder_beheerder,
                                            gegevens={"contactpersoon": "M. de Vries", "contact_email": "mdv@zorgkracht.example"})
    assert not v.te_laat


@time_machine.travel(date(2026, 5, 6))
def test_contactpersoon_na_vijf_werkdagen_te_laat(ovk, aanbieder_beheerder):
    v = services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.CONTACTPERSOON, wijzigingsdatum=date(2026, 4, 24), door=aanbieder_beheerder,
                                            gegevens={"contactpersoon": "M. de Vries", "contact_email": "mdv@zorgkracht.example"})
    assert v.te_laat


@time_machine.travel(date(2026, 9, 30))
def test_onderaannemer_voor_1_oktober_gaat_in_op_1_januari(ovk, aanbieder_beheerder):
    v = services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.ONDERAANNEMERS, wijzigingsdatum=date(2026, 9, 30), door=aanbieder_beheerder,
                                            gegevens={"onderaannemers": [{"naam": "Praktijk Vos", "kvk_nummer": "87654321", "percelen": ["5.4"]}]})
    assert (v.ingangsdatum, v.te_laat) == (date(2027, 1, 1), False)


@time_machine.travel(date(2026, 10, 1))
def test_capaciteit_op_1_oktober_pas_per_het_jaar_daarna(ovk, aanbieder_beheerder):
    v = services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.CAPACITEIT, wijzigingsdatum=date(2026, 10, 1), door=aanbieder_beheerder,
                                            gegevens={"capaciteit": "5.10: 8 plaatsen"})
    assert (v.ingangsdatum, v.te_laat) == (date(2028, 1, 1), True)


@time_machine.travel(date(2026, 9, 30))
def test_goedgekeurde_onderaannemer_vanaf_1_januari(ovk, aanbieder_beheerder, contractmanager):
    v = services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.ONDERAANNEMERS, wijzigingsdatum=date(2026, 9, 30), door=aanbieder_beheerder,
                                            gegevens={"onderaannemers": [{"naam": "Praktijk Vos", "kvk_nummer": "87654321", "percelen": ["5.4"]}]})
    services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=True, door=contractmanager)
    oa = Onderaannemer.objects.get()
    assert (oa.naam, oa.deelname.perceel.code, oa.vanaf) == ("Praktijk Vos", "5.4", date(2027, 1, 1))


@time_machine.travel(date(2026, 9, 1))
def test_rechtsvorm_drie_maanden_vooraf_met_vergoeding(ovk, aanbieder_beheerder):
    v = services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.RECHTSVORM, wijzigingsdatum=date(2026, 12, 1), door=aanbieder_beheerder,
                                            gegevens={"rechtsvorm": "bv"})
    assert v.vergoeding == Decimal("3000.00")


@time_machine.travel(date(2026, 9, 2))
def test_rechtsvorm_te_laat_gemeld_geweigerd(ovk, aanbieder_beheerder):
    with pytest.raises(ValidationError, match="01-09-2026"):
        services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.RECHTSVORM, wijzigingsdatum=date(2026, 12, 1), door=aanbieder_beheerder,
                                            gegevens={"rechtsvorm": "bv"})


def test_ander_kvk_nummer_geweigerd_met_uitleg(ovk, aanbieder_beheerder):
    with pytest.raises(ValidationError, match="nieuwe rechtspersoon"):
        services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.KVK, wijzigingsdatum=date(2026, 12, 1), door=aanbieder_beheerder,
                                            gegevens={"kvk_nummer": "99999999"})
    assert not Wijzigingsverzoek.objects.exists()


def test_goedkeuring_contactpersoon_past_organisatie_aan(ovk, aanbieder_beheerder, contractmanager):
    v = services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.CONTACTPERSOON, wijzigingsdatum=kalender.vandaag(), door=aanbieder_beheerder,
                                            gegevens={"contactpersoon": "M. de Vries", "contact_email": "mdv@zorgkracht.example"})
    services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=True, door=contractmanager)
    org = Organisatie.objects.get(pk=ovk.organisatie_id)
    assert (org.contactpersoon, org.contact_email) == ("M. de Vries", "mdv@zorgkracht.example")


def test_afwijzing_vereist_reden(ovk, aanbieder_beheerder, contractmanager):
    v = services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.ADRES, wijzigingsdatum=kalender.vandaag(), door=aanbieder_beheerder,
                                            gegevens={"straat": "Larenseweg 30", "postcode": "1221 CN", "plaats": "Hilversum"})
    with pytest.raises(ValidationError):
        services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=False, door=contractmanager)
    services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=False, reden="Vestiging buiten de regio", door=contractmanager)
    assert Wijzigingsverzoek.objects.get().status == Wijzigingsverzoek.Status.AFGEWEZEN


def test_aanbieder_kan_niet_zelf_beoordelen(ovk, aanbieder_beheerder):
    v = services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=S.ADRES, wijzigingsdatum=kalender.vandaag(), door=aanbieder_beheerder,
                                            gegevens={"straat": "Larenseweg 30", "postcode": "1221 CN", "plaats": "Hilversum"})
    with pytest.raises(PermissionDenied):
        services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=True, door=aanbieder_beheerder)
