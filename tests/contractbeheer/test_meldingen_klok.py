"""The clocks of meldingen with the sources' numbers (002 B1 27.1, 30.2; 003 Eis 82): deadline and "te laat"
decided at receipt, from the server's clock in the portal and from the real receipt for a recorded notice."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from contractbeheer import services
from contractbeheer.models import Melding
from core.kalender import TZ

from ._meldingen import VRIJDAG, doen, wereld

pytestmark = pytest.mark.django_db

WOENSDAG_2359 = datetime(2026, 4, 29, 23, 59, tzinfo=TZ)


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


class TestTweeWerkdagenOverKoningsdag:
    """002 B1 30.2 r.438: "binnen twee (2) werkdagen". Friday 24-04-2026 16:30; Saturday, Sunday and Koningsdag
    (Monday 27-04-2026) do not count, so the second working day is Wednesday 29-04-2026, until 23:59."""

    def test_termijn_is_woensdag_2359(self, w):
        m = doen(w.ovk, w.lid, w.soort("calamiteit"))
        assert m.uiterlijk == WOENSDAG_2359
        assert m.uiterlijk.astimezone(TZ).strftime("%A %d-%m-%Y %H:%M") == "Wednesday 29-04-2026 23:59"
        assert (m.kanaal, m.gemeld_door, m.vastgelegd_door) == (Melding.Kanaal.PORTAAL, w.lid, None)
        assert m.te_laat is False

    @pytest.mark.parametrize(("op", "te_laat"), [
        (datetime(2026, 4, 27, 10, 0, tzinfo=TZ), False),  # on Koningsdag itself
        (datetime(2026, 4, 29, 23, 59, tzinfo=TZ), False),  # the deadline minute counts
        (datetime(2026, 4, 29, 23, 59, 59, tzinfo=TZ), False),
        (datetime(2026, 4, 30, 0, 0, tzinfo=TZ), True),
        (datetime(2026, 4, 30, 9, 0, tzinfo=TZ), True),
    ])
    def test_op_tijd_tot_en_met_de_laatste_minuut(self, w, op, te_laat):
        m = doen(w.ovk, w.lid, w.soort("calamiteit"), op=op)
        assert m.ontvangen_op == op
        assert m.uiterlijk == WOENSDAG_2359
        assert m.te_laat is te_laat

    def test_ontvangst_is_de_klok_van_de_server_ook_in_utc(self, w):
        # 30-04 00:30 in Amsterdam is 29-04 22:30 UTC: the Amsterdam clock decides, so this is late.
        op = datetime(2026, 4, 29, 22, 30, tzinfo=UTC)
        m = doen(w.ovk, w.lid, w.soort("calamiteit"), op=op)
        assert m.ontvangen_op.astimezone(TZ) == datetime(2026, 4, 30, 0, 30, tzinfo=TZ)
        assert m.te_laat is True

    def test_te_laat_blijft_zoals_bij_ontvangst(self, w, contractmanager_a):
        m = doen(w.ovk, w.lid, w.soort("calamiteit"), op=datetime(2026, 4, 30, 9, 0, tzinfo=TZ))
        with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=TZ), tick=False):
            services.melding_status(melding=m, status="in_behandeling", door=contractmanager_a)
            services.melding_status(melding=m, status="afgehandeld", toelichting="Besproken.", door=contractmanager_a)
        m.refresh_from_db()
        assert (m.te_laat, m.uiterlijk) == (True, WOENSDAG_2359)


class TestGooiEenWerkdag:
    """003 Eis 82 r.3088: a calamiteit "uiterlijk op de volgende werkdag na het optreden"."""

    def test_over_het_weekend_is_het_maandag(self, w):
        soort = w.soort("calamiteit", w.gooi)
        vrijdagavond = datetime(2026, 3, 6, 22, 0, tzinfo=TZ)
        m = doen(w.gooi_ovk, w.gooi_lid, soort, gebeurd_op=vrijdagavond, op=datetime(2026, 3, 8, 11, 0, tzinfo=TZ))
        assert m.uiterlijk == datetime(2026, 3, 9, 23, 59, tzinfo=TZ)
        assert m.te_laat is False

    def test_dinsdag_is_te_laat(self, w):
        soort = w.soort("calamiteit", w.gooi)
        m = doen(w.gooi_ovk, w.gooi_lid, soort, gebeurd_op=datetime(2026, 3, 6, 22, 0, tzinfo=TZ),
                 op=datetime(2026, 3, 10, 8, 0, tzinfo=TZ))
        assert m.te_laat is True

    def test_24_uur_bij_continuiteit(self, w):
        # 003 Eis 88 r.3095 "direct", read as within 24 hours.
        soort = w.soort("continuiteit", w.gooi)
        m = doen(w.gooi_ovk, w.gooi_lid, soort, gebeurd_op=datetime(2026, 3, 6, 22, 0, tzinfo=TZ),
                 op=datetime(2026, 3, 7, 21, 0, tzinfo=TZ))
        assert (m.uiterlijk, m.te_laat) == (datetime(2026, 3, 7, 22, 0, tzinfo=TZ), False)


class TestInformatiebeveiliging24Uur:
    """002 B1 27.1 r.429: "onmiddellijk", read as within 24 hours of the event (ADR 0019)."""

    GEBEURD = datetime(2026, 3, 10, 9, 15, tzinfo=TZ)

    @pytest.mark.parametrize(("na", "te_laat"), [
        (timedelta(hours=1), False),
        (timedelta(hours=24), False),
        (timedelta(hours=24, seconds=59), False),
        (timedelta(hours=24, minutes=2), True),
        (timedelta(days=3), True),
    ])
    def test_binnen_24_uur(self, w, na, te_laat):
        m = doen(w.ovk, w.lid, w.soort("informatiebeveiliging"), gebeurd_op=self.GEBEURD, op=self.GEBEURD + na)
        assert m.uiterlijk == datetime(2026, 3, 11, 9, 15, tzinfo=TZ)
        assert m.te_laat is te_laat

    def test_ook_in_het_weekend_geen_werkdagen(self, w):
        zaterdag = datetime(2026, 3, 14, 8, 0, tzinfo=TZ)
        m = doen(w.ovk, w.lid, w.soort("informatiebeveiliging"), gebeurd_op=zaterdag,
                 op=datetime(2026, 3, 16, 8, 0, tzinfo=TZ))
        assert m.uiterlijk == datetime(2026, 3, 15, 8, 0, tzinfo=TZ)
        assert m.te_laat is True


class TestVastgelegdeMelding:
    """A notice by post, e-mail or phone counts from its real receipt, not from when staff typed it in."""

    def _vastleggen(self, w, door, ontvangen_op, *, kanaal="post", op=datetime(2026, 5, 6, 10, 0, tzinfo=TZ), **extra):
        with time_machine.travel(op, tick=False):
            return services.melding_vastleggen(
                overeenkomst=w.ovk, soort=w.soort("calamiteit"), gebeurd_op=VRIJDAG, ontvangen_op=ontvangen_op,
                kanaal=kanaal, samenvatting="Brief over een calamiteit", omschrijving="Per post ontvangen melding.",
                door=door, **extra)

    def test_postbrief_op_tijd_ontvangen_maar_later_vastgelegd(self, w, contractmanager_a):
        m = self._vastleggen(w, contractmanager_a, datetime(2026, 4, 29, 11, 0, tzinfo=TZ))
        assert (m.kanaal, m.vastgelegd_door, m.gemeld_door) == ("post", contractmanager_a, None)
        assert m.ontvangen_op == datetime(2026, 4, 29, 11, 0, tzinfo=TZ)
        assert (m.uiterlijk, m.te_laat) == (WOENSDAG_2359, False)

    def test_postbrief_te_laat_ontvangen(self, w, inkoper_a):
        m = self._vastleggen(w, inkoper_a, datetime(2026, 4, 30, 9, 0, tzinfo=TZ), kanaal="email")
        assert m.te_laat is True

    def test_telefoon(self, w, contractmanager_a):
        m = self._vastleggen(w, contractmanager_a, datetime(2026, 4, 28, 9, 0, tzinfo=TZ), kanaal="telefoon")
        assert (m.get_kanaal_display(), m.te_laat) == ("Telefonisch", False)

    def test_naive_momenten_zijn_amsterdamse_tijd(self, w, contractmanager_a):
        m = self._vastleggen(w, contractmanager_a, datetime(2026, 4, 29, 23, 30))
        assert m.ontvangen_op == datetime(2026, 4, 29, 23, 30, tzinfo=TZ)
        assert m.te_laat is False

    def test_ontvangst_in_de_toekomst_geweigerd(self, w, contractmanager_a):
        with pytest.raises(ValidationError) as fout:
            self._vastleggen(w, contractmanager_a, datetime(2026, 5, 7, 9, 0, tzinfo=TZ))
        assert "toekomst" in str(fout.value)
        assert not Melding.objects.exists()

    def test_ontvangst_voor_de_gebeurtenis_geweigerd(self, w, contractmanager_a):
        with pytest.raises(ValidationError, match="na de ontvangst"):
            self._vastleggen(w, contractmanager_a, datetime(2026, 4, 24, 9, 0, tzinfo=TZ))

    def test_kanaal_portaal_is_geen_vastlegging(self, w, contractmanager_a):
        with pytest.raises(ValidationError, match="e-mail, telefoon of post"):
            self._vastleggen(w, contractmanager_a, datetime(2026, 4, 28, 9, 0, tzinfo=TZ), kanaal="portaal")
