"""The screens of informatieverzoeken and onderzoeken: the provider's pages (through its own organisation only),
the attachment download (addressees only), the staff screens (region-bound, a Beoordelaar sees none) and the
query counts of the lists."""

from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contractbeheer import services
from contractbeheer.models import Informatieverzoek, Onderzoek, Verzoekontvanger
from core.kalender import TZ
from core.models import AuditRegel

from . import _verzoeken as v

pytestmark = pytest.mark.django_db


def _url(naam, *args):
    return reverse(naam, args=args)


@pytest.fixture
def opzet(regio_a, contractmanager_a):
    """A Gooi procedure in region A, two providers on BHL, a request with an attachment sent to both."""
    ab, bhl, dag, rijen = v.wereld(regio_a, aantal=2)
    with time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=TZ)):
        verzoek = v.verzonden(ab, contractmanager_a, perceel=bhl, bestand=v.pdf("vragen.pdf"))
    ontvangers = {o.overeenkomst_id: o for o in verzoek.ontvangers.all()}
    return {"ab": ab, "bhl": bhl, "dag": dag, "rijen": rijen, "verzoek": verzoek,
            "eerste": ontvangers[rijen[0][0].pk], "tweede": ontvangers[rijen[1][0].pk]}


# --- provider: informatieverzoek ------------------------------------------------------------------------


def test_aanbieder_ziet_zijn_verzoek(client, opzet):
    client.force_login(opzet["rijen"][0][1])
    antwoord = client.get(_url("contractbeheer:verzoek", opzet["eerste"].pk))
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Wachttijden 2026" in tekst and "06-01-2027" in tekst and "vragen.pdf" in tekst
    assert "Antwoord verzenden" in tekst and "Verzoek ontvangen" in tekst


def test_verzoek_van_een_andere_aanbieder_is_404(client, opzet, andere_beheerder):
    client.force_login(opzet["rijen"][0][1])
    assert client.get(_url("contractbeheer:verzoek", opzet["tweede"].pk)).status_code == 404
    assert client.get(_url("contractbeheer:verzoek_bijlage", opzet["tweede"].pk)).status_code == 404
    client.force_login(andere_beheerder)
    assert client.get(_url("contractbeheer:verzoek", opzet["eerste"].pk)).status_code == 404


def test_personeel_heeft_geen_aanbiederspagina(client, opzet, contractmanager_a):
    client.force_login(contractmanager_a)
    assert client.get(_url("contractbeheer:verzoek", opzet["eerste"].pk)).status_code == 404


def test_niet_ingelogd_naar_inloggen(client, opzet):
    antwoord = client.get(_url("contractbeheer:verzoek", opzet["eerste"].pk))
    assert antwoord.status_code == 302 and "login" in antwoord["Location"]


def test_beantwoorden_met_document(client, opzet):
    ov, lid = opzet["rijen"][0]
    client.force_login(lid)
    url = _url("contractbeheer:verzoek", opzet["eerste"].pk)
    with time_machine.travel(datetime(2027, 1, 7, 10, 0, tzinfo=TZ)):
        client.force_login(lid)  # the session of today has expired by then
        antwoord = client.post(url, {"antwoord": "Zes weken.", "bestand": v.pdf("wachttijden.pdf")})
    client.force_login(lid)
    assert antwoord.status_code == 302
    o = Verzoekontvanger.objects.get(pk=opzet["eerste"].pk)
    assert o.status == "beantwoord" and o.te_laat and o.originele_naam == "wachttijden.pdf"
    pagina = client.get(url).content.decode()
    assert "Antwoord gegeven" in pagina and "Na de termijn" in pagina and "Antwoord verzenden" not in pagina
    # Answered: posting again is refused.
    assert client.post(url, {"antwoord": "Nog eens"}).status_code == 403


def test_bsn_in_antwoord_geeft_een_foutmelding(client, opzet):
    client.force_login(opzet["rijen"][0][1])
    antwoord = client.post(_url("contractbeheer:verzoek", opzet["eerste"].pk), {"antwoord": "Cliënt 123456782"})
    assert antwoord.status_code == 200 and "burgerservicenummer" in antwoord.content.decode()
    assert Verzoekontvanger.objects.get(pk=opzet["eerste"].pk).status == "open"


def test_leeg_antwoordformulier(client, opzet):
    client.force_login(opzet["rijen"][0][1])
    antwoord = client.post(_url("contractbeheer:verzoek", opzet["eerste"].pk), {"antwoord": ""})
    assert antwoord.status_code == 200 and Verzoekontvanger.objects.get(pk=opzet["eerste"].pk).status == "open"


def test_geschiedenis_toont_aanvulling_en_verlenging(client, opzet, contractmanager_a):
    ov, lid = opzet["rijen"][0]
    o = opzet["eerste"]
    services.verzoek_beantwoorden(ontvanger=o, antwoord="Kort", door=lid)
    with time_machine.travel(datetime(2027, 1, 5, 9, 0, tzinfo=TZ)):
        services.antwoord_beoordelen(ontvanger=o, akkoord=False, reactie="Per product graag", door=contractmanager_a)
    services.termijn_verlengen(ontvanger=o, uiterlijk=date(2027, 1, 29), reden="Afgesproken", door=contractmanager_a)
    client.force_login(lid)
    tekst = client.get(_url("contractbeheer:verzoek", o.pk)).content.decode()
    assert "Aanvulling gevraagd, uiterlijk 19-01-2027: Per product graag" in tekst
    assert "Nieuwe termijn: uiterlijk 29-01-2027" in tekst and "Aanvulling geven" in tekst


def test_concept_is_voor_de_aanbieder_onzichtbaar(client, opzet, contractmanager_a):
    ov, lid = opzet["rijen"][0]
    concept = services.verzoek_opstellen(aanbesteding=opzet["ab"], onderwerp="Concept", vraag="?",
                                         door=contractmanager_a, overeenkomst=ov)
    # Even a hand-made addressee row of a draft is not shown.
    rij = Verzoekontvanger.objects.create(verzoek=concept, overeenkomst=ov, uiterlijk=date(2027, 1, 1))
    client.force_login(lid)
    assert client.get(_url("contractbeheer:verzoek", rij.pk)).status_code == 404


# --- provider: the bureau's attachment ------------------------------------------------------------------


def test_bijlage_voor_de_geadresseerde(client, opzet):
    client.force_login(opzet["rijen"][0][1])
    antwoord = client.get(_url("contractbeheer:verzoek_bijlage", opzet["eerste"].pk))
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"].startswith("attachment") and "vragen.pdf" in antwoord["Content-Disposition"]
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF")


def test_bijlage_niet_voor_wie_niet_geadresseerd_is(client, opzet, contractmanager_a):
    # A provider of the same procedure on another perceel was not addressed: it has no addressee row to reach
    # the attachment through, and every other id is a 404.
    from tests.contractbeheer import factories as f

    buiten, lid = f.overeenkomst(opzet["ab"], opzet["dag"], naam="Dagbehandeling BV")
    client.force_login(lid)
    for o in (opzet["eerste"], opzet["tweede"]):
        assert client.get(_url("contractbeheer:verzoek_bijlage", o.pk)).status_code == 404


def test_bijlage_404_zonder_bestand(client, opzet, contractmanager_a):
    ov, lid = opzet["rijen"][0]
    kaal = v.verzonden(opzet["ab"], contractmanager_a, overeenkomst=ov)
    client.force_login(lid)
    assert client.get(_url("contractbeheer:verzoek_bijlage", kaal.ontvangers.get().pk)).status_code == 404


# --- provider: onderzoek --------------------------------------------------------------------------------


@pytest.fixture
def onderzoek(opzet, contractmanager_a):
    with time_machine.travel(datetime(2026, 12, 24, 10, 0, tzinfo=TZ)):
        return services.onderzoek_starten(overeenkomst=opzet["rijen"][0][0], signaal="Signaal over verloop",
                                          door=contractmanager_a)


def test_aanbieder_reageert_op_signaal_en_resultaat(client, opzet, onderzoek, contractmanager_a):
    lid = opzet["rijen"][0][1]
    client.force_login(lid)
    url = _url("contractbeheer:onderzoek", onderzoek.pk)
    tekst = client.get(url).content.decode()
    assert "Signaal over verloop" in tekst and "07-01-2027" in tekst and "Reageren op het signaal" in tekst
    with time_machine.travel(datetime(2027, 1, 8, 10, 0, tzinfo=TZ)):
        client.force_login(lid)
        assert "De termijn is verstreken" in client.get(url).content.decode()
        assert client.post(url, {"reactie": "Het verloop is opgelost."}).status_code == 302
        assert "na de termijn ontvangen" in client.get(url).content.decode()
        assert client.post(url, {"reactie": "Nog eens"}).status_code == 403
    with time_machine.travel(datetime(2027, 1, 9, 10, 0, tzinfo=TZ)):
        client.force_login(lid)
        services.onderzoek_instellen(onderzoek=onderzoek, door=contractmanager_a)
        services.onderzoek_resultaat(onderzoek=onderzoek, resultaat="Geen zorgen", door=contractmanager_a)
        tekst = client.get(url).content.decode()
        assert "Reageren op het resultaat" in tekst and "23-01-2027" in tekst
        assert client.post(url, {"reactie": "Dank u."}).status_code == 302
    assert Onderzoek.objects.get(pk=onderzoek.pk).resultaat_reactie == "Dank u."


def test_onderzoek_reactie_met_bsn(client, opzet, onderzoek):
    client.force_login(opzet["rijen"][0][1])
    antwoord = client.post(_url("contractbeheer:onderzoek", onderzoek.pk), {"reactie": "Zie 123456782"})
    assert antwoord.status_code == 200 and Onderzoek.objects.get(pk=onderzoek.pk).reactie == ""


def test_onderzoek_van_een_ander_is_404(client, opzet, onderzoek, andere_beheerder):
    client.force_login(opzet["rijen"][1][1])
    assert client.get(_url("contractbeheer:onderzoek", onderzoek.pk)).status_code == 404
    client.force_login(andere_beheerder)
    assert client.get(_url("contractbeheer:onderzoek", onderzoek.pk)).status_code == 404


# --- staff: informatieverzoeken -------------------------------------------------------------------------


def test_lijst_voor_de_contractmanager(staff_client, opzet, contractmanager_a):
    c = staff_client(contractmanager_a)
    tekst = c.get(_url("contractbeheer_admin_verzoeken")).content.decode()
    assert "Wachttijden 2026" in tekst and "0/2" in tekst
    assert "Wachttijden 2026" in c.get(_url("contractbeheer_admin_verzoeken") + "?status=verzonden").content.decode()
    assert "Wachttijden 2026" not in c.get(_url("contractbeheer_admin_verzoeken") + "?status=concept").content.decode()


def test_lijst_telt_beantwoord_en_te_laat(staff_client, opzet, contractmanager_a):
    ov, lid = opzet["rijen"][0]
    with time_machine.travel(datetime(2027, 1, 7, 10, 0, tzinfo=TZ)):
        services.verzoek_beantwoorden(ontvanger=opzet["eerste"], antwoord="Laat", door=lid)
    c = staff_client(contractmanager_a)
    pagina = c.get(_url("contractbeheer_admin_verzoeken")).context["pagina"]
    rij = next(r for r in pagina if r.pk == opzet["verzoek"].pk)
    assert (rij.aantal, rij.beantwoord, rij.te_laat, rij.open) == (2, 1, 1, 1)


def test_lijst_in_een_vast_aantal_queries(staff_client, regio_a, contractmanager_a):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=3)
    v.verzonden(ab, contractmanager_a, perceel=bhl)
    c = staff_client(contractmanager_a)
    url = _url("contractbeheer_admin_verzoeken")
    c.get(url)
    with CaptureQueriesContext(connection) as een:
        c.get(url)
    for i in range(6):
        v.verzonden(ab, contractmanager_a, perceel=bhl, onderwerp=f"Verzoek {i}")
    with CaptureQueriesContext(connection) as zeven:
        assert c.get(url).status_code == 200
    assert len(zeven) == len(een)


def test_andere_regio_ziet_niets(staff_client, opzet, contractmanager_b):
    c = staff_client(contractmanager_b)
    assert "Wachttijden 2026" not in c.get(_url("contractbeheer_admin_verzoeken")).content.decode()
    for naam, pk in (("contractbeheer_admin_verzoek", opzet["verzoek"].pk),
                     ("contractbeheer_admin_verzoek_bijlage", opzet["verzoek"].pk),
                     ("contractbeheer_admin_antwoord", opzet["eerste"].pk),
                     ("contractbeheer_admin_antwoord_bestand", opzet["eerste"].pk)):
        assert c.get(_url(naam, pk)).status_code == 404, naam


@pytest.mark.parametrize("naam, met_pk", [
    ("contractbeheer_admin_verzoeken", False), ("contractbeheer_admin_verzoek_nieuw", False),
    ("contractbeheer_admin_verzoek", True), ("contractbeheer_admin_antwoord", True),
    ("contractbeheer_admin_onderzoeken", False), ("contractbeheer_admin_onderzoek_nieuw", False),
])
def test_beoordelaar_ziet_niets(staff_client, opzet, beoordelaar_a, naam, met_pk):
    c = staff_client(beoordelaar_a)
    url = _url(naam, opzet["verzoek"].pk) if met_pk else _url(naam)
    assert c.get(url).status_code in (302, 403)


def test_verzoek_opstellen_en_verzenden_via_het_scherm(staff_client, regio_a, contractmanager_a):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=2)
    c = staff_client(contractmanager_a)
    assert c.get(_url("contractbeheer_admin_verzoek_nieuw")).status_code == 200
    antwoord = c.post(_url("contractbeheer_admin_verzoek_nieuw"), {
        "aanbesteding": ab.pk, "perceel": bhl.pk, "onderwerp": "Capaciteit", "vraag": "Hoeveel plekken?",
        "bestand": v.pdf(), "termijn_werkdagen": "", "termijn_reden": "",
    })
    assert antwoord.status_code == 302
    verzoek = Informatieverzoek.objects.get(onderwerp="Capaciteit")
    assert verzoek.termijn_werkdagen == 10 and verzoek.originele_naam == "vragenlijst.pdf"
    detail = c.get(_url("contractbeheer_admin_verzoek", verzoek.pk)).content.decode()
    assert "Ontvangers bij verzenden vandaag" in detail and rijen[0][0].organisatie.naam in detail
    assert c.get(_url("contractbeheer_admin_verzoek_bijlage", verzoek.pk)).status_code == 200
    assert c.post(_url("contractbeheer_admin_verzoek", verzoek.pk), {"actie": "verzenden"}).status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "verzonden" and verzoek.ontvangers.count() == 2
    detail = c.get(_url("contractbeheer_admin_verzoek", verzoek.pk)).content.decode()
    assert "Verzoek sluiten" in detail
    # Sending twice: an error message, no change.
    c.post(_url("contractbeheer_admin_verzoek", verzoek.pk), {"actie": "verzenden"})
    assert verzoek.ontvangers.count() == 2
    assert c.post(_url("contractbeheer_admin_verzoek", verzoek.pk), {"actie": "sluiten"}).status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "gesloten"
    assert c.post(_url("contractbeheer_admin_verzoek", verzoek.pk), {"actie": "iets"}).status_code == 302


def test_nieuw_verzoek_formulierfouten(staff_client, regio_a, regio_b, contractmanager_a):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    ander_ab, ander_bhl, _, _ = v.wereld(regio_b, aantal=1)
    c = staff_client(contractmanager_a)
    url = _url("contractbeheer_admin_verzoek_nieuw")
    # Both perceel and agreement.
    antwoord = c.post(url, {"aanbesteding": ab.pk, "perceel": bhl.pk, "overeenkomst": rijen[0][0].pk,
                            "onderwerp": "X", "vraag": "Y"})
    assert antwoord.status_code == 200 and "niet allebei" in antwoord.content.decode()
    # A procedure of region B is not a valid choice.
    antwoord = c.post(url, {"aanbesteding": ander_ab.pk, "perceel": ander_bhl.pk, "onderwerp": "X", "vraag": "Y"})
    assert antwoord.status_code == 200 and "aanbesteding" in antwoord.context["form"].errors
    # A service refusal (another term without a reason) shows on the form.
    antwoord = c.post(url, {"aanbesteding": ab.pk, "perceel": bhl.pk, "onderwerp": "X", "vraag": "Y",
                            "termijn_werkdagen": "5"})
    assert antwoord.status_code == 200 and "partijen" in antwoord.content.decode()
    assert not Informatieverzoek.objects.exists()


def test_antwoord_beoordelen_en_verlengen_via_het_scherm(staff_client, opzet, contractmanager_a):
    ov, lid = opzet["rijen"][0]
    o = opzet["eerste"]
    c = staff_client(contractmanager_a)
    url = _url("contractbeheer_admin_antwoord", o.pk)
    assert "Termijn verlengen" in c.get(url).content.decode()
    assert c.post(url, {"actie": "verlengen", "t-uiterlijk": "2027-01-20", "t-reden": "Afgesproken"}).status_code == 302
    o.refresh_from_db()
    assert o.uiterlijk == date(2027, 1, 20)
    antwoord = c.post(url, {"actie": "verlengen", "t-uiterlijk": "2027-01-02", "t-reden": "Eerder?"})
    assert antwoord.status_code == 200 and "na de huidige termijn" in antwoord.content.decode()
    services.verzoek_beantwoorden(ontvanger=o, antwoord="Zie bijlage", door=lid, bestand=v.pdf("bijlage.pdf"))
    tekst = c.get(url).content.decode()
    assert "Zie bijlage" in tekst and "bijlage.pdf" in tekst and "Beoordeling vastleggen" in tekst
    bestand = c.get(_url("contractbeheer_admin_antwoord_bestand", o.pk))
    assert bestand.status_code == 200 and bestand["Content-Disposition"].startswith("attachment")
    antwoord = c.post(url, {"actie": "beoordelen", "b-besluit": "aanvulling", "b-reactie": ""})
    assert antwoord.status_code == 200 and "ontbreekt" in antwoord.content.decode()
    assert c.post(url, {"actie": "beoordelen", "b-besluit": "akkoord", "b-reactie": ""}).status_code == 302
    o.refresh_from_db()
    assert o.status == "afgerond"
    assert c.post(url, {"actie": "onzin"}).status_code == 302
    assert AuditRegel.objects.filter(actie="contractbeheer.antwoord_beoordeeld").count() == 1


def test_antwoord_bestand_404_zonder_document(staff_client, opzet, contractmanager_a):
    c = staff_client(contractmanager_a)
    assert c.get(_url("contractbeheer_admin_antwoord_bestand", opzet["tweede"].pk)).status_code == 404


def test_verzoek_bijlage_404_zonder_bestand(staff_client, opzet, contractmanager_a):
    kaal = services.verzoek_opstellen(aanbesteding=opzet["ab"], onderwerp="X", vraag="Y", door=contractmanager_a,
                                      perceel=opzet["bhl"])
    c = staff_client(contractmanager_a)
    assert c.get(_url("contractbeheer_admin_verzoek_bijlage", kaal.pk)).status_code == 404


# --- staff: onderzoeken ---------------------------------------------------------------------------------


def test_onderzoek_via_de_schermen(staff_client, opzet, contractmanager_a):
    ov, lid = opzet["rijen"][0]
    c = staff_client(contractmanager_a)
    assert c.get(_url("contractbeheer_admin_onderzoek_nieuw")).status_code == 200
    with time_machine.travel(datetime(2026, 12, 24, 10, 0, tzinfo=TZ)):
        c = staff_client(contractmanager_a)
        antwoord = c.post(_url("contractbeheer_admin_onderzoek_nieuw"), {"overeenkomst": ov.pk,
                                                                         "signaal": "Verloop", "gemeld_op": ""})
    assert antwoord.status_code == 302
    o = Onderzoek.objects.get()
    assert o.reactie_uiterlijk == date(2027, 1, 7)
    url = _url("contractbeheer_admin_onderzoek", o.pk)
    with time_machine.travel(datetime(2027, 1, 7, 10, 0, tzinfo=TZ)):
        c = staff_client(contractmanager_a)
        assert "Het onderzoek kan beginnen na 07-01-2027" in c.get(url).content.decode()
        c.post(url, {"actie": "instellen"})
        assert Onderzoek.objects.get().status == "signaal_gemeld"
    with time_machine.travel(datetime(2027, 1, 8, 10, 0, tzinfo=TZ)):
        c = staff_client(contractmanager_a)
        assert c.post(url, {"actie": "instellen"}).status_code == 302
        assert c.post(url, {"actie": "resultaat", "resultaat": "Onvoldoende"}).status_code == 302
    o.refresh_from_db()
    assert o.status == "resultaat_gemeld" and o.resultaat_reactie_uiterlijk == date(2027, 1, 22)
    with time_machine.travel(datetime(2027, 1, 23, 10, 0, tzinfo=TZ)):
        c = staff_client(contractmanager_a)
        assert c.post(url, {"actie": "afsluiten", "uitkomst": "sanctie", "toelichting": "Boete"}).status_code == 302
    o.refresh_from_db()
    assert o.status == "afgesloten" and o.uitkomst == "sanctie"
    c = staff_client(contractmanager_a)
    assert "Sanctioneren" in c.get(url).content.decode()
    assert c.post(url, {"actie": "onzin"}).status_code == 302
    lijst = c.get(_url("contractbeheer_admin_onderzoeken")).content.decode()
    assert ov.organisatie.naam in lijst
    assert ov.organisatie.naam not in c.get(_url("contractbeheer_admin_onderzoeken") + "?status=onderzoek").content.decode()


def test_onderzoek_nieuw_formulierfouten(staff_client, opzet, contractmanager_a):
    c = staff_client(contractmanager_a)
    antwoord = c.post(_url("contractbeheer_admin_onderzoek_nieuw"), {
        "overeenkomst": opzet["rijen"][0][0].pk, "signaal": "S", "gemeld_op": "2099-01-01"})
    assert antwoord.status_code == 200 and "toekomst" in antwoord.content.decode()


def test_onderzoeken_lijst_vast_aantal_queries_en_regio(staff_client, opzet, contractmanager_a, contractmanager_b):
    c = staff_client(contractmanager_a)
    url = _url("contractbeheer_admin_onderzoeken")
    services.onderzoek_starten(overeenkomst=opzet["rijen"][0][0], signaal="S", door=contractmanager_a)
    c.get(url)
    with CaptureQueriesContext(connection) as een:
        c.get(url)
    for _ in range(4):
        services.onderzoek_starten(overeenkomst=opzet["rijen"][1][0], signaal="S", door=contractmanager_a)
    with CaptureQueriesContext(connection) as vijf:
        c.get(url)
    assert len(vijf) == len(een)
    o = Onderzoek.objects.first()
    b = staff_client(contractmanager_b)
    assert b.get(_url("contractbeheer_admin_onderzoek", o.pk)).status_code == 404
    assert opzet["rijen"][0][0].organisatie.naam not in b.get(url).content.decode()


# --- the provider's history of one request --------------------------------------------------------------


def test_geschiedenis_in_volgorde_en_zonder_interne_stappen(opzet, contractmanager_a):
    from contractbeheer.views.verzoeken import _datum, geschiedenis

    ov, lid = opzet["rijen"][0]
    o = opzet["eerste"]
    with time_machine.travel(datetime(2026, 12, 22, 9, 0, tzinfo=TZ)):
        services.verzoek_beantwoorden(ontvanger=o, antwoord="Kort", door=lid)
    with time_machine.travel(datetime(2026, 12, 23, 9, 0, tzinfo=TZ)):
        services.antwoord_beoordelen(ontvanger=o, akkoord=False, reactie="Meer", door=contractmanager_a)
    with time_machine.travel(datetime(2026, 12, 24, 9, 0, tzinfo=TZ)):
        services.verzoek_beantwoorden(ontvanger=o, antwoord="Lang", door=lid)
        services.antwoord_beoordelen(ontvanger=o, akkoord=True, door=contractmanager_a)
    # Closing is an act on the request, not on this addressee: not in its history.
    services.verzoek_sluiten(verzoek=opzet["verzoek"], door=contractmanager_a)
    o.refresh_from_db()
    stappen = geschiedenis(o)
    assert [s["wat"] for s in stappen] == ["Verzoek ontvangen", "Antwoord gegeven", "Beoordeeld door het bureau",
                                           "Antwoord gegeven", "Beoordeeld door het bureau"]
    assert stappen[2]["tekst"].startswith("Aanvulling gevraagd, uiterlijk ") and stappen[4]["tekst"] == "Afgerond"
    assert [s["op"] for s in stappen] == sorted(s["op"] for s in stappen)
    assert _datum("2027-01-06") == "06-01-2027" and _datum(None) == "" and _datum("morgen") == ""


def test_onderzoek_als_tekst(opzet, onderzoek):
    assert str(onderzoek) == f"Onderzoek {opzet['rijen'][0][0]} (24-12-2026)"


def test_lijst_bladert_en_negeert_een_onbekende_status(staff_client, regio_a, contractmanager_a):
    from contractbeheer.admin_views import verzoeken as schermen

    ab, bhl, _, _ = v.wereld(regio_a, aantal=1)
    for i in range(3):
        services.verzoek_opstellen(aanbesteding=ab, onderwerp=f"Verzoek {i}", vraag="?", door=contractmanager_a,
                                   perceel=bhl)
    c = staff_client(contractmanager_a)
    oud, schermen.PER_PAGINA = schermen.PER_PAGINA, 2
    try:
        eerste = c.get(reverse("contractbeheer_admin_verzoeken") + "?status=onzin")
        tweede = c.get(reverse("contractbeheer_admin_verzoeken") + "?pagina=2")
        onderzoeken = c.get(reverse("contractbeheer_admin_onderzoeken") + "?status=onzin&pagina=x")
    finally:
        schermen.PER_PAGINA = oud
    assert len(eerste.context["pagina"]) == 2 and "Pagina 1 van 2" in eerste.content.decode()
    assert [r.onderwerp for r in tweede.context["pagina"]] == ["Verzoek 0"]
    assert onderzoeken.status_code == 200 and onderzoeken.context["status"] == "onzin"
