"""`manage.py demo_data` loads every app's demo data and is idempotent (issue 2: running twice duplicates nothing)."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from organisaties.demo import DEMO_WACHTWOORD
from tests.gedeeld import fixtures

# `manage.py demo_data` once for the module; each test runs in its own savepoint (tests/gedeeld.py).
_gedeeld, geladen = fixtures(lambda: call_command("demo_data", stdout=io.StringIO()))

ONZE_APPS = ("core", "organisaties", "aanbesteding", "inschrijving", "toetsing", "overeenkomst", "sroi", "contractbeheer", "woo", "cms")


def _tellingen():
    return {
        m._meta.label: m._default_manager.count()
        for app in ONZE_APPS for m in apps.get_app_config(app).get_models()
    }


def _contractbeheer_in_elke_toestand():
    """Issue 13: last year's verantwoordingen in every state, two meldingen per procedure (one late), an open
    informatieverzoek per procedure; the persona of Zorgkracht sees its duties on /mijn/verplichtingen/."""
    from contractbeheer.models import Informatieverzoek, Melding, Verantwoording, Verzoekontvanger

    statussen = set(Verantwoording.objects.values_list("status", flat=True))
    assert statussen >= {"open", "ingediend", "goedgekeurd", "herstel", "afgewezen"}
    for dossier in ("SD005", "MLO-GJH-2020"):
        meldingen = Melding.objects.filter(overeenkomst__aanbesteding__dossiernummer=dossier)
        assert sorted(meldingen.values_list("te_laat", flat=True)) == [False, True]
        assert Informatieverzoek.objects.filter(aanbesteding__dossiernummer=dossier, status="verzonden").exists()
    assert Verzoekontvanger.objects.filter(status="open").exists()


def test_demo_data_twee_keer_laden_verdubbelt_niets(client, geladen):
    eerste = _tellingen()
    _contractbeheer_in_elke_toestand()
    call_command("demo_data", stdout=io.StringIO())
    tweede = _tellingen()
    # the audit trail may grow (loaders may record actions); everything else must be identical
    eerste.pop("core.AuditRegel"), tweede.pop("core.AuditRegel")
    assert eerste == tweede
    assert eerste["organisaties.Gemeente"] == 18  # 7 Gooi (003), 4 MLO (002), 7 Rijk van Nijmegen (001)
    assert eerste["organisaties.Regio"] == 3
    _rob_en_innovatie(client)


def _rob_en_innovatie(client):
    """Issue 19: the ROB Rijk van Nijmegen contracts with agreements at perceel level and public pages, and the MLO
    innovation route with one submitted proposal."""
    from aanbesteding.models import Perceel
    from inschrijving.models import Innovatievoorstel
    from overeenkomst.models import Overeenkomst

    rob = Overeenkomst.objects.filter(aanbesteding__regio__slug="rob")
    assert sorted(rob.values_list("organisatie__naam", "aanbesteding__slug")) == [
        ("Begeleidingspunt Ooijpolder B.V.", "rob-jeugd-ambulant-2025"),
        ("Begeleidingspunt Ooijpolder B.V.", "rob-wmo-begeleiding-2025"),
        ("Gezinshuis De Maasoever", "rob-specialistische-jeugdhulp-2025"),
        ("Stichting Waalzicht Jeugd", "rob-specialistische-jeugdhulp-2025"),
    ]
    waalzicht = rob.get(organisatie__naam="Stichting Waalzicht Jeugd")
    assert sorted(waalzicht.deelnames.values_list("perceel__code", flat=True)) == ["SJ1", "SJ4"]
    basis = "/procedures/rob-specialistische-jeugdhulp-2025/"
    assert "Specialistische jeugdhulp 2025" in client.get(basis).content.decode()
    boek = client.get(basis + "productenboek/2025/").content.decode()
    assert "45A66" in boek and "Orthopedagogische Behandeling Specialistisch" in boek and "geen tarief" in boek
    register = client.get(basis + "register/").content.decode()
    assert "Stichting Waalzicht Jeugd" in register and "Gezinshuis De Maasoever" in register
    route = Perceel.objects.get(aanbesteding__dossiernummer="MLO-GJH-2020", innovatieroute=True)
    assert (route.code, route.naam, route.eisen.count()) == ("1.2", "Overige Jeugdhulp", 12)
    voorstel = Innovatievoorstel.objects.get(inschrijving__organisatie__naam="Jeugdpunt Midden-Limburg")
    assert (voorstel.perceel, voorstel.inschrijving.status) == (route, "ingediend")
    # The admitted one of Dyslexiepraktijk Maaskant: perceel 1.2 in its agreement since the first of the month three
    # months ago, evaluation due a year after that (002 r. 573), shown among its duties and not late.
    from contractbeheer.demo_innovatie import start
    from contractbeheer.models import InnovatieEvaluatie
    from contractbeheer.selectors import verplichtingen_van
    from core import kalender

    evaluatie = InnovatieEvaluatie.objects.get()
    assert (evaluatie.voorstel.inschrijving.organisatie.naam, evaluatie.toegelaten_op, evaluatie.uiterlijk) == (
        "Dyslexiepraktijk Maaskant", start(), kalender.plus_maanden(start(), 12))
    assert start().day == 1 and start() < kalender.vandaag() < evaluatie.uiterlijk
    assert evaluatie.overeenkomst.deelnames.filter(perceel=route).exists()
    org = evaluatie.overeenkomst.organisatie
    rijen = [v for v in verplichtingen_van(org, kalender.vandaag()) if v.soort == "innovatie_evaluatie"]
    assert [(v.titel, v.te_laat) for v in rijen] == [(f"Evaluatie van {evaluatie.voorstel.productnaam}", False)]
    assert voorstel.inschrijving.bevroren_inhoud["innovatievoorstel"]["max_afwijking_duur_pct"] == "25.00"
    assert len([a for a in voorstel.inschrijving.bevroren_inhoud["antwoorden"] if a["perceel"] == "1.2"]) == 12


@pytest.mark.parametrize(
    ("email", "ziet"),
    [
        ("beheerder@zorgkracht.example", "Zorgkracht Gooi B.V."),
        ("medewerker@zorgkracht.example", "Zorgkracht Gooi B.V."),
        ("beheerder@jeugdpunt.example", "Jeugdpunt Midden-Limburg"),
    ],
)
def test_demo_aanbieders_kunnen_inloggen(client, geladen, email, ziet):
    antwoord = client.post("/accounts/login/", {"login": email, "password": DEMO_WACHTWOORD})
    assert antwoord.status_code == 302
    assert ziet in client.get("/mijn/").content.decode()


def test_demo_staff_heeft_vast_totp_geheim(client, geladen):
    from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time

    from organisaties.demo import DEMO_TOTP_GEHEIM

    antwoord = client.post("/accounts/login/", {"login": "inkoper@regio.example", "password": DEMO_WACHTWOORD})
    assert antwoord.url == "/accounts/2fa/authenticate/"
    code = f"{hotp_value(DEMO_TOTP_GEHEIM, next(iter(yield_hotp_counters_from_time()))):06d}"
    antwoord = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert antwoord.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_demo_totp_geeft_geldige_code():
    import time_machine
    from allauth.mfa.totp.internal.auth import hotp_value

    from organisaties.demo import DEMO_TOTP_GEHEIM

    out = io.StringIO()
    # frozen, so the 30-second window cannot roll over between the command and the check
    with time_machine.travel(1_800_000_000, tick=False):
        call_command("demo_totp", stdout=out)
    assert out.getvalue().strip() == f"{hotp_value(DEMO_TOTP_GEHEIM, 1_800_000_000 // 30):06d}"
