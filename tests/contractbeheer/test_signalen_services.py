"""The signal services (contractbeheer.services.signalen; 000 r.737-749): who may pass a signal on and where, the
refusal of client data, triage and the status machine, the timeline (internal or not), the terugkoppeling, the
overdue triage by the calendar, audit and mails."""

from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from contractbeheer.models import Onderzoek, Signaal, Signaalstap
from contractbeheer.services import signalen as services
from contractbeheer.tasks import signalen as taken
from core.kalender import TZ
from core.models import AuditRegel
from core.toestand import OngeldigeOvergang

from ._gesprekken import MAANDAG, gemeente_medewerker, wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(regio_a, regio_b):
    return wereld(regio_a, regio_b)


@pytest.fixture
def consulent(regio_a):
    return gemeente_medewerker(regio_a, email="consulent@venlo.example")


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(MAANDAG, tick=False):
        yield


def _acties(obj):
    return list(AuditRegel.objects.voor_object(obj).order_by("id").values_list("actie", flat=True))


def doorgeven(w, door, **velden):
    gegevens = {
        "organisatie": w.ovk.organisatie, "gemeente": w.gemeenten[0], "bron": Signaal.Bron.GEMEENTE,
        "trap": Signaal.Trap.CONTRACTMANAGEMENT, "onderwerp": "Ondersteuningsplan niet opgesteld",
        "omschrijving": "Na drie verzoeken en opschaling binnen het team is er nog geen plan.",
        "kenmerk_melder": "ST-2026-0412", **velden,
    }
    return services.signaal_doorgeven(door=door, **gegevens)


def _in_behandeling(w, consulent, cm, **velden):
    s = doorgeven(w, consulent, **velden)
    return services.signaal_triage(signaal=s, ernst=Signaal.Ernst.MIDDEN, behandelaar=cm, door=cm)


class TestDoorgeven:
    def test_door_de_gemeente(self, w, consulent, contractmanager_a, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            s = doorgeven(w, consulent)
        assert s.regio == w.mlo.regio and s.status == Signaal.Status.ONTVANGEN and s.gemeld_door == consulent
        assert s.ontvangen_op == MAANDAG and s.kenmerk_melder == "ST-2026-0412"
        assert [(st.soort, st.intern) for st in s.stappen.all()] == [(Signaalstap.Soort.ONTVANGEN, False)]
        assert _acties(s) == ["contractbeheer.signaal_ontvangen"]
        # trap 3: the region's contract managers are mailed, once
        assert [m.to for m in mail.outbox] == [[contractmanager_a.email]]
        assert "trap 3" in mail.outbox[0].body and f"/admin/contractbeheer/signalen/{s.pk}/" in mail.outbox[0].body
        assert taken.signaal_contractmanagers_versturen(s.pk) is False

    def test_trap_1_en_2_zonder_mail(self, w, consulent, contractmanager_a, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            doorgeven(w, consulent, trap=Signaal.Trap.AANGESPROKEN)
            doorgeven(w, consulent, trap=Signaal.Trap.OPGESCHAALD)
        assert mail.outbox == []

    def test_met_overeenkomst(self, w, consulent):
        assert doorgeven(w, consulent, overeenkomst=w.ovk).overeenkomst == w.ovk

    def test_overeenkomst_van_een_andere_aanbieder_geweigerd(self, w, consulent):
        with pytest.raises(ValidationError) as fout:
            doorgeven(w, consulent, overeenkomst=w.andere_ovk)
        assert "overeenkomst" in fout.value.message_dict

    def test_aanbieder_zonder_overeenkomst_in_de_regio(self, w, consulent):
        with pytest.raises(ValidationError) as fout:
            doorgeven(w, consulent, organisatie=w.b_ovk.organisatie)
        assert "organisatie" in fout.value.message_dict

    def test_gemeente_van_een_andere_regio(self, w, consulent):
        with pytest.raises(PermissionDenied):
            doorgeven(w, consulent, gemeente=w.b_gemeenten[0], organisatie=w.b_ovk.organisatie)
        assert not Signaal.objects.exists()

    def test_gemeente_moet_een_gemeente_kiezen_en_niet_bureau_als_bron(self, w, consulent):
        with pytest.raises(ValidationError) as fout:
            doorgeven(w, consulent, gemeente=None, overeenkomst=w.ovk)
        assert "gemeente" in fout.value.message_dict
        with pytest.raises(ValidationError) as fout:
            doorgeven(w, consulent, bron=Signaal.Bron.BUREAU)
        assert "bron" in fout.value.message_dict

    @pytest.mark.parametrize(("veld", "tekst", "code"), [
        ("kenmerk_melder", "111222333", "BSN"),
        ("kenmerk_melder", "mevrouw Jansen", "naam"),
        ("omschrijving", "Cliënt De Vries kreeg geen plan.", "naam"),
        ("omschrijving", "Het gaat om BSN 111222333.", "BSN"),
        ("onderwerp", "J. de Vries wacht te lang", "naam"),
        ("omschrijving", "Jongere geboren op 3-4-2012 wacht.", "naam"),
    ])
    def test_geen_clientgegevens(self, w, consulent, veld, tekst, code):
        with pytest.raises(ValidationError) as fout:
            doorgeven(w, consulent, **{veld: tekst})
        assert veld in fout.value.message_dict
        melding = fout.value.message_dict[veld][0]
        assert ("burgerservicenummer" in melding) if code == "BSN" else ("naam of geboortedatum" in melding)
        assert not Signaal.objects.exists()

    def test_eigen_dossiercode_mag(self, w, consulent):
        assert doorgeven(w, consulent, kenmerk_melder="K-2024-017").kenmerk_melder == "K-2024-017"

    def test_bureau_legt_vast_zonder_gemeente(self, w, contractmanager_a, inkoper_a):
        s = doorgeven(w, contractmanager_a, gemeente=None, overeenkomst=w.ovk, bron=Signaal.Bron.BUREAU)
        assert s.regio == w.mlo.regio and s.gemeente is None
        s = doorgeven(w, inkoper_a, bron=Signaal.Bron.CLIENT)
        assert s.gemeld_door == inkoper_a
        with pytest.raises(ValidationError):
            doorgeven(w, contractmanager_a, gemeente=None)  # neither municipality nor agreement: no region

    @pytest.mark.parametrize("wie", ["beoordelaar", "contractmanager_b", "lid", "gemeente_b"])
    def test_wie_niet_mag(self, w, request, regio_b, wie):
        door = {"lid": lambda: w.lid, "gemeente_b": lambda: gemeente_medewerker(regio_b)}.get(
            wie, lambda: request.getfixturevalue(wie))()
        with pytest.raises(PermissionDenied):
            doorgeven(w, door)

    def test_leeg_onderwerp_en_onbekende_trap(self, w, consulent):
        with pytest.raises(ValidationError):
            doorgeven(w, consulent, onderwerp="  ")
        with pytest.raises(ValidationError) as fout:
            doorgeven(w, consulent, trap=4)
        assert "trap" in fout.value.message_dict


class TestTriage:
    def test_triage(self, w, consulent, contractmanager_a, inkoper_a):
        s = doorgeven(w, consulent)
        s = services.signaal_triage(signaal=s, ernst=Signaal.Ernst.MIDDEN, behandelaar=inkoper_a,
                                    toelichting="Eerst wachttijden opvragen.", door=contractmanager_a)
        assert s.status == Signaal.Status.IN_BEHANDELING and s.ernst == "midden" and s.behandelaar == inkoper_a
        stap = s.stappen.get(soort=Signaalstap.Soort.TRIAGE)
        assert stap.intern and "Eerst wachttijden opvragen." in stap.tekst and "Midden" in stap.tekst
        assert _acties(s)[-1] == "contractbeheer.signaal_triage"
        with pytest.raises(OngeldigeOvergang):
            services.signaal_triage(signaal=s, ernst="laag", behandelaar=inkoper_a, door=contractmanager_a)

    def test_ernst_hoog_mailt_contractmanagers_eenmaal(self, w, consulent, contractmanager_a,
                                                        django_capture_on_commit_callbacks):
        s = doorgeven(w, consulent, trap=Signaal.Trap.OPGESCHAALD)
        with django_capture_on_commit_callbacks(execute=True):
            services.signaal_triage(signaal=s, ernst=Signaal.Ernst.HOOG, behandelaar=contractmanager_a,
                                    door=contractmanager_a)
        assert len(mail.outbox) == 1 and "ernst hoog" in mail.outbox[0].body
        assert mail.outbox[0].to == [contractmanager_a.email]

    def test_behandelaar_buiten_de_regio_of_zonder_rol(self, w, consulent, contractmanager_a, contractmanager_b):
        s = doorgeven(w, consulent)
        for behandelaar in (contractmanager_b, consulent, None):
            with pytest.raises(ValidationError) as fout:
                services.signaal_triage(signaal=s, ernst="laag", behandelaar=behandelaar, door=contractmanager_a)
            assert "behandelaar" in fout.value.message_dict
        with pytest.raises(ValidationError):
            services.signaal_triage(signaal=s, ernst="extreem", behandelaar=contractmanager_a, door=contractmanager_a)

    def test_alleen_het_bureau_van_de_regio(self, w, consulent, contractmanager_a, contractmanager_b):
        s = doorgeven(w, consulent)
        for door in (consulent, contractmanager_b):
            with pytest.raises(PermissionDenied):
                services.signaal_triage(signaal=s, ernst="laag", behandelaar=contractmanager_a, door=door)


class TestNietOntvankelijk:
    def test_met_reden_als_terugkoppeling(self, w, consulent, contractmanager_a, django_capture_on_commit_callbacks):
        s = doorgeven(w, consulent, trap=Signaal.Trap.AANGESPROKEN)
        with django_capture_on_commit_callbacks(execute=True):
            s = services.signaal_niet_ontvankelijk(signaal=s, reden="Spreek de medewerker eerst zelf aan.",
                                                   door=contractmanager_a)
        assert s.status == Signaal.Status.NIET_ONTVANKELIJK and s.afgehandeld_op == MAANDAG
        assert s.terugkoppeling == "Spreek de medewerker eerst zelf aan."
        assert _acties(s)[-1] == "contractbeheer.signaal_niet_ontvankelijk"
        assert [m.to for m in mail.outbox] == [[consulent.email]]
        assert "Spreek de medewerker eerst zelf aan." in mail.outbox[0].body
        assert "/admin/contractbeheer/signalen/mijn/" in mail.outbox[0].body

    def test_zonder_reden_of_na_triage(self, w, consulent, contractmanager_a):
        s = doorgeven(w, consulent)
        with pytest.raises(ValidationError):
            services.signaal_niet_ontvankelijk(signaal=s, reden="", door=contractmanager_a)
        services.signaal_triage(signaal=s, ernst="laag", behandelaar=contractmanager_a, door=contractmanager_a)
        with pytest.raises(OngeldigeOvergang):
            services.signaal_niet_ontvankelijk(signaal=s, reden="Toch niet", door=contractmanager_a)


class TestOpvolging:
    def test_notitie_en_besproken_zijn_intern(self, w, consulent, contractmanager_a):
        s = _in_behandeling(w, consulent, contractmanager_a)
        n = services.signaal_notitie(signaal=s, tekst="Eerder signaal in 2025.", door=contractmanager_a)
        b = services.signaal_besproken(signaal=s, tekst="Teamleider erkent het; plan volgt.", door=contractmanager_a)
        assert n.intern and b.intern and b.soort == Signaalstap.Soort.AANBIEDER
        assert _acties(s)[-2:] == ["contractbeheer.signaal_notitie", "contractbeheer.signaal_besproken"]
        with pytest.raises(ValidationError):
            services.signaal_notitie(signaal=s, tekst="Mevrouw Jansen belde.", door=contractmanager_a)

    def test_besproken_pas_na_triage(self, w, consulent, contractmanager_a):
        with pytest.raises(ValidationError):
            services.signaal_besproken(signaal=doorgeven(w, consulent), tekst="Gebeld.", door=contractmanager_a)

    def test_onderzoek_koppelen(self, w, consulent, contractmanager_a):
        s = _in_behandeling(w, consulent, contractmanager_a)
        eigen = Onderzoek.objects.create(overeenkomst=w.ovk, signaal="Continuïteit", signaal_gemeld_op=date(2026, 3, 2),
                                         reactie_uiterlijk=date(2026, 3, 16), gestart_door=contractmanager_a)
        ander = Onderzoek.objects.create(overeenkomst=w.andere_ovk, signaal="Continuïteit",
                                         signaal_gemeld_op=date(2026, 3, 2), reactie_uiterlijk=date(2026, 3, 16),
                                         gestart_door=contractmanager_a)
        with pytest.raises(ValidationError):
            services.signaal_onderzoek_koppelen(signaal=s, onderzoek=ander, door=contractmanager_a)
        s = services.signaal_onderzoek_koppelen(signaal=s, onderzoek=eigen, door=contractmanager_a)
        assert s.onderzoek == eigen and eigen.signalen.get() == s
        assert _acties(s)[-1] == "contractbeheer.signaal_onderzoek"

    def test_terugkoppelen_en_afhandelen(self, w, consulent, contractmanager_a, django_capture_on_commit_callbacks):
        s = _in_behandeling(w, consulent, contractmanager_a)
        with pytest.raises(ValidationError):
            services.signaal_terugkoppelen(signaal=s, terugkoppeling=" ", afhandelen=True, door=contractmanager_a)
        with django_capture_on_commit_callbacks(execute=True):
            s = services.signaal_terugkoppelen(signaal=s, terugkoppeling="Besproken; de aanbieder past het aan.",
                                               afhandelen=True, door=contractmanager_a)
        assert s.status == Signaal.Status.AFGEHANDELD and s.afgehandeld_op == MAANDAG
        assert [st.soort for st in s.stappen.filter(intern=False)] == ["ontvangen", "terugkoppeling", "afgehandeld"]
        assert _acties(s)[-1] == "contractbeheer.signaal_terugkoppeling"
        assert [m.to for m in mail.outbox] == [[consulent.email]]
        assert "ST-2026-0412" in mail.outbox[0].body and "Afgehandeld" in mail.outbox[0].body
        with pytest.raises(ValidationError):
            services.signaal_terugkoppelen(signaal=s, terugkoppeling="Nog iets", door=contractmanager_a)

    def test_tussentijdse_terugkoppeling_laat_open(self, w, consulent, contractmanager_a):
        s = services.signaal_terugkoppelen(signaal=_in_behandeling(w, consulent, contractmanager_a),
                                           terugkoppeling="We zijn ermee bezig.", door=contractmanager_a)
        assert s.status == Signaal.Status.IN_BEHANDELING and s.terugkoppeling == "We zijn ermee bezig."

    def test_terugkoppeling_op_eigen_signaal_mailt_niet(self, w, contractmanager_a,
                                                        django_capture_on_commit_callbacks):
        s = _in_behandeling(w, contractmanager_a, contractmanager_a, bron=Signaal.Bron.BUREAU, trap=1)
        with django_capture_on_commit_callbacks(execute=True):
            services.signaal_terugkoppelen(signaal=s, terugkoppeling="Klaar.", afhandelen=True, door=contractmanager_a)
        assert mail.outbox == []

    def test_afgehandeld_vereist_terugkoppeling_ook_in_de_database(self, w, consulent, contractmanager_a):
        from django.db import IntegrityError, transaction

        s = _in_behandeling(w, consulent, contractmanager_a)
        with pytest.raises(IntegrityError), transaction.atomic():
            Signaal.objects.filter(pk=s.pk).update(status=Signaal.Status.AFGEHANDELD)

    def test_maatregel_koppeling_via_de_bestaande_service(self, w, consulent, contractmanager_a):
        from contractbeheer.models import Maatregel, Trede

        s = _in_behandeling(w, consulent, contractmanager_a)
        m = Maatregel.objects.create(overeenkomst=w.ovk, trede=Trede.WAARSCHUWING, gronden="Herhaald.",
                                     grondslag="003 §7.11", voornemen_op=MAANDAG, zienswijze_uiterlijk=date(2026, 3, 23),
                                     signaal=s)
        s = services.signaal_koppelen_aan_maatregel(signaal=s, maatregel=m, door=contractmanager_a)
        assert s.status == Signaal.Status.MAATREGEL and list(s.maatregelen.all()) == [m]
        assert _acties(s)[-1] == "contractbeheer.signaal_maatregel"
        assert s.stappen.get(soort=Signaalstap.Soort.MAATREGEL).tekst == "Waarschuwing (voornemen)."
        s = services.signaal_terugkoppelen(signaal=s, terugkoppeling="Er is een waarschuwing gegeven.",
                                           afhandelen=True, door=contractmanager_a)
        assert s.status == Signaal.Status.AFGEHANDELD


class TestTriageTermijn:
    def test_vijf_werkdagen_na_ontvangst(self):
        # Monday 9 March 2026 + 5 werkdagen = Monday 16 March; overdue from Tuesday 17 March.
        assert services.triage_uiterlijk(date(2026, 3, 9)) == date(2026, 3, 16)
        # (a signal of the weekend before counts from Monday 9 March too: working days after it)
        assert services.triage_grens(date(2026, 3, 16)) == date(2026, 3, 8)
        assert services.triage_grens(date(2026, 3, 17)) == date(2026, 3, 9)

    def test_over_koningsdag(self):
        # Friday 24 April 2026: Koningsdag (Monday 27 April) does not count -> Monday 4 May.
        assert services.triage_uiterlijk(date(2026, 4, 24)) == date(2026, 5, 4)

    def test_te_laat_alleen_zolang_ontvangen(self, w, consulent, contractmanager_a):
        s = doorgeven(w, consulent)
        assert not services.triage_te_laat(s, date(2026, 3, 16))
        assert services.triage_te_laat(s, date(2026, 3, 17))
        s = services.signaal_triage(signaal=s, ernst="laag", behandelaar=contractmanager_a, door=contractmanager_a)
        assert not services.triage_te_laat(s, date(2026, 3, 17))

    def test_ontvangst_na_middernacht_telt_in_amsterdamse_tijd(self, w, consulent):
        # 00:30 on Tuesday 10 March in Amsterdam is still Monday in UTC: the Dutch day counts.
        with time_machine.travel(datetime(2026, 3, 10, 0, 30, tzinfo=TZ), tick=False):
            s = doorgeven(w, consulent)
        assert not services.triage_te_laat(s, date(2026, 3, 17)) and services.triage_te_laat(s, date(2026, 3, 18))


def test_wie_mag_doorgeven(w, consulent, contractmanager_a, beoordelaar, regio_a):
    assert services.is_gemeente(consulent) and services.mag_doorgeven(consulent)
    assert not services.is_gemeente(contractmanager_a) and services.mag_doorgeven(contractmanager_a)
    assert not services.mag_doorgeven(beoordelaar) and not services.mag_doorgeven(w.lid)
    assert regio_a.pk in services.doorgeef_bereik(consulent)
    assert regio_a.pk in services.gemeente_bereik(consulent) and services.gemeente_bereik(contractmanager_a).leeg
