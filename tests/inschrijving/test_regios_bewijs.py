"""Staff downloads of an inschrijving's evidence and of the proces-verbaal van opening are scoped to the staff
member's regions (issue 17): the Inkoper of region A downloads region A's files; for the Inkoper of region B
the same URL is a 404, exactly like an id that does not exist. The provider's own users keep their access."""

from datetime import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from core.kalender import TZ
from inschrijving import permissions
from inschrijving.models import Antwoord, Inschrijving, ProcesVerbaalOpening
from tests.factories import LidmaatschapFactory

from .factories import (
    AanbestedingFactory,
    BewijsstukFactory,
    EisFactory,
    InschrijvingFactory,
    ToetredingsmomentFactory,
)


def _ingediend(regio):
    """A submitted inschrijving of ``regio`` in a round that opened long ago, with one file as evidence."""
    aanbesteding = AanbestedingFactory(regio=regio)
    moment = ToetredingsmomentFactory(aanbesteding=aanbesteding)
    inschrijving = InschrijvingFactory(aanbesteding=aanbesteding, toetredingsmoment=moment,
                                       status=Inschrijving.Status.INGEDIEND,
                                       ingediend_op=datetime(2023, 6, 20, 9, 0, tzinfo=TZ))
    stuk = BewijsstukFactory(organisatie=inschrijving.organisatie)
    antwoord = Antwoord.objects.create(inschrijving=inschrijving, eis=EisFactory(aanbesteding=aanbesteding))
    antwoord.bewijsstukken.add(stuk)
    pv = ProcesVerbaalOpening.objects.create(toetredingsmoment=moment, sha256="0" * 64,
                                             bestand=ContentFile(b"%PDF-1.4 pv\n%%EOF", name="pv.pdf"))
    return {"inschrijving": inschrijving, "stuk": stuk, "pv": pv}


@pytest.fixture
def a(regio_a):
    return _ingediend(regio_a)


@pytest.fixture
def b(regio_b):
    return _ingediend(regio_b)


def test_bewijsstuk_download_eigen_regio_wel_andere_regio_404(client, a, b, inkoper_a, inkoper_b):
    for inkoper, eigen, ander in ((inkoper_a, a, b), (inkoper_b, b, a)):
        client.force_login(inkoper)
        assert client.get(reverse("inschrijving:bewijsstuk_download", args=[eigen["stuk"].pk])).status_code == 200
        andere = client.get(reverse("inschrijving:bewijsstuk_download", args=[ander["stuk"].pk]))
        onbekend = client.get(reverse("inschrijving:bewijsstuk_download", args=[10**6]))
        assert andere.status_code == onbekend.status_code == 404


def test_aanbieder_houdt_toegang_tot_eigen_bewijs(client, a):
    lid = LidmaatschapFactory(organisatie=a["inschrijving"].organisatie).user
    client.force_login(lid)
    assert client.get(reverse("inschrijving:bewijsstuk_download", args=[a["stuk"].pk])).status_code == 200


def test_proces_verbaal_download_eigen_regio_wel_andere_regio_404(client, a, b, inkoper_a, inkoper_b):
    for inkoper, eigen, ander in ((inkoper_a, a, b), (inkoper_b, b, a)):
        client.force_login(inkoper)
        assert client.get(reverse("inschrijving_pv_download", args=[eigen["pv"].pk])).status_code == 200
        andere = client.get(reverse("inschrijving_pv_download", args=[ander["pv"].pk]))
        onbekend = client.get(reverse("inschrijving_pv_download", args=[10**6]))
        assert andere.status_code == onbekend.status_code == 404


def test_staff_toegang_per_regio(a, b, inkoper_a, inkoper, platformbeheerder):
    assert permissions.staff_mag_toegang(inkoper_a, a["inschrijving"])
    assert permissions.staff_mag_inhoud_zien(inkoper_a, a["inschrijving"])
    assert not permissions.staff_mag_toegang(inkoper_a, b["inschrijving"])
    assert not permissions.staff_mag_inhoud_zien(inkoper_a, b["inschrijving"])
    assert permissions.mag_bewijsstuk_zien(inkoper_a, a["stuk"]) and not permissions.mag_bewijsstuk_zien(inkoper_a, b["stuk"])
    # An Inkoper of every region (the old persona) reaches both; the platform administrator neither.
    assert permissions.staff_mag_toegang(inkoper, a["inschrijving"]) and permissions.staff_mag_toegang(inkoper, b["inschrijving"])
    assert not permissions.staff_mag_toegang(platformbeheerder, a["inschrijving"])
    assert permissions.staff_bereik(inkoper_a).ids == {a["inschrijving"].aanbesteding.regio_id}
