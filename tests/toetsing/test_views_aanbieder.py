"""The provider's own decisions (mijn/besluiten/): only sent decisions of the own organisation, the outcome and
the reasons from the consensus, never the assessors or their individual verdicts."""

import pytest
from django.urls import reverse

from toetsing import services, tasks
from toetsing.models import Oordeel

from ._hulp import om, verzend_op


@pytest.fixture
def afgewezen(maak_inschrijving, volledig_beoordeeld, inkoper, aanbieder):
    i = volledig_beoordeeld(maak_inschrijving(organisatie=aanbieder, percelen=("ambulant", "mst")),
                            {"S6G1": Oordeel.VOLDOET_NIET})
    return services.besluit_nemen(inschrijving=i, door=inkoper)


def test_genomen_maar_niet_verzonden_besluit_is_onzichtbaar(client, afgewezen, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert list(client.get(reverse("toetsing:mijn_besluiten")).context["besluiten"]) == []
    assert client.get(reverse("toetsing:mijn_besluit", args=[afgewezen.pk])).status_code == 404
    assert client.get(reverse("toetsing:mijn_besluitbrief", args=[afgewezen.pk])).status_code == 404


def test_brief_nog_niet_opgemaakt_is_404(client, afgewezen, inkoper, aanbieder_beheerder):
    services.besluit_verzenden(besluit=afgewezen, door=inkoper)  # the letter task has not run yet
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse("toetsing:mijn_besluit", args=[afgewezen.pk])).status_code == 200
    assert client.get(reverse("toetsing:mijn_besluitbrief", args=[afgewezen.pk])).status_code == 404
    tasks.besluitbrief_maken_en_aankondigen(afgewezen.pk)
    r = client.get(reverse("toetsing:mijn_besluitbrief", args=[afgewezen.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"


def test_medewerker_van_de_aanbieder_ziet_het_besluit_met_redenen(client, afgewezen, inkoper, aanbieder_medewerker,
                                                                  beoordelaar, beoordelaar2,
                                                                  django_capture_on_commit_callbacks):
    verzend_op(afgewezen, inkoper, om(2026, 3, 2, 10, 0), django_capture_on_commit_callbacks)
    client.force_login(aanbieder_medewerker)
    html = client.get(reverse("toetsing:mijn_besluit", args=[afgewezen.pk])).content.decode()
    assert "Multi Systeem Therapie" in html and "MST-licentie" in html
    assert "Consensus: S6G1 voldoet_niet" in html
    # Sent 2 March: the kort geding can be filed up to and including 2 March + 20 days.
    assert "tot en met 22-03-2026" in html
    for persoon in (beoordelaar, beoordelaar2, inkoper):
        assert persoon.last_name not in html and persoon.email not in html
        assert f"Motivering {persoon.pk} bij" not in html


def test_anoniem_moet_inloggen(client, afgewezen, inkoper):
    services.besluit_verzenden(besluit=afgewezen, door=inkoper)
    for url in (reverse("toetsing:mijn_besluiten"), reverse("toetsing:mijn_besluit", args=[afgewezen.pk])):
        r = client.get(url)
        assert r.status_code == 302 and r.url.startswith(reverse("account_login"))


def test_beoordelaar_ziet_het_besluit_niet_als_aanbieder(client, afgewezen, inkoper, beoordelaar):
    services.besluit_verzenden(besluit=afgewezen, door=inkoper)
    client.force_login(beoordelaar)
    assert client.get(reverse("toetsing:mijn_besluit", args=[afgewezen.pk])).status_code == 404
