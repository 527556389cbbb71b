"""The NvI cannot leak who asked (issue 18): before publication the anonymised question, the answer and the
introduction are checked for the asking organisation's name, KvK and establishment number, e-mail addresses and
the names of the asker and the organisation's people. A flagged text needs an explicit confirmation, recorded in
the audit entry; without it the publication is refused in Dutch."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aanbesteding.lekcontrole import lekken_zoeken
from aanbesteding.models import NotaVanInlichtingen, Vraag
from aanbesteding.services import nvi_publiceren
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

from ._hulp import auditregels, beantwoorde_vraag

pytestmark = pytest.mark.django_db


@pytest.fixture
def vragensteller():
    org = OrganisatieFactory(naam="Jeugdzorg De Horizon B.V.", kvk_nummer="68750110", vestigingsnummer="000038509504",
                             contactpersoon="Annemiek Bosman", contact_email="info@dehorizon-jeugdzorg.nl")
    steller = UserFactory(first_name="Sanne", last_name="van Dijk", email="s.vandijk@dehorizon-jeugdzorg.nl")
    LidmaatschapFactory(organisatie=org, user=UserFactory(first_name="Pieter", last_name="Jansen"))
    return org, steller


def _vraag(procedure, vragensteller, publiek, antwoord="Ja, dat mag."):
    org, steller = vragensteller
    return beantwoorde_vraag(procedure, publiek, antwoord, organisatie=org, gesteld_door=steller)


@pytest.mark.parametrize(("publiek", "antwoord", "soort", "gevonden"), [
    ("Mag Jeugdzorg De Horizon B.V. onderaannemers inzetten?", "Ja.", "naam van de vragensteller",
     "Jeugdzorg De Horizon B.V."),
    ("Geldt het quotum ook voor jeugdzorg de horizon?", "Ja.", "naam van de vragensteller", "jeugdzorg de horizon"),
    ("Geldt het quotum?", "Ja; de inschrijver met KvK 6875 0110 moet wel een VOG overleggen.",
     "KvK-nummer van de vragensteller", "6875 0110"),
    ("Geldt het quotum?", "Zie de vestiging 000038509504.", "vestigingsnummer van de vragensteller", "000038509504"),
    ("Geldt het quotum?", "Neem contact op met s.vandijk@dehorizon-jeugdzorg.nl.", "e-mailadres",
     "s.vandijk@dehorizon-jeugdzorg.nl"),
    ("Geldt het quotum?", "Mail inkoop@regiogooi.nl.", "e-mailadres", "inkoop@regiogooi.nl"),
    ("Sanne vraagt of het quotum geldt.", "Ja.", "persoonsnaam", "Sanne"),
    ("Geldt het quotum volgens mevrouw Van Dijk?", "Ja.", "persoonsnaam", "Van Dijk"),
    ("Geldt het quotum?", "Zoals besproken met Pieter Jansen: ja.", "persoonsnaam", "Pieter Jansen"),
    ("Geldt het quotum?", "Zoals besproken met mevrouw Bosman: ja.", "persoonsnaam", "Bosman"),
])
def test_lekken_worden_gevonden(procedure, vragensteller, publiek, antwoord, soort, gevonden):
    vondsten = lekken_zoeken([_vraag(procedure, vragensteller, publiek, antwoord)])
    assert (soort, gevonden) in [(v.soort, v.gevonden) for v in vondsten]


def test_een_geanonimiseerde_tekst_is_schoon(procedure, vragensteller):
    vraag = _vraag(procedure, vragensteller, "Mag een aanbieder voor perceel 5.10 een onderaannemer inzetten?",
                   "Ja, mits de onderaannemer aan dezelfde eisen voldoet (€ 175.000 omzet; zie §7). Wij willen "
                   "horizon verbreden en sanneren niet.")
    assert lekken_zoeken([vraag]) == []


def test_langste_vondst_wint_en_plek_noemt_vraag_en_veld(procedure, vragensteller):
    schoon = _vraag(procedure, vragensteller, "Eerste vraag?")
    lek = _vraag(procedure, vragensteller, "Tweede vraag?", "Sanne van Dijk krijgt bericht.")
    vondsten = lekken_zoeken([schoon, lek])
    assert [str(v) for v in vondsten] == ["Vraag 2, antwoord: persoonsnaam “Sanne van Dijk”"]


def test_inleiding_wordt_ook_gecontroleerd(procedure, vragensteller):
    vraag = _vraag(procedure, vragensteller, "Geldt het quotum?")
    vondsten = lekken_zoeken([vraag], inleiding="Naar aanleiding van vragen van De Horizon.")
    assert [(v.plek, v.gevonden) for v in vondsten] == [("Inleiding", "De Horizon")]


def test_publiceren_met_een_lek_wordt_geweigerd_zonder_bevestiging(procedure, vragensteller, inkoper):
    vraag = _vraag(procedure, vragensteller, "Geldt het quotum?", "Ja, zoals wij Sanne van Dijk al mailden.")
    with pytest.raises(ValidationError) as fout:
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    assert "kan verraden wie de vraag stelde" in fout.value.messages[0]
    assert "Sanne van Dijk" in fout.value.messages[0]
    assert not NotaVanInlichtingen.objects.exists()
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.BEANTWOORD


def test_bevestigd_lek_wordt_gepubliceerd_en_geauditeerd(procedure, vragensteller, inkoper,
                                                          django_capture_on_commit_callbacks):
    vraag = _vraag(procedure, vragensteller, "Geldt het quotum?", "Ja, zie Jeugdzorg De Horizon B.V. en 68750110.")
    with django_capture_on_commit_callbacks(execute=False):
        nvi = nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper, lek_bevestigd=True)
    nieuw = auditregels("nvi.gepubliceerd", nvi).get().nieuwe_waarden
    assert nieuw["lek_bevestigd"] is True
    assert "Vraag 1, antwoord: KvK-nummer van de vragensteller “68750110”" in nieuw["lekcontrole"]
    assert any("Jeugdzorg De Horizon B.V." in v for v in nieuw["lekcontrole"])


def test_schone_publicatie_heeft_geen_lekvermelding_in_de_audit(procedure, vragensteller, inkoper,
                                                                 django_capture_on_commit_callbacks):
    vraag = _vraag(procedure, vragensteller, "Geldt het quotum?", "Ja.")
    with django_capture_on_commit_callbacks(execute=False):
        nvi = nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    assert "lek_bevestigd" not in auditregels("nvi.gepubliceerd", nvi).get().nieuwe_waarden


def test_scherm_toont_vondsten_en_vraagt_bevestiging(staff_client, inkoper, procedure, vragensteller,
                                                     django_capture_on_commit_callbacks):
    vraag = _vraag(procedure, vragensteller, "Geldt het quotum?", "Mail s.vandijk@dehorizon-jeugdzorg.nl.")
    client = staff_client(inkoper)
    url = reverse("aanbesteding_nvi_publiceren", args=[procedure.pk])
    antwoord = client.post(url, {"vragen": [str(vraag.pk)], "inleiding": ""})
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "kan verraden wie de vraag stelde" in html
    assert "Vraag 1, antwoord: e-mailadres <strong>s.vandijk@dehorizon-jeugdzorg.nl</strong>" in html
    assert 'name="lek_bevestigd"' in html
    assert not NotaVanInlichtingen.objects.exists()
    with django_capture_on_commit_callbacks(execute=False):
        antwoord = client.post(url, {"vragen": [str(vraag.pk)], "inleiding": "", "lek_bevestigd": "on"})
    assert antwoord.status_code == 302
    nvi = NotaVanInlichtingen.objects.get()
    assert auditregels("nvi.gepubliceerd", nvi).get().nieuwe_waarden["lek_bevestigd"] is True
