"""Cross-cutting checks: every audit literal of the app is asserted against a real audit row somewhere in these
tests; the database constraint decides a start race; the frozen record holds only what counts."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inschrijving import services
from inschrijving.models import Inschrijving

from ._hulp import audit_regels, indienen

APP = Path(__file__).resolve().parents[2] / "inschrijving"
TESTS = Path(__file__).resolve().parent


def test_elke_auditactie_van_de_app_wordt_ergens_tegen_een_echte_regel_getoetst():
    literals = set()
    for bron in APP.glob("*.py"):
        literals |= set(re.findall(r'\baudit\(\s*"([^"]+)"', bron.read_text()))
    assert len(literals) >= 20  # the grep found the app's actions, not nothing
    tests = "\n".join(p.read_text() for p in TESTS.glob("test_*.py"))
    # positive assertions only: exactly one row, a row fetched with .get(), a count of at least one, or an
    # ordered list of rows; "assert not audit_regels(...).exists()" does not count
    getoetst = set(re.findall(r'een_auditregel\(\s*"([^"]+)"', tests)) | set(re.findall(
        r'(?:audit_regels|_audit)\(\s*"([^"]+)"[^)\n]*\)\.(?:get\(|count\(\) == [1-9]|order_by\()', tests))
    assert literals - getoetst == set()


def test_de_databaseconstraint_beslist_een_gelijktijdige_start(concept, procedure, aanbieder, aanbieder_medewerker,
                                                               monkeypatch):
    # Two tabs: the second passed the "already active?" check before the first committed. Simulate that by
    # letting the check see nothing; the unique constraint must then refuse with a clear message.
    monkeypatch.setattr(Inschrijving.objects, "actief", lambda: Inschrijving.objects.none())
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_medewerker)
    assert fout.value.messages == ["U hebt voor deze aanbesteding al een inschrijving; ga daarmee verder."]
    assert Inschrijving.objects.filter(organisatie=aanbieder).count() == 1
    assert audit_regels("inschrijving.gestart").count() == 1


def test_bevroren_inhoud_bevat_alleen_gekozen_percelen_en_de_leden(compleet, procedure, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=compleet, percelen=[procedure.p5_7, procedure.p5_8], door=aanbieder_beheerder)
    services.antwoord_opslaan(inschrijving=compleet, eis=procedure.pleegzorg_plan, tekst="Gezinshuizen.",
                              door=aanbieder_beheerder)
    services.percelen_kiezen(inschrijving=compleet, percelen=[procedure.p5_1], door=aanbieder_beheerder)
    insch = indienen(compleet, aanbieder_beheerder)
    inhoud = insch.bevroren_inhoud
    assert [a["eis"] for a in inhoud["antwoorden"]] == ["Formulier E / art. 2.86", "TD 2.7", "TD 3.1 bewijs"]
    assert inhoud["percelen"] == [{"code": "5.1", "naam": "Ambulante Jeugd GGZ", "op_wachtlijst": False}]
    assert inhoud["organisatie"] == {"naam": "Zorgkracht Gooi B.V.", "kvk": insch.organisatie.kvk_nummer}
    assert inhoud["leden"] == []
    assert inhoud["vorm"] == "zelfstandig"


def test_bevroren_inhoud_verandert_niet_als_het_walletdocument_later_wijzigt(compleet, procedure, aanbieder_beheerder):
    insch = indienen(compleet, aanbieder_beheerder)
    voor = insch.bevroren_inhoud
    stuk = compleet.antwoorden.get(eis=procedure.kvk).bewijsstukken.get()
    stuk.titel = "Later hernoemd"
    stuk.originele_naam = "hernoemd.pdf"
    stuk.save()
    insch.refresh_from_db()
    assert insch.bevroren_inhoud == voor
    assert "kvk-uittreksel.pdf" in [b["naam"] for a in voor["antwoorden"] for b in a["bestanden"]]


def test_starten_via_de_view_zonder_open_moment_toont_de_reden(client, procedure, aanbieder, aanbieder_beheerder, tijd):
    from ._hulp import SLUITING

    tijd(SLUITING)
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:starten", args=[procedure.aanbesteding.pk]), follow=True)
    assert antwoord.redirect_chain[-1][0] == reverse("inschrijving:lijst")
    assert "Voor “Jeugdhulp Voorzieningen” is nu geen toetredingsmoment open." in antwoord.content.decode()
    assert not Inschrijving.objects.filter(organisatie=aanbieder).exists()


def test_lijst_biedt_geen_tweede_start_aan_bij_een_lopende_inschrijving(client, concept, procedure, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    pagina = client.get(reverse("inschrijving:lijst")).content.decode()
    assert reverse("inschrijving:starten", args=[procedure.aanbesteding.pk]) not in pagina
    services.inschrijving_intrekken(inschrijving=concept, door=aanbieder_beheerder)
    pagina = client.get(reverse("inschrijving:lijst")).content.decode()
    assert reverse("inschrijving:starten", args=[procedure.aanbesteding.pk]) in pagina
