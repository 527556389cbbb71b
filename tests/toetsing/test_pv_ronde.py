"""Issue 18: the proces-verbaal van beoordeling per round (all inschrijvingen of a toetredingsmoment, their
outcome per perceel, the panel, the lottery with seed, participants and winners and any herziening), made when
the round's assessment is complete or on demand by staff, stored, sealed (PAdES, core.zegel) and downloadable by
the Inkopers of that region only. And the lottery screens: request and approve a redraw, both draws visible."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core import zegel
from organisaties.rollen import INKOPER
from tests.conftest import _staff
from tests.factories import OrganisatieFactory
from tests.inschrijving.factories import ToetredingsmomentFactory
from toetsing import services, tasks
from toetsing.models import Loting, LotingHerziening, ProcesVerbaalBeoordeling

from ._hulp import een_regel, pdf_tekst


@pytest.fixture
def ronde(procedure):
    return ToetredingsmomentFactory(aanbesteding=procedure["aanbesteding"], naam="Ronde juni 2023")


@pytest.fixture
def kandidaten(ronde, maak_inschrijving, volledig_beoordeeld):
    return [
        volledig_beoordeeld(maak_inschrijving(organisatie=OrganisatieFactory(naam=naam, kvk_nummer=kvk), percelen=("mst",),
                                              toetredingsmoment=ronde))
        for naam, kvk in (("Zorgkracht Gooi B.V.", "19000001"), ("Jeugdhulp Eemland B.V.", "29000002"),
                          ("MST Midden B.V.", "39000003"))
    ]


@pytest.fixture
def tweede_inkoper(staffgroepen):
    return _staff(INKOPER)


def _inhoud(pv):
    with pv.bestand.open("rb") as f:
        return f.read()


def test_pv_wordt_na_het_laatste_besluit_van_de_ronde_opgemaakt_en_verzegeld(
        kandidaten, procedure, ronde, inkoper, tweede_inkoper, django_capture_on_commit_callbacks):
    eerste = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="juni-2023")
    herziening = services.loting_herziening_aanvragen(loting=eerste, reden="Deelnemerslijst gecontroleerd", door=inkoper)
    herziening = services.loting_herziening_goedkeuren(herziening=herziening, door=tweede_inkoper)
    nieuw = herziening.nieuwe_loting
    for kandidaat in kandidaten[:-1]:
        with django_capture_on_commit_callbacks(execute=True):
            services.besluit_nemen(inschrijving=kandidaat, door=inkoper)
        assert not ProcesVerbaalBeoordeling.objects.exists()  # the round is not complete yet
    with django_capture_on_commit_callbacks(execute=True):
        services.besluit_nemen(inschrijving=kandidaten[-1], door=inkoper)

    pv = ProcesVerbaalBeoordeling.objects.get()
    assert (pv.toetredingsmoment, pv.volgnummer, pv.opgemaakt_door) == (ronde, 1, None)
    inhoud = _inhoud(pv)
    uitslag = zegel.controleren(inhoud)
    assert uitslag.status == "echt", uitslag.melding
    assert uitslag.registratie.soort == "pv_beoordeling"
    regio = procedure["aanbesteding"].regio
    assert uitslag.registratie.uitgegeven_aan == (regio.bureau_naam or regio.naam)
    tekst = pdf_tekst(inhoud)
    for kandidaat in kandidaten:
        assert kandidaat.organisatie.naam in tekst
    assert "Ronde juni 2023" in tekst
    assert "juni-2023" in tekst and nieuw.seed in tekst  # the vervallen draw and the new one, each with its seed
    assert "vervallen" in tekst.lower() and "Deelnemerslijst gecontroleerd" in tekst
    assert "Voorlopige toelating" in tekst and "Wachtlijst" in tekst
    assert een_regel(pv, "toetsing.pv_beoordeling_opgemaakt").nieuwe_waarden["sha256"] == pv.sha256
    # Idempotent: the task again makes nothing new.
    assert tasks.pv_beoordeling_ronde_maken(ronde.pk) is False
    assert ProcesVerbaalBeoordeling.objects.count() == 1


def test_ronde_compleet_als_elke_ingediende_inschrijving_een_besluit_heeft(procedure, kandidaten, ronde, inkoper):
    leeg = ToetredingsmomentFactory(aanbesteding=procedure["aanbesteding"], naam="Lege ronde")
    assert not services.ronde_compleet(leeg)  # nothing submitted: nothing to record
    services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, toetredingsmoment=ronde)
    for kandidaat in kandidaten:
        assert not services.ronde_compleet(ronde)
        services.besluit_nemen(inschrijving=kandidaat, door=inkoper)
    assert services.ronde_compleet(ronde)


def test_op_verzoek_een_nieuwe_versie_en_alleen_door_de_inkoper_van_de_regio(kandidaten, ronde, inkoper, inkoper_b,
                                                                            beoordelaar):
    assert tasks.pv_beoordeling_ronde_maken(ronde.pk) is False  # not complete: nothing automatically
    for wie in (beoordelaar, inkoper_b):
        with pytest.raises(PermissionDenied):
            services.pv_beoordeling_opmaken(toetredingsmoment_id=ronde.pk, door=wie)
    een = services.pv_beoordeling_opmaken(toetredingsmoment_id=ronde.pk, door=inkoper)
    twee = services.pv_beoordeling_opmaken(toetredingsmoment_id=ronde.pk, door=inkoper)
    assert (een.volgnummer, twee.volgnummer, twee.opgemaakt_door) == (1, 2, inkoper)
    assert "In deze ronde is niet geloot." in pdf_tekst(_inhoud(twee))
    assert ProcesVerbaalBeoordeling.objects.count() == 2  # earlier versions are kept


def test_download_alleen_voor_de_inkoper_van_de_regio(client, kandidaten, ronde, inkoper, inkoper_b, beoordelaar):
    pv = services.pv_beoordeling_opmaken(toetredingsmoment_id=ronde.pk, door=inkoper)
    url = reverse("toetsing_pv_ronde_download", args=[pv.pk])
    client.force_login(inkoper)
    antwoord = client.get(url)
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content == _inhoud(pv)
    assert client.get(reverse("toetsing_pv_ronde", args=[ronde.pk])).status_code == 200
    client.force_login(inkoper_b)
    assert client.get(url).status_code == 404
    assert client.get(reverse("toetsing_pv_ronde", args=[ronde.pk])).status_code == 404
    client.force_login(beoordelaar)
    assert client.get(url).status_code != 200


def test_pv_op_verzoek_via_het_scherm(client, kandidaten, ronde, inkoper):
    client.force_login(inkoper)
    antwoord = client.post(reverse("toetsing_pv_ronde", args=[ronde.pk]), follow=True)
    assert antwoord.status_code == 200
    assert "versie 1" in antwoord.content.decode()
    assert ProcesVerbaalBeoordeling.objects.get().opgemaakt_door == inkoper


# --- the lottery screens ---------------------------------------------------------------------------------------


def test_herziening_via_de_schermen_met_vier_ogen(client, kandidaten, procedure, inkoper, tweede_inkoper):
    client.force_login(inkoper)
    antwoord = client.post(reverse("toetsing_loting", args=[procedure["mst"].pk]))
    eerste = Loting.objects.get()
    assert antwoord["Location"] == reverse("toetsing_loting_detail", args=[eerste.pk])
    # A second click: refused with the Dutch message, no second draw.
    antwoord = client.post(reverse("toetsing_loting", args=[procedure["mst"].pk]), follow=True)
    assert "al geloot" in antwoord.content.decode() and Loting.objects.count() == 1
    client.post(reverse("toetsing_loting_herziening", args=[eerste.pk]), {"reden": ""})
    assert not LotingHerziening.objects.exists()
    client.post(reverse("toetsing_loting_herziening", args=[eerste.pk]), {"reden": "Fout in de deelnemerslijst"})
    herziening = LotingHerziening.objects.get()
    # The requester cannot approve their own request.
    pagina = client.get(reverse("toetsing_loting_detail", args=[eerste.pk])).content.decode()
    assert "Wacht op de beslissing van een tweede inkoper" in pagina
    client.post(reverse("toetsing_herziening_goedkeuren", args=[herziening.pk]), {"toelichting": ""})
    assert LotingHerziening.objects.get().status == LotingHerziening.Status.AANGEVRAAGD
    client.force_login(tweede_inkoper)
    antwoord = client.post(reverse("toetsing_herziening_goedkeuren", args=[herziening.pk]), {"toelichting": "Akkoord"})
    nieuw = Loting.objects.get(status=Loting.Status.GELDIG)
    assert antwoord["Location"] == reverse("toetsing_loting_detail", args=[nieuw.pk])
    pagina = client.get(antwoord["Location"]).content.decode()
    assert eerste.seed in pagina and nieuw.seed in pagina  # both draws visible
    assert "Vervallen" in pagina and "Fout in de deelnemerslijst" in pagina
    dashboard = client.get(reverse("toetsing_dashboard", args=[procedure["aanbesteding"].pk])).content.decode()
    assert "Vervallen" in dashboard and reverse("toetsing_pv_ronde", args=[kandidaten[0].toetredingsmoment_id]) in dashboard


def test_afwijzen_via_het_scherm(client, kandidaten, procedure, inkoper, tweede_inkoper):
    loting = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper)
    herziening = services.loting_herziening_aanvragen(loting=loting, reden="Twijfel", door=inkoper)
    client.force_login(tweede_inkoper)
    client.post(reverse("toetsing_herziening_afwijzen", args=[herziening.pk]), {"toelichting": "Geen grond"})
    assert LotingHerziening.objects.get().status == LotingHerziening.Status.AFGEWEZEN
    assert Loting.objects.get().is_geldig


def test_schermen_van_een_andere_regio_zijn_404(client, kandidaten, procedure, inkoper, inkoper_b):
    loting = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper)
    herziening = services.loting_herziening_aanvragen(loting=loting, reden="Twijfel", door=inkoper)
    client.force_login(inkoper_b)
    assert client.get(reverse("toetsing_loting_detail", args=[loting.pk])).status_code == 404
    assert client.post(reverse("toetsing_loting_herziening", args=[loting.pk]), {"reden": "x"}).status_code == 404
    assert client.post(reverse("toetsing_herziening_goedkeuren", args=[herziening.pk])).status_code == 404
    assert client.post(reverse("toetsing_herziening_afwijzen", args=[herziening.pk]), {"toelichting": "x"}).status_code == 404
    assert LotingHerziening.objects.get().status == LotingHerziening.Status.AANGEVRAAGD
