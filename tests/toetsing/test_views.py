"""Screens: who sees what in the back office and in the provider portal."""

import pytest
from django.urls import reverse

from toetsing import services
from toetsing.models import Oordeel

from .helpers import beoordeel


@pytest.fixture
def toegewezen(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    return i


def test_beoordelaar_ziet_alleen_eigen_inschrijvingen_in_de_wachtrij(client, procedure, toegewezen, maak_inschrijving, beoordelaar):
    ander = maak_inschrijving()
    client.force_login(beoordelaar)
    r = client.get(reverse("toetsing_wachtrij", args=[procedure["aanbesteding"].pk]))
    assert r.status_code == 200
    ids = [i.pk for i in r.context["pagina"]]
    assert ids == [toegewezen.pk]
    assert client.get(reverse("toetsing_inschrijving", args=[ander.pk])).status_code == 404


def test_inhoud_pas_na_verklaring_op_het_scherm(client, toegewezen, beoordelaar):
    client.force_login(beoordelaar)
    url = reverse("toetsing_inschrijving", args=[toegewezen.pk])
    r = client.get(url)
    assert "Verklaring belangenconflict" in r.content.decode()
    assert "Antwoord op G1" not in r.content.decode()
    r = client.post(reverse("toetsing_verklaren", args=[toegewezen.pk]), {"geen_conflict": "ja"})
    # Issue 12: straight to the first step's page; the answers are on the page of their step.
    assert r.url == reverse("toetsing_stap", args=[toegewezen.pk, "uitsluitingsgrond"])
    assert "Antwoord op U1" in client.get(r.url).content.decode()
    r = client.get(reverse("toetsing_stap", args=[toegewezen.pk, "geschiktheidseis"]))
    assert "Antwoord op G1" in r.content.decode()


def test_oordeel_via_het_scherm(client, toegewezen, beoordelaar):
    services.belang_verklaren(inschrijving=toegewezen, geen_conflict=True, door=beoordelaar)
    u1 = toegewezen.aanbesteding.eisen.get(code="U1")
    client.force_login(beoordelaar)
    client.post(reverse("toetsing_oordeel", args=[toegewezen.pk, u1.pk]),
                {"oordeel": Oordeel.VOLDOET, "motivering": "Eigen Verklaring getekend"})
    assert toegewezen.toetsing.toewijzingen.get(beoordelaar=beoordelaar).beoordelingen.get().eis == u1


def test_scherm_toont_oordelen_van_anderen_pas_na_afronden(client, toegewezen, beoordelaar, beoordelaar2):
    beoordeel(toegewezen, beoordelaar, {"X1": Oordeel.VOLDOET_NIET})
    services.belang_verklaren(inschrijving=toegewezen, geen_conflict=True, door=beoordelaar2)
    client.force_login(beoordelaar2)
    r = client.get(reverse("toetsing_inschrijving", args=[toegewezen.pk]))
    assert f"Motivering {beoordelaar.pk} bij X1" not in r.content.decode()


def test_consensusscherm_alleen_voor_voorzitter(client, toegewezen, beoordelaar):
    client.force_login(beoordelaar)
    r = client.get(reverse("toetsing_consensus", args=[toegewezen.pk]))
    # Wagtail turns PermissionDenied into a redirect to the admin home with a message.
    assert (r.status_code, r.url) == (302, "/admin/")


def test_dashboard_en_wachtrijfilters_voor_inkoper(client, procedure, toegewezen, inkoper):
    client.force_login(inkoper)
    r = client.get(reverse("toetsing_dashboard", args=[procedure["aanbesteding"].pk]))
    assert r.status_code == 200
    assert r.context["d"].tellingen["in_beoordeling"] == 1
    for filter_naam in ("", "mijn", "herstel", "consensus", "besloten", "te_laat"):
        assert client.get(reverse("toetsing_wachtrij", args=[procedure["aanbesteding"].pk]), {"filter": filter_naam}).status_code == 200


def test_bulk_toewijzen_via_wachtrij(client, procedure, commissie, maak_inschrijving, inkoper, beoordelaar, beoordelaar2):
    a, b = maak_inschrijving(), maak_inschrijving()
    client.force_login(inkoper)
    client.post(reverse("toetsing_toewijzen", args=[procedure["aanbesteding"].pk]),
                {"inschrijvingen": [a.pk, b.pk], "beoordelaars": [beoordelaar.pk, beoordelaar2.pk]})
    assert a.toetsing.toewijzingen.count() == 2 and b.toetsing.toewijzingen.count() == 2


def test_tijdlijn_en_proces_verbaal(client, toegewezen, inkoper, beoordelaar):
    beoordeel(toegewezen, beoordelaar, afronden=False)
    client.force_login(inkoper)
    r = client.get(reverse("toetsing_tijdlijn", args=[toegewezen.pk]))
    acties = [regel.actie for regel in r.context["regels"]]
    assert acties[:2] == ["toetsing.toegewezen", "toetsing.toegewezen"]
    assert "toetsing.belangenverklaring" in acties and "toetsing.oordeel" in acties
    pv = client.get(reverse("toetsing_proces_verbaal", args=[toegewezen.pk]))
    assert pv.status_code == 200 and pv["Content-Type"] == "application/pdf"
    client.force_login(beoordelaar)
    r = client.get(reverse("toetsing_tijdlijn", args=[toegewezen.pk]))
    assert (r.status_code, r.url) == (302, "/admin/")


@pytest.fixture
def verzonden_besluit(maak_inschrijving, volledig_beoordeeld, inkoper, aanbieder, django_capture_on_commit_callbacks):
    i = volledig_beoordeeld(maak_inschrijving(organisatie=aanbieder, percelen=("ambulant", "mst")), {"S6G1": Oordeel.VOLDOET_NIET})
    with django_capture_on_commit_callbacks(execute=True):
        return services.besluit_verzenden(besluit=services.besluit_nemen(inschrijving=i, door=inkoper), door=inkoper)


def test_aanbieder_ziet_eigen_besluit_zonder_beoordelaars(client, verzonden_besluit, aanbieder_beheerder, beoordelaar):
    client.force_login(aanbieder_beheerder)
    r = client.get(reverse("toetsing:mijn_besluiten"))
    assert r.status_code == 200 and "Multi Systeem Therapie" in r.content.decode()
    detail = client.get(reverse("toetsing:mijn_besluit", args=[verzonden_besluit.pk])).content.decode()
    assert "MST-licentie" in detail
    assert beoordelaar.last_name not in detail and f"Motivering {beoordelaar.pk}" not in detail
    brief = client.get(reverse("toetsing:mijn_besluitbrief", args=[verzonden_besluit.pk]))
    assert brief.status_code == 200 and b"".join(brief.streaming_content).startswith(b"%PDF")


def test_andere_organisatie_krijgt_404(client, verzonden_besluit, andere_beheerder):
    client.force_login(andere_beheerder)
    assert client.get(reverse("toetsing:mijn_besluit", args=[verzonden_besluit.pk])).status_code == 404
    assert client.get(reverse("toetsing:mijn_besluitbrief", args=[verzonden_besluit.pk])).status_code == 404
    assert list(client.get(reverse("toetsing:mijn_besluiten")).context["besluiten"]) == []


def test_aanbieder_komt_niet_in_de_backoffice(client, toegewezen, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    r = client.get(reverse("toetsing_inschrijving", args=[toegewezen.pk]))
    assert r.status_code in (302, 403)


def test_consensusscherm_markeert_verschillen_voor_voorzitter(client, toegewezen, inkoper, beoordelaar, beoordelaar2):
    beoordeel(toegewezen, beoordelaar, {"G2": (Oordeel.VOLDOET, "8")})
    beoordeel(toegewezen, beoordelaar2, {"G2": (Oordeel.VOLDOET_NIET, "5")})
    services.belang_verklaren(inschrijving=toegewezen, geen_conflict=True, door=inkoper)
    client.force_login(inkoper)
    r = client.get(reverse("toetsing_consensus", args=[toegewezen.pk]))
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count('class="tt-verschil"') == 1
    g2 = toegewezen.aanbesteding.eisen.get(code="G2")
    client.post(reverse("toetsing_oordeel", args=[toegewezen.pk, g2.pk]),
                {"oordeel": Oordeel.VOLDOET, "score": "6,5", "motivering": "Na bespreking: plan voldoet", "consensus": "1"})
    assert toegewezen.toetsing.eindoordelen.get(eis=g2).motivering == "Na bespreking: plan voldoet"


def test_inkoper_neemt_en_verzendt_besluit_via_scherm(client, maak_inschrijving, volledig_beoordeeld, inkoper,
                                                     django_capture_on_commit_callbacks):
    i = volledig_beoordeeld(maak_inschrijving())
    client.force_login(inkoper)
    client.post(reverse("toetsing_besluit_nemen", args=[i.pk]))
    besluit = i.besluiten.get()
    r = client.get(reverse("toetsing_inschrijving", args=[i.pk]))
    assert "Besluit verzenden" in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("toetsing_besluit_verzenden", args=[besluit.pk]))
    besluit.refresh_from_db()
    assert besluit.status == "verzonden" and besluit.brief
    assert "Kort geding of bezwaar registreren" in client.get(reverse("toetsing_inschrijving", args=[i.pk])).content.decode()


def test_verzegeld_moment_onzichtbaar_tot_opening(client, procedure, commissie, maak_inschrijving, inkoper):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from aanbesteding.models import Toetredingsmoment

    sluit = timezone.now() + timedelta(days=2)
    moment = Toetredingsmoment.objects.create(aanbesteding=procedure["aanbesteding"], naam="Toetredingsronde juni",
                                              opent_op=timezone.now() - timedelta(days=30), sluit_op=sluit)
    verzegeld = maak_inschrijving(toetredingsmoment=moment)
    open_ = maak_inschrijving()
    client.force_login(inkoper)
    url = reverse("toetsing_wachtrij", args=[procedure["aanbesteding"].pk])
    assert [i.pk for i in client.get(url).context["pagina"]] == [open_.pk]
    assert client.get(reverse("toetsing_inschrijving", args=[verzegeld.pk])).status_code == 404
    assert client.get(reverse("toetsing_dashboard", args=[procedure["aanbesteding"].pk])).context["d"].totaal == 1
    with time_machine.travel(sluit + timedelta(minutes=1)):
        assert sorted(i.pk for i in client.get(url).context["pagina"]) == sorted([verzegeld.pk, open_.pk])
        assert client.get(reverse("toetsing_inschrijving", args=[verzegeld.pk])).status_code == 200


def test_link_in_mijn_omgeving(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert "Besluiten op mijn inschrijvingen" in client.get(reverse("organisaties:mijn")).content.decode()


def test_overzicht_van_procedures(client, procedure, toegewezen, maak_inschrijving, inkoper, beoordelaar, redacteur):
    from aanbesteding.models import Aanbesteding

    maak_inschrijving()
    client.force_login(inkoper)
    r = client.get(reverse("toetsing_overzicht"))
    assert [(a.pk, a.ingediend) for a in r.context["aanbestedingen"]] == [(procedure["aanbesteding"].pk, 2)]
    client.force_login(beoordelaar)
    assert [a.pk for a in client.get(reverse("toetsing_overzicht")).context["aanbestedingen"]] == [procedure["aanbesteding"].pk]
    assert Aanbesteding.objects.count() == 1
    client.force_login(redacteur)
    r = client.get(reverse("toetsing_overzicht"))
    assert (r.status_code, r.url) == (302, "/admin/")
