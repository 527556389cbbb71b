"""What the generated PDFs say. The decision letter goes to the provider: names, outcome per perceel, reasons
from the consensus, exclusion and standstill, and never who assessed (issue 5). The proces-verbaal is for staff
and records everyone and everything (003b: "Proces-verbaal van beoordeling")."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from toetsing import services, tasks
from toetsing.models import Besluit, Oordeel, Toetsing
from toetsing.pdf import besluitbrief_pdf, proces_verbaal_pdf

from ._hulp import om, pdf_tekst, verklaar
from .factories import OrganisatieFactory


def _verzend(i, inkoper, moment=None):
    moment = moment or om(2026, 3, 2, 10, 0)
    with time_machine.travel(moment, tick=False):
        besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
        return services.besluit_verzenden(besluit=besluit, door=inkoper)


def _geen_personen(tekst, *personen):
    for persoon in personen:
        assert str(persoon) not in tekst
        assert persoon.last_name not in tekst
        assert persoon.email not in tekst


@pytest.fixture
def zorgkracht(db):
    return OrganisatieFactory(naam="Zorgkracht Gooi B.V.", kvk_nummer="61234567", straat="Havenstraat 12",
                              postcode="1211 KL", plaats="Hilversum")


# --- de besluitbrief -------------------------------------------------------------------------------------------


def test_brief_noemt_de_aanbieder_en_het_kenmerk(maak_inschrijving, volledig_beoordeeld, inkoper, zorgkracht):
    i = volledig_beoordeeld(maak_inschrijving(organisatie=zorgkracht))
    besluit = _verzend(i, inkoper)
    tekst = pdf_tekst(besluitbrief_pdf(besluit))
    assert "Zorgkracht Gooi B.V." in tekst
    assert "Havenstraat 12" in tekst and "1211 KL Hilversum" in tekst
    assert "KvK-nummer 61234567" in tekst
    assert f"Kenmerk: besluit {besluit.pk} / inschrijving {i.pk}" in tekst
    assert "Datum: 02-03-2026" in tekst
    assert "Op 15-01-2026 heeft u zich ingeschreven" in tekst


def test_brief_bij_toelating(maak_inschrijving, volledig_beoordeeld, inkoper):
    besluit = _verzend(volledig_beoordeeld(maak_inschrijving()), inkoper)
    tekst = pdf_tekst(besluitbrief_pdf(besluit))
    assert "Perceel 5.1 Ambulante jeugdhulp: Voorlopige toelating" in tekst
    assert "Voldoet aan alle eisen." in tekst
    assert "Redenen van afwijzing" not in tekst
    assert "Uitsluiting" not in tekst
    # 2 March + 20 calendar days.
    assert "binnen 20 kalenderdagen" in tekst and "uiterlijk op 22-03-2026" in tekst


def test_brief_bij_volledige_afwijzing(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(), {"U1": Oordeel.VOLDOET_NIET, "X1": Oordeel.VOLDOET_NIET})
    tekst = pdf_tekst(besluitbrief_pdf(_verzend(i, inkoper)))
    assert "Perceel 5.1 Ambulante jeugdhulp: Afwijzing" in tekst
    assert "Eis U1 (Uitsluitingsgrond)" in tekst and "Eis X1 (Uitvoeringseis)" in tekst
    assert tekst.index("Eis U1") < tekst.index("Eis X1")
    assert "Motivering: Consensus: U1 voldoet_niet" in tekst
    # Six months after 2 March 2026.
    assert "tot 02-09-2026 geen nieuwe inschrijving" in tekst and "(6 maanden" in tekst
    assert "onherroepelijk" in tekst and "(uiterlijk 22-03-2026)" in tekst
    assert "Voorlopige toelating" not in tekst


def test_brief_volgt_de_instellingen_van_de_procedure(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    services.instelling_opslaan(
        aanbesteding=procedure["aanbesteding"], standstill_dagen=30,
        briefhoofd="Regio Gooi en Vechtstreek\nPostbus 251\n1400 AG Bussum",
        ondertekening="Teamleider Inkoop Sociaal Domein", rechtsmiddel_tekst="Bezwaar kan bij de rechtbank Amsterdam.",
        door=inkoper,
    )
    tekst = pdf_tekst(besluitbrief_pdf(_verzend(volledig_beoordeeld(maak_inschrijving()), inkoper)))
    assert "Postbus 251" in tekst and "1400 AG Bussum" in tekst
    assert "Teamleider Inkoop Sociaal Domein" in tekst
    assert "binnen 30 kalenderdagen" in tekst and "uiterlijk op 01-04-2026" in tekst
    assert "rechtbank Amsterdam" in tekst
    assert "Midden-Nederland" not in tekst


def test_brief_bij_wachtlijst_na_loting_noemt_de_seed(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    kandidaten = [volledig_beoordeeld(maak_inschrijving(percelen=("mst",))) for _ in range(2)]
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="MST-seed-2026")
    verliezer = next(k for k in kandidaten if k.pk not in trekking.winnaars)
    tekst = pdf_tekst(besluitbrief_pdf(_verzend(verliezer, inkoper)))
    assert "Perceel 5.6 Multi Systeem Therapie: Wachtlijst" in tekst
    assert "niet ingeloot" in tekst
    assert "seed MST-seed-2026" in tekst
    # On the waiting list: no exclusion.
    assert "geen nieuwe inschrijving" not in tekst


def test_brief_noemt_niemand_van_de_commissie(maak_inschrijving, volledig_beoordeeld, inkoper, beoordelaar, beoordelaar2):
    i = volledig_beoordeeld(maak_inschrijving(percelen=("ambulant", "mst")),
                            {"S6G1": Oordeel.VOLDOET_NIET, "G2": (Oordeel.VOLDOET, "8")})
    tekst = pdf_tekst(besluitbrief_pdf(_verzend(i, inkoper)))
    _geen_personen(tekst, beoordelaar, beoordelaar2, inkoper)
    for persoon in (beoordelaar, beoordelaar2):
        assert f"Motivering {persoon.pk} bij" not in tekst
    assert "Beoordelaar" not in tekst and "belangenconflict" not in tekst


def test_brief_die_de_aanbieder_downloadt_noemt_niemand_van_de_commissie(client, maak_inschrijving, volledig_beoordeeld,
                                                                         inkoper, beoordelaar, beoordelaar2, aanbieder,
                                                                         aanbieder_beheerder):
    i = volledig_beoordeeld(maak_inschrijving(organisatie=aanbieder), {"X1": Oordeel.VOLDOET_NIET})
    besluit = _verzend(i, inkoper)
    tasks.besluitbrief_maken_en_aankondigen(besluit.pk)
    client.force_login(aanbieder_beheerder)
    r = client.get(reverse("toetsing:mijn_besluitbrief", args=[besluit.pk]))
    assert r.status_code == 200
    tekst = pdf_tekst(b"".join(r.streaming_content))
    assert "Perceel 5.1 Ambulante jeugdhulp: Afwijzing" in tekst
    _geen_personen(tekst, beoordelaar, beoordelaar2, inkoper)


# --- het proces-verbaal ----------------------------------------------------------------------------------------


def test_proces_verbaal_legt_iedereen_en_elk_oordeel_vast(maak_inschrijving, volledig_beoordeeld, inkoper, beoordelaar,
                                                          beoordelaar2, zorgkracht):
    i = volledig_beoordeeld(maak_inschrijving(organisatie=zorgkracht), {"G2": (Oordeel.VOLDOET, "8")})
    tekst = pdf_tekst(proces_verbaal_pdf(Toetsing.objects.get(inschrijving=i)))
    assert "Aanbieder: Zorgkracht Gooi B.V. (KvK 61234567)" in tekst
    assert f"voorzitter {inkoper}" in tekst
    for persoon in (beoordelaar, beoordelaar2):
        assert f"{persoon} (afgerond;" in tekst
        assert f"Motivering {persoon.pk} bij U1" in tekst
    assert "Stap 1: Uitsluitingsgrond" in tekst and "Stap 3: Uitvoeringseis" in tekst
    assert "Voldoet, score 8.00" in tekst
    assert f"door {inkoper}." in tekst


def test_proces_verbaal_noemt_een_teruggetrokken_beoordelaar_met_reden(maak_inschrijving, commissie, inkoper,
                                                                       beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    verklaar(i, beoordelaar2, geen_conflict=False, toelichting="Was tot 2025 bestuurder bij deze aanbieder")
    tekst = pdf_tekst(proces_verbaal_pdf(Toetsing.objects.get(inschrijving=i)))
    assert f"{beoordelaar2} (teruggetrokken (belangenconflict);" in tekst
    assert "belangenconflict gemeld: Was tot 2025 bestuurder bij deze aanbieder" in tekst
    assert f"{beoordelaar} (toegewezen;" in tekst and "geen verklaring" in tekst


def test_proces_verbaal_noemt_het_besluit_en_de_uitsluiting(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(), {"U1": Oordeel.VOLDOET_NIET})
    besluit = _verzend(i, inkoper)
    tekst = pdf_tekst(proces_verbaal_pdf(Toetsing.objects.get(inschrijving=i)))
    assert f"Besluit {besluit.pk} (verzonden (standstill loopt)): genomen 02-03-2026" in tekst
    assert "einde standstill 22-03-2026" in tekst
    assert "Perceel 5.1: Afwijzing" in tekst
    assert "Uitgesloten tot 02-09-2026" in tekst


def test_proces_verbaal_na_definitief_en_loting(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    kandidaten = [volledig_beoordeeld(maak_inschrijving(percelen=("mst",))) for _ in range(2)]
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="pv-seed")
    winnaar = next(k for k in kandidaten if k.pk in trekking.winnaars)
    besluit = _verzend(winnaar, inkoper)
    with time_machine.travel(om(2026, 3, 23, 3, 0), tick=False):
        services.besluit_definitief_maken(besluit_id=besluit.pk, vandaag=date(2026, 3, 23))
    assert Besluit.objects.get(pk=besluit.pk).status == Besluit.Status.DEFINITIEF
    tekst = pdf_tekst(proces_verbaal_pdf(Toetsing.objects.get(inschrijving=winnaar)))
    assert f"Perceel 5.6: Definitieve toelating (loting {trekking.pk}, seed pv-seed)" in tekst
    assert "definitief 23-03-2026" in tekst
