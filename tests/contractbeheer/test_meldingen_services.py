"""The meldingen services (contractbeheer.services.meldingen): who may do what, what is refused, the timeline,
the status machine, the audit trail and the mails (once each)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from contractbeheer import services
from contractbeheer.models import Melding, Meldingsoort, Meldingsstap
from contractbeheer.tasks import meldingen as taken
from core.kalender import TZ
from core.models import AuditRegel
from core.toestand import OngeldigeOvergang
from organisaties.models import Bericht
from overeenkomst.models import Overeenkomst

from ._meldingen import BSN, VRIJDAG, doen, wereld

pytestmark = pytest.mark.django_db

LATER = datetime(2026, 4, 28, 10, 0, tzinfo=TZ)


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


@pytest.fixture
def m(w):
    return doen(w.ovk, w.lid, w.soort("calamiteit"))


def _acties(obj=None):
    qs = AuditRegel.objects.all()
    if obj is not None:
        qs = AuditRegel.objects.voor_object(obj)
    return list(qs.order_by("id").values_list("actie", flat=True))


# --- helpers --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("aantal", "eenheid", "tekst"), [
    (2, "werkdagen", "binnen 2 werkdagen"),
    (1, "werkdagen", "binnen 1 werkdag"),
    (24, "uren", "binnen 24 uur"),
    (1, "uren", "binnen 1 uur"),
    (3, "kalenderdagen", "binnen 3 kalenderdagen"),
    (1, "kalenderdagen", "binnen 1 kalenderdag"),
])
def test_termijn_tekst(aantal, eenheid, tekst):
    assert services.termijn_tekst(aantal, eenheid) == tekst


def _stap(soort):
    return Meldingsstap(soort=soort)


@pytest.mark.parametrize(("soorten", "open_"), [
    ([], False),
    (["notitie"], False),
    (["vraag"], True),
    (["vraag", "notitie", "status"], True),
    (["vraag", "antwoord"], False),
    (["vraag", "antwoord", "vraag"], True),
    (["antwoord"], False),
])
def test_vraag_open(soorten, open_):
    assert services.vraag_open([_stap(s) for s in soorten]) is open_


# --- melding_doen ---------------------------------------------------------------------------------------------


class TestMeldingDoen:
    def test_alle_velden_en_audit(self, w):
        m = doen(w.ovk, w.lid, w.soort("calamiteit"), ook_gemeld_aan="IGJ", maatregelen="Extra begeleiding ingezet.")
        assert (m.samenvatting, m.ook_gemeld_aan, m.maatregelen) == (
            "Incident op de groep", "IGJ", "Extra begeleiding ingezet.")
        assert m.status == Melding.Status.ONTVANGEN
        assert m.ontvangen_op == VRIJDAG + timedelta(hours=1)
        regel = AuditRegel.objects.get(actie="contractbeheer.melding_ontvangen")
        assert regel.actor == w.lid
        assert regel.nieuwe_waarden["te_laat"] is False
        assert regel.nieuwe_waarden["uiterlijk"] == "2026-04-29T23:59:00+02:00"

    def test_tekst_wordt_getrimd_en_mag_niet_leeg(self, w):
        m = doen(w.ovk, w.lid, w.soort("calamiteit"), samenvatting="  Val van de trap  ")
        assert m.samenvatting == "Val van de trap"
        with pytest.raises(ValidationError, match="samenvatting en een omschrijving"):
            doen(w.ovk, w.lid, w.soort("calamiteit"), omschrijving="   ")

    def test_gebeurtenis_in_de_toekomst_geweigerd(self, w):
        with pytest.raises(ValidationError) as fout:
            doen(w.ovk, w.lid, w.soort("calamiteit"), op=VRIJDAG.replace(hour=16, minute=0))
        assert fout.value.message_dict["gebeurd_op"] == ["Het moment van de gebeurtenis ligt in de toekomst."]
        assert not Melding.objects.exists()

    def test_naive_gebeurtenis_is_amsterdamse_tijd(self, w):
        m = doen(w.ovk, w.lid, w.soort("calamiteit"), gebeurd_op=datetime(2026, 4, 24, 16, 30),
                 op=VRIJDAG.replace(hour=18))
        assert m.gebeurd_op == VRIJDAG

    def test_geen_datum_geweigerd(self, w):
        with time_machine.travel(LATER, tick=False), pytest.raises(ValidationError, match="datum en tijd"):
            services.melding_doen(overeenkomst=w.ovk, soort=w.soort("calamiteit"), gebeurd_op="gisteren",
                                  samenvatting="x", omschrijving="y", door=w.lid)

    def test_soort_van_een_andere_procedure_geweigerd(self, w):
        with pytest.raises(ValidationError) as fout:
            doen(w.ovk, w.lid, w.soort("calamiteit", w.gooi))
        assert "soort" in fout.value.message_dict

    def test_inactieve_soort_geweigerd(self, w):
        soort = w.soort("zeggenschap")
        Meldingsoort.objects.filter(pk=soort.pk).update(actief=False)
        soort.refresh_from_db()
        with pytest.raises(ValidationError):
            doen(w.ovk, w.lid, soort)

    def test_beeindigde_overeenkomst_geweigerd(self, w):
        Overeenkomst.objects.filter(pk=w.ovk.pk).update(status=Overeenkomst.Status.BEEINDIGD)
        with pytest.raises(ValidationError, match="loopt niet meer"):
            doen(w.ovk, w.lid, w.soort("calamiteit"))

    def test_lid_van_een_andere_aanbieder_geweigerd(self, w):
        with pytest.raises(PermissionDenied):
            doen(w.ovk, w.andere_lid, w.soort("calamiteit"))
        assert not Melding.objects.exists()

    def test_staf_doet_geen_melding_namens_de_aanbieder(self, w, contractmanager_a):
        with pytest.raises(PermissionDenied):
            doen(w.ovk, contractmanager_a, w.soort("calamiteit"))


class TestGeenClientgegevens:
    @pytest.mark.parametrize("veld", ["samenvatting", "omschrijving", "maatregelen", "ook_gemeld_aan"])
    def test_bsn_geweigerd_in_elk_tekstveld(self, w, veld):
        with pytest.raises(ValidationError) as fout:
            doen(w.ovk, w.lid, w.soort("calamiteit"), **{veld: f"Het gaat om cliënt met nummer {BSN}."})
        assert list(fout.value.message_dict) == [veld]
        assert "burgerservicenummer" in fout.value.message_dict[veld][0]
        assert not Melding.objects.exists()

    def test_bsn_met_punten_geweigerd(self, w):
        with pytest.raises(ValidationError, match="burgerservicenummer"):
            doen(w.ovk, w.lid, w.soort("calamiteit"), omschrijving="Dossier 1112.22.333 betreft een val.")

    @pytest.mark.parametrize("tekst", ["Mevrouw Jansen viel van de trap.", "Cliënt De Vries is opgenomen.",
                                       "Betreft J.P. de Vries.", "naam: Piet", "Jongen geboren op 3-4-2012."])
    def test_naam_geweigerd(self, w, tekst):
        with pytest.raises(ValidationError) as fout:
            doen(w.ovk, w.lid, w.soort("calamiteit"), omschrijving=tekst)
        assert "naam" in fout.value.message_dict["omschrijving"][0]

    def test_een_gewoon_verhaal_mag(self, w):
        m = doen(w.ovk, w.lid, w.soort("calamiteit"), omschrijving=(
            "Op de groep in Venlo raakte een jongere (dossier K-2026-014) gewond. N.B. De IGJ is op 24-04 gebeld; "
            "Zorgkracht B.V. Heeft de ouders ingelicht."))
        assert m.pk


# --- melding_vastleggen ---------------------------------------------------------------------------------------


class TestVastleggenRechten:
    def _vastleggen(self, w, door, **extra):
        gegevens = {"overeenkomst": w.ovk, "soort": w.soort("calamiteit"), "gebeurd_op": VRIJDAG,
                    "ontvangen_op": LATER, "kanaal": "post", "samenvatting": "Brief", "omschrijving": "Per post.",
                    **extra}
        with time_machine.travel(datetime(2026, 5, 1, 9, 0, tzinfo=TZ), tick=False):
            return services.melding_vastleggen(door=door, **gegevens)

    def test_inkoper_van_de_regio_mag(self, w, inkoper_a):
        m = self._vastleggen(w, inkoper_a)
        assert m.vastgelegd_door == inkoper_a
        regel = AuditRegel.objects.get(actie="contractbeheer.melding_vastgelegd")
        assert (regel.actor, regel.nieuwe_waarden["kanaal"]) == (inkoper_a, "post")

    @pytest.mark.parametrize("persona", ["contractmanager_b", "beoordelaar_a", "redacteur_a"])
    def test_anderen_niet(self, w, persona, request):
        with pytest.raises(PermissionDenied):
            self._vastleggen(w, request.getfixturevalue(persona))
        assert not Melding.objects.exists()

    def test_aanbieder_legt_niet_vast(self, w):
        with pytest.raises(PermissionDenied):
            self._vastleggen(w, w.lid)

    def test_clientgegevens_ook_bij_vastleggen_geweigerd(self, w, contractmanager_a):
        with pytest.raises(ValidationError, match="burgerservicenummer"):
            self._vastleggen(w, contractmanager_a, omschrijving=f"BSN {BSN}")

    def test_soort_van_andere_procedure(self, w, contractmanager_a):
        with pytest.raises(ValidationError):
            self._vastleggen(w, contractmanager_a, soort=w.soort("calamiteit", w.gooi))


# --- stappen, antwoord, status --------------------------------------------------------------------------------


class TestStappen:
    def test_notitie_is_intern(self, m, contractmanager_a):
        stap = services.stap_toevoegen(melding=m, soort="notitie", tekst="Bellen met de directeur.",
                                       door=contractmanager_a)
        assert (stap.soort, stap.intern, stap.door) == ("notitie", True, contractmanager_a)
        regel = AuditRegel.objects.get(actie="contractbeheer.melding_stap")
        assert regel.nieuwe_waarden == {"soort": "notitie", "stap": stap.pk}

    def test_vraag_is_zichtbaar(self, m, inkoper_a):
        stap = services.stap_toevoegen(melding=m, soort="vraag", tekst="Welke maatregelen?", door=inkoper_a)
        assert stap.intern is False
        assert services.vraag_open(m.stappen.all())

    @pytest.mark.parametrize("soort", ["antwoord", "status", "iets"])
    def test_andere_soorten_geweigerd(self, m, contractmanager_a, soort):
        with pytest.raises(ValidationError):
            services.stap_toevoegen(melding=m, soort=soort, tekst="x", door=contractmanager_a)

    def test_lege_tekst_en_bsn_geweigerd(self, m, contractmanager_a):
        with pytest.raises(ValidationError, match="Vul een tekst in"):
            services.stap_toevoegen(melding=m, soort="notitie", tekst="  ", door=contractmanager_a)
        with pytest.raises(ValidationError, match="burgerservicenummer"):
            services.stap_toevoegen(melding=m, soort="notitie", tekst=f"BSN {BSN}", door=contractmanager_a)
        assert not m.stappen.exists()

    @pytest.mark.parametrize("persona", ["contractmanager_b", "beoordelaar_a"])
    def test_buiten_de_regio_of_zonder_rol_geweigerd(self, m, persona, request):
        with pytest.raises(PermissionDenied):
            services.stap_toevoegen(melding=m, soort="notitie", tekst="x", door=request.getfixturevalue(persona))

    def test_aanbieder_voegt_geen_stap_toe(self, w, m):
        with pytest.raises(PermissionDenied):
            services.stap_toevoegen(melding=m, soort="vraag", tekst="x", door=w.lid)

    def test_geen_vraag_bij_een_afgehandelde_melding(self, m, contractmanager_a):
        services.melding_status(melding=m, status="afgehandeld", door=contractmanager_a)
        with pytest.raises(ValidationError, match="heropen"):
            services.stap_toevoegen(melding=m, soort="vraag", tekst="Nog iets?", door=contractmanager_a)
        services.stap_toevoegen(melding=m, soort="notitie", tekst="Archief.", door=contractmanager_a)


class TestBeantwoorden:
    def test_antwoord_op_een_open_vraag(self, w, m, contractmanager_a):
        services.stap_toevoegen(melding=m, soort="vraag", tekst="Is de IGJ ingelicht?", door=contractmanager_a)
        stap = services.melding_beantwoorden(melding=m, tekst="Ja, op 24-04.", door=w.lid)
        assert (stap.soort, stap.intern, stap.door) == ("antwoord", False, w.lid)
        assert not services.vraag_open(m.stappen.all())
        regel = AuditRegel.objects.get(actie="contractbeheer.melding_beantwoord")
        assert (regel.actor, regel.nieuwe_waarden) == (w.lid, {"stap": stap.pk})

    def test_zonder_open_vraag_geweigerd(self, w, m, contractmanager_a):
        with pytest.raises(ValidationError, match="geen vraag"):
            services.melding_beantwoorden(melding=m, tekst="Ongevraagd.", door=w.lid)
        services.stap_toevoegen(melding=m, soort="vraag", tekst="Vraag?", door=contractmanager_a)
        services.melding_beantwoorden(melding=m, tekst="Antwoord.", door=w.lid)
        with pytest.raises(ValidationError, match="geen vraag"):
            services.melding_beantwoorden(melding=m, tekst="Nog een antwoord.", door=w.lid)

    def test_interne_notitie_is_geen_vraag(self, w, m, contractmanager_a):
        services.stap_toevoegen(melding=m, soort="notitie", tekst="Intern.", door=contractmanager_a)
        with pytest.raises(ValidationError, match="geen vraag"):
            services.melding_beantwoorden(melding=m, tekst="x", door=w.lid)

    def test_andere_aanbieder_en_staf_geweigerd(self, w, m, contractmanager_a):
        services.stap_toevoegen(melding=m, soort="vraag", tekst="Vraag?", door=contractmanager_a)
        for persoon in (w.andere_lid, contractmanager_a):
            with pytest.raises(PermissionDenied):
                services.melding_beantwoorden(melding=m, tekst="x", door=persoon)

    def test_clientgegevens_in_antwoord_geweigerd(self, w, m, contractmanager_a):
        services.stap_toevoegen(melding=m, soort="vraag", tekst="Om wie gaat het?", door=contractmanager_a)
        with pytest.raises(ValidationError) as fout:
            services.melding_beantwoorden(melding=m, tekst="Het gaat om mevrouw Bakker.", door=w.lid)
        assert "tekst" in fout.value.message_dict
        assert services.vraag_open(m.stappen.all())


class TestStatus:
    def test_in_behandeling_afgehandeld_heropenen(self, m, contractmanager_a):
        services.melding_status(melding=m, status="in_behandeling", door=contractmanager_a)
        services.melding_status(melding=m, status="afgehandeld", toelichting="Maatregelen voldoende.",
                                door=contractmanager_a)
        services.melding_status(melding=m, status="in_behandeling", toelichting="Nieuwe informatie van de IGJ.",
                                door=contractmanager_a)
        m.refresh_from_db()
        assert m.status == "in_behandeling"
        stappen = [(s.soort, s.tekst, s.intern) for s in m.stappen.all()]
        assert stappen == [
            ("status", "In behandeling.", False),
            ("status", "Afgehandeld. Maatregelen voldoende.", False),
            ("status", "Heropend. Nieuwe informatie van de IGJ.", False),
        ]
        regels = list(AuditRegel.objects.filter(actie="contractbeheer.melding_status").order_by("id"))
        assert [(r.oude_waarden, r.nieuwe_waarden) for r in regels] == [
            ({"status": "ontvangen"}, {"status": "in_behandeling"}),
            ({"status": "in_behandeling"}, {"status": "afgehandeld"}),
            ({"status": "afgehandeld"}, {"status": "in_behandeling"}),
        ]
        assert regels[2].toelichting == "Nieuwe informatie van de IGJ."

    def test_direct_afhandelen_mag(self, m, inkoper_a):
        services.melding_status(melding=m, status="afgehandeld", door=inkoper_a)
        m.refresh_from_db()
        assert m.status == "afgehandeld"

    def test_heropenen_vraagt_een_reden(self, m, contractmanager_a):
        services.melding_status(melding=m, status="afgehandeld", door=contractmanager_a)
        with pytest.raises(ValidationError) as fout:
            services.melding_status(melding=m, status="in_behandeling", door=contractmanager_a)
        assert "toelichting" in fout.value.message_dict

    def test_verboden_overgang(self, m, contractmanager_a):
        services.melding_status(melding=m, status="in_behandeling", door=contractmanager_a)
        with pytest.raises(OngeldigeOvergang):
            services.melding_status(melding=m, status="ontvangen", door=contractmanager_a)
        with pytest.raises(OngeldigeOvergang):
            services.melding_status(melding=m, status="in_behandeling", door=contractmanager_a)
        assert m.stappen.count() == 1

    def test_onbekende_status(self, m, contractmanager_a):
        with pytest.raises(ValidationError, match="Onbekende status"):
            services.melding_status(melding=m, status="weg", door=contractmanager_a)

    def test_clientgegevens_in_toelichting(self, m, contractmanager_a):
        with pytest.raises(ValidationError, match="burgerservicenummer"):
            services.melding_status(melding=m, status="afgehandeld", toelichting=BSN, door=contractmanager_a)

    @pytest.mark.parametrize("persona", ["contractmanager_b", "beoordelaar_a", "sroi_adviseur_a"])
    def test_rechten(self, m, persona, request):
        with pytest.raises(PermissionDenied):
            services.melding_status(melding=m, status="afgehandeld", door=request.getfixturevalue(persona))

    def test_aanbieder_wijzigt_geen_status(self, w, m):
        with pytest.raises(PermissionDenied):
            services.melding_status(melding=m, status="afgehandeld", door=w.lid)


def test_audittrail_van_een_melding(w, contractmanager_a):
    m = doen(w.ovk, w.lid, w.soort("calamiteit"))
    services.stap_toevoegen(melding=m, soort="vraag", tekst="Vraag?", door=contractmanager_a)
    services.melding_beantwoorden(melding=m, tekst="Antwoord.", door=w.lid)
    services.melding_status(melding=m, status="afgehandeld", door=contractmanager_a)
    assert _acties(m) == ["contractbeheer.melding_ontvangen", "contractbeheer.melding_stap",
                          "contractbeheer.melding_beantwoord", "contractbeheer.melding_status"]


# --- mails ----------------------------------------------------------------------------------------------------


class TestMails:
    def test_melding_mailt_bureau_en_aanbieder_eenmaal(self, w, django_capture_on_commit_callbacks):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            m = doen(w.ovk, w.lid, w.soort("calamiteit"), op=datetime(2026, 4, 30, 9, 0, tzinfo=TZ))
        assert len(mail.outbox) == 2
        bureau, bevestiging = mail.outbox
        assert bureau.to == ["contractbeheer@bureau.example"]
        assert bureau.subject == "Melding Calamiteit of geweld in de zorgrelatie – Zorgkracht Jeugd (te laat)"
        assert "Uiterlijk te melden: 29-04-2026 23:59" in bureau.body
        assert "Te laat gemeld." in bureau.body
        assert f"/contractbeheer/meldingen/{m.pk}/" in bureau.body
        assert w.lid.email in bevestiging.to and "info@aanbieder.example" in bevestiging.to
        assert "contractbeheer@bureau.example" not in bevestiging.to
        assert bevestiging.subject == "Ontvangstbevestiging melding: Calamiteit of geweld in de zorgrelatie"
        assert "Ontvangen op: 30-04-2026 09:00 (via het portaal)" in bevestiging.body
        assert f"/mijn/verplichtingen/meldingen/{m.pk}/" in bevestiging.body
        assert "Inkoopbureau" in bevestiging.body
        # Once: a second delivery of the task sends nothing.
        assert taken.melding_ontvangen_versturen(m.pk) == 0
        assert len(mail.outbox) == 2
        # ADR 0028: the provider's confirmation is in its inbox; the bureau's mail is not.
        assert list(Bericht.objects.values_list("sleutel", "organisatie_id", "soort")) == [
            (f"melding:{m.pk}:bevestiging", w.ovk.organisatie_id, "Melding")]

    def test_op_tijd_in_de_bevestiging(self, w, django_capture_on_commit_callbacks):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            doen(w.ovk, w.lid, w.soort("calamiteit"))
        assert "Op tijd gemeld." in mail.outbox[1].body
        assert "(te laat)" not in mail.outbox[0].subject

    def test_zonder_adres_van_het_bureau_de_contractmanagers_van_de_regio(
        self, w, regio_a, contractmanager_a, contractmanager_b, inkoper_a, django_capture_on_commit_callbacks,
    ):
        regio_a.contact_email = ""
        regio_a.save()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            doen(w.ovk, w.lid, w.soort("calamiteit"))
        assert mail.outbox[0].to == [contractmanager_a.email]

    def test_vastgelegde_melding_alleen_een_bevestiging(self, w, contractmanager_a, django_capture_on_commit_callbacks):
        mail.outbox.clear()
        with time_machine.travel(LATER, tick=False), django_capture_on_commit_callbacks(execute=True):
            services.melding_vastleggen(overeenkomst=w.ovk, soort=w.soort("calamiteit"), gebeurd_op=VRIJDAG,
                                        ontvangen_op=LATER, kanaal="telefoon", samenvatting="Telefoon",
                                        omschrijving="Gebeld.", door=contractmanager_a)
        assert len(mail.outbox) == 1
        assert "(telefonisch)" in mail.outbox[0].body
        assert contractmanager_a.email not in mail.outbox[0].to

    def test_vraag_en_antwoord_elk_eenmaal(self, w, m, contractmanager_a, django_capture_on_commit_callbacks):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            vraag = services.stap_toevoegen(melding=m, soort="vraag", tekst="Welke maatregelen?",
                                            door=contractmanager_a)
        assert len(mail.outbox) == 1
        assert mail.outbox[0].subject == "Vraag over uw melding: Calamiteit of geweld in de zorgrelatie"
        assert "Welke maatregelen?" in mail.outbox[0].body and w.lid.email in mail.outbox[0].to
        assert taken.melding_vraag_versturen(vraag.pk) is False
        with django_capture_on_commit_callbacks(execute=True):
            antwoord = services.melding_beantwoorden(melding=m, tekst="Extra toezicht.", door=w.lid)
        assert len(mail.outbox) == 2
        assert mail.outbox[1].to == ["contractbeheer@bureau.example"]
        assert "Extra toezicht." in mail.outbox[1].body
        assert taken.melding_antwoord_versturen(antwoord.pk) is False
        assert len(mail.outbox) == 2

    def test_notitie_en_status_mailen_niet(self, m, contractmanager_a, django_capture_on_commit_callbacks):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            notitie = services.stap_toevoegen(melding=m, soort="notitie", tekst="Intern.", door=contractmanager_a)
            services.melding_status(melding=m, status="afgehandeld", door=contractmanager_a)
        assert mail.outbox == []
        # The question task ignores anything but a question (an internal note never leaves the bureau).
        assert taken.melding_vraag_versturen(notitie.pk) is False

    def test_taken_met_onbekend_id(self):
        assert taken.melding_ontvangen_versturen(999999) == 0
        assert taken.melding_vraag_versturen(999999) is False
        assert taken.melding_antwoord_versturen(999999) is False


# --- the shared refusals the meldingen rely on (contractbeheer.services._gemeen) -------------------------------


def test_gedeelde_weigeringen(w, contractmanager_a, contractmanager_b, inkoper_a, beoordelaar_a):
    from contractbeheer.services import _gemeen

    _gemeen.vereis(True, "nooit")
    with pytest.raises(PermissionDenied, match="zo niet"):
        _gemeen.vereis(False, "zo niet")
    _gemeen.vereis_beheer(contractmanager_a, w.ovk)
    _gemeen.vereis_beheer(inkoper_a, w.ovk)
    for persoon in (contractmanager_b, beoordelaar_a, w.lid):
        with pytest.raises(PermissionDenied):
            _gemeen.vereis_beheer(persoon, w.ovk)
    _gemeen.vereis_aanbieder(w.lid, w.ovk)
    for persoon in (w.andere_lid, contractmanager_a):
        with pytest.raises(PermissionDenied, match="aanbieder van deze overeenkomst"):
            _gemeen.vereis_aanbieder(persoon, w.ovk)
