"""The leegstandsvergoeding with the source's numbers (003 r.4140-4207, r.4259-4319, r.5320-5401): a worked
month, the split over the municipalities to the cent, the provider's yearly cap hit mid-year (the partial month),
the cap for all providers together, the municipalities' maximum, and the rules of submitting and judging."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from contractbeheer.models import Beddenoverzicht, Leegstandsregeling
from contractbeheer.selectors import leegstand as selectie
from contractbeheer.services import leegstand as diensten
from core.models import AuditRegel
from overeenkomst.models import Deelname

from ._leegstand import indienen, wereld

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def _maanden(w, ovk, lid, jaar, tot, cm, **kw):
    """Submit and approve January..``tot`` with every etmaal empty; returns the overviews."""
    uit = []
    for m in range(1, tot + 1):
        o = indienen(w, ovk, lid, date(jaar, m, 1), **kw)
        uit.append(diensten.overzicht_goedkeuren(overzicht=o, door=cm))
    return uit


class TestRegelingUitDeBron:
    def test_regeling_en_verdeelsleutel_geladen(self, w):
        r = w.regeling
        assert (r.product.code, r.max_per_aanbieder_per_jaar, r.max_totaal_per_jaar) == ("43B03", D("175000"),
                                                                                        D("350000"))
        sleutel = {v.gemeente.naam: (v.percentage, v.max_bijdrage) for v in r.verdeling.all()}
        assert sleutel == {"Hilversum": (38, 133000), "Gooise Meren": (24, 84000), "Huizen": (18, 63000),
                           "Wijdemeren": (10, 35000), "Blaricum": (5, 17500), "Laren": (5, 17500)}

    def test_tarief_per_intensiteit_en_jaar(self, w):
        assert diensten.tarief_voor(w.regeling, "extra_zwaar", date(2022, 6, 1)) == D("375.57")
        assert diensten.tarief_voor(w.regeling, "zwaar", date(2024, 3, 1)) == D("322.46")
        assert diensten.tarief_voor(w.regeling, "zwaar", date(2026, 1, 1)) is None


class TestWerkvoorbeeld:
    """Youké, 2 beds, June 2022 (30 days): 60 etmalen capacity, 21 occupied → 39 leegstand × € 375,57 (extra zwaar
    2022, 003 r.5340) = € 14.647,23. Split 38/24/18/10/5/5 (003 r.4200-4206) in cents: the floors add up to
    € 14.647,21; the two cents left go to the largest remainders (Hilversum .74, Gooise Meren .52)."""

    def test_maand_berekend_en_verdeeld(self, w, contractmanager_a):
        o = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), bezet=21, toelichting="Twee plaatsingen")
        assert (o.etmalen_capaciteit, o.etmalen_bezet, o.tarief, o.bedrag_berekend) == (60, 21, D("375.57"),
                                                                                       D("14647.23"))
        assert o.status == Beddenoverzicht.Status.INGEDIEND and o.bedrag_uit_te_betalen is None
        o = diensten.overzicht_goedkeuren(overzicht=o, door=contractmanager_a)
        assert o.bedrag_uit_te_betalen == D("14647.23")
        v = selectie.verdeling(w.regeling, 2022)
        (_, delen), = v.regels
        namen = {w.gemeente(n).pk: n for n in ("Hilversum", "Gooise Meren", "Huizen", "Wijdemeren", "Blaricum",
                                               "Laren")}
        assert {namen[g]: b for g, b in delen.items()} == {
            "Hilversum": D("5565.95"), "Gooise Meren": D("3515.34"), "Huizen": D("2636.50"),
            "Wijdemeren": D("1464.72"), "Blaricum": D("732.36"), "Laren": D("732.36")}
        assert sum(delen.values()) == D("14647.23") == v.totaal
        assert AuditRegel.objects.filter(actie="contractbeheer.leegstand_ingediend").count() == 1
        assert AuditRegel.objects.filter(actie="contractbeheer.leegstand_goedgekeurd").count() == 1

    def test_zwaar_met_een_bed_minder_binnen_de_maand(self, w):
        """Leger des Heils, March 2024: from 10 March one bed (003 r.5385-5389): 2 × 9 + 1 × 22 = 40 etmalen;
        12 occupied → 28 × € 322,46 (zwaar 2024) = € 9.028,88."""
        o = indienen(w, w.ldh, w.ldh_lid, date(2024, 3, 1), bedden=2, etmalen_capaciteit=40, bezet=12,
                     intensiteit="zwaar")
        assert (o.etmalen_capaciteit, o.tarief, o.bedrag_berekend) == (40, D("322.46"), D("9028.88"))

    def test_capaciteit_niet_boven_bedden_maal_dagen(self, w):
        with pytest.raises(ValidationError, match="tussen 1 en 62"):
            indienen(w, w.youke, w.youke_lid, date(2024, 3, 1), etmalen_capaciteit=63)

    def test_meer_bezet_dan_capaciteit(self, w):
        with pytest.raises(ValidationError, match="meer etmalen bezet"):
            indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), bezet=61)


class TestPlafondPerAanbieder:
    """Youké 2022, two beds, every etmaal empty: January 62 × 375,57 = 23.285,34; cumulative after July
    € 159.241,68; August (23.285,34) would pass € 175.000: paid € 15.758,32 (the partial month); September € 0."""

    def test_plafond_halverwege_het_jaar(self, w, contractmanager_a):
        overzichten = _maanden(w, w.youke, w.youke_lid, 2022, 9, contractmanager_a)
        assert overzichten[0].bedrag_uit_te_betalen == D("23285.34")
        assert overzichten[1].bedrag_uit_te_betalen == D("21031.92")  # February: 56 × 375,57
        assert sum(o.bedrag_uit_te_betalen for o in overzichten[:7]) == D("159241.68")
        assert (overzichten[7].bedrag_berekend, overzichten[7].bedrag_uit_te_betalen) == (D("23285.34"),
                                                                                          D("15758.32"))
        assert (overzichten[8].bedrag_berekend, overzichten[8].bedrag_uit_te_betalen) == (D("22534.20"), D("0.00"))
        regels, totaal = selectie.jaaroverzicht(w.regeling, 2022)
        (y,) = regels
        assert (y.etmalen_capaciteit, y.etmalen_bezet, y.etmalen_leegstand) == (546, 0, 546)
        assert (y.bedrag_uit_te_betalen, y.resterend, y.maanden_goedgekeurd) == (D("175000.00"), D("0.00"), 9)
        assert y.boven_plafond == D("205061.22") - D("175000.00")
        # A new year starts with the whole cap again.
        jan = indienen(w, w.youke, w.youke_lid, date(2023, 1, 1))
        assert diensten.overzicht_goedkeuren(overzicht=jan, door=contractmanager_a).bedrag_uit_te_betalen == \
            D("24235.80")  # 62 × 390,90 (extra zwaar 2023)

    def test_volgorde_van_goedkeuring_telt(self, w, contractmanager_a):
        """Reading 5: the cap is applied in the order of approval. July approved after August gets the rest."""
        _maanden(w, w.youke, w.youke_lid, 2022, 6, contractmanager_a)  # € 135.956,34
        juli = indienen(w, w.youke, w.youke_lid, date(2022, 7, 1))
        aug = indienen(w, w.youke, w.youke_lid, date(2022, 8, 1))
        assert diensten.overzicht_goedkeuren(overzicht=aug, door=contractmanager_a).bedrag_uit_te_betalen == \
            D("23285.34")
        assert diensten.overzicht_goedkeuren(overzicht=juli, door=contractmanager_a).bedrag_uit_te_betalen == \
            D("15758.32")


class TestPlafondTotaal:
    def test_alle_aanbieders_samen(self, w, contractmanager_a):
        """With two providers the € 350.000 equals 2 × € 175.000 (003 r.4880 "uitgaande van maximaal twee
        opdrachtnemers"); staff lower it (e.g. a third provider joins) to € 30.000: Youké June € 14.647,23 +
        Leger des Heils June 50 × 294,94 = € 14.747,00 → € 29.394,23; Youké July (31 × 375,57 = € 11.642,67)
        gets the € 605,77 left."""
        Leegstandsregeling.objects.filter(pk=w.regeling.pk).update(max_totaal_per_jaar=D("30000"))
        w.regeling.refresh_from_db()
        a = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), bezet=21)
        b = indienen(w, w.ldh, w.ldh_lid, date(2022, 6, 1), bezet=10, intensiteit="zwaar")
        c = indienen(w, w.youke, w.youke_lid, date(2022, 7, 1), bezet=31)
        for o in (a, b):
            diensten.overzicht_goedkeuren(overzicht=o, door=contractmanager_a)
        c = diensten.overzicht_goedkeuren(overzicht=c, door=contractmanager_a)
        assert (c.bedrag_berekend, c.bedrag_uit_te_betalen) == (D("11642.67"), D("605.77"))
        _, totaal = selectie.jaaroverzicht(w.regeling, 2022)
        assert (totaal.bedrag_uit_te_betalen, totaal.resterend) == (D("30000.00"), D("0.00"))

    def test_maximale_bijdrage_per_gemeente(self, w, contractmanager_a):
        """Laren's maximum lowered to € 700: of its June part (€ 732,36) € 700 is charged, € 32,36 is shown as not
        covered (not moved to another municipality)."""
        w.regeling.verdeling.filter(gemeente__naam="Laren").update(max_bijdrage=D("700"))
        o = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), bezet=21)
        diensten.overzicht_goedkeuren(overzicht=o, door=contractmanager_a)
        v = selectie.verdeling(w.regeling, 2022)
        laren = w.gemeente("Laren").pk
        assert (v.totaal_per_gemeente[laren], v.niet_gedekt[laren]) == (D("700.00"), D("32.36"))
        assert v.totaal + v.niet_gedekt[laren] == D("14647.23")

    def test_verdeelsleutel_niet_100_procent(self, w, contractmanager_a):
        w.regeling.verdeling.filter(gemeente__naam="Laren").delete()
        assert "95" in selectie.verdeling(w.regeling, 2022).fout


class TestIndienenEnBeoordelen:
    def test_maand_moet_voorbij_zijn(self, w):
        with pytest.raises(ValidationError, match="na afloop van de maand"):
            indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), op=date(2022, 6, 30))

    def test_niet_voor_de_deelname(self, w):
        Deelname.objects.filter(overeenkomst=w.youke).update(startdatum=date(2022, 5, 15))
        with pytest.raises(ValidationError, match="vóór de start"):
            indienen(w, w.youke, w.youke_lid, date(2022, 4, 1))
        assert indienen(w, w.youke, w.youke_lid, date(2022, 5, 1)).maand == date(2022, 5, 1)

    def test_geen_deelname_in_het_perceel(self, w):
        with pytest.raises(ValidationError, match="niet"):
            indienen(w, w.bhl_ovk, w.bhl_lid, date(2022, 6, 1))

    def test_geen_tarief(self, w):
        with pytest.raises(ValidationError, match="geen tarief"):
            indienen(w, w.youke, w.youke_lid, date(2026, 1, 1), op=date(2026, 3, 1))

    def test_andere_aanbieder_mag_niet(self, w):
        with pytest.raises(PermissionDenied):
            indienen(w, w.youke, w.ldh_lid, date(2022, 6, 1))

    def test_eenmaal_per_maand_en_na_afwijzing_opnieuw(self, w, contractmanager_a):
        o = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), bezet=21)
        with pytest.raises(ValidationError, match="al een beddenoverzicht"):
            indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), bezet=20)
        with pytest.raises(ValidationError, match="reden"):
            diensten.overzicht_afwijzen(overzicht=o, reden="  ", door=contractmanager_a)
        diensten.overzicht_afwijzen(overzicht=o, reden="Bezetting klopt niet met het Digitaal Leefplein",
                                    door=contractmanager_a)
        assert AuditRegel.objects.filter(actie="contractbeheer.leegstand_afgewezen").count() == 1
        nieuw = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), bezet=24)
        assert nieuw.bedrag_berekend == D("13520.52")  # 36 × 375,57
        with pytest.raises(ValidationError):
            diensten.overzicht_goedkeuren(overzicht=o, door=contractmanager_a)  # rejected stays rejected
        aanbieders, maanden = selectie.maandstaat(w.regeling, 2022)
        assert [a.pk for a in aanbieders] == [w.youke.pk] and maanden[5].cellen == [nieuw]

    def test_beoordelen_alleen_bureau_in_de_regio(self, w, contractmanager_b, beoordelaar_a):
        o = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1))
        for wie in (contractmanager_b, beoordelaar_a, w.youke_lid):
            with pytest.raises(PermissionDenied):
                diensten.overzicht_goedkeuren(overzicht=o, door=wie)
            with pytest.raises(PermissionDenied):
                diensten.overzicht_afwijzen(overzicht=o, reden="nee", door=wie)
        o.refresh_from_db()
        assert o.status == Beddenoverzicht.Status.INGEDIEND

    def test_regelingen_van_organisatie(self, w):
        assert diensten.regelingen_van_organisatie(w.youke.organisatie) == [(w.regeling, w.youke)]
        assert diensten.regelingen_van_organisatie(w.bhl_ovk.organisatie) == []
        assert diensten.lopende_deelname(w.bhl_ovk, w.regeling) is None
        assert diensten.eerste_van_maand(date(2022, 6, 17)) == date(2022, 6, 1)
