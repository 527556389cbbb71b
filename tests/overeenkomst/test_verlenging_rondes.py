"""Term and extension through the services (003a §3.6; /work/shared/domain/003a.md lines 86–89).

The rule: the Gooi contract runs to 31-12-2028 and can be extended by 2 years at a time; an extension is
announced by 1 September, a provider that does not want it objects by registered letter before 1 October;
silence or lateness counts as consent. Without extension the deelnames end on the last day of the term
(002 art. 6.2 "eindigt van rechtswege").
"""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Aanbesteding
from core.models import VerstuurdeMail
from organisaties.models import Bericht
from overeenkomst import services, tasks
from overeenkomst.models import (
    Deelname,
    Mededeling,
    Uittreding,
    Verlengingsbezwaar,
    Verlengingsronde,
)

from ._hulp import auditregels, contracteer, een_auditregel


@pytest.fixture
def twee(gooi, aanbieder, andere_aanbieder):
    ab, bhl, dag = gooi
    return ab, contracteer(ab, aanbieder, [bhl]), contracteer(ab, andere_aanbieder, [dag])


# Letters are recorded after they arrived (never in the future, issue 18): the clock stands after 30 September.
NA_BEZWAARTERMIJN = date(2028, 10, 2)


def _aankondigen(ab, door, op=date(2028, 8, 20)):
    with time_machine.travel(op):
        return services.verlenging_aankondigen(aanbesteding=ab, door=door)


class TestAankondigen:
    def test_op_1_september_nog_op_tijd_met_auditregel_en_mededeling(self, twee, contractmanager):
        ab, _, _ = twee
        ronde = _aankondigen(ab, contractmanager, op=date(2028, 9, 1))
        assert (ronde.oude_einddatum, ronde.nieuwe_einddatum, ronde.bezwaar_tot, ronde.aangekondigd_op) == (
            date(2028, 12, 31), date(2030, 12, 31), date(2028, 10, 1), date(2028, 9, 1)
        )
        regel = een_auditregel("verlenging.aangekondigd", ronde)
        assert (regel.actor, regel.nieuwe_waarden) == (contractmanager, {"nieuwe_einddatum": "2030-12-31", "bezwaar_tot": "2028-10-01"})
        mededeling = Mededeling.objects.get(soort=Mededeling.Soort.VERLENGING)
        assert mededeling.titel == "Verlenging tot 31-12-2030 aangekondigd"
        assert "vóór 01-10-2028" in mededeling.tekst and "instemming" in mededeling.tekst

    def test_op_2_september_te_laat(self, twee, contractmanager):
        ab, _, _ = twee
        with pytest.raises(ValidationError):
            _aankondigen(ab, contractmanager, op=date(2028, 9, 2))
        assert not Verlengingsronde.objects.exists()
        assert auditregels("verlenging.aangekondigd") == []

    @pytest.mark.parametrize("persona", ["aanbieder_beheerder", "beoordelaar"])
    def test_alleen_contractbeheer(self, twee, request, persona):
        ab, _, _ = twee
        with pytest.raises(PermissionDenied):
            _aankondigen(ab, request.getfixturevalue(persona))
        assert not Verlengingsronde.objects.exists()

    def test_aanbesteding_zonder_verlenging(self, twee, contractmanager):
        ab, _, _ = twee
        Aanbesteding.objects.filter(pk=ab.pk).update(verlenging_jaren=0)
        with pytest.raises(ValidationError):
            _aankondigen(Aanbesteding.objects.get(pk=ab.pk), contractmanager)
        assert not Verlengingsronde.objects.exists()

    def test_nogmaals_aankondigen_geeft_dezelfde_ronde(self, twee, contractmanager, inkoper):
        ab, _, _ = twee
        eerste = _aankondigen(ab, contractmanager)
        tweede = _aankondigen(ab, inkoper, op=date(2028, 8, 25))
        assert eerste.pk == tweede.pk and tweede.aangekondigd_door == contractmanager
        assert Mededeling.objects.filter(soort=Mededeling.Soort.VERLENGING).count() == 1

    def test_maximaal_twee_keer_verlengen(self, twee, contractmanager):
        # The factory procedure allows 2 extensions (verlenging_max_keren=2): 2028 → 2030 → 2032, then no more.
        ab, _, _ = twee
        for jaar in (2028, 2030):
            ronde = _aankondigen(Aanbesteding.objects.get(pk=ab.pk), contractmanager, op=date(jaar, 8, 20))
            services.verlenging_verwerken(ronde_id=ronde.pk, op=date(jaar, 10, 1))
        assert Aanbesteding.objects.get(pk=ab.pk).looptijd_einde == date(2032, 12, 31)
        with pytest.raises(ValidationError):
            _aankondigen(Aanbesteding.objects.get(pk=ab.pk), contractmanager, op=date(2032, 8, 20))
        assert Verlengingsronde.objects.count() == 2

    def test_aanbieders_eenmaal_bericht(self, twee, aanbieder, andere_aanbieder, contractmanager, django_capture_on_commit_callbacks):
        ab, _, _ = twee
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            ronde = _aankondigen(ab, contractmanager)
        assert len(mail.outbox) == 2
        assert {tuple(m.to) for m in mail.outbox} == {(aanbieder.contact_email,), (andere_aanbieder.contact_email,)}
        assert tasks.verlenging_versturen(ronde.pk) == 0
        assert len(mail.outbox) == 2
        # ADR 0028: one message in each provider's inbox.
        assert sorted(Bericht.objects.filter(sleutel__startswith=f"verlenging:{ronde.pk}:", soort="Verlenging")
                      .values_list("organisatie_id", flat=True)) == sorted([aanbieder.pk, andere_aanbieder.pk])


class TestBezwaar:
    @time_machine.travel(NA_BEZWAARTERMIJN, tick=False)
    def test_30_september_op_tijd_met_auditregel(self, twee, contractmanager):
        ab, a, _ = twee
        ronde = _aankondigen(ab, contractmanager)
        bezwaar = services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=a, ontvangen_op=date(2028, 9, 30),
                                                        toelichting="Aangetekende brief", door=contractmanager)
        assert (bezwaar.ontvangen_op, bezwaar.vastgelegd_door) == (date(2028, 9, 30), contractmanager)
        regel = een_auditregel("verlenging.bezwaar", a)
        assert regel.nieuwe_waarden == {"ronde": str(ronde), "ontvangen_op": "2028-09-30"}

    def test_1_oktober_te_laat_geldt_als_instemming(self, twee, contractmanager):
        ab, a, _ = twee
        ronde = _aankondigen(ab, contractmanager)
        with pytest.raises(ValidationError):
            services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=a, ontvangen_op=date(2028, 10, 1), door=contractmanager)
        assert not Verlengingsbezwaar.objects.exists()
        assert auditregels("verlenging.bezwaar") == []

    def test_aanbieder_legt_niet_zelf_vast(self, twee, aanbieder_beheerder, contractmanager):
        # The objection is a registered letter; staff record it.
        ab, a, _ = twee
        ronde = _aankondigen(ab, contractmanager)
        with pytest.raises(PermissionDenied):
            services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=a, ontvangen_op=date(2028, 9, 1), door=aanbieder_beheerder)
        assert not Verlengingsbezwaar.objects.exists()

    @time_machine.travel(NA_BEZWAARTERMIJN, tick=False)
    def test_een_bezwaar_per_ronde(self, twee, contractmanager):
        ab, a, _ = twee
        ronde = _aankondigen(ab, contractmanager)
        for ontvangen in (date(2028, 9, 10), date(2028, 9, 20)):
            services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=a, ontvangen_op=ontvangen, door=contractmanager)
        assert list(Verlengingsbezwaar.objects.values_list("ontvangen_op", flat=True)) == [date(2028, 9, 10)]

    def test_overeenkomst_van_een_andere_aanbesteding_geweigerd(self, twee, mlo, derde_aanbieder, contractmanager):
        ab, _, _ = twee
        mlo_ab, mlo_perceel = mlo
        vreemd = contracteer(mlo_ab, derde_aanbieder, [mlo_perceel])
        ronde = _aankondigen(ab, contractmanager)
        with pytest.raises(ValidationError):
            services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=vreemd, ontvangen_op=date(2028, 9, 10), door=contractmanager)
        assert not Verlengingsbezwaar.objects.exists()
        assert auditregels("verlenging.bezwaar") == []


class TestVerwerken:
    @time_machine.travel(NA_BEZWAARTERMIJN, tick=False)
    def test_verwerking_met_auditregel(self, twee, contractmanager):
        ab, a, b = twee
        ronde = _aankondigen(ab, contractmanager)
        services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=a, ontvangen_op=date(2028, 9, 15), door=contractmanager)
        assert services.verlenging_verwerken(ronde_id=ronde.pk, op=date(2028, 10, 1)) is not None
        ronde.refresh_from_db()
        assert ronde.status == Verlengingsronde.Status.VERWERKT
        assert een_auditregel("verlenging.verwerkt", ronde).nieuwe_waarden == {"bezwaren": 1}
        u = Uittreding.objects.get()
        assert (u.overeenkomst, u.aanleiding, u.status, u.ontvangen_op, u.vroegste_einddatum) == (
            a, Uittreding.Aanleiding.VERLENGING_BEZWAAR, Uittreding.Status.LOPEND, date(2028, 9, 15), date(2028, 12, 31)
        )
        assert [d.perceel.code for d in u.deelnames.all()] == ["5.10"]
        assert Aanbesteding.objects.get(pk=ab.pk).looptijd_einde == date(2030, 12, 31)

    def test_voor_1_oktober_niets(self, twee, contractmanager):
        ab, _, _ = twee
        ronde = _aankondigen(ab, contractmanager)
        assert services.verlenging_verwerken(ronde_id=ronde.pk, op=date(2028, 9, 30)) is None
        assert Aanbesteding.objects.get(pk=ab.pk).looptijd_einde == date(2028, 12, 31)
        assert auditregels("verlenging.verwerkt") == []

    @time_machine.travel(NA_BEZWAARTERMIJN, tick=False)
    def test_tweede_verwerking_niets(self, twee, contractmanager):
        ab, a, _ = twee
        ronde = _aankondigen(ab, contractmanager)
        services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=a, ontvangen_op=date(2028, 9, 15), door=contractmanager)
        services.verlenging_verwerken(ronde_id=ronde.pk, op=date(2028, 10, 1))
        assert services.verlenging_verwerken(ronde_id=ronde.pk, op=date(2028, 10, 2)) is None
        assert Uittreding.objects.count() == 1
        assert Aanbesteding.objects.get(pk=ab.pk).looptijd_einde == date(2030, 12, 31)  # not 2032
        assert len(auditregels("verlenging.verwerkt")) == 1

    def test_onbekende_ronde(self, db):
        assert services.verlenging_verwerken(ronde_id=987654, op=date(2028, 10, 1)) is None


class TestEindeLooptijd:
    def test_niet_op_de_laatste_dag(self, twee):
        ab, _, _ = twee
        assert services.looptijd_beeindigen(aanbesteding_id=ab.pk, op=date(2028, 12, 31)) == 0
        assert not Uittreding.objects.exists()

    def test_de_dag_erna_eindigt_elke_lopende_deelname(self, twee):
        ab, a, b = twee
        assert services.looptijd_beeindigen(aanbesteding_id=ab.pk, op=date(2029, 1, 1)) == 2
        assert set(Deelname.objects.values_list("status", "einddatum", "einde_reden")) == {
            (Deelname.Status.BEEINDIGD, date(2028, 12, 31), "Einde looptijd")
        }
        for ovk in (a, b):
            assert een_auditregel("overeenkomst.beeindigd", ovk).nieuwe_waarden == {"einddatum": "2028-12-31"}
        assert services.looptijd_beeindigen(aanbesteding_id=ab.pk, op=date(2029, 1, 2)) == 0

    def test_lopende_verlengingsronde_houdt_de_deelnames_in_leven(self, twee, contractmanager):
        ab, _, _ = twee
        _aankondigen(ab, contractmanager)
        assert services.looptijd_beeindigen(aanbesteding_id=ab.pk, op=date(2029, 1, 1)) == 0
        assert not Deelname.objects.filter(status=Deelname.Status.BEEINDIGD).exists()


class TestHerinneringAanStaf:
    def test_herinnering_eenmaal_per_looptijd(self, twee, contractmanager):
        # Reminder 30 days (Contractregels.verlenging_herinnering_dagen) before 1 September 2028 = 2 August.
        mail.outbox.clear()
        with time_machine.travel(date(2028, 9, 1)):
            assert tasks.verlengingen() == 1
        with time_machine.travel(date(2028, 9, 1)):
            assert tasks.verlengingen() == 0
        ab, _, _ = twee
        assert VerstuurdeMail.objects.filter(sleutel=f"verlenging:{ab.pk}:2028-12-31").count() == 1
        assert len(mail.outbox) == 1 and "01-09-2028" in mail.outbox[0].body

    def test_geen_herinnering_na_de_aankondigingsdatum(self, twee, contractmanager):
        with time_machine.travel(date(2028, 9, 2)):
            assert tasks.verlengingen() == 0

    def test_geen_herinnering_als_al_aangekondigd(self, twee, contractmanager):
        ab, _, _ = twee
        _aankondigen(ab, contractmanager, op=date(2028, 8, 1))
        mail.outbox.clear()
        with time_machine.travel(date(2028, 8, 20)):
            assert tasks.verlengingen() == 0
        assert mail.outbox == []
