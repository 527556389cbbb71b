"""ADR 0028: no kind of provider mail can be forgotten in the inbox.

Walks the source of every app for the calls that send mail. A mail to a provider organisation goes through
``organisaties.services.bericht_versturen`` (or ``bericht_rondsturen`` for many organisations at once), which
records the message before it sends: a provider mail without a message cannot be written. ``core.mail.
eenmalig_versturen`` called directly is allowed only for the mails listed below, each to someone who is not a
provider organisation (a bureau, an assessor, a person invited by e-mail). A new call anywhere fails this test
until it is classified, and every provider call must name its organisation, kind, region and object.

That the message really appears: ``bericht_versturen`` records it before it sends (tests/organisaties/
test_berichten.py), and per kind the test named in ``BEWEZEN_IN`` runs the real task and asserts the inbox row.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("core", "organisaties", "aanbesteding", "inschrijving", "toetsing", "overeenkomst", "sroi", "contractbeheer",
        "woo", "cms")

# Direct mails that are not to a provider organisation (module:function -> to whom).
NIET_AAN_AANBIEDERS = {
    "organisaties.services:bericht_versturen": "the inbox helper itself",
    "organisaties.services:bericht_rondsturen": "the inbox helper itself (one mail per address)",
    "organisaties.tasks:verstuur_uitnodiging": "a person invited by e-mail, not yet a member",
    "organisaties.tasks:verstuur_accountuitnodiging": "a new bureau account",
    "toetsing.tasks:toewijzing_aankondigen": "an assessor of the bureau",
    "overeenkomst.tasks:verlengingen": "the region's contract managers",
    "contractbeheer.tasks.handhaving:zienswijze_ontvangen_versturen": "the bureau",
    "contractbeheer.tasks.meldingen:melding_ontvangen_versturen": "the bureau (the provider's copy: bericht_versturen)",
    "contractbeheer.tasks.meldingen:melding_antwoord_versturen": "the bureau",
    "contractbeheer.tasks.signalen:signaal_contractmanagers_versturen": "the region's contract managers",
    "contractbeheer.tasks.signalen:signaal_terugkoppeling_versturen": "the municipal employee who gave the signal",
    "contractbeheer.tasks.herinneringen:_versturen": "the bureau's digests (a provider's mail: bericht_versturen)",
}

# Every provider mail, by the function that sends it -> the test that runs it and finds the message in the inbox.
BEWEZEN_IN = {
    "aanbesteding.tasks:nvi_aanbieders_mailen":
        "tests/aanbesteding/test_tasks.py::test_mail_noemt_nummer_procedure_adres_en_opdrachtgever",
    "inschrijving.tasks:ontvangstbewijs_versturen":
        "tests/inschrijving/test_tasks_idempotent.py::test_ontvangstbewijs_twee_keer_geeft_een_mail_en_een_bestand",
    "inschrijving.tasks:herstelverzoek_mailen":
        "tests/inschrijving/test_overzicht_regios.py::test_elk_herstelverzoek_is_een_bericht_met_regio",
    "inschrijving.tasks:rectificatie_melden":
        "tests/inschrijving/test_rectificatie.py::test_mail_naar_concept_en_ingediend_niet_naar_anderen",
    "toetsing.tasks:besluitbrief_maken_en_aankondigen":
        "tests/toetsing/test_tasks_idempotent.py::test_brief_en_mail_eenmaal_bij_twee_runs",
    "overeenkomst.tasks:addendum_versturen":
        "tests/overeenkomst/test_overzicht_regios.py::test_berichten_van_beide_regios_en_niet_van_een_ander",
    "overeenkomst.tasks:addenda_herinneren":
        "tests/overeenkomst/test_addenda.py::test_herinneringen_30_en_7_dagen_voor_ingang_eenmalig",
    "overeenkomst.tasks:wijzigingsverzoek_besluit_versturen":
        "tests/overeenkomst/test_services_wijzigingsverzoek_regels.py::TestBeoordelen::test_besluit_wordt_eenmaal_gemaild",
    "overeenkomst.tasks:verlenging_versturen":
        "tests/overeenkomst/test_verlenging_rondes.py::TestAankondigen::test_aanbieders_eenmaal_bericht",
    "overeenkomst.tasks:clientenstop_melden":
        "tests/overeenkomst/test_clientenstop_levenscyclus.py::TestOpleggen::test_aanbieder_krijgt_eenmaal_bericht",
    "overeenkomst.tasks:bewijsstukken_herinneren":
        "tests/overeenkomst/test_verlenging_en_bewijs.py::test_bewijs_herinneringen_6_en_2_weken_voor_verlopen",
    "contractbeheer.tasks.herinneringen:_versturen":
        "tests/contractbeheer/test_herinneringen.py::test_herinneringen_30_en_7_dagen_voor_31_maart_elk_eenmaal",
    "contractbeheer.tasks.verzoeken:verzoek_versturen":
        "tests/contractbeheer/test_verplichtingen_pagina_overzicht.py::test_berichten_uit_alle_regios",
    "contractbeheer.tasks.verzoeken:onderzoek_versturen":
        "tests/contractbeheer/test_verzoeken_onderzoek.py::test_onderzoeksmail_eenmaal_en_onbekende_stap",
    "contractbeheer.tasks.verantwoording:verantwoording_beoordeeld_melden":
        "tests/contractbeheer/test_verplichtingen_pagina_overzicht.py::test_berichten_uit_alle_regios",
    "contractbeheer.tasks.meldingen:melding_vraag_versturen":
        "tests/contractbeheer/test_verplichtingen_pagina_overzicht.py::test_berichten_uit_alle_regios",
    "contractbeheer.tasks.meldingen:melding_ontvangen_versturen":
        "tests/contractbeheer/test_meldingen_services.py::TestMails::test_melding_mailt_bureau_en_aanbieder_eenmaal",
    "contractbeheer.tasks.gesprekken:gesprek_gepland_versturen":
        "tests/contractbeheer/test_gesprekken_services.py::TestPlannen::test_met_standaardagenda_audit_en_mail",
    "contractbeheer.tasks.gesprekken:gesprek_verslag_versturen":
        "tests/contractbeheer/test_gesprekken_services.py::TestVerslag::test_verslag_zet_gehouden_en_mailt",
    "contractbeheer.tasks.handhaving:_maken":
        "tests/contractbeheer/test_handhaving_berichten.py::test_aankondiging_naar_contactadres_en_beheerders",
    # Not yet asserted per kind (they run in the app's own tests; the message is recorded by construction):
    "overeenkomst.tasks:ontvangstbevestiging_maken": "tests/overeenkomst/test_brieven.py",
    "contractbeheer.tasks.verzoeken:_aan_ontvanger": "tests/contractbeheer/test_verzoeken.py",
    "contractbeheer.tasks.handhaving:boete_opgelegd_versturen": "tests/contractbeheer/test_handhaving_berichten.py",
}

INBOX = {"bericht_versturen", "bericht_rondsturen"}
VERPLICHT = {"sleutel", "soort", "onderwerp", "tekst", "pad"}


def _aanroepen() -> list[tuple[str, str, ast.Call]]:
    """(module:function, name called, call) for every call of a mail helper in the apps' code."""
    uit = []
    for app in APPS:
        for pad in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in pad.parts:
                continue
            module = ".".join(pad.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            boom = ast.parse(pad.read_text(encoding="utf-8"))
            for functie in ast.walk(boom):
                if not isinstance(functie, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for knoop in ast.walk(functie):
                    if isinstance(knoop, ast.Call):
                        naam = getattr(knoop.func, "id", None) or getattr(knoop.func, "attr", None)
                        if naam in INBOX | {"eenmalig_versturen"}:
                            uit.append((f"{module}:{functie.name}", naam, knoop))
    # A call inside a nested function is also seen from the outer one: keep the innermost.
    binnenste = {}
    for plaats, naam, knoop in uit:
        binnenste[id(knoop)] = (plaats, naam, knoop)
    return list(binnenste.values())


def test_elke_directe_mail_is_niet_aan_een_aanbieder():
    direct = {plaats for plaats, naam, _ in _aanroepen() if naam == "eenmalig_versturen"}
    assert direct == set(NIET_AAN_AANBIEDERS), (
        "Een nieuwe mail met core.mail.eenmalig_versturen: gaat hij naar een aanbieder, gebruik dan "
        "organisaties.services.bericht_versturen (ADR 0028); anders: zet hem met de reden in NIET_AAN_AANBIEDERS.")


def test_elke_aanbiedersmail_komt_in_de_inbox_en_is_bewezen():
    via_inbox = {plaats for plaats, naam, _ in _aanroepen() if naam in INBOX and not plaats.startswith("organisaties.")}
    assert via_inbox == set(BEWEZEN_IN)
    for plaats, bewijs in BEWEZEN_IN.items():
        bestand, _, test = bewijs.partition("::")
        tekst = (ROOT / bestand).read_text(encoding="utf-8")
        if test:  # the named test exists and looks at the inbox
            naam = test.rpartition("::")[2]
            romp = tekst[tekst.index(f"def {naam}("):]
            volgende = romp.find("\n    def test", 10)
            assert "Bericht" in romp[:volgende if volgende > 0 else None], (plaats, bewijs)
        else:  # at least run by the app's tests
            taak = {"contractbeheer.tasks.verzoeken:_aan_ontvanger": "aanvulling_versturen"}.get(
                plaats, plaats.rpartition(":")[2])
            assert f"{taak}(" in tekst, (plaats, bewijs)


@pytest.mark.parametrize("plaats,knoop", [(p, k) for p, n, k in _aanroepen() if n in INBOX],
                         ids=lambda x: x if isinstance(x, str) else "")
def test_elke_aanbiedersmail_noemt_soort_en_object(plaats, knoop):
    namen = {k.arg for k in knoop.keywords}
    assert namen >= VERPLICHT, (plaats, VERPLICHT - namen)
    assert knoop.args, plaats  # the organisation, first
    # the region, except for the wallet of the organisation (it belongs to no region)
    assert "regio_id" in namen or plaats == "overeenkomst.tasks:bewijsstukken_herinneren", plaats
