"""Reads of the overeenkomst app: the register (002 UOK 7.2: name, vestigingsplaats, AGB, percelen/products;
main and subcontractors apart), the provider's own lists, the version history and the announcements."""

from datetime import date

import pytest
import time_machine

from overeenkomst import services
from overeenkomst.models import AddendumReactie, Onderaannemer, Uittreding
from overeenkomst.selectors import (
    geschiedenis_van,
    mededelingen_van,
    open_addenda_van_organisatie,
    overeenkomsten_van_organisatie,
    register_van,
    verlopende_bewijsstukken,
)

from ._hulp import contracteer
from .helpers import gepubliceerd_addendum


@pytest.fixture
def twee(gooi, aanbieder, andere_aanbieder):
    ab, bhl, dag = gooi
    return ab, contracteer(ab, aanbieder, [bhl, dag]), contracteer(ab, andere_aanbieder, [dag])


class TestRegister:
    def test_beeindigde_aanbieder_blijft_zichtbaar_met_einddatum(self, twee, contractmanager):
        ab, a, b = twee
        with time_machine.travel(date(2026, 3, 1)):
            u = services.overeenkomst_beeindigen(overeenkomst=b, grond=Uittreding.Grond.FAILLISSEMENT, einddatum=date(2026, 3, 31),
                                                 toelichting="Faillissement", door=contractmanager)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 3, 15), door=contractmanager)
        services.uittreding_afronden_indien_klaar(uittreding_id=u.pk, op=date(2026, 3, 31))
        regels = {r.naam: r for r in register_van(ab)}
        assert (regels[b.organisatie.naam].status_label, regels[b.organisatie.naam].einddatum) == ("beëindigd", date(2026, 3, 31))
        assert regels[a.organisatie.naam].status_label == "actief"

    def test_deels_beeindigd_blijft_actief(self, gooi, twee, aanbieder_beheerder, contractmanager):
        ab, bhl, _ = gooi
        _, a, _ = twee
        with time_machine.travel(date(2026, 3, 15)):
            u = services.uittreding_melden(overeenkomst=a, optie=Uittreding.Optie.GOOI_1, aantal_clienten=0, percelen=[bhl],
                                           door=aanbieder_beheerder)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 3, 15), door=contractmanager)
        regel = next(r for r in register_van(ab) if r.overeenkomst_id == a.pk)
        assert regel.totaalstatus == "actief" and regel.einddatum is None
        assert {p.code: p.status_label for p in regel.percelen} == {"5.10": "beëindigd", "5.4": "actief"}

    def test_onderaannemer_zoeken_vindt_de_hoofdaannemer(self, twee):
        ab, a, _ = twee
        Onderaannemer.objects.create(deelname=a.deelnames.get(perceel__code="5.10"), naam="Praktijk Vos", kvk_nummer="87654321",
                                     plaats="Bussum", vanaf=date(2025, 1, 1))
        regels = register_van(ab, zoek="vos")
        assert [(r.naam, r.rol) for r in regels] == [(a.organisatie.naam, "hoofdaannemer"), ("Praktijk Vos", "onderaannemer")]
        assert [p.code for p in regels[1].percelen] == ["5.10"]

    def test_zelfde_onderaannemer_in_twee_percelen_een_regel(self, twee):
        ab, a, _ = twee
        for d in a.deelnames.all():
            Onderaannemer.objects.create(deelname=d, naam="Praktijk Vos", kvk_nummer="87654321", vanaf=date(2025, 1, 1))
        onder = [r for r in register_van(ab) if r.rol == "onderaannemer"]
        assert len(onder) == 1 and sorted(p.code for p in onder[0].percelen) == ["5.10", "5.4"]

    def test_onbekende_gemeente_leeg(self, twee):
        ab, _, _ = twee
        assert register_van(ab, gemeente="Atlantis") == []


class TestEigenLijsten:
    def test_overeenkomsten_van_organisatie_nieuwste_eerst(self, gooi, mlo, aanbieder, andere_aanbieder):
        ab, bhl, _ = gooi
        mlo_ab, perceel = mlo
        oud = contracteer(ab, aanbieder, [bhl], date(2024, 1, 1))
        nieuw = contracteer(mlo_ab, aanbieder, [perceel], date(2026, 1, 1))
        contracteer(ab, andere_aanbieder, [bhl])
        assert list(overeenkomsten_van_organisatie(aanbieder)) == [nieuw, oud]

    def test_open_addenda_alleen_eigen_en_onbeantwoord(self, twee, inkoper, contractmanager, aanbieder, aanbieder_beheerder):
        ab, a, _ = twee
        with time_machine.travel(date(2026, 1, 5)):
            eerste = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 8, 1))
            tweede = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
        assert [r.addendum for r in open_addenda_van_organisatie(aanbieder)] == [tweede, eerste]  # soonest first
        with time_machine.travel(date(2026, 2, 1)):
            services.addendum_beantwoorden(reactie=tweede.reacties.get(overeenkomst=a), aanvaard=True, door=aanbieder_beheerder)
        assert [r.addendum for r in open_addenda_van_organisatie(aanbieder)] == [eerste]

    def test_geschiedenis_zonder_concepten_in_volgorde(self, twee, inkoper, contractmanager):
        ab, a, _ = twee
        with time_machine.travel(date(2026, 1, 5)):
            later = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 9, 1))
            eerder = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
            services.addendum_opstellen(aanbesteding=ab, titel="Concept", tekst="...", ingangsdatum=date(2026, 12, 1), door=inkoper)
        assert [r.addendum for r in geschiedenis_van(a)] == [eerder, later]
        assert all(r.status == AddendumReactie.Status.OPEN for r in geschiedenis_van(a))


class TestMededelingenEnBewijs:
    def test_nieuwste_mededeling_eerst_en_begrensd(self, gooi, aanbieder, andere_aanbieder, derde_aanbieder):
        ab, bhl, _ = gooi
        for dag, org in ((1, aanbieder), (2, andere_aanbieder), (3, derde_aanbieder)):
            with time_machine.travel(date(2026, 3, dag)):
                contracteer(ab, org, [bhl], date(2026, 3, dag))
        assert [m.overeenkomst.organisatie for m in mededelingen_van(ab, aantal=2)] == [derde_aanbieder, andere_aanbieder]

    def test_verlopende_bewijsstukken_alleen_van_lopende_overeenkomsten(self, twee, aanbieder, derde_aanbieder):
        from inschrijving.models import Bewijsstuk

        for org in (aanbieder, derde_aanbieder):
            Bewijsstuk.objects.create(
                organisatie=org, documentsoort="keurmerk", titel="HKZ", originele_naam="hkz.pdf", sha256="0" * 64,
                mime_type="application/pdf", grootte=1, afgiftedatum=date(2023, 6, 1), geldig_tot=date(2026, 6, 30), bestand="x/hkz.pdf",
            )
        assert [b.organisatie for b in verlopende_bewijsstukken(op=date(2026, 6, 1))] == [aanbieder]
        assert list(verlopende_bewijsstukken(binnen_dagen=28, op=date(2026, 6, 1))) == []  # 29 days away
