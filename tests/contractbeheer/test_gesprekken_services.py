"""The contract-talk services (contractbeheer.services.gesprekken; 002 UOK 13.1 r.126-137): planning with the
source's agenda, minutes, cancelling, agreed actions and who completes them, audit and mails (once each)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from contractbeheer.models import Contractgesprek, Gespreksactie
from contractbeheer.services import gesprekken as services
from contractbeheer.tasks import gesprekken as taken
from core.models import AuditRegel
from core.toestand import OngeldigeOvergang
from organisaties.models import Bericht

from ._gesprekken import MAANDAG, wereld

pytestmark = pytest.mark.django_db

VOLGENDE_WEEK = MAANDAG + timedelta(days=7)


@pytest.fixture
def w(regio_a, regio_b):
    return wereld(regio_a, regio_b)


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(MAANDAG, tick=False):
        yield


def _acties(obj):
    return list(AuditRegel.objects.voor_object(obj).order_by("id").values_list("actie", flat=True))


def _plannen(w, door, **velden):
    return services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=VOLGENDE_WEEK, door=door, **velden)


def _houden(g, door):
    return services.verslag_vastleggen(gesprek=g, verslag="KPI's en wachttijden besproken; wachtlijst daalt.",
                                       deelnemers="Contractmanager bureau, directeur aanbieder",
                                       gehouden_op=MAANDAG - timedelta(hours=1), door=door)


def test_de_standaardagenda_is_de_lijst_van_002_uok_13_1():
    agenda = services.standaardagenda().splitlines()
    assert len(agenda) == 13  # 002 r.126-137: thirteen topics
    assert agenda[0] == "[ ] de KPI’s onder artikel 33 monitoring, van bijlage 1"
    assert "[ ] Doorlooptijden (wachttijden en wachtlijsten)" in agenda
    assert agenda[-1] == "[ ] Ambities van de Aanbieder"


class TestPlannen:
    def test_met_standaardagenda_audit_en_mail(self, w, contractmanager_a, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            g = _plannen(w, contractmanager_a, locatie="Kantoor Venlo")
        assert g.status == Contractgesprek.Status.GEPLAND
        assert g.onderwerpen == services.standaardagenda()
        assert g.gepland_door == contractmanager_a
        assert _acties(g) == ["contractbeheer.gesprek_gepland"]
        assert len(mail.outbox) == 1
        bericht = mail.outbox[0]
        assert w.lid.email in bericht.to
        assert "16-03-2026 om 10:00" in bericht.body and "Kantoor Venlo" in bericht.body
        assert "Doorlooptijden (wachttijden en wachtlijsten)" in bericht.body
        assert f"/mijn/verplichtingen/gesprekken/{g.pk}/" in bericht.body
        # ADR 0028: also in the provider's inbox, under the region, linked to the talk.
        (inbox,) = Bericht.objects.filter(organisatie_id=w.ovk.organisatie_id)
        assert (inbox.soort, inbox.onderwerp, inbox.pad, inbox.regio_id) == (
            "Contractgesprek", bericht.subject, f"/mijn/verplichtingen/gesprekken/{g.pk}/", w.ovk.aanbesteding.regio_id)
        # once: the task again sends nothing
        assert taken.gesprek_gepland_versturen(g.pk) is False
        assert len(mail.outbox) == 1

    def test_eigen_agenda(self, w, contractmanager_a):
        g = _plannen(w, contractmanager_a, onderwerpen="[x] Vervoer\n[ ] Onderaannemers")
        assert g.onderwerpen == "[x] Vervoer\n[ ] Onderaannemers"

    def test_lege_agenda_geweigerd(self, w, contractmanager_a):
        with pytest.raises(ValidationError) as fout:
            _plannen(w, contractmanager_a, onderwerpen="  ")
        assert "onderwerpen" in fout.value.message_dict

    @pytest.mark.parametrize("verschil", [timedelta(0), -timedelta(minutes=1), -timedelta(days=3)])
    def test_niet_in_het_verleden(self, w, contractmanager_a, verschil):
        with pytest.raises(ValidationError) as fout:
            services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + verschil, door=contractmanager_a)
        assert "toekomst" in str(fout.value)
        assert not Contractgesprek.objects.exists()

    def test_naief_moment_is_amsterdamse_tijd(self, w, contractmanager_a):
        g = services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=VOLGENDE_WEEK.replace(tzinfo=None),
                                     door=contractmanager_a)
        assert g.gepland_op == VOLGENDE_WEEK

    def test_geen_clientgegevens_in_de_agenda(self, w, contractmanager_a):
        with pytest.raises(ValidationError) as fout:
            _plannen(w, contractmanager_a, onderwerpen="Casus mevrouw Jansen bespreken")
        assert "onderwerpen" in fout.value.message_dict

    def test_rechten(self, w, contractmanager_b, beoordelaar, inkoper_a):
        for wie in (contractmanager_b, beoordelaar, w.lid):
            with pytest.raises(PermissionDenied):
                _plannen(w, wie)
        assert _plannen(w, inkoper_a).gepland_door == inkoper_a


class TestVerslag:
    def test_verslag_zet_gehouden_en_mailt(self, w, contractmanager_a, django_capture_on_commit_callbacks):
        g = _plannen(w, contractmanager_a)
        with django_capture_on_commit_callbacks(execute=True):
            g = _houden(g, contractmanager_a)
        g.refresh_from_db()
        assert g.status == Contractgesprek.Status.GEHOUDEN
        assert g.verslag_door == contractmanager_a and g.gehouden_op == MAANDAG - timedelta(hours=1)
        assert _acties(g) == ["contractbeheer.gesprek_gepland", "contractbeheer.gesprek_verslag"]
        assert len(mail.outbox) == 1 and "Het verslag van het contractgesprek van 09-03-2026" in mail.outbox[0].body
        assert taken.gesprek_verslag_versturen(g.pk) is False
        assert Bericht.objects.get(sleutel=f"contractgesprek:{g.pk}:verslag").onderwerp == mail.outbox[0].subject

    @pytest.mark.parametrize(("veld", "waarden"), [
        ("verslag", {"verslag": " "}),
        ("deelnemers", {"deelnemers": ""}),
        ("gehouden_op", {"gehouden_op": MAANDAG + timedelta(minutes=5)}),
        ("verslag", {"verslag": "Besproken: cliënt De Vries wacht te lang."}),
        ("verslag", {"verslag": "Dossier 111222333 besproken."}),
    ])
    def test_geweigerd(self, w, contractmanager_a, veld, waarden):
        g = _plannen(w, contractmanager_a)
        velden = {"verslag": "Besproken.", "deelnemers": "Bureau, aanbieder", "gehouden_op": MAANDAG, **waarden}
        with pytest.raises(ValidationError) as fout:
            services.verslag_vastleggen(gesprek=g, door=contractmanager_a, **velden)
        assert veld in fout.value.message_dict
        g.refresh_from_db()
        assert g.status == Contractgesprek.Status.GEPLAND

    def test_tweede_verslag_of_na_annulering_geweigerd(self, w, contractmanager_a):
        g = _houden(_plannen(w, contractmanager_a), contractmanager_a)
        with pytest.raises(OngeldigeOvergang):
            _houden(g, contractmanager_a)
        h = services.gesprek_annuleren(gesprek=_plannen(w, contractmanager_a), reden="Ziekte", door=contractmanager_a)
        with pytest.raises(OngeldigeOvergang):
            _houden(h, contractmanager_a)

    def test_aanbieder_of_andere_regio_mag_niet(self, w, contractmanager_a, contractmanager_b):
        g = _plannen(w, contractmanager_a)
        for wie in (w.lid, contractmanager_b):
            with pytest.raises(PermissionDenied):
                _houden(g, wie)


class TestAnnuleren:
    def test_met_reden(self, w, contractmanager_a):
        g = services.gesprek_annuleren(gesprek=_plannen(w, contractmanager_a), reden="Aanbieder verzocht uitstel.",
                                       door=contractmanager_a)
        assert g.status == Contractgesprek.Status.GEANNULEERD and g.geannuleerd_reden == "Aanbieder verzocht uitstel."
        assert _acties(g)[-1] == "contractbeheer.gesprek_geannuleerd"
        # a cancelled talk is no longer mailed as planned
        assert taken.gesprek_gepland_versturen(g.pk) is False

    def test_zonder_reden_of_na_gehouden(self, w, contractmanager_a):
        g = _plannen(w, contractmanager_a)
        with pytest.raises(ValidationError):
            services.gesprek_annuleren(gesprek=g, reden=" ", door=contractmanager_a)
        _houden(g, contractmanager_a)
        with pytest.raises(OngeldigeOvergang):
            services.gesprek_annuleren(gesprek=g, reden="Te laat", door=contractmanager_a)


class TestActies:
    @pytest.fixture
    def gehouden(self, w, contractmanager_a):
        return _houden(_plannen(w, contractmanager_a), contractmanager_a)

    def _actie(self, g, door, eigenaar=Gespreksactie.Eigenaar.AANBIEDER, uiterlijk=date(2026, 4, 1)):
        return services.actie_toevoegen(gesprek=g, omschrijving="Wachtlijst per product aanleveren",
                                        eigenaar=eigenaar, uiterlijk=uiterlijk, door=door)

    def test_toevoegen(self, gehouden, contractmanager_a):
        a = self._actie(gehouden, contractmanager_a)
        assert a.status == Gespreksactie.Status.OPEN and a.uiterlijk == date(2026, 4, 1)
        assert _acties(a) == ["contractbeheer.gespreksactie_toegevoegd"]

    def test_vandaag_mag_gisteren_niet(self, gehouden, contractmanager_a):
        assert self._actie(gehouden, contractmanager_a, uiterlijk=date(2026, 3, 9)).uiterlijk == date(2026, 3, 9)
        with pytest.raises(ValidationError) as fout:
            self._actie(gehouden, contractmanager_a, uiterlijk=date(2026, 3, 8))
        assert "uiterlijk" in fout.value.message_dict

    def test_alleen_in_een_gehouden_gesprek(self, w, contractmanager_a):
        with pytest.raises(ValidationError):
            self._actie(_plannen(w, contractmanager_a), contractmanager_a)

    def test_onbekende_eigenaar_of_lege_omschrijving(self, gehouden, contractmanager_a):
        with pytest.raises(ValidationError):
            self._actie(gehouden, contractmanager_a, eigenaar="gemeente")
        with pytest.raises(ValidationError):
            services.actie_toevoegen(gesprek=gehouden, omschrijving=" ", eigenaar="bureau", uiterlijk=date(2026, 4, 1),
                                     door=contractmanager_a)

    def test_aanbieder_rondt_eigen_actie_af(self, w, gehouden, contractmanager_a):
        a = self._actie(gehouden, contractmanager_a)
        a = services.actie_afronden(actie=a, toelichting="Aangeleverd per mail", door=w.lid)
        assert a.status == Gespreksactie.Status.AFGEROND and a.afgerond_door == w.lid
        assert a.afgerond_op == MAANDAG
        assert _acties(a)[-1] == "contractbeheer.gespreksactie_afgerond"
        with pytest.raises(OngeldigeOvergang):
            services.actie_afronden(actie=a, door=w.lid)

    def test_aanbieder_niet_de_actie_van_het_bureau_of_van_een_ander(self, w, gehouden, contractmanager_a):
        bureau = self._actie(gehouden, contractmanager_a, eigenaar=Gespreksactie.Eigenaar.BUREAU)
        eigen = self._actie(gehouden, contractmanager_a)
        with pytest.raises(PermissionDenied):
            services.actie_afronden(actie=bureau, door=w.lid)
        with pytest.raises(PermissionDenied):
            services.actie_afronden(actie=eigen, door=w.andere_lid)
        assert services.mag_afronden(w.lid, eigen) and not services.mag_afronden(w.lid, bureau)

    def test_bureau_rondt_elke_actie_af_maar_niet_in_een_andere_regio(self, w, gehouden, contractmanager_a,
                                                                       contractmanager_b):
        a = self._actie(gehouden, contractmanager_a)
        with pytest.raises(PermissionDenied):
            services.actie_afronden(actie=a, door=contractmanager_b)
        assert services.actie_afronden(actie=a, door=contractmanager_a).status == Gespreksactie.Status.AFGEROND

    def test_te_laat(self, gehouden, contractmanager_a):
        a = self._actie(gehouden, contractmanager_a)
        assert not services.actie_te_laat(a, date(2026, 4, 1))
        assert services.actie_te_laat(a, date(2026, 4, 2))
        a.status = Gespreksactie.Status.AFGEROND
        assert not services.actie_te_laat(a, date(2026, 4, 2))
