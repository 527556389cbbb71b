"""The provider's wijzigingsformulier through the services (003a §3.4 and §3.7; /work/shared/domain/003a.md).

Rules: contact person within 5 working days (589); capacity and subcontractors for next year before
1 October, effective 1 January after consent (538, 687); legal form ≥ 3 months ahead with a fee of € 3.000 excl.
btw plus € 75/h beyond 40 hours (401–405); a new KvK number is a new legal entity, so no change request (§3.4).
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from organisaties.models import Bericht, Organisatie
from overeenkomst import services, tasks
from overeenkomst.models import Onderaannemer, Overeenkomst, Uittreding, Wijzigingsverzoek

from ._hulp import auditregels, contracteer, een_auditregel, medewerker_van

S = Wijzigingsverzoek.Soort
TZ = ZoneInfo("Europe/Amsterdam")
ADRES = {"straat": "Larenseweg 30", "postcode": "1221 CN", "plaats": "Hilversum"}


@pytest.fixture
def ovk(gooi, aanbieder):
    ab, bhl, dag = gooi
    return contracteer(ab, aanbieder, [bhl, dag], date(2026, 1, 1))


def _regels(ovk, **velden):
    """Change this procedure's Contractregels (ARCHITECTURE rule 8: a region's own rules are data)."""
    r = ovk.aanbesteding.contractregels
    for veld, waarde in velden.items():
        setattr(r, veld, waarde)
    r.save()


def _indienen(ovk, door, soort=S.ADRES, wijzigingsdatum=date(2026, 6, 1), gegevens=None, **kw):
    return services.wijzigingsverzoek_indienen(
        overeenkomst=ovk, soort=soort, wijzigingsdatum=wijzigingsdatum, gegevens=ADRES if gegevens is None else gegevens,
        door=door, **kw,
    )


class TestIndienen:
    @time_machine.travel(date(2026, 6, 2))
    def test_adreswijziging_met_auditregel(self, ovk, aanbieder_beheerder):
        v = _indienen(ovk, aanbieder_beheerder, toelichting="Verhuisd")
        assert (v.status, v.ingangsdatum, v.te_laat, v.vergoeding) == (Wijzigingsverzoek.Status.INGEDIEND, date(2026, 6, 1), False, None)
        regel = een_auditregel("wijzigingsverzoek.ingediend", v)
        assert regel.actor == aanbieder_beheerder
        assert regel.nieuwe_waarden["soort"] == "adres" and regel.nieuwe_waarden["gegevens"] == ADRES
        assert regel.nieuwe_waarden["te_laat"] is False

    @pytest.mark.parametrize("persona", ["medewerker", "andere_beheerder", "contractmanager"])
    def test_alleen_een_beheerder_van_de_aanbieder(self, ovk, aanbieder, request, persona):
        door = medewerker_van(aanbieder) if persona == "medewerker" else request.getfixturevalue(persona)
        with pytest.raises(PermissionDenied):
            _indienen(ovk, door)
        assert not Wijzigingsverzoek.objects.exists()
        assert auditregels("wijzigingsverzoek.ingediend") == []

    def test_beeindigde_overeenkomst_geweigerd(self, ovk, aanbieder_beheerder, contractmanager):
        with time_machine.travel(date(2026, 3, 1)):
            u = services.overeenkomst_beeindigen(overeenkomst=ovk, grond=Uittreding.Grond.BIBOB, einddatum=date(2026, 3, 31),
                                                 toelichting="Bibob-advies", door=contractmanager)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 3, 15), door=contractmanager)
        with time_machine.travel(date(2026, 4, 1)):
            services.uittreding_afronden_indien_klaar(uittreding_id=u.pk)
            ovk.refresh_from_db()
            assert ovk.status == Overeenkomst.Status.BEEINDIGD
            with pytest.raises(ValidationError):
                _indienen(ovk, aanbieder_beheerder)
        assert not Wijzigingsverzoek.objects.exists()

    def test_onbekende_soort_geweigerd(self, ovk, aanbieder_beheerder):
        with pytest.raises(ValidationError):
            _indienen(ovk, aanbieder_beheerder, soort="bankrekening")
        assert not Wijzigingsverzoek.objects.exists()

    def test_ander_kvk_nummer_laat_organisatie_ongemoeid(self, ovk, aanbieder, aanbieder_beheerder):
        # 003a §3.4: a new KvK number is a new legal entity that registers itself; no change request.
        with pytest.raises(ValidationError):
            _indienen(ovk, aanbieder_beheerder, soort=S.KVK, gegevens={"kvk_nummer": "99999999"})
        assert Organisatie.objects.get(pk=aanbieder.pk).kvk_nummer == aanbieder.kvk_nummer
        assert not Wijzigingsverzoek.objects.exists()
        assert auditregels("wijzigingsverzoek.ingediend") == []


class TestContactpersoon:
    """003a §3.7 (589): within 5 working days of the change (Algemene termijnenwet holidays)."""

    GEGEVENS = {"contactpersoon": "M. de Vries", "contact_email": "mdv@zorgkracht.example"}

    @pytest.mark.parametrize(("ingediend", "te_laat"), [
        # Change Wed 23-12-2026: Thu 24 (1), Fri 25 and Sat 26 Christmas/weekend, Mon 28 (2), 29 (3), 30 (4), 31 (5).
        (date(2026, 12, 31), False),
        (date(2027, 1, 4), True),
    ])
    def test_kerst_telt_niet_mee(self, ovk, aanbieder_beheerder, ingediend, te_laat):
        with time_machine.travel(ingediend):
            v = _indienen(ovk, aanbieder_beheerder, soort=S.CONTACTPERSOON, wijzigingsdatum=date(2026, 12, 23), gegevens=self.GEGEVENS)
        assert (v.te_laat, v.ingangsdatum) == (te_laat, date(2026, 12, 23))
        assert een_auditregel("wijzigingsverzoek.ingediend", v).nieuwe_waarden["te_laat"] is te_laat

    def test_termijn_is_data_per_procedure(self, ovk, aanbieder_beheerder):
        _regels(ovk, contactpersoon_werkdagen=10)
        # 10 working days from Wed 23-12-2026: 24, 28, 29, 30, 31, (1 Jan holiday) 4, 5, 6, 7, 8 January.
        with time_machine.travel(date(2027, 1, 8)):
            assert not _indienen(ovk, aanbieder_beheerder, soort=S.CONTACTPERSOON, wijzigingsdatum=date(2026, 12, 23),
                                 gegevens=self.GEGEVENS).te_laat
        with time_machine.travel(date(2027, 1, 11)):
            assert _indienen(ovk, aanbieder_beheerder, soort=S.CONTACTPERSOON, wijzigingsdatum=date(2026, 12, 23),
                             gegevens=self.GEGEVENS).te_laat


class TestCapaciteitEnOnderaannemers:
    """003a §3.7 (538, 687): before 1 October for next year, effective 1 January after consent."""

    def test_laatste_minuut_van_30_september_amsterdamse_tijd(self, ovk, aanbieder_beheerder):
        with time_machine.travel(datetime(2026, 9, 30, 23, 59, tzinfo=TZ)):
            v = _indienen(ovk, aanbieder_beheerder, soort=S.CAPACITEIT, gegevens={"capaciteit": "5.10: 8 plaatsen"})
        assert (v.ingangsdatum, v.te_laat) == (date(2027, 1, 1), False)

    def test_half_een_s_nachts_op_1_oktober_is_te_laat_ook_al_is_het_in_utc_nog_30_september(self, ovk, aanbieder_beheerder):
        # 00:30 Amsterdam (CEST, +02:00) is 22:30 UTC on 30 September: the one clock is Europe/Amsterdam.
        with time_machine.travel(datetime(2026, 10, 1, 0, 30, tzinfo=TZ)):
            v = _indienen(ovk, aanbieder_beheerder, soort=S.CAPACITEIT, gegevens={"capaciteit": "5.10: 8 plaatsen"})
        assert (v.ingangsdatum, v.te_laat) == (date(2028, 1, 1), True)

    @time_machine.travel(date(2026, 5, 1))
    def test_peildatum_per_procedure(self, ovk, aanbieder_beheerder):
        _regels(ovk, peildatum_capaciteit_maand=4, peildatum_capaciteit_dag=15)
        v = _indienen(ovk, aanbieder_beheerder, soort=S.ONDERAANNEMERS, gegevens={"onderaannemers": []})
        assert (v.ingangsdatum, v.te_laat) == (date(2028, 1, 1), True)

    @time_machine.travel(date(2026, 9, 1))
    def test_onderaannemer_zonder_percelen_komt_bij_elke_lopende_deelname(self, ovk, aanbieder_beheerder, contractmanager):
        v = _indienen(ovk, aanbieder_beheerder, soort=S.ONDERAANNEMERS,
                      gegevens={"onderaannemers": [{"naam": "Praktijk Vos", "kvk_nummer": "87654321", "plaats": "Bussum"}]})
        services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=True, door=contractmanager)
        assert sorted(Onderaannemer.objects.values_list("deelname__perceel__code", "vanaf", "plaats")) == [
            ("5.10", date(2027, 1, 1), "Bussum"), ("5.4", date(2027, 1, 1), "Bussum")
        ]
        assert auditregels("organisatie.gewijzigd") == []  # nothing about the provider itself changed


class TestRechtsvorm:
    """003a §3.4: ≥ 3 months before the conversion; € 3.000 + € 75/h beyond 40 hours."""

    @pytest.mark.parametrize(("vandaag", "toegestaan"), [(date(2026, 10, 1), True), (date(2026, 10, 2), False)])
    def test_drie_maanden_voor_1_januari(self, ovk, aanbieder_beheerder, vandaag, toegestaan):
        with time_machine.travel(vandaag):
            if toegestaan:
                assert _indienen(ovk, aanbieder_beheerder, soort=S.RECHTSVORM, wijzigingsdatum=date(2027, 1, 1),
                                 gegevens={"rechtsvorm": "bv"}).vergoeding == Decimal("3000.00")
            else:
                with pytest.raises(ValidationError):
                    _indienen(ovk, aanbieder_beheerder, soort=S.RECHTSVORM, wijzigingsdatum=date(2027, 1, 1), gegevens={"rechtsvorm": "bv"})
        assert Wijzigingsverzoek.objects.count() == (1 if toegestaan else 0)

    @pytest.mark.parametrize(("uren", "vergoeding"), [
        (30, Decimal("3000.00")),  # fewer hours than included: no discount
        (40, Decimal("3000.00")),
        (52, Decimal("3900.00")),  # 3000 + 12 × 75
        (Decimal("40.5"), Decimal("3037.50")),  # 3000 + 0.5 × 75
    ])
    @time_machine.travel(date(2026, 6, 1))
    def test_vergoeding_naar_behandeluren(self, ovk, aanbieder_beheerder, uren, vergoeding):
        v = _indienen(ovk, aanbieder_beheerder, soort=S.RECHTSVORM, wijzigingsdatum=date(2027, 1, 1),
                      gegevens={"rechtsvorm": "stichting", "uren": uren if isinstance(uren, int) else str(uren)})
        assert v.vergoeding == vergoeding
        assert Decimal(een_auditregel("wijzigingsverzoek.ingediend", v).nieuwe_waarden["vergoeding"]) == vergoeding

    @time_machine.travel(date(2026, 6, 1))
    def test_vergoeding_is_data_per_procedure(self, ovk, aanbieder_beheerder):
        _regels(ovk, rechtsvorm_vergoeding=Decimal("2500"), rechtsvorm_uurtarief=Decimal("80"), rechtsvorm_uren_inbegrepen=30)
        v = _indienen(ovk, aanbieder_beheerder, soort=S.RECHTSVORM, wijzigingsdatum=date(2027, 1, 1), gegevens={"rechtsvorm": "bv"})
        assert v.vergoeding == Decimal("2500.00")  # no hours given: the included hours, so no surcharge
        w = _indienen(ovk, aanbieder_beheerder, soort=S.RECHTSVORM, wijzigingsdatum=date(2027, 2, 1),
                      gegevens={"rechtsvorm": "bv", "uren": 35})
        assert w.vergoeding == Decimal("2900.00")  # 2500 + 5 × 80


class TestBeoordelen:
    @time_machine.travel(date(2026, 6, 2))
    def test_goedkeuring_adres_wijzigt_organisatie_met_twee_auditregels(self, ovk, aanbieder, aanbieder_beheerder, contractmanager):
        v = _indienen(ovk, aanbieder_beheerder)
        services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=True, door=contractmanager)
        org = Organisatie.objects.get(pk=aanbieder.pk)
        assert (org.straat, org.postcode, org.plaats) == ("Larenseweg 30", "1221 CN", "Hilversum")
        v.refresh_from_db()
        assert (v.status, v.beoordeeld_door) == (Wijzigingsverzoek.Status.GOEDGEKEURD, contractmanager)
        assert een_auditregel("wijzigingsverzoek.beoordeeld", v).nieuwe_waarden == {"status": "goedgekeurd"}
        org_regel = een_auditregel("organisatie.gewijzigd", org)
        # Only what changed: the factory's plaats was already Hilversum.
        assert org_regel.oude_waarden == {"straat": "Kerkstraat 1", "postcode": "1211 AB"}
        assert org_regel.nieuwe_waarden == {"straat": "Larenseweg 30", "postcode": "1221 CN"}
        assert org_regel.actor == contractmanager

    @time_machine.travel(date(2026, 6, 1))
    def test_goedkeuring_rechtsvorm_past_rechtsvorm_en_naam_aan(self, ovk, aanbieder, aanbieder_beheerder, contractmanager):
        v = _indienen(ovk, aanbieder_beheerder, soort=S.RECHTSVORM, wijzigingsdatum=date(2026, 12, 1),
                      gegevens={"rechtsvorm": "stichting", "naam": "Stichting Zorgkracht Gooi"})
        services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=True, door=contractmanager)
        org = Organisatie.objects.get(pk=aanbieder.pk)
        assert (org.rechtsvorm, org.naam, org.kvk_nummer) == ("stichting", "Stichting Zorgkracht Gooi", aanbieder.kvk_nummer)

    @time_machine.travel(date(2026, 6, 2))
    def test_ongeldige_postcode_bij_goedkeuring_laat_alles_ongewijzigd(self, ovk, aanbieder, aanbieder_beheerder, contractmanager):
        v = _indienen(ovk, aanbieder_beheerder, gegevens={"straat": "Larenseweg 30", "postcode": "12345", "plaats": "Hilversum"})
        with pytest.raises(ValidationError):
            services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=True, door=contractmanager)
        v.refresh_from_db()
        assert v.status == Wijzigingsverzoek.Status.INGEDIEND
        assert Organisatie.objects.get(pk=aanbieder.pk).postcode == "1211 AB"
        assert auditregels("wijzigingsverzoek.beoordeeld") == [] and auditregels("organisatie.gewijzigd") == []

    def test_afwijzing_met_reden(self, ovk, aanbieder, aanbieder_beheerder, contractmanager):
        v = _indienen(ovk, aanbieder_beheerder)
        services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=False, reden="Vestiging buiten de regio", door=contractmanager)
        v.refresh_from_db()
        assert (v.status, v.reden) == (Wijzigingsverzoek.Status.AFGEWEZEN, "Vestiging buiten de regio")
        regel = een_auditregel("wijzigingsverzoek.beoordeeld", v)
        assert (regel.nieuwe_waarden, regel.toelichting) == ({"status": "afgewezen"}, "Vestiging buiten de regio")
        assert Organisatie.objects.get(pk=aanbieder.pk).straat == "Kerkstraat 1"

    def test_tweede_beoordeling_geweigerd(self, ovk, aanbieder_beheerder, contractmanager, inkoper):
        v = _indienen(ovk, aanbieder_beheerder)
        services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=False, reden="Onvolledig", door=contractmanager)
        with pytest.raises(ValidationError):
            services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=True, door=inkoper)
        v.refresh_from_db()
        assert (v.status, v.beoordeeld_door) == (Wijzigingsverzoek.Status.AFGEWEZEN, contractmanager)
        assert len(auditregels("wijzigingsverzoek.beoordeeld")) == 1

    @pytest.mark.parametrize("persona", ["aanbieder_beheerder", "beoordelaar", "andere_beheerder"])
    def test_geen_contractbeheer_mag_niet_beoordelen(self, ovk, aanbieder_beheerder, request, persona):
        v = _indienen(ovk, aanbieder_beheerder)
        with pytest.raises(PermissionDenied):
            services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=True, door=request.getfixturevalue(persona))
        v.refresh_from_db()
        assert v.status == Wijzigingsverzoek.Status.INGEDIEND

    def test_besluit_wordt_eenmaal_gemaild(self, ovk, aanbieder, aanbieder_beheerder, contractmanager, django_capture_on_commit_callbacks):
        v = _indienen(ovk, aanbieder_beheerder)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.wijzigingsverzoek_beoordelen(verzoek=v, goedkeuren=False, reden="Onvolledig", door=contractmanager)
        # The decision, and the sealed receipt of the bureau's answer (issue 18).
        assert sorted(m.subject for m in mail.outbox) == [
            "Besluit wijzigingsverzoek Adres of vestiging", "Ontvangstbevestiging: Besluit op het wijzigingsverzoek"]
        besluit = next(m for m in mail.outbox if m.subject.startswith("Besluit"))
        assert "afgewezen" in besluit.body and "Onvolledig" in besluit.body
        assert set(besluit.to) == {aanbieder.contact_email, aanbieder_beheerder.email}
        assert tasks.wijzigingsverzoek_besluit_versturen(v.pk) is False  # a re-run sends nothing
        assert len(mail.outbox) == 2
        # ADR 0028: once in the provider's inbox, linked to the agreement.
        (inbox,) = Bericht.objects.filter(sleutel=f"wijzigingsverzoek:{v.pk}:besluit")
        assert (inbox.organisatie, inbox.soort, inbox.pad) == (aanbieder, "Besluit wijzigingsverzoek",
                                                               f"/mijn/overeenkomsten/{ovk.pk}/")

    def test_geen_bericht_zolang_niet_beoordeeld(self, ovk, aanbieder_beheerder):
        v = _indienen(ovk, aanbieder_beheerder)
        mail.outbox.clear()
        assert tasks.wijzigingsverzoek_besluit_versturen(v.pk) is False
        assert mail.outbox == []
