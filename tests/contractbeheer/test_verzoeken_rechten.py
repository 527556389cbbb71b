"""Who reaches informatieverzoeken and onderzoeken (contractbeheer.permissions, ADR 0011): the Contractmanager and
the Inkoper of the region do; the same roles in another region get a 404 for every object; a Beoordelaar,
Redacteur, SROI-adviseur or Platformbeheerder gets nothing; providers see only their own rows."""

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from contractbeheer import permissions, services
from core.kalender import TZ

from . import _verzoeken as v

pytestmark = pytest.mark.django_db

BUREAU_A = ["contractmanager_a", "inkoper_a"]
BUREAU_B = ["contractmanager_b", "inkoper_b"]
GEEN_TOEGANG = ["beoordelaar_a", "redacteur_a", "sroi_adviseur_a", "platformbeheerder"]


@pytest.fixture
def stukken(regio_a, contractmanager_a):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=2)
    with time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=TZ)):
        verzoek = v.verzonden(ab, contractmanager_a, perceel=bhl, bestand=v.pdf())
    o = verzoek.ontvangers.get(overeenkomst=rijen[0][0])
    services.verzoek_beantwoorden(ontvanger=o, antwoord="Ja", door=rijen[0][1], bestand=v.pdf("antwoord.pdf"))
    onderzoek = services.onderzoek_starten(overeenkomst=rijen[0][0], signaal="S", door=contractmanager_a)
    return {"ab": ab, "verzoek": verzoek, "ontvanger": o, "onderzoek": onderzoek, "rijen": rijen}


def _objecturls(s):
    return [
        reverse("contractbeheer_admin_verzoek", args=[s["verzoek"].pk]),
        reverse("contractbeheer_admin_verzoek_bijlage", args=[s["verzoek"].pk]),
        reverse("contractbeheer_admin_antwoord", args=[s["ontvanger"].pk]),
        reverse("contractbeheer_admin_antwoord_bestand", args=[s["ontvanger"].pk]),
        reverse("contractbeheer_admin_onderzoek", args=[s["onderzoek"].pk]),
    ]


LIJSTEN = ["contractbeheer_admin_verzoeken", "contractbeheer_admin_verzoek_nieuw",
           "contractbeheer_admin_onderzoeken", "contractbeheer_admin_onderzoek_nieuw"]


@pytest.mark.parametrize("persona", BUREAU_A)
def test_bureau_van_de_regio_ziet_alles(request, staff_client, stukken, persona):
    wie = request.getfixturevalue(persona)
    assert permissions.is_beheer(wie) and permissions.mag_beheren(wie, stukken["verzoek"])
    assert permissions.mag_beheren(wie, stukken["ontvanger"]) and permissions.mag_beheren(wie, stukken["onderzoek"])
    c = staff_client(wie)
    for naam in LIJSTEN:
        assert c.get(reverse(naam)).status_code == 200, naam
    for url in _objecturls(stukken):
        assert c.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", BUREAU_B)
def test_bureau_van_een_andere_regio_krijgt_404(request, staff_client, stukken, persona):
    wie = request.getfixturevalue(persona)
    assert permissions.is_beheer(wie) and not permissions.mag_beheren(wie, stukken["verzoek"])
    assert stukken["ab"].regio_id not in permissions.beheer_bereik(wie)
    c = staff_client(wie)
    for naam in LIJSTEN:
        assert c.get(reverse(naam)).status_code == 200, naam
    assert stukken["verzoek"].onderwerp not in c.get(reverse("contractbeheer_admin_verzoeken")).content.decode()
    for url in _objecturls(stukken):
        assert c.get(url).status_code == 404, url
    # And the services refuse them too.
    for stap in (lambda: services.verzoek_sluiten(verzoek=stukken["verzoek"], door=wie),
                 lambda: services.antwoord_beoordelen(ontvanger=stukken["ontvanger"], akkoord=True, door=wie),
                 lambda: services.onderzoek_instellen(onderzoek=stukken["onderzoek"], door=wie)):
        with pytest.raises(PermissionDenied):
            stap()


@pytest.mark.parametrize("persona", GEEN_TOEGANG)
def test_andere_rollen_zien_niets(request, staff_client, stukken, persona):
    wie = request.getfixturevalue(persona)
    assert not permissions.is_beheer(wie) and not permissions.mag_beheren(wie, stukken["verzoek"])
    c = staff_client(wie)
    for url in [reverse(n) for n in LIJSTEN] + _objecturls(stukken):
        assert c.get(url).status_code in (302, 403), url
    # Nor a provider page: staff have no organisation.
    assert c.get(reverse("contractbeheer:verzoek", args=[stukken["ontvanger"].pk])).status_code == 404


def test_aanbieders_zien_alleen_hun_eigen_rij(client, stukken, andere_beheerder):
    (ov1, lid1), (ov2, lid2) = stukken["rijen"]
    tweede = stukken["verzoek"].ontvangers.get(overeenkomst=ov2)
    assert permissions.mag_indienen(lid1, ov1) and not permissions.mag_indienen(lid1, ov2)
    assert not permissions.mag_indienen(andere_beheerder, ov1)
    client.force_login(lid1)
    assert client.get(reverse("contractbeheer:verzoek", args=[stukken["ontvanger"].pk])).status_code == 200
    assert client.get(reverse("contractbeheer:onderzoek", args=[stukken["onderzoek"].pk])).status_code == 200
    assert client.get(reverse("contractbeheer:verzoek", args=[tweede.pk])).status_code == 404
    client.force_login(lid2)
    assert client.get(reverse("contractbeheer:verzoek", args=[tweede.pk])).status_code == 200
    assert client.get(reverse("contractbeheer:verzoek", args=[stukken["ontvanger"].pk])).status_code == 404
    assert client.get(reverse("contractbeheer:onderzoek", args=[stukken["onderzoek"].pk])).status_code == 404
    assert client.get(reverse("contractbeheer:verzoek_bijlage", args=[stukken["ontvanger"].pk])).status_code == 404
    # The staff download of a provider's answer is not a provider URL: a provider gets no admin access.
    antwoord = client.get(reverse("contractbeheer_admin_antwoord_bestand", args=[stukken["ontvanger"].pk]))
    assert antwoord.status_code in (302, 403)
    client.force_login(andere_beheerder)
    for naam, pk in (("contractbeheer:verzoek", stukken["ontvanger"].pk), ("contractbeheer:verzoek", tweede.pk),
                     ("contractbeheer:onderzoek", stukken["onderzoek"].pk)):
        assert client.get(reverse(naam, args=[pk])).status_code == 404
