"""Edges of indexation by 003 §6.22 (issue 19): other regions, mixing methods across years, a round drafted
before last year's round was published, withdrawal and correction, and the grondslag of the other methods."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aanbesteding.models import Tarief
from overeenkomst import services
from overeenkomst.models import Addendum, Indexatieronde

from ._hulp import auditregels
from .factories import gooi_procedure
from .test_indexatie_bronmethode import BRON, definitief

URL = reverse("overeenkomst_admin_indexatie")


def _publiceer(ronde, inkoper, contractmanager):
    return services.addendum_publiceren(addendum=services.indexatie_als_addendum(ronde=ronde, door=inkoper), door=contractmanager)


def _meldingen(antwoord) -> list[str]:
    return [str(m) for m in get_messages(antwoord.wsgi_request)]


class TestAndereRegio:
    """Staff of region A act on A's rounds only: B's round is a 404 on the screen and a PermissionDenied in the
    services, for every new action; the control is the same action on A's round."""

    @pytest.fixture
    def rondes(self, regio_a, regio_b, inkoper):
        a, _, _ = gooi_procedure(regio=regio_a, titel="Jeugdhulp Gooi")
        b, _, _ = gooi_procedure(regio=regio_b, titel="Jeugdhulp Limburg")
        with time_machine.travel(date(2025, 9, 1)):
            ra = services.indexatie_opstellen(aanbesteding=a, jaar=2026, methode=BRON, ova_voorlopig=Decimal("4"), door=inkoper)
            rb = services.indexatie_opstellen(aanbesteding=b, jaar=2026, methode=BRON, ova_voorlopig=Decimal("4"), door=inkoper)
        return ra, rb

    @pytest.mark.parametrize("post", [
        {"actie": "wijzigen", "methode": BRON, "ova_voorlopig": "9", "jaar": "2026"},
        {"actie": "verwijderen"},
        {"actie": "afwijking", "reden": "Te laat"},
        {"actie": "definitief", "def-TOTAL_FORMS": "0", "def-INITIAL_FORMS": "0"},
    ])
    def test_scherm_404_voor_andere_regio(self, client, rondes, inkoper_a, post):
        ra, rb = rondes
        client.force_login(inkoper_a)
        assert client.post(f"{URL}?ronde={rb.pk}", {**post, "aanbesteding": rb.aanbesteding_id}).status_code == 404
        assert client.get(f"{URL}?ronde={rb.pk}").status_code == 404
        rb.refresh_from_db()
        assert (rb.ova_voorlopig, rb.addendum_id) == (Decimal("4"), None)
        assert client.get(f"{URL}?ronde={ra.pk}").status_code == 200

    def test_services_weigeren_andere_regio(self, rondes, inkoper_a):
        ra, rb = rondes
        with pytest.raises(PermissionDenied):
            services.indexatie_wijzigen(ronde=rb, methode=BRON, ova_voorlopig=Decimal("9"), door=inkoper_a)
        with pytest.raises(PermissionDenied):
            services.indexatie_verwijderen(ronde=rb, door=inkoper_a)
        with pytest.raises(PermissionDenied):
            services.indexatie_definitief_vastleggen(ronde=rb, componenten=definitief("3", "2", "1"), door=inkoper_a)
        assert Indexatieronde.objects.filter(pk=rb.pk, ova_voorlopig=4).exists()
        services.indexatie_wijzigen(ronde=ra, methode=BRON, ova_voorlopig=Decimal("3"), door=inkoper_a)  # control
        ra.refresh_from_db()
        assert ra.percentage == Decimal("1.5")

    def test_wijzigen_naar_procedure_van_andere_regio_kan_niet(self, client, rondes, inkoper_a):
        # The edit form carries the procedure only as a hidden field; a procedure of B is an invalid choice.
        ra, rb = rondes
        client.force_login(inkoper_a)
        client.post(f"{URL}?ronde={ra.pk}", {"actie": "wijzigen", "aanbesteding": rb.aanbesteding_id, "jaar": "2026",
                                            "methode": BRON, "ova_voorlopig": "9"})
        ra.refresh_from_db()
        assert (ra.aanbesteding_id, ra.ova_voorlopig) != (rb.aanbesteding_id, Decimal("9"))
        assert ra.ova_voorlopig == Decimal("4")


class TestMethodenDoorElkaar:
    def test_bronmethode_na_een_percentageronde_begint_bij_het_tarief(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2025, 9, 1)):
            _publiceer(services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2.5"), door=inkoper), inkoper, contractmanager)
        # The percentage round also writes the base it indexed (the unrounded 2025 tariff).
        t2026 = Tarief.objects.get(product__code="43B03", intensiteit="extra_zwaar", geldig_van=date(2026, 1, 1))
        assert (t2026.bedrag, t2026.bedrag_onafgerond, t2026.grondslag) == (Decimal("451.78"), Decimal("451.779000"), Decimal("440.760000"))
        with time_machine.travel(date(2026, 9, 1)):
            ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2027, methode=BRON, ova_voorlopig=Decimal("3"), door=inkoper)
        rij = next(r for r in services.indexatie_voorbeeld(ronde) if r["intensiteit"] == "extra_zwaar")
        # No 003 §6.22 round in 2026, so no definitive index to correct with: the base is the 2026 tariff itself
        # (unrounded 451.779), × 1.015 = 458.555685 → € 458,56.
        assert (rij["definitief"], rij["basis"], rij["nieuw"]) == (None, Decimal("451.779000"), Decimal("458.56"))

    def test_percentageronde_na_bronronde_vraagt_geen_definitieve_index(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2025, 9, 1)):
            _publiceer(services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=BRON, ova_voorlopig=Decimal("4"), door=inkoper), inkoper, contractmanager)
        with time_machine.travel(date(2026, 9, 1)):
            ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2027, percentage=Decimal("1.5"), door=inkoper)
        rij = next(r for r in services.indexatie_voorbeeld(ronde) if r["intensiteit"] == "extra_zwaar")
        assert (rij["basis"], rij["nieuw"]) == (Decimal("449.575200"), Decimal("456.32"))  # 449.5752 × 1.015

    def test_wijzigen_naar_bronmethode_vraagt_ook_de_definitieve_index(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2025, 9, 1)):
            _publiceer(services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=BRON, ova_voorlopig=Decimal("4"), door=inkoper), inkoper, contractmanager)
        with time_machine.travel(date(2026, 9, 1)):
            ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2027, percentage=Decimal("1.5"), door=inkoper)
            with pytest.raises(ValidationError, match="De definitieve index over 2026 is nog niet vastgelegd"):
                services.indexatie_wijzigen(ronde=ronde, methode=BRON, ova_voorlopig=Decimal("3"), door=inkoper)
        ronde.refresh_from_db()
        assert ronde.methode == Indexatieronde.Methode.PERCENTAGE
        assert auditregels("indexatie.gewijzigd") == []


class TestVolgorde:
    def test_concept_volgend_jaar_opgesteld_voor_publicatie_van_dit_jaar(self, client, gooi, inkoper, contractmanager):
        """2027 drafted while 2026 was still a concept: once 2026 is published, 2027 needs 2026's definitive index
        before it can become an addendum; the screen says so instead of failing."""
        ab, _, _ = gooi
        with time_machine.travel(date(2025, 9, 1)):
            r2026 = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=BRON, ova_voorlopig=Decimal("4"), door=inkoper)
            r2027 = services.indexatie_opstellen(aanbesteding=ab, jaar=2027, methode=BRON, ova_voorlopig=Decimal("3"), door=inkoper)
            _publiceer(r2026, inkoper, contractmanager)
        with time_machine.travel(date(2026, 9, 1)):
            client.force_login(inkoper)
            html = client.get(f"{URL}?ronde={r2027.pk}").content.decode()
            assert "De definitieve index over 2026 is nog niet vastgelegd" in html
            with pytest.raises(ValidationError, match="De definitieve index over 2026"):
                services.indexatie_als_addendum(ronde=r2027, door=inkoper)
            assert not Addendum.objects.filter(titel="Tariefindexatie 2027").exists()
            services.indexatie_definitief_vastleggen(ronde=r2026, componenten=definitief("3.1", "2.5", "1.8"), door=contractmanager)
            addendum = services.indexatie_als_addendum(ronde=r2027, door=inkoper)
        extra = next(t for t in addendum.onderdelen.get().gegevens["tarieven"] if t["intensiteit"] == "extra_zwaar")
        assert (extra["grondslag"], extra["bedrag"]) == ("453.639007", "460.44")

    def test_na_intrekken_van_addendum_volgend_jaar_weer_te_corrigeren(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2025, 9, 1)):
            r2026 = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=BRON, ova_voorlopig=Decimal("4"), door=inkoper)
            _publiceer(r2026, inkoper, contractmanager)
        with time_machine.travel(date(2026, 9, 1)):
            services.indexatie_definitief_vastleggen(ronde=r2026, componenten=definitief("3.0", "2.5", "1.8"), door=contractmanager)
            r2027 = services.indexatie_opstellen(aanbesteding=ab, jaar=2027, methode=BRON, ova_voorlopig=Decimal("3"), door=inkoper)
            addendum = services.indexatie_als_addendum(ronde=r2027, door=inkoper)
            services.addendum_intrekken(addendum=addendum, reden="CBS-cijfer gecorrigeerd", door=contractmanager)
            services.indexatie_definitief_vastleggen(ronde=r2026, componenten=definitief("3.1", "2.5", "1.8"), door=contractmanager)
            rij = next(r for r in services.indexatie_voorbeeld(r2027) if r["intensiteit"] == "extra_zwaar")
        assert rij["nieuw"] == Decimal("460.44")
        assert len(auditregels("indexatie.definitief_vastgelegd", r2026)) == 2

    def test_addendumtekst_noemt_de_methode(self, gooi, inkoper):
        ab, _, _ = gooi
        with time_machine.travel(date(2025, 9, 1)):
            ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=BRON, ova_voorlopig=Decimal("4"), door=inkoper)
            addendum = services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        assert "voorlopige index 2% = 50% van de voorlopige OVA 4%, op de grondslag; 003 §6.22" in addendum.tekst
        assert "gecorrigeerd" not in addendum.tekst  # a first round: nothing to correct

    @pytest.mark.parametrize("aandeel", ["0", "-10", "150"])
    def test_deel_van_de_ova_tussen_0_en_100(self, gooi, inkoper, aandeel):
        ab, _, _ = gooi
        with pytest.raises(ValidationError, match="tussen 0 en 100"):
            services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=BRON, ova_voorlopig=Decimal("4"),
                                         aandeel_voorlopig=Decimal(aandeel), door=inkoper)
        assert not Indexatieronde.objects.exists()

    def test_tweede_concept_via_scherm_laat_het_eerste_staan(self, client, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        eerste = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2"), door=inkoper)
        client.force_login(contractmanager)
        antwoord = client.post(URL, {"actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2026", "methode": BRON, "ova_voorlopig": "4"})
        assert antwoord["Location"] == URL
        assert any("pas dat aan of verwijder het eerst" in m for m in _meldingen(antwoord))
        eerste.refresh_from_db()
        assert (eerste.methode, eerste.percentage) == (Indexatieronde.Methode.PERCENTAGE, Decimal("2"))
        assert auditregels("indexatie.gewijzigd") == []
