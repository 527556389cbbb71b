"""Issue 12, provider side: the task list as the overview of an inschrijving, the check-and-declare page before the
binding submit, "wat gebeurt er nu" on the confirmation, breadcrumbs and the error summary of every form.

The procedure is the Gooi Tussenvoorziening round of the conftest (window closes 30-06-2023 10:00; eigen
verklaring and Gedragsverklaring as uitsluitingsgronden, KvK extract for the whole inschrijving, a text eis on
perceel 5.7 Pleegzorg)."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inschrijving import selectors, services
from inschrijving.models import Inschrijving
from inschrijving.vervolg import Vervolgstap, registreer_vervolgbron, vervolgstappen

from ._hulp import audit_regels, een_auditregel, indienen

pytestmark = pytest.mark.django_db


def _statussen(insch) -> dict[str, str]:
    return {t.code: t.status_tekst for t in selectors.takenlijst(insch).taken}


def _html(antwoord) -> str:
    return antwoord.content.decode()


# --- the statuses (selectors.takenlijst) ---------------------------------------------------------------------------


def test_nieuw_concept_staat_op_niet_gestart_behalve_wat_al_gekozen_is(procedure, concept):
    lijst = selectors.takenlijst(concept)
    assert [(t.code, t.titel, t.status_tekst, t.toelichting) for t in lijst.taken] == [
        ("percelen", "Percelen en producten", "Klaar", "1 perceel gekozen"),
        ("verklaring", "Eigen verklaring", "Niet gestart", "0 van 2 beantwoord"),
        ("eisen", "Eisen voor de hele inschrijving", "Niet gestart", "0 van 1 beantwoord"),
        (f"perceel-{procedure.p5_1.pk}", "Eisen perceel 5.1 Ambulante Jeugd GGZ", "Klaar", "Geen eisen"),
        ("leden", "Combinanten, onderaannemers en opgave", "Klaar", "Zelfstandig, 0 leden"),
        ("indienen", "Controleren en indienen", "Nog niet mogelijk", ""),
    ]
    assert lijst.aantal_klaar == 3 and not lijst.compleet
    base = f"/mijn/inschrijvingen/{concept.pk}/"
    assert [t.url for t in lijst.taken] == [
        base + "percelen/", base + "verklaring/", base + "eisen/", base + f"eisen/perceel/{procedure.p5_1.pk}/",
        base + "leden/", base + "controleren/",
    ]
    # Every open point links to the page that fixes it: three eisen unanswered.
    assert [url for _, url in lijst.open_punten] == [
        base + f"eis/{procedure.formulier_e.pk}/", base + f"eis/{procedure.gedragsverklaring.pk}/",
        base + f"eis/{procedure.kvk.pk}/",
    ]


def test_een_antwoord_zet_het_onderdeel_op_bezig_en_alles_beantwoord_op_klaar(procedure, concept, aanbieder_beheerder):
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.formulier_e, ja_nee=True, door=aanbieder_beheerder)
    taak = next(t for t in selectors.takenlijst(concept).taken if t.code == "verklaring")
    assert (taak.status_tekst, taak.toelichting) == ("Bezig", "1 van 2 beantwoord")


def test_compleet_concept_mag_naar_controleren_en_na_indienen_is_alles_klaar(compleet, aanbieder_beheerder):
    statussen = _statussen(compleet)
    assert set(statussen.values()) == {"Klaar", "Niet gestart"}
    assert statussen["indienen"] == "Niet gestart"
    assert selectors.takenlijst(compleet).compleet
    indienen(compleet, aanbieder_beheerder)
    compleet.refresh_from_db()
    assert set(_statussen(compleet).values()) == {"Klaar"}


def test_zonder_percelen_is_het_eerste_onderdeel_niet_gestart(procedure, aanbieder, aanbieder_beheerder, tijd):
    insch = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    lijst = selectors.takenlijst(insch)
    assert (lijst.taken[0].status_tekst, lijst.taken[0].toelichting) == ("Niet gestart", "0 percelen gekozen")
    assert lijst.open_punten[0] == ("Kies ten minste één perceel.", f"/mijn/inschrijvingen/{insch.pk}/percelen/")
    assert not [t for t in lijst.taken if t.code.startswith("perceel-")]


def test_combinatie_zonder_combinant_is_niet_gestart_en_met_alleen_een_onderaannemer_bezig(concept, aanbieder_beheerder):
    services.vorm_wijzigen(inschrijving=concept, vorm=Inschrijving.Vorm.COMBINATIE, door=aanbieder_beheerder)
    concept.refresh_from_db()
    taak = next(t for t in selectors.takenlijst(concept).taken if t.code == "leden")
    assert (taak.status_tekst, taak.toelichting) == ("Niet gestart", "Combinatie, 0 leden")
    assert taak.open_punten == [("Een combinatie heeft ten minste één ander lid naast de penvoerder.",
                                 f"/mijn/inschrijvingen/{concept.pk}/leden/")]
    services.lid_toevoegen(inschrijving=concept, rol="onderaannemer", naam="De Brug", kvk_nummer="99990055",
                           door=aanbieder_beheerder)
    taak = next(t for t in selectors.takenlijst(concept).taken if t.code == "leden")
    assert (taak.status_tekst, taak.toelichting) == ("Bezig", "Combinatie, 1 lid")
    services.lid_toevoegen(inschrijving=concept, rol="combinant", naam="Jeugdhulp Samen", kvk_nummer="99990066",
                           door=aanbieder_beheerder)
    assert _statussen(concept)["leden"] == "Klaar"


def test_een_rij_per_gekozen_perceel(procedure, concept, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1, procedure.p5_7, procedure.p5_8],
                             door=aanbieder_beheerder)
    rijen = [(t.titel, t.status_tekst, t.toelichting) for t in selectors.takenlijst(concept).taken if t.code.startswith("perceel-")]
    assert rijen == [
        ("Eisen perceel 5.1 Ambulante Jeugd GGZ", "Klaar", "Geen eisen"),
        ("Eisen perceel 5.7 Pleegzorg", "Niet gestart", "0 van 1 beantwoord"),
        ("Eisen perceel 5.8 Pleegzorg Aanvullend", "Klaar", "Geen eisen"),
    ]


def _queries(functie) -> int:
    with CaptureQueriesContext(connection) as ctx:
        functie()
    return len(ctx.captured_queries)


def test_takenlijst_kost_evenveel_queries_bij_1_en_3_percelen_en_20_leden(procedure, concept, aanbieder_beheerder):
    insch = Inschrijving.objects.select_related("aanbesteding", "organisatie", "toetredingsmoment").get(pk=concept.pk)
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.formulier_e, ja_nee=True, door=aanbieder_beheerder)
    # One member to start with: Django reads the members' percelen only when there are members at all.
    services.lid_toevoegen(inschrijving=concept, rol="onderaannemer", naam="De Brug", kvk_nummer="99990055",
                           door=aanbieder_beheerder)
    weinig = _queries(lambda: selectors.takenlijst(insch))
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1, procedure.p5_7, procedure.p5_8],
                             door=aanbieder_beheerder)
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.pleegzorg_plan, tekst="Gezinsgericht werken.",
                              door=aanbieder_beheerder)
    for n in range(20):
        services.lid_toevoegen(inschrijving=concept, rol="combinant", naam=f"Lid {n}", kvk_nummer=f"{88880000 + n}",
                               door=aanbieder_beheerder)
    insch = Inschrijving.objects.select_related("aanbesteding", "organisatie", "toetredingsmoment").get(pk=concept.pk)
    assert _queries(lambda: selectors.takenlijst(insch)) == weinig
    # The statuses of 3 percelen and 20 members in that fixed number: 9 queries (percelen with their rules, eisen,
    # members, answers, their documents, the lot rules' members and the group-rule admissions when needed).
    assert weinig <= 10


@pytest.mark.parametrize("pad", ["overzicht/", "controleren/"])
def test_takenlijst_en_controlepagina_kosten_evenveel_queries_bij_meer_leden(client, procedure, compleet,
                                                                             aanbieder_beheerder, pad):
    client.force_login(aanbieder_beheerder)
    url = f"/mijn/inschrijvingen/{compleet.pk}/{pad}"
    services.lid_toevoegen(inschrijving=compleet, rol="onderaannemer", naam="De Brug", kvk_nummer="99990055",
                           door=aanbieder_beheerder)
    client.get(url)
    weinig = _queries(lambda: client.get(url))
    for n in range(15):
        services.lid_toevoegen(inschrijving=compleet, rol="combinant", naam=f"Lid {n}", kvk_nummer=f"{88880000 + n}",
                               door=aanbieder_beheerder)
    assert _queries(lambda: client.get(url)) == weinig


# --- the task list page ----------------------------------------------------------------------------------------------


def test_detail_van_een_concept_opent_de_takenlijst_met_statussen_en_links(client, procedure, concept, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert client.get(f"/mijn/inschrijvingen/{concept.pk}/")["Location"] == f"/mijn/inschrijvingen/{concept.pk}/overzicht/"
    html = _html(client.get(f"/mijn/inschrijvingen/{concept.pk}/overzicht/"))
    assert "U hebt <strong>3 van 5</strong> onderdelen afgerond." in html
    assert f'<a href="/mijn/inschrijvingen/{concept.pk}/verklaring/" aria-describedby="taak-verklaring-status">Eigen verklaring</a>' in html
    assert '<strong class="label label--niet_gestart" id="taak-verklaring-status">Niet gestart</strong>' in html
    assert '<strong class="label label--nog_niet" id="taak-indienen-status">Nog niet mogelijk</strong>' in html
    assert "Wat moet er nog gebeuren? (3 punten)" in html


# --- the check page and the binding declaration ---------------------------------------------------------------------


def test_controlepagina_toont_alles_met_wijzigen_links_en_de_verklaring(client, procedure, compleet, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    html = _html(client.get(reverse("inschrijving:controleren", args=[compleet.pk])))
    assert "Controleer uw inschrijving" in html
    assert "5.1 Ambulante Jeugd GGZ" in html
    assert "Bestanden: kvk-uittreksel.pdf" in html and "Bestanden: gva.pdf" in html
    assert procedure.formulier_e.verklaringstekst in html  # a ticked declaration reads as the declaration
    assert f'href="/mijn/inschrijvingen/{compleet.pk}/eis/{procedure.kvk.pk}/">Wijzigen' in html
    assert f'href="/mijn/inschrijvingen/{compleet.pk}/percelen/">Wijzigen' in html
    assert ("Ik verklaar dat de gegevens in deze inschrijving naar waarheid zijn ingevuld en dat ik bevoegd ben namens "
            "Zorgkracht Gooi B.V. in te schrijven.") in html
    assert 'type="checkbox" name="verklaring" id="id_verklaring" required' in html
    assert "Inschrijving definitief indienen" in html
    assert "punten open" not in html


def test_controlepagina_van_een_onvolledig_concept_noemt_de_open_punten_zonder_indienknop(client, procedure, concept,
                                                                                            aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    html = _html(client.get(reverse("inschrijving:controleren", args=[concept.pk])))
    assert "Nog 3 punten open: u kunt nog niet indienen" in html
    assert f'<a href="/mijn/inschrijvingen/{concept.pk}/eis/{procedure.kvk.pk}/">' in html
    assert "Nog niet beantwoord" in html
    assert "Inschrijving definitief indienen" not in html
    assert "Indienen kan zodra alle punten hierboven zijn opgelost." in html


def test_indienen_zonder_vinkje_toont_de_foutsamenvatting_en_dient_niets_in(client, compleet, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:indienen", args=[compleet.pk]))
    assert antwoord.status_code == 200
    html = _html(antwoord)
    assert "<title>Fout: Controleer uw inschrijving" in html
    samenvatting = re.search(r'<div class="foutsamenvatting"[^>]*data-foutsamenvatting>(.*?)</div>',
                             html, re.S).group(1)
    assert "Er is iets misgegaan" in samenvatting
    assert '<a href="#id_verklaring">' in samenvatting
    assert "Vink de verklaring aan om de inschrijving definitief in te dienen." in samenvatting
    assert 'aria-invalid="true" aria-describedby="id_verklaring_fout"' in html
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.CONCEPT
    assert not audit_regels("inschrijving.ingediend").exists()


def test_indienen_met_vinkje_dient_in_en_toont_de_bevestiging(client, compleet, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:indienen", args=[compleet.pk]), {"verklaring": "on"})
    assert antwoord["Location"] == reverse("inschrijving:bevestiging", args=[compleet.pk])
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.INGEDIEND
    een_auditregel("inschrijving.ingediend", compleet, door=aanbieder_beheerder)
    # Submitted: the check page is done, it leads to the confirmation.
    assert client.get(reverse("inschrijving:controleren", args=[compleet.pk]))["Location"] == antwoord["Location"]


def test_tweede_klik_zonder_vinkje_na_indienen_gaat_naar_de_bevestiging(client, compleet, aanbieder_beheerder):
    indienen(compleet, aanbieder_beheerder)
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:indienen", args=[compleet.pk]))
    assert antwoord["Location"] == reverse("inschrijving:bevestiging", args=[compleet.pk])
    assert audit_regels("inschrijving.ingediend").count() == 1


# --- "wat gebeurt er nu" ------------------------------------------------------------------------------------------------


def test_bevestiging_noemt_wat_er_nu_gebeurt_met_de_data_van_de_procedure(client, procedure, compleet, aanbieder_beheerder):
    indienen(compleet, aanbieder_beheerder)
    client.force_login(aanbieder_beheerder)
    html = _html(client.get(reverse("inschrijving:bevestiging", args=[compleet.pk])))
    assert "Wat gebeurt er nu" in html
    # Closes 30-06-2023; decision within the default streeftermijn of 90 days (003 r. 392) on 28-09-2023; standstill
    # of 20 calendar days (003a §3.2) to 18-10-2023; the agreement from the day after.
    assert "naar verwachting 30 juni 2023" in html
    assert "naar verwachting 28 september 2023" in html
    assert "naar verwachting van 29 september 2023 tot en met 18 oktober 2023" in html
    start = max(date(2023, 10, 19), procedure.aanbesteding.looptijd_start)
    assert f"naar verwachting {start.day} " in html and str(start.year) in html
    assert 'href="/mijn/berichten/">berichten</a>' in html


def test_vervolgstappen_komen_van_de_geregistreerde_bronnen(compleet, aanbieder_beheerder):
    indienen(compleet, aanbieder_beheerder)
    compleet.refresh_from_db()
    assert [s.titel for s in vervolgstappen(compleet)] == [
        "Opening en beoordeling", "Besluit", "Standstilltermijn", "Start van de overeenkomst"]

    def bron(inschrijving):
        return [Vervolgstap("Extra stap", None, "Alleen voor deze test.")]

    registreer_vervolgbron(bron)
    registreer_vervolgbron(bron)  # registering twice adds it once
    try:
        assert [s.titel for s in vervolgstappen(compleet)][-1] == "Extra stap"
        assert len(vervolgstappen(compleet)) == 5
    finally:
        from inschrijving import vervolg

        vervolg._BRONNEN.remove(bron)


# --- breadcrumbs and the error summary ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("pad", "laatste"), [
    ("overzicht/", None), ("percelen/", "Percelen en producten"), ("leden/", "Combinanten, onderaannemers en opgave"),
    ("controleren/", "Controleren en indienen"), ("verklaring/", "Eigen verklaring"), ("eisen/", "Eisen"),
])
def test_kruimelpad_op_de_stappen(client, compleet, aanbieder_beheerder, pad, laatste):
    client.force_login(aanbieder_beheerder)
    html = _html(client.get(f"/mijn/inschrijvingen/{compleet.pk}/{pad}"))
    nav = re.search(r'<nav class="kruimelpad" aria-label="Kruimelpad">(.*?)</nav>', html, re.S).group(1)
    assert '<a href="/mijn/">Mijn omgeving</a>' in nav
    assert '<a href="/mijn/inschrijvingen/">Mijn inschrijvingen</a>' in nav
    if laatste is None:
        assert '<span aria-current="page">Inschrijving Jeugdhulp Voorzieningen</span>' in nav
    else:
        assert f'<a href="/mijn/inschrijvingen/{compleet.pk}/">Inschrijving Jeugdhulp Voorzieningen</a>' in nav
        assert f'<span aria-current="page">{laatste}</span>' in nav


@pytest.mark.parametrize(("url", "laatste"), [
    ("/mijn/inschrijvingen/", "Mijn inschrijvingen"), ("/mijn/inschrijvingen/bewijsstukken/", "Bewijsstukken"),
])
def test_kruimelpad_op_lijst_en_bewijsstukken(client, aanbieder_beheerder, url, laatste):
    client.force_login(aanbieder_beheerder)
    html = _html(client.get(url))
    assert 'aria-label="Kruimelpad"' in html and f'<span aria-current="page">{laatste}</span>' in html


def test_formulier_met_fouten_krijgt_de_samenvatting_bovenaan_met_links_naar_de_velden(client, concept, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:leden", args=[concept.pk]),
                           {"actie": "opgave", "fte_uitvoerend": "-3", "fte_zzp": "0"})
    html = _html(antwoord)
    samenvatting = html.index("Er is iets misgegaan")
    assert samenvatting < html.index('<label for="id_fte_uitvoerend">')
    assert '<a href="#id_fte_uitvoerend">' in html
    assert "veld veld--fout" in html
